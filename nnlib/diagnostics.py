"""Measurements of a deep network, layer by layer: what the forward and backward passes do to signals (chapter 12).

The backward pass multiplies the gradient by one factor per layer,

    dA^[l-1] = W^[l]T (f'(Z^[l]) * dA^[l]),

so through many layers it is a product of many factors W^T diag(f'). If they are smaller than 1 on
average the gradient vanishes towards the first layer; if larger, it explodes. The functions here
build deep networks with a chosen activation, initialisation and weight scale, run one forward and
one backward pass, and report per layer what happened, so that the chapter (and its widget) can
plot it. ``update_ratios`` measures a training step: how far each weight matrix moved relative to
its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._validation import check_positive_int, check_positive_number
from .activations import get_activation
from .initializers import initial_weights
from .losses import Loss, get_loss
from .network import Network


def deep_network(
    depth: int, activation: str = "tanh", init: str | float = "xavier", scale: float = 1.0, width: int = 64, seed: int = 0
) -> Network:
    """A network of ``depth`` hidden layers of ``width`` units and one linear output unit.

    Every layer's weights are ``scale`` times those of the initialisation ``init``; biases start at 0.

    Parameters
    ----------
    depth : int
        The number of hidden layers, at least 1. The input also has ``width`` features.
    activation : str
        The hidden layers' activation, such as "sigmoid", "tanh" or "relu".
    init : str or float
        A scheme of :mod:`nnlib.initializers` ("xavier", "he", "small_random", "zeros"), or a number:
        the standard deviation of normal weights, N(0, init^2), whatever the layer's width.
    scale : float
        A factor for every weight, positive: 2 doubles the weights of the scheme.
    width : int
        Units per hidden layer.
    seed : int
        Seeds the weights.

    Examples
    --------
    >>> net = deep_network(3, "relu", init="he", width=8)
    >>> net.sizes, net.activations
    ([8, 8, 8, 8, 1], ['relu', 'relu', 'relu', 'linear'])
    """
    depth = check_positive_int(depth, "depth")
    width = check_positive_int(width, "width")
    scale = check_positive_number(scale, "scale")
    get_activation(activation)  # an unknown name fails here, with the list of known ones
    rng = np.random.default_rng(seed)
    sizes = [width] * (depth + 1) + [1]
    weights = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        if isinstance(init, str):
            W = initial_weights(n_out, n_in, init, rng)
        else:
            W = check_positive_number(init, "init") * rng.standard_normal((n_out, n_in))
        weights.append(scale * W)
    return Network.from_weights(weights, [np.zeros(n) for n in sizes[1:]], [activation] * depth + ["linear"])


def probe_batch(n_inputs: int, m: int = 64, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A batch to measure a network with: standardised inputs X ~ N(0, 1) of shape (n_inputs, m) and
    targets Y ~ N(0, 1) of shape (1, m).

    The default 64 examples give steady per-layer statistics and keep the matrix products small
    enough to stay fast on a busy machine.

    Examples
    --------
    >>> X, Y = probe_batch(4, m=10)
    >>> X.shape, Y.shape
    ((4, 10), (1, 10))
    """
    n_inputs, m = check_positive_int(n_inputs, "n_inputs"), check_positive_int(m, "m")
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_inputs, m)), rng.standard_normal((1, m))


@dataclass
class LayerStatistics:
    """One forward and one backward pass, measured at every hidden layer l = 1, ..., L - 1.

    Entry ``l - 1`` of each array belongs to hidden layer l.

    Attributes
    ----------
    activation_mean : ndarray
        The mean of A^[l] over its units and examples.
    activation_rms : ndarray
        The root mean square of A^[l], sqrt(E[a^2]): the second moment that sets the next layer's
        Var(z) = n v_w E[a^2].
    activation_spread : ndarray
        The standard deviation of each unit's output over the examples, averaged over the units: how
        much the layer's output still depends on the input.
    derivative_mean : ndarray
        The mean of f'(Z^[l]): the average size of the diag(f') factor.
    gradient_rms : ndarray
        The root mean square of dA^[l] = dL/dA^[l], the gradient that reaches the layer's outputs.
    weight_gradient_norm : ndarray
        ‖dL/dW^[l]‖.
    """

    activation_mean: np.ndarray
    activation_rms: np.ndarray
    activation_spread: np.ndarray
    derivative_mean: np.ndarray
    gradient_rms: np.ndarray
    weight_gradient_norm: np.ndarray

    @property
    def gradient_factors(self) -> np.ndarray:
        """gradient_rms[l - 1] / gradient_rms[l]: how much the backward pass through layer l + 1 scales the gradient."""
        return self.gradient_rms[:-1] / self.gradient_rms[1:]


def layer_statistics(net: Network, X, Y, loss: str | Loss = "squared_error") -> LayerStatistics:
    """Run ``net`` forward on X and backward from the loss on Y, and measure every hidden layer.

    The backward pass is written out, layer by layer, so that the gradient reaching each layer's
    outputs, dA^[l], can be recorded on its way down.

    Examples
    --------
    >>> net = deep_network(4, "tanh", width=16)
    >>> stats = layer_statistics(net, *probe_batch(16))
    >>> stats.gradient_rms.shape
    (4,)
    """
    trace = net.trace(X)
    dA = get_loss(loss).gradient(trace.output, Y)
    reaching = []  # dA^[L], dA^[L-1], ..., dA^[1]
    for l in range(len(net.layers), 0, -1):
        reaching.append(dA)
        dA = net.layers[l - 1].backward(dA, input_gradient=l > 1)
    reaching = reaching[::-1]  # now reaching[l - 1] is dA^[l]
    hidden = net.layers[:-1]
    with np.errstate(over="ignore", invalid="ignore"):  # an exploding network is what some calls measure
        return LayerStatistics(
            activation_mean=np.array([layer.A.mean() for layer in hidden]),
            activation_rms=np.array([np.sqrt(np.mean(layer.A**2)) for layer in hidden]),
            activation_spread=np.array([layer.A.std(axis=1).mean() for layer in hidden]),
            derivative_mean=np.array([layer.activation.derivative(layer.Z).mean() for layer in hidden]),
            gradient_rms=np.array([np.sqrt(np.mean(dA**2)) for dA in reaching[:-1]]),
            weight_gradient_norm=np.array([np.linalg.norm(layer.dW) for layer in hidden]),
        )


def depth_experiment(
    depth: int, activation: str = "tanh", init: str | float = "xavier", scale: float = 1.0, width: int = 64, m: int = 64,
    seed: int = 0
) -> LayerStatistics:
    """:func:`layer_statistics` of :func:`deep_network` on :func:`probe_batch`: from the controls to the numbers.

    Examples
    --------
    >>> stats = depth_experiment(10, "sigmoid", width=32)
    >>> bool(stats.gradient_rms[0] < 1e-3 * stats.gradient_rms[-1])   # vanished on the way down
    True
    """
    net = deep_network(depth, activation, init, scale, width, seed)
    return layer_statistics(net, *probe_batch(width, m, seed))


def update_ratios(before: dict[str, np.ndarray], after: dict[str, np.ndarray]) -> dict[str, float]:
    """‖W_after - W_before‖ / ‖W_before‖ for every weight matrix: how far one step moved it, relative to its size.

    Parameters
    ----------
    before, after : dict of str to ndarray
        The parameters by name before and after a step (copy them before the step:
        ``net.parameters()`` returns live arrays).

    Examples
    --------
    >>> before = {"W1": np.array([[3.0, 4.0]]), "b1": np.zeros((1, 1))}
    >>> after = {"W1": np.array([[3.0, 4.01]]), "b1": np.ones((1, 1))}
    >>> {name: round(r, 6) for name, r in update_ratios(before, after).items()}
    {'W1': 0.002}
    """
    ratios = {}
    for name, W in before.items():
        if not name.startswith("W"):
            continue
        if name not in after or after[name].shape != W.shape:
            raise ValueError(f"after must hold {name!r} with the shape {W.shape} it has in before.")
        size = np.linalg.norm(W)
        ratios[name] = float(np.linalg.norm(after[name] - W) / size) if size > 0 else float("inf")
    return ratios


def plot_per_layer(curves: dict[str, Sequence[float]], ax=None, ylabel: str = "", log: bool = True, title: str = ""):
    """One line per entry of ``curves`` (label -> one value per layer, layer 1 first), styled as the course's other plots.

    Examples
    --------
    >>> fig = plot_per_layer({"tanh": [1.0, 0.5, 0.25]}, ylabel="gradient")
    >>> fig.axes[0].get_xlabel()
    'layer l'
    """
    from .plots import OKABE_ITO, new_axes

    ax = new_axes(ax, figsize=(5.0, 3.6))
    colors = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "purple", "orange", "sky")]
    styles = ["-", "--", "-.", ":"]
    markers = ["o", "s", "^", "D", "v", "P"]
    for i, (label, values) in enumerate(curves.items()):
        layers = np.arange(1, len(values) + 1)
        ax.plot(layers, values, linestyle=styles[i % 4], marker=markers[i % 6], markersize=3.5, color=colors[i % 6],
                linewidth=1.6, label=label)
    if log:
        ax.set_yscale("log")
    ax.set(xlabel="layer l", ylabel=ylabel)
    if title:
        ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    return ax.figure
