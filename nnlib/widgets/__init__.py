"""The course's interactive widgets.

Each widget has two parts: a plain function that turns the controls' values into numbers and a
Figure (tests call it directly), and a thin ipywidgets wrapper, :class:`~nnlib.widgets.live.LiveFigure`,
that redraws the figure when a control changes. On the static website the same function's figure
for the default values is shown, with a note on how to make it live.
"""

from .backprop_stepper import backprop_stepper, backprop_stepper_state, draw_backprop_stepper
from .live import STATIC_NOTE, LiveFigure
from .neuron_playground import draw_neuron_playground, neuron_playground, neuron_playground_state
from .softmax_explorer import draw_softmax_explorer, softmax_explorer, softmax_explorer_state

WIDGETS = {
    "neuron_playground": neuron_playground,
    "backprop_stepper": backprop_stepper,
    "softmax_explorer": softmax_explorer,
}
"""Every widget of the course by name: a function that returns its LiveFigure at the default
values. The tests check each one, and the benchmarks time each one's update; add new widgets here."""

__all__ = ["WIDGETS", "LiveFigure", "STATIC_NOTE", "neuron_playground", "neuron_playground_state", "draw_neuron_playground"]
__all__ += ["backprop_stepper", "backprop_stepper_state", "draw_backprop_stepper"]
__all__ += ["softmax_explorer", "softmax_explorer_state", "draw_softmax_explorer"]
