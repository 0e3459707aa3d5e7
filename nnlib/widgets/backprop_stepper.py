"""The backpropagation stepper (chapter 5): one example through a small network, step by step.

The stepper walks through one forward and one backward pass of a network on a single example,
one stage per step:

- step 0: the input x enters (and the target y waits at the end);
- steps 1 to L: layer l computes z^[l] = W^[l] a^[l-1] + b^[l] and a^[l] = f(z^[l]);
- step L + 1: the loss and its gradient dl/dy-hat;
- steps L + 2 to 2L + 1: layer l = L, ..., 1 computes its error delta^[l] = dl/dz^[l] and the
  gradients of its weights, dl/dW^[l] = delta^[l] a^[l-1]^T and dl/db^[l] = delta^[l];
- step 2L + 2: the update W <- W - eta dl/dW, and the loss after it.

Every number comes from :class:`~nnlib.network.Network` itself (its forward trace and its backward
pass); the stepper only decides which of them to show. The default network is the 2-2-2 sigmoid
network of chapter 5's worked example.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyBboxPatch

from .._validation import check_positive_number
from ..diagram import NetworkDrawing, node_positions
from ..network import Network
from ..plots import OKABE_ITO
from ..training import gradient_descent_step
from ..worked_example import worked_example
from .controls import Experiment, Slider, Widget
from .live import LiveFigure, WidgetFigure

CONTROLS = (
    Slider("step", "step", 0, 6, 1, default=5, integer=True),
    Slider("updates", "updates before", 0, 50, 1, default=0, integer=True),
)
"""The stepper's controls: the step of the pass on chapter 5's 2-2-2 network (0 to 2L + 2), and
the gradient-descent updates taken before it."""


def stage_names(n_layers: int) -> list[str]:
    """The name of every step for a network of ``n_layers`` layers.

    Examples
    --------
    >>> stage_names(2)
    ['input', 'forward 1', 'forward 2', 'loss', 'backward 2', 'backward 1', 'update']
    """
    return (
        ["input"]
        + [f"forward {l}" for l in range(1, n_layers + 1)]
        + ["loss"]
        + [f"backward {l}" for l in range(n_layers, 0, -1)]
        + ["update"]
    )


def backprop_stepper_state(
    step: int = 5,
    updates: int = 0,
    net: Network | None = None,
    x=None,
    y=None,
    learning_rate: float = 0.5,
    loss: str = "squared_error",
) -> dict:
    """Every number of one forward and backward pass on one example, and which of them step shows.

    Parameters
    ----------
    step : int
        0 to 2L + 2 (see the module's description); for the 2-2-2 network, 0 to 6.
    updates : int
        Gradient-descent steps taken on the same example before this pass (0: the initial weights).
    net : Network, optional
        The network; it is copied, never changed. Default: chapter 5's 2-2-2 network, whose
        example ``x``, ``y`` and learning rate are then the defaults too.
    x, y : array_like, optional
        One input (n_0,) and its target (n_L,).
    learning_rate : float
        eta, for the update step and for the ``updates`` taken before.
    loss : str
        The loss's name (squared error by default).

    Returns
    -------
    dict with keys
        ``step``, ``n_steps``, ``stage`` (its name), ``sizes``; ``weights`` (W^[l], b^[l] by name,
        as used in this pass); ``z`` and ``a`` (lists of 1-D arrays: z[l - 1] is z^[l], a[l] is
        a^[l], a[0] is x); ``y``; ``loss``; ``dl_dyhat``; ``delta`` (delta[l - 1] = dl/dz^[l]);
        ``gradients`` (by name); ``new_weights`` and ``new_loss`` (after one update);
        ``forward_shown`` (how many layers' z and a the step shows), ``loss_shown``,
        ``backward_shown`` (the layers whose delta and gradients the step shows), ``updated``;
        ``loss_history`` (the loss before each of the ``updates`` steps and before this pass).

    Examples
    --------
    >>> state = backprop_stepper_state(step=4)
    >>> state["stage"], state["backward_shown"]
    ('backward 2', [2])
    >>> round(state["loss"], 9)
    0.298371109
    """
    if net is None:
        net, x_default, y_default = worked_example()
        x = x_default if x is None else x
        y = y_default if y is None else y
    else:
        net = net.copy()
    if x is None or y is None:
        raise ValueError("pass one example x and its target y along with the network.")
    x = np.asarray(x, dtype=float).reshape(-1, 1)
    y = np.asarray(y, dtype=float).reshape(-1, 1)
    n_layers = len(net.layers)
    n_steps = 2 * n_layers + 3
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or not 0 <= step < n_steps:
        raise ValueError(f"step must be a whole number from 0 to {n_steps - 1} for a network of {n_layers} layers, got {step!r}.")
    if isinstance(updates, bool) or not isinstance(updates, (int, np.integer)) or updates < 0:
        raise ValueError(f"updates must be a whole number of at least 0, got {updates!r}.")
    CONTROLS[1].check(updates)  # the stepper takes at most as many updates as its slider offers
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    loss_fn = net.check_loss(loss)

    history = []
    for _ in range(int(updates)):
        value, _ = net.loss_and_gradients(x, y, loss_fn)
        history.append(value)
        gradient_descent_step(net, learning_rate)
    weights = {name: value.copy() for name, value in net.parameters().items()}
    trace = net.trace(x)
    value = loss_fn(trace.output, y)
    history.append(value)
    dl_dyhat = loss_fn.gradient(trace.output, y)
    gradients = {name: g.copy() for name, g in net.backward(dl_dyhat).items()}
    delta = [layer.dZ[:, 0].copy() for layer in net.layers]
    gradient_descent_step(net, learning_rate)
    new_weights = {name: p.copy() for name, p in net.parameters().items()}
    new_loss = net.loss(x, y, loss_fn)

    backward_start = n_layers + 2  # the step at which layer L's backward pass is shown
    return dict(
        step=int(step),
        n_steps=n_steps,
        stage=stage_names(n_layers)[step],
        sizes=net.sizes,
        activations=net.activations,
        loss_name=loss_fn.name,
        learning_rate=float(learning_rate),
        weights=weights,
        z=[Z[:, 0].copy() for Z in trace.Z],
        a=[A[:, 0].copy() for A in trace.A],
        y=y[:, 0].copy(),
        loss=float(value),
        dl_dyhat=dl_dyhat[:, 0].copy(),
        delta=delta,
        gradients=gradients,
        new_weights=new_weights,
        new_loss=float(new_loss),
        forward_shown=min(int(step), n_layers),
        loss_shown=step >= n_layers + 1,
        backward_shown=[l for l in range(n_layers, 0, -1) if step >= backward_start + (n_layers - l)],
        updated=step == n_steps - 1,
        loss_history=history,
    )


def _vector(v) -> str:
    return "(" + ", ".join(f"{float(e):.4g}" for e in np.ravel(v)) + ")"


def stage_caption(state: dict, numbers: bool = True) -> str:
    """One or two lines saying what the current step computes, with its numbers.

    Parameters
    ----------
    state : dict
        From :func:`backprop_stepper_state`.
    numbers : bool
        Print the vectors and losses the step computes. The stepper's figure leaves out those
        its diagram shows anyway (at the units, on the arcs, in the loss box).

    Examples
    --------
    >>> stage_caption(backprop_stepper_state(step=0))
    'Input: x = (0.05, 0.1) enters the network; the target is y = (0.01, 0.99).'
    >>> stage_caption(backprop_stepper_state(step=1), numbers=False)
    'Forward, layer 1: z[1] = W[1] a[0] + b[1] and a[1] = sigmoid(z[1]), at each unit.'
    """
    stage, n_layers = state["stage"], len(state["sizes"]) - 1
    if stage == "input":
        if not numbers:
            return "Input: x enters the network; the target y waits at the loss."
        return f"Input: x = {_vector(state['a'][0])} enters the network; the target is y = {_vector(state['y'])}."
    if stage.startswith("forward"):
        l = int(stage.split()[1])
        f = state["activations"][l - 1]
        if not numbers:
            return f"Forward, layer {l}: z[{l}] = W[{l}] a[{l - 1}] + b[{l}] and a[{l}] = {f}(z[{l}]), at each unit."
        return (
            f"Forward, layer {l}: z[{l}] = W[{l}] a[{l - 1}] + b[{l}] = {_vector(state['z'][l - 1])}, "
            f"a[{l}] = {f}(z[{l}]) = {_vector(state['a'][l])}."
        )
    if stage == "loss":  # the diagram does not show dl/dŷ: always printed
        return (
            f"Loss ({state['loss_name']}): {state['loss']:.6g}.  Its gradient dl/dŷ = "
            f"{_vector(state['dl_dyhat'])} starts the backward pass."
        )
    if stage.startswith("backward"):
        l = int(stage.split()[1])
        source = "dl/dŷ" if l == n_layers else f"(W[{l + 1}]ᵀ δ[{l + 1}])"
        delta = f" = {_vector(state['delta'][l - 1])}" if numbers else ", at each unit"
        return (
            f"Backward, layer {l}: δ[{l}] = {source} ⊙ f'(z[{l}]){delta};\n"
            f"dl/dW[{l}] = δ[{l}] a[{l - 1}]ᵀ and dl/db[{l}] = δ[{l}], printed as ∇ on each arc."
        )
    falls = f"from {state['loss']:.6g} to {state['new_loss']:.6g}" if numbers else "(see the loss box)"
    return (
        f"Update with η = {state['learning_rate']:g}: every W ← W − η dl/dW and b ← b − η dl/db "
        f"(new values on the arcs).\nThe loss falls {falls}."
    )


ACTIVE = OKABE_ITO["orange"]
IDLE = "#9A9A9A"

LAYOUT = dict(layer_gap=4.0, unit_gap=2.4, radius=0.32, fontsize=8.5, notes_outside=True)
"""How the stepper draws its network (:class:`~nnlib.diagram.NetworkDrawing`): wider apart than
a static diagram, to make room for the numbers on every arc and beside every unit."""


class StepperFigure(WidgetFigure):
    """The stepper's figure for a network of the given layer sizes: nodes, names and the loss
    box are drawn once, and :meth:`set_values` changes the arcs, the highlights and the numbers.

    Each arc stops at the rim of its nodes, and a highlighted node or loss box gets an orange
    ring over its black outline: the nodes themselves never need drawing again.

    Examples
    --------
    >>> fig = StepperFigure([2, 2, 2])
    >>> changed = fig.set_values(step=3)
    >>> fig.axes[0].get_title()
    'step 3 of 6: loss'
    """

    def __init__(self, sizes=(2, 2, 2)):
        n_layers = len(sizes) - 1
        positions = node_positions(sizes, LAYOUT["layer_gap"], LAYOUT["unit_gap"])
        out = positions[-1]
        self.loss_x = loss_x = out[0, 0] + 2.4
        ys = np.concatenate(positions)[:, 1]
        x_lim, y_lim = (-0.8, loss_x + 1.1), (ys.min() - 1.05, ys.max() + 1.05)
        width_in = 8.5
        axes_height_in = 0.98 * width_in * (y_lim[1] - y_lim[0]) / (x_lim[1] - x_lim[0])
        bottom_in, top_in = 0.5, 0.35
        height_in = axes_height_in + bottom_in + top_in
        super().__init__(figsize=(width_in, height_in))
        ax = self.add_axes((0.01, bottom_in / height_in, 0.98, axes_height_in / height_in))
        ax.set_xlim(x_lim)
        ax.set_ylim(y_lim)
        ax.set_aspect("equal")
        ax.axis("off")
        names = [[f"x{j + 1}" if l == 0 else (f"ŷ{j + 1}" if l == n_layers else f"h{j + 1}") for j in range(n)]
                 for l, n in enumerate(sizes)]
        self.diagram = NetworkDrawing(ax, sizes, names, **LAYOUT)
        # a highlighted node gets an orange ring over its black outline: the nodes never need drawing again
        self.rings = {
            (l, j): ax.add_patch(Circle((cx, cy), LAYOUT["radius"], facecolor="none", edgecolor=ACTIVE, linewidth=2.5,
                                        zorder=5.5))
            for l, layer in enumerate(positions) for j, (cx, cy) in enumerate(layer)
        }
        radius = LAYOUT["radius"]

        # the loss, fed by the outputs and the targets
        self.targets = []
        for cx, cy in out:
            ax.add_line(Line2D([cx + radius, loss_x - 0.7], [cy, 0.0], color=IDLE, linewidth=1.0, linestyle=":", zorder=1))
            self.targets.append(ax.text(cx + 0.5, cy + 0.05, "", fontsize=8.5, ha="left", va="bottom"))
        box = dict(xy=(loss_x - 0.7, -0.35), width=1.6, height=0.7, boxstyle="round,pad=0.05", zorder=5)
        ax.add_patch(FancyBboxPatch(**box, facecolor="white", edgecolor="black", linewidth=1.2))
        self.loss_ring = ax.add_patch(FancyBboxPatch(**box, facecolor="none", edgecolor=ACTIVE, linewidth=2.5))
        self.loss_text = ax.text(loss_x + 0.1, 0.0, "", ha="center", va="center", fontsize=9, zorder=6)
        ax.set_title(" ", fontsize=11)
        self.caption = self.text(0.015, 0.1 / height_in, "", fontsize=9.5, ha="left", va="bottom")

    def set_values(self, step: int = 5, updates: int = 0, net: Network | None = None, x=None, y=None,
                   learning_rate: float = 0.5) -> list:
        """Show the pass at this step (see :func:`backprop_stepper_state`); return the artists
        that change with the step and the updates. The inputs and the targets are the figure's
        other texts, set when they differ."""
        state = backprop_stepper_state(step, updates, net, x, y, learning_rate)
        n_layers = len(state["sizes"]) - 1
        stage = state["stage"]
        active_layer = int(stage.split()[1]) if stage.split()[0] in ("forward", "backward") else None
        weights = state["new_weights"] if state["updated"] else state["weights"]

        diagram = self.diagram
        for (l, j, k), arc in diagram.arcs.items():
            w = float(weights[f"W{l}"][j, k])
            is_active = l == active_layer or state["updated"]
            arc.set(color=ACTIVE if is_active else IDLE, linewidth=3.0 if is_active else 1.2,
                    linestyle="-" if w >= 0 or is_active else "--")
            label = f"w {w:.4g}"
            if state["updated"]:
                label += f"\n(was {float(state['weights'][f'W{l}'][j, k]):.4g})"
            elif l in state["backward_shown"]:
                label += f"\n∇ {float(state['gradients'][f'W{l}'][j, k]):.4g}"
            diagram.arc_labels[l, j, k].set_text(label)

        for (l, j), ring in self.rings.items():
            ring.set_visible((l == active_layer) or (l == n_layers and stage == "loss"))
            note = diagram.notes[l, j]
            if l == 0:
                note.set_text(f"x = {float(state['a'][0][j]):.4g}")
                continue
            lines = []
            if l <= state["forward_shown"]:
                lines.append(f"z = {float(state['z'][l - 1][j]):.4g}, a = {float(state['a'][l][j]):.4g}")
            if l in state["backward_shown"]:
                lines.append(f"δ = {float(state['delta'][l - 1][j]):.4g}")
            b_text = f"b {float(weights[f'b{l}'][j, 0]):.4g}"  # its gradient dl/db is δ, just above
            if state["updated"]:
                b_text += f" (was {float(state['weights'][f'b{l}'][j, 0]):.4g})"
            note.set_text("\n".join(lines + [b_text]))
        for j, target in enumerate(self.targets):
            target.set_text(f"y{j + 1} = {float(state['y'][j]):.4g}")

        loss_text = f"ℓ = {state['loss']:.6g}" if state["loss_shown"] else "ℓ = ?"
        if state["updated"]:
            loss_text = f"ℓ was {state['loss']:.6g}\nnow {state['new_loss']:.6g}"
        self.loss_text.set_text(loss_text)
        self.loss_ring.set_visible(stage in ("loss", "update"))
        after = f", after {updates} update{'s' * (updates != 1)}" if updates else ""
        ax = self.axes[0]
        ax.title.set_text(f"step {step} of {state['n_steps'] - 1}: {stage}{after}")
        self.caption.set_text(stage_caption(state, numbers=False))  # the diagram shows them
        return [*diagram.arcs.values(), *diagram.arc_labels.values(), *self.rings.values(), self.loss_ring, self.loss_text,
                *(note for (l, _), note in diagram.notes.items() if l > 0), ax.title, self.caption]


def draw_backprop_stepper(
    step: int = 5, updates: int = 0, net: Network | None = None, x=None, y=None, learning_rate: float = 0.5
) -> Figure:
    """The stepper's figure: the network, each arc with its weight and (once computed) its gradient.

    Arcs the current step works on are drawn thick, solid and orange; the others thin and grey
    (dashed where the weight is negative). Each arc's label sits on it: its weight, then ∇ and the
    gradient once the backward pass has reached it (after the update: the new weight and the old
    one). Each node shows the values computed so far: z and a on the way forward, delta (which is
    also the gradient of its bias) on the way back, and its bias.

    Examples
    --------
    >>> fig = draw_backprop_stepper(step=3)
    >>> fig.axes[0].get_title()
    'step 3 of 6: loss'
    """
    sizes = (net if net is not None else worked_example()[0]).sizes
    fig = StepperFigure(sizes)
    fig.set_values(step, updates, net, x, y, learning_rate)
    return fig


def _alt(step: int, updates: int) -> str:
    state = backprop_stepper_state(step, updates)
    return (
        f"The 2-2-2 sigmoid network of the worked example at step {step} ({state['stage']}), after {updates} updates: "
        f"inputs x1 and x2, hidden units h1 and h2, outputs y-hat 1 and y-hat 2 and a loss box reading "
        f"{state['loss']:.6g}. Each arc is labelled with its weight"
        + (" and, once the backward pass has reached it, its gradient" if state["backward_shown"] else "")
        + "; each unit with its z, a and, on the way back, its delta."
    )


_EVERY_STEP = tuple(range(7))

BACKPROP_STEPPER = Widget(
    "backprop_stepper", CONTROLS, StepperFigure, _alt,
    experiments=(
        Experiment("Follow δ[1]₁", "Step from 3 to 5 and follow one number: δ[1]₁ is built from both output deltas and the "
                   "two weights out of hidden unit 1 (h1 in the stepper).", moves={"step": _EVERY_STEP}),
        Experiment("Gradients per layer", "Compare the gradients on the arcs into the hidden layer with those into the "
                   "outputs.", moves={"step": _EVERY_STEP}),
        Experiment("50 updates", "Set the updates to 50: which output has moved further towards its target, and why? "
                   "Compare the two outputs' errors and slopes along the way.",
                   moves={"updates": (0, 1, 2, 5, 10, 20, 30, 40, 50), "step": _EVERY_STEP}),
    ),
)
"""The stepper, declared once: its controls, its figure, and the experiments of chapter 5."""


def backprop_stepper(**values) -> LiveFigure:
    """The live stepper on chapter 5's 2-2-2 network: a slider for the step and one for the
    number of gradient-descent updates taken before the pass.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return BACKPROP_STEPPER.live(**values)
