"""Forward-mode differentiation of a network's loss: one direction per pass (chapter 11).

Reverse mode (:mod:`nnlib.autograd`, and chapter 5's backward pass) runs the chain rule from the
loss back to the parameters: one pass gives the derivative of the one loss with respect to every
parameter. Forward mode runs it the other way, alongside the forward pass: pick a direction v in
parameter space, and carry beside every value its derivative along v. One pass gives one number,
the directional derivative dL/dtheta . v, a **Jacobian-vector product** (JVP). The whole gradient
then takes one pass per parameter, along each unit direction in turn.

Examples
--------
>>> from nnlib.network import Network
>>> net = Network.from_sizes([2, 2, 1], seed=0)
>>> X, Y = np.ones((2, 3)), np.zeros((1, 3))
>>> forward = forward_mode_gradient(net, X, Y)
>>> _, reverse = net.loss_and_gradients(X, Y)
>>> all(np.allclose(forward[k], reverse[k], rtol=1e-12) for k in reverse)
True
"""

from __future__ import annotations

import numpy as np

from .losses import Loss
from .network import Network

Array = np.ndarray


def loss_jvp(net: Network, X, Y, loss: str | Loss, direction: dict[str, Array]) -> float:
    """The derivative of the loss along ``direction``: sum over every parameter of dL/dtheta * v.

    Parameters
    ----------
    net : Network
    X, Y : array_like
        A batch, (n_0, m), and its targets, (n_L, m).
    loss : str or Loss
    direction : dict
        One array per parameter, by the names of ``net.parameters()`` and with their shapes.

    Returns
    -------
    float

    Examples
    --------
    >>> from nnlib.network import Network
    >>> net = Network.from_weights([[[2.0]]], [[0.0]], "linear")
    >>> # L = 1/2 (w x - y)^2 at w = 2, x = 1, y = 0; along v = 1 in w: dL/dw = w x^2 = 2
    >>> loss_jvp(net, [[1.0]], [[0.0]], "squared_error", {"W1": np.ones((1, 1)), "b1": np.zeros((1, 1))})
    2.0
    """
    X, Y, loss = net.check_data(X, Y, loss)
    expected = {name: p.shape for name, p in net.parameters().items()}
    got = {name: np.shape(direction.get(name)) for name in expected}
    if got != expected:
        raise ValueError(f"direction must hold one array per parameter with its shape, {expected}; got {got}.")
    return _loss_jvp(net, X, Y, loss.unchecked_gradient, direction)


def _loss_jvp(net: Network, X: Array, Y: Array, loss_gradient, direction: dict) -> float:
    """:func:`loss_jvp` on checked data: the pass that :func:`forward_mode_gradient` repeats."""
    A, A_dot = X, np.zeros_like(X)  # the data does not move along the direction
    for l, layer in enumerate(net.layers, start=1):
        Z = layer.W @ A + layer.b
        # the product rule on W A + b
        Z_dot = direction[f"W{l}"] @ A + layer.W @ A_dot + direction[f"b{l}"]
        A = layer.activation(Z)
        # f'(Z) Z_dot. An activation's Jacobian is symmetric (diagonal, or chapter 6's
        # softmax Jacobian), so multiplying by it on the right or on the left is the
        # same: the activation's backward step serves.
        A_dot = layer.activation.backward(Z, A, Z_dot)
    # the loss is a scalar: its derivative along the direction is dL/dY_hat . Y_hat's
    return float(np.sum(loss_gradient(A, Y) * A_dot))


def forward_mode_gradient(net: Network, X, Y, loss: str | Loss = "squared_error") -> dict[str, Array]:
    """Every dL/dtheta by forward mode: one :func:`loss_jvp` pass per parameter.

    The same numbers as ``net.loss_and_gradients``, at the cost of as many forward passes as the
    network has parameters: the reason backpropagation runs in reverse.

    Returns
    -------
    dict
        dL/dW^[l] and dL/db^[l] by the names of ``net.parameters()``.
    """
    X, Y, loss = net.check_data(X, Y, loss)
    loss_gradient = loss.unchecked_gradient
    direction = {name: np.zeros_like(p) for name, p in net.parameters().items()}
    gradients = {name: np.zeros_like(p) for name, p in direction.items()}
    for name, unit in direction.items():
        for index in np.ndindex(unit.shape):
            unit[index] = 1.0  # the unit direction of one parameter
            gradients[name][index] = _loss_jvp(net, X, Y, loss_gradient, direction)
            unit[index] = 0.0
    return gradients
