"""The API page documents every public module of nnlib, found by walking the package.

A module listed with `.. automodule::` but without `:members:` shows its docstring and nothing
else, and the build does not warn; these tests catch that, and catch a new module that nobody
added to the page.
"""

import ast
import importlib
import inspect
import pkgutil

import nnlib

from .conftest import soup

LISTINGS = "nnlib.listings."
"""The files under nnlib/listings are programs that chapter 11 shows and runs (one imports PyTorch,
which the course does not install), not modules of the API: the package itself is documented."""


def public_modules() -> list[str]:
    """Every module of the nnlib package whose dotted name has no part starting with '_', except the
    program listings."""
    found = pkgutil.walk_packages(nnlib.__path__, prefix="nnlib.", onerror=lambda name: None)
    return sorted(
        info.name for info in found
        if not any(part.startswith("_") for part in info.name.split(".")) and not info.name.startswith(LISTINGS)
    )


def documented_attributes(module) -> set[str]:
    """Module-level names followed by a docstring in the source (``NAME = ...`` then ``\"\"\"...\"\"\"``),
    the data that autodoc documents."""
    body = ast.parse(inspect.getsource(module)).body
    names = set()
    for statement, following in zip(body, body[1:]):
        docstring = isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant) \
            and isinstance(following.value.value, str)
        if docstring and isinstance(statement, ast.Assign):
            names |= {target.id for target in statement.targets if isinstance(target, ast.Name)}
        elif docstring and isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
    return names


def own_members(name: str) -> set[str]:
    """The public functions and classes defined in the module itself (not imported into it), and
    its documented module-level data."""
    module = importlib.import_module(name)
    defined = {
        attr for attr, value in vars(module).items()
        if (inspect.isfunction(value) or inspect.isclass(value)) and value.__module__ == name
    }
    return {attr for attr in defined | documented_attributes(module) if not attr.startswith("_")}


def api_ids(site) -> set[str]:
    """The ids of the API page's elements: ``module-nnlib.x`` for a module, ``nnlib.x.name`` for a
    documented object (and ``nnlib.x.Class.method`` for a method)."""
    return {element["id"] for element in soup(site / "api.html").find_all(id=True)}


def test_the_walk_finds_the_modules():
    modules = public_modules()
    assert {"nnlib.losses", "nnlib.widgets.live", "nnlib.exercises.mistakes"} <= set(modules)
    assert not any("._" in name for name in modules)
    assert "nnlib.listings" in modules and not any(name.startswith(LISTINGS) for name in modules)
    assert {"sigmoid", "sigmoid_derivative"} <= own_members("nnlib.activations")
    assert "WIDGETS" in own_members("nnlib.widgets") and "LiveFigure" not in own_members("nnlib.widgets")


def test_every_public_module_is_on_the_api_page(site):
    ids = api_ids(site)
    missing = [name for name in public_modules() if f"module-{name}" not in ids]
    assert not missing, f"api.md has no `.. automodule::` for {missing}"


def test_every_public_module_documents_its_members(site):
    ids = api_ids(site)
    undocumented = [
        name for name in public_modules()
        if own_members(name) and not any(f"{name}.{member}" in ids for member in own_members(name))
    ]
    assert not undocumented, f"api.md documents no member of {undocumented}: is `:members:` missing?"
