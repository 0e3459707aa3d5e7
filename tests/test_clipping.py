"""Gradient clipping by norm: the length of all gradients together, capped, direction kept."""

import numpy as np
import pytest

from nnlib.clipping import clip_by_norm, gradient_norm


def test_norm_of_all_gradients_as_one_vector(rng):
    grads = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1))}
    by_hand = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    assert gradient_norm(grads) == pytest.approx(by_hand, rel=1e-14)


def test_a_long_gradient_is_scaled_to_max_norm_in_the_same_direction(rng):
    grads = {"W1": 10 * rng.normal(size=(3, 2)), "b1": 10 * rng.normal(size=(3, 1))}
    clipped = clip_by_norm(grads, 1.5)
    assert gradient_norm(clipped) == pytest.approx(1.5, rel=1e-14)
    factor = 1.5 / gradient_norm(grads)
    for name in grads:
        np.testing.assert_allclose(clipped[name], factor * grads[name], rtol=1e-14)


def test_a_short_gradient_passes_unchanged_and_the_input_is_never_modified(rng):
    grads = {"W1": rng.normal(size=(3, 2))}
    before = grads["W1"].copy()
    clipped = clip_by_norm(grads, 100.0)
    np.testing.assert_array_equal(clipped["W1"], before)
    assert clipped["W1"] is not grads["W1"]
    clip_by_norm(grads, 1e-3)
    np.testing.assert_array_equal(grads["W1"], before)


@pytest.mark.parametrize("scale", [1e-200, 1e200, 1e300])
def test_extreme_gradients_keep_their_true_length(scale):
    grads = {"W1": np.array([[3.0 * scale]]), "b1": np.array([[4.0 * scale]])}
    with np.errstate(over="raise", under="raise", invalid="raise"):
        assert gradient_norm(grads) == pytest.approx(5.0 * scale, rel=1e-14)
        clipped = clip_by_norm(grads, 1.0)
    expected = [[0.6, 0.8]] if scale > 1 else [[3.0 * scale, 4.0 * scale]]      # clipped to length 1, or untouched
    np.testing.assert_allclose([[clipped["W1"][0, 0], clipped["b1"][0, 0]]], expected, rtol=1e-14)


def test_zero_and_empty_gradients():
    assert gradient_norm({}) == 0.0
    assert gradient_norm({"W1": np.zeros((2, 2))}) == 0.0
    np.testing.assert_array_equal(clip_by_norm({"W1": np.zeros((2, 2))}, 1.0)["W1"], 0.0)


def test_non_finite_gradients_are_refused_by_name():
    with pytest.raises(ValueError, match="the gradient 'b2' holds NaN or inf: clipping cannot repair it"):
        clip_by_norm({"W1": np.ones((1, 1)), "b2": np.array([[np.inf]])}, 1.0)


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan")])
def test_max_norm_must_be_positive(bad):
    with pytest.raises(ValueError, match=f"max_norm must be a positive number such as 0.1, got {bad}"):
        clip_by_norm({"W1": np.ones((1, 1))}, bad)
