"""The chapter notebooks as committed: clean, complete, and built the same way.

nbval runs every notebook in chapters/ as a test (see pyproject.toml); these checks make sure
none is left out and that what is committed is source, not output.
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, toc_entries

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code(nb: dict) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def test_there_are_chapters():
    assert NOTEBOOKS


def test_every_notebook_is_in_the_book_and_every_entry_exists():
    listed = toc_entries()
    assert sorted(f for f in listed if f.startswith("chapters/")) == sorted(f"chapters/{p.stem}" for p in NOTEBOOKS)
    for entry in listed:
        assert any((ROOT / f"{entry}{ext}").exists() for ext in (".md", ".ipynb")), entry


def test_chapter_files_are_numbered():
    for path in NOTEBOOKS:
        assert re.fullmatch(r"(\d\d|a\d)_[a-z0-9_]+", path.stem), path.name  # chapters 01_..., appendices a1_...


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name} cell {i} holds outputs: run `make strip`"
            assert cell["execution_count"] is None, f"{path.name} cell {i} has an execution count: run `make strip`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_plain_import_and_no_path_edits(path):
    nb = load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    source = "\n".join(code(nb))
    assert "sys.path" not in source
    assert re.search(r"^import nnlib$", source, re.M), "chapters use a plain `import nnlib`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_follows_the_pattern(path):
    nb = load(path)
    text = markdown(nb)
    assert "In this chapter you will learn" in text
    assert "## Summary" in text
    exercises = re.findall(r"\{exercise\}[^\n]*\n:label: (\S+)", text)
    solutions = re.findall(r"\{solution-start\} (\S+)", text)
    assert len(exercises) >= 3, "every chapter ends with 3 or more exercises"
    assert sorted(exercises) == sorted(solutions), "every exercise has a solution"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_cell_has_alt_text_and_a_caption(path):
    for cell in load(path)["cells"]:
        options = cell.get("metadata", {}).get("mystnb", {})
        if "figure" in options or "image" in options:
            assert options.get("image", {}).get("alt", "").strip(), "".join(cell["source"])[:80]
            assert options.get("figure", {}).get("caption", "").strip(), "".join(cell["source"])[:80]


def colab_tool():
    spec = importlib.util.spec_from_file_location("colab_cell", ROOT / "tools" / "colab_cell.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_installs_nnlib_on_colab_from_the_configured_repository(path):
    tool = colab_tool()
    first = next(c for c in load(path)["cells"] if c["cell_type"] == "code")
    assert "".join(first["source"]) == tool.install_cell_source(), "run `make colab-cell`"
    assert "remove-cell" in first["metadata"].get("tags", []), "the install cell is hidden on the website"


def test_install_cell_is_a_no_op_where_nnlib_is_importable():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    calls = []
    shell.register_magic_function(lambda line: calls.append(line), magic_kind="line", magic_name="pip")
    result = shell.run_cell(colab_tool().install_cell_source())
    assert result.success and calls == []


def test_install_cell_installs_when_nnlib_is_missing(monkeypatch):
    import builtins

    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    calls = []
    shell.register_magic_function(lambda line: calls.append(line), magic_kind="line", magic_name="pip")
    real_import = builtins.__import__

    def no_nnlib(name, *args, **kwargs):
        if name == "nnlib":
            raise ModuleNotFoundError("No module named 'nnlib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_nnlib)
    result = shell.run_cell(colab_tool().install_cell_source())
    monkeypatch.undo()
    assert result.success
    repository = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    assert calls == [f'install --quiet "nnlib @ git+{repository["url"]}@{repository["branch"]}"']


# Glued values: every number `glue`d in a chapter appears in that chapter's text, and every number
# the text shows is glued there. Glue names are plain string literals, so that this check, and a
# reader looking for where a number comes from, can find each one by searching for its name.
GLUE_CALL = re.compile(r"\bglue\(")
LITERAL_GLUE_CALL = re.compile(r"\bglue\(\s*\"([A-Za-z0-9_]+)\"")
GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([^`]+)`")                    # {glue:text}`name:.4f`
GLUE_MARKER = re.compile(r'<span data-glue="([^"]+)"')                     # make numbers' form of the role
GLUE_DIRECTIVE = re.compile(r"^[`:]{3,}\{glue(?::\w+)?\}\s+(\S+)", re.M)  # ```{glue:figure} name

def glued_names(nb: dict) -> list[str]:
    return [name for source in code(nb) for name in LITERAL_GLUE_CALL.findall(source)]


def glue_references(nb: dict) -> set[str]:
    text = markdown(nb)
    roles = GLUE_ROLE.findall(text) + GLUE_MARKER.findall(text)
    names = {role.split(":")[0] for role in roles} | set(GLUE_DIRECTIVE.findall(text))
    assert not any("::" in role for role in GLUE_ROLE.findall(text)), "glue from another notebook"
    return names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_glue_names_are_string_literals(path):
    for source in code(load(path)):
        calls, literal = len(GLUE_CALL.findall(source)), len(LITERAL_GLUE_CALL.findall(source))
        assert calls == literal, (
            f"{path.name}: write every glue name as a plain string literal, glue(\"chN_name\", value), "
            f"not an f-string or a variable, in:\n{source[:300]}"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_glued_value_is_shown_in_the_text(path):
    nb = load(path)
    unused = sorted(set(glued_names(nb)) - glue_references(nb))
    assert not unused, f"{path.name} glues values its text never shows: {unused}. Use them or remove them."


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_glued_name_in_the_text_is_glued_once(path):
    nb = load(path)
    names = glued_names(nb)
    missing = sorted(glue_references(nb) - set(names))
    assert not missing, f"{path.name}: the text shows {missing}, which no cell of the chapter glues"
    twice = sorted({name for name in names if names.count(name) > 1})
    assert not twice, f"{path.name} glues {twice} more than once: which value does the text show?"


# A line of a paragraph that happens to start with "10. " or "+ " after the text was rewrapped is
# read by Markdown as a new list item: the paragraph breaks in two, and so does any maths across it.
ACCIDENTAL_LIST_ITEM = re.compile(r"^(\d+[.)]|\+)\s")
LIST_OR_CONTINUATION = re.compile(r"^(\s+\S|\s*(\d+[.)]|[-*+])\s)")


def accidental_list_items(text: str) -> list[str]:
    """Lines that start a numbered or '+' item right after a line of running text.

    >>> accidental_list_items("lower it by a factor of\\n10. Then")
    ['10. Then']
    >>> accidental_list_items("Steps:\\n\\n1. one\\n2. two")
    []
    """
    lines = text.split("\n")
    return [
        line for before, line in zip(lines, lines[1:])
        if ACCIDENTAL_LIST_ITEM.match(line) and before.strip() and not LIST_OR_CONTINUATION.match(before)
        and not before.rstrip().endswith(":")
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_paragraph_line_turns_into_a_list_item(path):
    found = [line for cell in load(path)["cells"] if cell["cell_type"] == "markdown"
             for line in accidental_list_items("".join(cell["source"]))]
    assert not found, f"{path.name}: these lines would start list items mid-paragraph; rewrap them: {found}"
