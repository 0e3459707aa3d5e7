"""Checkers for chapter 10, a complete classifier of handwritten digits."""

from __future__ import annotations

import functools
from numbers import Real

import numpy as np

from ..data import load_digits, one_hot, train_test_split
from ..losses import get_loss
from ..metrics import accuracy, predict_labels
from ..network import Network
from ..training import gradient_descent_step, train
from . import hints
from .checking import CheckResult, NotYet, _short, as_numbers, checker, compare, parameters_after, run

DIGITS_TEST_FRACTION = 0.25
DIGITS_SPLIT_SEED = 0


def digits_split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Chapter 10's data: the digits with pixels divided by 16, split 75/25 with seed 0.

    Returns
    -------
    X_train, X_test, labels_train, labels_test

    Examples
    --------
    >>> X_train, X_test, labels_train, labels_test = digits_split()
    >>> X_train.shape, X_test.shape, float(X_train.max())
    ((64, 1348), (64, 449), 1.0)
    """
    X, labels = load_digits()
    return train_test_split(X / 16.0, labels, DIGITS_TEST_FRACTION, seed=DIGITS_SPLIT_SEED)


def most_confused_pair(C) -> tuple[int, int]:
    """The (true class, predicted class) of the largest off-diagonal count of a confusion matrix;
    on a tie, the first in reading order (row by row).

    Examples
    --------
    >>> most_confused_pair(np.array([[5, 1, 0], [0, 6, 3], [2, 0, 7]]))
    (1, 2)
    """
    off = np.array(C, dtype=float)
    np.fill_diagonal(off, -np.inf)
    i, j = np.unravel_index(np.argmax(off), off.shape)
    return int(i), int(j)


@checker(solution=lambda: (most_confused_pair,))
def check_most_confused(answer) -> CheckResult:
    """Check ``answer(C)``, which returns ``(true_class, predicted_class)`` of the most frequent
    mistake in a confusion matrix C (rows true, columns predicted); ties go to the first pair in
    reading order.

    Examples
    --------
    >>> check_most_confused(most_confused_pair).passed
    True
    """
    rng = np.random.default_rng(10)
    cases = [
        {"C": np.array([[5, 1, 0], [0, 6, 3], [2, 0, 7]])},
        {"C": np.array([[50, 0], [1, 40]])},
        {"C": np.array([[90, 2, 2], [0, 95, 0], [2, 0, 80]])},
    ]
    for k in (4, 10):
        cases.append({"C": rng.integers(0, 6, (k, k)) + np.diag(rng.integers(30, 60, k))})
    what = "(true class, predicted class)"
    for case in cases:
        where = f"for C={_short(case['C'])}"
        expected = most_confused_pair(case["C"])
        pair = as_numbers(run(answer, case, what, where), f"{where}, your {what} returned")
        if pair.shape == (2,) and hints.swapped(pair, expected, ("true class", "predicted class")):
            raise NotYet(f"{where}, your pair is {_short(pair)}, expected {_short(expected)}: the true class and the predicted "
                         "class are swapped. Rows of C are true classes, columns predicted ones.")
        compare(pair, expected, what, where, rtol=0, atol=0)
    return CheckResult(True, f"Correct: your {what} agrees with nnlib on all {len(cases)} test cases.")


def train_epoch_in_order(net: Network, X: np.ndarray, Y: np.ndarray, learning_rate: float, batch_size: int) -> None:
    """One epoch of mini-batch gradient descent without shuffling, with the categorical
    cross-entropy: batches X[:, 0:k], X[:, k:2k], ..., the last one shorter if needed.

    Examples
    --------
    >>> net = Network.from_sizes([2, 3], output="softmax", seed=0)
    >>> train_epoch_in_order(net, np.eye(2), np.eye(3)[:, :2], 0.5, 1)
    >>> net.layers[0].W.shape
    (3, 2)
    """
    loss = get_loss("categorical_cross_entropy")
    for start in range(0, X.shape[1], batch_size):
        X_batch, Y_batch = X[:, start : start + batch_size], Y[:, start : start + batch_size]
        Y_hat = net.forward(X_batch)
        net.backward(loss.gradient(Y_hat, Y_batch))
        gradient_descent_step(net, learning_rate)


@checker(solution=lambda: (train_epoch_in_order,), time_limit=10.0)
def check_train_epoch(answer) -> CheckResult:
    """Check ``answer(net, X, Y, learning_rate, batch_size)``, which trains ``net`` in place for one
    epoch: one gradient-descent step on the categorical cross-entropy of each mini-batch, taken in
    order without shuffling (see :func:`train_epoch_in_order`).

    Examples
    --------
    >>> check_train_epoch(train_epoch_in_order).passed
    True
    """
    rng = np.random.default_rng(11)
    for sizes, m, batch_size, eta in [([4, 5, 3], 12, 4, 0.5), ([6, 4, 10], 10, 3, 1.0), ([3, 2], 5, 5, 0.1)]:
        X = rng.normal(size=(sizes[0], m))
        Y = np.eye(sizes[-1])[:, rng.integers(0, sizes[-1], m)]
        net = Network.from_sizes(sizes, hidden="sigmoid", output="softmax", seed=int(rng.integers(1000)))
        expected, mine, one_step = net.copy(), net.copy(), net.copy()
        train_epoch_in_order(expected, X, Y, eta, batch_size)
        train_epoch_in_order(one_step, X, Y, eta, m)
        case = f"for a {sizes} network, {m} examples, batch_size={batch_size}"
        run(answer, {"net": mine, "X": X, "Y": Y, "learning_rate": eta, "batch_size": batch_size}, "epoch", case,
            may_change=("net",))
        want = expected.parameters()
        got = parameters_after(mine, want, "after the epoch", case)
        if all(np.array_equal(got[name], value) for name, value in net.parameters().items()):
            raise NotYet(f"{case}, the weights did not change; update net's layers in place.")
        if batch_size < m and all(_close(got[n], v, rtol=1e-10) for n, v in one_step.parameters().items()):
            raise NotYet(f"{case}, you took one step on all {m} examples; take one step per batch of {batch_size}.")
        for name in want:
            compare(got[name], want[name], f"{name} after the epoch", case, rtol=1e-9, atol=1e-12, returned=False)
    return CheckResult(True, "Correct: your epoch takes the same steps as nnlib on all 3 test networks.")


def _close(a: np.ndarray, b: np.ndarray, rtol: float) -> bool:
    return a.shape == b.shape and np.allclose(a, b, rtol=rtol)


@functools.cache
def _trained_digit_classifier() -> Network:
    """A 64-16-10 network trained on chapter 10's training digits: the registry's right answer."""
    X_train, _, labels_train, _ = digits_split()
    net = Network.from_sizes([64, 16, 10], output="softmax", seed=0)
    train(net, X_train, one_hot(labels_train, 10), "categorical_cross_entropy", learning_rate=1.0, epochs=20, batch_size=32)
    return net


@checker(solution=lambda: (_trained_digit_classifier(),), time_limit=10.0)
def check_digit_classifier(net: Network, threshold: float = 0.95) -> CheckResult:
    """Check a trained network on chapter 10's test digits: 64 inputs (pixels divided by 16),
    10 outputs, and a test accuracy of at least ``threshold``.

    The test set is the one of :func:`digits_split`; train on its training part only.

    Examples
    --------
    >>> check_digit_classifier(Network.from_sizes([64, 10], output="softmax")).passed
    False
    """
    if not isinstance(net, Network):
        raise NotYet(f"pass the trained nnlib Network; got {hints.describe(net)}.")
    if isinstance(threshold, bool) or not isinstance(threshold, Real) or not 0 < threshold <= 1:
        raise NotYet(f"threshold must be a number above 0 and at most 1, such as 0.95; got {hints.describe(threshold)}.")
    if net.sizes[0] != 64 or net.sizes[-1] != 10:
        raise NotYet(f"a digit classifier needs 64 inputs and 10 outputs; your network has sizes {net.sizes}.")
    parameters_after(net, net.parameters())
    _, X_test, _, labels_test = digits_split()
    Y_hat = net.forward(X_test)
    if not np.isfinite(Y_hat).all():
        raise NotYet("your network's outputs on the test digits hold NaN or inf: its weights are too large." + hints.DIVERGED)
    score = accuracy(labels_test, predict_labels(Y_hat))
    if score < threshold:
        raise NotYet(f"test accuracy {score:.1%}, below {threshold:.0%}. Train longer, or adjust the learning rate.")
    return CheckResult(True, f"Correct: test accuracy {score:.1%} on the {X_test.shape[1]} held-out digits.")
