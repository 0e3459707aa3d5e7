"""Seeded weight initialisation schemes (chapter 8).

A weight matrix has shape (n_out, n_in); biases start at zero in every scheme.
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

    Examples
    --------
    >>> small_random(2, 3, np.random.default_rng(0)).shape
    (2, 3)
    """
    return check_positive_number(scale, "scale", "0.01") * rng.standard_normal(_shape(n_out, n_in, rng))


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
    shape = _shape(n_out, n_in, rng)
    r = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-r, r, size=shape)


def he(n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """He/Kaiming normal: N(0, 2 / n_in), the scale for ReLU units, which zero half their inputs.

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
