"""Run the benchmarks and print one table: ``python benchmarks/run.py [--only step,widgets] [--record]``.

``make bench`` runs this in its own virtual environment (benchmarks/.venv), which adds PyTorch and
threadpoolctl to the course's requirements. Sections:

- ``step``: one training step of nnlib against PyTorch, per network shape and dtype;
- ``optimizers``: momentum and Adam steps against ``torch.optim``, after checking that both give the same updates;
- ``matmul``: numpy's matrix-multiply rate here, and the share of it nnlib's step reaches;
- ``autograd``: nnlib.autograd's step against nnlib's and PyTorch's, and chapter 11's PyTorch listing checked;
- ``widgets``: every widget's update latency;
- ``jupyter``: every widget's latency in JupyterLab, from a key press to the new image;
- ``course``: each chapter's execution, a clean book build, and the test command.

The timing sections run with one BLAS thread for every library in this process (both libraries'
idle threads would otherwise slow each other down on a small machine); the course section runs
the course as readers do, in fresh processes with the environment this script started with.
With ``--record`` the table, the date, the machine and the versions are written into
benchmarks/README.md (and benchmarks/results.json), replacing the rows of the sections that ran.
"""

from __future__ import annotations

import os

# Before numpy or torch is imported: their thread pools read these once, at load time.
USER_ENV = dict(os.environ)
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402
from timing import Row, Table, markdown_table  # noqa: E402

HERE = Path(__file__).resolve().parent
SECTIONS = ["step", "optimizers", "matmul", "autograd", "widgets", "jupyter", "course"]
RESULTS = HERE / "results.json"
README = HERE / "README.md"
BEGIN, END = "<!-- results: begin (written by `make bench`) -->", "<!-- results: end -->"


def pin_threads() -> str:
    """One thread for every BLAS and OpenMP pool in this process; returns what is now in use.

    PyTorch is imported first, so that the limits also reach the pools it loads."""
    global _LIMITS
    try:
        import torch

        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
    except ImportError:
        torch = None
    _LIMITS = threadpool_limits(1)
    pools = [f"{p['internal_api']} ({Path(p['filepath']).name.split('-')[0]}) {p['num_threads']}" for p in threadpool_info()]
    if torch is not None:
        pools.append(f"torch intra-op {torch.get_num_threads()}, inter-op {torch.get_num_interop_threads()}")
    return ", ".join(pools)


def machine() -> dict:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    numpy_blas = next(
        (f"{p['internal_api']} {p['version']} ({p.get('architecture', '?')})"
         for p in threadpool_info() if p["user_api"] == "blas"),
        "unknown",
    )
    versions = {"python": platform.python_version(), "numpy": np.__version__, "matplotlib": matplotlib.__version__}
    try:
        import torch

        versions["torch"] = torch.__version__
        torch_blas = "MKL" if torch.backends.mkl.is_available() else "other"
    except ImportError:
        torch_blas = "not installed"
    from importlib.metadata import PackageNotFoundError, version

    for package in ("jupyter-book", "ipywidgets", "pillow"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            pass
    return {
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu,
        "numpy BLAS": numpy_blas,
        "torch BLAS": torch_blas,
        "versions": versions,
    }


def describe(info: dict) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items())
    return (
        f"Machine: {info['cores']} cores ({info['cpu']}); numpy BLAS: {info['numpy BLAS']}; "
        f"PyTorch BLAS: {info['torch BLAS']}.\nVersions: {versions}."
    )


def record(table: Table, ran: list[str], info: dict, threads: str, loads: dict) -> None:
    """Merge this run's rows into results.json, section by section, and rewrite the README block."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"sections": {}}
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    for section in ran:
        results["sections"][section] = {
            "date": now,
            "load": [round(x, 2) for x in loads[section]],
            "threads": threads if section not in ("course", "jupyter") else "the environment's defaults",
            "rows": [vars(r) for r in table.rows if r.section == section],
        }
    results["machine"] = info
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")

    rows = [Row(**r) for s in SECTIONS if s in results["sections"] for r in results["sections"][s]["rows"]]
    runs = "\n".join(
        f"- `{s}`: {results['sections'][s]['date']}, load average (1 min) when it started "
        f"{results['sections'][s]['load'][0]}, threads: {results['sections'][s]['threads']}"
        for s in SECTIONS if s in results["sections"]
    )
    missed = "\n".join(
        f"- {r.section}, {r.case}: {r.measured} against {r.target}"
        + (f" (ratio {r.ratio:.3g})" if r.ratio is not None else "") + (f", {r.note}" if r.note else "")
        for r in rows if r.met is False
    ) or "- none"
    block = (
        f"{BEGIN}\n{describe(info)}\n\nWhen each section last ran:\n\n{runs}\n\n{markdown_table(rows)}\n\n"
        f"Targets missed in these figures:\n\n{missed}\n{END}"
    )
    text = README.read_text()
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help=f"comma-separated sections to run, from {', '.join(SECTIONS)}")
    parser.add_argument("--repeats", type=int, default=31, help="timed blocks per contender (default 31)")
    parser.add_argument("--rounds", type=int, default=3, help="executions of each chapter (default 3)")
    parser.add_argument("--record", action="store_true", help="write the results into benchmarks/README.md")
    args = parser.parse_args(argv)
    ran = [s.strip() for s in args.only.split(",") if s.strip()] or SECTIONS
    unknown = sorted(set(ran) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")

    threads = pin_threads()
    info = machine()
    load = os.getloadavg()
    print(describe(info))
    print(f"Threads in this process: {threads}.")
    print(f"Load average before: {load[0]:.2f} (1 min), {load[1]:.2f} (5 min). "
          "On a shared machine, absolute times are noise; read the ratios.\n")

    table = Table()
    loads = {}
    for section in ran:  # each section's rows carry its name, which record() relies on
        loads[section] = os.getloadavg()
        print(f"[{section}] load average {loads[section][0]:.2f}", flush=True)
        if section == "step":
            import bench_step

            bench_step.run(table, repeats=args.repeats)
        elif section == "optimizers":
            import bench_optimizers

            bench_optimizers.run(table, repeats=args.repeats)
        elif section == "matmul":
            import bench_matmul

            bench_matmul.run(table, repeats=args.repeats)
        elif section == "autograd":
            import bench_autograd

            bench_autograd.run(table, repeats=args.repeats)
        elif section == "widgets":
            import bench_widgets

            bench_widgets.run(table, repeats=args.repeats)
        elif section == "jupyter":
            import bench_jupyter

            bench_jupyter.run(table, env=USER_ENV)
        elif section == "course":
            import bench_course

            bench_course.run(table, env=USER_ENV, rounds=args.rounds)

    assert {r.section for r in table.rows} <= set(ran), "every row must name the section that made it"
    print()
    print(table.markdown())
    after = os.getloadavg()
    print(f"\nLoad average after: {after[0]:.2f} (1 min).")
    if args.record:
        record(table, ran, info, threads, loads)
        print(f"Recorded in {README.relative_to(HERE.parent)} and {RESULTS.relative_to(HERE.parent)}.")
    missed = [r for r in table.rows if r.met is False]
    if missed:
        print(f"{len(missed)} target(s) missed: see the rows marked **no** (benchmarks never fail on time).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
