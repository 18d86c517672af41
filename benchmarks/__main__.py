"""Run every benchmark module (benchmarks/bench_*.py) and print its figures with the machine.

Each module exposes ``run() -> list[tuple[str, str, str]]``: (what was measured, the figure, the
target), and runs in a process of its own. Timings live here, never in tests.
"""

from __future__ import annotations

import importlib
import os
import platform
import pkgutil
import subprocess
import sys
import time
from pathlib import Path


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        mem = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}, "
        f"Python {platform.python_version()} ({_interpreter()})"
    )


def _interpreter() -> str:
    """The interpreter's file: builds of one version differ by 13 % here (see the Makefile)."""
    return os.path.realpath(getattr(sys, "_base_executable", sys.executable))


def run_one(name: str) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    for what, figure, target in module.run():
        print(f"  {what:<58} {figure:>14}   target {target}", flush=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        run_one(argv[1])
        return 0
    wanted = set(argv)
    here = Path(__file__).parent
    print(f"machine: {machine()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}")
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    for name in names:
        if wanted and name not in wanted and name.removeprefix("bench_") not in wanted:
            continue
        print(f"\n== {name}", flush=True)
        # Each module in a fresh process, as a user's command runs: the 100,000-task plans of
        # one module (and its frozen heap) must not slow the next one down.
        done = subprocess.run([sys.executable, "-m", "benchmarks", "--one", name], cwd=here.parent)
        if done.returncode:
            print(f"  {name} failed (exit {done.returncode})")
            return done.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
