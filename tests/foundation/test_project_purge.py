"""Deleting a project for confidentiality: `project delete` keeps the project's rows in the undo
history (that is how `undo` brings it back), and SQLite keeps deleted rows' bytes in the file's
free pages and in its write-ahead log. After `project delete NAME`, `strings plan.db` still showed
every task name, note, risk and stand-up note of it. `pmtui project purge` (or `delete --purge`)
erases them: from the history, then from the file's bytes (VACUUM, the log emptied), also while
another pmtui has the file open."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui.cli import projects as cli_projects
from pmtui.services import projects
from tests.foundation.helpers import cli, dump

START = "2027-01-04"
SECRETS = ("ZebraTaskName", "ZebraTaskNote", "ZebraRiskTitle", "ZebraRiskTrigger", "ZebraIssue",
           "ZebraStandupYesterday", "ZebraStandupToday", "ZebraPerson", "ZebraProject", "ZebraBaseline")


def ok(db, *args: str, input: str | None = None):
    r = cli(db, *args, input=input)
    assert r.exit_code == 0, (args, r.stderr)
    return r


def on_disk(db: Path) -> bytes:
    """Every byte pmtui's files hold of the plan: the database, its write-ahead log, its index."""
    return b"".join(p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")) if p.is_file())


@pytest.fixture
def secret(db_path):
    """'Keep', then 'ZebraProject' (current) with a text in every kind of record, and the file
    held open as the planner holds it."""
    ok(db_path, "project", "new", "Keep", "--start", START)
    ok(db_path, "task", "add", "Keep task", "--duration", "2d")
    ok(db_path, "project", "new", "ZebraProject", "--start", START)
    ok(db_path, "task", "add", "ZebraTaskName", "--duration", "3d", "--notes", "ZebraTaskNote " * 40)
    ok(db_path, "resource", "add", "ZebraPerson", "--rate", "100")
    ok(db_path, "assign", "1", "ZebraPerson")
    ok(db_path, "risk", "add", "ZebraRiskTitle", "-P", "3", "-I", "4", "--trigger", "ZebraRiskTrigger")
    ok(db_path, "issue", "add", "ZebraIssue")
    ok(db_path, "baseline", "save", "ZebraBaseline")
    ok(db_path, "standup", "start", "--date", "2027-01-05")
    ok(db_path, "standup", "note", "ZebraPerson", "--yesterday", "ZebraStandupYesterday",
       "--today", "ZebraStandupToday")
    ok(db_path, "standup", "finish")
    ok(db_path, "task", "edit", "1", "--duration", "4d")
    from pmtui.store import open_store

    store = open_store(str(db_path))
    with store.engine.connect() as conn:  # as the planner does: its connection stays open in the pool
        conn.exec_driver_sql("SELECT count(*) FROM task").all()
    assert all(s.encode() in on_disk(db_path) for s in SECRETS)
    yield store
    store.close()


def _left(db: Path) -> list[str]:
    data = on_disk(db)
    return [s for s in SECRETS if s.encode() in data]


def test_a_deleted_project_stays_in_the_file_until_purged(secret, db_path):
    keep = {t: rows for t, rows in dump(secret).items()}
    r = ok(db_path, "project", "delete", "ZebraProject", "--yes")
    assert "until `pmtui project purge` the undo history keeps its texts" in r.stdout
    assert _left(db_path)  # undo needs them: kept
    r = ok(db_path, "project", "purge", "--yes")
    assert r.stdout == ("Erased 1 deleted project for good ('ZebraProject'): nothing of it is left in the undo "
                        "history or the database file.\n")
    assert _left(db_path) == []
    # 'Keep' is as it was, and nothing brings the purged project back
    after = dump(secret)
    assert [row[1] for row in after["project"]] == ["Keep"]
    assert after["task"] == [row for row in keep["task"] if "Keep task" in row]
    r = ok(db_path, "history")
    assert "Zebra" not in r.stdout and "Keep task" in r.stdout
    r = ok(db_path, "undo")  # the only project left's own change, not the deletion
    assert r.stdout == "Undone: Add task — added 1 'Keep task' (2d)\n"
    assert [p.name for p, _n, _c in projects.list_projects(secret)] == ["Keep"]


def test_delete_purge_leaves_nothing_and_asks_first(secret, db_path, monkeypatch):
    before = dump(secret, journal=True)
    r = cli(db_path, "project", "delete", "ZebraProject", "--purge")
    assert r.exit_code == 1 and r.stderr.endswith(
        "needs a yes: nothing was deleted; `pmtui project delete 'ZebraProject' --purge --yes` deletes it without "
        "asking\n")
    monkeypatch.setattr(cli_projects, "can_ask", lambda: True)
    r = ok(db_path, "project", "delete", "ZebraProject", "--purge", input="n\n")
    assert "for good? No undo brings it back. [y/N]" in r.stdout and r.stdout.endswith("Nothing deleted.\n")
    assert dump(secret, journal=True) == before
    r = ok(db_path, "project", "delete", "ZebraProject", "--purge", input="y\n")
    assert r.stdout.splitlines()[-1] == (
        "Deleted project 'ZebraProject' with its 1 task, 1 resource, 1 risk, 1 issue, 1 baseline, 1 stand-up and 1 snapshot "
        "for good: nothing of it is left in the undo history or the database file. 'Keep' is the only project "
        "left: commands work on it.")
    assert _left(db_path) == []
    assert [p.name for p, _n, _c in projects.list_projects(secret)] == ["Keep"]


def test_a_project_whose_creation_was_undone_is_purged_too(db_path):
    ok(db_path, "project", "new", "Keep", "--start", START)
    ok(db_path, "project", "new", "ZebraProject", "--start", START)
    ok(db_path, "task", "add", "ZebraTaskName")
    ok(db_path, "undo")
    ok(db_path, "undo", "--yes")  # its creation: `redo` would bring it back, texts and all
    assert "ZebraTaskName" in _left(db_path)
    r = cli(db_path, "project", "purge")
    assert r.exit_code == 1 and r.stderr == (
        "pmtui: erasing 1 deleted project for good ('ZebraProject') needs a yes: nothing was erased; "
        "`pmtui project purge --yes` erases it without asking\n")
    ok(db_path, "project", "purge", "--yes")
    assert _left(db_path) == []
    r = cli(db_path, "redo")
    assert r.exit_code == 1
    r = ok(db_path, "project", "purge", "--yes")
    assert r.stdout == "No deleted project is kept for undo; the database file's free space is wiped.\n"


def test_the_copies_taken_before_upgrades_are_named(secret, db_path):
    copy = db_path.with_name(db_path.name + ".before-0005-20270104-101010-000000.bak")
    copy.write_bytes(b"old")
    r = ok(db_path, "project", "delete", "ZebraProject", "--purge", "--yes")
    assert r.stdout.splitlines()[-1].startswith(
        f"note: the copies taken before schema upgrades hold the plans as they were then ({copy.name}, in ")
