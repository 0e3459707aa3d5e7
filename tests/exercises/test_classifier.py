"""Chapter 10's checkers, fed a right and a wrong answer each."""

import numpy as np

import nnlib
from nnlib.exercises.classifier import (
    check_digit_classifier,
    check_most_confused,
    check_train_epoch,
    digits_split,
    most_confused_pair,
    train_epoch_in_order,
)


def test_most_confused_reference_by_hand():
    C = np.array([[9, 0, 4], [4, 9, 1], [0, 0, 9]])
    assert most_confused_pair(C) == (0, 2)  # the tie with (1, 0) goes to the first in reading order


def test_most_confused_checker():
    def right(C):
        off = C - np.diag(np.diag(C))
        return np.unravel_index(off.argmax(), C.shape)

    def includes_diagonal(C):
        return np.unravel_index(C.argmax(), C.shape)

    assert check_most_confused(right)
    wrong = check_most_confused(includes_diagonal)
    assert not wrong and "returned [2., 2.], expected [1, 2]" in wrong.message


def test_train_epoch_reference_is_nnlib_train_without_shuffling():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(4, 12)), np.eye(3)[:, rng.integers(0, 3, 12)]
    a = nnlib.Network.from_sizes([4, 5, 3], output="softmax", seed=1)
    b = a.copy()
    train_epoch_in_order(a, X, Y, 0.5, 12)
    nnlib.train(b, X, Y, "categorical_cross_entropy", learning_rate=0.5, epochs=1)  # full batch: no shuffling
    for name, value in a.parameters().items():
        np.testing.assert_allclose(value, b.parameters()[name], rtol=1e-13)


def test_train_epoch_checker():
    assert check_train_epoch(train_epoch_in_order)

    def one_big_step(net, X, Y, learning_rate, batch_size):
        train_epoch_in_order(net, X, Y, learning_rate, X.shape[1])

    def uphill(net, X, Y, learning_rate, batch_size):  # adds the gradient (gradient_descent_step refuses a negative rate)
        for start in range(0, X.shape[1], batch_size):
            batch = slice(start, start + batch_size)
            _, grads = net.loss_and_gradients(X[:, batch], Y[:, batch], "categorical_cross_entropy")
            for name, value in net.parameters().items():
                value += learning_rate * grads[name]

    def drops_the_last_batch(net, X, Y, learning_rate, batch_size):
        m = X.shape[1] - X.shape[1] % batch_size
        train_epoch_in_order(net, X[:, :m], Y[:, :m], learning_rate, batch_size)

    assert "you took one step on all 12 examples; take one step per batch of 4" in check_train_epoch(one_big_step).message
    assert "12 examples, batch_size=4, your W1 after the epoch differs at entry" in check_train_epoch(uphill).message
    wrong = check_train_epoch(drops_the_last_batch)
    assert not wrong and "10 examples, batch_size=3" in wrong.message


def test_digit_classifier_checker():
    X_train, X_test, labels_train, labels_test = digits_split()
    assert X_train.shape[1] + X_test.shape[1] == 1797 and X_train.max() == 1.0
    net = nnlib.Network.from_sizes([64, 16, 10], output="softmax", seed=0)
    untrained = check_digit_classifier(net)
    assert not untrained and "below 95%" in untrained.message
    nnlib.train(net, X_train, nnlib.one_hot(labels_train, 10), "categorical_cross_entropy", learning_rate=1.0,
                epochs=20, batch_size=32)
    result = check_digit_classifier(net)
    assert result and "on the 449 held-out digits" in result.message
    assert "needs 64 inputs and 10 outputs" in check_digit_classifier(nnlib.Network.from_sizes([64, 3])).message
    assert "pass the trained nnlib Network" in check_digit_classifier("net").message


def test_digit_classifier_checker_answers_a_diverged_network_and_a_wrong_call():
    nan_net = nnlib.Network.from_sizes([64, 10], output="softmax", seed=0)
    nan_net.layers[0].W[3, 4] = np.nan
    assert "your W1 holds NaN or inf. Training diverged" in check_digit_classifier(nan_net).message
    huge = nnlib.Network.from_sizes([64, 10], output="softmax", seed=0)
    huge.layers[0].W *= 1e300
    assert "test accuracy" in check_digit_classifier(huge).message
    assert "threshold must be a number above 0 and at most 1" in check_digit_classifier(huge, threshold="high").message
    assert "threshold must be" in check_digit_classifier(huge, threshold=0.0).message

    class Broken(nnlib.Network):
        def forward(self, X):
            raise RuntimeError("my forward")

    broken = Broken(nnlib.Network.from_sizes([64, 10], output="softmax").layers)
    assert check_digit_classifier(broken).message == (
        "Not yet: the checker could not read your answer: RuntimeError: my forward.")


def test_most_confused_checker_names_swapped_classes():
    wrong = check_most_confused(lambda C: most_confused_pair(C)[::-1])
    assert not wrong and "the true class and the predicted class are swapped" in wrong.message
