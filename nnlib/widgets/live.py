"""A figure redrawn from sliders, with a playable static view for the website.

How one object serves both places
---------------------------------
:class:`LiveFigure` displays as a MIME bundle holding two views of itself:

- ``application/vnd.jupyter.widget-view+json``: the live widget. Jupyter (local, Binder, Colab)
  renders this one: sliders, and an image redrawn on every change.
- ``text/html``: a PNG of the figure for the default values, its alt text, a note on how to
  make it live, and (for a declared widget) the description the website's player needs
  (:mod:`nnlib.widgets.player`). The book's ``_config.yml`` removes the widget view from the
  HTML build's list of MIME types (``nb_mime_priority_overrides``), so the static site shows
  this one, and the player makes it playable.

In Jupyter the figure is rendered at ``scale`` (2) times its size in CSS pixels and shown at that
size, so that it is sharp on high-resolution screens and never stretched to the cell's width. It
is drawn in full once: that first picture is also the website's still picture.

How a change is redrawn quickly: blitting
-----------------------------------------
Rendering a whole figure (ticks, labels, layout) takes matplotlib 100 ms or more, yet a slider
usually moves a few lines and texts. So a widget whose ``update`` returns the artists it changes
is blitted: the rest of the figure is rendered once and its pixels kept as a background; each
change pastes the background back and draws only those artists on top of it (:class:`Blitter`).
"""

from __future__ import annotations

import base64
import functools
import html
import json
from collections.abc import Callable, Iterable

import ipywidgets
import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from ..plots import NotebookFigure, compact_png, figure_to_png, figure_to_rgba, rgba_to_png

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
        Resolution of the figure as a page shows it: its size on screen in CSS pixels is its
        size in inches times ``dpi``.
    update : callable, optional
        ``update(fig, **values)``: change the figure that ``draw`` made, in place (an image's
        data, a line's points, a text), instead of drawing a new figure on every change.

        If it returns the artists it changes (a list, the same artists at every call, with
        whatever must appear above them), each change is blitted (see :class:`Blitter`): only
        those artists are drawn again, in tens of milliseconds instead of the hundred or more
        of a full render. The rest of the figure should not depend on the values: fixed axes
        limits and ticks, fixed axes positions (no layout engine), legends and colour bars that
        do not change, or are among the artists returned (an artist may be a whole Axes). When
        the update does change another artist (a menu's new colour scale), the whole figure is
        drawn again: right, only slower. Setting an artist to the value it has is no change
        (``set_text`` and ``set_clim`` mark nothing then), but ``set_xlim`` and ``set_ylim``
        always mark one, so an update should call those only when the limits differ.

        If it returns None, the changed figure is rendered in full, keeping the layout computed
        for the first figure (the slowest part of a render); such an update should leave alone
        what the layout depends on (axes, labels, tick labels' widths, legends).
    scale : int
        Pixels per CSS pixel: the figure is rendered at ``scale * dpi`` and shown at its CSS
        size, so that it is sharp on high-resolution screens.
    player : dict, optional
        The website player's description of the widget (:func:`nnlib.widgets.player.player_spec`),
        carried in the HTML view; the book's build renders its frames.

    Examples
    --------
    >>> from nnlib.plots import new_axes
    >>> live = LiveFigure(lambda s: new_axes().figure, {"s": ipywidgets.FloatSlider(value=1.0)}, alt="An empty plot.")
    >>> live.values()
    {'s': 1.0}
    >>> sorted(live._repr_mimebundle_())
    ['application/vnd.jupyter.widget-view+json', 'text/html', 'text/plain']
    >>> live.size, live.image.layout.width
    ((450, 360), '450px')
    """

    def __init__(
        self,
        draw: Callable[..., Figure],
        controls: dict[str, ipywidgets.ValueWidget],
        alt: str,
        dpi: int = 90,
        update: Callable[..., Iterable[Artist] | None] | None = None,
        scale: int = 2,
        player: dict | None = None,
    ):
        self.draw = draw
        self.controls = controls
        self.alt = alt
        self.dpi = dpi
        self.scale = scale
        self.update = update
        self.player = player
        self._figure: Figure | None = None  # the figure updated in place, when there is an update
        self._blitter: Blitter | None = None  # set when the update returns the artists it changes
        self._first_rgba = None  # the first picture's pixels, for the website's still picture
        self.image = ipywidgets.Image(format="png")
        self.image.value = self.render()
        width, height = self.size
        self.image.layout = ipywidgets.Layout(width=f"{width}px", height=f"{height}px")
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self.widget = ipywidgets.VBox(
            [ipywidgets.HBox(list(controls.values()), layout=ipywidgets.Layout(flex_flow="row wrap")), self.image]
        )

    def values(self) -> dict:
        """The controls' current values by name."""
        return {name: control.value for name, control in self.controls.items()}

    @property
    def blits(self) -> bool:
        """Whether changes are blitted (the update returns the artists it changes)."""
        return self._blitter is not None

    def render(self) -> bytes:
        """Draw the figure for the current values and return it as PNG bytes, at ``scale * dpi``.

        The first call draws the figure, once: that picture is also the website's still picture,
        and it is sent as that compact PNG (:attr:`static_png`). A notebook keeps the first picture
        of every widget in its saved widget state, which the book's pages carry too: the compact
        one is a third to a sixth of the size, for one encoding when the widget is made.
        """
        dpi = self.scale * self.dpi
        if self._figure is None:
            fig = self._figure = self.draw(**self.values())
            self.size = tuple(int(round(n)) for n in fig.get_size_inches() * self.dpi)
            if self.update is not None:
                if fig.get_layout_engine() is not None:
                    fig.dpi = dpi  # lay it out once, at the resolution it is drawn at, then keep that layout
                    fig.draw_without_rendering()
                    fig.set_layout_engine("none")
                changing = self.update(fig, **self.values())
                if changing is not None:
                    self._blitter = Blitter(fig, changing, dpi=dpi)
            rgba = self._blitter.render_rgba() if self._blitter else figure_to_rgba(fig, dpi)
            self._first_rgba = np.array(rgba)
            return self.static_png
        if self.update is None:
            self._figure = self.draw(**self.values())
            return figure_to_png(self._figure, dpi=dpi)
        self.update(self._figure, **self.values())
        if self._blitter is None:
            return figure_to_png(self._figure, dpi=dpi)
        return self._blitter.render()

    @functools.cached_property
    def static_png(self) -> bytes:
        """The picture for the controls' initial values, as a compact PNG (:func:`~nnlib.plots.compact_png`)."""
        return compact_png(self._first_rgba, self.scale * self.dpi)

    def _on_change(self, change=None) -> None:
        self.image.value = self.render()

    def static_html(self) -> str:
        """The website's view: the default figure, its alt text, and how to make it live; with a
        player's description, the website's player (``nnlib-player.js``) turns it into a
        playable figure, and pages without JavaScript keep the still picture and the note."""
        data = base64.b64encode(self.static_png).decode("ascii")
        width, height = self.size
        spec = ""
        if self.player is not None:
            text = json.dumps(self.player, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
            spec = f'<script type="application/json" class="nnlib-player-spec">{text}</script>'
        return (
            '<figure class="nnlib-widget-static">'
            f'<img class="nnlib-widget-frame" src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" '
            f'width="{width}" height="{height}">'
            f'<figcaption class="nnlib-widget-note">{html.escape(STATIC_NOTE)}</figcaption>'
            f"{spec}</figure>"
        )

    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/html"] = self.static_html()
        return bundle


class WidgetFigure(NotebookFigure):
    """The figure of a live widget: a :class:`~nnlib.plots.NotebookFigure` whose text is drawn
    without hinting.

    Widgets print many numbers, and drawing text is most of the time an update takes. Without
    hinting (FreeType's snapping of glyph outlines to the pixel grid), matplotlib draws text
    up to twice as fast, and at screen resolution it reads the same. Every draw of the figure,
    full or blitted, uses the settings in :attr:`rc_params`, so both give the same picture.

    Examples
    --------
    >>> fig = WidgetFigure(figsize=(2, 1))
    >>> fig.text(0.5, 0.5, "0.25").get_text(), figure_to_png(fig)[:4]
    ('0.25', b'\\x89PNG')
    """

    rc_params = {"text.hinting": "no_hinting"}
    """The matplotlib settings every draw of the figure uses."""

    def draw(self, renderer):
        with mpl.rc_context(self.rc_params):
            super().draw(renderer)

    def set(self, **properties):
        """Set several properties of the figure at once, as matplotlib's ``Artist.set`` does.

        Defined here so that matplotlib does not generate it for every widget's figure class,
        with a docstring that the API pages cannot render.
        """
        return super().set(**properties)


class Blitter:
    """Render a figure's unchanging part once, then only the artists that change.

    The changing artists are marked animated, which matplotlib's Agg renderer skips in a full
    draw; that draw is kept as the background. :meth:`render` pastes the background back, draws
    the changing artists over it in the order a full draw would (by Axes, then by zorder), and
    encodes the pixels as a PNG. The picture is the full draw's as long as nothing unchanging
    lies above a changing artist: such artists must be among the changing ones too.

    A change to any other artist marks the figure stale (animated artists do not): the
    background is then drawn again before the animated artists, which is slower but right.
    Changes that are rare (another entry of a menu) can be left to that.

    Parameters
    ----------
    fig : Figure
        Its axes positions must be final: the figure is drawn here without a layout engine.
    artists : iterable of Artist
        The artists that change (lines, texts, images, legends, or whole Axes), all in ``fig``.
    dpi : int
        Resolution of the rendered figure.

    Examples
    --------
    >>> from nnlib.plots import new_axes
    >>> ax = new_axes(figsize=(2, 2))
    >>> line, = ax.plot([0, 1], [0, 1])
    >>> blitter = Blitter(ax.figure, [line], dpi=50)
    >>> line.set_ydata([1, 0])
    >>> blitter.render()[:4]
    b'\\x89PNG'
    """

    def __init__(self, fig: Figure, artists: Iterable[Artist], dpi: int):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure = fig
        self.dpi = dpi
        self.rc_params = getattr(fig, "rc_params", {})  # a WidgetFigure's settings for drawing
        self.artists = sorted(artists, key=_draw_order)
        for artist in self.artists:
            artist.set_animated(True)
        fig.set_layout_engine("none")
        fig.dpi = dpi
        self.canvas = FigureCanvasAgg(fig)
        self.canvas.draw()  # everything but the animated artists
        self.background = self.canvas.copy_from_bbox(fig.bbox)
        self.full_draws = 1  # how many times the background was drawn

    def render(self) -> bytes:
        """The figure as it is now, as PNG bytes."""
        return rgba_to_png(self.render_rgba(), self.dpi)

    def render_rgba(self) -> memoryview:
        """The figure as it is now, as RGBA pixels (height, width, 4); valid until the next render."""
        if self.figure.stale:  # something besides the animated artists changed: draw the background again
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.figure.bbox)
            self.full_draws += 1
        else:
            self.canvas.restore_region(self.background)
        with mpl.rc_context(self.rc_params):
            for artist in self.artists:
                self.figure.draw_artist(artist)
        self.figure.stale = False  # drawing marks some artists stale (ticks place themselves): not a change
        return self.canvas.buffer_rgba()


def _draw_order(artist: Artist) -> tuple:
    """Where a full draw of the figure reaches ``artist``: the figure draws its children (Axes,
    texts) by zorder, and each Axes its own children by zorder, ties in the order they were added."""
    fig = artist.get_figure(root=True)
    fig_children = fig.get_children()
    axes = artist.axes
    if axes is None or axes is artist:  # a child of the figure itself
        return (artist.get_zorder(), fig_children.index(artist), 0, 0)
    return (axes.get_zorder(), fig_children.index(axes), artist.get_zorder(), axes.get_children().index(artist))
