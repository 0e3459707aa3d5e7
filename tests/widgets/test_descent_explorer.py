"""The descent explorer: its state is the valley's path, cut to the slider's steps, and it
refuses values its sliders do not offer."""

import numpy as np
import pytest

from nnlib.fixed_examples import descent_path
from nnlib.widgets.descent_explorer import descent_explorer, descent_explorer_state, draw_descent_explorer


def test_state_is_the_path_of_that_many_steps():
    state = descent_explorer_state(0.45, 17)
    direct = descent_path(0.45, 17)
    np.testing.assert_array_equal(state["path"], direct["path"])
    np.testing.assert_array_equal(state["loss"], direct["loss"])


def test_values_the_sliders_do_not_offer_are_refused():
    with pytest.raises(ValueError, match="learning_rate must lie from 0.01 to 0.7 .* got -0.1"):
        descent_explorer_state(-0.1, 10)
    with pytest.raises(ValueError, match="steps must lie from 1 to 100 .* got 1000"):
        descent_explorer_state(0.1, 1000)
    with pytest.raises(ValueError, match="steps must be a whole number"):
        descent_explorer_state(0.1, 2.5)


def test_figure_and_widget():
    fig = draw_descent_explorer(0.62, 40)
    assert "diverges" in fig.axes[-2].get_title() or "diverges" in fig.axes[1].get_title()
    live = descent_explorer()
    assert live.values() == {"learning_rate": 0.3, "steps": 30}
    assert "30 gradient-descent steps" in live.alt
    live.controls["learning_rate"].value = 0.6
    assert live.image.value != live.static_png
