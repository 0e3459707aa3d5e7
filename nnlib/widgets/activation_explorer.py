"""The activation explorer (chapter 3): an activation, its derivative, and the gradient it passes back.

Pick an activation (and, for the leaky ReLU, its slope), a pre-activation z and an upstream
gradient dL/da arriving from the layers above. The figure shows f with its tangent at z, f' with
the point f'(z), and the chain rule at that unit: the gradient that flows back to z is
dL/dz = f'(z) dL/da.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..activations import get_activation, leaky_relu_activation
from ..plots import OKABE_ITO, new_figure

ELEMENTWISE = ("linear", "sigmoid", "tanh", "relu", "leaky_relu")
"""The activations the explorer offers: every elementwise one of chapter 3 (softmax is not elementwise)."""

Z_RANGE = (-6.0, 6.0)


def _activation(name: str, slope: float):
    if name not in ELEMENTWISE:
        raise ValueError(f"the explorer shows the elementwise activations {', '.join(ELEMENTWISE)}; got {name!r}.")
    return leaky_relu_activation(slope) if name == "leaky_relu" else get_activation(name)


def activation_explorer_state(activation: str = "sigmoid", z: float = 0.0, upstream: float = 1.0, slope: float = 0.01, n: int = 241) -> dict:
    """Everything the explorer shows, as numbers.

    Parameters
    ----------
    activation : str
        One of :data:`ELEMENTWISE`.
    z : float
        The pre-activation of the unit.
    upstream : float
        dL/da, the gradient of the loss with respect to the unit's output, from the layers above.
    slope : float
        The leaky ReLU's slope for z <= 0 (used by ``"leaky_relu"`` only), 0 <= slope < 1.
    n : int
        Points on the curves.

    Returns
    -------
    dict with keys
        ``z_grid`` (n,), ``f`` and ``df`` (f and f' on the grid), ``a`` (f(z)), ``local`` (f'(z)),
        ``upstream`` (dL/da) and ``downstream`` (dL/dz = f'(z) dL/da).

    Examples
    --------
    >>> state = activation_explorer_state("sigmoid", z=0.0, upstream=2.0)
    >>> state["a"], state["local"], state["downstream"]
    (0.5, 0.25, 0.5)
    """
    f = _activation(activation, slope)
    z_grid = np.linspace(*Z_RANGE, n)
    z_point = np.array([float(z)])
    local = float(f.derivative(z_point)[0])
    return dict(
        z_grid=z_grid, f=f(z_grid), df=f.derivative(z_grid), a=float(f(z_point)[0]), local=local,
        upstream=float(upstream), downstream=local * float(upstream),
    )


def draw_activation_explorer(activation: str = "sigmoid", z: float = 2.0, upstream: float = 1.0, slope: float = 0.01) -> Figure:
    """The explorer's figure: f with its tangent at z, and f' with the point f'(z).

    Examples
    --------
    >>> fig = draw_activation_explorer("tanh", z=0.0)
    >>> [ax.texts[0].get_text() for ax in fig.axes]
    ['tanh(z) and its tangent at z = 0', "tanh'(z)"]
    """
    state = activation_explorer_state(activation, z, upstream, slope)
    fig = new_figure((9.0, 3.9))
    fig.set_layout_engine("none")  # fixed positions: a layout engine would double the time of each update
    left = fig.add_axes((0.07, 0.3, 0.4, 0.58))
    right = fig.add_axes((0.57, 0.3, 0.4, 0.58))
    z_grid, blue, red = state["z_grid"], OKABE_ITO["blue"], OKABE_ITO["vermillion"]

    left.plot(z_grid, state["f"], "-", color=blue, linewidth=2, label="f(z)")
    tangent = state["a"] + state["local"] * (z_grid - z)
    near = np.abs(z_grid - z) <= 1.5
    left.plot(z_grid[near], tangent[near], ":", color="black", linewidth=1.6, label=f"tangent, slope {state['local']:.4g}")
    left.plot([z], [state["a"]], "o", color=blue, markersize=8, markeredgecolor="black")
    low, high = state["f"].min(), state["f"].max()
    pad = 0.08 * (high - low)
    left.set_ylim(low - pad, high + pad)
    _title(left, f"{activation}(z) and its tangent at z = {z:g}")
    left.legend(loc="upper left", fontsize=8)

    right.plot(z_grid, state["df"], "--", color=red, linewidth=2)
    right.plot([z], [state["local"]], "s", color=red, markersize=8, markeredgecolor="black")
    right.set_ylim(-0.08, 1.08)
    right.set_yticks([0, 0.25, 0.5, 0.75, 1])
    _title(right, f"{activation}'(z)")
    right.annotate(f"f'({z:g}) = {state['local']:.4g}", (z, state["local"]), xytext=(0, 10), textcoords="offset points",
                   ha="center", fontsize=9, bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor=red))
    for ax in (left, right):
        ax.axhline(0, color="grey", linewidth=0.6)
        ax.axvline(0, color="grey", linewidth=0.6)
        ax.axvline(z, color="grey", linewidth=0.8, linestyle="-.")
        ax.set_xlim(*Z_RANGE)
        ax.set_xticks([-6, -4, -2, 0, 2, 4, 6])  # fixed ticks are cheaper to draw than chosen ones
        ax.set_xlabel("z")
        ax.grid(alpha=0.3)

    slope_note = f"leaky ReLU slope {slope:g}" + ("" if activation == "leaky_relu" else " (used by leaky_relu only)")
    fig.text(
        0.5, 0.035,
        f"forward: a = f({z:g}) = {state['a']:.4g}      backward: dL/dz = f'(z) × dL/da = {state['local']:.4g} × {upstream:g} "
        f"= {state['downstream']:.4g}\n{slope_note}",
        ha="center", va="bottom", fontsize=10,
    )
    return fig


def _title(ax, text: str) -> None:
    """A title as plain text: Axes.set_title would re-measure the tick labels on every draw."""
    ax.text(0.5, 1.03, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=10)


def activation_explorer(activation: str = "sigmoid", z: float = 2.0, upstream: float = 1.0, slope: float = 0.01):
    """The live explorer: a menu for the activation, sliders for z, the upstream gradient and the leaky slope.

    Returns
    -------
    LiveFigure
        Display it (make it a cell's last value) to see it.
    """
    import ipywidgets as w

    from .live import LiveFigure

    style = dict(continuous_update=False, style={"description_width": "6em"})
    controls = {
        "activation": w.Dropdown(options=list(ELEMENTWISE), value=activation, description="activation f", style={"description_width": "6em"}),
        "z": w.FloatSlider(value=z, min=-6.0, max=6.0, step=0.1, description="z", **style),
        "upstream": w.FloatSlider(value=upstream, min=-2.0, max=2.0, step=0.1, description="dL/da", **style),
        "slope": w.FloatSlider(value=slope, min=0.0, max=0.9, step=0.01, description="leaky slope", **style),
    }
    state = activation_explorer_state(activation, z, upstream, slope)
    alt = (
        f"Left: the {activation} activation for z from -6 to 6, with a dot at z = {z} and the tangent there. "
        f"Right: its derivative, with a square at z = {z} where the slope is {state['local']:.4g}. "
        f"A line of text below applies the chain rule: an upstream gradient of {upstream} times that slope gives "
        f"{state['downstream']:.4g} flowing back to z."
    )
    return LiveFigure(draw_activation_explorer, controls, alt=alt)
