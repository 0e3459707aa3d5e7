"""Every widget's declaration, and the website player built from it: the frames are the live
widget's pictures, every experiment of the chapter is playable, labels fit, and values outside
the controls are refused."""

import json
import re

import numpy as np
import pytest
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from nnlib.widgets import WIDGETS
from nnlib.widgets.controls import Choice, Slider, label_width
from nnlib.widgets.player import FRAME_DPI, player_spec, render_frames

from .test_registry import assert_same_picture

MAX_FRAMES = 200
"""A widget's frames, at most: about 10 to 20 kB each, so that a chapter stays within its page
budget (tests/site/test_player_site.py)."""


def sample(widget, count: int = 3) -> list[dict]:
    """The first frame, the last, and a few at random: settings of the controls the player offers."""
    settings = widget.frame_settings()
    rng = np.random.default_rng(len(widget.name))
    picks = {0, len(settings) - 1, *rng.integers(len(settings), size=count).tolist()}
    return [settings[i] for i in sorted(picks)]


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_each_frame_is_the_live_widgets_picture_at_the_same_values(name):
    """The player's frame and the live widget (moved to the same values, blitting as in Jupyter,
    rendered at the frames' resolution) show the same picture."""
    widget = WIDGETS[name]
    settings = sample(widget)
    live = widget.live(scale=1)
    assert live.dpi == FRAME_DPI
    for values, (_, frame) in zip(settings, render_frames(widget, settings)):
        for control_name, value in values.items():
            live.controls[control_name].value = value
        assert live.values() == values
        assert_same_picture(frame, live.image.value, f"{name}'s frame at {values}")


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_every_experiment_is_playable(name):
    """Each experiment starts inside the controls, its first starts at the defaults, each control
    it moves offers the experiment's start and at least one other value, and every setting it
    reaches is a frame of the player."""
    widget = WIDGETS[name]
    assert widget.experiments, f"{name} declares no experiment"
    assert widget.check(**widget.experiments[0].start) == widget.defaults()
    frames = {widget.frame_name(values) for values in widget.frame_settings()}
    for experiment in widget.experiments:
        start = widget.check(**experiment.start)
        assert experiment.moves, f"{name}, {experiment.title!r}: moves no control"
        for control_name, values in experiment.moves.items():
            assert len(set(values)) == len(values) >= 2, f"{name}, {experiment.title!r}: {control_name} offers {values}"
            assert start[control_name] in values, f"{name}, {experiment.title!r}: {control_name} starts off its values"
        assert {widget.frame_name(values) for values in widget.settings(experiment)} <= frames
    assert len(frames) <= MAX_FRAMES, f"{name} has {len(frames)} frames; the budget is {MAX_FRAMES}"


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_the_spec_names_the_frames_the_build_renders(name):
    """The player joins the tokens of the spec into file names: those are the frames' names."""
    widget = WIDGETS[name]
    spec = json.loads(json.dumps(player_spec(widget)))  # plain data, as the page carries it
    assert [c["name"] for c in spec["controls"]] == [c.name for c in widget.controls]
    for experiment, declared in zip(spec["experiments"], widget.experiments):
        tokens = {name: pair[0] for name, pair in experiment["start"].items()}
        first = {name: pairs[0][0] for name, pairs in experiment["moves"].items()}
        file_name = "_".join({**tokens, **first}[c["name"]] for c in spec["controls"]) + ".png"
        start = widget.check(**declared.start)
        expected = widget.frame_name({**start, **{k: v[0] for k, v in declared.moves.items()}})
        assert file_name == expected
    assert "Binder" in spec["note"]


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_the_website_view_carries_the_spec(name):
    html = WIDGETS[name]()._repr_mimebundle_()["text/html"]
    text = re.search(r'<script type="application/json" class="nnlib-player-spec">(.*?)</script>', html, re.S).group(1)
    assert json.loads(text)["widget"] == name


def text_width_em(label: str) -> float:
    """The label's width in em, in DejaVu Sans (wider than the fonts Jupyter uses)."""
    width, _, _ = TextToPath().get_text_width_height_descent(label, FontProperties(family="DejaVu Sans", size=100), "TeX!")
    return width / 100


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_labels_fit_their_width(name):
    for control in WIDGETS[name].controls:
        widget = control.widget(control.default)
        assert widget.description == control.label
        width = float(widget.style.description_width.removesuffix("em"))
        assert width >= text_width_em(control.label) + 0.3, f"{name}: {control.label!r} is cut short at {width} em"


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_values_outside_the_controls_are_refused(name):
    widget = WIDGETS[name]
    for control in widget.controls:
        if isinstance(control, Slider):
            for outside in (control.min - control.step, control.max + control.step):
                with pytest.raises(ValueError, match=rf"{control.name} must lie from .* got"):
                    widget.check(**{control.name: outside})
        else:
            with pytest.raises(ValueError, match=rf"{control.name} must be one of"):
                widget.check(**{control.name: "none of these"})
    with pytest.raises(TypeError, match="unknown control 'nonsense'"):
        widget.check(nonsense=1)


def test_a_slider_offers_its_range_and_coarser_stops():
    b = Slider("b", "b", -20.0, 20.0, 0.5, default=-15.0)
    assert b.values()[:3] == (-20.0, -19.5, -19.0) and len(b.values()) == 81
    assert b.stops(10.0) == (-20.0, -10.0, 0.0, 10.0, 20.0)
    with pytest.raises(ValueError, match="not on the slider's steps"):
        b.stops(0.75)
    assert [b.text(v) for v in (-15.0, 2.5, -0.0)] == ["-15", "2.5", "0"]
    with pytest.raises(ValueError, match="default"):
        Slider("z", "z", 0.0, 1.0, 0.1, default=2.0)


def test_a_choice_reads_as_its_labels():
    menu = Choice("input_index", "input", (0, 1), default=1, option_labels=("x = (0, 0)", "x = (0, 1)"))
    assert menu.text(0) == "x = (0, 0)" and menu.token(1) == "1"
    assert menu.widget(1).options == (("x = (0, 0)", 0), ("x = (0, 1)", 1))
    with pytest.raises(ValueError, match="input_index must be one of 0, 1; got 2"):
        menu.check(2)


def test_label_width_grows_with_the_label():
    assert float(label_width("learning rate η")[:-2]) > float(label_width("b")[:-2])
