"""Checkers for chapter 8, learning with gradient descent."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from . import hints
from .checking import CheckResult, NotYet, _short, array_of, as_dict, as_numbers, checker, compare, compare_function, run


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


def _gradient_step(params, grads, learning_rate):
    return {name: params[name] - learning_rate * grads[name] for name in params}


@checker(solution=lambda: (_gradient_step,))
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
        case = {"params": params, "grads": grads, "learning_rate": eta}
        new = as_dict(run(answer, case, "update"), sorted(params), "update")
        for name in params:
            got = as_numbers(new[name], f"your new {name} is", returned=False)
            if got.shape == params[name].shape and np.allclose(got, params[name] + eta * grads[name], rtol=1e-12):
                raise NotYet(f"your {name} moved by +eta * dL/d{name}, uphill: the loss would grow. Gradient "
                             "descent subtracts the gradient, theta - eta * dL/dtheta.")
            compare(got, params[name] - eta * grads[name], f"new {name}", f"with learning rate {eta}",
                    rtol=1e-12, atol=1e-14, returned=False)
    return CheckResult(True, "Correct: every parameter moved by -eta times its gradient, in all 3 test networks.")


def _shuffled_batches(m, batch_size, seed):
    order = np.random.default_rng(seed).permutation(m)
    return [order[i : i + batch_size] for i in range(0, m, batch_size)]


@checker(solution=lambda: (_shuffled_batches,))
def check_minibatches(answer) -> CheckResult:
    """Check ``answer(m, batch_size, seed)``: a list of index arrays, the mini-batches of one epoch.

    The batches must cover every example 0 .. m-1 exactly once, in a shuffled order that depends on
    ``seed`` (the same seed, the same batches); every batch holds ``batch_size`` examples except
    possibly the last, which holds the rest. A batch of one example is an array of one index too,
    so that ``X[:, batch]`` keeps its shape (n, 1).

    Examples
    --------
    >>> def batches(m, batch_size, seed):
    ...     order = np.random.default_rng(seed).permutation(m)
    ...     return [order[i:i + batch_size] for i in range(0, m, batch_size)]
    >>> check_minibatches(batches).passed
    True
    """
    for m, batch_size in [(10, 3), (12, 4), (7, 1), (5, 5), (50, 16)]:
        case = f"for m={m}, batch_size={batch_size}"
        first, again, other = (_batches(run(answer, {"m": m, "batch_size": batch_size, "seed": seed}, "function", case), case)
                               for seed in (0, 0, 1))
        sizes = [b.size for b in first]
        expected_sizes = [batch_size] * (m // batch_size) + ([m % batch_size] if m % batch_size else [])
        if sizes != expected_sizes:
            raise NotYet(f"{case}, your batches have sizes {_short(sizes)}; expected {_short(expected_sizes)}.")
        everything = np.concatenate(first)
        if sorted(everything.tolist()) != list(range(m)):
            raise NotYet(f"{case}, the batches must hold each index 0..{m - 1} exactly once; "
                         f"they hold {_short(np.sort(everything))}.")
        if len(again) != len(first) or any(not np.array_equal(a, b) for a, b in zip(first, again)):
            raise NotYet(f"{case}, the same seed gave different batches; draw the order from the seed.")
        if m >= 10 and np.array_equal(everything, np.arange(m)):
            raise NotYet(f"{case}, the examples come in their original order; shuffle them first.")
        if m >= 10 and len(other) == len(first) and np.array_equal(everything, np.concatenate(other)):
            raise NotYet(f"{case}, seeds 0 and 1 gave the same order; the seed must drive the shuffle.")
    return CheckResult(
        True, "Correct: every epoch visits each example once, in a seeded shuffled order, in batches of the right size."
    )


def _batches(value, case: str) -> list[np.ndarray]:
    """The batches an answer returned, each as a 1-D array of integer indices; NotYet if they are something else."""
    if isinstance(value, Iterator):
        value = list(value)
    if not isinstance(value, (list, tuple)) and not (isinstance(value, np.ndarray) and value.ndim == 2):
        raise NotYet(f"{case}, your function returned {hints.describe(value)}; return a list of index arrays, one per batch.")
    if len(value) == 0:
        raise NotYet(f"{case}, your function returned no batches; return a list of index arrays, one per batch.")
    batches = []
    for k, batch in enumerate(value):
        arr = array_of(batch)
        if arr.ndim == 0 and arr.dtype.kind in "iu":
            raise NotYet(f"{case}, batch {k} is a single number; return each batch as an array of indices, even a batch of "
                         "one (order[i:i + 1]), so that X[:, batch] keeps the shape (n, 1).")
        if arr.dtype == bool:
            raise NotYet(f"{case}, batch {k} is a True/False mask; return the indices it selects, np.flatnonzero(mask).")
        if arr.ndim != 1 or arr.dtype.kind not in "iu":
            raise NotYet(f"{case}, batch {k} is {hints.describe(batch)}; each batch must be a 1-D array of integer indices.")
        batches.append(arr)
    return batches


def critical_learning_rate_of(H) -> float:
    """2 / lambda_max(H): the critical learning rate of gradient descent on a quadratic loss with
    Hessian H (symmetric positive definite). Every rate below it converges; at it and above it
    the error along the steepest direction no longer shrinks, so it is a supremum, not a largest
    rate that works.

    Examples
    --------
    >>> critical_learning_rate_of(np.diag([1.0, 4.0]))
    0.5
    """
    return float(2.0 / np.linalg.eigvalsh(np.asarray(H, dtype=float)).max())


@checker(solution=lambda: (critical_learning_rate_of,))
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
