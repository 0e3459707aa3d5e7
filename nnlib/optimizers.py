"""Optimisers: rules that turn a gradient into a step (chapter 12).

Each optimiser is a small object with one method, ``step(params, grads)``, which updates every
parameter in place, by name ("W1", "b1", ...), from the gradient of the same name. What an
optimiser remembers between steps (a velocity, two moving averages, a step count) is a plain
attribute, a dict of arrays by parameter name, that a reader can print.

In the formulas, g is the gradient dL/dtheta of one parameter at step t = 1, 2, ...:

- :class:`SGD`: theta <- theta - eta g.
- :class:`Momentum` (heavy ball): v <- beta v + g, theta <- theta - eta v.
- :class:`Adam`: v <- beta1 v + (1 - beta1) g, s <- beta2 s + (1 - beta2) g^2 (elementwise),
  theta <- theta - eta v_hat / (sqrt(s_hat) + epsilon) with the bias corrections
  v_hat = v / (1 - beta1^t) and s_hat = s / (1 - beta2^t).
- :class:`AdamW`: Adam whose weight decay shrinks the weights directly, W <- (1 - eta lambda) W,
  instead of entering g (decoupled weight decay).

``weight_decay`` (lambda) in SGD, Momentum and Adam is L2 regularisation: lambda W is added to the
gradient of every weight matrix (not the biases), the gradient of the penalty
:func:`nnlib.regularization.l2_penalty`. The update rules follow ``torch.optim`` (SGD with
``momentum``, Adam, AdamW), and the benchmarks check that both give the same numbers.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_positive_number
from .regularization import check_in_range, check_weight_decay, decays


def _state(store: dict[str, np.ndarray], name: str, param: np.ndarray) -> np.ndarray:
    """The optimiser's state array for ``name`` (zeros at the first step), or a clear error if it belongs to another network."""
    state = store.get(name)
    if state is None:
        state = store[name] = np.zeros_like(param)
    elif state.shape != param.shape:
        raise ValueError(f"this optimiser holds state for {name!r} of shape {state.shape}, but the parameter {name!r} has shape "
                         f"{param.shape}: it was used with another network. Make a new optimiser for each network.")
    return state


def _check_beta(value, name: str) -> float:
    return check_in_range(value, name, 0.0, 1.0, high_open=True, example="0.9")


class SGD:
    """Plain gradient descent: theta <- theta - eta * dL/dtheta.

    With ``weight_decay`` lambda > 0, every weight matrix steps against g + lambda W instead: the
    gradient of the loss plus (lambda / 2) ‖W‖^2.

    Parameters
    ----------
    learning_rate : float, default 0.1
        eta, a positive number.
    weight_decay : float, default 0
        lambda, at least 0.

    Examples
    --------
    >>> params, grads = {"W1": np.array([[1.0, 2.0]])}, {"W1": np.array([[0.5, -1.0]])}
    >>> SGD(learning_rate=0.1).step(params, grads)
    >>> params["W1"]
    array([[0.95, 2.1 ]])
    """

    def __init__(self, learning_rate: float = 0.1, weight_decay: float = 0.0):
        self.learning_rate = check_positive_number(learning_rate, "learning_rate")
        self.weight_decay = check_weight_decay(weight_decay)

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Update every parameter in place, by name ("W1", "b1", ...)."""
        check_step_arguments(params, grads)
        for name, theta in params.items():
            g = grads[name]
            if self.weight_decay and decays(name):
                g = g + self.weight_decay * theta
            theta -= self.learning_rate * g

    def __repr__(self) -> str:
        return f"SGD(learning_rate={self.learning_rate}, weight_decay={self.weight_decay})"


class Momentum:
    """Gradient descent with momentum (the heavy ball): v <- beta v + g, then theta <- theta - eta v.

    The velocity v of each parameter starts at 0 and accumulates past gradients, each weighted by
    beta^k after k more steps. Where successive gradients agree (along a valley floor) the steps grow
    towards eta g / (1 - beta); where they alternate in sign (across a valley) they cancel.

    Parameters
    ----------
    learning_rate : float, default 0.1
        eta, a positive number.
    momentum : float, default 0.9
        beta, in [0, 1); 0 is plain gradient descent.
    weight_decay : float, default 0
        lambda: g becomes g + lambda W for every weight matrix.

    Attributes
    ----------
    velocity : dict of str to ndarray
        v of every parameter, by name; empty before the first step.

    Examples
    --------
    >>> params, grads = {"b1": np.array([[0.0]])}, {"b1": np.array([[1.0]])}
    >>> opt = Momentum(learning_rate=0.1, momentum=0.5)
    >>> opt.step(params, grads); opt.step(params, grads)
    >>> opt.velocity["b1"], params["b1"]
    (array([[1.5]]), array([[-0.25]]))
    """

    def __init__(self, learning_rate: float = 0.1, momentum: float = 0.9, weight_decay: float = 0.0):
        self.learning_rate = check_positive_number(learning_rate, "learning_rate")
        self.momentum = _check_beta(momentum, "momentum")
        self.weight_decay = check_weight_decay(weight_decay)
        self.velocity: dict[str, np.ndarray] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Update every velocity, then every parameter, in place, by name."""
        check_step_arguments(params, grads)
        for name, theta in params.items():
            g = grads[name]
            if self.weight_decay and decays(name):
                g = g + self.weight_decay * theta
            v = _state(self.velocity, name, theta)
            v *= self.momentum
            v += g
            theta -= self.learning_rate * v

    def __repr__(self) -> str:
        return f"Momentum(learning_rate={self.learning_rate}, momentum={self.momentum}, weight_decay={self.weight_decay})"


class Adam:
    """Adam: a step per parameter entry scaled by running averages of its gradient and squared gradient.

    At step t = 1, 2, ..., for every entry of every parameter,

        v <- beta1 v + (1 - beta1) g,        s <- beta2 s + (1 - beta2) g^2,
        v_hat = v / (1 - beta1^t),           s_hat = s / (1 - beta2^t),
        theta <- theta - eta v_hat / (sqrt(s_hat) + epsilon).

    v and s start at 0, so early on they are too small: after one step v = (1 - beta1) g. The bias
    corrections divide that out, and v_hat = g, s_hat = g^2 at t = 1: the first step has length
    about eta in every entry, whatever the scale of g.

    Parameters
    ----------
    learning_rate : float, default 0.001
        eta, a positive number: about the largest change of any entry in one step.
    beta1, beta2 : float, default 0.9 and 0.999
        The decay rates of the two averages, in [0, 1).
    epsilon : float, default 1e-8
        A small positive number that keeps the division finite where s_hat is 0.
    weight_decay : float, default 0
        lambda: g becomes g + lambda W for every weight matrix (L2 regularisation, which Adam then
        rescales like the rest of the gradient; see :class:`AdamW` for the decoupled form).

    Attributes
    ----------
    step_count : int
        t, the number of steps taken.
    first_moment, second_moment : dict of str to ndarray
        v and s of every parameter, by name; empty before the first step.

    Examples
    --------
    >>> params, grads = {"W1": np.array([[1.0, 1.0]])}, {"W1": np.array([[100.0, -0.01]])}
    >>> opt = Adam(learning_rate=0.1)
    >>> opt.step(params, grads)
    >>> opt.step_count, params["W1"].round(6)
    (1, array([[0.9, 1.1]]))
    """

    decoupled = False
    """True in :class:`AdamW`: weight decay shrinks the weights directly instead of entering g."""

    def __init__(self, learning_rate: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 weight_decay: float = 0.0):
        self.learning_rate = check_positive_number(learning_rate, "learning_rate")
        self.beta1 = _check_beta(beta1, "beta1")
        self.beta2 = _check_beta(beta2, "beta2")
        self.epsilon = check_positive_number(epsilon, "epsilon")
        self.weight_decay = check_weight_decay(weight_decay)
        self.step_count = 0
        self.first_moment: dict[str, np.ndarray] = {}
        self.second_moment: dict[str, np.ndarray] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Count one step, update both averages and every parameter in place, by name."""
        check_step_arguments(params, grads)
        self.step_count += 1
        t = self.step_count
        correction1, correction2 = 1.0 - self.beta1**t, 1.0 - self.beta2**t
        for name, theta in params.items():
            g = grads[name]
            if self.weight_decay and decays(name):
                if self.decoupled:
                    theta *= 1.0 - self.learning_rate * self.weight_decay
                else:
                    g = g + self.weight_decay * theta
            v = _state(self.first_moment, name, theta)
            s = _state(self.second_moment, name, theta)
            v *= self.beta1
            v += (1.0 - self.beta1) * g
            s *= self.beta2
            s += (1.0 - self.beta2) * g * g
            theta -= self.learning_rate * (v / correction1) / (np.sqrt(s / correction2) + self.epsilon)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(learning_rate={self.learning_rate}, beta1={self.beta1}, beta2={self.beta2}, "
                f"epsilon={self.epsilon}, weight_decay={self.weight_decay})")


class AdamW(Adam):
    """Adam with decoupled weight decay: each weight matrix first shrinks, W <- (1 - eta lambda) W,
    then takes Adam's step on the loss's own gradient.

    With :class:`Adam`'s ``weight_decay`` the term lambda W joins g and is divided by sqrt(s_hat) like
    the rest of it, so weights with large gradients are hardly decayed at all. Here every weight
    shrinks by the same factor 1 - eta lambda per step, whatever its gradient (Loshchilov and
    Hutter, "Decoupled Weight Decay Regularization", 2019).

    Parameters
    ----------
    learning_rate, beta1, beta2, epsilon
        As for :class:`Adam`.
    weight_decay : float, default 0.01
        lambda, at least 0.

    Examples
    --------
    >>> params, grads = {"W1": np.array([[2.0]])}, {"W1": np.array([[0.0]])}
    >>> AdamW(learning_rate=0.1, weight_decay=0.5).step(params, grads)
    >>> params["W1"]
    array([[1.9]])
    """

    decoupled = True

    def __init__(self, learning_rate: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 weight_decay: float = 0.01):
        super().__init__(learning_rate, beta1, beta2, epsilon, weight_decay)


def step_decay(step: int, initial: float, factor: float = 0.5, every: int = 10) -> float:
    """A learning-rate schedule: eta_t = eta_0 * factor^floor(t / every).

    The rate stays at ``initial`` for the first ``every`` steps (or epochs), then is multiplied by
    ``factor`` every ``every`` steps. Set an optimiser's ``learning_rate`` to it before each step.

    Parameters
    ----------
    step : int
        t, counted from 0.
    initial : float
        eta_0, positive.
    factor : float, default 0.5
        In (0, 1].
    every : int, default 10
        Steps between two decays, at least 1.

    Examples
    --------
    >>> [step_decay(t, 0.1, factor=0.5, every=2) for t in range(6)]
    [0.1, 0.1, 0.05, 0.05, 0.025, 0.025]
    """
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or step < 0:
        raise ValueError(f"step must be a whole number of at least 0, got {step!r}.")
    if isinstance(every, bool) or not isinstance(every, (int, np.integer)) or every < 1:
        raise ValueError(f"every must be a whole number of at least 1, got {every!r}.")
    initial = check_positive_number(initial, "initial")
    factor = check_in_range(factor, "factor", 0.0, 1.0, low_open=True, example="0.5")
    return initial * factor ** (int(step) // int(every))


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
