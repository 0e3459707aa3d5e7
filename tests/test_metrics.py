"""Predictions, accuracy and the confusion matrix."""

import numpy as np
import pytest

from nnlib.metrics import accuracy, confusion_matrix, predict_labels


def test_predict_labels():
    np.testing.assert_array_equal(predict_labels([[0.2, 0.5, 0.51]]), [0, 0, 1])
    np.testing.assert_array_equal(predict_labels([[0.1, 0.8], [0.7, 0.1], [0.2, 0.1]]), [1, 0])


def test_confusion_matrix_counts_and_agrees_with_accuracy(rng):
    true, pred = rng.integers(0, 3, 50), rng.integers(0, 3, 50)
    C = confusion_matrix(true, pred, 3)
    assert C.sum() == 50
    for i in range(3):
        for j in range(3):
            assert C[i, j] == np.sum((true == i) & (pred == j))
    assert np.trace(C) / 50 == pytest.approx(accuracy(true, pred))


def test_shape_mismatch():
    with pytest.raises(ValueError, match=r"labels_true \(3,\) and labels_pred \(2,\) must have the same shape"):
        accuracy([0, 1, 1], [0, 1])
