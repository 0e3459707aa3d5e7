"""The backward-pass stepper (chapter 11): the engine's backward pass, one node at a time.

The stepper draws a computational graph that :mod:`nnlib.autograd` built, chapter 11's
expression F = (x1 x2 + max(x2, x3)) x4 or chapter 5's 2-2-2 network with its loss, and replays
the loop of :meth:`~nnlib.autograd.Tensor.backward` on it: the nodes in reverse topological order
(:func:`~nnlib.autograd.topological_order`), each taking its complete gradient out of the
dictionary of pending gradients and handing it to its own VJP, whose results are added into that
dictionary for its inputs. Step k shows the k-th node visited: its upstream gradient, its local
derivatives, what it sends to each input, and every node's gradient so far (complete for the
nodes already visited, a partial sum for those still pending). A value used twice visibly
accumulates: in F, x2 receives 4 from x1 x2 and later 2 from the max.

Every number is the engine's: its graph, its order and its VJPs. The stepper only keeps the
gradients of every step, and its last step equals ``backward(retain_grads=True)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from matplotlib.patches import Circle, FancyBboxPatch

from ..autograd import MLP, Tensor, loss, topological_order
from ..diagram import add_arc
from ..graph_diagram import GRADIENT_COLOR, OP_SYMBOLS, GraphDrawing, format_lines, format_value, graph_nodes
from ..plots import OKABE_ITO
from ..worked_example import worked_example
from .controls import Choice, Experiment, Slider, Widget, check_values
from .live import LiveFigure, WidgetFigure

GRAPH_LABELS = {"expression": "F = (x1 x2 + max(x2, x3)) x4", "network": "the 2-2-2 network's loss"}

CONTROLS = (
    Choice("graph", "graph", tuple(GRAPH_LABELS), default="expression", option_labels=tuple(GRAPH_LABELS.values())),
    Slider("step", "step", 0, 11, 1, default=5, integer=True),
)
"""The stepper's controls: the graph, and the step of its backward pass (0: before the first
visit). F's pass has 8 visits and the network's 11; past the last, F's graph stays finished."""


def expression_graph() -> Tensor:
    """Chapter 11's F = (x1 x2 + max(x2, x3)) x4 at x = (2, 3, -1, 2), as the engine builds it,
    its nodes named as the chapter names them.

    Examples
    --------
    >>> F = expression_graph()
    >>> F.name, F.item(), [p.name for p in F.parents]
    ('F', 18.0, ['t3', 'x4'])
    """
    x1, x2 = Tensor(2.0, name="x1"), Tensor(3.0, name="x2")
    x3, x4 = Tensor(-1.0, name="x3"), Tensor(2.0, name="x4")
    t1 = x1 * x2
    t2 = x2.maximum(x3)
    t3 = t1 + t2
    F = t3 * x4
    for node, name in [(t1, "t1"), (t2, "t2"), (t3, "t3"), (F, "F")]:
        node.name = name
    return F


def network_graph() -> Tensor:
    """The loss of chapter 5's 2-2-2 sigmoid network on its one example, as the engine builds it,
    each node named: W1 x, z1 (adding b1), a1, W2 a1, z2, y-hat and L.

    Examples
    --------
    >>> L = network_graph()
    >>> L.name, round(L.item(), 9), L.parents[0].name
    ('L', 0.298371109, 'ŷ')
    """
    net, x, y = worked_example()
    model = MLP.from_network(net)
    L = loss(model(Tensor(x, requires_grad=False, name="x")), y, "squared_error")
    y_hat = L.parents[0]
    z2 = y_hat.parents[0]
    product2 = z2.parents[0]
    a1 = product2.parents[1]
    z1 = a1.parents[0]
    for node, name in [(L, "L"), (y_hat, "ŷ"), (z2, "z2"), (product2, "W2 a1"), (a1, "a1"), (z1, "z1"),
                       (z1.parents[0], "W1 x")]:
        node.name = name
    return L


GRAPHS = {"expression": expression_graph, "network": network_graph}


@dataclass(frozen=True)
class Visit:
    """One node's turn in the backward pass.

    Attributes
    ----------
    node : Tensor
    upstream : ndarray
        Its complete gradient, d(root)/d(node), as the pass takes it out of the pending ones.
    local : list of (Tensor, ndarray or None)
        Each input that needs a gradient, with the node's local derivative with respect to it
        (:func:`local_derivatives`).
    sends : list of (Tensor, ndarray, ndarray or None)
        What the node's VJP sends to each input that needs a gradient, and the gradient that input
        had already received (None: this is the first).
    pending : dict
        The pending gradients after the visit: every node reached but not yet visited.
    complete : dict
        The complete gradient of every node visited so far, this one included.
    """

    node: Tensor
    upstream: np.ndarray
    local: list
    sends: list
    pending: dict
    complete: dict


def local_derivatives(node: Tensor) -> list[tuple[Tensor, np.ndarray | None]]:
    """The local derivative of ``node`` with respect to each input that needs a gradient, from the
    node's own VJP.

    For an elementwise operation (an input of the node's shape) or a scalar result (a loss, a
    sum), the VJP of a gradient of ones is the local derivative, entry by entry. A matrix product
    has none of that form (its VJP multiplies by the other factor, transposed): None.

    Examples
    --------
    >>> x, y = Tensor(2.0, name="x"), Tensor(5.0, name="y")
    >>> [(parent.name, float(d)) for parent, d in local_derivatives(x * y)]
    [('x', 5.0), ('y', 2.0)]
    """
    elementwise = node.data.size == 1 or all(p.shape == node.shape for p in node.parents)
    if node.op == "@" or node.op == "softmax" or not elementwise:
        return [(p, None) for p in node.parents if p.requires_grad]
    ones = node.vjp(np.ones_like(node.data))
    return [(p, np.asarray(d)) for p, d in zip(node.parents, ones) if p.requires_grad]


def replay_backward(root: Tensor) -> list[Visit]:
    """The backward pass of a scalar ``root``, as :meth:`~nnlib.autograd.Tensor.backward` runs
    it, visit by visit: the same order, the same VJPs, the same additions in the same order.

    The graph is not changed: no ``.grad`` is set.

    Examples
    --------
    >>> visits = replay_backward(expression_graph())
    >>> [v.node.name for v in visits]
    ['F', 't3', 't1', 'x1', 't2', 'x2', 'x3', 'x4']
    >>> [(p.name, float(sent), before) for p, sent, before in visits[4].sends]   # t2 = max(x2, x3)
    [('x2', 2.0, array(4.)), ('x3', 0.0, None)]
    """
    pending = {root: np.ones_like(root.data)}
    complete: dict[Tensor, np.ndarray] = {}
    visits = []
    for node in reversed(topological_order(root)):
        grad = pending.pop(node)
        complete[node] = grad
        sends = []
        if node.vjp is not None:
            for parent, parent_grad in zip(node.parents, node.vjp(grad)):
                if not parent.requires_grad:
                    continue
                before = pending.get(parent)
                sends.append((parent, np.asarray(parent_grad), before))
                pending[parent] = np.asarray(parent_grad if before is None else before + parent_grad)  # fan-out adds
        visits.append(Visit(node, grad, local_derivatives(node) if node.vjp else [], sends, dict(pending), dict(complete)))
    return visits


@lru_cache(maxsize=len(GRAPHS))
def _graph_and_visits(graph: str) -> tuple[Tensor, tuple[Visit, ...]]:
    root = GRAPHS[graph]()
    return root, tuple(replay_backward(root))


def graph_stepper_state(graph: str = "expression", step: int = 5) -> dict:
    """Where the backward pass of ``graph`` stands after ``step`` visits.

    Returns
    -------
    dict with keys
        ``graph``, ``step``; ``root``; ``order`` (the nodes in the order the pass visits them);
        ``n_steps`` (the number of visits); ``shown`` (the visits done, at most ``n_steps``);
        ``visit`` (the :class:`Visit` of this step, None at step 0); ``gradients`` (every node
        reached so far -> its gradient so far); ``complete`` and ``pending`` (the nodes whose
        gradient is complete, visited, and those still waiting); ``finished``.

    Examples
    --------
    >>> state = graph_stepper_state("expression", 5)
    >>> state["visit"].node.name, {t.name: float(g) for t, g in state["gradients"].items() if t.name == "x2"}
    ('t2', {'x2': 6.0})
    >>> graph_stepper_state("tree", 1)
    Traceback (most recent call last):
    ...
    ValueError: graph must be one of expression, network; got 'tree'.
    """
    values = check_values(CONTROLS, graph=graph, step=step)
    root, visits = _graph_and_visits(values["graph"])
    shown = min(values["step"], len(visits))
    visit = visits[shown - 1] if shown else None
    pending = visit.pending if visit else {root: np.ones_like(root.data)}  # step 0: the seed
    complete = visit.complete if visit else {}
    return dict(
        graph=values["graph"], step=values["step"], root=root, order=[v.node for v in visits], n_steps=len(visits),
        shown=shown, visit=visit, gradients={**complete, **pending}, complete=set(complete), pending=set(pending),
        finished=shown == len(visits),
    )


# ------------------------------------------------------------------------------------------------
# Words: what each step does, in the chapter's notation


def _number(value) -> str:
    """A value for a sentence: a scalar to four digits, a vector or matrix in brackets."""
    value = np.asarray(value)
    if value.size == 1:
        return f"{float(value.reshape(())):.4g}"
    if value.ndim == 1 or value.shape[1:] == (1,):
        return "[" + ", ".join(f"{v:.3g}" for v in value.ravel()) + "]"
    return "[" + ", ".join("[" + ", ".join(f"{v:.3g}" for v in row) + "]" for row in value) + "]"


def _expression(node: Tensor) -> str:
    """How a computed node reads as a formula of its inputs: 't1 = x1 × x2', 'a1 = σ(z1)'."""
    names = [p.name or _number(p.data) for p in node.parents]
    symbol = OP_SYMBOLS.get(node.op, node.op).replace("\n", "")
    if len(names) == 2 and node.op in ("+", "-", "*", "/", "@"):
        return f"{names[0]} {symbol} {names[1]}"
    return f"{symbol}({', '.join(names)})"


def _d(of: str, by: str) -> str:
    """∂of/∂by, with a name of several words in brackets."""
    return f"∂{of}/∂{f'({by})' if ' ' in by else by}"


def visit_caption(state: dict) -> list[str]:
    """Three lines that say what the step does: the node visited and its complete gradient; its
    local derivatives; and what it sends to each input (the boxes show the rest: every gradient
    so far, complete or pending).

    Examples
    --------
    >>> for line in visit_caption(graph_stepper_state("expression", 5)):
    ...     print(line)
    Visit t2 = max(x2, x3): all its users have sent their shares, so ∂F/∂t2 = 2 is complete.
    Local derivatives: ∂t2/∂x2 = 1, ∂t2/∂x3 = 0.
    It sends upstream × local: x2 ← 2 × 1 = 2, added to the 4 it had: 6; x3 ← 2 × 0 = 0.
    """
    root, visit, n = state["root"], state["visit"], state["n_steps"]
    F = root.name
    if visit is None:
        order = ", ".join(t.name for t in state["order"])
        return [f"The forward pass has stored every value, and backward() seeds {_d(F, F)} = 1.",
                "It will visit the nodes in reverse topological order, each after every node that uses it:", f"{order}."]
    node, name = visit.node, visit.node.name
    head = "Visit" if state["step"] == state["shown"] else f"The pass ended at step {n}, with the visit to"
    if node.vjp is None:
        done = ("Nothing is pending: every gradient is complete, as backward(retain_grads=True) leaves them."
                if state["finished"] else "")
        return [f"{head} {name}, a leaf: its gradient {_d(F, name)} = {_number(visit.upstream)} is complete.",
                f"A leaf has no inputs: backward stores the gradient in {name}.grad and sends nothing.", done]
    lines = [f"{head} {name} = {_expression(node)}: all its users have sent their shares, so "
             f"{_d(F, name)} = {_number(visit.upstream)} is complete."]
    if node.op == "@":
        left, right = (p.name for p in node.parents)
        lines.append(f"Local derivatives (chapter 5): with G = {_d(F, name)}, the gradient of {left} is G {right}ᵀ, "
                     f"that of {right} is {left}ᵀ G.")
        formulas = {node.parents[0]: f"G {right}ᵀ", node.parents[1]: f"{left}ᵀ G"}
        sends = [f"{p.name} ← {formulas[p]} = {_number(sent)}" for p, sent, _ in visit.sends]
        sends += [f"{p.name}, the data, needs none" for p in node.parents if not p.requires_grad]
        return lines + ["It sends: " + "; ".join(sends) + "."]
    lines.append("Local derivatives: " + ", ".join(f"{_d(name, p.name)} = {_number(d)}" for p, d in visit.local) + ".")
    local = dict(visit.local)
    times = "×" if visit.upstream.size == 1 else "⊙"
    sends = []
    for parent, sent, before in visit.sends:
        text = f"{parent.name} ← {_number(visit.upstream)} {times} {_number(local[parent])} = {_number(sent)}"
        if before is not None:
            text += f", added to the {_number(before)} it had: {_number(before + sent)}"
        sends.append(text)
    return lines + ["It sends upstream × local: " + "; ".join(sends) + "."]


# ------------------------------------------------------------------------------------------------
# The figure

ACTIVE = OKABE_ITO["orange"]
PENDING = OKABE_ITO["blue"]
UNREACHED = "#8A8A8A"
DRAWING = {"expression": dict(fontsize=9.5), "network": dict(fontsize=7.5, row_gap=1.3, wrap=8)}
"""How each graph is drawn: the network's chain of layers turns back in a second band."""


def gradient_text(value, graph: str) -> str:
    """A gradient as its box shows it: ∇ and the value (the entries of a vector one a line, for
    the network).

    Examples
    --------
    >>> gradient_text(np.array(6.0), "expression"), gradient_text(np.array([[0.138], [-0.0381]]), "network")
    ('∇ 6', '∇ 0.138\\n-0.0381')
    """
    if graph == "expression":
        return f"∇ {format_value(value)}"
    lines = format_lines(value)
    return "\n".join([f"∇ {lines[0]}", *lines[1:]])


def _box_labels(root: Tensor, graph: str) -> dict:
    """Each box's fixed lines: the tensor's name and its value."""
    if graph == "expression":
        return {t: [t.name, format_value(t.data)] for t in graph_nodes(root)}
    return {t: [t.name, *format_lines(t.data)] for t in graph_nodes(root)}


class GraphStepperFigure(WidgetFigure):
    """The stepper's figure: both graphs drawn once (:class:`~nnlib.graph_diagram.GraphDrawing`),
    one shown; :meth:`set_values` sets every box's gradient, rings the node visited, lights the
    arcs to its inputs with what it sends, and writes the step's four lines.

    Examples
    --------
    >>> fig = GraphStepperFigure()
    >>> changed = fig.set_values("expression", 3)
    >>> fig.graph_title.get_text(), fig.heading.get_text()
    ('Backward pass of F = (x1 x2 + max(x2, x3)) x4', 'step 3 of 8, visit t1')
    """

    def __init__(self):
        width, height = 8.8, 5.6
        super().__init__(figsize=(width, height))
        # the graph's name changes with the menu only (a full draw); the step, on the right, with the slider
        self.graph_title = self.text(0.012, 1 - 0.1 / height, "", fontsize=11, ha="left", va="top")
        self.heading = self.text(0.988, 1 - 0.1 / height, "", fontsize=11, ha="right", va="top")
        key = [("∇ complete (visited)", dict(color=GRADIENT_COLOR)), ("∇ so far (pending)", dict(color=PENDING, style="italic")),
               ("∇ ? not reached yet", dict(color=UNREACHED))]
        for i, (text, style) in enumerate(key):
            self.text(0.012 + 0.21 * i, 1 - 0.42 / height, text, fontsize=8.5, ha="left", va="top", **style)
        self.caption = [self.text(0.012, (0.68 - 0.21 * i) / height, "", fontsize=8.5, ha="left", va="center")
                        for i in range(3)]
        rect = (0.01, 0.92 / height, 0.98, 4.1 / height)
        self.drawings, self.rings, self.highlights = {}, {}, {}
        for graph in GRAPHS:
            root, visits = _graph_and_visits(graph)
            ax = self.add_axes(rect)
            texts = {}
            for k in range(len(visits) + 1):
                for tensor, value in graph_stepper_state(graph, k)["gradients"].items():
                    texts.setdefault(tensor, {"∇ ?"}).add(gradient_text(value, graph))
            drawing = GraphDrawing(ax, root, _box_labels(root, graph), {t: sorted(v) for t, v in texts.items()},
                                   **DRAWING[graph])
            self.drawings[graph] = drawing
            for label in drawing.arc_labels.values():  # what a node sends, on the arcs lit for it
                label.set_color(ACTIVE)
            rings = {}
            for tensor, patch in drawing.box_patches.items():
                rings[tensor] = [ax.add_patch(FancyBboxPatch(
                    (patch.get_x(), patch.get_y()), patch.get_width(), patch.get_height(), boxstyle=patch.get_boxstyle(),
                    facecolor="none", edgecolor=ACTIVE, linewidth=2.4, zorder=6, visible=False))]
                if tensor in drawing.ops:
                    rings[tensor].append(ax.add_patch(Circle(drawing.ops[tensor], drawing.radii[tensor], facecolor="none",
                                                             edgecolor=ACTIVE, linewidth=2.4, zorder=6, visible=False)))
            self.rings[graph] = rings
            self.highlights[graph] = {
                key: add_arc(ax, start, end, 0.0, 0.0, arrow=True, color=ACTIVE, linewidth=2.2, zorder=2.6, visible=False)
                for key, (start, end) in drawing.ends.items()
            }
        self.current_graph = None

    def _changing(self) -> list:
        artists = [self.heading, *self.caption]
        for graph, drawing in self.drawings.items():
            artists += [*drawing.gradient_texts.values(), *self.highlights[graph].values(), *drawing.arc_labels.values()]
            artists += [ring for rings in self.rings[graph].values() for ring in rings]
        return artists

    def set_values(self, graph: str = "expression", step: int = 5) -> list:
        """Show the pass of ``graph`` after ``step`` visits; return the artists that change with
        the step. Another graph shows its own Axes (the figure's other artists: a full draw)."""
        state = graph_stepper_state(graph, step)
        if self.current_graph != state["graph"]:
            for name, drawing in self.drawings.items():
                visible = name == state["graph"]
                drawing.ax.set_visible(visible)
                for artist in [*drawing.gradient_texts.values(), *drawing.arc_labels.values()]:
                    artist.set_visible(visible)
            self.current_graph = state["graph"]
        drawing, visit = self.drawings[state["graph"]], state["visit"]
        for tensor in drawing.gradient_texts:
            value = state["gradients"].get(tensor)
            if value is None:
                drawing.set_gradient(tensor, "∇ ?", color=UNREACHED, style="normal")
            elif tensor in state["complete"]:
                drawing.set_gradient(tensor, gradient_text(value, state["graph"]), color=GRADIENT_COLOR, style="normal")
            else:
                drawing.set_gradient(tensor, gradient_text(value, state["graph"]), color=PENDING, style="italic")
        active = visit.node if visit is not None and state["step"] == state["shown"] else None
        for name in self.drawings:
            for tensor, rings in self.rings[name].items():
                for ring in rings:
                    ring.set_visible(name == state["graph"] and tensor is active)
        sent = {parent: value for parent, value, _ in visit.sends} if active is not None else {}
        for (parent, tensor), label in drawing.arc_labels.items():
            lit = tensor is active and parent in sent
            self.highlights[state["graph"]][parent, tensor].set_visible(lit)
            label.set_text(f"{_number(sent[parent])}" if lit and np.size(sent[parent]) == 1 else "")
        for name, highlights in self.highlights.items():
            if name != state["graph"]:
                for arc in highlights.values():
                    arc.set_visible(False)
        where = f"visit {visit.node.name}" if active is not None else ("before the first visit" if visit is None else "finished")
        count = f"step {state['shown']} of {state['n_steps']}" if state["step"] == state["shown"] else f"step {state['step']}"
        self.graph_title.set_text(f"Backward pass of {GRAPH_LABELS[state['graph']]}")  # no change: no full draw
        self.heading.set_text(f"{count}, {where}")
        for text, line in zip(self.caption, visit_caption(state)):
            text.set_text(line)
        return self._changing()


def draw_graph_stepper(graph: str = "expression", step: int = 5) -> GraphStepperFigure:
    """The stepper's figure at these values.

    Examples
    --------
    >>> fig = draw_graph_stepper("network", 0)
    >>> fig.graph_title.get_text(), fig.heading.get_text()
    ("Backward pass of the 2-2-2 network's loss", 'step 0 of 11, before the first visit')
    """
    fig = GraphStepperFigure()
    fig.set_values(graph, step)
    return fig


def _alt(graph: str, step: int) -> str:
    state = graph_stepper_state(graph, step)
    what = "F = (x1 x2 + max(x2, x3)) x4" if graph == "expression" else "the loss of chapter 5's 2-2-2 network"
    visit = state["visit"]
    now = "before the first visit" if visit is None else f"after {state['shown']} visits, the last to {visit.node.name}"
    return (
        f"The computational graph of {what}: a box per value with its name, value and gradient so far, a circle per "
        f"operation. The backward pass is shown {now}: "
        + " ".join(line for line in visit_caption(state) if line)
    )


_FIRST = tuple(range(9))
_SECOND = tuple(range(12))

GRAPH_STEPPER = Widget(
    "graph_stepper", CONTROLS, GraphStepperFigure, _alt,
    experiments=(
        Experiment("x2 accumulates", "Step through F's backward pass and watch x2: at step 3 the product t1 = x1 x2 sends "
                   "it 4, at step 5 the max sends 2 more, and only then, at step 6, is x2 visited with its complete 6.",
                   moves={"step": _FIRST}),
        Experiment("The gate patterns", "Find the four gate patterns: the add (step 2) sends its gradient to both inputs "
                   "unchanged, each multiply (steps 1 and 3) sends each input the gradient times the other input, and the "
                   "max (step 5) routes everything to x2 and nothing to x3.", moves={"step": _FIRST}, start={"step": 1}),
        Experiment("Chapter 5's network", "Step through the 2-2-2 network: each layer is a matrix product, an addition "
                   "and a sigmoid. The product sends G aᵀ to its weights and Wᵀ G down to the layer below, chapter 5's "
                   "equations, and the last step holds chapter 5's gradients.",
                   moves={"step": _SECOND}, start={"graph": "network", "step": 0}),
    ),
)
"""The stepper, declared once: its controls, its figure, and the experiments of chapter 11."""


def graph_stepper(**values) -> LiveFigure:
    """The live stepper: a menu of the two graphs and a slider for the step of the backward pass.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return GRAPH_STEPPER.live(**values)
