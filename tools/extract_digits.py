"""Extract the 8x8 handwritten digits into nnlib/datasets/digits.npz (run once; provenance only).

The data
--------
"Optical Recognition of Handwritten Digits", E. Alpaydin and C. Kaynak, UCI Machine Learning
Repository (1998), https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits,
doi:10.24432/C50P49, licensed under Creative Commons Attribution 4.0 (CC BY 4.0).

Each example is a 32x32 bitmap of a handwritten digit, divided into 4x4 blocks whose "on" pixels
were counted, so it is an 8x8 image of integers 0..16. scikit-learn bundles the 1797 examples of
the repository's test file (optdigits.tes) as ``sklearn.datasets.load_digits``; this script reads
them from there, once, and stores them small:

- ``X``: uint8 array of shape (64, 1797), one image per column, pixels row by row, values 0..16;
- ``labels``: uint8 array of shape (1797,), the digit 0..9 of each column.

The course does not depend on scikit-learn. The build and the tests never run this script; they
read the .npz with ``nnlib.data.load_digits``. To reproduce the file:

    python3.11 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn numpy
    /tmp/skvenv/bin/python tools/extract_digits.py
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits

OUT = Path(__file__).resolve().parents[1] / "nnlib" / "datasets" / "digits.npz"


def main() -> None:
    digits = load_digits()
    X = digits.data.T  # (64, 1797): the course stacks examples as columns
    labels = digits.target
    assert X.shape == (64, 1797) and labels.shape == (1797,)
    assert np.array_equal(X, np.round(X)) and X.min() == 0 and X.max() == 16
    assert np.array_equal(np.unique(labels), np.arange(10))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, X=X.astype(np.uint8), labels=labels.astype(np.uint8))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes): X {X.shape}, class counts {np.bincount(labels).tolist()}")


if __name__ == "__main__":
    main()
