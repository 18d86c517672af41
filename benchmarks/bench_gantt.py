"""The Gantt screen at scale: switching to it on a 100,000-task plan, and moving the cursor or
scrolling the timeline, measured on the real ``pmtui`` in a pseudo-terminal (120x40) from the key
press to the first byte of the repaint, as benchmarks/bench_tui.py measures the WBS screen."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_tui import Term, build_plan

N = 100_000


def _moves(term: Term, keys: tuple[str, str], n: int = 25) -> tuple[float, float]:
    """Median time from a key to the first byte of the repaint, and median bytes per key."""
    times, sizes = [], []
    for i in range(n):
        term.quiet(0.15)
        t = term.key(keys[i % 2])
        first = b""
        while not first:
            first = term.read(5.0)
        times.append(time.perf_counter() - t)
        sizes.append(len(first) + term.quiet(0.15))
    return statistics.median(times), statistics.median(sizes)


def run() -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="pmtui-bench-gantt-") as tmp:
        os.environ.setdefault("PMTUI_CONFIG_DIR", tmp)
        db = str(Path(tmp) / "plan.db")
        build_plan(db, N)
        term = Term(db)
        try:
            term.wait_for(b"Phase 1", timeout=120)
            term.quiet(0.5)
            firsts = []
            for _ in range(3):  # the first switch builds the screen; later ones resume it
                t = term.key("2")
                firsts.append(term.wait_for(b"zoom week", timeout=30) - t)
                term.quiet(0.3)
                term.key("1")
                term.quiet(0.3)
            term.key("2")
            term.quiet(0.5)
            out.append((f"switch to the Gantt, first frame, {N:,} tasks", f"{firsts[0]:.3f} s", "≤ 0.25 s"))
            out.append((f"switch back to the Gantt, {N:,} tasks (median of 2)",
                        f"{statistics.median(firsts[1:]) * 1000:.0f} ms", "—"))
            med, size = _moves(term, ("j", "k"))
            out.append((f"Gantt cursor move, key to repaint, {N:,} tasks (median)", f"{med * 1000:.1f} ms", "≤ 16 ms"))
            out.append((f"bytes written per Gantt cursor move (median)", f"{size:.0f} B", "2 rows + marks"))
            med, size = _moves(term, ("l", "h"))
            out.append((f"Gantt time scroll (h/l), key to repaint (median)", f"{med * 1000:.1f} ms", "≤ 16 ms"))
            out.append((f"bytes written per time scroll (median)", f"{size:.0f} B", "—"))
            term.key("\x1b[6~")  # page down: the whole view scrolls
            term.quiet(0.3)
            med, size = _moves(term, ("\x1b[6~", "\x1b[5~"), 15)
            out.append((f"Gantt page down/up, key to repaint (median)", f"{med * 1000:.1f} ms", "≤ 16 ms"))
        finally:
            term.close()
    return out


if __name__ == "__main__":
    for what, figure, target in run():
        print(f"  {what:<58} {figure:>14}   target {target}")
