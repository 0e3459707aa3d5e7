"""One more test per chapter, after nbval has run its cells: the numbers in its text are the ones
its cells computed.

The chapters' prose holds each number written out, between hidden markers that name the value a
cell glued (``tools/text_numbers.py`` writes them; see there). nbval keeps every cell's outputs, the
glued values among them, so this check reads them from the run that just happened instead of
running the chapter a second time.
"""

import importlib.util
from pathlib import Path

import nbformat
import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "text_numbers.py"


def text_numbers():
    spec = importlib.util.spec_from_file_location("text_numbers", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class NumbersInTheText(pytest.Item):
    """Compare a chapter's marked numbers with the values glued by its cells in this session."""

    def runtest(self):
        tool = text_numbers()
        cells = [item for item in self.session.items if item.parent is self.parent and item is not self]
        outputs = [output for cell in cells for output in (getattr(cell, "test_outputs", None) or [])]
        markdown = tool.markdown_of(nbformat.read(self.path, as_version=4))
        problems = tool.disagreements(markdown, tool.glued_values(outputs))
        assert not problems, (
            f"{self.path.name}: its text and its code disagree; run `make numbers` to write the computed numbers "
            "into the text:\n  " + "\n  ".join(problems)
        )

    def reportinfo(self):
        return self.path, None, f"{self.path.name}: numbers in the text"


def pytest_collection_modifyitems(session, config, items):
    """After the last cell of each notebook, the check of its numbers."""
    last_cell = {}
    for index, item in enumerate(items):
        if item.path.suffix == ".ipynb" and item.parent is not None:
            last_cell[item.parent] = index
    for notebook, index in sorted(last_cell.items(), key=lambda pair: -pair[1]):
        items.insert(index + 1, NumbersInTheText.from_parent(notebook, name="numbers in the text"))
