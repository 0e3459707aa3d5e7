"""The matrix-multiply ceiling: how fast numpy multiplies matrices here, and how close nnlib gets.

A training step of the 784-256-128-10 network is mostly matrix products. Counting only the
products it actually does (2 x batch x n_in x n_out floating-point operations each: every layer's
forward product W A_prev and weight gradient dZ A_prev^T, and W^T dZ for every layer but the
first, whose input is the data), the step's rate in GFLOP/s is compared with the rate numpy
reaches on exactly those products, with the same shapes and memory layouts, run back to back with
nothing else in between. The fraction is the share of the step's time that is multiplication.
"""

from __future__ import annotations

import numpy as np
from bench_step import CASES, LEARNING_RATE, make_nnlib
from timing import Row, format_seconds, median, paired_ratio, per_call_times

from nnlib.training import train_step

TARGET_FRACTION = 0.65


def step_products(net, X):
    """The matrix products of one training step as (description, left, right), with the step's
    own shapes and layouts (transposes are views, as in Dense.backward)."""
    rng = np.random.default_rng(0)
    dtype = X.dtype
    m = X.shape[1]
    products = []
    A_prev = X
    for l, layer in enumerate(net.layers, start=1):
        A = rng.normal(size=(layer.n_out, m)).astype(dtype)
        dZ = rng.normal(size=(layer.n_out, m)).astype(dtype)
        products.append((f"W{l} A{l - 1}", layer.W, A_prev))
        products.append((f"dZ{l} A{l - 1}^T", dZ, A_prev.T))
        if l > 1:
            products.append((f"W{l}^T dZ{l}", layer.W.T, dZ))
        A_prev = A
    return products


def flops(products) -> int:
    return sum(2 * left.shape[0] * left.shape[1] * right.shape[1] for _, left, right in products)


def run(table, repeats: int = 31) -> None:
    case = CASES[-1]  # 784-256-128-10
    for dtype in (np.float64, np.float32):
        name = np.dtype(dtype).name
        net, X, Y, loss = make_nnlib(case, dtype)
        products = step_products(net, X)
        total = flops(products)
        sizes, m = case.sizes, case.batch  # the count written out: 2 products per layer, 3 past the first
        assert total == sum((2 if l == 1 else 3) * 2 * m * sizes[l - 1] * sizes[l] for l in range(1, len(sizes)))

        def all_products():
            for _, left, right in products:
                left @ right

        square = np.random.default_rng(1).normal(size=(1024, 1024)).astype(dtype)
        times = per_call_times(
            {"square": lambda: square @ square},
            repeats=max(5, repeats // 3), block_seconds=0.05,
        )
        rate = 2 * 1024**3 / median(times["square"]) / 1e9
        table.add(Row("matmul", f"1024x1024 @ 1024x1024, {name} (the machine's peak, for scale)", f"{rate:.1f} GFLOP/s"))

        first = [p for p in products if p[0] in ("W1 A0", "dZ1 A0^T")]
        singles = per_call_times({label: (lambda l=left, r=right: l @ r) for label, left, right in first}, repeats=repeats)
        for label, left, right in first:
            shape = f"{left.shape[0]}x{left.shape[1]} @ {right.shape[0]}x{right.shape[1]}"
            rate = 2 * left.shape[0] * left.shape[1] * right.shape[1] / median(singles[label]) / 1e9
            table.add(Row("matmul", f"layer 1, {label} = {shape}, {name}", f"{rate:.1f} GFLOP/s"))

        times = per_call_times(
            {"products": all_products, "nnlib": lambda: train_step(net, X, Y, loss, LEARNING_RATE)},
            repeats=repeats,
        )
        ceiling = total / median(times["products"]) / 1e9
        achieved = total / median(times["nnlib"]) / 1e9
        fraction = paired_ratio(times["products"], times["nnlib"])  # = achieved rate / ceiling, per repeat
        table.add(Row(
            "matmul",
            f"the {len(products)} products of one {case.name} step (batch {case.batch}), {name}: "
            f"{total / 1e6:.1f} MFLOP",
            f"{ceiling:.1f} GFLOP/s in {format_seconds(median(times['products']))}",
        ))
        table.add(Row(
            "matmul",
            f"nnlib train_step {case.name}, batch {case.batch}, {name}, rate counted by the FLOPs above",
            f"{achieved:.1f} GFLOP/s in {format_seconds(median(times['nnlib']))}",
            f"numpy {ceiling:.1f} GFLOP/s",
            ratio=fraction,
            target=f">= {TARGET_FRACTION}",
            met=fraction >= TARGET_FRACTION,
        ))
