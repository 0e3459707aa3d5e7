"""Checkers for chapter 1, the neuron."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid
from ..data import GATES, logic_gate
from ..neuron import weighted_sum
from .checking import CheckResult, NotYet, as_numbers, checker, compare_function, truth_table_mistakes
from .hints import describe


@checker(solution=lambda: (weighted_sum,))
def check_weighted_sum(answer) -> CheckResult:
    """Check ``answer(x, w, b)``, which must return z = w . x + b for a 1-D input x.

    Examples
    --------
    >>> check_weighted_sum(lambda x, w, b: float(np.dot(w, x) + b)).passed
    True
    """
    rng = np.random.default_rng(1)
    cases = [
        {"x": np.array([1.0, 0.0]), "w": np.array([0.5, -2.0]), "b": 0.25},
        {"x": np.array([0.0, 0.0, 0.0]), "w": np.array([1.0, 2.0, 3.0]), "b": -1.5},
    ] + [{"x": rng.normal(size=n), "w": rng.normal(size=n), "b": float(rng.normal())} for n in (1, 4, 7)]
    return compare_function(answer, weighted_sum, cases, "weighted sum")


@checker(solution=lambda: (sigmoid,))
def check_sigmoid(answer) -> CheckResult:
    """Check ``answer(z)``: the sigmoid of an array, accurate and free of overflow even at z = -1000 and 1000.

    Examples
    --------
    >>> check_sigmoid(lambda z: 1 / (1 + np.exp(-z))).passed
    False
    """
    cases = [
        {"z": np.array([0.0, 1.0, -1.0, 2.5])},
        {"z": np.linspace(-30.0, 30.0, 13)},
        {"z": np.array([-1000.0, -745.0, 745.0, 1000.0])},
    ]
    return compare_function(answer, sigmoid, cases, "sigmoid", rtol=1e-12, atol=1e-300)


@checker(solution=lambda: ([10.0, 10.0], -5.0, "or"))
def check_gate_weights(w, b: float, gate: str) -> CheckResult:
    """Check that one neuron with weights ``w`` and bias ``b`` computes ``gate`` (1 where z > 0).

    Examples
    --------
    >>> check_gate_weights([10.0, 10.0], -5.0, "or").passed
    True
    """
    if not isinstance(gate, str) or gate not in GATES:
        shown = repr(gate)[:40] if isinstance(gate, str) else describe(gate)
        raise NotYet(f"gate must be one of {', '.join(map(repr, GATES))}; got {shown}.")
    w = as_numbers(w, "w is", returned=False)
    if w.shape != (2,):
        raise NotYet(f"w must hold two weights, one per input; got shape {w.shape}.")
    b = as_numbers(b, "b is", returned=False)
    if b.size != 1:
        raise NotYet(f"b must be one number; got shape {b.shape}.")
    b = float(b.reshape(()))
    X, Y = logic_gate(gate)
    z = weighted_sum(X, w, b)
    wrong = truth_table_mistakes(X, Y, z, (z > 0).astype(int), "z", "neuron", gate)
    if wrong:
        raise NotYet("; ".join(wrong) + ".")
    return CheckResult(True, f"Correct: w = {w.tolist()}, b = {b} computes {gate} on all four inputs.")
