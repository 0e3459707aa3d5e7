"""Checkers for the chapters' code exercises.

Each checker takes the reader's answer (a function, or numbers), runs it on test cases, and returns
a :class:`~nnlib.exercises.checking.CheckResult` that says "Correct" or shows the first case where
the answer differs from the expected one. A result is truthy only when the answer is right, so a
notebook can ``assert`` it.
"""

from .checking import CheckResult

__all__ = ["CheckResult"]
