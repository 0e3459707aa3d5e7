"""Per-layer measurements of deep networks, against plain numpy written out here."""

import numpy as np
import pytest

from nnlib.diagnostics import deep_network, depth_experiment, layer_statistics, plot_per_layer, probe_batch, update_ratios
from nnlib.initializers import initial_weights


def test_deep_network_shapes_activations_and_scaled_weights():
    net = deep_network(3, "relu", init="he", scale=2.0, width=8, seed=4)
    assert net.sizes == [8, 8, 8, 8, 1] and net.activations == ["relu"] * 3 + ["linear"]
    rng = np.random.default_rng(4)
    for layer in net.layers:
        np.testing.assert_array_equal(layer.W, 2.0 * initial_weights(layer.n_out, layer.n_in, "he", rng))
        np.testing.assert_array_equal(layer.b, 0.0)


def test_a_number_as_init_is_the_standard_deviation_of_normal_weights():
    net = deep_network(2, "tanh", init=0.5, width=300, seed=0)
    assert net.layers[0].W.std() == pytest.approx(0.5, rel=0.01)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(depth=0), ValueError, "depth must be a whole number of at least 1, got 0"),
    (dict(depth=2, width=0), ValueError, "width must be a whole number of at least 1"),
    (dict(depth=2, scale=-1.0), ValueError, "scale must be a positive number"),
    (dict(depth=2, init=-0.1), ValueError, "init must be a positive number"),
    (dict(depth=2, init="glorot"), ValueError, "unknown initialisation scheme 'glorot'"),
    (dict(depth=2, activation="relux"), ValueError, "unknown activation 'relux'.*Did you mean 'relu'"),
])
def test_deep_network_names_a_bad_argument(kwargs, error, message):
    with pytest.raises(error, match=message):
        deep_network(**kwargs)


def test_layer_statistics_against_plain_numpy(rng):
    """The forward and backward passes written out in numpy for a 3-hidden-layer tanh network."""
    net = deep_network(3, "tanh", width=5, seed=1)
    X, Y = rng.normal(size=(5, 7)), rng.normal(size=(1, 7))
    stats = layer_statistics(net, X, Y, "squared_error")

    Ws = [layer.W for layer in net.layers]
    A, As, Zs = X, [], []
    for W in Ws[:-1]:
        Zs.append(W @ A)
        A = np.tanh(Zs[-1])
        As.append(A)
    Y_hat = Ws[-1] @ A
    dA = (Y_hat - Y) / 7                     # squared error: (y_hat - y) / m
    reaching, dWs = [], []
    dA = Ws[-1].T @ dA                        # through the linear output layer
    for l in range(2, -1, -1):                # hidden layers 3, 2, 1
        reaching.append(dA)
        dZ = dA * (1 - np.tanh(Zs[l]) ** 2)
        dWs.append(dZ @ (As[l - 1] if l > 0 else X).T)
        dA = Ws[l].T @ dZ
    reaching, dWs = reaching[::-1], dWs[::-1]

    np.testing.assert_allclose(stats.activation_mean, [a.mean() for a in As], rtol=1e-12)
    np.testing.assert_allclose(stats.activation_rms, [np.sqrt(np.mean(a**2)) for a in As], rtol=1e-12)
    np.testing.assert_allclose(stats.activation_spread, [a.std(axis=1).mean() for a in As], rtol=1e-12)
    np.testing.assert_allclose(stats.derivative_mean, [np.mean(1 - np.tanh(z) ** 2) for z in Zs], rtol=1e-12)
    np.testing.assert_allclose(stats.gradient_rms, [np.sqrt(np.mean(d**2)) for d in reaching], rtol=1e-12)
    np.testing.assert_allclose(stats.weight_gradient_norm, [np.linalg.norm(d) for d in dWs], rtol=1e-12)
    np.testing.assert_allclose(stats.gradient_factors, stats.gradient_rms[:-1] / stats.gradient_rms[1:])


def test_relu_with_he_keeps_the_gradient_and_with_half_the_scale_loses_it_layer_by_layer():
    """Per layer the backward pass scales the gradient's rms by about g / sqrt(2) for ReLU with weights g times Xavier's."""
    for scale in [1.0, np.sqrt(2.0), 2.0]:
        factors = depth_experiment(20, "relu", init="xavier", scale=scale, width=64, m=64).gradient_factors
        geometric_mean = np.exp(np.mean(np.log(factors)))
        assert geometric_mean == pytest.approx(scale / np.sqrt(2.0), rel=0.1), scale


def test_sigmoid_gradients_shrink_at_least_fourfold_per_layer_at_xavier_scale():
    stats = depth_experiment(10, "sigmoid", width=64)
    assert np.all(stats.derivative_mean <= 0.25)
    assert np.all(stats.gradient_factors < 0.3)


def test_probe_batch_is_standardised_and_seeded():
    X, Y = probe_batch(50, m=4000, seed=3)
    assert abs(X.mean()) < 0.01 and X.std() == pytest.approx(1.0, abs=0.01)
    np.testing.assert_array_equal(probe_batch(50, m=4000, seed=3)[0], X)
    with pytest.raises(ValueError, match="m must be a whole number of at least 1"):
        probe_batch(3, m=0)


def test_update_ratios_by_hand():
    before = {"W1": np.array([[3.0, 4.0]]), "b1": np.array([[1.0]]), "W2": np.array([[2.0]])}
    after = {"W1": np.array([[3.0, 4.05]]), "b1": np.array([[9.0]]), "W2": np.array([[1.0]])}
    assert update_ratios(before, after) == pytest.approx({"W1": 0.01, "W2": 0.5})
    assert update_ratios({"W1": np.zeros((1, 1))}, {"W1": np.ones((1, 1))}) == {"W1": float("inf")}
    with pytest.raises(ValueError, match=r"after must hold 'W2' with the shape \(1, 1\)"):
        update_ratios(before, {"W1": after["W1"]})


def test_plot_per_layer_draws_one_line_per_curve_against_the_layer():
    fig = plot_per_layer({"a": [1.0, 0.1, 0.01], "b": [1.0, 1.0, 1.0]}, ylabel="gradient", title="t")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == ["a", "b"]
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), [1, 2, 3])
    assert ax.get_yscale() == "log" and ax.get_title() == "t"
