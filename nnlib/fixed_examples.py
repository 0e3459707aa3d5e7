"""The course's fixed examples: problems that chapters, widgets and exercises share.

- **The descent valley** (chapter 8, and chapter 12's optimiser race): one linear neuron,
  y_hat = w x + b, fitted with the squared-error loss to ten noisy points of a line. With two
  parameters its loss L(w, b) is a surface we can draw, and every step of a descent path is
  nnlib's own training step on that model: a forward pass, a backward pass and an update. The
  loss is quadratic in (w, b), so its curvature is one constant matrix, the Hessian H, and
  gradient descent converges for 0 < eta < 2 / lambda_max(H) and diverges above it.
- **The overfitting runs** (chapter 9): 2-n_1-1 networks trained on the first m points of noisy
  moons and tested on 200 others, for every n_1 and m of the chapter's widget.

Chapter 5's worked example has its own module, :mod:`nnlib.worked_example`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
from matplotlib.figure import Figure

from ._validation import check_positive_int, check_positive_number
from .data import moons
from .network import Network
from .plots import OKABE_ITO, SEQUENTIAL_CMAP, new_axes
from .training import History, gradient_descent_step, train

# The descent valley (chapter 8)

START = (-1.0, 2.5)
"""Where descent paths start by default: w = -1, b = 2.5, far from the minimum."""

W_RANGE = (-1.5, 3.5)
B_RANGE = (-3.0, 3.5)
"""The window of the (w, b) plane that the figures of the valley show."""


def descent_data() -> tuple[np.ndarray, np.ndarray]:
    """The ten points the neuron is fitted to: x from 0.5 to 2.5, y = 1.5 x - 1 plus noise.

    The inputs all lie on one side of 0, so the slope w and the intercept b trade off against
    each other: the loss surface is a long, narrow valley, where the learning rate matters most.

    Returns
    -------
    X : ndarray of shape (1, 10)
    Y : ndarray of shape (1, 10)

    Examples
    --------
    >>> X, Y = descent_data()
    >>> X.shape, Y.shape, float(X.min()), float(X.max())
    ((1, 10), (1, 10), 0.5, 2.5)
    """
    rng = np.random.default_rng(0)
    x = np.linspace(0.5, 2.5, 10)
    y = 1.5 * x - 1.0 + 0.3 * rng.standard_normal(10)
    return x.reshape(1, -1), y.reshape(1, -1)


def descent_model(w: float, b: float) -> Network:
    """The 1-1 network with a linear output: one neuron, y_hat = w x + b.

    Examples
    --------
    >>> descent_model(2.0, 1.0).forward([[3.0]])
    array([[7.]])
    """
    return Network.from_weights([[[float(w)]]], [[float(b)]], "linear")


def descent_loss(w: float, b: float) -> float:
    """The squared-error loss L(w, b) of the neuron on :func:`descent_data`, computed by nnlib.

    Examples
    --------
    >>> round(descent_loss(1.5, -1.0), 4)
    0.025
    """
    X, Y = descent_data()
    return descent_model(w, b).loss(X, Y, "squared_error")


def descent_hessian() -> np.ndarray:
    """The Hessian of L(w, b), a constant 2 x 2 matrix because L is quadratic.

    Notes
    -----
    L = (1/m) sum_i 1/2 (w x_i + b - y_i)^2, so dL/dw = mean((w x + b - y) x) and
    dL/db = mean(w x + b - y). Differentiating once more,

        H = [[mean(x^2), mean(x)],
             [mean(x),   1      ]].

    Examples
    --------
    >>> descent_hessian().round(4)
    array([[2.6574, 1.5   ],
           [1.5   , 1.    ]])
    """
    x = descent_data()[0][0]
    return np.array([[np.mean(x**2), np.mean(x)], [np.mean(x), 1.0]])


def critical_learning_rate() -> float:
    """2 / lambda_max(H): gradient descent on this loss converges below it and diverges above it.

    Notes
    -----
    Near the minimum theta*, a step maps the error e = theta - theta* to (I - eta H) e, exactly,
    because L is quadratic. Along the eigenvector of H with eigenvalue lambda the error is
    multiplied by 1 - eta lambda at every step: it shrinks when abs(1 - eta lambda) < 1, that is
    when eta < 2 / lambda, and grows otherwise. The steepest direction, lambda_max, sets the limit.

    Examples
    --------
    >>> round(critical_learning_rate(), 4)
    0.5646
    """
    return float(2.0 / np.linalg.eigvalsh(descent_hessian()).max())


def descent_minimum() -> np.ndarray:
    """The (w, b) that minimise the loss, from the normal equations H theta = (mean(x y), mean(y)).

    Examples
    --------
    >>> descent_minimum().round(4)
    array([ 1.4141, -0.8458])
    """
    X, Y = descent_data()
    x, y = X[0], Y[0]
    return np.linalg.solve(descent_hessian(), np.array([np.mean(x * y), np.mean(y)]))


@lru_cache(maxsize=4)
def loss_surface(resolution: int = 81) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L(w, b) over the window W_RANGE x B_RANGE, each value computed by nnlib's network and loss.

    Computed once and cached; treat the arrays as read-only.

    Returns
    -------
    w : ndarray of shape (resolution,)
    b : ndarray of shape (resolution,)
    loss : ndarray of shape (resolution, resolution)
        ``loss[i, j]`` is L(w[j], b[i]): rows along b, columns along w, as ``imshow`` wants.

    Examples
    --------
    >>> w, b, loss = loss_surface(5)
    >>> loss.shape, bool(np.isclose(loss[1, 2], descent_loss(w[2], b[1])))
    ((5, 5), True)
    """
    w = np.linspace(*W_RANGE, resolution)
    b = np.linspace(*B_RANGE, resolution)
    X, Y = descent_data()
    net = descent_model(0.0, 0.0)
    layer = net.layers[0]
    loss = np.empty((resolution, resolution))
    for i, b_i in enumerate(b):
        for j, w_j in enumerate(w):
            layer.W[0, 0], layer.b[0, 0] = w_j, b_i
            loss[i, j] = net.loss(X, Y, "squared_error")
    for array in (w, b, loss):
        array.setflags(write=False)
    return w, b, loss


def descent_path(
    learning_rate: float, steps: int, start=START, batch_size: int | None = None, seed: int = 0,
    update: Callable[[Network], None] | None = None,
) -> dict:
    """Run gradient descent on the neuron from ``start`` and record every step.

    Parameters
    ----------
    learning_rate : float
        The step size eta.
    steps : int
        Number of updates.
    start : (float, float)
        The initial (w, b).
    batch_size : int or None
        None: each step uses all ten points (full-batch gradient descent). k: each step uses the
        next k points of a shuffled order, reshuffled after every pass (epoch); 1 is stochastic
        gradient descent.
    seed : int
        Seeds the shuffling.
    update : callable, optional
        ``update(net)`` changes the neuron's weight and bias from the gradients its backward
        pass just computed (in ``net.layers[0].dW`` and ``.db``). Default: plain gradient
        descent, ``gradient_descent_step(net, learning_rate)``. Another rule (momentum, Adam)
        keeps its own state between calls; ``learning_rate`` is then only recorded.

    Returns
    -------
    dict with keys
        ``path`` ((steps + 1, 2): (w, b) before training and after each step), ``loss``
        ((steps + 1,): the loss on all ten points at each point of the path), ``gradients``
        ((steps, 2): dL/dw and dL/db used by each step, on that step's batch),
        ``learning_rate``, ``critical_learning_rate``, ``minimum`` (the best (w, b)),
        ``min_loss`` and ``converges`` (True when eta is below the critical learning rate: for
        gradient descent, whether the path converges).

    Examples
    --------
    >>> result = descent_path(0.3, 50)
    >>> result["path"].shape, bool(result["loss"][-1] < result["loss"][0])
    ((51, 2), True)
    """
    learning_rate = check_positive_number(learning_rate, "learning_rate")
    steps = check_positive_int(steps, "steps")
    X, Y = descent_data()
    m = X.shape[1]
    net = descent_model(*start)
    layer = net.layers[0]
    rng = np.random.default_rng(seed)
    path, loss, gradients = [tuple(start)], [net.loss(X, Y, "squared_error")], []
    order, position = np.arange(m), m
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging path may overflow: that is the lesson
        for _ in range(steps):
            if batch_size is None:
                batch = slice(None)
            else:
                if position >= m:  # a new epoch: reshuffle
                    order, position = rng.permutation(m), 0
                batch = order[position : position + batch_size]
                position += batch_size
            _, grads = net.loss_and_gradients(X[:, batch], Y[:, batch], "squared_error")
            gradients.append((grads["W1"][0, 0], grads["b1"][0, 0]))
            if update is None:
                gradient_descent_step(net, learning_rate)
            else:
                update(net)
            path.append((layer.W[0, 0], layer.b[0, 0]))
            residual = layer.W[0, 0] * X + layer.b[0, 0] - Y
            value = 0.5 * float(np.mean(residual**2))
            loss.append(value if np.isfinite(value) else np.inf)
            if not np.isfinite(path[-1]).all():
                break
    minimum = descent_minimum()
    critical = critical_learning_rate()
    return dict(
        path=np.array(path), loss=np.array(loss), gradients=np.array(gradients), learning_rate=learning_rate,
        critical_learning_rate=critical, minimum=minimum, min_loss=descent_loss(*minimum),
        converges=learning_rate < critical,
    )


# How the path, its start and the minimum look, in the chapter's figures and in its widget alike.
PATH_STYLE = dict(linestyle="-", marker="o", color=OKABE_ITO["vermillion"], markersize=3.5, linewidth=1.4,
                  markeredgecolor="white", markeredgewidth=0.5, label="descent path")
START_STYLE = dict(linestyle="none", marker="s", color="white", markeredgecolor="black", markersize=8, label="start")
MINIMUM_STYLE = dict(linestyle="none", marker="*", color=OKABE_ITO["sky"], markeredgecolor="black", markersize=14,
                     label="minimum")


def draw_loss_surface(ax):
    """Shade ``ax`` by log10 L(w, b) over the window, with white contour lines and the axes'
    limits and labels; return the image, for a colour bar."""
    w, b, loss = loss_surface()
    log_loss = np.log10(loss)
    image = ax.imshow(log_loss, origin="lower", extent=(*W_RANGE, *B_RANGE), cmap=SEQUENTIAL_CMAP, aspect="auto",
                      interpolation="bilinear")
    ax.contour(w, b, log_loss, levels=12, colors="white", linewidths=0.5, alpha=0.6, negative_linestyles="solid")
    ax.set(xlim=W_RANGE, ylim=B_RANGE, xlabel="weight w", ylabel="bias b")
    return image


def plot_descent_on_surface(
    result: dict, ax=None, colorbar: bool = True, legend: bool = True, title: str | None = None
) -> Figure:
    """Draw the loss surface L(w, b) and one descent path from :func:`descent_path` on it.

    The surface is shaded by log10 L with white contour lines; the path is a line of dots from the
    start (white square) towards the minimum (star). A path that leaves the window is cut off at
    its edge.

    Examples
    --------
    >>> fig = plot_descent_on_surface(descent_path(0.3, 10))
    >>> fig.axes[0].get_ylabel()
    'bias b'
    """
    ax = new_axes(ax, figsize=(5.0, 4.0))
    image = draw_loss_surface(ax)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label="log₁₀ L(w, b)", shrink=0.9)
    path = result["path"]
    ax.plot(path[:, 0], path[:, 1], **PATH_STYLE)
    ax.plot(*path[0], **START_STYLE)
    ax.plot(*result["minimum"], **MINIMUM_STYLE)
    if legend:
        ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    ax.set_title(title if title is not None else f"η = {result['learning_rate']:.2f}, {len(path) - 1} steps", fontsize=10)
    return ax.figure


# The overfitting runs (chapter 9)

HIDDEN_SIZES = (1, 2, 4, 8, 16, 32)
"""The hidden-layer sizes of the runs."""

TRAIN_SIZES = (10, 20, 40, 80, 160)
"""The training-set sizes of the runs."""

EPOCHS = 300
LEARNING_RATE = 1.0
NOISE = 0.35
N_TEST = 200


def overfitting_data() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pool of training points and the fixed test set: noisy moons, shuffled.

    A training set of m points is the first m columns of the pool, so a larger training set
    contains every smaller one. The test set is drawn separately (another seed) and never
    trained on.

    Returns
    -------
    X_pool : ndarray of shape (2, 160)
    labels_pool : ndarray of shape (160,)
    X_test : ndarray of shape (2, 200)
    labels_test : ndarray of shape (200,)

    Examples
    --------
    >>> X_pool, labels_pool, X_test, labels_test = overfitting_data()
    >>> X_pool.shape, X_test.shape, int(labels_test.sum())
    ((2, 160), (2, 200), 100)
    """
    n_pool = max(TRAIN_SIZES)
    X_pool, labels_pool = moons(n_pool, noise=NOISE, seed=0)
    order = np.random.default_rng(0).permutation(n_pool)
    X_test, labels_test = moons(N_TEST, noise=NOISE, seed=1)
    return X_pool[:, order], labels_pool[order], X_test, labels_test


def _check_choice(value, choices, name: str) -> int:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(str, choices))}; got {value!r}.")
    return int(value)


@dataclass(frozen=True)
class OverfittingRun:
    """One trained network of the runs, and its loss curves."""

    net: Network
    history: History


@cache
def overfitting_run(hidden_units: int, n_train: int) -> OverfittingRun:
    """Train the 2-``hidden_units``-1 network on the first ``n_train`` points (cached).

    Examples
    --------
    >>> run = overfitting_run(4, 40)
    >>> run.net.sizes, run.history.epochs
    ([2, 4, 1], 300)
    """
    hidden_units = _check_choice(hidden_units, HIDDEN_SIZES, "hidden_units")
    n_train = _check_choice(n_train, TRAIN_SIZES, "n_train")
    X_pool, labels_pool, X_test, labels_test = overfitting_data()
    net = Network.from_sizes([2, hidden_units, 1], hidden="tanh", output="sigmoid", seed=0)
    history = train(
        net, X_pool[:, :n_train], labels_pool[:n_train].reshape(1, -1), "binary_cross_entropy",
        learning_rate=LEARNING_RATE, epochs=EPOCHS, X_test=X_test, Y_test=labels_test.reshape(1, -1),
    )
    return OverfittingRun(net, history)


def precompute_overfitting_runs() -> None:
    """Train every run once (each is cached), so that a widget showing them only looks them up.

    Examples
    --------
    >>> precompute_overfitting_runs()
    >>> overfitting_run.cache_info().currsize >= len(HIDDEN_SIZES) * len(TRAIN_SIZES)
    True
    """
    for hidden_units in HIDDEN_SIZES:
        for n_train in TRAIN_SIZES:
            overfitting_run(hidden_units, n_train)
