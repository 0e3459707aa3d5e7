"""Optimisers: each update against its formula written out by hand, and their input checks."""

import numpy as np
import pytest

import nnlib
from nnlib.network import Network
from nnlib.optimizers import SGD, check_step_arguments
from nnlib.training import gradient_descent_step


def test_sgd_is_theta_minus_eta_times_the_gradient(rng):
    params = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1))}
    grads = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1))}
    expected = {name: value - 0.25 * grads[name] for name, value in params.items()}
    live = params["W1"]
    SGD(0.25).step(params, grads)
    assert params["W1"] is live  # in place: a network's live arrays change
    for name in params:
        np.testing.assert_array_equal(params[name], expected[name])


def test_sgd_on_a_network_is_gradient_descent_step(rng):
    net = Network.from_sizes([2, 3, 1], seed=0)
    twin = net.copy()
    X, Y = rng.normal(size=(2, 4)), rng.uniform(size=(1, 4))
    net.loss_and_gradients(X, Y)
    twin.loss_and_gradients(X, Y)
    SGD(0.1).step(net.parameters(), net.gradients())
    gradient_descent_step(twin, 0.1)
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(value, twin.parameters()[name])


def test_the_learning_rate_is_inspectable_and_defaults_to_0_1():
    assert SGD().learning_rate == 0.1 and SGD(2).learning_rate == 2.0
    assert repr(SGD(0.5)) == "SGD(learning_rate=0.5)"


def test_step_refuses_mismatched_arguments_before_changing_anything():
    params = {"W1": np.ones((2, 2)), "b1": np.ones((2, 1))}
    for grads, error, words in [
        ({"W1": np.ones((2, 2))}, ValueError, "grads has no entry 'b1'"),
        ({"W1": np.ones((2, 2)), "b1": np.ones((1, 2))}, ValueError,
         r"grads\['b1'\] must be an array of the shape of params\['b1'\], \(2, 1\)"),
        ({"W1": np.ones((2, 2)), "b1": [[1.0], [1.0]]}, ValueError, r"got list of shape \(2, 1\)"),
        ([np.ones((2, 2))], TypeError, "grads must be a dict of arrays by name, such as net.gradients"),
    ]:
        with pytest.raises(error, match=words):
            SGD(0.1).step(params, grads)
        np.testing.assert_array_equal(params["W1"], 1.0)
    with pytest.raises(TypeError, match=r"params\['W1'\] must be a float array, updated in place"):
        check_step_arguments({"W1": np.ones((2, 2), int)}, {"W1": np.ones((2, 2))})
    with pytest.raises(TypeError, match="params must be a dict of arrays by name, such as net.parameters"):
        check_step_arguments("W1", {})


def test_sgd_is_exported():
    assert nnlib.SGD is SGD
