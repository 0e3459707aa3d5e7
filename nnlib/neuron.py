"""One artificial neuron: z = w . x + b, a = f(z) (chapter 1)."""

from __future__ import annotations

import numpy as np

from ._validation import as_array, as_columns, check_number, check_rows
from .activations import Activation, get_activation


def weighted_sum(x, w, b: float) -> np.ndarray:
    """The neuron's pre-activation z = w . x + b, for one input or a batch.

    Parameters
    ----------
    x : array_like of shape (n,) or (n, m)
        One input of n features, or m inputs stacked as columns.
    w : array_like of shape (n,)
        One weight per input feature.
    b : float
        The bias.

    Returns
    -------
    float or ndarray of shape (m,)
        z for the single input, or one z per column.

    Raises
    ------
    ValueError
        If ``x`` does not have one row per weight, or holds NaN or inf.

    Examples
    --------
    >>> weighted_sum([1.0, 0.0], w=[0.5, -2.0], b=0.25)
    0.75
    """
    w = as_array(w, "w")
    if w.ndim != 1 or w.size == 0:
        raise ValueError(f"w must be a 1-D array with one weight per input, got shape {w.shape}.")
    b = as_array(b, "b")
    if b.ndim != 0:
        raise ValueError(f"b must be a single number, got an array of shape {b.shape}.")
    X = as_columns(x, "x")
    single = np.ndim(as_array(x, "x")) <= 1
    check_rows(X, w.shape[0], "x", "features (one per weight)")
    z = w @ X + b
    return float(z[0]) if single else z


def neuron_output(x, w, b: float, activation: str | Activation = "sigmoid"):
    """The neuron's output a = f(w . x + b).

    Parameters
    ----------
    x : array_like of shape (n,) or (n, m)
        One input, or m inputs as columns.
    w : array_like of shape (n,)
        The weights.
    b : float
        The bias.
    activation : str or Activation, default "sigmoid"
        A name from :data:`nnlib.activations.ACTIVATIONS`.

    Returns
    -------
    float or ndarray of shape (m,)

    Examples
    --------
    >>> round(neuron_output([1.0, 1.0], w=[10.0, 10.0], b=-15.0), 4)
    0.9933
    """
    f = get_activation(activation)
    z = weighted_sum(x, w, b)
    a = f(np.asarray(z))
    return float(a) if np.ndim(a) == 0 else a


def decision_line(w, b: float, x1_range=(-0.5, 1.5)) -> tuple[np.ndarray, np.ndarray]:
    """Two points on the line w1 x1 + w2 x2 + b = 0, for drawing it over ``x1_range``.

    Where the line is vertical (w2 = 0) it is x1 = -b / w1 and the points span the same range in
    x2. With w1 = w2 = 0 there is no line and a ValueError says so.

    Returns
    -------
    (x1, x2) : two ndarrays of shape (2,)

    Examples
    --------
    >>> decision_line([1.0, 1.0], -1.0, x1_range=(0.0, 1.0))
    (array([0., 1.]), array([1., 0.]))
    """
    w = as_array(w, "w")
    if w.shape != (2,):
        raise ValueError(f"w must hold the two weights (w1, w2) of a neuron with two inputs; got shape {w.shape}.")
    w1, w2 = w
    b = check_number(b, "b")
    x1_range = as_array(x1_range, "x1_range")
    if x1_range.shape != (2,):
        raise ValueError(f"x1_range must be two numbers (low, high), such as (-0.5, 1.5); got shape {x1_range.shape}.")
    lo, hi = x1_range
    if w2 != 0:
        x1 = np.array([lo, hi], dtype=float)
        return x1, -(w1 * x1 + b) / w2 + 0.0  # + 0.0 turns -0.0 into 0.0
    if w1 != 0:
        return np.full(2, -b / w1), np.array([lo, hi], dtype=float)
    raise ValueError("with w1 = w2 = 0 the weighted sum is the constant b: there is no line.")
