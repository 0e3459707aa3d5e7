"""The course's interactive widgets.

Each widget is declared once, as a :class:`~nnlib.widgets.controls.Widget`: its controls, the
experiments its chapter asks the reader to try, its figure and its alt text. In Jupyter it is
live (:class:`~nnlib.widgets.live.LiveFigure`: ipywidgets controls, the figure blitted on every
change); on the website, a player shows frames drawn by the same figure when the book was built
(:mod:`nnlib.widgets.player`), and without JavaScript the figure for the defaults.

How to write a widget, in ``nnlib/widgets/<name>.py`` (chapter 11's graph stepper and chapter 12's depth
explorer and optimiser race are recent examples):

1. ``CONTROLS``: a tuple of :class:`~nnlib.widgets.controls.Slider` and
   :class:`~nnlib.widgets.controls.Choice`, each with its name (the keyword of the functions
   below), its label as the text writes it ("learning rate η"), its range and step or its
   options, and its default.
2. ``<name>_state(**values)``: the numbers the widget shows, a plain function the tests call; it
   starts with ``check_values(CONTROLS, ...)``, which refuses values the controls do not offer.
3. A figure class (a :class:`~nnlib.widgets.live.WidgetFigure` with fixed axes) whose
   ``set_values(**values)`` shows the state and returns the artists it changed, so that the
   live widget blits.
4. ``<NAME> = Widget(name, CONTROLS, FigureClass, alt, experiments=(Experiment(...), ...))``:
   one :class:`~nnlib.widgets.controls.Experiment` per hint or exercise of the chapter, with
   where it starts and the values the website offers each control it moves (the first starts at
   the defaults). Keep the product of those values small: every setting becomes a frame of the
   website (about 10 to 20 kB each; ``tests/site`` holds each page to its budget).
5. A factory ``<name>(**values)`` returning ``<NAME>.live(**values)``, and an entry in
   :data:`WIDGETS`. The chapter shows the factory's result; the website's player is automatic.
"""

from .activation_explorer import ACTIVATION_EXPLORER, activation_explorer, activation_explorer_state, draw_activation_explorer
from .backprop_stepper import BACKPROP_STEPPER, backprop_stepper, backprop_stepper_state, draw_backprop_stepper
from .controls import Choice, Experiment, Slider, Widget, check_values
from .depth_explorer import DEPTH_EXPLORER, depth_explorer, depth_explorer_state, draw_depth_explorer
from .descent_explorer import DESCENT_EXPLORER, descent_explorer, descent_explorer_state, draw_descent_explorer
from .graph_stepper import GRAPH_STEPPER, draw_graph_stepper, graph_stepper, graph_stepper_state
from .live import STATIC_NOTE, LiveFigure
from .loss_explorer import LOSS_EXPLORER, draw_loss_explorer, loss_explorer, loss_explorer_state
from .neuron_playground import NEURON_PLAYGROUND, draw_neuron_playground, neuron_playground, neuron_playground_state
from .optimizer_race import OPTIMIZER_RACE, draw_optimizer_race, optimizer_race, optimizer_race_state
from .overfitting_explorer import OVERFITTING_EXPLORER, draw_overfitting_explorer, overfitting_explorer, overfitting_state
from .softmax_explorer import SOFTMAX_EXPLORER, draw_softmax_explorer, softmax_explorer, softmax_explorer_state
from .weight_tweaker import WEIGHT_TWEAKER, draw_weight_tweaker, weight_tweaker, weight_tweaker_state

WIDGETS: dict[str, Widget] = {
    widget.name: widget
    for widget in (
        NEURON_PLAYGROUND,  # chapter 1
        WEIGHT_TWEAKER,  # chapter 2
        ACTIVATION_EXPLORER,  # chapter 3
        LOSS_EXPLORER,  # chapter 4
        BACKPROP_STEPPER,  # chapter 5
        SOFTMAX_EXPLORER,  # chapter 6
        DESCENT_EXPLORER,  # chapter 8
        OVERFITTING_EXPLORER,  # chapter 9
        GRAPH_STEPPER,  # chapter 11
        DEPTH_EXPLORER,  # chapter 12
        OPTIMIZER_RACE,  # chapter 12
    )
}
"""Every widget of the course by name. ``WIDGETS[name]()`` is its live widget at the defaults; the
tests check each one, the benchmarks time each one, and the book's build renders each one's
frames for the website. Add new widgets here."""

__all__ = ["WIDGETS", "LiveFigure", "STATIC_NOTE", "Widget", "Slider", "Choice", "Experiment", "check_values"]
__all__ += ["neuron_playground", "neuron_playground_state", "draw_neuron_playground"]
__all__ += ["weight_tweaker", "weight_tweaker_state", "draw_weight_tweaker"]
__all__ += ["activation_explorer", "activation_explorer_state", "draw_activation_explorer"]
__all__ += ["loss_explorer", "loss_explorer_state", "draw_loss_explorer"]
__all__ += ["backprop_stepper", "backprop_stepper_state", "draw_backprop_stepper"]
__all__ += ["softmax_explorer", "softmax_explorer_state", "draw_softmax_explorer"]
__all__ += ["descent_explorer", "descent_explorer_state", "draw_descent_explorer"]
__all__ += ["overfitting_explorer", "overfitting_state", "draw_overfitting_explorer"]
__all__ += ["graph_stepper", "graph_stepper_state", "draw_graph_stepper"]
__all__ += ["depth_explorer", "depth_explorer_state", "draw_depth_explorer"]
__all__ += ["optimizer_race", "optimizer_race_state", "draw_optimizer_race"]
