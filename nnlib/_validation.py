"""Input checks shared by nnlib's public functions.

Every message names the reader's argument, says what was expected and what arrived, and, where it
helps, how to fix it. ValueError is for a value of the right type that is wrong (a NaN, a negative
rate, a shape that does not fit); TypeError is for the wrong type altogether (text, None, a dict).
The checks run at the entry points (a network's ``forward``, a loss, ``train``), never inside the
inner loops, so they cost one pass over the data per call.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np


def _describe(x) -> str:
    """A short description of what the reader passed: its type and the start of its repr."""
    return f"{type(x).__name__} {_short(x)}"


def _short(value) -> str:
    """repr(value), cut to 60 characters (an int of 400 digits is still named, not printed)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_array(x, name: str) -> np.ndarray:
    """Return ``x`` as a float array of finite numbers (float32 stays float32, the rest becomes float64).

    Lists, tuples, numbers and integer or boolean arrays are all accepted.

    Raises
    ------
    TypeError
        If ``x`` cannot be read as real numbers: text, None, a dict, complex numbers, a ragged list.
    ValueError
        If ``x`` holds NaN or inf, or a number too large for a float.

    Examples
    --------
    >>> as_array([1, 2], "x").dtype
    dtype('float64')
    """
    arr = as_float_array(x, name)
    check_finite(arr, name)
    return arr


def as_float_array(x, name: str) -> np.ndarray:
    """Return ``x`` as a float array, allowing inf and NaN (for functions defined there, such as
    the activations). A float array of any precision passes through unchanged; anything else
    becomes float64, or a TypeError that names ``name``.

    Examples
    --------
    >>> as_float_array([1, -np.inf], "z")
    array([  1., -inf])
    """
    if type(x) is np.ndarray and x.dtype.kind == "f":
        return x
    if isinstance(x, (str, bytes, dict, set)) or x is None:
        raise TypeError(f"{name} must be an array of numbers, got {_describe(x)}.")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError):  # a ragged list, or objects numpy cannot stack
        raise TypeError(
            f"{name} must be an array of numbers with the same length in every row, got {_describe(x)}."
        ) from None
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex numbers: {_describe(x)}.")
    if arr.dtype.kind not in "biufO":  # text, dates, ...
        raise TypeError(f"{name} must be an array of numbers, got {_describe(x)}.")
    if arr.dtype.kind == "O":
        if any(v is None for v in arr.flat):
            raise TypeError(f"{name} must be an array of numbers, but it holds None: {_describe(x)}.")
        try:  # a list of Python ints too large for int64 arrives as objects
            return arr.astype(np.float64)
        except OverflowError:
            raise ValueError(f"{name} holds a number too large for a float (above 1.8e308): {_describe(x)}.") from None
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be an array of numbers, got {_describe(x)}.") from None
    return arr if arr.dtype.kind == "f" else arr.astype(np.float64)


def check_finite(arr: np.ndarray, name: str) -> None:
    """Raise a ValueError naming the first NaN or inf in ``arr``."""
    finite = np.isfinite(arr)
    if np.count_nonzero(finite) != arr.size:  # finite.all(), without the reduction's overhead on small arrays
        where = tuple(int(i) for i in np.argwhere(~finite)[0])
        entry = f"{name}{list(where)}" if where else name
        raise ValueError(
            f"{name} must hold finite numbers, but {entry} is {arr[where]}. "
            "Look at the step that produced it: a learning rate that is too large, "
            "or a log or division of zero, are the usual causes."
        )


def as_columns(x, name: str) -> np.ndarray:
    """Return ``x`` as a 2-D array with one example per column, holding at least one example.

    A scalar becomes shape (1, 1); a 1-D array of length n is one example, shape (n, 1). This is
    documented behaviour everywhere nnlib takes a batch: ``[0.5, 1.0]`` is one example with two
    features, not two examples.

    Examples
    --------
    >>> as_columns([1.0, 2.0, 3.0], "x").shape
    (3, 1)
    """
    arr = as_array(x, name)
    if arr.ndim == 2 and arr.size:  # the usual case, a batch, first
        return arr
    if arr.ndim == 0:
        return arr.reshape(1, 1)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with shape (n_features, m), one example per column; "
            f"got a {arr.ndim}-D array of shape {arr.shape}."
        )
    if arr.size == 0:
        raise ValueError(
            f"{name} is empty (shape {arr.shape}): it needs at least one row and one example (column)."
        )
    return arr


def check_rows(arr: np.ndarray, n_rows: int, name: str, what: str) -> None:
    """Raise if a (n, m) array does not have ``n_rows`` rows."""
    if arr.shape[0] != n_rows:
        raise ValueError(
            f"{name} must have shape ({n_rows}, m): {n_rows} {what}, one example per column; "
            f"got shape {arr.shape}. If your examples are rows, pass {name}.T."
        )


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise if two arrays that must match elementwise differ in shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape (n_outputs, m), one example "
            f"per column; got {name_a} {a.shape} and {name_b} {b.shape}."
        )


def check_number(value, name: str, example: str = "0.1") -> float:
    """Return ``value`` as a float if it is a real, finite number (not a bool), else raise.

    Examples
    --------
    >>> check_number(-2, "b")
    -2.0
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number such as {example}, got {_describe(value)}.")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be a finite number such as {example}, got a number too large for a float.") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number such as {example}, got {value!r}.")
    return value


def check_positive_number(value, name: str, example: str = "0.1") -> float:
    """Return ``value`` as a float if it is a finite number above zero, else raise.

    Examples
    --------
    >>> check_positive_number(0.5, "learning_rate")
    0.5
    """
    if type(value) is float and 0 < value < math.inf:  # the common case, quickly
        return value
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a positive number such as {example}, got {_describe(value)}.")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"{name} must be a positive number such as {example}, got {_short(value)}.")
    return number


def check_in_range(value, name: str, low: float, high: float, *, low_open: bool = False, high_open: bool = False,
                   example: str = "") -> float:
    """Return ``value`` as a float if it is a number in the interval from ``low`` to ``high``, else raise.

    ``low_open`` and ``high_open`` leave an end out of the interval. The message names the argument,
    the interval and what arrived.

    Examples
    --------
    >>> check_in_range(0.9, "beta", 0.0, 1.0, high_open=True)
    0.9
    >>> check_in_range(1.0, "beta", 0.0, 1.0, high_open=True)
    Traceback (most recent call last):
    ...
    ValueError: beta must be a number in [0, 1), got 1.0.
    """
    number = value
    if type(value) is not float:  # a float, the usual case, needs no conversion
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
            raise TypeError(f"{name} must be a number in {_interval(low, high, low_open, high_open, example)}, "
                            f"got {_describe(value)}.")
        try:
            number = float(value)
        except OverflowError:  # an int beyond the largest float
            number = math.inf
    inside = (low < number if low_open else low <= number) and (number < high if high_open else number <= high)
    if not (inside and math.isfinite(number)):
        raise ValueError(f"{name} must be a number in {_interval(low, high, low_open, high_open, example)}, "
                         f"got {_short(value)}.")
    return number


def _interval(low: float, high: float, low_open: bool, high_open: bool, example: str) -> str:
    """An interval as the messages write it, "(0, 1]", with an example if there is one."""
    hint = f" such as {example}" if example else ""
    return f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}{hint}"


def check_fraction(value, name: str, example: str = "0.25") -> float:
    """Return ``value`` as a float if it lies strictly between 0 and 1, else raise.

    Examples
    --------
    >>> check_fraction(0.2, "test_fraction")
    0.2
    """
    number = check_number(value, name, example)
    if not 0 < number < 1:
        raise ValueError(f"{name} must be between 0 and 1 (both excluded), such as {example}; got {value!r}.")
    return number


def check_positive_int(value, name: str, minimum: int = 1) -> int:
    """Return ``value`` if it is an integer of at least ``minimum``, else raise.

    Examples
    --------
    >>> check_positive_int(3, "epochs")
    3
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a whole number of at least {minimum}, got {_describe(value)}.")
    if not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, got {_short(value)}.")
    return int(value)


def as_labels(x, name: str) -> np.ndarray:
    """Class labels as a non-empty 1-D int array of whole numbers 0, 1, 2, ... (whole floats such as
    1.0 are accepted), or a clear error naming ``name``.

    Examples
    --------
    >>> as_labels([0, 2.0, 1], "labels")
    array([0, 2, 1])
    """
    arr = as_array(x, name)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of class labels 0, 1, 2, ...; got shape {arr.shape}.")
    if (arr < 0).any() or (arr != np.round(arr)).any():
        bad = float(arr[(arr < 0) | (arr != np.round(arr))][0])
        raise ValueError(f"{name} must hold class labels 0, 1, 2, ... (whole numbers from 0); got {bad!r}.")
    return arr.astype(np.int64)


def check_non_negative_number(value, name: str, example: str = "0.1") -> float:
    """Return ``value`` as a float if it is a finite number of at least 0, else raise.

    Examples
    --------
    >>> check_non_negative_number(0, "noise")
    0.0
    """
    number = check_number(value, name, example)
    if number < 0:
        raise ValueError(f"{name} must be 0 or more, such as {example}; got {value!r}.")
    return number


def check_seed(seed, name: str = "seed"):
    """Return ``seed`` if numpy can seed a generator with it (a whole number >= 0, or a Generator)."""
    if isinstance(seed, np.random.Generator):
        return seed
    return check_positive_int(seed, name, minimum=0)


def check_name(value, kind: str, known) -> str:
    """Return ``value`` if it is one of the names ``known``; TypeError for a non-string, else ValueError."""
    if not isinstance(value, str):
        raise TypeError(f"the {kind} must be a name such as {sorted(known)[0]!r}, got {_describe(value)}.")
    if value not in known:
        raise unknown_name_error(kind, value, known)
    return value


def unknown_name_error(kind: str, name: str, known) -> ValueError:
    """Build the error for an unknown registry name, with a suggestion when one is close."""
    import difflib

    known = sorted(known)
    message = f"unknown {kind} {name!r}; expected one of: {', '.join(known)}."
    close = difflib.get_close_matches(str(name), known, n=1)
    if close:
        message += f" Did you mean {close[0]!r}?"
    return ValueError(message)
