"""Input checks shared by nnlib's public functions.

Every message says what was expected, what arrived, and, where it helps, how to fix it.
The checks run at the entry points (a network's ``forward``, a loss, ``train``), never inside
the inner loops, so they cost one pass over the data per call.
"""

from __future__ import annotations

from numbers import Real

import numpy as np


def as_array(x, name: str) -> np.ndarray:
    """Return ``x`` as a float array (float32 stays float32, everything else becomes float64).

    Raises
    ------
    TypeError
        If ``x`` cannot be read as numbers.
    ValueError
        If ``x`` holds NaN or inf.

    Examples
    --------
    >>> as_array([1, 2], "x").dtype
    dtype('float64')
    """
    try:
        arr = np.asarray(x)
        if arr.dtype != np.float32:
            arr = arr.astype(np.float64, copy=False)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be an array of numbers, got {type(x).__name__}: {x!r:.80}"
        ) from None
    check_finite(arr, name)
    return arr


def check_finite(arr: np.ndarray, name: str) -> None:
    """Raise a ValueError naming the first NaN or inf in ``arr``."""
    finite = np.isfinite(arr)
    if not finite.all():
        where = tuple(int(i) for i in np.argwhere(~finite)[0])
        raise ValueError(
            f"{name} must hold finite numbers, but {name}{list(where)} is {arr[where]}. "
            "Look at the step that produced it: a learning rate that is too large, "
            "or a log or division of zero, are the usual causes."
        )


def as_columns(x, name: str) -> np.ndarray:
    """Return ``x`` as a 2-D array with one example per column.

    A scalar becomes shape (1, 1); a 1-D array of length n is one example, shape (n, 1).

    Examples
    --------
    >>> as_columns([1.0, 2.0, 3.0], "x").shape
    (3, 1)
    """
    arr = as_array(x, name)
    if arr.ndim == 0:
        return arr.reshape(1, 1)
    if arr.ndim == 1:
        return arr.reshape(-1, 1)
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with shape (n_features, m), one example per column; "
            f"got a {arr.ndim}-D array of shape {arr.shape}."
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


def check_positive_number(value, name: str) -> float:
    """Return ``value`` as a float if it is a finite number above zero, else raise.

    Examples
    --------
    >>> check_positive_number(0.5, "learning_rate")
    0.5
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(
            f"{name} must be a positive number such as 0.1, got {type(value).__name__} {value!r}."
        )
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive number such as 0.1, got {value!r}.")
    return float(value)


def check_positive_int(value, name: str) -> int:
    """Return ``value`` if it is an integer of at least 1, else raise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}.")
    return int(value)


def unknown_name_error(kind: str, name: str, known) -> ValueError:
    """Build the error for an unknown registry name, with a suggestion when one is close."""
    import difflib

    known = sorted(known)
    message = f"unknown {kind} {name!r}; expected one of: {', '.join(known)}."
    close = difflib.get_close_matches(str(name), known, n=1)
    if close:
        message += f" Did you mean {close[0]!r}?"
    return ValueError(message)
