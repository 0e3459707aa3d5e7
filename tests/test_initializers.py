"""Initialisation schemes: shapes, scales, seeds, names."""

import numpy as np
import pytest

from nnlib.initializers import INITIALIZERS, initial_weights


@pytest.mark.parametrize("scheme", sorted(INITIALIZERS))
def test_shape_and_repeatability(scheme):
    W = initial_weights(30, 20, scheme, seed=4)
    assert W.shape == (30, 20)
    np.testing.assert_array_equal(W, initial_weights(30, 20, scheme, seed=4))


def test_scales():
    big = dict(n_out=400, n_in=300)
    assert not initial_weights(**big, scheme="zeros").any()
    assert initial_weights(**big, scheme="small_random").std() == pytest.approx(0.01, rel=0.02)
    assert initial_weights(**big, scheme="xavier").std() == pytest.approx(np.sqrt(2 / 700), rel=0.02)  # U(-r, r): r / sqrt(3)
    assert initial_weights(**big, scheme="he").std() == pytest.approx(np.sqrt(2 / 300), rel=0.02)


def test_different_seeds_differ():
    assert not np.array_equal(initial_weights(3, 3, "he", 0), initial_weights(3, 3, "he", 1))


def test_unknown_scheme():
    with pytest.raises(ValueError, match=r"unknown initialisation scheme 'xavir'.*Did you mean 'xavier'\?"):
        initial_weights(2, 2, "xavir")
