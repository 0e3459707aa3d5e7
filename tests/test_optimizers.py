"""The optimisers: each update against its formula written out here, state included, over several steps."""

import numpy as np
import pytest

import nnlib
from nnlib.data import regression_2d
from nnlib.network import Network
from nnlib.optimizers import SGD, Adam, AdamW, Momentum, check_step_arguments, step_decay
from nnlib.regularization import l2_gradient
from nnlib.training import gradient_descent_step


def problem(rng, steps=5):
    """Parameters by name and a different gradient for every step (a weight matrix and a bias)."""
    params = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1))}
    grads = [{"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1))} for _ in range(steps)]
    return params, grads


def copy(params):
    return {name: p.copy() for name, p in params.items()}


# --- SGD ------------------------------------------------------------------------------------------------


def test_sgd_steps_against_the_gradient_by_hand(rng):
    params, grads = problem(rng)
    expected = copy(params)
    opt = SGD(learning_rate=0.3)
    for g in grads:
        opt.step(params, g)
        for name in expected:
            expected[name] = expected[name] - 0.3 * g[name]
    for name in params:
        np.testing.assert_allclose(params[name], expected[name], rtol=1e-14)


def test_sgd_gives_gradient_descent_step_bit_for_bit(rng):
    """The SGD path must reproduce nnlib.train's numbers exactly: the same operation, theta -= eta g."""
    X, Y = regression_2d(20, seed=0)
    a = Network.from_sizes([2, 4, 1], hidden="tanh", output="linear", seed=0)
    b = a.copy()
    opt = SGD(learning_rate=0.2)
    for _ in range(10):
        a.loss_and_gradients(X, Y)
        nnlib.gradient_descent_step(a, 0.2)
        b.loss_and_gradients(X, Y)
        opt.step(b.parameters(), b.gradients())
    for name, value in a.parameters().items():
        assert np.array_equal(value, b.parameters()[name]), name


def test_sgd_worked_by_hand():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    grads = {"W1": np.array([[0.5, 0.25]]), "b1": np.array([[-1.0]])}
    SGD(learning_rate=0.2).step(params, grads)
    np.testing.assert_allclose(params["W1"], [[0.9, -2.05]])
    np.testing.assert_allclose(params["b1"], [[0.7]])


def test_sgd_weight_decay_adds_lambda_w_to_the_weights_gradient_only(rng):
    params, grads = problem(rng)
    expected = copy(params)
    opt = SGD(learning_rate=0.1, weight_decay=0.05)
    for g in grads:
        opt.step(params, g)
        expected["W1"] = expected["W1"] - 0.1 * (g["W1"] + 0.05 * expected["W1"])
        expected["b1"] = expected["b1"] - 0.1 * g["b1"]
    for name in params:
        np.testing.assert_allclose(params[name], expected[name], rtol=1e-13)


# --- Momentum -------------------------------------------------------------------------------------------


def test_momentum_worked_by_hand():
    """beta = 0.5, eta = 0.1, gradients 1, 1, -2: v = 1, 1.5, -1.25; theta = -0.1, -0.25, -0.125."""
    params = {"b1": np.array([[0.0]])}
    opt = Momentum(learning_rate=0.1, momentum=0.5)
    velocities, positions = [], []
    for g in [1.0, 1.0, -2.0]:
        opt.step(params, {"b1": np.array([[g]])})
        velocities.append(opt.velocity["b1"][0, 0])
        positions.append(params["b1"][0, 0])
    np.testing.assert_allclose(velocities, [1.0, 1.5, -1.25])
    np.testing.assert_allclose(positions, [-0.1, -0.25, -0.125])


def test_momentum_against_its_formula_with_its_state(rng):
    params, grads = problem(rng, steps=6)
    expected, v = copy(params), {name: np.zeros_like(p) for name, p in params.items()}
    opt = Momentum(learning_rate=0.05, momentum=0.9, weight_decay=0.01)
    assert opt.velocity == {}
    for g in grads:
        opt.step(params, g)
        for name in expected:
            gradient = g[name] + (0.01 * expected[name] if name == "W1" else 0.0)
            v[name] = 0.9 * v[name] + gradient
            expected[name] = expected[name] - 0.05 * v[name]
        for name in params:
            np.testing.assert_allclose(opt.velocity[name], v[name], rtol=1e-13)
            np.testing.assert_allclose(params[name], expected[name], rtol=1e-13)


def test_momentum_zero_is_sgd(rng):
    params, grads = problem(rng)
    plain = copy(params)
    for g in grads:
        Momentum(learning_rate=0.1, momentum=0.0).step(params, g)
        SGD(learning_rate=0.1).step(plain, g)
    for name in params:
        np.testing.assert_allclose(params[name], plain[name], rtol=1e-14)


def test_momentum_under_a_constant_gradient_approaches_eta_g_over_one_minus_beta():
    params = {"b1": np.array([[0.0]])}
    opt = Momentum(learning_rate=0.1, momentum=0.9)
    steps = []
    for _ in range(200):
        before = params["b1"][0, 0]
        opt.step(params, {"b1": np.array([[1.0]])})
        steps.append(before - params["b1"][0, 0])
    assert steps[0] == pytest.approx(0.1)
    assert steps[-1] == pytest.approx(0.1 / (1 - 0.9), rel=1e-8)


# --- Adam and AdamW -------------------------------------------------------------------------------------


def adam_by_hand(params, grads, eta, beta1, beta2, eps, weight_decay=0.0, decoupled=False):
    """Adam written out from Kingma and Ba's algorithm 1 (plus the two kinds of weight decay)."""
    theta = copy(params)
    v = {name: np.zeros_like(p) for name, p in params.items()}
    s = {name: np.zeros_like(p) for name, p in params.items()}
    history = []
    for t, g in enumerate(grads, start=1):
        for name in theta:
            gradient = g[name]
            if name.startswith("W") and weight_decay:
                if decoupled:
                    theta[name] = theta[name] * (1 - eta * weight_decay)
                else:
                    gradient = gradient + weight_decay * theta[name]
            v[name] = beta1 * v[name] + (1 - beta1) * gradient
            s[name] = beta2 * s[name] + (1 - beta2) * gradient**2
            v_hat = v[name] / (1 - beta1**t)
            s_hat = s[name] / (1 - beta2**t)
            theta[name] = theta[name] - eta * v_hat / (np.sqrt(s_hat) + eps)
        history.append((copy(theta), copy(v), copy(s)))
    return history


@pytest.mark.parametrize("weight_decay, cls", [(0.0, Adam), (0.1, Adam), (0.1, AdamW)])
def test_adam_against_its_formula_with_its_state(rng, weight_decay, cls):
    params, grads = problem(rng, steps=7)
    expected = adam_by_hand(params, grads, 0.01, 0.8, 0.95, 1e-8, weight_decay, decoupled=cls is AdamW)
    opt = cls(learning_rate=0.01, beta1=0.8, beta2=0.95, epsilon=1e-8, weight_decay=weight_decay)
    assert opt.step_count == 0 and opt.first_moment == {} and opt.second_moment == {}
    for t, (g, (theta, v, s)) in enumerate(zip(grads, expected), start=1):
        opt.step(params, g)
        assert opt.step_count == t
        for name in params:
            np.testing.assert_allclose(opt.first_moment[name], v[name], rtol=1e-12)
            np.testing.assert_allclose(opt.second_moment[name], s[name], rtol=1e-12)
            np.testing.assert_allclose(params[name], theta[name], rtol=1e-12)


def test_adam_first_step_has_length_eta_in_every_entry_whatever_the_gradients_scale():
    """Bias correction: v_hat = g and s_hat = g^2 at t = 1, so the step is eta g / |g|."""
    grads = {"W1": np.array([[1e-4, -3.0, 250.0]])}
    params = {"W1": np.zeros((1, 3))}
    opt = Adam(learning_rate=0.01)
    opt.step(params, grads)
    np.testing.assert_allclose(params["W1"], -0.01 * np.sign(grads["W1"]), rtol=1e-4)
    np.testing.assert_allclose(opt.first_moment["W1"], 0.1 * grads["W1"], rtol=1e-15)  # (1 - beta1) g: too small by 10


def test_without_bias_correction_adams_first_steps_would_be_several_times_too_large():
    """Uncorrected, the first step is eta (1 - beta1) g / sqrt((1 - beta2) g^2) = eta * 0.1 / 0.0316 ~ 3.16 eta:
    s starts further below its true value than v. The corrections make every step of a constant gradient eta long."""
    eta, beta1, beta2 = 0.01, 0.9, 0.999
    params = {"b1": np.array([[0.0]])}
    opt = Adam(learning_rate=eta, beta1=beta1, beta2=beta2, epsilon=1e-12)
    v = s = 0.0
    for t in range(1, 11):
        before = params["b1"][0, 0]
        opt.step(params, {"b1": np.array([[2.0]])})
        corrected_step = before - params["b1"][0, 0]
        v, s = beta1 * v + (1 - beta1) * 2.0, beta2 * s + (1 - beta2) * 4.0
        uncorrected_step = eta * v / np.sqrt(s)
        assert corrected_step == pytest.approx(eta, rel=1e-9)
        expected_ratio = (1 - beta1**t) / np.sqrt(1 - beta2**t)
        assert uncorrected_step / corrected_step == pytest.approx(expected_ratio, rel=1e-9)
    assert eta * (1 - beta1) * 2.0 / np.sqrt((1 - beta2) * 4.0) > 3 * eta


def test_adam_l2_decay_depends_on_the_gradient_and_adamw_decay_does_not():
    """Coupled L2 inside Adam: lambda W joins g and is divided by sqrt(s_hat), so a weight with a large gradient
    hardly decays and one with no gradient decays by a full step eta. Decoupled: both shrink by eta lambda W."""
    grads = {"W1": np.array([[100.0, 0.0]])}
    start = np.array([[1.0, 1.0]])
    coupled, decoupled, no_decay = {"W1": start.copy()}, {"W1": start.copy()}, {"W1": start.copy()}
    Adam(learning_rate=0.01, weight_decay=0.1).step(coupled, grads)
    AdamW(learning_rate=0.01, weight_decay=0.1).step(decoupled, grads)
    Adam(learning_rate=0.01).step(no_decay, grads)
    shrink_coupled = (no_decay["W1"] - coupled["W1"])[0]
    shrink_decoupled = (no_decay["W1"] - decoupled["W1"])[0]
    np.testing.assert_allclose(shrink_decoupled, 0.01 * 0.1 * start[0], rtol=1e-9)
    assert shrink_coupled[0] < 1e-5                                # 100.1 instead of 100: the same step of eta
    assert shrink_coupled[1] == pytest.approx(0.01, rel=1e-6)      # 0.1 W instead of 0: a whole step of eta


def test_adamw_with_zero_weight_decay_is_adam(rng):
    params, grads = problem(rng)
    other = copy(params)
    a, b = Adam(learning_rate=0.01), AdamW(learning_rate=0.01, weight_decay=0.0)
    for g in grads:
        a.step(params, g)
        b.step(other, g)
    for name in params:
        assert np.array_equal(params[name], other[name])


def test_coupled_weight_decay_equals_the_l2_gradient_added_by_hand(rng):
    """One place defines L2: SGD's weight_decay is the same as adding nnlib.regularization.l2_gradient."""
    params, grads = problem(rng)
    by_hand = copy(params)
    opt, plain = SGD(learning_rate=0.1, weight_decay=0.3), SGD(learning_rate=0.1)
    for g in grads:
        opt.step(params, g)
        penalty = l2_gradient(by_hand, 0.3)
        plain.step(by_hand, {name: g[name] + penalty[name] for name in g})
    for name in params:
        np.testing.assert_allclose(params[name], by_hand[name], rtol=1e-14)


# --- what every optimiser shares ------------------------------------------------------------------------

OPTIMIZERS = [lambda: SGD(0.1), lambda: Momentum(0.1), lambda: Adam(0.01), lambda: AdamW(0.01)]
NAMES = ["SGD", "Momentum", "Adam", "AdamW"]


@pytest.mark.parametrize("make", OPTIMIZERS, ids=NAMES)
def test_parameters_are_updated_in_place_by_name(make, rng):
    opt = make()
    net = Network.from_sizes([2, 3, 1], seed=0)
    X, Y = rng.normal(size=(2, 5)), rng.uniform(size=(1, 5))
    live = {name: id(p) for name, p in net.parameters().items()}
    before = {name: p.copy() for name, p in net.parameters().items()}
    net.loss_and_gradients(X, Y)
    grads = dict(reversed(list(net.gradients().items())))  # order does not matter: names do
    opt.step(net.parameters(), grads)
    for name, p in net.parameters().items():
        assert id(p) == live[name], "the layer's own array must change, not be replaced"
        assert not np.array_equal(p, before[name]), name


@pytest.mark.parametrize("make", OPTIMIZERS, ids=NAMES)
def test_a_missing_gradient_is_named(make):
    opt = make()
    params = {"W1": np.ones((2, 2)), "b1": np.ones((2, 1))}
    with pytest.raises(ValueError, match=r"grads has no entry 'b1'; it must have the names of params: \['W1', 'b1'\]"):
        opt.step(params, {"W1": np.ones((2, 2))})


@pytest.mark.parametrize("make", OPTIMIZERS, ids=NAMES)
def test_a_gradient_of_the_wrong_shape_is_named(make):
    opt = make()
    params = {"b1": np.ones((2, 1))}
    expected = r"grads\['b1'\] must be an array of the shape of params\['b1'\], \(2, 1\); got ndarray of shape \(2,\)"
    with pytest.raises(ValueError, match=expected):
        opt.step(params, {"b1": np.ones(2)})


@pytest.mark.parametrize("make", [Momentum, Adam, AdamW])
def test_state_from_another_network_is_refused(make):
    opt = make()
    opt.step({"W1": np.ones((3, 2))}, {"W1": np.ones((3, 2))})
    with pytest.raises(ValueError, match=r"holds state for 'W1' of shape \(3, 2\), but the parameter 'W1' has shape \(2, 2\)"):
        opt.step({"W1": np.ones((2, 2))}, {"W1": np.ones((2, 2))})


@pytest.mark.parametrize("make", [SGD, Momentum, Adam, AdamW])
@pytest.mark.parametrize("bad", [0, -0.1, float("nan"), float("inf")])
def test_learning_rate_must_be_a_positive_number(make, bad):
    with pytest.raises(ValueError, match=f"learning_rate must be a positive number such as 0.1, got {bad}"):
        make(learning_rate=bad)


@pytest.mark.parametrize("make", [SGD, Momentum, Adam, AdamW])
def test_learning_rate_must_be_a_number(make):
    with pytest.raises(TypeError, match="learning_rate must be a positive number such as 0.1, got str '0.1'"):
        make(learning_rate="0.1")


@pytest.mark.parametrize("make, name", [(Momentum, "momentum"), (Adam, "beta1"), (Adam, "beta2"), (AdamW, "beta2")])
@pytest.mark.parametrize("bad", [1.0, -0.1, 1.5, float("nan")])
def test_decay_rates_must_lie_in_zero_one(make, name, bad):
    with pytest.raises(ValueError, match=rf"{name} must be a number in \[0, 1\) such as 0.9, got {bad}"):
        make(**{name: bad})


@pytest.mark.parametrize("make", [SGD, Momentum, Adam, AdamW])
@pytest.mark.parametrize("bad", [-1e-4, float("inf")])
def test_weight_decay_must_be_finite_and_not_negative(make, bad):
    with pytest.raises(ValueError, match=rf"weight_decay must be a number in \[0, inf\) such as 1e-4, got {bad}"):
        make(weight_decay=bad)


def test_epsilon_must_be_positive():
    with pytest.raises(ValueError, match="epsilon must be a positive number"):
        Adam(epsilon=0.0)
    with pytest.raises(TypeError, match="momentum must be a number in"):
        Momentum(momentum=None)


def test_float32_parameters_stay_float32(rng):
    for opt in [SGD(0.1, weight_decay=0.1), Momentum(0.1), Adam(0.01), AdamW(0.01)]:
        params = {"W1": rng.normal(size=(2, 2)).astype(np.float32)}
        opt.step(params, {"W1": np.ones((2, 2), dtype=np.float32)})
        assert params["W1"].dtype == np.float32, type(opt).__name__


def test_adam_stays_finite_with_huge_and_zero_gradients():
    params = {"W1": np.zeros((1, 3))}
    opt = Adam(learning_rate=0.1)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for _ in range(3):
            opt.step(params, {"W1": np.array([[1e150, 0.0, -1e-150]])})
    assert np.all(np.isfinite(params["W1"]))
    np.testing.assert_allclose(params["W1"][0, :2], [-0.3, 0.0], atol=1e-12)


# --- the schedule ---------------------------------------------------------------------------------------


def test_step_decay_by_hand():
    assert [step_decay(t, 1.0, factor=0.1, every=3) for t in range(7)] == pytest.approx(
        [1.0, 1.0, 1.0, 0.1, 0.1, 0.1, 0.01])


@pytest.mark.parametrize("kwargs, message", [
    (dict(step=-1, initial=0.1), "step must be a whole number of at least 0, got -1"),
    (dict(step=1.5, initial=0.1), "step must be a whole number of at least 0, got 1.5"),
    (dict(step=0, initial=0.1, every=0), "every must be a whole number of at least 1, got 0"),
    (dict(step=0, initial=-0.1), "initial must be a positive number"),
    (dict(step=0, initial=0.1, factor=0.0), r"factor must be a number in \(0, 1\] such as 0.5, got 0.0"),
    (dict(step=0, initial=0.1, factor=1.5), r"factor must be a number in \(0, 1\]"),
])
def test_step_decay_validates_its_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        step_decay(**kwargs)


# --- Every optimiser: its arguments, and the training loop's default ------------------------------------


def test_sgd_on_a_network_is_gradient_descent_step(rng):
    net = Network.from_sizes([2, 3, 1], seed=0)
    twin = net.copy()
    X, Y = rng.normal(size=(2, 4)), rng.uniform(size=(1, 4))
    net.loss_and_gradients(X, Y)
    twin.loss_and_gradients(X, Y)
    SGD(0.1).step(net.parameters(), net.gradients())
    gradient_descent_step(twin, 0.1)
    for name, value in net.parameters().items():
        np.testing.assert_array_equal(value, twin.parameters()[name])


def test_the_learning_rate_is_inspectable_and_defaults_to_0_1():
    assert SGD().learning_rate == 0.1 and SGD(2).learning_rate == 2.0
    assert repr(SGD(0.5)) == "SGD(learning_rate=0.5, weight_decay=0.0)"


@pytest.mark.parametrize("make", OPTIMIZERS, ids=NAMES)
def test_step_refuses_mismatched_arguments_before_changing_anything(make):
    params = {"W1": np.ones((2, 2)), "b1": np.ones((2, 1))}
    for grads, error, words in [
        ({"W1": np.ones((2, 2))}, ValueError, "grads has no entry 'b1'"),
        ({"W1": np.ones((2, 2)), "b1": np.ones((1, 2))}, ValueError,
         r"grads\['b1'\] must be an array of the shape of params\['b1'\], \(2, 1\)"),
        ({"W1": np.ones((2, 2)), "b1": [[1.0], [1.0]]}, ValueError, r"got list of shape \(2, 1\)"),
        ([np.ones((2, 2))], TypeError, "grads must be a dict of arrays by name, such as net.gradients"),
    ]:
        with pytest.raises(error, match=words):
            make().step(params, grads)
        np.testing.assert_array_equal(params["W1"], 1.0)
    with pytest.raises(TypeError, match=r"params\['W1'\] must be a float array, updated in place"):
        check_step_arguments({"W1": np.ones((2, 2), int)}, {"W1": np.ones((2, 2))})
    with pytest.raises(TypeError, match="params must be a dict of arrays by name, such as net.parameters"):
        check_step_arguments("W1", {})


def test_sgd_is_exported():
    assert nnlib.SGD is SGD
