"""Shared diagnostics: the short hints that follow "Not yet" when a wrong answer looks like a usual mistake.

Each function looks at what came back and what was expected and returns one sentence, with a
leading space, or "" when nothing stands out. The checkers add them through
:func:`nnlib.exercises.checking.compare`, so every checker recognises the same mistakes: a missing
transpose, a 1/m applied twice or missing, the wrong sign, a constant factor, one entry per example
instead of a sum over the batch, two outputs swapped (precision and recall), too little precision,
integers where fractions belong, and where a NaN or an infinity comes from. A checker that knows
what its own usual mistakes compute names the one an answer matches with :func:`known_mistake`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from numbers import Number

import numpy as np

DIVERGED = (
    " Training diverged: a learning rate above the critical one (chapter 8) makes every step overshoot, "
    "so the weights grow without bound. Use a smaller learning rate."
)


def describe(value) -> str:
    """A few words saying what ``value`` is, for messages. Never raises.

    Examples
    --------
    >>> describe(None), describe("abc"), describe(np.zeros((2, 3)))
    ('None', "the string 'abc'", 'an array of shape (2, 3)')
    >>> describe(x for x in [1])
    'a generator'
    """
    try:
        if value is None:
            return "None"
        if isinstance(value, (bool, np.bool_)):
            return f"the bool {value}"
        if isinstance(value, (str, bytes)):
            text = repr(value)
            return f"the string {text if len(text) <= 40 else text[:39] + '…'}"
        if isinstance(value, np.ndarray):
            return f"an array of shape {value.shape}" + ("" if value.dtype.kind in "f" else f" and dtype {value.dtype}")
        if isinstance(value, int) and value.bit_length() > 64:
            return f"an integer of {value.bit_length()} bits"
        if isinstance(value, Number):
            return f"the number {value!r:.40}"
        if isinstance(value, Iterator):
            return "a generator" if type(value).__name__ == "generator" else f"an iterator ({type(value).__name__})"
        if isinstance(value, Mapping):
            return "a dict"
        if isinstance(value, (list, tuple)):
            return f"a {type(value).__name__} of {len(value)} item{'s' if len(value) != 1 else ''}"
        if callable(value):
            return f"the function {getattr(value, '__name__', type(value).__name__)!s:.40}"
        return _a(type(value).__name__)
    except Exception:  # a reader's object whose methods raise
        return _a(type(value).__name__)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def shape_hint(got: tuple, expected: tuple, m: int | None = None) -> str:
    """What a wrong shape usually means.

    Examples
    --------
    >>> shape_hint((2, 3), (3, 2))
    ' That is the transposed shape: check the order of the product and its transpose.'
    >>> shape_hint((5,), (3, 1), m=5)
    ' It has one entry per example: sum over the batch (axis=1), not over the units.'
    """
    if len(got) == len(expected) == 2 and got == expected[::-1]:
        return " That is the transposed shape: check the order of the product and its transpose."
    column = len(expected) == 2 and expected[1] == 1
    if column and got == expected[:1]:
        return " Keep the column shape (n, 1): sum with keepdims=True, or reshape(-1, 1)."
    if column and m is not None and m != expected[0] and math.prod(got) == m:
        return " It has one entry per example: sum over the batch (axis=1), not over the units."
    if expected == () and math.prod(got) == 1:
        return " Return a single number, e.g. with float(...)."
    return ""


def value_hint(got: np.ndarray, expected: np.ndarray, m: int | None = None, dtype=None) -> str:
    """What wrong values of the right shape usually mean. ``dtype`` is the answer's own, before conversion.

    Examples
    --------
    >>> value_hint(np.array([1.0, 2.0]), np.array([3.0, 6.0]), m=3)[:50]
    ' It is the right value divided by m = 3: the 1/m o'
    >>> value_hint(np.array([2.0]), np.array([-2.0]))
    ' It has the wrong sign.'
    """
    ratio = _ratio(got, expected)
    if ratio is not None:
        if math.isclose(ratio, -1.0, rel_tol=1e-7):
            return " It has the wrong sign."
        if m is not None and m > 1 and math.isclose(ratio, 1 / m, rel_tol=1e-7):
            return (f" It is the right value divided by m = {m}: the 1/m of the batch mean is already inside the gradient"
                    " the loss hands back, so the layers must not divide by m again.")
        if m is not None and m > 1 and math.isclose(ratio, m, rel_tol=1e-7):
            return (f" It is m = {m} times the right value: the loss is the mean over the batch, so every gradient"
                    " carries a 1/m, which is missing here.")
        if got.size > 1 and ratio != 0 and _is_simple(ratio):
            return f" It is {ratio:.4g} times the right value: a constant factor is wrong."
    if got.ndim == 2 and got.shape[0] == got.shape[1] > 1 and np.allclose(got, expected.T, rtol=1e-7, atol=1e-12):
        return " It is the transpose of the right value: check the order of the product and its transpose."
    dtype = np.dtype(dtype) if dtype is not None else None
    if dtype is not None and dtype.kind == "f" and dtype.itemsize < 8:
        return f" Your result is {dtype}, whose precision is too coarse for the check: compute in float64."
    if dtype is not None and dtype.kind in "iu" and not np.allclose(expected, np.round(expected)):
        return (f" Your result holds whole numbers ({dtype}), which drop the fractions: start from a float array, "
                "e.g. np.zeros(shape) instead of np.zeros_like of an integer array.")
    return ""


def _ratio(got: np.ndarray, expected: np.ndarray) -> float | None:
    """The constant c with got = c * expected, if there is one (and c is not 1); None otherwise."""
    if expected.size == 0 or not np.any(expected):
        return None
    k = int(np.argmax(np.abs(expected)))
    c = float(got.flat[k] / expected.flat[k])
    if math.isclose(c, 1.0, rel_tol=1e-6) or not np.allclose(got, c * expected, rtol=1e-7, atol=1e-12):
        return None
    return c


def _is_simple(c: float) -> bool:
    """Whether c is a whole number or one over a whole number, up to sign: 2, 0.5, -3, 1/7..."""
    return any(abs(x) >= 1 and math.isclose(x, round(x), rel_tol=1e-7) for x in (c, 1 / c))


def swapped(got: Sequence, expected: Sequence, names: Sequence[str], rtol: float = 1e-9, atol: float = 1e-12) -> str | None:
    """"your precision and recall are swapped" when two of several outputs come back in each other's place.

    Examples
    --------
    >>> swapped([np.array([0.8]), np.array([0.9])], [np.array([0.9]), np.array([0.8])], ["precision", "recall"])
    'your precision and recall are swapped'
    """
    for i, j in itertools.combinations(range(len(names)), 2):
        try:
            a, b = (np.asarray(got[k], dtype=float) for k in (i, j))
            if (a.shape == np.shape(expected[j]) and b.shape == np.shape(expected[i])
                    and np.allclose(a, expected[j], rtol=rtol, atol=atol) and np.allclose(b, expected[i], rtol=rtol, atol=atol)
                    and not (a.shape == np.shape(expected[i]) and np.allclose(a, expected[i], rtol=rtol, atol=atol))):
                return f"your {names[i]} and {names[j]} are swapped"
        except (TypeError, ValueError, OverflowError):  # not numbers: the checker reports that itself
            continue
    return None


def nonfinite_hint(x: float) -> str:
    """Where a NaN or an infinity usually comes from.

    Examples
    --------
    >>> nonfinite_hint(float("nan"))
    ' NaN comes from 0/0, inf - inf, or the log or square root of a negative number.'
    """
    if math.isnan(x):
        return " NaN comes from 0/0, inf - inf, or the log or square root of a negative number."
    return " An infinity comes from an overflow (a number beyond about 1.8e308, such as exp(710)) or a division by zero."


def exception_hint(exc: BaseException) -> str:
    """What an exception inside the reader's code usually means, when it is the harness's rule at work.

    Examples
    --------
    >>> exception_hint(FloatingPointError("overflow encountered in exp"))[:40]
    ' Any overflow, division by zero or inval'
    """
    if isinstance(exc, (FloatingPointError, RuntimeWarning)):
        return (" Any overflow, division by zero or invalid operation (0/0, log of a negative) fails,"
                " even if the result looks right.")
    if isinstance(exc, RecursionError):
        return " Your function calls itself without end."
    return ""


def known_mistake(got, mistakes: Iterable[tuple[str, object]], rtol: float = 1e-9, atol: float = 1e-12) -> str:
    """The sentence of the first usual mistake whose result equals ``got``, with a leading space; "" if none.

    A checker that knows what each usual mistake computes (the learning rate left out, the bias
    correction with t counted from 0) lists them as pairs (sentence, what that mistake returns),
    computed on the same inputs, and names the one the answer matches. ``got`` and each result
    are arrays, or tuples of arrays compared entry by entry.

    Examples
    --------
    >>> x = np.array([1.0, -2.0])
    >>> known_mistake(x * 0.5, [("It forgets the 2 of the square.", x), ("It halves x.", x * 0.5)])
    ' It halves x.'
    >>> known_mistake(x * 3.0, [("It halves x.", x * 0.5)])
    ''
    """
    for sentence, result in mistakes:
        try:
            if _same_numbers(got, result, rtol, atol):
                return " " + sentence
        except (TypeError, ValueError, OverflowError):  # a result that is not numbers matches no mistake
            continue
    return ""


def _same_numbers(a, b, rtol: float, atol: float) -> bool:
    """Whether ``a`` and ``b`` (arrays, or tuples of arrays) hold the same numbers in the same shapes."""
    if isinstance(a, tuple) or isinstance(b, tuple):
        return isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) and all(
            _same_numbers(x, y, rtol, atol) for x, y in zip(a, b))
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))
