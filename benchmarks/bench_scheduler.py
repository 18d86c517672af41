"""Critical-path scheduler: the whole ``schedule()`` call (graph build included) on random
networks of about 3 links per task, mixed link types, some lags and leads, 1 summary per 10 tasks
with links to and from summaries. Tasks come in WBS order and links in the order they were
made, as the store hands them over; runs with the links by predecessor, with the links in
random order, and with tasks and links in random order are reported too. Median of several runs; peak memory in a separate run."""

from __future__ import annotations

import random
import statistics
import time
import tracemalloc
from datetime import date

from pmtui.scheduling import LinkSpec, LinkType, TaskSpec, WorkCalendar, schedule

_TYPES = [LinkType.FS] * 14 + [LinkType.SS] * 3 + [LinkType.FF] * 2 + [LinkType.SF]


def network(n: int, seed: int = 1, links_per_task: float = 3.0, block: int = 10, shuffle: bool = False):
    """Blocks of ``block`` leaf tasks under one summary; links only run forward in block order
    (to a summary only from an earlier block, from a summary only to a later one), so the
    network has no cycle."""
    rnd = random.Random(seed)
    tasks: list[TaskSpec] = []
    links: list[LinkSpec] = []
    leaves: list[int] = []
    block_of: dict[int, int] = {}
    summaries: list[int] = []
    next_id = 1
    while len(tasks) < n:
        sid = next_id
        next_id += 1
        b = len(summaries)
        summaries.append(sid)
        tasks.append(TaskSpec(sid, f"Phase {b}", wbs=str(b + 1)))
        for j in range(block):
            if len(tasks) >= n:
                break
            tid = next_id
            next_id += 1
            tasks.append(TaskSpec(tid, f"Task {tid}", rnd.choice((0, 1, 2, 3, 5, 8, 10, 15)),
                                  parent=sid, wbs=f"{b + 1}.{j + 1}"))
            leaves.append(tid)
            block_of[tid] = b
    for i, tid in enumerate(leaves):
        if i == 0:
            continue
        k = int(links_per_task) + (rnd.random() < links_per_task % 1)
        for _ in range(k):
            pred = leaves[max(0, i - rnd.randint(1, 300))]
            lag = rnd.choice((0, 0, 0, 0, 0, 0, 0, 1, 2, -1))
            r = rnd.random()
            if r < 0.03 and block_of[pred] < block_of[tid]:
                links.append(LinkSpec(pred, summaries[block_of[tid]], rnd.choice((LinkType.FS, LinkType.SS)), lag))
            elif r < 0.06 and block_of[pred] < block_of[tid]:
                links.append(LinkSpec(summaries[block_of[pred]], tid, rnd.choice(_TYPES), lag))
            else:
                links.append(LinkSpec(pred, tid, rnd.choice(_TYPES), lag))
    if shuffle:
        rnd.shuffle(tasks)
        rnd.shuffle(links)
    return tasks, links


def by_predecessor(tasks: list[TaskSpec], links: list[LinkSpec]) -> list[LinkSpec]:
    """The links sorted by their source, a summary's place being that of its last task (whose
    dates settle its own), as a plan whose links were made as each task's successors, or a
    generator that goes by predecessor, hands them over. One outline level, as network()."""
    place = {t.id: i for i, t in enumerate(tasks)}
    for i, t in enumerate(tasks):
        if t.parent is not None:
            place[t.parent] = i
    # made afresh in their new order, as such a plan or generator makes them (objects made in
    # another order lie scattered in memory, which costs the build cache misses a load from the
    # store does not have)
    return [LinkSpec(lk.pred, lk.succ, lk.type, lk.lag) for lk in sorted(links, key=lambda lk: place[lk.pred])]


def plain_dag(n: int, order: str = "succ", seed: int = 1):
    """The random network most often written to test a CPM engine: tasks 1..n of 1-10 days, each
    after 3 tasks drawn uniformly from all those before it, no summaries, FS links; the links by
    successor ("succ"), by predecessor ("pred") or in random order ("random")."""
    rnd = random.Random(seed)
    tasks = [TaskSpec(i, f"T{i}", rnd.randint(1, 10)) for i in range(1, n + 1)]
    pairs = [(p, i) for i in range(2, n + 1) for p in rnd.sample(range(1, i), min(3, i - 1))]
    if order == "pred":
        pairs.sort()
    elif order == "random":
        rnd.shuffle(pairs)
    return tasks, [LinkSpec(p, s) for p, s in pairs]


def _time_plain(n: int, runs: int, order: str) -> float:
    tasks, links = plain_dag(n, order)
    cal = WorkCalendar(anchor=date(2027, 1, 4))
    schedule(tasks, links, cal, date(2027, 1, 4))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = schedule(tasks, links, cal, date(2027, 1, 4))
        times.append(time.perf_counter() - t0)
        del result
    return statistics.median(times)


def _time(n: int, runs: int, shuffle: bool = False, shuffle_links: bool = False,
          by_pred: bool = False) -> tuple[float, float, int]:
    """Median wall-clock and CPU seconds of schedule(); the machine is shared, so both.
    ``shuffle_links``: tasks in WBS order, links in random order (as a plan whose links were
    made by hand in any order hands them over); ``by_pred``: links by predecessor."""
    tasks, links = network(n, shuffle=shuffle)
    if shuffle_links:
        links = list(links)
        random.Random(3).shuffle(links)
    if by_pred:
        links = by_predecessor(tasks, links)
    cal = WorkCalendar(anchor=date(2027, 1, 4), exceptions={date(2027, 12, 24): False})
    schedule(tasks, links, cal, date(2027, 1, 4))  # warm-up: the calendar table, imports
    times, cpu = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        result = schedule(tasks, links, cal, date(2027, 1, 4))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        del result  # freeing the previous result is not part of the next call's time
    return statistics.median(times), statistics.median(cpu), len(links)


def moved_blocks(tasks: list[TaskSpec], share: float, seed: int = 5) -> list[TaskSpec]:
    """The same plan with ``share`` of its blocks (a summary and its tasks) swapped around:
    still in WBS order, but some links now run backwards in it, as in most real plans (the demo
    plan has one), which sends schedule() through its topological sort."""
    rnd = random.Random(seed)
    blocks: list[list[TaskSpec]] = []
    for t in tasks:
        if t.parent is None:
            blocks.append([t])
        else:
            blocks[-1].append(t)
    picked = rnd.sample(range(len(blocks)), int(len(blocks) * share))
    order = list(range(len(blocks)))
    for i, j in zip(picked, rnd.sample(picked, len(picked))):
        order[i] = j
    return [t for i in order for t in blocks[i]]


def _time_backwards(n: int, runs: int) -> tuple[float, float]:
    """Median of schedule() on a plan with links running backwards, fresh and as an edited copy
    (one task's duration and progress changed, ``like`` the schedule before the edit)."""
    from dataclasses import replace

    tasks, links = network(n)
    tasks = moved_blocks(tasks, 0.02)
    cal = WorkCalendar(anchor=date(2027, 1, 4), exceptions={date(2027, 12, 24): False})
    before = schedule(tasks, links, cal, date(2027, 1, 4))
    fresh, copy = [], []
    for k in range(runs):
        edited = list(tasks)
        i = next(i for i in range(50 + 37 * k, n) if tasks[i].parent is not None)
        edited[i] = replace(tasks[i], duration=tasks[i].duration + 3, percent_complete=20)
        t0 = time.perf_counter()
        a = schedule(edited, links, cal, date(2027, 1, 4))
        t1 = time.perf_counter()
        b = schedule(edited, links, cal, date(2027, 1, 4), like=before)
        t2 = time.perf_counter()
        fresh.append(t1 - t0)
        copy.append(t2 - t1)
        del a, b
    return statistics.median(fresh), statistics.median(copy)


def _peak(n: int) -> float:
    tasks, links = network(n)
    cal = WorkCalendar(anchor=date(2027, 1, 4))
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    result = schedule(tasks, links, cal, date(2027, 1, 4))
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del result
    return peak / 2**20


def _reference_loop() -> float:
    """Median time of a fixed pure-Python loop. This VM's speed changes by up to 1.5x from
    minute to minute (the same loop, nothing else running); printed beside the 10,000-task
    figure, it tells a slow phase of the machine from a slower scheduler."""
    def loop() -> int:
        x = 0
        for i in range(500_000):
            x += i & 7
        return x

    times = []
    for _ in range(7):
        t0 = time.perf_counter()
        loop()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run() -> list[tuple[str, str, str]]:
    rows = []
    before = _reference_loop()
    t10, c10, m10 = _time(10_000, 15)
    after = _reference_loop()
    rows.append((f"schedule() 10,000 tasks, {m10:,} links (median of 15)", f"{t10 * 1000:.1f} ms", "<= 15 ms"))
    rows.append(("  machine speed: a fixed loop, before / after", f"{before * 1000:.1f} / {after * 1000:.1f} ms",
                 "(info)"))
    rows.append(("  same, CPU time", f"{c10 * 1000:.1f} ms", "(info)"))
    t10p, _, _ = _time(10_000, 11, by_pred=True)
    rows.append(("  same, links by predecessor (median of 11)", f"{t10p * 1000:.1f} ms", "(info)"))
    t10l, _, _ = _time(10_000, 11, shuffle_links=True)
    rows.append(("  same, links in random order (median of 11)", f"{t10l * 1000:.1f} ms", "(info)"))
    t100, c100, m100 = _time(100_000, 5)
    rows.append((f"schedule() 100,000 tasks, {m100:,} links (median of 5)", f"{t100:.3f} s", "<= 0.5 s"))
    rows.append(("  same, CPU time", f"{c100:.3f} s", "(info)"))
    t100p, _, _ = _time(100_000, 3, by_pred=True)
    rows.append(("  same, links by predecessor (median of 3)", f"{t100p:.3f} s", "(info)"))
    t100l, _, _ = _time(100_000, 3, shuffle_links=True)
    rows.append(("  same, links in random order (median of 3)", f"{t100l:.3f} s", "(info)"))
    t100s, _, _ = _time(100_000, 3, shuffle=True)
    rows.append(("  same, tasks and links in random order (median of 3)", f"{t100s:.3f} s", "(info)"))
    for n, runs, unit in ((10_000, 11, "ms"), (100_000, 3, "s")):
        figures = [_time_plain(n, runs, order) for order in ("succ", "pred", "random")]
        shown = " / ".join(f"{x * 1000:.1f}" if unit == "ms" else f"{x:.3f}" for x in figures)
        rows.append((f"plain random DAG, {n:,} tasks, links by successor / predecessor / random order",
                     f"{shown} {unit}", "(info)"))
    fresh, copy = _time_backwards(10_000, 11)
    rows.append(("schedule() 10,000 tasks, 2 % of the links run backwards", f"{fresh * 1000:.1f} ms", "(info)"))
    rows.append(("  same, an edited copy (like=the schedule before)", f"{copy * 1000:.1f} ms", "(info)"))
    rows.append(("peak memory of schedule(), 100,000 tasks (tracemalloc)", f"{_peak(100_000):.0f} MB", "<= 150 MB"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(*row, sep="  ")
