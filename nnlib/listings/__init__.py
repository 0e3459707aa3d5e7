"""Program listings that a chapter shows side by side, and runs (chapter 11).

Each listing is a Python file in this folder, split into sections by lines such as
``# %% training loop`` (the cell marker of Jupytext and of many editors). Listings of the same
program have the same sections in the same order, and :func:`side_by_side` shows them as one
table, a row per section and a column per listing, highlighted, in JupyterLab, on Colab and on
the website alike. The files are installed with nnlib, so a chapter can show them wherever it
runs; :func:`run` executes one and returns its variables.

Examples
--------
>>> [title for title, _ in sections("digits_autograd")]
['setup', 'data', 'parameters', 'training loop', 'evaluation']
"""

from __future__ import annotations

import html
import re
import runpy
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
MARKER = re.compile(r"^# %% (.+)$", re.M)


def path(name: str) -> Path:
    """The file of listing ``name``, such as ``"digits_pytorch"``.

    Examples
    --------
    >>> path("digits_pytorch").name
    'digits_pytorch.py'
    """
    file = FOLDER / f"{name}.py"
    if not name.isidentifier() or not file.is_file():
        known = sorted(p.stem for p in FOLDER.glob("*.py") if MARKER.search(p.read_text(encoding="utf-8")))
        raise ValueError(f"unknown listing {name!r}; expected one of: {', '.join(known)}.")
    return file


def sections(name: str) -> list[tuple[str, str]]:
    """The listing's sections as (title, code), without the docstring before the first one."""
    parts = MARKER.split(path(name).read_text(encoding="utf-8"))
    return [(title.strip(), code.strip("\n")) for title, code in zip(parts[1::2], parts[2::2])]


def run(name: str) -> dict:
    """Execute the listing as a program, and return its variables when it ends."""
    return runpy.run_path(str(path(name)), run_name="__main__")


class SideBySide:
    """Listings of one program in columns, section by section; displays itself in a notebook."""

    def __init__(self, names: list[str], titles: list[str]):
        self.names, self.titles = names, titles
        self.sections = [sections(name) for name in names]
        first = [title for title, _ in self.sections[0]]
        for name, parts in zip(names[1:], self.sections[1:]):
            if [title for title, _ in parts] != first:
                raise ValueError(f"listing {name!r} has the sections {[t for t, _ in parts]}, but {names[0]!r} has {first}.")

    def _repr_html_(self) -> str:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        formatter = HtmlFormatter(noclasses=True, nowrap=True)
        cell = "vertical-align:top;padding:0.25em 0.5em;border:1px solid #ddd;background:#f8f8f8"
        head = "".join(f'<th scope="col" style="padding:0.3em 0.6em">{html.escape(t)}</th>' for t in self.titles)
        groups = []  # one row group per section: its title, then the listings' code side by side
        for i, (section, _) in enumerate(self.sections[0]):
            title = (f'<tr><th scope="rowgroup" colspan="{len(self.names)}" '
                     f'style="text-align:left;padding:0.6em 0.2em 0.2em">{html.escape(section)}</th></tr>')
            codes = [highlight(parts[i][1], PythonLexer(), formatter) for parts in self.sections]
            code = "".join(f'<td style="{cell}"><pre style="margin:0;padding:0;border:none;background:none;'
                           f'line-height:1.35">{c}</pre></td>' for c in codes)
            groups.append(f"<tbody>{title}<tr>{code}</tr></tbody>")
        return (f'<div style="overflow-x:auto"><table style="border-collapse:collapse;font-size:0.74em">'
                f"<thead><tr>{head}</tr></thead>{''.join(groups)}</table></div>")

    def __repr__(self) -> str:
        lines = []
        for i, (section, _) in enumerate(self.sections[0]):
            lines.append(f"# ===== {section} =====")
            for title, parts in zip(self.titles, self.sections):
                lines += [f"# --- {title}", parts[i][1], ""]
        return "\n".join(lines).rstrip()


def side_by_side(*names: str, titles: list[str] | None = None) -> SideBySide:
    """Show listings of one program next to each other, a row per section.

    Parameters
    ----------
    *names : str
        The listings, such as ``"digits_nnlib", "digits_autograd", "digits_pytorch"``.
    titles : list of str, optional
        Column headings; by default the names.

    Examples
    --------
    >>> table = side_by_side("digits_nnlib", "digits_pytorch", titles=["nnlib", "PyTorch"])
    >>> print(repr(table).splitlines()[0])
    # ===== setup =====
    """
    titles = list(titles or names)
    if len(titles) != len(names):
        raise ValueError(f"give one title per listing: got {len(names)} listings and {len(titles)} titles.")
    return SideBySide(list(names), titles)
