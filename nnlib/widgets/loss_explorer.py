"""The loss explorer (chapter 4): a target, a prediction, and what each loss makes of them.

For one example with one output, the target y and the prediction y_hat are sliders. The figure
shows, as functions of y_hat for the chosen y: each loss (squared error, MSE, RMSE, binary
cross-entropy), its gradient with respect to y_hat, and the gradient with respect to the logit z
when y_hat = sigmoid(z) comes out of a sigmoid unit. The last panel is the argument of chapter 4:
through a sigmoid, the squared error's gradient is (y_hat - y) y_hat (1 - y_hat), which vanishes
when y_hat is confidently wrong; the cross-entropy's is y_hat - y, which does not.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import losses
from ..plots import OKABE_ITO
from .controls import Experiment, Slider, Widget
from .live import LiveFigure, WidgetFigure

LOSS_NAMES = ("squared_error", "mse", "rmse", "binary_cross_entropy")
"""The losses the explorer shows, by their nnlib names."""

STYLES = {
    "squared_error": dict(color=OKABE_ITO["blue"], linestyle="-", marker="o"),
    "mse": dict(color=OKABE_ITO["green"], linestyle=":", marker="s"),
    "rmse": dict(color=OKABE_ITO["purple"], linestyle="-.", marker="D"),
    "binary_cross_entropy": dict(color=OKABE_ITO["vermillion"], linestyle="--", marker="^"),
}
LABELS = {"squared_error": "squared error", "mse": "MSE", "rmse": "RMSE", "binary_cross_entropy": "cross-entropy"}
Y_HAT_RANGE = (0.005, 0.995)

CONTROLS = (
    Slider("y", "target y", 0.0, 1.0, 0.05, default=1.0),
    Slider("y_hat", "prediction ŷ", 0.01, 0.99, 0.01, default=0.1),
)
"""The explorer's controls: the target and the prediction of one example with one output."""

POINTS = range(2, 10002)
"""How many points on the curves :func:`loss_explorer_state` accepts."""


def _curves(y: float, y_hat: np.ndarray) -> tuple[dict, dict]:
    """Each loss and its gradient for one example at every y_hat of a grid, written out elementwise."""
    diff = y_hat - y
    value = {
        "squared_error": 0.5 * diff**2,
        "mse": diff**2,
        "rmse": np.abs(diff),
        "binary_cross_entropy": -y * np.log(y_hat) - (1 - y) * np.log1p(-y_hat),
    }
    gradient = {
        "squared_error": diff,
        "mse": 2 * diff,
        "rmse": np.sign(diff),
        "binary_cross_entropy": diff / (y_hat * (1 - y_hat)),
    }
    return value, gradient


def loss_explorer_state(y: float = 1.0, y_hat: float = 0.1, n: int = 199) -> dict:
    """Every loss and gradient the explorer shows, for one example with one output.

    Parameters
    ----------
    y : float
        The target, in [0, 1].
    y_hat : float
        The prediction, strictly between 0 and 1 (a sigmoid's output).
    n : int
        Points on the curves.

    Returns
    -------
    dict with keys
        ``loss`` and ``gradient`` (dicts by loss name: the loss at (y_hat, y) and its derivative
        with respect to y_hat, computed by :mod:`nnlib.losses`); ``logit`` (z = log(y_hat / (1 - y_hat)),
        the pre-activation for which sigmoid(z) = y_hat); ``logit_gradient`` (dl/dz through the
        sigmoid for ``"squared_error"`` and ``"binary_cross_entropy"``); ``y_hat_grid`` (n,), and
        ``curves``, ``gradient_curves``, ``logit_gradient_curves`` (dicts by loss name, each (n,)).

    Examples
    --------
    >>> state = loss_explorer_state(y=1.0, y_hat=0.5)
    >>> state["loss"]["squared_error"], state["gradient"]["squared_error"]
    (0.125, -0.5)
    >>> state["logit_gradient"]["binary_cross_entropy"]
    -0.5
    """
    if not 0.0 <= y <= 1.0:
        raise ValueError(f"the target y must lie in [0, 1] (a probability), got {y!r}.")
    if not 0.0 < y_hat < 1.0:
        raise ValueError(f"the prediction y_hat must lie strictly between 0 and 1 (a sigmoid's output), got {y_hat!r}.")
    CONTROLS[1].check(y_hat)
    if n not in POINTS:
        raise ValueError(f"n must be a whole number from 2 to 10001; got {n!r}.")
    loss = {name: losses.get_loss(name)([[y_hat]], [[y]]) for name in LOSS_NAMES}
    gradient = {name: float(losses.get_loss(name).gradient([[y_hat]], [[y]])[0, 0]) for name in LOSS_NAMES}
    sigmoid_slope = y_hat * (1 - y_hat)
    logit_gradient = {name: gradient[name] * sigmoid_slope for name in ("squared_error", "binary_cross_entropy")}
    grid = np.linspace(*Y_HAT_RANGE, n)
    curves, gradient_curves = _curves(y, grid)
    slope_curve = grid * (1 - grid)
    return dict(
        loss=loss, gradient=gradient, logit=float(np.log(y_hat / (1 - y_hat))), logit_gradient=logit_gradient,
        y_hat_grid=grid, curves=curves, gradient_curves=gradient_curves,
        logit_gradient_curves={name: gradient_curves[name] * slope_curve for name in logit_gradient},
    )


PANELS = (
    ("loss", (-0.1, 3.0), [0, 1, 2, 3]),
    ("gradient dl/dŷ", (-5.0, 5.0), [-4, -2, 0, 2, 4]),
    ("gradient dl/dz through the sigmoid", (-1.05, 1.05), [-1, -0.5, 0, 0.5, 1]),
)
"""Each panel's title, vertical range and ticks: fixed, whatever the sliders say."""


class LossFigure(WidgetFigure):
    """The explorer's figure: three panels with fixed ranges and one legend, made once, and
    :meth:`set_values` moves the curves, the markers and the texts.

    Examples
    --------
    >>> fig = LossFigure()
    >>> changed = fig.set_values(1.0, 0.1)
    >>> [ax.texts[0].get_text() for ax in fig.axes]
    ['loss', 'gradient dl/dŷ', 'gradient dl/dz through the sigmoid']
    """

    def __init__(self):
        height = 4.5  # inches: the numbers (0.8), the axes' labels (0.6), the axes (2.4), titles and legend
        super().__init__(figsize=(11.0, height))
        axes = [self.add_axes((0.05 + 0.33 * i, 1.45 / height, 0.26, 2.4 / height)) for i in range(3)]
        self.curves, self.markers, self.off_chart = [], [], []
        for i, (ax, (title, ylim, yticks)) in enumerate(zip(axes, PANELS)):
            # a plain text title: Axes.set_title re-measures the tick labels on every draw
            ax.text(0.5, 1.03, title, transform=ax.transAxes, ha="center", va="bottom", fontsize=10)
            ax.axhline(0, color="grey", linewidth=0.6)
            names = LOSS_NAMES if i < 2 else ("squared_error", "binary_cross_entropy")  # the logit panel: two losses
            curves, markers, off_chart = {}, {}, {}
            for name in names:
                style = STYLES[name]
                curves[name] = ax.plot([], [], style["linestyle"], color=style["color"], linewidth=1.8)[0]
            for name in names:
                style = STYLES[name]
                markers[name] = ax.plot([], [], style["marker"], color=style["color"], markeredgecolor="black", markersize=7,
                                        clip_on=False)[0]
                off_chart[name] = ax.annotate("", (0, 0), xytext=(6, 0), textcoords="offset points", fontsize=8,
                                              color=style["color"])
            self.curves.append(curves)
            self.markers.append(markers)
            self.off_chart.append(off_chart)
            # fixed ticks: letting matplotlib choose them costs more than drawing the curves
            ax.set(xlim=(0, 1), ylim=ylim, xlabel="prediction ŷ", xticks=[0, 0.5, 1], yticks=yticks)
            ax.grid(alpha=0.3)
        self.target_lines = [ax.axvline(0, color="black", linewidth=1.0, linestyle=(0, (1, 3))) for ax in axes]
        self.prediction_lines = [ax.axvline(0, color="grey", linewidth=0.8) for ax in axes]
        self.target_label = axes[0].annotate("", (0, 2.75), xytext=(4, 0), textcoords="offset points", fontsize=8)
        handles = [
            Line2D([], [], linestyle=STYLES[name]["linestyle"], marker=STYLES[name]["marker"], color=STYLES[name]["color"],
                   markeredgecolor="black", linewidth=1.8, label=LABELS[name])
            for name in LOSS_NAMES
        ]
        self.legend(handles=handles, loc="upper center", ncol=4, fontsize=9, frameon=False)
        # under each panel, its numbers: the losses' names, drawn once, and their values beside them
        self.numbers = []
        for i, names in enumerate(self.curves):
            centre = 0.05 + 0.33 * i + 0.13
            self.text(centre - 0.005, 0.7 / height, "\n".join(f"{LABELS[name]}:" for name in names), ha="right", va="top",
                      fontsize=9)
            self.numbers.append(self.text(centre + 0.005, 0.7 / height, "", ha="left", va="top", fontsize=9))
        self.where = self.text(0.5, 0.75 / height, "", ha="center", va="bottom", fontsize=9)

    def set_values(self, y: float = 1.0, y_hat: float = 0.1) -> list:
        """Show the explorer for these values; return every artist that changes with them."""
        state = loss_explorer_state(y, y_hat)
        grid = state["y_hat_grid"]
        sources = [
            (state["curves"], state["loss"]),
            (state["gradient_curves"], state["gradient"]),
            (state["logit_gradient_curves"], state["logit_gradient"]),
        ]
        for i, ((_, ylim, _), (curves, points)) in enumerate(zip(PANELS, sources)):
            for name, curve in self.curves[i].items():
                curve.set_data(grid, curves[name])
                shown = min(max(points[name], ylim[0]), ylim[1])
                self.markers[i][name].set_data([y_hat], [shown])
                label = self.off_chart[i][name]
                label.set_visible(shown != points[name])  # off the chart: the marker is pinned to the edge, with its value
                label.xy = (y_hat, shown)
                label.xyann = (6, -10 if shown == ylim[1] else 4)
                label.set_text(f"{points[name]:.3g}")
        for line in self.target_lines:
            line.set_xdata([y, y])
        for line in self.prediction_lines:
            line.set_xdata([y_hat, y_hat])
        self.target_label.xy = (y, 2.75)
        self.target_label.xyann = (-4 if y > 0.5 else 4, 0)
        self.target_label.set_horizontalalignment("right" if y > 0.5 else "left")
        self.target_label.set_text(f"target y = {y:g}")
        for numbers, curves, (_, points) in zip(self.numbers, self.curves, sources):
            numbers.set_text("\n".join(f"{points[name]:.4g}" for name in curves))
        self.where.set_text(f"y = {y:g}, ŷ = {y_hat:g} (z = {state['logit']:.3g}): the value of each curve at ŷ")
        changing = [*self.target_lines, *self.prediction_lines, self.target_label, *self.numbers, self.where]
        for i, ax in enumerate(self.axes):
            changing += [*self.curves[i].values(), *self.markers[i].values(), *self.off_chart[i].values(), *ax.spines.values()]
        return changing


def draw_loss_explorer(y: float = 1.0, y_hat: float = 0.1) -> Figure:
    """The explorer's figure: the losses, their gradients in y_hat, and the gradients in the logit z.

    Examples
    --------
    >>> fig = draw_loss_explorer()
    >>> [ax.texts[0].get_text() for ax in fig.axes]
    ['loss', 'gradient dl/dŷ', 'gradient dl/dz through the sigmoid']
    """
    fig = LossFigure()
    fig.set_values(y, y_hat)
    return fig


def _alt(y: float, y_hat: float) -> str:
    state = loss_explorer_state(y, y_hat)
    return (
        f"Three panels for a target y = {y:g} and a prediction ŷ = {y_hat:g}, each plotted against ŷ from 0 to 1 with the "
        "current ŷ marked. Left: squared error, MSE, RMSE and cross-entropy. Middle: their gradients with respect to ŷ. "
        "Right: the gradients with respect to the sigmoid's input z for squared error, "
        f"{state['logit_gradient']['squared_error']:.3g}, and for cross-entropy, "
        f"{state['logit_gradient']['binary_cross_entropy']:.3g}."
    )


_Y_HAT = (0.01, *CONTROLS[1].stops(0.05, 0.05, 0.95), 0.99)

LOSS_EXPLORER = Widget(
    "loss_explorer", CONTROLS, LossFigure, _alt,
    experiments=(
        Experiment("Confidently wrong", "With y = 1, slide ŷ towards 0. Cross-entropy grows without bound while squared "
                   "error stays below 1/2; in the right-hand panel the squared-error gradient sinks back to 0 while "
                   "cross-entropy's approaches -1.", moves={"y_hat": _Y_HAT}),
        Experiment("A soft target", "Set a soft target, y = 0.3. Where is each loss smallest?", start={"y": 0.3},
                   moves={"y_hat": _Y_HAT}),
        Experiment("RMSE's gradient", "Look at RMSE's gradient for one example: its size never changes, only its sign "
                   "(at ŷ = y, where RMSE has a kink, nnlib returns 0).", start={"y": 0.3},
                   moves={"y": (0.0, 0.3, 0.5, 0.7, 1.0), "y_hat": (0.1, 0.3, 0.5, 0.7, 0.9)}),
    ),
)
"""The explorer, declared once: its controls, its figure, and the experiments of chapter 4."""


def loss_explorer(**values) -> LiveFigure:
    """The live explorer: sliders for the target y and the prediction y_hat.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return LOSS_EXPLORER.live(**values)
