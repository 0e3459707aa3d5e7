"""The comparison every checker uses."""

import numpy as np

from nnlib.exercises.checking import CheckResult, compare_function

REF = lambda x: 2 * x  # noqa: E731
CASES = [{"x": np.array([1.0, -2.0])}, {"x": np.array([3.0])}]


def test_right_answer_passes():
    result = compare_function(lambda x: x + x, REF, CASES, "double")
    assert result and "Correct" in repr(result) and "2 test cases" in result.message


def test_wrong_value_shows_the_case():
    result = compare_function(lambda x: x * x, REF, CASES, "double")
    assert not result
    assert result.message == "Not yet: for x=[ 1., -2.] your double returned [1., 4.], expected [ 2., -4.]."


def test_none_shape_exception_and_warning_are_reported():
    assert "returned None" in compare_function(lambda x: None, REF, CASES, "double").message
    assert "returned shape (1,), expected shape (2,)" in compare_function(lambda x: x[:1], REF, CASES, "double").message
    assert "raised ZeroDivisionError" in compare_function(lambda x: 1 / 0, REF, CASES, "double").message
    warns = compare_function(lambda x: np.exp(x * 1000.0), REF, CASES, "double")
    assert "raised RuntimeWarning" in warns.message


def test_an_answer_that_edits_its_input_cannot_spoil_the_reference():
    def sneaky(x):
        x *= 0
        return 2 * x

    assert not compare_function(sneaky, REF, CASES, "double")


def test_result_is_falsy_when_wrong():
    assert not CheckResult(False, "no")
