"""Helpers for the chapter notebooks themselves, so they run the same everywhere."""

from __future__ import annotations

import numpy as np


def glue(name: str, value, display: bool = False) -> None:
    """Hand a value computed in a cell to the chapter's text, where ``{glue:text}`name``` shows it.

    In the book build this is myst-nb's ``glue``. Where myst-nb is not installed (Colab), there is
    no text to fill in, so the value is only displayed, and only if ``display`` is True. A numpy
    scalar is passed on as a plain Python number, which the text's format specs (``:.4f``) need.

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
