"""Checkers for the appendix "Common mistakes in backprop write-ups": spot the mistake and fix it.

Each checker compares the reader's function with nnlib on networks of sigmoid layers trained with
the squared-error loss, shapes chosen so that a misplaced transpose cannot pass by luck, and when
the answer is wrong it names the mistake it most likely is.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_derivative
from ..network import Network
from .backprop import _squared_error_gradients
from .checking import CheckResult, NotYet, as_dict, as_numbers, checker, compare, compare_function, parameters_after, run


def _networks() -> list[tuple[Network, np.ndarray, np.ndarray]]:
    """Test networks (sigmoid layers) with batches whose size differs from every layer width."""
    rng = np.random.default_rng(12)
    cases = []
    for sizes, m in [([3, 4, 2], 5), ([2, 3, 1], 7), ([4, 6, 5, 3], 9)]:
        net = Network.from_sizes(sizes, hidden="sigmoid", output="sigmoid", seed=int(rng.integers(1000)))
        X = rng.normal(size=(sizes[0], m))
        Y = rng.uniform(0.0, 1.0, size=(sizes[-1], m))
        cases.append((net, X, Y))
    return cases


def _where_to_look(layer: int, n_layers: int) -> str:
    """Where the mistake in a backward pass lies, when the gradients of ``layer`` are the first wrong ones
    (the checker compares the layers from the last down).

    Examples
    --------
    >>> _where_to_look(2, 2)
    "This is the output layer: check the loss's gradient and this layer's step."
    >>> _where_to_look(1, 2)
    "The layers above layer 1 are right, so look at this layer's step."
    """
    if layer == n_layers:
        return "This is the output layer: check the loss's gradient and this layer's step."
    return f"The layers above layer {layer} are right, so look at this layer's step."


@checker(solution=lambda: (_squared_error_gradients,))
def check_backward(answer) -> CheckResult:
    """Check ``answer(net, X, Y)``: the gradients of the squared-error loss (the mean over the batch
    of 1/2 sum_k (y_hat_k - y_k)^2) for a network whose layers all use the sigmoid, as a dict
    ``{"W1": ..., "b1": ..., ...}`` of arrays shaped like the parameters.

    Examples
    --------
    >>> check_backward(lambda net, X, Y: net.loss_and_gradients(X, Y, "squared_error")[1]).passed
    True
    """
    for net, X, Y in _networks():
        m = X.shape[1]
        expected = {name: g.copy() for name, g in _squared_error_gradients(net, X, Y).items()}
        case = f"for the {net.sizes} network and a batch of {m}"
        got = as_dict(run(answer, {"net": net, "X": X, "Y": Y}, "backward pass", case), sorted(expected), "backward pass", case)
        for name in sorted(expected, key=lambda n: (-int(n[1:]), n[0])):  # last layer first, as backprop goes
            compare(got[name], expected[name], f"{name} gradient", case, rtol=1e-7, atol=1e-12, m=m, returned=False,
                    advice=_where_to_look(int(name[1:]), len(net.layers)))
    return CheckResult(True, "Correct: your gradients agree with nnlib's backward pass on all 3 test networks.")


def sigmoid_layer_delta(dA, Z, A):
    """dL/dZ = dL/dA * sigma'(Z) for a sigmoid layer, with sigma'(z) = sigma(z)(1 - sigma(z)) = a(1 - a).

    Examples
    --------
    >>> sigmoid_layer_delta(np.array([[1.0]]), np.array([[0.0]]), np.array([[0.5]]))
    array([[0.25]])
    """
    return dA * A * (1.0 - A)


@checker(solution=lambda: (sigmoid_layer_delta,))
def check_sigmoid_layer_delta(answer) -> CheckResult:
    """Check ``answer(dA, Z, A)``, which returns dL/dZ of a sigmoid layer from dL/dA, its
    pre-activations Z and its outputs A = sigmoid(Z).

    Examples
    --------
    >>> check_sigmoid_layer_delta(lambda dA, Z, A: dA * sigmoid_derivative(Z)).passed
    True
    """
    rng = np.random.default_rng(13)
    cases = []
    for shape in [(1, 1), (3, 4), (2, 6)]:
        Z = rng.normal(scale=2.0, size=shape)
        cases.append({"dA": rng.normal(size=shape), "Z": Z, "A": sigmoid(Z)})
    first = cases[1]
    wrong_point = first["dA"] * sigmoid_derivative(first["A"])
    try:
        got = as_numbers(run(answer, first), "")
    except NotYet:  # reported by compare_function below
        got = None
    if got is not None and got.shape == wrong_point.shape and np.allclose(got, wrong_point, rtol=1e-12):
        raise NotYet("you evaluated the sigmoid's derivative at the output a, sigma'(a) = sigma(a)(1 - sigma(a)). "
                     "The derivative belongs at the input z: sigma'(z) = sigma(z)(1 - sigma(z)) = a(1 - a).")
    return compare_function(answer, sigmoid_layer_delta, cases, "dL/dZ", rtol=1e-12)


def _descent_step(net, X, Y, learning_rate):
    _, grads = net.loss_and_gradients(X, Y, "squared_error")
    for name, p in net.parameters().items():
        p -= learning_rate * grads[name]


@checker(solution=lambda: (_descent_step,))
def check_descent_step(answer) -> CheckResult:
    """Check ``answer(net, X, Y, learning_rate)``, which must take one gradient-descent step on the
    squared-error loss of (X, Y), changing ``net``'s weights in place.

    Examples
    --------
    >>> from nnlib.training import gradient_descent_step
    >>> def step(net, X, Y, learning_rate):
    ...     net.loss_and_gradients(X, Y, "squared_error")
    ...     gradient_descent_step(net, learning_rate)
    >>> check_descent_step(step).passed
    True
    """
    eta = 0.5
    for net, X, Y in _networks():
        _, grads = net.loss_and_gradients(X, Y, "squared_error")
        mine = net.copy()
        run(answer, {"net": mine, "X": X, "Y": Y, "learning_rate": eta}, "step", may_change=("net",))
        got = parameters_after(mine, grads, "after your step")
        for name, value in net.parameters().items():
            if got[name].shape == value.shape and np.allclose(got[name], value + eta * grads[name], rtol=1e-10):
                uphill = net.copy()
                _descent_step(uphill, X, Y, -eta)
                before, after = net.loss(X, Y, "squared_error"), uphill.loss(X, Y, "squared_error")
                raise NotYet(f"your step added the gradient, and the loss rose from {before:.6f} to {after:.6f}. "
                             "The gradient points uphill: subtract it.")
            compare(got[name], value - eta * grads[name], name, "after your step", rtol=1e-10, atol=1e-14, returned=False)
    return CheckResult(True, "Correct: your step moves every parameter against its gradient, and the loss falls.")

