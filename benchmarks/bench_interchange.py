"""Import a 10,000-task MS Project XML file (about 3 links per task, all four link types, lags
and leads, 1 summary per 10 tasks), write it to a fresh SQLite store as a new project (checked
and scheduled first), then load it back, schedule it and export it as MSPDI again — the work of
``pmtui import plan.xml`` followed by ``pmtui export out.xml``, in one process.

Then import the file again into that project (``pmtui import plan.xml --into``: its 37,000 rows
replaced by the file's), undo that and redo it: each of the three writes the whole plan twice
over, and its journal entry holds both.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.bench_scheduler import network
from pmtui.interchange import export_text, read_file
from pmtui.services import history
from pmtui.services.bulk import (CalendarData, LinkData, PlanData, TaskData, check, create_project_from,
                                  get_plan_data, plan_into, replace_project_contents)
from pmtui.store import open_store


def make_file(path: Path, n: int = 10_000) -> tuple[int, int]:
    tasks, links = network(n, seed=7)
    data = PlanData(name="Benchmark plan", start=date(2027, 1, 4),
                    calendar=CalendarData(exceptions={date(2027, 5, 1): (False, "Holiday")}))
    for t in tasks:
        data.tasks.append(TaskData(key=t.id, name=t.name, parent=t.parent, duration=t.duration))
    seen = set()
    for l in links:
        if (l.pred, l.succ) in seen:
            continue
        seen.add((l.pred, l.succ))
        data.links.append(LinkData(l.pred, l.succ, l.type.value, l.lag))
    text, _ = export_text(data, "mspdi")
    path.write_text(text, encoding="utf-8")
    return len(data.tasks), len(data.links)


def once(src: Path, work: Path, i: int) -> dict[str, float]:
    store = open_store(str(work / f"b{i}.db"))
    try:
        t0 = time.perf_counter()
        imp = read_file(src)
        t1 = time.perf_counter()
        sched = check(imp.data)
        t2 = time.perf_counter()
        project = create_project_from(store, imp.data, sched=sched)
        t3 = time.perf_counter()
        data = get_plan_data(store, project.id)
        t4 = time.perf_counter()
        text, _ = export_text(data, "mspdi")
        (work / f"out{i}.xml").write_text(text, encoding="utf-8")
        t5 = time.perf_counter()
        # as `pmtui import plan.xml --into`: read, fitted to the project, checked, written
        again = read_file(src)
        into = plan_into(store, project.id, again.data)
        replace_project_contents(store, project.id, again.data, checked=True, sched=(into.data, check(into.data)))
        t6 = time.perf_counter()
        history.undo(store, project.id)
        t7 = time.perf_counter()
        history.redo(store, project.id)
        t8 = time.perf_counter()
    finally:
        store.close()
    return {"parse": t1 - t0, "check": t2 - t1, "write": t3 - t2, "load": t4 - t3, "export": t5 - t4,
            "total": t5 - t0, "into": t6 - t5, "undo": t7 - t6, "redo": t8 - t7}


def run() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        src = work / "plan.xml"
        n_tasks, n_links = make_file(src)
        size = src.stat().st_size
        runs = [once(src, work, i) for i in range(3)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    return [
        (f"import+schedule+export {n_tasks:,} tasks, {n_links:,} links (median of 3)", f"{med['total']:.3f} s", "<= 1.0 s"),
        (f"  parse + read MSPDI ({size / 1e6:.1f} MB; DTD check, C parser)", ms(med["parse"]), "(info)"),
        ("  check + schedule before writing", ms(med["check"]), "(info)"),
        ("  write to SQLite (one executemany per table, journaled)", ms(med["write"]), "(info)"),
        ("  load back (Core)", ms(med["load"]), "(info)"),
        ("  schedule + write MSPDI", ms(med["export"]), "(info)"),
        (f"import --into the same project ({n_tasks:,} tasks replaced)", f"{med['into']:.3f} s", "(info)"),
        ("  undo of that import", f"{med['undo']:.3f} s", "(info)"),
        ("  redo of it", f"{med['redo']:.3f} s", "(info)"),
    ]
