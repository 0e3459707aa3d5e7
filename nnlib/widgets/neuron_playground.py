"""The neuron playground (chapter 1): w1, w2, b and the activation, and what one neuron does.

The figure shows the neuron's output a = f(w1 x1 + w2 x2 + b) over the plane as shading, its
decision line w1 x1 + w2 x2 + b = 0, the weight vector w (perpendicular to the line, pointing to
the side where z > 0, drawn when it fits in the picture), and the four inputs of a logic gate, each marked by its target and
labelled with the neuron's output.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ..activations import ACTIVATIONS, get_activation
from ..data import GATES, logic_gate
from ..neuron import decision_line, weighted_sum
from ..plots import CLASS_COLORS, CLASS_MARKERS, OKABE_ITO, SEQUENTIAL_CMAP
from .controls import Choice, Experiment, Slider, Widget, check_values
from .live import LiveFigure, WidgetFigure

PLANE = (-0.5, 1.5)
"""The square of the plane the playground shows, in both x1 and x2."""

CONTROLS = (
    Slider("w1", "w₁", -20.0, 20.0, 0.5, default=10.0),
    Slider("w2", "w₂", -20.0, 20.0, 0.5, default=10.0),
    Slider("b", "b", -20.0, 20.0, 0.5, default=-15.0),
    Choice("activation", "activation f", tuple(name for name in ACTIVATIONS if name != "softmax"), default="sigmoid"),
    Choice("gate", "gate", tuple(GATES), default="and"),
)
"""The playground's controls: the neuron's weights and bias, its activation, and the logic gate it is scored on."""

RESOLUTIONS = range(2, 1002)
"""Grid points per side of the shading that :func:`neuron_playground_state` accepts."""


def neuron_playground_state(
    w1: float, w2: float, b: float, activation: str = "sigmoid", gate: str = "and", resolution: int = 121
) -> dict:
    """Everything the playground shows, as numbers.

    The neuron answers 1 where z = w1 x1 + w2 x2 + b > 0 (for the sigmoid, where a > 1/2).

    Returns
    -------
    dict with keys
        ``grid`` (x1 and x2 of the shading, each (resolution,)), ``output`` (a over the grid,
        (resolution, resolution), rows along x2), ``line`` ((x1, x2) end points of the decision
        line, or None when w = 0), ``X`` and ``targets`` (the gate's four inputs (2, 4) and
        targets (4,)), ``z`` and ``a`` at those inputs, ``predictions`` (1 where z > 0) and
        ``n_correct``.

    Examples
    --------
    >>> state = neuron_playground_state(10.0, 10.0, -15.0, "sigmoid", "and")
    >>> state["predictions"].tolist(), state["n_correct"]
    ([0, 0, 0, 1], 4)
    """
    check_values(CONTROLS, w1=w1, w2=w2, b=b, activation=activation, gate=gate)
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be a whole number from 2 to 1001; got {resolution!r}.")
    f = get_activation(activation)
    w = np.array([w1, w2], dtype=float)
    X, Y = logic_gate(gate)
    z = weighted_sum(X, w, b)
    x1, g1, g2 = _plane_grid(resolution)
    output = f(w1 * g1 + w2 * g2 + b)
    predictions = (z > 0).astype(int)
    targets = Y[0].astype(int)
    line = decision_line(w, b, PLANE) if (w1, w2) != (0.0, 0.0) else None
    return dict(
        grid=(x1, x1), output=output, line=line, X=X, targets=targets, z=z, a=f(z),
        predictions=predictions, n_correct=int((predictions == targets).sum()),
    )


@lru_cache(maxsize=4)
def _plane_grid(resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The points of the shading: x1 (resolution,) and both coordinates over the grid (computed once)."""
    x1 = np.linspace(*PLANE, resolution)
    g1, g2 = np.meshgrid(x1, x1)
    for array in (x1, g1, g2):
        array.setflags(write=False)
    return x1, g1, g2


class PlaygroundFigure(WidgetFigure):
    """The playground's figure: its axes, colour bar and legend are made once, and
    :meth:`set_values` moves the artists that depend on the controls.

    The axes have fixed positions (no layout engine), so a change never moves them: the live
    widget then redraws only the artists that :meth:`set_values` returns (see
    :class:`~nnlib.widgets.live.LiveFigure`).

    Examples
    --------
    >>> fig = PlaygroundFigure()
    >>> changed = fig.set_values(10.0, 10.0, -5.0, "sigmoid", "and")
    >>> fig.axes[0].get_title()
    'and: 2 of 4 inputs right'
    """

    def __init__(self):
        super().__init__(figsize=(6.2, 4.9))
        ax = self.add_axes((0.13, 0.18, 0.7, 0.76))
        cax = self.add_axes((0.8, 0.225, 0.027, 0.67))
        self.shading = ax.imshow(
            np.zeros((2, 2)), origin="lower", extent=(*PLANE, *PLANE), cmap=SEQUENTIAL_CMAP, aspect="equal",
            interpolation="bilinear", interpolation_stage="data",  # interpolating the numbers, not the colours, is faster
        )
        self.colour_bar = self.colorbar(self.shading, cax=cax)
        self.halo = ax.plot([], [], color="white", linewidth=3)[0]
        self.boundary = ax.plot([], [], color="black", linewidth=1.5, linestyle="--", label="decision line z = 0")[0]
        # w, drawn as an arrow from the decision line towards the side z > 0
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0),
                                 arrowprops=dict(arrowstyle="-|>", color=OKABE_ITO["orange"], lw=2.5))
        self.arrow_label = ax.annotate("w", (0, 0), xytext=(6, 6), textcoords="offset points", color=OKABE_ITO["orange"],
                                       fontsize=13, fontweight="bold")
        self.points = [  # markers drawn by lines, not by scatter: much faster to draw again
            ax.plot([], [], linestyle="none", marker=CLASS_MARKERS[k], markersize=np.sqrt(130), color=CLASS_COLORS[k],
                    markeredgecolor="white", markeredgewidth=1.5, zorder=3, label=f"target {k}")[0]
            for k in (0, 1)
        ]
        self.point_labels = [
            ax.annotate("", (x1, x2), xytext=(0, 12), textcoords="offset points", ha="center", fontsize=9,
                        bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="black"))
            for x1, x2 in logic_gate("and")[0].T  # every gate has the same four inputs
        ]
        ax.set_xlim(PLANE)
        ax.set_ylim(PLANE)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        self.key = ax.legend(handles=[self.boundary, *self.points], loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3,
                             fontsize=8, frameon=False)

    def set_values(
        self, w1: float = 10.0, w2: float = 10.0, b: float = -15.0, activation: str = "sigmoid", gate: str = "and"
    ) -> list:
        """Show the playground for these values; return the artists that change with the weights
        (and the axes' frame, drawn above the shading). The menus also change the colour bar,
        and a zero weight vector the legend: the figure's other artists, changed only when they
        differ."""
        state = neuron_playground_state(w1, w2, b, activation, gate)
        ax = self.axes[0]
        out = state["output"]
        self.shading.set_data(out)
        self.shading.set_clim(*colour_range(out))
        self.colour_bar.ax.yaxis.label.set_text(f"output a = {activation}(z)")

        line = state["line"]
        for artist in (self.halo, self.boundary):
            artist.set_data(*(line if line is not None else ([], [])))
        if self.key.legend_handles[0].get_visible() != (line is not None):  # w = 0: no line (changes the legend: rare)
            self.key.legend_handles[0].set_visible(line is not None)
            self.key.get_texts()[0].set_text("decision line z = 0" if line is not None else "no decision line (w = 0)")
        arrow_shown = False
        if line is not None:
            w = np.array([w1, w2])
            anchor = np.array([0.5, 1.3])  # an empty spot of the plane
            base = anchor - (w @ anchor + b) * w / (w @ w)  # the point of the line nearest it
            tip = base + 0.3 * w / np.linalg.norm(w)
            arrow_shown = bool(np.all((np.minimum(base, tip) >= PLANE[0]) & (np.maximum(base, tip) <= PLANE[1])))
            self.arrow.xy, self.arrow.xyann, self.arrow_label.xy = tuple(tip), tuple(base), tuple(tip)
        self.arrow.set_visible(arrow_shown)
        self.arrow_label.set_visible(arrow_shown)

        X, targets = state["X"], state["targets"]
        for k, points in enumerate(self.points):
            points.set_data(*X[:, targets == k])
        for i, label in enumerate(self.point_labels):
            right = state["predictions"][i] == targets[i]
            label.set_text(f"a={_short(state['a'][i])}" + ("" if right else " (wrong)"))
            label.get_bbox_patch().set_edgecolor("black" if right else OKABE_ITO["vermillion"])
        ax.title.set_text(f"{gate}: {state['n_correct']} of 4 inputs right")
        return [self.shading, self.halo, self.boundary, self.arrow, self.arrow_label, *self.points, *self.point_labels,
                ax.title, *ax.spines.values()]


def draw_neuron_playground(
    w1: float = 10.0, w2: float = 10.0, b: float = -15.0, activation: str = "sigmoid", gate: str = "and"
) -> Figure:
    """The playground's figure for one setting of the controls.

    Examples
    --------
    >>> fig = draw_neuron_playground()
    >>> fig.axes[0].get_title()
    'and: 4 of 4 inputs right'
    """
    fig = PlaygroundFigure()
    fig.set_values(w1, w2, b, activation, gate)
    return fig


def colour_range(output: np.ndarray) -> tuple[float, float]:
    """The shading's colour scale: from 0 to 1 at least, each end widened, when the outputs go
    beyond, to the next 1, 2 or 5 times a power of ten. The scale then stays put while a slider
    moves a little, and the colour bar (drawn once, not by every update) seldom changes.

    Examples
    --------
    >>> colour_range(np.array([0.2, 0.9])), colour_range(np.array([-0.99, 0.5])), colour_range(np.array([0.5, 15.0]))
    ((0.0, 1.0), (-1.0, 1.0), (0.0, 20.0))
    """
    low, high = min(0.0, float(output.min())), max(1.0, float(output.max()))
    return (-_round_up(-low) if low < 0 else 0.0), _round_up(high)


def _round_up(value: float) -> float:
    """The smallest number 1, 2 or 5 times a power of ten that is at least ``value`` > 0."""
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= value * (1 - 1e-12)))


def _short(value: float) -> str:
    """Three decimals, or scientific notation for values too small to show that way."""
    return f"{value:.3f}" if value == 0 or abs(value) >= 0.001 else f"{value:.1e}"


def _alt(w1: float, w2: float, b: float, activation: str, gate: str) -> str:
    state = neuron_playground_state(w1, w2, b, activation, gate)
    return (
        f"The output of one {activation} neuron with w1 = {w1:g}, w2 = {w2:g}, b = {b:g} shaded over the "
        f"square from -0.5 to 1.5 in x1 and x2, with its dashed decision line and the four inputs of "
        f"the {gate} gate; the neuron gets {state['n_correct']} of the 4 right."
    )


_COARSE = (-10.0, 0.0, 10.0)

NEURON_PLAYGROUND = Widget(
    "neuron_playground", CONTROLS, PlaygroundFigure, _alt,
    experiments=(
        Experiment("AND to OR with b alone", "Start from AND and change only b until the neuron computes OR. "
                   "The line moves without turning.", moves={"b": CONTROLS[2].stops(2.5), "gate": ("and", "or")}),
        Experiment("OR, twice as sharp", "From OR, double both weights and the bias. The line stays put; the shading "
                   "gets sharper.", start={"b": -5.0, "gate": "or"},
                   moves={"w1": (10.0, 15.0, 20.0), "w2": (10.0, 15.0, 20.0), "b": (-5.0, -7.5, -10.0)}),
        Experiment("NAND", "Find weights for NAND (the opposite of AND). Hint: what happens when you flip every sign?",
                   start={"gate": "nand"}, moves={"w1": _COARSE, "w2": _COARSE, "b": (-15.0, -5.0, 5.0, 15.0)}),
        Experiment("XOR", "Choose XOR and try to reach \"4 of 4\". The argument above says you cannot.",
                   start={"gate": "xor"}, moves={"w1": _COARSE, "w2": _COARSE, "b": (-15.0, -5.0, 5.0, 15.0)}),
        Experiment("Activations and gates", "Choose the activation and the gate, and watch the shading and the outputs "
                   "at the four inputs change.", moves={"gate": CONTROLS[4].options, "activation": CONTROLS[3].options}),
    ),
)
"""The playground, declared once: its controls, its figure, and the experiments of chapter 1."""


def neuron_playground(**values) -> LiveFigure:
    """The live playground: sliders for w1, w2 and b, menus for the activation and the gate.

    Parameters
    ----------
    **values
        Any control's starting value by name (see :data:`CONTROLS`); the others take their defaults.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return NEURON_PLAYGROUND.live(**values)
