"""Softmax, its Jacobian and the vector-Jacobian product."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnlib
from nnlib.softmax import softmax, softmax_jacobian, softmax_jacobian_batch, softmax_vjp

from .conftest import STRICT


def test_softmax_matches_its_definition(rng):
    z = rng.normal(size=(4, 6))
    np.testing.assert_allclose(softmax(z), np.exp(z) / np.exp(z).sum(axis=0), rtol=1e-14)


def test_softmax_ignores_a_shift(rng):
    z = rng.normal(size=5)
    np.testing.assert_allclose(softmax(z + 123.4), softmax(z), rtol=1e-12)


@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)), elements=st.floats(-1e4, 1e4)))
def test_softmax_is_a_distribution_at_extreme_logits(z):
    with np.errstate(**STRICT):
        s = softmax(z)
    assert np.isfinite(s).all() and (s >= 0).all()
    np.testing.assert_allclose(s.sum(axis=0), 1.0, rtol=1e-12)


def test_jacobian_matches_central_differences(rng):
    z = rng.normal(size=5)
    numeric = np.stack([nnlib.numerical_gradient(lambda v, i=i: float(softmax(v)[i]), z.copy()) for i in range(5)])
    assert nnlib.relative_error(softmax_jacobian(z), numeric) < 1e-7


def test_jacobian_is_diag_s_minus_outer_and_its_properties(rng):
    z = rng.normal(size=4)
    s = softmax(z)
    J = softmax_jacobian(z)
    for i in range(4):
        for j in range(4):
            assert J[i, j] == pytest.approx(s[i] * ((i == j) - s[j]), abs=1e-15)
    np.testing.assert_allclose(J, J.T)                    # symmetric
    np.testing.assert_allclose(J.sum(axis=1), 0, atol=1e-15)  # rows sum to zero
    assert np.linalg.matrix_rank(J) == 3                  # singular: the all-ones vector is in its null space


def test_jacobian_accepts_a_column():
    z = np.array([[0.5], [-1.0], [2.0]])
    np.testing.assert_array_equal(softmax_jacobian(z), softmax_jacobian(z[:, 0]))


def test_batch_jacobian_equals_one_example_at_a_time(rng):
    Z = rng.normal(size=(3, 4))
    J = softmax_jacobian_batch(Z)
    assert J.shape == (4, 3, 3)
    for k in range(4):
        np.testing.assert_allclose(J[k], softmax_jacobian(Z[:, k]), rtol=1e-14)


def test_vjp_equals_the_full_product(rng):
    Z = rng.normal(size=(5, 7))
    V = rng.normal(size=(5, 7))
    S = softmax(Z)
    full = np.stack([softmax_jacobian(Z[:, k]) @ V[:, k] for k in range(7)], axis=1)
    np.testing.assert_allclose(softmax_vjp(S, V), full, rtol=1e-12, atol=1e-15)


def test_bad_shapes_are_explained():
    with pytest.raises(ValueError, match=r"z must be the logits of one example, shape \(n,\) or \(n, 1\); got shape \(2, 3\)"):
        softmax_jacobian(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"Z must have shape \(n, m\).*got shape \(3,\)"):
        softmax_jacobian_batch(np.zeros(3))
    with pytest.raises(ValueError, match=r"z must hold finite numbers"):
        softmax_jacobian([0.0, np.nan])


def test_infinite_logits_give_the_limits():
    with np.errstate(**STRICT):
        np.testing.assert_array_equal(softmax([np.inf, 0.0, -np.inf]), [1.0, 0.0, 0.0])
        np.testing.assert_array_equal(softmax([np.inf, np.inf, 3.0]), [0.5, 0.5, 0.0])
        np.testing.assert_array_equal(softmax([-np.inf, -np.inf]), [0.5, 0.5])
        np.testing.assert_array_equal(softmax([1e308, -1e308]), [1.0, 0.0])


def test_lists_work_and_bad_input_is_explained():
    np.testing.assert_allclose(softmax([0.0, 0.0]), [0.5, 0.5])
    np.testing.assert_allclose(softmax_vjp([0.5, 0.5], [1.0, 0.0]), [0.25, -0.25])
    with pytest.raises(ValueError, match=r"z must be logits of shape \(n,\).*got shape \(\)"):
        softmax(3.0)
    with pytest.raises(ValueError, match=r"got shape \(0,\)"):
        softmax([])
    with pytest.raises(TypeError, match="z must be an array of numbers, got str"):
        softmax("abc")
    with pytest.raises(ValueError, match=r"s and v must have the same shape.*got s \(2,\) and v \(3,\)"):
        softmax_vjp([0.5, 0.5], [1.0, 0.0, 0.0])


def reference_softmax(column: np.ndarray) -> np.ndarray:
    """One column's softmax with the limits at +-inf, exponentials taken in long double."""
    if np.isposinf(column).any():
        return np.isposinf(column) / np.isposinf(column).sum()
    if np.isneginf(column).all():
        return np.full(column.shape, 1.0 / column.size)
    finite = np.isfinite(column)
    with np.errstate(over="ignore", under="ignore"):
        shifted = column.astype(np.longdouble) - column[finite].max()
        e = np.where(finite, np.exp(shifted), 0)
    return (e / e.sum()).astype(float)


@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)),
              elements=st.floats(-1e308, 1e308) | st.sampled_from([-1e308, 1e308, -np.inf, np.inf])))
def test_softmax_is_right_up_to_the_largest_floats_and_the_infinities(z):
    with np.errstate(**STRICT):
        s = softmax(z)
    assert np.isfinite(s).all() and (s >= 0).all()
    np.testing.assert_allclose(s.sum(axis=0), 1.0, rtol=1e-12)
    for k in range(z.shape[1]):
        np.testing.assert_allclose(s[:, k], reference_softmax(z[:, k]), rtol=1e-12, atol=1e-300)
