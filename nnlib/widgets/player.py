"""The website's player: a widget played without a kernel, from frames rendered when the book is built.

On the static website no Python runs, so a widget cannot draw. Instead, when the book is built,
each widget's figure is drawn for every setting of the controls that its chapter's experiments
reach (:meth:`~nnlib.widgets.controls.Widget.frame_settings`), by the same figure and the same
blitting as the live widget, and each picture is saved as a compact PNG, a *frame*. On the page,
a small script (``_ext/widget_player/nnlib-player.js``) shows the widget's controls as HTML
range inputs and menus, and moving one shows the frame for the new values.

How the pieces meet:

- the live widget's HTML view (:meth:`~nnlib.widgets.live.LiveFigure.static_html`) carries the
  still picture, a note, and the player's description, :func:`player_spec` (controls, labels,
  experiments, and the values each offers, as the tokens that name the frames);
- the book's extension ``_ext/widget_player.py`` finds those descriptions in the built pages and
  writes each widget's frames, :func:`write_frames`, into ``_static/nnlib-frames/<widget>/``;
- the script joins the controls' tokens into a frame's file name
  (:meth:`~nnlib.widgets.controls.Widget.frame_name`) and shows that frame.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

from ..plots import compact_png
from .controls import Choice, Slider, Widget
from .live import Blitter

FRAME_DPI = 90
"""The frames' resolution: the size at which the website shows a widget (as the live one, at 1x)."""

FRAMES_FOLDER = "nnlib-frames"
"""Where the frames go, inside the website's ``_static`` folder: one folder per widget."""


def _pair(control, value) -> list[str]:
    return [control.token(value), control.text(value)]


def player_spec(widget: Widget) -> dict:
    """What the website's player needs to know about ``widget``, as plain data (written as JSON
    into the page).

    Returns
    -------
    dict with keys
        ``widget`` (its name, which is also its frames' folder), ``controls`` (each control's
        ``name``, ``label`` and ``menu``: a menu, or a range input), ``experiments`` (each with
        its ``title``, ``hint``, ``start`` (a [token, text] pair per control) and ``moves``
        (for each control it moves, the [token, text] pairs it offers)), and ``note`` (what the
        live widget adds, and how to get it).

    Examples
    --------
    >>> from nnlib.widgets import WIDGETS
    >>> spec = player_spec(WIDGETS["loss_explorer"])
    >>> [c["name"] for c in spec["controls"]], spec["experiments"][0]["start"]["y"]
    (['y', 'y_hat'], ['1', '1'])
    """
    if not widget.experiments:
        raise ValueError(f"{widget.name} declares no experiments: the player would have nothing to offer.")
    controls = [
        {"name": c.name, "label": c.label, "menu": isinstance(c, Choice) and c.menu} for c in widget.controls
    ]
    experiments = []
    for experiment in widget.experiments:
        start = widget.check(**experiment.start)
        experiments.append({
            "title": experiment.title,
            "hint": experiment.hint,
            "start": {c.name: _pair(c, start[c.name]) for c in widget.controls},
            "moves": {name: [_pair(widget.control(name), v) for v in values] for name, values in experiment.moves.items()},
        })
    return {"widget": widget.name, "controls": controls, "experiments": experiments, "note": player_note(widget)}


def player_note(widget: Widget) -> str:
    """What the live widget adds to the player, and how to launch it: one paragraph.

    Examples
    --------
    >>> from nnlib.widgets import WIDGETS
    >>> note = player_note(WIDGETS["loss_explorer"])
    >>> "target y from 0 to 1 in steps of 0.05; prediction ŷ from 0.01 to 0.99 in steps of 0.01" in note, "Binder" in note
    (True, True)
    """
    launch = (
        "To play with it, run this chapter as a notebook: launch it on Binder or Colab with the rocket button at the top "
        "of the page, or open it in JupyterLab on your own machine (see the README)."
    )
    every = math.prod(len(control.values()) for control in widget.controls)
    if len(widget.frame_settings()) == every:
        return f"Every setting of the controls was drawn when this page was built; the live widget draws it as you move. {launch}"
    groups: dict[str, list[str]] = {}  # sliders with the same range are named together
    for control in widget.controls:
        if isinstance(control, Slider):
            span = f"from {control.text(control.min)} to {control.text(control.max)} in steps of {control.text(control.step)}"
        else:
            span = "set to any option"
        groups.setdefault(span, []).append(control.label)
    listed = "; ".join(f"{_listed(labels)} {span}" for span, labels in groups.items())
    return (
        "Here each experiment offers the values drawn when this page was built. The live widget moves every control at "
        f"once, in finer steps: {listed}. {launch}"
    )


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def render_frames(widget: Widget, settings: list[dict] | None = None, dpi: int = FRAME_DPI) -> Iterator[tuple[str, bytes]]:
    """Draw ``widget`` at each setting (default: every frame of the player) and yield each
    frame's file name and its compact PNG.

    The figure is made once and each setting is shown by its ``set_values`` and blitted, as the
    live widget does, so a frame is the live widget's picture at the same values.

    Examples
    --------
    >>> from nnlib.widgets import WIDGETS
    >>> name, png = next(render_frames(WIDGETS["loss_explorer"], [{"y": 1.0, "y_hat": 0.5}]))
    >>> name, png[:4]
    ('1_0.5.png', b'\\x89PNG')
    """
    settings = widget.frame_settings() if settings is None else [widget.check(**values) for values in settings]
    fig = widget.figure()
    blitter = None
    for values in settings:
        changing = fig.set_values(**values)
        if blitter is None:
            blitter = Blitter(fig, changing, dpi=dpi)
        yield widget.frame_name(values), compact_png(blitter.render_rgba(), dpi)


def write_frames(name: str, settings: list[dict], folder: str | Path) -> dict[str, str]:
    """Render these settings of the registered widget ``name`` into ``folder``; return each
    frame's alt text by file name. (A plain function of plain arguments, so that the book's
    build can run it in several processes.)"""
    from . import WIDGETS

    widget = WIDGETS[name]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    alts = {}
    for values, (file_name, png) in zip(settings, render_frames(widget, settings)):
        (folder / file_name).write_bytes(png)
        alts[file_name] = widget.alt(**widget.check(**values))
    return alts


CHUNK = 48
"""Frames per task of :func:`write_site_frames`: enough that a task seldom pays for building its
figure, few enough that the processes share the work."""


def write_site_frames(names: list[str], root: str | Path, workers: int = 2) -> dict[str, int]:
    """Render every frame of the registered widgets ``names`` into ``root/<widget>/``, with
    their alt texts (``alt.js``), in ``workers`` processes; return the frames written per widget.

    What the book's build runs (``_ext/widget_player.py``), and what the benchmarks time.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from . import WIDGETS

    root = Path(root)
    tasks = []
    for name in names:
        settings = WIDGETS[name].frame_settings()
        tasks += [(name, settings[i : i + CHUNK]) for i in range(0, len(settings), CHUNK)]
    tasks.sort(key=lambda task: -len(task[1]))  # the longest first: the processes finish together
    alts: dict[str, dict[str, str]] = {name: {} for name in names}
    # spawn, not fork: the build's process may hold threads, which a fork would copy mid-step
    with ProcessPoolExecutor(max(1, min(workers, len(tasks))), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [(name, pool.submit(write_frames, name, settings, root / name)) for name, settings in tasks]
        for name, future in futures:
            alts[name].update(future.result())
    for name in names:
        (root / name / "alt.js").write_text(alt_script(name, alts[name]), encoding="utf-8")
    return {name: len(alts[name]) for name in names}


def alt_script(name: str, alts: dict[str, str]) -> str:
    """The frames' alt texts as a script the player loads with the frames (a page opened from
    disk may run a script, but not fetch a JSON file).

    Examples
    --------
    >>> alt_script("w", {"1.png": "A line."})
    'window.nnlibPlayerAlt = window.nnlibPlayerAlt || {};\\nwindow.nnlibPlayerAlt["w"] = {"1.png": "A line."};\\n'
    """
    return (
        "window.nnlibPlayerAlt = window.nnlibPlayerAlt || {};\n"
        f"window.nnlibPlayerAlt[{json.dumps(name)}] = {json.dumps(alts, ensure_ascii=False, sort_keys=True)};\n"
    )
