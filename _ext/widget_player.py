"""A Sphinx extension that makes every widget playable on the static website.

Each widget's HTML view carries a JSON description of its controls and experiments
(``nnlib.widgets.player.player_spec``, written by ``LiveFigure.static_html`` when the notebook is
executed). This extension:

- adds the player's script and stylesheet (``widget_player/``, copied into ``_static``) to the
  pages that hold a widget, and only to those;
- when the HTML build has finished, renders the frames of every widget found in the pages with
  nnlib's own drawing code (``nnlib.widgets.player.write_frames``), in a few processes, into
  ``_static/nnlib-frames/<widget>/``, with the frames' alt texts beside them (``alt.js``).

It logs how many frames it wrote, their size and the time it took.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "widget_player"
SPEC = re.compile(r'<script type="application/json" class="nnlib-player-spec">(.*?)</script>', re.S)
CHUNK = 48
"""Frames per task: large enough that building a widget's figure is paid rarely, small enough to share the work."""


def add_static_path(app) -> None:
    app.config.html_static_path.append(str(STATIC))


def note_widgets(app, pagename, templatename, context, doctree) -> None:
    """Remember the widgets of this page, and give the page the player's script and stylesheet."""
    names = {json.loads(text)["widget"] for text in SPEC.findall(context.get("body", ""))}
    if names:
        app.env.nnlib_player_widgets = getattr(app.env, "nnlib_player_widgets", set()) | names
        app.add_js_file("nnlib-player.js")
        app.add_css_file("nnlib-player.css")


def render_frames(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    names = sorted(getattr(app.env, "nnlib_player_widgets", set()))
    if not names:
        return
    from nnlib.widgets import WIDGETS
    from nnlib.widgets.player import FRAMES_FOLDER, alt_script, write_frames

    start = time.perf_counter()
    root = Path(app.outdir) / "_static" / FRAMES_FOLDER
    tasks = []
    for name in names:
        settings = WIDGETS[name].frame_settings()
        tasks += [(name, settings[i : i + CHUNK]) for i in range(0, len(settings), CHUNK)]
    tasks.sort(key=lambda task: -len(task[1]))  # the longest first: the processes finish together
    alts = {name: {} for name in names}
    workers = max(1, min(len(tasks), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [(name, pool.submit(write_frames, name, settings, root / name)) for name, settings in tasks]
        for name, future in futures:
            alts[name].update(future.result())
    for name in names:
        (root / name / "alt.js").write_text(alt_script(name, alts[name]), encoding="utf-8")
    files = [path for path in root.rglob("*") if path.is_file()]
    logger.info(
        f"widget player: {sum(len(a) for a in alts.values())} frames of {len(names)} widgets, "
        f"{sum(path.stat().st_size for path in files) / 1e6:.2f} MB, in {time.perf_counter() - start:.1f} s "
        f"({workers} processes)"
    )


def setup(app):
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", note_widgets, priority=400)  # before drop_thebe_assets filters the page's scripts
    app.connect("build-finished", render_frames)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
