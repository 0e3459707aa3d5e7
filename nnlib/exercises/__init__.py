"""Checkers for the chapters' code exercises.

Each checker takes the reader's answer (a function, or numbers), runs it on test cases, and returns
a :class:`~nnlib.exercises.checking.CheckResult` that says "Correct" or shows the first case where
the answer differs from the expected one. A result is truthy only when the answer is right, so a
notebook can ``assert`` it. Every checker runs the answer through the harness of
:mod:`nnlib.exercises.checking`, so it always answers, briefly and in time, whatever the answer
does; how to add one is written there.

``CHECKERS`` maps every checker's name to the checker, a right answer and its time limit. Importing
this package imports every topic module below, which registers its checkers; a new topic module
is added to the list.
"""

from . import (
    activations,
    autodiff,
    backprop,
    classifier,
    deeper,
    forward,
    gradcheck,
    learning,
    losses,
    mistakes,
    neuron,
    softmax,
    testing,
)
from .checking import CHECKERS, CheckResult, Exercise

__all__ = ["CHECKERS", "CheckResult", "Exercise"]
