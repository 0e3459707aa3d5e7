"""The neuron playground (chapter 1): w1, w2, b and the activation, and what one neuron does.

The figure shows the neuron's output a = f(w1 x1 + w2 x2 + b) over the plane as shading, its
decision line w1 x1 + w2 x2 + b = 0, the weight vector w (perpendicular to the line, pointing to
the side where z > 0, drawn when it fits in the picture), and the four inputs of a logic gate, each marked by its target and
labelled with the neuron's output.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..activations import ACTIVATIONS, get_activation
from ..data import GATES, logic_gate
from ..neuron import decision_line, weighted_sum
from ..plots import CLASS_COLORS, CLASS_MARKERS, OKABE_ITO, SEQUENTIAL_CMAP, new_figure

PLANE = (-0.5, 1.5)
"""The square of the plane the playground shows, in both x1 and x2."""


def neuron_playground_state(w1: float, w2: float, b: float, activation: str = "sigmoid", gate: str = "and", resolution: int = 121) -> dict:
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
    f = get_activation(activation)
    w = np.array([w1, w2], dtype=float)
    X, Y = logic_gate(gate)
    z = weighted_sum(X, w, b)
    x1 = np.linspace(*PLANE, resolution)
    g1, g2 = np.meshgrid(x1, x1)
    output = f(w1 * g1 + w2 * g2 + b)
    predictions = (z > 0).astype(int)
    targets = Y[0].astype(int)
    line = decision_line(w, b, PLANE) if (w1, w2) != (0.0, 0.0) else None
    return dict(
        grid=(x1, x1), output=output, line=line, X=X, targets=targets, z=z, a=f(z),
        predictions=predictions, n_correct=int((predictions == targets).sum()),
    )


def draw_neuron_playground(w1: float = 10.0, w2: float = 10.0, b: float = -15.0, activation: str = "sigmoid", gate: str = "and") -> Figure:
    """The playground's figure for one setting of the controls.

    Examples
    --------
    >>> fig = draw_neuron_playground()
    >>> fig.axes[0].get_title()
    'and: 4 of 4 inputs right'
    """
    state = neuron_playground_state(w1, w2, b, activation, gate)
    fig = new_figure((6.2, 4.6))
    ax = fig.add_subplot()
    out = state["output"]
    image = ax.imshow(
        out, origin="lower", extent=(*PLANE, *PLANE), cmap=SEQUENTIAL_CMAP, aspect="equal",
        vmin=min(0.0, out.min()), vmax=max(1.0, out.max()), interpolation="bilinear",
    )
    fig.colorbar(image, ax=ax, label=f"output a = {activation}(z)", shrink=0.85)
    if state["line"] is not None:
        ax.plot(*state["line"], color="white", linewidth=3)
        ax.plot(*state["line"], color="black", linewidth=1.5, linestyle="--", label="decision line z = 0")
        # draw w as an arrow from the line point nearest an empty spot, towards the side z > 0
        w = np.array([w1, w2])
        anchor = np.array([0.5, 1.3])
        base = anchor - (w @ anchor + b) * w / (w @ w)
        tip = base + 0.3 * w / np.linalg.norm(w)
        if np.all((np.minimum(base, tip) >= PLANE[0]) & (np.maximum(base, tip) <= PLANE[1])):
            ax.annotate("", xy=tip, xytext=base, arrowprops=dict(arrowstyle="-|>", color=OKABE_ITO["orange"], lw=2.5))
            ax.annotate("w", tip, xytext=(6, 6), textcoords="offset points", color=OKABE_ITO["orange"], fontsize=13, fontweight="bold")
    for i in range(4):
        target, (x1, x2) = state["targets"][i], state["X"][:, i]
        right = state["predictions"][i] == target
        ax.scatter(x1, x2, s=130, c=CLASS_COLORS[target], marker=CLASS_MARKERS[target], edgecolors="white", linewidths=1.5, zorder=3)
        ax.annotate(
            f"a={_short(state['a'][i])}" + ("" if right else " (wrong)"), (x1, x2), xytext=(0, 12),
            textcoords="offset points", ha="center", fontsize=9,
            bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="black" if right else OKABE_ITO["vermillion"]),
        )
    ax.scatter([], [], c=CLASS_COLORS[0], marker=CLASS_MARKERS[0], label="target 0")
    ax.scatter([], [], c=CLASS_COLORS[1], marker=CLASS_MARKERS[1], label="target 1")
    ax.set_xlim(PLANE)
    ax.set_ylim(PLANE)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    ax.set_title(f"{gate}: {state['n_correct']} of 4 inputs right")
    return fig


def _short(value: float) -> str:
    """Three decimals, or scientific notation for values too small to show that way."""
    return f"{value:.3f}" if value == 0 or abs(value) >= 0.001 else f"{value:.1e}"


def neuron_playground(w1: float = 10.0, w2: float = 10.0, b: float = -15.0, activation: str = "sigmoid", gate: str = "and"):
    """The live playground: sliders for w1, w2 and b, menus for the activation and the gate.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    import ipywidgets as w

    from .live import LiveFigure

    slider = dict(min=-20.0, max=20.0, step=0.5, continuous_update=False, style={"description_width": "2em"})
    controls = {
        "w1": w.FloatSlider(value=w1, description="w1", **slider),
        "w2": w.FloatSlider(value=w2, description="w2", **slider),
        "b": w.FloatSlider(value=b, description="b", **slider),
        "activation": w.Dropdown(options=[n for n in ACTIVATIONS if n != "softmax"], value=activation, description="f"),
        "gate": w.Dropdown(options=list(GATES), value=gate, description="gate"),
    }
    state = neuron_playground_state(w1, w2, b, activation, gate)
    alt = (
        f"The output of one {activation} neuron with w1 = {w1}, w2 = {w2}, b = {b} shaded over the "
        f"square from -0.5 to 1.5 in x1 and x2, with its dashed decision line and the four inputs of "
        f"the {gate} gate; the neuron gets {state['n_correct']} of the 4 right."
    )
    return LiveFigure(draw_neuron_playground, controls, alt=alt)
