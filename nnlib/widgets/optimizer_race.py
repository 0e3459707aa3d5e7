"""The optimiser race (chapter 12): gradient descent, momentum and Adam on chapter 8's valley.

The three optimisers of :mod:`nnlib.optimizers` each take 100 steps on the descent valley of
:mod:`nnlib.fixed_examples` (one linear neuron fitted to ten points, whose loss L(w, b) is a long,
narrow, diagonal valley) from the same start, through nnlib's own forward and backward passes
(:func:`~nnlib.fixed_examples.descent_path` with each optimiser's ``step`` as its update). The
figure draws the three paths on the loss surface and, beside it, how far each loss stays above
the lowest at every step. Gradient descent and momentum share the learning rate η; momentum adds
β; Adam has a learning rate of its own, since its steps are about η long whatever the gradient.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from ..fixed_examples import MINIMUM_STYLE, START, START_STYLE, descent_minimum, descent_path, draw_loss_surface
from ..optimizers import SGD, Adam, Momentum
from ..plots import OKABE_ITO
from .controls import Experiment, Slider, Widget, check_values
from .live import LiveFigure, WidgetFigure

STEPS = 100
"""The steps each optimiser takes."""

CONTROLS = (
    Slider("learning_rate", "learning rate η", 0.01, 1.0, 0.01, default=0.5),
    Slider("momentum", "momentum coefficient β", 0.0, 0.95, 0.01, default=0.5),
    Slider("adam_learning_rate", "Adam's learning rate", 0.01, 0.5, 0.01, default=0.1),
)
"""The race's controls: η for gradient descent and momentum, momentum's β, and Adam's own η."""

RUNNERS = ("gradient descent", "momentum", "Adam")
STYLES = {
    "gradient descent": dict(color=OKABE_ITO["vermillion"], marker="o", linestyle="-"),
    "momentum": dict(color=OKABE_ITO["blue"], marker="s", linestyle="-"),
    "Adam": dict(color=OKABE_ITO["green"], marker="^", linestyle="-"),
}
SHORT = {"gradient descent": "GD", "momentum": "momentum", "Adam": "Adam"}
EXCESS_RANGE = (1e-16, 1e3)
"""The right panel's vertical range: from rounding error to far above the start's excess (1.2);
a diverging run leaves it through the top, and a loss within rounding of the lowest is drawn at
its bottom."""


@lru_cache(maxsize=256)
def race_run(runner: str, learning_rate: float, momentum: float = 0.0) -> dict:
    """One optimiser's :data:`STEPS` steps on the valley (cached): :func:`~nnlib.fixed_examples.descent_path`
    with its ``step`` as the update, and ``excess``, the loss above the lowest at every point.

    Examples
    --------
    >>> run = race_run("momentum", 0.5, 0.5)
    >>> run["path"].shape, bool(run["excess"][-1] < 1e-10)
    ((101, 2), True)
    """
    optimizer = {"gradient descent": lambda: SGD(learning_rate), "momentum": lambda: Momentum(learning_rate, momentum),
                 "Adam": lambda: Adam(learning_rate)}[runner]()
    result = descent_path(learning_rate, STEPS, update=lambda net: optimizer.step(net.parameters(), net.gradients()))
    result["excess"] = result["loss"] - result["min_loss"]
    for array in result.values():
        if isinstance(array, np.ndarray):
            array.setflags(write=False)
    return result


def optimizer_race_state(learning_rate: float = 0.5, momentum: float = 0.5, adam_learning_rate: float = 0.1) -> dict:
    """The three runs of the race for these controls, by the runners' names (:data:`RUNNERS`),
    each a :func:`race_run`, and the controls.

    Examples
    --------
    >>> state = optimizer_race_state(0.5, 0.5, 0.1)
    >>> {name: f"{run['excess'][-1]:.0e}" for name, run in state["runs"].items()}
    {'gradient descent': '7e-06', 'momentum': '3e-13', 'Adam': '7e-05'}
    >>> optimizer_race_state(momentum=1.0)
    Traceback (most recent call last):
    ...
    ValueError: momentum must lie from 0 to 0.95 (the range of its slider); got 1.0.
    """
    values = check_values(CONTROLS, learning_rate=learning_rate, momentum=momentum, adam_learning_rate=adam_learning_rate)
    runs = {
        "gradient descent": race_run("gradient descent", values["learning_rate"]),
        "momentum": race_run("momentum", values["learning_rate"], values["momentum"]),
        "Adam": race_run("Adam", values["adam_learning_rate"]),
    }
    return dict(values, runs=runs)


def _outcome(run: dict) -> str:
    last = run["excess"][-1]
    if not np.isfinite(last) or last > run["excess"][0]:
        return "diverged"
    if last < EXCESS_RANGE[0]:
        return "at the lowest"
    return f"{last:.2g}" if last >= 1e-3 else f"{last:.0e}"


class RaceFigure(WidgetFigure):
    """The race's figure: the loss surface, the axes and the legends are made once, and
    :meth:`set_values` draws three other paths and loss curves.

    Examples
    --------
    >>> fig = RaceFigure()
    >>> changed = fig.set_values(0.6, 0.5, 0.1)
    >>> [text.get_text() for text in fig.outcomes.values()]
    ['GD: diverged', 'momentum: at the lowest', 'Adam: 7e-05']
    """

    def __init__(self):
        height = 3.5
        super().__init__(figsize=(8.0, height))
        surface = self.add_axes((0.08, 0.8 / height, 0.33, 2.3 / height))
        curve = self.add_axes((0.53, 0.8 / height, 0.45, 2.3 / height))
        draw_loss_surface(surface)
        self.paths = {name: surface.plot([], [], markersize=2.5, linewidth=1.1, markeredgewidth=0, **STYLES[name])[0]
                      for name in RUNNERS}
        self.start = surface.plot(*START, **START_STYLE)[0]
        self.minimum = surface.plot(*descent_minimum(), **{**MINIMUM_STYLE, "markersize": 11})[0]
        surface.set_title(" ", fontsize=9.5)
        self.curves = {name: curve.plot([], [], markersize=2.5, linewidth=1.2, markeredgewidth=0, label=name,
                                        **STYLES[name])[0] for name in RUNNERS}
        curve.set(yscale="log", xlim=(-2, STEPS + 2), ylim=EXCESS_RANGE, xlabel="step", ylabel="L − lowest L")
        curve.yaxis.set_major_locator(LogLocator(base=10.0, numticks=7))
        curve.yaxis.set_minor_locator(NullLocator())  # fewer ticks: a faster redraw
        curve.grid(alpha=0.3)
        # after the last step, each runner's loss above the lowest, in its colour, where a title would be
        self.outcomes = {name: self.text(0.53 + 0.16 * i, 3.17 / height, "", fontsize=8.5, ha="left", va="bottom",
                                         color=STYLES[name]["color"]) for i, name in enumerate(RUNNERS)}
        handles = [*self.curves.values(), self.start, self.minimum]
        labels = ["gradient descent (GD)", *RUNNERS[1:], "start", "minimum"]
        self.legend(handles=handles, labels=labels, loc="lower center", ncol=5, fontsize=8,
                    frameon=False, bbox_to_anchor=(0.5, 0.0))

    def set_values(self, learning_rate: float = 0.5, momentum: float = 0.5, adam_learning_rate: float = 0.1) -> list:
        """Show the race for these controls; return the artists that change with them."""
        state = optimizer_race_state(learning_rate, momentum, adam_learning_rate)
        surface, curve = self.axes[:2]
        for name, run in state["runs"].items():
            self.paths[name].set_data(run["path"][:, 0], run["path"][:, 1])
            with np.errstate(invalid="ignore"):
                shown = np.clip(np.nan_to_num(run["excess"], nan=1e300, posinf=1e300), EXCESS_RANGE[0] / 2, 1e300)
            self.curves[name].set_data(np.arange(len(shown)), shown)
        surface.title.set_text(f"η = {state['learning_rate']:.2f}, β = {state['momentum']:.2f}, "
                               f"Adam's η = {state['adam_learning_rate']:.2f}")
        for name, run in state["runs"].items():
            self.outcomes[name].set_text(f"{SHORT[name]}: {_outcome(run)}")
        return [*self.paths.values(), self.start, self.minimum, surface.title, *self.curves.values(),
                *self.outcomes.values(), *surface.spines.values(), *curve.spines.values()]


def draw_optimizer_race(learning_rate: float = 0.5, momentum: float = 0.5, adam_learning_rate: float = 0.1) -> Figure:
    """The race's figure at these values.

    Examples
    --------
    >>> fig = draw_optimizer_race()
    >>> fig.axes[1].get_ylabel()
    'L − lowest L'
    """
    fig = RaceFigure()
    fig.set_values(learning_rate, momentum, adam_learning_rate)
    return fig


def _alt(learning_rate: float, momentum: float, adam_learning_rate: float) -> str:
    state = optimizer_race_state(learning_rate, momentum, adam_learning_rate)
    outcomes = "; ".join(f"{name}, {_outcome(run)}" for name, run in state["runs"].items())
    return (
        f"Left: the loss surface of one linear neuron over its weight w and bias b, a long diagonal valley, with the "
        f"paths of {STEPS} steps from w = {START[0]}, b = {START[1]} of gradient descent and momentum at learning rate "
        f"{learning_rate:g} (momentum {momentum:g}) and of Adam at learning rate {adam_learning_rate:g}. Right: each "
        f"loss above the lowest at every step, on a log scale; after {STEPS} steps: {outcomes}."
    )


OPTIMIZER_RACE = Widget(
    "optimizer_race", CONTROLS, RaceFigure, _alt,
    experiments=(
        Experiment("Momentum against the zigzag", "With η = 0.5, raise β from 0, where momentum is gradient descent: the "
                   "zigzag across the valley is damped and the walk along its floor speeds up, but too much momentum "
                   "overshoots and circles the minimum.", moves={"momentum": (0.0, 0.5, 0.6, 0.9)}),
        Experiment("Past the critical rate", "With β = 0.5, raise η past chapter 8's critical learning rate: gradient "
                   "descent diverges, while momentum keeps converging up to a larger η.",
                   moves={"learning_rate": (0.5, 0.6, 0.8, 0.9)}),
        Experiment("The best pair", "Start from the best pair that the chapter computes for this valley and move β: with "
                   "less momentum this η diverges, with more the ball circles longer.",
                   moves={"momentum": (0.4, 0.48, 0.7)}, start={"learning_rate": 0.81, "momentum": 0.48}),
        Experiment("Adam's learning rate", "Move Adam's learning rate: each of its steps moves every coordinate by about η, "
                   "so a small η has not arrived after 100 steps, and a large one arrives and hovers around the minimum.",
                   moves={"adam_learning_rate": (0.01, 0.1, 0.5)}),
    ),
)
"""The race, declared once: its controls, its figure, and the experiments of chapter 12."""


def optimizer_race(**values) -> LiveFigure:
    """The live race: sliders for η, β and Adam's learning rate.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return OPTIMIZER_RACE.live(**values)
