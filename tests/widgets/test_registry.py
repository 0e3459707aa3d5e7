"""Every widget in the registry behaves like a course widget: static figure, alt text, live updates."""

import pytest

from nnlib.widgets import STATIC_NOTE, WIDGETS, LiveFigure


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
        options = getattr(control, "options", None)
        if options:  # a menu: pick another entry
            labels = [o[1] if isinstance(o, tuple) else o for o in options]
            control.value = next(v for v in labels if v != control.value)
        else:  # a slider: move it
            control.value = control.max if control.value != control.max else control.min
        assert live.image.value != before, f"{name}: moving {control_name} did not change the figure"
