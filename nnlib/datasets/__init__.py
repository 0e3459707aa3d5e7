"""Data files that ship with nnlib; read them with the loaders in :mod:`nnlib.data`.

- ``digits.npz``: the 8x8 handwritten digits of chapter 10 (:func:`nnlib.data.load_digits`), from
  the UCI Machine Learning Repository's "Optical Recognition of Handwritten Digits" (E. Alpaydin
  and C. Kaynak, 1998), licensed CC BY 4.0. ``tools/extract_digits.py`` records how it was made.
"""
