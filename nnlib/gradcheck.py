"""Numerical gradients and gradient checking (chapter 7).

A derivative derived by hand is trusted only once it agrees with a finite difference:
(f(x + h) - f(x - h)) / (2h) differs from f'(x) by O(h^2), so with h = 1e-5 in float64 the two
agree to about 1e-10 relative. A wrong derivative shows up far above that: chapter 7's table
measures about 1e-2 for a gradient 1 % too large, 0.8 for the 1/m counted twice and 2 for a
flipped sign. In float32 even a right gradient only reaches about 1e-3, so check in float64.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validation import as_array, check_positive_number
from .losses import Loss
from .network import Network


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5, method: str = "central") -> np.ndarray:
    """The gradient of a scalar function f at x by finite differences, for x of any shape.

    Each entry of ``x`` is nudged in turn and put back, so ``x`` is unchanged afterwards (it is
    modified during the call, which is how ``f`` sees the nudge when it reads ``x`` itself).

    Parameters
    ----------
    f : callable
        Takes no argument but ``x`` and returns a float. It may also ignore its argument and read
        an array that ``x`` is (a network's weights, say).
    x : ndarray of floats
        The point, changed in place during the call and restored.
    h : float, default 1e-5
        The step.
    method : {"central", "forward"}
        Central: (f(x + h) - f(x - h)) / 2h, error O(h^2). Forward: (f(x + h) - f(x)) / h, error O(h).

    Returns
    -------
    ndarray of the same shape as x

    Examples
    --------
    >>> x = np.array([1.0, 2.0])
    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), x).round(6)
    array([2., 4.])
    """
    if not callable(f):
        raise TypeError(f"f must be a function of x returning a number, got {type(f).__name__}.")
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            "x must be a float numpy array (it is nudged in place); "
            f"got {type(x).__name__}{'' if not isinstance(x, np.ndarray) else ' of dtype ' + str(x.dtype)}. "
            "Use np.array(x, dtype=float)."
        )
    if x.size == 0:
        raise ValueError(f"x is empty (shape {x.shape}): there is nothing to differentiate.")
    h = check_positive_number(h, "h", "1e-5")
    if method not in ("central", "forward"):
        raise ValueError(f"method must be 'central' or 'forward', got {method!r}.")
    grad = np.zeros_like(x)
    f0 = _value_of(f, x) if method == "forward" else None
    for i in np.ndindex(x.shape):
        original = x[i]
        try:  # put x back even if f raises in the middle of a nudge
            x[i] = original + h
            f_plus = _value_of(f, x)
            if method == "central":
                x[i] = original - h
                grad[i] = (f_plus - _value_of(f, x)) / (2 * h)
            else:
                grad[i] = (f_plus - f0) / h
        finally:
            x[i] = original
    return grad


def _value_of(f, x: np.ndarray) -> float:
    """f(x) as a float, or a TypeError saying that f must return one number."""
    value = f(x)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"f must return a single number (the loss), but it returned {type(value).__name__} "
            f"of shape {np.shape(value)}. Sum or average an array before returning it."
        ) from None


def relative_error(a, b) -> float:
    """norm(a - b) / max(norm(a), norm(b)), and 0 when both are zero.

    The scale-free distance between an analytic and a numerical gradient: below about 1e-7 they
    agree (float64, central differences), above about 1e-3 something is wrong.

    Both arrays are divided by their largest entry before the norms are taken, which changes
    nothing mathematically but keeps the squares inside the float range: gradients of 1e-200 or
    1e200 compare as well as gradients of 1.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> relative_error(0.0, 0.0)
    0.0
    >>> round(relative_error([1.0], [1.1]), 4)
    0.0909
    """
    a, b = as_array(a, "a"), as_array(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape to compare them; got {a.shape} and {b.shape}.")
    if a.size == 0:
        raise ValueError("a and b are empty: there is nothing to compare.")
    largest = max(np.abs(a).max(), np.abs(b).max())
    if largest == 0:
        return 0.0
    a, b = a / largest, b / largest  # the same ratio, with squares that neither underflow nor overflow
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a), np.linalg.norm(b)))


@dataclass
class ParameterCheck:
    """The gradient check of one parameter array.

    Attributes
    ----------
    name : str
        "W1", "b1", ...
    relative_error : float
        Between the backprop and the numerical gradient of the whole array.
    worst_index : tuple
        The entry where the two differ most.
    analytic, numerical : float
        The two values at that entry.
    """

    name: str
    relative_error: float
    worst_index: tuple
    analytic: float
    numerical: float


@dataclass
class GradientCheckReport:
    """The gradient check of every parameter of a network.

    ``passed`` is True when every relative error is below ``threshold``. Printing the report
    shows one line per parameter; a failed check of float32 weights adds :attr:`dtype_hint`,
    which names the dtype as the likely cause.
    """

    checks: list[ParameterCheck]
    threshold: float
    dtype: str = "float64"

    @property
    def passed(self) -> bool:
        return all(c.relative_error < self.threshold for c in self.checks)

    @property
    def worst(self) -> ParameterCheck:
        return max(self.checks, key=lambda c: c.relative_error)

    def __getitem__(self, name: str) -> ParameterCheck:
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(f"no parameter named {name!r}; the network has {[c.name for c in self.checks]}.")

    def __str__(self) -> str:
        lines = [f"{'parameter':<10}{'relative error':>16}   worst entry: backprop vs numerical"]
        for c in self.checks:
            flag = "ok" if c.relative_error < self.threshold else "MISMATCH"
            lines.append(
                f"{c.name:<10}{c.relative_error:>16.2e}   {c.name}{list(c.worst_index)}: "
                f"{c.analytic:+.8e} vs {c.numerical:+.8e}  {flag}"
            )
        verdict = "passed" if self.passed else "FAILED"
        lines.append(f"{verdict}: every relative error must be below {self.threshold:.0e}.")
        if not self.passed and self.dtype != "float64":
            lines.append(self.dtype_hint)
        return "\n".join(lines)

    @property
    def dtype_hint(self) -> str:
        """Why a check of a network whose weights are not float64 is expected to fail ('' in float64)."""
        if self.dtype == "float64":
            return ""
        return (
            f"The weights are {self.dtype}: the likely cause. In {self.dtype} central differences agree with a right "
            "gradient only to about 1e-3 (chapter 7), so this threshold cannot be met. Check a float64 copy "
            "of the network (Network.from_weights with W.astype(float)) and float64 data."
        )

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(str(self))


def _shape_advice(got: tuple, expected: tuple, m: int) -> str:
    """What a gradient of the wrong shape usually means, as a sentence with a leading space ("" if nothing stands out).

    Examples
    --------
    >>> _shape_advice((3, 4), (4, 3), m=5)
    ' A swapped shape usually means a missing transpose.'
    >>> _shape_advice((2, 5), (2, 1), m=5)
    ' One column per example usually means a missing sum over the batch, dZ.sum(axis=1, keepdims=True).'
    >>> _shape_advice((2, 3), (2, 1), m=5)
    ''
    """
    if got == expected[::-1]:
        return " A swapped shape usually means a missing transpose."
    if m > 1 and expected[1:] == (1,) and got == (expected[0], m):
        return " One column per example usually means a missing sum over the batch, dZ.sum(axis=1, keepdims=True)."
    return ""


def check_network_gradients(
    net: Network,
    X,
    Y,
    loss: str | Loss = "squared_error",
    h: float = 1e-5,
    threshold: float = 1e-7,
    gradients: dict[str, np.ndarray] | None = None,
) -> GradientCheckReport:
    """Compare backpropagation with central differences for every parameter of ``net``.

    Parameters
    ----------
    net : Network
        Its weights are nudged and restored; they are unchanged afterwards.
    X, Y : array_like
        A (small) batch and its targets.
    loss : str or Loss
    h : float
        Finite-difference step.
    threshold : float
        Largest relative error that passes. Use float64 weights and keep inputs away from kinks
        (ReLU at 0), where no derivative exists to agree with.
    gradients : dict, optional
        Gradients to check instead of ``net``'s own backward pass (for testing a hand-written
        backward pass), by the names of ``net.parameters()``.

    Returns
    -------
    GradientCheckReport

    Examples
    --------
    >>> net = Network.from_sizes([2, 2, 1], seed=0)
    >>> report = check_network_gradients(net, np.ones((2, 3)), np.zeros((1, 3)))
    >>> report.passed
    True
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be an nnlib Network, such as Network.from_sizes([2, 3, 1]); got {type(net).__name__}.")
    X, Y, loss = net.check_data(X, Y, loss)
    h = check_positive_number(h, "h", "1e-5")
    threshold = check_positive_number(threshold, "threshold", "1e-7")
    if gradients is None:
        _, gradients = net.loss_and_gradients(X, Y, loss)
    if not isinstance(gradients, dict):
        raise TypeError(
            f"gradients must be a dict of arrays by parameter name, such as {{'W1': dW1, ...}}; got {type(gradients).__name__}."
        )
    gradients = {name: as_array(g, f"gradients[{name!r}]").astype(float) for name, g in gradients.items()}
    params = net.parameters()
    checks = []
    for name, param in params.items():
        if name not in gradients:
            raise ValueError(f"gradients has no entry {name!r}; expected the names {list(params)}.")
        numerical = numerical_gradient(lambda _: loss(net.forward(X, checked=True), Y), param, h)
        analytic = gradients[name]
        if analytic.shape != param.shape:
            if analytic.shape != (param.size,) or param.ndim != 2 or param.shape[1] != 1:
                raise ValueError(
                    f"the gradient of {name} must have the shape of {name}, {param.shape}; got "
                    f"{analytic.shape}.{_shape_advice(analytic.shape, param.shape, X.shape[1])}"
                )
            analytic = analytic.reshape(param.shape)
        worst = np.unravel_index(np.argmax(np.abs(analytic - numerical)), param.shape)
        checks.append(
            ParameterCheck(
                name=name,
                relative_error=relative_error(analytic, numerical),
                worst_index=tuple(int(i) for i in worst),
                analytic=float(analytic[worst]),
                numerical=float(numerical[worst]),
            )
        )
    return GradientCheckReport(checks, threshold, dtype=str(next(iter(params.values())).dtype))
