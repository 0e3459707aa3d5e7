"""Remove outputs, execution counts and editor metadata from notebooks, in place.

Chapters are committed without outputs (the book build and the tests run them); run
`make strip` before committing a notebook you ran in Jupyter.
"""

import sys

import nbformat


def strip(path: str) -> bool:
    """Strip one notebook; return True if it changed."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.pop("id", None)
    nb.metadata.pop("jupytext", None)
    nb.metadata.pop("widgets", None)
    nb.nbformat_minor = 4
    after = nbformat.writes(nb)
    if after != before:
        with open(path, "w", encoding="utf-8") as f:
            f.write(after)
    return after != before


if __name__ == "__main__":
    for path in sys.argv[1:]:
        if strip(path):
            print(f"stripped {path}")
