"""The overfitting explorer's logic, against the network's output written out in plain numpy."""

import numpy as np
import pytest

from nnlib.fixed_examples import EPOCHS, HIDDEN_SIZES, TRAIN_SIZES
from nnlib.widgets.overfitting_explorer import draw_overfitting_explorer, overfitting_explorer, overfitting_state


def plain_forward(net, X):
    (W1, b1), (W2, b2) = [(layer.W, layer.b) for layer in net.layers]
    return 1 / (1 + np.exp(-(W2 @ np.tanh(W1 @ X + b1) + b2)))


def plain_bce(p, labels):
    return float(-np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p)))


def test_training_sets_are_nested():
    small, large = overfitting_state(8, 10), overfitting_state(8, 40)
    np.testing.assert_array_equal(large["X_train"][:, :10], small["X_train"])


def test_final_losses_and_accuracies_match_the_network_written_out():
    state = overfitting_state(4, 40)
    p_train = plain_forward(state["net"], state["X_train"])[0]
    p_test = plain_forward(state["net"], state["X_test"])[0]
    assert state["train_loss"][-1] == pytest.approx(plain_bce(p_train, state["labels_train"]), rel=1e-9)
    assert state["test_loss"][-1] == pytest.approx(plain_bce(p_test, state["labels_test"]), rel=1e-9)
    assert state["gap"] == pytest.approx(state["test_loss"][-1] - state["train_loss"][-1])
    assert state["train_accuracy"] == np.mean((p_train > 0.5) == state["labels_train"])
    assert state["test_accuracy"] == np.mean((p_test > 0.5) == state["labels_test"])
    assert state["n_parameters"] == 2 * 4 + 4 + 4 + 1
    assert len(state["train_loss"]) == len(state["test_loss"]) == EPOCHS + 1


def test_a_large_network_on_few_points_overfits():
    state = overfitting_state(32, 10)
    best = state["best_epoch"]
    assert state["train_loss"][-1] < 0.1 < state["train_loss"][best]
    assert state["test_loss"][-1] > 2 * state["test_loss"][best]
    assert state["train_accuracy"] == 1.0 > state["test_accuracy"]


def test_more_data_closes_the_gap():
    gaps = [overfitting_state(32, n)["gap"] for n in TRAIN_SIZES]
    assert gaps[0] > 1.0 and abs(gaps[-1]) < 0.1
    assert gaps[-1] < gaps[0] / 10


def test_values_off_the_grid_are_explained():
    with pytest.raises(ValueError, match="hidden_units must be one of 1, 2, 4, 8, 16, 32; got 5"):
        overfitting_state(5, 20)
    with pytest.raises(ValueError, match="n_train must be one of"):
        overfitting_state(4, 21)


def test_figure_and_widget():
    fig = draw_overfitting_explorer(HIDDEN_SIZES[-1], TRAIN_SIZES[0])
    assert fig.axes[0].get_title().startswith(f"2-{HIDDEN_SIZES[-1]}-1 network, {TRAIN_SIZES[0]} training points")
    live = overfitting_explorer()
    assert live.values() == {"hidden_units": 32, "n_train": 20}
    assert "2-32-1 network" in live.alt and "20 noisy points" in live.alt
    live.controls["n_train"].value = 160
    assert live.image.value != live.static_png
