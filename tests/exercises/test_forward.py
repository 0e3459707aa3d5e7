"""Chapter 2's checkers, fed a right and a wrong answer each."""

import numpy as np

from nnlib.exercises.forward import check_layer_forward, check_network_forward, check_parameter_count, check_xor_network


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_layer_checker():
    assert check_layer_forward(lambda A_prev, W, b: sigmoid(W @ A_prev + b))
    transposed = check_layer_forward(lambda A_prev, W, b: sigmoid(W.T @ A_prev + b))
    assert not transposed
    assert "your layer returned [[0.993307], [1.      ]], expected [[0.993307], [0.993307]]" in transposed.message
    flat_bias = check_layer_forward(lambda A_prev, W, b: sigmoid(W @ A_prev + b.ravel()))
    assert not flat_bias and "returned shape (2, 2), expected shape (2, 1)" in flat_bias.message


def test_network_checker():
    def forward(X, weights, biases):
        A = X
        for W, b in zip(weights, biases):
            A = sigmoid(W @ A + b)
        return A

    assert check_network_forward(forward)

    def only_two_layers(X, weights, biases):
        return forward(X, weights[:2], biases[:2])

    wrong = check_network_forward(only_two_layers)
    assert not wrong and "for the 2-3-3-1 network and m = 5, your forward pass returned shape (3, 5)" in wrong.message

    def sigmoid_once(X, weights, biases):
        A = X
        for W, b in zip(weights, biases):
            A = W @ A + b
        return sigmoid(A)

    wrong = check_network_forward(sigmoid_once)
    assert not wrong and "for the 2-2-1 network and m = 4," in wrong.message and "expected [[0.007153" in wrong.message


def test_network_checker_is_not_fooled_by_an_answer_that_edits_its_input():
    def sneaky(X, weights, biases):
        weights[0] *= 0
        return sigmoid(weights[-1] @ sigmoid(weights[0] @ X + biases[0]) + biases[-1])

    assert not check_network_forward(sneaky)


def test_parameter_count_checker():
    assert check_parameter_count(lambda sizes: sum(n * k + n for k, n in zip(sizes, sizes[1:])))
    wrong = check_parameter_count(lambda sizes: sum(n * k for k, n in zip(sizes, sizes[1:])))
    assert not wrong and "sizes=[4, 5, 1]" in wrong.message and "returned 25, expected 31" in wrong.message


def test_xor_checker():
    # another XOR: hidden units AND and NOR, output NOR of the two
    assert check_xor_network([[10, 10], [-10, -10]], [[-15], [5]], [[-10, -10]], [[5]])
    wrong = check_xor_network([[10, 10], [10, 10]], [-5, 15], [[10, 10]], [-15])
    assert not wrong and wrong.message == "Not yet: input (1, 1) gives y_hat = 0.9933, so the network says 1 but XOR is 0."
    shape = check_xor_network([[10, 10]], [-5, 15], [[10, 10]], [-15])
    assert not shape and "W1 must have shape (2, 2); got shape (1, 2)" in shape.message
