"""The weight tweaker (chapter 2): a slider for every weight and bias of a 2-2-1 sigmoid network.

The network is the XOR network of chapter 2: two inputs, two sigmoid hidden units, one sigmoid
output, nine parameters in all. The figure shows, side by side, the network's diagram drawn from
the current weights with every node's value for the chosen input, and the network's output
over the plane with the four XOR inputs marked. Moving one slider updates both.

Parameter names follow the notation page: ``w1_jk`` is w^[1]_jk, the weight to hidden unit j
from input k; ``b1_j`` is the bias of hidden unit j; ``w2_1j`` is the weight to the output from
hidden unit j, and ``b2_1`` the output's bias.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..data import logic_gate
from ..diagram import NetworkDrawing
from ..network import Network
from ..plots import CLASS_COLORS, CLASS_MARKERS, OKABE_ITO, SEQUENTIAL_CMAP
from .controls import Choice, Experiment, Slider, Widget, check_values
from .live import LiveFigure, WidgetFigure
from .neuron_playground import PLANE, RESOLUTIONS, _plane_grid

PARAMETER_NAMES = ("w1_11", "w1_12", "b1_1", "w1_21", "w1_22", "b1_2", "w2_11", "w2_12", "b2_1")
"""The nine parameters of the 2-2-1 network, hidden unit 1 first, then hidden unit 2, then the output."""

XOR_PARAMETERS = dict(w1_11=10.0, w1_12=10.0, b1_1=-5.0, w1_21=-10.0, w1_22=-10.0, b1_2=15.0, w2_11=10.0, w2_12=10.0, b2_1=-15.0)
"""Hand-set weights that compute XOR: hidden unit 1 is OR, hidden unit 2 is NAND, the output is their AND."""

INPUT_LABELS = ("(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)")
"""The four XOR inputs, in the column order of :func:`nnlib.data.logic_gate`."""

CONTROLS = (
    *(Slider(name, name, -20.0, 20.0, 0.5, default=XOR_PARAMETERS[name]) for name in PARAMETER_NAMES),
    Choice("input_index", "input", (0, 1, 2, 3), default=1, option_labels=tuple(f"x = {label}" for label in INPUT_LABELS)),
)
"""The tweaker's controls: a slider per parameter, labelled with the names the chapter uses, and the input to trace."""

def tweaker_network(**parameters: float) -> Network:
    """The 2-2-1 sigmoid network with the nine named parameters (missing ones take the XOR values).

    Examples
    --------
    >>> tweaker_network().sizes
    [2, 2, 1]
    >>> tweaker_network(b2_1=0.0).layers[1].b.item()
    0.0
    """
    unknown = set(parameters) - set(PARAMETER_NAMES)
    if unknown:
        raise ValueError(f"unknown parameter {sorted(unknown)[0]!r}; expected some of: {', '.join(PARAMETER_NAMES)}.")
    p = {**XOR_PARAMETERS, **parameters}
    W1 = [[p["w1_11"], p["w1_12"]], [p["w1_21"], p["w1_22"]]]
    W2 = [[p["w2_11"], p["w2_12"]]]
    return Network.from_weights([W1, W2], [[p["b1_1"], p["b1_2"]], [p["b2_1"]]], "sigmoid")


def weight_tweaker_state(input_index: int = 1, resolution: int = 61, **parameters: float) -> dict:
    """Everything the tweaker shows, as numbers.

    Parameters
    ----------
    input_index : int
        Which XOR input the diagram traces: 0, 1, 2, 3 for (0, 0), (0, 1), (1, 0), (1, 1).
    resolution : int
        Grid points per side of the output over the plane.
    **parameters : float
        Any of :data:`PARAMETER_NAMES`; the others keep their XOR values.

    Returns
    -------
    dict with keys
        ``X`` (the four inputs, (2, 4)), ``targets`` (XOR, (4,)), ``Z1`` and ``A1`` (the hidden
        layer, (2, 4)), ``Z2`` and ``y_hat`` (the output, (4,)), ``node_values`` (a list of one
        array per layer for the chosen input, input first), ``predictions`` (1 where y_hat > 1/2),
        ``n_correct``, ``grid`` (x1 and x2 of the plane, each (resolution,)) and ``output``
        (y_hat over the plane, (resolution, resolution), rows along x2), and ``network`` (the
        :class:`~nnlib.network.Network` itself).

    Examples
    --------
    >>> state = weight_tweaker_state()
    >>> state["predictions"].tolist(), state["n_correct"]
    ([0, 1, 1, 0], 4)
    """
    if input_index not in range(4):
        raise ValueError(f"input_index must be 0, 1, 2 or 3 (one of the inputs {', '.join(INPUT_LABELS)}); got {input_index!r}.")
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be a whole number from 2 to 1001; got {resolution!r}.")
    tweaker_network(**parameters)  # unknown names first, with the list of the known ones
    check_values(CONTROLS, input_index=input_index, **parameters)
    net = tweaker_network(**parameters)
    X, Y = logic_gate("xor")
    trace = net.trace(X)
    x, points = _plane_points(resolution)
    output = net.forward(points)[0].reshape(resolution, resolution)
    y_hat = trace.A[2][0]
    predictions = (y_hat > 0.5).astype(int)
    targets = Y[0].astype(int)
    return dict(
        X=X, targets=targets, Z1=trace.Z[0], A1=trace.A[1], Z2=trace.Z[1][0], y_hat=y_hat,
        node_values=[A[:, input_index] for A in trace.A], predictions=predictions,
        n_correct=int((predictions == targets).sum()), grid=(x, x), output=output, network=net,
    )


@lru_cache(maxsize=4)
def _plane_points(resolution: int) -> tuple[np.ndarray, np.ndarray]:
    """x1 (and x2) of the neuron playground's grid, (resolution,), and its points as columns
    (2, resolution**2), row after row along x2 (computed once)."""
    x, g1, g2 = _plane_grid(resolution)
    points = np.stack([g1.ravel(), g2.ravel()])
    points.setflags(write=False)
    return x, points


class TweakerFigure(WidgetFigure):
    """The tweaker's figure: the diagram's nodes, the axes, colour bar and legends are made once,
    and :meth:`set_values` changes the arcs, the numbers and the output over the plane.

    The diagram is drawn as :func:`nnlib.diagram.draw_network` draws it (arc width proportional
    to abs(w), solid blue for w > 0, dashed vermillion for w < 0), except that each arc stops at
    the rim of its nodes: the nodes, drawn once, then need not be drawn again over a changed arc.

    Examples
    --------
    >>> fig = TweakerFigure()
    >>> changed = fig.set_values(b2_1=5.0)
    >>> fig.axes[1].texts[0].get_text()
    'XOR: 2 of 4 inputs right'
    """

    def __init__(self):
        super().__init__(figsize=(9.6, 3.9))
        left = self.add_axes((0.0, 0.12, 0.56, 0.7))
        right = self.add_axes((0.61, 0.2, 0.3, 0.7))
        colorbar_axes = self.add_axes((0.92, 0.2, 0.015, 0.7))
        self.network_title = _title(left, "")
        self.plane_title = _title(right, "")
        self._draw_diagram(left)

        self.shading = right.imshow(
            np.zeros((2, 2)), origin="lower", extent=(*PLANE, *PLANE), cmap=SEQUENTIAL_CMAP, vmin=0.0, vmax=1.0,
            aspect="equal", interpolation="bilinear", interpolation_stage="data",  # interpolating numbers, not colours: faster
        )
        self.colorbar(self.shading, cax=colorbar_axes, label=r"output $\hat{y}$", ticks=[0, 0.5, 1])
        self.boundary = right.add_collection(LineCollection([], colors="white", linewidths=1.2, linestyles="--"))
        self.points, self.point_labels = [], []
        X, Y = logic_gate("xor")
        for i in range(4):
            target, (x1, x2) = int(Y[0, i]), X[:, i]
            # a marker drawn by a line, not by scatter: much faster to draw again
            self.points.append(right.plot(x1, x2, linestyle="none", marker=CLASS_MARKERS[target], color=CLASS_COLORS[target],
                                          zorder=3)[0])
            self.point_labels.append(right.annotate(
                "", (x1, x2), xytext=(0, 11), textcoords="offset points", ha="center", fontsize=8,
                bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85),
            ))
        right.scatter([], [], c=CLASS_COLORS[0], marker=CLASS_MARKERS[0], label="XOR 0")
        right.scatter([], [], c=CLASS_COLORS[1], marker=CLASS_MARKERS[1], label="XOR 1")
        right.legend(loc="lower center", bbox_to_anchor=(0.5, -0.32), ncol=2, fontsize=8, frameon=False)
        right.set(xlim=PLANE, ylim=PLANE, xticks=[0, 1], yticks=[0, 1], xlabel="$x_1$", ylabel="$x_2$")

    def _draw_diagram(self, ax) -> None:
        """The network, drawn by :class:`~nnlib.diagram.NetworkDrawing` as the chapters' static
        diagrams are: its arcs, labels and notes are set by :meth:`set_values`."""
        self.diagram = NetworkDrawing(ax, [2, 2, 1])
        self.diagram.frame(legend=True)

    def set_values(self, input_index: int = 1, **parameters: float) -> list:
        """Show the tweaker for these values; return the artists that change with the weights.
        The input menu also changes the inputs' notes and the left title: the figure's other
        artists, changed only when they differ."""
        state = weight_tweaker_state(input_index, **parameters)
        net, diagram = state["network"], self.diagram
        diagram.show_weights([layer.W for layer in net.layers])
        for (l, j, k), label in diagram.arc_labels.items():
            label.set_text(f"{float(net.layers[l - 1].W[j, k]):.2f}")
        for (l, j), note in diagram.notes.items():
            value = float(state["node_values"][l][j])
            note.set_text(f"{value:.4f}" + (f"\nb={float(net.layers[l - 1].b[j, 0]):.2f}" if l > 0 else ""))
        self.network_title.set_text(f"node values for x = {INPUT_LABELS[input_index]}")

        self.shading.set_data(state["output"])
        self.boundary.set_segments(contour_lines(*state["grid"], state["output"], 0.5))
        for i, (points, label) in enumerate(zip(self.points, self.point_labels)):
            chosen = i == input_index
            points.set(markersize=np.sqrt(190 if chosen else 110), markeredgecolor=OKABE_ITO["orange"] if chosen else "white",
                       markeredgewidth=2.5 if chosen else 1.2)
            label.set_text(f"{state['y_hat'][i]:.3f}")
        self.plane_title.set_text(f"XOR: {state['n_correct']} of 4 inputs right")
        right = self.axes[1]
        return [*diagram.arcs.values(), *diagram.arc_labels.values(), *(note for (l, _), note in diagram.notes.items() if l > 0),
                self.shading, self.boundary,
                *self.points, *self.point_labels, self.plane_title, *right.spines.values()]


def draw_weight_tweaker(input_index: int = 1, **parameters: float) -> Figure:
    """The tweaker's figure: the diagram with node values, and the output over the plane.

    Examples
    --------
    >>> fig = draw_weight_tweaker()
    >>> fig.axes[1].texts[0].get_text()
    'XOR: 4 of 4 inputs right'
    """
    fig = TweakerFigure()
    fig.set_values(input_index, **parameters)
    return fig


def contour_lines(x: np.ndarray, y: np.ndarray, z: np.ndarray, level: float) -> list[np.ndarray]:
    """The lines where z (rows along y, columns along x) crosses ``level``: a list of (n, 2) arrays
    of points, as ``Axes.contour`` would draw them (both use contourpy).

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 3)
    >>> z = np.tile(x, (3, 1))  # z = x1: the level 0.25 is the vertical line x1 = 0.25
    >>> [line.tolist() for line in contour_lines(x, x, z, 0.25)]
    [[[0.25, 1.0], [0.25, 0.5], [0.25, 0.0]]]
    """
    import contourpy

    return contourpy.contour_generator(x, y, z).lines(level)


def _title(ax, text: str):
    """A title as plain text: Axes.set_title would re-measure the tick labels on every draw."""
    return ax.text(0.5, 1.02, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=10)


def _alt(input_index: int, **parameters: float) -> str:
    state = weight_tweaker_state(input_index, **parameters)
    return (
        "Left: a diagram of the 2-2-1 sigmoid network with each weight on its arc, each bias under its node and "
        f"each node's value for the input {INPUT_LABELS[input_index]}; the output is {state['y_hat'][input_index]:.3f}. "
        "Right: the network's output shaded over the plane from -0.5 to 1.5, with a dashed line where it is 0.5 "
        f"and the four XOR inputs marked by their targets; the network gets {state['n_correct']} of the 4 right."
    )


def _scaled(factor: float) -> dict:
    return {name: round(value * factor, 2) for name, value in XOR_PARAMETERS.items()}


_HIDDEN_AND = dict(w1_21=10.0, w1_22=10.0, b1_2=-15.0)
_SIGNS = (-10.0, 0.0, 10.0)

WEIGHT_TWEAKER = Widget(
    "weight_tweaker", CONTROLS, TweakerFigure, _alt,
    experiments=(
        Experiment("b2_1 from -15 to -5", "Move b2_1 from -15 to -5. The output unit becomes an OR of the hidden units. "
                   "Which inputs does the network now get wrong, and why?",
                   moves={"b2_1": CONTROLS[8].stops(5.0), "input_index": (0, 1, 2, 3)}),
        Experiment("Hidden unit 2 into AND", "Turn hidden unit 2 into an AND unit (w1_21 = w1_22 = 10, b1_2 = -15).",
                   moves={"w1_21": _SIGNS, "w1_22": _SIGNS, "b1_2": (-15.0, 0.0, 15.0)}),
        Experiment("XOR from OR and AND", "XOR is \"OR and not AND\": with hidden unit 2 an AND unit, find output weights "
                   "that compute it.", start=_HIDDEN_AND,
                   moves={"w2_11": _SIGNS, "w2_12": _SIGNS, "b2_1": (-15.0, -5.0, 5.0)}),
        Experiment("Every weight halved", "Halve every weight and bias. The network still computes XOR, less confidently: "
                   "look at the outputs at the four inputs.", start=_scaled(0.5), moves={"input_index": (0, 1, 2, 3)}),
        Experiment("Every weight divided by 10", "Divide the original weights by 10 instead. The outputs crowd around the "
                   "middle and XOR is lost: sharp gates need large weights.", start=_scaled(0.1),
                   moves={"input_index": (0, 1, 2, 3)}),
    ),
)
"""The tweaker, declared once: its controls, its figure, and the experiments of chapter 2."""


def weight_tweaker(**values) -> LiveFigure:
    """The live tweaker: nine sliders, one per parameter, and a menu for the traced input.

    Parameters start at the hand-set XOR weights of chapter 2; pass any of
    :data:`PARAMETER_NAMES` (or ``input_index``) to start elsewhere.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return WEIGHT_TWEAKER.live(**values)
