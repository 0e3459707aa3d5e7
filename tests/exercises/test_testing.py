"""Chapter 9's checkers, fed a right and a wrong answer each; the early-stopping reference
agrees with what nnlib.train does."""

import numpy as np

import nnlib
from nnlib.exercises.testing import (
    check_confusion_matrix,
    check_early_stopping,
    check_precision_recall,
    early_stopping_epochs,
    precision_recall,
)


def test_confusion_matrix_checker():
    def counts(labels_true, labels_pred, n_classes):
        C = np.zeros((n_classes, n_classes), dtype=int)
        for t, p in zip(labels_true, labels_pred):
            C[t, p] += 1
        return C

    def transposed(labels_true, labels_pred, n_classes):
        return counts(labels_true, labels_pred, n_classes).T

    assert check_confusion_matrix(counts)
    wrong = check_confusion_matrix(transposed)
    assert not wrong and "for labels_true=[0, 1, 1, 0], labels_pred=[0, 1, 0, 0], n_classes=2" in wrong.message
    assert "expected [[2, 0], [1, 1]]" in wrong.message
    inferred = check_confusion_matrix(
        lambda labels_true, labels_pred, n_classes: counts(labels_true, labels_pred, max(max(labels_true), max(labels_pred)) + 1)
    )
    assert not inferred and "n_classes=4, your confusion matrix returned shape (2, 2), expected shape (4, 4)" in inferred.message


def test_precision_recall_reference_by_hand():
    precision, recall = precision_recall(np.array([[8, 2], [1, 9]]))
    np.testing.assert_allclose(precision, [8 / 9, 9 / 11])
    np.testing.assert_allclose(recall, [8 / 10, 9 / 10])


def test_precision_recall_checker():
    right = lambda C: (np.diag(C) / C.sum(axis=0), np.diag(C) / C.sum(axis=1))
    swapped = lambda C: (np.diag(C) / C.sum(axis=1), np.diag(C) / C.sum(axis=0))
    assert check_precision_recall(right)
    wrong = check_precision_recall(swapped)
    assert not wrong and "swapped" in wrong.message
    accuracy_only = check_precision_recall(lambda C: (np.diag(C) / C.sum(), np.diag(C) / C.sum()))
    assert not accuracy_only and "your precision is" in accuracy_only.message


def test_early_stopping_reference_matches_nnlib_train():
    X, labels = nnlib.data.moons(60, noise=0.35, seed=0)
    X_train, X_val, y_train, y_val = nnlib.train_test_split(X, labels, 0.5, seed=0)
    for patience in (5, 20):
        net = nnlib.Network.from_sizes([2, 16, 1], hidden="tanh", seed=0)
        history = nnlib.train(net, X_train, y_train.reshape(1, -1), "binary_cross_entropy", learning_rate=2.0, epochs=300,
                              X_test=X_val, Y_test=y_val.reshape(1, -1), patience=patience)
        best, stop = early_stopping_epochs(history.test_loss, patience)
        assert (best, stop) == (history.best_epoch, history.epochs)
        assert stop < 300  # it did stop early


def test_early_stopping_checker():
    assert check_early_stopping(early_stopping_epochs)

    def keeps_the_last(validation_losses, patience):
        best, stop = early_stopping_epochs(validation_losses, patience)
        return stop, stop

    wrong = check_early_stopping(keeps_the_last)
    assert not wrong and "expected [2, 5]" in wrong.message
