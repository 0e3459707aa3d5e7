"""The course's interactive widgets.

Each widget has two parts: a plain function that turns the controls' values into numbers and a
Figure (tests call it directly), and a thin ipywidgets wrapper, :class:`~nnlib.widgets.live.LiveFigure`,
that redraws the figure when a control changes. On the static website the same function's figure
for the default values is shown, with a note on how to make it live.
"""

from .live import STATIC_NOTE, LiveFigure
from .neuron_playground import draw_neuron_playground, neuron_playground, neuron_playground_state
from .descent_explorer import descent_explorer, descent_path, draw_descent_explorer
from .overfitting_explorer import draw_overfitting_explorer, overfitting_explorer, overfitting_state

WIDGETS = {
    "neuron_playground": neuron_playground,
    "descent_explorer": descent_explorer,
    "overfitting_explorer": overfitting_explorer,
}
"""Every widget of the course by name: a function that returns its LiveFigure at the default
values. The tests check each one, and the benchmarks time each one's update; add new widgets here."""

__all__ = ["WIDGETS", "LiveFigure", "STATIC_NOTE", "neuron_playground", "neuron_playground_state", "draw_neuron_playground",
           "descent_explorer", "descent_path", "draw_descent_explorer",
           "overfitting_explorer", "overfitting_state", "draw_overfitting_explorer"]
