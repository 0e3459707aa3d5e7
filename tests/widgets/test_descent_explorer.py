"""The descent explorer's logic, against gradient descent written out in plain numpy."""

import numpy as np
import pytest

import nnlib
from nnlib.widgets.descent_explorer import (
    START,
    critical_learning_rate,
    descent_data,
    descent_explorer,
    descent_hessian,
    descent_loss,
    descent_minimum,
    descent_path,
    draw_descent_explorer,
    loss_surface,
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


def test_figure_and_widget():
    fig = draw_descent_explorer(0.62, 40)
    assert "diverges" in fig.axes[-2].get_title() or "diverges" in fig.axes[1].get_title()
    live = descent_explorer()
    assert live.values() == {"learning_rate": 0.3, "steps": 30}
    assert "30 gradient-descent steps" in live.alt
    live.controls["learning_rate"].value = 0.6
    assert live.image.value != live.static_png
