"""Checkers for chapter 7, checking gradients, and the network with a bug for its last exercise."""

from __future__ import annotations

import numpy as np

from ..gradcheck import check_network_gradients, numerical_gradient, relative_error
from ..network import Network
from . import hints
from .checking import CheckResult, NotYet, as_numbers, checker, compare, compare_function, run


@checker(solution=lambda: (numerical_gradient,))
def check_numerical_gradient(answer) -> CheckResult:
    """Check ``answer(f, x, h)``: the gradient of a scalar function f at x by central differences.

    ``x`` is a float array of any shape; the answer must return an array of the same shape and
    leave ``x`` as it found it.

    Examples
    --------
    >>> def central(f, x, h):
    ...     g = np.zeros_like(x)
    ...     for i in np.ndindex(x.shape):
    ...         old = x[i]
    ...         x[i] = old + h
    ...         up = f(x)
    ...         x[i] = old - h
    ...         down = f(x)
    ...         x[i] = old
    ...         g[i] = (up - down) / (2 * h)
    ...     return g
    >>> check_numerical_gradient(central).passed
    True
    """
    rng = np.random.default_rng(10)
    functions = [
        ("f(x) = sum(x ** 3)", lambda v: float(np.sum(v**3))),
        ("f(x) = sum(sin(x) * x)", lambda v: float(np.sum(np.sin(v) * v))),
        ("f(x) = log(1 + sum(exp(x)))", lambda v: float(np.log1p(np.sum(np.exp(v))))),
    ]
    cases = [(functions[0], rng.normal(size=3), 1e-3), (functions[1], rng.normal(size=(2, 3)), 1e-3),
             (functions[2], rng.normal(size=(3, 2)), 1e-4)]
    for (label, f), x, h in cases:
        where = f"for {label} at an x of shape {x.shape}, h = {h}"
        expected = numerical_gradient(f, x.copy(), h, "central")
        got = as_numbers(run(answer, {"f": f, "x": x, "h": h}, "function", where), f"{where}, your function returned")
        forward = numerical_gradient(f, x.copy(), h, "forward")
        close = dict(rtol=1e-7, atol=1e-9)
        if got.shape == x.shape and np.allclose(got, forward, **close) and not np.allclose(got, expected, **close):
            raise NotYet(f"{where}, you computed forward differences, (f(x + h) - f(x)) / h, whose error is O(h). "
                         "Use the central difference (f(x + h) - f(x - h)) / (2h).")
        compare(got, expected, "function", where, **close, advice="A gradient has the shape of x.")
    return CheckResult(
        True, f"Correct: your central differences agree with nnlib on all {len(cases)} functions, and x is left unchanged."
    )


@checker(solution=lambda: (relative_error,))
def check_relative_error(answer) -> CheckResult:
    """Check ``answer(a, b)``: norm(a - b) / max(norm(a), norm(b)), and 0 when both are zero.

    Examples
    --------
    >>> check_relative_error(lambda a, b: relative_error(a, b)).passed
    True
    """
    cases = [
        {"a": np.array([1.0, 2.0]), "b": np.array([1.0, 2.0])},
        {"a": np.array([1.0, 2.0, 2.0]), "b": np.array([1.0, 2.0, 2.3])},
        {"a": np.array([[1e-9, 2e-9]]), "b": np.array([[1.1e-9, 2e-9]])},
        {"a": np.array([1.0, -1.0]), "b": np.array([-1.0, 1.0])},
        {"a": np.array([3.0, 4.0]), "b": np.array([0.0, 0.0])},
        {"a": np.array([0.0, 0.0]), "b": np.array([0.0, 0.0])},
    ]
    result = compare_function(answer, relative_error, cases, "relative error", rtol=1e-9, atol=1e-15)
    if not result and "a=[0., 0.], b=[0., 0.]" in result.message:
        return CheckResult(False, result.message + " When both gradients are zero they agree: return 0.")
    return result


def bug_hunt_problem() -> tuple[Network, np.ndarray, np.ndarray]:
    """The network, inputs and targets of chapter 7's bug hunt: a 3-4-2 sigmoid network, m = 5.

    Examples
    --------
    >>> net, X, Y = bug_hunt_problem()
    >>> net.sizes, X.shape, Y.shape
    ([3, 4, 2], (3, 5), (2, 5))
    """
    rng = np.random.default_rng(2024)
    net = Network.from_sizes([3, 4, 2], hidden="sigmoid", output="sigmoid", seed=11)
    for layer in net.layers:
        layer.b[:] = rng.normal(scale=0.5, size=layer.b.shape)
    return net, rng.normal(size=(3, 5)), rng.uniform(size=(2, 5))


def buggy_backward(net: Network, X, Y) -> dict[str, np.ndarray]:
    """A hand-written backward pass for sigmoid networks and the squared error, with one bug.

    It follows chapter 5's equations, layer by layer, but one line is wrong. Chapter 7's last
    exercise asks you to find which parameter's gradient it spoils, with nnlib's gradient check.

    Examples
    --------
    >>> net, X, Y = bug_hunt_problem()
    >>> sorted(buggy_backward(net, X, Y))
    ['W1', 'W2', 'b1', 'b2']
    """
    trace = net.trace(X)
    m = X.shape[1]
    dA = (trace.output - Y) / m
    grads = {}
    for l in range(len(net.layers), 0, -1):
        A, A_prev = trace.A[l], trace.A[l - 1]
        dZ = dA * A * (1 - A)
        grads[f"W{l}"] = dZ @ A_prev.T
        grads[f"b{l}"] = dZ.mean(axis=1, keepdims=True) if l == len(net.layers) else dZ.sum(axis=1, keepdims=True)
        dA = net.layers[l - 1].W.T @ dZ
    return grads


@checker(solution=lambda: ("b2",))
def check_bug_location(parameter: str) -> CheckResult:
    """Check your answer to the bug hunt: the name of the one parameter whose gradient is wrong.

    Examples
    --------
    >>> check_bug_location("W1").passed
    False
    """
    net, X, Y = bug_hunt_problem()
    report = check_network_gradients(net, X, Y, gradients=buggy_backward(net, X, Y))
    names = [c.name for c in report.checks]
    if not isinstance(parameter, str) or parameter not in names:
        shown = repr(parameter)[:40] if isinstance(parameter, str) else hints.describe(parameter)
        raise NotYet(f"the network's parameters are {names}; {shown} is not one of them.")
    wrong = [c.name for c in report.checks if c.relative_error >= report.threshold]
    if parameter in wrong:
        check = report[parameter]
        ratio = check.analytic / check.numerical
        return CheckResult(
            True,
            f"Correct: only {parameter} fails the check. Its hand-written gradient is {ratio:.3g} times the numerical "
            f"one at every entry, and 1/m = {1 / X.shape[1]:.3g}: the bias gradient averages dZ over the batch "
            "instead of summing it, dividing by m a second time.",
        )
    raise NotYet(f"{parameter} passes the check (relative error {report[parameter].relative_error:.1e}). "
                 "Look for the line marked MISMATCH in the report.")
