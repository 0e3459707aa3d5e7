"""Activation functions, their derivatives, and a registry by name (chapter 3).

Each function acts elementwise on an array of any shape, except softmax, which acts on each
column (see :mod:`nnlib.softmax`). Derivatives take the pre-activation ``z``, as in the text:
f'(z). At a kink (ReLU, leaky ReLU and step at z = 0) nnlib uses the slope on the left.

Every function takes an array, a list or a number (integers become float64, float32 stays
float32) and is defined on the whole extended real line: z = +-inf gives the limit (sigmoid(-inf)
= 0, tanh(inf) = 1, ...), and NaN passes through as NaN, as in numpy. Text or None is a TypeError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, check_number, unknown_name_error
from .softmax import softmax, softmax_vjp

Array = np.ndarray


def linear(z: Array) -> Array:
    """The identity, f(z) = z, used on the output of a regression network.

    Examples
    --------
    >>> linear(np.array([-2.0, 3.0]))
    array([-2.,  3.])
    """
    return as_float_array(z, "z")


def linear_derivative(z: Array) -> Array:
    """f'(z) = 1 for the identity.

    Examples
    --------
    >>> linear_derivative(np.array([-2.0, 3.0]))
    array([1., 1.])
    """
    return np.ones_like(as_float_array(z, "z"))


def sigmoid(z: Array) -> Array:
    """The logistic sigmoid, sigma(z) = 1 / (1 + exp(-z)), computed without overflow.

    Parameters
    ----------
    z : ndarray
        Pre-activations, any shape.

    Returns
    -------
    ndarray of the same shape, with values in [0, 1]

    Notes
    -----
    Written as 1 / (1 + e^{-z}), it would overflow for z < -709: ``exp(710) = inf``. So we
    multiply top and bottom by e^{u}, where u = min(z, 0):

        sigma(z) = e^{u} / (e^{u} + e^{u - z}).

    For z >= 0 this is 1 / (1 + e^{-z}); for z < 0 it is e^{z} / (e^{z} + 1). Both exponents,
    u and u - z, are at most 0, so no exp can overflow, and the denominator is at least 1. So
    sigmoid(-1000) is 0.0 with no warning, and far-out values such as sigmoid(-700) keep their
    full precision. The code writes u - z as -max(z, 0), the same number, which stays right at
    z = -inf (where u - z would be inf - inf): sigmoid(-inf) = 0 and sigmoid(inf) = 1.

    Examples
    --------
    >>> sigmoid(np.array([0.0, 2.0, -1000.0, -np.inf]))
    array([0.5       , 0.88079708, 0.        , 0.        ])
    """
    z = as_float_array(z, "z")
    u = np.minimum(z, 0.0)
    e_u = np.exp(u)
    return e_u / (e_u + np.exp(-np.maximum(z, 0.0)))  # e^(u - z), without inf - inf at z = -inf


def sigmoid_derivative(z: Array) -> Array:
    """sigma'(z) = sigma(z) (1 - sigma(z)).

    Notes
    -----
    Differentiate (1 + e^{-z})^{-1}: sigma'(z) = e^{-z} / (1 + e^{-z})^2, and
    e^{-z} / (1 + e^{-z}) = 1 - sigma(z). The largest value is 1/4, at z = 0.

    Examples
    --------
    >>> sigmoid_derivative(np.array([0.0]))
    array([0.25])
    """
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: Array) -> Array:
    """The hyperbolic tangent, tanh(z) = (e^z - e^{-z}) / (e^z + e^{-z}), with values in (-1, 1).

    Examples
    --------
    >>> tanh(np.array([0.0, 1000.0]))
    array([0., 1.])
    """
    return np.tanh(as_float_array(z, "z"))


def tanh_derivative(z: Array) -> Array:
    """tanh'(z) = 1 - tanh(z)^2.

    Examples
    --------
    >>> tanh_derivative(np.array([0.0]))
    array([1.])
    """
    t = np.tanh(as_float_array(z, "z"))
    return 1.0 - t * t


def relu(z: Array) -> Array:
    """The rectified linear unit, max(0, z).

    Examples
    --------
    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    return np.maximum(as_float_array(z, "z"), 0.0)


def relu_derivative(z: Array) -> Array:
    """ReLU'(z) = 1 for z > 0 and 0 for z <= 0 (the convention at the kink z = 0 is 0).

    Examples
    --------
    >>> relu_derivative(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 1.])
    """
    z = as_float_array(z, "z")
    return (z > 0).astype(z.dtype)


def leaky_relu(z: Array, slope: float = 0.01) -> Array:
    """Leaky ReLU: z for z > 0 and slope * z for z <= 0 (any finite slope; the activation needs 0 <= slope < 1).

    This equals max(slope * z, z) for every slope <= 1 (above 1 that max picks slope * z for
    positive z: a different function). As an activation the course keeps 0 <= slope < 1: a
    negative slope makes it non-monotone (-1 gives abs(z)), and slope 1 is the linear activation.

    Examples
    --------
    >>> leaky_relu(np.array([-2.0, 3.0]))
    array([-0.02,  3.  ])
    """
    return _leaky_relu(as_float_array(z, "z"), check_number(slope, "slope", "0.01"))


def _leaky_relu(z: Array, slope: float) -> Array:
    return np.where(z > 0, z, slope * z)


def _check_slope(slope) -> float:
    slope = check_number(slope, "slope", "0.01")
    if not 0 <= slope < 1:
        raise ValueError(
            f"the leaky ReLU slope must satisfy 0 <= slope < 1 (the usual value is 0.01), "
            f"got {slope!r}. A negative slope makes it non-monotone, a slope of 1 makes it linear, and "
            f"above 1 max(slope * z, z) is no longer a leaky ReLU."
        )
    return slope


def leaky_relu_derivative(z: Array, slope: float = 0.01) -> Array:
    """1 for z > 0 and ``slope`` for z <= 0 (the convention at z = 0 is the left slope).

    Examples
    --------
    >>> leaky_relu_derivative(np.array([-2.0, 0.0, 3.0]))
    array([0.01, 0.01, 1.  ])
    """
    return _leaky_relu_derivative(as_float_array(z, "z"), check_number(slope, "slope", "0.01"))


def _leaky_relu_derivative(z: Array, slope: float) -> Array:
    return np.where(z > 0, 1.0, slope).astype(z.dtype)


def step(z: Array) -> Array:
    """The Heaviside step of the perceptron: 1 for z > 0, else 0.

    Its derivative is 0 wherever it exists, so gradients cannot flow through it: this is why
    networks that learn by gradient descent use activations whose slope is not 0 where it matters
    (ReLU, though not smooth, qualifies).

    Examples
    --------
    >>> step(np.array([-1.0, 0.0, 2.0]))
    array([0., 0., 1.])
    """
    z = as_float_array(z, "z")
    return (z > 0).astype(z.dtype)


def step_derivative(z: Array) -> Array:
    """0 everywhere (undefined at z = 0, where nnlib uses 0).

    Examples
    --------
    >>> step_derivative(np.array([-1.0, 2.0]))
    array([0., 0.])
    """
    return np.zeros_like(as_float_array(z, "z"))


@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative, as a layer uses it.

    Parameters
    ----------
    name : str
        The registry name, e.g. ``"sigmoid"``.
    function : callable
        a = f(z), elementwise (or per column for softmax).
    derivative : callable or None
        f'(z), elementwise. None for softmax, whose derivative is a Jacobian.
    derivative_from_output : callable or None
        f'(z) written in terms of a = f(z), e.g. a (1 - a) for the sigmoid. Backpropagation
        already holds a from the forward pass, so this saves recomputing f.
    vector_jacobian_product : callable or None
        For softmax only: (a, dL/da) -> dL/dz.

    Examples
    --------
    >>> act = get_activation("tanh")
    >>> act(np.array([0.0])), act.derivative(np.array([0.0]))
    (array([0.]), array([1.]))
    """

    name: str
    function: Callable[[Array], Array]
    derivative: Callable[[Array], Array] | None
    derivative_from_output: Callable[[Array], Array] | None = None
    vector_jacobian_product: Callable[[Array, Array], Array] | None = None

    def __call__(self, z: Array) -> Array:
        return self.function(z)

    def backward(self, z: Array, a: Array, grad_a: Array) -> Array:
        """Turn dL/da into dL/dz for a layer whose pre-activation is z and output is a."""
        if self.vector_jacobian_product is not None:
            return self.vector_jacobian_product(a, grad_a)
        if self.derivative_from_output is not None:
            return grad_a * self.derivative_from_output(a)
        return grad_a * self.derivative(z)


def leaky_relu_activation(slope: float = 0.01) -> Activation:
    """A leaky ReLU :class:`Activation` with the given negative-side slope, 0 <= slope < 1.

    Examples
    --------
    >>> leaky_relu_activation(0.2)(np.array([-1.0]))
    array([-0.2])
    """
    slope = _check_slope(slope)
    return Activation(
        name="leaky_relu",
        function=lambda z: _leaky_relu(as_float_array(z, "z"), slope),
        derivative=lambda z: _leaky_relu_derivative(as_float_array(z, "z"), slope),
        derivative_from_output=lambda a: _leaky_relu_derivative(a, slope),
    )


ACTIVATIONS: dict[str, Activation] = {
    "linear": Activation("linear", linear, linear_derivative, derivative_from_output=linear_derivative),
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative, derivative_from_output=lambda a: a * (1.0 - a)),
    "tanh": Activation("tanh", tanh, tanh_derivative, derivative_from_output=lambda a: 1.0 - a * a),
    "relu": Activation("relu", relu, relu_derivative, derivative_from_output=relu_derivative),
    "leaky_relu": leaky_relu_activation(0.01),
    "step": Activation("step", step, step_derivative, derivative_from_output=step_derivative),
    "softmax": Activation("softmax", softmax, None, vector_jacobian_product=softmax_vjp),
}
"""Every activation by name; chapters, widgets and tests all look activations up here."""


def get_activation(activation: str | Activation) -> Activation:
    """Look up an activation by name, or pass an :class:`Activation` through.

    Raises
    ------
    ValueError
        For an unknown name; the message lists the known names.

    Examples
    --------
    >>> get_activation("relu").name
    'relu'
    """
    if isinstance(activation, Activation):
        return activation
    if not isinstance(activation, str):
        raise TypeError(
            f"an activation must be a name such as 'sigmoid' or an Activation, "
            f"got {type(activation).__name__} {activation!r}."
        )
    try:
        return ACTIVATIONS[activation]
    except KeyError:
        raise unknown_name_error("activation", activation, ACTIVATIONS) from None
