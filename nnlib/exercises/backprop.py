"""Checkers for chapter 5, backpropagation.

Each checker compares the reader's answer with nnlib's own backward pass (itself checked against
finite differences in nnlib's tests) and, when they differ, says which output and which entry,
with a hint for the usual mistakes: a missing transpose, dividing by m a second time, summing
over the wrong axis, using the wrong unit's value.
"""

from __future__ import annotations

import warnings

import numpy as np

from ..layers import Dense
from ..network import Network
from ..worked_example import worked_example
from .checking import CheckResult, _copy, _short


def _first_difference(got: np.ndarray, expected: np.ndarray, rtol: float, atol: float) -> tuple | None:
    """The index of the entry where got and expected differ most, or None if they agree."""
    bad = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    if not bad.any():
        return None
    worst = np.unravel_index(np.argmax(np.where(bad, np.abs(got - expected), -1.0)), got.shape)
    return tuple(int(i) for i in worst)


def _compare_array(
    got, expected: np.ndarray, what: str, where: str, m: int, rtol: float = 1e-9, atol: float = 1e-12
) -> str | None:
    """None if ``got`` equals ``expected``; otherwise a message saying how it differs."""
    if got is None:
        return f"your {what} is None {where}; did you forget to return it?"
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return f"your {what} {where} is not an array of numbers: {got!r:.80}"
    if got.shape != expected.shape:
        hint = ""
        if got.shape == expected.T.shape:
            hint = " That is the transposed shape: check the order of the product and its transpose."
        elif expected.ndim == 2 and expected.shape[1] == 1 and got.shape in ((expected.shape[0],),):
            return None if np.allclose(got, expected[:, 0], rtol=rtol, atol=atol) else (
                f"your {what} {where} differs from nnlib's: got {_short(got)}, expected {_short(expected[:, 0])}."
            )
        elif expected.ndim == 2 and expected.shape[1] == 1 and got.size == m:
            hint = " It has one entry per example: sum over the batch (axis=1), not over the units."
        return f"your {what} {where} has shape {got.shape}, expected {expected.shape}.{hint}"
    index = _first_difference(got, expected, rtol, atol)
    if index is None:
        return None
    hint = ""
    if m > 1 and np.allclose(got * m, expected, rtol=1e-7, atol=atol):
        hint = (" It is the right value divided by m: the 1/m of the batch mean is already inside the"
                " gradient the loss hands back, so the layers must not divide by m again.")
    elif m > 1 and np.allclose(got, expected * m, rtol=1e-7, atol=atol):
        hint = (" It is m times the right value: the loss is the mean over the batch, so every gradient"
                " carries a 1/m, which is missing here.")
    elif np.allclose(got, -expected, rtol=1e-7, atol=atol):
        hint = " It has the wrong sign."
    return (f"your {what} {where} differs from nnlib's at entry {list(index)}: got {got[index]:.8g}, "
            f"expected {expected[index]:.8g}.{hint}")


def _dense_cases() -> list[dict]:
    rng = np.random.default_rng(5)
    cases = []
    for activation, (n_out, n_in), m in [("sigmoid", (3, 2), 1), ("tanh", (2, 4), 3), ("linear", (4, 3), 5),
                                         ("relu", (3, 3), 4), ("sigmoid", (1, 3), 6)]:
        layer = Dense(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), activation)
        A_prev = rng.normal(size=(n_in, m))
        Z = layer.W @ A_prev + layer.b
        if activation == "relu":  # keep away from the kink, where any slope would do
            A_prev = A_prev[:, np.abs(Z).min(axis=0) > 0.05] if (np.abs(Z).min(axis=0) > 0.05).any() else A_prev
        layer.forward(A_prev)
        dA = rng.normal(size=layer.A.shape) / A_prev.shape[1]
        dA_prev = layer.backward(dA)
        cases.append(dict(
            activation=activation, m=A_prev.shape[1],
            inputs=dict(dA=dA, Z=layer.Z.copy(), A_prev=A_prev.copy(), W=layer.W.copy(), f_prime=layer.activation.derivative),
            expected=(dA_prev, layer.dW.copy(), layer.db.copy()),
        ))
    return cases


def check_dense_backward(answer) -> CheckResult:
    """Check ``answer(dA, Z, A_prev, W, f_prime)``, the backward pass of one dense layer.

    It must return ``(dA_prev, dW, db)`` for a batch: dZ = dA * f'(Z), dW = dZ A_prev^T,
    db = dZ summed over the batch (shape (n_l, 1); (n_l,) is accepted too) and
    dA_prev = W^T dZ. ``dA`` is dL/dA, which already carries the 1/m of the batch mean.

    Examples
    --------
    >>> def backward(dA, Z, A_prev, W, f_prime):
    ...     dZ = dA * f_prime(Z)
    ...     return W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True)
    >>> check_dense_backward(backward).passed
    True
    """
    names = ("dA_prev", "dW", "db")
    cases = _dense_cases()
    for case in cases:
        where = f"(for a {case['activation']} layer, W of shape {case['inputs']['W'].shape}, m = {case['m']})"
        inputs = _copy(case["inputs"])
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                got = answer(**inputs)
        except Exception as exc:  # the reader's code: report whatever it raised
            return CheckResult(False, f"Not yet: {where} your function raised {type(exc).__name__}: {exc}")
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            return CheckResult(
                False, f"Not yet: return three arrays, (dA_prev, dW, db); {where} your function returned {got!r:.80}."
            )
        for name, value, expected in zip(names, got, case["expected"]):
            problem = _compare_array(value, expected, name, where, case["m"])
            if problem:
                return CheckResult(False, "Not yet: " + problem)
    return CheckResult(True, f"Correct: dA_prev, dW and db agree with nnlib's Dense.backward on all {len(cases)} layers.")


def _network_cases() -> list[tuple[str, Network, np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(8)
    net, x, y = worked_example()
    cases = [("the 2-2-2 network of the worked example", net, x, y)]
    for sizes, hidden, output, m in [([3, 4, 2], "sigmoid", "sigmoid", 5), ([2, 3, 3, 1], "tanh", "linear", 4),
                                     ([4, 5, 1], "sigmoid", "linear", 3)]:
        net = Network.from_sizes(sizes, hidden=hidden, output=output, seed=int(rng.integers(1000)))
        for layer in net.layers:
            layer.b[:] = rng.normal(scale=0.5, size=layer.b.shape)
        label = f"a {'-'.join(map(str, sizes))} network ({hidden} hidden, {output} output), m = {m}"
        cases.append((label, net, rng.normal(size=(sizes[0], m)), rng.normal(size=(sizes[-1], m))))
    return cases


def check_network_backward(answer) -> CheckResult:
    """Check ``answer(net, X, Y)``: the gradients of the squared-error loss for every parameter.

    It must return a dict with an entry for every name of ``net.parameters()`` ("W1", "b1", ...),
    each of the shape of its parameter, for a loss that is the mean over the batch of
    1/2 sum_k (y-hat_k - y_k)^2. The networks tried use sigmoid, tanh and linear layers.

    Examples
    --------
    >>> check_network_backward(lambda net, X, Y: net.loss_and_gradients(X, Y, "squared_error")[1]).passed
    True
    """
    cases = _network_cases()
    for label, net, X, Y in cases:
        _, expected = net.copy().loss_and_gradients(X, Y, "squared_error")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                got = answer(net.copy(), X.copy(), Y.copy())
        except Exception as exc:  # the reader's code: report whatever it raised
            return CheckResult(False, f"Not yet: for {label} your function raised {type(exc).__name__}: {exc}")
        if not isinstance(got, dict):
            return CheckResult(False, f"Not yet: return a dict of gradients by name ('W1', 'b1', ...); got {type(got).__name__}.")
        missing = [name for name in expected if name not in got]
        if missing:
            return CheckResult(
                False, f"Not yet: for {label} your gradients have no entry {missing[0]!r}; expected {list(expected)}."
            )
        for name, value in expected.items():
            problem = _compare_array(got[name], value, f"gradient of {name}", f"for {label}", X.shape[1])
            if problem:
                return CheckResult(False, "Not yet: " + problem)
    return CheckResult(True, f"Correct: every gradient agrees with nnlib's backward pass on all {len(cases)} networks.")


def check_worked_example_gradient(name: str, index, value: float) -> CheckResult:
    """Check one partial derivative of the worked example, computed by hand.

    Parameters
    ----------
    name : str
        "W1", "b1", "W2" or "b2".
    index : tuple of int
        The entry, counted from 0 as in numpy: ``("W1", (1, 0))`` is w^[1]_21, the weight to
        hidden unit 2 from input 1.
    value : float
        Your dl/d(parameter). Eight significant digits are plenty; the check allows a relative
        difference of 1e-6 for rounding along the way.

    Examples
    --------
    >>> net, x, y = worked_example()
    >>> _, grads = net.loss_and_gradients(x, y)
    >>> check_worked_example_gradient("W1", (1, 1), grads["W1"][1, 1]).passed
    True
    """
    net, x, y = worked_example()
    _, grads = net.loss_and_gradients(x, y)
    if name not in grads:
        raise ValueError(f"name must be one of {list(grads)}, got {name!r}.")
    index = tuple(int(i) for i in np.atleast_1d(index))
    if name.startswith("b") and len(index) == 1:
        index = (index[0], 0)
    if len(index) != 2 or not all(0 <= i < n for i, n in zip(index, grads[name].shape)):
        raise ValueError(f"index must be an entry of {name}, whose shape is {grads[name].shape}; got {index}.")
    expected = float(grads[name][index])
    symbol = f"dl/d{name}{list(index)}"
    if np.isclose(value, expected, rtol=1e-6, atol=0.0):
        return CheckResult(True, f"Correct: {symbol} = {value:.9g}, as backpropagation computes it.")
    for other, g in grads.items():
        for other_index in np.ndindex(g.shape):
            if (other, other_index) != (name, index) and np.isclose(value, g[other_index], rtol=1e-6, atol=0.0):
                return CheckResult(
                    False,
                    f"Not yet: {value:.9g} is dl/d{other}{list(other_index)}, another parameter's derivative. "
                    "Check which unit the weight leads to and which value it multiplies.",
                )
    off = abs(value - expected) / abs(expected)
    return CheckResult(False, f"Not yet: your {symbol} differs from backpropagation's by {100 * off:.3g}% of its size.")
