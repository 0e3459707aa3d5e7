"""The backprop stepper's logic, called directly and checked against plain numpy."""

import numpy as np
import pytest

import nnlib
from nnlib.widgets.backprop_stepper import (
    backprop_stepper,
    backprop_stepper_state,
    draw_backprop_stepper,
    stage_caption,
    stage_names,
    worked_example,
)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def plain_pass(W1, b1, W2, b2, x, y):
    """One forward and backward pass of a 2-layer sigmoid network with squared error, in numpy."""
    z1 = W1 @ x + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    loss = 0.5 * np.sum((a2 - y) ** 2)
    d2 = (a2 - y) * a2 * (1 - a2)
    d1 = (W2.T @ d2) * a1 * (1 - a1)
    return dict(z1=z1, a1=a1, z2=z2, a2=a2, loss=loss, d2=d2, d1=d1,
                W1=np.outer(d1, x), b1=d1, W2=np.outer(d2, a1), b2=d2)


EXAMPLE = dict(
    W1=np.array([[0.15, 0.20], [0.25, 0.30]]), b1=np.array([0.35, 0.35]),
    W2=np.array([[0.40, 0.45], [0.50, 0.55]]), b2=np.array([0.60, 0.60]),
    x=np.array([0.05, 0.10]), y=np.array([0.01, 0.99]),
)


def test_the_worked_example_matches_plain_numpy():
    state = backprop_stepper_state(step=6)
    ref = plain_pass(**EXAMPLE)
    np.testing.assert_allclose(state["z"][0], ref["z1"], rtol=1e-14)
    np.testing.assert_allclose(state["a"][1], ref["a1"], rtol=1e-14)
    np.testing.assert_allclose(state["a"][2], ref["a2"], rtol=1e-14)
    assert state["loss"] == pytest.approx(ref["loss"], rel=1e-14)
    np.testing.assert_allclose(state["delta"][1], ref["d2"], rtol=1e-12)
    np.testing.assert_allclose(state["delta"][0], ref["d1"], rtol=1e-12)
    for name in ("W1", "W2"):
        np.testing.assert_allclose(state["gradients"][name], ref[name], rtol=1e-12)
    for name in ("b1", "b2"):
        np.testing.assert_allclose(state["gradients"][name][:, 0], ref[name], rtol=1e-12)


def test_the_update_and_the_loss_after_it():
    state = backprop_stepper_state(step=6)
    ref = plain_pass(**EXAMPLE)
    new = {name: EXAMPLE[name] - 0.5 * ref[name] for name in ("W1", "b1", "W2", "b2")}
    for name in ("W1", "W2"):
        np.testing.assert_allclose(state["new_weights"][name], new[name], rtol=1e-14)
    after = plain_pass(new["W1"], new["b1"], new["W2"], new["b2"], EXAMPLE["x"], EXAMPLE["y"])
    assert state["new_loss"] == pytest.approx(after["loss"], rel=1e-13)
    assert state["new_loss"] < state["loss"]


def test_updates_before_the_pass_are_gradient_descent_steps():
    weights = {k: EXAMPLE[k].copy() for k in ("W1", "b1", "W2", "b2")}
    losses = []
    for _ in range(3):
        ref = plain_pass(**weights, x=EXAMPLE["x"], y=EXAMPLE["y"])
        losses.append(ref["loss"])
        for name in weights:
            weights[name] = weights[name] - 0.5 * ref[name]
    state = backprop_stepper_state(step=5, updates=3)
    np.testing.assert_allclose(state["weights"]["W1"], weights["W1"], rtol=1e-12)
    np.testing.assert_allclose(state["weights"]["b2"][:, 0], weights["b2"], rtol=1e-12)
    np.testing.assert_allclose(state["loss_history"][:3], losses, rtol=1e-12)
    assert np.all(np.diff(state["loss_history"]) < 0)


def test_gradients_agree_with_central_differences():
    net, x, y = worked_example()
    state = backprop_stepper_state(step=5)
    report = nnlib.check_network_gradients(net, x, y, gradients=state["gradients"])
    assert report.passed, str(report)


def test_each_step_shows_the_right_stages():
    names = stage_names(2)
    expected = {
        0: (0, False, [], False), 1: (1, False, [], False), 2: (2, False, [], False), 3: (2, True, [], False),
        4: (2, True, [2], False), 5: (2, True, [2, 1], False), 6: (2, True, [2, 1], True),
    }
    for step, (forward, loss, backward, updated) in expected.items():
        state = backprop_stepper_state(step=step)
        assert state["stage"] == names[step]
        assert (state["forward_shown"], state["loss_shown"], state["backward_shown"], state["updated"]) == (
            forward, loss, backward, updated,
        ), step


def test_a_deeper_network_with_other_activations(rng):
    net = nnlib.Network.from_sizes([3, 4, 3, 2], hidden="tanh", output="linear", seed=4)
    x, y = rng.normal(size=3), rng.normal(size=2)
    state = backprop_stepper_state(step=8, net=net, x=x, y=y, learning_rate=0.1)
    assert state["n_steps"] == 9 and state["stage"] == "update" and state["backward_shown"] == [3, 2, 1]
    report = nnlib.check_network_gradients(net, x, y, gradients=state["gradients"])
    assert report.passed, str(report)
    assert draw_backprop_stepper(step=6, net=net, x=x, y=y).axes[0].get_title() == "step 6 of 8: backward 2"


def test_the_network_passed_in_is_not_changed():
    net, x, y = worked_example()
    backprop_stepper_state(step=6, updates=5, net=net, x=x, y=y)
    np.testing.assert_array_equal(net.layers[0].W, EXAMPLE["W1"])


def test_captions_carry_the_numbers():
    ref = plain_pass(**EXAMPLE)
    updated = {name: EXAMPLE[name] - 0.5 * ref[name] for name in ("W1", "b1", "W2", "b2")}
    loss_after = plain_pass(**updated, x=EXAMPLE["x"], y=EXAMPLE["y"])["loss"]
    assert "0.298371" in stage_caption(backprop_stepper_state(step=3))  # the classic example's published total error
    assert f"{ref['d1'][0]:.6f}" in stage_caption(backprop_stepper_state(step=5))
    assert f"{loss_after:.6f}" in stage_caption(backprop_stepper_state(step=6))


def test_bad_steps_are_explained():
    with pytest.raises(ValueError, match="step must be a whole number from 0 to 6"):
        backprop_stepper_state(step=7)
    with pytest.raises(ValueError, match="updates must be a whole number of at least 0, got -1"):
        backprop_stepper_state(updates=-1)
    with pytest.raises(ValueError, match="pass one example x and its target y"):
        backprop_stepper_state(net=nnlib.Network.from_sizes([2, 1]))


def test_values_its_controls_do_not_offer_are_refused_at_once():
    with pytest.raises(ValueError, match=r"updates must lie from 0 to 50 \(the range of its slider\); got 100000"):
        backprop_stepper_state(updates=10**5)  # would take minutes
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        backprop_stepper_state(learning_rate=-0.5)


def test_widget_defaults_and_alt_text():
    live = backprop_stepper()
    assert live.values() == {"step": 5, "updates": 0}
    assert "0.298371" in live.alt and "gradient" in live.alt
    live.controls["step"].value = 0
    assert live.image.value != live.static_png
