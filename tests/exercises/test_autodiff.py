"""Chapter 11's checkers: the right answers pass, and each usual wrong answer gets the hint that names it."""

import numpy as np
import pytest

from nnlib import autograd
from nnlib.autograd import Tensor
from nnlib.exercises import autodiff
from nnlib.exercises.autodiff import (
    GRAPHS,
    backward_with_fan_out,
    check_fanout_backward,
    check_graph_gradients,
    check_tanh_backward,
    tanh_with_vjp,
)
from nnlib.gradcheck import numerical_gradient

# ------------------------------------------------------------------------------------------------
# The backward pass of tanh


def tanh_op(local_derivative, wrap=lambda grad: (grad,)):
    """A my_tanh whose VJP returns wrap(local_derivative(g, x, value))."""

    def my_tanh(x):
        value = np.tanh(x.data)
        return Tensor.from_op(value, (x,), "tanh", lambda g: wrap(local_derivative(g, x.data, value)))

    return my_tanh


def test_the_solution_is_tanh_with_its_derivative_by_central_differences():
    v = np.array([0.3, -1.2, 2.0, 20.0, -800.0])
    x = Tensor(v.copy())
    tanh_with_vjp(x).sum().backward()
    assert np.allclose(x.grad, numerical_gradient(lambda u: float(np.sum(np.tanh(u))), v.copy()), rtol=1e-7, atol=1e-10)
    assert check_tanh_backward(tanh_with_vjp)


def test_the_chapter_solution_and_the_engine_s_own_tanh_pass():
    def chapter_solution(x):  # the exercise's solution cell, which also saves x
        value = np.tanh(x.data)
        return Tensor.from_op(value, (x,), "tanh", lambda g: (g * (1 - value**2),), saved=(x,))

    assert check_tanh_backward(chapter_solution)
    assert check_tanh_backward(lambda x: x.tanh())  # "my_tanh(x) can stand anywhere x.tanh() can"


@pytest.mark.parametrize(
    "local, words",
    [
        (lambda g, x, t: g, "It is the upstream gradient g passed on unchanged: multiply it by the local derivative"),
        (lambda g, x, t: 1 - t**2, "It is the local derivative 1 - tanh(x)^2 alone: multiply it by the upstream gradient g"),
        (lambda g, x, t: g * (1 - x**2), "It uses 1 - x^2, of the input x; the derivative is 1 - tanh(x)^2, of the output."),
        (lambda g, x, t: g * t * (1 - t), "the sigmoid's pattern a(1 - a)"),
        (lambda g, x, t: g * (1 - t), "It uses 1 - tanh(x), without the square"),
        (lambda g, x, t: -g * (1 - t**2), "It has the wrong sign."),
    ],
)
def test_a_wrong_local_derivative_is_named(local, words):
    result = check_tanh_backward(tanh_op(local))
    assert not result and "for x=[-2., -1.,  0.,  1.,  2.] and the upstream gradient g=" in result.message
    assert words in result.message


def test_a_vjp_that_returns_no_tuple_or_changes_g_is_told_so():
    no_tuple = check_tanh_backward(tanh_op(lambda g, x, t: g * (1 - t**2), wrap=lambda grad: grad))
    assert not no_tuple and "your VJP returned an array of shape (5,); it must return a tuple" in no_tuple.message
    assert "mind the comma" in no_tuple.message

    def in_place(x):
        value = np.tanh(x.data)

        def vjp(g):
            g *= 1 - value**2
            return (g,)

        return Tensor.from_op(value, (x,), "tanh", vjp)

    assert "your VJP changed its input g" in check_tanh_backward(in_place).message


def test_a_derivative_through_cosh_overflows_at_800_and_is_told_to_use_the_output():
    result = check_tanh_backward(tanh_op(lambda g, x, t: g / np.cosh(x) ** 2))
    assert not result and "for x=[-800.,  -20.,    0.,   20.,  800.]" in result.message
    assert "overflow encountered in cosh" in result.message and "from the output, 1 - value**2" in result.message
    exp_form = check_tanh_backward(lambda x: ((x * 2.0).exp() - 1.0) / ((x * 2.0).exp() + 1.0))
    assert not exp_form and "overflow encountered in exp" in exp_form.message


def test_an_answer_without_a_graph_or_with_the_wrong_value_is_told_so():
    plain = check_tanh_backward(lambda x: np.tanh(x.data))
    assert not plain and "returned an array of shape (5,): a plain array has no graph for backward() to follow" in plain.message
    no_parent = check_tanh_backward(lambda x: Tensor(np.tanh(x.data)))
    assert not no_parent and "never reached x: make x its parent" in no_parent.message
    sigmoid = check_tanh_backward(lambda x: x.sigmoid())
    assert not sigmoid and "your my_tanh(x)'s value differs at entry [0]: got 0.11920292, expected -0.96402758" in sigmoid.message
    assert "The value is np.tanh(x.data)." in sigmoid.message

    def overwrites_x(x):
        x.data[...] = 0.0
        return x.tanh()

    assert "changed x's values" in check_tanh_backward(overwrites_x).message


def test_a_vjp_right_on_its_own_but_wrong_inside_a_fan_out_is_caught():
    state = {}

    def shared_value(x):  # every VJP reads the value of the latest call: right for one use only
        state["value"] = np.tanh(x.data)
        return Tensor.from_op(state["value"], (x,), "tanh", lambda g: (g * (1 - state["value"] ** 2),))

    result = check_tanh_backward(shared_value)
    assert not result and "for F = sum(my_tanh(2 * my_tanh(x)) * x + my_tanh(x))" in result.message
    assert "your x.grad" in result.message and "Each use of x sends its own gradient back" in result.message


# ------------------------------------------------------------------------------------------------
# The engine that forgets to accumulate


def buggy_backward(root):
    """The exercise's engine: a path overwrites the gradient another path left."""
    pending = {root: np.ones_like(root.data)}
    for node in reversed(autograd.topological_order(root)):
        grad = pending.pop(node)
        node.grad = grad
        if node.vjp is None:
            continue
        for parent, parent_grad in zip(node.parents, node.vjp(grad)):
            if parent.requires_grad:
                pending[parent] = parent_grad


def test_the_fixed_backward_equals_the_engine_and_central_differences():
    for build in GRAPHS:
        _, root = build()
        backward_with_fan_out(root)
        _, reference = build()
        reference.backward()
        leaves = [t for t in autograd.topological_order(root) if t.is_leaf]
        for mine, theirs in zip(leaves, [t for t in autograd.topological_order(reference) if t.is_leaf]):
            assert np.array_equal(mine.grad, theirs.grad)
    x1, x2 = Tensor(3.0), Tensor(-4.0)
    backward_with_fan_out(x1 * x2 + x1)
    numeric = numerical_gradient(lambda v: float(v[0] * v[1] + v[0]), np.array([3.0, -4.0]))
    assert np.allclose([x1.grad, x2.grad], numeric, rtol=1e-9)
    assert check_fanout_backward(backward_with_fan_out)


def test_the_buggy_engine_is_right_on_chapter_5_s_network_and_wrong_with_fan_out():
    _, root = GRAPHS[-1]()
    buggy_backward(root)
    _, reference = GRAPHS[-1]()
    reference.backward()
    assert all(np.array_equal(a.grad, b.grad) for a, b in zip(autograd.topological_order(root),
                                                              autograd.topological_order(reference)) if a.is_leaf)
    result = check_fanout_backward(buggy_backward)
    assert not result
    assert result.message.startswith("Not yet: for F = x1 * x2 + x1 at x1 = 3, x2 = -4, your x1.grad is -4, expected -3.")
    assert ("x1 is used 2 times (once by x1 * x2, once by F), but yours is the gradient of 1 use only: a later path "
            "overwrote an earlier one's. Add them up (the fan-out rule).") in result.message


@pytest.mark.parametrize(
    "graph, words",
    [
        (autodiff._square, ["for F = x * x at x = 1.5, your x.grad is 1.5, expected 3.", "x is used 2 times (twice by F)"]),
        (autodiff._diamond, ["for the diamond a = x * y, b = tanh(a), c = 2a, F = sum(b * c), your a.grad is [",
                             "a is used 2 times (", "once by b", "once by c"]),
        (autodiff._shared_weight, ["your W.grad", "W is used 2 times (", "once by W X", "once by W H"]),
        (autodiff._weight_penalty, ["your W1.grad", "W1 is used 3 times (", "once by the result of @", "twice by W1 * W1"]),
    ],
)
def test_the_tensor_whose_gradient_was_overwritten_is_named(monkeypatch, graph, words):
    monkeypatch.setattr(autodiff, "GRAPHS", [graph])
    result = check_fanout_backward(buggy_backward)
    assert not result and all(w in result.message for w in words), result.message
    assert "but yours is the gradient of 1 use only" in result.message


def test_a_backward_that_keeps_only_the_leaves_gradients_is_judged_on_them():
    def leaves_only(root):
        root.backward()

    assert check_fanout_backward(leaves_only)

    def buggy_leaves_only(root):
        buggy_backward(root)
        for node in autograd.topological_order(root):
            if not node.is_leaf:
                node.grad = None

    result = check_fanout_backward(buggy_leaves_only)
    assert not result and "your x1.grad is -4, expected -3" in result.message


def test_a_backward_that_sets_no_gradient_or_is_a_generator_is_told_so():
    nothing = check_fanout_backward(lambda root: None)
    assert not nothing and "x2.grad is None: your backward did not set it." in nothing.message
    assert "In this graph x1 (2 uses) must add the gradients of all their uses." in nothing.message

    def generator(root):
        backward_with_fan_out(root)
        yield

    assert "returned a generator, so its body never ran: remove the yield" in check_fanout_backward(generator).message


# ------------------------------------------------------------------------------------------------
# A small graph by hand


def test_the_hand_computed_gradients_pass_within_rounding():
    x1, x2, x3 = Tensor(1.5), Tensor(-2.0), Tensor(0.5)
    ((x1 * x2).maximum(x3) + x1 * x3).backward()
    assert check_graph_gradients(float(x1.grad), float(x2.grad), float(x3.grad))
    assert check_graph_gradients(np.float32(x1.grad), np.array(x2.grad), np.array([x3.grad]))
    assert check_graph_gradients(float(x1.grad) * (1 + 1e-8), float(x2.grad), float(x3.grad))
    numeric = numerical_gradient(lambda v: max(v[0] * v[1], v[2]) + v[0] * v[2], np.array([1.5, -2.0, 0.5]))
    assert check_graph_gradients(*numeric)


@pytest.mark.parametrize(
    "answer, words",
    [
        ((0.0, 0.0, 0.0), "all three are still 0, as the cell started"),
        ((0.5, 0.0, 1.0), "dF/dx3 = 1 is not right yet. It is the gradient along the path through max(x1 x2, x3) only; "
                          "x3 also reaches F through x1 x3"),
        ((0.5, 0.0, 1.5), "It is the gradient along the path through x1 x3 only; x3 also reaches F through max(x1 x2, x3)"),
        ((0.0, 0.0, 2.5), "dF/dx1 = 0 is not right yet. It is the gradient along the path through x1 x2 only"),
        ((-1.5, 1.5, 2.5), "It is what you get when the max sends its gradient to x1 x2. Max routes the whole gradient to "
                           "its larger input: x1 x2 = -3 and x3 = 0.5."),
        ((1.0, 0.0, 2.5), "dF/dx1 = 1 is not right yet. It is dF/d(x1 x3), the gradient of a node above x1"),
        ((0.75, 0.0, 2.5), "It is the forward value of x1 x3, not a gradient."),
        ((0.5, -2.0, 2.5), "dF/dx2 = -2 is not right yet. It is the value of x2 itself. Multiply swaps"),
        ((2.5, 0.0, 0.5), "your dF/dx1 and dF/dx3 are swapped."),
        ((0.5, 0.0, -2.5), "It has the wrong sign."),
    ],
)
def test_a_wrong_hand_value_gets_its_hint(answer, words):
    result = check_graph_gradients(*answer)
    assert not result and words in result.message, result.message


def test_hand_values_must_be_single_finite_numbers():
    assert "dF/dx1 must be one number; got an array of shape (2,)" in check_graph_gradients(np.zeros(2), 0.0, 2.5).message
    assert "must be one number; got an array of shape (1, 1)" in check_graph_gradients(np.array([[0.5]]), 0.0, 2.5).message
    assert "float16" in check_graph_gradients(np.float16(0.5), 0.0, 2.5).message
    assert "your dF/dx2 is nan" in check_graph_gradients(0.5, float("nan"), 2.5).message
    assert "your dF/dx3 is the string '2.5'" in check_graph_gradients(0.5, 0.0, "2.5").message
    assert "call it as check_graph_gradients(dF_dx1, dF_dx2, dF_dx3)" in check_graph_gradients(0.5, 0.0).message
