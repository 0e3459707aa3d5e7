"""Bad input over the whole public API: every call below must raise a clear ValueError or TypeError
that names the reader's argument, and no numpy internal message may reach the reader.

One table, ``ROWS``: (call, expected exception type, words the message must contain). The table is
written out per function; where one argument of many functions takes an array, the same list of
bad arrays (``BAD_ARRAYS``) is fed to each, so every function meets text, None, a dict, complex
numbers, a ragged list, NaN, inf, an int too large for a float and an empty array.

Probes that turned out to be documented behaviour rather than mistakes are in ``DOCUMENTED``: they
must *not* raise (a 1-D array is one example; lists and integers are arrays of floats; whole-float
labels are labels; activations and softmax are defined at +-inf).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import nnlib
from nnlib import activations, autograd, data, initializers, losses, metrics, neuron, plots
from nnlib.dropout import Dropout
from nnlib.gradcheck import check_network_gradients, numerical_gradient, relative_error
from nnlib.layers import Dense
from nnlib.network import Network
from nnlib.optimizers import SGD, Adam, Momentum
from nnlib.softmax import softmax, softmax_jacobian, softmax_jacobian_batch, softmax_vjp
from nnlib.training import gradient_descent_step, train, train_step

NUMPY_INTERNALS = ["could not be broadcast", "has no attribute", "zero-size array", "object of type",
                   "unsupported operand", "setting an array element", "ufunc", "invalid literal", "not subscriptable",
                   "index out of bounds", "unhashable", "too many values to unpack", "Traceback"]
"""Phrases of numpy's and Python's own messages: a reader who meets one has met a crash, not an answer."""

# Bad arrays for an argument that must hold finite numbers: (label, value, error, words after the argument's name).
BAD_ARRAYS = [
    ("text", "abc", TypeError, "must be an array of numbers, got str"),
    ("None", None, TypeError, "must be an array of numbers, got NoneType"),
    ("dict", {"a": 1.0}, TypeError, "must be an array of numbers, got dict"),
    ("complex", [[1.0 + 2.0j, 0.0]], TypeError, "must hold real numbers, got complex"),
    ("ragged", [[1.0, 2.0], [3.0]], TypeError, "must be an array of numbers with the same length in every row"),
    ("number text", [["1.0", "2.0"]], TypeError, "must be an array of numbers"),
    ("None inside", [[1.0, None]], TypeError, "must be an array of numbers, but it holds None"),
    ("nan", [[np.nan, 0.0]], ValueError, "must hold finite numbers, but"),
    ("inf", [[0.0, np.inf]], ValueError, "must hold finite numbers, but"),
    ("huge int", [[10**400, 0]], ValueError, "holds a number too large for a float"),
]
# The same for an activation's z, which may hold +-inf and NaN but not text.
BAD_LOGITS = [row for row in BAD_ARRAYS if row[0] not in ("nan", "inf")]
# Bad learning rates, step sizes and other positive numbers.
BAD_POSITIVE = [
    ("zero", 0, ValueError, "must be a positive number"),
    ("negative", -0.1, ValueError, "must be a positive number"),
    ("nan", float("nan"), ValueError, "must be a positive number"),
    ("inf", float("inf"), ValueError, "must be a positive number"),
    ("huge int", 10**400, ValueError, "must be a positive number"),
    ("bool", True, TypeError, "must be a positive number such as"),
    ("text", "0.1", TypeError, "must be a positive number such as"),
    ("None", None, TypeError, "must be a positive number such as"),
    ("list", [0.1], TypeError, "must be a positive number such as"),
]
# Bad counts (epochs, batch sizes, sizes of data sets).
BAD_COUNTS = [
    ("zero", 0, ValueError, "must be a whole number of at least"),
    ("negative", -3, ValueError, "must be a whole number of at least"),
    ("fraction", 2.5, ValueError, "must be a whole number of at least"),
    ("bool", True, TypeError, "must be a whole number of at least"),
    ("text", "10", TypeError, "must be a whole number of at least"),
    ("None", None, TypeError, "must be a whole number of at least"),
]
BAD_SEEDS = [
    ("negative", -1, ValueError, "must be a whole number of at least 0"),
    ("fraction", 0.5, ValueError, "must be a whole number of at least 0"),
    ("text", "0", TypeError, "must be a whole number of at least 0"),
]


def without_none(bad):
    """Where None is documented (the default: learning_rate, batch_size, patience), it is no mistake."""
    return [row for row in bad if row[1] is not None]


def net231():
    return Network.from_sizes([2, 3, 1], hidden="tanh", output="sigmoid", seed=0)


def linear_net():
    return Network.from_sizes([2, 3, 1], hidden="tanh", output="linear", seed=0)


def softmax_net():
    return Network.from_sizes([2, 3, 3], hidden="tanh", output="softmax", seed=0)


X2 = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
Y1 = np.array([[0.0, 1.0, 1.0, 0.0]])
Y3 = nnlib.one_hot([0, 1, 2, 1], 3)


def forwarded(net, X=X2):
    net.forward(X)
    return net


def dense_after_forward():
    layer = Dense(np.ones((3, 2)), np.zeros(3), "tanh")
    layer.forward(np.ones((2, 4)))
    return layer


LOSS_ARGS = {  # a valid (prediction, target) for each loss
    "squared_error": (np.array([[0.5, 0.2]]), np.array([[1.0, 0.0]])),
    "mse": (np.array([[0.5, 0.2]]), np.array([[1.0, 0.0]])),
    "rmse": (np.array([[0.5, 0.2]]), np.array([[1.0, 0.0]])),
    "binary_cross_entropy": (np.array([[0.5, 0.2]]), np.array([[1.0, 0.0]])),
    "categorical_cross_entropy": (np.array([[0.5, 0.2], [0.5, 0.8]]), np.array([[1.0, 0.0], [0.0, 1.0]])),
    "sigmoid_cross_entropy": (np.array([[0.5, -2.0]]), np.array([[1.0, 0.0]])),
    "softmax_cross_entropy": (np.array([[0.5, -2.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [0.0, 1.0]])),
}
FIRST_ARG = {name: "z" if get.from_logits else "y_hat" for name, get in losses.LOSSES.items()}


def rows_for_array_argument(label, call, name, bad=BAD_ARRAYS):
    """One row per bad array, fed to ``call(value)``; the message must name ``name``."""
    return [(f"{label}: {name} {kind}", (lambda v=value: call(v)), error, f"{name} {words}") for kind, value, error, words in bad]


def rows_for_number_argument(label, call, name, bad):
    return [(f"{label}: {name} {kind}", (lambda v=value: call(v)), error, f"{name} {words}") for kind, value, error, words in bad]


ROWS: list[tuple[str, object, type, str]] = []

# --- losses: both arguments of every loss and every gradient meet every bad array ---------------------------------
for loss_name, (good_prediction, good_target) in LOSS_ARGS.items():
    loss = losses.LOSSES[loss_name]
    for kind, function in (("loss", loss.function), ("gradient", loss.gradient)):
        ROWS += rows_for_array_argument(f"{loss_name} {kind}", lambda v, f=function, t=good_target: f(v, t), FIRST_ARG[loss_name])
        ROWS += rows_for_array_argument(f"{loss_name} {kind}", lambda v, f=function, p=good_prediction: f(p, v), "y")
        ROWS += [
            (f"{loss_name} {kind}: shapes differ", lambda f=function, p=good_prediction: f(p, np.zeros((3, 5))), ValueError,
             "must have the same shape (n_outputs, m)"),
            (f"{loss_name} {kind}: no examples", lambda f=function, p=good_prediction: f(np.zeros((p.shape[0], 0)),
                                                                                         np.zeros((p.shape[0], 0))),
             ValueError, "is empty"),
            (f"{loss_name} {kind}: 3-D", lambda f=function: f(np.zeros((1, 2, 2)), np.zeros((1, 2, 2))), ValueError,
             "must be 2-D with shape (n_features, m)"),
        ]
for loss_name in ("binary_cross_entropy", "categorical_cross_entropy", "sigmoid_cross_entropy", "softmax_cross_entropy"):
    prediction, target = LOSS_ARGS[loss_name]
    for kind, function in (("loss", losses.LOSSES[loss_name].function), ("gradient", losses.LOSSES[loss_name].gradient)):
        ROWS += [
            (f"{loss_name} {kind}: target -1", lambda f=function, p=prediction, t=target: f(p, -t), ValueError,
             "y must hold targets between 0 and 1"),
            (f"{loss_name} {kind}: target 2", lambda f=function, p=prediction, t=target: f(p, 2 * t), ValueError,
             "y must hold targets between 0 and 1"),
        ]
for loss_name in ("binary_cross_entropy", "categorical_cross_entropy"):
    prediction, target = LOSS_ARGS[loss_name]
    for kind, function in (("loss", losses.LOSSES[loss_name].function), ("gradient", losses.LOSSES[loss_name].gradient)):
        ROWS += [
            (f"{loss_name} {kind}: prediction above 1", lambda f=function, p=prediction, t=target: f(p + 1, t), ValueError,
             "expects predicted probabilities y_hat in [0, 1]"),
            (f"{loss_name} {kind}: logits", lambda f=function, p=prediction, t=target: f(p - 3, t), ValueError,
             "_cross_entropy instead"),
        ]
for loss_name in ("categorical_cross_entropy", "softmax_cross_entropy"):
    prediction, _ = LOSS_ARGS[loss_name]
    ROWS += [
        (f"{loss_name}: columns sum to 2", lambda n=loss_name, p=prediction: losses.LOSSES[n](p, np.ones((2, 2))), ValueError,
         "each column of y must sum to 1"),
        (f"{loss_name}: a column of zeros", lambda n=loss_name, p=prediction: losses.LOSSES[n](p, [[1.0, 0.0], [0.0, 0.0]]),
         ValueError, "column 1 sums to 0"),
    ]
ROWS += [
    ("get_loss: unknown", lambda: losses.get_loss("msee"), ValueError, "unknown loss 'msee'; expected one of"),
    ("get_loss: a number", lambda: losses.get_loss(3), TypeError, "loss must be a name such as 'squared_error' or a Loss"),
    ("get_loss: None", lambda: losses.get_loss(None), TypeError, "loss must be a name such as"),
    ("check_probability_targets: 1.5", lambda: losses.check_probability_targets(np.array([[1.5]])), ValueError,
     "y must hold targets between 0 and 1"),
    ("check_distribution_targets: 0.5", lambda: losses.check_distribution_targets(np.array([[0.5]]), "Y"), ValueError,
     "each column of Y must sum to 1"),
]

# --- activations and softmax: z may be +-inf, never text ---------------------------------------------------------------
for act_name, act in activations.ACTIVATIONS.items():
    ROWS += rows_for_array_argument(f"{act_name}", act.function, "z", BAD_LOGITS)
    if act.derivative is not None:
        ROWS += rows_for_array_argument(f"{act_name} derivative", act.derivative, "z", BAD_LOGITS)
for function_name in ("linear", "linear_derivative", "sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative", "relu",
                      "relu_derivative", "leaky_relu", "leaky_relu_derivative", "step", "step_derivative", "softmax"):
    ROWS += rows_for_array_argument(f"{function_name}()", getattr(nnlib, function_name), "z", BAD_LOGITS[:3])
ROWS += [
    ("leaky_relu: slope inf", lambda: nnlib.leaky_relu([1.0], slope=np.inf), ValueError, "slope must be a finite number"),
    ("leaky_relu: slope a list", lambda: nnlib.leaky_relu([1.0], slope=[0.1]), TypeError, "slope must be a number"),
    ("leaky_relu: slope text", lambda: nnlib.leaky_relu([1.0], slope="0.1"), TypeError, "slope must be a number"),
    ("leaky_relu_derivative: slope nan", lambda: nnlib.leaky_relu_derivative([1.0], slope=float("nan")), ValueError,
     "slope must be a finite number"),
    ("leaky_relu_activation: slope 1", lambda: activations.leaky_relu_activation(1.0), ValueError, "0 <= slope < 1"),
    ("leaky_relu_activation: slope -1", lambda: activations.leaky_relu_activation(-1), ValueError, "0 <= slope < 1"),
    ("leaky_relu_activation: slope None", lambda: activations.leaky_relu_activation(None), TypeError, "slope must be a number"),
    ("get_activation: unknown", lambda: nnlib.get_activation("sigmod"), ValueError, "Did you mean 'sigmoid'"),
    ("get_activation: a number", lambda: nnlib.get_activation(1), TypeError, "an activation must be a name such as 'sigmoid'"),
    ("get_activation: None", lambda: nnlib.get_activation(None), TypeError, "an activation must be a name"),
    ("softmax: a scalar", lambda: softmax(2.0), ValueError, "z must be logits of shape (n,) for one example or (n, m)"),
    ("softmax: empty", lambda: softmax([]), ValueError, "z must be logits of shape"),
    ("softmax: 3-D", lambda: softmax(np.zeros((2, 2, 2))), ValueError, "z must be logits of shape"),
    ("softmax_jacobian: a batch", lambda: softmax_jacobian(np.zeros((2, 3))), ValueError,
     "z must be the logits of one example, shape (n,) or (n, 1)"),
    ("softmax_jacobian_batch: 1-D", lambda: softmax_jacobian_batch(np.zeros(3)), ValueError, "Z must have shape (n, m)"),
    ("softmax_vjp: shapes differ", lambda: softmax_vjp(np.ones(2) / 2, np.ones(3)), ValueError,
     "s and v must have the same shape"),
]
ROWS += rows_for_array_argument("softmax_jacobian", softmax_jacobian, "z")
ROWS += rows_for_array_argument("softmax_jacobian_batch", softmax_jacobian_batch, "Z")
ROWS += rows_for_array_argument("softmax_vjp", lambda v: softmax_vjp(v, [1.0, 0.0]), "s", BAD_LOGITS[:5])
ROWS += rows_for_array_argument("softmax_vjp", lambda v: softmax_vjp([0.5, 0.5], v), "v", BAD_LOGITS[:5])

# --- layers ---------------------------------------------------------------------------------------------------------
ROWS += rows_for_array_argument("Dense", lambda v: Dense(v, [0.0]), "W")
ROWS += rows_for_array_argument("Dense", lambda v: Dense([[1.0, 2.0]], v), "b", BAD_ARRAYS[:5])
ROWS += rows_for_array_argument("Dense.forward", lambda v: Dense([[1.0, 2.0]], [0.0]).forward(v), "A_prev", BAD_LOGITS[:5])
ROWS += rows_for_array_argument("Dense.backward", lambda v: dense_after_forward().backward(v), "dA", BAD_LOGITS[:5])
ROWS += [
    ("Dense: W 1-D", lambda: Dense([1.0, 2.0], [0.0]), ValueError, "W must be 2-D with shape (n_out, n_in)"),
    ("Dense: W empty", lambda: Dense(np.zeros((0, 2)), np.zeros(0)), ValueError, "W must be 2-D with shape (n_out, n_in)"),
    ("Dense: b too long", lambda: Dense(np.ones((2, 3)), np.zeros(3)), ValueError, "b must have shape (2,) or (2, 1)"),
    ("Dense: unknown activation", lambda: Dense(np.ones((1, 1)), [0.0], "sigmoidd"), ValueError, "unknown activation"),
    ("Dense.forward: wrong rows", lambda: Dense(np.ones((2, 3)), np.zeros(2)).forward(np.ones((2, 4))), ValueError,
     "this layer expects input of shape (3, m)"),
    ("Dense.forward: 1-D", lambda: Dense(np.ones((2, 3)), np.zeros(2)).forward(np.ones(3)), ValueError,
     "this layer expects input of shape (3, m)"),
    ("Dense.backward: row of the batch", lambda: dense_after_forward().backward(np.ones((1, 4))), ValueError,
     "dA must have the shape of this layer's output, (3, 4)"),
    ("Dense.backward: one column", lambda: dense_after_forward().backward(np.ones((3, 1))), ValueError,
     "dA must have the shape of this layer's output"),
    ("Dense.backward: transposed", lambda: dense_after_forward().backward(np.ones((4, 3))), ValueError,
     "dA must have the shape of this layer's output"),
    ("Dense.backward_z: wrong shape", lambda: dense_after_forward().backward_z(np.ones(3)), ValueError,
     "dZ must have the shape of this layer's output"),
]

# --- networks -------------------------------------------------------------------------------------------------------
ROWS += rows_for_array_argument("Network.forward", lambda v: net231().forward(v), "X")
ROWS += rows_for_array_argument("Network.trace", lambda v: net231().trace(v), "X", BAD_ARRAYS[:6])
ROWS += rows_for_array_argument("Network.loss", lambda v: net231().loss(X2, v, "binary_cross_entropy"), "Y")
ROWS += rows_for_array_argument("Network.loss_and_gradients", lambda v: net231().loss_and_gradients(v, Y1), "X")
ROWS += rows_for_array_argument("Network.loss_and_gradients", lambda v: net231().loss_and_gradients(X2, v), "Y")
ROWS += rows_for_array_argument("Network.backward", lambda v: forwarded(net231()).backward(v), "dA", BAD_LOGITS[:5])
ROWS += rows_for_array_argument("Network.backward_loss", lambda v: forwarded(net231()).backward_loss(v, "mse"), "Y")
ROWS += rows_for_array_argument("Network.from_weights", lambda v: Network.from_weights([v], [[0.0]]), "weights[0]",
                                BAD_ARRAYS[:6])
ROWS += rows_for_array_argument("Network.from_weights", lambda v: Network.from_weights([[[1.0]]], [v]), "biases[0]",
                                BAD_ARRAYS[:6])
ROWS += rows_for_number_argument("Network.from_sizes", lambda v: Network.from_sizes([2, v, 1]), "sizes[1]", BAD_COUNTS)
ROWS += rows_for_number_argument("Network.from_sizes", lambda v: Network.from_sizes([2, 1], seed=v), "seed", BAD_SEEDS)
ROWS += [
    ("Network: no layers", lambda: Network([]), ValueError, "a network needs at least one layer"),
    ("Network: numbers for layers", lambda: Network([1, 2]), TypeError, "layers[0] must be a layer such as Dense"),
    ("Network: a string", lambda: Network("dense"), TypeError, "layers must be a list of layers such as Dense"),
    ("Network: layers that do not fit", lambda: Network([Dense(np.ones((2, 2)), np.zeros(2)), Dense(np.ones((1, 3)), [0.0])]),
     ValueError, "layer 2 expects 3 inputs but layer 1 has 2 units"),
    ("from_sizes: one size", lambda: Network.from_sizes([3]), ValueError, "sizes must list at least an input and an output"),
    ("from_sizes: text", lambda: Network.from_sizes("231"), TypeError, "sizes must be a list of layer sizes such as [2, 3, 1]"),
    ("from_sizes: a number", lambda: Network.from_sizes(3), TypeError, "sizes must be a list of layer sizes"),
    ("from_sizes: unknown init", lambda: Network.from_sizes([2, 1], init="glorot"), ValueError,
     "unknown initialisation scheme 'glorot'"),
    ("from_sizes: unknown hidden", lambda: Network.from_sizes([2, 2, 1], hidden="tahn"), ValueError, "Did you mean 'tanh'"),
    ("from_weights: counts differ", lambda: Network.from_weights([np.ones((1, 2))], []), ValueError,
     "give one bias vector per weight matrix"),
    ("from_weights: an array for the list", lambda: Network.from_weights(np.ones((1, 2)), [[0.0]]), TypeError,
     "weights must be a list with one array per layer"),
    ("from_weights: activations count", lambda: Network.from_weights([np.ones((1, 2))], [[0.0]], ["tanh", "relu"]),
     ValueError, "give one activation per layer"),
    ("from_weights: b wrong length", lambda: Network.from_weights([np.ones((2, 2))], [[0.0]]), ValueError,
     "biases[0] must have shape (2,) or (2, 1)"),
    ("forward: rows", lambda: net231().forward(np.ones((3, 4))), ValueError, "X must have shape (2, m): 2 input features"),
    ("forward: 3-D", lambda: net231().forward(np.ones((2, 2, 2))), ValueError, "X must be 2-D with shape (n_features, m)"),
    ("forward: no examples", lambda: net231().forward(np.ones((2, 0))), ValueError, "X is empty"),
    ("loss: Y rows", lambda: net231().loss(X2, np.zeros((2, 4))), ValueError, "Y must have shape (1, m): 1 targets"),
    ("loss: example counts", lambda: net231().loss(X2, np.zeros((1, 3))), ValueError, "X has 4 examples (columns) but Y has 3"),
    ("loss: logits on a sigmoid", lambda: net231().loss(X2, Y1, "sigmoid_cross_entropy"), ValueError,
     "sigmoid_cross_entropy takes logits, so the output layer must be 'linear'"),
    ("loss: probabilities on a linear", lambda: linear_net().loss(X2, Y1, "binary_cross_entropy"), ValueError,
     "binary_cross_entropy takes probabilities"),
    ("loss: targets of 2", lambda: net231().loss(X2, 2 * Y1, "binary_cross_entropy"), ValueError,
     "Y must hold targets between 0 and 1"),
    ("loss: one-hot missing", lambda: softmax_net().loss(X2, np.zeros((3, 4)), "categorical_cross_entropy"), ValueError,
     "each column of Y must sum to 1"),
    ("loss: unknown name", lambda: net231().loss(X2, Y1, "cross_entropy"), ValueError, "unknown loss 'cross_entropy'"),
    ("backward before forward", lambda: net231().backward(np.ones((1, 4))), RuntimeError, "call forward before backward"),
    ("backward_loss before forward", lambda: net231().backward_loss(Y1), RuntimeError, "call forward before backward_loss"),
    ("backward_loss: Y shape", lambda: forwarded(net231()).backward_loss(np.ones((1, 3))), ValueError,
     "Y must have the shape of the last forward pass's output, (1, 4)"),
    ("backward: dA shape", lambda: forwarded(net231()).backward(np.ones((4, 1))), ValueError,
     "dA must have the shape of this layer's output, (1, 4)"),
    ("check_data: X_test names", lambda: net231().check_data(np.ones((3, 1)), [[1.0]], names=("X_test", "Y_test")), ValueError,
     "X_test must have shape (2, m)"),
]

# --- training -------------------------------------------------------------------------------------------------------
ROWS += rows_for_array_argument("train", lambda v: train(net231(), v, Y1, epochs=1), "X")
ROWS += rows_for_array_argument("train", lambda v: train(net231(), X2, v, epochs=1), "Y")
ROWS += rows_for_array_argument("train", lambda v: train(net231(), X2, Y1, epochs=1, X_test=v, Y_test=Y1), "X_test",
                                without_none(BAD_ARRAYS[:6]))
ROWS += rows_for_array_argument("train_step", lambda v: train_step(net231(), v, Y1, "mse", 0.1), "X")
ROWS += rows_for_array_argument("train_step", lambda v: train_step(net231(), X2, v, "mse", 0.1), "Y")
ROWS += rows_for_number_argument("train", lambda v: train(net231(), X2, Y1, learning_rate=v), "learning_rate",
                                 without_none(BAD_POSITIVE))
ROWS += rows_for_number_argument("train_step", lambda v: train_step(net231(), X2, Y1, "mse", v), "learning_rate",
                                 without_none(BAD_POSITIVE))
ROWS += rows_for_number_argument("gradient_descent_step", lambda v: gradient_descent_step(net231(), v), "learning_rate",
                                 BAD_POSITIVE)
ROWS += rows_for_number_argument("SGD", SGD, "learning_rate", BAD_POSITIVE)
ROWS += rows_for_number_argument("train", lambda v: train(net231(), X2, Y1, epochs=v), "epochs", BAD_COUNTS)
ROWS += rows_for_number_argument("train", lambda v: train(net231(), X2, Y1, batch_size=v), "batch_size", without_none(BAD_COUNTS))
ROWS += rows_for_number_argument("train", lambda v: train(net231(), X2, Y1, X_test=X2, Y_test=Y1, patience=v), "patience",
                                 without_none(BAD_COUNTS))
ROWS += rows_for_number_argument("train", lambda v: train(net231(), X2, Y1, seed=v), "seed", BAD_SEEDS)
ROWS += [
    ("train: not a network", lambda: train("net", X2, Y1), TypeError, "net must be an nnlib Network"),
    ("train: a layer for the network", lambda: train(Dense(np.ones((1, 2)), [0.0]), X2, Y1), TypeError,
     "net must be an nnlib Network"),
    ("train_step: not a network", lambda: train_step(None, X2, Y1, "mse", 0.1), TypeError, "net must be an nnlib Network"),
    ("gradient_descent_step: not a network", lambda: gradient_descent_step([1.0], 0.1), TypeError,
     "net must be an nnlib Network"),
    ("train: no examples", lambda: train(net231(), np.zeros((2, 0)), np.zeros((1, 0))), ValueError, "X is empty"),
    ("train: example counts", lambda: train(net231(), X2, np.zeros((1, 3))), ValueError,
     "X has 4 examples (columns) but Y has 3"),
    ("train: logits on a sigmoid", lambda: train(net231(), X2, Y1, "sigmoid_cross_entropy"), ValueError,
     "takes logits, so the output layer must be 'linear'"),
    ("train_step: logits on a softmax", lambda: train_step(softmax_net(), X2, Y3, "softmax_cross_entropy", 0.1), ValueError,
     "softmax_cross_entropy takes logits"),
    ("train_step: probabilities on linear", lambda: train_step(linear_net(), X2, Y1, "binary_cross_entropy", 0.1), ValueError,
     "binary_cross_entropy takes probabilities"),
    ("train: targets of 2", lambda: train(net231(), X2, 2 * Y1, "binary_cross_entropy"), ValueError,
     "Y must hold targets between 0 and 1"),
    ("train: unknown loss", lambda: train(net231(), X2, Y1, "hinge"), ValueError, "unknown loss 'hinge'"),
    ("train: loss as a number", lambda: train(net231(), X2, Y1, 2), TypeError, "loss must be a name"),
    ("train: X_test alone", lambda: train(net231(), X2, Y1, X_test=X2), ValueError, "pass both X_test and Y_test, or neither"),
    ("train: Y_test alone", lambda: train(net231(), X2, Y1, Y_test=Y1), ValueError, "got only Y_test"),
    ("train: X_test rows", lambda: train(net231(), X2, Y1, X_test=np.ones((3, 2)), Y_test=np.ones((1, 2))), ValueError,
     "X_test must have shape (2, m)"),
    ("train: patience without test data", lambda: train(net231(), X2, Y1, patience=3), ValueError,
     "early stopping (patience) needs held-out data"),
    ("train: two learning rates", lambda: train(net231(), X2, Y1, learning_rate=0.2, optimizer=SGD(0.3)), ValueError,
     "give the learning rate once"),
    ("train: optimizer as text", lambda: train(net231(), X2, Y1, optimizer="sgd"), TypeError,
     "optimizer must be an optimiser with a step(params, grads) method"),
    ("train_step: optimizer as a class", lambda: train_step(net231(), X2, Y1, optimizer=3), TypeError,
     "optimizer must be an optimiser"),
    ("SGD.step: params a list", lambda: SGD(0.1).step([np.ones(2)], {}), TypeError, "params must be a dict of arrays by name"),
    ("SGD.step: grads missing", lambda: SGD(0.1).step({"W1": np.ones(2)}, {}), ValueError, "grads has no entry 'W1'"),
    ("SGD.step: grads shape", lambda: SGD(0.1).step({"W1": np.ones((2, 2))}, {"W1": np.ones(2)}), ValueError,
     "grads['W1'] must be an array of the shape of params['W1'], (2, 2)"),
    ("SGD.step: integer params", lambda: SGD(0.1).step({"W1": np.ones(2, int)}, {"W1": np.ones(2)}), TypeError,
     "params['W1'] must be a float array"),
]

# --- what chapter 12 added: optimisers in train, a schedule, dropout in a network, the autograd loss ---------------
def dropout_net():
    first, last = net231().layers
    return Network([first, Dropout(0.5, seed=0), last])


ROWS += rows_for_number_argument("train", lambda v: train(net231(), X2, Y1, epochs=2, schedule=lambda epoch: v), "schedule(0)",
                                 [row for row in BAD_POSITIVE if row[0] not in ("text", "None", "list", "bool")])
ROWS += rows_for_number_argument("Momentum", Momentum, "learning_rate", BAD_POSITIVE)
ROWS += rows_for_number_argument("Adam", lambda v: Adam(learning_rate=v), "learning_rate", BAD_POSITIVE)
ROWS += rows_for_number_argument("Dropout", lambda v: Dropout(seed=v), "seed", BAD_SEEDS)
ROWS += rows_for_array_argument("autograd.loss", lambda v: autograd.loss(autograd.Tensor([[0.5, 0.2]]), v), "target")
ROWS += rows_for_array_argument("train with dropout", lambda v: train(dropout_net(), v, Y1, epochs=1), "X", BAD_ARRAYS[:6])
ROWS += [
    ("train: schedule a number", lambda: train(net231(), X2, Y1, schedule=0.1), TypeError,
     "schedule must be a function of the epoch"),
    ("train: schedule returns text", lambda: train(net231(), X2, Y1, schedule=lambda epoch: "0.1"), TypeError,
     "schedule(0) must be a positive number such as 0.1, got str"),
    ("train: schedule without a learning rate to set", lambda: train(
        net231(), X2, Y1, optimizer=type("Plain", (), {"step": lambda self, params, grads: None})(), schedule=lambda e: 0.1),
     TypeError, "schedule sets the optimizer's learning_rate before each epoch, but Plain has no learning_rate"),
    ("train: two learning rates with momentum", lambda: train(net231(), X2, Y1, learning_rate=0.2, optimizer=Momentum(0.3)),
     ValueError, "give the learning rate once: learning_rate=0.2 differs from the optimizer's"),
    ("Momentum: momentum 1", lambda: Momentum(momentum=1.0), ValueError, "momentum must be a number in [0, 1)"),
    ("Adam: beta2 text", lambda: Adam(beta2="0.999"), TypeError, "beta2 must be a number in [0, 1)"),
    ("Dropout: keep probability 0", lambda: Dropout(keep_probability=0.0), ValueError,
     "keep_probability must be a number in (0, 1]"),
    ("Dropout: a fixed mask of the wrong shape", lambda: setattr_and_forward(dropout_net(), np.ones((2, 4), bool)),
     ValueError, "keep (or fixed_keep) must have the shape of A_prev, (3, 4); got (2, 4)"),
    ("Network: a dropout network's output for a logit loss", lambda: train(dropout_net(), X2, Y1, "sigmoid_cross_entropy"),
     ValueError, "sigmoid_cross_entropy takes logits, so the output layer must be 'linear'"),
    ("autograd.loss: target of another shape", lambda: autograd.loss(autograd.Tensor([[0.5, 0.2]]), [[1.0, 0.0, 1.0]]),
     ValueError, "prediction and target must have the same shape"),
    ("autograd.loss: targets of 2 for a cross-entropy", lambda: autograd.loss(autograd.Tensor([[0.5, 0.2]]), [[2.0, 0.0]],
                                                                               "binary_cross_entropy"),
     ValueError, "target must hold targets between 0 and 1"),
    ("autograd.loss: a prediction of 2 for binary_cross_entropy", lambda: autograd.loss(
        autograd.Tensor([[2.0, 0.2]]), [[1.0, 0.0]], "binary_cross_entropy"), ValueError,
     "binary_cross_entropy expects predicted probabilities y_hat in [0, 1]"),
    ("autograd.loss: a NaN prediction", lambda: autograd.loss(autograd.Tensor.from_op(
        np.array([[np.nan]]), (autograd.Tensor([[0.5]]),), "nan", lambda g: (g,)), [[1.0]]), ValueError,
     "prediction must hold finite numbers, but prediction[0, 0] is nan"),
]


def setattr_and_forward(net, keep):
    net.layers[1].fixed_keep = keep
    return net.forward(X2)


# --- gradient checking ------------------------------------------------------------------------------------------------
ROWS += rows_for_array_argument("relative_error", lambda v: relative_error(v, [[1.0, 2.0]]), "a")
ROWS += rows_for_array_argument("relative_error", lambda v: relative_error([[1.0, 2.0]], v), "b")
ROWS += rows_for_array_argument("check_network_gradients", lambda v: check_network_gradients(net231(), v, Y1), "X",
                                BAD_ARRAYS[:6])
ROWS += rows_for_array_argument("check_network_gradients", lambda v: check_network_gradients(net231(), X2, v), "Y",
                                BAD_ARRAYS[:6])
ROWS += rows_for_number_argument("numerical_gradient", lambda v: numerical_gradient(lambda x: 0.0, np.ones(2), h=v), "h",
                                 BAD_POSITIVE)
ROWS += rows_for_number_argument("check_network_gradients", lambda v: check_network_gradients(net231(), X2, Y1, threshold=v),
                                 "threshold", BAD_POSITIVE[:6])
ROWS += [
    ("numerical_gradient: x a list", lambda: numerical_gradient(lambda x: 0.0, [1.0]), TypeError,
     "x must be a float numpy array"),
    ("numerical_gradient: x ints", lambda: numerical_gradient(lambda x: 0.0, np.array([1, 2])), TypeError, "of dtype int64"),
    ("numerical_gradient: x empty", lambda: numerical_gradient(lambda x: 0.0, np.array([])), ValueError, "x is empty"),
    ("numerical_gradient: f not callable", lambda: numerical_gradient(3.0, np.ones(2)), TypeError,
     "f must be a function of x returning a number"),
    ("numerical_gradient: f returns an array", lambda: numerical_gradient(lambda x: x, np.ones(2)), TypeError,
     "f must return a single number (the loss)"),
    ("numerical_gradient: f returns text", lambda: numerical_gradient(lambda x: "loss", np.ones(2)), TypeError,
     "f must return a single number"),
    ("numerical_gradient: method", lambda: numerical_gradient(lambda x: 0.0, np.ones(2), method="backward"), ValueError,
     "method must be 'central' or 'forward'"),
    ("relative_error: shapes", lambda: relative_error(np.ones(2), np.ones(3)), ValueError, "a and b must have the same shape"),
    ("relative_error: empty", lambda: relative_error([], []), ValueError, "a and b are empty"),
    ("check_network_gradients: not a network", lambda: check_network_gradients("net", X2, Y1), TypeError,
     "net must be an nnlib Network"),
    ("check_network_gradients: gradients a list", lambda: check_network_gradients(net231(), X2, Y1, gradients=[1.0]), TypeError,
     "gradients must be a dict of arrays by parameter name"),
    ("check_network_gradients: missing name", lambda: check_network_gradients(net231(), X2, Y1, gradients={}), ValueError,
     "gradients has no entry 'W1'"),
    ("check_network_gradients: transposed", lambda: check_network_gradients(
        net231(), X2, Y1, gradients={k: v.T for k, v in net231().loss_and_gradients(X2, Y1)[1].items()}), ValueError,
     "missing transpose"),
    ("check_network_gradients: text gradient", lambda: check_network_gradients(
        net231(), X2, Y1, gradients={k: "dW" for k in net231().parameters()}), TypeError, "gradients['W1'] must be an array"),
    ("check_network_gradients: h zero", lambda: check_network_gradients(net231(), X2, Y1, h=0), ValueError,
     "h must be a positive number such as 1e-5"),
]

# --- data, metrics, neuron, initialisers -------------------------------------------------------------------------------
ROWS += rows_for_array_argument("train_test_split", lambda v: data.train_test_split(v, [0, 1]), "X")
ROWS += rows_for_array_argument("train_test_split", lambda v: data.train_test_split([[0.0, 1.0]], v), "Y", BAD_ARRAYS[:5])
ROWS += rows_for_array_argument("one_hot", data.one_hot, "labels", BAD_ARRAYS[:5])
ROWS += rows_for_array_argument("predict_labels", metrics.predict_labels, "Y_hat")
ROWS += rows_for_array_argument("accuracy", lambda v: metrics.accuracy(v, [0, 1]), "labels_true", BAD_ARRAYS[:5])
ROWS += rows_for_array_argument("confusion_matrix", lambda v: metrics.confusion_matrix([0, 1], v), "labels_pred", BAD_ARRAYS[:5])
ROWS += rows_for_array_argument("weighted_sum", lambda v: neuron.weighted_sum(v, [1.0, 2.0], 0.0), "x")
ROWS += rows_for_array_argument("weighted_sum", lambda v: neuron.weighted_sum([1.0, 2.0], v, 0.0), "w", BAD_ARRAYS[:6])
ROWS += rows_for_array_argument("neuron_output", lambda v: neuron.neuron_output([1.0, 2.0], v, 0.0), "w", BAD_ARRAYS[:4])
ROWS += rows_for_array_argument("blobs", lambda v: data.blobs(5, centers=v), "centers", BAD_ARRAYS[:6])
ROWS += rows_for_number_argument("blobs", lambda v: data.blobs(v), "n_per_class", BAD_COUNTS)
ROWS += rows_for_number_argument("moons", lambda v: data.moons(v), "n", BAD_COUNTS)
ROWS += rows_for_number_argument("circles", lambda v: data.circles(v), "n", BAD_COUNTS[:4])
ROWS += rows_for_number_argument("spirals", lambda v: data.spirals(n_classes=v), "n_classes", BAD_COUNTS[:4])
ROWS += rows_for_number_argument("regression_1d", lambda v: data.regression_1d(v), "n", BAD_COUNTS[:4])
ROWS += rows_for_number_argument("regression_2d", lambda v: data.regression_2d(v), "n", BAD_COUNTS[:4])
ROWS += rows_for_number_argument("moons", lambda v: data.moons(seed=v), "seed", BAD_SEEDS)
ROWS += rows_for_number_argument("initial_weights", lambda v: initializers.initial_weights(v, 2), "n_out", BAD_COUNTS)
ROWS += rows_for_number_argument("he", lambda v: initializers.he(2, v, np.random.default_rng(0)), "n_in", BAD_COUNTS[:4])
ROWS += [
    ("logic_gate: unknown", lambda: data.logic_gate("xorr"), ValueError, "unknown logic gate 'xorr'"),
    ("logic_gate: a number", lambda: data.logic_gate(1), TypeError, "the logic gate must be a name such as"),
    ("blobs: std negative", lambda: data.blobs(5, std=-1.0), ValueError, "std must be 0 or more"),
    ("blobs: centers 1-D", lambda: data.blobs(5, centers=[1.0, 2.0]), ValueError, "centers must be a list of points"),
    ("moons: noise negative", lambda: data.moons(noise=-0.1), ValueError, "noise must be 0 or more"),
    ("moons: noise text", lambda: data.moons(noise="0.1"), TypeError, "noise must be a number"),
    ("moons: one point", lambda: data.moons(1), ValueError, "n must be a whole number of at least 2"),
    ("circles: factor 2", lambda: data.circles(factor=2.0), ValueError, "factor must be between 0 and 1"),
    ("spirals: noise nan", lambda: data.spirals(noise=float("nan")), ValueError, "noise must be a finite number"),
    ("one_hot: a fraction", lambda: data.one_hot([0.5]), ValueError, "labels must hold class labels 0, 1, 2"),
    ("one_hot: negative", lambda: data.one_hot([-1, 0]), ValueError, "whole numbers from 0"),
    ("one_hot: empty", lambda: data.one_hot([]), ValueError, "labels must be a non-empty 1-D array"),
    ("one_hot: 2-D", lambda: data.one_hot([[0, 1]]), ValueError, "labels must be a non-empty 1-D array"),
    ("one_hot: too few classes", lambda: data.one_hot([0, 3], 2), ValueError, "label 3 does not fit n_classes=2"),
    ("one_hot: n_classes text", lambda: data.one_hot([0, 1], "2"), TypeError, "n_classes must be a whole number"),
    ("train_test_split: fraction 1", lambda: data.train_test_split(X2, Y1, 1.0), ValueError, "test_fraction must be between 0"),
    ("train_test_split: fraction text", lambda: data.train_test_split(X2, Y1, "0.2"), TypeError,
     "test_fraction must be a number"),
    ("train_test_split: one example", lambda: data.train_test_split([[1.0]], [[1.0]]), ValueError,
     "X must hold at least 2 examples"),
    ("train_test_split: counts", lambda: data.train_test_split(X2, np.zeros(3)), ValueError, "X has 4 examples (columns) but Y"),
    ("train_test_split: a scalar", lambda: data.train_test_split(1.0, 1.0), ValueError, "X and Y must be 1-D or 2-D"),
    ("predict_labels: threshold text", lambda: metrics.predict_labels([[0.2]], threshold="0.5"), TypeError,
     "threshold must be a number"),
    ("accuracy: lengths differ", lambda: metrics.accuracy([0, 1], [0, 1, 1]), ValueError,
     "labels_true (2,) and labels_pred (3,) must have the same shape"),
    ("accuracy: empty", lambda: metrics.accuracy([], []), ValueError, "labels_true must be a non-empty 1-D array"),
    ("accuracy: fractions", lambda: metrics.accuracy([0.5], [0]), ValueError, "labels_true must hold class labels"),
    ("confusion_matrix: negative", lambda: metrics.confusion_matrix([-1, 0], [0, 0]), ValueError, "labels_true must hold class"),
    ("confusion_matrix: n_classes small", lambda: metrics.confusion_matrix([0, 3], [0, 0], 2), ValueError,
     "label 3 does not fit n_classes=2"),
    ("confusion_matrix: n_classes zero", lambda: metrics.confusion_matrix([0], [0], 0), ValueError, "n_classes must be a whole"),
    ("confusion_matrix: empty", lambda: metrics.confusion_matrix([], []), ValueError, "must be a non-empty 1-D array"),
    ("weighted_sum: features", lambda: neuron.weighted_sum([1.0, 2.0, 3.0], [1.0, 2.0], 0.0), ValueError,
     "x must have shape (2, m): 2 features"),
    ("weighted_sum: w 2-D", lambda: neuron.weighted_sum([1.0], [[1.0]], 0.0), ValueError, "w must be a 1-D array"),
    ("weighted_sum: b a list", lambda: neuron.weighted_sum([1.0], [1.0], [0.0, 1.0]), ValueError, "b must be a single number"),
    ("weighted_sum: b text", lambda: neuron.weighted_sum([1.0], [1.0], "0"), TypeError, "b must be an array of numbers"),
    ("neuron_output: activation", lambda: neuron.neuron_output([1.0], [1.0], 0.0, "sigmoidd"), ValueError, "unknown activation"),
    ("decision_line: three weights", lambda: neuron.decision_line([1.0, 2.0, 3.0], 0.0), ValueError,
     "w must hold the two weights (w1, w2)"),
    ("decision_line: b text", lambda: neuron.decision_line([1.0, 2.0], "1"), TypeError, "b must be a number"),
    ("decision_line: range", lambda: neuron.decision_line([1.0, 2.0], 0.0, x1_range=(0.0,)), ValueError,
     "x1_range must be two numbers"),
    ("decision_line: no line", lambda: neuron.decision_line([0.0, 0.0], 1.0), ValueError, "there is no line"),
    ("initial_weights: unknown", lambda: initializers.initial_weights(2, 2, "kaiming"), ValueError,
     "unknown initialisation scheme 'kaiming'"),
    ("initial_weights: scheme None", lambda: initializers.initial_weights(2, 2, None), TypeError,
     "the initialisation scheme must be a name"),
    ("initial_weights: seed text", lambda: initializers.initial_weights(2, 2, "he", "0"), TypeError,
     "seed must be a whole number"),
    ("xavier: rng an int", lambda: initializers.xavier(2, 2, 0), TypeError, "rng must be a numpy Generator"),
    ("small_random: scale", lambda: initializers.small_random(2, 2, np.random.default_rng(0), scale=-1), ValueError,
     "scale must be a positive number"),
    ("zeros: n_in zero", lambda: initializers.zeros(2, 0, np.random.default_rng(0)), ValueError, "n_in must be a whole number"),
]


# --- plots and diagrams (another engineer's modules): the probes they already answer clearly -----------------------------
ROWS += [
    ("plot_function_and_derivative: unknown", lambda: plots.plot_function_and_derivative("sigmod"), ValueError,
     "unknown activation 'sigmod'"),
    ("plot_function_and_derivative: softmax", lambda: plots.plot_function_and_derivative("softmax"), ValueError,
     "softmax is not elementwise"),
    ("plot_confusion_matrix: not square", lambda: plots.plot_confusion_matrix(np.zeros((2, 3))), ValueError,
     "a confusion matrix is square, (n_classes, n_classes); got shape (2, 3)"),
    ("plot_images: not 64 pixels", lambda: plots.plot_images(np.zeros((5, 3))), ValueError,
     "images must have shape (64, n), one flattened 8x8 image per column; got shape (5, 3)"),
]


def test_the_table_covers_the_api_with_at_least_300_rows():
    assert len(ROWS) >= 300
    assert len({label for label, *_ in ROWS}) == len(ROWS), "every row has its own label"
    called = " ".join(label for label, *_ in ROWS)
    for name in nnlib.__all__ if hasattr(nnlib, "__all__") else [n for n in dir(nnlib) if not n.startswith("_")]:
        value = getattr(nnlib, name)
        if callable(value) and not isinstance(value, type(nnlib)) and name not in UNCHECKED_NAMES:
            assert name in called, f"no row calls nnlib.{name}"


UNCHECKED_NAMES = {
    "Activation", "Loss", "ForwardTrace", "History", "DivergenceWarning",  # records built by nnlib, not by readers
    "ACTIVATIONS", "LOSSES",
}


@pytest.mark.parametrize("call,error,words", [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_bad_input_gets_a_clear_error(call, error, words):
    with pytest.raises(Exception) as caught:
        call()
    message = str(caught.value)
    assert type(caught.value) is error, f"{type(caught.value).__name__}: {message}"
    assert words in message, message
    for internal in NUMPY_INTERNALS:
        assert internal not in message, message
    assert len(message) < 400, message


DOCUMENTED = [
    ("a 1-D x is one example", lambda: net231().forward([0.0, 1.0]).shape == (1, 1)),
    ("a 1-D y_hat is one example", lambda: losses.squared_error([1.0, 2.0], [0.0, 0.0]) == 2.5),
    ("a number is a 1x1 batch", lambda: losses.mse(2.0, 1.0) == 1.0),
    ("lists are arrays of floats", lambda: net231().loss([[0, 1], [1, 0]], [[0, 1]]) >= 0),
    ("integers become float64", lambda: nnlib.relu([-1, 2]).dtype == np.float64),
    ("leaky_relu takes any slope (chapter 3 shows why above 1 is no leaky ReLU)",
     lambda: nnlib.leaky_relu([-1.0], 2.0).tolist() == [-2.0]),
    ("bools are numbers", lambda: nnlib.sigmoid([True, False]).tolist() == nnlib.sigmoid([1.0, 0.0]).tolist()),
    ("whole-float labels are labels", lambda: data.one_hot(np.array([0.0, 1.0])).shape == (2, 2)),
    ("whole-float labels score", lambda: metrics.accuracy(Y1[0], [0, 1, 1, 0]) == 1.0),
    ("sigmoid(-inf) = 0", lambda: nnlib.sigmoid(-np.inf) == 0.0),
    ("tanh(inf) = 1", lambda: nnlib.tanh(np.inf) == 1.0),
    ("relu(-inf) = 0", lambda: nnlib.relu(-np.inf) == 0.0),
    ("softmax at +inf", lambda: softmax([np.inf, 1.0]).tolist() == [1.0, 0.0]),
    ("NaN passes through an activation", lambda: np.isnan(nnlib.tanh(np.nan))),
    ("a batch larger than m is the full batch", lambda: train(net231(), X2, Y1, epochs=1, batch_size=100).epochs == 1),
    ("soft targets in [0, 1]", lambda: losses.binary_cross_entropy([[0.3]], [[0.3]]) > 0),
    ("float32 stays float32", lambda: net231().check_input(np.ones((2, 1), np.float32)).dtype == np.float32),
]


@pytest.mark.parametrize("probe", [row[1] for row in DOCUMENTED], ids=[row[0] for row in DOCUMENTED])
def test_documented_behaviour_is_not_an_error(probe):
    assert probe()


def test_no_message_names_an_internal_parameter():
    """Messages name the reader's arguments: nothing like "b[] is nan" from an internal helper."""
    messages = []
    for _, call, _, _ in ROWS:
        try:
            call()
        except Exception as error:  # noqa: BLE001 (collecting every message)
            messages.append(str(error))
    assert not [m for m in messages if re.search(r"\w\[\] is", m)]
