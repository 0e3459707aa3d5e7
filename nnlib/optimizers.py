"""Optimisers: the rule that turns gradients into a change of the parameters (chapters 8 and 12).

An optimiser has a ``step(params, grads)`` method that updates every parameter in place, by name
("W1", "b1", ...), from the gradients of the last backward pass: :func:`nnlib.train` calls
``optimizer.step(net.parameters(), net.gradients())`` after each one. Any state the rule keeps
(a velocity, running averages) lives on the optimiser, where a reader can inspect it.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_number


class SGD:
    """Plain gradient descent: theta <- theta - eta * dL/dtheta.

    Parameters
    ----------
    learning_rate : float, default 0.1
        The step size eta, a finite number above 0.

    Examples
    --------
    >>> params, grads = {"W1": np.array([[1.0, 2.0]])}, {"W1": np.array([[0.5, -1.0]])}
    >>> SGD(0.1).step(params, grads)
    >>> params["W1"]
    array([[0.95, 2.1 ]])
    """

    def __init__(self, learning_rate: float = 0.1):
        self.learning_rate = check_positive_number(learning_rate, "learning_rate")

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Update every parameter in place, by name ("W1", "b1", ...)."""
        check_step_arguments(params, grads)
        learning_rate = self.learning_rate
        for name, value in params.items():
            value -= learning_rate * grads[name]

    def __repr__(self) -> str:
        return f"SGD(learning_rate={self.learning_rate})"


def check_step_arguments(params, grads) -> None:
    """Raise unless ``params`` and ``grads`` are dicts of float arrays with the same names and shapes.

    Every optimiser's ``step`` calls this first, before changing anything: the check costs a
    comparison per parameter, far less than the update itself.

    Examples
    --------
    >>> check_step_arguments({"W1": np.zeros((2, 3))}, {"W1": np.zeros((2, 3))})
    """
    try:  # the usual case, quickly: every name present, every shape equal, float parameters
        for name, value in params.items():
            if grads[name].shape != value.shape or value.dtype.kind != "f":
                break
        else:
            return
    except (AttributeError, KeyError, TypeError):
        pass
    for name, value in (("params", params), ("grads", grads)):
        if not isinstance(value, dict):
            raise TypeError(
                f"{name} must be a dict of arrays by name, such as net.{'parameters' if name == 'params' else 'gradients'}(); "
                f"got {type(value).__name__}."
            )
    for name, value in params.items():
        grad = grads.get(name)
        if grad is None:
            raise ValueError(f"grads has no entry {name!r}; it must have the names of params: {list(params)}.")
        if not isinstance(value, np.ndarray) or value.dtype.kind != "f":
            raise TypeError(f"params[{name!r}] must be a float array, updated in place; got {type(value).__name__}.")
        if not isinstance(grad, np.ndarray) or grad.shape != value.shape:
            raise ValueError(
                f"grads[{name!r}] must be an array of the shape of params[{name!r}], {np.shape(value)}; "
                f"got {type(grad).__name__} of shape {np.shape(grad)}."
            )
