"""Every page in a real browser, opened from disk with the network cut off.

Headless Chromium (Debian's `chromium` package), driven by Playwright. For each page: no console
error, no failed request, no request leaving the disk, every image loaded with alt text, math
rendered by MathJax (no raw TeX left, assistive MathML present), each widget's static figure shown
with its note. A full-page screenshot of each page is saved under _build/screenshots for a person
to look at.

Without Chromium the test skips with a message; CI installs Chromium and sets
NNCOURSE_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

from ..conftest import toc_entries
from .conftest import BUILD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]
SCREENSHOTS = BUILD / "screenshots"
EXTRA_PAGES = ["genindex", "search"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = (
            "Chromium is not installed, so the browser test cannot run: install Debian's `chromium` "
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


def open_page(browser, url: str):
    """Open ``url`` with every request that does not come from disk refused, and record problems."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"uncaught exception: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url} ({r.failure})"))

    def only_disk(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            problems.append(f"request left the disk: {route.request.url}")
            route.abort()

    page.route("**/*", only_disk)
    page.goto(url, wait_until="load")
    return page, problems


RAW_TEX = """() => {
    const body = document.querySelector("article") || document.body;
    const copy = body.cloneNode(true);
    copy.querySelectorAll("pre, code, script, mjx-container, .highlight").forEach(e => e.remove());
    const text = copy.innerText;
    return ["\\\\(", "\\\\[", "$$"].filter(s => text.includes(s));
}"""


@pytest.mark.parametrize("docname", toc_entries() + EXTRA_PAGES)
def test_page_reads_right_offline(site, browser, docname):
    page, problems = open_page(browser, (site / f"{docname}.html").as_uri())
    try:
        if page.locator(".math").count():
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=15000)
            page.evaluate("() => MathJax.startup.promise")
            unrendered = page.evaluate(
                "() => [...document.querySelectorAll('.math')].filter(e => !e.querySelector('mjx-container')).length"
            )
            assert unrendered == 0, f"{unrendered} math elements were not rendered"
            assert page.evaluate(RAW_TEX) == [], "raw TeX is left on the page"
            assert page.locator("mjx-assistive-mml").count() > 0, "no assistive MathML for screen readers"
        page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=15000)
        images = page.evaluate(
            "() => [...document.images].map(i => ({src: i.currentSrc.slice(0, 80), width: i.naturalWidth, alt: i.alt}))"
        )
        for image in images:
            assert image["width"] > 0, f"image did not load: {image['src']}"
            assert image["alt"].strip(), f"image without alt text: {image['src']}"
        for widget in page.locator("figure.nnlib-widget-static").all():
            assert widget.locator("img").bounding_box()["height"] > 100, "a widget's static figure is not shown"
            assert "Binder" in widget.locator("figcaption").inner_text(), "a widget's note on going live is missing"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{docname.replace('/', '__')}.png", full_page=True)
        assert not problems, "\n".join(problems)
    finally:
        page.close()


def test_search_works_offline(site, browser):
    page, problems = open_page(browser, (site / "search.html").as_uri() + "?q=sigmoid")
    try:
        page.wait_for_selector("#search-results li", timeout=15000)
        assert page.locator("#search-results li").count() >= 1
        assert "The neuron" in page.locator("#search-results").inner_text()
        assert not problems, "\n".join(problems)
    finally:
        page.close()
