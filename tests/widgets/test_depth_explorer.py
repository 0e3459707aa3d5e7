"""The depth explorer shows depth_experiment's measurements, refuses values its controls do not
offer, and what its hints (chapter 12) say about the curves holds."""

import numpy as np
import pytest

from nnlib.diagnostics import depth_experiment
from nnlib.widgets.depth_explorer import SCALES, DepthFigure, depth_explorer, depth_explorer_state


def gradient_at_layer_1(depth, activation, init="xavier", scale=1.0):
    return depth_explorer_state(depth, activation, init, scale)["gradient"][0]


def spread(values):
    return float(np.max(values) / np.min(values))


def test_state_is_the_depth_experiment():
    state = depth_explorer_state(12, "relu", "normal", 2.0)
    stats = depth_experiment(12, "relu", init=1.0, scale=2.0, width=64)
    np.testing.assert_array_equal(state["activation_rms"], stats.activation_rms)
    np.testing.assert_allclose(state["gradient"], stats.gradient_rms / stats.gradient_rms[-1], rtol=1e-15)
    assert state["gradient"][-1] == 1.0 and list(state["layers"]) == list(range(1, 13))
    per_layer = stats.gradient_rms[:-1] / stats.gradient_rms[1:]
    assert state["factor"] == pytest.approx(np.prod(per_layer) ** (1 / 11), rel=1e-12)


def test_values_the_controls_do_not_offer_are_refused():
    with pytest.raises(ValueError, match="depth must lie from 2 to 20 .* got 25"):
        depth_explorer_state(25)
    with pytest.raises(ValueError, match="depth must be a whole number"):
        depth_explorer_state(2.5)
    with pytest.raises(ValueError, match="activation must be one of sigmoid, tanh, relu; got 'softplus'"):
        depth_explorer_state(activation="softplus")
    with pytest.raises(ValueError, match="init must be one of xavier, he, small_random, normal; got 'lecun'"):
        depth_explorer_state(init="lecun")
    with pytest.raises(ValueError, match="scale must be one of"):
        depth_explorer_state(scale=3.0)


def test_twenty_layers_five_scales():
    for scale in SCALES:
        assert gradient_at_layer_1(20, "sigmoid", scale=scale) < 1e-3  # vanishes at every scale
    assert 0.1 < gradient_at_layer_1(20, "tanh") < 10  # level at gamma = 1
    assert 0.1 < gradient_at_layer_1(20, "relu", scale=np.sqrt(2)) < 10  # level at gamma = sqrt 2
    for activation in ("tanh", "relu"):
        assert gradient_at_layer_1(20, activation, scale=0.5) < 1e-3  # smaller weights: it vanishes
        assert gradient_at_layer_1(20, activation, scale=4.0) > 1e2  # larger ones: it explodes


def test_four_starts():
    at = {(f, init): depth_explorer_state(10, f, init) for f in ("sigmoid", "tanh", "relu")
          for init in ("xavier", "he", "small_random", "normal")}
    assert spread(at["relu", "he"]["activation_rms"]) < 2 and spread(at["relu", "he"]["gradient"]) < 2
    assert spread(at["tanh", "xavier"]["activation_rms"]) < 4 and spread(at["tanh", "xavier"]["gradient"]) < 4
    for f in ("tanh", "relu"):
        small = at[f, "small_random"]
        assert small["activation_rms"][-1] < 1e-8 and small["gradient"][0] < 1e-6
    assert at["tanh", "normal"]["derivative_mean"].mean() < 0.15 and at["tanh", "normal"]["gradient"][0] > 100
    assert at["relu", "normal"]["activation_rms"][-1] > 1e6
    for init in ("xavier", "he", "small_random", "normal"):
        sigmoid = at["sigmoid", init]
        assert np.all(np.abs(sigmoid["activation_rms"] - 0.5) < 0.3) and sigmoid["gradient"][0] < sigmoid["gradient"][-1]


def test_deeper_and_deeper():
    def drop(activation, init="xavier"):
        return gradient_at_layer_1(20, activation, init) / gradient_at_layer_1(2, activation, init)

    assert drop("sigmoid") < 1e-6  # orders of magnitude
    assert drop("sigmoid") < drop("relu") < 1e-1  # ReLU at Xavier's scale falls, more slowly
    for activation, init in [("tanh", "xavier"), ("relu", "he")]:
        values = [gradient_at_layer_1(d, activation, init) for d in (2, 5, 10, 20)]
        assert spread(values) < 10  # level


def test_figure_and_widget():
    fig = DepthFigure()
    fig.set_values(20, "relu", "he", 4.0)
    rms_line, gradient_line = fig.curves.values()
    assert np.all(np.isfinite(gradient_line.get_ydata())) and len(rms_line.get_xdata()) == 20
    assert "ReLU" in fig.heading.get_text() and "He × γ = 4" in fig.heading.get_text()
    live = depth_explorer()
    assert live.values() == {"depth": 20, "activation": "tanh", "init": "xavier", "scale": 1.0}
    assert "tanh network" in live.alt
    live.controls["activation"].value = "sigmoid"
    assert live.image.value != live.static_png
