"""The built website, shared by the site tests: built once per session from a clean _build."""

import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ..conftest import ROOT

BUILD = ROOT / "_build"
HTML = BUILD / "html"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


BUILD_LOG = BUILD / "test-book-build.log"


class BookBuild:
    """One clean build of the book with warnings as errors, as `make book` runs it, in a process of
    its own: started as soon as the tests are collected, so that it runs while the unit tests and the
    chapters under nbval do, and waited for by the first test that reads the site."""

    process: subprocess.Popen | None = None

    @classmethod
    def start(cls) -> None:
        for generated in ("html", "jupyter_execute", ".doctrees", ".jupyter_cache"):
            shutil.rmtree(BUILD / generated, ignore_errors=True)
        BUILD.mkdir(exist_ok=True)
        with BUILD_LOG.open("w") as log:  # the child writes to its own copy of the descriptor
            cls.process = subprocess.Popen(
                [str(JUPYTER_BOOK), "build", str(ROOT), "--warningiserror", "--keep-going"],
                stdout=log, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
            )

    @classmethod
    def wait(cls) -> Path:
        if cls.process is None:
            cls.start()
        returncode = cls.process.wait()
        log = BUILD_LOG.read_text().splitlines()
        problems = [line for line in log if "WARNING" in line or "ERROR" in line or "Error" in line]
        assert returncode == 0, "the book build failed:\n" + "\n".join(problems[-30:] + log[-15:])
        return HTML


def reads_the_site(item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(session, config, items) -> None:
    """The tests that read the site last, so that the build has the rest of the run to finish."""
    items.sort(key=reads_the_site)  # a stable sort: each group keeps its order


def pytest_collection_finish(session) -> None:
    if not session.config.option.collectonly and any(map(reads_the_site, session.items)):
        BookBuild.start()


def pytest_unconfigure(config) -> None:
    if BookBuild.process is not None and BookBuild.process.poll() is None:  # the run was cut short
        BookBuild.process.kill()
        BookBuild.process.wait()


@pytest.fixture(scope="session")
def site() -> Path:
    """The book built from scratch with warnings as errors, as `make book` does: _build/html."""
    return BookBuild.wait()


def pages(site: Path) -> list[Path]:
    """Every built HTML page (not the theme's static files)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


@functools.cache
def soup(path: Path) -> BeautifulSoup:
    """The parsed page, parsed once for all the site tests (which only read it)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
