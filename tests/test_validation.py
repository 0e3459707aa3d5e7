"""The shared input checks: each error names what was expected and what arrived."""

import numpy as np
import pytest

from nnlib._validation import (
    as_array,
    as_columns,
    check_positive_int,
    check_positive_number,
    unknown_name_error,
)


def test_as_array_keeps_float32_and_converts_the_rest():
    assert as_array(np.ones(2, np.float32), "x").dtype == np.float32
    assert as_array([1, 2], "x").dtype == np.float64


def test_as_array_names_the_first_nan():
    with pytest.raises(ValueError, match=r"x must hold finite numbers, but x\[1\] is nan"):
        as_array([1.0, np.nan, np.inf], "x")


def test_as_array_rejects_text():
    with pytest.raises(TypeError, match="x must be an array of numbers, got str"):
        as_array("abc", "x")


def test_as_columns_shapes():
    assert as_columns(3.0, "x").shape == (1, 1)
    assert as_columns([1.0, 2.0], "x").shape == (2, 1)
    with pytest.raises(ValueError, match=r"got a 3-D array of shape \(1, 2, 3\)"):
        as_columns(np.zeros((1, 2, 3)), "x")


@pytest.mark.parametrize("bad", [0, -0.1, float("nan"), float("inf")])
def test_positive_number_rejects_non_positive(bad):
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        check_positive_number(bad, "learning_rate")


@pytest.mark.parametrize("bad", ["0.1", True, None, [0.1]])
def test_positive_number_rejects_non_numbers(bad):
    with pytest.raises(TypeError, match=f"learning_rate must be a positive number such as 0.1, got {type(bad).__name__}"):
        check_positive_number(bad, "learning_rate")


def test_positive_int():
    assert check_positive_int(3, "epochs") == 3
    with pytest.raises(ValueError, match="epochs must be a whole number of at least 1, got 2.5"):
        check_positive_int(2.5, "epochs")


def test_unknown_name_suggests_the_closest():
    error = unknown_name_error("activation", "sigmod", ["sigmoid", "tanh"])
    assert str(error) == "unknown activation 'sigmod'; expected one of: sigmoid, tanh. Did you mean 'sigmoid'?"
