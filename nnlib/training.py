"""Gradient descent: the update rule and a training loop that records the loss (chapter 8)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._validation import as_columns, check_positive_int, check_positive_number, check_rows
from .losses import Loss, _unchecked_gradient, get_loss
from .network import Network


def gradient_descent_step(net: Network, learning_rate: float) -> None:
    """Move every parameter against its gradient: theta <- theta - eta dL/dtheta.

    Uses the gradients of the last backward pass and changes the weights in place. The minus
    sign is the whole point: the gradient points uphill, so we step the other way.

    Examples
    --------
    >>> net = Network.from_sizes([1, 1], output="linear", init="zeros")
    >>> _ = net.loss_and_gradients([[1.0]], [[2.0]])
    >>> gradient_descent_step(net, 0.5)
    >>> net.layers[0].W
    array([[1.]])
    """
    for layer in net.layers:
        layer.W -= learning_rate * layer.dW
        layer.b -= learning_rate * layer.db


def train_step(net: Network, X: np.ndarray, Y: np.ndarray, loss: Loss, learning_rate: float) -> None:
    """One step on one batch: forward, loss gradient, backward, update.

    X and Y are checked as :func:`train` checks them (the same errors for the same mistakes);
    the step itself is the unchecked one that :func:`train` repeats.

    Examples
    --------
    >>> net = Network.from_sizes([1, 1], output="linear", init="zeros")
    >>> train_step(net, [[1.0]], [[2.0]], "squared_error", 0.5)
    >>> net.layers[0].W
    array([[1.]])
    """
    X, Y = _checked_data(net, X, Y)
    _step(net, X, Y, _unchecked_gradient(get_loss(loss)), learning_rate)


def _checked_data(net: Network, X, Y) -> tuple[np.ndarray, np.ndarray]:
    """X and Y as float arrays of shapes (n_0, m) and (n_L, m), or a clear error."""
    X = net._input(X)
    Y = as_columns(Y, "Y")
    check_rows(Y, net.layers[-1].n_out, "Y", "targets (one per output unit)")
    if Y.shape[1] != X.shape[1]:
        raise ValueError(f"X has {X.shape[1]} examples (columns) but Y has {Y.shape[1]}; they must match.")
    return X, Y


def _step(net: Network, X: np.ndarray, Y: np.ndarray, loss_gradient, learning_rate: float) -> None:
    """One step without any checks, for data checked once beforehand (train's inner loop).

    The same passes as Network.forward and Network.backward, layer by layer, without checking X
    again and without collecting the gradients into a dict; ``loss_gradient`` is a loss's
    gradient function, also without checks (see nnlib.losses._unchecked_gradient). For the
    course's small networks, the checks would cost more than the arithmetic.
    """
    A = X
    for layer in net.layers:
        A = layer.forward(A)
    dA = loss_gradient(A, Y)
    for layer in reversed(net.layers[1:]):
        dA = layer.backward(dA)
    net.layers[0].backward(dA, input_gradient=False)  # the input is the data: no gradient needed
    gradient_descent_step(net, learning_rate)


@dataclass
class History:
    """The losses recorded by :func:`train`.

    Attributes
    ----------
    train_loss : list of float
        Loss on the whole training set before training (entry 0) and after each epoch.
    test_loss : list of float
        The same on the test set, if one was given; else empty.
    best_epoch : int or None
        With early stopping, the epoch whose weights were kept (lowest test loss).
    diverged : bool
        True if the outputs overflowed to inf or NaN (the learning rate was too large); the
        last recorded loss is then inf and training stopped there.
    """

    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    best_epoch: int | None = None
    diverged: bool = False

    @property
    def epochs(self) -> int:
        """Number of epochs run."""
        return len(self.train_loss) - 1


def train(
    net: Network,
    X,
    Y,
    loss: str | Loss = "squared_error",
    learning_rate: float = 0.1,
    epochs: int = 100,
    batch_size: int | None = None,
    seed: int = 0,
    X_test=None,
    Y_test=None,
    patience: int | None = None,
) -> History:
    """Train ``net`` in place with (mini-batch) gradient descent.

    Parameters
    ----------
    net : Network
    X : array_like of shape (n_0, m)
    Y : array_like of shape (n_L, m)
    loss : str or Loss, default "squared_error"
    learning_rate : float
        The step size eta, a positive number.
    epochs : int
        Passes over the training set.
    batch_size : int or None
        None: full-batch gradient descent, one step per epoch. 1: stochastic gradient descent.
        k: mini-batches of k examples, reshuffled every epoch with ``seed``.
    seed : int
        Seeds the shuffling, so a run is repeatable.
    X_test, Y_test : array_like, optional
        Held-out data; its loss is recorded after every epoch.
    patience : int, optional
        Early stopping: stop once the test loss has not improved for this many epochs, and
        restore the weights of the best epoch. Needs test data.

    Returns
    -------
    History

    Examples
    --------
    >>> from nnlib.data import logic_gate
    >>> X, Y = logic_gate("and")
    >>> net = Network.from_sizes([2, 1], seed=0)
    >>> history = train(net, X, Y, "binary_cross_entropy", learning_rate=1.0, epochs=200)
    >>> history.train_loss[-1] < history.train_loss[0]
    True
    """
    loss = net._check_loss(loss)
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    epochs = check_positive_int(epochs, "epochs")
    X, Y = _checked_data(net, X, Y)  # once, so that the steps below need no checks
    m = X.shape[1]
    batch_size = m if batch_size is None else min(check_positive_int(batch_size, "batch_size"), m)
    has_test = X_test is not None
    if has_test:
        X_test = net._input(X_test)
    if patience is not None and not has_test:
        raise ValueError("early stopping (patience) needs held-out data: pass X_test and Y_test.")

    rng = np.random.default_rng(seed)
    history = History()

    def record() -> bool:
        """Append the current losses; return False once they overflow (training diverged)."""
        for inputs, targets, losses in [(X, Y, history.train_loss), (X_test, Y_test, history.test_loss)][: 1 + has_test]:
            with np.errstate(over="ignore", invalid="ignore"):
                Y_hat = net.forward(inputs)
                value = loss(Y_hat, targets) if np.isfinite(Y_hat).all() else float("inf")
            if not np.isfinite(value):
                value, history.diverged = float("inf"), True
            losses.append(value)
        return not history.diverged

    record()
    loss_gradient = _unchecked_gradient(loss)
    best = (history.test_loss[0], 0, net.copy()) if patience is not None else None
    for epoch in range(1, epochs + 1):
        order = rng.permutation(m) if batch_size < m else None
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is detected by record()
            for start in range(0, m, batch_size):
                if order is None:
                    _step(net, X, Y, loss_gradient, learning_rate)
                else:
                    idx = order[start : start + batch_size]
                    _step(net, X[:, idx], Y[:, idx], loss_gradient, learning_rate)
        if not record():
            break
        if best is not None:
            if history.test_loss[-1] < best[0]:
                best = (history.test_loss[-1], epoch, net.copy())
            elif epoch - best[1] >= patience:
                break
    if best is not None:
        for layer, kept in zip(net.layers, best[2].layers):
            layer.W[...] = kept.W
            layer.b[...] = kept.b
        history.best_epoch = best[1]
    return history
