"""Reverse-mode automatic differentiation over numpy arrays (chapter 11).

Chapter 5 derived the backward pass of a layered network by hand. This module derives it for any
formula. Every operation on a :class:`Tensor` returns a new tensor that remembers its inputs and
its **vector-Jacobian product** (VJP): a function that turns the gradient arriving at its output
into the gradients of its inputs, using the operation's own local derivative. A formula thus
becomes a graph, and :meth:`Tensor.backward` walks it from the output back to the inputs, in
reverse topological order. Where a value feeds several operations, the gradients coming back
along the paths are added: the sum over paths of chapter 5's chain rule.

Values come from nnlib's own functions (activations, softmax, losses) and local derivatives from
nnlib's derivatives, so no formula is written twice. Shapes follow the course: a batch is
(n_features, m), one example per column, and W^[l] is (n_l, n_{l-1}).

Examples
--------
>>> x, y = Tensor(2.0, name="x"), Tensor(3.0, name="y")
>>> f = x * y + x          # x is used twice: its gradient sums the two paths
>>> f.backward()
>>> float(f.data), float(x.grad), float(y.grad)
(8.0, 4.0, 2.0)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from numbers import Real

import numpy as np

from ._validation import as_array, as_columns, check_finite, check_rows, check_same_shape
from .activations import Activation, get_activation, leaky_relu_activation
from .losses import Loss, get_loss
from .network import Network

Array = np.ndarray


class Tensor:
    """An array in a computation, and the gradient of a scalar output with respect to it.

    Parameters
    ----------
    data : array_like
        The value. A float32 array stays float32, anything else becomes float64. An array is
        used as it is, not copied (as ``torch.from_numpy`` does): updating ``.data`` changes it.
    requires_grad : bool, default True
        Whether :meth:`backward` computes a gradient for this tensor. Data, such as a network's
        input X, needs none: pass False, or pass the plain array to an operation.
    name : str, optional
        A label for drawings and error messages.

    Attributes
    ----------
    data : ndarray
        The value. A computed tensor's value is read-only: the backward pass needs it as it
        was. Assigning a leaf's ``.data`` (``W.data -= eta * W.grad`` does) is allowed, and
        :meth:`backward` refuses to use a value that changed after an operation used it.
    grad : ndarray or None
        d(output)/d(this tensor) after ``output.backward()``, shaped like ``data``. None until a
        backward pass reaches this tensor: a parameter that no path reaches keeps None. Each
        backward pass *adds* to it; clear it with ``t.grad = None`` (or ``model.zero_grad()``).
        As in PyTorch, only leaves keep their gradient, unless the backward pass is asked to
        keep every tensor's (``retain_grads=True``).
    parents : tuple of Tensor
        The inputs of the operation that computed this tensor; empty for a leaf.
    op : str
        The name of that operation, such as ``"+"`` or ``"sigmoid"``; empty for a leaf.
    vjp : callable or None
        That operation's vector-Jacobian product: given d(output)/d(this tensor), it returns one
        gradient per parent. None for a leaf.

    Examples
    --------
    >>> W = Tensor([[1.0, 2.0]], name="W")
    >>> z = W @ np.array([[3.0], [4.0]])     # a plain array enters as a constant
    >>> z.backward()
    >>> z.data, W.grad
    (array([[11.]]), array([[3., 4.]]))
    """

    __slots__ = ("_data", "_version", "grad", "requires_grad", "name", "op", "parents", "vjp", "_saved")
    __array_ufunc__ = None  # ndarray + Tensor calls Tensor.__radd__, rather than numpy looping over the array

    def __init__(self, data, requires_grad: bool = True, name: str = ""):
        if isinstance(data, Tensor):
            raise TypeError("data is already a Tensor: use it as it is, or t.detach() for its value without its history.")
        self._set_leaf(as_array(data, name or "data"), requires_grad, name)

    def _set_leaf(self, data: Array, requires_grad: bool, name: str) -> None:
        self._data, self._version, self.grad = data, 0, None
        self.requires_grad, self.name, self.op, self.parents, self.vjp = requires_grad, name, "", (), None
        self._saved = []  # a leaf's value is read by no VJP of its own

    @staticmethod
    def from_op(value, parents: tuple, op: str, vjp: Callable, saved: Sequence[Tensor] = ()) -> Tensor:
        """The tensor an operation returns: its value (made read-only), its inputs and its VJP.

        Every operation of the engine is built with it, and so can a new one. A ``vjp`` that
        needs the operation's result should keep the value array, not the returned tensor:
        a tensor whose own ``vjp`` refers to it would form a reference cycle, and its graph
        would outlive the step until Python's cycle collector ran.

        Parameters
        ----------
        value : ndarray
            The operation's result.
        parents : tuple of Tensor
            Its inputs, one or two.
        op : str
            Its name, for drawings and messages.
        vjp : callable
            ``vjp(g)`` receives g = d(output)/d(result) and returns one gradient per parent,
            each shaped like that parent (None for a parent that needs none).
        saved : sequence of Tensor
            The parents whose values ``vjp`` reads, so that backward can check they did not
            change in the meantime.

        Examples
        --------
        >>> def cube(x):   # d(x^3)/dx = 3 x^2
        ...     return Tensor.from_op(x.data ** 3, (x,), "cube", lambda g: (g * 3 * x.data ** 2,), (x,))
        >>> x = Tensor(2.0)
        >>> cube(x).backward()
        >>> float(x.grad)
        12.0
        """
        out = Tensor.__new__(Tensor)
        out._data = data = np.asarray(value).view()  # a view of our own, so that read-only never reaches an input's array
        data.setflags(write=False)
        out._version, out.grad, out.name, out.op, out.parents, out.vjp = 0, None, "", op, parents, vjp
        out.requires_grad = parents[0].requires_grad or parents[-1].requires_grad  # one or two parents
        out._saved = [(t, t._version) for t in saved]  # the values the VJP reads, and their versions now
        return out

    @staticmethod
    def _leaf(array: Array, requires_grad: bool, name: str = "") -> Tensor:
        """A leaf around an array that is already checked."""
        out = Tensor.__new__(Tensor)
        out._set_leaf(array, requires_grad, name)
        return out

    @staticmethod
    def _constant(value, like: Tensor, role: str) -> Tensor:
        """``value`` as a Tensor that needs no gradient; Python numbers take the dtype of ``like``."""
        if isinstance(value, Tensor):
            return value
        if isinstance(value, Real) and not isinstance(value, bool):
            value = np.asarray(value, dtype=like._data.dtype)
        return Tensor._leaf(as_array(value, role), False)

    # ----------------------------------------------------------------------------------------
    # The value, its shape, and a few conveniences

    @property
    def data(self) -> Array:
        return self._data

    @data.setter
    def data(self, value) -> None:
        self._data = np.asarray(value)
        self._version += 1  # an operation that saved the old value will notice (see backward)

    @property
    def shape(self) -> tuple[int, ...]:
        return self._data.shape

    @property
    def ndim(self) -> int:
        return self._data.ndim

    @property
    def dtype(self) -> np.dtype:
        return self._data.dtype

    @property
    def is_leaf(self) -> bool:
        """True for a tensor made directly (a parameter, an input), False for a computed one."""
        return not self.parents

    def item(self) -> float:
        """The value of a one-element tensor as a Python float.

        Examples
        --------
        >>> (Tensor(2.0) * 3.0).item()
        6.0
        """
        if self._data.size != 1:
            raise ValueError(f"item() needs a tensor of one element; {self._label()} has shape {self.shape}.")
        return float(self._data.reshape(()))

    def detach(self) -> Tensor:
        """The same value as a new leaf that needs no gradient: the graph stops here.

        Examples
        --------
        >>> x = Tensor(3.0)
        >>> f = x * x.detach()      # the second factor counts as a constant
        >>> f.backward()
        >>> float(x.grad)           # 3, not the 6 of d(x^2)/dx
        3.0
        """
        return Tensor._leaf(self._data, False, self.name)

    def _label(self) -> str:
        return self.name or (f"the result of {self.op}" if self.op else "a tensor")

    def __repr__(self) -> str:
        data = np.array2string(self._data, precision=4, threshold=20, separator=", ")
        parts = [f"Tensor({data}"]
        if self.name:
            parts.append(f"name={self.name!r}")
        if self.op:
            parts.append(f"op={self.op!r}")
        if self.grad is not None:
            parts.append(f"grad={np.array2string(self.grad, precision=4, threshold=20, separator=', ')}")
        if not self.requires_grad:
            parts.append("requires_grad=False")
        return ", ".join(parts) + ")"

    # ----------------------------------------------------------------------------------------
    # Elementwise arithmetic, with numpy's broadcasting. Each VJP returns the upstream gradient
    # times the local derivative, summed back to its input's shape where broadcasting stretched it.

    def _elementwise(self, other, numpy_op, op: str, vjp: Callable, saved=()) -> Tensor:
        try:
            value = numpy_op(self._data, other._data)
        except ValueError:
            raise ValueError(
                f"{self._label()} {op} {other._label()}: shapes {self.shape} and {other.shape} do not broadcast. "
                "Each pair of trailing dimensions must be equal or 1, such as (n, m) with (n, 1) for a bias."
            ) from None
        return Tensor.from_op(value, (self, other), op, vjp, saved)

    def __add__(self, other) -> Tensor:
        """Add distributes: each input receives the upstream gradient unchanged."""
        other = Tensor._constant(other, self, "the operand of +")

        def vjp(g):
            return sum_to_shape(g, self.shape), sum_to_shape(g, other.shape)

        return self._elementwise(other, np.add, "+", vjp)

    def __sub__(self, other) -> Tensor:
        other = Tensor._constant(other, self, "the operand of -")

        def vjp(g):
            return sum_to_shape(g, self.shape), sum_to_shape(-g, other.shape)

        return self._elementwise(other, np.subtract, "-", vjp)

    def __mul__(self, other) -> Tensor:
        """Multiply swaps: each input's gradient is the upstream gradient times the other input."""
        other = Tensor._constant(other, self, "the operand of *")

        def vjp(g):
            return (sum_to_shape(g * other._data, self.shape),
                    sum_to_shape(g * self._data, other.shape))

        return self._elementwise(other, np.multiply, "*", vjp, saved=(self, other))

    def __truediv__(self, other) -> Tensor:
        other = Tensor._constant(other, self, "the operand of /")

        def vjp(g):  # d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
            return (sum_to_shape(g / other._data, self.shape),
                    sum_to_shape(-g * self._data / other._data**2, other.shape))

        return self._elementwise(other, np.divide, "/", vjp, saved=(self, other))

    def maximum(self, other) -> Tensor:
        """The larger of the two, elementwise. Max routes: the whole gradient goes to the input
        that was larger; on a tie it goes to ``other``, as ReLU's derivative at 0 is 0.

        Examples
        --------
        >>> a, b = Tensor([1.0, 5.0]), Tensor([3.0, 2.0])
        >>> m = a.maximum(b)
        >>> m.sum().backward()
        >>> m.data, a.grad, b.grad
        (array([3., 5.]), array([0., 1.]), array([1., 0.]))
        """
        other = Tensor._constant(other, self, "the operand of maximum")

        def vjp(g):
            first = self._data > other._data  # where the first input won
            return (sum_to_shape(np.where(first, g, 0), self.shape),
                    sum_to_shape(np.where(first, 0, g), other.shape))

        return self._elementwise(other, np.maximum, "max", vjp, saved=(self, other))

    def __neg__(self) -> Tensor:
        return Tensor.from_op(-self._data, (self,), "neg", lambda g: (-g,))

    def __pow__(self, exponent: float) -> Tensor:
        """``x ** p`` for a constant number p, with derivative p x^(p-1)."""
        if isinstance(exponent, bool) or not isinstance(exponent, Real):
            raise TypeError(f"the exponent of ** must be a number such as 2, got {type(exponent).__name__} {exponent!r}.")
        return Tensor.from_op(
            self._data**exponent, (self,), f"**{exponent:g}", lambda g: (g * exponent * self._data ** (exponent - 1),), (self,)
        )

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other) -> Tensor:
        return Tensor._constant(other, self, "the operand of -") - self

    def __rtruediv__(self, other) -> Tensor:
        return Tensor._constant(other, self, "the operand of /") / self

    # ----------------------------------------------------------------------------------------
    # Matrix product and transpose

    def __matmul__(self, other) -> Tensor:
        """The matrix product of two 2-D tensors: (n, k) @ (k, m) -> (n, m).

        Its VJP is chapter 5's pair: dA = G B^T and dB = A^T G, each computed only when that
        input needs a gradient (the data X of a first layer needs none).
        """
        other = Tensor._constant(other, self, "the right operand of @")
        if self.ndim != 2 or other.ndim != 2 or self.shape[1] != other.shape[0]:
            raise ValueError(
                f"{self._label()} @ {other._label()}: shapes {self.shape} and {other.shape} "
                "do not fit. Both must be 2-D, and the columns of the left must equal the rows "
                "of the right, as W (n_out, n_in) @ A (n_in, m)."
            )

        def vjp(g):
            grad_self = g @ other._data.T if self.requires_grad else None
            grad_other = self._data.T @ g if other.requires_grad else None
            return grad_self, grad_other

        value = self._data @ other._data
        return Tensor.from_op(value, (self, other), "@", vjp, saved=(self, other))

    def __rmatmul__(self, other) -> Tensor:
        return Tensor._constant(other, self, "the left operand of @") @ self

    @property
    def T(self) -> Tensor:
        """The transpose; its VJP transposes the gradient back."""
        return Tensor.from_op(self._data.T, (self,), "T", lambda g: (g.T,))

    # ----------------------------------------------------------------------------------------
    # Sums: every entry that went into a sum receives the sum's gradient

    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """The sum over ``axis`` (every entry by default), as ``np.sum``.

        Examples
        --------
        >>> x = Tensor([[1.0, 2.0], [3.0, 4.0]])
        >>> s = x.sum(axis=1)
        >>> s.data
        array([3., 7.])
        """

        def vjp(g):
            if axis is not None and not keepdims:
                g = np.expand_dims(g, axis)
            return (np.broadcast_to(g, self.shape),)

        return Tensor.from_op(self._data.sum(axis=axis, keepdims=keepdims), (self,), "sum", vjp)

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """The mean over ``axis``: the sum, divided by the number of entries summed.

        Examples
        --------
        >>> Tensor([1.0, 2.0, 6.0]).mean().item()
        3.0
        """
        value = self._data.mean(axis=axis, keepdims=keepdims)
        count = self._data.size // np.size(value)

        def vjp(g):
            if axis is not None and not keepdims:
                g = np.expand_dims(g, axis)
            return (np.broadcast_to(g / count, self.shape),)

        return Tensor.from_op(value, (self,), "mean", vjp)

    # ----------------------------------------------------------------------------------------
    # Elementwise functions: exp, log and the course's activations

    def exp(self) -> Tensor:
        value = np.exp(self._data)  # the VJP keeps the value, not the tensor: no reference cycle
        return Tensor.from_op(value, (self,), "exp", lambda g: (g * value,))

    def log(self) -> Tensor:
        """The natural logarithm; its derivative is 1/x."""
        return Tensor.from_op(np.log(self._data), (self,), "log", lambda g: (g / self._data,), (self,))

    def activation(self, f: str | Activation) -> Tensor:
        """``f(self)`` for any activation of chapter 3, by name or as an Activation.

        The value is nnlib's function and the VJP is the activation's own backward step:
        dL/dz = dL/da * f'(z), or the Jacobian product of chapter 6 for softmax (per column).

        Examples
        --------
        >>> z = Tensor([0.0, 2.0])
        >>> a = z.activation("sigmoid")
        >>> a.sum().backward()
        >>> z.grad.round(4)
        array([0.25 , 0.105])
        """
        f = get_activation(f)
        value = f.function(self._data)
        return Tensor.from_op(value, (self,), f.name, lambda g: (f.backward(self._data, value, g),), (self,))

    def sigmoid(self) -> Tensor:
        return self.activation("sigmoid")

    def tanh(self) -> Tensor:
        return self.activation("tanh")

    def relu(self) -> Tensor:
        """max(0, z), with the derivative 0 at z = 0 (the convention of nnlib and of PyTorch)."""
        return self.activation("relu")

    def leaky_relu(self, slope: float = 0.01) -> Tensor:
        return self.activation(leaky_relu_activation(slope))

    def softmax(self) -> Tensor:
        """Softmax of each column (of the vector, for a 1-D tensor)."""
        return self.activation("softmax")

    # ----------------------------------------------------------------------------------------
    # The backward pass

    def backward(self, gradient=None, retain_grads: bool = False) -> None:
        """Add d(self)/d(t) into ``t.grad`` for every leaf t this tensor was computed from.

        The nodes are visited in reverse topological order, so a node's gradient is complete,
        every path from it to the output added in, before its VJP passes it on.

        Parameters
        ----------
        gradient : array_like, optional
            For a scalar output, leave it out: the seed d(self)/d(self) is 1. For an output of
            any other shape, pass a vector v of that shape: backward then computes the
            vector-Jacobian product v^T J, the gradient of sum(v * self).
        retain_grads : bool, default False
            Keep the gradient of every computed tensor too, not only of the leaves: to draw
            the graph or to inspect the backward pass. By default a computed tensor's gradient
            is dropped once passed on, as frameworks do, so that a training step does not hold
            a second copy of every value.

        Raises
        ------
        RuntimeError
            If a value that an operation saved for its VJP has been changed since (a parameter
            updated between the forward and the backward pass, say).

        Examples
        --------
        >>> z = Tensor([1.0, 2.0]) * 3.0
        >>> z.backward(np.array([1.0, -1.0]))     # one vector-Jacobian product
        >>> z.parents[0].grad
        array([ 3., -3.])
        """
        if not self.requires_grad:
            raise ValueError(
                f"{self._label()} does not depend on any tensor that requires a gradient, so there is nothing to "
                "backpropagate. Was every input made with requires_grad=False, or detached?"
            )
        if gradient is None:
            if self._data.size != 1:
                raise ValueError(
                    f"backward() without a gradient needs a scalar output, such as a loss; {self._label()} has shape "
                    f"{self.shape}. Pass gradient= of that shape to compute a vector-Jacobian product."
                )
            gradient = np.ones_like(self._data)
        else:
            gradient = as_array(gradient, "gradient").astype(self.dtype, copy=True)
            if gradient.shape != self.shape:
                raise ValueError(f"gradient must have the shape of {self._label()}, {self.shape}; got {gradient.shape}.")

        pending = {self: gradient}  # this pass's gradients, complete once every path has arrived
        for node in reversed(topological_order(self)):
            grad = pending.pop(node)
            if node._saved or node._version:
                node._check_unchanged()
            if node.vjp is None or retain_grads:  # a leaf keeps its gradient; a second pass adds
                node.grad = grad if node.grad is None else np.asarray(node.grad + grad)
                node.grad.setflags(write=False)  # it may be shared with another node: read-only
            if node.vjp is None:
                continue
            for parent, parent_grad in zip(node.parents, node.vjp(grad)):
                if not parent.requires_grad:
                    continue
                if parent in pending:  # fan-out: a second path into the parent, added
                    parent_grad = pending[parent] + parent_grad
                pending[parent] = np.asarray(parent_grad)

    def _check_unchanged(self) -> None:
        """Refuse to backpropagate through a value that changed after an operation used it."""
        if self.parents and self._version:
            raise RuntimeError(f"the value of {self._label()} was assigned after it was computed; compute it again instead.")
        for tensor, version in self._saved:
            if tensor._version != version:
                raise RuntimeError(
                    f"{tensor._label()} was changed (its .data assigned) after the {self.op} that uses it was computed, "
                    f"so the backward pass would use the new value with the old graph. Compute the forward pass again "
                    "after changing it, and update parameters only after backward()."
                )


def sum_to_shape(grad: Array, shape: tuple[int, ...]) -> Array:
    """Sum ``grad`` over the axes that broadcasting stretched, so that it has ``shape`` again.

    A bias b of shape (n, 1) added to Z of shape (n, m) is used once per column: its gradient is
    the sum of the m columns' gradients, as chapter 5's db = sum over the batch of dZ.

    Examples
    --------
    >>> sum_to_shape(np.ones((2, 3)), (2, 1))
    array([[3.],
           [3.]])
    >>> sum_to_shape(np.ones((2, 3)), ())
    array(6.)
    """
    if grad.shape == shape:
        return grad
    leading = grad.ndim - len(shape)  # axes that broadcasting added in front
    if leading:
        grad = np.asarray(grad.sum(axis=tuple(range(leading))))
    stretched = tuple(axis for axis, n in enumerate(shape)
                      if n == 1 and grad.shape[axis] != 1)  # axes of size 1 that were copied
    return grad.sum(axis=stretched, keepdims=True) if stretched else grad


def topological_order(root: Tensor) -> list[Tensor]:
    """Every tensor ``root`` was computed from that needs a gradient, each after all its inputs.

    A depth-first search with an explicit stack, so that long graphs cannot exhaust Python's
    recursion: a tensor goes on the stack above a marker (None) and its parents above that; by
    the time the marker comes off, every parent is in the order, and the tensor follows.

    Examples
    --------
    >>> x = Tensor(1.0, name="x")
    >>> y = (x * 2.0).exp()
    >>> [t.op or t.name for t in topological_order(y)]
    ['x', '*', 'exp']
    """
    order, visited, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node is None:  # the marker: the tensor under it has all its parents in the order
            order.append(stack.pop())
        elif node not in visited:
            visited.add(node)
            stack.append(node)
            stack.append(None)
            for parent in node.parents:
                if parent.requires_grad and parent not in visited:
                    stack.append(parent)
    return order


def loss(prediction: Tensor, target, name: str | Loss = "squared_error") -> Tensor:
    """The loss of a batch of predictions (n_outputs, m) against targets, as a scalar Tensor.

    Any loss of chapter 4 by name. The value is nnlib's loss and the VJP is nnlib's gradient of
    it, so ``"softmax_cross_entropy"`` and ``"sigmoid_cross_entropy"`` are the fused, stable
    forms that take logits, and every gradient carries the 1/m of the batch mean.

    Examples
    --------
    >>> z = Tensor([[0.0], [0.0]])
    >>> L = loss(z, [[1.0], [0.0]], "softmax_cross_entropy")
    >>> L.backward()
    >>> round(L.item(), 6), z.grad.ravel()
    (0.693147, array([-0.5,  0.5]))
    """
    spec = get_loss(name)
    if not isinstance(prediction, Tensor):
        raise TypeError(f"prediction must be a Tensor (the output of a model), got {type(prediction).__name__}.")
    if prediction.ndim != 2:
        raise ValueError(
            f"prediction must be 2-D with shape (n_outputs, m), one example per column; got shape {prediction.shape}."
        )
    y_hat = prediction._data
    check_finite(y_hat, "prediction")
    spec.check_predictions(y_hat)          # probabilities in [0, 1], for a loss on probabilities
    y = as_columns(target, "target").astype(y_hat.dtype, copy=False)
    check_same_shape(y_hat, y, "prediction", "target")
    spec.check_targets(y, "target")
    gradient = spec.unchecked_gradient     # checked once, above: the formulas alone from here
    return Tensor.from_op(
        np.asarray(spec.unchecked_value(y_hat, y), dtype=y_hat.dtype), (prediction,), spec.name,
        lambda g: (g * gradient(y_hat, y),), (prediction,),
    )


class MLP:
    """A feed-forward network of Tensors: Z^[l] = W^[l] A^[l-1] + b^[l], A^[l] = f^[l](Z^[l]).

    The same model as :class:`nnlib.Network`, with the backward pass left to the engine. Build
    it from a Network (:meth:`from_network` copies the weights) to compare the two.

    Parameters
    ----------
    weights : sequence of array_like
        ``weights[l - 1]`` is W^[l], shape (n_l, n_{l-1}). Copied.
    biases : sequence of array_like
        ``biases[l - 1]`` is b^[l], shape (n_l,) or (n_l, 1). Copied.
    activations : sequence of str or Activation
        One per layer.

    Examples
    --------
    >>> model = MLP.from_sizes([2, 3, 1], hidden="tanh", output="linear", seed=0)
    >>> model
    MLP(sizes=[2, 3, 1], activations=['tanh', 'linear'])
    >>> L = loss(model(np.ones((2, 4))), np.zeros((1, 4)), "mse")
    >>> L.backward()
    >>> [p.grad.shape for p in model.parameters()]
    [(3, 2), (3, 1), (1, 3), (1, 1)]
    """

    def __init__(self, weights: Sequence, biases: Sequence, activations: Sequence[str | Activation]):
        network = Network.from_weights(weights, biases, list(activations))  # its checks: shapes that fit
        self.weights = [Tensor(layer.W, name=f"W{l}") for l, layer in enumerate(network.layers, start=1)]
        self.biases = [Tensor(layer.b, name=f"b{l}") for l, layer in enumerate(network.layers, start=1)]
        self.activations = [layer.activation for layer in network.layers]

    @classmethod
    def from_network(cls, net: Network) -> MLP:
        """A model with a copy of ``net``'s weights, biases and activations."""
        layers = net.layers
        return cls([layer.W for layer in layers], [layer.b for layer in layers], [layer.activation for layer in layers])

    @classmethod
    def from_sizes(cls, sizes: Sequence[int], hidden: str = "sigmoid", output: str = "sigmoid", init: str = "xavier",
                   seed: int = 0) -> MLP:
        """The weights :meth:`nnlib.Network.from_sizes` draws for the same arguments."""
        return cls.from_network(Network.from_sizes(sizes, hidden, output, init, seed))

    def to_network(self) -> Network:
        """An nnlib Network with a copy of this model's current weights."""
        return Network.from_weights([W.data for W in self.weights], [b.data for b in self.biases], self.activations)

    @property
    def sizes(self) -> list[int]:
        return [self.weights[0].shape[1]] + [W.shape[0] for W in self.weights]

    def __call__(self, X) -> Tensor:
        """The output A^[L] for a batch X of shape (n_0, m): an array, or a Tensor."""
        if not isinstance(X, Tensor):
            X = Tensor._leaf(as_columns(X, "X"), False, "X")
        check_rows(X.data, self.weights[0].shape[1], "X", "input features")
        A = X
        for W, b, f in zip(self.weights, self.biases, self.activations):
            Z = W @ A + b
            A = Z if f.name == "linear" else Z.activation(f)
        return A

    def parameters(self) -> list[Tensor]:
        """W^[1], b^[1], W^[2], b^[2], ...: every tensor that training changes."""
        return [p for W, b in zip(self.weights, self.biases) for p in (W, b)]

    def named_parameters(self) -> dict[str, Tensor]:
        """The parameters by the names of :meth:`nnlib.Network.parameters`: "W1", "b1", ..."""
        return {p.name: p for p in self.parameters()}

    def zero_grad(self) -> None:
        """Forget every parameter's gradient, before the next backward pass adds a new one."""
        for p in self.parameters():
            p.grad = None

    def __repr__(self) -> str:
        return f"MLP(sizes={self.sizes}, activations={[f.name for f in self.activations]})"
