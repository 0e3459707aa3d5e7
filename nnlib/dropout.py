"""Dropout with inverted scaling, as a layer (chapter 12).

In training, each unit of the layer below is kept with probability p and silenced otherwise, a new
random choice for every example and every forward pass. The kept outputs are divided by p, so the
expected output of every unit is what it would be without dropout:

    A = (M / p) * A_prev,  M_jk ~ Bernoulli(p) independently,  E[A] = A_prev.

In evaluation, nothing is dropped and nothing is scaled: A = A_prev. Because of the 1/p in training,
the network needs no change between the two modes ("inverted" dropout).

The backward pass multiplies by the same mask: dA_prev = (M / p) * dA. A dropped unit passes no
gradient back, and a kept one passes its gradient times 1/p.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_in_range, check_seed


class Dropout:
    """A layer without parameters that drops units in training and passes everything in evaluation.

    It has the interface of :class:`~nnlib.layers.Dense`: ``forward(A_prev)``, ``backward(dA)``,
    and ``parameters()`` and ``gradients()``, which are empty.

    Parameters
    ----------
    keep_probability : float, default 0.8
        p, the probability that a unit is kept, in (0, 1]; 1 drops nothing.
    seed : int, default 0
        Seeds the masks, so a run is repeatable.

    Attributes
    ----------
    training : bool
        True (the default) drops units; False (evaluation) passes the input through. Set it with
        :meth:`train` and :meth:`eval` (a network's own ``train()`` and ``eval()`` call them).
    fixed_keep : ndarray of bool or None
        A mask M that every forward pass in training uses instead of drawing a new one; None (the
        default) draws a new one each time. Fixing it makes the loss an ordinary function of the
        weights, which a gradient check needs.
    mask : ndarray or None
        M / p of the last forward pass in training (shape of the input); None in evaluation.

    Examples
    --------
    >>> layer = Dropout(keep_probability=0.5, seed=2)
    >>> A = np.ones((2, 4))
    >>> layer.forward(A)
    array([[2., 2., 0., 2.],
           [0., 0., 2., 2.]])
    >>> layer.backward(np.full((2, 4), 0.1))
    array([[0.2, 0.2, 0. , 0.2],
           [0. , 0. , 0.2, 0.2]])
    >>> layer.eval().forward(A)
    array([[1., 1., 1., 1.],
           [1., 1., 1., 1.]])
    """

    def __init__(self, keep_probability: float = 0.8, seed: int = 0):
        self.keep_probability = check_in_range(keep_probability, "keep_probability", 0.0, 1.0, low_open=True, example="0.8")
        self.rng = np.random.default_rng(check_seed(seed))
        self.training = True
        self.fixed_keep: np.ndarray | None = None
        self.mask: np.ndarray | None = None

    def train(self) -> Dropout:
        """Switch to training mode (units are dropped); return the layer."""
        self.training = True
        return self

    def eval(self) -> Dropout:
        """Switch to evaluation mode (nothing is dropped); return the layer."""
        self.training = False
        return self

    def forward(self, A_prev: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
        """A = (M / p) * A_prev in training, A = A_prev in evaluation.

        Parameters
        ----------
        A_prev : ndarray of shape (n, m)
            The outputs of the layer below.
        keep : ndarray of bool of the same shape, optional
            The mask M to use instead of a new random one: a fixed mask, for a gradient check.
            Ignored in evaluation. By default, :attr:`fixed_keep` if it is set.
        """
        A_prev = np.asarray(A_prev)
        if not np.issubdtype(A_prev.dtype, np.floating):
            A_prev = A_prev.astype(float)
        if not self.training:
            self.mask = None
            return A_prev
        keep = self.fixed_keep if keep is None else keep
        if keep is None:  # a new mask: each unit kept with probability p
            keep = self.rng.random(A_prev.shape) < self.keep_probability
        elif np.shape(keep) != A_prev.shape:
            raise ValueError(f"the mask keep (or fixed_keep) must have the shape of A_prev, {A_prev.shape}; "
                             f"got {np.shape(keep)}.")
        self.mask = np.asarray(keep).astype(A_prev.dtype) / A_prev.dtype.type(self.keep_probability)
        return self.mask * A_prev

    def backward(self, dA: np.ndarray, input_gradient: bool = True) -> np.ndarray | None:
        """dA_prev = (M / p) * dA, with the mask of the last forward pass (dA itself in evaluation).

        ``input_gradient`` is there for the layer interface: False returns None, as for a first layer.
        """
        if not input_gradient:
            return None
        if not self.training:
            return dA
        if self.mask is None:
            raise RuntimeError("call forward before backward: backward needs the mask forward drew.")
        if dA.shape != self.mask.shape:
            raise ValueError(f"dA must have the shape of the last forward pass's output, {self.mask.shape}; got {dA.shape}.")
        return self.mask * dA

    def parameters(self) -> dict[str, np.ndarray]:
        """An empty dict: dropout has no parameters."""
        return {}

    def gradients(self) -> dict[str, np.ndarray]:
        """An empty dict: dropout has no parameters, so no gradients."""
        return {}

    def __repr__(self) -> str:
        return f"Dropout(keep_probability={self.keep_probability}, training={self.training})"
