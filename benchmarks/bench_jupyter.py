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
it. Each press is split in three by the kernel, whose LiveFigure's ``render`` is wrapped to note
when it starts and ends (same machine, same clock): the way in (the key's event, ipywidgets'
message, the Jupyter server, the kernel's comm), the kernel's render (the widget's update, the
blit and the PNG's encoding), and the way out (the image's message back, its ``<img>`` decoding).
The PNG's size is given beside them.
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

STAMP_RENDERS = """
import time as _time
def _stamped(live):
    render = live.render
    def timed():
        start = _time.time()
        png = render()
        live.stamps.append((start, _time.time(), len(png)))
        return png
    live.stamps = []
    live.render = timed
_stamped(Out[{n}])
"""
"""Wrap the LiveFigure ``Out[n]``'s render so that every call notes its start, its end and the PNG's size."""


def widget_chapters() -> list[Path]:
    from tests.jupyter.test_frontends import WIDGET_CHAPTERS

    return WIDGET_CHAPTERS


def time_widget(page, index: int, count: int) -> tuple[str, list[tuple[float, float, float]], list[int]]:
    """Press arrow keys on every control of the widget; return its name, and for every press the
    seconds of the way in, the kernel's render and the way out, and the PNG's size."""
    root = frontend.cell(page, index).locator(".jp-OutputArea-output .widget-vbox").first
    img = root.locator("img.widget-image").first
    page.evaluate(frontend.KERNEL_RUN, STAMP_RENDERS.format(n=count))
    name = frontend.kernel_eval(page, name=f"Out[{count}].draw.__module__.rsplit('.', 1)[-1]")["name"]
    frontend.settle(img)
    parts, sizes = [], []
    for kind, element in frontend.controls(root):
        key = frontend.key_towards_the_middle(kind, element)
        for _ in range(PRESSES_PER_CONTROL):
            pressed, loaded = frontend.key_to_image(page, img, element, key)
            frontend.settle(img, 150)
            start, end, size = frontend.kernel_eval(page, last=f"Out[{count}].stamps[-1]")["last"]
            parts.append((start - pressed, end - start, loaded - end))
            sizes.append(size)
            key = OPPOSITE[key]
    return name, parts, sizes


def median_ms(values) -> str:
    return format_seconds(statistics.median(values))


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
                    name, parts, sizes = time_widget(page, index, count)
                    totals = [sum(p) for p in parts]
                    every += totals
                    typical = statistics.median(totals)
                    way_in, render, way_out = zip(*parts)
                    table.add(Row(
                        "jupyter",
                        f"{name}: key press to new image in JupyterLab ({len(totals)} presses, {path.stem})",
                        f"{format_seconds(typical)} median, worst {format_seconds(max(totals))}",
                        f"in {median_ms(way_in)} + kernel render {median_ms(render)} + out {median_ms(way_out)}; "
                        f"PNG {statistics.median(sizes) / 1000:.0f} kB",
                        target=f"<= {TARGET_SECONDS * 1e3:.0f} ms median",
                        met=typical <= TARGET_SECONDS,
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
