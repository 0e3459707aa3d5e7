"""Network diagrams drawn from a model (chapters 2 and 5).

The picture is computed from the network's own weights, so when the text says "the network
above", the diagram is that network: nodes per layer, one arc per weight, each arc's width
proportional to abs(w), solid blue when w > 0 and dashed vermillion when w < 0 (line style and
colour both carry the sign, so the figure also reads in grey).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .network import Network
from .plots import OKABE_ITO, new_figure

POSITIVE = dict(color=OKABE_ITO["blue"], linestyle="-")
NEGATIVE = dict(color=OKABE_ITO["vermillion"], linestyle="--")
NODE_RADIUS = 0.24


def node_positions(sizes: Sequence[int], layer_gap: float = 2.4) -> list[np.ndarray]:
    """(x, y) centres of the nodes, one (n_l, 2) array per layer, each layer centred on y = 0.

    Examples
    --------
    >>> node_positions([2, 1])[0].tolist()
    [[0.0, 0.5], [0.0, -0.5]]
    """
    return [np.column_stack([np.full(n, l * layer_gap), (n - 1) / 2 - np.arange(n)]) for l, n in enumerate(sizes)]


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
    positions = node_positions(sizes)
    labels = node_labels or default_node_labels(sizes)
    if ax is None:  # size the figure to the drawing: about an inch per unit of layout
        width = positions[-1][0, 0] + 1.2
        height = max(sizes) - 1 + 1.5 + 0.4 * legend
        fig = new_figure((max(3.5, 1.0 * width + 0.4), 1.0 * height + 0.3))
        ax = fig.add_subplot()
    w_max = max(float(np.abs(layer.W).max()) for layer in net.layers) or 1.0

    for l, layer in enumerate(net.layers, start=1):
        grad_W = None if gradients is None else gradients.get(f"W{l}")
        n_out = layer.W.shape[0]
        for j, k in np.ndindex(layer.W.shape):
            w = float(layer.W[j, k])
            (x0, y0), (x1, y1) = positions[l - 1][k], positions[l][j]
            style = POSITIVE if w >= 0 else NEGATIVE
            ax.add_line(Line2D([x0, x1], [y0, y1], linewidth=0.6 + 3.4 * abs(w) / w_max, zorder=1, label="weight", **style))
            if show_weights:
                # stagger the labels along the arcs by target unit, so arcs leaving the same node
                # keep their labels apart, and keep them off the middle, where arcs cross
                t = 0.22 + 0.45 * j / max(n_out - 1, 1)
                text = f"{w:.2f}"
                if grad_W is not None:
                    text += f"\n∇ {float(grad_W[j, k]):.3g}"
                ax.text(
                    x0 + t * (x1 - x0), y0 + t * (y1 - y0), text, fontsize=7.5, ha="center", va="center", zorder=4,
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85),
                )

    for l, layer_positions in enumerate(positions):
        for j, (x, y) in enumerate(layer_positions):
            ax.add_patch(_node_circle(x, y, is_input=l == 0))
            ax.text(x, y, labels[l][j], ha="center", va="center", fontsize=10, zorder=6)
            notes = []
            if node_values is not None:
                notes.append(f"{float(np.asarray(node_values[l]).ravel()[j]):.4f}")
            if show_biases and l > 0:
                b_text = f"b={float(net.layers[l - 1].b[j, 0]):.2f}"
                if gradients is not None and f"b{l}" in gradients:
                    b_text += f"  ∇ {float(np.asarray(gradients[f'b{l}']).ravel()[j]):.3g}"
                notes.append(b_text)
            if notes:
                ax.text(x, y - NODE_RADIUS - 0.06, "\n".join(notes), ha="center", va="top", fontsize=7.5, zorder=6)

    xs = np.concatenate(positions)[:, 0]
    ys = np.concatenate(positions)[:, 1]
    ax.set_xlim(xs.min() - 0.6, xs.max() + 0.6)
    ax.set_ylim(ys.min() - 0.75 - 0.35 * legend, ys.max() + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    if legend:
        handles = [
            Line2D([], [], linewidth=2, label="w > 0", **POSITIVE),
            Line2D([], [], linewidth=2, label="w < 0", **NEGATIVE),
        ]
        ax.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False)
    return ax.figure


def _node_circle(x: float, y: float, is_input: bool):
    from matplotlib.patches import Circle

    face = "#E8E8E8" if is_input else "white"
    return Circle((x, y), NODE_RADIUS, facecolor=face, edgecolor="black", linewidth=1.2, zorder=5)
