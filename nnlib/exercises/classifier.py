"""Checkers for chapter 10, a complete classifier of handwritten digits."""

from __future__ import annotations

import numpy as np

from ..data import load_digits, train_test_split
from ..losses import get_loss
from ..metrics import accuracy, predict_labels
from ..network import Network
from ..training import gradient_descent_step
from .checking import CheckResult, _short, compare_function

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
    return compare_function(answer, most_confused_pair, cases, "(true class, predicted class)")


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
        try:
            answer(mine, X.copy(), Y.copy(), eta, batch_size)
        except Exception as exc:  # the reader's code
            return CheckResult(False, f"Not yet: your epoch raised {type(exc).__name__}: {exc}")
        case = f"for a {sizes} network, {m} examples, batch_size={batch_size}"
        got, want = mine.parameters(), expected.parameters()
        if all(np.array_equal(got[name], value) for name, value in net.parameters().items()):
            return CheckResult(False, f"Not yet: {case} the weights did not change; update net's layers in place.")
        if batch_size < m and all(np.allclose(got[n], one_step.parameters()[n], rtol=1e-10) for n in got):
            return CheckResult(
                False, f"Not yet: {case} you took one step on all {m} examples; take one step per batch of {batch_size}."
            )
        for name in want:
            if not np.allclose(got[name], want[name], rtol=1e-9, atol=1e-12):
                return CheckResult(
                    False, f"Not yet: {case} your {name} after the epoch is {_short(got[name])}; expected {_short(want[name])}."
                )
    return CheckResult(True, "Correct: your epoch takes the same steps as nnlib on all 3 test networks.")


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
        return CheckResult(False, f"Not yet: pass the trained nnlib Network; got {type(net).__name__}.")
    if net.sizes[0] != 64 or net.sizes[-1] != 10:
        return CheckResult(
            False, f"Not yet: a digit classifier needs 64 inputs and 10 outputs; your network has sizes {net.sizes}."
        )
    _, X_test, _, labels_test = digits_split()
    score = accuracy(labels_test, predict_labels(net.forward(X_test)))
    if score < threshold:
        return CheckResult(
            False, f"Not yet: test accuracy {score:.1%}, below {threshold:.0%}. Train longer, or adjust the learning rate."
        )
    return CheckResult(True, f"Correct: test accuracy {score:.1%} on the {X_test.shape[1]} held-out digits.")
