"""Gradient clipping by norm (chapter 12).

All the gradients of a network, laid end to end, form one long vector g. Clipping by norm keeps
its direction and caps its length:

    g <- g * min(1, tau / ‖g‖),

so a step is never longer than eta tau. A rare huge gradient (an exploding one) then moves the weights
by a bounded amount instead of throwing them far away, and ordinary gradients, shorter than c, pass
unchanged.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_number


def gradient_norm(grads: dict[str, np.ndarray]) -> float:
    """‖g‖: the Euclidean length of all the gradients together, as one vector.

    Computed without overflow or underflow, so gradients of 1e200 or 1e-200 give their true length.

    Raises
    ------
    ValueError
        If a gradient holds NaN or inf, which no rescaling can repair.

    Examples
    --------
    >>> gradient_norm({"W1": np.array([[3.0]]), "b1": np.array([[4.0]])})
    5.0
    """
    arrays = [np.asarray(g, dtype=float) for g in grads.values()]
    for name, g in zip(grads, arrays):
        if not np.isfinite(g).all():
            raise ValueError(f"the gradient {name!r} holds NaN or inf: clipping cannot repair it. "
                             "Look for an overflow in the forward pass, or a learning rate that is far too large.")
    largest = max((float(np.abs(g).max(initial=0.0)) for g in arrays), default=0.0)
    if largest == 0.0:
        return 0.0
    return largest * float(np.sqrt(sum(np.sum((g / largest) ** 2) for g in arrays)))


def clip_by_norm(grads: dict[str, np.ndarray], max_norm: float) -> dict[str, np.ndarray]:
    """The gradients scaled by min(1, max_norm / ‖g‖): the same direction, at most ``max_norm`` long.

    Returns new arrays, by the same names; ``grads`` is unchanged.

    Parameters
    ----------
    grads : dict of str to ndarray
        The gradient of every parameter, as ``net.gradients()`` gives them.
    max_norm : float
        tau, the largest length allowed, a positive number.

    Examples
    --------
    >>> clipped = clip_by_norm({"W1": np.array([[30.0]]), "b1": np.array([[40.0]])}, max_norm=5.0)
    >>> clipped
    {'W1': array([[3.]]), 'b1': array([[4.]])}
    >>> clip_by_norm({"W1": np.array([[0.3]])}, max_norm=5.0)
    {'W1': array([[0.3]])}
    """
    max_norm = check_positive_number(max_norm, "max_norm")
    norm = gradient_norm(grads)
    factor = 1.0 if norm <= max_norm else max_norm / norm
    return {name: g * factor for name, g in grads.items()}
