"""The softmax explorer (chapter 6): logits and a temperature, the probabilities and the Jacobian.

With temperature T the probabilities are s = softmax(z / T). The figure shows s as bars and the
Jacobian ds/dz as a heatmap with its entries printed. By the chain rule through z / T,

    ds/dz = (diag(s) - s s^T) / T,

so the Jacobian keeps its properties at every temperature: symmetric, rows summing to 0, singular.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .._validation import as_array, check_positive_number
from ..plots import OKABE_ITO
from ..softmax import softmax, softmax_jacobian
from .controls import Experiment, Slider, Widget, check_values
from .live import LiveFigure, WidgetFigure

SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"
DIVERGING_CMAP = "PuOr"
"""A diverging colour map that colour-blind readers can read; the entries are printed as well."""

CONTROLS = (
    *(Slider(f"z{i}", f"z{SUBSCRIPTS[i]}", -6.0, 6.0, 0.1, default=z) for i, z in zip(range(1, 5), (2.0, 1.0, 0.1, -1.0))),
    Slider("temperature", "temperature T", 0.1, 5.0, 0.1, default=1.0),
)
"""The explorer's controls: four logits and the temperature."""


def softmax_explorer_state(z1: float = 2.0, z2: float = 1.0, z3: float = 0.1, z4: float = -1.0, temperature: float = 1.0) -> dict:
    """The probabilities and the Jacobian for four logits at a temperature.

    Parameters
    ----------
    z1, z2, z3, z4 : float
        The logits.
    temperature : float
        T > 0; s = softmax(z / T). Small T sharpens the distribution, large T flattens it.

    Returns
    -------
    dict with keys
        ``z`` (4,), ``temperature``, ``s`` (4,), ``jacobian`` (4, 4): ds/dz, ``row_sums`` (4,),
        ``eigenvalues`` (4,), ascending, ``rank`` (of the Jacobian, numpy's numerical rank: n - 1
        unless some probabilities are too small to count), ``entropy`` (in nats), ``argmax``.

    Examples
    --------
    >>> state = softmax_explorer_state(0.0, 0.0, 0.0, 0.0)
    >>> state["s"].tolist(), state["rank"]
    ([0.25, 0.25, 0.25, 0.25], 3)
    """
    z = as_array([z1, z2, z3, z4], "the logits")
    T = check_positive_number(temperature, "temperature")
    check_values(CONTROLS, z1=z1, z2=z2, z3=z3, z4=z4, temperature=temperature)
    s = softmax(z / T)
    J = softmax_jacobian(z / T) / T
    eigenvalues = np.linalg.eigvalsh(J)
    positive = s[s > 0]
    return dict(
        z=z, temperature=T, s=s, jacobian=J, row_sums=J.sum(axis=1), eigenvalues=eigenvalues,
        rank=int(np.linalg.matrix_rank(J)), entropy=float(-np.sum(positive * np.log(positive))), argmax=int(np.argmax(z)),
    )


class SoftmaxFigure(WidgetFigure):
    """The explorer's figure: axes, ticks and the heatmap's texts are made once, and
    :meth:`set_values` changes the bars, the entries and the numbers.

    Examples
    --------
    >>> fig = SoftmaxFigure()
    >>> changed = fig.set_values(temperature=2.0)
    >>> fig.axes[0].get_title()
    'probabilities s = softmax(z / T), T = 2'
    """

    def __init__(self, n: int = 4):
        super().__init__(figsize=(8.6, 3.6))
        bars_ax = self.add_axes((0.07, 0.15, 0.36, 0.72))
        heat_ax = self.add_axes((0.54, 0.15, 0.30, 0.72))
        bar_ax = self.add_axes((0.86, 0.15, 0.015, 0.72))

        self.bars = bars_ax.bar(np.arange(n), np.zeros(n), color=OKABE_ITO["blue"], edgecolor="black", width=0.65)
        self.bar_labels = [bars_ax.text(i, 0.0, "", ha="center", va="bottom", fontsize=8.5) for i in range(n)]
        bars_ax.set_ylim(0, 1.12)
        bars_ax.set_xlim(-0.5, n - 0.5)
        bars_ax.set_xticks(np.arange(n), [str(i + 1) for i in range(n)], fontsize=8.5)
        # each logit under its bar's number, as a text: a changing tick label would redraw the axis
        self.logit_labels = [
            bars_ax.text(i, -0.085, "", transform=bars_ax.get_xaxis_transform(), ha="center", va="top", fontsize=8.5)
            for i in range(n)
        ]
        bars_ax.set_ylabel("probability sᵢ")
        bars_ax.set_title(" ", fontsize=10)
        bars_ax.spines[["top", "right"]].set_visible(False)

        self.heatmap = heat_ax.imshow(np.zeros((n, n)), cmap=DIVERGING_CMAP, vmin=-0.25, vmax=0.25, interpolation="nearest")
        self.entries = np.array(
            [[heat_ax.text(j, i, "", ha="center", va="center", fontsize=8.5) for j in range(n)] for i in range(n)]
        )
        heat_ax.set_xticks(np.arange(n), [f"z{SUBSCRIPTS[j + 1]}" for j in range(n)])
        heat_ax.set_yticks(np.arange(n), [f"s{SUBSCRIPTS[i + 1]}" for i in range(n)])
        heat_ax.set_title("Jacobian ∂sᵢ/∂zⱼ (each row sums to 0)", fontsize=10)
        self.colorbar(self.heatmap, cax=bar_ax)

    def set_values(self, z1: float = 2.0, z2: float = 1.0, z3: float = 0.1, z4: float = -1.0, temperature: float = 1.0) -> list:
        """Show the explorer for these values; return the artists that change with the logits.
        The temperature also changes the colour scale: the figure's other artists."""
        state = softmax_explorer_state(z1, z2, z3, z4, temperature)
        s, J, T = state["s"], state["jacobian"], state["temperature"]
        bars_ax, heat_ax = self.axes[:2]
        for i, (bar, label, logit_label) in enumerate(zip(self.bars, self.bar_labels, self.logit_labels)):
            bar.set_height(s[i])
            label.set_y(s[i] + 0.02)
            label.set_text(f"{s[i]:.3f}")
            logit_label.set_text(f"z={state['z'][i]:.3g}")
        bars_ax.title.set_text(f"probabilities s = softmax(z / T), T = {T:.3g}")

        limit = 0.25 / T  # no entry exceeds 1/(4T): s_i (1 - s_i) and s_i s_j are at most 1/4
        self.heatmap.set_clim(-limit, limit)  # signals a change (a full redraw) only when the limits move
        self.heatmap.set_data(J)
        for (i, j), text in np.ndenumerate(self.entries):
            value = J[i, j]
            text.set_text(f"{value:+.3f}" if value == 0 or abs(value) >= 5e-4 else f"{value:+.0e}")
            text.set_color("white" if abs(value) > 0.6 * limit else "black")
        return [*self.bars, *self.bar_labels, *self.logit_labels, bars_ax.title, self.heatmap, *self.entries.ravel(),
                *bars_ax.spines.values(), *heat_ax.spines.values()]


def draw_softmax_explorer(
    z1: float = 2.0, z2: float = 1.0, z3: float = 0.1, z4: float = -1.0, temperature: float = 1.0
) -> Figure:
    """The explorer's figure: bars of the probabilities, and the Jacobian as an annotated heatmap.

    Examples
    --------
    >>> fig = draw_softmax_explorer()
    >>> fig.axes[0].get_title()
    'probabilities s = softmax(z / T), T = 1'
    """
    fig = SoftmaxFigure()
    fig.set_values(z1, z2, z3, z4, temperature)
    return fig


def _alt(z1: float, z2: float, z3: float, z4: float, temperature: float) -> str:
    state = softmax_explorer_state(z1, z2, z3, z4, temperature)
    return (
        f"Left: bars of the softmax probabilities of the logits {z1:g}, {z2:g}, {z3:g}, {z4:g} at temperature "
        f"{temperature:g}, which are " + ", ".join(f"{p:.3f}" for p in state["s"]) + ". Right: the 4 by 4 "
        "Jacobian of softmax as a heatmap with each entry printed: positive on the diagonal, negative "
        "off it, each row summing to zero."
    )


_T = CONTROLS[4]

SOFTMAX_EXPLORER = Widget(
    "softmax_explorer", CONTROLS, SoftmaxFigure, _alt,
    experiments=(
        Experiment("Shift every logit", "Add the same amount to every logit (move all four sliders by one step each): "
                   "nothing changes.", moves={"z1": (2.0, 3.0), "z2": (1.0, 2.0), "z3": (0.1, 1.1), "z4": (-1.0, 0.0)}),
        Experiment("Cold", "Lower the temperature until one bar reaches 1: the Jacobian fades to zero, the saturation of "
                   "the heatmaps above.", moves={"temperature": _T.stops(0.1, 0.1, 1.0)}),
        Experiment("Hot", "Raise the temperature to 5: the bars move towards 1/4 and the Jacobian towards "
                   "(I/4 - 11ᵀ/16)/T; its entries shrink again, because of the 1/T.",
                   moves={"temperature": _T.stops(0.5, 1.0, 5.0)}),
        Experiment("Rows sum to zero", "Whatever you do, each row of the matrix sums to zero.",
                   moves={"z1": CONTROLS[0].stops(2.0), "temperature": (0.5, 1.0, 2.0)}),
    ),
)
"""The explorer, declared once: its controls, its figure, and the experiments of chapter 6."""


def softmax_explorer(**values) -> LiveFigure:
    """The live explorer: a slider per logit and one for the temperature.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    return SOFTMAX_EXPLORER.live(**values)
