"""The descent explorer (chapter 8): gradient descent on a real two-parameter loss surface.

The model is one linear neuron, y_hat = w x + b, fitted with the squared-error loss to ten noisy
points of a line. It has two parameters, so its loss L(w, b) is a surface we can draw, and every
step of the descent path is nnlib's own gradient descent on that model: a forward pass, a
backward pass and ``gradient_descent_step``.

The loss is quadratic in (w, b), so its curvature is one constant matrix, the Hessian H. That
makes the fate of every learning rate predictable: gradient descent converges for
0 < eta < 2 / lambda_max(H) and diverges above it, which the chapter checks against the paths.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from .._validation import check_positive_int, check_positive_number
from ..network import Network
from ..plots import OKABE_ITO, SEQUENTIAL_CMAP
from ..training import gradient_descent_step
from .live import LiveFigure, WidgetFigure

START = (-1.0, 2.5)
"""Where every descent path starts: w = -1, b = 2.5, far from the minimum."""

W_RANGE = (-1.5, 3.5)
B_RANGE = (-3.0, 3.5)
"""The window of the (w, b) plane the explorer shows."""

MAX_STEPS = 100
"""The largest number of steps the explorer's slider offers."""


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
    """L(w, b) over the explorer's window, each value computed by nnlib's network and loss.

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


def descent_path(learning_rate: float, steps: int, start=START, batch_size: int | None = None, seed: int = 0) -> dict:
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

    Returns
    -------
    dict with keys
        ``path`` ((steps + 1, 2): (w, b) before training and after each step), ``loss``
        ((steps + 1,): the loss on all ten points at each point of the path), ``gradients``
        ((steps, 2): dL/dw and dL/db used by each step, on that step's batch),
        ``learning_rate``, ``critical_learning_rate``, ``minimum`` (the best (w, b)),
        ``min_loss`` and ``converges`` (True when eta is below the critical learning rate).

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
            gradient_descent_step(net, learning_rate)
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


# How the path, its start and the minimum look, in the chapter's figures and in the explorer alike.
PATH_STYLE = dict(linestyle="-", marker="o", color=OKABE_ITO["vermillion"], markersize=3.5, linewidth=1.4,
                  markeredgecolor="white", markeredgewidth=0.5, label="descent path")
START_STYLE = dict(linestyle="none", marker="s", color="white", markeredgecolor="black", markersize=8, label="start")
MINIMUM_STYLE = dict(linestyle="none", marker="*", color=OKABE_ITO["sky"], markeredgecolor="black", markersize=14,
                     label="minimum")


def _draw_loss_surface(ax):
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
    from ..plots import new_axes

    ax = new_axes(ax, figsize=(5.0, 4.0))
    image = _draw_loss_surface(ax)
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


LOSS_RANGE = (0.01, 100.0)
"""The loss panel's vertical range: the lowest possible loss (0.023) to far above the start's
(1.25); a diverging path leaves it through the top."""


@lru_cache(maxsize=128)
def _longest_path(learning_rate: float) -> dict:
    """:func:`descent_path` for the slider's most steps (cached: fewer steps are its beginning)."""
    return descent_path(learning_rate, MAX_STEPS)


def _explorer_path(learning_rate: float, steps: int) -> dict:
    """:func:`descent_path` (learning_rate, steps), cut from the cached longest path when steps fits in it."""
    steps = check_positive_int(steps, "steps")
    if steps > MAX_STEPS:
        return descent_path(learning_rate, steps)
    result = dict(_longest_path(float(learning_rate)))
    result.update(path=result["path"][: steps + 1], loss=result["loss"][: steps + 1], gradients=result["gradients"][:steps])
    return result


class DescentFigure(WidgetFigure):
    """The explorer's figure: the loss surface, the axes and the legends are made once, and
    :meth:`set_values` draws another path and loss curve.

    The loss panel has fixed ranges (steps 0 to :data:`MAX_STEPS`, losses in :data:`LOSS_RANGE`),
    so a change of the sliders never rescales it: more steps extend the curve.

    Examples
    --------
    >>> fig = DescentFigure()
    >>> changed = fig.set_values(0.62, 40)
    >>> fig.axes[1].get_title()
    'critical η = 0.565: this η diverges'
    """

    def __init__(self):
        height = 4.3
        super().__init__(figsize=(9.0, height))
        surface = self.add_axes((0.06, 0.83 / height, 0.375, 3.16 / height))
        curve = self.add_axes((0.665, 0.83 / height, 0.31, 3.16 / height))
        colorbar_axes = self.add_axes((0.45, 0.99 / height, 0.016, 2.85 / height))
        self.colorbar(_draw_loss_surface(surface), cax=colorbar_axes, label="log₁₀ L(w, b)")
        self.path = surface.plot([], [], **PATH_STYLE)[0]
        self.start = surface.plot(*START, **START_STYLE)[0]
        self.minimum = surface.plot(*descent_minimum(), **MINIMUM_STYLE)[0]
        surface.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, fontsize=8, frameon=False)
        surface.set_title(" ", fontsize=10)

        curve.axhline(descent_loss(*descent_minimum()), color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2,
                      label="lowest possible loss")
        self.curve = curve.plot([], [], "-o", color=OKABE_ITO["blue"], markersize=3, label="loss L")[0]
        curve.set_yscale("log")
        curve.set(xlim=(-2, MAX_STEPS + 2), ylim=LOSS_RANGE, xlabel="step", ylabel="loss (log scale)")
        curve.yaxis.set_minor_locator(NullLocator())  # fewer ticks: a faster redraw
        curve.grid(alpha=0.3)
        curve.legend(handles=[self.curve, curve.lines[0]], loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8,
                     frameon=False)
        curve.set_title(" ", fontsize=10)

    def set_values(self, learning_rate: float = 0.3, steps: int = 30) -> list:
        """Show the path for these values; return the artists that change with them. Crossing
        the critical learning rate also changes the right title: the figure's other artists."""
        result = _explorer_path(learning_rate, steps)
        surface, curve = self.axes[:2]
        path, values = result["path"], result["loss"]
        self.path.set_data(path[:, 0], path[:, 1])
        finite = np.isfinite(values)
        self.curve.set_data(np.arange(len(values))[finite], values[finite])
        surface.title.set_text(f"η = {result['learning_rate']:.2f}, {len(path) - 1} steps")
        verdict = "converges" if result["converges"] else "diverges"
        title = f"critical η = {result['critical_learning_rate']:.3f}: this η {verdict}"
        curve.title.set_text(title)  # marks the figure changed (a full redraw) only when the verdict flips
        return [self.path, self.start, self.minimum, surface.title, self.curve, *surface.spines.values(),
                *curve.spines.values()]


def draw_descent_explorer(learning_rate: float = 0.3, steps: int = 30) -> Figure:
    """The explorer's figure: the descent path on the loss surface, and the loss at every step.

    Examples
    --------
    >>> fig = draw_descent_explorer(0.3, 30)
    >>> [ax.get_xlabel() for ax in fig.axes[:2]]
    ['weight w', 'step']
    """
    fig = DescentFigure()
    fig.set_values(learning_rate, steps)
    return fig


def descent_explorer(learning_rate: float = 0.3, steps: int = 30):
    """The live explorer: sliders for the learning rate and the number of steps.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    style = {"description_width": "7em"}
    controls = {
        "learning_rate": ipywidgets.FloatSlider(value=learning_rate, min=0.01, max=0.7, step=0.01, description="learning rate η",
                                                continuous_update=False, style=style),
        "steps": ipywidgets.IntSlider(value=steps, min=1, max=MAX_STEPS, description="steps", continuous_update=False,
                                      style=style),
    }
    result = descent_path(learning_rate, steps)
    alt = (
        f"Left: the loss surface of one linear neuron over its weight w and bias b, a long diagonal valley, with "
        f"the path of {steps} gradient-descent steps of learning rate {learning_rate} from w = {START[0]}, "
        f"b = {START[1]} towards the minimum. Right: the loss at every step on a log scale, falling from "
        f"{result['loss'][0]:.2f} to {result['loss'][-1]:.3g}."
    )
    return LiveFigure(draw_descent_explorer, controls, alt=alt, update=DescentFigure.set_values)
