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
from .softmax import _softmax, softmax

Array = np.ndarray

TARGET_SUM_TOLERANCE = 1e-5
"""How far a column of categorical targets may sum from 1: rounding in float32 soft targets (label
smoothing over ten classes, say) stays well inside it, a missing or doubled label is far outside."""


def _pair(y_hat, y, names=("y_hat", "y")) -> tuple[Array, Array]:
    """Both arrays as (n_outputs, m) columns, checked finite, non-empty and of equal shape."""
    y_hat = as_columns(y_hat, names[0])
    y = as_columns(y, names[1])
    check_same_shape(y_hat, y, *names)
    return y_hat, y


def check_probability_targets(y: Array, name: str = "y") -> None:
    """Raise unless every target lies in [0, 1] (the targets of a binary cross-entropy).

    Examples
    --------
    >>> check_probability_targets(np.array([[0.0, 1.0, 0.3]]))
    """
    if y.min() < 0 or y.max() > 1:
        raise ValueError(
            f"{name} must hold targets between 0 and 1 (a class 0 or 1, or a probability), got values "
            f"from {y.min():.4g} to {y.max():.4g}. Outside [0, 1] a cross-entropy can be negative and has no minimum."
        )


def check_distribution_targets(y: Array, name: str = "y") -> None:
    """Raise unless every column lies in [0, 1] and sums to 1 within :data:`TARGET_SUM_TOLERANCE`
    (the targets of a categorical cross-entropy: one-hot columns, or probabilities).

    Examples
    --------
    >>> check_distribution_targets(np.array([[1.0, 0.2], [0.0, 0.8]]))
    """
    check_probability_targets(y, name)
    gaps = np.abs(y.sum(axis=0) - 1.0)
    if gaps.max() > TARGET_SUM_TOLERANCE:
        worst = int(np.argmax(gaps))
        sums = y.sum(axis=0)
        raise ValueError(
            f"each column of {name} must sum to 1 (one-hot, or a probability distribution over the classes), "
            f"but column {worst} sums to {sums[worst]:.6g}. Use nnlib.one_hot(labels) for class labels."
        )


def _probabilities(y_hat: Array, loss_name: str) -> Array:
    """Check that predictions are probabilities, else suggest the loss on logits."""
    if y_hat.min() < 0 or y_hat.max() > 1:
        raise ValueError(
            f"{loss_name} expects predicted probabilities y_hat in [0, 1], got values from "
            f"{y_hat.min():.4g} to {y_hat.max():.4g}. If these are logits (raw scores), use "
            f"{'sigmoid' if loss_name.startswith('binary') else 'softmax'}_cross_entropy instead."
        )
    return y_hat


def _clip(y_hat: Array) -> tuple[Array, Array]:
    """p = clip(y_hat, eps, 1 - eps) and where no clipping happened (eps: the dtype's machine epsilon)."""
    eps = np.finfo(y_hat.dtype).eps
    inside = (y_hat >= eps) & (y_hat <= 1.0 - eps)
    return np.clip(y_hat, eps, 1.0 - eps), inside


def squared_error(y_hat, y) -> float:
    """L = (1/m) sum_i 1/2 sum_k (y_hat_k - y_k)^2.

    The 1/2 cancels the 2 that comes down when differentiating, so the gradient is simply
    (y_hat - y) / m.

    Examples
    --------
    >>> squared_error([0.75, 0.77], [0.01, 0.99])
    0.298
    """
    return _squared_error(*_pair(y_hat, y))


def _squared_error(y_hat: Array, y: Array) -> float:
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
    return _mse(*_pair(y_hat, y))


def _mse(y_hat: Array, y: Array) -> float:
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
    """L = (1/m) sum_i sum_k [-y log(p) - (1 - y) log(1 - p)], with p = clip(y_hat, eps, 1 - eps).

    Predictions y_hat are probabilities in [0, 1] (sigmoid outputs); targets y lie in [0, 1]
    (usually a class, 0 or 1). Before the logarithms the predictions are clipped to
    [eps, 1 - eps], where eps is the machine epsilon of their dtype (2.2e-16 in float64,
    1.2e-7 in float32): a prediction of exactly 0 or 1 gives a large, finite loss (-log(eps),
    36.04 in float64), never inf. This clipped function is the loss nnlib computes and
    differentiates.

    Examples
    --------
    >>> round(binary_cross_entropy([0.9], [1.0]), 6)
    0.105361
    """
    y_hat, y = _pair(y_hat, y)
    check_probability_targets(y)
    return _binary_cross_entropy(_probabilities(y_hat, "binary_cross_entropy"), y)


def _binary_cross_entropy(y_hat: Array, y: Array) -> float:
    p, _ = _clip(y_hat)
    return float(-np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p)) / y.shape[1])


def binary_cross_entropy_gradient(y_hat, y) -> Array:
    """dL/dy_hat = (y_hat - y) / (y_hat (1 - y_hat)) / m: the derivative of the clipped loss.

    Where y_hat lies outside [eps, 1 - eps] the clipped loss is flat, so its derivative there is
    0. Multiplied by the sigmoid's derivative y_hat (1 - y_hat), the formula becomes
    (y_hat - y) / m: the reason cross-entropy pairs with a sigmoid output. A network with a
    sigmoid output and this loss uses (y_hat - y) / m directly (see
    :meth:`nnlib.network.Network.backward_loss`), so its gradient stays exact even where the
    output saturates and y_hat was clipped.

    Examples
    --------
    >>> binary_cross_entropy_gradient([0.5], [1.0])
    array([[-2.]])
    """
    y_hat, y = _pair(y_hat, y)
    check_probability_targets(y)
    return _binary_cross_entropy_gradient(_probabilities(y_hat, "binary_cross_entropy"), y)


def _binary_cross_entropy_gradient(y_hat: Array, y: Array) -> Array:
    p, inside = _clip(y_hat)
    return np.where(inside, (p - y) / (p * (1.0 - p)), 0.0) / y.shape[1]


def categorical_cross_entropy(y_hat, y) -> float:
    """L = (1/m) sum_i [-sum_k y_k log(p_k)] for softmax probabilities, p = clip(y_hat, eps, 1 - eps).

    Targets are one-hot columns, or probability distributions: every entry in [0, 1] and every
    column summing to 1 (within :data:`TARGET_SUM_TOLERANCE`). The predictions are clipped as in
    :func:`binary_cross_entropy`.

    Examples
    --------
    >>> round(categorical_cross_entropy([0.7, 0.2, 0.1], [1.0, 0.0, 0.0]), 6)
    0.356675
    """
    y_hat, y = _pair(y_hat, y)
    check_distribution_targets(y)
    return _categorical_cross_entropy(_probabilities(y_hat, "categorical_cross_entropy"), y)


def _categorical_cross_entropy(y_hat: Array, y: Array) -> float:
    p, _ = _clip(y_hat)
    return float(-np.sum(y * np.log(p)) / y.shape[1])


def categorical_cross_entropy_gradient(y_hat, y) -> Array:
    """dL/dy_hat = -y / y_hat / m: the derivative of the clipped loss (0 where y_hat was clipped).

    Through the softmax's Jacobian this becomes (y_hat - y) / m, which a network with a softmax
    output and this loss uses directly (see :meth:`nnlib.network.Network.backward_loss`).

    Examples
    --------
    >>> categorical_cross_entropy_gradient([0.5, 0.5], [1.0, 0.0])
    array([[-2.],
           [-0.]])
    """
    y_hat, y = _pair(y_hat, y)
    check_distribution_targets(y)
    return _categorical_cross_entropy_gradient(_probabilities(y_hat, "categorical_cross_entropy"), y)


def _categorical_cross_entropy_gradient(y_hat: Array, y: Array) -> Array:
    p, inside = _clip(y_hat)
    return np.where(inside, -y / p, 0.0) / y.shape[1]


def sigmoid_cross_entropy(z, y) -> float:
    """Binary cross-entropy computed from logits z, where y_hat = sigmoid(z); targets in [0, 1].

    Notes
    -----
    -y log(sigma(z)) - (1 - y) log(1 - sigma(z)) simplifies to log(1 + e^z) - y z, which
    ``np.logaddexp(0, z)`` evaluates without overflow and without ever forming log(0). So the
    loss is exact for any finite logits, without clipping, and finite unless the true loss
    itself exceeds the largest float (1.8e308).

    Examples
    --------
    >>> round(sigmoid_cross_entropy([0.0], [1.0]), 6)
    0.693147
    """
    z, y = _pair(z, y, ("z", "y"))
    check_probability_targets(y)
    return _sigmoid_cross_entropy(z, y)


def _sigmoid_cross_entropy(z: Array, y: Array) -> float:
    with np.errstate(over="ignore"):  # only where the true value is beyond the largest float
        return float(np.sum((np.logaddexp(0.0, z) - y * z) / y.shape[1]))


def sigmoid_cross_entropy_gradient(z, y) -> Array:
    """dL/dz = (sigmoid(z) - y) / m.

    Examples
    --------
    >>> sigmoid_cross_entropy_gradient([0.0], [1.0])
    array([[-0.5]])
    """
    z, y = _pair(z, y, ("z", "y"))
    check_probability_targets(y)
    return _sigmoid_cross_entropy_gradient(z, y)


def _sigmoid_cross_entropy_gradient(z: Array, y: Array) -> Array:
    return (sigmoid(z) - y) / y.shape[1]


def softmax_cross_entropy(z, y) -> float:
    """Categorical cross-entropy computed from logits z, where y_hat = softmax(z).

    Targets are one-hot columns or distributions, as for :func:`categorical_cross_entropy`.

    Notes
    -----
    log softmax(z)_k = z_k - logsumexp(z), and logsumexp(z) = max(z) + log sum exp(z - max(z))
    never overflows. Because each column of y sums to 1, the loss of one example is
    logsumexp(z) - sum_k y_k z_k, which never multiplies a zero target by an infinite log. So the
    loss is exact for any finite logits, and finite unless the true loss itself exceeds the
    largest float (logits 1e308 apart, as in (1e308, -1e308) with the target on the second, give
    a true loss of 2e308, which is returned as inf).

    Examples
    --------
    >>> round(softmax_cross_entropy([2.0, 1.0, 0.1], [1.0, 0.0, 0.0]), 6)
    0.41703
    """
    z, y = _pair(z, y, ("z", "y"))
    check_distribution_targets(y)
    return _softmax_cross_entropy(z, y)


def _softmax_cross_entropy(z: Array, y: Array) -> float:
    z_max = z.max(axis=0, keepdims=True)
    with np.errstate(over="ignore"):  # only where the true value is beyond the largest float
        log_sum_exp = z_max + np.log(np.exp(z - z_max).sum(axis=0, keepdims=True))
        m = y.shape[1]  # divide before subtracting: a mean below the largest float stays finite
        return float(np.sum(log_sum_exp / m - np.sum(y * z, axis=0, keepdims=True) / m))


def softmax_cross_entropy_gradient(z, y) -> Array:
    """dL/dz = (softmax(z) - y) / m, for targets y whose columns sum to 1.

    Examples
    --------
    >>> softmax_cross_entropy_gradient([0.0, 0.0], [1.0, 0.0])
    array([[-0.5],
           [ 0.5]])
    """
    z, y = _pair(z, y, ("z", "y"))
    check_distribution_targets(y)
    return (softmax(z) - y) / y.shape[1]


def _softmax_cross_entropy_gradient(z: Array, y: Array) -> Array:
    return (_softmax(z) - y) / y.shape[1]


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
        (y_hat, y) -> dL/dy_hat, shape (n_outputs, m), checking its inputs.
    from_logits : bool
        True when the loss takes raw scores z rather than probabilities: the network's output
        layer must then be linear.
    probabilities : bool
        True when the loss takes probabilities: the output layer must be a sigmoid or a softmax.
    targets : {"any", "probabilities", "distributions"}
        What the targets must be: any numbers; each in [0, 1]; or columns in [0, 1] summing to 1.
    pairs_with : str or None
        The output activation whose derivative cancels against this loss's, so that
        dL/dZ^[L] = (A^[L] - Y) / m exactly (sigmoid for binary, softmax for categorical
        cross-entropy). A network uses that formula directly.
    gradient_formula : callable or None
        The gradient without the input checks, for arrays a network has already checked (the
        training loop checks its data once, not every mini-batch). None: use ``gradient``.
    value_formula : callable or None
        The loss itself without the input checks, for the same arrays (``nnlib.autograd``
        computes the value of every step). None: use ``function``.

    Examples
    --------
    >>> get_loss("mse")([[1.0]], [[0.0]])
    1.0
    """

    name: str
    function: Callable[[Array, Array], float]
    gradient: Callable[[Array, Array], Array]
    from_logits: bool = False
    probabilities: bool = False
    targets: str = "any"
    pairs_with: str | None = None
    gradient_formula: Callable[[Array, Array], Array] | None = None
    value_formula: Callable[[Array, Array], float] | None = None

    def __call__(self, y_hat, y) -> float:
        return self.function(y_hat, y)

    def unchecked_gradient(self, y_hat: Array, y: Array) -> Array:
        """dL/dy_hat for (n_outputs, m) float arrays that were checked beforehand (no checks here)."""
        return (self.gradient_formula or self.gradient)(y_hat, y)

    def unchecked_value(self, y_hat: Array, y: Array) -> float:
        """L for (n_outputs, m) float arrays that were checked beforehand (no checks here)."""
        return (self.value_formula or self.function)(y_hat, y)

    def check_predictions(self, y_hat: Array) -> None:
        """Raise a ValueError if ``y_hat`` (checked finite, 2-D) cannot be predictions of this loss: a
        loss on probabilities needs them in [0, 1]."""
        if self.probabilities:
            _probabilities(y_hat, self.name)

    def check_targets(self, y: Array, name: str = "y") -> None:
        """Raise a ValueError, naming ``name``, if ``y`` (checked finite, 2-D) cannot be targets of this loss."""
        if self.targets == "probabilities":
            check_probability_targets(y, name)
        elif self.targets == "distributions":
            check_distribution_targets(y, name)


LOSSES: dict[str, Loss] = {
    "squared_error": Loss("squared_error", squared_error, squared_error_gradient, gradient_formula=_squared_error_gradient,
                          value_formula=_squared_error),
    "mse": Loss("mse", mse, mse_gradient, gradient_formula=_mse_gradient, value_formula=_mse),
    "rmse": Loss("rmse", rmse, rmse_gradient),  # rare in training loops: keeps its checks
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_gradient, probabilities=True,
        targets="probabilities", pairs_with="sigmoid", gradient_formula=_binary_cross_entropy_gradient,
        value_formula=_binary_cross_entropy,
    ),
    "categorical_cross_entropy": Loss(
        "categorical_cross_entropy", categorical_cross_entropy, categorical_cross_entropy_gradient, probabilities=True,
        targets="distributions", pairs_with="softmax", gradient_formula=_categorical_cross_entropy_gradient,
        value_formula=_categorical_cross_entropy,
    ),
    "sigmoid_cross_entropy": Loss(
        "sigmoid_cross_entropy", sigmoid_cross_entropy, sigmoid_cross_entropy_gradient, from_logits=True,
        targets="probabilities", gradient_formula=_sigmoid_cross_entropy_gradient, value_formula=_sigmoid_cross_entropy,
    ),
    "softmax_cross_entropy": Loss(
        "softmax_cross_entropy", softmax_cross_entropy, softmax_cross_entropy_gradient, from_logits=True,
        targets="distributions", gradient_formula=_softmax_cross_entropy_gradient, value_formula=_softmax_cross_entropy,
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
            f"loss must be a name such as 'squared_error' or a Loss, got {type(loss).__name__} {loss!r:.60}."
        )
    try:
        return LOSSES[loss]
    except KeyError:
        raise unknown_name_error("loss", loss, LOSSES) from None
