"""A feed-forward network: a list of layers with forward and backward passes.

Layers are numbered from 1, as in the text: layer l has weights W^[l] (named ``"W{l}"``) and
biases b^[l] (``"b{l}"``); A^[0] is the input X. Only layers with parameters are numbered: a
layer without any, such as :class:`~nnlib.dropout.Dropout`, acts on the outputs of the numbered
layer below it and takes no number, so a 2-32-1 network with dropout after its hidden layer
still has the parameters W1, b1, W2 and b2 of the text.

A network is in training mode or in evaluation mode (:meth:`Network.train`, :meth:`Network.eval`):
dropout drops units only in training. :func:`nnlib.train` switches the mode itself.

Every public method checks what the reader passes, once. The training loop checks its whole data
set once with :meth:`Network.check_data` and then runs the same passes on already-checked
mini-batches (``forward(X, checked=True)``, ``backward_loss(Y, loss, checked=True)``), so no
check is repeated per mini-batch.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ._validation import as_columns, check_positive_int, check_rows, check_seed
from .activations import Activation
from .initializers import initial_weights
from .layers import Dense, layer_arrays
from .losses import Loss, get_loss

LAYER_METHODS = ("forward", "backward", "parameters", "gradients")
"""What a network needs of a layer: Dense has them, and so can a parameter-free layer."""


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
    """A stack of layers, such as :class:`~nnlib.layers.Dense`.

    A layer is any object with ``forward(A_prev) -> A``, ``backward(dA, input_gradient=True) ->
    dA_prev`` (None when ``input_gradient`` is False), and ``parameters()`` and ``gradients()``
    returning dicts of arrays by the same names (empty for a layer without parameters). A layer
    that behaves differently in training, such as :class:`~nnlib.dropout.Dropout`, also has
    ``train()`` and ``eval()``, which the network's own :meth:`train` and :meth:`eval` call. The
    network needs nothing else, so a parameter-free layer fits without special cases.

    Attributes
    ----------
    layers : list
        The layers, input side first.
    training : bool
        True in training mode (the default), False in evaluation mode.

    Parameters
    ----------
    layers : sequence of layers
        Consecutive dense layers must fit: each layer's n_in equals the previous layer's n_out.

    Examples
    --------
    >>> net = Network.from_sizes([2, 3, 1], hidden="tanh", output="linear", seed=0)
    >>> net
    Network(sizes=[2, 3, 1], activations=['tanh', 'linear'])
    >>> net.forward(np.zeros((2, 5))).shape
    (1, 5)
    """

    def __init__(self, layers: Sequence):
        if isinstance(layers, (str, bytes)) or not hasattr(layers, "__iter__"):
            raise TypeError(f"layers must be a list of layers such as Dense, got {type(layers).__name__}.")
        layers = list(layers)
        if not layers:
            raise ValueError("a network needs at least one layer.")
        for i, layer in enumerate(layers):
            missing = [name for name in LAYER_METHODS if not callable(getattr(layer, name, None))]
            if missing:
                raise TypeError(
                    f"layers[{i}] must be a layer such as Dense, with the methods {', '.join(LAYER_METHODS)}; "
                    f"got {type(layer).__name__}, which lacks {', '.join(missing)}."
                )
        sized = [(l, layer) for l, layer in enumerate(layers, start=1) if hasattr(layer, "n_in")]
        for (l0, before), (l, after) in zip(sized, sized[1:]):
            if after.n_in != before.n_out:
                raise ValueError(
                    f"layer {l} expects {after.n_in} inputs but layer {l0} has {before.n_out} units; "
                    f"W{l} must have shape ({after.n_out}, {before.n_out})."
                )
        self.layers = layers
        self.training = all(getattr(layer, "training", True) for layer in layers)
        self._output = None

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
        if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
            raise TypeError(f"sizes must be a list of layer sizes such as [2, 3, 1], got {type(sizes).__name__} {sizes!r:.40}.")
        sizes = [check_positive_int(n, f"sizes[{i}]") for i, n in enumerate(sizes)]
        if len(sizes) < 2:
            raise ValueError(
                f"sizes must list at least an input and an output layer, each of at least one unit, "
                f"such as [2, 3, 1]; got {sizes}."
            )
        rng = np.random.default_rng(check_seed(seed))
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
        for name, value in (("weights", weights), ("biases", biases)):
            if isinstance(value, (str, bytes, np.ndarray)) or not hasattr(value, "__len__"):
                raise TypeError(
                    f"{name} must be a list with one array per layer, such as [W1, W2]; got {type(value).__name__}."
                )
        if len(weights) != len(biases):
            raise ValueError(
                f"give one bias vector per weight matrix: got {len(weights)} weight matrices "
                f"and {len(biases)} bias vectors."
            )
        if isinstance(activations, (str, Activation)):
            activations = [activations] * len(weights)
        if not hasattr(activations, "__len__") or len(activations) != len(weights):
            raise ValueError(
                f"give one activation per layer: got {len(weights)} layers and "
                f"{len(activations) if hasattr(activations, '__len__') else activations!r} activations."
            )
        arrays = [layer_arrays(W, b, f"weights[{i}]", f"biases[{i}]") for i, (W, b) in enumerate(zip(weights, biases))]
        return cls(Dense(W, b, f) for (W, b), f in zip(arrays, activations))

    @property
    def sizes(self) -> list[int]:
        """Units per layer, input first, e.g. [2, 3, 1] (layers without a size are skipped)."""
        sized = [layer for layer in self.layers if hasattr(layer, "n_in")]
        return [sized[0].n_in] + [layer.n_out for layer in sized]

    @property
    def activations(self) -> list[str]:
        return [layer.activation.name for layer in self.layers if hasattr(layer, "activation")]

    @property
    def n_inputs(self) -> int:
        """n_0, the number of input features (read from the first layer that has a size)."""
        for layer in self.layers:
            n_in = getattr(layer, "n_in", None)
            if n_in is not None:
                return n_in
        raise ValueError("no layer of this network has a size (n_in).")

    @property
    def n_outputs(self) -> int:
        """n_L, the number of outputs (read from the last layer that has a size)."""
        for layer in reversed(self.layers):
            n_out = getattr(layer, "n_out", None)
            if n_out is not None:
                return n_out
        raise ValueError("no layer of this network has a size (n_out).")

    def check_input(self, X, name: str = "X") -> np.ndarray:
        """X as a finite float array of shape (n_0, m), or a clear error naming ``name``.

        A 1-D x is one example (documented behaviour): ``[0.5, 1.0]`` becomes shape (2, 1).

        Examples
        --------
        >>> Network.from_sizes([2, 1]).check_input([0.5, 1.0]).shape
        (2, 1)
        """
        X = as_columns(X, name)
        check_rows(X, self.n_inputs, name, "input features")
        return X

    def check_loss(self, loss: str | Loss) -> Loss:
        """The :class:`~nnlib.losses.Loss` by name, if it fits the output layer, else a ValueError.

        A loss on logits needs a linear output (else the sigmoid or softmax would be applied
        twice); a loss on probabilities needs a sigmoid or softmax output.
        """
        loss = get_loss(loss)
        output = getattr(self.layers[-1], "activation", None)
        output = None if output is None else output.name
        if loss.from_logits and output != "linear":
            raise ValueError(
                f"{loss.name} takes logits, so the output layer must be 'linear', but it is "
                f"{output!r}: the {output} would be applied twice. Use a linear output layer, or "
                f"the loss on probabilities ({'binary' if output == 'sigmoid' else 'categorical'}_cross_entropy)."
            )
        if loss.probabilities and output not in ("sigmoid", "softmax"):
            raise ValueError(
                f"{loss.name} takes probabilities, so the output layer must be 'sigmoid' or 'softmax', but it is "
                f"{output!r}. For raw scores from a linear output use "
                f"{'sigmoid' if loss.name.startswith('binary') else 'softmax'}_cross_entropy."
            )
        return loss

    def check_data(
        self, X, Y, loss: str | Loss = "squared_error", names=("X", "Y"), targets: bool = True
    ) -> tuple[np.ndarray, np.ndarray, Loss]:
        """X, Y and the loss, checked once: (n_0, m) and (n_L, m) finite arrays, targets the loss
        accepts, and a loss that fits the output layer. Every public method that takes data calls
        this; the training loop calls it once for the whole data set. ``targets=False`` skips the
        check of Y's values against the loss (in [0, 1], columns summing to 1), which
        :func:`~nnlib.training.train_step` leaves to :func:`~nnlib.training.train` and the losses.

        Examples
        --------
        >>> X, Y, loss = Network.from_sizes([2, 1]).check_data([[0.0, 1.0], [1.0, 0.0]], [[0, 1]], "mse")
        >>> X.shape, Y.shape, loss.name
        ((2, 2), (1, 2), 'mse')
        """
        loss = self.check_loss(loss)
        X = self.check_input(X, names[0])
        Y = as_columns(Y, names[1])
        check_rows(Y, self.n_outputs, names[1], "targets (one per output unit)")
        if Y.shape[1] != X.shape[1]:
            raise ValueError(
                f"{names[0]} has {X.shape[1]} examples (columns) but {names[1]} has {Y.shape[1]}; they must match."
            )
        if targets:
            loss.check_targets(Y, names[1])
        return X, Y, loss

    def forward(self, X, *, checked: bool = False) -> np.ndarray:
        """The network's output A^[L] for X of shape (n_0, m) (a 1-D x is one example).

        ``checked=True`` skips the checks of X, for an array that :meth:`check_data` or
        :meth:`check_input` already returned (the training loop's mini-batches).

        Examples
        --------
        >>> Network.from_sizes([2, 1], output="linear", init="zeros").forward([1.0, 2.0])
        array([[0.]])
        """
        A = X if checked else self.check_input(X)
        for layer in self.layers:
            A = layer.forward(A)
        self._output = A
        return A

    def trace(self, X) -> ForwardTrace:
        """Run forward and return every Z^[l] and A^[l], for printing and drawing.

        Examples
        --------
        >>> t = Network.from_sizes([2, 3, 1]).trace(np.ones((2, 4)))
        >>> [Z.shape for Z in t.Z], [A.shape for A in t.A]
        ([(3, 4), (1, 4)], [(2, 4), (3, 4), (1, 4)])
        """
        X = self.check_input(X)
        self.forward(X, checked=True)
        numbered = [layer for layer in self.layers if layer.parameters()]  # dropout's output is not an A^[l]
        return ForwardTrace(Z=[layer.Z for layer in numbered], A=[X] + [layer.A for layer in numbered])

    def backward(self, dA) -> dict[str, np.ndarray]:
        """Backpropagate dℒ/dA^[L] (the shape of the output) through every layer, last to first,
        after a ``forward``.

        Returns
        -------
        dict
            dL/dW^[l] and dL/db^[l] under the names "W1", "b1", ..., the same names as
            :meth:`parameters`.
        """
        for i in range(len(self.layers) - 1, -1, -1):
            dA = self.layers[i].backward(dA, input_gradient=i > 0)
        return self.gradients()

    def backward_loss(self, Y, loss: str | Loss = "squared_error", *, checked: bool = False) -> dict[str, np.ndarray]:
        """Backpropagate the loss of the last forward pass's output against targets Y.

        When the output activation and the loss pair up (a sigmoid with binary cross-entropy, a
        softmax with categorical cross-entropy), the output layer gets
        dℒ/dZ^[L] = (A^[L] - Y) / m directly: the two derivatives cancel on paper, and using the
        result keeps the gradient exact where the output saturates (a sigmoid at z = -40 gives
        A = 4e-18, which the loss alone would have to clip). Any other pair starts from the
        loss's gradient dℒ/dA^[L].

        ``checked=True`` skips the checks of Y and the loss, for values :meth:`check_data`
        returned (the training loop).

        Returns
        -------
        dict
            The gradients by parameter name, as :meth:`backward`.

        Examples
        --------
        >>> net = Network.from_weights([[[1.0]]], [[-40.0]], "sigmoid")
        >>> _ = net.forward([[0.0]])
        >>> float(net.backward_loss([[1.0]], "binary_cross_entropy")["b1"][0, 0])
        -1.0
        """
        if self._output is None:
            raise RuntimeError("call forward before backward_loss: the loss needs the output of a forward pass.")
        if not checked:
            loss = self.check_loss(loss)
            Y = as_columns(Y, "Y")
            if Y.shape != self._output.shape:
                raise ValueError(
                    f"Y must have the shape of the last forward pass's output, {self._output.shape} (n_L, m); got {Y.shape}."
                )
            loss.check_targets(Y, "Y")
        output_layer = self.layers[-1]
        activation = getattr(output_layer, "activation", None)
        if loss.pairs_with is None or activation is None or activation.name != loss.pairs_with:
            return self.backward(loss.unchecked_gradient(self._output, Y))
        dA = output_layer.backward_z((self._output - Y) / Y.shape[1], input_gradient=len(self.layers) > 1)
        for i in range(len(self.layers) - 2, -1, -1):  # then the layers below, as in backward
            dA = self.layers[i].backward(dA, input_gradient=i > 0)
        return self.gradients()

    def loss(self, X, Y, loss: str | Loss = "squared_error") -> float:
        """The loss of the network's output on (X, Y).

        Examples
        --------
        >>> net = Network.from_sizes([1, 1], output="linear", init="zeros")
        >>> net.loss([[1.0, 2.0]], [[1.0, 1.0]], "mse")
        1.0
        """
        X, Y, loss = self.check_data(X, Y, loss)
        return loss(self.forward(X, checked=True), Y)

    def loss_and_gradients(self, X, Y, loss: str | Loss = "squared_error") -> tuple[float, dict[str, np.ndarray]]:
        """One forward and one backward pass: the loss and the gradient of every parameter.

        Examples
        --------
        >>> net = Network.from_sizes([2, 2, 1], seed=0)
        >>> L, grads = net.loss_and_gradients(np.ones((2, 3)), np.ones((1, 3)))
        >>> sorted(grads)
        ['W1', 'W2', 'b1', 'b2']
        """
        X, Y, loss = self.check_data(X, Y, loss)
        Y_hat = self.forward(X, checked=True)
        return loss(Y_hat, Y), self.backward_loss(Y, loss, checked=True)

    def parameters(self) -> dict[str, np.ndarray]:
        """Every parameter by name ("W1", "b1", "W2", ...), as live arrays."""
        return self._by_name("parameters")

    def gradients(self) -> dict[str, np.ndarray]:
        """The gradient of every parameter from the last backward pass, by the same names."""
        return self._by_name("gradients")

    def _by_name(self, method: str) -> dict[str, np.ndarray]:
        """Each layer's ``parameters()`` or ``gradients()``, {"W": ..., "b": ...}, as {"W1": ..., "b1": ..., "W2": ...}."""
        named = {}
        l = 0
        for layer in self.layers:
            arrays = getattr(layer, method)()
            if arrays:  # a layer without parameters (dropout) takes no number
                l += 1
                for kind, value in arrays.items():
                    named[kind + str(l)] = value
        return named

    def train(self) -> Network:
        """Switch to training mode, in which dropout drops units; return the network.

        Examples
        --------
        >>> from nnlib.dropout import Dropout
        >>> hidden, output = Dense(np.eye(2), [0.0, 0.0], "linear"), Dense([[1.0, 10.0]], [0.0], "linear")
        >>> net = Network([hidden, Dropout(0.5, seed=0), output])
        >>> net.eval().forward([1.0, 1.0])       # 1 + 10: both hidden units pass
        array([[11.]])
        >>> net.train().forward([1.0, 1.0])      # unit 1 dropped, unit 2 kept and doubled: 10 * 2
        array([[20.]])
        """
        return self._set_mode(True)

    def eval(self) -> Network:
        """Switch to evaluation mode, in which dropout passes every unit through; return the network."""
        return self._set_mode(False)

    def _set_mode(self, training: bool) -> Network:
        self.training = training
        for layer in self.layers:
            switch = getattr(layer, "train" if training else "eval", None)
            if callable(switch):  # only the layers that behave differently in training have the switch
                switch()
        return self

    def copy(self) -> Network:
        """An independent copy with the same weights and activations, the same layers' state and the same mode."""
        twin = Network(copy.deepcopy(self.layers))
        twin.training = self.training
        return twin

    def __repr__(self) -> str:
        if all(hasattr(layer, "n_in") for layer in self.layers):
            return f"Network(sizes={self.sizes}, activations={self.activations})"
        return f"Network({self.layers!r})"  # with a parameter-free layer, every layer says what it is
