"""Gradient descent: the update rule and a training loop that records the loss (chapter 8).

The loop goes through the network's own passes: it checks the whole data set once
(:meth:`~nnlib.network.Network.check_data`), then for every mini-batch runs
``net.forward(X, checked=True)``, ``net.backward_loss(Y, loss, checked=True)`` and
``optimizer.step(params, grads)``, where ``params = net.parameters()`` is collected once per call
(the optimiser changes those arrays in place) and ``grads`` is what the backward pass returns.
It steps in training mode (dropout drops units) and measures in evaluation mode.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ._validation import check_positive_int, check_positive_number, check_seed
from .losses import Loss
from .network import Network
from .optimizers import SGD

DEFAULT_LEARNING_RATE = 0.1


class DivergenceWarning(RuntimeWarning):
    """Training diverged: the loss overflowed or stopped being finite, or the weights grew past
    the point where the next pass can be trusted. :func:`train` issues it, names the learning
    rate, and leaves the network at its last finite weights."""


def _check_network(net) -> Network:
    if not isinstance(net, Network):
        raise TypeError(
            f"net must be an nnlib Network, such as Network.from_sizes([2, 3, 1]); got {type(net).__name__}."
        )
    return net


def _optimizer(learning_rate, optimizer):
    """The optimiser a training function uses: SGD(learning_rate) by default.

    ``learning_rate`` and ``optimizer`` together are accepted only when the optimiser has that
    same learning rate: the rate is given once, so it cannot silently be ignored.
    """
    if optimizer is None:
        return SGD(DEFAULT_LEARNING_RATE if learning_rate is None else learning_rate)
    if not callable(getattr(optimizer, "step", None)):
        raise TypeError(
            "optimizer must be an optimiser with a step(params, grads) method, such as "
            f"nnlib.optimizers.SGD(0.1); got {type(optimizer).__name__}."
        )
    if learning_rate is not None and learning_rate != getattr(optimizer, "learning_rate", None):
        raise ValueError(
            f"give the learning rate once: learning_rate={learning_rate!r} differs from the optimizer's "
            f"({optimizer!r}). Leave learning_rate out when you pass an optimizer."
        )
    return optimizer


def gradient_descent_step(net: Network, learning_rate: float) -> None:
    """Move every parameter against its gradient: theta <- theta - eta dL/dtheta.

    Uses the gradients of the last backward pass and changes the weights in place: one step of
    :class:`~nnlib.optimizers.SGD`. The minus sign is the whole point: the gradient points uphill,
    so we step the other way.

    Examples
    --------
    >>> net = Network.from_sizes([1, 1], output="linear", init="zeros")
    >>> _ = net.loss_and_gradients([[1.0]], [[2.0]])
    >>> gradient_descent_step(net, 0.5)
    >>> net.layers[0].W
    array([[1.]])
    """
    params, grads = _check_network(net).parameters(), net.gradients()
    SGD(learning_rate).step(params, grads)  # every parameter: theta <- theta - eta dL/dtheta, in place


def train_step(net: Network, X, Y, loss: str | Loss = "squared_error", learning_rate: float | None = None,
               *, optimizer=None) -> None:
    """One step on one batch: forward, backward from the loss, update.

    Checked as :func:`train` checks it (the same errors for the same mistakes): X and Y, the
    loss against the output layer, the learning rate. Only the values of the targets (in [0, 1]
    for a cross-entropy) are left to :func:`train` and the loss functions, so that a loop of
    steps pays for no more than a step. The step itself is the one :func:`train` repeats, in
    training mode: a network in evaluation mode is switched to training mode first.
    ``learning_rate`` defaults to 0.1; ``optimizer`` as in :func:`train`.

    Examples
    --------
    >>> net = Network.from_sizes([1, 1], output="linear", init="zeros")
    >>> train_step(net, [[1.0]], [[2.0]], "squared_error", 0.5)
    >>> net.layers[0].W
    array([[1.]])
    """
    X, Y, loss = _check_network(net).check_data(X, Y, loss, targets=False)
    optimizer = _optimizer(learning_rate, optimizer)
    if not net.training:
        net.train()
    _step(net, X, Y, loss, optimizer, net.parameters())


def _step(net: Network, X: np.ndarray, Y: np.ndarray, loss: Loss, optimizer, params: dict[str, np.ndarray]) -> None:
    """One step on data that :meth:`Network.check_data` returned: the network's own passes, then
    the update of ``params``, the network's parameters (``net.parameters()``, live arrays)."""
    net.forward(X, checked=True)
    optimizer.step(params, net.backward_loss(Y, loss, checked=True))


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
        True if training diverged: the loss overflowed to inf or became NaN, or a weight grew
        beyond the square root of the largest float (1.3e154 in float64), as it can behind a
        saturated sigmoid whose outputs stay finite. Training stopped there, with a
        :class:`DivergenceWarning`.
    diverged_epoch : int or None
        The epoch at which divergence was detected. Its loss is the last one recorded (inf if it
        overflowed); the network keeps the weights of the epoch before, its last finite ones (with
        early stopping, those of ``best_epoch``).
    """

    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    best_epoch: int | None = None
    diverged: bool = False
    diverged_epoch: int | None = None

    @property
    def epochs(self) -> int:
        """Number of epochs run."""
        return len(self.train_loss) - 1


def train(
    net: Network,
    X,
    Y,
    loss: str | Loss = "squared_error",
    learning_rate: float | None = None,
    epochs: int = 100,
    batch_size: int | None = None,
    seed: int = 0,
    X_test=None,
    Y_test=None,
    patience: int | None = None,
    optimizer=None,
    schedule: Callable[[int], float] | None = None,
) -> History:
    """Train ``net`` in place with (mini-batch) gradient descent.

    Parameters
    ----------
    net : Network
    X : array_like of shape (n_0, m)
    Y : array_like of shape (n_L, m)
    loss : str or Loss, default "squared_error"
    learning_rate : float, optional
        The step size eta, a positive number; 0.1 if neither it nor ``optimizer`` is given.
    epochs : int
        Passes over the training set.
    batch_size : int or None
        None: full-batch gradient descent, one step per epoch. 1: stochastic gradient descent.
        k: mini-batches of k examples, reshuffled every epoch with ``seed``.
    seed : int
        Seeds the shuffling, so a run is repeatable.
    X_test, Y_test : array_like, optional
        Held-out data; its loss is recorded after every epoch. Give both or neither.
    patience : int, optional
        Early stopping: stop once the test loss has not improved for this many epochs, and
        restore the weights of the best epoch. Needs test data.
    optimizer : optional
        The update rule, an object with ``step(params, grads)`` such as
        :class:`nnlib.optimizers.SGD`; it is called as
        ``optimizer.step(net.parameters(), net.gradients())`` after each backward pass. None means
        ``SGD(learning_rate)``. Give the learning rate to the optimiser or to ``learning_rate``,
        not two different ones (a ValueError says so). :mod:`nnlib.optimizers` has SGD, momentum,
        Adam and AdamW.
    schedule : callable, optional
        A learning-rate schedule: before each epoch (counted from 0) the optimiser's
        ``learning_rate`` is set to ``schedule(epoch)``, a positive number; for example
        ``lambda epoch: nnlib.optimizers.step_decay(epoch, 0.3, factor=0.5, every=5)``.

    Returns
    -------
    History

    Notes
    -----
    The steps are taken in training mode (:meth:`Network.train`: dropout drops units) and the
    losses are measured in evaluation mode (:meth:`Network.eval`: nothing is dropped), in which
    the network is left at the end.

    Warns
    -----
    DivergenceWarning
        When the loss overflows or stops being finite, or the weights grow past the square root
        of the largest float. Training stops; the network keeps its last finite weights (those of
        the epoch before ``history.diverged_epoch``).

    Examples
    --------
    >>> from nnlib.data import logic_gate
    >>> X, Y = logic_gate("and")
    >>> net = Network.from_sizes([2, 1], seed=0)
    >>> history = train(net, X, Y, "binary_cross_entropy", learning_rate=1.0, epochs=200)
    >>> history.train_loss[-1] < history.train_loss[0]
    True
    """
    X, Y, loss = _check_network(net).check_data(X, Y, loss)  # once, so that the steps below need no checks
    optimizer = _optimizer(learning_rate, optimizer)
    epochs = check_positive_int(epochs, "epochs")
    m = X.shape[1]
    batch_size = m if batch_size is None else min(check_positive_int(batch_size, "batch_size"), m)
    if (X_test is None) != (Y_test is None):
        raise ValueError(f"pass both X_test and Y_test, or neither; got only {'X_test' if Y_test is None else 'Y_test'}.")
    has_test = X_test is not None
    if has_test:
        X_test, Y_test, _ = net.check_data(X_test, Y_test, loss, names=("X_test", "Y_test"))
    if patience is not None:
        patience = check_positive_int(patience, "patience")
        if not has_test:
            raise ValueError("early stopping (patience) needs held-out data: pass X_test and Y_test.")
    if schedule is not None:
        _check_schedule(schedule, optimizer)
    rng = np.random.default_rng(check_seed(seed))
    history = History()
    sets = [(X, Y, history.train_loss), (X_test, Y_test, history.test_loss)][: 1 + has_test]
    params = net.parameters()  # live arrays: the optimiser updates them in place, so they are collected once

    def record() -> str | None:
        """Append the current losses, measured in evaluation mode; return why training diverged, or None."""
        net.eval()
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for inputs, targets, losses in sets:
                Y_hat = net.forward(inputs, checked=True)
                value = loss.unchecked_value(Y_hat, targets) if np.isfinite(Y_hat).all() else math.inf  # data checked above
                losses.append(value if math.isfinite(value) else math.inf)
            if history.train_loss[-1] == math.inf:
                return "the loss overflowed (it is no longer a finite number)"
            return _overflowing_parameter(params)  # its sums of squares overflow quietly for huge weights

    last_finite = _snapshot(net)
    reason = record()  # epoch 0: the loss before training
    if reason is not None:
        _diverged(net, history, 0, reason, (last_finite, 0), optimizer)
        return history
    best = (history.test_loss[0], 0, _snapshot(net)) if patience is not None else None
    for epoch in range(1, epochs + 1):
        if schedule is not None:
            optimizer.learning_rate = check_positive_number(schedule(epoch - 1), f"schedule({epoch - 1})")
        order = rng.permutation(m) if batch_size < m else None
        net.train()
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # divergence is detected by record()
            for start in range(0, m, batch_size):
                if order is None:
                    _step(net, X, Y, loss, optimizer, params)
                else:
                    idx = order[start : start + batch_size]
                    _step(net, X[:, idx], Y[:, idx], loss, optimizer, params)
        reason = record()
        if reason is not None:
            kept = (best[2], best[1]) if best is not None else (last_finite, epoch - 1)  # early stopping keeps its best
            _diverged(net, history, epoch, reason, kept, optimizer)
            break
        for name, value in params.items():
            np.copyto(last_finite[name], value)
        if best is not None:
            if history.test_loss[-1] < best[0]:
                best = (history.test_loss[-1], epoch, _snapshot(net))
            elif epoch - best[1] >= patience:
                break
    if best is not None:
        _restore(net, best[2])
        history.best_epoch = best[1]
    return history


def _check_schedule(schedule, optimizer) -> None:
    """A schedule must be a function of the epoch, and the optimiser must have a learning rate to set."""
    if not callable(schedule):
        raise TypeError(f"schedule must be a function of the epoch (0, 1, 2, ...) that returns a learning rate, "
                        f"such as lambda epoch: 0.1 * 0.5 ** (epoch // 10); got {type(schedule).__name__}.")
    if not hasattr(optimizer, "learning_rate"):
        raise TypeError(f"schedule sets the optimizer's learning_rate before each epoch, but {type(optimizer).__name__} "
                        "has no learning_rate attribute.")


def _overflowing_parameter(params: dict[str, np.ndarray]) -> str | None:
    """Why the weights cannot be trusted any more (a NaN, an inf, or a magnitude past the square
    root of the largest float, whose products overflow), or None."""
    for name, value in params.items():
        flat = value.ravel()
        if math.isfinite(flat @ flat):  # a finite sum of squares: every entry is finite and below the limit
            continue
        limit = np.sqrt(np.finfo(value.dtype).max)
        largest = np.abs(value).max()
        if not largest <= limit:
            return (
                f"{name} is no longer finite" if not np.isfinite(largest)
                else f"{name} grew to {largest:.3g}, past {limit:.3g} (the outputs can stay finite behind a saturated sigmoid)"
            )
    return None


def _snapshot(net: Network) -> dict[str, np.ndarray]:
    return {name: value.copy() for name, value in net.parameters().items()}


def _restore(net: Network, saved: dict[str, np.ndarray]) -> None:
    for name, value in net.parameters().items():
        value[...] = saved[name]


def _diverged(net: Network, history: History, epoch: int, reason: str, kept, optimizer) -> None:
    """Put the kept weights (the last finite ones, or early stopping's best) back, mark the history
    and warn the reader."""
    weights, kept_epoch = kept
    _restore(net, weights)
    history.diverged, history.diverged_epoch = True, epoch
    rate = getattr(optimizer, "learning_rate", None)
    kept = f"keeps the weights of epoch {kept_epoch}, finite ones" if epoch else "is left as it was"
    warnings.warn(
        f"training diverged at epoch {epoch}: {reason}, with learning_rate={rate}. The network {kept} "
        f"(history.diverged_epoch = {epoch}). Lower the "
        "learning rate: beyond the critical rate 2 / lambda_max, set by the steepest curvature of the loss, "
        "gradient descent diverges (chapter 8, 'Where the limit comes from').",
        DivergenceWarning,
        stacklevel=3,
    )
