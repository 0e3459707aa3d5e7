"""The harness every checker runs answers through: one rule, each part tested on its own."""

import signal
import sys
import threading
import time
import warnings

import numpy as np
import pytest

import nnlib
from nnlib.exercises import CHECKERS
from nnlib.exercises.checking import (
    MESSAGE_LIMIT,
    CheckResult,
    NotYet,
    _Output,
    as_dict,
    as_numbers,
    as_tuple,
    checker,
    compare,
    compare_function,
    override_time_limit,
    parameters_after,
    run,
)
from nnlib.exercises.neuron import check_sigmoid

REF = lambda x: 2 * x  # noqa: E731
CASES = [{"x": np.array([1.0, -2.0])}, {"x": np.array([3.0])}]


def test_right_answer_passes():
    result = compare_function(lambda x: x + x, REF, CASES, "double")
    assert result and "Correct" in repr(result) and "2 test cases" in result.message


def test_wrong_value_shows_the_case():
    result = compare_function(lambda x: x * x, REF, CASES, "double")
    assert not result
    assert result.message == "Not yet: for x=[ 1., -2.], your double returned [1., 4.], expected [ 2., -4.]."


def test_none_shape_exception_and_floating_point_errors_are_reported():
    assert "returned None; did you forget `return`?" in compare_function(lambda x: None, REF, CASES, "double").message
    assert "returned shape (1,), expected shape (2,)" in compare_function(lambda x: x[:1], REF, CASES, "double").message
    assert "raised ZeroDivisionError: division by zero" in compare_function(lambda x: 1 / 0, REF, CASES, "double").message
    overflows = compare_function(lambda x: np.exp(x * 1000.0), REF, CASES, "double")
    assert "raised FloatingPointError: overflow encountered in exp" in overflows.message
    assert "fails, even if the result looks right" in overflows.message


def test_an_answer_that_edits_its_input_is_told_and_cannot_spoil_the_reference():
    def sneaky(x):
        x *= 2
        return x

    result = compare_function(sneaky, REF, CASES, "double")
    assert not result and "your double changed its input x; leave it as it was" in result.message
    assert np.array_equal(CASES[0]["x"], [1.0, -2.0])


def test_inputs_the_exercise_hands_over_may_change():
    net = nnlib.Network.from_sizes([2, 1], seed=0)

    def zero(net):
        net.layers[0].W[:] = 0.0

    run(zero, {"net": net}, may_change=("net",))
    assert not net.layers[0].W.any()
    with pytest.raises(NotYet, match="changed its input net"):
        run(zero, {"net": nnlib.Network.from_sizes([2, 1], seed=0)})


def test_result_is_falsy_when_wrong():
    assert not CheckResult(False, "no")


# -- numpy's error settings and warnings ------------------------------------------------------------------------


@pytest.mark.parametrize("setting", ["ignore", "warn", "raise", "call", "print"])
def test_no_verdict_depends_on_the_readers_numpy_settings(setting):
    naive = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    before = np.geterr()
    with np.errstate(all=setting, call=print) if setting == "call" else np.errstate(all=setting):
        right, wrong = check_sigmoid(nnlib.sigmoid), check_sigmoid(naive)
        assert np.geterr()["over"] == setting
    assert right and not wrong and "overflow" in wrong.message
    assert np.geterr() == before


def test_an_answer_that_changes_numpys_settings_is_told_and_the_settings_come_back():
    def quiet(z):
        np.seterr(all="ignore")
        return 1 / (1 + np.exp(-z))

    before = np.geterr()
    result = check_sigmoid(quiet)
    assert not result and "changed numpy's error settings (np.seterr)" in result.message
    assert np.geterr() == before


def test_a_runtime_warning_fails_an_answer_and_other_warnings_do_not():
    def warns(kind):
        def answer(x):
            warnings.warn("careful", kind, stacklevel=1)
            return 2 * x

        return answer

    assert "raised RuntimeWarning: careful" in compare_function(warns(RuntimeWarning), REF, CASES, "double").message
    assert compare_function(warns(DeprecationWarning), REF, CASES, "double")
    assert compare_function(warns(UserWarning), REF, CASES, "double")


def test_underflow_to_zero_is_fine():
    assert compare_function(lambda x: np.exp(-1000.0 * x) + 2 * x, lambda x: 2 * x, [{"x": np.array([1.0])}], "double")


# -- exceptions, output, length ----------------------------------------------------------------------------------


def test_any_exception_but_an_interrupt_or_an_exit_becomes_not_yet():
    class Odd(BaseException):
        pass

    def raises(exc):
        def answer(z):
            raise exc

        return answer

    assert "raised Odd: strange" in check_sigmoid(raises(Odd("strange"))).message
    assert "raised RecursionError" in check_sigmoid(raises(RecursionError())).message
    with pytest.raises(KeyboardInterrupt):
        check_sigmoid(raises(KeyboardInterrupt()))
    with pytest.raises(SystemExit):
        check_sigmoid(raises(SystemExit(3)))


def test_an_exception_whose_message_cannot_be_shown_is_reported_by_type():
    class Unprintable(Exception):
        def __str__(self):
            raise RuntimeError("no")

    assert "raised Unprintable." in check_sigmoid(lambda z: (_ for _ in ()).throw(Unprintable())).message


def test_a_2_mb_message_becomes_a_short_verdict():
    def shouts(z):
        raise ValueError("x" * 2_000_000)

    result = check_sigmoid(shouts)
    assert not result and len(result.message) <= MESSAGE_LIMIT and "raised ValueError: xxx" in result.message


def test_printed_output_is_captured_and_only_its_end_shown():
    def chatty(z):
        for i in range(100_000):
            print("line", i)
        print("done", file=sys.stderr)
        return nnlib.sigmoid(z)

    stdout, stderr = sys.stdout, sys.stderr
    result = check_sigmoid(chatty)
    assert result and result.message.endswith("It printed 300003 lines, the last: 'done'")
    assert len(result.message) <= MESSAGE_LIMIT and (sys.stdout, sys.stderr) == (stdout, stderr)


def test_the_summary_of_what_was_printed():
    output = _Output()
    assert output.summary() == ""
    print("loss", 0.25, file=output)
    assert output.summary() == " It printed 1 line, the last: 'loss 0.25'"
    output.write("x" * 500 + " and its end")
    assert output.summary() == " It printed 2 lines, the last: …" + "x" * 66 + " and its end'"


# -- the time limit --------------------------------------------------------------------------------------------


def sleeper(record: list):
    def answer(*args):
        time.sleep(30)
        record.append("woke")

    return answer


def test_an_answer_that_runs_past_the_limit_is_stopped():
    record = []
    with override_time_limit(0.2):
        result = check_sigmoid(sleeper(record))
    assert not result and record == []
    assert result.message.startswith("Not yet: your function took longer than 0.2 s, so the checker stopped it.")


def test_an_endless_loop_that_catches_exceptions_is_stopped_too():
    def stubborn(z):
        while True:
            try:
                pass
            except Exception:  # the stop is no Exception, so it goes through
                continue

    with override_time_limit(0.2):
        assert "took longer than 0.2 s" in check_sigmoid(stubborn).message


def test_an_answer_that_swallows_the_stop_is_stopped_by_the_next_alarm():
    def swallows(z):
        try:
            time.sleep(30)  # the first alarm rings here, and is swallowed
        except BaseException:  # noqa: B036 (a bare except, as a reader might write it)
            pass
        while True:  # a later one rings here
            pass

    with override_time_limit(0.2):
        assert "took longer than 0.2 s" in check_sigmoid(swallows).message


def test_the_limit_leaves_the_signal_handler_and_an_outer_timer_as_they_were():
    def handler(signum, frame):
        raise AssertionError("the outer timer fired during the test")

    previous = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100.0)
        with override_time_limit(0.2):
            check_sigmoid(sleeper([]))
        remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        assert 90.0 < remaining <= 100.0 and signal.getsignal(signal.SIGALRM) is handler
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_off_the_main_thread_an_answer_runs_without_a_limit():
    def slow_but_right(z):
        time.sleep(0.4)
        return nnlib.sigmoid(z)

    results = []
    with override_time_limit(0.1):
        worker = threading.Thread(target=lambda: results.append(check_sigmoid(slow_but_right)))
        worker.start()
        worker.join()
        assert not check_sigmoid(slow_but_right)  # in the main thread the limit applies
    assert results[0]


# -- a wrong call of the checker, and answers that are no function ---------------------------------------------


def test_a_wrong_call_of_a_checker_is_a_calm_not_yet():
    result = check_sigmoid()
    assert not result and result.message == "Not yet: call it as check_sigmoid(answer); missing a required argument: 'answer'."
    assert "call it as check_sigmoid(answer); too many positional arguments" in check_sigmoid(nnlib.sigmoid, 2).message
    assert "call it as check_digit_classifier(net, threshold=0.95)" in CHECKERS["check_digit_classifier"].check().message


def test_a_value_checker_whose_answer_takes_too_long_to_read():
    class SlowNetwork(nnlib.Network):
        def forward(self, X):
            time.sleep(30)

    with override_time_limit(0.2):
        result = CHECKERS["check_digit_classifier"].check(SlowNetwork(nnlib.Network.from_sizes([64, 10]).layers))
    assert not result and result.message.startswith("Not yet: checking your answer took longer than 0.2 s")


def test_a_value_where_a_function_belongs():
    called = check_sigmoid(nnlib.sigmoid(np.zeros(3)))
    assert "this is an array of shape (3,) (did you call your function? Pass it without the parentheses)" in called.message
    assert "pass your function itself, as in check(my_function); this is None" in check_sigmoid(None).message


# -- reading what came back ------------------------------------------------------------------------------------


class Subclass(np.ndarray):
    pass


class BadArray:
    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no array here")


@pytest.mark.parametrize(
    "value, words",
    [
        (None, "returned None; did you forget `return`?"),
        ("0.5", "returned the string '0.5'; expected numbers"),
        ({"z": 1.0}, "returned a dict; expected numbers"),
        ((x for x in [1.0]), "returned a generator; expected numbers. Build the array from it"),
        (map(float, [1]), "returned an iterator (map)"),
        (print, "returned the function print"),
        ([1.0, [2.0, 3.0]], "returned a ragged list"),
        (1 + 2j, "returned complex numbers"),
        (np.array([True, False]), "returned True/False values"),
        (True, "returned True/False values"),
        (10**400, "a number too large for a float"),
        ([object()], "holding things that are not numbers"),
        (np.array(["1.0"]), "returned an array of shape (1,) and dtype <U3; expected numbers"),
        (BadArray(), "returned a BadArray, which numpy cannot read as numbers (RuntimeError: no array here)"),
        (float("nan"), "returned nan. NaN comes from 0/0"),
        ([1.0, float("inf")], "returned inf at entry [1]. An infinity comes from an overflow"),
    ],
)
def test_what_is_not_real_numbers_is_named(value, words):
    with pytest.raises(NotYet) as caught:
        as_numbers(value, "your sigmoid returned")
    assert words in str(caught.value)


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.5, np.array(0.5)),
        (np.float16(0.5), np.array(0.5)),
        (np.array(3), np.array(3.0)),
        ([1, 2], np.array([1.0, 2.0])),
        (np.array([1 + 0j]), np.array([1.0])),
        (np.array([[1.0, 2.0]]).view(Subclass), np.array([[1.0, 2.0]])),
        (np.ma.masked_array([1.0, 2.0]), np.array([1.0, 2.0])),
        (10**20, np.array(1e20)),
    ],
)
def test_numbers_of_any_kind_are_read(value, expected):
    got = as_numbers(value, "x is")
    assert type(got) is np.ndarray and got.dtype == np.float64 and np.array_equal(got, expected)


def test_compare_names_the_entry_that_differs_most_in_a_large_array():
    expected = np.arange(20.0).reshape(4, 5)
    got = expected.copy()
    got[2, 3] += 1.0
    got[0, 1] += 0.5
    with pytest.raises(NotYet, match=r"your dW differs at entry \[2, 3\]: got 14, expected 13\.$"):
        compare(got, expected, "dW")


def test_compare_accepts_a_flat_column_only_when_told():
    compare([1.0, 2.0], np.array([[1.0], [2.0]]), "db", flat_ok=True)
    with pytest.raises(NotYet, match=r"shape \(2,\), expected shape \(2, 1\)\. Keep the column shape"):
        compare([1.0, 2.0], np.array([[1.0], [2.0]]), "db")


def test_tuples_and_dicts():
    assert as_tuple((1, 2), ("a", "b"), "function") == (1, 2)
    with pytest.raises(NotYet, match=r"returned a tuple of 3 items; return the 2 values \(a, b\)"):
        as_tuple((1, 2, 3), ("a", "b"), "function")
    with pytest.raises(NotYet, match="returned an array of shape"):
        as_tuple(np.zeros((2, 3)), ("a", "b"), "function")
    with pytest.raises(NotYet, match=r"the dict your update returned has an entry 'c' too many; expected the names \['a'\]"):
        as_dict({"a": 1, "c": 2}, ["a"], "update")
    with pytest.raises(NotYet, match="your update returned a list of 1 item; return a dict"):
        as_dict([1], ["a"], "update")


def test_parameters_after_training_must_be_finite():
    net = nnlib.Network.from_sizes([2, 1], seed=0)
    assert set(parameters_after(net, ["W1", "b1"])) == {"W1", "b1"}
    net.layers[0].W[0, 0] = np.inf
    with pytest.raises(NotYet, match="your W1 after your step holds NaN or inf. Training diverged"):
        parameters_after(net, ["W1", "b1"], "after your step")
    with pytest.raises(NotYet, match=r"the network's parameters have no entry 'W2'"):
        parameters_after(nnlib.Network.from_sizes([2, 1]), ["W1", "b1", "W2"])


# -- the registry ----------------------------------------------------------------------------------------------


def test_every_checker_of_every_topic_module_is_registered():
    import nnlib.exercises as exercises

    modules = [module for module in vars(exercises).values() if getattr(module, "__name__", "").startswith("nnlib.exercises.")]
    found = {name for module in modules for name, value in vars(module).items()
             if name.startswith("check_") and getattr(value, "__module__", None) == module.__name__}
    assert found == set(CHECKERS) and len(CHECKERS) >= 34
    assert all(CHECKERS[name].check.__name__ == name for name in CHECKERS)


def test_two_checkers_of_one_name_in_different_modules_are_refused():
    def check_sigmoid(answer):
        return CheckResult(True, "")

    check_sigmoid.__module__ = "somewhere.else"
    with pytest.raises(ValueError, match="two checkers are named check_sigmoid"):
        checker(solution=lambda: (None,))(check_sigmoid)
