"""Chapter 5's checkers, fed a right and a wrong answer each."""

import numpy as np

from nnlib.exercises.backprop import check_dense_backward, check_network_backward, check_worked_example_gradient
from nnlib.worked_example import worked_example


def right_dense(dA, Z, A_prev, W, f_prime):
    dZ = dA * f_prime(Z)
    return W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True)


def test_dense_backward_checker_accepts_the_equations():
    assert check_dense_backward(right_dense)
    flat_db = lambda dA, Z, A_prev, W, f_prime: (*right_dense(dA, Z, A_prev, W, f_prime)[:2], (dA * f_prime(Z)).sum(axis=1))
    assert check_dense_backward(flat_db)


def test_dense_backward_checker_names_a_missing_transpose():
    def no_transpose(dA, Z, A_prev, W, f_prime):
        dZ = dA * f_prime(Z)
        return W.T @ dZ, (A_prev @ dZ.T), dZ.sum(axis=1, keepdims=True)

    wrong = check_dense_backward(no_transpose)
    assert not wrong and "your dW" in wrong.message and "transposed shape" in wrong.message


def test_dense_backward_checker_names_a_second_division_by_m():
    def extra_mean(dA, Z, A_prev, W, f_prime):
        dA_prev, dW, db = right_dense(dA, Z, A_prev, W, f_prime)
        return dA_prev, dW / A_prev.shape[1], db

    wrong = check_dense_backward(extra_mean)
    assert not wrong and "your dW" in wrong.message and "m = 3" in wrong.message and "divided by m" in wrong.message


def test_dense_backward_checker_names_the_wrong_axis_and_wrong_values():
    wrong_axis = lambda dA, Z, A_prev, W, f_prime: (*right_dense(dA, Z, A_prev, W, f_prime)[:2], (dA * f_prime(Z)).sum(axis=0))
    wrong = check_dense_backward(wrong_axis)
    assert not wrong and "your db" in wrong.message and "sum over the batch (axis=1)" in wrong.message

    at_a = lambda dA, Z, A_prev, W, f_prime: right_dense(dA, f_prime(Z), A_prev, W, f_prime)  # f' of the wrong thing
    wrong = check_dense_backward(at_a)
    assert not wrong and "for a sigmoid layer with W of shape (3, 2) and m = 1, your dA_prev is [[" in wrong.message

    assert "returned an array of shape (3, 1); return the 3 values (dA_prev, dW, db)" in check_dense_backward(
        lambda dA, Z, A_prev, W, f_prime: dA).message


def test_network_backward_checker():
    assert check_network_backward(lambda net, X, Y: net.loss_and_gradients(X, Y)[1])

    def forgets_the_mean(net, X, Y):
        Y_hat = net.forward(X)
        return net.backward(Y_hat - Y)  # the gradient of the sum, not of the mean

    wrong = check_network_backward(forgets_the_mean)
    assert not wrong and "It is m = 5 times the right value" in wrong.message and "3-4-2 network" in wrong.message
    assert "1/m, which is missing" in wrong.message

    def sigmoid_everywhere(net, X, Y):
        trace = net.trace(X)
        dA, grads = (trace.output - Y) / X.shape[1], {}
        for l in range(len(net.layers), 0, -1):
            A = trace.A[l]
            dZ = dA * A * (1 - A)
            grads[f"W{l}"], grads[f"b{l}"] = dZ @ trace.A[l - 1].T, dZ.sum(axis=1, keepdims=True)
            dA = net.layers[l - 1].W.T @ dZ
        return grads

    wrong = check_network_backward(sigmoid_everywhere)  # right for sigmoid layers only
    assert not wrong and "2-3-3-1 network (tanh hidden, linear output)" in wrong.message
    assert "the dict your function returned has no entry 'b1'" in check_network_backward(lambda net, X, Y: {"W1": 0}).message


def test_worked_example_gradient_checker():
    net, x, y = worked_example()
    _, grads = net.loss_and_gradients(x, y)
    assert check_worked_example_gradient("W1", (1, 1), float(f"{grads['W1'][1, 1]:.9g}"))
    assert check_worked_example_gradient("b2", 1, grads["b2"][1, 0])
    swapped = check_worked_example_gradient("W1", (1, 1), grads["W1"][1, 0])
    assert not swapped and "is dl/dW1[1, 0], another parameter's derivative" in swapped.message
    off = check_worked_example_gradient("W2", (0, 0), 1.1 * grads["W2"][0, 0])
    assert not off and "differs from backpropagation's by 10%" in off.message


def test_worked_example_gradient_checker_answers_a_wrong_call_calmly():
    wrong_name = check_worked_example_gradient("W3", (0, 0), 0.0)
    assert not wrong_name and wrong_name.message == "Not yet: name must be one of ['W1', 'b1', 'W2', 'b2']; got 'W3'."
    outside = check_worked_example_gradient("W1", (2, 0), 0.0)
    assert not outside and "index must be an entry of W1, whose shape is (2, 2), such as (1, 0); got (2, 0)" in outside.message
    assert "got the string 'a'" in check_worked_example_gradient("W1", "a", 0.0).message
    one_element = check_worked_example_gradient("W1", (1, 1), np.array([0.5]))
    assert not one_element and "differs from backpropagation's" in one_element.message  # one number, in an array, will do
    assert "value must be one number" in check_worked_example_gradient("W1", (1, 1), np.zeros(2)).message
    assert "your value is the string 'x'" in check_worked_example_gradient("W1", (1, 1), "x").message
    assert "your value is nan" in check_worked_example_gradient("W1", (1, 1), float("nan")).message
