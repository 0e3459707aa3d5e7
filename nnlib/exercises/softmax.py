"""Checkers for chapter 6, softmax and its Jacobian."""

from __future__ import annotations

import numpy as np

from ..softmax import softmax, softmax_jacobian, softmax_vjp
from . import hints
from .checking import CheckResult, NotYet, as_numbers, checker, compare_function, run


@checker(solution=lambda: (softmax,))
def check_softmax(answer) -> CheckResult:
    """Check ``answer(z)``: softmax of each column, stable for logits of any size.

    ``z`` is a 1-D vector of logits or a batch of shape (n, m), one example per column. The
    answer must not overflow or warn, even for logits of 1000 or -1000.

    Examples
    --------
    >>> def stable(z):
    ...     e = np.exp(z - z.max(axis=0, keepdims=True))
    ...     return e / e.sum(axis=0, keepdims=True)
    >>> check_softmax(stable).passed
    True
    >>> check_softmax(lambda z: np.exp(z) / np.exp(z).sum(axis=0)).passed
    False
    """
    rng = np.random.default_rng(6)
    vectors = [
        {"z": np.array([1.0, 2.0, 3.0])},
        {"z": rng.normal(size=5)},
        {"z": np.array([1000.0, 1001.0, 1002.0])},
        {"z": np.array([-1000.0, -1000.0])},
    ]
    result = compare_function(answer, softmax, vectors, "softmax", rtol=1e-12, atol=1e-300)
    if not result:
        return result
    batches = [{"z": rng.normal(size=(3, 4)) * 3}, {"z": np.array([[0.0, 800.0], [1.0, 0.0], [2.0, -800.0]])}]
    result = compare_function(answer, softmax, batches, "softmax of a batch (one example per column)", rtol=1e-12, atol=1e-300)
    if not result:
        if _normalises_the_whole_array(answer, batches[0]["z"]):
            return CheckResult(False, result.message + " Your columns do not each sum to 1: normalise each column"
                               " (axis=0, keepdims=True), not the whole array.")
        return result
    return CheckResult(True, f"Correct: your softmax agrees with nnlib on {len(vectors) + len(batches)} cases, "
                       "including logits of plus and minus 1000 and batches.")


def _normalises_the_whole_array(answer, Z: np.ndarray) -> bool:
    """Whether ``answer`` makes the whole batch sum to 1 instead of each column: the usual
    mistake when a softmax written for one example meets a batch. False if the answer fails."""
    try:
        got = as_numbers(run(answer, {"z": Z}), "")
    except NotYet:  # compare_function has already reported what went wrong
        return False
    return got.shape == Z.shape and np.isclose(got.sum(), 1.0) and not np.allclose(got.sum(axis=0), 1.0)


@checker(solution=lambda: (softmax_jacobian,))
def check_softmax_jacobian(answer) -> CheckResult:
    """Check ``answer(z)``: the (n, n) Jacobian ds_i/dz_j of softmax at the logits ``z`` (1-D).

    Examples
    --------
    >>> def jacobian(z):
    ...     s = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    ...     return np.diag(s) - np.outer(s, s)
    >>> check_softmax_jacobian(jacobian).passed
    True
    """
    rng = np.random.default_rng(7)
    cases = [np.array([0.0, 0.0]), np.array([1.0, 2.0, 3.0]), rng.normal(size=5), rng.normal(size=8) * 2,
             np.array([1000.0, 1001.0, 999.0])]
    for z in cases:
        expected = softmax_jacobian(z)
        where = f"for z = {np.array2string(z, precision=4, separator=', ')}"
        got = as_numbers(run(answer, {"z": z}, "Jacobian", where), f"{where}, your Jacobian returned")
        if got.shape != expected.shape:
            raise NotYet(f"{where}, your Jacobian has shape {got.shape}; expected {expected.shape}, "
                         "one row per s_i and one column per z_j.")
        bad = ~np.isclose(got, expected, rtol=1e-9, atol=1e-14)
        if bad.any():
            i, j = (int(k) for k in np.argwhere(bad)[0])
            rule = f"s_{i + 1}(1 - s_{i + 1})" if i == j else f"-s_{i + 1} s_{j + 1}"
            s = np.array2string(softmax(z), precision=4, separator=", ")
            raise NotYet(f"{where}, entry [{i}, {j}] ({'on' if i == j else 'off'} the diagonal) is {got[i, j]:.8g}; expected "
                         f"{rule} = {expected[i, j]:.8g}, with s = softmax(z) = {s}." + hints.value_hint(got, expected))
    return CheckResult(True, f"Correct: your Jacobian is diag(s) - s s^T on all {len(cases)} logit vectors.")


@checker(solution=lambda: (softmax_vjp,))
def check_softmax_vjp(answer) -> CheckResult:
    """Check ``answer(s, v)``: the product J v of the softmax Jacobian at probabilities ``s`` with ``v``.

    ``s`` and ``v`` have shape (n,), or (n, m) for a batch (one product per column). Build no
    (n, n) matrix: J v = s * (v - sum_i s_i v_i).

    Examples
    --------
    >>> check_softmax_vjp(lambda s, v: s * (v - (s * v).sum(axis=0, keepdims=True))).passed
    True
    """
    rng = np.random.default_rng(9)
    vectors = [{"s": softmax(rng.normal(size=n) * 2), "v": rng.normal(size=n)} for n in (3, 6)]
    result = compare_function(answer, softmax_vjp, vectors, "vector-Jacobian product", rtol=1e-10, atol=1e-14)
    if not result:
        return result
    batches = [{"s": softmax(rng.normal(size=shape) * 2), "v": rng.normal(size=shape)} for shape in [(4, 5), (10, 2)]]
    result = compare_function(answer, softmax_vjp, batches, "vector-Jacobian product of a batch", rtol=1e-10, atol=1e-14)
    if not result:
        return CheckResult(False, result.message + " For a batch of shape (n, m), work column by column: the sum"
                           " over i runs down each column (axis=0, keepdims=True).")
    return CheckResult(True, "Correct: your vector-Jacobian product agrees with nnlib on single examples and on batches.")
