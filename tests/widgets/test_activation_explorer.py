"""The activation explorer's logic, against the formulas and central differences."""

import numpy as np
import pytest

from nnlib.widgets.activation_explorer import (
    ELEMENTWISE,
    activation_explorer,
    activation_explorer_state,
    draw_activation_explorer,
)

FORMULAS = {  # f, f' written out independently of nnlib
    "linear": (lambda z, a: z, lambda z, a: 1.0),
    "sigmoid": (lambda z, a: 1 / (1 + np.exp(-z)), lambda z, a: np.exp(-z) / (1 + np.exp(-z)) ** 2),
    "tanh": (lambda z, a: np.tanh(z), lambda z, a: 1 / np.cosh(z) ** 2),
    "relu": (lambda z, a: max(z, 0.0), lambda z, a: float(z > 0)),
    "leaky_relu": (lambda z, a: max(a * z, z), lambda z, a: 1.0 if z > 0 else a),
}


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("z", [-3.7, -0.4, 0.9, 4.2])
def test_point_values_match_the_formulas(name, z):
    upstream, slope = -1.3, 0.2
    state = activation_explorer_state(name, z, upstream, slope)
    f, df = FORMULAS[name]
    assert state["a"] == pytest.approx(f(z, slope), rel=1e-12)
    assert state["local"] == pytest.approx(df(z, slope), rel=1e-12)
    assert state["downstream"] == pytest.approx(df(z, slope) * upstream, rel=1e-12)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_curve_agrees_with_central_differences(name):
    state = activation_explorer_state(name, slope=0.3, n=240)  # an even n keeps the grid off z = 0
    z, h = state["z_grid"], 1e-6
    f = lambda v: activation_explorer_state(name, v, slope=0.3)["a"]  # noqa: E731
    numeric = np.array([(f(zi + h) - f(zi - h)) / (2 * h) for zi in z[10::20]])  # inside the slider's range
    np.testing.assert_allclose(state["df"][10::20], numeric, rtol=1e-6, atol=1e-9)


def test_relu_at_its_kink_uses_the_left_slope():
    assert activation_explorer_state("relu", 0.0)["local"] == 0.0
    assert activation_explorer_state("leaky_relu", 0.0, slope=0.05)["local"] == 0.05


def test_a_saturated_sigmoid_passes_back_almost_nothing():
    state = activation_explorer_state("sigmoid", 6.0, upstream=1.0)  # the slider's end
    assert state["downstream"] < 0.0025 < 0.1 * activation_explorer_state("sigmoid", 0.0)["downstream"]


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="elementwise"):
        activation_explorer_state("softmax")
    with pytest.raises(ValueError, match="slope must satisfy"):
        activation_explorer_state("leaky_relu", slope=1.5)
    with pytest.raises(ValueError, match=r"z must lie from -6 to 6 \(the range of its slider\); got 10.0"):
        activation_explorer_state("sigmoid", 10.0)
    with pytest.raises(ValueError, match="n must be a whole number from 2 to 10001; got 1000000"):
        activation_explorer_state("sigmoid", n=10**6)


def test_figure_titles_follow_the_controls():
    fig = draw_activation_explorer("relu", z=-1.5)
    assert [ax.texts[0].get_text() for ax in fig.axes] == ["relu(z) (solid) and its tangent at z (dotted)", "relu'(z)"]


def test_widget_defaults():
    live = activation_explorer()
    assert live.values() == {"activation": "sigmoid", "z": 2.0, "upstream": 1.0, "slope": 0.01}
    assert "sigmoid" in live.alt and "0.105" in live.alt
