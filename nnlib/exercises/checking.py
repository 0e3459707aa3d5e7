"""What every checker returns, and the comparison they share."""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one exercise answer.

    Truthy when the answer is right. In a notebook it displays its message.

    Examples
    --------
    >>> bool(CheckResult(True, "Correct."))
    True
    """

    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        mark = "✔ " if self.passed else "✘ "
        return textwrap.fill(mark + self.message, width=100, subsequent_indent="  ")


def compare_function(
    answer: Callable,
    reference: Callable,
    cases: Iterable[dict],
    what: str,
    rtol: float = 1e-9,
    atol: float = 1e-12,
) -> CheckResult:
    """Call ``answer`` and ``reference`` on each case (keyword arguments) and compare the results.

    The answer fails on the first case where it raises, warns (an overflow, say), returns
    something of another shape, or differs beyond ``rtol``/``atol``. The message shows that case,
    what was expected and what came back.

    Examples
    --------
    >>> compare_function(lambda x: 2 * x, lambda x: x + x, [{"x": 1.0}], "doubling").passed
    True
    >>> compare_function(lambda x: 3 * x, lambda x: x + x, [{"x": 1.0}], "doubling")
    ✘ Not yet: for x=1 your doubling returned 3, expected 2.
    """
    cases = list(cases)
    for case in cases:
        shown = ", ".join(f"{k}={_short(v)}" for k, v in case.items())
        expected = np.asarray(reference(**_copy(case)))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                got = answer(**_copy(case))
        except Exception as exc:  # the reader's code: report whatever it raised
            return CheckResult(False, f"Not yet: for {shown} your {what} raised {type(exc).__name__}: {exc}")
        if got is None:
            return CheckResult(False, f"Not yet: your {what} returned None for {shown}; did you forget `return`?")
        got = np.asarray(got, dtype=float)
        if got.shape != expected.shape:
            return CheckResult(
                False, f"Not yet: for {shown} your {what} returned shape {got.shape}, expected shape {expected.shape}."
            )
        if not np.allclose(got, expected, rtol=rtol, atol=atol):
            return CheckResult(False, f"Not yet: for {shown} your {what} returned {_short(got)}, expected {_short(expected)}.")
    return CheckResult(True, f"Correct: your {what} agrees with nnlib on all {len(cases)} test cases.")


def _copy(case: dict) -> dict:
    """Fresh copies of array arguments, so an answer that edits its input cannot spoil the reference."""
    return {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in case.items()}


def _short(value) -> str:
    """A compact rendering of a value for messages.

    Examples
    --------
    >>> _short(np.array([1.0, 2.0]))
    '[1., 2.]'
    >>> _short([np.zeros((2, 2)), np.zeros(3)])
    '[array of shape (2, 2), array of shape (3,)]'
    """
    if isinstance(value, (str, int)):
        return repr(value)
    if isinstance(value, (list, tuple)) and any(isinstance(v, np.ndarray) and v.ndim > 0 for v in value):
        return "[" + ", ".join(f"array of shape {np.shape(v)}" if np.ndim(v) else _short(v) for v in value) + "]"
    arr = np.asarray(value)
    if arr.ndim == 0:
        return f"{float(arr):.6g}"
    return np.array2string(arr, precision=6, threshold=12, separator=", ").replace("\n", "")


def truth_table_mistakes(
    X: np.ndarray, Y: np.ndarray, values: np.ndarray, answers: np.ndarray, value_name: str, who: str, gate: str
) -> list[str]:
    """One sentence per input of a logic gate where ``answers`` differ from the targets ``Y``.

    Examples
    --------
    >>> X, Y = np.array([[0.0, 1.0], [0.0, 1.0]]), np.array([[0.0, 1.0]])
    >>> truth_table_mistakes(X, Y, np.array([0.2, -0.1]), np.array([1, 0]), "z", "neuron", "and")[0]
    'input (0, 0) gives z = 0.2, so the neuron says 1 but and is 0'
    """
    return [
        f"input ({X[0, i]:.0f}, {X[1, i]:.0f}) gives {value_name} = {values[i]:.4g}, so the {who} says "
        f"{int(answers[i])} but {gate} is {Y[0, i]:.0f}"
        for i in range(X.shape[1])
        if int(answers[i]) != Y[0, i]
    ]
