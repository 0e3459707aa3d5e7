"""nnlib.autograd: every operation's VJP against central differences, the engine against chapter 5's
hand derivation and Network.backward, and the behaviours chapter 11 relies on (fan-out, zero_grad,
detach, unused parameters, in-place changes)."""

import gc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays, mutually_broadcastable_shapes

import nnlib
from nnlib import autograd as ag
from nnlib.autograd import MLP, Tensor, loss, sum_to_shape, topological_order
from nnlib.data import load_digits
from nnlib.gradcheck import numerical_gradient, relative_error
from nnlib.worked_example import WORKED_EXAMPLE, worked_example

from .conftest import STRICT, away_from_kinks

# --------------------------------------------------------------------------------------------
# The check every operation gets: its VJP against central differences of sum(v * f(inputs))


def assert_vjp_matches_central_differences(f, arrays, seed, tol=1e-7):
    """Backpropagate a random vector v from f(*inputs) and compare each input's gradient with the
    central difference of sum(v * f(*inputs)), entry by entry, in float64."""
    tensors = [Tensor(a, name=f"input {i}") for i, a in enumerate(arrays)]  # the tensors share the arrays
    out = f(*tensors)
    v = np.random.default_rng(seed).normal(size=out.shape)
    out.backward(v)

    def scalar(_):
        return float(np.sum(v * f(*[Tensor(a, requires_grad=False) for a in arrays]).data))

    for tensor, a in zip(tensors, arrays):
        assert tensor.grad.shape == a.shape
        numeric = numerical_gradient(scalar, a)  # nudges a, which the next forward pass reads
        error = relative_error(tensor.grad, numeric)
        # central differences resolve a gradient to about 1e-9 absolute (rounding in f, over 2h):
        # where every entry is smaller than that, the relative error says nothing
        close = np.allclose(tensor.grad, numeric, rtol=tol, atol=1e-8)
        assert error < tol or close, f"{tensor.name}: relative error {error:.2e}\nVJP:\n{tensor.grad}\nnumerical:\n{numeric}"


PROPERTY = settings(max_examples=40, deadline=None)
"""Per operation: 40 random cases; no deadline, since a test never depends on the machine's speed."""

floats = st.floats(-2.0, 2.0, allow_nan=False, width=64)
seeds = st.integers(0, 2**32 - 1)
small_shapes = array_shapes(min_dims=0, max_dims=3, max_side=4)
broadcastable_pairs = mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=4)
away_from_zero = st.one_of(st.floats(0.5, 2.0), st.floats(-2.0, -0.5))
# two grids offset from each other, so that a - b is never within 0.03 of 0 (max has a kink there)
grid_a = st.integers(-20, 20).map(lambda k: k / 10 + 0.013)
grid_b = st.integers(-20, 20).map(lambda k: k / 10 + 0.047)

BINARY = {
    "+": (lambda a, b: a + b, floats, floats),
    "-": (lambda a, b: a - b, floats, floats),
    "*": (lambda a, b: a * b, floats, floats),
    "/": (lambda a, b: a / b, floats, away_from_zero),
    "max": (lambda a, b: a.maximum(b), grid_a, grid_b),
}


@pytest.mark.parametrize("op", BINARY)
@PROPERTY
@given(data=st.data(), shapes=broadcastable_pairs, seed=seeds)
def test_binary_operations_with_broadcasting_match_central_differences(op, data, shapes, seed):
    f, left, right = BINARY[op]
    a = data.draw(arrays(np.float64, shapes.input_shapes[0], elements=left))
    b = data.draw(arrays(np.float64, shapes.input_shapes[1], elements=right))
    assert_vjp_matches_central_differences(f, [a, b], seed)


@pytest.mark.parametrize("op", ["+", "-", "*", "/"])
def test_a_python_number_may_stand_on_either_side(op, rng):
    x = rng.uniform(0.5, 2.0, size=(2, 3))
    f = BINARY[op][0]
    assert_vjp_matches_central_differences(lambda t: f(t, 1.7), [x.copy()], 0)
    assert_vjp_matches_central_differences(lambda t: f(1.7, t), [x.copy()], 1)


UNARY = {
    "neg": (lambda t: -t, floats),
    "exp": (lambda t: t.exp(), floats),
    "log": (lambda t: t.log(), st.floats(0.1, 3.0)),
    "**2": (lambda t: t**2, floats),
    "**3": (lambda t: t**3, floats),
    "**0.5": (lambda t: t**0.5, st.floats(0.1, 3.0)),
    "**-1": (lambda t: t**-1, away_from_zero),
    "T": (lambda t: t.T, floats),
    "sigmoid": (lambda t: t.sigmoid(), floats),
    "tanh": (lambda t: t.tanh(), floats),
    "relu": (lambda t: t.relu(), floats),
    "leaky_relu": (lambda t: t.leaky_relu(), floats),
    "leaky_relu(0.2)": (lambda t: t.leaky_relu(0.2), floats),
    "linear": (lambda t: t.activation("linear"), floats),
    "softmax": (lambda t: t.softmax(), st.floats(-5.0, 5.0)),
}


@pytest.mark.parametrize("op", UNARY)
@PROPERTY
@given(data=st.data(), seed=seeds)
def test_elementwise_operations_match_central_differences(op, data, seed):
    f, elements = UNARY[op]
    shape = data.draw(array_shapes(min_dims=1, max_dims=2, max_side=4) if op == "softmax" else small_shapes)
    x = data.draw(arrays(np.float64, shape, elements=elements))
    if "relu" in op:
        x = away_from_kinks(x, 1e-3)
    assert_vjp_matches_central_differences(f, [x], seed)


@PROPERTY
@given(n=st.integers(1, 4), k=st.integers(1, 4), m=st.integers(1, 4), seed=seeds)
def test_matrix_product_matches_central_differences(n, k, m, seed):
    rng = np.random.default_rng(seed)
    assert_vjp_matches_central_differences(lambda a, b: a @ b, [rng.normal(size=(n, k)), rng.normal(size=(k, m))], seed)


@pytest.mark.parametrize("reduction", ["sum", "mean"])
@PROPERTY
@given(data=st.data(), seed=seeds)
def test_sum_and_mean_over_any_axes_match_central_differences(reduction, data, seed):
    shape = data.draw(small_shapes)
    x = data.draw(arrays(np.float64, shape, elements=floats))
    axes = data.draw(st.none() | st.lists(st.integers(0, len(shape) - 1), unique=True, min_size=1).map(tuple)
                     if shape else st.none())
    if axes is not None and len(axes) == 1 and data.draw(st.booleans()):
        axes = axes[0]  # a single int, as well as a tuple
    keepdims = data.draw(st.booleans())
    f = lambda t: getattr(t, reduction)(axis=axes, keepdims=keepdims)
    out = f(Tensor(x))
    np.testing.assert_allclose(out.data, getattr(np, reduction)(x, axis=axes, keepdims=keepdims), rtol=1e-14)
    assert_vjp_matches_central_differences(f, [x], seed)


def loss_inputs(name, rng, n, m):
    """A prediction and a target of shape (n, m) that the loss accepts, away from its kinks."""
    if name == "binary_cross_entropy":
        return rng.uniform(0.05, 0.95, size=(n, m)), rng.uniform(0.0, 1.0, size=(n, m))
    if name == "categorical_cross_entropy":  # targets are distributions: each column sums to 1
        return rng.uniform(0.05, 0.95, size=(n, m)), nnlib.softmax(rng.normal(size=(n, m)))
    if name == "softmax_cross_entropy":
        return rng.normal(size=(n, m)), nnlib.softmax(rng.normal(size=(n, m)))  # columns sum to 1
    if name == "sigmoid_cross_entropy":
        return rng.normal(scale=3.0, size=(n, m)), rng.uniform(0.0, 1.0, size=(n, m))
    return rng.normal(size=(n, m)), rng.normal(size=(n, m))


@pytest.mark.parametrize("name", list(nnlib.LOSSES))
@PROPERTY
@given(n=st.integers(1, 4), m=st.integers(1, 5), seed=seeds)
def test_every_loss_matches_central_differences_and_nnlibs_value(name, n, m, seed):
    rng = np.random.default_rng(seed)
    y_hat, y = loss_inputs(name, rng, n, m)
    assert loss(Tensor(y_hat), y, name).item() == nnlib.get_loss(name)(y_hat, y)
    assert_vjp_matches_central_differences(lambda t: loss(t, y, name), [y_hat], seed)


@PROPERTY
@given(shapes=broadcastable_pairs)
def test_sum_to_shape_is_the_sum_over_the_stretched_entries(shapes):
    (shape, _), result = shapes.input_shapes, shapes.result_shape
    grad = np.arange(1.0, 1.0 + np.prod(result, dtype=int)).reshape(result)
    summed = sum_to_shape(grad, shape)
    assert summed.shape == shape
    # each entry of the small array is the sum of the entries of grad it was copied to
    expected = np.zeros(shape)
    for index in np.ndindex(result):
        small = tuple(0 if n == 1 else i for i, n in zip(index[len(result) - len(shape):], shape))
        expected[small] += grad[index]
    np.testing.assert_array_equal(summed, expected)


# --------------------------------------------------------------------------------------------
# The gate patterns, and the convention at kinks


def test_add_distributes_and_multiply_swaps():
    a, b = Tensor(2.0), Tensor(-3.0)
    (a + b).backward()
    assert (a.grad, b.grad) == (1.0, 1.0)
    a, b = Tensor(2.0), Tensor(-3.0)
    (a * b).backward()
    assert (a.grad, b.grad) == (-3.0, 2.0)


def test_max_routes_the_gradient_to_the_larger_input_and_to_the_second_on_a_tie():
    a, b = Tensor([1.0, 5.0, 2.0]), Tensor([3.0, 2.0, 2.0])
    a.maximum(b).backward(np.array([10.0, 20.0, 30.0]))
    np.testing.assert_array_equal(a.grad, [0.0, 20.0, 0.0])
    np.testing.assert_array_equal(b.grad, [10.0, 0.0, 30.0])


def test_relu_at_zero_has_derivative_zero_as_nnlib_and_frameworks_use():
    z = Tensor([-1.0, 0.0, 1.0])
    z.relu().backward(np.ones(3))
    np.testing.assert_array_equal(z.grad, [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(z.grad, nnlib.relu_derivative(z.data))
    # the central difference at the kink is the mean of the two slopes, which no convention gives
    numeric = numerical_gradient(lambda v: float(nnlib.relu(v).sum()), np.array([0.0]))
    assert numeric[0] == pytest.approx(0.5)


def test_fan_out_sums_the_gradients_of_every_path():
    x, y = Tensor(3.0), Tensor(-2.0)
    f = x * y + x.exp() + x  # x reaches f along three paths
    f.backward()
    assert x.grad == pytest.approx(y.data + np.exp(3.0) + 1.0, rel=1e-15)
    assert y.grad == 3.0


def test_a_tensor_used_twice_in_one_operation_gets_both_contributions():
    x = Tensor([1.5, -2.0])
    (x * x).sum().backward()
    np.testing.assert_array_equal(x.grad, 2 * x.data)


def test_gradients_of_shared_subexpressions_are_complete_before_they_are_passed_on():
    # a diamond: h feeds two branches that meet again; h's own gradient must hold both branches
    x = Tensor(0.7)
    h = x.sigmoid()
    f = h * h.exp() + h.tanh()
    f.backward(retain_grads=True)
    s = nnlib.sigmoid(np.array(0.7))
    df_dh = np.exp(s) * (1 + s) + (1 - np.tanh(s) ** 2)
    assert h.grad == pytest.approx(df_dh, rel=1e-14)
    assert x.grad == pytest.approx(df_dh * s * (1 - s), rel=1e-14)


# --------------------------------------------------------------------------------------------
# The engine against chapter 5 and Network.backward


def test_the_worked_example_gives_chapter_5s_published_numbers():
    # the classic 2-2-2 example as published, each number to the digits it is usually quoted with
    net, x, y = worked_example()
    model = MLP.from_network(net)
    y_hat = model(x)
    L = loss(y_hat, y, "squared_error")
    L.backward()
    assert L.item() == pytest.approx(0.298371109, abs=5e-10)
    np.testing.assert_allclose(y_hat.data.ravel(), [0.75136507, 0.772928465], atol=5e-9)
    W1, _, W2, _ = model.parameters()
    assert W2.grad[0, 0] == pytest.approx(0.082167041, abs=5e-10)   # dE/dw5
    assert W1.grad[0, 0] == pytest.approx(0.000438568, abs=5e-10)   # dE/dw1
    eta = WORKED_EXAMPLE["learning_rate"]
    for p in (W1, W2):  # the published step updates the weights only
        p.data -= eta * p.grad
    np.testing.assert_allclose(W2.data, [[0.35891648, 0.408666186], [0.511301270, 0.561370121]], atol=5e-9)
    np.testing.assert_allclose(W1.data, [[0.149780716, 0.19956143], [0.24975114, 0.29950229]], atol=5e-9)
    # published as 0.291027924, computed with values rounded along the way: agreement to 2e-7
    assert loss(model(x), y).item() == pytest.approx(0.291027924, abs=2e-7)


def test_the_worked_example_equals_the_hand_derivation_written_out():
    (w111, w112), (w121, w122) = WORKED_EXAMPLE["weights"][0]
    (w211, w212), (w221, w222) = WORKED_EXAMPLE["weights"][1]
    (b11, b12), (b21, b22) = WORKED_EXAMPLE["biases"]
    x1, x2 = WORKED_EXAMPLE["x"]
    y1, y2 = WORKED_EXAMPLE["y"]
    sig = lambda t: 1.0 / (1.0 + np.exp(-t))
    h1, h2 = sig(w111 * x1 + w112 * x2 + b11), sig(w121 * x1 + w122 * x2 + b12)
    o1, o2 = sig(w211 * h1 + w212 * h2 + b21), sig(w221 * h1 + w222 * h2 + b22)
    e1, e2 = (o1 - y1) * o1 * (1 - o1), (o2 - y2) * o2 * (1 - o2)
    f1, f2 = (e1 * w211 + e2 * w221) * h1 * (1 - h1), (e1 * w212 + e2 * w222) * h2 * (1 - h2)
    by_hand = {"W1": [[f1 * x1, f1 * x2], [f2 * x1, f2 * x2]], "b1": [[f1], [f2]],
               "W2": [[e1 * h1, e1 * h2], [e2 * h1, e2 * h2]], "b2": [[e1], [e2]]}
    net, x, y = worked_example()
    model = MLP.from_network(net)
    loss(model(x), y, "squared_error").backward()
    for name, p in model.named_parameters().items():
        np.testing.assert_allclose(p.grad, by_hand[name], rtol=1e-13, err_msg=name)


OUTPUTS_FOR = {
    "squared_error": ["sigmoid", "tanh", "linear"],
    "mse": ["linear", "tanh"],
    "rmse": ["linear", "sigmoid"],
    "binary_cross_entropy": ["sigmoid"],
    "categorical_cross_entropy": ["softmax"],
    "sigmoid_cross_entropy": ["linear"],
    "softmax_cross_entropy": ["linear"],
}


def targets_for(name, rng, n, m):
    if name == "binary_cross_entropy" or name == "sigmoid_cross_entropy":
        return (rng.uniform(size=(n, m)) > 0.5).astype(float)
    if "cross_entropy" in name:
        return nnlib.one_hot(rng.integers(0, n, size=m), n)
    return rng.normal(size=(n, m))


def assert_same_gradients(net, X, Y, name, rtol=1e-12):
    model = MLP.from_network(net)
    L = loss(model(X), Y, name)
    L.backward()
    L_net, grads = net.loss_and_gradients(X, Y, name)
    assert L.item() == pytest.approx(L_net, rel=1e-14)
    for key, p in model.named_parameters().items():
        np.testing.assert_allclose(p.grad, grads[key], rtol=rtol, atol=1e-15, err_msg=key)


@settings(max_examples=60, deadline=None)  # each case builds and checks a whole network
@given(
    data=st.data(),
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=5),
    hidden=st.sampled_from(["linear", "sigmoid", "tanh", "relu", "leaky_relu"]),
    name=st.sampled_from(list(OUTPUTS_FOR)),
    m=st.integers(1, 6),
    seed=seeds,
)
def test_random_networks_of_every_activation_and_loss_agree_with_network_backward(data, sizes, hidden, name, m, seed):
    output = data.draw(st.sampled_from(OUTPUTS_FOR[name]))
    if output == "softmax" and sizes[-1] == 1:
        sizes[-1] = 2
    rng = np.random.default_rng(seed)
    net = nnlib.Network.from_sizes(sizes, hidden, output, seed=seed % 1000)
    for layer in net.layers:  # biases away from zero, so that a wrong bias gradient cannot hide
        layer.b[...] = rng.normal(scale=0.5, size=layer.b.shape)
    X = rng.normal(size=(sizes[0], m))
    assert_same_gradients(net, X, targets_for(name, rng, sizes[-1], m), name)


def test_the_digit_classifier_agrees_with_network_backward():
    X_raw, labels = load_digits()
    X, Y = X_raw[:, :100] / 16.0, nnlib.one_hot(labels[:100], 10)
    assert_same_gradients(nnlib.Network.from_sizes([64, 32, 10], "sigmoid", "softmax", seed=0), X, Y, "categorical_cross_entropy")
    assert_same_gradients(nnlib.Network.from_sizes([64, 32, 10], "sigmoid", "linear", seed=0), X, Y, "softmax_cross_entropy")


def test_training_with_the_engine_takes_the_same_steps_as_nnlib_train(rng):
    X, Y = rng.normal(size=(3, 20)), (rng.uniform(size=(2, 20)) > 0.5).astype(float)
    net = nnlib.Network.from_sizes([3, 4, 2], "tanh", "sigmoid", seed=1)
    model = MLP.from_network(net)
    nnlib.train(net, X, Y, "binary_cross_entropy", learning_rate=0.5, epochs=25)
    for _ in range(25):
        model.zero_grad()
        loss(model(X), Y, "binary_cross_entropy").backward()
        for p in model.parameters():
            p.data -= 0.5 * p.grad
    for name, p in model.named_parameters().items():
        np.testing.assert_allclose(p.data, net.parameters()[name], rtol=1e-12, atol=1e-14, err_msg=name)


def test_a_vector_jacobian_product_per_output_row_builds_the_jacobian(rng):
    # reverse mode: one backward pass per output gives one row of the Jacobian of y = W x
    W = rng.normal(size=(3, 4))
    x = Tensor(rng.normal(size=(4, 1)))
    rows = []
    for i in range(3):
        x.grad = None
        (Tensor(W, requires_grad=False) @ x).backward(np.eye(3)[:, [i]])
        rows.append(x.grad[:, 0])
    np.testing.assert_allclose(np.array(rows), W, rtol=1e-15)


# --------------------------------------------------------------------------------------------
# The pitfalls of chapter 11, and the engine's bookkeeping


def test_gradients_accumulate_until_zero_grad():
    model = MLP.from_sizes([2, 3, 1], "tanh", "linear", seed=0)
    X, Y = np.ones((2, 4)), np.zeros((1, 4))
    loss(model(X), Y, "mse").backward()
    once = [p.grad.copy() for p in model.parameters()]
    loss(model(X), Y, "mse").backward()  # forgot zero_grad: the second gradient is added
    for p, g in zip(model.parameters(), once):
        np.testing.assert_allclose(p.grad, 2 * g, rtol=1e-15)
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())
    loss(model(X), Y, "mse").backward()
    for p, g in zip(model.parameters(), once):
        np.testing.assert_array_equal(p.grad, g)


def test_only_leaves_keep_their_gradient_unless_asked():
    x = Tensor(2.0)
    h = x.exp()
    (h * 3.0).backward()
    assert h.grad is None and x.grad == pytest.approx(3.0 * np.exp(2.0), rel=1e-15)
    x.grad = None
    (h * 3.0).backward(retain_grads=True)
    assert h.grad == 3.0 and x.grad == pytest.approx(3.0 * np.exp(2.0), rel=1e-15)


def test_a_second_backward_through_the_same_graph_adds_the_same_gradients_again():
    x = Tensor(2.0)
    h = x.exp()
    f = h * h
    f.backward(retain_grads=True)
    first = (x.grad.copy(), h.grad.copy())
    f.backward(retain_grads=True)
    assert x.grad == 2 * first[0] and h.grad == 2 * first[1]


def test_detach_stops_the_gradient_and_keeps_the_value():
    x = Tensor(3.0)
    d = x.detach()
    assert d.data is x.data and not d.requires_grad and d.is_leaf
    (x * d).backward()
    assert x.grad == 3.0  # not 6: the detached factor is a constant
    assert d.grad is None


def test_a_parameter_that_no_path_reaches_keeps_a_gradient_of_none():
    used, unused, data = Tensor([1.0, 2.0]), Tensor([5.0]), Tensor([3.0, 4.0], requires_grad=False)
    (used * data).sum().backward()
    np.testing.assert_array_equal(used.grad, [3.0, 4.0])
    assert unused.grad is None and data.grad is None


def test_a_computed_value_cannot_be_edited_in_place():
    x = Tensor([1.0, 2.0])
    a = x.sigmoid()
    with pytest.raises(ValueError, match="read-only"):
        a.data[0] = 5.0
    with pytest.raises(ValueError, match="read-only"):
        a.data += 1.0


def test_a_parameter_changed_between_forward_and_backward_is_refused():
    W = Tensor([[1.0, -1.0]], name="W")
    z = (W @ np.array([[2.0], [0.5]])).tanh()
    W.data -= 0.1  # an update before the backward pass that needs the old W
    with pytest.raises(RuntimeError, match="W was changed"):
        z.backward()


def test_a_changed_input_of_an_operation_that_does_not_read_it_is_allowed():
    a, b = Tensor(1.0), Tensor(2.0)
    s = a + b  # the VJP of + reads neither input
    b.data = np.asarray(5.0)
    s.backward()
    assert a.grad == 1.0 and b.grad == 1.0


def test_a_computed_value_reassigned_is_refused():
    x = Tensor(1.0)
    h = x.exp()
    f = h * 2.0
    h.data = np.asarray(0.0)
    with pytest.raises(RuntimeError):
        f.backward()


def test_the_stored_gradients_are_read_only():
    a, b = Tensor([1.0]), Tensor([2.0])
    (a + b).sum().backward()  # a and b may share one gradient array
    with pytest.raises(ValueError, match="read-only"):
        a.grad *= 0.5
    assert b.grad[0] == 1.0


def test_updating_a_parameter_does_not_touch_the_network_it_came_from():
    net = nnlib.Network.from_sizes([2, 2], "sigmoid", "sigmoid", seed=0)
    before = net.layers[0].W.copy()
    model = MLP.from_network(net)
    model.weights[0].data -= 1.0
    np.testing.assert_array_equal(net.layers[0].W, before)
    np.testing.assert_array_equal(model.to_network().layers[0].W, before - 1.0)


def test_the_order_puts_every_tensor_after_its_inputs_and_survives_long_graphs():
    x = Tensor(1.0)
    y = x
    for _ in range(5000):  # deeper than Python's recursion limit
        y = y * 1.0001
    order = topological_order(y)
    assert len(order) == 5001 and order[0] is x and order[-1] is y
    y.backward()
    assert x.grad == pytest.approx(1.0001**5000, rel=1e-11)
    model = MLP.from_sizes([3, 4, 2], "tanh", "softmax", seed=0)
    order = topological_order(loss(model(np.ones((3, 2))), np.eye(2), "categorical_cross_entropy"))
    position = {id(t): i for i, t in enumerate(order)}
    assert all(position[id(p)] < position[id(t)] for t in order for p in t.parents if p.requires_grad)
    assert not any(t.name == "X" for t in order)  # the data needs no gradient


def test_data_needs_no_gradient_and_gets_none():
    model = MLP.from_sizes([2, 2], "sigmoid", "sigmoid", seed=0)
    X = Tensor(np.ones((2, 3)), requires_grad=False)
    loss(model(X), np.zeros((2, 3))).backward()
    assert X.grad is None


def test_numerics_stay_finite_and_right_at_extreme_inputs():
    z = Tensor([[1000.0, -1000.0], [-1000.0, 1000.0]])
    y = np.array([[1.0, 1.0], [0.0, 0.0]])
    with np.errstate(**STRICT):
        L = loss(z, y, "softmax_cross_entropy")
        L.backward()
    assert L.item() == pytest.approx(1000.0)  # the second column is wrong by 2000 in logit: loss 2000 / 2
    np.testing.assert_allclose(z.grad, (nnlib.softmax(z.data) - y) / 2)
    z = Tensor([[800.0, -800.0]])
    with np.errstate(**STRICT):
        L = loss(z, [[0.0, 1.0]], "sigmoid_cross_entropy")
        L.backward()
        s = Tensor([-1000.0, 1000.0])
        s.sigmoid().backward(np.ones(2))
    assert np.isfinite(L.item()) and np.isfinite(z.grad).all()
    np.testing.assert_array_equal(z.grad, [[0.5, -0.5]])
    np.testing.assert_array_equal(s.grad, [0.0, 0.0])


def test_float32_stays_float32_through_operations_with_python_numbers():
    x = Tensor(np.array([1.0, 2.0], dtype=np.float32))
    y = ((x * 2.0 + 1.0) / 3.0 - 0.5).exp().sum()
    y.backward()
    assert y.dtype == np.float32 and x.grad.dtype == np.float32
    model = MLP.from_network(nnlib.Network.from_weights([np.ones((1, 2), np.float32)], [np.zeros(1, np.float32)], "sigmoid"))
    L = loss(model(np.ones((2, 3), np.float32)), np.ones((1, 3), np.float32), "binary_cross_entropy")
    L.backward()
    assert L.dtype == np.float32 and all(p.grad.dtype == np.float32 for p in model.parameters())


def test_the_model_matches_network_from_sizes_and_converts_back():
    net = nnlib.Network.from_sizes([3, 5, 2], "relu", "softmax", seed=4)
    model = MLP.from_sizes([3, 5, 2], "relu", "softmax", seed=4)
    assert model.sizes == net.sizes == [3, 5, 2]
    assert list(model.named_parameters()) == list(net.parameters()) == ["W1", "b1", "W2", "b2"]
    X = np.linspace(-1, 1, 12).reshape(3, 4)
    np.testing.assert_array_equal(model(X).data, net.forward(X))
    np.testing.assert_array_equal(model.to_network().forward(X), net.forward(X))
    assert repr(model) == "MLP(sizes=[3, 5, 2], activations=['relu', 'softmax'])"


# --------------------------------------------------------------------------------------------
# Clear errors at the edges


def test_bad_data_gets_a_clear_error():
    with pytest.raises(TypeError, match="data must be an array of numbers"):
        Tensor("seven")
    with pytest.raises(ValueError, match=r"W must hold finite numbers, but W\[1\] is nan"):
        Tensor([1.0, np.nan], name="W")
    with pytest.raises(TypeError, match="already a Tensor"):
        Tensor(Tensor(1.0))
    with pytest.raises(TypeError, match="the operand of \\+ must be an array of numbers"):
        Tensor(1.0) + "one"


def test_shapes_that_do_not_fit_get_a_clear_error():
    a, b = Tensor(np.ones((2, 3)), name="A"), Tensor(np.ones((4, 1)), name="b")
    with pytest.raises(ValueError, match=r"A \+ b: shapes \(2, 3\) and \(4, 1\) do not broadcast"):
        a + b
    with pytest.raises(ValueError, match=r"A @ W: shapes \(2, 3\) and \(2, 3\) do not fit"):
        a @ Tensor(np.ones((2, 3)), name="W")
    with pytest.raises(ValueError, match="do not fit. Both must be 2-D"):
        a @ np.ones(3)


def test_backward_needs_a_scalar_or_a_gradient_of_the_right_shape():
    y = Tensor([1.0, 2.0]) * 2.0
    with pytest.raises(ValueError, match=r"needs a scalar output.*shape \(2,\)"):
        y.backward()
    with pytest.raises(ValueError, match=r"gradient must have the shape .* \(2,\); got \(3,\)"):
        y.backward(np.ones(3))
    with pytest.raises(ValueError, match="nothing to backpropagate"):
        (Tensor(1.0, requires_grad=False) * 2.0).backward()


def test_loss_and_model_check_their_arguments():
    with pytest.raises(TypeError, match="prediction must be a Tensor"):
        loss(np.ones((1, 2)), np.ones((1, 2)))
    with pytest.raises(ValueError, match=r"prediction must be 2-D .* got shape \(2,\)"):
        loss(Tensor([1.0, 2.0]), [1.0, 2.0])
    with pytest.raises(ValueError, match="same shape"):
        loss(Tensor(np.ones((2, 3))), np.ones((2, 2)))
    with pytest.raises(ValueError, match="unknown loss 'squared_eror'"):
        loss(Tensor(np.ones((1, 1))), [[1.0]], "squared_eror")
    with pytest.raises(ValueError, match="probabilities"):
        loss(Tensor([[2.0]]), [[1.0]], "binary_cross_entropy")
    model = MLP.from_sizes([3, 2], seed=0)
    with pytest.raises(ValueError, match=r"X must have shape \(3, m\)"):
        model(np.ones((2, 5)))
    with pytest.raises(TypeError, match="exponent"):
        Tensor(2.0) ** Tensor(2.0)
    with pytest.raises(ValueError, match="item\\(\\) needs a tensor of one element"):
        Tensor([1.0, 2.0]).item()


def test_repr_shows_value_name_operation_and_gradient():
    x = Tensor(2.0, name="x")
    y = x * 3.0
    y.backward(retain_grads=True)
    assert repr(x) == "Tensor(2., name='x', grad=3.)"
    assert repr(y) == "Tensor(6., op='*', grad=1.)"
    assert ag.__doc__ and "vector-Jacobian" in ag.__doc__


def test_a_dropped_graph_is_freed_at_once_without_the_cycle_collector():
    model = MLP.from_sizes([3, 4, 2], "tanh", "softmax", seed=0)
    X, Y = np.ones((3, 5)), np.eye(2)[:, [0, 1, 0, 1, 0]]
    x = Tensor(0.5)
    gc.collect()
    gc.disable()
    try:
        L = loss(model(X), Y, "categorical_cross_entropy") + (x.exp() * x.sigmoid()).log()
        L.backward()
        del L
        assert gc.collect() == 0  # nothing was left in a reference cycle
    finally:
        gc.enable()
