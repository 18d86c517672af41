"""The ``pmtui`` command line as a PM scripting it, or running it over SSH, feels it: the real
command in a fresh process, from spawning it to its exit. Start-up (``pmtui --help``, ``pmtui
status --help``, and the commands that only read, on the demo plan, where the command's own work
is small) and ``pmtui task list`` on a 2,000-task plan, piped and in a pseudo-terminal of 80
columns (its table fitted to the terminal). Median of several runs each (wall time, and CPU time
in brackets), with the machine's speed before and after.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_scheduler import _reference_loop
from benchmarks.bench_tui import build_plan

N = 2_000
# The commands that only read, each as fast as `task list` (sqlite3 alone, see State.quick)
READS = (["status"], ["evm"], ["variance"], ["risk", "list"], ["resource", "list"], ["cost", "list"], ["history"],
         ["standup", "agenda"], ["project", "list"], ["baseline", "list"], ["status", "history"], ["risk", "show", "R1"],
         ["risk", "matrix"], ["gantt", "--width", "120"])


def _pmtui() -> str:
    return str(Path(sys.executable).with_name("pmtui"))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(args: list[str], env: dict, runs: int, pty_columns: int | None = None) -> str:
    """Median wall time of the command, and its median CPU time (less swayed by the other work
    of a shared machine); with ``pty_columns``, run in a pseudo-terminal of that width (its
    output read and thrown away), else piped."""
    times, cpus = [], []
    for _ in range(runs):
        if pty_columns:
            import pty

            cpu = _cpu()
            master, slave = pty.openpty()
            _size(slave, pty_columns)
            t = time.perf_counter()
            proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
            os.close(slave)
            while True:
                try:
                    if not os.read(master, 1 << 16):
                        break
                except OSError:  # the child closed the terminal
                    break
            proc.wait()
            times.append(time.perf_counter() - t)
            os.close(master)
            cpus.append(_cpu() - cpu)
        else:
            _run_piped(args, env, times, cpus)
    return f"{statistics.median(times):.2f} s ({statistics.median(cpus):.2f} CPU)"


def _run_piped(args: list[str], env: dict, times: list[float], cpus: list[float]) -> None:
    """Run the command once, piped, adding its wall and CPU time to ``times`` and ``cpus``."""
    cpu = _cpu()
    t = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - t)
    cpus.append(_cpu() - cpu)


def _timed_pairs(argvs: list[list[str]], env: dict, rounds: int) -> str:
    """Median wall and CPU time of each command of ``argvs`` run in turn, ``rounds`` times (an
    edit and the one that takes it back, so the plan is the same at each round)."""
    times, cpus = [], []
    for _ in range(rounds):
        for args in argvs:
            _run_piped(args, env, times, cpus)
    return f"{statistics.median(times):.2f} s ({statistics.median(cpus):.2f} CPU)"


def _size(fd: int, columns: int) -> None:
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))


def run() -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="pmtui-bench-cli-") as tmp:
        env = dict(os.environ, PMTUI_CONFIG_DIR=tmp, PMTUI_DATA_DIR=tmp, TERM="xterm-256color")
        env.pop("COLUMNS", None)
        demo = str(Path(tmp) / "demo.db")
        subprocess.run([_pmtui(), "--db", demo, "demo"], env=env, check=True, capture_output=True)
        big = str(Path(tmp) / "plan.db")
        build_plan(big, N, people=20)
        before = _reference_loop()
        help_ = _timed([_pmtui(), "--help"], env, 7)
        command_help = _timed([_pmtui(), "status", "--help"], env, 7)
        small = _timed([_pmtui(), "--db", demo, "task", "list"], env, 7)
        reads = [(argv, _timed([_pmtui(), "--db", demo, *argv], env, 5)) for argv in READS]
        piped = _timed([_pmtui(), "--db", big, "task", "list"], env, 5)
        at80 = _timed([_pmtui(), "--db", big, "task", "list"], env, 5, pty_columns=80)
        # the chart of every task, most of it drawing (one Rich print, see cli.gantt.print_chart)
        gantt = _timed([_pmtui(), "--db", big, "gantt", "--width", "120"], env, 5)
        gantt80 = _timed([_pmtui(), "--db", big, "gantt"], env, 5, pty_columns=80)
        # edits from a script on 10,000 tasks, each undone by the next: read once, scheduled once
        # (the conflicts before and after an edit are a schedule each)
        huge = str(Path(tmp) / "huge.db")
        build_plan(huge, 10_000)
        edits = [(what, _timed_pairs([[_pmtui(), "--db", huge, *a] for a in argvs], env, 3)) for what, argvs in (
            ("task move 3.4 down / up", (["task", "move", "3.4", "down"], ["task", "move", "3.5", "up"])),
            ("task indent 3.5 / outdent 3.4.1", (["task", "indent", "3.5"], ["task", "outdent", "3.4.1"])),
            ("task edit 3.4 -d 4d / 5d", (["task", "edit", "3.4", "-d", "4d"], ["task", "edit", "3.4", "-d", "5d"])),
            ("link 2.2 3.4 / unlink", (["link", "2.2", "3.4"], ["unlink", "2.2", "3.4"])))]
        # a good [standup] section is read without pydantic
        (Path(tmp) / "config.toml").write_text('[standup]\nlookahead_days = 5\norder = ["Jonas Berg"]\n')
        agenda = _timed([_pmtui(), "--db", demo, "standup", "agenda"], env, 7)
        after = _reference_loop()
    out.append(("CLI start-up: `pmtui --help` (median of 7)", f"{help_}", "≤ 0.3 s"))
    out.append(("`pmtui status --help` (median of 7)", f"{command_help}", "≤ 0.3 s"))
    out.append(("`pmtui task list`, demo plan (64 tasks), piped (median of 7)", f"{small}", "≤ 0.4 s"))
    for argv, figure in reads:
        out.append((f"`pmtui {' '.join(argv)}`, demo plan, piped (median of 5)", figure, "≤ 0.4 s"))
    out.append((f"`pmtui task list`, {N:,} tasks, piped (median of 5)", f"{piped}", "≤ 1 s"))
    out.append((f"`pmtui task list`, {N:,} tasks, 80-column pty (median of 5)", f"{at80}", "≤ 1 s"))
    out.append((f"`pmtui gantt --width 120`, {N:,} tasks, piped (median of 5)", f"{gantt}", "≤ 0.5 s"))
    out.append((f"`pmtui gantt`, {N:,} tasks, 80-column pty (median of 5)", f"{gantt80}", "≤ 0.5 s"))
    for what, figure in edits:
        out.append((f"`pmtui {what}`, 10,000 tasks (median of 6)", figure, "≤ 0.8 s"))
    out.append(("`pmtui standup agenda`, demo plan, [standup] set (median of 7)", f"{agenda}", "≤ 0.4 s"))
    out.append(("  machine speed: a fixed loop, before / after", f"{before * 1000:.1f} / {after * 1000:.1f} ms",
                "(info)"))
    return out


if __name__ == "__main__":
    for what, figure, target in run():
        print(f"  {what:<58} {figure:>14}   target {target}")
