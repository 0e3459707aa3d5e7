"""Networks: construction, the forward trace, and backpropagation against central differences for
every network of the course and every sensible pairing of activations and loss."""

import numpy as np
import pytest

import nnlib
from nnlib.dropout import Dropout
from nnlib.network import Network

# (output activation, loss) pairs that make sense together
PAIRINGS = [
    ("sigmoid", "squared_error"),
    ("sigmoid", "mse"),
    ("sigmoid", "rmse"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "categorical_cross_entropy"),
    ("softmax", "squared_error"),
    ("linear", "squared_error"),
    ("linear", "mse"),
    ("linear", "rmse"),
    ("linear", "sigmoid_cross_entropy"),
    ("linear", "softmax_cross_entropy"),
    ("tanh", "squared_error"),
]
HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "linear"]
NETWORKS = [[3, 4, 2], [4, 5, 1], [2, 3, 1], [2, 2, 2], [3, 5, 4, 3, 2]]


def targets(output, loss, n, m, rng):
    if loss in ("categorical_cross_entropy", "softmax_cross_entropy"):
        return nnlib.one_hot(rng.integers(0, n, m), n)
    if output == "sigmoid" or loss == "sigmoid_cross_entropy":
        return rng.integers(0, 2, size=(n, m)).astype(float)
    return rng.normal(size=(n, m))


MULTI_CLASS = {"softmax", "categorical_cross_entropy", "softmax_cross_entropy"}
CASES = [
    pytest.param(sizes, hidden, output, loss, id=f"{'-'.join(map(str, sizes))}-{hidden}-{output}-{loss}")
    for sizes in NETWORKS
    for hidden in HIDDEN
    for output, loss in PAIRINGS
    # a softmax over a single output is the constant 1: nothing to check
    if not (sizes[-1] == 1 and {output, loss} & MULTI_CLASS)
]


@pytest.mark.parametrize("sizes,hidden,output,loss", CASES)
def test_backprop_matches_central_differences(sizes, hidden, output, loss):
    rng = np.random.default_rng(sum(sizes) + len(hidden) + len(loss))
    net = Network.from_sizes(sizes, hidden=hidden, output=output, seed=int(rng.integers(1000)))
    for layer in net.layers:  # non-zero biases, so a wrong bias gradient cannot hide
        layer.b[:] = rng.normal(scale=0.5, size=layer.b.shape)
    X = rng.normal(size=(sizes[0], 6))
    Y = targets(output, loss, sizes[-1], 6, rng)
    if hidden in ("relu", "leaky_relu"):
        trace = net.trace(X)
        assert min(np.abs(Z).min() for Z in trace.Z[:-1]) > 1e-4, "a hidden unit sits on a kink; change the seed"
    report = nnlib.check_network_gradients(net, X, Y, loss, threshold=1e-7)
    assert report.passed, str(report)


def test_every_network_and_pairing_is_checked():
    assert len(CASES) == 5 * 5 * 12 - 2 * 5 * 3  # the two one-output networks skip the 3 softmax pairings


def test_trace_holds_every_z_and_a(rng):
    net = Network.from_sizes([2, 3, 1], hidden="tanh", output="sigmoid", seed=0)
    X = rng.normal(size=(2, 4))
    t = net.trace(X)
    np.testing.assert_array_equal(t.A[0], X)
    W1, b1, W2, b2 = (net.parameters()[k] for k in ("W1", "b1", "W2", "b2"))
    np.testing.assert_allclose(t.Z[0], W1 @ X + b1)
    np.testing.assert_allclose(t.A[1], np.tanh(W1 @ X + b1))
    np.testing.assert_allclose(t.Z[1], W2 @ t.A[1] + b2)
    np.testing.assert_allclose(t.output, nnlib.sigmoid(t.Z[1]))


def test_from_weights_reproduces_hand_chosen_xor():
    net = Network.from_weights(
        weights=[[[20.0, 20.0], [-20.0, -20.0]], [[20.0, 20.0]]],
        biases=[[-10.0, 30.0], [-30.0]],
        activations="sigmoid",
    )
    X, Y = nnlib.logic_gate("xor")
    np.testing.assert_array_equal(nnlib.predict_labels(net.forward(X)), Y[0])


def test_parameters_and_gradients_share_names(rng):
    net = Network.from_sizes([3, 4, 2], seed=1)
    _, grads = net.loss_and_gradients(rng.normal(size=(3, 5)), rng.uniform(size=(2, 5)))
    params = net.parameters()
    assert list(params) == list(grads) == ["W1", "b1", "W2", "b2"]
    for name in params:
        assert params[name].shape == grads[name].shape


def test_copy_is_independent():
    net = Network.from_sizes([2, 2, 1], seed=0)
    twin = net.copy()
    twin.layers[0].W[0, 0] += 1.0
    assert net.layers[0].W[0, 0] != twin.layers[0].W[0, 0]


def test_seed_makes_weights_repeatable():
    a, b = Network.from_sizes([4, 5, 1], seed=3), Network.from_sizes([4, 5, 1], seed=3)
    for name in a.parameters():
        np.testing.assert_array_equal(a.parameters()[name], b.parameters()[name])


def test_wrong_input_shape_is_explained():
    net = Network.from_sizes([3, 4, 2])
    with pytest.raises(ValueError, match=r"X must have shape \(3, m\): 3 input features.*got shape \(4, 10\).*pass X.T"):
        net.forward(np.zeros((4, 10)))


def test_nan_input_is_refused():
    with pytest.raises(ValueError, match=r"X must hold finite numbers, but X\[1, 0\] is nan"):
        Network.from_sizes([2, 1]).forward(np.array([[0.0], [np.nan]]))


def test_layers_that_do_not_fit():
    with pytest.raises(ValueError, match=r"layer 2 expects 3 inputs but layer 1 has 2 units; W2 must have shape \(1, 2\)"):
        Network.from_weights([np.zeros((2, 2)), np.zeros((1, 3))], [np.zeros(2), np.zeros(1)])


def test_bad_sizes_and_counts():
    with pytest.raises(ValueError, match=r"sizes must list at least an input and an output layer.*got \[3\]"):
        Network.from_sizes([3])
    with pytest.raises(ValueError, match="one bias vector per weight matrix: got 2 weight matrices and 1 bias"):
        Network.from_weights([np.zeros((2, 2)), np.zeros((1, 2))], [np.zeros(2)])
    with pytest.raises(ValueError, match="one activation per layer: got 1 layers and 2 activations"):
        Network.from_weights([np.zeros((1, 2))], [np.zeros(1)], ["sigmoid", "tanh"])
    with pytest.raises(ValueError, match="unknown activation 'sigmoidd'"):
        Network.from_sizes([2, 1], output="sigmoidd")


def test_logit_loss_on_a_squashed_output_is_refused():
    net = Network.from_sizes([2, 3], output="softmax")
    expected = "softmax_cross_entropy takes logits, so the output layer must be 'linear', but it is 'softmax'"
    with pytest.raises(ValueError, match=expected):
        net.loss(np.zeros((2, 1)), [[1.0], [0.0], [0.0]], "softmax_cross_entropy")


# Cross-entropy after its own sigmoid or softmax: dL/dZ^[L] = (Y_hat - Y) / m exactly, at any finite z.

def exact_sigmoid(z):
    """1 / (1 + e^-z) in plain numpy, for an independent check (e^800 overflows to inf: 1 / inf = 0)."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def test_the_issues_example_sigmoid_at_minus_40_with_target_1():
    """z = -40, y = 1: the true dL/dW is (sigmoid(-40) - 1) * x = 40 for x = -40 (it was 0.77)."""
    net = Network.from_weights([[[1.0]]], [[0.0]], "sigmoid")
    _, grads = net.loss_and_gradients([[-40.0]], [[1.0]], "binary_cross_entropy")
    assert grads["W1"][0, 0] == pytest.approx(40.0, rel=1e-15)
    assert grads["b1"][0, 0] == pytest.approx(-1.0, rel=1e-15)


@pytest.mark.parametrize("z", [-800.0, -40.0, 40.0, 800.0])
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_sigmoid_and_binary_cross_entropy_are_exact_at_saturation(z, y, rng):
    """A 3-2-1 network whose output pre-activations are z and z / 2: every gradient is the chain
    rule from dL/dZ2 = (y_hat - y) / m, written out here in plain numpy."""
    W1, b1 = rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    X = rng.normal(size=(3, 2))
    A1 = np.tanh(W1 @ X + b1)
    W2 = rng.normal(size=(1, 2))
    b2 = np.array([z]) - W2 @ A1[:, :1]  # example 0 lands exactly on z
    net = Network.from_weights([W1, W2], [b1, b2], ["tanh", "sigmoid"])
    Y = np.array([[y, 1 - y]])
    _, grads = net.loss_and_gradients(X, Y, "binary_cross_entropy")
    Z2 = W2 @ A1 + b2
    assert Z2[0, 0] == pytest.approx(z, rel=1e-12)
    dZ2 = (exact_sigmoid(Z2) - Y) / 2
    np.testing.assert_allclose(grads["b2"], dZ2.sum(axis=1, keepdims=True), rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(grads["W2"], dZ2 @ A1.T, rtol=1e-13)
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    np.testing.assert_allclose(grads["W1"], dZ1 @ X.T, rtol=1e-12)


@pytest.mark.parametrize("scale", [40.0, 800.0])
def test_softmax_and_categorical_cross_entropy_are_exact_at_saturation(scale):
    """Logits (+-scale, 0): the winning class is right in one example and wrong in the other."""
    X = np.array([[1.0, -1.0]])
    W = np.array([[scale], [-scale], [0.0]])
    net = Network.from_weights([W], [np.zeros(3)], "softmax")
    Y = np.eye(3)[:, [1, 1]]
    _, grads = net.loss_and_gradients(X, Y, "categorical_cross_entropy")
    Z = W @ X
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp(Z - Z.max(axis=0))
    dZ = (e / e.sum(axis=0) - Y) / 2
    np.testing.assert_allclose(grads["b1"], dZ.sum(axis=1, keepdims=True), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(grads["W1"], dZ @ X.T, rtol=1e-14, atol=1e-300)
    assert grads["W1"][0, 0] == pytest.approx(0.5) and grads["W1"][1, 0] == pytest.approx(-0.5)  # example 0 is wrong


def test_the_fused_start_agrees_with_the_chain_rule_away_from_saturation(rng):
    net = Network.from_sizes([3, 4, 2], hidden="tanh", output="sigmoid", seed=4)
    X, Y = rng.normal(size=(3, 5)), rng.integers(0, 2, size=(2, 5)).astype(float)
    _, fused = net.loss_and_gradients(X, Y, "binary_cross_entropy")
    fused = {k: v.copy() for k, v in fused.items()}
    chained = net.backward(nnlib.losses.binary_cross_entropy_gradient(net.forward(X), Y))
    for name in fused:
        np.testing.assert_allclose(fused[name], chained[name], rtol=1e-12, err_msg=name)


def test_backward_loss_checks_what_it_is_given():
    net = Network.from_sizes([2, 1])
    with pytest.raises(RuntimeError, match="call forward before backward_loss"):
        net.backward_loss([[1.0]], "binary_cross_entropy")
    net.forward([[0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match=r"Y must have the shape of the last forward pass's output, \(1, 2\)"):
        net.backward_loss([[1.0]], "binary_cross_entropy")
    with pytest.raises(ValueError, match="Y must hold targets between 0 and 1"):
        net.backward_loss([[1.0, 2.0]], "binary_cross_entropy")


def test_a_loss_on_probabilities_needs_a_sigmoid_or_softmax_output():
    net = Network.from_sizes([2, 1], output="linear")
    with pytest.raises(ValueError, match="binary_cross_entropy takes probabilities.*but it is 'linear'.*sigmoid_cross_entropy"):
        net.loss([[0.0], [1.0]], [[1.0]], "binary_cross_entropy")


class Doubler:
    """A parameter-free layer, A = 2 A_prev: what a network needs of a layer and nothing more."""

    def forward(self, A_prev):
        return 2 * A_prev

    def backward(self, dA, input_gradient=True):
        return 2 * dA if input_gradient else None

    def parameters(self):
        return {}

    def gradients(self):
        return {}


def test_a_parameter_free_layer_fits_without_special_cases(rng):
    first, last = Network.from_sizes([3, 4, 2], hidden="tanh", output="sigmoid", seed=1).layers
    net = Network([first, Doubler(), last])
    assert list(net.parameters()) == ["W1", "b1", "W2", "b2"] and net.sizes == [3, 4, 2]  # it takes no number
    X, Y = rng.normal(size=(3, 5)), rng.integers(0, 2, size=(2, 5)).astype(float)
    assert nnlib.check_network_gradients(net, X, Y, "binary_cross_entropy").passed
    history = nnlib.train(net, X, Y, "binary_cross_entropy", learning_rate=0.5, epochs=20)
    assert history.train_loss[-1] < history.train_loss[0]
    twin = net.copy()
    twin.layers[0].W[0, 0] += 1.0
    assert twin.layers[0].W[0, 0] != net.layers[0].W[0, 0]


def test_a_1d_x_is_one_example():
    """Documented behaviour: a 1-D array is one example (a column), everywhere a batch is taken."""
    net = Network.from_sizes([3, 2], output="linear", seed=0)
    np.testing.assert_array_equal(net.forward([1.0, 2.0, 3.0]), net.forward([[1.0], [2.0], [3.0]]))


# --- dropout inside a network, and the two modes ---------------------------------------------------------------------

def dropout_network(keep_probability=0.5, seed=3):
    """3-4-2 with dropout after the hidden layer: Dense, Dropout, Dense."""
    first, last = Network.from_sizes([3, 4, 2], hidden="tanh", output="sigmoid", seed=1).layers
    return Network([first, Dropout(keep_probability, seed=seed), last])


def test_dropout_takes_no_number_and_the_network_still_reads_as_3_4_2(rng):
    net = dropout_network()
    assert list(net.parameters()) == list(net.gradients()) == ["W1", "b1", "W2", "b2"]
    assert net.sizes == [3, 4, 2] and net.activations == ["tanh", "sigmoid"]
    assert net.parameters()["W2"] is net.layers[2].W
    trace = net.eval().trace(rng.normal(size=(3, 5)))
    assert [Z.shape for Z in trace.Z] == [(4, 5), (2, 5)] and [A.shape for A in trace.A] == [(3, 5), (4, 5), (2, 5)]
    assert repr(net) == ("Network([Dense(n_in=3, n_out=4, activation='tanh'), Dropout(keep_probability=0.5, training=False), "
                         "Dense(n_in=4, n_out=2, activation='sigmoid')])")


def test_training_mode_drops_units_and_evaluation_mode_is_the_network_without_dropout(rng):
    net = dropout_network(keep_probability=0.5)
    plain = Network([net.layers[0], net.layers[2]])
    X = rng.normal(size=(3, 6))
    assert net.training and net.layers[1].training                      # a new network trains, as a new Dropout does
    assert net.eval() is net and not net.training and not net.layers[1].training
    np.testing.assert_array_equal(net.forward(X), plain.forward(X))      # nothing dropped, nothing scaled
    net.train()
    Y_hat = net.forward(X)
    keep = net.layers[1].mask != 0                                       # the mask this pass drew
    assert 0 < keep.sum() < keep.size
    hidden = np.tanh(net.layers[0].W @ X + net.layers[0].b)
    expected = nnlib.sigmoid(net.layers[2].W @ (keep * hidden / 0.5) + net.layers[2].b)
    np.testing.assert_allclose(Y_hat, expected, rtol=1e-14)


def test_a_network_starts_in_the_mode_of_its_layers_and_copies_keep_their_mode():
    net = dropout_network()
    assert not Network(net.eval().layers).training
    twin = net.copy()
    assert not twin.training and not twin.layers[1].training
    assert twin.train().training and not net.layers[1].training       # independent of the original


def test_gradient_check_of_a_network_with_dropout_and_a_fixed_mask(rng):
    """With the mask held fixed the loss is an ordinary function of the weights: backpropagation through
    the dropout layer agrees with central differences, and a unit dropped for every example passes nothing back."""
    net = dropout_network(keep_probability=0.6)
    X, Y = rng.normal(size=(3, 7)), rng.integers(0, 2, size=(2, 7)).astype(float)
    keep = rng.random((4, 7)) < 0.6
    keep[1] = False                                                      # hidden unit 2 is dropped for every example
    net.layers[1].fixed_keep = keep
    report = nnlib.check_network_gradients(net, X, Y, "binary_cross_entropy")
    assert report.passed, report
    _, grads = net.loss_and_gradients(X, Y, "binary_cross_entropy")
    assert np.all(grads["W1"][1] == 0) and grads["b1"][1, 0] == 0 and np.all(grads["W2"][:, 1] == 0)
    assert np.any(grads["W1"][0] != 0)
    net.layers[1].fixed_keep = None                                      # a new mask again at every pass
    assert not np.array_equal(net.forward(X), net.forward(X))
