"""The dense layer: forward, backward, and what backward keeps."""

import numpy as np
import pytest

import nnlib
from nnlib.layers import Dense


def test_forward_is_W_A_plus_b_through_f(rng):
    W, b = rng.normal(size=(3, 2)), rng.normal(size=3)
    A_prev = rng.normal(size=(2, 5))
    layer = Dense(W, b, "tanh")
    np.testing.assert_allclose(layer.forward(A_prev), np.tanh(W @ A_prev + b[:, None]))
    assert layer.Z.shape == layer.A.shape == (3, 5)


def test_backward_against_central_differences(rng):
    layer = Dense(rng.normal(size=(3, 2)), rng.normal(size=3), "sigmoid")
    A_prev = rng.normal(size=(2, 4))
    G = rng.normal(size=(3, 4))  # an upstream gradient dL/dA; L = sum(G * A) has exactly this gradient

    def loss(_=None):
        return float(np.sum(G * layer.forward(A_prev)))

    layer.forward(A_prev)
    dA_prev = layer.backward(G)
    dW, db = layer.dW.copy(), layer.db.copy()
    assert nnlib.relative_error(dW, nnlib.numerical_gradient(loss, layer.W)) < 1e-7
    assert nnlib.relative_error(db, nnlib.numerical_gradient(loss, layer.b)) < 1e-7
    assert nnlib.relative_error(dA_prev, nnlib.numerical_gradient(loss, A_prev)) < 1e-7


def test_backward_leaves_the_incoming_gradient_alone(rng):
    for name in ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax"]:
        layer = Dense(rng.normal(size=(3, 2)), np.zeros(3), name)
        layer.forward(rng.normal(size=(2, 4)))
        G = rng.normal(size=(3, 4))
        kept = G.copy()
        layer.backward(G)
        np.testing.assert_array_equal(G, kept, err_msg=name)


def test_first_layer_can_skip_the_input_gradient(rng):
    layer = Dense(rng.normal(size=(2, 2)), np.zeros(2))
    layer.forward(rng.normal(size=(2, 3)))
    assert layer.backward(np.ones((2, 3)), input_gradient=False) is None
    assert layer.dW.shape == (2, 2)


def test_parameters_are_live(rng):
    layer = Dense(np.zeros((1, 2)), [0.0], "linear")
    layer.parameters()["W"][0, 0] = 2.0
    assert layer.forward(np.array([[1.0], [0.0]]))[0, 0] == 2.0


def test_bad_shapes_are_explained():
    with pytest.raises(ValueError, match=r"W must be 2-D with shape \(n_out, n_in\), at least \(1, 1\); got shape \(3,\)"):
        Dense(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match=r"b must have shape \(2,\) or \(2, 1\).*got shape \(3,\)"):
        Dense(np.zeros((2, 3)), np.zeros(3))
    with pytest.raises(ValueError, match=r"this layer expects input of shape \(3, m\).*got shape \(2, 5\)"):
        Dense(np.zeros((2, 3)), np.zeros(2)).forward(np.zeros((2, 5)))
    with pytest.raises(RuntimeError, match="call forward before backward"):
        Dense(np.zeros((2, 3)), np.zeros(2)).backward(np.zeros((2, 1)))


def test_the_layer_owns_a_copy_of_the_weights_it_is_given(rng):
    W, b = rng.normal(size=(2, 3)), rng.normal(size=2)
    kept_W, kept_b = W.copy(), b.copy()
    layer = Dense(W, b, "sigmoid")
    layer.forward(rng.normal(size=(3, 4)))
    layer.backward(np.ones((2, 4)))
    layer.W -= 0.5 * layer.dW
    layer.b -= 0.5 * layer.db
    np.testing.assert_array_equal(W, kept_W)
    np.testing.assert_array_equal(b, kept_b)


def test_backward_refuses_a_wrongly_shaped_upstream_gradient(rng):
    """It used to broadcast a (1, 4) or (3, 1) gradient over the (3, 4) output without a word."""
    layer = Dense(rng.normal(size=(3, 2)), np.zeros(3), "tanh")
    layer.forward(rng.normal(size=(2, 4)))
    for bad in (np.ones((1, 4)), np.ones((3, 1)), np.ones((4, 3)), np.ones(3)):
        with pytest.raises(ValueError, match=r"dA must have the shape of this layer's output, \(3, 4\).*got shape"):
            layer.backward(bad)
    with pytest.raises(ValueError, match=r"dZ must have the shape of this layer's output, \(3, 4\)"):
        layer.backward_z(np.ones((3, 1)))


def test_backward_z_skips_the_activation(rng):
    layer = Dense(rng.normal(size=(3, 2)), np.zeros(3), "sigmoid")
    A_prev = rng.normal(size=(2, 4))
    layer.forward(A_prev)
    dZ = rng.normal(size=(3, 4))
    dA_prev = layer.backward_z(dZ)
    np.testing.assert_allclose(layer.dW, dZ @ A_prev.T)
    np.testing.assert_allclose(layer.db, dZ.sum(axis=1, keepdims=True))
    np.testing.assert_allclose(dA_prev, layer.W.T @ dZ)


def test_lists_work_where_arrays_do():
    layer = Dense([[1.0, -1.0]], [0.5], "linear")
    np.testing.assert_array_equal(layer.forward([[2.0], [1.0]]), [[1.5]])
    np.testing.assert_array_equal(layer.backward([[1.0]]), [[1.0], [-1.0]])
