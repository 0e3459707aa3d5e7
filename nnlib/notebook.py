"""Helpers for the chapter notebooks themselves, so they run the same everywhere."""

from __future__ import annotations

import numpy as np


def glue(name: str, value, display: bool = False) -> None:
    """Hand a value computed in a cell to the chapter's text.

    The text holds the value written out, in an HTML span that names it:
    ``<span data-glue="name:.4f">0.1235</span>``. ``make numbers`` (tools/text_numbers.py)
    writes it there from the values glued when the chapter runs, and after nbval runs the chapter
    a test checks that the text still says what the code computes (README, "Writing a chapter").

    Where myst-nb is installed (the book build, the tests) this is myst-nb's ``glue``, which sends
    the value without displaying it; elsewhere (Binder, Colab) the value is only displayed, and only
    if ``display`` is True. A numpy scalar is passed on as a plain Python number, which the text's
    format specs (``:.4f``) need.

    Examples
    --------
    >>> glue("answer", 42)
    >>> glue("rate", np.float64(0.5))
    """
    if isinstance(value, np.generic):
        value = value.item()
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        if display:
            from IPython.display import display as show

            show(value)
        return
    myst_glue(name, value, display=display)
