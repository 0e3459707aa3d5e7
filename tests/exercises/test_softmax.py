"""Chapter 6's checkers, fed a right and a wrong answer each."""

import numpy as np

from nnlib.exercises.softmax import check_softmax, check_softmax_jacobian, check_softmax_vjp


def stable(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def test_softmax_checker():
    assert check_softmax(stable)
    naive = check_softmax(lambda z: np.exp(z) / np.exp(z).sum(axis=0))
    assert not naive and "overflow" in naive.message
    whole = check_softmax(lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum())
    assert not whole and "batch" in whole.message and "normalise each column" in whole.message


def test_softmax_checker_reports_an_answer_that_fails_on_a_batch():
    def one_example_only(z):
        if z.ndim != 1:
            raise ValueError("expected a vector")
        return stable(z)

    result = check_softmax(one_example_only)
    assert not result and "raised ValueError: expected a vector" in result.message


def test_softmax_jacobian_checker():
    def jacobian(z):
        s = stable(z)
        return np.diag(s) - np.outer(s, s)

    assert check_softmax_jacobian(jacobian)
    diagonal_only = check_softmax_jacobian(lambda z: np.diag(stable(z) * (1 - stable(z))))
    assert not diagonal_only
    assert "entry [0, 1] (off the diagonal)" in diagonal_only.message and "-s_1 s_2" in diagonal_only.message
    wrong_sign = check_softmax_jacobian(lambda z: np.outer(stable(z), stable(z)) - np.diag(stable(z)))
    assert not wrong_sign and "entry [0, 0] (on the diagonal)" in wrong_sign.message
    assert "has shape (2,); expected (2, 2)" in check_softmax_jacobian(stable).message
    assert "It has the wrong sign" in wrong_sign.message


def test_softmax_vjp_checker():
    assert check_softmax_vjp(lambda s, v: s * (v - (s * v).sum(axis=0, keepdims=True)))
    full = lambda s, v: (np.diag(s) - np.outer(s, s)) @ v   # right for one example, wrong for a batch
    wrong = check_softmax_vjp(full)
    assert not wrong and "column by column" in wrong.message
    forgot = check_softmax_vjp(lambda s, v: s * v)
    assert not forgot and "expected" in forgot.message
