"""Chapter 7's checkers, fed a right and a wrong answer each, and the planted bug of the bug hunt."""

import numpy as np

import nnlib
from nnlib.exercises.gradcheck import (
    bug_hunt_problem,
    buggy_backward,
    check_bug_location,
    check_numerical_gradient,
    check_relative_error,
)


def central(f, x, h):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        g[i] = (up - down) / (2 * h)
    return g


def test_numerical_gradient_checker():
    assert check_numerical_gradient(central)

    def forward(f, x, h):
        g, f0 = np.zeros_like(x), f(x)
        for i in np.ndindex(x.shape):
            x[i] += h
            g[i] = (f(x) - f0) / h
            x[i] -= h
        return g

    wrong = check_numerical_gradient(forward)
    assert not wrong and "forward differences" in wrong.message

    def leaves_x_nudged(f, x, h):
        g = central(f, x, h)
        x[0] += h
        return g

    assert "your function changed its input x" in check_numerical_gradient(leaves_x_nudged).message
    halved = check_numerical_gradient(lambda f, x, h: central(f, x, h) / 2)
    assert not halved and "It is 0.5 times the right value" in halved.message


def test_relative_error_checker():
    def right(a, b):
        scale = max(np.linalg.norm(a), np.linalg.norm(b))
        return 0.0 if scale == 0 else np.linalg.norm(a - b) / scale

    assert check_relative_error(right)
    divides_by_zero = check_relative_error(lambda a, b: np.linalg.norm(a - b) / max(np.linalg.norm(a), np.linalg.norm(b)))
    assert not divides_by_zero and "both gradients are zero" in divides_by_zero.message
    absolute = check_relative_error(lambda a, b: np.linalg.norm(a - b))
    assert not absolute and "expected" in absolute.message


def test_the_planted_bug_spoils_only_b2_by_a_factor_one_over_m():
    net, X, Y = bug_hunt_problem()
    grads = buggy_backward(net, X, Y)
    _, right = net.loss_and_gradients(X, Y)
    for name in ("W1", "b1", "W2"):
        np.testing.assert_allclose(grads[name], right[name], rtol=1e-12)
    np.testing.assert_allclose(grads["b2"], right["b2"] / X.shape[1], rtol=1e-12)
    report = nnlib.check_network_gradients(net, X, Y, gradients=grads)
    assert not report.passed and report.worst.name == "b2"


def test_bug_location_checker():
    right = check_bug_location("b2")
    assert right and "0.2 times" in right.message
    wrong = check_bug_location("W1")
    assert not wrong and "W1 passes the check" in wrong.message
    assert "not one of them" in check_bug_location("W3").message
