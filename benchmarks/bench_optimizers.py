"""Training steps with momentum and Adam: nnlib's optimisers against ``torch.optim`` (CPU).

Two parts, as in ``bench_step``:

- **Agreement.** For every network shape, nnlib and PyTorch start from the same weights and take
  five steps on the same batch with each optimiser (momentum, momentum with weight decay, Adam,
  Adam with L2 weight decay, AdamW); after every step the weights must agree (relative difference
  below 1e-10 in float64, 1e-4 in float32, where Adam's entries with a gradient at rounding level are
  left out: see ``ROUNDING_FLOOR``). Weight decay applies to the weights, not the biases, in both:
  PyTorch gets two parameter groups.
- **Speed.** One step is forward, loss gradient, backward and the optimiser's update. nnlib's step
  is ``train_step(net, X, Y, loss, optimizer=optimizer)``: it checks X and Y, as ``train`` does,
  then takes ``train``'s step, ending with ``optimizer.step(net.parameters(), gradients)``.
  PyTorch's step is ``zero_grad``, forward, backward and ``optimizer.step()``, timed with
  ``torch.optim``'s default implementation and with ``foreach=True``; nnlib is compared with the
  faster. The targets are the SGD step's (``bench_step.CASES``).
"""

from __future__ import annotations

import numpy as np
from bench_step import CASES, TOLERANCE, make_nnlib, make_torch, relative_difference
from timing import Row, format_seconds, median, paired_ratio, per_call_times

from nnlib.optimizers import Adam, AdamW, Momentum
from nnlib.training import train_step

LEARNING_RATE = {"momentum": 0.01, "adam": 1e-3}
MOMENTUM = 0.9
WEIGHT_DECAY = 0.05
AGREEMENT_STEPS = 5

CONFIGS = {
    "momentum": (lambda: Momentum(LEARNING_RATE["momentum"], momentum=MOMENTUM), "SGD", dict(momentum=MOMENTUM), 0.0),
    "momentum, weight decay": (lambda: Momentum(LEARNING_RATE["momentum"], momentum=MOMENTUM, weight_decay=WEIGHT_DECAY),
                               "SGD", dict(momentum=MOMENTUM), WEIGHT_DECAY),
    "Adam": (lambda: Adam(LEARNING_RATE["adam"]), "Adam", {}, 0.0),
    "Adam, L2 weight decay": (lambda: Adam(LEARNING_RATE["adam"], weight_decay=WEIGHT_DECAY), "Adam", {}, WEIGHT_DECAY),
    "AdamW": (lambda: AdamW(LEARNING_RATE["adam"], weight_decay=WEIGHT_DECAY), "AdamW", {}, WEIGHT_DECAY),
}
"""name -> (nnlib optimiser factory, torch.optim class name, its extra arguments, weight decay of the weights)."""

TIMED = ["momentum", "Adam"]


def torch_optimizer(model, config: str, **extra):
    """The torch.optim optimiser of ``config``, with weight decay on the weights only (two parameter groups)."""
    import torch

    _, name, kwargs, weight_decay = CONFIGS[config]
    lr = LEARNING_RATE["momentum" if name == "SGD" else "adam"]
    linears = [m for m in model if hasattr(m, "weight")]
    groups = [{"params": [m.weight for m in linears], "weight_decay": weight_decay},
              {"params": [m.bias for m in linears], "weight_decay": 0.0}]
    return getattr(torch.optim, name)(groups, lr=lr, **kwargs, **extra)


def torch_step(model, X_rows, loss_of, optimizer) -> None:
    optimizer.zero_grad(set_to_none=True)
    loss_of(model(X_rows)).backward()
    optimizer.step()


ROUNDING_FLOOR = 1e-5
"""In float32, Adam's entries whose first gradient is below this fraction of their matrix's largest are
left out of the comparison: such a gradient is rounding noise (float32 keeps about 7 digits), and
Adam divides every entry by its own size, so noise of 1e-8 and noise of 1.2e-8 both become steps of
about eta. Every other entry must agree as closely as in float64's check."""


def assert_same_updates(case, dtype, config: str) -> None:
    """Five steps of nnlib's and PyTorch's optimiser from the same weights: the same weights after each."""
    net, X, Y, loss = make_nnlib(case, dtype)
    model, X_rows, loss_of = make_torch(case, net, X, Y)
    optimizer, reference = CONFIGS[config][0](), torch_optimizer(model, config)
    tol = TOLERANCE[np.dtype(dtype).name]
    linears = [m for m in model if hasattr(m, "weight")]
    compared = None
    for step in range(1, AGREEMENT_STEPS + 1):
        train_step(net, X, Y, loss, optimizer=optimizer)
        torch_step(model, X_rows, loss_of, reference)
        if compared is None:  # which entries to compare, from the first step's gradients
            scale_free = dtype == np.float32 and CONFIGS[config][1] != "SGD"
            compared = [np.abs(g) >= ROUNDING_FLOOR * np.abs(g).max() if scale_free else np.ones(g.shape, bool)
                        for g in (layer_gradient for layer in net.layers for layer_gradient in (layer.dW, layer.db[:, 0]))]
        pairs = [(ours, theirs) for layer, linear in zip(net.layers, linears)
                 for ours, theirs in [(layer.W, linear.weight), (layer.b[:, 0], linear.bias)]]
        for (ours, theirs), keep in zip(pairs, compared):
            diff = relative_difference(ours[keep], theirs.detach().numpy()[keep])
            assert diff < tol, (f"{case.name} {np.dtype(dtype).name} {config}: the weights after step {step} "
                                f"differ by {diff:.2e} between nnlib and torch.optim")


def run(table, repeats: int = 31) -> None:
    try:
        import torch  # noqa: F401  (only to check that it is there)
    except ImportError:
        table.add_skip("optimizers", "torch is not installed: run `make bench` (it installs benchmarks/requirements.txt)")
        return
    for case in CASES:
        for dtype in (np.float64, np.float32):
            for config in CONFIGS:
                assert_same_updates(case, dtype, config)
    table.add(Row(section="optimizers", case=f"agreement: {len(CONFIGS)} optimisers x {len(CASES)} shapes x 2 dtypes, "
                  f"{AGREEMENT_STEPS} steps each", measured="the same weights after every step",
                  note="float64 within 1e-10, float32 within 1e-4 (relative; Adam's rounding-level entries left out)"))
    for case in CASES:
        for dtype in (np.float64, np.float32):
            name = np.dtype(dtype).name
            for config in TIMED:
                net, X, Y, loss = make_nnlib(case, dtype)
                optimizer = CONFIGS[config][0]()
                contenders = {"nnlib": lambda: train_step(net, X, Y, loss, optimizer=optimizer)}
                for variant, extra in [("torch.optim", {}), ("torch.optim foreach", {"foreach": True})]:
                    model, X_rows, loss_of = make_torch(case, net, X, Y)
                    reference = torch_optimizer(model, config, **extra)
                    contenders[variant] = lambda model=model, X_rows=X_rows, loss_of=loss_of, reference=reference: (
                        torch_step(model, X_rows, loss_of, reference))
                times = per_call_times(contenders, repeats=repeats)
                best = min(("torch.optim", "torch.optim foreach"), key=lambda k: median(times[k]))
                ratio = paired_ratio(times["nnlib"], times[best])
                target = case.targets[name]
                table.add(Row(
                    section="optimizers",
                    case=f"{config}: {case.name}, batch {case.batch}, {name} ({case.hidden}, {case.loss})",
                    measured=f"nnlib {format_seconds(median(times['nnlib']))}",
                    reference=f"PyTorch {format_seconds(median(times[best]))} ({best})",
                    ratio=ratio,
                    target=f"<= {target}",
                    met=ratio <= target,
                ))
