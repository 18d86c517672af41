"""`pmtui project delete`: there was no way to delete a project. It removes every row of it in one
transaction, asks first (or needs --yes), and `pmtui undo` right after brings all of it back."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

from pmtui.cli import projects as cli_projects
from pmtui.services import projects
from tests.foundation.helpers import cli, dump

START = "2027-01-04"


def ok(db, *args: str, input: str | None = None):
    r = cli(db, *args, input=input)
    assert r.exit_code == 0, (args, r.stderr)
    return r


@pytest.fixture
def two(db_path):
    """A small project 'Keep', then the demo plan (current) with a stand-up held on it, so that
    every table of the schema has rows of the project to delete."""
    ok(db_path, "project", "new", "Keep", "--start", START)
    ok(db_path, "task", "add", "k1", "--duration", "2d")
    ok(db_path, "resource", "add", "Kim", "--rate", "500")
    ok(db_path, "assign", "1", "Kim")
    from pmtui.store import open_store

    store = open_store(str(db_path))
    before = dump(store)
    ok(db_path, "demo")
    ok(db_path, "calendar", "holiday", "add", "2026-12-28", "Office closed")
    ok(db_path, "standup", "start")
    ok(db_path, "standup", "note", "Claire Dubois", "--yesterday", "SOW signed", "--today", "UAT plan")
    ok(db_path, "progress", "3.2.3", "60%")
    ok(db_path, "standup", "finish")
    ok(db_path, "status", "snapshot")
    yield store, before
    store.close()


def test_delete_removes_every_row_of_the_project_and_undo_brings_them_back(two, db_path):
    store, before = two
    full = dump(store)
    # the demo and the stand-up leave rows in every table: a table the deletion forgot shows
    grown = {t for t in full if len(full[t]) > len(before[t])}
    assert grown == set(SQLModel.metadata.tables) - {"journal", "setting"}

    r = ok(db_path, "project", "delete", "CRM migration", "--yes")
    assert r.stdout.startswith("Deleted project 'CRM migration' with its 64 tasks, 80 links, 9 resources, ")
    assert "1 stand-up and " in r.stdout and "`pmtui undo` brings it back" in r.stdout
    assert "'Keep' is the only project left: commands work on it." in r.stdout
    after = dump(store)
    # nothing of it is left anywhere; 'Keep' is as it was; none is chosen as current
    assert {t: rows for t, rows in after.items() if t != "setting"} == \
           {t: rows for t, rows in before.items() if t != "setting"}
    assert after["setting"] == []
    assert [p.name for p, _n, _c in projects.list_projects(store)] == ["Keep"]

    r = ok(db_path, "history")
    assert "Project 'CRM migration': deleted by the last change (`pmtui undo` brings it back)." in r.stdout
    r = ok(db_path, "undo")
    assert r.stdout.startswith("Undone: Delete project — deleted project 'CRM migration' with 64 tasks")
    assert "'CRM migration' is the current project again." in r.stdout
    assert dump(store) == full
    # as any undo: redo does it again
    r = ok(db_path, "redo")
    assert r.stdout.startswith("Redone: Delete project")
    assert [p.name for p, _n, _c in projects.list_projects(store)] == ["Keep"]


def test_a_script_must_say_yes_and_a_person_is_asked(two, db_path, monkeypatch):
    store, _ = two
    full = dump(store, journal=True)
    r = cli(db_path, "project", "delete", "CRM migration")
    assert r.exit_code == 1
    assert r.stderr == ("pmtui: deleting project 'CRM migration' with its 64 tasks, 80 links, 9 resources, "
                        "14 risks, 1 issue, 1 baseline, 1 stand-up and 2 snapshots needs a yes: nothing was "
                        "deleted; `pmtui project delete 'CRM migration' --yes` deletes it without asking\n")
    assert dump(store, journal=True) == full

    monkeypatch.setattr(cli_projects, "can_ask", lambda: True)
    r = ok(db_path, "project", "delete", "crm migration", input="n\n")
    assert r.stdout.startswith("Delete project 'CRM migration' with its 64 tasks")
    assert "`pmtui undo` right after brings it back. [y/N]" in r.stdout
    assert r.stdout.endswith("Nothing deleted.\n")
    assert dump(store, journal=True) == full

    r = ok(db_path, "project", "delete", "crm migration", input="y\n")
    assert "Deleted project 'CRM migration'" in r.stdout
    assert [p.name for p, _n, _c in projects.list_projects(store)] == ["Keep"]


def test_unknown_names_are_refused_and_another_project_stays_current(two, db_path):
    store, _ = two
    full = dump(store, journal=True)
    r = cli(db_path, "project", "delete", "CRM", "--yes")
    assert r.exit_code == 1 and r.stderr == "pmtui: no project named 'CRM'; projects: CRM migration, Keep\n"
    assert dump(store, journal=True) == full

    # deleting a project that is not the current one leaves the current one be
    r = ok(db_path, "project", "delete", "Keep", "--yes")
    assert r.stdout == ("Deleted project 'Keep' with its 1 task and 1 resource. `pmtui undo` brings it back, "
                        "until another change is made in any project; until `pmtui project purge` the undo history "
                        "keeps its texts.\n")
    assert [(p.name, c) for p, _n, c in projects.list_projects(store)] == [("CRM migration", True)]
    r = ok(db_path, "undo")
    assert r.stdout.endswith("Work on it with `pmtui project use 'Keep'`; `pmtui redo` deletes it again.\n")
    assert [(p.name, c) for p, _n, c in projects.list_projects(store)] == [("CRM migration", True), ("Keep", False)]


def test_after_another_change_undo_no_longer_means_the_deleted_project(two, db_path):
    store, _ = two
    ok(db_path, "project", "delete", "Keep", "--yes")
    ok(db_path, "task", "add", "After")
    r = ok(db_path, "undo")
    assert r.stdout.startswith("Undone: Add task")
    assert [p.name for p, _n, _c in projects.list_projects(store)] == ["CRM migration"]


def test_with_no_current_project_left_the_message_says_how_to_choose(db_path):
    for name in ("A", "B", "C"):
        ok(db_path, "project", "new", name, "--start", START)
    r = ok(db_path, "project", "delete", "C", "--yes")
    assert r.stdout.endswith("No project is current now: choose one with `pmtui project use NAME`.\n")
    r = ok(db_path, "project", "delete", "#1", "--yes")  # by id, as `project use` takes it
    assert r.stdout == ("Deleted project 'A'. `pmtui undo` brings it back, until another change is made in any project; "
                        "until `pmtui project purge` the undo history keeps its texts.\n")
    ok(db_path, "project", "delete", "B", "--yes")
    r = ok(db_path, "project", "list")
    assert r.stdout.startswith("No projects yet")


def test_redo_after_undoing_the_deletion_of_another_project_deletes_it_again(two, db_path):
    """`project delete Keep` (not the current project), `undo`, then `redo`: the redo went to the
    current project, which had nothing to redo ("nothing to redo in project 'CRM migration'") or,
    worse, an undone edit of its own that came back instead. It deletes Keep again, and an undo
    right after brings Keep back again, as after the deletion itself."""
    store, _ = two
    ok(db_path, "task", "add", "Mine")
    ok(db_path, "undo")  # the current project has a redo of its own waiting
    with_keep = dump(store)
    ok(db_path, "project", "delete", "Keep", "--yes")
    without_keep = dump(store)
    r = ok(db_path, "undo")
    assert r.stdout.endswith("Work on it with `pmtui project use 'Keep'`; `pmtui redo` deletes it again.\n")
    assert dump(store) == with_keep
    r = ok(db_path, "redo")
    assert r.stdout == "Redone: Delete project — deleted project 'Keep' with 1 task and 1 resource\n"
    assert dump(store) == without_keep
    r = ok(db_path, "undo")
    assert r.stdout.startswith("Undone: Delete project — deleted project 'Keep'")
    assert dump(store) == with_keep
    ok(db_path, "redo")
    # the deletion redone, `redo` is the current project's own again
    r = ok(db_path, "redo")
    assert r.stdout.startswith("Redone: Add task — added ") and "'Mine'" in r.stdout
    assert [p.name for p, _n, _c in projects.list_projects(store)] == ["CRM migration"]


def test_after_choosing_a_project_redo_is_the_current_ones_again(two, db_path):
    store, _ = two
    ok(db_path, "project", "delete", "Keep", "--yes")
    ok(db_path, "undo")
    ok(db_path, "project", "use", "CRM migration")
    r = cli(db_path, "redo")
    assert r.exit_code == 1 and "nothing to redo in project 'CRM migration' (the current one)" in r.stderr
    assert sorted(p.name for p, _n, _c in projects.list_projects(store)) == ["CRM migration", "Keep"]
