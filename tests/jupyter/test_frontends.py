"""The chapters as Binder and local readers open them: in JupyterLab and in Notebook 7.

One Jupyter server on 127.0.0.1 and one headless Chromium (tests/jupyter/conftest.py), the page
at 1920 x 1080 CSS pixels with a device pixel ratio of 2. In JupyterLab every chapter is opened,
and every chapter with a widget is run in full; in Notebook 7, a few chapters whose widgets
hold every kind of control between them (``covering_every_kind_of_control``). Then:

- no cell shows an error, a traceback or anything on stderr;
- every Markdown cell is rendered by jupyterlab-myst, with no raw MyST left in it (no role,
  directive, fence, option line or HTML tag shows as text);
- every widget is live (the ipywidgets view, not the website's still picture), its labels show in
  full, its figure is shown at its natural size and sharp (twice the pixels at a pixel ratio of
  2), and controls and figure fit in one view;
- each control, moved with the keyboard (keeping the focus) and with the pointer, changes the
  image, and the image the page shows is the widget's drawing function at the kernel's new values,
  rendered in full (to the tolerance of tests/widgets/test_registry.py).
"""

import base64
import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from nnlib.widgets import WIDGETS

from ..widgets.test_registry import assert_same_picture
from . import frontend
from .frontend import CHAPTERS

NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))


def widgets_shown(path) -> list[str]:
    """The names of the widgets (of nnlib.widgets.WIDGETS) a chapter shows, in the order it shows them."""
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code")
    calls = re.finditer(rf"^({'|'.join(map(re.escape, WIDGETS))})\(", code, re.M)
    return [call.group(1) for call in calls]


def shows_a_widget(path) -> bool:
    return bool(widgets_shown(path))


WIDGET_CHAPTERS = [p for p in NOTEBOOKS if shows_a_widget(p)]


def control_kinds(path) -> set[str]:
    """The kinds of control (ipywidgets classes) of the widgets a chapter shows."""
    return {type(control).__name__ for name in widgets_shown(path) for control in WIDGETS[name]().controls.values()}


def covering_every_kind_of_control() -> list:
    """Few chapters whose widgets together hold every kind of control the course's widgets use:
    each time the chapter that adds the most kinds not yet covered (the first such in order). What
    went wrong in Notebook 7 depends on the front end and the kind of control (a slider and its keys),
    not on the widget, so Notebook 7 runs these, and JupyterLab every one."""
    chosen, covered = [], set()
    every_kind = set().union(*map(control_kinds, WIDGET_CHAPTERS))
    while covered != every_kind:
        best = max(WIDGET_CHAPTERS, key=lambda path: len(control_kinds(path) - covered))
        chosen.append(best)
        covered |= control_kinds(best)
    return chosen


NOTEBOOK7_CHAPTERS = covering_every_kind_of_control()


def test_every_widget_is_shown_by_a_chapter():
    shown = "\n".join(p.read_text() for p in WIDGET_CHAPTERS)
    assert all(f"{name}()" in shown for name in WIDGETS), "a widget of nnlib.widgets.WIDGETS is in no chapter"


# --- what a page shows --------------------------------------------------------------------------

MARKDOWN = """() => [...document.querySelectorAll('.jp-Notebook .jp-MarkdownCell')].map(cell => {
    const myst = cell.querySelector('.myst');
    const rendered = myst || cell.querySelector('.jp-RenderedMarkdown');
    if (!rendered) return {renderer: 'none', text: '', bare: []};
    const copy = rendered.cloneNode(true);
    copy.querySelectorAll('code, pre, .katex, mjx-container, script, style').forEach(e => e.remove());
    // an unknown role renders as a bare <span> holding its content (unlike math, code, a
    // cross-reference, or HTML written in the text, which jupyterlab-myst wraps in a classed span)
    const bare = [...rendered.querySelectorAll('span:not([class]):not([data-state])')]
        .filter(s => !s.closest('.katex, pre, code, .jp-RenderedHTMLCommon') && s.children.length === 0 && s.textContent.trim())
        .map(s => s.textContent);
    return {renderer: myst ? 'myst' : 'plain', text: copy.innerText, bare};
})"""

RAW_MYST = {
    "a role or directive name": re.compile(r"\{[a-z][\w:-]*\}"),
    "a code fence": re.compile(r"```|:::"),
    "a directive option": re.compile(r"^:[a-z-]+:", re.M),
    "a label target": re.compile(r"^\([\w-]+\)=", re.M),
    "an HTML tag or comment": re.compile(r"</?[a-z]+[ >]|<!--|-->"),
    "an unknown directive": re.compile(r"Unknown (Directive|Role)"),
    "unrendered math": re.compile(r"\$"),
}


ALL_RENDERED = """() => [...document.querySelectorAll('.jp-Notebook .jp-MarkdownCell')]
    .every(cell => cell.querySelector('.myst, .jp-RenderedMarkdown'))"""


def raw_myst(page) -> list[str]:
    """What is wrong in the page's rendered Markdown cells, one line per problem."""
    try:  # the cells render in the background after the notebook opens
        page.wait_for_function(ALL_RENDERED, timeout=60000)
    except PlaywrightTimeout:
        pass  # the cells left unrendered are reported below
    problems = []
    for i, cell in enumerate(page.evaluate(MARKDOWN)):
        if cell["renderer"] != "myst":
            problems.append(f"Markdown cell {i} is not rendered by jupyterlab-myst ({cell['renderer']})")
        for what, pattern in RAW_MYST.items():
            if m := pattern.search(cell["text"]):
                start = max(0, m.start() - 60)
                problems.append(f"Markdown cell {i} shows {what}: ...{cell['text'][start:m.end() + 60]!r}...")
        problems += [f"Markdown cell {i} shows {text!r} as the content of an unknown role" for text in cell["bare"]]
    return problems


def errors_shown(nb: dict) -> list[str]:
    """Every error, traceback or stderr output in the executed notebook, with its cell."""
    found = []
    for i, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                found.append(f"cell {i}: {output['ename']}: {output['evalue']}")
            elif output["output_type"] == "stream" and output["name"] == "stderr":
                found.append(f"cell {i} printed on stderr: {''.join(output['text'])[:300]}")
        if cell["cell_type"] == "code" and cell["execution_count"] is None:
            found.append(f"cell {i} did not run")
    return found


STATE = (
    "(Out[{n}].values(), __import__('base64').b64encode(__import__('nnlib.plots', fromlist=['figure_to_png'])"
    ".figure_to_png(Out[{n}].draw(**Out[{n}].values()), dpi=Out[{n}].scale * Out[{n}].dpi)).decode())"
)
"""The kernel's values of the widget ``Out[n]`` and a full render of its drawing function at them."""


class Widget:
    """One live widget in the page, and the LiveFigure behind it in the kernel (``Out[n]``)."""

    def __init__(self, page, index: int, count: int):
        self.page, self.count = page, count
        self.root = frontend.cell(page, index).locator(".jp-OutputArea-output .widget-vbox").first
        self.img = self.root.locator("img.widget-image").first
        self.src = None

    def check_shows_its_drawing(self, after: str) -> dict:
        """The image in the page is a full render of the drawing function at the kernel's values;
        return those values."""
        self.src = frontend.settle(self.img)
        shown = frontend.image_bytes(self.img)
        values, expected = frontend.kernel_eval(self.page, state=STATE.format(n=self.count))["state"]
        assert_same_picture(shown, base64.b64decode(expected), f"{after}, at {values}")
        return values

    def resync(self) -> dict:
        """After a failed check: wait for the image to settle, and return the kernel's values."""
        self.src = frontend.settle(self.img)
        return frontend.kernel_eval(self.page, values=f"Out[{self.count}].values()")["values"]

    def move(self, action, what: str, before: dict) -> dict:
        """Do ``action``; check that the image changed, and that it shows the drawing at the new
        values, which must differ from ``before``; return them."""
        action()
        try:
            changed = "([img, old]) => img.src !== old"
            self.page.wait_for_function(changed, arg=[self.img.element_handle(), self.src], timeout=20000)
        except PlaywrightTimeout:
            raise AssertionError(f"{what} did not change the image within 20 s") from None
        values = self.check_shows_its_drawing(what)
        assert values != before, f"{what} did not change the kernel's values"
        return values


def check_layout(widget: Widget) -> list[str]:
    problems = []
    for label in widget.root.locator(".widget-label").all():
        text, fits = label.evaluate("e => [e.textContent, e.scrollWidth <= e.clientWidth]")
        if not fits:
            problems.append(f"the label {text!r} is cut short")
    size = widget.img.evaluate(
        "e => ({natural: e.naturalWidth, css: e.getBoundingClientRect().width, ratio: window.devicePixelRatio})"
    )
    if abs(size["natural"] - size["css"] * size["ratio"]) > 1:
        problems.append(
            f"the figure is {size['natural']} pixels wide, shown {size['css']:.0f} CSS pixels wide at a pixel ratio of "
            f"{size['ratio']}: {size['css'] * size['ratio'] / size['natural']:.2f} times enlarged "
            "(should be 1: natural size, sharp)"
        )
    height = widget.root.bounding_box()["height"]
    view = widget.page.locator(".jp-WindowedPanel-outer").first.bounding_box()["height"]
    if height > view:
        problems.append(f"controls and figure are {height:.0f} px high, more than the {view:.0f} px of the notebook's view")
    return problems


ABOVE_THE_MIDDLE = """e => Number(e.getAttribute('aria-valuenow'))
    > (Number(e.getAttribute('aria-valuemin')) + Number(e.getAttribute('aria-valuemax'))) / 2"""


def play_with(widget: Widget) -> list[str]:
    """Move every control of the widget with the keyboard, then with the pointer; return what went wrong."""
    if widget.root.count() != 1 or widget.img.count() != 1:
        return ["the widget is not live (no ipywidgets box with an image)"]
    problems = []

    def attempt(action, what, values):
        try:
            return widget.move(action, what, values)
        except AssertionError as error:
            problems.append(str(error))
            return widget.resync()

    values = widget.check_shows_its_drawing("as first shown")
    for kind, element in frontend.controls(widget.root):
        label = frontend.label_of(element)
        key = frontend.key_towards_the_middle(kind, element)
        values = attempt(lambda: frontend.press(widget.page, element, key), f"{key} on {label!r}", values)
        if not element.evaluate("e => document.activeElement === e"):
            problems.append(f"{key} on {label!r} moved the focus away from the control")
        if kind == "slider":
            fraction = 0.2 if element.evaluate(ABOVE_THE_MIDDLE) else 0.8
            values = attempt(lambda: frontend.drag(widget.page, element, fraction), f"dragging {label!r}", values)
        else:
            index = element.evaluate("e => e.selectedIndex === 0 ? e.options.length - 1 : 0")
            values = attempt(lambda: element.select_option(index=index), f"choosing entry {index} of {label!r}", values)
    return problems


def check_chapter(page, path, where: str, run: bool) -> None:
    problems = []
    if run:
        frontend.run_all(page)
        nb = frontend.notebook_json(page)
        problems += errors_shown(nb)
    problems += raw_myst(page)
    if run:
        cells = frontend.widget_cells(nb)
        expected = len(widgets_shown(path))
        assert len(cells) == expected, f"{where}: expected {expected} live widget(s), found {len(cells)}"
        for index, count in cells:
            widget = Widget(page, index, count)
            problems += [f"widget of cell {index}: {p}" for p in check_layout(widget) + play_with(widget)]
    assert not problems, f"{where}:\n  " + "\n  ".join(problems)


# --- the tests --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lab(chromium, jupyter_server):
    problems = []
    page = frontend.open_lab(chromium, jupyter_server, problems)
    yield page, problems
    page.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_in_jupyterlab(lab, jupyter_server, path):
    page, page_problems = lab
    frontend.open_in_lab(page, jupyter_server, f"chapters/{path.name}")
    try:
        check_chapter(page, path, f"JupyterLab, {path.name}", run=path in WIDGET_CHAPTERS)
        problems, page_problems[:] = list(page_problems), []  # the page is shared: report each problem once
        assert not problems, "\n".join(problems)
    finally:
        frontend.close_notebook(page)


@pytest.mark.parametrize("path", NOTEBOOK7_CHAPTERS, ids=lambda p: p.stem)
def test_chapter_in_notebook7(chromium, jupyter_server, path):
    problems = []
    page = frontend.open_in_notebook7(chromium, jupyter_server, f"chapters/{path.name}", problems)
    try:
        check_chapter(page, path, f"Notebook 7, {path.name}", run=True)
        assert not problems, "\n".join(problems)
    finally:
        frontend.close_notebook(page)
        page.close()
