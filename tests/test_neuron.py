"""One neuron: weighted sum, output, decision line."""

import numpy as np
import pytest

import nnlib


def test_weighted_sum_one_input_and_a_batch(rng):
    w, b = rng.normal(size=3), 0.7
    X = rng.normal(size=(3, 5))
    np.testing.assert_allclose(nnlib.weighted_sum(X, w, b), [sum(w[k] * X[k, i] for k in range(3)) + b for i in range(5)])
    assert nnlib.weighted_sum(X[:, 0], w, b) == pytest.approx(w @ X[:, 0] + b)


def test_neuron_output_applies_the_activation():
    assert nnlib.neuron_output([1.0, 1.0], [1.0, 1.0], -2.0, "relu") == 0.0
    assert nnlib.neuron_output([0.0, 0.0], [1.0, 1.0], 0.0, "sigmoid") == 0.5


def test_decision_line_points_have_z_zero(rng):
    for _ in range(10):
        w, b = rng.normal(size=2), rng.normal()
        x1, x2 = nnlib.decision_line(w, b)
        np.testing.assert_allclose(w[0] * x1 + w[1] * x2 + b, 0, atol=1e-12)


def test_vertical_line_and_no_line():
    x1, x2 = nnlib.decision_line([2.0, 0.0], -1.0)
    np.testing.assert_array_equal(x1, [0.5, 0.5])
    with pytest.raises(ValueError, match="w1 = w2 = 0.*no line"):
        nnlib.decision_line([0.0, 0.0], 1.0)


def test_wrong_number_of_inputs_is_explained():
    with pytest.raises(ValueError, match=r"x must have shape \(3, m\): 3 features \(one per weight\).*got shape \(2, 1\)"):
        nnlib.weighted_sum([1.0, 2.0], [1.0, 2.0, 3.0], 0.0)


def test_bad_weights_bias_and_activation():
    with pytest.raises(ValueError, match=r"w must be a 1-D array.*got shape \(1, 2\)"):
        nnlib.weighted_sum([1.0, 2.0], [[1.0, 2.0]], 0.0)
    with pytest.raises(ValueError, match=r"b must be a single number, got an array of shape \(2,\)"):
        nnlib.weighted_sum([1.0, 2.0], [1.0, 2.0], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"x must hold finite numbers, but x\[0\] is inf"):
        nnlib.weighted_sum([np.inf, 2.0], [1.0, 2.0], 0.0)
    with pytest.raises(ValueError, match="unknown activation 'sigma'"):
        nnlib.neuron_output([1.0], [1.0], 0.0, "sigma")
