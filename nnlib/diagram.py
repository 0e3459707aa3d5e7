"""Network diagrams drawn from a model (chapters 2 and 5), and the course's one drawer of nodes and arcs.

The picture is computed from the network's own weights, so when the text says "the network
above", the diagram is that network: nodes per layer, one arc per weight, each arc's width
proportional to abs(w), solid blue when w > 0 and dashed vermillion when w < 0 (line style and
colour both carry the sign, so the figure also reads in grey).

Every drawing of nodes and arcs in the course is made of the primitives here: :func:`add_node`
(a circle of a given radius with its label), :func:`add_arc` (an arc that stops at the rims of
its two nodes, :func:`arc_ends`, with an arrowhead if asked) and :func:`add_arc_label` (a label
on an arc, at :func:`arc_label_position`). The network diagrams (:class:`NetworkDrawing`), the
widgets that show a network, and the computational graphs of :mod:`nnlib.graph_diagram` (whose
box-shaped nodes use :func:`box_gap` for their rims) all draw with them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch
from matplotlib.text import Text

from .network import Network
from .plots import OKABE_ITO, new_figure

POSITIVE = dict(color=OKABE_ITO["blue"], linestyle="-")
NEGATIVE = dict(color=OKABE_ITO["vermillion"], linestyle="--")
NODE_RADIUS = 0.24
TEXT_BOX = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85)
"""The white box behind a number printed on an arc, so that crossing arcs do not hide it."""
CLEARANCE = 0.03
"""How far an arc stops short of a node's outline, so that it never touches the outline's line."""
ARROW = dict(arrowstyle="-|>", mutation_scale=10, shrinkA=0, shrinkB=0)
"""An arc with an arrowhead at its end (a computational graph's arcs point the way values flow)."""


# The shared primitives: a node, an arc that stops at the rims of its two nodes, a label on an arc.
# The network diagrams below and the computational graphs of nnlib.graph_diagram are drawn with them.


def arc_ends(start, end, start_gap: float, end_gap: float) -> tuple[np.ndarray, np.ndarray]:
    """The ends of an arc between two node centres that leaves ``start_gap`` after the first and
    stops ``end_gap`` before the second: the gaps are the nodes' rims (plus a clearance).

    Examples
    --------
    >>> [p.tolist() for p in arc_ends((0.0, 0.0), (2.0, 0.0), 0.5, 0.25)]
    [[0.5, 0.0], [1.75, 0.0]]
    """
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    length = np.hypot(*(end - start))
    return start + start_gap / length * (end - start), end - end_gap / length * (end - start)


def box_gap(half_width: float, half_height: float, direction) -> float:
    """How far from the centre of a box of these half-sizes a ray in ``direction`` leaves it: the
    gap an arc leaves at a box-shaped node.

    Examples
    --------
    >>> box_gap(1.0, 0.5, (1.0, 0.0)), box_gap(1.0, 0.5, (0.0, -3.0)), round(box_gap(1.0, 0.5, (1.0, 1.0)), 4)
    (1.0, 0.5, 0.7071)
    """
    dx, dy = np.abs(np.asarray(direction, dtype=float)) / np.hypot(*direction)
    return float(min(half_width / dx if dx else np.inf, half_height / dy if dy else np.inf))


def add_node(ax: Axes, center, radius: float, label: str, fontsize: float = 10, facecolor: str = "white",
             linewidth: float = 1.2, zorder: float = 5) -> tuple[Circle, Text]:
    """A circular node of ``radius`` (in data units) with its label at the centre; return both.

    Examples
    --------
    >>> from nnlib.plots import new_axes
    >>> circle, text = add_node(new_axes(), (1.0, 2.0), 0.25, "x")
    >>> circle.get_radius(), text.get_text(), text.get_position()
    (0.25, 'x', (1.0, 2.0))
    """
    circle = ax.add_patch(Circle(center, radius, facecolor=facecolor, edgecolor="black", linewidth=linewidth, zorder=zorder))
    text = ax.text(*center, label, ha="center", va="center", fontsize=fontsize, zorder=zorder + 1)
    return circle, text


def add_arc(ax: Axes, start, end, start_gap: float, end_gap: float, arrow: bool = False, **style) -> Line2D | FancyArrowPatch:
    """An arc from the node centred at ``start`` to the one at ``end``, stopping at their rims
    (:func:`arc_ends`); with ``arrow``, an arrowhead at the end. ``style`` goes to the line.

    An arc that stops at the rims never overlaps its nodes, so a widget can draw it again (in
    another colour) without drawing the nodes over it.

    Examples
    --------
    >>> from nnlib.plots import new_axes
    >>> line = add_arc(new_axes(), (0.0, 0.0), (2.0, 0.0), 0.5, 0.5)
    >>> line.get_xydata().tolist()
    [[0.5, 0.0], [1.5, 0.0]]
    """
    (x0, y0), (x1, y1) = arc_ends(start, end, start_gap, end_gap)
    if arrow:
        return ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), **{**ARROW, **style}))
    return ax.add_line(Line2D([x0, x1], [y0, y1], **style))


def add_arc_label(ax: Axes, start, end, t: float, text: str = "", fontsize: float = 7.5, **style) -> Text:
    """A label on the arc between two node centres, ``t`` of the way from the first (0) to the
    second (1) (see :func:`arc_label_position`), on a white box so that crossing arcs do not hide it.

    Examples
    --------
    >>> from nnlib.plots import new_axes
    >>> add_arc_label(new_axes(), (0.0, 0.0), (2.0, 1.0), 0.5, "w").get_position()
    (1.0, 0.5)
    """
    (x0, y0), (x1, y1) = start, end
    return ax.text(x0 + t * (x1 - x0), y0 + t * (y1 - y0), text, fontsize=fontsize, ha="center", va="center",
                   **{"zorder": 4, "bbox": TEXT_BOX, **style})


def node_positions(sizes: Sequence[int], layer_gap: float = 2.4, unit_gap: float = 1.0) -> list[np.ndarray]:
    """(x, y) centres of the nodes, one (n_l, 2) array per layer, each layer centred on y = 0.

    Examples
    --------
    >>> node_positions([2, 1])[0].tolist()
    [[0.0, 0.5], [0.0, -0.5]]
    """
    return [np.column_stack([np.full(n, l * layer_gap), unit_gap * ((n - 1) / 2 - np.arange(n))]) for l, n in enumerate(sizes)]


def default_node_labels(sizes: Sequence[int]) -> list[list[str]]:
    """x_k for inputs, a^[l]_j for hidden units and y-hat_j for outputs (numbered from 1).

    Examples
    --------
    >>> default_node_labels([2, 1])
    [['$x_{1}$', '$x_{2}$'], ['$\\\\hat{y}_{1}$']]
    """
    last = len(sizes) - 1
    labels = []
    for l, n in enumerate(sizes):
        if l == 0:
            labels.append([f"$x_{{{k + 1}}}$" for k in range(n)])
        elif l == last:
            labels.append([f"$\\hat{{y}}_{{{j + 1}}}$" for j in range(n)])
        else:
            labels.append([f"$a^{{[{l}]}}_{{{j + 1}}}$" for j in range(n)])
    return labels


def arc_label_position(j: int, n_targets: int, level: bool) -> float:
    """Where along an arc (0 at its source node's centre, 1 at its target's) its label goes.

    A level arc gets the middle: no other arc crosses it there. The others are staggered by
    their target unit j (of ``n_targets``), from 0.22 to 0.67 of the way, so that the arcs leaving
    one node keep their labels apart, off the middle of the layer, where slanted arcs cross.

    Examples
    --------
    >>> arc_label_position(0, 2, level=True), arc_label_position(0, 2, level=False), arc_label_position(1, 2, level=False)
    (0.5, 0.22, 0.67)
    """
    return 0.5 if level else 0.22 + 0.45 * j / max(n_targets - 1, 1)


class NetworkDrawing:
    """A layered network drawn into an Axes: nodes and their names, drawn once, and for each
    weight an arc with a label, and for each node a note, which can change.

    The static diagrams (:func:`draw_network`) and the widgets that show a network (the weight
    tweaker, the backpropagation stepper) all draw with it, so nodes, spacing, labels and arcs
    look the same everywhere. Each arc stops at the rim of its two nodes: a widget can draw a
    changed arc again without drawing the nodes over it.

    Parameters
    ----------
    ax : Axes
    sizes : sequence of int
        Units per layer, input first.
    node_labels : list of lists of str, optional
        Each node's name; defaults to :func:`default_node_labels`.
    layer_gap, unit_gap : float
        Distance between layers, and between the units of a layer.
    radius : float
        The nodes' radius.
    fontsize : float
        Of the arcs' labels and the nodes' notes (the names are 10).
    notes_outside : bool
        Put the notes above the upper half of each layer's units and below the lower half,
        instead of below every unit.

    Attributes
    ----------
    positions : list of ndarray
        The node centres, as :func:`node_positions`.
    arcs, arc_labels : dict
        By (l, j, k): the arc of W^[l]_jk, from unit k of layer l - 1 to unit j of layer l, and
        its label (empty until set).
    notes : dict
        By (l, j): the note beside unit j of layer l (empty until set).

    Examples
    --------
    >>> from nnlib.plots import new_axes
    >>> drawing = NetworkDrawing(new_axes(), [2, 2, 1])
    >>> len(drawing.arcs), drawing.arcs[1, 0, 1].get_label()
    (6, 'weight')
    """

    def __init__(self, ax: Axes, sizes: Sequence[int], node_labels: Sequence[Sequence[str]] | None = None,
                 layer_gap: float = 2.4, unit_gap: float = 1.0, radius: float = NODE_RADIUS, fontsize: float = 7.5,
                 notes_outside: bool = False):
        self.ax, self.sizes, self.radius = ax, list(sizes), radius
        self.positions = positions = node_positions(sizes, layer_gap, unit_gap)
        labels = node_labels or default_node_labels(sizes)
        self.arcs, self.arc_labels, self.notes = {}, {}, {}
        gap = radius + CLEARANCE  # each arc stops at the rims, clear of the outlines
        for l in range(1, len(sizes)):
            for j, k in np.ndindex(sizes[l], sizes[l - 1]):
                source, target = positions[l - 1][k], positions[l][j]
                self.arcs[l, j, k] = add_arc(ax, source, target, gap, gap, zorder=1, solid_capstyle="butt",
                                             dash_capstyle="butt", label="weight")
                t = arc_label_position(j, sizes[l], level=abs(target[1] - source[1]) < 1e-9)
                self.arc_labels[l, j, k] = add_arc_label(ax, source, target, t, fontsize=fontsize)
        for l, layer in enumerate(positions):
            for j, (x, y) in enumerate(layer):
                add_node(ax, (x, y), radius, labels[l][j], facecolor="#E8E8E8" if l == 0 else "white")
                above = notes_outside and j < (len(layer) - 1) / 2
                offset = radius + 0.06
                self.notes[l, j] = ax.text(x, y + offset if above else y - offset, "", ha="center",
                                           va="bottom" if above else "top", fontsize=fontsize, zorder=6)

    def show_weights(self, weights: Sequence[np.ndarray]) -> None:
        """Style each arc by its weight (``weights[l - 1]`` is W^[l]): width proportional to
        abs(w), solid blue for w >= 0 and dashed vermillion for w < 0."""
        w_max = max(float(np.abs(W).max()) for W in weights) or 1.0
        for (l, j, k), arc in self.arcs.items():
            w = float(weights[l - 1][j, k])
            arc.set(linewidth=0.6 + 3.4 * abs(w) / w_max, **(POSITIVE if w >= 0 else NEGATIVE))

    def frame(self, legend: bool = True) -> None:
        """Fit the Axes to the drawing (equal scales, no axes) and, with ``legend``, explain
        the arc styles under it."""
        xs, ys = np.concatenate(self.positions).T
        margin = self.radius + 0.36
        self.ax.set_xlim(xs.min() - margin, xs.max() + margin)
        self.ax.set_ylim(ys.min() - margin - 0.15 - 0.35 * legend, ys.max() + self.radius + 0.26)
        self.ax.set_aspect("equal")
        self.ax.axis("off")
        if legend:
            handles = [Line2D([], [], linewidth=2, label="w > 0", **POSITIVE),
                       Line2D([], [], linewidth=2, label="w < 0", **NEGATIVE)]
            self.ax.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False)


def draw_network(
    net: Network,
    ax: Axes | None = None,
    node_values: Sequence[np.ndarray] | None = None,
    gradients: dict[str, np.ndarray] | None = None,
    show_weights: bool | None = None,
    show_biases: bool | None = None,
    node_labels: Sequence[Sequence[str]] | None = None,
    title: str | None = None,
    legend: bool = True,
) -> Figure:
    """Draw ``net``: its nodes, and an arc for each weight sized and styled by that weight.

    Parameters
    ----------
    net : Network
    ax : Axes, optional
    node_values : list of 1-D arrays, optional
        One array per layer (input first), printed beside the nodes; for one example of a
        forward trace, ``[A[:, 0] for A in net.trace(x).A]``.
    gradients : dict, optional
        dL/dW^[l] and dL/db^[l] by name (``net.gradients()``), printed under each weight.
    show_weights, show_biases : bool, optional
        Print each weight on its arc and each bias under its node. By default on when the
        network has at most 20 weights.
    node_labels : list of lists of str, optional
        Defaults to x_k, a^[l]_j and y-hat_j.
    title : str, optional
    legend : bool
        Explain the arc styles under the diagram.

    Returns
    -------
    Figure

    Examples
    --------
    >>> net = Network.from_sizes([2, 2, 1], seed=0)
    >>> fig = draw_network(net)
    >>> len([l for l in fig.axes[0].lines if l.get_label() == "weight"])
    6
    """
    sizes = net.sizes
    n_weights = sum(layer.W.size for layer in net.layers)
    show_weights = n_weights <= 20 if show_weights is None else show_weights
    show_biases = show_weights if show_biases is None else show_biases
    if ax is None:  # size the figure to the drawing: about an inch per unit of layout
        width = node_positions(sizes)[-1][0, 0] + 1.2
        height = max(sizes) - 1 + 1.5 + 0.4 * legend
        ax = new_figure((max(3.5, 1.0 * width + 0.4), 1.0 * height + 0.3)).add_subplot()
    drawing = NetworkDrawing(ax, sizes, node_labels)
    drawing.show_weights([layer.W for layer in net.layers])
    if show_weights:
        for (l, j, k), label in drawing.arc_labels.items():
            text = f"{float(net.layers[l - 1].W[j, k]):.2f}"
            if gradients is not None and f"W{l}" in gradients:
                text += f"\n∇ {float(gradients[f'W{l}'][j, k]):.3g}"
            label.set_text(text)
    for (l, j), note in drawing.notes.items():
        lines = []
        if node_values is not None:
            lines.append(f"{float(np.asarray(node_values[l]).ravel()[j]):.4f}")
        if show_biases and l > 0:
            b_text = f"b={float(net.layers[l - 1].b[j, 0]):.2f}"
            if gradients is not None and f"b{l}" in gradients:
                b_text += f"  ∇ {float(np.asarray(gradients[f'b{l}']).ravel()[j]):.3g}"
            lines.append(b_text)
        note.set_text("\n".join(lines))
    drawing.frame(legend)
    if title:
        ax.set_title(title)
    return ax.figure
