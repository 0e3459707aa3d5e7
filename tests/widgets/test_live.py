"""The live/static mechanism every widget uses."""

import base64
import io
import re

import ipywidgets
import numpy as np

from nnlib.plots import figure_to_png, new_axes
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


def test_static_png_is_the_default_figure_at_its_natural_size():
    live = make()
    html = live.static_html()
    data = base64.b64decode(re.search(r'base64,([^"]+)"', html).group(1))
    assert data[:4] == b"\x89PNG" and data == live.static_png
    assert live.size == (180, 180)  # 2 x 2 inches at 90 CSS pixels per inch
    assert 'width="180" height="180"' in html
    close_to(live.static_png, figure_to_png(draw_line(1.0), dpi=live.scale * live.dpi))


def test_the_live_image_is_sharp_and_shown_at_its_natural_size():
    live = make()
    assert live.scale == 2 and pixels(live.image.value).shape[:2] == (360, 360)
    assert (live.image.layout.width, live.image.layout.height) == ("180px", "180px")


def test_moving_a_control_redraws_but_keeps_the_static_figure():
    live = make()
    first, still = live.image.value, live.static_png
    live.controls["slope"].value = -1.5
    assert live.values() == {"slope": -1.5}
    assert live.image.value != first
    assert live.static_png == still


def test_the_image_is_what_the_draw_function_returns():
    live = make()
    live.controls["slope"].value = 0.5
    assert live.image.value == figure_to_png(draw_line(0.5), dpi=live.scale * live.dpi)
    assert np.frombuffer(live.image.value, np.uint8).size > 1000


def draw_fixed_line(slope):
    ax = new_axes(figsize=(2, 2))
    ax.plot([0, 1], [0, slope])
    ax.set_ylim(-2, 2)  # the axes do not depend on the slope, so neither does the layout
    return ax.figure


def update_fixed_line(fig, slope):
    fig.axes[0].lines[0].set_ydata([0, slope])


def test_an_update_in_place_draws_what_a_new_figure_would():
    calls = []

    def draw(slope):
        calls.append(slope)
        return draw_fixed_line(slope)

    live = LiveFigure(draw, {"slope": ipywidgets.FloatSlider(value=1.0, min=-2, max=2)}, alt="A line.", update=update_fixed_line)
    dpi = live.scale * live.dpi
    still = live.static_png
    close_to(still, figure_to_png(draw_fixed_line(1.0), dpi=dpi))
    for slope in (-1.5, 0.5):
        live.controls["slope"].value = slope
        assert live.image.value == figure_to_png(draw_fixed_line(slope), dpi=dpi)
    assert calls == [1.0], "with an update, the figure is drawn once and then changed in place"
    assert live.static_png == still


def draw_marked_line(slope):
    ax = new_axes(figsize=(2, 2))
    ax.plot([0, 1], [0, slope], marker="o")
    ax.set_ylim(-2, 2)
    ax.set_title("slope")
    return ax.figure


def update_marked_line(fig, slope):
    """Moves the line, and returns it: the widget is then blitted."""
    line = fig.axes[0].lines[0]
    line.set_ydata([0, slope])
    return [line]


def make_blitting(calls=None):
    def draw(slope):
        if calls is not None:
            calls.append(slope)
        return draw_marked_line(slope)

    return LiveFigure(draw, {"slope": ipywidgets.FloatSlider(value=1.0, min=-2, max=2)}, alt="A line.", update=update_marked_line)


def pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"), dtype=int)


def close_to(png: bytes, expected: bytes) -> None:
    """The compact still picture is the full render within the few levels its 256 colours cost."""
    got, want = pixels(png), pixels(expected)
    assert got.shape == want.shape
    assert np.abs(got - want).max() <= 40 and np.abs(got - want).mean() < 1.0


def test_an_update_that_returns_its_artists_is_blitted_and_draws_what_a_new_figure_would():
    calls = []
    live = make_blitting(calls)
    dpi = live.scale * live.dpi
    assert live.blits
    close_to(live.static_png, figure_to_png(draw_marked_line(1.0), dpi=dpi))
    for slope in (-1.5, 0.5, 1.25):  # inside the axes: a line over the frame would be drawn over it, not under
        live.controls["slope"].value = slope
        assert np.array_equal(pixels(live.image.value), pixels(figure_to_png(draw_marked_line(slope), dpi=dpi)))
    assert calls == [1.0], "a blitting widget draws its figure once"
    assert live._blitter.full_draws == 1, "the figure is drawn in full once: the still picture is the blitter's first"


def test_a_change_outside_the_returned_artists_draws_the_background_again():
    def update(fig, slope):
        changed = update_marked_line(fig, slope)
        fig.axes[0].title.set_text(f"slope {slope:g}")  # not returned: a static artist
        return changed

    def draw(slope):
        fig = draw_marked_line(slope)
        fig.axes[0].title.set_text(f"slope {slope:g}")
        return fig

    live = LiveFigure(draw, {"slope": ipywidgets.FloatSlider(value=1.0, min=-2, max=2)}, alt="A line.", update=update)
    live.controls["slope"].value = -0.5
    assert np.array_equal(pixels(live.image.value), pixels(figure_to_png(draw(-0.5), dpi=live.scale * live.dpi)))
    assert live._blitter.full_draws == 2


def test_blitter_draws_the_animated_artists_in_the_order_a_full_draw_would():
    from nnlib.widgets.live import Blitter

    ax = new_axes(figsize=(2, 2))
    top = ax.plot([0, 1], [0, 1], zorder=3)[0]
    bottom = ax.plot([0, 1], [1, 0], zorder=1)[0]
    title = ax.figure.text(0.5, 0.9, "a figure text")
    blitter = Blitter(ax.figure, [title, top, bottom], dpi=50)
    assert blitter.artists == [bottom, top, title]
    assert all(artist.get_animated() for artist in (title, top, bottom))


def test_widget_figure_draws_its_text_with_its_own_settings():
    import matplotlib as mpl

    from nnlib.plots import NotebookFigure, figure_to_png
    from nnlib.widgets.live import WidgetFigure

    def draw(cls):
        fig = cls(figsize=(2, 1))
        fig.text(0.1, 0.4, "z = 0.1234, a = 0.5678")
        return fig

    with mpl.rc_context(WidgetFigure.rc_params):
        expected = figure_to_png(draw(NotebookFigure))
    assert figure_to_png(draw(WidgetFigure)) == expected
    assert mpl.rcParams["text.hinting"] != WidgetFigure.rc_params["text.hinting"], "the settings are the figure's alone"
