"""Drawings of the computational graphs that :mod:`nnlib.autograd` builds (chapter 11).

The picture is computed from the graph itself, so when the text says "the graph of f", the
drawing is the graph the engine walks. Every tensor is a box holding its name, its value and,
after a backward pass, its gradient (marked ∇, as on the network diagrams); every operation is
a circle between its inputs and its result. Inputs are on the left and the output on the right,
so the forward pass reads left to right and the backward pass right to left.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .autograd import Tensor
from .plots import OKABE_ITO, new_figure

OP_SYMBOLS = {
    "+": "+", "-": "−", "*": "×", "/": "÷", "@": "@", "max": "max", "neg": "−", "T": "ᵀ",
    "sum": "Σ", "mean": "mean", "exp": "exp", "log": "log", "sigmoid": "σ", "tanh": "tanh",
    "relu": "ReLU", "leaky_relu": "leaky\nReLU", "softmax": "soft\nmax", "linear": "id",
}
"""How each operation is labelled in its circle; a loss is labelled with its name."""

GRADIENT_COLOR = OKABE_ITO["vermillion"]
COLUMN_GAP = 1.25
ROW_GAP = 1.0


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


def graph_layout(root: Tensor) -> tuple[dict[Tensor, tuple[float, float]], dict[Tensor, tuple[float, float]]]:
    """Where to draw each tensor's box and each operation's circle.

    A computed tensor sits two columns right of its furthest input, with its operation's circle
    in the column between; a leaf sits just left of the first operation that uses it. Rows are
    given from the output back: an operation's inputs are spread around its own row, keeping a
    computed input on that row when there is only one (so a chain of layers stays straight and
    its parameters sit beside it); nodes that would overlap in a column are then pushed apart.

    Returns
    -------
    boxes : dict
        Tensor -> (x, y) of its box.
    ops : dict
        Computed tensor -> (x, y) of the circle of the operation that made it.
    """
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
    for c in sorted(set(column.values())):  # push apart the nodes of one column that would overlap
        in_column = sorted((t for t in nodes if column[t] == c), key=lambda t: row[t])
        for above, below in zip(in_column, in_column[1:]):
            row[below] = max(row[below], row[above] + 1.0)
    boxes = {t: (column[t] * COLUMN_GAP, -row[t] * ROW_GAP) for t in nodes}
    ops = {t: ((column[t] - 1) * COLUMN_GAP, -row[t] * ROW_GAP) for t in nodes if t.parents}
    return boxes, ops


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


def draw_graph(root: Tensor, ax: Axes | None = None, title: str | None = None, gradients: bool = True) -> Figure:
    """Draw the graph of ``root``: a box per tensor with its value and gradient, a circle per operation.

    Parameters
    ----------
    root : Tensor
        The output; everything it was computed from is drawn.
    ax : Axes, optional
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
    boxes, ops = graph_layout(root)
    if ax is None:
        xs, ys = [x for x, _ in boxes.values()], [y for _, y in boxes.values()]
        fig = new_figure((1.05 * (max(xs) - min(xs)) + 1.8, 0.95 * (max(ys) - min(ys)) + 1.3 + 0.3 * bool(title)))
        ax = fig.add_subplot()
    texts: dict = {}
    for tensor, (x, y) in boxes.items():
        lines = ([tensor.name] if tensor.name else []) + [format_value(tensor.data)]
        if gradients and tensor.grad is not None:
            lines.append(f"∇ {format_value(tensor.grad)}")
        box = dict(boxstyle="round,pad=0.35", facecolor="#E8E8E8" if tensor.is_leaf else "white", edgecolor="black",
                   linewidth=1.0, linestyle="-" if tensor.requires_grad else "--")
        # the box, sized by every line (its own text is invisible); then the value lines in black and
        # the gradient line in the gradient colour, each padded with blank lines to keep its place
        texts[tensor] = ax.text(x, y, "\n".join(lines), ha="center", va="center", fontsize=8.5, bbox=box, color="none")
        has_grad = len(lines) > 1 + bool(tensor.name)
        ax.text(x, y, "\n".join(lines[:-1] + [" "] if has_grad else lines), ha="center", va="center", fontsize=8.5,
                zorder=4, label="value")
        if has_grad:
            ax.text(x, y, "\n".join([" "] * (len(lines) - 1) + lines[-1:]), ha="center", va="center", fontsize=8.5,
                    color=GRADIENT_COLOR, zorder=4, label="gradient")
    for tensor, (x, y) in ops.items():
        label = OP_SYMBOLS.get(tensor.op, tensor.op.replace("_", "\n"))
        circle = ax.text(x, y, label, ha="center", va="center", fontsize=9 if len(label) < 3 else 7, zorder=3,
                         bbox=dict(boxstyle="circle,pad=0.3", facecolor="#F6F6F6", edgecolor="black", linewidth=0.8))
        arrow = dict(arrowstyle="-|>", color="black", linewidth=0.9, shrinkA=1, shrinkB=1)
        ax.annotate("", xy=boxes[tensor], xytext=(x, y), arrowprops=dict(arrow, patchA=circle.get_bbox_patch(),
                                                                           patchB=texts[tensor].get_bbox_patch()))
        for parent in dict.fromkeys(tensor.parents):  # x * x: one arrow
            ax.annotate("", xy=(x, y), xytext=boxes[parent], arrowprops=dict(arrow, patchA=texts[parent].get_bbox_patch(),
                                                                                patchB=circle.get_bbox_patch()))
    xs, ys = [x for x, _ in boxes.values()], [y for _, y in boxes.values()]
    ax.set_xlim(min(xs) - 0.75, max(xs) + 0.75)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=10)
    return ax.figure
