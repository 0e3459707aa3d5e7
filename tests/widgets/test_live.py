"""The live/static mechanism every widget uses."""

import base64
import re

import ipywidgets
import numpy as np

from nnlib.plots import new_axes
from nnlib.widgets.live import STATIC_NOTE, LiveFigure


def draw_line(slope):
    ax = new_axes(figsize=(2, 2))
    ax.plot([0, 1], [0, slope])
    return ax.figure


def make():
    return LiveFigure(draw_line, {"slope": ipywidgets.FloatSlider(value=1.0, min=-2, max=2)}, alt='A line of slope 1 & "more".')


def test_bundle_offers_the_live_widget_and_the_static_page():
    bundle = make()._repr_mimebundle_()
    assert "model_id" in bundle["application/vnd.jupyter.widget-view+json"]
    html = bundle["text/html"]
    assert 'alt="A line of slope 1 &amp; &quot;more&quot;."' in html
    assert STATIC_NOTE in html and "Binder" in STATIC_NOTE


def test_static_png_is_the_default_figure():
    live = make()
    html = live.static_html()
    data = base64.b64decode(re.search(r'base64,([^"]+)"', html).group(1))
    assert data[:4] == b"\x89PNG" and data == live.static_png


def test_moving_a_control_redraws_but_keeps_the_static_figure():
    live = make()
    first = live.image.value
    live.controls["slope"].value = -1.5
    assert live.values() == {"slope": -1.5}
    assert live.image.value != first
    assert live.static_png == first


def test_the_image_is_what_the_draw_function_returns():
    live = make()
    live.controls["slope"].value = 0.5
    from nnlib.plots import figure_to_png

    assert live.image.value == figure_to_png(draw_line(0.5), dpi=live.dpi)
    assert np.frombuffer(live.image.value, np.uint8).size > 1000


def draw_fixed_line(slope):
    ax = new_axes(figsize=(2, 2))
    ax.plot([0, 1], [0, slope])
    ax.set_ylim(-2, 2)  # the axes do not depend on the slope, so neither does the layout
    return ax.figure


def update_fixed_line(fig, slope):
    fig.axes[0].lines[0].set_ydata([0, slope])


def test_an_update_in_place_draws_what_a_new_figure_would():
    from nnlib.plots import figure_to_png

    calls = []

    def draw(slope):
        calls.append(slope)
        return draw_fixed_line(slope)

    live = LiveFigure(draw, {"slope": ipywidgets.FloatSlider(value=1.0, min=-2, max=2)}, alt="A line.", update=update_fixed_line)
    assert live.static_png == figure_to_png(draw_fixed_line(1.0), dpi=live.dpi)
    for slope in (-1.5, 0.5):
        live.controls["slope"].value = slope
        assert live.image.value == figure_to_png(draw_fixed_line(slope), dpi=live.dpi)
    assert calls == [1.0], "with an update, the figure is drawn once and then changed in place"
    assert live.static_png == figure_to_png(draw_fixed_line(1.0), dpi=live.dpi)
