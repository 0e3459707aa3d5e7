"""Drawings of the computational graphs that :mod:`nnlib.autograd` builds (chapter 11).

The picture is computed from the graph itself, so when the text says "the graph of f", the
drawing is the graph the engine walks. Every tensor is a box holding its name, its value and,
after a backward pass, its gradient (marked ∇, as on the network diagrams); every operation is
a circle between its inputs and its result. Inputs are on the left and the output on the right,
so the forward pass reads left to right and the backward pass right to left.

The nodes and arcs are :mod:`nnlib.diagram`'s, as in every drawing of a network in the course:
each operation is a node of a radius fitted to its symbol (:func:`~nnlib.diagram.add_node`),
and each arc stops at the rims of the box and the circle it joins
(:func:`~nnlib.diagram.add_arc`, with :func:`~nnlib.diagram.box_gap` for a box). So that the
rims are known, boxes and circles are sized in the Axes' data units from the size of their text
in points, and :class:`GraphDrawing` fixes the scale: a given number of inches per unit of the
layout, with equal scales on both axes.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch
from matplotlib.textpath import text_to_path

from .autograd import Tensor
from .diagram import CLEARANCE, add_arc, add_arc_label, add_node, arc_ends, box_gap
from .plots import OKABE_ITO, NotebookFigure

OP_SYMBOLS = {
    "+": "+", "-": "−", "*": "×", "/": "÷", "@": "@", "max": "max", "neg": "−", "T": "ᵀ",
    "sum": "Σ", "mean": "mean", "exp": "exp", "log": "log", "sigmoid": "σ", "tanh": "tanh",
    "relu": "ReLU", "leaky_relu": "leaky\nReLU", "softmax": "soft\nmax", "linear": "id",
}
"""How each operation is labelled in its circle; a loss is labelled with its name."""

GRADIENT_COLOR = OKABE_ITO["vermillion"]
COLUMN_GAP = 1.25
ROW_GAP = 1.0
INCHES_PER_UNIT = 1.0
""":func:`draw_graph`'s scale: inches of the figure per unit of the layout."""
MARGINS = (0.75, 0.6)
"""Room left and right, and above and below, of the outermost nodes' centres, in layout units."""
FONT_SIZE = 8.5
BOX_PAD = 0.35
"""The room around a box's text, in units of its font size (as matplotlib's ``boxstyle`` pad)."""
LEAF_FILL, RESULT_FILL, OP_FILL = "#E8E8E8", "white", "#F6F6F6"
NODE_ROOM = (0.3, 0.3)
"""The half width and half height that :func:`graph_layout` keeps clear of arcs around a node's
centre, in layout units: a scalar's box (name, value, gradient) with a margin."""


def graph_nodes(root: Tensor) -> list[Tensor]:
    """Every tensor ``root`` was computed from, constants included, each after its parents.

    Examples
    --------
    >>> x = Tensor(2.0, name="x")
    >>> [t.name or t.op for t in graph_nodes(x * 3.0 + x)]
    ['x', '', '*', '+']
    """
    order, visited, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node is None:
            order.append(stack.pop())
        elif node not in visited:
            visited.add(node)
            stack += (node, None)
            stack += [p for p in reversed(node.parents) if p not in visited]
    return order


def graph_layout(
    root: Tensor, column_gap: float = COLUMN_GAP, row_gap: float = ROW_GAP, wrap: int | None = None
) -> tuple[dict[Tensor, tuple[float, float]], dict[Tensor, tuple[float, float]]]:
    """Where to draw each tensor's box and each operation's circle.

    A computed tensor sits two columns right of its furthest input, with its operation's circle
    in the column between; a leaf sits just left of the first operation that uses it. Rows are
    given from the output back: an operation's inputs are spread around its own row, keeping a
    computed input on that row when there is only one (so a chain of layers stays straight and
    its parameters sit beside it); nodes that would overlap in a column are then pushed apart.
    Last, a leaf whose arc would pass through another node on its way (a leaf used by a late
    operation as well as an early one) moves, within its column, to the row that clears its arcs
    and enlarges the drawing least (:func:`arcs_through_nodes`).

    Parameters
    ----------
    root : Tensor
    column_gap, row_gap : float
        The distance between two columns, and between two rows.
    wrap : int, optional
        Columns per band. A long graph (a network's chain of layers) then continues in a second
        band below the first, running right to left, and so on, like an ox ploughing a field:
        each band is joined to the next by one short arc down. A leaf stays in the band of the
        operation that uses it.

    Returns
    -------
    boxes : dict
        Tensor -> (x, y) of its box.
    ops : dict
        Computed tensor -> (x, y) of the circle of the operation that made it.

    Examples
    --------
    >>> x = Tensor(1.0, name="x")
    >>> once = x.exp()
    >>> twice = once.exp()
    >>> boxes, ops = graph_layout(twice)
    >>> boxes[x], ops[once], boxes[once], ops[twice], boxes[twice]
    ((0.0, -0.0), (1.25, -0.0), (2.5, -0.0), (3.75, -0.0), (5.0, -0.0))
    >>> boxes, ops = graph_layout(twice, wrap=3)   # the second exp turns back, one band below
    >>> ops[twice], boxes[twice]
    ((2.5, -1.0), (1.25, -1.0))
    """
    if wrap is not None and (isinstance(wrap, bool) or not isinstance(wrap, int) or wrap < 2):
        raise ValueError(f"wrap must be a whole number of columns, at least 2 (an operation and its result); got {wrap!r}.")
    nodes = graph_nodes(root)
    column: dict[Tensor, int] = {}
    for node in nodes:  # parents first: a computed tensor goes two columns right of its furthest input
        column[node] = 2 + max(column[p] for p in node.parents) if node.parents else 0
    for node in nodes:  # a leaf just left of the first operation that uses it
        consumers = [column[t] - 1 for t in nodes if node in t.parents]
        if not node.parents and consumers:
            column[node] = min(consumers) - 1
    row = {root: 0.0}
    for node in reversed(nodes):  # the output first, then back towards the inputs
        parents = list(dict.fromkeys(node.parents))
        computed = [i for i, p in enumerate(parents) if p.parents]
        centre = computed[0] if len(computed) == 1 else (len(parents) - 1) / 2
        for i, parent in enumerate(parents):
            row.setdefault(parent, row[node] + i - centre)

    # Each node's band, and its place in it: (column within the band, row). An operation's circle
    # is the column left of its result, in its own band; a leaf is in the band of its operation.
    wrap = wrap or max(column.values()) + 2
    places = {}  # node (or ("op", node)) -> (band, column within the band, row)
    for node in nodes:
        band = (column[node] + (0 if node.parents else 1)) // wrap
        places[node] = (band, column[node] - band * wrap, row[node])
        if node.parents:
            op_band = (column[node] - 1) // wrap
            places["op", node] = (op_band, column[node] - 1 - op_band * wrap, row[node])
    bands = sorted({band for band, _, _ in places.values()})
    offset = {bands[0]: 0.0}
    for above, below in zip(bands, bands[1:]):  # each band one row below the one above it
        lowest = max(r for b, _, r in places.values() if b == above)
        highest = min(r for b, _, r in places.values() if b == below)
        offset[below] = offset[above] + lowest - highest + 1.0
    grid = {key: (c if band % 2 == 0 else wrap - 1 - c, r + offset[band]) for key, (band, c, r) in places.items()}
    for c in sorted({c for c, _ in grid.values()}):  # push apart the nodes of one column that would overlap
        in_column = sorted((key for key, (k, _) in grid.items() if k == c and not isinstance(key, tuple)),
                           key=lambda key: grid[key][1])
        for above, below in zip(in_column, in_column[1:]):
            grid[below] = (c, max(grid[below][1], grid[above][1] + 1.0))
    boxes = {t: (grid[t][0] * column_gap, -grid[t][1] * row_gap) for t in nodes}
    ops = {t: (grid["op", t][0] * column_gap, -grid["op", t][1] * row_gap) for t in nodes if t.parents}
    for leaf in [t for t in nodes if not t.parents]:
        boxes[leaf] = _clearest_row(leaf, boxes, ops, row_gap)
    return boxes, ops


def segment_meets_box(start, end, centre, half_size) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through the rectangle of these half
    sizes around ``centre`` (clipped slab by slab, as Liang and Barsky clip a line).

    Examples
    --------
    >>> segment_meets_box((0, 0), (4, 0), (2, 0.2), (0.3, 0.3)), segment_meets_box((0, 0), (4, 2), (2, -0.5), (0.3, 0.3))
    (True, False)
    """
    inside = [0.0, 1.0]  # the part of the segment, as fractions of its length, inside every slab so far
    for axis in range(2):
        step = end[axis] - start[axis]
        near = centre[axis] - half_size[axis] - start[axis]
        far = centre[axis] + half_size[axis] - start[axis]
        if step == 0:
            if near > 0 or far < 0:
                return False
            continue
        enter, leave = sorted((near / step, far / step))
        inside = [max(inside[0], enter), min(inside[1], leave)]
    return inside[0] < inside[1]


def arcs_through_nodes(boxes: dict, ops: dict, room: tuple[float, float] = NODE_ROOM) -> list[tuple[Tensor, Tensor]]:
    """The arcs of a layout, as (input, result), that pass through a node other than their own two
    ends: through the ``room`` around a box's or an operation's centre.

    Examples
    --------
    >>> x = Tensor(1.0, name="x")
    >>> y = x.exp()
    >>> arcs_through_nodes({x: (0.0, 0.0), y: (2.5, 0.0)}, {y: (1.25, 0.0)})
    []
    >>> arcs_through_nodes({x: (0.0, 0.0), y: (0.6, 0.0)}, {y: (1.25, 0.0)}) == [(x, y)]   # y's box in the way
    True
    """
    centres = [(t, "box", xy) for t, xy in boxes.items()] + [(t, "op", xy) for t, xy in ops.items()]
    through = []
    for result, circle in ops.items():
        for parent in dict.fromkeys(result.parents):
            others = [xy for t, kind, xy in centres if not (t is parent and kind == "box" or t is result and kind == "op")]
            if any(segment_meets_box(boxes[parent], circle, xy, room) for xy in others):
                through.append((parent, result))
    return through


def _clearest_row(leaf: Tensor, boxes: dict, ops: dict, row_gap: float) -> tuple[float, float]:
    """Where ``leaf``'s box goes: where it is, unless one of its arcs passes through a node; then
    the place in its column, a row or more from every other node there, with the fewest arcs
    through nodes, then the smallest height of the drawing, then the nearest."""
    x, y = boxes[leaf]
    if not any(parent is leaf for parent, _ in arcs_through_nodes(boxes, ops)):
        return x, y
    in_column = [xy[1] for t, xy in boxes.items() if xy[0] == x and t is not leaf] + [xy[1] for xy in ops.values() if xy[0] == x]
    others = [xy[1] for t, xy in boxes.items() if t is not leaf] + [xy[1] for xy in ops.values()]
    candidates = [y + k * row_gap / 2 for k in range(-2 * len(boxes), 2 * len(boxes) + 1)]  # half rows, as far as n rows

    def cost(row: float) -> tuple[int, float, float]:
        height = max(others + [row]) - min(others + [row])
        return len(arcs_through_nodes({**boxes, leaf: (x, row)}, ops)), height, abs(row - y)

    free = [row for row in candidates if all(abs(row - o) >= row_gap for o in in_column)]
    best = min(free, key=cost)
    return (x, best) if cost(best)[0] < cost(y)[0] else (x, y)


def format_value(value) -> str:
    """A scalar to four significant digits, a short vector in brackets, anything larger by its shape.

    Examples
    --------
    >>> format_value(np.array(6.0)), format_value(np.array([[0.5933], [0.59688]])), format_value(np.ones((3, 4)))
    ('6', '[0.593, 0.597]', '(3, 4)')
    """
    value = np.asarray(value)
    if value.size == 1:
        return f"{float(value.reshape(())):.4g}"
    if value.size <= 3 and (value.ndim == 1 or value.shape[1:] == (1,)):
        return "[" + ", ".join(f"{v:.3g}" for v in value.ravel()) + "]"
    return str(value.shape)


def format_lines(value, digits: int = 3) -> list[str]:
    """A value as the lines of a narrow box: a scalar on one line, a short column vector one entry
    a line (one example is a column), a small matrix one row a line, anything larger by its shape.

    Examples
    --------
    >>> format_lines(np.array(6.0)), format_lines(np.array([[0.5933], [-0.0381]]))
    (['6'], ['0.593', '-0.0381'])
    >>> format_lines(np.array([[0.15, 0.2], [0.000438, 1.0]])), format_lines(np.ones((5, 4)))
    (['0.15  0.2', '0.000438  1'], ['(5, 4)'])
    """
    value = np.asarray(value)
    if value.size == 1:
        return [f"{float(value.reshape(())):.{digits}g}"]
    if value.ndim == 1 or value.shape[1:] == (1,):
        rows = value.reshape(-1, 1)
    elif value.ndim == 2:
        rows = value
    else:
        return [str(value.shape)]
    if rows.shape[0] > 3 or rows.shape[1] > 3:
        return [str(value.shape)]
    return ["  ".join(f"{v:.{digits}g}" for v in row) for row in rows]


def text_size(lines: list[str], fontsize: float) -> tuple[float, float]:
    """The width and height in points of ``lines`` set in the default font at ``fontsize``, as
    matplotlib lays out a text of several lines (1.2 lines apart).

    Examples
    --------
    >>> width, height = text_size(["x1", "2"], 10)
    >>> 8 < width < 14, height
    (True, 24.0)
    """
    font = FontProperties(size=fontsize)
    width = max(text_to_path.get_text_width_height_descent(line, font, ismath=False)[0] for line in lines)
    return float(width), 1.2 * fontsize * len(lines)


def box_label(tensor: Tensor) -> list[str]:
    """The fixed lines of a tensor's box in :func:`draw_graph`: its name (if it has one) and its value."""
    return ([tensor.name] if tensor.name else []) + [format_value(tensor.data)]


class GraphDrawing:
    """The computational graph of ``root`` drawn into an Axes: a box per tensor, a circle per
    operation, an arrow per input; the gradient in each box, and a label on each arc, can change.

    :func:`draw_graph` draws with it, and so does chapter 11's backward-pass stepper, which sets
    the gradients and labels step by step. The Axes is framed to the graph with equal scales
    (its position must be final, as in a figure without a layout engine), and the boxes and
    circles are sized from their text for that scale.

    Parameters
    ----------
    ax : Axes
    root : Tensor
    labels : dict, optional
        Tensor -> the fixed lines of its box (name and value); default :func:`box_label`.
    gradients : dict, optional
        Tensor -> every gradient text (lines joined by newlines) its box will show; the box is
        sized for the widest and the tallest. A tensor not in it has no gradient line.
    fontsize : float
        Of the boxes' texts.
    column_gap, row_gap, wrap
        As for :func:`graph_layout`.

    Attributes
    ----------
    boxes, ops : dict
        The layout (:func:`graph_layout`).
    half_sizes : dict
        Tensor -> its box's half width and half height, in data units.
    radii : dict
        Computed tensor -> the radius of its operation's circle.
    box_patches, values, gradient_texts : dict
        Tensor -> its box, the text of its fixed lines, and the text of its gradient (empty until
        set, for the tensors in ``gradients``).
    arcs, arc_labels : dict
        By (input, result): the arrow from the input's box to the circle of the operation that
        made the result, and the label on it (empty until set). ``ends`` holds each such arrow's
        two ends, and ``results``, by result, the arrow from its operation's circle to its box.

    Examples
    --------
    >>> from nnlib.plots import new_axes
    >>> x = Tensor(2.0, name="x")
    >>> f = x * x
    >>> drawing = GraphDrawing(new_axes(figsize=(4, 2)), f, gradients={x: ["∇ 4"]})
    >>> len(drawing.arcs), drawing.set_gradient(x, "∇ 4").get_text()
    (1, '\\n\\n∇ 4')
    """

    def __init__(self, ax: Axes, root: Tensor, labels: dict | None = None, gradients: dict | None = None,
                 fontsize: float = FONT_SIZE, column_gap: float = COLUMN_GAP, row_gap: float = ROW_GAP,
                 wrap: int | None = None):
        self.ax, self.root, self.fontsize = ax, root, fontsize
        self.nodes = graph_nodes(root)
        self.boxes, self.ops = graph_layout(root, column_gap, row_gap, wrap)
        self.scale = self._frame()
        labels = labels or {t: box_label(t) for t in self.nodes}
        gradients = gradients or {}
        self.label_lines = {t: list(labels[t]) for t in self.nodes}
        self.gradient_lines = {t: max(text.count("\n") + 1 for text in texts) for t, texts in gradients.items()}
        self.half_sizes, self.box_patches, self.values, self.gradient_texts = {}, {}, {}, {}
        for tensor, (x, y) in self.boxes.items():
            lines = self.label_lines[tensor]
            every = lines + [line for text in gradients.get(tensor, ()) for line in text.split("\n")]
            width, _ = text_size(every, fontsize)
            n_gradient = self.gradient_lines.get(tensor, 0)
            _, height = text_size(lines + [""] * n_gradient, fontsize)
            pad = BOX_PAD * fontsize
            half = ((width / 2 + pad) / 72 / self.scale, (height / 2 + pad) / 72 / self.scale)
            self.half_sizes[tensor] = half
            rounded = f"round,pad=0,rounding_size={pad / 72 / self.scale}"
            self.box_patches[tensor] = ax.add_patch(FancyBboxPatch(
                (x - half[0], y - half[1]), 2 * half[0], 2 * half[1], boxstyle=rounded,
                facecolor=LEAF_FILL if tensor.is_leaf else RESULT_FILL, edgecolor="black", linewidth=1.0,
                linestyle="-" if tensor.requires_grad else "--", zorder=2, label="tensor"))
            # two texts of as many lines, centred on the box: the fixed lines and empty ones under them, and
            # empty lines and the gradient's under them; an empty line takes its place and costs no drawing
            self.values[tensor] = ax.text(x, y, "\n".join(lines + [""] * n_gradient), ha="center", va="center",
                                          fontsize=fontsize, zorder=4, label="value")
            if tensor in gradients:
                self.gradient_texts[tensor] = ax.text(x, y, "", ha="center", va="center", fontsize=fontsize,
                                                      color=GRADIENT_COLOR, zorder=4, label="gradient")
        self.radii, self.arcs, self.arc_labels, self.results, self.ends = {}, {}, {}, {}, {}
        for tensor, (x, y) in self.ops.items():
            symbol = OP_SYMBOLS.get(tensor.op, tensor.op.replace("_", "\n"))
            size = 9 if len(symbol) < 3 else 7
            width, height = text_size(symbol.split("\n"), size)
            radius = self.radii[tensor] = (max(width, 0.85 * height) / 2 + 0.3 * size) / 72 / self.scale
            _, label = add_node(ax, (x, y), radius, symbol, fontsize=size, facecolor=OP_FILL, linewidth=0.8, zorder=3)
            label.set_label("operation")
            self.results[tensor] = self._arrow((x, y), radius, self.boxes[tensor], self.half_sizes[tensor])[0]
            for parent in dict.fromkeys(tensor.parents):  # x * x: one arrow
                arc, ends = self._arrow(self.boxes[parent], self.half_sizes[parent], (x, y), radius)
                self.arcs[parent, tensor], self.ends[parent, tensor] = arc, ends
                self.arc_labels[parent, tensor] = add_arc_label(ax, *ends, 0.5, fontsize=fontsize - 0.5, zorder=5)

    def _frame(self) -> float:
        """Set the Axes' limits to hold the layout with equal scales, centred; return the scale in
        inches per data unit."""
        points = list(self.boxes.values()) + list(self.ops.values())
        (x_low, y_low), (x_high, y_high) = np.min(points, axis=0), np.max(points, axis=0)
        span = np.array([x_high - x_low + 2 * MARGINS[0], y_high - y_low + 2 * MARGINS[1]])
        figure_width, figure_height = self.ax.figure.get_size_inches()
        position = self.ax.get_position()
        inches = np.array([position.width * figure_width, position.height * figure_height])
        scale = float(np.min(inches / span))
        centre = ((x_low + x_high) / 2, (y_low + y_high) / 2)
        half = inches / scale / 2
        self.ax.set_xlim(centre[0] - half[0], centre[0] + half[0])
        self.ax.set_ylim(centre[1] - half[1], centre[1] + half[1])
        self.ax.set_aspect("equal", adjustable="datalim")
        self.ax.axis("off")
        return scale

    def _arrow(self, start, start_rim, end, end_rim) -> tuple:
        """An arrow from ``start`` to ``end`` that stops at the rim of each node, clear of its
        outline: a rim is a circle's radius, or a box's half sizes. Return it and its two ends."""
        direction = np.subtract(end, start)

        def gap(rim) -> float:
            return (box_gap(*rim, direction) if isinstance(rim, tuple) else rim) + CLEARANCE

        ends = arc_ends(start, end, gap(start_rim), gap(end_rim))
        # above the boxes: an arc that passes a box on its way (from a leaf to a later operation) shows
        arrow = add_arc(self.ax, start, end, gap(start_rim), gap(end_rim), arrow=True, color="black", linewidth=0.9,
                        zorder=2.5)
        return arrow, ends

    def set_gradient(self, tensor: Tensor, text: str, **style):
        """Show ``text`` (lines joined by newlines) as ``tensor``'s gradient, under its fixed lines;
        ``style`` goes to the text (a colour, a font style). Return the text."""
        lines = text.split("\n")
        padded = [""] * len(self.label_lines[tensor]) + lines + [""] * (self.gradient_lines[tensor] - len(lines))
        artist = self.gradient_texts[tensor]
        artist.set_text("\n".join(padded))
        if style:
            artist.set(**style)
        return artist


def draw_graph(root: Tensor, ax: Axes | None = None, title: str | None = None, gradients: bool = True) -> Figure:
    """Draw the graph of ``root``: a box per tensor with its value and gradient, a circle per operation.

    Parameters
    ----------
    root : Tensor
        The output; everything it was computed from is drawn.
    ax : Axes, optional
        Its position must be final (its figure without a layout engine). Default: a figure of
        its own, :data:`INCHES_PER_UNIT` inches per unit of the layout.
    title : str, optional
    gradients : bool
        Print each tensor's gradient under its value: after ``root.backward(retain_grads=True)``
        every tensor has one (a plain ``backward()`` keeps the leaves' only). A tensor that needs
        no gradient (a constant, the data) has a dashed box and none.

    Returns
    -------
    Figure

    Examples
    --------
    >>> x, y = Tensor(2.0, name="x"), Tensor(3.0, name="y")
    >>> f = x * y
    >>> f.backward(retain_grads=True)   # keep the gradient of every tensor, not only of x and y
    >>> fig = draw_graph(f)
    >>> [t.get_text().split() for t in fig.axes[0].texts if t.get_label() == "gradient"]
    [['∇', '3'], ['∇', '2'], ['∇', '1']]
    """
    if ax is None:
        boxes, ops = graph_layout(root)
        (x_low, y_low), (x_high, y_high) = np.min(list(boxes.values()), axis=0), np.max(list(boxes.values()), axis=0)
        width = INCHES_PER_UNIT * (x_high - x_low + 2 * MARGINS[0])
        height = INCHES_PER_UNIT * (y_high - y_low + 2 * MARGINS[1])
        top = 0.3 if title else 0.0
        fig = NotebookFigure(figsize=(width, height + top))
        ax = fig.add_axes((0.0, 0.0, 1.0, height / (height + top)))
    grads = {t: f"∇ {format_value(t.grad)}" for t in graph_nodes(root) if gradients and t.grad is not None}
    drawing = GraphDrawing(ax, root, gradients={t: [text] for t, text in grads.items()})
    for tensor, text in grads.items():
        drawing.set_gradient(tensor, text)
    if title:
        ax.set_title(title, fontsize=10)
    return ax.figure
