"""The activation explorer (chapter 3): an activation, its derivative, and the gradient it passes back.

Pick an activation (and, for the leaky ReLU, its slope), a pre-activation z and an upstream
gradient dL/da arriving from the layers above. The figure shows f with its tangent at z, f' with
the point f'(z), and the chain rule at that unit: the gradient that flows back to z is
dL/dz = f'(z) dL/da.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..activations import get_activation, leaky_relu_activation
from ..plots import OKABE_ITO
from .controls import Choice, Experiment, Slider, Widget, check_values
from .live import LiveFigure, WidgetFigure

ELEMENTWISE = ("linear", "sigmoid", "tanh", "relu", "leaky_relu")
"""The activations the explorer offers: every elementwise one of chapter 3 (softmax is not elementwise)."""

Z_RANGE = (-6.0, 6.0)
MAX_SLOPE = 0.9
"""The largest leaky slope the explorer's slider offers."""

CONTROLS = (
    Choice("activation", "activation f", ELEMENTWISE, default="sigmoid"),
    Slider("z", "z", *Z_RANGE, 0.1, default=2.0),
    Slider("upstream", "∂L/∂a", -2.0, 2.0, 0.1, default=1.0),
    Slider("slope", "leaky slope a", 0.0, MAX_SLOPE, 0.01, default=0.01),
)
"""The explorer's controls: the activation, the pre-activation z, the gradient arriving from above, and the leaky slope."""

POINTS = range(2, 10002)
"""How many points on the curves :func:`activation_explorer_state` accepts."""


def _activation(name: str, slope: float):
    if name not in ELEMENTWISE:
        raise ValueError(f"the explorer shows the elementwise activations {', '.join(ELEMENTWISE)}; got {name!r}.")
    return leaky_relu_activation(slope) if name == "leaky_relu" else get_activation(name)


def activation_explorer_state(
    activation: str = "sigmoid", z: float = 0.0, upstream: float = 1.0, slope: float = 0.01, n: int = 241
) -> dict:
    """Everything the explorer shows, as numbers.

    Parameters
    ----------
    activation : str
        One of :data:`ELEMENTWISE`.
    z : float
        The pre-activation of the unit.
    upstream : float
        dL/da, the gradient of the loss with respect to the unit's output, from the layers above.
    slope : float
        The leaky ReLU's slope for z <= 0 (used by ``"leaky_relu"`` only), 0 <= slope < 1.
    n : int
        Points on the curves.

    Returns
    -------
    dict with keys
        ``z_grid`` (n,), ``f`` and ``df`` (f and f' on the grid), ``a`` (f(z)), ``local`` (f'(z)),
        ``upstream`` (dL/da) and ``downstream`` (dL/dz = f'(z) dL/da).

    Examples
    --------
    >>> state = activation_explorer_state("sigmoid", z=0.0, upstream=2.0)
    >>> state["a"], state["local"], state["downstream"]
    (0.5, 0.25, 0.5)
    """
    f = _activation(activation, slope)
    check_values(CONTROLS, activation=activation, z=z, upstream=upstream, slope=slope)
    if n not in POINTS:
        raise ValueError(f"n must be a whole number from 2 to 10001; got {n!r}.")
    z_grid = np.linspace(*Z_RANGE, n)
    z_point = np.array([float(z)])
    local = float(f.derivative(z_point)[0])
    return dict(
        z_grid=z_grid, f=f(z_grid), df=f.derivative(z_grid), a=float(f(z_point)[0]), local=local,
        upstream=float(upstream), downstream=local * float(upstream),
    )


class ActivationFigure(WidgetFigure):
    """The explorer's figure: axes, grid and the lines z = 0 are made once, and
    :meth:`set_values` moves the curves, the points, the tangent and the texts.

    The left panel's vertical range depends on the activation only (for the leaky ReLU, it
    takes in the steepest slope the slider offers), so moving a slider never rescales it.

    Examples
    --------
    >>> fig = ActivationFigure()
    >>> changed = fig.set_values("tanh", z=0.0)
    >>> [ax.texts[0].get_text() for ax in fig.axes]
    ['tanh(z) (solid) and its tangent at z (dotted)', "tanh'(z)"]
    """

    def __init__(self):
        super().__init__(figsize=(9.0, 3.9))
        left = self.add_axes((0.07, 0.3, 0.4, 0.58))
        right = self.add_axes((0.57, 0.3, 0.4, 0.58))
        blue, red = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
        self.titles = [_title(left, ""), _title(right, "")]
        for ax in (left, right):
            ax.axhline(0, color="grey", linewidth=0.6)
            ax.axvline(0, color="grey", linewidth=0.6)
            ax.set_xlim(*Z_RANGE)
            ax.set_xticks([-6, -4, -2, 0, 2, 4, 6])  # fixed ticks are cheaper to draw than chosen ones
            ax.set_xlabel("z")
            ax.grid(alpha=0.3)
        self.z_lines = [ax.axvline(0, color="grey", linewidth=0.8, linestyle="-.") for ax in (left, right)]

        self.f_curve = left.plot([], [], "-", color=blue, linewidth=2)[0]
        self.tangent = left.plot([], [], ":", color="black", linewidth=1.6)[0]
        self.f_point = left.plot([], [], "o", color=blue, markersize=8, markeredgecolor="black")[0]

        self.df_curve = right.plot([], [], "--", color=red, linewidth=2)[0]
        self.df_point = right.plot([], [], "s", color=red, markersize=8, markeredgecolor="black")[0]
        right.set_ylim(-0.08, 1.08)
        right.set_yticks([0, 0.25, 0.5, 0.75, 1])
        self.df_label = right.annotate("", (0, 0), xytext=(0, 10), textcoords="offset points", ha="center", fontsize=9,
                                       bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor=red))
        self.chain_rule = self.text(0.5, 0.085, "", ha="center", va="bottom", fontsize=10)
        self.slope_note = self.text(0.5, 0.035, "", ha="center", va="bottom", fontsize=10)

    def set_values(self, activation: str = "sigmoid", z: float = 2.0, upstream: float = 1.0, slope: float = 0.01) -> list:
        """Show the explorer for these values; return the artists that change with the sliders.
        The menu also changes the left panel's range and the titles: the figure's other
        artists, changed only when they differ."""
        state = activation_explorer_state(activation, z, upstream, slope)
        left, right = self.axes
        z_grid = state["z_grid"]
        widest = activation_explorer_state(activation, slope=MAX_SLOPE, n=2)["f"]  # f at both ends of the z range
        low, high = widest.min(), widest.max()
        pad = 0.08 * (high - low)
        if left.get_ylim() != (low - pad, high + pad):  # only then: the axis is not redrawn by every update
            left.set_ylim(low - pad, high + pad)

        self.f_curve.set_data(z_grid, state["f"])
        near = np.abs(z_grid - z) <= 1.5
        self.tangent.set_data(z_grid[near], state["a"] + state["local"] * (z_grid[near] - z))
        self.f_point.set_data([z], [state["a"]])
        self.df_curve.set_data(z_grid, state["df"])
        self.df_point.set_data([z], [state["local"]])
        self.df_label.xy = (z, state["local"])
        above = state["local"] < 0.8  # near the top, the label goes under the point, clear of the title
        self.df_label.xyann = (0, 10) if above else (0, -10)
        self.df_label.set_verticalalignment("bottom" if above else "top")
        self.df_label.set_text(f"f'({z:g}) = {state['local']:.4g}")
        for line in self.z_lines:
            line.set_xdata([z, z])
        self.titles[0].set_text(f"{activation}(z) (solid) and its tangent at z (dotted)")
        self.titles[1].set_text(f"{activation}'(z)")
        self.chain_rule.set_text(
            f"forward: a = f({z:g}) = {state['a']:.4g}      "
            f"backward: dL/dz = f'(z) × dL/da = {state['local']:.4g} × {upstream:g} "
            f"= {state['downstream']:.4g}"
        )
        self.slope_note.set_text(f"leaky slope {slope:g}" if activation == "leaky_relu" else f"(leaky slope {slope:g}: unused)")
        return [*self.z_lines, self.f_curve, self.tangent, self.f_point, self.df_curve, self.df_point,
                self.df_label, self.chain_rule, self.slope_note, *left.spines.values(), *right.spines.values()]


def draw_activation_explorer(activation: str = "sigmoid", z: float = 2.0, upstream: float = 1.0, slope: float = 0.01) -> Figure:
    """The explorer's figure: f with its tangent at z, and f' with the point f'(z).

    Examples
    --------
    >>> fig = draw_activation_explorer("tanh", z=0.0)
    >>> [ax.texts[0].get_text() for ax in fig.axes]
    ['tanh(z) (solid) and its tangent at z (dotted)', "tanh'(z)"]
    """
    fig = ActivationFigure()
    fig.set_values(activation, z, upstream, slope)
    return fig


def _title(ax, text: str):
    """A title as plain text: Axes.set_title would re-measure the tick labels on every draw."""
    return ax.text(0.5, 1.03, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=10)


def _alt(activation: str, z: float, upstream: float, slope: float) -> str:
    state = activation_explorer_state(activation, z, upstream, slope)
    return (
        f"Left: the {activation} activation for z from -6 to 6, with a dot at z = {z:g} and the tangent there. "
        f"Right: its derivative, with a square at z = {z:g} where the slope is {state['local']:.4g}. "
        f"A line of text below applies the chain rule: an upstream gradient of {upstream:g} times that slope gives "
        f"{state['downstream']:.4g} flowing back to z."
    )


_Z = CONTROLS[1]

ACTIVATION_EXPLORER = Widget(
    "activation_explorer", CONTROLS, ActivationFigure, _alt,
    experiments=(
        Experiment("Saturation", "With the sigmoid, slide z from 0 to 6 and watch the gradient that flows back shrink to "
                   "almost nothing: saturation.", moves={"z": _Z.stops(0.5)}),
        Experiment("Sigmoid or tanh at 0", "Compare the sigmoid and tanh at z = 0: the same upstream gradient comes back "
                   "four times larger through tanh.", start={"z": 0.0}, moves={"z": _Z.stops(1.0), "activation": ELEMENTWISE}),
        Experiment("ReLU, then leaky", "Choose ReLU and a negative z: nothing flows back. Then choose the leaky ReLU and "
                   "raise its slope.", start={"activation": "relu", "z": -2.0},
                   moves={"z": (-4.0, -2.0, 2.0), "slope": (0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9),
                          "activation": ("relu", "leaky_relu")}),
        Experiment("The gradient from above", "A gradient ∂L/∂a arrives from the layers above; the gradient that flows "
                   "back to z is f'(z) ∂L/∂a.", moves={"upstream": CONTROLS[2].stops(0.5)}),
    ),
)
"""The explorer, declared once: its controls, its figure, and the experiments of chapter 3."""


def activation_explorer(**values) -> LiveFigure:
    """The live explorer: a menu for the activation, sliders for z, the upstream gradient and the leaky slope.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return ACTIVATION_EXPLORER.live(**values)
