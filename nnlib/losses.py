"""Losses and their gradients with respect to the prediction (chapter 4).

The batch convention, used everywhere in the course
---------------------------------------------------
Predictions ``y_hat`` and targets ``y`` have shape (n_outputs, m), one example per column (a
1-D array is one example). Every loss is the **mean over the m examples** of a per-example loss:

    L = (1/m) sum_i l(y_hat^(i), y^(i))

so every gradient returned here is dL/dy_hat of that mean and already carries the 1/m. Layers
below never divide by m again. (RMSE, the square root of the MSE, is the one loss that is not a
mean of per-example losses.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validation import as_columns, check_same_shape, unknown_name_error
from .activations import sigmoid
from .softmax import softmax

Array = np.ndarray


def _pair(y_hat, y, names=("y_hat", "y")) -> tuple[Array, Array]:
    """Both arrays as (n_outputs, m) columns, checked finite and of equal shape."""
    y_hat = as_columns(y_hat, names[0])
    y = as_columns(y, names[1])
    check_same_shape(y_hat, y, *names)
    return y_hat, y


def _probabilities(y_hat: Array, loss_name: str) -> Array:
    """Check that predictions are probabilities, then keep them off 0 and 1 so log stays finite."""
    if y_hat.min() < 0 or y_hat.max() > 1:
        raise ValueError(
            f"{loss_name} expects predicted probabilities in [0, 1], got values from "
            f"{y_hat.min():.4g} to {y_hat.max():.4g}. If these are logits (raw scores), use "
            f"{'sigmoid' if loss_name.startswith('binary') else 'softmax'}_cross_entropy instead."
        )
    eps = np.finfo(y_hat.dtype).eps
    return np.clip(y_hat, eps, 1.0 - eps)


def squared_error(y_hat, y) -> float:
    """L = (1/m) sum_i 1/2 sum_k (y_hat_k - y_k)^2.

    The 1/2 cancels the 2 that comes down when differentiating, so the gradient is simply
    (y_hat - y) / m.

    Examples
    --------
    >>> squared_error([0.75, 0.77], [0.01, 0.99])
    0.298
    """
    y_hat, y = _pair(y_hat, y)
    return float(0.5 * np.sum((y_hat - y) ** 2) / y.shape[1])


def squared_error_gradient(y_hat, y) -> Array:
    """dL/dy_hat = (y_hat - y) / m, shape (n_outputs, m).

    Examples
    --------
    >>> squared_error_gradient([0.75, 0.77], [0.01, 0.99])
    array([[ 0.74],
           [-0.22]])
    """
    return _squared_error_gradient(*_pair(y_hat, y))


def _squared_error_gradient(y_hat: Array, y: Array) -> Array:
    return (y_hat - y) / y.shape[1]


def mse(y_hat, y) -> float:
    """Mean squared error over every entry: L = 1/(n m) sum_k sum_i (y_hat_ki - y_ki)^2.

    Examples
    --------
    >>> mse([[1.0, 2.0]], [[0.0, 0.0]])
    2.5
    """
    y_hat, y = _pair(y_hat, y)
    return float(np.mean((y_hat - y) ** 2))


def mse_gradient(y_hat, y) -> Array:
    """dL/dy_hat = 2 (y_hat - y) / (n m).

    Examples
    --------
    >>> mse_gradient([[1.0, 2.0]], [[0.0, 0.0]])
    array([[1., 2.]])
    """
    return _mse_gradient(*_pair(y_hat, y))


def _mse_gradient(y_hat: Array, y: Array) -> Array:
    return 2.0 * (y_hat - y) / y.size


def rmse(y_hat, y) -> float:
    """Root mean squared error, sqrt(MSE): an error in the units of y.

    Examples
    --------
    >>> rmse([[3.0, 3.0]], [[0.0, 0.0]])
    3.0
    """
    return float(np.sqrt(mse(y_hat, y)))


def rmse_gradient(y_hat, y) -> Array:
    """dL/dy_hat = (y_hat - y) / (n m RMSE), by the chain rule through the square root.

    At a perfect fit (RMSE = 0) the square root has no derivative; nnlib returns zeros there,
    the value every one-sided limit along y_hat = y gives for the update.

    Examples
    --------
    >>> rmse_gradient([[3.0, 3.0]], [[0.0, 0.0]])
    array([[0.5, 0.5]])
    """
    y_hat, y = _pair(y_hat, y)
    r = np.sqrt(np.mean((y_hat - y) ** 2))
    if r == 0:
        return np.zeros_like(y_hat)
    return (y_hat - y) / (y.size * r)


def binary_cross_entropy(y_hat, y) -> float:
    """L = (1/m) sum_i sum_k [-y log(y_hat) - (1 - y) log(1 - y_hat)].

    Predictions are probabilities (sigmoid outputs). They are kept a machine epsilon away from
    0 and 1, so a prediction of exactly 0 or 1 gives a large, finite loss, never inf.

    Examples
    --------
    >>> round(binary_cross_entropy([0.9], [1.0]), 6)
    0.105361
    """
    y_hat, y = _pair(y_hat, y)
    p = _probabilities(y_hat, "binary_cross_entropy")
    return float(-np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p)) / y.shape[1])


def binary_cross_entropy_gradient(y_hat, y) -> Array:
    """dL/dy_hat = (y_hat - y) / (y_hat (1 - y_hat)) / m.

    Multiplied by the sigmoid's derivative y_hat (1 - y_hat), this becomes (y_hat - y) / m: the
    reason cross-entropy pairs with a sigmoid output.

    Examples
    --------
    >>> binary_cross_entropy_gradient([0.5], [1.0])
    array([[-2.]])
    """
    return _binary_cross_entropy_gradient(*_pair(y_hat, y))


def _binary_cross_entropy_gradient(y_hat: Array, y: Array) -> Array:
    p = _probabilities(y_hat, "binary_cross_entropy")
    return (p - y) / (p * (1.0 - p)) / y.shape[1]


def categorical_cross_entropy(y_hat, y) -> float:
    """L = (1/m) sum_i [-sum_k y_k log(y_hat_k)] for softmax probabilities and one-hot targets.

    Examples
    --------
    >>> round(categorical_cross_entropy([0.7, 0.2, 0.1], [1.0, 0.0, 0.0]), 6)
    0.356675
    """
    y_hat, y = _pair(y_hat, y)
    p = _probabilities(y_hat, "categorical_cross_entropy")
    return float(-np.sum(y * np.log(p)) / y.shape[1])


def categorical_cross_entropy_gradient(y_hat, y) -> Array:
    """dL/dy_hat = -y / y_hat / m.

    Examples
    --------
    >>> categorical_cross_entropy_gradient([0.5, 0.5], [1.0, 0.0])
    array([[-2.],
           [-0.]])
    """
    return _categorical_cross_entropy_gradient(*_pair(y_hat, y))


def _categorical_cross_entropy_gradient(y_hat: Array, y: Array) -> Array:
    return -y / _probabilities(y_hat, "categorical_cross_entropy") / y.shape[1]


def sigmoid_cross_entropy(z, y) -> float:
    """Binary cross-entropy computed from logits z, where y_hat = sigmoid(z).

    Notes
    -----
    -y log(sigma(z)) - (1 - y) log(1 - sigma(z)) simplifies to log(1 + e^z) - y z, which
    ``np.logaddexp(0, z)`` evaluates without overflow and without ever forming log(0).

    Examples
    --------
    >>> round(sigmoid_cross_entropy([0.0], [1.0]), 6)
    0.693147
    """
    z, y = _pair(z, y, ("z", "y"))
    return float(np.sum(np.logaddexp(0.0, z) - y * z) / y.shape[1])


def sigmoid_cross_entropy_gradient(z, y) -> Array:
    """dL/dz = (sigmoid(z) - y) / m.

    Examples
    --------
    >>> sigmoid_cross_entropy_gradient([0.0], [1.0])
    array([[-0.5]])
    """
    return _sigmoid_cross_entropy_gradient(*_pair(z, y, ("z", "y")))


def _sigmoid_cross_entropy_gradient(z: Array, y: Array) -> Array:
    return (sigmoid(z) - y) / y.shape[1]


def softmax_cross_entropy(z, y) -> float:
    """Categorical cross-entropy computed from logits z, where y_hat = softmax(z).

    Notes
    -----
    log softmax(z)_k = z_k - logsumexp(z), and logsumexp(z) = max(z) + log sum exp(z - max(z))
    never overflows. So the loss is finite for any finite logits.

    Examples
    --------
    >>> round(softmax_cross_entropy([2.0, 1.0, 0.1], [1.0, 0.0, 0.0]), 6)
    0.41703
    """
    z, y = _pair(z, y, ("z", "y"))
    z_max = z.max(axis=0, keepdims=True)
    log_sum_exp = z_max + np.log(np.exp(z - z_max).sum(axis=0, keepdims=True))
    return float(-np.sum(y * (z - log_sum_exp)) / y.shape[1])


def softmax_cross_entropy_gradient(z, y) -> Array:
    """dL/dz = (softmax(z) - y) / m, for targets y whose columns sum to 1.

    Examples
    --------
    >>> softmax_cross_entropy_gradient([0.0, 0.0], [1.0, 0.0])
    array([[-0.5],
           [ 0.5]])
    """
    return _softmax_cross_entropy_gradient(*_pair(z, y, ("z", "y")))


def _softmax_cross_entropy_gradient(z: Array, y: Array) -> Array:
    return (softmax(z) - y) / y.shape[1]


@dataclass(frozen=True)
class Loss:
    """A loss with its gradient, as a network uses it.

    Parameters
    ----------
    name : str
        The registry name.
    function : callable
        (y_hat, y) -> L, a float.
    gradient : callable
        (y_hat, y) -> dL/dy_hat, shape (n_outputs, m).
    from_logits : bool
        True when the loss takes raw scores z rather than probabilities: the network's output
        layer must then be linear.

    Examples
    --------
    >>> get_loss("mse")([[1.0]], [[0.0]])
    1.0
    """

    name: str
    function: Callable[[Array, Array], float]
    gradient: Callable[[Array, Array], Array]
    from_logits: bool = False

    def __call__(self, y_hat, y) -> float:
        return self.function(y_hat, y)


LOSSES: dict[str, Loss] = {
    "squared_error": Loss("squared_error", squared_error, squared_error_gradient),
    "mse": Loss("mse", mse, mse_gradient),
    "rmse": Loss("rmse", rmse, rmse_gradient),
    "binary_cross_entropy": Loss("binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_gradient),
    "categorical_cross_entropy": Loss(
        "categorical_cross_entropy", categorical_cross_entropy, categorical_cross_entropy_gradient
    ),
    "sigmoid_cross_entropy": Loss(
        "sigmoid_cross_entropy", sigmoid_cross_entropy, sigmoid_cross_entropy_gradient, from_logits=True
    ),
    "softmax_cross_entropy": Loss(
        "softmax_cross_entropy", softmax_cross_entropy, softmax_cross_entropy_gradient, from_logits=True
    ),
}
"""Every loss by name."""


def get_loss(loss: str | Loss) -> Loss:
    """Look up a loss by name, or pass a :class:`Loss` through.

    Examples
    --------
    >>> get_loss("squared_error").name
    'squared_error'
    """
    if isinstance(loss, Loss):
        return loss
    if not isinstance(loss, str):
        raise TypeError(
            f"a loss must be a name such as 'squared_error' or a Loss, got {type(loss).__name__} {loss!r}."
        )
    try:
        return LOSSES[loss]
    except KeyError:
        raise unknown_name_error("loss", loss, LOSSES) from None



# The training loop's gradients: each public gradient above is ``_pair``'s checks followed by a
# private formula; the loop, whose arrays were checked once up front (2-D, finite, of matching
# shapes), calls the formula alone. Checking every mini-batch would cost more than the arithmetic
# for the course's small networks.


_UNCHECKED_GRADIENTS: dict[str, Callable[[Array, Array], Array]] = {
    "squared_error": _squared_error_gradient,
    "mse": _mse_gradient,
    "rmse": rmse_gradient,  # rare in training loops: keeps its checks
    "binary_cross_entropy": _binary_cross_entropy_gradient,
    "categorical_cross_entropy": _categorical_cross_entropy_gradient,
    "sigmoid_cross_entropy": _sigmoid_cross_entropy_gradient,
    "softmax_cross_entropy": _softmax_cross_entropy_gradient,
}


def _unchecked_gradient(loss: Loss) -> Callable[[Array, Array], Array]:
    """``loss.gradient`` without its input checks, for a loss of the registry. Any other loss
    (one built by hand) keeps its own gradient function, checks and all."""
    if LOSSES.get(loss.name) is loss:
        return _UNCHECKED_GRADIENTS[loss.name]
    return loss.gradient
