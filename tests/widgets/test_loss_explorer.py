"""The loss explorer's logic, against the formulas and central differences."""

import numpy as np
import pytest

from nnlib.widgets.loss_explorer import LOSS_NAMES, draw_loss_explorer, loss_explorer, loss_explorer_state

CASES = [(1.0, 0.1), (0.0, 0.83), (0.3, 0.3), (0.65, 0.2)]


def by_hand(name, y, p):
    """One example, one output: each loss written out."""
    return {
        "squared_error": 0.5 * (p - y) ** 2,
        "mse": (p - y) ** 2,
        "rmse": abs(p - y),
        "binary_cross_entropy": -y * np.log(p) - (1 - y) * np.log(1 - p),
    }[name]


@pytest.mark.parametrize("y, y_hat", CASES)
def test_losses_match_the_formulas(y, y_hat):
    state = loss_explorer_state(y, y_hat)
    for name in LOSS_NAMES:
        assert state["loss"][name] == pytest.approx(by_hand(name, y, y_hat), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("y, y_hat", [c for c in CASES if c[0] != c[1]])  # RMSE has a kink at y_hat = y
def test_gradients_agree_with_central_differences(y, y_hat):
    state = loss_explorer_state(y, y_hat)
    h = 1e-6
    for name in LOSS_NAMES:
        numeric = (by_hand(name, y, y_hat + h) - by_hand(name, y, y_hat - h)) / (2 * h)
        assert state["gradient"][name] == pytest.approx(numeric, rel=1e-7)


@pytest.mark.parametrize("y, y_hat", CASES)
def test_logit_gradients_agree_with_central_differences(y, y_hat):
    state = loss_explorer_state(y, y_hat)
    z, h = state["logit"], 1e-6
    assert 1 / (1 + np.exp(-z)) == pytest.approx(y_hat, rel=1e-12)
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    for name in ("squared_error", "binary_cross_entropy"):
        numeric = (by_hand(name, y, sig(z + h)) - by_hand(name, y, sig(z - h))) / (2 * h)
        assert state["logit_gradient"][name] == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_cross_entropy_through_the_sigmoid_is_y_hat_minus_y():
    state = loss_explorer_state(1.0, 0.02)
    assert state["logit_gradient"]["binary_cross_entropy"] == pytest.approx(0.02 - 1.0, rel=1e-12)
    # squared error through the same saturated sigmoid: about fifty times smaller
    assert abs(state["logit_gradient"]["squared_error"]) < abs(state["logit_gradient"]["binary_cross_entropy"]) / 40


def test_curves_pass_through_the_marked_points():
    state = loss_explorer_state(0.4, 0.7)
    grid = state["y_hat_grid"]
    for name in LOSS_NAMES:
        at = np.interp(0.7, grid, state["curves"][name])
        assert at == pytest.approx(state["loss"][name], rel=1e-3)
        np.testing.assert_allclose(state["curves"][name], [by_hand(name, 0.4, p) for p in grid], rtol=1e-12)


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        loss_explorer_state(1.0, 1.0)
    with pytest.raises(ValueError, match="target y must lie in"):
        loss_explorer_state(2.0, 0.5)


def test_figure_and_widget():
    fig = draw_loss_explorer(0.0, 0.9)
    assert len(fig.axes) == 3
    live = loss_explorer()
    assert live.values() == {"y": 1.0, "y_hat": 0.1}
    assert "-0.081" in live.alt and "-0.9" in live.alt
