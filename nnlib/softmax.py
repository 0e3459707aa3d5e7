"""Softmax, its Jacobian, and the vector-Jacobian product that backpropagation needs (chapter 6).

Conventions: a vector of logits ``z`` has shape (n,) or (n, 1); a batch has shape (n, m), one
example per column, and softmax acts on each column.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_array, as_float_array


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax of each column: s_i = exp(z_i) / sum_j exp(z_j).

    Parameters
    ----------
    z : array_like of shape (n,) or (n, m)
        Logits, one example per column.

    Returns
    -------
    ndarray of the same shape
        Probabilities: each column is non-negative and sums to 1.

    Notes
    -----
    Softmax does not change when the same constant is added to every logit, so we subtract the
    largest logit first. Then every exponent is at most 0: exp never overflows, and the largest
    term is exactly 1, so the denominator is at least 1 and never underflows to 0.

    Infinite logits give the limits: an entry of -inf gets probability 0, the entries equal to
    +inf share the probability equally, and a column of -inf is uniform (they are first clipped
    to the largest float, which has exactly these limits). Logits further apart than the largest
    float (1.8e308) give 0 for the far one, its true value up to rounding. NaN gives NaN.

    Examples
    --------
    >>> softmax(np.array([1.0, 2.0, 3.0])).round(4)
    array([0.09  , 0.2447, 0.6652])
    >>> softmax(np.array([1000.0, 1000.0]))
    array([0.5, 0.5])
    >>> softmax([np.inf, 0.0, -np.inf])
    array([1., 0., 0.])
    """
    z = as_float_array(z, "z")
    if z.ndim not in (1, 2) or z.size == 0:
        raise ValueError(
            f"z must be logits of shape (n,) for one example or (n, m) for m examples, with n >= 1; got shape {z.shape}."
        )
    big = np.finfo(z.dtype).max
    z = np.clip(z, -big, big)  # +-inf become the largest floats, whose softmax is the limit
    with np.errstate(over="ignore"):  # logits further apart than the largest float: exp(-inf) = 0
        e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _softmax(z: np.ndarray) -> np.ndarray:
    """:func:`softmax`'s two lines alone, for the finite float arrays of a training loop's
    gradient: the checks and the clipping cost more than the formula on a small batch."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax_jacobian(z) -> np.ndarray:
    """The Jacobian of softmax at one example: J[i, j] = ds_i / dz_j = s_i (delta_ij - s_j).

    Parameters
    ----------
    z : array_like of shape (n,) or (n, 1)
        Logits of one example.

    Returns
    -------
    ndarray of shape (n, n)
        ``diag(s) - s s^T``. It is symmetric, each row sums to 0, and it is singular.

    Examples
    --------
    >>> J = softmax_jacobian([0.0, 0.0])
    >>> J
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    z = as_array(z, "z")
    if z.ndim == 2 and z.shape[1] == 1:
        z = z[:, 0]
    if z.ndim != 1:
        raise ValueError(
            f"z must be the logits of one example, shape (n,) or (n, 1); got shape {z.shape}. "
            "For a batch use softmax_jacobian_batch."
        )
    s = softmax(z)
    return np.diag(s) - np.outer(s, s)


def softmax_jacobian_batch(Z) -> np.ndarray:
    """The softmax Jacobian of every example in a batch.

    Parameters
    ----------
    Z : array_like of shape (n, m)
        Logits, one example per column.

    Returns
    -------
    ndarray of shape (m, n, n)
        ``J[k]`` is the Jacobian of example k.

    Examples
    --------
    >>> softmax_jacobian_batch(np.zeros((2, 3))).shape
    (3, 2, 2)
    """
    Z = as_array(Z, "Z")
    if Z.ndim != 2:
        raise ValueError(f"Z must have shape (n, m), one example per column; got shape {Z.shape}.")
    S = softmax(Z).T  # (m, n)
    n = S.shape[1]
    return S[:, :, None] * np.eye(n) - S[:, :, None] * S[:, None, :]


def softmax_vjp(s: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Multiply the softmax Jacobian by ``v`` without building the Jacobian.

    Because J = diag(s) - s s^T is symmetric, this is also the vector-Jacobian product that
    backpropagation needs: dL/dz = J^T dL/ds = J dL/ds.

    Parameters
    ----------
    s : ndarray of shape (n,) or (n, m)
        Softmax outputs (not logits), one example per column.
    v : ndarray of the same shape
        The vector(s) to multiply, one per column.

    Returns
    -------
    ndarray of the same shape
        ``s * (v - sum_i s_i v_i)``, column by column: O(n) work per example instead of the
        O(n^2) of building and multiplying J.

    Examples
    --------
    >>> s = softmax(np.array([0.0, 0.0]))
    >>> softmax_vjp(s, np.array([1.0, 0.0]))
    array([ 0.25, -0.25])
    """
    s, v = as_float_array(s, "s"), as_float_array(v, "v")
    if s.shape != v.shape:
        raise ValueError(f"s and v must have the same shape, one column per example; got s {s.shape} and v {v.shape}.")
    return s * (v - (s * v).sum(axis=0, keepdims=True))
