"""The course's fixed examples: the descent valley against gradient descent written out in plain
numpy, and the overfitting runs' data."""

import numpy as np
import pytest

import nnlib
from nnlib.fixed_examples import (
    HIDDEN_SIZES,
    START,
    TRAIN_SIZES,
    critical_learning_rate,
    descent_data,
    descent_hessian,
    descent_loss,
    descent_minimum,
    descent_path,
    loss_surface,
    overfitting_data,
    overfitting_run,
)

X, Y = descent_data()
x, y = X[0], Y[0]


def plain_loss(w, b):
    return 0.5 * np.mean((w * x + b - y) ** 2)


def plain_gradient(w, b, idx=slice(None)):
    r = w * x[idx] + b - y[idx]
    return np.array([np.mean(r * x[idx]), np.mean(r)])


def test_loss_is_the_squared_error_written_out():
    for w, b in [(0.0, 0.0), (1.5, -1.0), (-2.0, 3.0)]:
        assert descent_loss(w, b) == pytest.approx(plain_loss(w, b), rel=1e-14)


def test_surface_holds_the_loss_at_every_grid_point():
    w, b, loss = loss_surface(9)
    W, B = np.meshgrid(w, b)
    expected = 0.5 * np.mean((W[..., None] * x + B[..., None] - y) ** 2, axis=-1)
    np.testing.assert_allclose(loss, expected, rtol=1e-13)


def test_hessian_matches_finite_differences_of_the_gradient():
    theta = np.array([0.3, -0.7])
    columns = []
    for k in range(2):
        columns.append(nnlib.numerical_gradient(lambda t: float(plain_gradient(*t)[k]), theta.copy()))
    assert nnlib.relative_error(descent_hessian(), np.array(columns)) < 1e-8


def test_minimum_is_the_least_squares_fit():
    A = np.column_stack([x, np.ones_like(x)])
    expected, *_ = np.linalg.lstsq(A, y, rcond=None)
    np.testing.assert_allclose(descent_minimum(), expected, rtol=1e-12)


def test_every_step_is_theta_minus_eta_times_the_gradient():
    result = descent_path(0.2, 15)
    theta = np.array(START)
    for step in range(15):
        np.testing.assert_allclose(result["gradients"][step], plain_gradient(*theta), rtol=1e-12)
        theta = theta - 0.2 * plain_gradient(*theta)
        np.testing.assert_allclose(result["path"][step + 1], theta, rtol=1e-12)
        assert result["loss"][step + 1] == pytest.approx(plain_loss(*theta), rel=1e-12)


def test_stochastic_steps_use_one_example_each_and_visit_all_per_epoch():
    result = descent_path(0.05, 20, batch_size=1, seed=3)
    used = []
    for step in range(20):
        w, b = result["path"][step]
        matches = [i for i in range(10) if np.allclose(result["gradients"][step], plain_gradient(w, b, [i]), rtol=1e-12)]
        assert len(matches) == 1
        used.append(matches[0])
    assert sorted(used[:10]) == list(range(10)) and sorted(used[10:]) == list(range(10))


def test_critical_learning_rate_separates_convergence_from_divergence():
    critical = critical_learning_rate()
    assert critical == pytest.approx(2 / np.linalg.eigvalsh(descent_hessian()).max())
    below = descent_path(0.97 * critical, 400)
    above = descent_path(1.03 * critical, 400)
    assert below["converges"] and not above["converges"]
    np.testing.assert_allclose(below["path"][-1], descent_minimum(), atol=1e-4)
    assert above["loss"][-1] > 100 * above["loss"][0]


def test_a_tiny_learning_rate_barely_moves():
    result = descent_path(0.001, 10)
    assert np.linalg.norm(result["path"][-1] - np.array(START)) < 0.05
    assert result["loss"][-1] < result["loss"][0]


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        descent_path(-0.1, 10)
    with pytest.raises(ValueError, match="steps must be a whole number"):
        descent_path(0.1, 0)


def test_another_update_rule_takes_the_steps():
    """An update rule other than plain gradient descent (here one with momentum, written out)
    drives the path, from the gradients of each step."""
    velocity = np.zeros(2)
    theta = np.array(START)

    def momentum(net):
        nonlocal velocity
        layer = net.layers[0]
        velocity = 0.9 * velocity + np.array([layer.dW[0, 0], layer.db[0, 0]])
        layer.W[0, 0] -= 0.05 * velocity[0]
        layer.b[0, 0] -= 0.05 * velocity[1]

    result = descent_path(0.05, 12, update=momentum)
    expected_velocity = np.zeros(2)
    for step in range(12):
        expected_velocity = 0.9 * expected_velocity + plain_gradient(*theta)
        theta = theta - 0.05 * expected_velocity
        np.testing.assert_allclose(result["path"][step + 1], theta, rtol=1e-12)


def test_overfitting_runs_are_cached_and_checked():
    assert overfitting_run(4, 40) is overfitting_run(4, 40)
    assert overfitting_run(HIDDEN_SIZES[0], TRAIN_SIZES[0]).net.sizes == [2, HIDDEN_SIZES[0], 1]
    with pytest.raises(ValueError, match="hidden_units must be one of 1, 2, 4, 8, 16, 32; got 5"):
        overfitting_run(5, 20)


def test_test_set_is_held_out():
    X_pool, labels_pool, X_test, labels_test = overfitting_data()
    assert X_pool.shape == (2, max(TRAIN_SIZES)) and X_test.shape[0] == 2
    shared = (X_pool.T[:, None, :] == X_test.T[None, :, :]).all(axis=2)
    assert not shared.any(), "no test point is also a training point"
