"""nnlib.autograd's training step beside nnlib's hand-written step and PyTorch's, and chapter 11's
PyTorch listing executed and compared with nnlib.

For every shape of ``bench_step.CASES`` and both dtypes, three steps of the same network are timed
side by side in one run: nnlib.autograd (zero_grad, forward, loss, backward, update),
``nnlib.training.train_step`` (the backward pass written by hand), and PyTorch's CPU step (the
faster of ``optim.SGD`` and a manual update, as in ``bench_step``). Before timing, the engine's
step must give the weights of ``train_step``. At 784-256-128-10 the engine's step is also
measured against numpy's rate on the step's own matrix products (as in ``bench_matmul``).

Correctness first: the three listings of chapter 11 (``nnlib/listings``) are run to the end,
and the PyTorch one must reach the same weights, the same last gradients and the same test
accuracy as nnlib's; PyTorch's convention at ReLU's kink is checked to be nnlib's.
"""

from __future__ import annotations

import numpy as np
from bench_matmul import flops, step_products
from bench_step import CASES, LEARNING_RATE, TOLERANCE, make_nnlib, make_torch, relative_difference, torch_step_functions
from timing import Row, format_seconds, median, paired_ratio, per_call_times

from nnlib import autograd, listings
from nnlib.training import train_step

TARGET_VS_NNLIB = 1.5
TARGET_VS_PYTORCH = 1.0  # on the tiny and mid-size networks: every case but the last
TARGET_FRACTION = 0.6


def autograd_step(model: autograd.MLP, X: np.ndarray, Y: np.ndarray, loss: str, learning_rate: float) -> None:
    """One training step as chapter 11 writes it with the engine."""
    model.zero_grad()
    L = autograd.loss(model(X), Y, loss)
    L.backward()
    for p in model.parameters():
        p.data -= learning_rate * p.grad


def assert_same_step_as_nnlib(case, dtype) -> None:
    net, X, Y, loss = make_nnlib(case, dtype)
    model = autograd.MLP.from_network(net)
    train_step(net, X, Y, loss, LEARNING_RATE)
    autograd_step(model, X, Y, loss.name, LEARNING_RATE)
    tol = TOLERANCE[np.dtype(dtype).name]
    for layer, W, b in zip(net.layers, model.weights, model.biases):
        for ours, theirs in [(W.data, layer.W), (b.data, layer.b)]:
            diff = relative_difference(ours, theirs)
            assert diff < tol, f"{case.name} {np.dtype(dtype).name}: the engine's step differs from train_step by {diff:.2e}"


def check_listings() -> float:
    """Run the three listings; PyTorch's weights and last gradients must equal nnlib's. Returns the
    largest relative difference found."""
    import torch

    z = torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float64, requires_grad=True)
    torch.relu(z).sum().backward()
    ours = autograd.Tensor([-1.0, 0.0, 1.0])
    ours.relu().sum().backward()
    assert z.grad.tolist() == ours.grad.tolist() == [0.0, 0.0, 1.0], "ReLU'(0): PyTorch and nnlib use different conventions"

    runs = {name: listings.run(name) for name in ("digits_nnlib", "digits_autograd", "digits_pytorch")}
    net, model = runs["digits_nnlib"]["net"], runs["digits_autograd"]["model"]
    linears = [m for m in runs["digits_pytorch"]["model"] if hasattr(m, "weight")]
    worst = 0.0
    for layer, W, b, linear in zip(net.layers, model.weights, model.biases, linears):
        pairs = [
            ("W", layer.W, W.data, linear.weight), ("b", layer.b[:, 0], b.data[:, 0], linear.bias),
            ("dW", layer.dW, W.grad, linear.weight.grad), ("db", layer.db[:, 0], b.grad[:, 0], linear.bias.grad),
        ]
        for what, by_hand, by_engine, by_torch in pairs:
            by_torch = by_torch.detach().numpy()
            for other in (by_engine, by_torch):
                diff = relative_difference(by_hand, other)
                assert diff < 1e-9, f"the listings' final {what} differ by {diff:.2e}"
                worst = max(worst, diff)
    accuracies = {name: float(run["accuracy"]) for name, run in runs.items()}
    assert len(set(accuracies.values())) == 1, accuracies
    return worst


def run(table, repeats: int = 31) -> None:
    try:
        import torch  # noqa: F401  (only to check that it is there)
    except ImportError:
        table.add_skip("autograd", "torch is not installed: run `make bench` (it installs benchmarks/requirements.txt)")
        return
    worst = check_listings()
    table.add(Row(
        "autograd",
        "chapter 11's listings run to the end (20 epochs): PyTorch's final weights and last gradients against nnlib's",
        f"largest relative difference {worst:.1e}", "nnlib's layers and nnlib.autograd", target="< 1e-9", met=worst < 1e-9,
    ))
    for case in CASES:
        for dtype in (np.float64, np.float32):
            name = np.dtype(dtype).name
            assert_same_step_as_nnlib(case, dtype)
            net, X, Y, loss = make_nnlib(case, dtype)
            model = autograd.MLP.from_network(net)
            model_sgd, X_rows, loss_sgd = make_torch(case, net, X, Y)
            model_manual, _, loss_manual = make_torch(case, net, X, Y)
            sgd_step, _ = torch_step_functions(model_sgd, X_rows, loss_sgd)
            _, manual_step = torch_step_functions(model_manual, X_rows, loss_manual)
            times = per_call_times(
                {
                    "autograd": lambda: autograd_step(model, X, Y, loss.name, LEARNING_RATE),
                    "nnlib": lambda: train_step(net, X, Y, loss, LEARNING_RATE),
                    "optim.SGD": sgd_step,
                    "manual update": manual_step,
                },
                repeats=repeats,
            )
            ours = median(times["autograd"])
            best = min(("optim.SGD", "manual update"), key=lambda k: median(times[k]))
            label = f"{case.name}, batch {case.batch}, {name} ({case.hidden}, {case.output} output, {case.loss})"
            vs_nnlib = paired_ratio(times["autograd"], times["nnlib"])
            table.add(Row(
                "autograd", f"{label}: against nnlib's hand-written train_step", f"autograd {format_seconds(ours)}",
                f"train_step {format_seconds(median(times['nnlib']))}", vs_nnlib, f"<= {TARGET_VS_NNLIB}",
                vs_nnlib <= TARGET_VS_NNLIB,
            ))
            vs_torch = paired_ratio(times["autograd"], times[best])
            small = case is not CASES[-1]
            table.add(Row(
                "autograd", f"{label}: against PyTorch", f"autograd {format_seconds(ours)}",
                f"PyTorch {format_seconds(median(times[best]))} ({best})", vs_torch,
                f"<= {TARGET_VS_PYTORCH}" if small else "", (vs_torch <= TARGET_VS_PYTORCH) if small else None,
            ))
    case = CASES[-1]  # 784-256-128-10: the share of numpy's matrix-multiply rate
    for dtype in (np.float64, np.float32):
        net, X, Y, loss = make_nnlib(case, dtype)
        model = autograd.MLP.from_network(net)
        products = step_products(net, X)
        total = flops(products)

        def all_products():
            for _, left, right in products:
                left @ right

        times = per_call_times(
            {"products": all_products, "autograd": lambda: autograd_step(model, X, Y, loss.name, LEARNING_RATE)},
            repeats=repeats,
        )
        ceiling = total / median(times["products"]) / 1e9
        achieved = total / median(times["autograd"]) / 1e9
        fraction = paired_ratio(times["products"], times["autograd"])
        table.add(Row(
            "autograd",
            f"nnlib.autograd step {case.name}, batch {case.batch}, {np.dtype(dtype).name}, rate counted by the "
            f"{len(products)} products' FLOPs",
            f"{achieved:.1f} GFLOP/s in {format_seconds(median(times['autograd']))}", f"numpy {ceiling:.1f} GFLOP/s",
            fraction, f">= {TARGET_FRACTION}", fraction >= TARGET_FRACTION,
        ))
