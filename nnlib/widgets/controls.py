"""Each widget's controls and experiments, declared once.

A widget declares its controls (name, label, range and step or options, default) and the
experiments its chapter asks the reader to try (where each starts, and which controls it moves).
Everything else is built from that one declaration:

- the live widget's ipywidgets (:meth:`Widget.live`), labelled in full;
- the checks of the widget's plain state function (:func:`check_values`): a value outside what
  a control offers is a ValueError naming the control, its range and what arrived;
- the website's player (:mod:`nnlib.widgets.player`): its HTML controls, and the frames rendered
  when the book is built, one for each setting that an experiment reaches.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import product

import ipywidgets

Value = float | int | str


def _decimals(step: float) -> int:
    """Decimal places needed to write multiples of ``step`` exactly: 0.5 -> 1, 0.01 -> 2, 5 -> 0."""
    for decimals in range(7):
        if abs(round(step, decimals) - step) < 1e-12:
            return decimals
    return 6


def label_width(label: str) -> str:
    """A CSS width that fits ``label`` in the proportional fonts of Jupyter (about 0.62 em a
    character at most, for lower-case text), so that no description is cut short.

    Examples
    --------
    >>> label_width("learning rate η")
    '9.8em'
    """
    return f"{0.62 * len(label) + 0.5:.1f}em"


@dataclass(frozen=True)
class Slider:
    """A number from ``min`` to ``max`` in steps of ``step``; whole numbers when ``integer``.

    Examples
    --------
    >>> b = Slider("b", "b", -20.0, 20.0, 0.5, default=-15.0)
    >>> b.check(-5), b.text(-5.0), len(b.values())
    (-5.0, '-5', 81)
    >>> b.stops(10.0)
    (-20.0, -10.0, 0.0, 10.0, 20.0)
    """

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float
    integer: bool = False

    def __post_init__(self):
        if not self.min <= self.default <= self.max or self.step <= 0:
            raise ValueError(f"{self.name}: the default {self.default} must lie in [{self.min}, {self.max}], with a step > 0.")

    def check(self, value) -> float | int:
        """``value`` as the control holds it, or a ValueError naming the control and its range."""
        kind = "a whole number" if self.integer else "a number"
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{self.name} must be {kind} from {self.text(self.min)} to {self.text(self.max)}; got {value!r}.")
        if self.integer and value != int(value):
            raise ValueError(f"{self.name} must be {kind} from {self.text(self.min)} to {self.text(self.max)}; got {value!r}.")
        slack = 1e-9 * (self.max - self.min)
        if not self.min - slack <= value <= self.max + slack:
            raise ValueError(f"{self.name} must lie from {self.text(self.min)} to {self.text(self.max)} "
                             f"(the range of its slider); got {value!r}.")
        return int(value) if self.integer else float(value)

    def values(self) -> tuple:
        """Every value the slider offers, from min to max."""
        return self.stops(self.step)

    def stops(self, step: float, low: float | None = None, high: float | None = None) -> tuple:
        """The values from ``low`` to ``high`` (default: the whole range) every ``step``, a
        multiple of the slider's own step: a coarser grid for the website's player."""
        low, high = self.min if low is None else low, self.max if high is None else high
        if abs(step / self.step - round(step / self.step)) > 1e-9:
            raise ValueError(f"{self.name}: stops every {step} are not on the slider's steps of {self.step}.")
        count = int(round((high - low) / step)) + 1
        decimals = _decimals(self.step)
        values = (round(low + k * step, decimals) for k in range(count))
        return tuple(self.check(int(v) if self.integer else v) for v in values)

    def text(self, value) -> str:
        """The value as the slider shows it: at most as many decimals as its step needs."""
        text = f"{float(value):.{_decimals(self.step)}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if float(text) == 0 else text  # never "-0"

    def token(self, value) -> str:
        """The value as it appears in a frame's file name."""
        return self.text(value)

    def widget(self, value) -> ipywidgets.ValueWidget:
        """An ipywidgets slider at ``value``, with its label shown in full."""
        width = label_width(self.label)
        options = dict(value=value, min=self.min, max=self.max, step=self.step, description=self.label,
                       continuous_update=False, style={"description_width": width},
                       layout=ipywidgets.Layout(width=f"calc({width} + 16em)"))
        if self.integer:
            return ipywidgets.IntSlider(**options)
        return ipywidgets.FloatSlider(readout_format=f".{_decimals(self.step)}f", **options)


@dataclass(frozen=True)
class Choice:
    """One of a few values: a menu, or (``menu=False``) a slider that stops at each in order.

    ``option_labels`` say how each option reads when it is not its own name.

    Examples
    --------
    >>> gate = Choice("gate", "gate", ("and", "or", "xor"), default="and")
    >>> gate.check("or"), gate.text("or")
    ('or', 'or')
    >>> Choice("input_index", "input", (0, 1), 1, option_labels=("x = (0, 0)", "x = (0, 1)")).text(1)
    'x = (0, 1)'
    """

    name: str
    label: str
    options: tuple
    default: Value
    option_labels: tuple[str, ...] | None = None
    menu: bool = True

    def __post_init__(self):
        if self.default not in self.options:
            raise ValueError(f"{self.name}: the default {self.default!r} is not among the options {self.options}.")
        if self.option_labels is not None and len(self.option_labels) != len(self.options):
            raise ValueError(f"{self.name}: {len(self.option_labels)} labels for {len(self.options)} options.")

    def check(self, value) -> Value:
        """``value``, or a ValueError naming the control and its options."""
        if isinstance(value, bool) or value not in self.options:
            raise ValueError(f"{self.name} must be one of {', '.join(map(str, self.options))}; got {value!r}.")
        return self.options[self.options.index(value)]

    def values(self) -> tuple:
        return self.options

    def text(self, value) -> str:
        labels = self.option_labels or tuple(map(str, self.options))
        return labels[self.options.index(value)]

    def token(self, value) -> str:
        return str(value)

    def widget(self, value) -> ipywidgets.ValueWidget:
        """An ipywidgets menu (or selection slider) at ``value``, with its label shown in full."""
        options = list(zip(self.option_labels, self.options)) if self.option_labels else list(self.options)
        width = label_width(self.label)
        kind = ipywidgets.Dropdown if self.menu else ipywidgets.SelectionSlider
        extra = {} if self.menu else dict(continuous_update=False, layout=ipywidgets.Layout(width=f"calc({width} + 16em)"))
        return kind(options=options, value=value, description=self.label, style={"description_width": width}, **extra)


Control = Slider | Choice


@dataclass(frozen=True)
class Experiment:
    """Something the chapter asks the reader to try: where it starts, and the controls it moves.

    Parameters
    ----------
    title : str
        A few words, for the website player's menu of experiments.
    hint : str
        What the chapter asks, in its words.
    moves : dict
        Each control the reader moves, and the values the website offers it (in Jupyter the
        control offers its whole range).
    start : dict
        Where the experiment starts: values that differ from the controls' defaults.
    """

    title: str
    hint: str
    moves: dict[str, tuple]
    start: dict[str, Value] = field(default_factory=dict)


def check_values(controls: Sequence[Control], **values) -> dict:
    """The values of ``controls`` by name, each checked (:meth:`Slider.check`, :meth:`Choice.check`),
    defaults filling in those not given.

    Examples
    --------
    >>> check_values([Slider("z", "z", -6.0, 6.0, 0.1, 0.0)], z=2)
    {'z': 2.0}
    >>> check_values([Slider("z", "z", -6.0, 6.0, 0.1, 0.0)], z=7.0)
    Traceback (most recent call last):
    ...
    ValueError: z must lie from -6 to 6 (the range of its slider); got 7.0.
    """
    by_name = {control.name: control for control in controls}
    unknown = sorted(set(values) - set(by_name))
    if unknown:
        raise TypeError(f"unknown control {unknown[0]!r}; the controls are {', '.join(by_name)}.")
    return {name: control.check(values.get(name, control.default)) for name, control in by_name.items()}


TOKEN = re.compile(r"[A-Za-z0-9_.\-]+")


@dataclass(frozen=True)
class Widget:
    """A widget of the course, declared once: its controls, its chapter's experiments, its
    figure and its alt text.

    Parameters
    ----------
    name : str
        Its name in :data:`nnlib.widgets.WIDGETS`.
    controls : tuple of Slider or Choice
        In the order they are shown.
    figure : callable
        ``figure()`` makes the widget's figure (a :class:`~nnlib.widgets.live.WidgetFigure`),
        whose ``set_values(**values)`` shows it for the controls' values and returns the
        artists that change (so the live widget blits).
    alt : callable
        ``alt(**values)``: alt text for the figure at those values.
    experiments : tuple of Experiment
        What the chapter asks the reader to try; the first starts at the defaults. The website's
        player offers each of them.
    """

    name: str
    controls: tuple[Control, ...]
    figure: Callable
    alt: Callable[..., str]
    experiments: tuple[Experiment, ...] = ()

    def __post_init__(self):
        for experiment in self.experiments:
            self.check(**experiment.start)
            for name, stops in experiment.moves.items():
                if not stops:
                    raise ValueError(f"{self.name}, {experiment.title!r}: no values for {name}.")
                self.check(**{name: stops[0]})
                for value in stops:
                    self.control(name).check(value)

    def control(self, name: str) -> Control:
        for control in self.controls:
            if control.name == name:
                return control
        raise KeyError(f"{self.name} has no control {name!r}; its controls are {', '.join(c.name for c in self.controls)}.")

    def defaults(self) -> dict:
        """Each control's default value, by name."""
        return {control.name: control.default for control in self.controls}

    def check(self, **values) -> dict:
        """Every control's value (defaults for those not given), checked."""
        return check_values(self.controls, **values)

    def draw(self, **values):
        """The widget's figure for these values (a new figure each call)."""
        fig = self.figure()
        fig.set_values(**self.check(**values))
        return fig

    def settings(self, experiment: Experiment) -> list[dict]:
        """Every setting of the controls that ``experiment`` reaches: its start, with the
        controls it moves set to each combination of their values. The first control of
        ``moves`` changes fastest: list first those that change the fewest artists (the
        frames are rendered in this order, and a change outside the blitted artists costs a
        full draw)."""
        start = self.check(**experiment.start)
        names = list(experiment.moves)[::-1]
        combinations = product(*(experiment.moves[name] for name in names))
        return [{**start, **dict(zip(names, combination))} for combination in combinations]

    def frame_settings(self) -> list[dict]:
        """Every setting that some experiment reaches, each once: the frames of the website's player."""
        seen, settings = set(), []
        for experiment in self.experiments:
            for values in self.settings(experiment):
                name = self.frame_name(values)
                if name not in seen:
                    seen.add(name)
                    settings.append(values)
        return settings

    def frame_name(self, values: dict) -> str:
        """The file name of the player's frame for these values: every control's token, in order.

        Examples
        --------
        >>> w = Widget("w", (Slider("z", "z", -6.0, 6.0, 0.5, 0.0), Choice("f", "f", ("tanh", "relu"), "tanh")), None, None)
        >>> w.frame_name({"z": -1.5, "f": "relu"})
        '-1.5_relu.png'
        """
        tokens = [control.token(values[control.name]) for control in self.controls]
        for token in tokens:
            if not TOKEN.fullmatch(token):
                raise ValueError(f"{self.name}: {token!r} cannot be part of a file name.")
        return "_".join(tokens) + ".png"

    def live(self, scale: int = 2, **values):
        """The live widget at these values (defaults for the others): a
        :class:`~nnlib.widgets.live.LiveFigure` whose controls come from the declaration,
        rendered at ``scale`` pixels per CSS pixel."""
        from .live import LiveFigure
        from .player import player_spec

        values = self.check(**values)
        controls = {control.name: control.widget(values[control.name]) for control in self.controls}
        figure = self.figure

        def draw(**current):
            fig = figure()
            fig.set_values(**current)
            return fig

        return LiveFigure(draw, controls, alt=self.alt(**values), update=_set_values, scale=scale, player=player_spec(self))

    def __call__(self, **values):
        return self.live(**values)


def _set_values(fig, **values):
    return fig.set_values(**values)
