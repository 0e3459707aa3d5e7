"""Numerical gradients, relative error, and the network gradient check (which must catch bugs)."""

import numpy as np
import pytest

from nnlib.gradcheck import check_network_gradients, numerical_gradient, relative_error
from nnlib.network import Network


def test_central_differences_of_a_known_function(rng):
    x = rng.normal(size=(3, 4))
    g = numerical_gradient(lambda v: float(np.sum(np.sin(v) * v)), x.copy())
    np.testing.assert_allclose(g, np.cos(x) * x + np.sin(x), rtol=1e-8)


def test_error_orders_forward_h_central_h_squared():
    f, x0, exact = (lambda v: float(np.exp(v[0]))), 1.0, np.exp(1.0)
    errors = {}
    for method in ("forward", "central"):
        e1 = abs(numerical_gradient(f, np.array([x0]), 1e-2, method)[0] - exact)
        e2 = abs(numerical_gradient(f, np.array([x0]), 1e-3, method)[0] - exact)
        errors[method] = e1 / e2
    assert errors["forward"] == pytest.approx(10, rel=0.05)   # O(h): 10x smaller h, 10x smaller error
    assert errors["central"] == pytest.approx(100, rel=0.05)  # O(h^2): 100x smaller error


def test_x_is_restored(rng):
    x = rng.normal(size=5)
    kept = x.copy()
    numerical_gradient(lambda v: float(v @ v), x)
    np.testing.assert_array_equal(x, kept)


def test_relative_error_cases():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error([1.0, -1.0], [-1.0, 1.0]) == 2.0
    assert relative_error([3.0], [3.0 + 3e-9]) == pytest.approx(1e-9, rel=1e-3)
    with pytest.raises(ValueError, match=r"same shape.*got \(2,\) and \(3,\)"):
        relative_error(np.zeros(2), np.zeros(3))


def test_bad_arguments():
    with pytest.raises(TypeError, match="x must be a float numpy array.*got list"):
        numerical_gradient(lambda v: 0.0, [1.0])
    with pytest.raises(TypeError, match="of dtype int64"):
        numerical_gradient(lambda v: 0.0, np.array([1]))
    with pytest.raises(ValueError, match="h must be a positive number"):
        numerical_gradient(lambda v: 0.0, np.array([1.0]), h=0)
    with pytest.raises(ValueError, match="method must be 'central' or 'forward', got 'backward'"):
        numerical_gradient(lambda v: 0.0, np.array([1.0]), method="backward")


def setup_net(rng):
    net = Network.from_sizes([3, 4, 2], hidden="sigmoid", output="sigmoid", seed=2)
    return net, rng.normal(size=(3, 5)), rng.uniform(size=(2, 5))


def test_correct_gradients_pass_and_weights_are_unchanged(rng):
    net, X, Y = setup_net(rng)
    before = {k: v.copy() for k, v in net.parameters().items()}
    report = check_network_gradients(net, X, Y)
    assert report.passed and report.worst.relative_error < 1e-7
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(value, before[name])
    assert "passed" in str(report)


def test_a_planted_bug_is_caught_and_located(rng):
    net, X, Y = setup_net(rng)
    _, grads = net.loss_and_gradients(X, Y)
    buggy = {k: v.copy() for k, v in grads.items()}
    buggy["W1"][2, 1] *= 1.5
    report = check_network_gradients(net, X, Y, gradients=buggy)
    assert not report.passed
    assert report.worst.name == "W1" and report.worst.worst_index == (2, 1)
    assert report["W2"].relative_error < 1e-7
    assert "MISMATCH" in str(report) and "FAILED" in str(report)


def test_gradients_missing_one_over_m_fail(rng):
    net, X, Y = setup_net(rng)
    _, grads = net.loss_and_gradients(X, Y)
    report = check_network_gradients(net, X, Y, gradients={k: 5 * v for k, v in grads.items()})
    assert not report.passed


def test_transposed_gradient_is_explained(rng):
    net, X, Y = setup_net(rng)
    _, grads = net.loss_and_gradients(X, Y)
    grads = dict(grads, W1=grads["W1"].T)
    expected = r"the gradient of W1 must have the shape of W1, \(4, 3\); got \(3, 4\).*missing transpose"
    with pytest.raises(ValueError, match=expected):
        check_network_gradients(net, X, Y, gradients=grads)


def test_unknown_parameter_name(rng):
    net, X, Y = setup_net(rng)
    with pytest.raises(KeyError, match="gradients has no entry 'W1'"):
        check_network_gradients(net, X, Y, gradients={})
