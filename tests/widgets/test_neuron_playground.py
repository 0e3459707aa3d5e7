"""The neuron playground's logic, called directly."""

import numpy as np
import pytest

import nnlib
from nnlib.widgets.neuron_playground import draw_neuron_playground, neuron_playground, neuron_playground_state


def test_and_weights_get_all_four_right():
    state = neuron_playground_state(10.0, 10.0, -15.0, "sigmoid", "and")
    assert state["n_correct"] == 4
    np.testing.assert_allclose(state["a"], nnlib.sigmoid(np.array([-15.0, -5.0, -5.0, 5.0])))


def test_output_over_the_plane_is_the_neuron(rng):
    w1, w2, b = rng.normal(size=3)
    state = neuron_playground_state(w1, w2, b, "tanh", "or", resolution=11)
    x1, x2 = state["grid"]
    i, j = 3, 7  # row along x2, column along x1
    assert state["output"][i, j] == pytest.approx(np.tanh(w1 * x1[j] + w2 * x2[i] + b))


def test_decision_line_lies_where_z_is_zero():
    state = neuron_playground_state(2.0, -1.0, 0.5, "sigmoid", "xor")
    x1, x2 = state["line"]
    np.testing.assert_allclose(2.0 * x1 - 1.0 * x2 + 0.5, 0.0, atol=1e-12)


def test_xor_is_never_all_right(rng):
    for w1, w2, b in rng.uniform(-20, 20, size=(200, 3)):
        assert neuron_playground_state(w1, w2, b, "sigmoid", "xor")["n_correct"] <= 3


def test_zero_weights_have_no_line():
    state = neuron_playground_state(0.0, 0.0, 1.0)
    assert state["line"] is None and state["predictions"].tolist() == [1, 1, 1, 1]


def test_figure_reports_the_score():
    fig = draw_neuron_playground(10.0, 10.0, -5.0, "sigmoid", "and")  # the OR neuron, asked for AND
    assert fig.axes[0].get_title() == "and: 2 of 4 inputs right"


def test_widget_defaults_and_alt_text():
    live = neuron_playground()
    assert live.values() == {"w1": 10.0, "w2": 10.0, "b": -15.0, "activation": "sigmoid", "gate": "and"}
    assert "4 of the 4 right" in live.alt
    live.controls["gate"].value = "xor"
    assert live.image.value != live.static_png
