"""One Jupyter server and one Chromium for the front-end tests, started once per session.

Without Chromium the tests skip with a message, as the site's browser test does; CI installs it and
sets NNCOURSE_REQUIRE_BROWSER=1, which turns the skip into a failure.
"""

import os
from pathlib import Path

import pytest

from ..site.test_browser import CHROMIUM_ARGS
from .frontend import CHAPTERS, CHROMIUM, start_server


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = (
            "Chromium is not installed, so the JupyterLab test cannot run: install Debian's `chromium` "
            "package (apt-get install chromium). CI installs it and sets NNCOURSE_REQUIRE_BROWSER=1."
        )
        if os.environ.get("NNCOURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def jupyter_server(chromium, tmp_path_factory):
    """JupyterLab, serving Notebook 7 too, on a copy of every chapter (started after the browser, so
    that without Chromium no server starts)."""
    server = start_server(tmp_path_factory.mktemp("jupyter"), sorted(CHAPTERS.glob("*.ipynb")))
    yield server
    server.stop()
