"""Gradient descent and the training loop."""

import numpy as np
import pytest

import nnlib
from nnlib.data import logic_gate, regression_2d
from nnlib.dropout import Dropout
from nnlib.network import Network
from nnlib.optimizers import SGD, Adam, AdamW, Momentum, step_decay
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


def test_divergence_is_announced_recorded_and_leaves_the_last_finite_weights():
    X, Y = regression_2d(40, seed=0)
    net = Network.from_sizes([2, 3, 1], hidden="linear", output="linear", seed=0)
    twin = net.copy()
    expected = (r"diverged at epoch \d+: the loss overflowed.*learning_rate=50.0.*weights of epoch \d+, finite"
                r".*2 / lambda_max.*chapter 8")
    with pytest.warns(nnlib.DivergenceWarning, match=expected):
        history = train(net, X, Y, "mse", learning_rate=50.0, epochs=200)
    assert history.diverged and history.train_loss[-1] == float("inf")
    assert history.diverged_epoch == history.epochs < 200
    assert all(np.isfinite(value).all() for value in net.parameters().values())
    train(twin, X, Y, "mse", learning_rate=50.0, epochs=history.diverged_epoch - 1)  # up to the last finite epoch
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(value, twin.parameters()[name], err_msg=name)
    assert net.loss(X, Y, "mse") == history.train_loss[-2]


def test_divergence_with_early_stopping_keeps_the_best_epoch():
    X, Y = regression_2d(40, seed=0)
    X_test, Y_test = regression_2d(40, seed=1)
    net = Network.from_sizes([2, 3, 1], hidden="linear", output="linear", seed=0)
    with pytest.warns(nnlib.DivergenceWarning, match="keeps the weights of epoch 0, finite ones"):
        history = train(net, X, Y, "mse", learning_rate=50.0, epochs=200, X_test=X_test, Y_test=Y_test, patience=5)
    assert history.diverged and history.best_epoch == 0
    assert net.loss(X_test, Y_test, "mse") == history.test_loss[0]


def test_divergence_warning_is_a_runtime_warning_that_notebooks_show():
    assert issubclass(nnlib.DivergenceWarning, RuntimeWarning)


@pytest.mark.parametrize("loss", ["squared_error", "binary_cross_entropy"])
def test_divergence_behind_a_saturated_sigmoid_is_detected(loss):
    """The outputs stay in [0, 1] and the loss finite while the weights explode; it went unnoticed."""
    X, Y = logic_gate("and")
    net = Network.from_sizes([2, 1], output="sigmoid", seed=0)
    start = {k: v.copy() for k, v in net.parameters().items()}
    with pytest.warns(nnlib.DivergenceWarning, match=r"at epoch 1: (W1|b1) grew to .*past 1.34e\+154.*saturated sigmoid"):
        history = train(net, X, Y, loss, learning_rate=1e300, epochs=5)
    assert history.diverged and history.diverged_epoch == 1 and np.isfinite(history.train_loss[-1])
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(value, start[name])


def test_divergence_before_training_is_announced():
    net = Network.from_weights([[[1e200]]], [[0.0]], "linear")
    with pytest.warns(nnlib.DivergenceWarning, match="at epoch 0: the loss overflowed.*is left as it was"):
        history = train(net, [[1e200]], [[0.0]], "mse", learning_rate=0.1)
    assert history.diverged_epoch == 0 and history.epochs == 0


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
    with pytest.warns(nnlib.DivergenceWarning, match="learning_rate=50.0"):
        history = train(net, X, Y, "mse", learning_rate=50.0, epochs=200, batch_size=4)
    assert history.diverged and history.train_loss[-1] == float("inf")
    assert all(np.isfinite(value).all() for value in net.parameters().values())


BAD_RATES = [(0, ValueError), (-0.1, ValueError), (float("nan"), ValueError), (float("inf"), ValueError),
             (True, TypeError), ("0.1", TypeError), ([0.1], TypeError)]


@pytest.mark.parametrize("rate,error", BAD_RATES, ids=str)
def test_every_training_function_checks_the_learning_rate(rate, error):
    X, Y = logic_gate("and")
    net = Network.from_sizes([2, 1])
    net.loss_and_gradients(X, Y)
    before = {k: v.copy() for k, v in net.parameters().items()}
    for call in (lambda: train(net, X, Y, learning_rate=rate), lambda: train_step(net, X, Y, "mse", rate),
                 lambda: gradient_descent_step(net, rate), lambda: SGD(rate)):
        with pytest.raises(error, match="learning_rate must be a positive number such as 0.1, got"):
            call()
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(value, before[name])


def test_train_step_refuses_a_logit_loss_on_a_squashed_output():
    """A sigmoid output with sigmoid_cross_entropy applied the sigmoid twice."""
    X, Y = logic_gate("and")
    with pytest.raises(ValueError, match="sigmoid_cross_entropy takes logits.*but it is 'sigmoid'"):
        train_step(Network.from_sizes([2, 1], output="sigmoid"), X, Y, "sigmoid_cross_entropy", 0.1)


def test_no_examples_is_a_clear_error():
    """m = 0 reached 'range() arg 3 must not be zero'."""
    net = Network.from_sizes([2, 1])
    for call in (lambda: train(net, np.zeros((2, 0)), np.zeros((1, 0))),
                 lambda: train_step(net, np.zeros((2, 0)), np.zeros((1, 0)), "mse", 0.1)):
        with pytest.raises(ValueError, match=r"X is empty \(shape \(2, 0\)\): it needs at least one row and one example"):
            call()


def test_lists_work_everywhere_a_batch_is_taken():
    X, Y = [[0, 0, 1, 1], [0, 1, 0, 1]], [[0, 0, 0, 1]]
    net, twin = Network.from_sizes([2, 1], seed=0), Network.from_sizes([2, 1], seed=0)
    train(net, X, Y, "binary_cross_entropy", learning_rate=1.0, epochs=3)
    train(twin, np.array(X, float), np.array(Y, float), "binary_cross_entropy", learning_rate=1.0, epochs=3)
    np.testing.assert_array_equal(net.layers[0].W, twin.layers[0].W)
    train_step(net, X, Y, "binary_cross_entropy", 1.0)


def test_test_data_comes_in_pairs():
    X, Y = logic_gate("and")
    with pytest.raises(ValueError, match="pass both X_test and Y_test, or neither; got only X_test"):
        train(Network.from_sizes([2, 1]), X, Y, X_test=X)
    with pytest.raises(ValueError, match=r"Y_test must have shape \(1, m\)"):
        train(Network.from_sizes([2, 1]), X, Y, X_test=X, Y_test=np.zeros((2, 4)))


# The optimiser hook: None is plain SGD with learning_rate, today's numbers bit for bit.

def todays_training_loop(net, X, Y, loss, learning_rate, epochs, batch_size, seed):
    """The loop as it was before optimisers, written out: forward layer by layer, the loss's gradient
    dL/dA^[L], backward layer by layer, then W -= eta dW and b -= eta db in every layer."""
    loss = nnlib.get_loss(loss)
    rng, m = np.random.default_rng(seed), X.shape[1]
    for _ in range(epochs):
        order = rng.permutation(m) if batch_size < m else None
        for start in range(0, m, batch_size):
            batch = slice(None) if order is None else order[start : start + batch_size]
            A = X[:, batch]
            for layer in net.layers:
                A = layer.forward(A)
            dA = loss.gradient(A, Y[:, batch])
            for layer in reversed(net.layers):
                dA = layer.backward(dA)
            for layer in net.layers:
                layer.W -= learning_rate * layer.dW
                layer.b -= learning_rate * layer.db


@pytest.mark.parametrize("output,loss", [("linear", "squared_error"), ("sigmoid", "mse"),
                                         ("linear", "softmax_cross_entropy"), ("linear", "sigmoid_cross_entropy")])
@pytest.mark.parametrize("batch_size", [None, 3])
def test_the_default_optimizer_gives_todays_numbers_bit_for_bit(output, loss, batch_size, rng):
    X = rng.normal(size=(3, 10))
    Y = nnlib.one_hot(rng.integers(0, 2, 10), 2) if "entropy" in loss else rng.uniform(size=(2, 10))
    nets = [Network.from_sizes([3, 4, 2], hidden="tanh", output=output, seed=5) for _ in range(3)]
    todays_training_loop(nets[0], X, Y, loss, 0.3, epochs=4, batch_size=batch_size or 10, seed=2)
    train(nets[1], X, Y, loss, learning_rate=0.3, epochs=4, batch_size=batch_size, seed=2)
    train(nets[2], X, Y, loss, epochs=4, batch_size=batch_size, seed=2, optimizer=SGD(0.3))
    for name, value in nets[0].parameters().items():
        np.testing.assert_array_equal(nets[1].parameters()[name], value, err_msg=name)
        np.testing.assert_array_equal(nets[2].parameters()[name], value, err_msg=name)


def test_a_sigmoid_output_with_cross_entropy_steps_with_y_hat_minus_y(rng):
    """The one change from today's numbers: the output layer's dL/dZ is (Y_hat - Y) / m exactly."""
    X, Y = rng.normal(size=(3, 6)), rng.integers(0, 2, size=(1, 6)).astype(float)
    net = Network.from_sizes([3, 1], output="sigmoid", seed=1)
    W, b = net.layers[0].W.copy(), net.layers[0].b.copy()
    train_step(net, X, Y, "binary_cross_entropy", 0.5)
    dZ = (nnlib.sigmoid(W @ X + b) - Y) / 6
    np.testing.assert_array_equal(net.layers[0].W, W - 0.5 * (dZ @ X.T))
    np.testing.assert_array_equal(net.layers[0].b, b - 0.5 * dZ.sum(axis=1, keepdims=True))


class Recorder:
    """An optimiser that records what train hands it, then takes a plain SGD step."""

    learning_rate = 0.2

    def __init__(self):
        self.calls = []

    def step(self, params, grads):
        self.calls.append((sorted(params), sorted(grads)))
        SGD(self.learning_rate).step(params, grads)


def test_train_calls_the_optimizer_after_every_backward_pass():
    X, Y = regression_2d(12, seed=0)
    recorder = Recorder()
    train(Network.from_sizes([2, 3, 1], output="linear"), X, Y, epochs=3, batch_size=4, optimizer=recorder)
    assert len(recorder.calls) == 3 * 3
    assert recorder.calls[0] == (["W1", "W2", "b1", "b2"], ["W1", "W2", "b1", "b2"])


def test_learning_rate_and_optimizer_together():
    X, Y = logic_gate("and")
    net = Network.from_sizes([2, 1])
    train(net, X, Y, learning_rate=0.5, optimizer=SGD(0.5), epochs=1)  # the same rate twice is fine
    with pytest.raises(ValueError, match=r"give the learning rate once: learning_rate=0.1 differs from the optimizer's"):
        train(net, X, Y, learning_rate=0.1, optimizer=SGD(0.5))
    with pytest.raises(TypeError, match="optimizer must be an optimiser with a step\\(params, grads\\) method.*got str"):
        train(net, X, Y, optimizer="adam")


# --- train with momentum and Adam: the loss falls, and every update is the optimiser's formula ----------------------

def full_batch_problem(rng):
    X, Y = rng.normal(size=(3, 12)), rng.integers(0, 2, size=(1, 12)).astype(float)
    return X, Y, lambda: Network.from_sizes([3, 5, 1], hidden="tanh", output="sigmoid", seed=4)


def test_train_with_momentum_follows_the_heavy_ball_formula(rng):
    X, Y, make = full_batch_problem(rng)
    net, twin = make(), make()
    history = train(net, X, Y, "binary_cross_entropy", epochs=8, optimizer=Momentum(learning_rate=0.5, momentum=0.8))
    velocity = {name: np.zeros_like(p) for name, p in twin.parameters().items()}
    for _ in range(8):  # the formula written out: v <- beta v + g, theta <- theta - eta v, on the network's own gradients
        _, grads = twin.loss_and_gradients(X, Y, "binary_cross_entropy")
        for name, theta in twin.parameters().items():
            velocity[name] = 0.8 * velocity[name] + grads[name]
            theta -= 0.5 * velocity[name]
    for name, value in twin.parameters().items():
        np.testing.assert_allclose(net.parameters()[name], value, rtol=1e-13, atol=1e-15, err_msg=name)
    assert history.train_loss[-1] < 0.8 * history.train_loss[0]


@pytest.mark.parametrize("decoupled", [False, True])
def test_train_with_adam_follows_its_formula_with_bias_correction(decoupled, rng):
    X, Y, make = full_batch_problem(rng)
    net, twin = make(), make()
    eta, lam = 0.05, 0.01
    optimizer = AdamW(eta, weight_decay=lam) if decoupled else Adam(eta)
    history = train(net, X, Y, "binary_cross_entropy", epochs=6, optimizer=optimizer)
    v = {name: np.zeros_like(p) for name, p in twin.parameters().items()}
    s = {name: np.zeros_like(p) for name, p in twin.parameters().items()}
    for t in range(1, 7):
        _, grads = twin.loss_and_gradients(X, Y, "binary_cross_entropy")
        for name, theta in twin.parameters().items():
            if decoupled and name.startswith("W"):
                theta *= 1 - eta * lam
            v[name] = 0.9 * v[name] + 0.1 * grads[name]
            s[name] = 0.999 * s[name] + 0.001 * grads[name] ** 2
            theta -= eta * (v[name] / (1 - 0.9**t)) / (np.sqrt(s[name] / (1 - 0.999**t)) + 1e-8)
    for name, value in twin.parameters().items():
        np.testing.assert_allclose(net.parameters()[name], value, rtol=1e-12, atol=1e-15, err_msg=name)
    assert optimizer.step_count == 6 and history.train_loss[-1] < 0.8 * history.train_loss[0]


def test_train_step_takes_an_optimizer_and_keeps_its_state_between_calls(rng):
    X, Y, make = full_batch_problem(rng)
    net, twin = make(), make()
    optimizer = Momentum(0.5, momentum=0.8)
    for _ in range(3):
        train_step(net, X, Y, "binary_cross_entropy", optimizer=optimizer)
    train(twin, X, Y, "binary_cross_entropy", epochs=3, optimizer=Momentum(0.5, momentum=0.8))
    for name, value in twin.parameters().items():
        np.testing.assert_array_equal(net.parameters()[name], value, err_msg=name)


# --- modes: steps in training mode, losses in evaluation mode --------------------------------------------------------

def test_train_steps_with_dropout_and_measures_without_it(rng):
    """The run equals a hand-written loop that draws one mask per step (training mode) and measures the loss
    of the network without dropout (evaluation mode), and the network is left in evaluation mode."""
    X, Y = rng.normal(size=(3, 10)), rng.integers(0, 2, size=(2, 10)).astype(float)

    def make():
        first, last = Network.from_sizes([3, 6, 2], hidden="tanh", output="sigmoid", seed=2).layers
        return Network([first, Dropout(0.5, seed=7), last])

    net, twin = make(), make()
    history = train(net, X, Y, "binary_cross_entropy", learning_rate=0.5, epochs=5, batch_size=5, seed=1)
    order_rng, losses = np.random.default_rng(1), []
    for epoch in range(6):
        losses.append(twin.eval().loss(X, Y, "binary_cross_entropy"))
        if epoch == 5:
            break
        order = order_rng.permutation(10)
        for start in (0, 5):
            batch = order[start:start + 5]
            twin.train().loss_and_gradients(X[:, batch], Y[:, batch], "binary_cross_entropy")
            SGD(0.5).step(twin.parameters(), twin.gradients())
    np.testing.assert_allclose(history.train_loss, losses, rtol=1e-13)
    for name, value in twin.parameters().items():
        np.testing.assert_allclose(net.parameters()[name], value, rtol=1e-13, err_msg=name)
    assert not net.training and not net.layers[1].training
    assert history.train_loss[-1] == net.loss(X, Y, "binary_cross_entropy")   # evaluation mode: the same loss every time


def test_train_step_switches_a_network_in_evaluation_mode_to_training(rng):
    first, last = Network.from_sizes([3, 4, 1], seed=0).layers
    net = Network([first, Dropout(0.5, seed=0), last]).eval()
    train_step(net, rng.normal(size=(3, 4)), np.ones((1, 4)), learning_rate=0.1)
    assert net.training and net.layers[1].training and net.layers[1].mask is not None


# --- a learning-rate schedule ----------------------------------------------------------------------------------------

def test_a_schedule_sets_the_learning_rate_before_every_epoch(rng):
    X, Y = regression_2d(40, seed=3)
    schedule = lambda epoch: step_decay(epoch, 0.2, factor=0.5, every=2)  # noqa: E731
    net, twin = (Network.from_sizes([2, 4, 1], hidden="tanh", output="linear", seed=0) for _ in range(2))
    optimizer = SGD(0.2)
    train(net, X, Y, "mse", epochs=5, batch_size=10, optimizer=optimizer, schedule=schedule)
    assert optimizer.learning_rate == schedule(4) == 0.05
    order_rng = np.random.default_rng(0)
    for epoch in range(5):  # by hand: the rate of each epoch, then its four mini-batches
        order = order_rng.permutation(40)
        for start in range(0, 40, 10):
            batch = order[start:start + 10]
            twin.loss_and_gradients(X[:, batch], Y[:, batch], "mse")
            gradient_descent_step(twin, schedule(epoch))
    for name, value in twin.parameters().items():
        np.testing.assert_array_equal(net.parameters()[name], value, err_msg=name)


def test_a_schedule_is_checked():
    X, Y = logic_gate("and")
    with pytest.raises(TypeError, match="schedule must be a function of the epoch"):
        train(Network.from_sizes([2, 1]), X, Y, schedule=0.1)
    with pytest.raises(ValueError, match=r"schedule\(2\) must be a positive number such as 0.1, got -0.1"):
        train(Network.from_sizes([2, 1]), X, Y, epochs=5, schedule=lambda epoch: 0.1 if epoch < 2 else -0.1)
    with pytest.raises(TypeError, match="schedule sets the optimizer's learning_rate before each epoch, but Recorder"):
        train(Network.from_sizes([2, 1]), X, Y, optimizer=type("Recorder", (), {"step": lambda self, p, g: None})(),
              schedule=lambda epoch: 0.1)
