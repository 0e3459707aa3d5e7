"""The harness through which every checker runs a reader's answer, and the verdict it returns.

A reader meets a checker exactly when their code is wrong, so a checker must answer calmly
whatever the answer does. Every checker is decorated with :func:`checker`, and calls the
reader's function only through :func:`run`, so one rule, written here once, covers them all:

- **Always a verdict.** A checker returns a :class:`CheckResult` for every answer and never
  raises: whatever the answer raises (anything but ``KeyboardInterrupt`` and ``SystemExit``), and
  a result that is None, of the wrong type or shape, ragged, complex, NaN or infinite, becomes
  "Not yet" with a hint naming the likely mistake (:mod:`nnlib.exercises.hints`). A wrong call
  of the checker itself (an unknown name, a value where a function belongs) is a "Not yet" too.
- **Fresh inputs.** The answer gets fresh copies of its inputs. Changing one that the exercise
  does not hand over to be changed is a mistake, and is reported.
- **Fixed numpy settings.** The answer runs under ``np.errstate(**ANSWER_ERRSTATE)``; the
  checker's own work (the references, the comparisons) under ``np.errstate(all="ignore")`` with
  warnings silenced. No verdict depends on what the reader set with ``np.seterr``, and an answer
  that changes numpy's error settings is told so.
- **Warnings.** Inside the answer, an overflow, a division by zero or an invalid operation (0/0,
  inf - inf, the log of a negative number), and any ``RuntimeWarning``, fail the answer, even when
  its numbers come out right: the exercises ask for code that stays finite and silent. Underflow
  to 0 is fine, and other warnings (a ``DeprecationWarning`` of some library version) do not count.
- **Printed output** is captured while the checker runs; the verdict ends with its last line.
- **Short messages**: a verdict has at most :data:`MESSAGE_LIMIT` characters.
- **A time limit**: the whole check, answer included, stops after its time limit
  (:data:`TIME_LIMIT` unless the checker raises it) with "Not yet: your function took longer than
  N s". The limit uses ``signal.setitimer(ITIMER_REAL)``, so it exists only in the main thread on
  POSIX (Linux, macOS), where notebooks run their cells. Elsewhere (Windows, another thread) the
  answer runs without a limit. The alarm rings again every 0.05 s until the check ends, so an
  answer that swallows one (a bare ``except:``) is stopped by a later one that rings outside the
  ``try``; an endless loop that does all its work inside a bare ``except:`` may take long to stop.
  :func:`override_time_limit` replaces every limit, for tests.

Adding a checker
----------------
Write it in the topic's module and import that module in ``nnlib/exercises/__init__.py``, which
registers it in :data:`CHECKERS`. The three lines a checker needs, for a function ``answer(z)``::

    @checker(solution=lambda: (nnlib.sigmoid,))  # the arguments of a right answer
    def check_sigmoid(answer) -> CheckResult:
        return compare_function(answer, nnlib.sigmoid, [{"z": np.array([0.0, 1.0])}], "sigmoid")

For more than a comparison: ``got = run(answer, case, what, where)`` calls the answer once,
``compare(got, expected, what, where)`` compares what came back, ``as_numbers``, ``as_tuple``
and ``as_dict`` read a result of another kind, and ``raise NotYet(message)`` stops at the first
problem; :func:`checker` turns it into "Not yet: message". Return ``CheckResult(True, ...)``
when everything agrees. ``tests/exercises/test_every_checker.py`` then feeds the new checker
its solution and every bad answer it knows, with no test to write.
"""

from __future__ import annotations

import functools
import inspect
import io
import math
import signal
import textwrap
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from contextvars import ContextVar
from dataclasses import dataclass, field

import numpy as np

from ..network import Network
from . import hints

TIME_LIMIT = 3.0
"""Seconds a check may take, unless its checker raises it (``@checker(..., time_limit=10.0)``)."""

MESSAGE_LIMIT = 400
"""The longest verdict, in characters."""

ANSWER_ERRSTATE = {"over": "raise", "divide": "raise", "invalid": "raise", "under": "ignore"}
"""numpy's error settings while a reader's answer runs."""


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one exercise answer.

    Truthy when the answer is right. In a notebook it displays its message.

    Examples
    --------
    >>> bool(CheckResult(True, "Correct."))
    True
    """

    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        mark = "✔ " if self.passed else "✘ "
        return textwrap.fill(mark + self.message, width=100, subsequent_indent="  ")


class NotYet(Exception):
    """Raised inside a checker at the first problem; :func:`checker` turns it into "Not yet: <message>"."""


@dataclass(frozen=True)
class Exercise:
    """A registered checker: the checker itself, a right answer, and its time limit.

    ``solution()`` returns the arguments with which ``check`` passes: ``(nnlib.sigmoid,)`` for
    ``check_sigmoid``, ``([10.0, 10.0], -5.0, "or")`` for ``check_gate_weights``.
    """

    check: Callable[..., CheckResult]
    solution: Callable[[], tuple]
    time_limit: float


CHECKERS: dict[str, Exercise] = {}
"""Every checker, by name. Tests iterate over it; :func:`checker` fills it."""


@dataclass
class _Session:
    """One run of a checker: its time limit, what the answer printed, and whether the answer is running."""

    time_limit: float
    printed: _Output = field(default_factory=lambda: _Output())
    in_answer: bool = False


_session: ContextVar[_Session | None] = ContextVar("nnlib_checker_session", default=None)
_limit_override: ContextVar[float | None] = ContextVar("nnlib_checker_time_limit", default=None)


def checker(solution: Callable[[], tuple], time_limit: float = TIME_LIMIT) -> Callable:
    """Make a function a checker: run it under the harness's rule and register it in :data:`CHECKERS`.

    Parameters
    ----------
    solution : callable
        Returns the arguments of a right answer, as a tuple.
    time_limit : float
        Seconds the whole check may take; raise it where the work is heavy.

    Examples
    --------
    >>> @checker(solution=lambda: (3,))
    ... def check_three(n):
    ...     if n != 3:
    ...         raise NotYet(f"expected 3, got {n}.")
    ...     return CheckResult(True, "Correct: 3.")
    >>> check_three(4)
    ✘ Not yet: expected 3, got 4.
    >>> del CHECKERS["check_three"]
    """

    def register(check: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
        @functools.wraps(check)
        def guarded(*args, **kwargs) -> CheckResult:
            return _verdict(check, args, kwargs, time_limit)

        known = CHECKERS.get(check.__name__)
        if known is not None and known.check.__module__ != check.__module__:
            raise ValueError(f"two checkers are named {check.__name__}: in {known.check.__module__} and {check.__module__}.")
        CHECKERS[check.__name__] = Exercise(guarded, solution, time_limit)
        return guarded

    return register


@contextmanager
def override_time_limit(seconds: float):
    """Give every check started inside this block ``seconds`` as its time limit.

    Tests use a short limit for answers that never return; nothing else needs it.

    Examples
    --------
    >>> with override_time_limit(0.5):
    ...     _limit_override.get()
    0.5
    """
    token = _limit_override.set(float(seconds))
    try:
        yield
    finally:
        _limit_override.reset(token)


def _verdict(check: Callable[..., CheckResult], args: tuple, kwargs: dict, time_limit: float) -> CheckResult:
    """Run ``check`` under the harness's rule and return its verdict, shortened, with the end of what was printed."""
    session = _Session(_limit_override.get() or time_limit)
    token = _session.set(session)
    try:
        result = _guarded_call(check, args, kwargs, session)
    finally:
        _session.reset(token)
    note = session.printed.summary()
    return CheckResult(result.passed, _clip_middle(result.message, MESSAGE_LIMIT - len(note)) + note)


def _guarded_call(check: Callable[..., CheckResult], args: tuple, kwargs: dict, session: _Session) -> CheckResult:
    """The checker's verdict, or the harness's when the call is wrong, the answer misbehaves, or time runs out."""
    signature = inspect.signature(check)
    try:
        signature.bind(*args, **kwargs)
    except TypeError as exc:
        usage = ", ".join(str(p.replace(annotation=p.empty)) for p in signature.parameters.values())
        return CheckResult(False, f"Not yet: call it as {check.__name__}({usage}); {exc}.")
    try:
        with (
            redirect_stdout(session.printed),
            redirect_stderr(session.printed),
            np.errstate(all="ignore"),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")
            with _Stopwatch(session.time_limit):  # innermost, so it is switched off before anything else is restored
                return check(*args, **kwargs)
    except NotYet as exc:
        return CheckResult(False, f"Not yet: {exc}")
    except _OutOfTime:
        if session.in_answer:
            return CheckResult(False, f"Not yet: your function took longer than {session.time_limit:g} s, so the checker "
                               "stopped it. Look for a loop that never ends, or work repeated far more often than needed.")
        return CheckResult(False, f"Not yet: checking your answer took longer than {session.time_limit:g} s, so the "
                           "checker stopped. If your answer is quick, run the check again: the computer may be busy.")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # the reader's objects, read by the checker: anything they raise is a verdict too
        return CheckResult(False, f"Not yet: the checker could not read your answer: {_describe_exception(exc)}.")


class _OutOfTime(BaseException):
    """Raised by the alarm. A BaseException, so that an ``except Exception`` in the reader's code lets it through."""


class _Stopwatch:
    """Raise _OutOfTime in the main thread once ``seconds`` have passed, on POSIX; elsewhere do nothing.

    The alarm rings again every ``REPEAT`` seconds until the block ends, so an answer that swallows
    the first one (a bare ``except:``, or a garbage-collector callback, where Python drops
    exceptions) is stopped by the next. It never rings inside ``__exit__``, which switches it off
    and puts back the handler and any timer someone else had set, less the time spent here.
    """

    REPEAT = 0.05

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.on = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def __enter__(self):
        if self.on:
            self.previous = signal.signal(signal.SIGALRM, _alarm)
            self.started = time.monotonic()
            self.outer = signal.setitimer(signal.ITIMER_REAL, self.seconds, self.REPEAT)
        return self

    def __exit__(self, *exc_info) -> bool:
        if self.on:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if self.previous is None else self.previous)
            delay, interval = self.outer
            if delay > 0:
                signal.setitimer(signal.ITIMER_REAL, max(delay - (time.monotonic() - self.started), 1e-3), interval)
        return False


def _alarm(signum, frame):
    if frame is not None and frame.f_code is _Stopwatch.__exit__.__code__:
        return  # the alarm is being switched off
    raise _OutOfTime


class _Output(io.StringIO):
    """What the answer printed while a checker ran: kept whole (StringIO is fast), shown by its end."""

    def summary(self) -> str:
        """" It printed 3 lines, the last: 'loss 0.25'", or "" when nothing was printed."""
        text = self.getvalue()
        lines = text.count("\n") + (not text.endswith("\n"))
        text = text.rstrip()
        if not text:
            return ""
        last = repr(text[-200:].splitlines()[-1])
        last = last if len(last) <= 80 else "…" + last[-79:]  # the end of the output is what matters
        return f" It printed {lines} line{'s' if lines > 1 else ''}, the last: {last}"


def run(answer, case: Mapping, what: str = "function", where: str = "", may_change: Iterable[str] = ()):
    """Call the reader's ``answer`` with the values of ``case``, in order, and return what it returned.

    The answer gets fresh copies of its inputs, except those named in ``may_change``, which it
    gets as they are, to change. It runs under :data:`ANSWER_ERRSTATE` with RuntimeWarnings as
    errors. Raises :class:`NotYet` if ``answer`` is not a function, if it raises, if it changes
    an input it must leave alone, or if it changes numpy's error settings.

    Parameters
    ----------
    answer : callable
        The reader's function.
    case : mapping
        The arguments by the names the exercise uses for them; they are passed by position.
    what : str
        What the answer computes, for messages: "sigmoid", "backward pass".
    where : str
        Which test case, for messages: "for z=[1000.]".
    may_change : iterable of str
        The names of the inputs the answer is meant to change, such as a network it trains.

    Examples
    --------
    >>> run(lambda x: x + 1, {"x": 1.0})
    2.0
    >>> run(lambda x: x.fill(0), {"x": np.ones(2)}, "update", "for x=[1., 1.]")
    Traceback (most recent call last):
    ...
    nnlib.exercises.checking.NotYet: for x=[1., 1.], your update changed its input x; leave it as it was: ...
    """
    if not callable(answer):
        kind = hints.describe(answer)
        called = " (did you call your function? Pass it without the parentheses)" if kind.startswith("an array") else ""
        raise NotYet(f"pass your function itself, as in check(my_function); this is {kind}{called}.")
    may_change = set(may_change)
    given = {name: value if name in may_change else _fresh(value) for name, value in case.items()}
    session = _session.get() or _Session(math.inf)
    session.in_answer = True  # until it returns or raises: a stop on the way is the answer's
    try:
        with np.errstate(**ANSWER_ERRSTATE), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", RuntimeWarning)
            result = answer(*given.values())
            settings_changed = np.geterr() != ANSWER_ERRSTATE
    except (_OutOfTime, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # the reader's code: whatever it raised is the verdict
        session.in_answer = False
        call = f" The checker calls it as your_function({', '.join(case)})." if isinstance(exc, TypeError) else ""
        raised = _sentence(where, f"your {what} raised {_describe_exception(exc)}.")
        raise NotYet(raised + hints.exception_hint(exc) + call) from None
    session.in_answer = False
    if settings_changed:
        raise NotYet(_sentence(where, f"your {what} changed numpy's error settings (np.seterr); leave them as they are."))
    for name, value in given.items():
        if name not in may_change and not _same(value, case[name]):
            raise NotYet(_sentence(where, f"your {what} changed its input {name}; leave it as it was: work on a copy, "
                                   "or put back each entry you change."))
    return result


def as_numbers(value, subject: str, returned: bool = True) -> np.ndarray:
    """``value`` as a float64 array of finite real numbers; NotYet saying what it is otherwise.

    ``subject`` starts the message: "for z=[0.] your sigmoid returned" or "w is". Python
    numbers, lists, integer and float arrays of any precision, and 0-d arrays are numbers;
    complex numbers are, when their imaginary parts are all 0.

    Examples
    --------
    >>> as_numbers([1, 2], "your count returned")
    array([1., 2.])
    >>> as_numbers([1, [2, 3]], "your count returned")
    Traceback (most recent call last):
    ...
    nnlib.exercises.checking.NotYet: your count returned a ragged list: its rows have different lengths, so it is no array.
    """

    def refuse(reason: str):
        raise NotYet(f"{subject} {reason}")

    if value is None:
        refuse("None; did you forget `return`?" if returned else "None.")
    if isinstance(value, (str, bytes, Mapping, set, frozenset, Iterator)) or callable(value):
        advice = " Build the array from it, e.g. np.array(list(...))." if isinstance(value, Iterator) else ""
        refuse(f"{hints.describe(value)}; expected numbers.{advice}")
    try:
        arr = np.asarray(value)
    except ValueError as exc:
        if "inhomogeneous" in str(exc) or "sequence" in str(exc):
            refuse("a ragged list: its rows have different lengths, so it is no array.")
        refuse(f"{hints.describe(value)}, which numpy cannot read as numbers ({_describe_exception(exc)}).")
    except Exception as exc:
        refuse(f"{hints.describe(value)}, which numpy cannot read as numbers ({_describe_exception(exc)}).")
    if arr.dtype == bool:
        refuse("True/False values; expected numbers. Did a comparison (z > 0) end up as the result? Use .astype(float).")
    if arr.dtype.kind == "c":
        if np.any(arr.imag != 0):
            refuse("complex numbers; expected real ones. A square root or log of a negative number, or np.linalg.eig, "
                   "makes numbers complex.")
        arr = arr.real
    if arr.dtype.kind == "O":
        try:
            arr = arr.astype(np.float64)
        except OverflowError:
            refuse("a number too large for a float (above about 1.8e308).")
        except Exception:
            refuse(f"{hints.describe(value)}, holding things that are not numbers.")
    if arr.dtype.kind not in "iuf":
        refuse(f"{hints.describe(value)}; expected numbers.")
    arr = arr.astype(np.float64)
    finite = np.isfinite(arr)
    if not finite.all():
        index = tuple(int(i) for i in np.argwhere(~finite)[0])
        at = f" at entry {list(index)}" if arr.ndim else ""
        refuse(f"{arr[index]}{at}." + hints.nonfinite_hint(float(arr[index])))
    return arr


def array_of(value) -> np.ndarray:
    """numpy's reading of a reader's value, or a 0-d object array when numpy cannot read it. Never raises.

    For values that must be integers (indices), which :func:`as_numbers` would turn into floats.

    Examples
    --------
    >>> array_of((1, 0)).dtype.kind, array_of([1, [2, 3]]).dtype
    ('i', dtype('O'))
    """
    try:
        return np.asarray(value)
    except Exception:
        return np.empty((), dtype=object)


def compare(
    got,
    expected,
    what: str,
    where: str = "",
    rtol: float = 1e-9,
    atol: float = 1e-12,
    m: int | None = None,
    flat_ok: bool = False,
    advice: str = "",
    returned: bool = True,
) -> None:
    """Raise NotYet unless what the answer returned, ``got``, equals ``expected`` up to ``rtol``/``atol``.

    The message says what came back and what was expected (the entry that differs most, for a
    large array), with a hint from :mod:`nnlib.exercises.hints` when the difference looks like a
    usual mistake; ``m`` (the batch size) lets it recognise a 1/m too many or too few. With
    ``flat_ok`` a column of shape (n, 1) may come back flat, shape (n,). ``advice`` is added to
    any failure. With ``returned=False`` the message speaks of a value ("your new W1 is ...")
    rather than of what a function returned.

    Examples
    --------
    >>> compare([2.0, 4.0], np.array([2.0, 4.0]), "double")
    >>> compare([-2.0, -4.0], np.array([2.0, 4.0]), "double", "for x=[1., 2.]")
    Traceback (most recent call last):
    ...
    nnlib.exercises.checking.NotYet: for x=[1., 2.], your double returned [-2., -4.], expected [2., 4.]. It has the wrong sign.
    """
    dtype, shown_expected = getattr(got, "dtype", None), _short(expected)
    advice = f" {advice}" if advice else ""
    verb = "returned" if returned else "is"
    got = as_numbers(got, _sentence(where, f"your {what} {verb}"), returned)
    expected = np.asarray(expected, dtype=np.float64)
    if flat_ok and expected.ndim == 2 and expected.shape[1] == 1 and got.shape == expected.shape[:1]:
        got = got.reshape(expected.shape)
    if got.shape != expected.shape:
        raise NotYet(_sentence(where, f"your {what} {'returned' if returned else 'has'} shape {got.shape}, "
                               f"expected shape {expected.shape}.")
                     + hints.shape_hint(got.shape, expected.shape, m) + advice)
    close = np.isclose(got, expected, rtol=rtol, atol=atol)
    if close.all():
        return
    if len(_short(got)) + len(shown_expected) <= 100:
        difference = f"{verb} {_short(got)}, expected {shown_expected}."
    else:
        index = np.unravel_index(np.argmax(np.where(close, -1.0, np.abs(got - expected))), got.shape)
        index = tuple(int(i) for i in index)
        difference = f"differs at entry {list(index)}: got {got[index]:.8g}, expected {expected[index]:.8g}."
    raise NotYet(_sentence(where, f"your {what} {difference}") + hints.value_hint(got, expected, m, dtype) + advice)


def as_tuple(value, names: Sequence[str], what: str, where: str = "") -> tuple:
    """What an answer returned, as a tuple of ``len(names)`` values; NotYet otherwise.

    Examples
    --------
    >>> as_tuple([1, 2], ("precision", "recall"), "function")
    (1, 2)
    """
    together = f"({', '.join(names)})"
    if isinstance(value, (tuple, list)) and len(value) == len(names):
        return tuple(value)
    raise NotYet(_sentence(where, f"your {what} returned {hints.describe(value)}; return the {len(names)} values {together}."))


def as_dict(value, names: Iterable[str], what: str, where: str = "") -> dict:
    """What an answer returned, as a dict with exactly the keys ``names``; NotYet otherwise.

    Examples
    --------
    >>> as_dict({"W1": 1, "b1": 2}, ["W1", "b1"], "backward pass")
    {'W1': 1, 'b1': 2}
    """
    names = list(names)
    if not isinstance(value, Mapping):
        raise NotYet(_sentence(where, f"your {what} returned {hints.describe(value)}; return a dict with the names {names}."))
    problem = _name_mismatch(list(value.keys()), names)
    if problem:
        raise NotYet(_sentence(where, f"the dict your {what} returned {problem}; expected the names {names}."))
    return {name: value[name] for name in names}


def _name_mismatch(keys: list, names: list[str]) -> str:
    """"has no entry 'b1'", or "has an entry 'x' too many", or "" when ``keys`` are ``names``."""
    missing = [name for name in names if name not in keys]
    extra = [key for key in keys if key not in names]
    if missing:
        return f"has no entry {missing[0]!r}"
    return f"has an entry {_clip(repr(extra[0]), 40)} too many" if extra else ""


def parameters_after(net, names: Iterable[str], when: str = "", where: str = "") -> dict[str, np.ndarray]:
    """The parameters of a network that the reader's answer trained or built, as float64 arrays.

    NotYet if they can no longer be read, if a name is missing, or if one is not finite (the sign
    of a training run that diverged). ``when`` says when they were read: "after your step".

    Examples
    --------
    >>> sorted(parameters_after(Network.from_sizes([2, 1]), ["W1", "b1"], "after the epoch"))
    ['W1', 'b1']
    """
    when, names = f" {when}" if when else "", list(names)
    try:
        params = net.parameters()
        problem = _name_mismatch(list(params), names)
    except Exception as exc:
        raise NotYet(_sentence(where, f"the network{when} can no longer be read: {_describe_exception(exc)}.")) from None
    if problem:
        raise NotYet(_sentence(where, f"the network's parameters{when} {problem.replace('has', 'have', 1)}; expected {names}."))
    for name, value in params.items():
        if isinstance(value, np.ndarray) and value.dtype.kind == "f" and not np.isfinite(value).all():
            raise NotYet(_sentence(where, f"your {name}{when} holds NaN or inf.") + hints.DIVERGED)
    return {name: as_numbers(value, _sentence(where, f"your {name}{when} is"), returned=False) for name, value in params.items()}


def compare_function(
    answer: Callable,
    reference: Callable,
    cases: Iterable[dict],
    what: str,
    rtol: float = 1e-9,
    atol: float = 1e-12,
) -> CheckResult:
    """Call ``answer`` and ``reference`` on each case and compare the results.

    ``reference`` gets each case's values by name, ``answer`` by position, through :func:`run`.
    The answer fails on the first case where :func:`run` or :func:`compare` finds a problem; the
    message shows that case, what was expected and what came back.

    Examples
    --------
    >>> compare_function(lambda x: 2 * x, lambda x: x + x, [{"x": 1.0}], "doubling").passed
    True
    >>> compare_function(lambda x: 3 * x, lambda x: x + x, [{"x": 1.0}], "doubling")
    ✘ Not yet: for x=1, your doubling returned 3, expected 2.
    """
    cases = list(cases)
    try:
        for case in cases:
            where = "for " + ", ".join(_shown(name, value) for name, value in case.items())
            expected = reference(**_fresh(case))
            compare(run(answer, case, what, where), expected, what, where, rtol, atol)
    except NotYet as exc:
        return CheckResult(False, f"Not yet: {exc}")
    return CheckResult(True, f"Correct: your {what} agrees with nnlib on all {len(cases)} test cases.")


def _fresh(value):
    """A copy of a case's value that shares no array with it, so an answer that edits its input spoils nothing."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, Network):
        return value.copy()
    if isinstance(value, dict):
        return {name: _fresh(v) for name, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_fresh(v) for v in value)
    return value


def _same(given, original) -> bool:
    """Whether the answer left ``given``, its copy of ``original``, as it was (a network: its parameters)."""
    try:
        if isinstance(original, np.ndarray):
            return isinstance(given, np.ndarray) and given.shape == original.shape and np.array_equal(given, original, True)
        if isinstance(original, Network):
            return isinstance(given, Network) and _same(given.parameters(), original.parameters())
        if isinstance(original, dict):
            same_keys = isinstance(given, dict) and list(given) == list(original)
            return same_keys and all(_same(given[k], original[k]) for k in original)
        if isinstance(original, (list, tuple)):
            return type(given) is type(original) and len(given) == len(original) and all(map(_same, given, original))
        return given is original or bool(original == given)
    except Exception:  # a reader's object put into a list, whose == raises: the input was changed
        return False


def _sentence(where: str, rest: str) -> str:
    """"for x=1, your doubling returned 3": the case, then what happened."""
    return f"{where}, {rest}" if where else rest


def _clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, marked with an ellipsis where it was cut."""
    limit = max(limit, 1)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_middle(text: str, limit: int) -> str:
    """``text`` cut in the middle to at most ``limit`` characters, keeping its start (the case) and its end (the hint)."""
    if len(text) <= limit:
        return text
    head = (limit - 3) * 3 // 5
    return text[:head].rstrip() + " … " + text[len(text) - (limit - 3 - head) :].lstrip()


def _describe_exception(exc: BaseException) -> str:
    """'ZeroDivisionError: division by zero', short, even for a 2 MB message or a __str__ that raises."""
    try:
        text = str(exc)
    except Exception:
        text = ""
    text = " ".join(_clip(text, 150).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _shown(name: str, value) -> str:
    """"x=[1., 2.]" for an argument of a test case, or "x of shape (10, 20)" when its values take too much room."""
    text = _short(value, precision=4)
    return f"{name}={text}" if len(text) <= 70 else f"{name} of shape {np.shape(value)}"


def _short(value, precision: int = 6) -> str:
    """A compact rendering of a value for messages, at most about 120 characters; never raises.

    Examples
    --------
    >>> _short(np.array([1.0, 2.0]))
    '[1., 2.]'
    >>> _short([np.zeros((2, 2)), np.zeros(3)])
    '[array of shape (2, 2), array of shape (3,)]'
    """
    try:
        if isinstance(value, (str, int)):
            return _clip(repr(value), 60)
        if isinstance(value, (list, tuple)) and any(isinstance(v, np.ndarray) and v.ndim > 0 for v in value):
            return _clip("[" + ", ".join(f"array of shape {np.shape(v)}" if np.ndim(v) else _short(v) for v in value) + "]", 120)
        arr = np.asarray(value)
        if arr.dtype.kind not in "iufb":
            return hints.describe(value)
        if arr.ndim == 0:
            return f"{float(arr):.6g}"
        return _clip(np.array2string(arr, precision=precision, threshold=12, separator=", ").replace("\n", ""), 120)
    except Exception:
        return hints.describe(value)


def truth_table_mistakes(
    X: np.ndarray, Y: np.ndarray, values: np.ndarray, answers: np.ndarray, value_name: str, who: str, gate: str
) -> list[str]:
    """One sentence per input of a logic gate where ``answers`` differ from the targets ``Y``.

    Examples
    --------
    >>> X, Y = np.array([[0.0, 1.0], [0.0, 1.0]]), np.array([[0.0, 1.0]])
    >>> truth_table_mistakes(X, Y, np.array([0.2, -0.1]), np.array([1, 0]), "z", "neuron", "and")[0]
    'input (0, 0) gives z = 0.2, so the neuron says 1 but and is 0'
    """
    return [
        f"input ({X[0, i]:.0f}, {X[1, i]:.0f}) gives {value_name} = {values[i]:.4g}, so the {who} says "
        f"{int(answers[i])} but {gate} is {Y[0, i]:.0f}"
        for i in range(X.shape[1])
        if int(answers[i]) != Y[0, i]
    ]
