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

import ipywidgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from ..data import logic_gate
from ..diagram import NEGATIVE, NODE_RADIUS, POSITIVE, default_node_labels, node_positions
from ..network import Network
from ..plots import CLASS_COLORS, CLASS_MARKERS, OKABE_ITO, SEQUENTIAL_CMAP
from .live import LiveFigure, WidgetFigure
from .neuron_playground import PLANE, _plane_grid

PARAMETER_NAMES = ("w1_11", "w1_12", "b1_1", "w1_21", "w1_22", "b1_2", "w2_11", "w2_12", "b2_1")
"""The nine parameters of the 2-2-1 network, hidden unit 1 first, then hidden unit 2, then the output."""

XOR_PARAMETERS = dict(w1_11=10.0, w1_12=10.0, b1_1=-5.0, w1_21=-10.0, w1_22=-10.0, b1_2=15.0, w2_11=10.0, w2_12=10.0, b2_1=-15.0)
"""Hand-set weights that compute XOR: hidden unit 1 is OR, hidden unit 2 is NAND, the output is their AND."""

INPUT_LABELS = ("(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)")
"""The four XOR inputs, in the column order of :func:`nnlib.data.logic_gate`."""

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
        """The nodes and their names (which never change), and an arc, a weight label and a note
        per node, to be set by :meth:`set_values`."""
        self.positions = node_positions([2, 2, 1])
        names = default_node_labels([2, 2, 1])
        self.arcs, self.weight_labels, self.node_notes = {}, {}, []
        for l, name in ((1, "W1"), (2, "W2")):
            n_out, n_in = len(self.positions[l]), len(self.positions[l - 1])
            for j, k in np.ndindex(n_out, n_in):
                (x0, y0), (x1, y1) = self.positions[l - 1][k], self.positions[l][j]
                gap = (NODE_RADIUS + 0.03) / np.hypot(x1 - x0, y1 - y0)  # stop at the rim, clear of its outline
                self.arcs[name, j, k] = ax.add_line(Line2D(
                    [x0 + gap * (x1 - x0), x1 - gap * (x1 - x0)], [y0 + gap * (y1 - y0), y1 - gap * (y1 - y0)],
                    solid_capstyle="butt", dash_capstyle="butt", zorder=1,
                ))
                t = 0.22 + 0.45 * j / max(n_out - 1, 1)  # as draw_network staggers them
                self.weight_labels[name, j, k] = ax.text(
                    x0 + t * (x1 - x0), y0 + t * (y1 - y0), "", fontsize=7.5, ha="center", va="center", zorder=4,
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85),
                )
        for l, layer_positions in enumerate(self.positions):
            for j, (x, y) in enumerate(layer_positions):
                ax.add_patch(Circle((x, y), NODE_RADIUS, facecolor="#E8E8E8" if l == 0 else "white", edgecolor="black",
                                    linewidth=1.2, zorder=5))
                ax.text(x, y, names[l][j], ha="center", va="center", fontsize=10, zorder=6)
                self.node_notes.append(ax.text(x, y - NODE_RADIUS - 0.06, "", ha="center", va="top", fontsize=7.5, zorder=6))
        xs, ys = np.concatenate(self.positions).T
        ax.set_xlim(xs.min() - 0.6, xs.max() + 0.6)
        ax.set_ylim(ys.min() - 0.75 - 0.35, ys.max() + 0.5)
        ax.set_aspect("equal")
        ax.axis("off")
        handles = [Line2D([], [], linewidth=2, label="w > 0", **POSITIVE), Line2D([], [], linewidth=2, label="w < 0", **NEGATIVE)]
        ax.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False)

    def set_values(self, input_index: int = 1, **parameters: float) -> list:
        """Show the tweaker for these values; return the artists that change with the weights.
        The input menu also changes the inputs' notes and the left title: the figure's other
        artists, changed only when they differ."""
        state = weight_tweaker_state(input_index, **parameters)
        net = state["network"]
        weights = {"W1": net.layers[0].W, "W2": net.layers[1].W}
        w_max = max(float(np.abs(W).max()) for W in weights.values()) or 1.0
        for (name, j, k), arc in self.arcs.items():
            w = float(weights[name][j, k])
            arc.set(linewidth=0.6 + 3.4 * abs(w) / w_max, **(POSITIVE if w >= 0 else NEGATIVE))
            self.weight_labels[name, j, k].set_text(f"{w:.2f}")
        notes = iter(self.node_notes)
        for l, values in enumerate(state["node_values"]):
            for j, value in enumerate(values):
                note = f"{float(value):.4f}" + (f"\nb={float(net.layers[l - 1].b[j, 0]):.2f}" if l > 0 else "")
                next(notes).set_text(note)
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
        return [*self.arcs.values(), *self.weight_labels.values(), *self.node_notes[2:], self.shading, self.boundary,
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


def weight_tweaker(input_index: int = 1, **parameters: float):
    """The live tweaker: nine sliders, one per parameter, and a menu for the traced input.

    Parameters start at the hand-set XOR weights of chapter 2; pass any of
    :data:`PARAMETER_NAMES` to start elsewhere.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    values = {**XOR_PARAMETERS, **parameters}
    slider = dict(min=-20.0, max=20.0, step=0.5, continuous_update=False, style={"description_width": "3.2em"},
                  layout=ipywidgets.Layout(width="15em"))
    controls = {name: ipywidgets.FloatSlider(value=values[name], description=name, **slider) for name in PARAMETER_NAMES}
    controls["input_index"] = ipywidgets.Dropdown(options=[(f"x = {label}", i) for i, label in enumerate(INPUT_LABELS)],
                                                  value=input_index, description="input")
    state = weight_tweaker_state(input_index, **parameters)
    alt = (
        "Left: a diagram of the 2-2-1 sigmoid network with each weight on its arc, each bias under its node and "
        f"each node's value for the input {INPUT_LABELS[input_index]}; the output is {state['y_hat'][input_index]:.3f}. "
        "Right: the network's output shaded over the plane from -0.5 to 1.5, with a dashed line where it is 0.5 "
        f"and the four XOR inputs marked by their targets; the network gets {state['n_correct']} of the 4 right."
    )

    return LiveFigure(draw_weight_tweaker, controls, alt=alt, update=TweakerFigure.set_values)
