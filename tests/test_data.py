"""Data generators, one-hot encoding and the train/test split."""

import numpy as np
import pytest

from nnlib import data

TRUTH = {
    "and": lambda p, q: p and q,
    "or": lambda p, q: p or q,
    "nand": lambda p, q: not (p and q),
    "nor": lambda p, q: not (p or q),
    "xor": lambda p, q: p != q,
    "xnor": lambda p, q: p == q,
}


@pytest.mark.parametrize("gate", sorted(TRUTH))
def test_logic_gates_follow_their_truth_tables(gate):
    X, Y = data.logic_gate(gate)
    assert X.shape == (2, 4) and Y.shape == (1, 4)
    assert set(data.GATES) == set(TRUTH)
    for (p, q), y in zip(X.T.astype(bool), Y[0]):
        assert y == float(TRUTH[gate](p, q))


@pytest.mark.parametrize(
    "make",
    [
        lambda seed: data.blobs(20, seed=seed),
        lambda seed: data.moons(40, seed=seed),
        lambda seed: data.circles(40, seed=seed),
        lambda seed: data.spirals(20, seed=seed),
        lambda seed: data.regression_1d(30, seed=seed),
        lambda seed: data.regression_2d(30, seed=seed),
    ],
)
def test_generators_are_seeded_and_columnar(make):
    X, y = make(0)
    X2, y2 = make(0)
    X3, y3 = make(1)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not (np.array_equal(X, X3) and np.array_equal(y, y3))
    assert X.shape[1] == y.shape[-1] and np.isfinite(X).all()


def test_class_balance():
    assert np.bincount(data.moons(101)[1]).tolist() == [50, 51]
    assert np.bincount(data.circles(100)[1]).tolist() == [50, 50]
    assert np.bincount(data.spirals(10, n_classes=4)[1]).tolist() == [10] * 4


def test_circles_inner_class_is_inside():
    X, labels = data.circles(200, noise=0.0, factor=0.4)
    radius = np.linalg.norm(X, axis=0)
    assert radius[labels == 1].max() < radius[labels == 0].min()


def test_one_hot():
    Y = data.one_hot(np.array([2, 0]), 3)
    np.testing.assert_array_equal(Y, [[0, 1], [0, 0], [1, 0]])
    with pytest.raises(ValueError, match=r"labels must hold class labels 0, 1, 2, \.\.\. \(whole numbers from 0\); got 0.5"):
        data.one_hot([0.5, 1.0])
    np.testing.assert_array_equal(data.one_hot(np.array([1.0, 0.0])), data.one_hot([1, 0]))  # whole floats are labels
    with pytest.raises(ValueError, match="label 3 does not fit n_classes=3"):
        data.one_hot([3], 3)


def test_split_partitions_the_columns():
    X = np.arange(20.0).reshape(2, 10)
    labels = np.arange(10)
    X_train, X_test, y_train, y_test = data.train_test_split(X, labels, 0.3, seed=0)
    assert X_test.shape == (2, 3) and X_train.shape == (2, 7)
    assert sorted(np.concatenate([y_train, y_test]).tolist()) == list(range(10))
    np.testing.assert_array_equal(X_test[1], X_test[0] + 10)  # columns stay whole
    np.testing.assert_array_equal(X_test[0], y_test)  # and stay with their labels


def test_split_errors():
    with pytest.raises(ValueError, match="X has 10 examples \\(columns\\) but Y has 9"):
        data.train_test_split(np.zeros((2, 10)), np.zeros(9))
    with pytest.raises(ValueError, match="test_fraction must be between 0 and 1"):
        data.train_test_split(np.zeros((2, 10)), np.zeros(10), 1.5)


def test_unknown_gate():
    with pytest.raises(ValueError, match=r"unknown logic gate 'xorr'.*Did you mean 'xor'\?"):
        data.logic_gate("xorr")


# The handwritten digits shipped with nnlib (chapter 10): the file is what tools/extract_digits.py
# and the book say it is.

DIGIT_CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
"""Examples per digit in the UCI test file optdigits.tes (1797 in all)."""


def test_digits_file_holds_what_the_book_documents():
    from importlib.resources import files

    with files("nnlib.datasets").joinpath("digits.npz").open("rb") as f, np.load(f) as stored:
        assert sorted(stored.files) == ["X", "labels"]
        X, labels = stored["X"], stored["labels"]
        assert X.dtype == np.uint8 and labels.dtype == np.uint8
    assert X.shape == (64, 1797) and labels.shape == (1797,)
    assert X.min() == 0 and X.max() == 16
    assert np.bincount(labels).tolist() == DIGIT_CLASS_COUNTS


def test_load_digits_returns_columns_of_floats():
    X, labels = data.load_digits()
    assert X.shape == (64, 1797) and X.dtype == np.float64
    assert labels.shape == (1797,) and np.issubdtype(labels.dtype, np.integer)
    assert set(np.unique(X)) <= set(range(17))
    assert np.bincount(labels).tolist() == DIGIT_CLASS_COUNTS
    # the images look like digits: a 0 has an empty centre and a full ring around it
    zero = X[:, labels == 0].mean(axis=1).reshape(8, 8)
    assert zero[3:5, 3:5].mean() < 4 < zero[1:7, 1:7].mean()
    # every call gives a fresh copy, so a chapter that scales X in place cannot spoil the next one
    X[:] = 0
    assert data.load_digits()[0].max() == 16


def test_digits_source_names_the_authors_and_licence():
    assert "Alpaydin" in data.DIGITS_SOURCE and "Kaynak" in data.DIGITS_SOURCE
    assert "CC BY 4.0" in data.DIGITS_SOURCE
