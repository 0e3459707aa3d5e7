"""Shared helpers for nnlib's tests."""

from pathlib import Path

import numpy as np
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def toc_entries() -> list[str]:
    """Every page of the book, from _toc.yml, as paths without extension (e.g. 'chapters/01_neuron')."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    entries = [toc["root"]]
    for part in toc.get("parts", []):
        entries += [chapter["file"] for chapter in part["chapters"]]
    return entries


@pytest.fixture
def rng():
    """A seeded generator, so every test is repeatable."""
    return np.random.default_rng(12345)


def away_from_kinks(z: np.ndarray, distance: float = 1e-3) -> np.ndarray:
    """Move entries closer than ``distance`` to 0 out to +-distance, so finite differences with
    h << distance never straddle a kink of ReLU, leaky ReLU or the step."""
    z = z.copy()
    close = np.abs(z) < distance
    z[close] = np.where(z[close] >= 0, distance, -distance)
    return z


STRICT = dict(over="raise", divide="raise", invalid="raise")
"""np.errstate settings that turn numpy's warnings into errors (underflow to 0 is fine and, as in
numpy's defaults, stays silent)."""
