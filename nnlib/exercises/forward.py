"""Checkers for chapter 2, forward propagation."""

from __future__ import annotations

import numpy as np

from ..data import logic_gate
from ..layers import Dense
from ..network import Network
from .checking import CheckResult, NotYet, as_numbers, checker, compare, compare_function, run, truth_table_mistakes


def _layer_forward(A_prev, W, b):
    return Dense(W, b, "sigmoid").forward(A_prev)


@checker(solution=lambda: (_layer_forward,))
def check_layer_forward(answer) -> CheckResult:
    """Check ``answer(A_prev, W, b)``: one sigmoid layer for a batch, sigmoid(W A_prev + b).

    ``A_prev`` has shape (n_in, m), one example per column, ``W`` has shape (n_out, n_in) and
    ``b`` shape (n_out, 1); the answer must return shape (n_out, m).

    Examples
    --------
    >>> check_layer_forward(lambda A_prev, W, b: 1 / (1 + np.exp(-(W @ A_prev + b)))).passed
    True
    >>> check_layer_forward(lambda A_prev, W, b: W @ A_prev + b).passed
    False
    """
    rng = np.random.default_rng(2)
    cases = [
        {"A_prev": np.array([[1.0], [0.0]]), "W": np.array([[10.0, 10.0], [-10.0, -10.0]]), "b": np.array([[-5.0], [15.0]])},
        {"A_prev": rng.normal(size=(4, 3)), "W": rng.normal(size=(5, 4)), "b": rng.normal(size=(5, 1))},
        {"A_prev": rng.normal(size=(3, 1)), "W": rng.normal(size=(4, 3)), "b": rng.normal(size=(4, 1))},
        {"A_prev": rng.normal(size=(3, 6)), "W": rng.normal(size=(3, 3)), "b": rng.normal(size=(3, 1))},
    ]
    return compare_function(answer, _layer_forward, cases, "layer")


def _network_forward(X, weights, biases):
    return Network.from_weights(weights, biases, "sigmoid").forward(X)


@checker(solution=lambda: (_network_forward,))
def check_network_forward(answer) -> CheckResult:
    """Check ``answer(X, weights, biases)``: the output of a sigmoid network of any depth.

    ``weights[l - 1]`` is W^[l] of shape (n_l, n_{l-1}), ``biases[l - 1]`` is b^[l] of shape
    (n_l, 1), and every layer uses the sigmoid. ``X`` has shape (n_0, m); the answer must return
    the output A^[L], shape (n_L, m).

    Examples
    --------
    >>> def forward(X, weights, biases):
    ...     A = X
    ...     for W, b in zip(weights, biases):
    ...         A = 1 / (1 + np.exp(-(W @ A + b)))
    ...     return A
    >>> check_network_forward(forward).passed
    True
    """
    rng = np.random.default_rng(3)

    def random_case(sizes, m):
        return {
            "X": rng.normal(size=(sizes[0], m)),
            "weights": [rng.normal(size=(n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])],
            "biases": [rng.normal(size=(n_out, 1)) for n_out in sizes[1:]],
        }

    X_xor, _ = logic_gate("xor")
    cases = [
        {"X": X_xor, "weights": [np.array([[10.0, 10.0], [-10.0, -10.0]]), np.array([[10.0, 10.0]])],
         "biases": [np.array([[-5.0], [15.0]]), np.array([[-15.0]])]},
        random_case([4, 5, 1], 3),
        random_case([3, 4, 2], 1),
        random_case([2, 3, 3, 1], 5),
        random_case([3, 2], 2),
    ]
    for case in cases:
        sizes = "-".join(str(n) for n in [case["X"].shape[0]] + [W.shape[0] for W in case["weights"]])
        where = f"for the {sizes} network and m = {case['X'].shape[1]}"
        compare(run(answer, case, "forward pass", where), _network_forward(**case), "forward pass", where)
    return CheckResult(True, f"Correct: your forward pass agrees with nnlib on all {len(cases)} networks, of 1 to 3 layers.")


def _parameter_count(sizes):
    return sum(n_out * n_in + n_out for n_in, n_out in zip(sizes, sizes[1:]))


@checker(solution=lambda: (_parameter_count,))
def check_parameter_count(answer) -> CheckResult:
    """Check ``answer(sizes)``: the number of weights and biases of a network with layer sizes ``sizes``.

    Examples
    --------
    >>> check_parameter_count(lambda sizes: sum(a * b + b for a, b in zip(sizes, sizes[1:]))).passed
    True
    >>> check_parameter_count(lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:])))
    ✘ Not yet: for sizes=[4, 5, 1], your parameter count returned 25, expected 31.
    """
    cases = [{"sizes": s} for s in ([4, 5, 1], [3, 4, 2], [2, 3, 1], [2, 2, 2], [784, 128, 64, 10], [1, 1])]
    return compare_function(answer, _parameter_count, cases, "parameter count", rtol=0, atol=0)


@checker(solution=lambda: ([[10, 10], [-10, -10]], [-5, 15], [[10, 10]], [-15]))
def check_xor_network(W1, b1, W2, b2) -> CheckResult:
    """Check that the 2-2-1 sigmoid network with these parameters computes XOR (output above 1/2 means 1).

    Parameters
    ----------
    W1 : array_like of shape (2, 2)
    b1 : array_like of shape (2,) or (2, 1)
    W2 : array_like of shape (1, 2)
    b2 : array_like of shape (1,) or (1, 1)

    Examples
    --------
    >>> check_xor_network([[10, 10], [-10, -10]], [-5, 15], [[10, 10]], [-15]).passed
    True
    """
    shapes = {"W1": (2, 2), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}
    params = {}
    for name, value in zip(shapes, (W1, b1, W2, b2)):
        arr = as_numbers(value, f"{name} is", returned=False)
        if arr.size != np.prod(shapes[name]) or (name.startswith("W") and arr.shape != shapes[name]):
            raise NotYet(f"{name} must have shape {shapes[name]}; got shape {arr.shape}.")
        params[name] = arr.reshape(shapes[name])
    X, Y = logic_gate("xor")
    net = Network.from_weights([params["W1"], params["W2"]], [params["b1"], params["b2"]], "sigmoid")
    y_hat = net.forward(X)[0]
    wrong = truth_table_mistakes(X, Y, y_hat, (y_hat > 0.5).astype(int), "y_hat", "network", "XOR")
    if wrong:
        raise NotYet("; ".join(wrong) + ".")
    return CheckResult(True, f"Correct: the network computes XOR; its outputs are {np.round(y_hat, 4).tolist()}.")
