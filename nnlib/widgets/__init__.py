"""The course's interactive widgets.

Each widget has two parts: a plain function that turns the controls' values into numbers and a
Figure (tests call it directly), and a thin ipywidgets wrapper, :class:`~nnlib.widgets.live.LiveFigure`,
that redraws the figure when a slider moves. On the static website the same function's figure for
the default values is shown, with a note on how to make it live.
"""

from .live import LiveFigure, STATIC_NOTE
from .neuron_playground import draw_neuron_playground, neuron_playground, neuron_playground_state

__all__ = ["LiveFigure", "STATIC_NOTE", "neuron_playground", "neuron_playground_state", "draw_neuron_playground"]
