"""Checkers for chapter 5, backpropagation.

Each checker compares the reader's answer with nnlib's own backward pass (itself checked against
finite differences in nnlib's tests) and, when they differ, says which output and which entry,
with the shared hints (:mod:`nnlib.exercises.hints`) for the usual mistakes: a missing transpose,
dividing by m a second time, summing over the wrong axis, using the wrong unit's value.
"""

from __future__ import annotations

import numpy as np

from ..layers import Dense
from ..network import Network
from ..worked_example import worked_example
from . import hints
from .checking import CheckResult, NotYet, array_of, as_dict, as_numbers, as_tuple, checker, compare, run


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


def _dense_backward(dA, Z, A_prev, W, f_prime):
    """The equations of one dense layer's backward pass, the exercise's solution."""
    dZ = dA * f_prime(Z)
    return W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True)


@checker(solution=lambda: (_dense_backward,))
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
        where = f"for a {case['activation']} layer with W of shape {case['inputs']['W'].shape} and m = {case['m']}"
        got = as_tuple(run(answer, case["inputs"], "function", where), names, "function", where)
        mix_up = hints.swapped(got, case["expected"], names)
        if mix_up:
            raise NotYet(f"{where}, {mix_up}: return (dA_prev, dW, db) in this order.")
        for name, value, expected in zip(names, got, case["expected"]):
            compare(value, expected, name, where, m=case["m"], flat_ok=True, returned=False)
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


def _squared_error_gradients(net, X, Y):
    return net.loss_and_gradients(X, Y, "squared_error")[1]


@checker(solution=lambda: (_squared_error_gradients,))
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
        where = f"for {label}"
        expected = _squared_error_gradients(net.copy(), X, Y)
        got = as_dict(run(answer, {"net": net, "X": X, "Y": Y}, "function", where), expected, "function", where)
        for name, value in expected.items():
            compare(got[name], value, f"gradient of {name}", where, m=X.shape[1], flat_ok=True, returned=False)
    return CheckResult(True, f"Correct: every gradient agrees with nnlib's backward pass on all {len(cases)} networks.")


def _worked_example_answer() -> tuple[str, tuple[int, int], float]:
    net, x, y = worked_example()
    return "W1", (1, 1), float(net.loss_and_gradients(x, y)[1]["W1"][1, 1])


@checker(solution=_worked_example_answer)
def check_worked_example_gradient(name: str, index, value: float) -> CheckResult:
    """Check one partial derivative of the worked example, computed by hand.

    Parameters
    ----------
    name : str
        "W1", "b1", "W2" or "b2".
    index : tuple of int
        The entry, counted from 0 as in numpy: ``("W1", (1, 0))`` is w^[1]_21, the weight to
        hidden unit 2 from input 1. For a bias one number will do: ``("b2", 1)``.
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
    if not isinstance(name, str) or name not in grads:
        raise NotYet(f"name must be one of {list(grads)}; got {name!r:.40}." if isinstance(name, str) else
                     f"name must be one of {list(grads)}; got {hints.describe(name)}.")
    index = _entry(index, name, grads[name].shape)
    value = as_numbers(value, "your value is", returned=False)
    if value.size != 1:
        raise NotYet(f"value must be one number, your dl/d{name}{list(index)}; got an array of shape {value.shape}.")
    value = float(value.reshape(()))
    expected = float(grads[name][index])
    symbol = f"dl/d{name}{list(index)}"
    if np.isclose(value, expected, rtol=1e-6, atol=0.0):
        return CheckResult(True, f"Correct: {symbol} = {value:.9g}, as backpropagation computes it.")
    for other, g in grads.items():
        for other_index in np.ndindex(g.shape):
            if (other, other_index) != (name, index) and np.isclose(value, g[other_index], rtol=1e-6, atol=0.0):
                raise NotYet(f"{value:.9g} is dl/d{other}{list(other_index)}, another parameter's derivative. "
                             "Check which unit the weight leads to and which value it multiplies.")
    hint = hints.value_hint(np.array(value), np.array(expected))
    off = abs(value - expected) / abs(expected)
    raise NotYet(f"your {symbol} differs from backpropagation's by {100 * off:.3g}% of its size.{hint}")


def _entry(index, name: str, shape: tuple) -> tuple[int, int]:
    """``index`` as an entry (i, j) of an array of ``shape``; one number will do for a bias (a column)."""
    expected = f"index must be an entry of {name}, whose shape is {shape}, such as (1, 0)"
    entry = np.atleast_1d(array_of(index))
    if entry.dtype.kind not in "iu" or entry.ndim != 1:
        raise NotYet(f"{expected}; got {hints.describe(index)}.")
    entry = tuple(int(i) for i in entry)
    if name.startswith("b") and len(entry) == 1:
        entry = (entry[0], 0)
    if len(entry) != 2 or not all(0 <= i < n for i, n in zip(entry, shape)):
        raise NotYet(f"{expected}; got {entry}.")
    return entry
