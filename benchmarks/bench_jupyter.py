"""Widget latency in JupyterLab: from a key press on a control to the new image decoded in the page.

What a reader feels, end to end: the browser sends the control's new value to the kernel, the
LiveFigure updates its figure and encodes a PNG, the PNG travels back (kernel, Jupyter server,
websocket) and the page decodes it. The page measures it itself: the time from the ``keydown``
event to the image's ``load`` event (``tests/jupyter/frontend.py``, which the JupyterLab test
shares). One JupyterLab server on 127.0.0.1 and one headless Chromium (Debian's), the page at
1920 x 1080 with a device pixel ratio of 2, as in the test.

For every chapter with a widget, after "Run all", each control of its widget is moved by arrow
keys, back and forth, waiting after each press until the kernel is idle and the image has settled
(so each press is timed alone). The figure is the median over all presses, with the worst beside
it. Beside them, measured in the kernel at the widget's default values: its ``render()`` (the
update and the PNG encoding: the kernel's share of the round trip) and the PNG's size.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from timing import Row, format_seconds

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.jupyter import frontend  # noqa: E402
from tests.site.test_browser import CHROMIUM_ARGS  # noqa: E402

TARGET_SECONDS = 0.100
PRESSES_PER_CONTROL = 6
OPPOSITE = {"ArrowRight": "ArrowLeft", "ArrowLeft": "ArrowRight", "ArrowUp": "ArrowDown", "ArrowDown": "ArrowUp"}

KERNEL_SIDE = (
    "(lambda w, t: (w.draw.__module__.rsplit('.', 1)[-1], len(w.render()),"
    " sorted(t.repeat(lambda: w.render(), number=1, repeat=7))[3]))"
    "(Out[{n}], __import__('timeit'))"
)
"""The widget's module name, its PNG's size in bytes, and the median time of its render()."""


def widget_chapters() -> list[Path]:
    from tests.jupyter.test_frontends import WIDGET_CHAPTERS

    return WIDGET_CHAPTERS


def time_widget(page, index: int, count: int) -> tuple[str, list[float], int, float]:
    """Press arrow keys on every control of the widget; return its name, every latency (s), the
    PNG's size and the kernel's render time (s)."""
    root = frontend.cell(page, index).locator(".jp-OutputArea-output .widget-vbox").first
    img = root.locator("img.widget-image").first
    name, png_bytes, render = frontend.kernel_eval(page, k=KERNEL_SIDE.format(n=count))["k"]
    frontend.settle(img)
    latencies = []
    for kind, element in frontend.controls(root):
        key = frontend.key_towards_the_middle(kind, element)
        for _ in range(PRESSES_PER_CONTROL):
            latencies.append(frontend.key_to_image_ms(page, img, element, key) / 1000)
            frontend.settle(img, 150)
            key = OPPOSITE[key]
    return name, latencies, png_bytes, render


def run(table, env: dict) -> None:
    """``env``: the environment the kernels run with (the reader's, not the one-thread BLAS
    setting of the timing sections)."""
    if not Path(frontend.CHROMIUM).exists():
        table.add_skip("jupyter", "Chromium is not installed (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    chapters = widget_chapters()
    with tempfile.TemporaryDirectory() as workdir, sync_playwright() as playwright:
        server = frontend.start_server(Path(workdir), chapters, env=env)
        browser = playwright.chromium.launch(executable_path=frontend.CHROMIUM, args=CHROMIUM_ARGS)
        try:
            problems: list[str] = []
            page = frontend.open_lab(browser, server, problems)
            every = []
            for path in chapters:
                frontend.open_in_lab(page, server, f"chapters/{path.name}")
                frontend.run_all(page)
                for index, count in frontend.widget_cells(frontend.notebook_json(page)):
                    name, latencies, png_bytes, render = time_widget(page, index, count)
                    every += latencies
                    typical, worst = statistics.median(latencies), max(latencies)
                    table.add(Row(
                        "jupyter",
                        f"{name}: key press to new image in JupyterLab ({len(latencies)} presses, {path.stem})",
                        f"{format_seconds(typical)} median, worst {format_seconds(worst)}",
                        f"kernel render() {format_seconds(render)}; PNG {png_bytes / 1000:.0f} kB",
                        target=f"<= {TARGET_SECONDS * 1e3:.0f} ms median",
                        met=typical <= TARGET_SECONDS,
                        note=f"the rest of the round trip {format_seconds(max(0.0, typical - render))}",
                    ))
                frontend.close_notebook(page)
            if every:
                table.add(Row("jupyter", f"every widget: {len(every)} key presses",
                              f"{format_seconds(statistics.median(every))} median, worst {format_seconds(max(every))}",
                              target=f"<= {TARGET_SECONDS * 1e3:.0f} ms median",
                              met=statistics.median(every) <= TARGET_SECONDS))
            assert not problems, problems
        finally:
            browser.close()
            server.stop()
