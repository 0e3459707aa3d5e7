"""One Jupyter server and one Chromium for the front-end tests, started once per session.

Without Chromium the tests skip with a message, as the site's browser test does; CI installs it and
sets NNCOURSE_REQUIRE_BROWSER=1, which turns the skip into a failure.
"""


import pytest

from ..site.test_browser import launch_chromium
from .frontend import CHAPTERS, start_server


@pytest.fixture(scope="session")
def chromium():
    yield from launch_chromium("the JupyterLab test")


@pytest.fixture(scope="session")
def jupyter_server(chromium, tmp_path_factory):
    """JupyterLab, serving Notebook 7 too, on a copy of every chapter (started after the browser, so
    that without Chromium no server starts)."""
    server = start_server(tmp_path_factory.mktemp("jupyter"), sorted(CHAPTERS.glob("*.ipynb")))
    yield server
    server.stop()
