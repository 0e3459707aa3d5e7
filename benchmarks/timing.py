"""Side-by-side timing: interleaved blocks, medians, and the one table every section adds rows to.

Absolute times on a shared machine are noise, so nothing here compares a time with a fixed number
measured at another moment. Contenders are timed in the same run, in alternating blocks (A, B, A,
B, ... after a warm-up), and each figure is the median over the blocks: a burst of load from
another process slows one block of each contender, not one contender.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def per_call_times(
    contenders: dict[str, Callable[[], object]],
    repeats: int = 31,
    block_seconds: float = 0.01,
    warmup_seconds: float = 0.2,
) -> dict[str, list[float]]:
    """Seconds per call of each contender, one entry per block, timed in alternating blocks.

    Each contender is first called for ``warmup_seconds`` (at least 3 calls), which also
    estimates its time per call; a block is then as many calls as fill about ``block_seconds``.
    The order of the contenders rotates from one repeat to the next, and the garbage collector
    is off inside a block, as in :mod:`timeit`.
    """
    calls = {}
    for name, f in contenders.items():
        n, start = 0, time.perf_counter()
        while n < 3 or time.perf_counter() - start < warmup_seconds:
            f()
            n += 1
        per_call = (time.perf_counter() - start) / n
        calls[name] = max(1, round(block_seconds / per_call))
    names = list(contenders)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeats):
        for name in names[r % len(names):] + names[: r % len(names)]:
            f, n = contenders[name], calls[name]
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                start = time.perf_counter()
                for _ in range(n):
                    f()
                elapsed = time.perf_counter() - start
            finally:
                if gc_was_enabled:
                    gc.enable()
            times[name].append(elapsed / n)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def paired_ratio(a: list[float], b: list[float]) -> float:
    """The median over repeats of a's time divided by b's time in the same repeat.

    The two blocks of a repeat ran one right after the other, so a slow spell of the machine
    that lasts longer than a block inflates both and cancels out of their ratio."""
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def format_seconds(seconds: float) -> str:
    """A time with a unit that keeps three significant digits readable: 41.2 us, 3.05 ms, 12.3 s."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale or unit == "us":
            value = seconds / scale
            return f"{value:.3g} {unit}" if value < 100 else f"{value:.0f} {unit}"
    raise AssertionError  # unreachable


@dataclass
class Row:
    """One line of the results table.

    ``measured`` and ``reference`` are display strings; ``ratio`` is measured / reference (or a
    fraction) when the section has one; ``met`` is None when there is no target.
    """

    section: str
    case: str
    measured: str
    reference: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  {row.section}: {row.case}: {row.measured}" + (f" vs {row.reference}" if row.reference else "")
              + (f" -> {row.ratio:.3g}" if row.ratio is not None else ""), flush=True)

    def add_skip(self, section: str, reason: str) -> None:
        self.add(Row(section, "skipped", "", note=reason))

    def markdown(self) -> str:
        return markdown_table(self.rows)


HEADER = ["section", "case", "measured", "reference", "ratio", "target", "met", "note"]


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(["---"] * len(HEADER)) + "|"]
    for r in rows:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        ratio = "" if r.ratio is None else f"{r.ratio:.3g}"
        cells = [r.section, r.case, r.measured, r.reference, ratio, r.target, met, r.note]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)
