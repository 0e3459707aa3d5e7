"""Checkers for chapter 4, losses."""

from __future__ import annotations

import numpy as np

from ..losses import mse_gradient, rmse_gradient, sigmoid_cross_entropy
from .checking import CheckResult, checker, compare_function


def _random_pairs(seed: int, shapes):
    rng = np.random.default_rng(seed)
    return [{"y_hat": rng.normal(size=s), "y": rng.normal(size=s)} for s in shapes]


@checker(solution=lambda: (mse_gradient,))
def check_mse_gradient(answer) -> CheckResult:
    """Check ``answer(y_hat, y)``: dL/dy_hat of the MSE, for arrays of shape (n_outputs, m).

    The MSE averages over all n_outputs * m entries, so the answer is 2 (y_hat - y) / (n m).

    Examples
    --------
    >>> check_mse_gradient(lambda y_hat, y: 2 * (y_hat - y) / y.size).passed
    True
    >>> check_mse_gradient(lambda y_hat, y: 2 * (y_hat - y)).passed
    False
    """
    cases = [{"y_hat": np.array([[3.0]]), "y": np.array([[1.0]])}] + _random_pairs(4, [(1, 4), (3, 2), (2, 5)])
    return compare_function(answer, mse_gradient, cases, "MSE gradient")


@checker(solution=lambda: (rmse_gradient,))
def check_rmse_gradient(answer) -> CheckResult:
    """Check ``answer(y_hat, y)``: dL/dy_hat of the RMSE, for arrays of shape (n_outputs, m).

    The answer is (y_hat - y) / (n m RMSE), and zeros where the fit is perfect (RMSE = 0).

    Examples
    --------
    >>> def grad(y_hat, y):
    ...     r = np.sqrt(np.mean((y_hat - y) ** 2))
    ...     return np.zeros_like(y_hat) if r == 0 else (y_hat - y) / (y.size * r)
    >>> check_rmse_gradient(grad).passed
    True
    """
    cases = _random_pairs(5, [(1, 1), (1, 4), (3, 2)]) + [{"y_hat": np.array([[0.5, 2.0]]), "y": np.array([[0.5, 2.0]])}]
    return compare_function(answer, rmse_gradient, cases, "RMSE gradient")


@checker(solution=lambda: (sigmoid_cross_entropy,))
def check_sigmoid_cross_entropy(answer) -> CheckResult:
    """Check ``answer(z, y)``: binary cross-entropy from logits, the batch mean for (1, m) arrays.

    y_hat = sigmoid(z) is never formed: the answer must stay finite and silent (no overflow, no
    log(0)) even for logits of -1000 and 1000.

    Examples
    --------
    >>> check_sigmoid_cross_entropy(lambda z, y: float(np.mean(np.logaddexp(0, z) - y * z))).passed
    True
    """
    cases = [
        {"z": np.array([[0.0, 2.0, -1.0]]), "y": np.array([[1.0, 0.0, 1.0]])},
        {"z": np.array([[-3.0, 0.5, 4.0, -0.2]]), "y": np.array([[0.0, 1.0, 1.0, 0.3]])},
        {"z": np.array([[1000.0, -1000.0, 40.0, -40.0]]), "y": np.array([[0.0, 1.0, 1.0, 0.0]])},
    ]
    return compare_function(answer, sigmoid_cross_entropy, cases, "cross-entropy from logits")
