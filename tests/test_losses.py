"""Losses: values against their definitions, gradients against central differences, numerics."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnlib
from nnlib import losses
from nnlib.losses import LOSSES, get_loss
from nnlib.softmax import softmax, softmax_jacobian

from .conftest import STRICT


def sample(name, rng, n=3, m=5):
    """A prediction (or logits) and a target that suit the loss."""
    if name in ("squared_error", "mse", "rmse"):
        return rng.normal(size=(n, m)), rng.normal(size=(n, m))
    if name == "binary_cross_entropy":
        return rng.uniform(0.05, 0.95, size=(n, m)), rng.integers(0, 2, size=(n, m)).astype(float)
    if name == "categorical_cross_entropy":
        return softmax(rng.normal(size=(n, m))), nnlib.one_hot(rng.integers(0, n, m), n)
    if name == "sigmoid_cross_entropy":
        return rng.normal(scale=2, size=(n, m)), rng.integers(0, 2, size=(n, m)).astype(float)
    if name == "softmax_cross_entropy":
        return rng.normal(scale=2, size=(n, m)), nnlib.one_hot(rng.integers(0, n, m), n)
    raise AssertionError(name)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_gradient_matches_central_differences(name, rng):
    loss = get_loss(name)
    y_hat, y = sample(name, rng)
    numeric = nnlib.numerical_gradient(lambda p: loss(p, y), y_hat.copy())
    assert nnlib.relative_error(loss.gradient(y_hat, y), numeric) < 1e-7


def test_values_against_their_definitions(rng):
    y_hat, y = rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    m = 4
    assert losses.squared_error(y_hat, y) == pytest.approx(sum(0.5 * np.sum((y_hat[:, i] - y[:, i]) ** 2) for i in range(m)) / m)
    assert losses.mse(y_hat, y) == pytest.approx(np.sum((y_hat - y) ** 2) / 8)
    assert losses.rmse(y_hat, y) == pytest.approx(np.sqrt(np.sum((y_hat - y) ** 2) / 8))
    p, t = rng.uniform(0.1, 0.9, size=(1, 4)), np.array([[0.0, 1.0, 1.0, 0.0]])
    assert losses.binary_cross_entropy(p, t) == pytest.approx(np.mean(-t * np.log(p) - (1 - t) * np.log(1 - p)))
    z = rng.normal(size=(3, 4))
    y_cls = nnlib.one_hot([0, 2, 1, 1], 3)
    expected = np.mean([-np.log(softmax(z[:, i])[y_cls[:, i].argmax()]) for i in range(4)])
    assert losses.categorical_cross_entropy(softmax(z), y_cls) == pytest.approx(expected)
    assert losses.softmax_cross_entropy(z, y_cls) == pytest.approx(expected)
    assert losses.sigmoid_cross_entropy(z[:1], t) == pytest.approx(losses.binary_cross_entropy(nnlib.sigmoid(z[:1]), t))


def test_gradient_carries_the_one_over_m():
    y_hat, y = np.ones((1, 4)), np.zeros((1, 4))
    np.testing.assert_allclose(losses.squared_error_gradient(y_hat, y), np.full((1, 4), 0.25))


def test_a_1d_array_is_one_example():
    assert losses.squared_error([1.0, 2.0], [0.0, 0.0]) == 2.5


def test_softmax_shortcut_equals_the_route_through_the_jacobian(rng):
    z = rng.normal(size=(4, 6))
    y = nnlib.one_hot(rng.integers(0, 4, 6), 4)
    s = softmax(z)
    dL_ds = losses.categorical_cross_entropy_gradient(s, y)
    through_jacobian = np.stack([softmax_jacobian(z[:, i]).T @ dL_ds[:, i] for i in range(6)], axis=1)
    np.testing.assert_allclose(losses.softmax_cross_entropy_gradient(z, y), through_jacobian, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(losses.softmax_cross_entropy_gradient(z, y), (s - y) / 6, rtol=1e-12)


def test_sigmoid_with_cross_entropy_collapses_to_y_hat_minus_y(rng):
    z, y = rng.normal(size=(1, 5)), rng.integers(0, 2, size=(1, 5)).astype(float)
    a = nnlib.sigmoid(z)
    chained = losses.binary_cross_entropy_gradient(a, y) * nnlib.sigmoid_derivative(z)
    np.testing.assert_allclose(chained, (a - y) / 5, rtol=1e-10)


@given(arrays(np.float64, st.integers(1, 10), elements=st.sampled_from([0.0, 1.0]) | st.floats(0, 1)),
       arrays(np.float64, st.integers(1, 10), elements=st.sampled_from([0.0, 1.0])))
def test_cross_entropy_never_returns_inf_or_nan(p, y):
    n = min(p.size, y.size)
    p, y = p[:n].reshape(1, -1), y[:n].reshape(1, -1)
    with np.errstate(**STRICT):
        assert np.isfinite(losses.binary_cross_entropy(p, y))
        assert np.isfinite(losses.binary_cross_entropy_gradient(p, y)).all()


@given(arrays(np.float64, st.tuples(st.integers(2, 5), st.integers(1, 4)), elements=st.floats(-1e4, 1e4)))
def test_losses_from_logits_stay_finite_at_extremes(z):
    y = nnlib.one_hot(np.arange(z.shape[1]) % z.shape[0], z.shape[0])
    with np.errstate(**STRICT):
        assert np.isfinite(losses.softmax_cross_entropy(z, y))
        assert np.isfinite(losses.softmax_cross_entropy_gradient(z, y)).all()
        assert np.isfinite(losses.sigmoid_cross_entropy(z, y))
        assert np.isfinite(losses.sigmoid_cross_entropy_gradient(z, y)).all()
        s = softmax(z)
        assert np.isfinite(losses.categorical_cross_entropy(s, y))  # softmax may hold exact zeros
        assert np.isfinite(losses.categorical_cross_entropy_gradient(s, y)).all()


def test_prediction_exactly_wrong_gives_a_large_finite_loss():
    assert 30 < losses.binary_cross_entropy([[0.0]], [[1.0]]) < 40


def test_rmse_gradient_at_a_perfect_fit_is_zero():
    np.testing.assert_array_equal(losses.rmse_gradient([[1.0, 2.0]], [[1.0, 2.0]]), [[0.0, 0.0]])


def test_shape_mismatch_is_explained():
    expected = r"y_hat and y must have the same shape \(n_outputs, m\).*got y_hat \(1, 4\) and y \(2, 4\)"
    with pytest.raises(ValueError, match=expected):
        losses.mse(np.zeros((1, 4)), np.zeros((2, 4)))


def test_nan_is_refused():
    with pytest.raises(ValueError, match=r"y_hat must hold finite numbers, but y_hat\[0, 1\] is nan"):
        losses.squared_error([[0.0, np.nan]], [[0.0, 0.0]])


def test_probabilities_outside_0_1_suggest_the_logit_loss():
    with pytest.raises(ValueError, match="expects predicted probabilities in \\[0, 1\\].*use sigmoid_cross_entropy"):
        losses.binary_cross_entropy([[2.0]], [[1.0]])
    with pytest.raises(ValueError, match="use softmax_cross_entropy"):
        losses.categorical_cross_entropy([[-1.0], [2.0]], [[0.0], [1.0]])


def test_unknown_loss_name():
    with pytest.raises(ValueError, match=r"unknown loss 'mse2'; expected one of: .* Did you mean 'mse'\?"):
        get_loss("mse2")


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_the_training_loops_unchecked_gradient_equals_the_public_one(name, rng):
    y_hat, y = sample(name, rng)
    unchecked = losses._unchecked_gradient(get_loss(name))
    np.testing.assert_array_equal(unchecked(y_hat, y), get_loss(name).gradient(y_hat, y))


def test_a_hand_built_loss_keeps_its_own_checked_gradient():
    custom = losses.Loss("squared_error", losses.squared_error, lambda y_hat, y: "its own")
    assert losses._unchecked_gradient(custom)(None, None) == "its own"
    assert set(losses._UNCHECKED_GRADIENTS) == set(LOSSES)
