"""The softmax explorer's logic, called directly and checked against plain numpy and finite differences."""

import numpy as np
import pytest

import nnlib
from nnlib.widgets.softmax_explorer import draw_softmax_explorer, softmax_explorer, softmax_explorer_state


def test_probabilities_are_the_tempered_softmax(rng):
    z, T = rng.normal(size=4), 0.7
    state = softmax_explorer_state(*z, temperature=T)
    e = np.exp(z / T)
    np.testing.assert_allclose(state["s"], e / e.sum(), rtol=1e-14)
    assert state["argmax"] == int(np.argmax(z))


def test_jacobian_against_central_differences(rng):
    z, T = rng.normal(size=4), 1.8
    state = softmax_explorer_state(*z, temperature=T)
    numeric = np.array([
        nnlib.numerical_gradient(lambda v, i=i: float(nnlib.softmax(v / T)[i]), z.copy()) for i in range(4)
    ])
    assert nnlib.relative_error(state["jacobian"], numeric) < 1e-8


def test_jacobian_properties_hold_at_every_temperature(rng):
    for T in (0.5, 1.0, 5.0):
        state = softmax_explorer_state(*rng.normal(size=4), temperature=T)
        J = state["jacobian"]
        np.testing.assert_allclose(J, J.T, atol=1e-15)
        np.testing.assert_allclose(state["row_sums"], 0.0, atol=1e-14)
        assert state["rank"] == 3
        assert state["eigenvalues"][0] == pytest.approx(0.0, abs=1e-12)
        assert np.all(state["eigenvalues"] > -1e-12)


def test_temperature_sharpens_and_flattens():
    cold = softmax_explorer_state(2.0, 1.0, 0.1, -1.0, temperature=0.1)
    hot = softmax_explorer_state(2.0, 1.0, 0.1, -1.0, temperature=5.0)
    assert cold["s"][0] > 0.99 and cold["entropy"] < 0.05
    assert hot["entropy"] > 0.95 * np.log(4)


def test_equal_logits_give_the_uniform_distribution():
    state = softmax_explorer_state(1.0, 1.0, 1.0, 1.0)
    np.testing.assert_allclose(state["s"], 0.25)
    np.testing.assert_allclose(np.diag(state["jacobian"]), 0.25 * 0.75)
    assert state["entropy"] == pytest.approx(np.log(4))


def test_a_saturated_softmax_has_a_vanishing_jacobian():
    state = softmax_explorer_state(6.0, -6.0, -6.0, -6.0, temperature=0.1)
    assert state["s"][0] == pytest.approx(1.0) and np.abs(state["jacobian"]).max() < 1e-40


def test_bad_temperature_is_explained():
    with pytest.raises(ValueError, match="temperature must be a positive number"):
        softmax_explorer_state(temperature=0.0)


def test_figure_titles():
    fig = draw_softmax_explorer(temperature=2.0)
    assert fig.axes[0].get_title() == "probabilities s = softmax(z / T), T = 2"
    assert "Jacobian" in fig.axes[1].get_title()


def test_widget_defaults_and_alt_text():
    live = softmax_explorer()
    assert live.values() == {"z1": 2.0, "z2": 1.0, "z3": 0.1, "z4": -1.0, "temperature": 1.0}
    assert "0.638" in live.alt and "Jacobian" in live.alt
    live.controls["temperature"].value = 3.0
    assert live.image.value != live.static_png
