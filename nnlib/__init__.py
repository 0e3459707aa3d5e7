"""nnlib: the small numpy library of the course "How neural networks learn".

Conventions, the same in every chapter (see the notation page):

- one example is a column vector; a batch of m examples is stacked as the columns of an
  (n_features, m) array;
- the weights of layer l form W^[l] of shape (n_l, n_{l-1}), so Z^[l] = W^[l] A^[l-1] + b^[l];
- a loss is the mean over the batch of a per-example loss, so its gradient carries the 1/m.

Training goes through :func:`train` (and :func:`train_step`, one step), with an optimiser from
:mod:`nnlib.optimizers` (plain :class:`SGD` by default); a run that diverges issues a
:class:`DivergenceWarning`.

Plotting (:mod:`nnlib.plots`, :mod:`nnlib.diagram`), widgets (:mod:`nnlib.widgets`) and exercise
checkers (:mod:`nnlib.exercises`) are imported from their modules, so ``import nnlib`` needs only
numpy.
"""

from .activations import (
    ACTIVATIONS,
    Activation,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    linear,
    linear_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    step,
    step_derivative,
    tanh,
    tanh_derivative,
)
from .data import logic_gate, one_hot, train_test_split
from .gradcheck import check_network_gradients, numerical_gradient, relative_error
from .layers import Dense
from .losses import LOSSES, Loss, get_loss
from .metrics import accuracy, confusion_matrix, predict_labels
from .network import ForwardTrace, Network
from .neuron import decision_line, neuron_output, weighted_sum
from .optimizers import SGD
from .softmax import softmax, softmax_jacobian, softmax_jacobian_batch, softmax_vjp
from .training import DivergenceWarning, History, gradient_descent_step, train, train_step

__version__ = "0.1.0"
