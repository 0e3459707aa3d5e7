"""The course itself: each chapter's execution, a clean book build, and the test command.

These run as a reader and a contributor run them: in fresh processes, with the environment the
benchmarks started with (not the one-thread BLAS setting of the other sections). Every chapter
in ``chapters/`` is timed, so chapters added later are covered with no change here.

- A chapter's time is what a Binder reader waits for after "Run all": a fresh kernel starts and
  runs every cell (nbclient, the executor the book build uses). Chapters are timed in rounds,
  one after the other (A, B, C, A, B, C, ...), and each figure is the median over the rounds.
- The book build is ``jupyter-book build --warningiserror --keep-going`` into a temporary folder
  (so a build you have in ``_build`` is left alone), executing every chapter: ``make book``.
- The test command is ``python -m pytest`` at the root: ``make test`` without its setup step. Note
  that it rebuilds ``_build/html``, as ``make test`` does.

Both are long, so each runs once: read them as rough figures on a busy machine. Beside each wall
time is the CPU time of the processes involved, which does not count the waits for a free core.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import Row, format_seconds, median

ROOT = Path(__file__).resolve().parents[1]
CHAPTER_TARGET_SECONDS = 20.0
TEST_TARGET_SECONDS = 300.0


def children_cpu() -> float:
    """CPU seconds used so far by this process's finished child processes (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def execute_notebook(path: Path, env: dict) -> tuple[float, float]:
    """Seconds for a fresh kernel to start and run every cell of the notebook at ``path``, and
    the kernel's CPU seconds."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start, start_cpu = time.perf_counter(), children_cpu()
    client.execute(env=env, stderr=subprocess.DEVNULL)  # the kernel's start-up chatter; cell errors still raise
    return time.perf_counter() - start, children_cpu() - start_cpu


def timed_command(command: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (the command and every process it started) and the result."""
    start, start_cpu = time.perf_counter(), children_cpu()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, children_cpu() - start_cpu, result


def tail(result: subprocess.CompletedProcess, lines: int = 30) -> str:
    return "\n".join((result.stdout + result.stderr).splitlines()[-lines:])


def run(table, env: dict, rounds: int = 3) -> None:
    chapters = sorted((ROOT / "chapters").glob("*.ipynb"))
    times: dict[Path, list[float]] = {path: [] for path in chapters}
    cpu: dict[Path, list[float]] = {path: [] for path in chapters}
    for _ in range(rounds):
        for path in chapters:
            wall, used = execute_notebook(path, env)
            times[path].append(wall)
            cpu[path].append(used)
    for path in chapters:
        seconds = median(times[path])
        table.add(Row(
            "course", f"execute {path.relative_to(ROOT)} (kernel start + every cell, median of {rounds})",
            f"{format_seconds(seconds)} (CPU {format_seconds(median(cpu[path]))})",
            target=f"< {CHAPTER_TARGET_SECONDS:.0f} s", met=seconds < CHAPTER_TARGET_SECONDS,
        ))
    if chapters:
        slowest = max(chapters, key=lambda p: median(times[p]))
        table.add(Row("course", f"slowest chapter: {slowest.name}", format_seconds(median(times[slowest])),
                      target=f"< {CHAPTER_TARGET_SECONDS:.0f} s", met=median(times[slowest]) < CHAPTER_TARGET_SECONDS))

    jupyter_book = str(Path(sys.executable).parent / "jupyter-book")
    with tempfile.TemporaryDirectory(prefix="nnlib-bench-book-") as output:
        seconds, used, result = timed_command(
            [jupyter_book, "build", str(ROOT), "--warningiserror", "--keep-going", "--path-output", output], env
        )
    if result.returncode != 0:
        raise RuntimeError("the book build failed:\n" + tail(result))
    table.add(Row("course", "clean book build with execution (make book)",
                   f"{format_seconds(seconds)} (CPU {format_seconds(used)})"))

    seconds, used, result = timed_command([sys.executable, "-m", "pytest", "-q"], env)
    if result.returncode != 0:
        raise RuntimeError("the test command failed:\n" + tail(result))
    passed = re.search(r"(\d+) passed", result.stdout)
    table.add(Row(
        "course", f"test command (make test: python -m pytest, {passed.group(1) if passed else '?'} tests)",
        f"{format_seconds(seconds)} (CPU {format_seconds(used)})",
        target=f"< {TEST_TARGET_SECONDS / 60:.0f} min", met=seconds < TEST_TARGET_SECONDS,
    ))
