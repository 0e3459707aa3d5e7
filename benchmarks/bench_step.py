"""One training step of nnlib against the same network in PyTorch (CPU).

"One step" is :func:`nnlib.training.train_step`: forward, loss gradient, backward, gradient
descent update. PyTorch does the same with ``nn.Linear`` layers holding the same weights, the
same activations and loss, on the same data, in the same dtype: once with ``torch.optim.SGD`` and
once with a manual in-place update, and nnlib is compared with the faster of the two. Before
anything is timed, the two libraries must agree on the loss, on every gradient, and on the
weights after one step.

PyTorch lays a batch out as rows (m, n); nnlib as columns (n, m). The PyTorch side gets the
transposed data as its own contiguous arrays, so neither library pays for the other's layout.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from timing import Row, format_seconds, median, paired_ratio, per_call_times

import nnlib
from nnlib.losses import get_loss
from nnlib.network import Network
from nnlib.training import train_step

LEARNING_RATE = 0.01


@dataclass(frozen=True)
class Case:
    sizes: tuple[int, ...]
    batch: int
    hidden: str
    output: str
    loss: str
    init: str
    targets: dict  # dtype name -> largest nnlib/PyTorch time ratio

    @property
    def name(self) -> str:
        return "-".join(map(str, self.sizes))


CASES = [
    Case((2, 3, 1), 4, "sigmoid", "sigmoid", "squared_error", "xavier", {"float64": 0.25, "float32": 0.25}),
    Case((4, 5, 1), 32, "sigmoid", "sigmoid", "squared_error", "xavier", {"float64": 0.25, "float32": 0.25}),
    Case((2, 16, 16, 2), 256, "tanh", "linear", "softmax_cross_entropy", "xavier", {"float64": 0.6, "float32": 0.6}),
    Case((64, 32, 10), 128, "relu", "linear", "softmax_cross_entropy", "he", {"float64": 0.6, "float32": 0.6}),
    Case((784, 256, 128, 10), 128, "relu", "linear", "softmax_cross_entropy", "he", {"float64": 1.2, "float32": 1.1}),
]
"""The shapes of the issue, each with an activation/loss pairing nnlib supports and the course uses:
sigmoid units with the squared error for the small networks of chapters 2 to 5, and ReLU (tanh for
the 2-D toy problem) with a linear output and softmax cross-entropy for the classifiers."""

TOLERANCE = {"float64": 1e-10, "float32": 1e-4}
"""Largest relative difference allowed between the two libraries' losses, gradients and weights."""


def make_nnlib(case: Case, dtype: np.dtype, seed: int = 0):
    """nnlib's network (non-zero biases, so a wrong bias gradient cannot hide), data and loss."""
    rng = np.random.default_rng(seed)
    template = Network.from_sizes(list(case.sizes), hidden=case.hidden, output=case.output, init=case.init, seed=seed)
    weights = [layer.W.astype(dtype) for layer in template.layers]
    biases = [rng.normal(scale=0.1, size=layer.n_out).astype(dtype) for layer in template.layers]
    net = Network.from_weights(weights, biases, template.activations)
    X = rng.normal(size=(case.sizes[0], case.batch)).astype(dtype)
    if case.loss == "squared_error":
        Y = rng.integers(0, 2, size=(case.sizes[-1], case.batch)).astype(dtype)
    else:
        Y = nnlib.one_hot(rng.integers(0, case.sizes[-1], case.batch), case.sizes[-1]).astype(dtype)
    return net, X, Y, get_loss(case.loss)


def make_torch(case: Case, net: Network, X: np.ndarray, Y: np.ndarray):
    """The same network in PyTorch: a Sequential of Linear layers and activations, and its loss."""
    import torch
    import torch.nn.functional as F

    dtype = getattr(torch, X.dtype.name)
    modules = []
    for layer in net.layers:
        linear = torch.nn.Linear(layer.n_in, layer.n_out, dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(layer.W))
            linear.bias.copy_(torch.from_numpy(layer.b[:, 0]))
        modules.append(linear)
        name = layer.activation.name
        if name != "linear":
            modules.append({"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}[name]())
    model = torch.nn.Sequential(*modules)
    m = X.shape[1]
    X_rows = torch.from_numpy(np.ascontiguousarray(X.T))
    if case.loss == "squared_error":  # (1/m) sum_i 1/2 sum_k (y_hat - y)^2, as nnlib.losses.squared_error
        Y_rows = torch.from_numpy(np.ascontiguousarray(Y.T))

        def loss_of(out):
            return F.mse_loss(out, Y_rows, reduction="sum") * (0.5 / m)
    else:  # softmax cross-entropy from logits, mean over the batch; one-hot targets as class indices
        labels = torch.from_numpy(Y.argmax(axis=0))

        def loss_of(out):
            return F.cross_entropy(out, labels)

    return model, X_rows, loss_of


def relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    scale = max(np.abs(a).max(), np.abs(b).max(), np.finfo(a.dtype).tiny)
    return float(np.abs(a - b).max() / scale)


def torch_step_functions(model, X_rows, loss_of):
    """Two ways PyTorch users write one step: optim.SGD, and a manual in-place update."""
    import torch

    params = list(model.parameters())
    optimizer = torch.optim.SGD(params, lr=LEARNING_RATE)

    def sgd_step():
        optimizer.zero_grad(set_to_none=True)
        loss_of(model(X_rows)).backward()
        optimizer.step()

    def manual_step():
        for p in params:
            p.grad = None
        loss_of(model(X_rows)).backward()
        with torch.no_grad():
            for p in params:
                p.add_(p.grad, alpha=-LEARNING_RATE)

    return sgd_step, manual_step


def assert_same_step(case: Case, dtype: np.dtype) -> None:
    """Both libraries agree on the loss, every gradient, and the weights after one step of each."""
    net, X, Y, loss = make_nnlib(case, dtype)
    model, X_rows, loss_of = make_torch(case, net, X, Y)
    tol = TOLERANCE[np.dtype(dtype).name]

    L, grads = net.loss_and_gradients(X, Y, loss)
    torch_loss = loss_of(model(X_rows))
    torch_loss.backward()
    linears = [m for m in model if hasattr(m, "weight")]
    assert relative_difference(np.array([L]), np.array([torch_loss.item()])) < tol, (case.name, L, torch_loss.item())
    for l, linear in enumerate(linears, start=1):
        pairs = [(f"W{l}", grads[f"W{l}"], linear.weight.grad), (f"b{l}", grads[f"b{l}"][:, 0], linear.bias.grad)]
        for name, ours, theirs in pairs:
            diff = relative_difference(ours, theirs.numpy())
            assert diff < tol, f"{case.name} {np.dtype(dtype).name}: dL/d{name} differs by {diff:.2e} between nnlib and PyTorch"

    for make_step in (0, 1):  # optim.SGD, then the manual update
        net, X, Y, loss = make_nnlib(case, dtype)
        model, X_rows, loss_of = make_torch(case, net, X, Y)
        train_step(net, X, Y, loss, LEARNING_RATE)
        torch_step_functions(model, X_rows, loss_of)[make_step]()
        linears = [m for m in model if hasattr(m, "weight")]
        for layer, linear in zip(net.layers, linears):
            for ours, theirs in [(layer.W, linear.weight), (layer.b[:, 0], linear.bias)]:
                diff = relative_difference(ours, theirs.detach().numpy())
                assert diff < tol, f"{case.name} {np.dtype(dtype).name}: weights after one step differ by {diff:.2e}"


def run(table, repeats: int = 31) -> None:
    try:
        import torch  # noqa: F401  (only to check that it is there)
    except ImportError:
        table.add_skip("step", "torch is not installed: run `make bench` (it installs benchmarks/requirements.txt)")
        return
    for case in CASES:
        for dtype in (np.float64, np.float32):
            name = np.dtype(dtype).name
            assert_same_step(case, dtype)
            net, X, Y, loss = make_nnlib(case, dtype)
            model_sgd, X_rows, loss_sgd = make_torch(case, net, X, Y)
            model_manual, _, loss_manual = make_torch(case, net, X, Y)
            sgd_step, _ = torch_step_functions(model_sgd, X_rows, loss_sgd)
            _, manual_step = torch_step_functions(model_manual, X_rows, loss_manual)
            times = per_call_times(
                {
                    "nnlib": lambda: train_step(net, X, Y, loss, LEARNING_RATE),
                    "optim.SGD": sgd_step,
                    "manual update": manual_step,
                },
                repeats=repeats,
            )
            ours = median(times["nnlib"])
            best = min(("optim.SGD", "manual update"), key=lambda k: median(times[k]))
            theirs = median(times[best])
            ratio = paired_ratio(times["nnlib"], times[best])
            target = case.targets[name]
            table.add(Row(
                section="step",
                case=f"{case.name}, batch {case.batch}, {name} ({case.hidden}, {case.output} output, {case.loss})",
                measured=f"nnlib {format_seconds(ours)}",
                reference=f"PyTorch {format_seconds(theirs)} ({best})",
                ratio=ratio,
                target=f"<= {target}",
                met=ratio <= target,
            ))
