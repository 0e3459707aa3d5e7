"""Checkers for chapter 3, activation functions and their derivatives."""

from __future__ import annotations

import numpy as np

from ..activations import leaky_relu, leaky_relu_derivative, sigmoid
from .checking import CheckResult, checker, compare_function

_Z_CASES = [
    np.array([-2.0, -0.5, 0.5, 3.0]),
    np.array([0.0]),
    np.linspace(-5.0, 5.0, 11),
]


@checker(solution=lambda: (leaky_relu,))
def check_leaky_relu(answer) -> CheckResult:
    """Check ``answer(z, slope)``: the leaky ReLU, z for z > 0 and slope * z otherwise.

    Examples
    --------
    >>> check_leaky_relu(lambda z, slope: np.maximum(slope * z, z)).passed
    True
    >>> check_leaky_relu(lambda z, slope: np.maximum(0.0, z)).passed
    False
    """
    cases = [{"z": z, "slope": slope} for slope in (0.01, 0.2, 0.0) for z in _Z_CASES]
    return compare_function(answer, leaky_relu, cases, "leaky ReLU")


@checker(solution=lambda: (leaky_relu_derivative,))
def check_leaky_relu_derivative(answer) -> CheckResult:
    """Check ``answer(z, slope)``: the leaky ReLU's derivative, 1 for z > 0 and slope for z <= 0.

    At the kink z = 0 the course uses the slope on the left, so the answer there is ``slope``.

    Examples
    --------
    >>> check_leaky_relu_derivative(lambda z, slope: np.where(z > 0, 1.0, slope)).passed
    True
    >>> check_leaky_relu_derivative(lambda z, slope: np.where(z >= 0, 1.0, slope))
    ✘ Not yet: for z=[0.], slope=0.01, your leaky ReLU derivative returned [1.], expected [0.01].
    """
    cases = [{"z": z, "slope": slope} for slope in (0.01, 0.2) for z in _Z_CASES]
    return compare_function(answer, leaky_relu_derivative, cases, "leaky ReLU derivative")


@checker(solution=lambda: (sigmoid,))
def check_softplus_derivative(answer) -> CheckResult:
    """Check ``answer(z)``: the derivative of the softplus log(1 + e^z), for arrays z.

    It must be accurate and must not overflow or warn, even at z = -800 and z = 800.

    Examples
    --------
    >>> check_softplus_derivative(lambda z: np.exp(z) / (1 + np.exp(z))).passed
    False
    """
    cases = [
        {"z": np.array([0.0, 1.0, -1.0, 2.5])},
        {"z": np.linspace(-20.0, 20.0, 9)},
        {"z": np.array([-800.0, -30.0, 30.0, 800.0])},
    ]
    return compare_function(answer, sigmoid, cases, "softplus derivative", rtol=1e-12, atol=1e-300)
