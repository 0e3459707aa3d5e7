"""The depth explorer (chapter 12): what a deep network does to its signals, layer by layer.

Choose the number of hidden layers, their activation, the initialisation scheme and a factor γ
on every weight; the explorer builds that network (:func:`nnlib.diagnostics.deep_network`, 64
units a layer), runs one forward and one backward pass on 64 standardised inputs
(:func:`nnlib.diagnostics.depth_experiment`), and draws, for every hidden layer, the size of
its outputs (the root mean square of a^[l]) and the size of the gradient reaching them,
relative to the top hidden layer. The backward pass multiplies the gradient by one factor
D W^T per layer, so the gradient's curve is a product read from right to left: level when the
factors are about 1, falling when they shrink it (it vanishes), rising when they grow it (it
explodes).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from ..diagnostics import depth_experiment
from ..plots import OKABE_ITO
from .controls import Choice, Experiment, Slider, Widget, check_values
from .live import LiveFigure, WidgetFigure

MAX_DEPTH = 20
WIDTH = 64
"""Units in every hidden layer (and inputs), as in chapter 12's measurements."""

INITS = {"xavier": "xavier", "he": "he", "small_random": "small_random", "normal": 1.0}
"""Each initialisation the menu offers, as :func:`~nnlib.diagnostics.deep_network` takes it:
a scheme of :mod:`nnlib.initializers`, or (for N(0, 1)) a standard deviation."""

SCALES = (0.5, 1.0, float(np.sqrt(2)), 2.0, 4.0)
"""The factors γ on every weight: chapter 12's five scales."""

CONTROLS = (
    Slider("depth", "hidden layers", 2, MAX_DEPTH, 1, default=MAX_DEPTH, integer=True),
    Choice("activation", "activation", ("sigmoid", "tanh", "relu"), default="tanh", option_labels=("sigmoid", "tanh", "ReLU")),
    Choice("init", "initialisation", tuple(INITS), default="xavier", option_labels=("Xavier", "He", "N(0, 0.01²)", "N(0, 1)")),
    Choice("scale", "weight scale γ", SCALES, default=1.0, option_labels=("0.5", "1", "√2", "2", "4"), menu=False),
)
"""The explorer's controls: depth, activation, initialisation, and a factor γ on every weight."""

RANGE = (1e-15, 1e15)
"""Both panels' vertical range (log scale): a curve that vanishes or explodes further leaves it."""


@lru_cache(maxsize=512)
def _measured(depth: int, activation: str, init: str, scale: float):
    return depth_experiment(depth, activation, init=INITS[init], scale=scale, width=WIDTH)


def depth_explorer_state(depth: int = MAX_DEPTH, activation: str = "tanh", init: str = "xavier", scale: float = 1.0) -> dict:
    """What the explorer shows: :func:`~nnlib.diagnostics.depth_experiment` for these controls.

    Returns
    -------
    dict with keys
        ``layers`` (1, ..., depth), ``activation_rms`` (the root mean square of a^[l]),
        ``gradient`` (the root mean square of dL/da^[l], relative to the top hidden layer's),
        ``derivative_mean`` (the mean slope f' of each layer), ``factor`` (the geometric mean of
        the per-layer factors by which the backward pass scales the gradient), and the controls.

    Examples
    --------
    >>> state = depth_explorer_state(20, "relu", "he", 1.0)
    >>> len(state["layers"]), bool(0.9 < state["factor"] < 1.1)
    (20, True)
    >>> depth_explorer_state(25)
    Traceback (most recent call last):
    ...
    ValueError: depth must lie from 2 to 20 (the range of its slider); got 25.
    """
    values = check_values(CONTROLS, depth=depth, activation=activation, init=init, scale=scale)
    stats = _measured(values["depth"], values["activation"], values["init"], values["scale"])
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        gradient = stats.gradient_rms / stats.gradient_rms[-1]
        factor = float(np.exp(np.mean(np.log(stats.gradient_factors))))
    return dict(values, layers=np.arange(1, values["depth"] + 1), activation_rms=stats.activation_rms, gradient=gradient,
                derivative_mean=stats.derivative_mean, factor=factor)


def _short(value: float) -> str:
    """A number that may be tiny or huge, in three characters or so: 0.62, 3e-09, 1e+15."""
    return f"{value:.2g}" if 1e-3 <= abs(value) < 1e4 else f"{value:.0e}"


class DepthFigure(WidgetFigure):
    """The explorer's figure: two panels with fixed axes (layers 1 to 20, values on a log scale
    over :data:`RANGE`), made once; :meth:`set_values` draws other curves and titles.

    Examples
    --------
    >>> fig = DepthFigure()
    >>> changed = fig.set_values(20, "sigmoid", "xavier", 1.0)
    >>> fig.axes[1].get_title().startswith("gradient at layer 1: ")
    True
    """

    def __init__(self):
        height = 3.3
        super().__init__(figsize=(8.0, height))
        left = self.add_axes((0.09, 0.58 / height, 0.385, 2.2 / height))
        right = self.add_axes((0.6, 0.58 / height, 0.385, 2.2 / height), sharex=left)
        styles = [("activation_rms", left, "rms of a[l]", OKABE_ITO["blue"], "o"),
                  ("gradient", right, "gradient at a[l] ÷ at the top", OKABE_ITO["vermillion"], "s")]
        self.curves = {}
        for key, ax, ylabel, color, marker in styles:
            ax.axhline(1.0, color="black", linestyle=":", linewidth=1)
            self.curves[key] = ax.plot([], [], "-", marker=marker, color=color, markersize=3.5, linewidth=1.6)[0]
            ax.set(yscale="log", ylim=RANGE, xlim=(0.3, MAX_DEPTH + 0.7), xlabel="hidden layer l", ylabel=ylabel)
            ax.yaxis.set_major_locator(LogLocator(base=10.0, numticks=7))
            ax.yaxis.set_minor_locator(NullLocator())  # fewer ticks: a faster redraw
            ax.set_xticks(range(2, MAX_DEPTH + 1, 2))
            ax.grid(alpha=0.3)
            ax.set_title(" ", fontsize=9.5)
        self.heading = self.text(0.012, 1 - 0.06 / height, "", fontsize=10, ha="left", va="top")

    def set_values(self, depth: int = MAX_DEPTH, activation: str = "tanh", init: str = "xavier", scale: float = 1.0) -> list:
        """Show the network for these controls; return the artists that change with them."""
        state = depth_explorer_state(depth, activation, init, scale)
        left, right = self.axes[:2]
        for key, line in self.curves.items():
            shown = np.clip(state[key], 1e-300, 1e300)  # an overflow (inf) is drawn off the top, not left out
            line.set_data(state["layers"], np.where(np.isfinite(shown), shown, 1e300))
        rms = state["activation_rms"]
        left.title.set_text(f"rms of a[l]: layer 1 {_short(rms[0])}, layer {state['depth']} {_short(rms[-1])}")
        right.title.set_text(f"gradient at layer 1: {_short(state['gradient'][0])} × the top's")
        init_label = CONTROLS[2].text(state["init"])
        self.heading.set_text(
            f"{state['depth']} {CONTROLS[1].text(state['activation'])} layers of {WIDTH} units, {init_label} × γ = "
            f"{CONTROLS[3].text(state['scale'])}: mean slope f′ {np.mean(state['derivative_mean']):.2f}; "
            f"per layer down, the gradient × {_short(state['factor'])}"
        )
        return [*self.curves.values(), left.title, right.title, self.heading]


def draw_depth_explorer(depth: int = MAX_DEPTH, activation: str = "tanh", init: str = "xavier", scale: float = 1.0) -> Figure:
    """The explorer's figure at these values.

    Examples
    --------
    >>> fig = draw_depth_explorer(10, "relu", "he")
    >>> fig.axes[0].get_xlabel()
    'hidden layer l'
    """
    fig = DepthFigure()
    fig.set_values(depth, activation, init, scale)
    return fig


def _alt(depth: int, activation: str, init: str, scale: float) -> str:
    state = depth_explorer_state(depth, activation, init, scale)
    return (
        f"Two log-scale plots over the {depth} hidden layers of a {activation} network started with "
        f"{CONTROLS[2].text(init)} weights times {CONTROLS[3].text(scale)}. Left: the root mean square of each layer's "
        f"outputs, from {_short(state['activation_rms'][0])} at layer 1 to {_short(state['activation_rms'][-1])} at layer "
        f"{depth}. Right: the gradient reaching each layer relative to the top hidden layer, "
        f"{_short(state['gradient'][0])} at layer 1."
    )


_DEPTHS = (2, 5, 10, 20)
_ACTIVATIONS = ("sigmoid", "tanh", "relu")

DEPTH_EXPLORER = Widget(
    "depth_explorer", CONTROLS, DepthFigure, _alt,
    experiments=(
        Experiment("Twenty layers, five scales", "At 20 layers and Xavier's start, move γ for each activation: the "
                   "sigmoid's gradient vanishes at every scale; tanh keeps its size at γ = 1 and ReLU at γ = √2; "
                   "smaller weights make it vanish and larger ones make it explode.",
                   moves={"scale": SCALES, "activation": _ACTIVATIONS}),
        Experiment("Four starts", "At 10 layers, compare the four starts for each activation: He keeps ReLU's "
                   "activations and gradient level, Xavier keeps tanh's nearly so, N(0, 0.01²) shrinks both by orders of "
                   "magnitude, and N(0, 1) saturates tanh and makes ReLU's activations explode; the sigmoid's outputs keep "
                   "an rms near ½ with every start, while its gradient shrinks on the way down.",
                   moves={"init": tuple(INITS), "activation": _ACTIVATIONS}, start={"depth": 10}),
        Experiment("Deeper and deeper", "Grow the network from 2 to 20 layers at Xavier's start: the sigmoid's gradient "
                   "at layer 1 falls by orders of magnitude, ReLU's falls more slowly, and tanh's changes little.",
                   moves={"depth": _DEPTHS, "activation": _ACTIVATIONS}, start={"depth": 2}),
        Experiment("ReLU with He", "Now ReLU with He's start: from 2 to 20 layers its gradient changes little.",
                   moves={"depth": (2, 10, 20)}, start={"depth": 2, "activation": "relu", "init": "he"}),
    ),
)
"""The explorer, declared once: its controls, its figure, and the experiments of chapter 12."""


def depth_explorer(**values) -> LiveFigure:
    """The live explorer: the depth, the activation, the initialisation and the weight scale.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return DEPTH_EXPLORER.live(**values)
