"""Gradient descent and the training loop."""

import numpy as np
import pytest

import nnlib
from nnlib.data import logic_gate, regression_2d
from nnlib.network import Network
from nnlib.training import gradient_descent_step, train, train_step


def test_step_moves_against_the_gradient(rng):
    net = Network.from_sizes([2, 3, 1], seed=0)
    X, Y = rng.normal(size=(2, 5)), rng.uniform(size=(1, 5))
    _, grads = net.loss_and_gradients(X, Y)
    before = {k: v.copy() for k, v in net.parameters().items()}
    gradient_descent_step(net, 0.1)
    for name, value in net.parameters().items():
        np.testing.assert_allclose(value, before[name] - 0.1 * grads[name])


def test_a_small_step_lowers_the_loss(rng):
    net = Network.from_sizes([2, 3, 1], seed=0)
    X, Y = rng.normal(size=(2, 5)), rng.uniform(size=(1, 5))
    L0, _ = net.loss_and_gradients(X, Y)
    gradient_descent_step(net, 0.01)
    assert net.loss(X, Y) < L0


@pytest.mark.parametrize("hidden_units", [2, 4])
def test_xor_is_learnt_from_a_fixed_seed(hidden_units):
    X, Y = logic_gate("xor")
    net = Network.from_sizes([2, hidden_units, 1], hidden="tanh", output="sigmoid", seed=1)
    history = train(net, X, Y, "binary_cross_entropy", learning_rate=1.0, epochs=2000)
    assert history.train_loss[-1] < 0.01
    np.testing.assert_array_equal(nnlib.predict_labels(net.forward(X)), Y[0])


def test_regression_loss_decreases_with_every_batch_size():
    X, Y = regression_2d(80, seed=0)
    for batch_size in [None, 16, 1]:
        net = Network.from_sizes([2, 3, 1], hidden="tanh", output="linear", seed=0)
        history = train(net, X, Y, "mse", learning_rate=0.05, epochs=60, batch_size=batch_size)
        assert history.epochs == 60
        assert history.train_loss[-1] < 0.5 * history.train_loss[0], batch_size


def test_history_records_test_loss_and_early_stopping_restores_the_best():
    X, Y = regression_2d(60, noise=0.3, seed=1)
    X_test, Y_test = regression_2d(60, noise=0.3, seed=2)
    net = Network.from_sizes([2, 30, 30, 1], hidden="tanh", output="linear", seed=0)
    history = train(net, X, Y, "mse", learning_rate=0.05, epochs=400, X_test=X_test, Y_test=Y_test, patience=20)
    assert len(history.test_loss) == len(history.train_loss)
    best = int(np.argmin(history.test_loss))
    assert history.best_epoch == best
    assert net.loss(X_test, Y_test, "mse") == pytest.approx(history.test_loss[best])


def test_divergence_is_recorded_not_raised():
    X, Y = regression_2d(40, seed=0)
    net = Network.from_sizes([2, 3, 1], hidden="linear", output="linear", seed=0)
    history = train(net, X, Y, "mse", learning_rate=50.0, epochs=200)
    assert history.diverged and history.train_loss[-1] == float("inf")
    assert history.epochs < 200


def test_seed_makes_training_repeatable():
    X, Y = regression_2d(40, seed=0)
    runs = []
    for _ in range(2):
        net = Network.from_sizes([2, 3, 1], hidden="tanh", output="linear", seed=0)
        runs.append(train(net, X, Y, "mse", learning_rate=0.05, epochs=5, batch_size=8, seed=3).train_loss)
    assert runs[0] == runs[1]


@pytest.mark.parametrize("lr", [0, -0.1, float("nan")])
def test_learning_rate_must_be_positive(lr):
    X, Y = logic_gate("and")
    with pytest.raises(ValueError, match=f"learning_rate must be a positive number such as 0.1, got {lr}"):
        train(Network.from_sizes([2, 1]), X, Y, learning_rate=lr)


def test_learning_rate_must_be_a_number():
    X, Y = logic_gate("and")
    with pytest.raises(TypeError, match="learning_rate must be a positive number such as 0.1, got str '0.1'"):
        train(Network.from_sizes([2, 1]), X, Y, learning_rate="0.1")


def test_mismatched_data_is_explained():
    with pytest.raises(ValueError, match="X has 4 examples \\(columns\\) but Y has 3"):
        train(Network.from_sizes([2, 1]), np.zeros((2, 4)), np.zeros((1, 3)))
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\): 1 targets"):
        train(Network.from_sizes([2, 1]), np.zeros((2, 4)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="early stopping \\(patience\\) needs held-out data"):
        train(Network.from_sizes([2, 1]), np.zeros((2, 4)), np.zeros((1, 4)), patience=3)


STEP_CASES = [
    ([2, 3, 1], "sigmoid", "sigmoid", "squared_error"),
    ([4, 5, 1], "tanh", "sigmoid", "binary_cross_entropy"),
    ([2, 16, 16, 2], "tanh", "linear", "softmax_cross_entropy"),
    ([3, 4, 3], "relu", "softmax", "categorical_cross_entropy"),
    ([3, 4, 2], "leaky_relu", "linear", "sigmoid_cross_entropy"),
    ([2, 3, 2], "sigmoid", "linear", "mse"),
    ([2, 3, 2], "linear", "tanh", "rmse"),
]


@pytest.mark.parametrize("sizes,hidden,output,loss", STEP_CASES, ids=lambda v: str(v))
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_train_step_is_the_textbook_step(sizes, hidden, output, loss, dtype, rng):
    """train_step's unchecked inner step lands on the same weights as the textbook route:
    Network.loss_and_gradients (forward, loss gradient, backward), then gradient_descent_step."""
    net = Network.from_sizes(sizes, hidden=hidden, output=output, seed=2)
    weights = [l.W.astype(dtype) for l in net.layers]
    biases = [rng.normal(size=l.n_out).astype(dtype) for l in net.layers]
    net = Network.from_weights(weights, biases, net.activations)
    X = rng.normal(size=(sizes[0], 7)).astype(dtype)
    if loss in ("softmax_cross_entropy", "categorical_cross_entropy"):
        Y = nnlib.one_hot(rng.integers(0, sizes[-1], 7), sizes[-1]).astype(dtype)
    else:
        Y = rng.integers(0, 2, size=(sizes[-1], 7)).astype(dtype)
    textbook = net.copy()
    textbook.loss_and_gradients(X, Y, loss)
    gradient_descent_step(textbook, 0.1)
    train_step(net, X, Y, nnlib.losses.get_loss(loss), 0.1)
    for name, value in net.parameters().items():
        assert value.dtype == dtype, name
        np.testing.assert_allclose(value, textbook.parameters()[name], rtol=1e-12 if dtype == np.float64 else 1e-5, err_msg=name)


def test_train_step_checks_its_data():
    net = Network.from_sizes([2, 1])
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\): 2 input features"):
        train_step(net, np.zeros((3, 4)), np.zeros((1, 4)), "mse", 0.1)
    with pytest.raises(ValueError, match=r"X must hold finite numbers, but X\[0, 1\] is nan"):
        train_step(net, [[0.0, np.nan], [0.0, 0.0]], [[0.0, 0.0]], "mse", 0.1)
    with pytest.raises(ValueError, match="X has 4 examples \\(columns\\) but Y has 3"):
        train_step(net, np.zeros((2, 4)), np.zeros((1, 3)), "mse", 0.1)


def test_divergence_within_an_epoch_of_mini_batches_is_recorded_not_raised():
    X, Y = regression_2d(40, seed=0)
    net = Network.from_sizes([2, 3, 1], hidden="linear", output="linear", seed=0)
    history = train(net, X, Y, "mse", learning_rate=50.0, epochs=200, batch_size=4)
    assert history.diverged and history.train_loss[-1] == float("inf")
