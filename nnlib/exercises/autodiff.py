"""Checkers for chapter 11, backpropagation as reverse-mode automatic differentiation.

The references are :mod:`nnlib.autograd`'s own operations and backward pass, themselves checked
against central differences in nnlib's tests. The checkers try graphs where a value is used more
than once (fan-out), since a backward pass that forgets to add the gradients of its paths is
right on every graph without it, chapter 5's network included, and wrong on every graph with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations

import numpy as np

from ..autograd import MLP, Tensor, loss, topological_order
from ..gradcheck import numerical_gradient
from ..worked_example import worked_example
from . import hints
from .checking import CheckResult, NotYet, _short, as_numbers, checker, compare, run

# ------------------------------------------------------------------------------------------------
# The backward pass of a new operation: tanh


def tanh_with_vjp(x: Tensor) -> Tensor:
    """tanh as an operation of the engine, with its VJP written out: the exercise's solution.

    The local derivative 1 - tanh(x)^2 comes from the output, which the forward pass already has,
    so it stays finite and exact at any input, where cosh(x)^-2 overflows (at x = 800, say).

    Examples
    --------
    >>> x = Tensor([0.0, 1.0])
    >>> tanh_with_vjp(x).sum().backward()
    >>> x.grad.round(4)
    array([1.  , 0.42])
    """
    value = np.tanh(x.data)
    return Tensor.from_op(value, (x,), "tanh", lambda g: (g * (1 - value**2),))


def _tanh_cases() -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(description, x, upstream gradient g): random shapes, a scalar, and saturation at ±20 and ±800."""
    rng = np.random.default_rng(11)
    cases = []
    for x in [np.linspace(-2.0, 2.0, 5), np.array(0.7), rng.normal(scale=2.0, size=(2, 4)), rng.normal(size=(3, 1)),
              np.array([-800.0, -20.0, 0.0, 20.0, 800.0])]:
        g = rng.uniform(0.5, 2.0, size=x.shape) * rng.choice([-1.0, 1.0], size=x.shape)  # not 1: a lost g shows
        cases.append((f"for x={_short(x, 4)}" if x.size <= 5 else f"for x of shape {x.shape}", x, g))
    return cases


def _tanh_mistakes(x: np.ndarray, g: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """What the usual wrong VJPs of tanh return for the upstream gradient g."""
    t = np.tanh(x)
    with np.errstate(all="ignore"):
        return [
            ("It is the upstream gradient g passed on unchanged: multiply it by the local derivative 1 - tanh(x)^2.", g),
            ("It is the local derivative 1 - tanh(x)^2 alone: multiply it by the upstream gradient g, the VJP's argument.",
             1 - t**2),
            ("It uses 1 - x^2, of the input x; the derivative is 1 - tanh(x)^2, of the output.", g * (1 - x**2)),
            ("It uses tanh(x)(1 - tanh(x)), the sigmoid's pattern a(1 - a); tanh's is 1 - tanh(x)^2.", g * t * (1 - t)),
            ("It uses 1 - tanh(x), without the square: tanh' = 1 - tanh(x)^2.", g * (1 - t)),
            ("It uses 1 + tanh(x)^2: the sign inside is a minus, tanh' = 1 - tanh(x)^2.", g * (1 + t**2)),
        ]


@checker(solution=lambda: (tanh_with_vjp,))
def check_tanh_backward(answer) -> CheckResult:
    """Check ``answer(x)``, tanh as an operation of :mod:`nnlib.autograd`, and its VJP.

    ``answer`` takes a Tensor x and returns the Tensor tanh(x) made with ``Tensor.from_op``,
    whose ``vjp(g)`` returns ``(g * (1 - tanh(x)**2),)``. The checker tries vectors, a scalar, a
    matrix, a column and the saturated inputs ±20 and ±800 with an upstream gradient other than
    1, compares the VJP and x.grad with the engine's own ``x.tanh()``, and then uses the answer
    twice in one formula, where x's gradient must add up over both uses, against the engine and
    central differences.

    Examples
    --------
    >>> check_tanh_backward(tanh_with_vjp).passed
    True
    """
    for where, x_values, g in _tanh_cases():
        try:
            _check_tanh_case(answer, x_values, g, where)
        except NotYet as exc:
            if "overflow" not in str(exc):
                raise
            raise NotYet(f"{exc} Compute the local derivative from the output, 1 - value**2: it stays finite where "
                         "cosh and exp overflow.") from None
    _check_tanh_fan_out(answer)
    return CheckResult(True, "Correct: your VJP agrees with the engine's tanh on all 5 inputs, saturated ones included, "
                       "and x's gradient adds up when my_tanh is used twice, as central differences confirm.")


def _check_tanh_case(answer, x_values: np.ndarray, g: np.ndarray, where: str) -> None:
    """my_tanh on one input: its value, its VJP, and x.grad after backward(g), against the engine's tanh."""
    x = Tensor(x_values.copy(), name="x")
    out = run(answer, {"x": x}, "my_tanh", where)
    _check_input_kept(x, x_values, where)
    if not isinstance(out, Tensor):
        plain = ": a plain array has no graph for backward() to follow" if isinstance(out, np.ndarray) else ""
        raise NotYet(f"{where}, your my_tanh returned {hints.describe(out)}{plain}. Return the Tensor that "
                     "Tensor.from_op(value, (x,), 'tanh', vjp) makes, so that backward() can reach x.")
    compare(out.data, np.tanh(x_values), "my_tanh(x)'s value", where, returned=False,
            advice="The value is np.tanh(x.data).")
    if len(out.parents) == 1 and out.parents[0] is x and callable(out.vjp):
        _check_tanh_vjp(out, x_values, g, where)
    run(lambda g: out.backward(g), {"g": g}, "VJP", where)
    if x.grad is None:
        raise NotYet(f"{where}, the backward pass through your my_tanh never reached x: make x its parent, "
                     "Tensor.from_op(value, (x,), ...).")
    reference = Tensor(x_values.copy())
    reference.tanh().backward(g)
    compare(x.grad, reference.grad, "x.grad", f"{where}, after backward(g)", rtol=1e-9, atol=1e-12, returned=False)


def _check_input_kept(x: Tensor, values: np.ndarray, where: str) -> None:
    try:
        kept = np.array_equal(x.data, values)
    except Exception:
        kept = False
    if not kept:
        raise NotYet(f"{where}, your my_tanh changed x's values; leave x.data as it is and compute a new array.")


def _check_tanh_vjp(out: Tensor, x_values: np.ndarray, g: np.ndarray, where: str) -> None:
    """Call the answer's VJP itself, so that its mistakes are named before the engine runs it."""
    grads = run(out.vjp, {"g": g}, "VJP", where)
    if isinstance(grads, np.ndarray) or not isinstance(grads, (tuple, list)) or len(grads) != 1:
        comma = " (mind the comma: (value,) is a tuple, (value) is not)" if not isinstance(grads, (tuple, list)) else ""
        raise NotYet(f"{where}, your VJP returned {hints.describe(grads)}; it must return a tuple with one gradient per "
                     f"input, here (g * local_derivative,){comma}.")
    got = as_numbers(grads[0], f"{where}, your VJP returned", returned=True)
    expected = g * (1 - np.tanh(x_values) ** 2)
    if got.shape == expected.shape and not np.allclose(got, expected, rtol=1e-9, atol=1e-12):
        mistake = hints.known_mistake(got, _tanh_mistakes(x_values, g))
        if mistake:
            raise NotYet(f"{where} and the upstream gradient g={_short(g, 3)}, your VJP returned {_short(got, 4)}.{mistake}")
    compare(got, expected, "VJP", f"{where} and the upstream gradient g={_short(g, 3)}", rtol=1e-9, atol=1e-12)


def _check_tanh_fan_out(answer) -> None:
    """F = sum(my_tanh(2 my_tanh(x)) * x + my_tanh(x)): x feeds three operations, and tanh(x) two."""
    values = np.array([0.3, -1.2, 2.0, 20.0, -800.0])
    where = "for F = sum(my_tanh(2 * my_tanh(x)) * x + my_tanh(x)) at x=[0.3, -1.2, 2., 20., -800.]"

    def formula(x, tanh):
        y = tanh(x)
        return (tanh(y * 2.0) * x + y).sum()

    x = Tensor(values.copy(), name="x")
    F = run(lambda x: formula(x, answer), {"x": x}, "my_tanh", where)
    run(lambda F: F.backward(), {"F": F}, "VJP", where)
    reference = Tensor(values.copy())
    formula(reference, Tensor.tanh).backward()
    numeric = numerical_gradient(lambda v: float(np.sum(np.tanh(2.0 * np.tanh(v)) * v + np.tanh(v))), values.copy())
    if not np.allclose(reference.grad, numeric, rtol=1e-6, atol=1e-9):  # the engine itself: never expected
        raise NotYet("the engine's tanh disagrees with central differences here; please report this.")
    compare(x.grad, reference.grad, "x.grad", where, rtol=1e-9, atol=1e-12, returned=False,
            advice="Each use of x sends its own gradient back, and the engine adds them: "
                   "return a new array from the VJP, and change neither g nor anything it shares.")


# ------------------------------------------------------------------------------------------------
# The engine that forgets to accumulate


def backward_with_fan_out(root: Tensor) -> None:
    """The backward pass of the exercise, fixed: a parent reached along several paths adds their gradients.

    It fills ``.grad`` for every tensor of the graph of a scalar ``root`` that needs one.

    Examples
    --------
    >>> x1, x2 = Tensor(2.0), Tensor(5.0)
    >>> backward_with_fan_out(x1 * x2 + x1)
    >>> float(x1.grad), float(x2.grad)
    (6.0, 2.0)
    """
    pending = {root: np.ones_like(root.data)}
    for node in reversed(topological_order(root)):
        grad = pending.pop(node)
        node.grad = grad
        if node.vjp is None:
            continue
        for parent, parent_grad in zip(node.parents, node.vjp(grad)):
            if parent.requires_grad:
                pending[parent] = pending[parent] + parent_grad if parent in pending else parent_grad


def _named(tensor: Tensor, name: str) -> Tensor:
    tensor.name = name
    return tensor


def _leaf_fan_out() -> tuple[str, Tensor]:
    x1, x2 = Tensor(3.0, name="x1"), Tensor(-4.0, name="x2")
    return "F = x1 * x2 + x1 at x1 = 3, x2 = -4", _named(_named(x1 * x2, "x1 * x2") + x1, "F")


def _square() -> tuple[str, Tensor]:
    x = Tensor(1.5, name="x")
    return "F = x * x at x = 1.5", _named(x * x, "F")


def _diamond() -> tuple[str, Tensor]:
    x, y = Tensor([0.5, -1.0, 2.0], name="x"), Tensor([1.5, 0.3, -0.4], name="y")
    a = _named(x * y, "a")
    b, c = _named(a.tanh(), "b"), _named(a * 2.0, "c")
    return "the diamond a = x * y, b = tanh(a), c = 2a, F = sum(b * c)", _named(_named(b * c, "b * c").sum(), "F")


def _shared_weight() -> tuple[str, Tensor]:
    rng = np.random.default_rng(3)
    W = Tensor(rng.normal(size=(2, 2)), name="W")
    X = rng.normal(size=(2, 3))
    H = _named(_named(W @ X, "W X").tanh(), "H")
    Z = _named(W @ H, "W H")
    return "a W shared by two layers, F = mean(tanh(W H)), H = tanh(W X)", _named(_named(Z.tanh(), "tanh(W H)").mean(), "F")


def _weight_penalty() -> tuple[str, Tensor]:
    rng = np.random.default_rng(4)
    model = MLP.from_sizes([3, 4, 2], hidden="tanh", output="linear", seed=2)
    X, Y = rng.normal(size=(3, 5)), rng.normal(size=(2, 5))
    W1 = model.weights[0]
    penalty = _named(_named(W1 * W1, "W1 * W1").sum() * 0.1, "0.1 * sum(W1^2)")
    return "a 3-4-2 network's loss plus 0.1 * sum(W1^2)", _named(_named(loss(model(X), Y, "mse"), "loss") + penalty, "F")


def _chapter5_network() -> tuple[str, Tensor]:
    net, x, y = worked_example()
    model = MLP.from_network(net)
    return "chapter 5's 2-2-2 network, where no value is used twice", _named(loss(model(x), y), "loss")


GRAPHS: list[Callable[[], tuple[str, Tensor]]] = [_leaf_fan_out, _square, _diamond, _shared_weight, _weight_penalty,
                                                  _chapter5_network]
"""The graphs the fan-out checker tries, each built afresh for every answer: fan-out at a leaf, a
value that is both inputs of one operation, a diamond, a weight shared by two layers, a weight
in a penalty as well as in the network, and chapter 5's network."""


@checker(solution=lambda: (backward_with_fan_out,))
def check_fanout_backward(answer) -> CheckResult:
    """Check ``answer(root)``, a backward pass that fills ``.grad`` of every tensor of the graph of a scalar root.

    Each graph is built afresh; after ``answer(root)``, every leaf that needs a gradient must
    hold it, and every computed tensor whose ``.grad`` the answer set must hold its own. The
    references are the engine's :meth:`~nnlib.autograd.Tensor.backward`. When a gradient is
    wrong, the message names the first tensor, from the output down, whose gradient is wrong,
    and says when it is the gradient of some of its uses only: a path that overwrote another.

    Examples
    --------
    >>> check_fanout_backward(backward_with_fan_out).passed
    True
    """
    for build in GRAPHS:
        description, root = build()
        where = f"for {description}"
        result = run(answer, {"root": root}, "backward", where)
        if isinstance(result, Iterator):
            raise NotYet(f"{where}, your backward returned {hints.describe(result)}, so its body never ran: remove the yield.")
        _, reference = build()
        reference.backward(retain_grads=True)
        _compare_graphs(root, reference, where)
    return CheckResult(True, f"Correct: your backward pass adds the gradients of every path, on all {len(GRAPHS)} graphs, "
                       "with fan-out at a leaf, a diamond and a shared weight, and on chapter 5's network.")


def _compare_graphs(root: Tensor, reference: Tensor, where: str) -> None:
    """Compare the gradients the answer left in ``root``'s graph with those of the same graph in ``reference``."""
    uses = _uses(reference)
    for node, ref in zip(reversed(topological_order(root)), reversed(topological_order(reference))):
        label = node._label()
        if node.grad is None:
            if node.is_leaf:
                raise NotYet(f"{where}, {label}.grad is None: your backward did not set it." + _fan_out_note(uses))
            continue  # a computed tensor's gradient need not be kept
        got = as_numbers(node.grad, f"{where}, your {label}.grad is", returned=False)
        expected = np.asarray(ref.grad, dtype=np.float64)
        overwritten = _overwritten(got, expected, uses.get(ref, []), label)
        advice = overwritten or (_fan_out_note(uses) if node.is_leaf else "")
        compare(got, expected, f"{label}.grad", where, rtol=1e-9, atol=1e-12, returned=False, advice=advice.strip())


def _uses(root: Tensor) -> dict[Tensor, list[tuple[str, np.ndarray]]]:
    """For every tensor of a graph whose backward pass kept every gradient: (the operation that uses it,
    the gradient that use sends back), once per use."""
    uses: dict[Tensor, list[tuple[str, np.ndarray]]] = {}
    for node in topological_order(root):
        if node.vjp is None:
            continue
        for parent, parent_grad in zip(node.parents, node.vjp(node.grad)):
            if parent.requires_grad:
                uses.setdefault(parent, []).append((node._label(), np.asarray(parent_grad, dtype=np.float64)))
    return uses


def _overwritten(got: np.ndarray, expected: np.ndarray, uses: list[tuple[str, np.ndarray]], label: str) -> str:
    """The hint for a gradient that holds the gradients of some of its uses only, or ""."""
    if len(uses) < 2 or _equal(got, expected):
        return ""
    for size in range(1, len(uses)):
        for kept in combinations(range(len(uses)), size):
            if _equal(got, sum(uses[k][1] for k in kept)):
                return (f" {label} is used {len(uses)} times ({_by(op for op, _ in uses)}), but yours is the gradient of "
                        f"{size} use{'s' if size > 1 else ''} only: a later path overwrote an earlier one's. Add them up "
                        "(the fan-out rule).")
    return ""


def _equal(a, b) -> bool:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


def _by(ops) -> str:
    """"once by x1 * x2, once by F", or "twice by F": the operations that use a tensor, and how often."""
    ops = list(ops)
    times = {1: "once", 2: "twice"}
    return ", ".join(f"{times.get(ops.count(op), f'{ops.count(op)} times')} by {op}" for op in dict.fromkeys(ops))


def _fan_out_note(uses: dict[Tensor, list]) -> str:
    """Which values of the graph are used more than once, where the gradients of their uses must add up."""
    shared = [f"{tensor._label()} ({len(u)} uses)" for tensor, u in uses.items() if len(u) > 1]
    return f" In this graph {', '.join(shared)} must add the gradients of all their uses." if shared else ""


# ------------------------------------------------------------------------------------------------
# A small graph by hand

GRAPH_INPUTS = {"x1": 1.5, "x2": -2.0, "x3": 0.5}
"""The inputs of the exercise's graph, F = max(x1 x2, x3) + x1 x3."""


def _small_graph(inputs: dict[str, float] = GRAPH_INPUTS, route: str = "max") -> tuple[Tensor, dict[str, Tensor]]:
    """F = max(x1 x2, x3) + x1 x3 with every node named, its backward pass done keeping every gradient.

    ``route`` replaces the max to show what a wrong gate pattern gives: "first" sends the whole
    gradient to x1 x2, the smaller input, as if it had won.
    """
    x = {name: Tensor(value, name=name) for name, value in inputs.items()}
    product = _named(x["x1"] * x["x2"], "x1 x2")
    chosen = product if route == "first" else product.maximum(x["x3"])
    biggest = _named(chosen, "x1 x2" if route == "first" else "max(x1 x2, x3)")
    other = _named(x["x1"] * x["x3"], "x1 x3")
    F = _named(biggest + other, "F")
    F.backward(retain_grads=True)
    return F, {**x, "x1 x2": product, "max(x1 x2, x3)": biggest, "x1 x3": other, "F": F}


def _hand_gradients() -> tuple[float, float, float]:
    _, nodes = _small_graph()
    return tuple(float(nodes[name].grad) for name in GRAPH_INPUTS)


@checker(solution=_hand_gradients)
def check_graph_gradients(dF_dx1, dF_dx2, dF_dx3) -> CheckResult:
    """Check the gradients of F = max(x1 x2, x3) + x1 x3 at x1 = 1.5, x2 = -2, x3 = 0.5, computed by hand.

    Each argument is one number, ∂F/∂x1, ∂F/∂x2, ∂F/∂x3; a relative difference of 1e-6 is allowed
    for rounding. A wrong one gets a hint when it is the gradient of one path only, what a max
    that does not route would give, another node's gradient, a forward value, or another input's gradient.

    Examples
    --------
    >>> check_graph_gradients(*_hand_gradients()).passed
    True
    """
    F, nodes = _small_graph()
    names = list(GRAPH_INPUTS)
    got = [_one_number(value, name) for value, name in zip((dF_dx1, dF_dx2, dF_dx3), names)]
    expected = [float(nodes[name].grad) for name in names]
    if not any(got) and any(expected):
        raise NotYet("all three are still 0, as the cell started. Run the forward pass by hand first (every node's value), "
                     "then the backward pass from dF/dF = 1, node by node, with the gate patterns.")
    right = [bool(np.isclose(g, e, rtol=1e-6, atol=1e-9)) for g, e in zip(got, expected)]
    if all(right):
        return CheckResult(True, f"Correct: dF/dx1 = {got[0]:g}, dF/dx2 = {got[1]:g}, dF/dx3 = {got[2]:g}, as the engine "
                           "computes them.")
    i = right.index(False)
    for j in range(3):
        if j != i and _close(got[i], expected[j]) and _close(got[j], expected[i]) and not _close(expected[i], expected[j]):
            raise NotYet(f"your dF/d{names[i]} and dF/d{names[j]} are swapped.")
    hint = _hand_hint(got[i], names[i], nodes, expected[i])
    raise NotYet(f"dF/d{names[i]} = {got[i]:g} is not right yet.{hint}")


def _one_number(value, name: str) -> float:
    """A hand-computed value as a float; NotYet unless it is one number in float64 or float32."""
    arr = as_numbers(value, f"your dF/d{name} is", returned=False)
    if arr.ndim > 1 or arr.size != 1:
        raise NotYet(f"dF/d{name} must be one number; got {hints.describe(value)}. Use float(...).")
    dtype = getattr(value, "dtype", None)
    if dtype is not None and np.dtype(dtype).kind == "f" and np.dtype(dtype).itemsize < 4:
        raise NotYet(f"your dF/d{name} is a {np.dtype(dtype)}, whose few digits are too coarse for the check; "
                     "use a Python float.")
    return float(arr.reshape(()))


def _close(a: float, b: float) -> bool:
    return bool(np.isclose(a, b, rtol=1e-6, atol=1e-9))


def _hand_hint(value: float, name: str, nodes: dict[str, Tensor], expected: float) -> str:
    """Why a hand-computed dF/d(name) might be ``value``: one path only, a max that does not route, another
    node's gradient, a forward value, the wrong sign, or another input's gradient."""
    uses = _uses(nodes["F"]).get(nodes[name], [])
    for size in range(1, len(uses)):
        for kept in combinations(range(len(uses)), size):
            if _close(value, float(sum(uses[k][1] for k in kept))):
                along = " and ".join(uses[k][0] for k in kept)
                others = " and ".join(op for k, (op, _) in enumerate(uses) if k not in kept)
                return (f" It is the gradient along the path through {along} only; {name} also reaches F through {others}. "
                        "A value used twice adds the gradients of its paths.")
    _, misrouted = _small_graph(route="first")
    if _close(value, float(misrouted[name].grad)):
        return (f" It is what you get when the max sends its gradient to x1 x2. Max routes the whole gradient to its larger "
                f"input: x1 x2 = {float(nodes['x1 x2'].data):g} and x3 = {float(nodes['x3'].data):g}.")
    above = [node for node in ("x1 x3", "max(x1 x2, x3)", "x1 x2", "F")
             if any(t is nodes[name] for t in topological_order(nodes[node]))]
    for node in above:
        if _close(value, float(nodes[node].grad)):
            return (f" It is dF/d({node}), the gradient of a node above {name}: multiply it by the local derivative of "
                    f"each operation on the way down to {name}.")
    for node in ("F", "max(x1 x2, x3)", "x1 x3", "x1 x2"):
        if _close(value, float(nodes[node].data)):
            return f" It is the forward value of {node}, not a gradient."
    if _close(value, float(nodes[name].data)):
        return (f" It is the value of {name} itself. Multiply swaps: each input's gradient is the upstream gradient "
                "times the other input.")
    if _close(value, -expected):
        return " It has the wrong sign."
    for other in GRAPH_INPUTS:
        if other != name and _close(value, float(nodes[other].grad)):
            return f" It is dF/d{other}."
    return ""
