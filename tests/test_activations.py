"""Activations: values, derivatives against central differences, stability at extremes, registry."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnlib
from nnlib.activations import ACTIVATIONS, get_activation, leaky_relu_activation

from .conftest import STRICT, away_from_kinks

ELEMENTWISE = [name for name, act in ACTIVATIONS.items() if act.derivative is not None]


def test_registry_holds_the_course_activations():
    assert set(ACTIVATIONS) == {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "step", "softmax"}


def test_values_against_their_definitions(rng):
    z = rng.normal(scale=3, size=50)
    np.testing.assert_allclose(nnlib.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(nnlib.tanh(z), (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z)), rtol=1e-12)
    np.testing.assert_array_equal(nnlib.relu(z), [max(0.0, v) for v in z])
    np.testing.assert_array_equal(nnlib.leaky_relu(z), [v if v > 0 else 0.01 * v for v in z])
    np.testing.assert_array_equal(nnlib.leaky_relu(z), np.maximum(0.01 * z, z))  # max(az, z) for a < 1
    np.testing.assert_array_equal(nnlib.step(z), (z > 0).astype(float))
    np.testing.assert_array_equal(nnlib.linear(z), z)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_differences(name, rng):
    act = get_activation(name)
    z = away_from_kinks(rng.normal(scale=3, size=200))
    numeric = nnlib.numerical_gradient(lambda v: float(np.sum(act(v))), z.copy())
    assert nnlib.relative_error(act.derivative(z), numeric) < 1e-7


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_from_output_equals_derivative_of_z(name, rng):
    act = get_activation(name)
    z = away_from_kinks(rng.normal(scale=3, size=100))
    np.testing.assert_allclose(act.derivative_from_output(act(z)), act.derivative(z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("slope", [0.0, 0.2, 0.5])
def test_leaky_relu_with_other_slopes(slope, rng):
    act = leaky_relu_activation(slope)
    z = away_from_kinks(rng.normal(size=100))
    numeric = nnlib.numerical_gradient(lambda v: float(np.sum(act(v))), z.copy())
    assert nnlib.relative_error(act.derivative(z), numeric) < 1e-7
    upstream = rng.normal(size=100)  # what a layer's backward pass uses: the derivative from the output a
    assert nnlib.relative_error(act.backward(z, act(z), upstream), upstream * numeric) < 1e-7


def test_conventions_at_the_kink():
    zero = np.array([0.0])
    assert nnlib.relu_derivative(zero)[0] == 0.0
    assert nnlib.leaky_relu_derivative(zero)[0] == 0.01
    assert nnlib.step_derivative(zero)[0] == 0.0


def test_sigmoid_derivative_peaks_at_a_quarter():
    z = np.linspace(-10, 10, 2001)
    d = nnlib.sigmoid_derivative(z)
    assert d.max() == 0.25 and z[d.argmax()] == 0.0


@given(arrays(np.float64, st.integers(1, 40), elements=st.floats(-1e4, 1e4)))
def test_every_activation_stays_finite_and_in_range_at_extremes(z):
    with np.errstate(**STRICT):
        for name in ELEMENTWISE:
            act = get_activation(name)
            assert np.isfinite(act(z)).all() and np.isfinite(act.derivative(z)).all()
        s = nnlib.sigmoid(z)
        assert ((0 <= s) & (s <= 1)).all()
        t = nnlib.tanh(z)
        assert ((-1 <= t) & (t <= 1)).all()


def test_sigmoid_is_accurate_far_out():
    assert nnlib.sigmoid(np.array([-745.0]))[0] > 0  # e^-745 is the smallest float64, not 0
    np.testing.assert_allclose(nnlib.sigmoid(np.array([-30.0])), np.exp(-30) / (1 + np.exp(-30)), rtol=1e-14)


def test_float32_stays_float32():
    z = np.linspace(-5, 5, 11, dtype=np.float32)
    for name in ELEMENTWISE:
        act = get_activation(name)
        assert act(z).dtype == np.float32, name
        assert act.derivative(z).dtype == np.float32, name


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown activation 'sigmod'; expected one of: .*sigmoid.* Did you mean 'sigmoid'\?"):
        get_activation("sigmod")


def test_a_non_name_is_refused():
    with pytest.raises(TypeError, match="an activation must be a name such as 'sigmoid'"):
        get_activation(3)


@pytest.mark.parametrize("slope", [1.0, 2.0, -0.1])
def test_leaky_slope_must_be_below_one(slope):
    with pytest.raises(ValueError, match=f"slope must satisfy 0 <= slope < 1.*got {slope}"):
        leaky_relu_activation(slope)


def test_backward_multiplies_by_the_derivative_without_touching_the_gradient(rng):
    z = rng.normal(size=(3, 4))
    grad = rng.normal(size=(3, 4))
    kept = grad.copy()
    act = get_activation("tanh")
    np.testing.assert_allclose(act.backward(z, act(z), grad), grad * nnlib.tanh_derivative(z))
    np.testing.assert_array_equal(grad, kept)


def test_sigmoid_at_the_infinities():
    """sigmoid(-inf) was NaN: inf - inf inside the overflow-free formula."""
    with np.errstate(**STRICT):
        np.testing.assert_array_equal(nnlib.sigmoid(np.array([-np.inf, np.inf])), [0.0, 1.0])
        np.testing.assert_array_equal(nnlib.sigmoid_derivative(np.array([-np.inf, np.inf])), [0.0, 0.0])


def test_the_new_sigmoid_is_the_old_formula_bit_for_bit(rng):
    z = np.concatenate([rng.normal(scale=s, size=1000) for s in (1, 30, 700)] + [np.array([0.0, -0.0, 745.0, -745.0])])
    u = np.minimum(z, 0.0)
    np.testing.assert_array_equal(nnlib.sigmoid(z), np.exp(u) / (np.exp(u) + np.exp(u - z)))


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_lists_and_integers_work_and_become_floats(name):
    act = get_activation(name)
    as_list = act([[-2, 0, 3]])
    np.testing.assert_array_equal(as_list, act(np.array([[-2.0, 0.0, 3.0]])))
    assert as_list.dtype == np.float64
    if act.derivative is not None:
        np.testing.assert_array_equal(act.derivative([[-2, 0, 3]]), act.derivative(np.array([[-2.0, 0.0, 3.0]])))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_text_is_a_type_error_naming_z(name):
    with pytest.raises(TypeError, match="z must be an array of numbers, got str"):
        get_activation(name)("1.0")


EXTREME = st.floats(-1e308, 1e308) | st.sampled_from([-1e308, 1e308, -np.finfo(float).max, np.finfo(float).max])


@given(arrays(np.float64, st.integers(1, 30), elements=EXTREME | st.sampled_from([-np.inf, np.inf])))
def test_activations_are_right_up_to_the_largest_floats_and_the_infinities(z):
    """Every activation and derivative is defined on the extended real line: no NaN, no warning,
    the right limits, and the defining identities."""
    with np.errstate(**STRICT):
        for name in ELEMENTWISE:
            act = get_activation(name)
            a, d = act(z), act.derivative(z)
            assert not np.isnan(a).any() and np.isfinite(d).all(), name
        s = nnlib.sigmoid(z)
        assert ((0 <= s) & (s <= 1)).all()
        np.testing.assert_array_equal(s[z == np.inf], 1.0)
        np.testing.assert_array_equal(s[z == -np.inf], 0.0)
        np.testing.assert_array_equal(s[z > 40], 1.0)               # 1 - sigma(40) = 4e-18 < eps / 2
        np.testing.assert_array_equal(s[z < -750], 0.0)             # below the smallest float
        np.testing.assert_array_equal(nnlib.tanh(z)[np.abs(z) > 20], np.sign(z[np.abs(z) > 20]))
        np.testing.assert_array_equal(nnlib.relu(z), np.where(z > 0, z, 0.0))
        np.testing.assert_array_equal(nnlib.leaky_relu(z), np.where(z > 0, z, 0.01 * z))
        np.testing.assert_array_equal(nnlib.sigmoid_derivative(z)[np.abs(z) > 750], 0.0)
