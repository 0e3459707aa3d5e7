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

import numpy as np
from matplotlib.figure import Figure

from ..activations import sigmoid
from ..data import logic_gate
from ..diagram import draw_network
from ..network import Network
from ..plots import CLASS_COLORS, CLASS_MARKERS, OKABE_ITO, SEQUENTIAL_CMAP, new_figure

PARAMETER_NAMES = ("w1_11", "w1_12", "b1_1", "w1_21", "w1_22", "b1_2", "w2_11", "w2_12", "b2_1")
"""The nine parameters of the 2-2-1 network, hidden unit 1 first, then hidden unit 2, then the output."""

XOR_PARAMETERS = dict(w1_11=10.0, w1_12=10.0, b1_1=-5.0, w1_21=-10.0, w1_22=-10.0, b1_2=15.0, w2_11=10.0, w2_12=10.0, b2_1=-15.0)
"""Hand-set weights that compute XOR: hidden unit 1 is OR, hidden unit 2 is NAND, the output is their AND."""

INPUT_LABELS = ("(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)")
"""The four XOR inputs, in the column order of :func:`nnlib.data.logic_gate`."""

PLANE = (-0.5, 1.5)


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
    x = np.linspace(*PLANE, resolution)
    g1, g2 = np.meshgrid(x, x)
    output = net.forward(np.stack([g1.ravel(), g2.ravel()]))[0].reshape(g1.shape)
    y_hat = trace.A[2][0]
    predictions = (y_hat > 0.5).astype(int)
    targets = Y[0].astype(int)
    return dict(
        X=X, targets=targets, Z1=trace.Z[0], A1=trace.A[1], Z2=trace.Z[1][0], y_hat=y_hat,
        node_values=[A[:, input_index] for A in trace.A], predictions=predictions,
        n_correct=int((predictions == targets).sum()), grid=(x, x), output=output, network=net,
    )


def draw_weight_tweaker(input_index: int = 1, **parameters: float) -> Figure:
    """The tweaker's figure: the diagram with node values, and the output over the plane.

    Examples
    --------
    >>> fig = draw_weight_tweaker()
    >>> fig.axes[1].texts[0].get_text()
    'XOR: 4 of 4 inputs right'
    """
    state = weight_tweaker_state(input_index, **parameters)
    fig = new_figure((9.6, 3.9))
    fig.set_layout_engine("none")  # fixed positions: a layout engine would double the time of each update
    left = fig.add_axes((0.0, 0.12, 0.56, 0.7))
    right = fig.add_axes((0.61, 0.2, 0.3, 0.7))
    colorbar_axes = fig.add_axes((0.92, 0.2, 0.015, 0.7))
    draw_network(state["network"], ax=left, node_values=state["node_values"], show_weights=True, legend=True)
    _title(left, f"node values for x = {INPUT_LABELS[input_index]}")

    _title(right, f"XOR: {state['n_correct']} of 4 inputs right")
    image = right.imshow(
        state["output"], origin="lower", extent=(*PLANE, *PLANE), cmap=SEQUENTIAL_CMAP, vmin=0.0, vmax=1.0,
        aspect="equal", interpolation="bilinear",
    )
    fig.colorbar(image, cax=colorbar_axes, label=r"output $\hat{y}$", ticks=[0, 0.5, 1])
    right.contour(*state["grid"], state["output"], levels=[0.5], colors="white", linewidths=1.2, linestyles="--")
    for i in range(4):
        target, (x1, x2) = state["targets"][i], state["X"][:, i]
        right.scatter(x1, x2, s=110 if i != input_index else 190, c=CLASS_COLORS[target], marker=CLASS_MARKERS[target],
                      edgecolors=OKABE_ITO["orange"] if i == input_index else "white", linewidths=2.5 if i == input_index else 1.2, zorder=3)
        right.annotate(f"{state['y_hat'][i]:.3f}", (x1, x2), xytext=(0, 11), textcoords="offset points", ha="center", fontsize=8,
                       bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85))
    right.scatter([], [], c=CLASS_COLORS[0], marker=CLASS_MARKERS[0], label="XOR 0")
    right.scatter([], [], c=CLASS_COLORS[1], marker=CLASS_MARKERS[1], label="XOR 1")
    right.legend(loc="lower center", bbox_to_anchor=(0.5, -0.32), ncol=2, fontsize=8, frameon=False)
    right.set(xlim=PLANE, ylim=PLANE, xticks=[0, 1], yticks=[0, 1], xlabel="$x_1$", ylabel="$x_2$")
    return fig


def _title(ax, text: str) -> None:
    """A title as plain text: Axes.set_title would re-measure the tick labels on every draw."""
    ax.text(0.5, 1.02, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=10)


def weight_tweaker(input_index: int = 1, **parameters: float):
    """The live tweaker: nine sliders, one per parameter, and a menu for the traced input.

    Parameters start at the hand-set XOR weights of chapter 2; pass any of
    :data:`PARAMETER_NAMES` to start elsewhere.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    import ipywidgets as w

    from .live import LiveFigure

    values = {**XOR_PARAMETERS, **parameters}
    slider = dict(min=-20.0, max=20.0, step=0.5, continuous_update=False, style={"description_width": "3.2em"},
                  layout=w.Layout(width="15em"))
    controls = {name: w.FloatSlider(value=values[name], description=name, **slider) for name in PARAMETER_NAMES}
    controls["input_index"] = w.Dropdown(options=[(f"x = {label}", i) for i, label in enumerate(INPUT_LABELS)], value=input_index, description="input")
    state = weight_tweaker_state(input_index, **parameters)
    alt = (
        "Left: a diagram of the 2-2-1 sigmoid network with each weight on its arc, each bias under its node and "
        f"each node's value for the input {INPUT_LABELS[input_index]}; the output is {state['y_hat'][input_index]:.3f}. "
        "Right: the network's output shaded over the plane from -0.5 to 1.5, with a dashed line where it is 0.5 "
        f"and the four XOR inputs marked by their targets; the network gets {state['n_correct']} of the 4 right."
    )

    def draw(input_index: int, **kw: float) -> Figure:
        return draw_weight_tweaker(input_index, **kw)

    return LiveFigure(draw, controls, alt=alt)
