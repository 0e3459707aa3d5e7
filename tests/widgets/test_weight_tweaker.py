"""The weight tweaker's logic, called directly and checked against the forward pass written out by hand."""

import numpy as np
import pytest

from nnlib.widgets.weight_tweaker import (
    PARAMETER_NAMES,
    XOR_PARAMETERS,
    draw_weight_tweaker,
    tweaker_network,
    weight_tweaker,
    weight_tweaker_state,
)

XOR_INPUTS = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]


def by_hand(p, x1, x2):
    """The 2-2-1 sigmoid network, one unit at a time, in plain Python."""
    s = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731  (safe: every z here is small)
    h1 = s(p["w1_11"] * x1 + p["w1_12"] * x2 + p["b1_1"])
    h2 = s(p["w1_21"] * x1 + p["w1_22"] * x2 + p["b1_2"])
    return h1, h2, s(p["w2_11"] * h1 + p["w2_12"] * h2 + p["b2_1"])


def test_xor_weights_compute_xor():
    state = weight_tweaker_state()
    assert state["predictions"].tolist() == [0, 1, 1, 0] and state["n_correct"] == 4
    for i, (x1, x2) in enumerate(XOR_INPUTS):
        h1, h2, out = by_hand(XOR_PARAMETERS, x1, x2)
        np.testing.assert_allclose(state["A1"][:, i], [h1, h2], rtol=1e-12)
        assert state["y_hat"][i] == pytest.approx(out, rel=1e-12)


def test_every_slider_reaches_its_own_parameter(rng):
    params = dict(zip(PARAMETER_NAMES, rng.uniform(-3, 3, size=9)))
    state = weight_tweaker_state(2, **params)
    net = tweaker_network(**params)
    assert net.layers[0].W.tolist() == [[params["w1_11"], params["w1_12"]], [params["w1_21"], params["w1_22"]]]
    assert net.layers[1].W.tolist() == [[params["w2_11"], params["w2_12"]]]
    h1, h2, out = by_hand(params, 1.0, 0.0)
    np.testing.assert_allclose(state["node_values"][0], [1.0, 0.0])
    np.testing.assert_allclose(state["node_values"][1], [h1, h2], rtol=1e-12)
    assert state["node_values"][2][0] == pytest.approx(out, rel=1e-12)
    z_out = params["w2_11"] * h1 + params["w2_12"] * h2 + params["b2_1"]
    assert state["Z2"][2] == pytest.approx(z_out, rel=1e-12)


def test_output_over_the_plane_is_the_network(rng):
    params = dict(zip(PARAMETER_NAMES, rng.uniform(-5, 5, size=9)))
    state = weight_tweaker_state(0, resolution=9, **params)
    x1, x2 = state["grid"]
    i, j = 2, 6  # row along x2, column along x1
    assert state["output"][i, j] == pytest.approx(by_hand(params, x1[j], x2[i])[2], rel=1e-12)


def test_a_broken_output_bias_spoils_the_score():
    state = weight_tweaker_state(b2_1=5.0)  # the output says 1 everywhere
    assert state["predictions"].tolist() == [1, 1, 1, 1] and state["n_correct"] == 2
    assert draw_weight_tweaker(b2_1=5.0).axes[1].texts[0].get_text() == "XOR: 2 of 4 inputs right"


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="input_index must be 0, 1, 2 or 3"):
        weight_tweaker_state(4)
    with pytest.raises(ValueError, match="unknown parameter 'w3_11'"):
        tweaker_network(w3_11=1.0)


def test_widget_has_a_slider_per_parameter_and_an_input_menu():
    live = weight_tweaker()
    assert list(live.controls) == list(PARAMETER_NAMES) + ["input_index"]
    assert live.values() == {**XOR_PARAMETERS, "input_index": 1}
    assert "4 of the 4 right" in live.alt
    live.controls["w1_11"].value = -3.0
    assert live.image.value != live.static_png
