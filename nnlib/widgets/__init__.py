"""The course's interactive widgets.

Each widget has two parts: a plain function that turns the controls' values into numbers and a
Figure (tests call it directly), and a thin ipywidgets wrapper, :class:`~nnlib.widgets.live.LiveFigure`,
that redraws the figure when a control changes. On the static website the same function's figure
for the default values is shown, with a note on how to make it live.
"""

from .activation_explorer import activation_explorer, activation_explorer_state, draw_activation_explorer
from .backprop_stepper import backprop_stepper, backprop_stepper_state, draw_backprop_stepper
from .descent_explorer import descent_explorer, descent_path, draw_descent_explorer
from .live import STATIC_NOTE, LiveFigure
from .loss_explorer import draw_loss_explorer, loss_explorer, loss_explorer_state
from .neuron_playground import draw_neuron_playground, neuron_playground, neuron_playground_state
from .overfitting_explorer import draw_overfitting_explorer, overfitting_explorer, overfitting_state
from .softmax_explorer import draw_softmax_explorer, softmax_explorer, softmax_explorer_state
from .weight_tweaker import draw_weight_tweaker, weight_tweaker, weight_tweaker_state

WIDGETS = {
    "neuron_playground": neuron_playground,  # chapter 1
    "weight_tweaker": weight_tweaker,  # chapter 2
    "activation_explorer": activation_explorer,  # chapter 3
    "loss_explorer": loss_explorer,  # chapter 4
    "backprop_stepper": backprop_stepper,  # chapter 5
    "softmax_explorer": softmax_explorer,  # chapter 6
    "descent_explorer": descent_explorer,  # chapter 8
    "overfitting_explorer": overfitting_explorer,  # chapter 9
}
"""Every widget of the course by name: a function that returns its LiveFigure at the default
values. The tests check each one, and the benchmarks time each one's update; add new widgets here."""

__all__ = ["WIDGETS", "LiveFigure", "STATIC_NOTE"]
__all__ += ["neuron_playground", "neuron_playground_state", "draw_neuron_playground"]
__all__ += ["weight_tweaker", "weight_tweaker_state", "draw_weight_tweaker"]
__all__ += ["activation_explorer", "activation_explorer_state", "draw_activation_explorer"]
__all__ += ["loss_explorer", "loss_explorer_state", "draw_loss_explorer"]
__all__ += ["backprop_stepper", "backprop_stepper_state", "draw_backprop_stepper"]
__all__ += ["softmax_explorer", "softmax_explorer_state", "draw_softmax_explorer"]
__all__ += ["descent_explorer", "descent_path", "draw_descent_explorer"]
__all__ += ["overfitting_explorer", "overfitting_state", "draw_overfitting_explorer"]
