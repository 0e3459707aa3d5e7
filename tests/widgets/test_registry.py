"""Every widget in the registry behaves like a course widget: static figure, alt text, live updates
that are blitted, and that show what the widget's plain drawing function draws."""

import io

import numpy as np
import pytest
from PIL import Image

from nnlib.plots import figure_to_png
from nnlib.widgets import STATIC_NOTE, WIDGETS, LiveFigure


def move(control) -> None:
    """Move a control: a menu to another entry, a slider to its max (or its min, if at the max)."""
    options = getattr(control, "options", None)
    if options:  # a menu: pick another entry
        labels = [o[1] if isinstance(o, tuple) else o for o in options]
        control.value = next(v for v in labels if v != control.value)
    else:  # a slider: move it
        control.value = control.max if control.value != control.max else control.min


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_widget_shows_a_static_figure_with_alt_text(name):
    live = WIDGETS[name]()
    assert isinstance(live, LiveFigure)
    html = live._repr_mimebundle_()["text/html"]
    assert html.count("<img ") == 1 and "data:image/png;base64," in html
    assert len(live.alt) > 40 and STATIC_NOTE in html


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_every_control_redraws_the_figure(name):
    live = WIDGETS[name]()
    for control_name, control in live.controls.items():
        before = live.image.value
        move(control)
        assert live.image.value != before, f"{name}: moving {control_name} did not change the figure"


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"), dtype=np.int16)


def assert_same_picture(png: bytes, expected: bytes, where: str) -> None:
    """The same size, and nearly the same pixels: antialiasing may differ a little, but hardly any
    pixel may differ clearly, and no part of the picture (no 8 x 8 tile) much."""
    got, want = pixels(png), pixels(expected)
    assert got.shape == want.shape, f"{where}: {got.shape[1]} x {got.shape[0]} pixels, expected {want.shape[1]} x {want.shape[0]}"
    difference = np.abs(got - want)
    assert difference.mean() < 1.0, f"{where}: the pixels differ by {difference.mean():.2f} on average"
    differs = difference.max(axis=2) > 40
    assert differs.mean() < 0.001, f"{where}: {differs.sum()} pixels differ clearly from a full render"
    height, width = (n - n % 8 for n in differs.shape)
    share = differs[:height, :width].reshape(height // 8, 8, width // 8, 8).mean(axis=(1, 3))
    row, column = np.unravel_index(share.argmax(), share.shape)
    assert share.max() < 0.25, (
        f"{where}: {share.max():.0%} of the pixels of the tile at x = {8 * column}, y = {8 * row} differ from a full render"
    )


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_every_widget_blits(name):
    assert WIDGETS[name]().blits, (
        f"{name}: its LiveFigure redraws the whole figure on every change; give it an update that "
        "changes the figure in place and returns the artists it changes (see nnlib.widgets.live)"
    )


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_each_update_shows_what_the_drawing_function_draws(name):
    """After each move of a control, and after a few moves at random, the live image is the full
    render of the widget's drawing function at the same values."""
    live = WIDGETS[name]()
    rng = np.random.default_rng(0)
    controls = list(live.controls.items())
    moves = controls + [controls[i] for i in rng.integers(len(controls), size=4)]
    for control_name, control in moves:
        move(control)
        expected = figure_to_png(live.draw(**live.values()), dpi=live.scale * live.dpi)
        assert_same_picture(live.image.value, expected, f"{name} at {live.values()} (after moving {control_name})")
