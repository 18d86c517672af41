"""Big changes journaled in bulk (the columns once, then the rows): undo and redo give back the
very rows, byte for byte, and entries written one change per row by earlier versions still undo."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.models.errors import Conflict
from pmtui.services import bulk, history, projects
from pmtui.store import open_store

from tests.foundation.data.make_one_row_journal import digest, plan, raw_dump, table_columns

DATA = Path(__file__).parent / "data"


def _entry(store, project_id: int) -> list[dict]:
    with store.engine.connect() as conn:
        text = conn.exec_driver_sql("SELECT changes FROM journal WHERE project_id = ? ORDER BY id DESC LIMIT 1",
                                    (project_id,)).scalar()
    return json.loads(text)


def test_import_into_is_journaled_in_bulk_and_undoes_byte_for_byte(db_path):
    store = open_store(str(db_path))
    project = bulk.create_project_from(store, plan())
    before = raw_dump(db_path)
    bulk.replace_project_contents(store, project.id, plan(" v2"))
    after = raw_dump(db_path)
    assert after != before
    changes = _entry(store, project.id)
    # the rows replaced are one change per table, not one per row
    deleted = {c["table"]: len(c["rows"]) for c in changes if c["op"] == "delete_rows"}
    assert deleted == {"task": 21, "dependency": 17, "assignment": 18, "resource": 2}
    assert [c["table"] for c in changes if c["op"] == "delete"] == ["calendar_exception"]  # a lone row
    history.undo(store, project.id)
    assert raw_dump(db_path) == before
    history.redo(store, project.id)
    assert raw_dump(db_path) == after
    store.close()


def test_project_deletion_is_journaled_in_bulk_and_undoes_byte_for_byte(db_path):
    store = open_store(str(db_path))
    project = bulk.create_project_from(store, plan())
    before = raw_dump(db_path)
    projects.delete_project(store, project.id)
    after = raw_dump(db_path)
    changes = _entry(store, project.id)
    assert {c["table"] for c in changes if c["op"] == "delete_rows"} >= {"task", "dependency", "assignment"}
    # the project's own row keeps the one-row form the history reads its name from
    assert [c["row"]["name"] for c in changes if c["op"] == "delete" and c["table"] == "project"] == ["Old journal"]
    assert history.deleted_project(store).name == "Old journal"
    history.undo(store, project.id)
    assert raw_dump(db_path) == before
    history.redo(store, project.id)
    assert raw_dump(db_path) == after
    store.close()


def _table_rows(path: Path, table: str) -> list:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        con.close()


def test_bulk_undo_refuses_a_row_changed_since_and_changes_nothing(db_path):
    store = open_store(str(db_path))
    project = bulk.create_project_from(store, plan())
    bulk.replace_project_contents(store, project.id, plan(" v2"))
    history.undo(store, project.id)
    # a row the redo would delete is gone already: refused, nothing changed
    with store.writer.begin() as conn:
        conn.exec_driver_sql("DELETE FROM assignment WHERE id = (SELECT max(id) FROM assignment)")
    then = raw_dump(db_path)
    with pytest.raises(Conflict, match="redo 'Import plan \\(replace\\)'.*assignment row it needs was changed"):
        history.redo(store, project.id)
    assert raw_dump(db_path) == then
    store.close()


def test_bulk_update_undo_refuses_a_row_changed_since(db_path):
    """A baseline tied again to the file's tasks by an import --into is one bulk update."""
    from pmtui.services import baselines

    store = open_store(str(db_path))
    project = bulk.create_project_from(store, plan())
    baselines.save_baseline(store, project.id, "Plan")
    bulk.replace_project_contents(store, project.id, plan())
    updates = [c for c in _entry(store, project.id) if c["op"] == "update_rows"]
    assert [(c["table"], c["columns"], len(c["ids"])) for c in updates] == [("baseline_task", ["task_id"], 21)]
    before_undo = raw_dump(db_path)
    last = "WHERE id = (SELECT max(id) FROM baseline_task)"
    with store.writer.begin() as conn:
        was = conn.exec_driver_sql(f"SELECT task_id FROM baseline_task {last}").scalar()
        conn.exec_driver_sql(f"UPDATE baseline_task SET task_id = (SELECT min(id) FROM task) {last}")
    then = raw_dump(db_path)
    assert then != before_undo
    with pytest.raises(Conflict, match="baseline_task row was changed since"):
        history.undo(store, project.id)
    assert raw_dump(db_path) == then
    with store.writer.begin() as conn:
        conn.exec_driver_sql(f"UPDATE baseline_task SET task_id = ? {last}", (was,))
    history.undo(store, project.id)  # put back as it was, the row no longer stops the undo
    store.close()


def test_entries_written_one_change_per_row_still_undo_and_redo(tmp_path):
    """one_row_journal.json holds a database written by pmtui before bulk deletes and updates
    (see make_one_row_journal.py): every entry undoes to the very rows it had, and redoes."""
    saved = json.loads((DATA / "one_row_journal.json").read_text(encoding="utf-8"))
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript(";\n".join(saved["sql"]))
    con.close()
    texts = [t for (t,) in sqlite3.connect(path).execute("SELECT changes FROM journal WHERE state = 'done'")]
    ops = {c["op"] for t in texts for c in json.loads(t)}
    assert ops == {"insert", "update", "delete", "insert_rows"}  # written one row per change
    states, steps = saved["states"], saved["steps"]
    assert digest(raw_dump(path)) == states[-1]
    # the file is of schema 0007, upgraded on open: the fingerprints leave out the columns added
    # since (calendar.own_week, checked apart) and take the revision it was written at, which
    # undo and redo do not give back
    written, revision = table_columns(path), raw_dump(path)["alembic_version"]
    store = open_store(str(path))
    assert "own_week" not in written["calendar"] and "own_week" in table_columns(path)["calendar"]

    def fingerprint() -> str:
        return digest({**raw_dump(path, written), "alembic_version": revision})

    for k in range(len(steps), 0, -1):
        history.undo(store, steps[k - 1][1])
        assert fingerprint() == states[k - 1], f"undo of {steps[k - 1][0]!r}"
    for k in range(1, len(steps) + 1):
        history.redo(store, steps[k - 1][1])
        assert fingerprint() == states[k], f"redo of {steps[k - 1][0]!r}"
    store.close()
    # the upgrade gave the journal's whole calendar rows (of projects' calendars) own_week false
    con = sqlite3.connect(path)
    assert con.execute("SELECT own_week FROM calendar").fetchall() == [(0,)]
    rows = [c for (t,) in con.execute("SELECT changes FROM journal WHERE changes LIKE '[%'")
            for c in json.loads(t) if c["table"] == "calendar"]
    con.close()
    assert sorted(c["op"] for c in rows) == ["delete", "insert_rows", "insert_rows"]
    assert all(c["row"]["own_week"] is False if c["op"] == "delete" else
               (c["columns"][-1], [r[-1] for r in c["rows"]]) == ("own_week", [False]) for c in rows)


@st.composite
def small_plans(draw):
    """A random small plan: a few phases of tasks, forward links, people on some tasks."""
    data = bulk.PlanData(name="Random", start=date(2027, 1, 4))
    n_res = draw(st.integers(0, 3))
    data.resources = [bulk.ResourceData(r, f"R{r}", cost_rate=draw(st.sampled_from([0, 250.5, 400])))
                      for r in range(n_res)]
    keys = []
    for p in range(draw(st.integers(0, 3))):
        kids = draw(st.integers(0, 4))
        data.tasks.append(bulk.TaskData(key=f"P{p}", name=f"P{p}", duration=draw(st.integers(0, 5)) if not kids else 0))
        if not kids:
            keys.append(f"P{p}")
        for i in range(kids):
            key = f"T{p}.{i}"
            data.tasks.append(bulk.TaskData(key=key, name=draw(st.sampled_from(["a", "b", "Büro"])), parent=f"P{p}",
                                            duration=draw(st.integers(0, 6)), notes=draw(st.sampled_from(["", "n"]))))
            keys.append(key)
    for j, succ in enumerate(keys):
        if j and draw(st.booleans()):
            data.links.append(bulk.LinkData(keys[draw(st.integers(0, j - 1))], succ, draw(st.sampled_from(["FS", "SS"])),
                                            draw(st.integers(-1, 2))))
    if n_res:
        for key in keys:
            if draw(st.booleans()):
                data.assignments.append(bulk.AssignmentData(key, draw(st.integers(0, n_res - 1)),
                                                            draw(st.sampled_from([0.5, 1.0]))))
    return data


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=small_plans(), second=small_plans(), delete=st.booleans())
def test_random_plans_undo_and_redo_byte_for_byte(tmp_path_factory, first, second, delete):
    path = tmp_path_factory.mktemp("random") / "plan.db"
    store = open_store(str(path))
    try:
        project = bulk.create_project_from(store, first)
        before = raw_dump(path)
        bulk.replace_project_contents(store, project.id, second)
        into = raw_dump(path)
        if len(history.history(store, project.id)) == 1:  # nothing to replace, nothing journaled
            assert into == before
            before = None
        if delete:
            projects.delete_project(store, project.id)
        after = raw_dump(path)
        if delete:
            history.undo(store, project.id)
            assert raw_dump(path) == into
        if before is not None:
            history.undo(store, project.id)
            assert raw_dump(path) == before
            history.redo(store, project.id)
            assert raw_dump(path) == into
        if delete:
            history.redo(store, project.id)
            assert raw_dump(path) == after
    finally:
        store.close()


def test_history_and_why_finish_read_the_same_in_either_form(tmp_path):
    """The same actions journaled one row per change and in bulk: `pmtui history` and `pmtui why
    finish` say the same of both (the bulk form is the old entries compacted, times and all)."""
    from pmtui.store.journal import compacted
    from tests.foundation.helpers import cli

    saved = json.loads((DATA / "one_row_journal.json").read_text(encoding="utf-8"))
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.executescript(";\n".join(saved["sql"]))
    con.close()
    asked = [("history", "-n", "50", "--json"), ("why", "finish", "--entry", "1", "--json"),
             ("why", "finish", "--entry", "4"), ("history",)]

    def answers():
        return [cli(path, "-p", "1", *args).stdout for args in asked]

    old = answers()
    assert "replaced the contents" in old[0] and "Finish since change #4" in old[2]
    con = sqlite3.connect(path)
    with con:
        for entry_id, text in con.execute("SELECT id, changes FROM journal WHERE state != 'cursor'").fetchall():
            con.execute("UPDATE journal SET changes = ? WHERE id = ?", (json.dumps(compacted(json.loads(text))), entry_id))
    texts = "".join(t for (t,) in con.execute("SELECT changes FROM journal"))
    con.close()
    assert "delete_rows" in texts and "update_rows" in texts
    assert answers() == old


@pytest.mark.parametrize("kind", ["delete summary", "remove resource", "save baseline", "save over baseline",
                                  "remove baseline"])
def test_big_edits_are_journaled_in_bulk_and_undo_byte_for_byte(kind, db_path):
    """Deleting a summary with its tasks, a person on many tasks, a baseline's tasks: one bulk
    change per table, and undo and redo give back the very rows."""
    from pmtui.services import baselines, resources, tasks

    store = open_store(str(db_path))
    project = bulk.create_project_from(store, plan())
    baselines.save_baseline(store, project.id, "Plan")
    edit, table = {
        "delete summary": (lambda: tasks.delete_task(store, project.id, "2", recursive=True), "task"),
        "remove resource": (lambda: resources.remove_resource(store, project.id, "Ben"), "assignment"),
        "save baseline": (lambda: baselines.save_baseline(store, project.id, "Second"), "baseline_task"),
        "save over baseline": (lambda: baselines.save_baseline(store, project.id, "Plan", replace=True), "baseline_task"),
        "remove baseline": (lambda: baselines.remove_baseline(store, project.id, "Plan"), "baseline_task"),
    }[kind]
    before = raw_dump(db_path)
    edit()
    after = raw_dump(db_path)
    assert after != before
    changes = _entry(store, project.id)
    assert not [c for c in changes if c["table"] == table and c["op"] in ("insert", "delete")]
    assert [c for c in changes if c["table"] == table and c["op"] in ("insert_rows", "delete_rows")]
    history.undo(store, project.id)
    assert raw_dump(db_path) == before
    history.redo(store, project.id)
    assert raw_dump(db_path) == after
    store.close()


def test_the_deleted_project_is_named_from_either_form():
    # `pmtui history` read through sqlite3 names the project an entry deleted: one row, or the
    # rows of a bulk change, which the store's own reading (journal.deleted_row) knows too
    from pmtui.store.quick import deleted_name_in

    one = [{"table": "project", "op": "delete", "id": 4, "row": {"id": 4, "name": "ERP"}}]
    rows = [{"table": "task", "op": "delete_rows", "columns": ["id", "name"], "rows": [[1, "A"]]},
            {"table": "project", "op": "delete_rows", "columns": ["id", "name"], "rows": [[4, "ERP"], [5, "CRM"]]}]
    assert deleted_name_in(json.dumps(one)) == "ERP"
    assert deleted_name_in(json.dumps(rows)) == "ERP"
    assert deleted_name_in(json.dumps(rows[:1])) is None
