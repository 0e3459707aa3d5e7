"""The numbers in the chapters' text: written by tools/text_numbers.py, in spans that name them.

That each marked number is the value the chapter's code computes is checked after nbval has run
the chapter (chapters/conftest.py). Here: the tool's rules, and that the committed chapters hold
numbers, not roles that only the website can fill in.
"""

import importlib.util
import json

import pytest

from ..conftest import ROOT

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def load_tool():
    spec = importlib.util.spec_from_file_location("text_numbers", ROOT / "tools" / "text_numbers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = load_tool()


def cells(path, kind):
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == kind]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_text_holds_numbers_not_glue_roles(path):
    roles = [m[0] for text in cells(path, "markdown") for m in tool.ROLE.finditer(text)]
    assert not roles, f"{path.name}: {len(roles)} {{glue:text}} roles, which Jupyter and Colab cannot fill in: run `make numbers`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_text_quotes_no_value_that_varies_from_run_to_run(path):
    """A measured time differs on every run, so the text's copy would be another run's, not the one
    the page shows: say what the cell asserts ("many times as long") and let its output give the time."""
    varying = [m["key"] for text in cells(path, "markdown") for m in tool.MARKER.finditer(text) if m["varies"]]
    assert not varying, f"{path.name} quotes values that vary from run to run: {varying}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_marker_is_malformed(path):
    """A marker the tool's pattern misses would never be filled or checked. (That each marker names
    a value its chapter glues, and holds it, is checked after nbval runs the chapter.)"""
    for text in cells(path, "markdown"):
        opened, matched = text.count("<span data-glue="), len(tool.MARKER.findall(text))
        assert opened == matched, f"{path.name}: a glue marker is malformed in:\n{text[:300]}"


@pytest.mark.parametrize(
    ("text_plain", "spec", "shown"),
    [
        ("0.123456", ".3f", "0.123"),
        ("0.000123", ".1e", "1.2e-04"),
        ("1234567", ",", "1,234,567"),
        ("12", ".1f", "12.0"),       # an integer shown as a float
        ("7.0", "d", "7"),           # a float shown as an integer
        ("'tanh'", "", "tanh"),      # a string loses the quotes of its repr
        ("0.25", "", "0.25"),
        ("96.66666666666667", ".1f", "96.7"),
    ],
)
def test_a_glued_value_is_formatted_as_the_website_formats_glue_text(text_plain, spec, shown):
    assert tool.format_glued(text_plain, spec) == shown


def test_fill_turns_roles_into_markers_and_rewrites_stale_numbers():
    values = {"eta": "0.573", "n": "37"}
    markdown = 'at {glue:text}`eta:.2f`, after <span data-glue="n">35</span> steps'
    filled = tool.fill(markdown, values)
    assert filled == 'at <span data-glue="eta:.2f">0.57</span>, after <span data-glue="n">37</span> steps'
    assert tool.fill(filled, values) == filled
    assert tool.disagreements(filled, values) == []


def test_a_stale_number_and_an_unknown_name_are_reported():
    markdown = '<span data-glue="eta:.2f">0.60</span> and <span data-glue="gone">1</span>'
    problems = tool.disagreements(markdown, {"eta": "0.573"})
    assert problems == ["eta: the text says '0.60', the code computed '0.57'", "'gone' is in the text but no cell glued it"]


def test_fill_names_a_value_no_cell_glued():
    with pytest.raises(KeyError, match="'missing'"):
        tool.fill("{glue:text}`missing:.2f`", {"eta": "0.5"})


def test_glued_values_are_read_from_what_the_course_glue_sends():
    """The course's glue (myst-nb's, where installed) sends the value's repr under a MIME type the
    tool reads back; a numpy scalar arrives as a plain number."""
    import numpy as np
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from nnlib.notebook import glue

    InteractiveShell.instance()
    with capture_output() as captured:
        glue("eta", np.float64(0.5))
        glue("name", "tanh")
    outputs = [{"output_type": "display_data", "data": o.data, "metadata": o.metadata} for o in captured.outputs]
    values = tool.glued_values(outputs)
    assert values == {"eta": "0.5", "name": "'tanh'"}
    assert tool.format_glued(values["eta"], ".2f") == "0.50" and tool.format_glued(values["name"], "") == "tanh"


def test_a_value_that_varies_from_run_to_run_keeps_its_mark_and_is_only_required_to_be_glued():
    filled = tool.fill("took {glue:text}`seconds:.1f` s", {"seconds": "0.734"}, varying=frozenset({"seconds"}))
    assert filled == 'took <span data-glue="seconds:.1f" data-varies>0.7</span> s'
    assert tool.fill(filled, {"seconds": "1.62"}) == 'took <span data-glue="seconds:.1f" data-varies>1.6</span> s'
    assert tool.disagreements(filled, {"seconds": "1.62"}) == []
    assert tool.disagreements(filled, {}) == ["'seconds' is in the text but no cell glued it"]
