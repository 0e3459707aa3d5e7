"""A Sphinx extension that makes every widget playable on the static website.

Each widget's HTML view carries a JSON description of its controls and experiments
(``nnlib.widgets.player.player_spec``, written by ``LiveFigure.static_html`` when the notebook is
executed). This extension:

- adds the player's script and stylesheet (``widget_player/``, copied into ``_static``) to the
  pages that hold a widget, and only to those;
- when the HTML build has finished, renders the frames of every widget found in the pages with
  nnlib's own drawing code (``nnlib.widgets.player.write_site_frames``), a process per core, into
  ``_static/nnlib-frames/<widget>/``, with the frames' alt texts beside them (``alt.js``).

It logs how many frames it wrote, their size and the time it took.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "widget_player"
SPEC = re.compile(r'<script type="application/json" class="nnlib-player-spec">(.*?)</script>', re.S)


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
    from nnlib.widgets.player import FRAMES_FOLDER, write_site_frames

    start = time.perf_counter()
    root = Path(app.outdir) / "_static" / FRAMES_FOLDER
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    written = write_site_frames(names, root, workers=workers)
    size = sum(path.stat().st_size for path in root.rglob("*") if path.is_file())
    logger.info(
        f"widget player: {sum(written.values())} frames of {len(names)} widgets, {size / 1e6:.2f} MB, "
        f"in {time.perf_counter() - start:.1f} s ({workers} processes)"
    )


def setup(app):
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", note_widgets, priority=400)  # before drop_thebe_assets filters the page's scripts
    app.connect("build-finished", render_frames)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
