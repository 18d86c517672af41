"""Writes one_row_journal.json: a database whose journal was written one change per row (as
pmtui wrote it up to commit d4bb9b0, before bulk deletes and updates), as SQL, and a fingerprint
of every table but the journal after each action, for tests/foundation/test_journal_bulk.py to
undo and redo with the code of today. Run from a checkout of that commit:

    PYTHONPATH=src .venv/bin/python tests/foundation/data/make_one_row_journal.py OUT.json
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

from pmtui.services import baselines, bulk, projects, resources, risks, tasks
from pmtui.store import open_store

START = date(2027, 1, 4)


def plan(names: str = "") -> bulk.PlanData:
    """Three phases of leaf tasks with links, people on them, progress with actual dates, a
    holiday and a status date: every kind of value a row holds (dates, floats, booleans).
    ``names`` is added to the names of the phases and every other task: imported into the plan
    without it, the baseline keeps the tasks whose WBS code and name stay."""
    data = bulk.PlanData(name="Old journal", start=START, status_date=date(2027, 1, 13),
                         calendar=bulk.CalendarData(exceptions={date(2027, 1, 6): (False, "Epiphany")}))
    data.resources = [bulk.ResourceData("a", "Ana", cost_rate=480.5), bulk.ResourceData("b", "Ben", cost_rate=300)]
    for p in range(3):
        data.tasks.append(bulk.TaskData(key=f"P{p}", name=f"Phase {p}{names}"))
        for i in range(6):
            key = f"T{p}.{i}"
            done = p == 0 and i < 2
            data.tasks.append(bulk.TaskData(
                key=key, name=f"Task {p}.{i}{names if i % 2 else ''}", parent=f"P{p}",
                duration=1 + (i * 3 + p) % 5,
                percent_complete=100 if done else 0, actual_start=START if done else None,
                actual_finish=date(2027, 1, 5) if done else None, remaining=0 if done else None,
                deadline=date(2027, 3, 1) if i == 5 else None, notes=f"note {i}" if i % 2 else "",
                fixed_cost=125.25 * i,
                **({"optimistic": 1.5, "most_likely": 2.0, "pessimistic": 4.25} if i == 3 else {})))
            if i:
                data.links.append(bulk.LinkData(f"T{p}.{i - 1}", key, "FS" if i % 3 else "SS", i % 2))
            data.assignments.append(bulk.AssignmentData(key, "a" if i % 2 else "b", 0.5 if i == 4 else 1.0))
        if p:
            data.links.append(bulk.LinkData(f"T{p - 1}.5", f"T{p}.0"))
    return data


def raw_dump(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list]:
    """Every row of every table but the journal, each value with the type SQLite stores it as;
    with ``columns`` (table_columns() of the file as it was written), only those: a column a
    later schema upgrade added is not in the fingerprints this file keeps."""
    con = sqlite3.connect(path)
    try:
        out = {}
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for name in names:
            if name in ("journal", "sqlite_sequence"):
                continue
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({name})")]
            if columns is not None:
                cols = [c for c in cols if c in columns.get(name, ())]
            what = ", ".join(f"typeof({c}), {c}" for c in cols)
            out[name] = sorted(([list(r) for r in con.execute(f"SELECT {what} FROM {name}")]), key=repr)
        return out
    finally:
        con.close()


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "plan.db"
        store = open_store(str(path))
        states = [raw_dump(path)]
        steps = []

        def step(name, project_id, fn):
            fn()
            store.engine.dispose()
            states.append(raw_dump(path))
            steps.append([name, project_id])

        created = {}
        step("import", None, lambda: created.setdefault("p", bulk.create_project_from(store, plan())))
        pid = created["p"].id
        steps[-1][1] = pid
        step("baseline", pid, lambda: baselines.save_baseline(store, pid, "Plan"))
        step("risk", pid, lambda: risks.add_risk(store, pid, "Vendor late", probability=3, impact=4))
        step("into", pid, lambda: bulk.replace_project_contents(store, pid, plan(" v2")))
        step("rm summary", pid, lambda: tasks.delete_task(store, pid, "2", recursive=True))
        step("indent", pid, lambda: tasks.indent_task(store, pid, "2"))
        step("rm resource", pid, lambda: resources.remove_resource(store, pid, "Ben"))
        step("baseline again", pid, lambda: baselines.save_baseline(store, pid, "Plan", replace=True))
        step("baseline rm", pid, lambda: baselines.remove_baseline(store, pid, "Plan"))
        step("second", None, lambda: created.setdefault("q", bulk.create_project_from(store, plan(" other"))))
        qid = created["q"].id
        steps[-1][1] = qid
        step("delete second", qid, lambda: projects.delete_project(store, qid))
        store.close()
        con = sqlite3.connect(path)
        sql = list(con.iterdump())
        con.close()
    out.write_text(json.dumps({"sql": sql, "steps": steps, "states": [digest(s) for s in states]}, indent=0) + "\n",
                   encoding="utf-8")


def table_columns(path: Path) -> dict[str, list[str]]:
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: [r[1] for r in con.execute(f"PRAGMA table_info({name})")] for name in names}
    finally:
        con.close()


def digest(state: dict) -> str:
    """A state's fingerprint: the file keeps these, not the states (20 times the size)."""
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
