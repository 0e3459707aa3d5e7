"""The optimiser race runs nnlib's three optimisers on chapter 8's valley: each path is its update
rule written out by hand on the valley's quadratic loss, the controls refuse what they do not offer,
and what the hints (chapter 12) say about the runs holds."""

import numpy as np
import pytest

from nnlib.fixed_examples import START, critical_learning_rate, descent_hessian, descent_minimum, descent_path
from nnlib.widgets.optimizer_race import RaceFigure, optimizer_race, optimizer_race_state, race_run

H, THETA_STAR = descent_hessian(), descent_minimum()


def gradient(theta):
    """The valley's loss is quadratic: its gradient is H (theta - theta*), exactly."""
    return H @ (theta - THETA_STAR)


def by_hand(rule, steps=100):
    theta, state, path = np.array(START, dtype=float), {}, [np.array(START, dtype=float)]
    for t in range(1, steps + 1):
        theta = rule(theta, gradient(theta), state, t)
        path.append(theta)
    return np.array(path)


def test_gradient_descent_is_chapter_8s_descent():
    np.testing.assert_array_equal(race_run("gradient descent", 0.45)["path"], descent_path(0.45, 100)["path"])


def test_momentum_is_the_heavy_ball_written_out():
    def heavy_ball(theta, g, state, t, eta=0.4, beta=0.7):
        state["v"] = beta * state.get("v", 0.0) + g
        return theta - eta * state["v"]

    np.testing.assert_allclose(race_run("momentum", 0.4, 0.7)["path"], by_hand(heavy_ball), rtol=1e-9, atol=1e-12)


def test_adam_is_adam_written_out():
    def adam(theta, g, state, t, eta=0.2):
        state["v"] = 0.9 * state.get("v", 0.0) + 0.1 * g
        state["s"] = 0.999 * state.get("s", 0.0) + 0.001 * g**2
        return theta - eta * (state["v"] / (1 - 0.9**t)) / (np.sqrt(state["s"] / (1 - 0.999**t)) + 1e-8)

    np.testing.assert_allclose(race_run("Adam", 0.2)["path"], by_hand(adam), rtol=1e-9, atol=1e-12)


def test_the_state_holds_the_three_runs_and_their_excess():
    state = optimizer_race_state(0.3, 0.6, 0.05)
    assert list(state["runs"]) == ["gradient descent", "momentum", "Adam"]
    assert state["runs"]["momentum"] is race_run("momentum", 0.3, 0.6)
    run = state["runs"]["Adam"]
    np.testing.assert_array_equal(run["excess"], run["loss"] - run["min_loss"])


def test_values_the_controls_do_not_offer_are_refused():
    with pytest.raises(ValueError, match="momentum must lie from 0 to 0.95 .* got 1.0"):
        optimizer_race_state(momentum=1.0)
    with pytest.raises(ValueError, match="learning_rate must lie from 0.01 to 1 .* got 0"):
        optimizer_race_state(learning_rate=0)
    with pytest.raises(ValueError, match="adam_learning_rate must lie from 0.01 to 0.5 .* got 0.6"):
        optimizer_race_state(adam_learning_rate=0.6)
    with pytest.raises(TypeError, match="unexpected keyword argument 'beta'"):
        optimizer_race_state(beta=0.5)


def excess(runner, learning_rate, momentum=0.0):
    return race_run(runner, learning_rate, momentum)["excess"]


def test_momentum_damps_the_zigzag_until_it_overshoots():
    final = {beta: excess("momentum", 0.5, beta)[-1] for beta in (0.0, 0.3, 0.5, 0.6, 0.7, 0.9)}
    assert final[0.0] == excess("gradient descent", 0.5)[-1]  # beta = 0 is gradient descent
    assert final[0.0] > final[0.3] > final[0.5] > final[0.6]  # damped, faster
    assert final[0.9] > 1e3 * min(final.values())  # too much: it circles


def test_past_the_critical_rate_momentum_keeps_converging():
    def converges(run):
        return bool(np.isfinite(run[-1]) and run[-1] < 1e-3 * run[0])

    limit = 2 * (1 + 0.5) / np.linalg.eigvalsh(H).max()  # the heavy ball is stable for eta lambda < 2 (1 + beta)
    assert 0.8 < limit < 0.85 and critical_learning_rate() < 0.6
    for eta in (0.3, 0.5, 0.6, 0.8, 0.85, 0.9):
        assert converges(excess("gradient descent", eta)) == (eta < critical_learning_rate())
        assert converges(excess("momentum", eta, 0.5)) == (eta < limit)


def test_the_best_pair_is_fastest_and_less_momentum_diverges():
    def steps_to(run, level=1e-10):
        below = np.flatnonzero(run < level)
        return int(below[0]) if below.size else None

    best = steps_to(excess("momentum", 0.81, 0.48))
    assert best is not None and best < steps_to(excess("momentum", 0.81, 0.7)) and best < steps_to(excess("momentum", 0.5, 0.5))
    assert not np.isfinite(excess("momentum", 0.81, 0.4)[-1]) or excess("momentum", 0.81, 0.4)[-1] > 1.0


def test_adams_learning_rate():
    start = excess("Adam", 0.1)[0]
    assert excess("Adam", 0.01)[-1] > 0.3 * start  # a small eta has not arrived
    for eta in (0.2, 0.5):  # a large one arrives, then its loss rises and falls around the minimum
        run = excess("Adam", eta)
        arrived = int(np.flatnonzero(run < 1e-3)[0])
        assert arrived <= 50 and np.max(run[arrived:]) > 10 * run[arrived]
    for eta in (0.01, 0.05, 0.1, 0.5):
        assert excess("Adam", eta)[-1] > excess("momentum", 0.5, 0.5)[-1]


def test_figure_and_widget():
    fig = RaceFigure()
    fig.set_values(0.9, 0.5, 0.01)
    assert [text.get_text() for text in fig.outcomes.values()] == ["GD: diverged", "momentum: diverged", "Adam: 0.58"]
    live = optimizer_race()
    assert live.values() == {"learning_rate": 0.5, "momentum": 0.5, "adam_learning_rate": 0.1}
    assert "momentum 0.5" in live.alt
    live.controls["momentum"].value = 0.9
    assert live.image.value != live.static_png


def test_the_best_pair_experiment_starts_at_the_derived_pair_rounded_to_the_sliders():
    from nnlib.widgets.optimizer_race import OPTIMIZER_RACE

    low, high = np.linalg.eigvalsh(H)
    eta = 4 / (np.sqrt(high) + np.sqrt(low)) ** 2
    beta = ((np.sqrt(high / low) - 1) / (np.sqrt(high / low) + 1)) ** 2
    start = next(e for e in OPTIMIZER_RACE.experiments if e.title == "The best pair").start
    assert start == {"learning_rate": round(eta, 2), "momentum": round(beta, 2)}
