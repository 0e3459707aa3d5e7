"""The overfitting explorer (chapter 9): model size and training-set size against the test loss.

The runs are chapter 9's fixed example (:mod:`nnlib.fixed_examples`): a 2-n_1-1 network (n_1
tanh hidden units, sigmoid output, binary cross-entropy) learns the two moons from a noisy
training set of m points, by full-batch gradient descent, and a fixed test set of 200 other
points from the same distribution measures what it learnt. The explorer shows the train and
test loss after every epoch and the final decision regions.

Training a network for every slider move would be too slow for a live figure, so every
combination of the sliders' values is trained once, when the widget is first built, and kept:
moving a slider only looks up the result and draws it.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from ..fixed_examples import EPOCHS, HIDDEN_SIZES, TRAIN_SIZES, overfitting_data, overfitting_run, precompute_overfitting_runs
from ..metrics import accuracy, predict_labels
from ..plots import CLASS_COLORS, CLASS_MARKERS, OKABE_ITO
from .controls import Choice, Experiment, Widget, check_values
from .live import LiveFigure, WidgetFigure

CONTROLS = (
    Choice("hidden_units", "hidden units n₁", HIDDEN_SIZES, default=32, menu=False),
    Choice("n_train", "training points m", TRAIN_SIZES, default=20, menu=False),
)
"""The explorer's controls: the size of the hidden layer and of the training set, each a slider over the runs' values."""


def overfitting_state(hidden_units: int = 32, n_train: int = 20) -> dict:
    """Everything the explorer shows for one setting, as numbers.

    Returns
    -------
    dict with keys
        ``train_loss`` and ``test_loss`` (arrays of EPOCHS + 1 values, entry 0 before training),
        ``best_epoch`` (the epoch of the lowest test loss), ``gap`` (final test loss minus final
        train loss: the generalisation gap), ``train_accuracy`` and ``test_accuracy`` of the final
        network, ``n_parameters``, ``net`` (the trained network), ``X_train``, ``labels_train``,
        ``X_test`` and ``labels_test``.

    Examples
    --------
    >>> state = overfitting_state(32, 10)
    >>> bool(state["test_loss"][-1] > state["test_loss"][state["best_epoch"]])
    True
    """
    check_values(CONTROLS, hidden_units=hidden_units, n_train=n_train)
    run = overfitting_run(hidden_units, n_train)
    X_pool, labels_pool, X_test, labels_test = overfitting_data()
    X_train, labels_train = X_pool[:, :n_train], labels_pool[:n_train]
    train_loss, test_loss = np.array(run.history.train_loss), np.array(run.history.test_loss)
    return dict(
        train_loss=train_loss, test_loss=test_loss, best_epoch=int(np.argmin(test_loss)),
        gap=float(test_loss[-1] - train_loss[-1]),
        train_accuracy=accuracy(labels_train, predict_labels(run.net.forward(X_train))),
        test_accuracy=accuracy(labels_test, predict_labels(run.net.forward(X_test))),
        n_parameters=sum(p.size for p in run.net.parameters().values()), net=run.net,
        X_train=X_train, labels_train=labels_train, X_test=X_test, labels_test=labels_test,
    )


PLANE = ((-2.0, 3.0), (-1.6, 2.1))
"""The part of the plane the decision regions cover: (x1 range, x2 range)."""

LOSS_RANGE = (0.0, 2.6)
"""The loss panel's vertical range, the same for every setting (so that runs compare at a
glance): it takes in the highest test loss of all of them (2.46, 32 hidden units, 10 points)."""


@cache
def _predicted_regions(hidden_units: int, n_train: int) -> np.ndarray:
    """The final network's predicted class over :data:`PLANE` (70 rows along x2, 90 columns along x1), cached."""
    (x_lo, x_hi), (y_lo, y_hi) = PLANE
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 90), np.linspace(y_lo, y_hi, 70))
    net = overfitting_run(hidden_units, n_train).net
    return predict_labels(net.forward(np.stack([gx.ravel(), gy.ravel()]))).reshape(gx.shape)


class OverfittingFigure(WidgetFigure):
    """The explorer's figure: the axes, the test points and the legends are made once, and
    :meth:`set_values` shows another run's curves, decision regions and training points.

    Examples
    --------
    >>> fig = OverfittingFigure()
    >>> changed = fig.set_values(4, 160)
    >>> fig.axes[1].get_title()
    'accuracy: train 89%, test 90%'
    """

    def __init__(self):
        from matplotlib.colors import ListedColormap

        super().__init__(figsize=(9.2, 4.2))
        curves = self.add_axes((0.0622, 0.1931, 0.4012, 0.748))
        regions = self.add_axes((0.5467, 0.1931, 0.4012, 0.748))
        self.train_curve = curves.plot([], [], "-", color=OKABE_ITO["blue"], linewidth=1.8, label="train loss")[0]
        self.test_curve = curves.plot([], [], "--", color=OKABE_ITO["vermillion"], linewidth=1.8, label="test loss")[0]
        self.best = curves.plot([], [], "v", color=OKABE_ITO["vermillion"], markeredgecolor="black", markersize=8,
                                label="lowest test loss")[0]
        self.best_label = curves.annotate("", (0, 0), xytext=(7, -3), textcoords="offset points", fontsize=8, va="top")
        curves.set(xlabel="epoch", ylabel="cross-entropy loss", xlim=(-15, EPOCHS + 15), ylim=LOSS_RANGE)
        curves.grid(alpha=0.3)
        curves.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=3, frameon=False)
        curves.set_title(" ", fontsize=10)

        (x_lo, x_hi), (y_lo, y_hi) = PLANE
        self.regions = regions.imshow(
            np.zeros((2, 2)), origin="lower", extent=(x_lo, x_hi, y_lo, y_hi), cmap=ListedColormap(CLASS_COLORS[:2]),
            vmin=-0.5, vmax=1.5, alpha=0.22, aspect="auto", interpolation="nearest",
        )
        X_pool, labels_pool, X_test, labels_test = overfitting_data()
        self.test_points = [
            regions.scatter(*X_test[:, labels_test == k], s=10, marker=CLASS_MARKERS[k], facecolors="none",
                            edgecolors=CLASS_COLORS[k], linewidths=0.6, alpha=0.7, label=f"test, class {k}")
            for k in (0, 1)
        ]
        self.train_points = [
            regions.scatter([], [], s=45, marker=CLASS_MARKERS[k], c=CLASS_COLORS[k], edgecolors="black", linewidths=0.7,
                            label=f"train, class {k}", zorder=3)
            for k in (0, 1)
        ]
        regions.set(xlim=(x_lo, x_hi), ylim=(y_lo, y_hi), xlabel="$x_1$", ylabel="$x_2$")
        regions.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=4, frameon=False)
        regions.set_title(" ", fontsize=10)

    def set_values(self, hidden_units: int = 32, n_train: int = 20) -> list:
        """Show one run; return the artists that change with it."""
        state = overfitting_state(hidden_units, n_train)
        curves, regions = self.axes
        epochs = np.arange(len(state["train_loss"]))
        self.train_curve.set_data(epochs, state["train_loss"])
        self.test_curve.set_data(epochs, state["test_loss"])
        best = state["best_epoch"]
        self.best.set_data([best], [state["test_loss"][best]])
        self.best_label.xy = (best, state["test_loss"][best])
        self.best_label.set_text(f"epoch {best}")
        curves.title.set_text(f"2-{hidden_units}-1 network, {n_train} training points: gap {state['gap']:.2f}")

        self.regions.set_data(_predicted_regions(hidden_units, n_train))
        for k, points in enumerate(self.train_points):
            points.set_offsets(state["X_train"][:, state["labels_train"] == k].T)
        regions.title.set_text(f"accuracy: train {state['train_accuracy']:.0%}, test {state['test_accuracy']:.0%}")
        return [self.train_curve, self.test_curve, self.best, self.best_label, curves.title,
                *curves.spines.values(), self.regions, *self.test_points, *self.train_points, regions.title,
                *regions.spines.values()]


def draw_overfitting_explorer(hidden_units: int = 32, n_train: int = 20) -> Figure:
    """The explorer's figure: train and test loss per epoch, and the final decision regions.

    Examples
    --------
    >>> fig = draw_overfitting_explorer(4, 160)
    >>> fig.axes[0].get_xlabel(), fig.axes[1].get_xlabel()
    ('epoch', '$x_1$')
    """
    fig = OverfittingFigure()
    fig.set_values(hidden_units, n_train)
    return fig


def _alt(hidden_units: int, n_train: int) -> str:
    state = overfitting_state(hidden_units, n_train)
    return (
        f"Left: the training loss (solid) and test loss (dashed) over {EPOCHS} epochs for a 2-{hidden_units}-1 network "
        f"trained on {n_train} noisy points of two moons; the training loss falls to {state['train_loss'][-1]:.2f} while "
        f"the test loss is lowest at epoch {state['best_epoch']} ({state['test_loss'][state['best_epoch']]:.2f}) and ends "
        f"at {state['test_loss'][-1]:.2f}. Right: the final decision regions with the training points (filled) and the "
        f"200 test points (hollow)."
    )


OVERFITTING_EXPLORER = Widget(
    "overfitting_explorer", CONTROLS, OverfittingFigure, _alt,
    experiments=(
        Experiment("Any size, any data", "Move both sliders: every combination was trained when the widget was built.",
                   moves={"hidden_units": HIDDEN_SIZES, "n_train": TRAIN_SIZES}),
        Experiment("10 points, larger models", "With 10 points, grow n₁ from 1 to 32: every network fits its ten points "
                   "almost perfectly, and the test loss ends higher and higher.", start={"n_train": 10},
                   moves={"hidden_units": HIDDEN_SIZES}),
        Experiment("20 points, 1 to 4 units", "With 20 points, grow n₁ from 1 to 4: the training loss ends lower and the "
                   "test loss higher.", start={"hidden_units": 1}, moves={"hidden_units": HIDDEN_SIZES}),
        Experiment("32 units, more data", "With 32 hidden units, grow m from 10 to 160: the gap closes, and the two "
                   "curves end together.", start={"n_train": 10}, moves={"n_train": TRAIN_SIZES}),
        Experiment("One neuron", "With n₁ = 1 the network is a single neuron, one straight border: with 160 points it "
                   "underfits; with 10 points even one straight line overfits.", start={"hidden_units": 1, "n_train": 160},
                   moves={"n_train": TRAIN_SIZES}),
    ),
)
"""The explorer, declared once: its controls, its figure, and the experiments of chapter 9."""


def overfitting_explorer(**values) -> LiveFigure:
    """The live explorer: sliders for the hidden-layer size and the number of training points.

    Building it trains every combination once (a few seconds); after that each move of a
    slider only draws.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    precompute_overfitting_runs()
    return OVERFITTING_EXPLORER.live(**values)
