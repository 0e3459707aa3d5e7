"""The descent explorer (chapter 8): gradient descent on a real two-parameter loss surface.

The problem is the descent valley of :mod:`nnlib.fixed_examples`: one linear neuron fitted to ten
noisy points, whose loss L(w, b) is a surface we can draw. The explorer draws that surface, the
path of gradient descent for the chosen learning rate and number of steps, and the loss at every
step; crossing the critical learning rate 2 / lambda_max(H) turns convergence into divergence.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from ..fixed_examples import (
    MINIMUM_STYLE,
    PATH_STYLE,
    START,
    START_STYLE,
    descent_loss,
    descent_minimum,
    descent_path,
    draw_loss_surface,
)
from ..plots import OKABE_ITO
from .controls import Experiment, Slider, Widget, check_values
from .live import LiveFigure, WidgetFigure

MAX_STEPS = 100
"""The largest number of steps the explorer's slider offers."""

CONTROLS = (
    Slider("learning_rate", "learning rate η", 0.01, 0.7, 0.01, default=0.3),
    Slider("steps", "steps", 1, MAX_STEPS, 1, default=30, integer=True),
)
"""The explorer's controls: the learning rate and the number of steps."""

LOSS_RANGE = (0.01, 100.0)
"""The loss panel's vertical range: the lowest possible loss (0.023) to far above the start's
(1.25); a diverging path leaves it through the top."""


@lru_cache(maxsize=128)
def _longest_path(learning_rate: float) -> dict:
    """:func:`descent_path` for the slider's most steps (cached: fewer steps are its beginning)."""
    return descent_path(learning_rate, MAX_STEPS)


def descent_explorer_state(learning_rate: float = 0.3, steps: int = 30) -> dict:
    """What the explorer shows: :func:`~nnlib.fixed_examples.descent_path` (learning_rate, steps)
    from the valley's start, cut from the cached path of the slider's most steps.

    Examples
    --------
    >>> descent_explorer_state(0.3, 30)["path"].shape
    (31, 2)
    >>> descent_explorer_state(-0.1, 30)
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must lie from 0.01 to 0.7 (the range of its slider); got -0.1.
    """
    values = check_values(CONTROLS, learning_rate=learning_rate, steps=steps)
    learning_rate, steps = values["learning_rate"], values["steps"]
    result = dict(_longest_path(float(learning_rate)))
    result.update(path=result["path"][: steps + 1], loss=result["loss"][: steps + 1], gradients=result["gradients"][:steps])
    return result


class DescentFigure(WidgetFigure):
    """The explorer's figure: the loss surface, the axes and the legends are made once, and
    :meth:`set_values` draws another path and loss curve.

    The loss panel has fixed ranges (steps 0 to :data:`MAX_STEPS`, losses in :data:`LOSS_RANGE`),
    so a change of the sliders never rescales it: more steps extend the curve.

    Examples
    --------
    >>> fig = DescentFigure()
    >>> changed = fig.set_values(0.62, 40)
    >>> fig.axes[1].get_title()
    'critical η = 0.565: this η diverges'
    """

    def __init__(self):
        height = 4.3
        super().__init__(figsize=(9.0, height))
        surface = self.add_axes((0.06, 0.83 / height, 0.375, 3.16 / height))
        curve = self.add_axes((0.665, 0.83 / height, 0.31, 3.16 / height))
        colorbar_axes = self.add_axes((0.45, 0.99 / height, 0.016, 2.85 / height))
        self.colorbar(draw_loss_surface(surface), cax=colorbar_axes, label="log₁₀ L(w, b)")
        self.path = surface.plot([], [], **PATH_STYLE)[0]
        self.start = surface.plot(*START, **START_STYLE)[0]
        self.minimum = surface.plot(*descent_minimum(), **MINIMUM_STYLE)[0]
        surface.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, fontsize=8, frameon=False)
        surface.set_title(" ", fontsize=10)

        curve.axhline(descent_loss(*descent_minimum()), color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2,
                      label="lowest possible loss")
        self.curve = curve.plot([], [], "-o", color=OKABE_ITO["blue"], markersize=3, label="loss L")[0]
        curve.set_yscale("log")
        curve.set(xlim=(-2, MAX_STEPS + 2), ylim=LOSS_RANGE, xlabel="step", ylabel="loss (log scale)")
        curve.yaxis.set_minor_locator(NullLocator())  # fewer ticks: a faster redraw
        curve.grid(alpha=0.3)
        curve.legend(handles=[self.curve, curve.lines[0]], loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8,
                     frameon=False)
        curve.set_title(" ", fontsize=10)

    def set_values(self, learning_rate: float = 0.3, steps: int = 30) -> list:
        """Show the path for these values; return the artists that change with them. Crossing
        the critical learning rate also changes the right title: the figure's other artists."""
        result = descent_explorer_state(learning_rate, steps)
        surface, curve = self.axes[:2]
        path, values = result["path"], result["loss"]
        self.path.set_data(path[:, 0], path[:, 1])
        finite = np.isfinite(values)
        self.curve.set_data(np.arange(len(values))[finite], values[finite])
        surface.title.set_text(f"η = {result['learning_rate']:.2f}, {len(path) - 1} steps")
        verdict = "converges" if result["converges"] else "diverges"
        title = f"critical η = {result['critical_learning_rate']:.3f}: this η {verdict}"
        curve.title.set_text(title)  # marks the figure changed (a full redraw) only when the verdict flips
        return [self.path, self.start, self.minimum, surface.title, self.curve, *surface.spines.values(),
                *curve.spines.values()]


def draw_descent_explorer(learning_rate: float = 0.3, steps: int = 30) -> Figure:
    """The explorer's figure: the descent path on the loss surface, and the loss at every step.

    Examples
    --------
    >>> fig = draw_descent_explorer(0.3, 30)
    >>> [ax.get_xlabel() for ax in fig.axes[:2]]
    ['weight w', 'step']
    """
    fig = DescentFigure()
    fig.set_values(learning_rate, steps)
    return fig


def _alt(learning_rate: float, steps: int) -> str:
    result = descent_explorer_state(learning_rate, steps)
    return (
        f"Left: the loss surface of one linear neuron over its weight w and bias b, a long diagonal valley, with "
        f"the path of {steps} gradient-descent steps of learning rate {learning_rate:g} from w = {START[0]}, "
        f"b = {START[1]} towards the minimum. Right: the loss at every step on a log scale, from "
        f"{result['loss'][0]:.2f} to {result['loss'][-1]:.3g}."
    )


_ACROSS = (0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.56, 0.57, 0.6, 0.65, 0.7)

DESCENT_EXPLORER = Widget(
    "descent_explorer", CONTROLS, DescentFigure, _alt,
    experiments=(
        Experiment("Across the critical rate", "Move the learning rate across the critical value and watch the path "
                   "change from creeping, to walking, to zigzagging, to escaping.",
                   moves={"learning_rate": _ACROSS, "steps": (30, 100)}),
        Experiment("Just above it", "Just above the critical rate the growth is slow: compare when the loss first "
                   "climbs back above its starting value at 0.57 and at 0.6.", start={"learning_rate": 0.57},
                   moves={"steps": CONTROLS[1].stops(10, 10, 100), "learning_rate": (0.57, 0.6)}),
    ),
)
"""The explorer, declared once: its controls, its figure, and the experiments of chapter 8."""


def descent_explorer(**values) -> LiveFigure:
    """The live explorer: sliders for the learning rate and the number of steps.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return DESCENT_EXPLORER.live(**values)
