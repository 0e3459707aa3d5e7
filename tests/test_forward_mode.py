"""Forward mode: each JVP is the gradient's dot product with the direction, and the gradient built
from one pass per parameter is backpropagation's."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib
from nnlib import forward_mode
from nnlib.forward_mode import forward_mode_gradient, loss_jvp

from .test_autograd import OUTPUTS_FOR, targets_for


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
    hidden=st.sampled_from(["linear", "sigmoid", "tanh", "relu", "leaky_relu"]),
    name=st.sampled_from(list(OUTPUTS_FOR)),
    seed=st.integers(0, 2**32 - 1),
)
def test_a_jvp_is_the_dot_product_of_the_gradient_with_the_direction(data, sizes, hidden, name, seed):
    output = data.draw(st.sampled_from(OUTPUTS_FOR[name]))
    if output == "softmax" and sizes[-1] == 1:
        sizes[-1] = 2
    rng = np.random.default_rng(seed)
    net = nnlib.Network.from_sizes(sizes, hidden, output, seed=seed % 1000)
    X, Y = rng.normal(size=(sizes[0], 3)), targets_for(name, rng, sizes[-1], 3)
    direction = {k: rng.normal(size=p.shape) for k, p in net.parameters().items()}
    _, grads = net.loss_and_gradients(X, Y, name)
    expected = sum(float(np.sum(grads[k] * v)) for k, v in direction.items())
    assert loss_jvp(net, X, Y, name, direction) == pytest.approx(expected, rel=1e-10, abs=1e-13)


def test_the_jvp_is_the_derivative_along_the_direction(rng):
    net = nnlib.Network.from_sizes([3, 4, 2], "tanh", "softmax", seed=2)
    X, Y = rng.normal(size=(3, 5)), nnlib.one_hot(rng.integers(0, 2, 5), 2)
    direction = {k: rng.normal(size=p.shape) for k, p in net.parameters().items()}

    def loss_at(t):
        moved = net.copy()
        for k, p in moved.parameters().items():
            p += t * direction[k]
        return moved.loss(X, Y, "categorical_cross_entropy")

    h = 1e-5
    central = (loss_at(h) - loss_at(-h)) / (2 * h)
    assert loss_jvp(net, X, Y, "categorical_cross_entropy", direction) == pytest.approx(central, rel=1e-8)


def test_the_full_gradient_takes_one_pass_per_parameter_and_equals_backpropagation(rng, monkeypatch):
    net = nnlib.Network.from_sizes([4, 5, 3], "relu", "linear", seed=1)
    X, Y = rng.normal(size=(4, 6)), nnlib.one_hot(rng.integers(0, 3, 6), 3)
    passes = []
    real = forward_mode._loss_jvp
    monkeypatch.setattr(forward_mode, "_loss_jvp", lambda *args: passes.append(1) or real(*args))
    forward = forward_mode_gradient(net, X, Y, "softmax_cross_entropy")
    assert len(passes) == sum(p.size for p in net.parameters().values()) == 4 * 5 + 5 + 5 * 3 + 3
    _, reverse = net.loss_and_gradients(X, Y, "softmax_cross_entropy")
    for k in reverse:
        np.testing.assert_allclose(forward[k], reverse[k], rtol=1e-10, atol=1e-15, err_msg=k)


def test_a_direction_with_a_missing_or_misshapen_parameter_is_refused():
    net = nnlib.Network.from_sizes([2, 3, 1], seed=0)
    X, Y = np.ones((2, 2)), np.zeros((1, 2))
    good = {k: np.zeros_like(p) for k, p in net.parameters().items()}
    with pytest.raises(ValueError, match="one array per parameter"):
        loss_jvp(net, X, Y, "squared_error", {k: v for k, v in good.items() if k != "b2"})
    with pytest.raises(ValueError, match=r"\(3, 2\)"):
        loss_jvp(net, X, Y, "squared_error", {**good, "W1": np.zeros((2, 3))})
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\)"):
        loss_jvp(net, np.ones((3, 2)), Y, "squared_error", good)
