"""Chapter 12's checkers: the right answers pass, and each usual wrong answer gets the hint that names it."""

import numpy as np
import pytest

from nnlib.dropout import Dropout
from nnlib.exercises.deeper import (
    CURVE_ANSWERS,
    bias_correction,
    check_adam_bias_correction,
    check_dropout_backward,
    check_l2_gradient,
    check_learning_curve_diagnosis,
    check_momentum,
    dropout_backward,
    momentum_step,
    read_diagnosis,
)
from nnlib.gradcheck import numerical_gradient
from nnlib.optimizers import Adam, Momentum
from nnlib.regularization import l2_gradient, l2_penalty

# ------------------------------------------------------------------------------------------------
# Momentum


def momentum_variant(update):
    """A momentum step whose per-parameter rule is update(theta, v, g, eta, beta) -> (new theta, new v), in place."""

    def step(params, grads, velocity, learning_rate, momentum):
        for name, theta in params.items():
            v = velocity.setdefault(name, np.zeros_like(theta))
            new_theta, new_v = update(theta.copy(), v.copy(), grads[name], learning_rate, momentum)
            theta[...], v[...] = new_theta, new_v

    return step


def test_the_solution_is_nnlib_s_momentum_written_out():
    rng = np.random.default_rng(0)
    mine, velocity, reference = {"W1": rng.normal(size=(3, 2))}, {}, Momentum(0.1, 0.9)
    theirs = {"W1": mine["W1"].copy()}
    for _ in range(4):
        g = {"W1": rng.normal(size=(3, 2))}
        momentum_step(mine, g, velocity, 0.1, 0.9)
        reference.step(theirs, g)
    assert np.array_equal(mine["W1"], theirs["W1"]) and np.array_equal(velocity["W1"], reference.velocity["W1"])
    assert check_momentum(momentum_step)


def test_a_momentum_step_that_replaces_the_dict_entries_passes_too():
    def rebinding(params, grads, velocity, learning_rate, momentum):
        for name in params:
            velocity[name] = momentum * velocity.get(name, 0.0) + grads[name]
            params[name] = params[name] - learning_rate * velocity[name]

    assert check_momentum(rebinding)


@pytest.mark.parametrize(
    "update, words",
    [
        (lambda th, v, g, eta, beta: (th + beta * v - eta * g, beta * v - eta * g),
         "after step 1: You put the learning rate (and the minus) inside the velocity"),
        (lambda th, v, g, eta, beta: (th - (beta * v + eta * g), beta * v + eta * g),
         "after step 1: You put the learning rate inside the velocity, v <- beta v + eta g"),
        (lambda th, v, g, eta, beta: (th - eta * (beta * v + (1 - beta) * g), beta * v + (1 - beta) * g),
         "Your velocity is an average, v <- beta v + (1 - beta) g"),
        (lambda th, v, g, eta, beta: (th - eta * v, beta * v + g),
         "after step 2: You moved theta with the old velocity, before updating it"),
        (lambda th, v, g, eta, beta: (th - beta * (eta * v + g), eta * v + g), "learning_rate and momentum are swapped"),
        (lambda th, v, g, eta, beta: (th - eta * g, g), "after step 2: Your step is plain gradient descent"),
        (lambda th, v, g, eta, beta: (th + eta * (beta * v + g), beta * v + g), "Your step goes uphill"),
    ],
)
def test_each_usual_momentum_mistake_is_named(update, words):
    result = check_momentum(momentum_variant(update))
    assert not result and "with learning_rate=0.1, momentum=0.9 and parameters ['W1', 'b1', 'W2', 'b2']" in result.message
    assert words in result.message, result.message


def test_a_momentum_step_that_changes_nothing_or_forgets_the_velocity_is_told_so():
    def stub(params, grads, velocity, learning_rate, momentum):
        pass

    assert "your step left params as they were. Update each array in place" in check_momentum(stub).message

    def local_name(params, grads, velocity, learning_rate, momentum):
        for name, theta in params.items():
            v = velocity.setdefault(name, np.zeros_like(theta))
            v *= momentum
            v += grads[name]
            theta = theta - learning_rate * v  # noqa: F841 (the mistake: a new array, not the dict's)

    assert "`theta = theta - ...` makes a new array that the dict does not hold" in check_momentum(local_name).message

    def returns_new(params, grads, velocity, learning_rate, momentum):
        for name in params:
            velocity[name] = momentum * velocity.get(name, 0.0) + grads[name]
        return {name: params[name] - learning_rate * velocity[name] for name in params}

    assert "left params as they were and returned a new dict" in check_momentum(returns_new).message

    def no_memory(params, grads, velocity, learning_rate, momentum):
        for name, theta in params.items():
            theta -= learning_rate * grads[name]

    assert "after step 1, velocity is still empty: store each parameter's velocity in it" in check_momentum(no_memory).message

    def key_error(params, grads, velocity, learning_rate, momentum):
        for name, theta in params.items():
            velocity[name] = momentum * velocity[name] + grads[name]
            theta -= learning_rate * velocity[name]

    result = check_momentum(key_error)
    assert "raised KeyError: 'W1'. The dict velocity starts empty" in result.message and "setdefault" in result.message

    def touches_grads(params, grads, velocity, learning_rate, momentum):
        momentum_step(params, grads, velocity, learning_rate, momentum)
        grads["W1"] *= 0

    assert "your momentum step changed its input grads" in check_momentum(touches_grads).message

    def extra_entry(params, grads, velocity, learning_rate, momentum):
        momentum_step(params, grads, velocity, learning_rate, momentum)
        velocity["t"] = 1

    assert "velocity has an entry 't' too many" in check_momentum(extra_entry).message


# ------------------------------------------------------------------------------------------------
# Adam's bias correction


def test_the_bias_correction_builds_nnlib_s_adam_and_makes_the_first_step_eta_long():
    rng = np.random.default_rng(1)
    theta = rng.normal(size=(2, 3))
    params, reference = {"W1": theta.copy()}, Adam(learning_rate=0.01)
    v = s = np.zeros_like(theta)
    for t in range(1, 5):
        g = rng.normal(size=theta.shape)
        v, s = 0.9 * v + 0.1 * g, 0.999 * s + 0.001 * g**2
        v_hat, s_hat = bias_correction(v, s, t, 0.9, 0.999)
        step = 0.01 * v_hat / (np.sqrt(s_hat) + 1e-8)
        if t == 1:
            assert np.allclose(np.abs(step), 0.01, rtol=1e-5)  # eta times the sign of g, whatever its size
        theta = theta - step
        reference.step(params, {"W1": g})
        assert np.allclose(theta, params["W1"], rtol=1e-13)
    assert check_adam_bias_correction(bias_correction)


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda v, s, t, b1, b2: (v, s), "for t=5, beta1=0.8, beta2=0.99, your v_hat is not corrected at all"),
        (lambda v, s, t, b1, b2: (v / (1 - b1 ** (t - 1)), s / (1 - b2 ** (t - 1))),
         "your v_hat divides by 1 - beta1^(t-1): t is counted from 1"),
        (lambda v, s, t, b1, b2: (v / (1 - b1 ** (t + 1)), s / (1 - b2 ** (t + 1))), "divides by 1 - beta1^(t+1)"),
        (lambda v, s, t, b1, b2: (v * (1 - b1**t), s * (1 - b2**t)), "your v_hat multiplies by 1 - beta1^t; divide by it"),
        (lambda v, s, t, b1, b2: (v / b1**t, s / b2**t), "your v_hat divides by beta1^t; the correction is 1 - beta1^t"),
        (lambda v, s, t, b1, b2: (v / (1 - b1), s / (1 - b2)), "divides by 1 - beta1, without the power t"),
        (lambda v, s, t, b1, b2: (v / (1 - b2**t), s / (1 - b1**t)), "your v_hat uses beta2"),
        (lambda v, s, t, b1, b2: (v / (1 - b1**t), s / np.sqrt(1 - b2**t)), "your s_hat divides by the square root"),
        (lambda v, s, t, b1, b2: (s / (1 - b2**t), v / (1 - b1**t)), "your v_hat and s_hat are swapped"),
    ],
)
def test_each_usual_bias_correction_mistake_is_named(answer, words):
    result = check_adam_bias_correction(answer)
    assert not result and words in result.message, result.message


def test_a_bias_correction_that_changes_its_inputs_or_returns_one_value_is_told_so():
    def in_place(v, s, t, beta1, beta2):
        v /= 1 - beta1**t
        s /= 1 - beta2**t
        return v, s

    assert "your function changed its input v" in check_adam_bias_correction(in_place).message
    one = check_adam_bias_correction(lambda v, s, t, b1, b2: v / (1 - b1**t))
    assert not one and "return the 2 values (v_hat, s_hat)" in one.message

    def only_late_steps(v, s, t, beta1, beta2):  # right at the direct cases, then wrong once Adam reaches step 6
        return bias_correction(v, s, t, beta1, beta2) if t != 6 else (v, s)

    late = check_adam_bias_correction(only_late_steps)
    assert not late and "in Adam with learning_rate=0.01, beta1=0.9, beta2=0.999, at step 6" in late.message


# ------------------------------------------------------------------------------------------------
# Dropout's backward pass


def test_the_dropout_backward_is_the_layer_s_and_central_differences_agree():
    rng = np.random.default_rng(2)
    A, dA = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    keep = rng.random((4, 6)) < 0.7
    layer = Dropout(keep_probability=0.7)
    layer.forward(A, keep=keep)
    assert np.allclose(dropout_backward(dA, keep, 0.7), layer.backward(dA), rtol=1e-15, atol=0)
    numeric = numerical_gradient(lambda a: float(np.sum(dA * layer.forward(a, keep=keep))), A.copy())
    assert np.allclose(dropout_backward(dA, keep, 0.7), numeric, rtol=1e-7, atol=1e-9)
    assert check_dropout_backward(dropout_backward)
    assert check_dropout_backward(lambda dA, keep, p: np.where(keep, dA / p, 0.0))


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda dA, keep, p: dA, "It is dA_dropped unchanged: a dropped unit took no part in the output"),
        (lambda dA, keep, p: dA / p, "It divides by p but forgets the mask: a dropped unit must receive exactly 0"),
        (lambda dA, keep, p: keep * dA, "It applies the mask but not the 1/p"),
        (lambda dA, keep, p: keep * dA * p, "It multiplies by p; the forward pass divided by p"),
        (lambda dA, keep, p: ~keep * dA / p, "It uses the mask inverted"),
        (lambda dA, keep, p: keep * dA / (1 - p), "It divides by 1 - p, the probability of dropping a unit"),
    ],
)
def test_each_usual_dropout_mistake_is_named(answer, words):
    result = check_dropout_backward(answer)
    assert not result and "your dA is not right yet." in result.message and words in result.message, result.message


def test_a_dropout_backward_that_returns_the_mask_s_booleans_or_changes_dA_is_told_so():
    assert "True/False values; expected numbers" in check_dropout_backward(lambda dA, keep, p: keep).message

    def in_place(dA, keep, p):
        dA *= keep / p
        return dA

    assert "your function changed its input dA_dropped" in check_dropout_backward(in_place).message


# ------------------------------------------------------------------------------------------------
# The L2 term of the gradient


def test_the_l2_reference_is_the_derivative_of_the_penalty():
    rng = np.random.default_rng(3)
    params = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1)), "W2": rng.normal(size=(1, 3))}
    for name, p in params.items():
        numeric = numerical_gradient(lambda _: l2_penalty(params, 0.2), p)
        assert np.allclose(l2_gradient(params, 0.2)[name], numeric, atol=1e-9)
    chapter_solution = lambda params, lam: {n: lam * p if n.startswith("W") else np.zeros_like(p) for n, p in params.items()}
    assert check_l2_gradient(chapter_solution)
    flat_biases = lambda params, lam: {n: lam * p if n.startswith("W") else np.zeros(len(p)) for n, p in params.items()}
    assert check_l2_gradient(flat_biases)


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda ps, lam: {n: lam * p for n, p in ps.items()},
         "your b1 entry is not right yet. b1 is a bias, and the biases are not in the penalty"),
        (lambda ps, lam: {n: lam / 2 * p if n[0] == "W" else 0 * p for n, p in ps.items()},
         "your W1 entry is not right yet. It is half the right value: the derivative of (lambda/2)||W||^2 is lambda W"),
        (lambda ps, lam: {n: 2 * lam * p if n[0] == "W" else 0 * p for n, p in ps.items()}, "It is twice the right value"),
        (lambda ps, lam: {n: lam / 2 * p**2 if n[0] == "W" else 0 * p for n, p in ps.items()},
         "It is the penalty's terms (lambda/2) W^2, not their derivative"),
        (lambda ps, lam: {n: p if n[0] == "W" else 0 * p for n, p in ps.items()}, "It is W itself, without the factor lambda"),
        (lambda ps, lam: {n: 0 * p for n, p in ps.items()}, "It is zero: each weight's term is lambda W"),
        (lambda ps, lam: {n: -lam * p if n[0] == "W" else 0 * p for n, p in ps.items()}, "It has the wrong sign."),
        (lambda ps, lam: {n: lam * p for n, p in ps.items() if n[0] == "W"},
         "has the weights only: return an entry for every parameter, zeros for the biases"),
        (lambda ps, lam: l2_penalty(ps, lam), "returned the number"),
    ],
)
def test_each_usual_l2_mistake_is_named(answer, words):
    result = check_l2_gradient(answer)
    assert not result and "for parameters ['W1', 'b1', 'W2', 'b2'] and weight_decay=0.2" in result.message
    assert words in result.message, result.message


# ------------------------------------------------------------------------------------------------
# Diagnosing learning curves


def test_the_diagnosis_passes_in_any_reasonable_spelling():
    assert check_learning_curve_diagnosis(dict(CURVE_ANSWERS))
    assert check_learning_curve_diagnosis({"a": "LR too low", "b": "Over-fitting", "c": "η too high!"})
    assert check_learning_curve_diagnosis({"A ": "too small", "B": "overfit", "C": "high"})
    assert check_learning_curve_diagnosis({"C": "learning_rate_too_high", "A": "small step size", "B": "OVERFITTING"})


@pytest.mark.parametrize(
    "text, reading",
    [
        ("learning rate too low", "learning rate too low"),
        ("Learning rate is too LOW.", "learning rate too low"),
        ("low lr", "learning rate too low"),
        ("too-high", "learning rate too high"),
        ("step size too large", "learning rate too high"),
        ("over fitting", "overfitting"),
        ("high variance", None),  # means overfitting, but names no choice
        ("the learning rate is not too high", None),
        ("too high and overfitting", None),
        ("lower the learning rate", None),  # a remedy, not a diagnosis
        ("underfitting", None),
        ("", None),
        (3, None),
        ("too high " * 40, None),
    ],
)
def test_read_diagnosis(text, reading):
    assert read_diagnosis(text) == reading


def test_a_wrong_or_unreadable_diagnosis_gets_a_calm_not_yet():
    stub = check_learning_curve_diagnosis({"A": "", "B": "", "C": ""})
    assert not stub and stub.message.startswith("Not yet: you have not diagnosed A yet: write one of ['learning rate too low'")
    swapped = check_learning_curve_diagnosis({"A": "learning rate too low", "B": "overfitting", "C": "overfitting"})
    assert not swapped and swapped.message == (
        "Not yet: 2 of 3 right. C is not 'overfitting': C's loss jumps above where it started after the first epoch "
        "and stays there, erratic.")
    all_wrong = check_learning_curve_diagnosis({"A": "too high", "B": "too low", "C": "too low"})
    assert not all_wrong and "0 of 3 right. A is not 'learning rate too high'" in all_wrong.message
    assert "And 2 more to look at again." in all_wrong.message
    other = check_learning_curve_diagnosis({"A": "underfitting", "B": "overfitting", "C": "too high"})
    assert not other and "your diagnosis of A, 'underfitting', is not one of the choices" in other.message
    assert "your diagnosis has no entry 'C'" in check_learning_curve_diagnosis({"A": "too low", "B": "overfitting"}).message
    assert "a key that is the number 1" in check_learning_curve_diagnosis({1: "too low"}).message
    listed = check_learning_curve_diagnosis(["too low", "overfitting", "too high"])
    assert not listed and "your diagnosis is a list of 3 items; give a dict with one choice per run" in listed.message
    assert "your diagnosis of B, the number 0.5, is not one of the choices" in check_learning_curve_diagnosis(
        {"A": "too low", "B": 0.5, "C": "too high"}).message
