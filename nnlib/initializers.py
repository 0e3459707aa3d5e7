"""Seeded weight initialisation schemes (chapters 8 and 12).

A weight matrix has shape (n_out, n_in); biases start at zero in every scheme.

The scale of the schemes comes from one line of algebra. For weights drawn independently with mean 0
and variance v_w, independent of the layer's inputs a_k,

    Var(z_j) = Var(sum_k w_jk a_k) = n_in v_w E[a_k^2],

with the inputs' second moment E[a^2], which equals their variance Var(a) only when they have mean 0.
The backward pass gives, in the same way, Var(dA^[l-1]) = n_out v_w E[f'(z)^2] Var(dA^[l]).
Keeping both variances the same from layer to layer fixes v_w; chapter 12 derives and measures it.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_name, check_positive_int, check_positive_number, check_seed


def zeros(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """All weights 0. Every hidden unit then computes the same thing and receives the same
    gradient, so they stay identical forever: the symmetry that random starts break.

    Examples
    --------
    >>> zeros(2, 3, np.random.default_rng(0))
    array([[0., 0., 0.],
           [0., 0., 0.]])
    """
    return np.zeros(_shape(n_out, n_in, rng))


def small_random(n_out: int, n_in: int, rng: np.random.Generator, scale: float = 0.01) -> np.ndarray:
    """Normal weights with standard deviation ``scale`` (0.01): breaks symmetry, ignores layer width.

    With n_in v_w = n_in * 1e-4 far below 1, the signal shrinks at every layer, and so does the
    gradient on its way back: in a deep network the first layers hardly learn.

    Examples
    --------
    >>> small_random(2, 3, np.random.default_rng(0)).shape
    (2, 3)
    """
    return check_positive_number(scale, "scale", "0.01") * rng.standard_normal(_shape(n_out, n_in, rng))


def xavier(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """Glorot/Xavier uniform: U(-r, r) with r = sqrt(6 / (n_in + n_out)), so v_w = r^2 / 3 = 2 / (n_in + n_out).

    Derived for units with f(0) = 0 and f'(0) = 1, such as tanh, with inputs of mean 0: near 0 the
    unit passes its input's variance on unchanged, so the forward pass keeps Var(z) constant when
    n_in v_w = 1 and the backward pass keeps Var(dA) constant when n_out v_w = 1; v_w = 2 / (n_in + n_out)
    is the compromise between the two. It does not carry over to the sigmoid: its outputs have mean
    1/2, so E[a^2] is about 1/4 whatever the input, and its slope is at most 1/4, so the part of the
    signal that varies from example to example shrinks about fourfold per layer.

    Examples
    --------
    >>> W = xavier(4, 2, np.random.default_rng(0))
    >>> bool(np.abs(W).max() <= 1.0)
    True
    """
    shape = _shape(n_out, n_in, rng)
    r = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-r, r, size=shape)


def he(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """He/Kaiming normal: N(0, 2 / n_in), the scale for ReLU units.

    A ReLU zeroes half its outputs (those whose z < 0, for z symmetric about 0), so
    E[relu(z)^2] = Var(z) / 2: the second moment it passes on is half the variance it receives.
    Doubling Xavier's forward variance, n_in v_w = 2, makes up for it and keeps Var(z) constant
    from layer to layer; the backward pass loses the same half (f'(z) = 0 for half the units).

    Examples
    --------
    >>> he(3, 2, np.random.default_rng(0)).shape
    (3, 2)
    """
    shape = _shape(n_out, n_in, rng)
    return np.sqrt(2.0 / n_in) * rng.standard_normal(shape)


def _shape(n_out, n_in, rng) -> tuple[int, int]:
    """(n_out, n_in), checked, and a check that rng is a numpy Generator."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator, such as np.random.default_rng(0); got {type(rng).__name__}.")
    return check_positive_int(n_out, "n_out"), check_positive_int(n_in, "n_in")


INITIALIZERS = {"zeros": zeros, "small_random": small_random, "xavier": xavier, "he": he}
"""Every initialisation scheme by name."""


def initial_weights(n_out: int, n_in: int, scheme: str = "xavier", seed: int | np.random.Generator = 0) -> np.ndarray:
    """A (n_out, n_in) weight matrix drawn by the named scheme.

    Parameters
    ----------
    n_out, n_in : int
        Units in this layer and in the layer before.
    scheme : {"zeros", "small_random", "xavier", "he"}
    seed : int or numpy Generator
        The same seed gives the same weights.

    Examples
    --------
    >>> initial_weights(2, 2, "zeros")
    array([[0., 0.],
           [0., 0.]])
    """
    init = INITIALIZERS[check_name(scheme, "initialisation scheme", INITIALIZERS)]
    return init(n_out, n_in, np.random.default_rng(check_seed(seed)))
