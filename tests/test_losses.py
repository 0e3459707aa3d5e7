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
    with pytest.raises(ValueError, match="expects predicted probabilities y_hat in \\[0, 1\\].*use sigmoid_cross_entropy"):
        losses.binary_cross_entropy([[2.0]], [[1.0]])
    with pytest.raises(ValueError, match="use softmax_cross_entropy"):
        losses.categorical_cross_entropy([[-1.0], [2.0]], [[0.0], [1.0]])


def test_unknown_loss_name():
    with pytest.raises(ValueError, match=r"unknown loss 'mse2'; expected one of: .* Did you mean 'mse'\?"):
        get_loss("mse2")


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_the_training_loops_unchecked_gradient_equals_the_public_one(name, rng):
    y_hat, y = sample(name, rng)
    np.testing.assert_array_equal(get_loss(name).unchecked_gradient(y_hat, y), get_loss(name).gradient(y_hat, y))


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_the_unchecked_value_equals_the_public_one(name, rng):
    y_hat, y = sample(name, rng)
    assert get_loss(name).unchecked_value(y_hat, y) == get_loss(name)(y_hat, y)


def test_a_hand_built_loss_keeps_its_own_checked_gradient_and_value():
    custom = losses.Loss("squared_error", lambda y_hat, y: "its own value", lambda y_hat, y: "its own")
    assert custom.unchecked_gradient(None, None) == "its own"
    assert custom.unchecked_value(None, None) == "its own value"


# Targets: a cross-entropy needs targets in [0, 1]; a categorical one needs columns that sum to 1.

@pytest.mark.parametrize("name", ["binary_cross_entropy", "sigmoid_cross_entropy", "categorical_cross_entropy",
                                  "softmax_cross_entropy"])
@pytest.mark.parametrize("bad", [-0.5, 1.5])
def test_cross_entropy_targets_outside_0_1_are_refused(name, bad, rng):
    y_hat, y = sample(name, rng, n=2, m=3)
    y[0, 0] = bad
    y[1, 0] = 1 - bad  # the column still sums to 1: the range alone is wrong
    loss = get_loss(name)
    for function in (loss.function, loss.gradient):
        with pytest.raises(ValueError, match=r"y must hold targets between 0 and 1.*got values from"):
            function(y_hat, y)


@pytest.mark.parametrize("name", ["categorical_cross_entropy", "softmax_cross_entropy"])
def test_categorical_targets_must_sum_to_one_per_column(name, rng):
    y_hat, _ = sample(name, rng, n=3, m=2)
    loss = get_loss(name)
    for y in ([[1.0, 1.0], [1.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0], [0.0, 0.0]]):
        with pytest.raises(ValueError, match=r"each column of y must sum to 1.*column 0 sums to"):
            loss(y_hat, y)
        with pytest.raises(ValueError, match="each column of y must sum to 1"):
            loss.gradient(y_hat, y)


def test_the_sum_tolerance_is_the_documented_one():
    tol = losses.TARGET_SUM_TOLERANCE
    y_hat = softmax(np.zeros((2, 1)))
    assert np.isfinite(losses.categorical_cross_entropy(y_hat, [[0.5 + tol / 2], [0.5]]))
    with pytest.raises(ValueError, match="sums to"):
        losses.categorical_cross_entropy(y_hat, [[0.5 + 2 * tol], [0.5]])
    smoothed = np.full((10, 3), 0.01, dtype=np.float32)  # label smoothing in float32 passes
    smoothed[0] = 0.91
    assert np.isfinite(losses.softmax_cross_entropy(np.zeros((10, 3), np.float32), smoothed))


def test_soft_targets_are_accepted():
    assert losses.binary_cross_entropy([[0.3]], [[0.3]]) == pytest.approx(-0.3 * np.log(0.3) - 0.7 * np.log(0.7))
    assert losses.softmax_cross_entropy([[0.0], [0.0]], [[0.25], [0.75]]) == pytest.approx(np.log(2))


# Extreme logits and the clipped losses.

def test_softmax_cross_entropy_is_finite_at_plus_minus_1e308():
    """It returned NaN: 0 * (z - logsumexp) with z - logsumexp = -inf."""
    with np.errstate(**STRICT):
        assert losses.softmax_cross_entropy([[1e308], [-1e308]], [[1.0], [0.0]]) == 0.0
        assert losses.softmax_cross_entropy([[-1e308], [1e308], [0.0]], [[0.0], [1.0], [0.0]]) == 0.0
        assert losses.softmax_cross_entropy([[0.0], [-1e308]], [[1.0], [0.0]]) == 0.0
        assert losses.softmax_cross_entropy([[0.0], [-1e308]], [[0.0], [1.0]]) == 1e308
        np.testing.assert_array_equal(losses.softmax_cross_entropy_gradient([[1e308], [-1e308]], [[0.0], [1.0]]),
                                      [[1.0], [-1.0]])


def test_a_true_loss_beyond_the_largest_float_is_inf_not_nan():
    with np.errstate(**STRICT):
        assert losses.softmax_cross_entropy([[1e308], [-1e308]], [[0.0], [1.0]]) == np.inf  # the true loss is 2e308


def clipped_binary(y_hat, y):
    """The documented loss, written out: binary cross-entropy of clip(y_hat, eps, 1 - eps)."""
    p = np.clip(y_hat, np.finfo(float).eps, 1 - np.finfo(float).eps)
    return float(np.sum(-y * np.log(p) - (1 - y) * np.log1p(-p)) / y.shape[1])


def clipped_categorical(y_hat, y):
    p = np.clip(y_hat, np.finfo(float).eps, 1 - np.finfo(float).eps)
    return float(np.sum(-y * np.log(p)) / y.shape[1])


def test_the_loss_is_the_documented_clipped_loss():
    y_hat = np.array([[0.0, 1e-20, 0.3, 1.0 - 1e-17, 1.0]])
    y = np.array([[1.0, 1.0, 0.0, 0.0, 0.0]])
    assert losses.binary_cross_entropy(y_hat, y) == pytest.approx(clipped_binary(y_hat, y), rel=1e-15)
    y_hat3, y3 = np.array([[0.0, 0.5], [1.0, 0.5], [0.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    assert losses.categorical_cross_entropy(y_hat3, y3) == pytest.approx(clipped_categorical(y_hat3, y3), rel=1e-15)


@pytest.mark.parametrize("y_hat", [0.0, 1e-20, 1e-17, 1e-12, 0.3, 0.7, 1 - 1e-12, 1 - 2**-53, 1.0])
@pytest.mark.parametrize("y", [0.0, 0.4, 1.0])
def test_binary_gradient_is_the_derivative_of_the_clipped_loss(y_hat, y):
    """Where y_hat is inside [eps, 1 - eps]: the true derivative, and central differences of the
    clipped loss. Where it was clipped: 0, and the clipped loss is indeed flat there."""
    point, target = np.array([[y_hat]]), np.array([[y]])
    eps = np.finfo(float).eps
    analytic = losses.binary_cross_entropy_gradient(point, target)[0, 0]
    if eps <= y_hat <= 1 - eps:
        exact = (y_hat - y) / (y_hat * (1 - y_hat))  # no clipping happens: the true derivative
        assert analytic == pytest.approx(exact, rel=1e-12)
        h = max(1e-7 * min(y_hat, 1 - y_hat), 8 * np.spacing(y_hat))
        above, below = point + h, point - h  # divide by the step the floats really took
        numeric = (clipped_binary(above, target) - clipped_binary(below, target)) / (above - below)[0, 0]
        assert analytic == pytest.approx(numeric, rel=1e-5)
    else:
        assert analytic == 0.0
        neighbours = [np.nextafter(y_hat, -1.0), np.nextafter(y_hat, 2.0)]
        assert all(clipped_binary(np.array([[v]]), target) == clipped_binary(point, target) for v in neighbours)


@pytest.mark.parametrize("column", [[0.2, 0.5, 0.3], [1e-20, 0.5, 0.5], [0.0, 1.0, 0.0]])
def test_categorical_gradient_is_the_derivative_of_the_clipped_loss(column):
    y_hat = np.array(column).reshape(3, 1)
    eps = np.finfo(float).eps
    for k in range(3):
        y = np.eye(3)[:, [k]]
        analytic = losses.categorical_cross_entropy_gradient(y_hat, y)
        inside = (y_hat >= eps) & (y_hat <= 1 - eps)
        np.testing.assert_allclose(analytic, np.where(inside, -y / np.clip(y_hat, eps, 1), 0.0), rtol=1e-14)
        p = y_hat[k, 0]
        h = 1e-7 * p if eps < p < 1 - eps else 1e-18
        nudge = np.zeros((3, 1))
        nudge[k] = h
        numeric = (clipped_categorical(y_hat + nudge, y) - clipped_categorical(y_hat - nudge, y)) / (2 * h)
        assert analytic[k, 0] == pytest.approx(numeric, rel=1e-5, abs=1e-12)


EXTREME_LOGITS = st.floats(-1e308, 1e308) | st.sampled_from([-1e308, 1e308, -np.finfo(float).max, np.finfo(float).max])


@given(arrays(np.float64, st.tuples(st.integers(2, 5), st.integers(1, 4)), elements=EXTREME_LOGITS), st.data())
def test_losses_from_logits_are_right_up_to_the_largest_floats(z, data):
    """Against the same formulas in long double (whose range reaches 1e4932): equal where the true
    loss is a float, inf (never NaN, never a warning) where it is beyond the largest float. Equal
    means within rounding of the inputs: a loss near 0 from logits near 1e4 is known to about
    eps * 1e4 in absolute terms, as in any float64 formula that starts from z."""
    n, m = z.shape
    y = nnlib.one_hot(np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m))), n)
    zl = z.astype(np.longdouble)
    lse = zl.max(axis=0) + np.log(np.exp(zl - zl.max(axis=0)).sum(axis=0))
    with np.errstate(over="ignore"):
        softmax_reference = float(np.sum(lse - np.sum(y * zl, axis=0)) / m)
        sigmoid_reference = float(np.sum(np.logaddexp(0, zl) - y * zl) / m)
    with np.errstate(**STRICT):
        for function, reference in ((losses.softmax_cross_entropy, softmax_reference),
                                    (losses.sigmoid_cross_entropy, sigmoid_reference)):
            value = function(z, y)
            assert not np.isnan(value) and value >= 0
            rounding = 1e-14 * max(1.0, np.abs(z).max())
            if reference < (1 - 1e-12) * np.finfo(float).max:
                assert value == pytest.approx(reference, rel=1e-12, abs=rounding)
            else:  # at or beyond the largest float, rounding decides between it and inf
                assert value == np.inf or value == pytest.approx(reference, rel=1e-12)
        for gradient in (losses.softmax_cross_entropy_gradient, losses.sigmoid_cross_entropy_gradient):
            g = gradient(z, y)
            assert np.isfinite(g).all() and (np.abs(g) <= 1.0 / m + 1e-15).all()


@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=st.floats(0, 1)), st.data())
def test_losses_on_probabilities_stay_finite_at_0_and_1(y_hat, data):
    y = data.draw(arrays(np.float64, y_hat.shape, elements=st.sampled_from([0.0, 0.5, 1.0])))
    with np.errstate(**STRICT):
        assert 0 <= losses.binary_cross_entropy(y_hat, y) <= 2 * -np.log(np.finfo(float).eps) * y_hat.shape[0]
        assert np.isfinite(losses.binary_cross_entropy_gradient(y_hat, y)).all()
