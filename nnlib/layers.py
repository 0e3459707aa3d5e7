"""A dense (fully connected) layer with a manual backward pass (chapters 2 and 5).

Shapes: W is (n_out, n_in), b is (n_out, 1), and a batch is stacked as columns, so the
previous layer's output A_prev is (n_in, m) and this layer's Z and A are (n_out, m).
"""

from __future__ import annotations

import numpy as np

from ._validation import as_array, as_float_array
from .activations import Activation, get_activation


def layer_arrays(W, b, W_name: str = "W", b_name: str = "b") -> tuple[np.ndarray, np.ndarray]:
    """W as a (n_out, n_in) float array and b as a (n_out, 1) column of W's dtype, or an error
    naming the reader's arguments (``W_name``, ``b_name``).

    Examples
    --------
    >>> W, b = layer_arrays([[1.0, 2.0]], [0.5])
    >>> W.shape, b.shape
    ((1, 2), (1, 1))
    """
    W = as_array(W, W_name)
    if W.ndim != 2 or W.size == 0:
        raise ValueError(f"{W_name} must be 2-D with shape (n_out, n_in), at least (1, 1); got shape {W.shape}.")
    b = as_array(b, b_name)
    if b.shape not in ((W.shape[0],), (W.shape[0], 1)):
        raise ValueError(
            f"{b_name} must have shape ({W.shape[0]},) or ({W.shape[0]}, 1), one bias per unit "
            f"({W_name} has {W.shape[0]} rows); got shape {b.shape}."
        )
    return W, b.reshape(-1, 1).astype(W.dtype)


class Dense:
    """One layer: Z = W A_prev + b, then A = f(Z).

    ``forward`` keeps A_prev, Z and A, which ``backward`` needs. ``backward`` takes dL/dA,
    returns dL/dA_prev, and keeps dL/dW, dL/db and dL/dZ. It never modifies the gradient it is
    given.

    Parameters
    ----------
    W : array_like of shape (n_out, n_in)
        Row j holds the weights into unit j: W[j, k] connects unit k of the previous layer to
        unit j of this one. The layer keeps a copy of W and b.
    b : array_like of shape (n_out,) or (n_out, 1)
        One bias per unit of this layer.
    activation : str or Activation, default "sigmoid"

    Examples
    --------
    >>> layer = Dense([[1.0, -1.0]], [0.5], "linear")
    >>> layer.forward(np.array([[2.0], [1.0]]))
    array([[1.5]])
    >>> layer.backward(np.array([[1.0]]))
    array([[ 1.],
           [-1.]])
    >>> layer.dW, layer.db
    (array([[2., 1.]]), array([[1.]]))
    """

    def __init__(self, W, b, activation: str | Activation = "sigmoid"):
        W, b = layer_arrays(W, b)
        self.W = W.copy()  # the layer owns its weights: training it never edits the caller's array
        self.b = b.copy()
        self.activation = get_activation(activation)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self.A_prev = self.Z = self.A = self.dZ = None

    @property
    def n_in(self) -> int:
        return self.W.shape[1]

    @property
    def n_out(self) -> int:
        return self.W.shape[0]

    def forward(self, A_prev) -> np.ndarray:
        """Z = W A_prev + b and A = f(Z), for A_prev of shape (n_in, m)."""
        if type(A_prev) is not np.ndarray:
            A_prev = as_float_array(A_prev, "A_prev")
        if A_prev.ndim != 2 or A_prev.shape[0] != self.n_in:
            raise ValueError(
                f"this layer expects input of shape ({self.n_in}, m), one example per column; "
                f"got shape {A_prev.shape}."
            )
        self.A_prev = A_prev
        self.Z = self.W @ A_prev + self.b
        self.A = self.activation.function(self.Z)
        return self.A

    def backward(self, dA, input_gradient: bool = True) -> np.ndarray | None:
        """Backpropagate dL/dA (shape (n_out, m), the shape of this layer's output A).

        Computes dZ = dA * f'(Z) (a vector-Jacobian product for softmax), dW = dZ A_prev^T and
        db = dZ summed over the batch, and returns dA_prev = W^T dZ. The 1/m of the batch mean
        is already inside dA, put there by the loss's gradient. Pass ``input_gradient=False``
        for the first layer, whose input is the data and needs no gradient.
        """
        dA = self._upstream(dA, "dA")  # an array of the shape of A, or a clear error
        self.dZ = self.activation.backward(self.Z, self.A, dA)
        self.dW = self.dZ @ self.A_prev.T
        self.db = self.dZ.sum(axis=1, keepdims=True)
        return self.W.T @ self.dZ if input_gradient else None

    def backward_z(self, dZ, input_gradient: bool = True) -> np.ndarray | None:
        """Backpropagate dL/dZ directly, when the loss gives it (shape (n_out, m)).

        A cross-entropy after its own sigmoid or softmax has dL/dZ = (A - Y) / m exactly, which
        no product of the two separate derivatives reproduces where the output saturates; the
        network passes that dZ here. The same steps as ``backward`` after its first line.

        Examples
        --------
        >>> layer = Dense([[2.0]], [0.0], "sigmoid")
        >>> _ = layer.forward(np.array([[1.0]]))
        >>> layer.backward_z(np.array([[0.5]])), layer.dW
        (array([[1.]]), array([[0.5]]))
        """
        self.dZ = self._upstream(dZ, "dZ")
        self.dW = self.dZ @ self.A_prev.T
        self.db = self.dZ.sum(axis=1, keepdims=True)
        return self.W.T @ self.dZ if input_gradient else None

    def _upstream(self, gradient, name: str) -> np.ndarray:
        """An upstream gradient as an array of the shape of this layer's output, or a clear error."""
        if self.Z is None:
            raise RuntimeError("call forward before backward: backward needs the values forward keeps.")
        if type(gradient) is not np.ndarray:
            gradient = as_float_array(gradient, name)
        if gradient.shape != self.Z.shape:
            raise ValueError(
                f"{name} must have the shape of this layer's output, {self.Z.shape} (n_out, m) from the last "
                f"forward pass; got shape {gradient.shape}."
            )
        return gradient

    def parameters(self) -> dict[str, np.ndarray]:
        """The layer's parameters by name, as live arrays (changing them changes the layer)."""
        return {"W": self.W, "b": self.b}

    def gradients(self) -> dict[str, np.ndarray]:
        """dL/dW and dL/db from the last ``backward``."""
        return {"W": self.dW, "b": self.db}

    def __repr__(self) -> str:
        return f"Dense(n_in={self.n_in}, n_out={self.n_out}, activation={self.activation.name!r})"
