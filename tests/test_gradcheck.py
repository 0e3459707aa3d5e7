"""Numerical gradients, relative error, and the network gradient check (which must catch bugs)."""

import numpy as np
import pytest

import nnlib
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


def test_bias_gradient_not_summed_over_the_batch_is_explained(rng):
    net, X, Y = setup_net(rng)  # a batch of 5
    _, grads = net.loss_and_gradients(X, Y)
    per_example = net.layers[0].dZ  # (4, 5): one column per example, never summed
    with pytest.raises(ValueError, match=r"\(4, 1\); got \(4, 5\)\. One column per example .* missing sum over the batch"):
        check_network_gradients(net, X, Y, gradients=dict(grads, b1=per_example))


def test_a_wrong_shape_that_is_not_swapped_does_not_blame_a_transpose(rng):
    net, X, Y = setup_net(rng)
    _, grads = net.loss_and_gradients(X, Y)
    with pytest.raises(ValueError, match=r"\(4, 1\); got \(4, 3\)\.$") as caught:
        check_network_gradients(net, X, Y, gradients=dict(grads, b1=np.zeros((4, 3))))
    assert "transpose" not in str(caught.value)


def test_unknown_parameter_name(rng):
    net, X, Y = setup_net(rng)
    with pytest.raises(ValueError, match="gradients has no entry 'W1'"):
        check_network_gradients(net, X, Y, gradients={})


def test_x_is_restored_when_f_raises_in_the_middle_of_a_nudge():
    x = np.array([1.0, 2.0, 3.0])
    calls = []

    def fails_on_the_fourth_call(v):
        calls.append(1)
        if len(calls) == 4:
            raise ZeroDivisionError("a bug in the reader's loss")
        return float(v @ v)

    with pytest.raises(ZeroDivisionError):
        numerical_gradient(fails_on_the_fourth_call, x)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])


def test_the_weights_are_restored_when_the_loss_raises_in_the_middle(rng):
    net, X, Y = setup_net(rng)
    before = {k: v.copy() for k, v in net.parameters().items()}
    _, grads = net.loss_and_gradients(X, Y)
    calls = []

    def flaky(y_hat, y):
        calls.append(1)
        if len(calls) == 7:
            raise RuntimeError("the loss failed")
        return nnlib.losses.squared_error(y_hat, y)

    loss = nnlib.losses.Loss("flaky", flaky, nnlib.losses.squared_error_gradient)
    with pytest.raises(RuntimeError, match="the loss failed"):
        check_network_gradients(net, X, Y, loss, gradients={k: v.copy() for k, v in grads.items()})
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(value, before[name], err_msg=name)


def test_f_must_return_one_number():
    with pytest.raises(TypeError, match=r"f must return a single number \(the loss\), but it returned ndarray of shape \(2,\)"):
        numerical_gradient(lambda v: v * 2, np.array([1.0, 2.0]))


@pytest.mark.parametrize("scale", [1e-200, 1e-300, 1.0, 1e200, 1e300])
def test_relative_error_is_scale_free_at_any_magnitude(scale):
    """norm() underflowed to 0 at 1e-200 (error 0) and overflowed to inf at 1e200 (error nan)."""
    a = scale * np.array([3.0, 4.0])
    b = scale * np.array([3.0, 4.0 + 4e-9])
    assert relative_error(a, b) == pytest.approx(8e-10, rel=1e-6)
    assert relative_error(a, -a) == pytest.approx(2.0)
    assert relative_error(a, 2 * a) == pytest.approx(0.5)
    assert relative_error([1e308, -1e308], [-1e308, 1e308]) == pytest.approx(2.0)


def test_a_failed_float32_check_names_the_dtype_as_the_likely_cause(rng):
    net = Network.from_sizes([3, 4, 2], hidden="sigmoid", output="sigmoid", seed=2)
    net32 = Network.from_weights([l.W.astype(np.float32) for l in net.layers], [l.b.astype(np.float32) for l in net.layers])
    X, Y = rng.normal(size=(3, 5)).astype(np.float32), rng.uniform(size=(2, 5)).astype(np.float32)
    report = check_network_gradients(net32, X, Y)
    assert not report.passed and report.dtype == "float32"
    assert "The weights are float32: the likely cause" in str(report) and "float64 copy" in str(report)
    assert check_network_gradients(net, X.astype(float), Y.astype(float)).dtype_hint == ""


def test_the_docstring_quotes_chapter_7s_table():
    import nnlib.gradcheck

    assert "near 1" not in nnlib.gradcheck.__doc__
    assert "1e-2 for a gradient 1 % too large, 0.8 for the 1/m counted twice" in " ".join(nnlib.gradcheck.__doc__.split())
