"""Write the numbers that the chapters' cells compute into the chapters' text.

A number in a chapter's prose comes from its code: a cell calls ``glue("name", value)``
(``nnlib.notebook.glue``) and the text holds the value, formatted, in an HTML span that names it::

    the loss falls from <span data-glue="ch8_reg_before:.3f">0.912</span> to ...

Every Markdown renderer shows the span's text and hides its tag: the website (myst-nb),
JupyterLab and Notebook 7 (with or without jupyterlab-myst), Colab, GitHub. So a reader sees the
number before running anything, wherever the notebook is opened. (A span, not a pair of HTML
comments: in CommonMark a paragraph's line that starts with ``<!--`` ends the paragraph and makes
the rest of the line raw HTML, so a comment wrapped to the start of a line broke its paragraph,
math included; a span stays inline wherever it stands.) Nobody types it: this tool executes each
chapter, reads the values its cells glued, and writes each one into its marker, formatted with the
marker's format spec (after the colon, as in Python's ``format``; none means ``str``). It also turns
any ``{glue:text}`name:spec``` role left in a chapter into a marker, so a writer may use either.

When the code changes a number, the text must follow: after every chapter has run under nbval,
``chapters/conftest.py`` compares each marker with the value the cells glued in that run and fails
the chapter's "numbers in the text" test on any difference, naming this tool.

A few values differ from run to run: times measured on the machine, and ratios of them. The tool
runs each chapter twice, and marks a value whose text differs between the runs as such
(``<span data-glue="name:.1f" data-varies>``): the text then holds the value of the tool's second
run, and the check only requires that the chapter still glues it.

Usage::

    python tools/text_numbers.py                      # every chapter (`make numbers`)
    python tools/text_numbers.py chapters/08_*.ipynb  # some
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
GLUE_MIME = "application/papermill.record/text/plain"
"""The MIME type under which myst-nb's ``glue`` sends a value's text (its repr) without displaying it."""

ROLE = re.compile(r"\{glue:text\}`(?P<key>[A-Za-z_]\w*(?::[^`]*)?)`")
MARKER = re.compile(r'<span data-glue="(?P<key>[A-Za-z_]\w*(?::[^"]*)?)"(?P<varies> data-varies)?>(?P<text>[^<\n]*)</span>')


def marker(key: str, text: str, varies: bool = False) -> str:
    """The marked number: ``key`` is ``name`` or ``name:spec``; ``varies`` marks a value that
    differs from run to run.

    >>> marker("ch8_eta:.3f", "0.573"), marker("ch10_seconds:.1f", "0.7", varies=True)
    ('<span data-glue="ch8_eta:.3f">0.573</span>', '<span data-glue="ch10_seconds:.1f" data-varies>0.7</span>')
    """
    return f'<span data-glue="{key}"{" data-varies" if varies else ""}>{text}</span>'


def format_glued(text_plain: str, spec: str) -> str:
    """A glued value's text as the chapter shows it, with myst-nb's rules for ``{glue:text}``.

    The value is read back from its repr (so a string loses its quotes); a format spec ending in a
    float type formats it as a float, one ending in an integer type as an integer.

    >>> format_glued("0.123456", ".3f"), format_glued("42", ""), format_glued("'tanh'", ""), format_glued("7.0", "d")
    ('0.123', '42', 'tanh', '7')
    """
    try:
        value = ast.literal_eval(text_plain)
    except (SyntaxError, ValueError):
        value = text_plain
    if not spec:
        return str(value)
    kind = spec[-1]
    if kind == "s":
        value = str(value)
    elif kind in "bcdoxX":
        value = int(value)
    elif kind in "eEfFgGn%":
        value = float(value)
    return format(value, spec)


def glued_values(outputs) -> dict[str, str]:
    """The text of every value glued in a list of cell outputs, by name."""
    values = {}
    for output in outputs:
        data = output.get("data", {})
        if GLUE_MIME in data:
            values[output["metadata"]["scrapbook"]["name"]] = data[GLUE_MIME]
    return values


def split_key(key: str) -> tuple[str, str]:
    name, _, spec = key.partition(":")
    return name, spec


def fill(markdown: str, values: dict[str, str], varying: frozenset[str] = frozenset()) -> str:
    """``markdown`` with every ``{glue:text}`` role turned into a marker and every marker holding
    its value; the markers of the names in ``varying`` say that their value varies. A name that no
    cell glued raises a KeyError naming it.

    >>> fill('rate {glue:text}`eta:.2f` and <span data-glue="n">?</span>', {"eta": "0.5", "n": "3"})
    'rate <span data-glue="eta:.2f">0.50</span> and <span data-glue="n">3</span>'
    """

    def value(key: str) -> str:
        name, spec = split_key(key)
        if name not in values:
            raise KeyError(f"the text uses {name!r}, which no cell glues (glued: {', '.join(sorted(values)) or 'nothing'})")
        return format_glued(values[name], spec)

    def replace(m: re.Match) -> str:
        name, _ = split_key(m["key"])
        return marker(m["key"], value(m["key"]), varies=name in varying or bool(m.groupdict().get("varies")))

    return MARKER.sub(replace, ROLE.sub(replace, markdown))


def disagreements(markdown: str, values: dict[str, str]) -> list[str]:
    """Where the numbers marked in a chapter's text and its glued values disagree: a number that
    differs, or a name that no cell glued. Empty when they agree.

    >>> disagreements('<span data-glue="eta:.2f">0.50</span>, <span data-glue="n">4</span>', {"eta": "0.5", "n": "3"})
    ["n: the text says '4', the code computed '3'"]
    """
    problems = []
    for m in MARKER.finditer(markdown):
        name, spec = split_key(m["key"])
        if name not in values:
            problems.append(f"{name!r} is in the text but no cell glued it")
        elif m["text"] != (expected := format_glued(values[name], spec)) and not m["varies"]:
            problems.append(f"{name}: the text says {m['text']!r}, the code computed {expected!r}")
    return problems


def markdown_of(nb) -> str:
    return "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def execute(path: Path) -> dict[str, str]:
    """Run every cell of a chapter in a fresh kernel, in its folder; return the values it glued."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return glued_values(output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs)


def update(path: Path) -> bool:
    """Write the numbers into one chapter, from the second of two runs, marking the values whose
    text differed between the runs as varying; return True if its text changed."""
    first, values = execute(path), execute(path)
    varying = frozenset(name for name in values if first.get(name) != values[name])
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            filled = fill(cell.source, values, varying)
            changed |= filled != cell.source
            cell.source = filled
    if changed:
        nbformat.write(nb, path)
    return changed


def main(paths: list[str]) -> int:
    chapters = [Path(p).resolve() for p in paths] or sorted((ROOT / "chapters").glob("*.ipynb"))
    for path in chapters:
        status = "updated" if update(path) else "unchanged"
        print(f"{status}: {path.relative_to(ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
