"""Widget latency: from a control's new value to the finished PNG, for every widget of the course.

Every widget is a :class:`nnlib.widgets.live.LiveFigure` registered in ``nnlib.widgets.WIDGETS``,
so widgets added later are timed with no change here. Setting ``control.value`` in Python calls
the LiveFigure's update synchronously (what a reader's slider triggers in the kernel, without the
browser round trip): the widget's drawing function, then rendering to PNG with matplotlib's Agg
backend at the widget's dpi. Each control steps through a few values across its range (every
entry of a menu), round after round, and the figure is the median over all updates. The CPU
time of the same updates is shown beside it: on a busy machine the wall time also counts the
waits for a free core, the CPU time does not.

The split into "draw" (the widget's function builds the Figure) and "PNG" (Agg lays a new figure
out, renders it and encodes it) comes from direct calls at the widget's default values,
interleaved, with matplotlib's own ``savefig`` beside nnlib's ``figure_to_png``: what a full
render costs, which a blitting widget (LiveFigure's ``update`` returns the artists it changes)
pays once, when it is built.

The website's player (:mod:`nnlib.widgets.player`) is measured too:

- the book build's extra step: every widget's frames rendered into a temporary folder by
  ``write_site_frames`` in two processes, as ``_ext/widget_player.py`` does (wall and CPU time);
- the frames' size, per widget: all of a chapter's frames, which its page loads when touched;
- a frame switch in headless Chromium: each widget's still picture, player script and frames in
  a page opened from disk; once the first touch has loaded the experiment's frames, a control is
  moved with the keyboard again and again, and the player records the time from each input
  event to the new frame decoded (and to the next paint).
"""

from __future__ import annotations

import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

import ipywidgets
import numpy as np
from timing import Row, format_seconds, median, paired_ratio, per_call_times

from nnlib.plots import figure_to_png
from nnlib.widgets import WIDGETS
from nnlib.widgets.player import FRAMES_FOLDER, write_site_frames

TARGET_SECONDS = 0.050
SLIDER_STOPS = 5
BUILD_TARGET_SECONDS = 30.0
SWITCH_TARGET_SECONDS = 0.016
SWITCHES = 24
PLAYER_SCRIPT = Path(__file__).resolve().parents[1] / "_ext" / "widget_player" / "nnlib-player.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def values_to_visit(control) -> list:
    """A few values of a control: every menu entry, both states of a checkbox, or evenly spaced
    stops across a slider's range (the initial value first, so the widget ends where it began)."""
    start = control.value
    options = getattr(control, "options", None)
    if options:
        values = [o[1] if isinstance(o, tuple) else o for o in options]
    elif isinstance(start, bool):
        values = [start, not start]
    elif isinstance(control, ipywidgets.FloatLogSlider):  # min and max are exponents of base
        values = [float(v) for v in control.base ** np.linspace(control.min, control.max, SLIDER_STOPS)]
    elif hasattr(control, "min") and hasattr(control, "max") and isinstance(start, (int, float)):
        stops = np.linspace(control.min, control.max, SLIDER_STOPS)
        step = getattr(control, "step", None) or 0
        if step:
            stops = np.clip(control.min + np.round((stops - control.min) / step) * step, control.min, control.max)
        values = [type(start)(v) for v in stops]
    else:  # a control this benchmark does not know how to move (a range slider, a text box)
        return [start]
    rest = [v for v in values if v != start]
    return [start] + rest


def update_times(live, rounds: int) -> tuple[dict[str, list[float]], list[float]]:
    """Seconds per update of each control, every control visiting its values ``rounds`` times,
    and the CPU seconds of every update (this process's own work, whatever else the machine does)."""
    times: dict[str, list[float]] = {}
    cpu: list[float] = []
    for name, control in live.controls.items():
        visits = values_to_visit(control)
        if len(visits) < 2:
            continue
        times[name] = []
        for r in range(rounds + 1):  # round 0 warms up
            for value in visits[1:] + visits[:1]:
                start, start_cpu = time.perf_counter(), time.process_time()
                control.value = value
                elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
                if r:
                    times[name].append(elapsed)
                    cpu.append(elapsed_cpu)
    return times, cpu


def run(table, repeats: int = 31) -> None:
    rounds = max(2, repeats // 10)
    split_repeats = max(5, repeats // 2)
    for name, factory in sorted(WIDGETS.items()):
        live = factory()
        times, cpu = update_times(live, rounds)
        every = [t for ts in times.values() for t in ts]
        if not every:
            table.add_skip("widgets", f"{name}: none of its controls is a menu or a slider this benchmark can move")
            continue
        typical = median(every)
        slowest = max(times, key=lambda k: median(times[k]))

        # The split, at the default values. Each render gets a figure just drawn (and never
        # rendered), drawn beforehand so that the render's time is the render's alone.
        values = live.values()
        fresh = {k: iter([live.draw(**values) for _ in range(split_repeats + 3)]) for k in ("png", "savefig")}
        split = per_call_times(
            {
                "draw": lambda: live.draw(**values),
                "png": lambda: figure_to_png(next(fresh["png"]), dpi=live.scale * live.dpi),
                "savefig": lambda: savefig_png(next(fresh["savefig"]), dpi=live.scale * live.dpi),
            },
            repeats=split_repeats, block_seconds=0.0, warmup_seconds=0.0,
        )
        draw, png, savefig = (median(split[k]) for k in ("draw", "png", "savefig"))
        table.add(Row(
            "widgets",
            f"{name}: {len(every)} updates of {len(times)} controls at dpi {live.scale * live.dpi}",
            f"{format_seconds(typical)} median (CPU {format_seconds(median(cpu))})",
            f"draw {format_seconds(draw)} + PNG {format_seconds(png)}; "
            f"slowest control {slowest} {format_seconds(median(times[slowest]))}; "
            f"{how_it_updates(live)}",
            target=f"<= {TARGET_SECONDS * 1e3:.0f} ms",
            met=typical <= TARGET_SECONDS,
            note=f"{typical / TARGET_SECONDS:.2g} times the target",
        ))
        table.add(Row(
            "widgets",
            f"{name}: rendering its figure with nnlib's figure_to_png, against matplotlib's savefig",
            f"figure_to_png {format_seconds(png)}",
            f"savefig {format_seconds(savefig)}",
            ratio=paired_ratio(split["png"], split["savefig"]),
        ))
    run_player(table)


def run_player(table) -> None:
    """The website player's build time, frame sizes and frame-switch time (see the module's description)."""
    with tempfile.TemporaryDirectory() as folder:
        static = Path(folder) / "_static"
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        written = write_site_frames(sorted(WIDGETS), static / FRAMES_FOLDER, workers=2)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
        sizes = {name: sum(p.stat().st_size for p in (static / FRAMES_FOLDER / name).iterdir()) for name in written}
        table.add(Row(
            "widgets",
            f"player: the build's extra step, {sum(written.values())} frames of {len(written)} widgets in 2 processes",
            f"{format_seconds(wall)} wall", f"CPU {format_seconds(cpu)}",
            target=f"<= {BUILD_TARGET_SECONDS:.0f} s", met=wall <= BUILD_TARGET_SECONDS,
            note=f"{sum(sizes.values()) / 1e6:.2f} MB of frames",
        ))
        for name in sorted(written):
            table.add(Row("widgets", f"player: {name}'s frames, loaded when its page's widget is first touched",
                          f"{sizes[name] / 1e6:.2f} MB", f"{written[name]} frames",
                          note=f"{sizes[name] / written[name] / 1e3:.1f} kB a frame"))
        if not Path(CHROMIUM).exists():
            table.add_skip("widgets", "player: frame switches need Debian's chromium package")
            return
        shutil.copy(PLAYER_SCRIPT, static / PLAYER_SCRIPT.name)
        for name in sorted(written):
            switches = switch_times(Path(folder), name)
            decoded = [s["decoded"] / 1e3 for s in switches]
            painted = [s["painted"] / 1e3 for s in switches]
            table.add(Row(
                "widgets", f"player: {name}, frame switch in headless Chromium ({len(decoded)} keyboard moves)",
                f"{format_seconds(median(decoded))} median, {format_seconds(max(decoded))} worst",
                f"to the next paint {format_seconds(median(painted))} median",
                target=f"<= {SWITCH_TARGET_SECONDS * 1e3:.0f} ms", met=max(decoded) <= SWITCH_TARGET_SECONDS,
                note="input event to the frame decoded",
            ))


def switch_times(folder: Path, name: str) -> list[dict]:
    """Open a page holding the widget's still picture and player from disk, touch the first
    control the first experiment moves, wait for its frames, then move it back and forth."""
    from playwright.sync_api import sync_playwright

    page_file = folder / f"{name}.html"
    page_file.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title>'
        f'<script src="_static/{PLAYER_SCRIPT.name}"></script></head><body>{WIDGETS[name]().static_html()}</body></html>',
        encoding="utf-8",
    )
    spec = WIDGETS[name].experiments[0]
    control = next(iter(spec.moves))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_file.as_uri())
        element = page.locator(f"[id$='-{control}']")
        element.focus()  # the first touch: the experiment's frames load and decode
        count = 1
        for values in spec.moves.values():
            count *= len(values)
        page.wait_for_function(f"() => window.nnlibPlayer.decoded >= {count}")
        menu = element.evaluate("e => e.tagName") == "SELECT"
        forward, back = ("ArrowDown", "ArrowUp") if menu else ("ArrowRight", "ArrowLeft")
        values = spec.moves[control]
        position = values.index(WIDGETS[name].check(**spec.start)[control])
        for i in range(SWITCHES):  # back and forth, never against an end (which would change nothing)
            step = 1 if position == 0 else -1 if position == len(values) - 1 else (1 if i % 2 else -1)
            page.keyboard.press(forward if step == 1 else back)
            position += step
            page.wait_for_function(f"() => window.nnlibPlayer.switches.length >= {i + 1}")
        switches = json.loads(page.evaluate("() => JSON.stringify(window.nnlibPlayer.switches)"))
        browser.close()
    return switches


def how_it_updates(live) -> str:
    """How the widget turns a change into a PNG: blitting (only the changing artists are drawn
    again), an update in place rendered in full, or a new figure each time."""
    if live.blits:
        return "blits (draws only what changes)"
    if live.update:
        return "updates in place"
    return "draws a new figure on every change"


def savefig_png(fig, dpi: int) -> bytes:
    """The PNG as matplotlib's savefig makes it (default compression): the reference for figure_to_png."""
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
