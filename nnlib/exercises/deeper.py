"""Checkers for chapter 12, training deeper networks: optimisers, regularisation, and learning curves.

The references are nnlib's own :class:`~nnlib.optimizers.Momentum` and
:class:`~nnlib.optimizers.Adam`, :class:`~nnlib.dropout.Dropout` with a fixed mask, and
:func:`~nnlib.regularization.l2_gradient`, run over several steps and shapes. A wrong answer is
compared with what each usual mistake computes on the same inputs (the learning rate inside the
velocity, t counted from 0, a forgotten mask, decayed biases, λ/2 for λ), and the message names
the mistake it matches (:func:`nnlib.exercises.hints.known_mistake`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import numpy as np

from ..dropout import Dropout
from ..optimizers import Adam, Momentum
from ..regularization import decays, l2_gradient
from . import hints
from .checking import CheckResult, NotYet, _name_mismatch, _short, as_dict, as_numbers, as_tuple, checker, compare, run

# ------------------------------------------------------------------------------------------------
# Momentum


def momentum_step(params: dict, grads: dict, velocity: dict, learning_rate: float, momentum: float) -> None:
    """One step of gradient descent with momentum, in place: v <- beta v + g, then theta <- theta - eta v.

    A missing velocity starts at zero. The exercise's solution.

    Examples
    --------
    >>> params, velocity = {"b1": np.array([[0.0]])}, {}
    >>> for g in [1.0, 1.0]:
    ...     momentum_step(params, {"b1": np.array([[g]])}, velocity, 0.1, 0.5)
    >>> velocity["b1"], params["b1"]
    (array([[1.5]]), array([[-0.25]]))
    """
    for name, theta in params.items():
        v = velocity.setdefault(name, np.zeros_like(theta))
        v *= momentum
        v += grads[name]
        theta -= learning_rate * v


def _momentum_mistakes() -> list[tuple[str, Callable]]:
    """(sentence, rule) for the usual wrong momentum steps; each rule maps (theta, v, g, eta, beta) to the new (theta, v)."""
    return [
        ("You put the learning rate (and the minus) inside the velocity, v <- beta v - eta g, theta <- theta + v. At a "
         "fixed eta it walks the same path, but the exercise, nnlib and PyTorch keep eta outside, v <- beta v + g, "
         "theta <- theta - eta v, so that a schedule can change eta.",
         lambda th, v, g, eta, beta: (th + (beta * v - eta * g), beta * v - eta * g)),
        ("You put the learning rate inside the velocity, v <- beta v + eta g, theta <- theta - v. The exercise keeps it "
         "outside: v <- beta v + g, theta <- theta - eta v.",
         lambda th, v, g, eta, beta: (th - (beta * v + eta * g), beta * v + eta * g)),
        ("Your velocity is an average, v <- beta v + (1 - beta) g, as Adam's first moment. Momentum adds the whole "
         "gradient: v <- beta v + g.",
         lambda th, v, g, eta, beta: (th - eta * (beta * v + (1 - beta) * g), beta * v + (1 - beta) * g)),
        ("You moved theta with the old velocity, before updating it. Update v first, then theta <- theta - eta v.",
         lambda th, v, g, eta, beta: (th - eta * v, beta * v + g)),
        ("learning_rate and momentum are swapped: the function receives (params, grads, velocity, learning_rate, "
         "momentum).",
         lambda th, v, g, eta, beta: (th - beta * (eta * v + g), eta * v + g)),
        ("Your step is plain gradient descent: the velocity must carry the past, v <- beta v + g with the v of the "
         "previous step, kept in velocity[name].",
         lambda th, v, g, eta, beta: (th - eta * g, g)),
        ("Your step goes uphill: theta <- theta - eta v, with a minus.",
         lambda th, v, g, eta, beta: (th + eta * (beta * v + g), beta * v + g)),
    ]


def _momentum_cases() -> list[tuple[dict[str, tuple], float, float, int]]:
    """(shapes by name, learning rate, momentum, steps)."""
    return [
        ({"W1": (3, 2), "b1": (3, 1), "W2": (1, 3), "b2": (1, 1)}, 0.1, 0.9, 5),
        ({"W1": (2, 4), "b1": (2, 1)}, 0.05, 0.5, 4),
        ({"b1": (1, 1)}, 0.2, 0.0, 3),
    ]


@checker(solution=lambda: (momentum_step,))
def check_momentum(answer) -> CheckResult:
    """Check ``answer(params, grads, velocity, learning_rate, momentum)``, one momentum step in place.

    ``params``, ``grads`` and ``velocity`` are dicts of arrays by name; ``velocity`` starts empty.
    The answer must update ``velocity[name]`` to beta v + g (a missing v is 0) and ``params[name]``
    to theta - eta v, and leave ``grads`` alone. The checker takes several steps on three networks'
    parameters, beside :class:`nnlib.optimizers.Momentum` fed the same gradients, and compares the
    velocities and the parameters after every step.

    Examples
    --------
    >>> check_momentum(momentum_step).passed
    True
    """
    rng = np.random.default_rng(12)
    for shapes, eta, beta, steps in _momentum_cases():
        where = f"with learning_rate={eta:g}, momentum={beta:g} and parameters {list(shapes)}"
        params = {name: rng.normal(size=shape) for name, shape in shapes.items()}
        start = {name: p.copy() for name, p in params.items()}
        reference, optimizer = {name: p.copy() for name, p in params.items()}, Momentum(eta, beta)
        mistakes = [(sentence, rule, {n: p.copy() for n, p in params.items()}, {n: np.zeros(s) for n, s in shapes.items()})
                    for sentence, rule in _momentum_mistakes()]
        velocity: dict = {}
        for step in range(1, steps + 1):
            grads = {name: rng.normal(size=shape) for name, shape in shapes.items()}
            where_now = f"{where}, after step {step}"
            returned = _momentum_run(answer, params, grads, velocity, eta, beta, f"{where}, at step {step}")
            optimizer.step(reference, grads)
            for _, rule, theta, v in mistakes:
                for name in shapes:
                    theta[name], v[name] = rule(theta[name], v[name], grads[name], eta, beta)
            mine_p = _read_state(params, shapes, "params", where_now)
            unchanged = all(np.array_equal(mine_p[name], start[name]) for name in shapes)
            if unchanged and (step > 1 or isinstance(returned, Mapping) or not velocity):
                raise NotYet(_unchanged_params(returned, where))
            if not velocity:
                raise NotYet(f"{where_now}, velocity is still empty: store each parameter's velocity in it, "
                             "velocity[name], so that the next step can use it.")
            mine_v = _read_state(velocity, shapes, "velocity", where_now)
            if not unchanged:  # unchanged after step 1 only: the velocity came too late, or never does; step 2 tells
                _compare_states(mine_p, mine_v, reference, optimizer.velocity, mistakes, where_now)
    return CheckResult(True, "Correct: your velocities and parameters agree with nnlib's Momentum after every step, "
                       "on all 3 test networks.")


def _momentum_run(answer, params: dict, grads: dict, velocity: dict, eta: float, beta: float, where: str):
    """One call of the answer, which may change ``params`` and ``velocity``; a KeyError on an empty velocity gets a hint."""
    case = {"params": params, "grads": grads, "velocity": velocity, "learning_rate": eta, "momentum": beta}
    try:
        return run(answer, case, "momentum step", where, may_change=("params", "velocity"))
    except NotYet as exc:
        if "KeyError" in str(exc) and not velocity:
            raise NotYet(f"{exc} The dict velocity starts empty, and a missing velocity is zero: "
                         "velocity.setdefault(name, np.zeros_like(theta)).") from None
        raise


def _read_state(state, shapes: dict, what: str, where: str) -> dict[str, np.ndarray]:
    """The arrays of ``params`` or ``velocity`` after the answer's step, as float64, by name; NotYet if a name is missing."""
    if not isinstance(state, Mapping):
        raise NotYet(f"{where}, {what} is {hints.describe(state)}; it must stay a dict of arrays by name.")
    problem = _name_mismatch(list(state.keys()), list(shapes))
    if problem:
        raise NotYet(f"{where}, {what} {problem}; expected the names {list(shapes)}.")
    return {name: as_numbers(state[name], f"{where}, your {what}[{name!r}] is", returned=False) for name in shapes}


def _unchanged_params(returned, where: str) -> str:
    made_new = isinstance(returned, Mapping)
    return (f"{where}, your step left params as they were" + (" and returned a new dict" if made_new else "") + ". Update "
            "each array in place, theta -= learning_rate * v (or params[name] = ...): `theta = theta - ...` makes a new "
            "array that the dict does not hold.")


def _compare_states(mine_p: dict, mine_v: dict, expected_p: dict, expected_v: dict, mistakes: list, where: str) -> None:
    """Compare the answer's velocities, then its parameters, with nnlib's; name the usual mistake they match."""
    right = all(np.allclose(mine_v[n], expected_v[n], rtol=1e-9, atol=1e-12)
                and np.allclose(mine_p[n], expected_p[n], rtol=1e-9, atol=1e-12) for n in mine_p)
    if right:
        return
    names = list(mine_p)
    mistake = hints.known_mistake(tuple(mine_p[n] for n in names) + tuple(mine_v[n] for n in names),
                                  [(sentence, tuple(theta[n] for n in names) + tuple(v[n] for n in names))
                                   for sentence, _, theta, v in mistakes])
    if mistake:
        raise NotYet(f"{where}:{mistake}")
    for name in mine_p:
        compare(mine_v[name], expected_v[name], f"velocity[{name!r}]", where, returned=False)
        compare(mine_p[name], expected_p[name], f"params[{name!r}]", where, returned=False)


# ------------------------------------------------------------------------------------------------
# Adam's bias correction


def bias_correction(v: np.ndarray, s: np.ndarray, t: int, beta1: float, beta2: float) -> tuple[np.ndarray, np.ndarray]:
    """Adam's corrected moments at step t (counted from 1): v / (1 - beta1^t) and s / (1 - beta2^t).

    The exercise's solution.

    Examples
    --------
    >>> g = np.array([2.0, -0.5])
    >>> bias_correction(0.1 * g, 0.001 * g**2, 1, 0.9, 0.999)
    (array([ 2. , -0.5]), array([4.  , 0.25]))
    """
    return v / (1 - beta1**t), s / (1 - beta2**t)


def _correction_mistakes(moment: np.ndarray, beta: float, other_beta: float, t: int, which: str) -> list[tuple[str, object]]:
    """(sentence, result) of the usual wrong corrections of one moment (``which``: "v_hat" or "s_hat")."""
    b = "beta1" if which == "v_hat" else "beta2"
    other = "beta2" if which == "v_hat" else "beta1"
    mistakes = [
        (f"your {which} is not corrected at all: divide by 1 - {b}^t.", moment),
        (f"your {which} divides by 1 - {b}^(t-1): t is counted from 1, so the first step divides by 1 - {b}.",
         moment / (1 - beta ** (t - 1)) if t > 1 else None),
        (f"your {which} divides by 1 - {b}^(t+1): use the t you are given, counted from 1.", moment / (1 - beta ** (t + 1))),
        (f"your {which} multiplies by 1 - {b}^t; divide by it.", moment * (1 - beta**t)),
        (f"your {which} divides by {b}^t; the correction is 1 - {b}^t, the weight the average has gathered.",
         moment / beta**t if beta > 0 else None),
        (f"your {which} divides by 1 - {b}, without the power t: right at t = 1 only.", moment / (1 - beta)),
        (f"your {which} uses {other}: v_hat goes with beta1, s_hat with beta2.", moment / (1 - other_beta**t)),
    ]
    if which == "s_hat":
        mistakes.append(("your s_hat divides by the square root of 1 - beta2^t, the form folded into the learning rate "
                         "for sqrt(s); s_hat itself divides by 1 - beta2^t.", moment / np.sqrt(1 - beta**t)))
    return [(sentence, result) for sentence, result in mistakes if result is not None]


def _bias_cases() -> list[dict]:
    """Direct cases, t >= 2 first: a t counted from 0 shows there as a wrong value, not as a division by zero."""
    rng = np.random.default_rng(13)
    cases = []
    for shape, t, beta1, beta2 in [((4,), 5, 0.8, 0.99), ((2, 3), 2, 0.9, 0.999), ((3, 1), 1000, 0.9, 0.999),
                                   ((2, 2), 1, 0.9, 0.999), ((), 3, 0.5, 0.75), ((1, 4), 1, 0.0, 0.5)]:
        g = rng.normal(size=shape)
        cases.append({"v": rng.normal(size=shape) * 0.3, "s": (g**2) * 0.01 + 1e-3, "t": t, "beta1": beta1, "beta2": beta2})
    return cases


@checker(solution=lambda: (bias_correction,))
def check_adam_bias_correction(answer) -> CheckResult:
    """Check ``answer(v, s, t, beta1, beta2)``, which returns Adam's corrected moments ``(v_hat, s_hat)`` of step t.

    t counts the steps from 1; v_hat = v / (1 - beta1^t) and s_hat = s / (1 - beta2^t), and v and
    s stay unchanged. The checker tries several t (1 to 1000), betas and shapes, then runs Adam for
    six steps with the answer's correction, beside :class:`nnlib.optimizers.Adam`.

    Examples
    --------
    >>> check_adam_bias_correction(bias_correction).passed
    True
    """
    names = ("v_hat", "s_hat")
    for case in _bias_cases():
        where = f"for t={case['t']}, beta1={case['beta1']:g}, beta2={case['beta2']:g}"
        got = as_tuple(run(answer, case, "function", where), names, "function", where)
        expected = bias_correction(**case)
        mix_up = hints.swapped(got, expected, names)
        if mix_up:
            raise NotYet(f"{where}, {mix_up}: return (v_hat, s_hat) in this order.")
        for k, (name, moment, beta, other) in enumerate(zip(names, ("v", "s"), ("beta1", "beta2"), ("beta2", "beta1"))):
            value = as_numbers(got[k], f"{where}, your {name} is", returned=False)
            if value.shape == np.shape(expected[k]) and not np.allclose(value, expected[k], rtol=1e-9, atol=1e-12):
                mistake = hints.known_mistake(value, _correction_mistakes(case[moment], case[beta], case[other], case["t"], name))
                if mistake:
                    raise NotYet(f"{where},{mistake}")
            compare(value, expected[k], name, where, returned=False)
    _adam_steps(answer)
    return CheckResult(True, "Correct: your corrected moments agree on all 6 cases, and Adam built on them takes the "
                       "same steps as nnlib's Adam.")


def _adam_steps(answer) -> None:
    """Six Adam steps whose bias correction is the answer's, beside nnlib's Adam fed the same gradients."""
    rng = np.random.default_rng(14)
    for shape, eta, beta1, beta2 in [((2, 3), 0.01, 0.9, 0.999), ((3, 1), 0.1, 0.8, 0.99)]:
        theta = rng.normal(size=shape)
        params, optimizer = {"W1": theta.copy()}, Adam(learning_rate=eta, beta1=beta1, beta2=beta2)
        v = s = np.zeros(shape)
        for t in range(1, 7):
            g = rng.normal(size=shape)
            v, s = beta1 * v + (1 - beta1) * g, beta2 * s + (1 - beta2) * g**2
            where = f"in Adam with learning_rate={eta:g}, beta1={beta1:g}, beta2={beta2:g}, at step {t}"
            case = {"v": v, "s": s, "t": t, "beta1": beta1, "beta2": beta2}
            v_hat, s_hat = (as_numbers(x, f"{where}, your correction returned", returned=True)
                            for x in as_tuple(run(answer, case, "function", where), ("v_hat", "s_hat"), "function", where))
            if np.any(s_hat < 0):
                raise NotYet(f"{where}, your s_hat has a negative entry, {_short(s_hat.min())}: a square has none.")
            theta = theta - eta * v_hat / (np.sqrt(s_hat) + optimizer.epsilon)
            optimizer.step(params, {"W1": g})
            compare(theta, params["W1"], "parameter after the step", where, rtol=1e-9, atol=1e-12, returned=False)


# ------------------------------------------------------------------------------------------------
# Dropout's backward pass


def dropout_backward(dA_dropped: np.ndarray, keep: np.ndarray, keep_probability: float) -> np.ndarray:
    """The gradient with respect to a dropout layer's input: dA = (M / p) * dA_dropped, with the mask M = keep.

    The exercise's solution.

    Examples
    --------
    >>> dropout_backward(np.ones((1, 3)), np.array([[True, False, True]]), 0.5)
    array([[2., 0., 2.]])
    """
    return keep * dA_dropped / keep_probability


def _dropout_mistakes(dA: np.ndarray, keep: np.ndarray, p: float) -> list[tuple[str, np.ndarray]]:
    return [
        ("It is dA_dropped unchanged: a dropped unit took no part in the output, so it gets no gradient, and a kept "
         "one gets its gradient times 1/p.", dA),
        ("It divides by p but forgets the mask: a dropped unit must receive exactly 0. Multiply by keep too.", dA / p),
        ("It applies the mask but not the 1/p: the forward pass multiplied each kept output by 1/p, so its gradient "
         "carries the same factor.", keep * dA),
        ("It multiplies by p; the forward pass divided by p, and so does the backward pass.", keep * dA * p),
        ("It uses the mask inverted: keep is True where a unit was kept, and those units pass their gradient on.",
         ~keep * dA / p),
        ("It divides by 1 - p, the probability of dropping a unit; divide by keep_probability, p.", keep * dA / (1 - p)),
    ]


def _dropout_cases() -> list[dict]:
    rng = np.random.default_rng(15)
    cases = [{"dA_dropped": np.array([[0.3, -1.2, 0.8]]), "keep": np.array([[True, False, True]]), "keep_probability": 0.5}]
    for shape, p in [((4, 6), 0.7), ((3, 1), 0.8), ((5, 10), 0.2), ((2, 3), 1.0)]:
        keep = rng.random(shape) < p
        keep.flat[:2] = (True, p == 1.0)  # at least one unit kept, and one dropped unless p = 1
        cases.append({"dA_dropped": rng.normal(size=shape), "keep": keep, "keep_probability": p})
    return cases


@checker(solution=lambda: (dropout_backward,))
def check_dropout_backward(answer) -> CheckResult:
    """Check ``answer(dA_dropped, keep, keep_probability)``, the backward pass of inverted dropout.

    ``keep`` is the boolean mask M of the forward pass, A_dropped = (M / p) * A; the answer must
    return dA = (M / p) * dA_dropped, and leave its inputs unchanged. The reference is
    :class:`nnlib.dropout.Dropout`'s backward pass after a forward pass with the same mask.

    Examples
    --------
    >>> check_dropout_backward(dropout_backward).passed
    True
    """
    cases = _dropout_cases()
    for case in cases:
        p, keep = case["keep_probability"], case["keep"]
        where = f"for keep_probability={p:g} and dA_dropped of shape {keep.shape}"
        layer = Dropout(keep_probability=p)
        layer.forward(np.ones(keep.shape), keep=keep)
        expected = layer.backward(case["dA_dropped"])
        got = as_numbers(run(answer, case, "function", where), f"{where}, your function returned")
        if got.shape == expected.shape and not np.allclose(got, expected, rtol=1e-9, atol=1e-12):
            mistake = hints.known_mistake(got, _dropout_mistakes(case["dA_dropped"], keep, p))
            if mistake:
                raise NotYet(f"{where}, your dA is not right yet.{mistake}")
        compare(got, expected, "function", where)
    return CheckResult(True, f"Correct: your backward pass agrees with nnlib's Dropout layer on all {len(cases)} masks.")


# ------------------------------------------------------------------------------------------------
# The L2 term of the gradient


def _l2_mistakes(p: np.ndarray, lam: float, name: str) -> list[tuple[str, np.ndarray]]:
    if not decays(name):
        return [(f"{name} is a bias, and the biases are not in the penalty (lambda/2) sum ||W||^2: its term is zero, "
                 "np.zeros_like(b).", lam * p)]
    return [
        ("It is half the right value: the derivative of (lambda/2)||W||^2 is lambda W, the 2 of the square cancels the 1/2.",
         lam / 2 * p),
        ("It is twice the right value: the penalty is (lambda/2)||W||^2, whose derivative is lambda W.", 2 * lam * p),
        ("It is the penalty's terms (lambda/2) W^2, not their derivative lambda W.", lam / 2 * p**2),
        ("It is W itself, without the factor lambda.", p),
        ("It is zero: each weight's term is lambda W; only the biases' terms are zero.", np.zeros_like(p)),
    ]


def _l2_cases() -> list[dict]:
    rng = np.random.default_rng(16)
    cases = []
    for sizes, lam in [([2, 3, 1], 0.2), ([4, 2], 1e-3), ([3, 4, 4, 2], 0.5), ([2, 2], 0.0)]:
        params = {}
        for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
            params[f"W{l}"], params[f"b{l}"] = rng.normal(size=(n_out, n_in)), rng.normal(size=(n_out, 1))
        cases.append({"params": params, "weight_decay": lam})
    return cases


@checker(solution=lambda: (l2_gradient,))
def check_l2_gradient(answer) -> CheckResult:
    """Check ``answer(params, weight_decay)``: the gradient of (lambda/2) sum_l ‖W^[l]‖^2 for every parameter.

    It returns a dict with the names of ``params``: lambda W for each weight "W1", "W2", ..., and
    zeros for each bias "b1", "b2", ..., which the penalty leaves out. The reference is
    :func:`nnlib.regularization.l2_gradient`.

    Examples
    --------
    >>> check_l2_gradient(lambda params, lam: {n: lam * p if n[0] == "W" else 0 * p for n, p in params.items()}).passed
    True
    """
    cases = _l2_cases()
    for case in cases:
        params, lam = case["params"], case["weight_decay"]
        where = f"for parameters {list(params)} and weight_decay={lam:g}"
        returned = run(answer, case, "function", where)
        keys = list(returned) if isinstance(returned, Mapping) else []
        if keys and all(isinstance(k, str) for k in keys) and sorted(keys) == sorted(n for n in params if decays(n)):
            raise NotYet(f"{where}, the dict your function returned has the weights only: return an entry for every "
                         "parameter, zeros for the biases.")
        got = as_dict(returned, list(params), "function", where)
        expected = l2_gradient(params, lam)
        for name, p in params.items():
            value = as_numbers(got[name], f"{where}, your {name} entry is", returned=False)
            if value.shape == p.shape and not np.allclose(value, expected[name], rtol=1e-9, atol=1e-12):
                mistake = hints.known_mistake(value, _l2_mistakes(p, lam, name))
                if mistake:
                    raise NotYet(f"{where}, your {name} entry is not right yet.{mistake}")
            compare(value, expected[name], f"{name} entry", where, flat_ok=True, returned=False)
    return CheckResult(True, f"Correct: lambda W for every weight and zero for every bias, as nnlib's l2_gradient, "
                       f"in all {len(cases)} cases.")


# ------------------------------------------------------------------------------------------------
# Diagnosing learning curves

CURVE_CHOICES = ("learning rate too low", "learning rate too high", "overfitting")
"""The three diagnoses the exercise offers."""

CURVE_ANSWERS = {"A": "learning rate too low", "B": "overfitting", "C": "learning rate too high"}
"""The diagnosis of each of chapter 12's three runs. The chapter's solution reads the same
diagnoses off the curves themselves and checks them with this checker."""

CURVE_SHAPES = {
    "A": "both of A's curves fall steadily and slowly, and have not levelled off",
    "B": "B's training loss keeps falling while its held-out loss turns and rises: it learns the training set by heart",
    "C": "C's loss jumps above where it started after the first epoch and stays there, erratic",
}
"""What each run's curves show, for the hints."""


def read_diagnosis(text) -> str | None:
    """The choice of :data:`CURVE_CHOICES` that ``text`` names, in any reasonable spelling; None if none or several.

    Case, hyphens, underscores and punctuation do not matter, and the learning rate may be
    called "lr", "eta" or "step size", or left out ("too high"). A sentence that negates ("not
    too high") or names two choices is not read.

    Examples
    --------
    >>> read_diagnosis("LR too HIGH!"), read_diagnosis("Over-fitting"), read_diagnosis("too small")
    ('learning rate too high', 'overfitting', 'learning rate too low')
    >>> read_diagnosis("high variance") is None, read_diagnosis("not too high") is None
    (True, True)
    """
    if not isinstance(text, str) or len(text) > 200:
        return None
    words = " ".join(re.sub(r"[^a-zη]+", " ", text.lower()).split())
    if re.search(r"\b(not|no|isn t|isnt|never)\b", words):
        return None
    rate = bool(re.search(r"\b(learning ?rate|lr|eta|η|step ?size)\b", words))
    found = set()
    if re.search(r"\bover ?fit", words):
        found.add("overfitting")
    for choice, sizes in (("learning rate too high", r"high|large|big"), ("learning rate too low", r"low|small")):
        if re.fullmatch(rf"(too )?({sizes})", words) or re.search(rf"\btoo ({sizes})\b", words) or (
                rate and re.search(rf"\b({sizes})\b", words)):
            found.add(choice)
    return found.pop() if len(found) == 1 else None


@checker(solution=lambda: (dict(CURVE_ANSWERS),))
def check_learning_curve_diagnosis(diagnosis) -> CheckResult:
    """Check the diagnosis of chapter 12's three runs A, B and C: a dict such as ``{"A": "overfitting", ...}``.

    Each value is one of :data:`CURVE_CHOICES`, in any reasonable spelling (see :func:`read_diagnosis`).

    Examples
    --------
    >>> check_learning_curve_diagnosis({"A": "too low", "B": "overfitting", "C": "learning rate too high"}).passed
    True
    """
    letters, choices = list(CURVE_ANSWERS), list(CURVE_CHOICES)
    if not isinstance(diagnosis, Mapping):
        raise NotYet(f"your diagnosis is {hints.describe(diagnosis)}; give a dict with one choice per run, "
                     f"{{'A': ..., 'B': ..., 'C': ...}}, each one of {choices}.")
    odd = next((key for key in diagnosis if not isinstance(key, str)), None)
    if odd is not None:
        raise NotYet(f"your diagnosis has a key that is {hints.describe(odd)}; its keys are the runs' letters, {letters}.")
    given = {key.strip().upper(): text for key, text in diagnosis.items()}
    problem = _name_mismatch(list(given), letters)
    if problem:
        raise NotYet(f"your diagnosis {problem}; expected one entry per run, {letters}.")
    wrong = []
    for letter in letters:
        text = given[letter]
        if isinstance(text, str) and not text.strip():
            raise NotYet(f"you have not diagnosed {letter} yet: write one of {choices}.")
        choice = read_diagnosis(text)
        if choice is None:
            shown = repr(text) if isinstance(text, str) and len(text) <= 60 else hints.describe(text)
            raise NotYet(f"your diagnosis of {letter}, {shown}, is not one of the choices {choices}.")
        if choice != CURVE_ANSWERS[letter]:
            wrong.append(f"{letter} is not '{choice}': {CURVE_SHAPES[letter]}.")
    if wrong:
        return CheckResult(False, f"Not yet: {3 - len(wrong)} of 3 right. {wrong[0]}"
                           + (f" And {len(wrong) - 1} more to look at again." if len(wrong) > 1 else ""))
    return CheckResult(True, "Correct: A learns too slowly (learning rate too low), B overfits, and C's learning rate is "
                       "too high.")
