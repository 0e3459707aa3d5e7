"""Checkers for chapter 8, learning with gradient descent."""

from __future__ import annotations

import numpy as np

from .checking import CheckResult, _copy, _short, compare_function


def _update_cases() -> list[tuple[dict, dict, float]]:
    rng = np.random.default_rng(8)
    cases = []
    for sizes, eta in [([2, 3, 1], 0.1), ([4, 5, 1], 0.5), ([1, 1], 2.0)]:
        params, grads = {}, {}
        for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
            params[f"W{l}"], grads[f"W{l}"] = rng.normal(size=(n_out, n_in)), rng.normal(size=(n_out, n_in))
            params[f"b{l}"], grads[f"b{l}"] = rng.normal(size=(n_out, 1)), rng.normal(size=(n_out, 1))
        cases.append((params, grads, eta))
    return cases


def check_update_rule(answer) -> CheckResult:
    """Check ``answer(params, grads, learning_rate)``, which returns the parameters after one step.

    ``params`` and ``grads`` map the names "W1", "b1", ... to arrays of the same shapes. The answer
    must return a new dict with theta - eta * dL/dtheta for every name, and leave ``params``
    unchanged.

    Examples
    --------
    >>> check_update_rule(lambda p, g, eta: {k: p[k] - eta * g[k] for k in p}).passed
    True
    """
    for params, grads, eta in _update_cases():
        try:
            new = answer(_copy(params), _copy(grads), eta)
        except Exception as exc:  # the reader's code: report whatever it raised
            return CheckResult(False, f"Not yet: your update raised {type(exc).__name__}: {exc}")
        if not isinstance(new, dict):
            return CheckResult(False, f"Not yet: your update must return a dict of parameters by name; got {type(new).__name__}.")
        if sorted(new) != sorted(params):
            return CheckResult(False, f"Not yet: your update returned the names {sorted(new)}; expected {sorted(params)}.")
        for name in params:
            got = np.asarray(new[name], dtype=float)
            expected = params[name] - eta * grads[name]
            if got.shape != expected.shape:
                return CheckResult(False, f"Not yet: {name} came back with shape {got.shape}; expected {expected.shape}.")
            if np.allclose(got, params[name] + eta * grads[name], rtol=1e-12):
                return CheckResult(
                    False,
                    f"Not yet: your {name} moved by +eta * dL/d{name}, uphill: the loss would grow. Gradient "
                    "descent subtracts the gradient, theta - eta * dL/dtheta.",
                )
            if not np.allclose(got, expected, rtol=1e-12, atol=1e-14):
                return CheckResult(
                    False,
                    f"Not yet: with learning rate {eta}, your new {name} is {_short(got)}; expected {_short(expected)}.",
                )
    return CheckResult(True, "Correct: every parameter moved by -eta times its gradient, in all 3 test networks.")


def check_minibatches(answer) -> CheckResult:
    """Check ``answer(m, batch_size, seed)``: a list of index arrays, the mini-batches of one epoch.

    The batches must cover every example 0 .. m-1 exactly once, in a shuffled order that depends on
    ``seed`` (the same seed, the same batches); every batch holds ``batch_size`` examples except
    possibly the last, which holds the rest.

    Examples
    --------
    >>> def batches(m, batch_size, seed):
    ...     order = np.random.default_rng(seed).permutation(m)
    ...     return [order[i:i + batch_size] for i in range(0, m, batch_size)]
    >>> check_minibatches(batches).passed
    True
    """
    for m, batch_size in [(10, 3), (12, 4), (7, 1), (5, 5), (50, 16)]:
        try:
            first = [np.asarray(b) for b in answer(m, batch_size, 0)]
            again = [np.asarray(b) for b in answer(m, batch_size, 0)]
            other = [np.asarray(b) for b in answer(m, batch_size, 1)]
        except Exception as exc:  # the reader's code
            return CheckResult(
                False, f"Not yet: for m={m}, batch_size={batch_size} your function raised {type(exc).__name__}: {exc}"
            )
        case = f"for m={m}, batch_size={batch_size}"
        sizes = [b.size for b in first]
        expected_sizes = [batch_size] * (m // batch_size) + ([m % batch_size] if m % batch_size else [])
        if sizes != expected_sizes:
            return CheckResult(False, f"Not yet: {case} your batches have sizes {sizes}; expected {expected_sizes}.")
        everything = np.concatenate(first)
        if not np.issubdtype(everything.dtype, np.integer) or sorted(everything.tolist()) != list(range(m)):
            return CheckResult(
                False,
                f"Not yet: {case} the batches must hold each index 0..{m - 1} exactly once; "
                f"they hold {_short(np.sort(everything))}.",
            )
        if any(not np.array_equal(a, b) for a, b in zip(first, again)):
            return CheckResult(False, f"Not yet: {case} the same seed gave different batches; draw the order from the seed.")
        if m >= 10 and np.array_equal(everything, np.arange(m)):
            return CheckResult(False, f"Not yet: {case} the examples come in their original order; shuffle them first.")
        if m >= 10 and np.array_equal(everything, np.concatenate(other)):
            return CheckResult(False, f"Not yet: {case} seeds 0 and 1 gave the same order; the seed must drive the shuffle.")
    return CheckResult(
        True, "Correct: every epoch visits each example once, in a seeded shuffled order, in batches of the right size."
    )


def critical_learning_rate_of(H) -> float:
    """2 / lambda_max(H): the largest learning rate for which gradient descent converges on a
    quadratic loss with Hessian H (symmetric positive definite).

    Examples
    --------
    >>> critical_learning_rate_of(np.diag([1.0, 4.0]))
    0.5
    """
    return float(2.0 / np.linalg.eigvalsh(np.asarray(H, dtype=float)).max())


def check_critical_learning_rate(answer) -> CheckResult:
    """Check ``answer(H)``: the critical learning rate 2 / lambda_max of a symmetric positive definite H.

    Examples
    --------
    >>> check_critical_learning_rate(lambda H: 2 / np.linalg.eigvalsh(H).max()).passed
    True
    """
    rng = np.random.default_rng(3)
    cases = [{"H": np.diag([1.0, 4.0])}, {"H": np.array([[2.0, 1.0], [1.0, 2.0]])}]
    for n in (2, 3, 5):
        A = rng.normal(size=(n, n))
        cases.append({"H": A @ A.T + 0.1 * np.eye(n)})
    return compare_function(answer, critical_learning_rate_of, cases, "critical learning rate", rtol=1e-9)
