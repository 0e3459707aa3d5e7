"""Every page in a real browser, opened from disk with the network cut off.

Headless Chromium (Debian's `chromium` package), driven by Playwright. For each page: no console
error, no failed request, no request leaving the disk, every image loaded with alt text, math
rendered by MathJax (no raw TeX left, assistive MathML present), each widget's static figure shown
with its note, and no accessibility violation of impact serious or critical found by axe-core.
With NNCOURSE_SCREENSHOTS=1, a full-page screenshot of each page is saved under _build/screenshots
for a person to look at (not by default: it checks nothing, and on the long pages it costs a sixth of
the test's time).

Each widget is then played as a reader plays it: every experiment chosen from its menu, each
control it moves moved with the keyboard and with the pointer, and each time the figure must be
the frame for the new values, loaded, with no console error.

Without Chromium the test skips with a message; CI installs Chromium and sets
NNCOURSE_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

import json
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


def launch_chromium(test: str):
    """Debian's Chromium, launched headless by Playwright for ``test`` (the generator a session
    fixture yields from); a skip with how to install it if it is missing, a failure in CI."""
    if not Path(CHROMIUM).exists():
        message = (
            f"Chromium is not installed, so {test} cannot run: install Debian's `chromium` "
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
def browser():
    yield from launch_chromium("the browser test")


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
        if os.environ.get("NNCOURSE_SCREENSHOTS") == "1":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"{docname.replace('/', '__')}.png", full_page=True)
        assert not problems, "\n".join(problems)
        assert_accessible(page)
    finally:
        page.close()


CODE = [".highlight", ".sig"]
"""Highlighted code and cell outputs, and the API's signatures: thousands of small spans whose colours
come from a handful of style rules. axe-core's colour-contrast check spends most of its time on them
(on the API page, 55 s of 75), so they get an exact check of their own (``code_contrasts``) and
axe-core's colour-contrast check reads the rest of the page."""


def assert_accessible(page) -> None:
    """No violation of impact serious or critical, as axe-core judges the page as it is shown; and
    every colour of code on it readable against its background (WCAG AA)."""
    from axe_playwright_python.sync_playwright import Axe

    every_rule_but_contrast = {"resultTypes": ["violations"], "rules": {"color-contrast": {"enabled": False}}}
    contrast_only = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": ["color-contrast"]}}
    axe, but_code = Axe(), {"exclude": [[selector] for selector in CODE]}
    violations = axe.run(page, options=every_rule_but_contrast).response["violations"]
    violations += axe.run(page, context=but_code, options=contrast_only).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}, at " + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations if v["impact"] in ("serious", "critical")
    ]
    serious += [
        f"code coloured {c['color']} on {c['background']} ({c['size']}, weight {c['weight']}) has contrast {ratio:.2f}, "
        f"below {needed}: {c['example']!r}"
        for c in page.evaluate(CODE_COLOURS, CODE) for ratio, needed in [code_contrast(c)] if ratio < needed
    ]
    assert not serious, "axe-core finds:\n" + "\n".join(serious)


CODE_COLOURS = """selectors => {
    const parse = c => {  // [r, g, b, alpha] of a computed colour
        if (!c.startsWith('rgb')) throw new Error(`a colour the contrast check cannot read: ${c}`);
        return c.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4);
    };
    const over = (top, below) => top[3] >= 1 ? top : [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
    const backgrounds = new Map();
    const background = e => {  // the colour behind e's text: its own background, composited over its ancestors'
        if (!e) return [255, 255, 255, 1];
        if (!backgrounds.has(e)) {
            backgrounds.set(e, over(parse(getComputedStyle(e).backgroundColor), background(e.parentElement)));
        }
        return backgrounds.get(e);
    };
    const found = new Map();
    for (const e of document.querySelectorAll(selectors.flatMap(s => [s, s + ' *']).join(', '))) {
        const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!text || !e.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;  // as axe-core skips it
        const style = getComputedStyle(e), behind = background(e);
        const colour = over(parse(style.color), behind);
        const key = [colour, behind, style.fontSize, style.fontWeight].join('|');
        if (!found.has(key)) found.set(key, {color: colour, background: behind, size: parseFloat(style.fontSize),
            weight: Number(style.fontWeight), example: `${e.className}: ${e.textContent.trim().slice(0, 40)}`});
    }
    return [...found.values()];
}"""
"""Each distinct pair of text colour and background among the code's elements that hold text, with
its font size and weight (alpha composited, as the eye sees it)."""


def relative_luminance(rgb) -> float:
    """WCAG 2's relative luminance of an sRGB colour given as 0-255 channels."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def code_contrast(colours: dict) -> tuple[float, float]:
    """The contrast ratio of text on its background, and the ratio WCAG AA asks of it: 3 for large
    text (24 px, or 18.66 px bold), else 4.5."""
    lighter, darker = sorted(map(relative_luminance, (colours["color"], colours["background"])), reverse=True)
    large = colours["size"] >= 24 or (colours["size"] >= 18.66 and colours["weight"] >= 700)
    return (lighter + 0.05) / (darker + 0.05), 3.0 if large else 4.5


@pytest.mark.parametrize("where", ["article p", ".highlight pre"])
def test_the_audit_finds_text_too_pale_to_read(site, browser, where):
    """Grey #999 on white (2.8:1) in a paragraph is found by axe-core, and in a code block by the
    code's own check."""
    page, _ = open_page(browser, (site / "chapters/01_neuron.html").as_uri())
    try:
        page.locator(where).first.evaluate("e => e.insertAdjacentHTML('beforeend', '<span style=\"color: #999\">pale</span>')")
        with pytest.raises(AssertionError, match="color-contrast" if where == "article p" else "below 4.5: ': pale'"):
            assert_accessible(page)
    finally:
        page.close()


def test_the_contrast_formula_is_wcags():
    """Black on white is 21:1, a colour on itself 1:1, and WCAG's own example: #767676 on white
    is the lightest grey that reaches 4.5:1 (4.54), #777777 falls short (4.48)."""
    text = {"background": [255, 255, 255, 1], "size": 16, "weight": 400}
    assert code_contrast({**text, "color": [0, 0, 0, 1]}) == pytest.approx((21.0, 4.5))
    assert code_contrast({**text, "color": [255, 255, 255, 1]})[0] == pytest.approx(1.0)
    assert code_contrast({**text, "color": [0x76] * 3 + [1]})[0] == pytest.approx(4.54, abs=0.005)
    assert code_contrast({**text, "color": [0x77] * 3 + [1]})[0] < 4.5
    assert code_contrast({**text, "color": [0x77] * 3 + [1], "size": 24})[1] == 3.0


def test_search_works_offline(site, browser):
    page, problems = open_page(browser, (site / "search.html").as_uri() + "?q=sigmoid")
    try:
        page.wait_for_selector("#search-results li", timeout=15000)
        assert page.locator("#search-results li").count() >= 1
        assert "The neuron" in page.locator("#search-results").inner_text()
        assert not problems, "\n".join(problems)
    finally:
        page.close()


def widget_pages() -> list[str]:
    """The chapters that show a widget: their notebooks call a widget's factory."""
    import re

    from nnlib.widgets import WIDGETS

    from ..conftest import ROOT

    call = re.compile(r"\b(" + "|".join(WIDGETS) + r")\(")
    return [name for name in toc_entries() if name.startswith("chapters/")
            and call.search((ROOT / f"{name}.ipynb").read_text(encoding="utf-8"))]


WIDGET_PAGES = widget_pages()


@pytest.mark.parametrize("docname", WIDGET_PAGES)
def test_every_widget_plays_from_disk(site, browser, docname):
    """For every widget on the page: nothing of the player loads before the reader touches it;
    each experiment can be chosen from the menu, and shows its starting frame and hint; each
    control, moved with the keyboard and with the pointer (in the first experiment that moves
    it, and in every experiment at least one control), shows the frame for the new values (the
    file named by the values' tokens), decoded; every control has a label."""
    page, problems = open_page(browser, (site / f"{docname}.html").as_uri())
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        figures = page.locator("figure.nnlib-widget-static").all()
        specs = [json.loads(f.locator("script.nnlib-player-spec").text_content()) for f in figures]
        assert specs, f"{docname} calls a widget, but its page shows no player"
        assert not [url for url in requests if "nnlib-frames" in url], "frames loaded before the reader touched a widget"
        for figure, spec in zip(figures, specs):
            play(page, figure, spec)
        assert not problems, "\n".join(problems)
    finally:
        page.close()


def play(page, figure, spec) -> None:
    panel = figure.locator(".nnlib-player")
    unlabelled = panel.evaluate(
        "panel => [...panel.querySelectorAll('input, select')].filter(e => !(e.labels.length && e.labels[0].textContent.trim()))"
        ".map(e => e.id)"
    )
    assert not unlabelled, f"{spec['widget']}: controls without a label: {unlabelled}"
    menu = panel.locator(".nnlib-player-try select")
    moved = set()  # the controls already moved both ways: once is enough, in the first experiment that moves them
    for number, experiment in enumerate(spec["experiments"]):
        if number:
            menu.focus()
            page.keyboard.press("ArrowDown")  # the next experiment
        where = f"{spec['widget']}, experiment {experiment['title']!r}"
        assert panel.locator(".nnlib-player-hint").inner_text() == experiment["hint"], where
        tokens = {name: pair[0] for name, pair in experiment["start"].items()}
        positions = {name: [p[0] for p in pairs].index(tokens[name]) for name, pairs in experiment["moves"].items()}
        if number:
            assert_frame(page, figure, spec, tokens, where + ", at its start")
        else:  # untouched: the still picture
            assert figure.locator("img.nnlib-widget-frame").get_attribute("src").startswith("data:image/png;base64,")
        fresh = [name for name in experiment["moves"] if name not in moved] or list(experiment["moves"])[:1]
        for control in spec["controls"]:
            name = control["name"]
            if name not in experiment["moves"]:
                assert figure.locator(f"[id$='-{name}']").is_disabled(), f"{where}: {name} should not move"
                continue
            if name not in fresh:
                continue
            moved.add(name)
            offered = experiment["moves"][name]
            element = figure.locator(f"[id$='-{name}']")
            for how in ("keyboard", "pointer"):
                position = positions[name]
                if how == "keyboard":
                    element.focus()
                    forward = position < len(offered) - 1
                    keys = ("ArrowDown", "ArrowUp") if control["menu"] else ("ArrowRight", "ArrowLeft")
                    page.keyboard.press(keys[0] if forward else keys[1])
                    position += 1 if forward else -1
                else:
                    position = 0 if position else len(offered) - 1
                    if control["menu"]:
                        element.select_option(index=position)
                    else:  # a click near either end of the track sets the slider to that end
                        box = element.bounding_box()
                        x = box["x"] + (2 if position == 0 else box["width"] - 2)
                        page.mouse.click(x, box["y"] + box["height"] / 2)
                positions[name] = position
                tokens[name] = offered[position][0]
                assert_frame(page, figure, spec, tokens, f"{where}, {name} moved by {how} to {offered[position][1]}")
                if not control["menu"]:
                    shown = figure.locator(f"output[for$='-{name}']").inner_text()
                    assert shown == offered[position][1], f"{where}: {name} shows {shown}, expected {offered[position][1]}"


def assert_frame(page, figure, spec, tokens: dict, where: str) -> None:
    """The figure shows the frame named by these tokens, decoded, with alt text."""
    expected = "_".join(tokens[c["name"]] for c in spec["controls"]) + ".png"
    image = figure.locator("img.nnlib-widget-frame")
    assert image.count() == 1, f"{where}: {image.count()} pictures in the figure"
    source = image.get_attribute("src")
    assert source.endswith(f"/nnlib-frames/{spec['widget']}/{expected}"), f"{where}: shows {source}, expected {expected}"
    image.evaluate("img => img.decode()")
    assert image.evaluate("img => img.naturalWidth") > 0, f"{where}: the frame {expected} did not load"
    assert image.get_attribute("alt").strip(), f"{where}: the frame has no alt text"
