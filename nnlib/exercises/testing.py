"""Checkers for chapter 9, testing: have we learnt?"""

from __future__ import annotations

import numpy as np

from ..metrics import confusion_matrix
from . import hints
from .checking import CheckResult, NotYet, _short, as_tuple, checker, compare, compare_function, run


@checker(solution=lambda: (confusion_matrix,))
def check_confusion_matrix(answer) -> CheckResult:
    """Check ``answer(labels_true, labels_pred, n_classes)``: the (n_classes, n_classes) counts
    C[i, j] of examples of true class i predicted as class j.

    Examples
    --------
    >>> def counts(labels_true, labels_pred, n_classes):
    ...     C = np.zeros((n_classes, n_classes), dtype=int)
    ...     for t, p in zip(labels_true, labels_pred):
    ...         C[t, p] += 1
    ...     return C
    >>> check_confusion_matrix(counts).passed
    True
    """
    rng = np.random.default_rng(9)
    cases = [
        {"labels_true": np.array([0, 1, 1, 0]), "labels_pred": np.array([0, 1, 0, 0]), "n_classes": 2},
        {"labels_true": np.array([0, 0, 1, 2]), "labels_pred": np.array([1, 2, 2, 2]), "n_classes": 3},
        {"labels_true": np.array([1, 1]), "labels_pred": np.array([1, 1]), "n_classes": 4},
    ]
    for k in (3, 10):
        cases.append({"labels_true": rng.integers(0, k, 60), "labels_pred": rng.integers(0, k, 60), "n_classes": k})
    return compare_function(answer, confusion_matrix, cases, "confusion matrix")


def precision_recall(C) -> tuple[np.ndarray, np.ndarray]:
    """Per-class precision C[k, k] / (column k sum) and recall C[k, k] / (row k sum) of a confusion
    matrix (rows: true class, columns: predicted class). A class never predicted has precision 0.

    Examples
    --------
    >>> precision_recall(np.array([[8, 2], [1, 9]]))
    (array([0.88888889, 0.81818182]), array([0.8, 0.9]))
    """
    C = np.asarray(C, dtype=float)
    correct = np.diag(C)
    predicted, actual = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(correct, predicted, out=np.zeros_like(correct), where=predicted > 0)
    recall = np.divide(correct, actual, out=np.zeros_like(correct), where=actual > 0)
    return precision, recall


@checker(solution=lambda: (precision_recall,))
def check_precision_recall(answer) -> CheckResult:
    """Check ``answer(C)``, which returns ``(precision, recall)``: two arrays with one entry per class.

    Precision of class k: of the examples predicted as k, the fraction that are k. Recall of class
    k: of the examples that are k, the fraction predicted as k. Rows of C are true classes, columns
    predicted classes; every test case predicts every class at least once.

    Examples
    --------
    >>> check_precision_recall(lambda C: (np.diag(C) / C.sum(axis=0), np.diag(C) / C.sum(axis=1))).passed
    True
    """
    rng = np.random.default_rng(4)
    cases = [np.array([[8, 2], [1, 9]]), np.array([[5, 0, 1], [2, 6, 2], [0, 3, 7]])]
    cases += [rng.integers(1, 20, size=(k, k)) + np.diag(rng.integers(10, 40, k)) for k in (4, 10)]
    for C in cases:
        where = f"for C={_short(C)}"
        got = as_tuple(run(answer, {"C": C}, "function", where), ("precision", "recall"), "function", where)
        expected = precision_recall(C)
        mix_up = hints.swapped(got, expected, ("precision", "recall"))
        if mix_up:
            raise NotYet(f"{mix_up}. Precision divides by what was predicted (a column of C), recall by what is true "
                         "(a row of C).")
        for name, g, e in zip(("precision", "recall"), got, expected):
            compare(g, e, name, where, rtol=1e-12, returned=False)
    return CheckResult(True, f"Correct: precision and recall agree on all {len(cases)} confusion matrices.")


def early_stopping_epochs(validation_losses, patience: int) -> tuple[int, int]:
    """The epoch whose weights early stopping keeps, and the epoch where it stops.

    ``validation_losses[0]`` is the loss before training and entry e the loss after epoch e, as in
    :class:`nnlib.training.History`. The best epoch is the first one with the lowest loss so far;
    training stops after the first epoch that is ``patience`` epochs past the best one without
    a strictly lower loss, or after the last epoch.

    Examples
    --------
    >>> early_stopping_epochs([1.0, 0.8, 0.7, 0.75, 0.72, 0.9, 0.6], patience=3)
    (2, 5)
    """
    losses = list(validation_losses)
    best = 0
    for epoch in range(1, len(losses)):
        if losses[epoch] < losses[best]:
            best = epoch
        elif epoch - best >= patience:
            return best, epoch
    return best, len(losses) - 1


@checker(solution=lambda: (early_stopping_epochs,))
def check_early_stopping(answer) -> CheckResult:
    """Check ``answer(validation_losses, patience)``, which returns ``(best_epoch, stop_epoch)`` as
    :func:`nnlib.train` does it (see :func:`early_stopping_epochs`).

    Examples
    --------
    >>> check_early_stopping(early_stopping_epochs).passed
    True
    """
    rng = np.random.default_rng(5)
    cases = [
        {"validation_losses": [1.0, 0.8, 0.7, 0.75, 0.72, 0.9, 0.6], "patience": 3},
        {"validation_losses": [1.0, 0.9, 0.8, 0.7], "patience": 2},
        {"validation_losses": [1.0, 1.1, 1.2, 1.3, 0.5], "patience": 1},
        {"validation_losses": [1.0, 0.5, 0.5, 0.5, 0.4], "patience": 3},
        {"validation_losses": [1.0, 0.5, 0.5, 0.5, 0.4], "patience": 2},
    ]
    for patience in (1, 5, 10):
        cases.append({"validation_losses": list(1 / np.arange(1, 60) + 0.05 * rng.random(59)), "patience": patience})
    return compare_function(answer, early_stopping_epochs, cases, "(best epoch, stop epoch)")
