"""A feed-forward network: a list of dense layers with forward and backward passes.

Layers are numbered from 1, as in the text: layer l has weights W^[l] (named ``"W{l}"``) and
biases b^[l] (``"b{l}"``); A^[0] is the input X.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._validation import as_columns, check_rows
from .activations import Activation
from .initializers import initial_weights
from .layers import Dense
from .losses import Loss, get_loss


@dataclass
class ForwardTrace:
    """Every intermediate value of one forward pass.

    Attributes
    ----------
    Z : list of ndarray
        ``Z[l - 1]`` is Z^[l], the pre-activations of layer l, shape (n_l, m).
    A : list of ndarray
        ``A[l]`` is A^[l], the outputs of layer l; ``A[0]`` is the input X.
    """

    Z: list[np.ndarray]
    A: list[np.ndarray]

    @property
    def output(self) -> np.ndarray:
        return self.A[-1]


class Network:
    """A stack of :class:`~nnlib.layers.Dense` layers.

    Parameters
    ----------
    layers : sequence of Dense
        Consecutive layers must fit: each layer's n_in equals the previous layer's n_out.

    Examples
    --------
    >>> net = Network.from_sizes([2, 3, 1], hidden="tanh", output="linear", seed=0)
    >>> net
    Network(sizes=[2, 3, 1], activations=['tanh', 'linear'])
    >>> net.forward(np.zeros((2, 5))).shape
    (1, 5)
    """

    def __init__(self, layers: Sequence[Dense]):
        layers = list(layers)
        if not layers:
            raise ValueError("a network needs at least one layer.")
        for l, (before, after) in enumerate(zip(layers, layers[1:]), start=2):
            if after.n_in != before.n_out:
                raise ValueError(
                    f"layer {l} expects {after.n_in} inputs but layer {l - 1} has {before.n_out} units; "
                    f"W{l} must have shape ({after.n_out}, {before.n_out})."
                )
        self.layers = layers

    @classmethod
    def from_sizes(
        cls,
        sizes: Sequence[int],
        hidden: str | Activation = "sigmoid",
        output: str | Activation = "sigmoid",
        init: str = "xavier",
        seed: int = 0,
    ) -> Network:
        """A network with layer sizes such as [2, 3, 1], weights drawn by ``init`` from ``seed``.

        Examples
        --------
        >>> Network.from_sizes([4, 5, 1]).sizes
        [4, 5, 1]
        """
        sizes = [int(n) for n in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(
                f"sizes must list at least an input and an output layer, each of at least one unit, "
                f"such as [2, 3, 1]; got {sizes}."
            )
        rng = np.random.default_rng(seed)
        n_layers = len(sizes) - 1
        layers = []
        for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
            W = initial_weights(n_out, n_in, init, rng)
            layers.append(Dense(W, np.zeros(n_out), output if l == n_layers else hidden))
        return cls(layers)

    @classmethod
    def from_weights(
        cls,
        weights: Sequence,
        biases: Sequence,
        activations: str | Activation | Sequence[str | Activation] = "sigmoid",
    ) -> Network:
        """A network with hand-chosen weights: ``weights[l - 1]`` is W^[l] of shape (n_l, n_{l-1}).

        ``activations`` is one name for every layer or a list with one per layer.

        Examples
        --------
        >>> net = Network.from_weights([[[20.0, 20.0]]], [[-30.0]], "sigmoid")
        >>> net.forward(np.array([[1.0], [1.0]])).round(4)
        array([[1.]])
        """
        if len(weights) != len(biases):
            raise ValueError(
                f"give one bias vector per weight matrix: got {len(weights)} weight matrices "
                f"and {len(biases)} bias vectors."
            )
        if isinstance(activations, (str, Activation)):
            activations = [activations] * len(weights)
        if len(activations) != len(weights):
            raise ValueError(
                f"give one activation per layer: got {len(weights)} layers and "
                f"{len(activations)} activations."
            )
        return cls(Dense(W, b, f) for W, b, f in zip(weights, biases, activations))

    @property
    def sizes(self) -> list[int]:
        """Units per layer, input first, e.g. [2, 3, 1]."""
        return [self.layers[0].n_in] + [layer.n_out for layer in self.layers]

    @property
    def activations(self) -> list[str]:
        return [layer.activation.name for layer in self.layers]

    def _input(self, X) -> np.ndarray:
        X = as_columns(X, "X")
        check_rows(X, self.layers[0].n_in, "X", "input features")
        return X

    def forward(self, X) -> np.ndarray:
        """The network's output A^[L] for X of shape (n_0, m) (a 1-D x is one example).

        Examples
        --------
        >>> Network.from_sizes([2, 1], output="linear", init="zeros").forward([1.0, 2.0])
        array([[0.]])
        """
        A = self._input(X)
        for layer in self.layers:
            A = layer.forward(A)
        return A

    def trace(self, X) -> ForwardTrace:
        """Run forward and return every Z^[l] and A^[l], for printing and drawing.

        Examples
        --------
        >>> t = Network.from_sizes([2, 3, 1]).trace(np.ones((2, 4)))
        >>> [Z.shape for Z in t.Z], [A.shape for A in t.A]
        ([(3, 4), (1, 4)], [(2, 4), (3, 4), (1, 4)])
        """
        self.forward(X)
        return ForwardTrace(
            Z=[layer.Z for layer in self.layers],
            A=[self.layers[0].A_prev] + [layer.A for layer in self.layers],
        )

    def backward(self, dA: np.ndarray) -> dict[str, np.ndarray]:
        """Backpropagate dL/dA^[L] through every layer, last to first, after a ``forward``.

        Returns
        -------
        dict
            dL/dW^[l] and dL/db^[l] under the names "W1", "b1", ..., the same names as
            :meth:`parameters`.
        """
        for i in range(len(self.layers) - 1, -1, -1):
            dA = self.layers[i].backward(dA, input_gradient=i > 0)
        return self.gradients()

    def _check_loss(self, loss: str | Loss) -> Loss:
        loss = get_loss(loss)
        output = self.layers[-1].activation.name
        if loss.from_logits and output != "linear":
            raise ValueError(
                f"{loss.name} takes logits, so the output layer must be 'linear', but it is "
                f"{output!r}: the {output} would be applied twice. Use a linear output layer, or "
                f"the loss on probabilities ({'binary' if output == 'sigmoid' else 'categorical'}_cross_entropy)."
            )
        return loss

    def loss(self, X, Y, loss: str | Loss = "squared_error") -> float:
        """The loss of the network's output on (X, Y).

        Examples
        --------
        >>> net = Network.from_sizes([1, 1], output="linear", init="zeros")
        >>> net.loss([[1.0, 2.0]], [[1.0, 1.0]], "mse")
        1.0
        """
        return self._check_loss(loss)(self.forward(X), Y)

    def loss_and_gradients(self, X, Y, loss: str | Loss = "squared_error") -> tuple[float, dict[str, np.ndarray]]:
        """One forward and one backward pass: the loss and the gradient of every parameter.

        Examples
        --------
        >>> net = Network.from_sizes([2, 2, 1], seed=0)
        >>> L, grads = net.loss_and_gradients(np.ones((2, 3)), np.ones((1, 3)))
        >>> sorted(grads)
        ['W1', 'W2', 'b1', 'b2']
        """
        loss = self._check_loss(loss)
        Y_hat = self.forward(X)
        return loss(Y_hat, Y), self.backward(loss.gradient(Y_hat, Y))

    def parameters(self) -> dict[str, np.ndarray]:
        """Every parameter by name ("W1", "b1", "W2", ...), as live arrays."""
        return {f"{kind}{l}": value for l, layer in enumerate(self.layers, start=1) for kind, value in layer.parameters().items()}

    def gradients(self) -> dict[str, np.ndarray]:
        """The gradient of every parameter from the last backward pass, by the same names."""
        return {f"{kind}{l}": value for l, layer in enumerate(self.layers, start=1) for kind, value in layer.gradients().items()}

    def copy(self) -> Network:
        """An independent copy with the same weights and activations."""
        return Network(Dense(layer.W, layer.b, layer.activation) for layer in self.layers)  # Dense copies

    def __repr__(self) -> str:
        return f"Network(sizes={self.sizes}, activations={self.activations})"
