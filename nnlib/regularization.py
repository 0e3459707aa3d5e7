"""L2 weight decay: its term in the loss and its term in the gradient (chapter 12).

The penalised loss adds half the squared length of every weight matrix, scaled by the weight
decay lambda:

    L_total = L + (lambda / 2) sum_l ‖W^[l]‖^2,    dL_total/dW^[l] = dL/dW^[l] + lambda W^[l].

Only the weights decay, never the biases: a bias shifts a unit without making the function it
computes any steeper, so there is nothing to gain from pulling it to 0. Parameters are told apart
by their names, "W1", "b1", ... as :meth:`nnlib.network.Network.parameters` gives them.
The penalty is added to the batch mean L, so its gradient carries no 1/m. This module is the one
place that says which parameters decay and by how much; the optimisers' ``weight_decay`` uses it.
"""

from __future__ import annotations

import numpy as np

from ._validation import check_in_range


def check_weight_decay(weight_decay) -> float:
    """Return ``weight_decay`` as a float if it is a finite number of at least 0, else raise.

    Examples
    --------
    >>> check_weight_decay(1e-3)
    0.001
    """
    return check_in_range(weight_decay, "weight_decay", 0.0, np.inf, high_open=True, example="1e-4")


def decays(name: str) -> bool:
    """True for the parameters weight decay pulls towards 0: the weights "W1", "W2", ..., not the biases.

    Examples
    --------
    >>> decays("W2"), decays("b2")
    (True, False)
    """
    return name.startswith("W")


def l2_penalty(params: dict[str, np.ndarray], weight_decay: float) -> float:
    """The term weight decay adds to the loss: (lambda / 2) sum over the weights of ‖W‖^2.

    Parameters
    ----------
    params : dict of str to ndarray
        The parameters by name, as ``net.parameters()`` gives them.
    weight_decay : float
        lambda, at least 0.

    Examples
    --------
    >>> l2_penalty({"W1": np.array([[3.0, 4.0]]), "b1": np.array([[10.0]])}, 0.1)
    1.25
    """
    weight_decay = check_weight_decay(weight_decay)
    return 0.5 * weight_decay * sum(float(np.sum(p**2)) for name, p in params.items() if decays(name))


def l2_gradient(params: dict[str, np.ndarray], weight_decay: float) -> dict[str, np.ndarray]:
    """The gradient of :func:`l2_penalty`: lambda W for every weight matrix, zeros for every bias.

    Add it to the loss's gradient to get the gradient of the penalised loss.

    Examples
    --------
    >>> l2_gradient({"W1": np.array([[3.0, 4.0]]), "b1": np.array([[10.0]])}, 0.1)
    {'W1': array([[0.3, 0.4]]), 'b1': array([[0.]])}
    """
    weight_decay = check_weight_decay(weight_decay)
    return {name: weight_decay * p if decays(name) else np.zeros_like(p) for name, p in params.items()}
