"""Every registered checker, fed its right answer and every bad answer we can think of.

A checker must pass its solution, and answer every bad answer with a short, falsy "Not yet", within
its time limit, whatever numpy's error settings (ignore, warn or raise), and leave the reader's
settings, streams, signal handler and warning filters as it found them. The bad answers are a
table of misbehaviours (run on every checker) and a hypothesis strategy that mixes them with random
arrays of random shapes and dtypes. A new checker registered in ``nnlib.exercises.CHECKERS`` is
tested here without a line more.
"""

import gc
import signal
import sys
import time
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnlib.exercises import CHECKERS
from nnlib.exercises.checking import MESSAGE_LIMIT, CheckResult, override_time_limit
from nnlib.network import Network

MODES = ("ignore", "warn", "raise")
SHORT_LIMIT = 0.05
"""Seconds: the time limit the bad answers get (override_time_limit), so answers that never return cost little."""

NAMES = sorted(CHECKERS)
FUNCTION_CHECKERS = [name for name in NAMES if len(CHECKERS[name].solution()) == 1 and callable(CHECKERS[name].solution()[0])]
VALUE_CHECKERS = [name for name in NAMES if name not in FUNCTION_CHECKERS]


class Subclass(np.ndarray):
    pass


class BadArray:
    """numpy cannot turn it into an array."""

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no array here")


class BadEq:
    """Compares with nothing, prints as 2 MB."""

    def __eq__(self, other):
        raise RuntimeError("no comparison")

    __hash__ = object.__hash__

    def __repr__(self):
        return "x" * 2_000_000


class Odd(BaseException):
    pass


BAD_VALUES = [
    None, "0.5", b"x", {"z": 1.0}, {BadEq(): 1.0}, {1, 2}, [1.0, [2.0, 3.0]], [], (), 1 + 2j, np.array([1 + 1j]), 10**400, 10**20,
    True, np.bool_(False), np.array([True]), np.float16(0.5), np.int8(3), np.arange(3), np.nan, np.inf, -np.inf,
    np.array([np.nan, 1.0]), np.array(0.3), np.array(["a"]), np.zeros(0), np.zeros((2, 0)), BadArray(), BadEq(), object(),
    Fraction(1, 3), np.array([[0.5]]).view(Subclass), np.ma.masked_array([1.0], mask=[True]), print, np.datetime64("2020-01-01"),
]
"""Values that are not a right answer to any exercise: returned by a function, or passed where a value belongs."""


def returning(value):
    return lambda *args: value


def raising(exc):
    def answer(*args):
        raise exc

    return answer


def recursing(*args):
    return recursing(*args)


def sleeping(record):
    def answer(*args):
        time.sleep(30)
        record.append("the answer woke up: it was not stopped")

    return answer


def looping(*args):
    while True:
        pass


def printing(*args):
    for i in range(100_000):
        print("line", i)


def quieting(*args):
    np.seterr(all="ignore")
    warnings.simplefilter("ignore")
    return np.array([np.nan])


def mutating(*args):
    """Changes every input it can, then returns garbage."""
    for arg in args:
        _spoil(arg)
    return args[0] if args else None


def diverging(*args):
    """Sends every network it gets to NaN and 1e300, and returns NaN gradients."""
    grads = None
    for arg in args:
        if isinstance(arg, Network):
            for k, p in enumerate(arg.parameters().values()):
                p[...] = np.nan if k % 2 else 1e300
            grads = {name: np.full_like(p, np.nan) for name, p in arg.parameters().items()}
    return grads if grads is not None else np.array([np.nan])


def _spoil(arg):
    if isinstance(arg, np.ndarray) and arg.size:
        arg.flat[0] = arg.flat[0] + 1
    elif isinstance(arg, list):
        arg.append(None)
    elif isinstance(arg, dict):
        for value in arg.values():
            _spoil(value)
        arg["extra"] = 0
    elif isinstance(arg, Network):
        arg.layers[0].W += 1.0


def right_but(solution, misbehaviour):
    """The right answer, spoilt: it warns, changes its input, changes numpy's settings, or is a generator."""
    if misbehaviour == "is a generator":  # its body runs only if someone iterates over what it returns

        def generator(*args):
            yield solution(*args)

        return generator

    def answer(*args):
        result = solution(*args)
        if misbehaviour == "warns":
            warnings.warn("careful", RuntimeWarning, stacklevel=1)
        elif misbehaviour == "changes its input":  # one that no exercise hands over to be changed (a network may be)
            inputs = [a for a in args if isinstance(a, (np.ndarray, list, dict))]
            if not inputs:
                raise LookupError("the inputs are numbers, which nobody can change")
            _spoil(inputs[0])
        elif misbehaviour == "changes numpy's settings":
            np.seterr(over="ignore")
        return result

    return answer


def function_behaviours(name: str, record: list) -> list[tuple[str, object]]:
    """(label, answer) for every misbehaviour of a function answer to checker ``name``."""
    solution = CHECKERS[name].solution()[0]
    behaviours = [(f"returns {value!r:.30}", returning(value)) for value in BAD_VALUES]
    behaviours += [(f"is {value!r:.30}", value) for value in BAD_VALUES if not callable(value)]
    behaviours += [
        ("returns a generator", lambda *args: (x for x in range(3))),
        ("returns its first input", lambda *args: args[0]),
        ("returns its inputs", lambda *args: args),
        ("raises with a 2 MB message", raising(ValueError("x" * 2_000_000))),
        ("raises ZeroDivisionError", raising(ZeroDivisionError())),
        ("raises a BaseException", raising(Odd())),
        ("raises MemoryError", raising(MemoryError())),
        ("raises StopIteration", raising(StopIteration())),
        ("recurses without end", recursing),
        ("sleeps past the limit", sleeping(record)),
        ("loops forever", looping),
        ("prints 100,000 lines", printing),
        ("changes numpy's settings and warning filters", quieting),
        ("changes its inputs", mutating),
        ("diverges", diverging),
    ]
    for misbehaviour in ("warns", "changes numpy's settings", "is a generator", "changes its input"):
        behaviours.append((f"is right but {misbehaviour}", right_but(solution, misbehaviour)))
    return behaviours


def value_behaviours(name: str, record: list) -> list[tuple[str, tuple]]:
    """(label, arguments) with one argument of the right answer replaced by a bad value, for checker ``name``."""
    right = CHECKERS[name].solution()
    bad = BAD_VALUES + [sleeping(record), looping, printing, raising(Odd())]
    return [(f"argument {i} is {value!r:.30}", right[:i] + (value,) + right[i + 1 :]) for i in range(len(right)) for value in bad]


class Surroundings:
    """What a checker must leave as it found it."""

    def __init__(self):
        self.state = (np.geterr(), sys.stdout, sys.stderr, signal.getsignal(signal.SIGALRM), list(warnings.filters))

    def unchanged(self) -> bool:
        return Surroundings().state == self.state and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def verdict(name: str, args: tuple, mode: str) -> CheckResult:
    """The checker's verdict on ``args`` under np.errstate(all=mode), after checking it left everything as it was.

    The garbage collector is off meanwhile: hypothesis times it with a callback, and an alarm that
    rings inside a callback is reported by pytest as an unraisable exception (the next alarm stops
    the answer all the same).
    """
    with np.errstate(all=mode):
        around = Surroundings()
        gc.disable()
        try:
            with override_time_limit(SHORT_LIMIT):
                result = CHECKERS[name].check(*args)
        finally:
            gc.enable()
        assert around.unchanged(), f"{name} changed numpy's settings, a stream, the alarm or the warning filters"
    return result


def assert_calm_not_yet(result, name: str, label: str, record: list):
    assert isinstance(result, CheckResult), f"{name}: an answer that {label} got {result!r:.200}"
    assert not result, f"{name} passed an answer that {label}: {result.message}"
    assert result.message.startswith("Not yet") and len(result.message) <= MESSAGE_LIMIT, (name, label, result.message[:500])
    assert record == [], f"{name} did not stop an answer that {label}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", NAMES)
def test_the_solution_passes_under_any_numpy_setting(name, mode):
    exercise = CHECKERS[name]
    with np.errstate(all=mode):
        around = Surroundings()
        result = exercise.check(*exercise.solution())
        assert around.unchanged()
    assert isinstance(result, CheckResult) and result, result
    assert result.message.startswith("Correct") and len(result.message) <= MESSAGE_LIMIT


@pytest.mark.parametrize("name", FUNCTION_CHECKERS)
def test_every_bad_function_gets_a_short_not_yet(name):
    record = []
    for k, (label, answer) in enumerate(function_behaviours(name, record)):
        assert_calm_not_yet(verdict(name, (answer,), MODES[k % 3]), name, label, record)


@pytest.mark.parametrize("name", VALUE_CHECKERS)
def test_every_bad_value_gets_a_short_not_yet(name):
    record = []
    for k, (label, args) in enumerate(value_behaviours(name, record)):
        assert_calm_not_yet(verdict(name, args, MODES[k % 3]), name, label, record)


DTYPES = [np.float64, np.float32, np.float16, np.int64, np.int8, np.uint8, np.bool_, np.complex128]
random_arrays = hnp.arrays(st.sampled_from(DTYPES), hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5))
HYPOTHESIS = settings(max_examples=12, deadline=None, derandomize=True, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@pytest.mark.parametrize("name", FUNCTION_CHECKERS)
@HYPOTHESIS
@given(data=st.data())
def test_a_function_drawn_from_bad_behaviours_gets_a_short_not_yet(name, data):
    record = []
    label, answer = data.draw(st.one_of(
        st.sampled_from(function_behaviours(name, record)),
        random_arrays.map(lambda a: (f"returns an array of shape {a.shape} and dtype {a.dtype}", returning(a))),
    ))
    assert_calm_not_yet(verdict(name, (answer,), data.draw(st.sampled_from(MODES))), name, label, record)


@pytest.mark.parametrize("name", VALUE_CHECKERS)
@HYPOTHESIS
@given(data=st.data())
def test_a_value_drawn_from_bad_values_gets_a_short_not_yet(name, data):
    record, right = [], CHECKERS[name].solution()
    i = data.draw(st.integers(0, len(right) - 1))
    wrong_size = random_arrays.filter(lambda a: a.size != np.size(right[i]))  # an array of the right size might be right
    value = data.draw(st.one_of(st.sampled_from(BAD_VALUES), wrong_size))
    args = right[:i] + (value,) + right[i + 1 :]
    assert_calm_not_yet(verdict(name, args, data.draw(st.sampled_from(MODES))), name, f"argument {i} is {value!r:.60}", record)
