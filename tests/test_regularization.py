"""L2 weight decay: the penalty, its gradient (against central differences) and the shared argument checks."""

import numpy as np
import pytest

from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.network import Network
from nnlib.regularization import check_in_range, decays, l2_gradient, l2_penalty


def test_penalty_by_hand():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[5.0]]), "W2": np.array([[3.0]])}
    assert l2_penalty(params, 0.2) == pytest.approx(0.1 * (1 + 4 + 9))  # the bias does not count


def test_gradient_against_central_differences(rng):
    params = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1))}
    grads = l2_gradient(params, 0.3)
    for name, p in params.items():
        numerical = numerical_gradient(lambda _: l2_penalty(params, 0.3), p)
        np.testing.assert_allclose(grads[name], numerical, rtol=1e-7, atol=1e-10)
    np.testing.assert_array_equal(grads["b1"], 0.0)


def test_penalised_network_loss_gradient_against_central_differences(rng):
    """The gradient of L + (lambda/2) sum ||W||^2 is backprop's gradient plus l2_gradient."""
    net = Network.from_sizes([3, 4, 2], hidden="tanh", output="linear", seed=0)
    X, Y = rng.normal(size=(3, 6)), rng.normal(size=(2, 6))
    _, grads = net.loss_and_gradients(X, Y)
    penalty = l2_gradient(net.parameters(), 0.1)
    for name, p in net.parameters().items():
        numerical = numerical_gradient(lambda _: net.loss(X, Y) + l2_penalty(net.parameters(), 0.1), p)
        assert relative_error(grads[name] + penalty[name], numerical) < 1e-8, name


def test_zero_weight_decay_adds_nothing(rng):
    params = {"W1": rng.normal(size=(2, 2))}
    assert l2_penalty(params, 0.0) == 0.0
    np.testing.assert_array_equal(l2_gradient(params, 0.0)["W1"], 0.0)


def test_only_weights_decay():
    assert [decays(n) for n in ["W1", "W12", "b1", "b12"]] == [True, True, False, False]


@pytest.mark.parametrize("bad", [-0.1, float("inf"), float("nan")])
def test_weight_decay_must_be_finite_and_not_negative(bad):
    with pytest.raises(ValueError, match=r"weight_decay must be a number in \[0, inf\) such as 1e-4"):
        l2_penalty({"W1": np.ones((1, 1))}, bad)
    with pytest.raises(ValueError, match=r"weight_decay must be a number in \[0, inf\)"):
        l2_gradient({"W1": np.ones((1, 1))}, bad)


def test_check_in_range_names_the_argument_the_interval_and_the_value():
    assert check_in_range(0, "p", 0.0, 1.0) == 0.0
    with pytest.raises(ValueError, match=r"^p must be a number in \(0, 1\], got 0\.$"):
        check_in_range(0, "p", 0.0, 1.0, low_open=True)
    with pytest.raises(TypeError, match=r"^p must be a number in \[0, 1\], got bool True\.$"):
        check_in_range(True, "p", 0.0, 1.0)
    with pytest.raises(TypeError, match=r"got list \[0.5\]"):
        check_in_range([0.5], "p", 0.0, 1.0)
