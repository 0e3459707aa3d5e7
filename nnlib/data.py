"""Small seeded data sets for the course, made by code (nothing is downloaded).

Every generator returns X of shape (n_features, m), one example per column. Classification sets
return integer class labels of shape (m,) (use :func:`one_hot`, or ``labels.reshape(1, -1)``
for a single sigmoid output); regression sets and logic gates return targets Y of shape (1, m).
The same seed always gives the same data.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    as_array,
    as_labels,
    check_fraction,
    check_name,
    check_non_negative_number,
    check_positive_int,
    check_seed,
)

GATES = {
    "and": [0, 0, 0, 1],
    "or": [0, 1, 1, 1],
    "nand": [1, 1, 1, 0],
    "nor": [1, 0, 0, 0],
    "xor": [0, 1, 1, 0],
    "xnor": [1, 0, 0, 1],
}
"""Truth tables, listed for the inputs (0, 0), (0, 1), (1, 0), (1, 1)."""


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The four inputs of a two-input logic gate and its outputs.

    Returns
    -------
    X : ndarray of shape (2, 4)
        Columns (0, 0), (0, 1), (1, 0), (1, 1).
    Y : ndarray of shape (1, 4)

    Examples
    --------
    >>> X, Y = logic_gate("xor")
    >>> Y
    array([[0., 1., 1., 0.]])
    """
    outputs = GATES[check_name(name, "logic gate", GATES)]
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    return X, np.array([outputs], dtype=float)


def blobs(
    n_per_class: int = 50, centers=((-1.0, -1.0), (1.0, 1.0)), std: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian clouds in the plane, one per centre.

    Examples
    --------
    >>> X, labels = blobs(10)
    >>> X.shape, labels.shape
    ((2, 20), (20,))
    """
    n_per_class = check_positive_int(n_per_class, "n_per_class")
    centers = as_array(centers, "centers")
    if centers.ndim != 2 or centers.size == 0:
        raise ValueError(
            f"centers must be a list of points, one row per class, such as [(-1, -1), (1, 1)]; got shape {centers.shape}."
        )
    std = check_non_negative_number(std, "std", "0.5")
    rng = np.random.default_rng(check_seed(seed))
    X = np.concatenate([c[:, None] + std * rng.standard_normal((centers.shape[1], n_per_class)) for c in centers], axis=1)
    labels = np.repeat(np.arange(len(centers)), n_per_class)
    return X, labels


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: not linearly separable, easy for a small hidden layer.

    Examples
    --------
    >>> X, labels = moons(100)
    >>> X.shape, int(labels.sum())
    ((2, 100), 50)
    """
    n, noise, rng = _sample_arguments(n, noise, seed)
    n_top = n // 2
    t_top = np.linspace(0, np.pi, n_top)
    t_bottom = np.linspace(0, np.pi, n - n_top)
    top = np.stack([np.cos(t_top), np.sin(t_top)])
    bottom = np.stack([1 - np.cos(t_bottom), 0.5 - np.sin(t_bottom)])
    X = np.concatenate([top, bottom], axis=1) + noise * rng.standard_normal((2, n))
    labels = np.concatenate([np.zeros(n_top, int), np.ones(n - n_top, int)])
    return X, labels


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A small circle (class 1) inside a large one (class 0).

    Examples
    --------
    >>> X, labels = circles(100)
    >>> X.shape, int(labels.sum())
    ((2, 100), 50)
    """
    n, noise, rng = _sample_arguments(n, noise, seed)
    factor = check_fraction(factor, "factor", "0.5")
    n_outer = n // 2
    t_outer = np.linspace(0, 2 * np.pi, n_outer, endpoint=False)
    t_inner = np.linspace(0, 2 * np.pi, n - n_outer, endpoint=False)
    outer = np.stack([np.cos(t_outer), np.sin(t_outer)])
    inner = factor * np.stack([np.cos(t_inner), np.sin(t_inner)])
    X = np.concatenate([outer, inner], axis=1) + noise * rng.standard_normal((2, n))
    labels = np.concatenate([np.zeros(n_outer, int), np.ones(n - n_outer, int)])
    return X, labels


def spirals(n_per_class: int = 100, n_classes: int = 3, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms, one per class: a hard problem for a small network.

    Examples
    --------
    >>> X, labels = spirals(20, n_classes=3)
    >>> X.shape, np.bincount(labels).tolist()
    ((2, 60), [20, 20, 20])
    """
    n_per_class, noise, rng = _sample_arguments(n_per_class, noise, seed, minimum=1, name="n_per_class")
    n_classes = check_positive_int(n_classes, "n_classes")
    radius = np.linspace(0.0, 1.0, n_per_class)
    arms = []
    for k in range(n_classes):
        angle = np.linspace(k * 4.0, (k + 1) * 4.0, n_per_class) + noise * rng.standard_normal(n_per_class)
        arms.append(np.stack([radius * np.sin(angle), radius * np.cos(angle)]))
    return np.concatenate(arms, axis=1), np.repeat(np.arange(n_classes), n_per_class)


def regression_1d(n: int = 50, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Noisy samples of y = sin(pi x) for x in [-1, 1].

    Returns
    -------
    X : ndarray of shape (1, n)
    Y : ndarray of shape (1, n)

    Examples
    --------
    >>> X, Y = regression_1d(5, noise=0.0)
    >>> Y.round(3)
    array([[-0., -1.,  0.,  1.,  0.]])
    """
    n, noise, rng = _sample_arguments(n, noise, seed, minimum=1)
    X = np.linspace(-1.0, 1.0, n).reshape(1, n)
    return X, np.sin(np.pi * X) + noise * rng.standard_normal((1, n))


def regression_2d(n: int = 100, noise: float = 0.05, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Noisy samples of y = sin(x1) + x2^2 / 2 for (x1, x2) uniform in [-1.5, 1.5]^2 (the 2-3-1 set).

    Examples
    --------
    >>> X, Y = regression_2d(10)
    >>> X.shape, Y.shape
    ((2, 10), (1, 10))
    """
    n, noise, rng = _sample_arguments(n, noise, seed, minimum=1)
    X = rng.uniform(-1.5, 1.5, size=(2, n))
    Y = np.sin(X[0]) + 0.5 * X[1] ** 2 + noise * rng.standard_normal(n)
    return X, Y.reshape(1, n)


def _sample_arguments(n, noise, seed, minimum: int = 2, name: str = "n"):
    """The size, noise and generator every sampled data set takes, checked."""
    n = check_positive_int(n, name, minimum)
    noise = check_non_negative_number(noise, "noise")
    return n, noise, np.random.default_rng(check_seed(seed))


def one_hot(labels, n_classes: int | None = None) -> np.ndarray:
    """Class labels (m,) as one-hot columns (n_classes, m).

    Labels are whole numbers 0, 1, 2, ...; whole floats such as the 1.0 of a logic gate's Y are
    accepted (documented behaviour), 0.5 or -1 are a ValueError.

    Examples
    --------
    >>> one_hot([0, 2, 1])
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]])
    """
    labels = as_labels(labels, "labels")
    k = int(labels.max()) + 1 if n_classes is None else check_positive_int(n_classes, "n_classes")
    if labels.max() >= k:
        raise ValueError(f"label {labels.max()} does not fit n_classes={k}; labels must be below n_classes.")
    Y = np.zeros((k, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def train_test_split(X, Y, test_fraction: float = 0.25, seed: int = 0):
    """Shuffle the examples (columns) and hold out ``test_fraction`` of them for testing.

    Parameters
    ----------
    X : array_like of shape (n_features, m), or (m,) for one feature
    Y : array_like of shape (n_outputs, m), or labels of shape (m,)
    test_fraction : float
        Between 0 and 1; at least one example ends up on each side, so m must be at least 2.
    seed : int

    Returns
    -------
    X_train, X_test, Y_train, Y_test

    Examples
    --------
    >>> X, labels = moons(100)
    >>> X_train, X_test, y_train, y_test = train_test_split(X, labels, 0.2)
    >>> X_train.shape, X_test.shape, y_test.shape
    ((2, 80), (2, 20), (20,))
    """
    X = as_array(X, "X")
    Y_checked = as_array(Y, "Y")  # numbers and finite; Y itself keeps its dtype (integer labels stay integers)
    Y = np.asarray(Y)
    if X.ndim not in (1, 2) or Y.ndim not in (1, 2):
        raise ValueError(
            f"X and Y must be 1-D or 2-D with one example per column; got X of shape {X.shape} and Y of shape {Y_checked.shape}."
        )
    m = X.shape[-1]
    if Y.shape[-1] != m:
        raise ValueError(f"X has {m} examples (columns) but Y has {Y.shape[-1]}; they must match.")
    if m < 2:
        raise ValueError(f"X must hold at least 2 examples (columns) to split into a training and a test set; got {m}.")
    test_fraction = check_fraction(test_fraction, "test_fraction")
    n_test = min(max(1, round(test_fraction * m)), m - 1)
    order = np.random.default_rng(check_seed(seed)).permutation(m)
    test, train = order[:n_test], order[n_test:]
    return X[..., train], X[..., test], Y[..., train], Y[..., test]


DIGITS_SOURCE = (
    'E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits", UCI Machine Learning '
    "Repository (1998), doi:10.24432/C50P49, licensed CC BY 4.0"
)
"""Where the digits of :func:`load_digits` come from, and their licence."""


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1797 handwritten digits (8x8 images) that ship with nnlib, one image per column.

    The images come from the UCI Machine Learning Repository's "Optical Recognition of
    Handwritten Digits" (E. Alpaydin and C. Kaynak, 1998; CC BY 4.0): its test file, the same
    examples scikit-learn bundles. Each pixel counts the "on" pixels of a 4x4 block of a 32x32
    bitmap, so it is a whole number from 0 to 16. The file is read from the installed package
    (``nnlib/datasets/digits.npz``), so nothing is downloaded.

    Returns
    -------
    X : ndarray of shape (64, 1797), float64
        Pixel values 0 to 16; ``X[:, i].reshape(8, 8)`` is image i, row by row.
    labels : ndarray of shape (1797,), int
        The digit 0 to 9 each image shows.

    Examples
    --------
    >>> X, labels = load_digits()
    >>> X.shape, labels.shape, X.max(), labels[:5].tolist()
    ((64, 1797), (1797,), np.float64(16.0), [0, 1, 2, 3, 4])
    """
    from importlib.resources import files

    with files("nnlib.datasets").joinpath("digits.npz").open("rb") as f, np.load(f) as data:
        return data["X"].astype(np.float64), data["labels"].astype(np.int64)
