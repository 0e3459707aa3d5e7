"""nnlib's training step and training loop now, against the same code at an earlier commit.

    benchmarks/.venv/bin/python benchmarks/against_commit.py d30501c

The commit's ``nnlib`` is extracted (``git archive``) into a temporary folder under another name,
``nnlib_then``, and imported beside today's ``nnlib`` in one process. Both get the networks, data
and dtypes of ``bench_step.CASES``. Each pair of contenders is timed in alternating blocks of CPU
time (``time.process_time``: another process's load inflates it far less than wall time), and each
figure is the median over the repeats of now / then in the same repeat; BLAS runs on one thread, as
in ``run.py``. Two comparisons:

- ``train_step(net, X, Y, loss, learning_rate)``, for every shape and both dtypes;
- ``train`` for 50 epochs on the small and mid-size networks, full batch and mini-batches of an
  eighth of the data (the data of ``bench_step`` repeated eight times).

Nothing here is part of ``make bench``: the figures go into the README by hand.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # one BLAS thread, as in run.py: set before numpy loads

import argparse  # noqa: E402
import gc  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tarfile  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from io import BytesIO  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from bench_step import CASES, make_nnlib  # noqa: E402

from nnlib.training import train, train_step  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LEARNING_RATE = 1e-3


def import_commit(commit: str, folder: Path):
    """The package ``nnlib`` of ``commit``, imported as ``nnlib_then``."""
    archive = subprocess.run(["git", "archive", commit, "nnlib"], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "nnlib").rename(folder / "nnlib_then")
    sys.path.insert(0, str(folder))
    import nnlib_then  # noqa: F401  (its modules import each other relatively)
    from nnlib_then import network, training

    return network.Network, training


def cpu_block(f, calls: int) -> float:
    gc.disable()
    try:
        start = time.process_time()
        for _ in range(calls):
            f()
        return (time.process_time() - start) / calls
    finally:
        gc.enable()


def paired_ratio(now, then, repeats: int, block_seconds: float = 0.02) -> float:
    """Median over repeats of now's CPU time over then's, in blocks that alternate which runs first."""
    for f in (now, then):
        f()
    start, calls = time.process_time(), 0
    while time.process_time() - start < 0.05:
        now()
        calls += 1
    calls = max(1, round(block_seconds * calls / (time.process_time() - start)))
    ratios = []
    for r in range(repeats):
        first, second = (now, then) if r % 2 == 0 else (then, now)
        a, b = cpu_block(first, calls), cpu_block(second, calls)
        ratios.append(a / b if first is now else b / a)
    return statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commit", nargs="?", default="d30501c")
    parser.add_argument("--repeats", type=int, default=41)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        Network_then, training_then = import_commit(args.commit, Path(folder))
        print(f"train_step now / train_step at {args.commit} (CPU time, median of paired ratios)")
        for case in CASES:
            for dtype in (np.float64, np.float32):
                net, X, Y, loss = make_nnlib(case, dtype)
                then = Network_then.from_weights([layer.W for layer in net.layers], [layer.b for layer in net.layers],
                                                 net.activations)
                ratio = paired_ratio(lambda: train_step(net, X, Y, loss.name, LEARNING_RATE),
                                     lambda: training_then.train_step(then, X, Y, loss.name, LEARNING_RATE),
                                     args.repeats if case is not CASES[-1] else 11)
                print(f"  {case.name:<16} {np.dtype(dtype).name}: {ratio:.3f}", flush=True)
        print(f"train, 50 epochs, now / at {args.commit}")
        for case in CASES[:-1]:
            net, X, Y, loss = make_nnlib(case, np.float64)
            X, Y = np.tile(X, (1, 8)), np.tile(Y, (1, 8))
            then = Network_then.from_weights([layer.W for layer in net.layers], [layer.b for layer in net.layers],
                                             net.activations)
            for batch_size in (None, X.shape[1] // 8):
                ratio = paired_ratio(
                    lambda: train(net, X, Y, loss.name, LEARNING_RATE, epochs=50, batch_size=batch_size),
                    lambda: training_then.train(then, X, Y, loss.name, LEARNING_RATE, epochs=50, batch_size=batch_size),
                    max(7, args.repeats // 3), block_seconds=0.0)
                label = "full batch" if batch_size is None else f"batches of {batch_size}"
                print(f"  {case.name:<16} m = {X.shape[1]}, {label}: {ratio:.3f}", flush=True)


if __name__ == "__main__":
    main()
