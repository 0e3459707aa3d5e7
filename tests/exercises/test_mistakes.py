"""The appendix's checkers, fed a right answer and each common mistake."""

import numpy as np

from nnlib.activations import sigmoid_derivative
from nnlib.exercises.mistakes import check_backward, check_descent_step, check_sigmoid_layer_delta, sigmoid_layer_delta
from nnlib.training import gradient_descent_step


def backprop(net, X, Y, mistake=None):
    """The squared-error gradients of a sigmoid network, written out, with an optional mistake."""
    m = X.shape[1]
    Z, A = [], [X]
    for layer in net.layers:
        Z.append(layer.W @ A[-1] + layer.b)
        A.append(1 / (1 + np.exp(-Z[-1])))
    dA = (A[-1] - Y) if mistake == "no 1/m" else (A[-1] - Y) / m
    grads = {}
    for l in range(len(net.layers), 0, -1):
        dZ = dA * (sigmoid_derivative(A[l]) if mistake == "sigma'(a)" else A[l] * (1 - A[l]))
        grads[f"W{l}"] = A[l - 1] @ dZ.T if mistake == "transposed" else dZ @ A[l - 1].T
        grads[f"b{l}"] = dZ.sum(axis=1, keepdims=True)
        dA = net.layers[l - 1].W.T @ dZ
    return grads


def test_backward_checker_names_each_mistake():
    assert check_backward(backprop)
    no_m = check_backward(lambda net, X, Y: backprop(net, X, Y, "no 1/m"))
    assert not no_m and "your W2 gradient differs at entry" in no_m.message
    assert "It is m = 5 times the right value" in no_m.message
    transposed = check_backward(lambda net, X, Y: backprop(net, X, Y, "transposed"))
    assert not transposed
    assert "your W2 gradient has shape (4, 2), expected shape (2, 4). That is the transposed" in transposed.message
    at_a = check_backward(lambda net, X, Y: backprop(net, X, Y, "sigma'(a)"))
    assert not at_a and "your W2 gradient differs at entry" in at_a.message and "This is the output layer" in at_a.message
    assert "layers above" not in at_a.message
    assert "your backward pass returned None; return a dict" in check_backward(lambda net, X, Y: None).message


def test_backward_checker_blames_the_layer_where_the_mistake_is():
    def wrong_first_layer_bias(net, X, Y):
        grads = backprop(net, X, Y)
        grads["b1"] = 2 * grads["b1"]
        return grads

    result = check_backward(wrong_first_layer_bias)
    assert not result and "your b1 gradient" in result.message and "above layer 1 are right" in result.message


def test_backward_checker_sends_a_mistake_in_the_loss_gradient_to_the_output_layer():
    no_m = check_backward(lambda net, X, Y: backprop(net, X, Y, "no 1/m"))
    assert not no_m and "This is the output layer: check the loss's gradient" in no_m.message


def test_backward_checker_blames_a_hidden_layer_below_right_ones():
    def wrong_hidden_derivative(net, X, Y):  # sigma'(a) in the hidden layer of the [3, 4, 2] network only
        grads = backprop(net, X, Y)
        wrong = backprop(net, X, Y, "sigma'(a)")
        return dict(grads, W1=wrong["W1"], b1=wrong["b1"])

    result = check_backward(wrong_hidden_derivative)
    assert not result and "your W1 gradient" in result.message and "above layer 1 are right" in result.message


def test_sigmoid_delta_checker():
    assert check_sigmoid_layer_delta(sigmoid_layer_delta)
    assert check_sigmoid_layer_delta(lambda dA, Z, A: dA * sigmoid_derivative(Z))
    at_a = check_sigmoid_layer_delta(lambda dA, Z, A: dA * sigmoid_derivative(A))
    assert not at_a and "evaluated the sigmoid's derivative at the output a" in at_a.message
    z_for_a = check_sigmoid_layer_delta(lambda dA, Z, A: dA * Z * (1 - Z))
    assert not z_for_a and "your dL/dZ returned" in z_for_a.message


def test_descent_step_checker():
    def right(net, X, Y, learning_rate):
        net.loss_and_gradients(X, Y, "squared_error")
        gradient_descent_step(net, learning_rate)

    def uphill(net, X, Y, learning_rate):  # adds the gradient (gradient_descent_step refuses a negative rate)
        _, grads = net.loss_and_gradients(X, Y, "squared_error")
        for name, value in net.parameters().items():
            value += learning_rate * grads[name]

    def nothing(net, X, Y, learning_rate):
        net.loss_and_gradients(X, Y, "squared_error")

    assert check_descent_step(right)
    wrong = check_descent_step(uphill)
    assert not wrong and "added the gradient, and the loss rose from" in wrong.message
    assert "after your step, your W1 differs at entry" in check_descent_step(nothing).message


def test_descent_step_and_backward_checkers_answer_a_diverging_answer():
    def explodes(net, X, Y, learning_rate):
        for p in net.parameters().values():
            p[...] = np.nan

    diverged = check_descent_step(explodes)
    assert not diverged and "your W1 after your step holds NaN or inf. Training diverged" in diverged.message

    def nan_gradients(net, X, Y):
        return {name: np.full_like(p, np.nan) for name, p in net.parameters().items()}

    result = check_backward(nan_gradients)
    assert not result and "your W2 gradient is nan at entry [0, 0]. NaN comes from 0/0" in result.message

    def steps_and_returns_gradients(net, X, Y):
        _, grads = net.loss_and_gradients(X, Y, "squared_error")
        gradient_descent_step(net, 0.5)
        return grads

    changed = check_backward(steps_and_returns_gradients)
    assert not changed and "your backward pass changed its input net" in changed.message
