"""The widget player on the built website: every frame is there and is the widget's picture, the
player's script reaches the pages with a widget and only those, and each chapter page, with all
its frames, stays within its budget."""

import json
from pathlib import Path

import numpy as np
import pytest

from nnlib.widgets import WIDGETS
from nnlib.widgets.player import FRAMES_FOLDER, render_frames

from ..widgets.test_registry import assert_same_picture
from .conftest import pages, soup

PAGE_BUDGET = 3_000_000
"""Bytes a chapter page may weigh with everything it alone loads: its HTML (with the still
pictures inside), its own images, the player's script and stylesheet, and all the frames of its
widgets; the theme and MathJax, shared by every page and cached after the first, are not
counted. 3 MB is what a reader on a 10 Mbit/s line loads in under 3 seconds, and the frames, up
to 1.9 MB of it, load only when the reader first touches a widget: before that a page weighs
what it weighed without the player (the heaviest, chapter 8, 1.7 MB of HTML and figures)."""

PLAYER_FILES = ("nnlib-player.js", "nnlib-player.css")


def widgets_on(page: Path) -> list[str]:
    return [json.loads(script.get_text())["widget"] for script in soup(page).select("script.nnlib-player-spec")]


def chapter_pages(site: Path) -> list[Path]:
    return [page for page in pages(site) if page.parent.name == "chapters"]


def page_weight(site: Path, page: Path) -> dict[str, int]:
    """Bytes of what the page alone loads, by part."""
    images = {(page.parent / img["src"]).resolve() for img in soup(page).find_all("img") if not img["src"].startswith("data:")}
    parts = {"HTML": page.stat().st_size, "images": sum(path.stat().st_size for path in images if "_static" not in path.parts)}
    if widgets_on(page):
        parts["player"] = sum((site / "_static" / name).stat().st_size for name in PLAYER_FILES)
    for name in widgets_on(page):
        parts[f"frames of {name}"] = sum(path.stat().st_size for path in (site / "_static" / FRAMES_FOLDER / name).iterdir())
    return parts


def test_each_chapter_page_stays_within_its_budget(site):
    weights = {page.name: page_weight(site, page) for page in chapter_pages(site)}
    over = {name: parts for name, parts in weights.items() if sum(parts.values()) > PAGE_BUDGET}
    assert not over, "\n".join(
        f"{name}: {sum(parts.values()) / 1e6:.2f} MB > {PAGE_BUDGET / 1e6:.1f} MB ({parts})" for name, parts in over.items()
    )
    assert any("frames of neuron_playground" in parts for parts in weights.values()), "the frames were counted"


def test_every_widget_on_a_page_has_all_its_frames_and_their_alt_texts(site):
    found = {name for page in pages(site) for name in widgets_on(page)}
    assert found == set(WIDGETS), f"widgets without a page: {set(WIDGETS) - found}"
    for name in found:
        folder = site / "_static" / FRAMES_FOLDER / name
        expected = {WIDGETS[name].frame_name(values) for values in WIDGETS[name].frame_settings()}
        built = {path.name for path in folder.iterdir()}
        missing, extra = sorted(expected - built)[:5], sorted(built - expected - {"alt.js"})[:5]
        assert built == expected | {"alt.js"}, f"{name}: missing {missing}, extra {extra}"
        alts = (folder / "alt.js").read_text(encoding="utf-8")
        assert all(f'"{frame}": "' in alts for frame in expected), f"{name}: a frame without alt text"


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_built_frames_are_the_widgets_pictures(site, name):
    """Two frames of the site, chosen at random, are what the widget's figure draws at their values."""
    widget = WIDGETS[name]
    settings = widget.frame_settings()
    picks = [settings[i] for i in np.random.default_rng(0).choice(len(settings), size=2, replace=False)]
    for file_name, png in render_frames(widget, picks):
        built = (site / "_static" / FRAMES_FOLDER / name / file_name).read_bytes()
        assert_same_picture(built, png, f"{name}'s built frame {file_name}")


def test_the_player_reaches_the_pages_with_a_widget_and_only_those(site):
    for page in pages(site):
        scripts = [s.get("src", "") for s in soup(page).find_all("script")]
        has_player = any("nnlib-player.js" in src for src in scripts)
        assert has_player == bool(widgets_on(page)), f"{page.name}: player script {has_player}, widgets {widgets_on(page)}"
    for name in PLAYER_FILES:
        assert (site / "_static" / name).is_file()
