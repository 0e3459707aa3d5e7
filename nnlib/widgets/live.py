"""A figure redrawn from sliders, with a static fallback for the website.

How one object serves both places
---------------------------------
:class:`LiveFigure` displays as a MIME bundle holding two views of itself:

- ``application/vnd.jupyter.widget-view+json``: the live widget. Jupyter (local, Binder, Colab)
  renders this one: sliders, and an image redrawn on every change.
- ``text/html``: a PNG of the figure for the default values, its alt text, and a note on how to
  make it live. The book's ``_config.yml`` removes the widget view from the HTML build's list
  of MIME types (``nb_mime_priority_overrides``), so the static site shows this one.
"""

from __future__ import annotations

import base64
import html
from typing import Callable

import ipywidgets
from matplotlib.figure import Figure

from ..plots import figure_to_png

STATIC_NOTE = (
    "This is a static picture for the default settings. To move the sliders, run this chapter as "
    "a notebook: launch it on Binder or Colab with the rocket button at the top of the page, or "
    "open it in JupyterLab on your own machine (see the README)."
)


class LiveFigure:
    """Controls wired to a drawing function, shown as a live widget or as a static figure.

    Parameters
    ----------
    draw : callable
        ``draw(**values) -> Figure``, where ``values`` maps each control's name to its value.
    controls : dict of str to ipywidgets.ValueWidget
        Keyword name -> control. The control's initial value is the default that the static
        figure shows.
    alt : str
        Alt text for the static figure: what it shows, for readers who cannot see it.
    dpi : int
        Resolution of the rendered figure.
    update : callable, optional
        ``update(fig, **values)``: change the figure that ``draw`` made, in place (an image's
        data, a line's points, a text), instead of drawing a new figure on every change. Updates
        are then faster: no new figure is built, and the layout computed for the first figure is
        kept, so constrained layout, the slowest part of a render, runs once. An update should
        therefore leave alone what the layout depends on (axes, labels, tick labels' widths,
        legends); when a change needs a new layout, leave ``update`` out.

    Examples
    --------
    >>> from nnlib.plots import new_axes
    >>> live = LiveFigure(lambda s: new_axes().figure, {"s": ipywidgets.FloatSlider(value=1.0)}, alt="An empty plot.")
    >>> live.values()
    {'s': 1.0}
    >>> sorted(live._repr_mimebundle_())
    ['application/vnd.jupyter.widget-view+json', 'text/html', 'text/plain']
    """

    def __init__(
        self,
        draw: Callable[..., Figure],
        controls: dict[str, ipywidgets.ValueWidget],
        alt: str,
        dpi: int = 90,
        update: Callable[..., None] | None = None,
    ):
        self.draw = draw
        self.controls = controls
        self.alt = alt
        self.dpi = dpi
        self.update = update
        self._figure: Figure | None = None  # the figure updated in place, when there is an update
        self.image = ipywidgets.Image(format="png")
        self.static_png = self.render()
        self.image.value = self.static_png
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self.widget = ipywidgets.VBox(
            [ipywidgets.HBox(list(controls.values()), layout=ipywidgets.Layout(flex_flow="row wrap")), self.image]
        )

    def values(self) -> dict:
        """The controls' current values by name."""
        return {name: control.value for name, control in self.controls.items()}

    def render(self) -> bytes:
        """Draw the figure for the current values and return it as PNG bytes."""
        if self.update is None:
            return figure_to_png(self.draw(**self.values()), dpi=self.dpi)
        if self._figure is None:
            self._figure = self.draw(**self.values())
            png = figure_to_png(self._figure, dpi=self.dpi)
            if self._figure.get_layout_engine() is not None:
                self._figure.set_layout_engine("none")  # keep the layout just computed
            return png
        self.update(self._figure, **self.values())
        return figure_to_png(self._figure, dpi=self.dpi)

    def _on_change(self, change=None) -> None:
        self.image.value = self.render()

    def static_html(self) -> str:
        """The website's view: the default figure, its alt text, and how to make it live."""
        data = base64.b64encode(self.static_png).decode("ascii")
        return (
            '<figure class="nnlib-widget-static">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" style="max-width:100%">'
            f'<figcaption class="nnlib-widget-note">{html.escape(STATIC_NOTE)}</figcaption>'
            "</figure>"
        )

    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/html"] = self.static_html()
        return bundle
