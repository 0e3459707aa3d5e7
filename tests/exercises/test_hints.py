"""The shared diagnostics: each hint appears for its mistake, and only for it."""

import numpy as np
import pytest

from nnlib.exercises.hints import describe, exception_hint, known_mistake, nonfinite_hint, shape_hint, swapped, value_hint

EXPECTED = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]])


def test_shape_hints():
    assert "transposed shape" in shape_hint((3, 2), (2, 3))
    assert "one entry per example: sum over the batch (axis=1)" in shape_hint((1, 7), (4, 1), m=7)
    assert "keepdims=True" in shape_hint((4,), (4, 1), m=7)
    assert "a single number" in shape_hint((1,), ())
    assert shape_hint((2, 2), (2, 3)) == "" and shape_hint((4,), (4, 1, 1)) == ""
    assert shape_hint((1, 4), (4, 1), m=4) == " That is the transposed shape: check the order of the product and its transpose."


@pytest.mark.parametrize(
    "got, m, words",
    [
        (-EXPECTED, None, " It has the wrong sign."),
        (EXPECTED / 5, 5, "divided by m = 5: the 1/m of the batch mean is already inside"),
        (EXPECTED * 5, 5, "It is m = 5 times the right value"),
        (EXPECTED * 2, 5, "It is 2 times the right value: a constant factor is wrong."),
        (EXPECTED / 3, None, "It is 0.3333 times the right value"),
    ],
)
def test_value_hints_for_a_constant_factor(got, m, words):
    assert words in value_hint(got, EXPECTED, m)


def test_no_hint_for_an_unremarkable_difference():
    assert value_hint(EXPECTED * 1.37, EXPECTED) == ""
    assert value_hint(EXPECTED + 1.0, EXPECTED) == ""
    assert value_hint(np.zeros(2), np.zeros(2) + [0.0, 0.0]) == ""  # nothing to compare a ratio with
    assert value_hint(np.array(2.0), np.array(6.0)) == ""  # one number: any two numbers have a ratio


def test_value_hints_for_a_transpose_and_for_the_dtype():
    square = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert "transpose of the right value" in value_hint(square.T, square)
    symmetric = np.array([[1.0, 2.0], [2.0, 1.0]])
    assert "transpose" not in value_hint(symmetric + 1.0, symmetric)
    assert "float16, whose precision is too coarse" in value_hint(EXPECTED + 1e-4, EXPECTED, dtype=np.float16)
    assert "whole numbers (int64)" in value_hint(np.trunc(EXPECTED / 3), EXPECTED / 3, dtype=np.int64)
    assert value_hint(np.trunc(EXPECTED) + 1, np.trunc(EXPECTED), dtype=np.int64) == ""  # integers expected: no hint


def test_swapped_outputs():
    precision, recall = np.array([0.8, 0.9]), np.array([0.7, 0.6])
    assert swapped([recall, precision], [precision, recall], ["precision", "recall"]) == "your precision and recall are swapped"
    assert swapped([precision, recall], [precision, recall], ["precision", "recall"]) is None
    assert swapped([precision, precision], [precision, precision], ["precision", "recall"]) is None  # equal: nothing swapped
    assert swapped(["a", None], [precision, recall], ["precision", "recall"]) is None
    assert swapped((2, 1), (1, 2), ["true class", "predicted class"]) == "your true class and predicted class are swapped"


def test_nonfinite_and_exception_hints():
    assert "0/0" in nonfinite_hint(float("nan")) and "overflow" in nonfinite_hint(float("-inf"))
    assert "even if the result looks right" in exception_hint(FloatingPointError("overflow"))
    assert "even if the result looks right" in exception_hint(RuntimeWarning("divide by zero"))
    assert "calls itself" in exception_hint(RecursionError())
    assert exception_hint(ValueError("x")) == ""


class Hostile:
    def __len__(self):
        raise RuntimeError("no")

    def __repr__(self):
        raise RuntimeError("no")


@pytest.mark.parametrize(
    "value, words",
    [
        (None, "None"),
        (True, "the bool True"),
        ("x" * 100, "the string 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"),
        (np.zeros((2, 3), dtype=np.int8), "an array of shape (2, 3) and dtype int8"),
        (10**400, "an integer of 1329 bits"),
        (2.5, "the number 2.5"),
        (iter([1]), "an iterator (list_iterator)"),
        ({"a": 1}, "a dict"),
        ([1], "a list of 1 item"),
        ((1, 2), "a tuple of 2 items"),
        (print, "the function print"),
        (Hostile(), "a Hostile"),
    ],
)
def test_describe_says_what_a_value_is_and_never_raises(value, words):
    assert describe(value) == words


def test_known_mistake_names_the_first_mistake_an_answer_matches_and_nothing_else():
    x = np.array([[1.0, -2.0], [3.0, 0.5]])
    mistakes = [("Not this one.", x + 1), ("It halves x.", x / 2), ("It also halves x.", x / 2)]
    assert known_mistake(x / 2, mistakes) == " It halves x."
    assert known_mistake(x / 2 + 1e-6, mistakes) == ""
    assert known_mistake((x, x / 2), [("A pair.", (x, x / 2))]) == " A pair."
    assert known_mistake((x, x), [("A pair.", (x, x / 2))]) == ""
    assert known_mistake(x, [("Another shape.", x.ravel()), ("Not numbers.", "abc"), ("A tuple.", (x,))]) == ""
