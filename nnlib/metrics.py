"""Turning outputs into class predictions, and scoring them (chapters 9 and 10)."""

from __future__ import annotations

import numpy as np

from ._validation import as_columns, as_labels, check_number, check_positive_int


def predict_labels(Y_hat, threshold: float = 0.5) -> np.ndarray:
    """Class labels (m,) from network outputs (n_outputs, m).

    One output: class 1 where it exceeds ``threshold``. Several outputs: the row with the largest
    value (the most probable class).

    Examples
    --------
    >>> predict_labels([[0.2, 0.7]])
    array([0, 1])
    >>> predict_labels([[0.1, 0.6], [0.9, 0.4]])
    array([1, 0])
    """
    Y_hat = as_columns(Y_hat, "Y_hat")
    threshold = check_number(threshold, "threshold", "0.5")
    if Y_hat.shape[0] == 1:
        return (Y_hat[0] > threshold).astype(int)
    return Y_hat.argmax(axis=0)


def accuracy(labels_true, labels_pred) -> float:
    """The fraction of examples whose predicted label is right.

    Labels are whole numbers 0, 1, 2, ... (whole floats such as 1.0 are accepted).

    Examples
    --------
    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    labels_true, labels_pred = _label_pair(labels_true, labels_pred)
    return float(np.mean(labels_true == labels_pred))


def _label_pair(labels_true, labels_pred) -> tuple[np.ndarray, np.ndarray]:
    labels_true, labels_pred = as_labels(labels_true, "labels_true"), as_labels(labels_pred, "labels_pred")
    if labels_true.shape != labels_pred.shape:
        raise ValueError(
            f"labels_true {labels_true.shape} and labels_pred {labels_pred.shape} must have the same shape, "
            "one label per example."
        )
    return labels_true, labels_pred


def confusion_matrix(labels_true, labels_pred, n_classes: int | None = None) -> np.ndarray:
    """Counts C[i, j] of examples of true class i predicted as class j.

    Examples
    --------
    >>> confusion_matrix([0, 1, 1, 0], [0, 1, 0, 0])
    array([[2, 0],
           [1, 1]])
    """
    labels_true, labels_pred = _label_pair(labels_true, labels_pred)
    largest = int(max(labels_true.max(), labels_pred.max()))
    k = largest + 1 if n_classes is None else check_positive_int(n_classes, "n_classes")
    if largest >= k:
        raise ValueError(f"label {largest} does not fit n_classes={k}; labels must be below n_classes.")
    C = np.zeros((k, k), dtype=int)
    np.add.at(C, (labels_true, labels_pred), 1)
    return C
