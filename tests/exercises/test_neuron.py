"""Chapter 1's checkers, fed a right and a wrong answer each."""

import numpy as np

from nnlib.exercises.neuron import check_gate_weights, check_sigmoid, check_weighted_sum


def test_weighted_sum_checker():
    assert check_weighted_sum(lambda x, w, b: sum(wk * xk for wk, xk in zip(w, x)) + b)
    wrong = check_weighted_sum(lambda x, w, b: sum(wk * xk for wk, xk in zip(w, x)) - b)
    assert not wrong and "expected 0.75" in wrong.message


def test_sigmoid_checker():
    def stable(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    assert check_sigmoid(stable)
    naive = check_sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    assert not naive and "overflow" in naive.message
    assert not check_sigmoid(np.tanh)


def test_gate_checker():
    assert check_gate_weights([-10.0, -10.0], 15.0, "nand")
    wrong = check_gate_weights([10.0, 10.0], -15.0, "nand")
    assert not wrong and "input (0, 0) gives z = -15" in wrong.message
    assert not check_gate_weights([1.0, 2.0, 3.0], 0.0, "and")


def test_gate_checker_answers_a_wrong_call_calmly():
    unknown = check_gate_weights([1.0, 1.0], 0.0, "nimply")
    assert not unknown and unknown.message.startswith("Not yet: gate must be one of 'and', ")
    assert "w is the string 'ab'; expected numbers" in check_gate_weights("ab", 0.0, "or").message
    assert "b must be one number; got shape (2,)" in check_gate_weights([1.0, 1.0], [0.0, 1.0], "or").message
    assert "b is nan" in check_gate_weights([1.0, 1.0], float("nan"), "or").message


def test_sigmoid_checker_names_a_coarse_dtype():
    def half_precision(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float16)

    result = check_sigmoid(half_precision)
    assert not result and "Your result is float16, whose precision is too coarse" in result.message
