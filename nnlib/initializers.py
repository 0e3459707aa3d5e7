"""Seeded weight initialisation schemes (chapter 8).

A weight matrix has shape (n_out, n_in); biases start at zero in every scheme.
"""

from __future__ import annotations

import numpy as np

from ._validation import unknown_name_error


def zeros(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """All weights 0. Every hidden unit then computes the same thing and receives the same
    gradient, so they stay identical forever: the symmetry that random starts break.

    Examples
    --------
    >>> zeros(2, 3, np.random.default_rng(0))
    array([[0., 0., 0.],
           [0., 0., 0.]])
    """
    return np.zeros((n_out, n_in))


def small_random(n_out: int, n_in: int, rng: np.random.Generator, scale: float = 0.01) -> np.ndarray:
    """Normal weights with standard deviation ``scale`` (0.01): breaks symmetry, ignores layer width.

    Examples
    --------
    >>> small_random(2, 3, np.random.default_rng(0)).shape
    (2, 3)
    """
    return scale * rng.standard_normal((n_out, n_in))


def xavier(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """Glorot/Xavier uniform: U(-r, r) with r = sqrt(6 / (n_in + n_out)).

    Keeps the variance of activations and gradients roughly constant across layers for
    sigmoid and tanh units.

    Examples
    --------
    >>> W = xavier(4, 2, np.random.default_rng(0))
    >>> bool(np.abs(W).max() <= 1.0)
    True
    """
    r = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-r, r, size=(n_out, n_in))


def he(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """He/Kaiming normal: N(0, 2 / n_in), the scale for ReLU units, which zero half their inputs.

    Examples
    --------
    >>> he(3, 2, np.random.default_rng(0)).shape
    (3, 2)
    """
    return np.sqrt(2.0 / n_in) * rng.standard_normal((n_out, n_in))


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
    try:
        init = INITIALIZERS[scheme]
    except (KeyError, TypeError):
        raise unknown_name_error("initialisation scheme", scheme, INITIALIZERS) from None
    return init(n_out, n_in, np.random.default_rng(seed))
