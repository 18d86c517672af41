"""Each journal entry records what its action did to the project finish (and to the task that
ends the plan), also across undo and redo, and a database written before it did still opens."""

from __future__ import annotations

import sqlite3
from datetime import date

from pmtui.services import calendars, history, risks, tasks
from pmtui.services import finish_effect as fx
from pmtui.store import open_store
from pmtui.store import migrate

# 2027-01-04 is a Monday: A runs Mon–Wed, B Thu–Fri, C (a milestone) at the end of Friday.
START = date(2027, 1, 4)


def _plan(store, project):
    tasks.add_task(store, project.id, "A", duration=3)
    tasks.add_task(store, project.id, "B", duration=2, after="1")
    tasks.add_task(store, project.id, "C", duration=0, after="2")


def _effect(store, project, n=1):
    return [fx.loads(e.effect) for e in history.history(store, project.id, n)]


def test_an_edit_records_the_finish_before_and_after_and_the_task_that_ends_the_plan(store, project):
    _plan(store, project)
    milestone, b = _effect(store, project, 2)
    assert (b["before"]["finish"], b["after"]["finish"]) == ("2027-01-06", "2027-01-08")
    assert b["before"]["label"] == "1 A" and b["after"]["label"] == "2 B"
    # a milestone after B ends the plan now, on the same day (the last in outline order)
    assert milestone["before"]["finish"] == milestone["after"]["finish"] == "2027-01-08"
    assert (milestone["before"]["label"], milestone["after"]["label"]) == ("2 B", "3 C")
    tasks.edit_task(store, project.id, "2", duration=4)
    (e,) = _effect(store, project)
    assert e["before"] == {"finish": "2027-01-08", "end": e["before"]["end"], "label": "3 C"}
    assert e["after"]["finish"] == "2027-01-12" and e["after"]["label"] == "3 C"
    assert e["rescheduled"] is True and fx.moved(e)


def test_a_change_the_schedule_does_not_read_keeps_the_finish_without_rescheduling(store, project):
    _plan(store, project)
    risks.add_risk(store, project.id, "Vendor late", probability=3, impact=4)
    tasks.edit_task(store, project.id, "1", notes="waiting on the vendor")
    for e in _effect(store, project, 2):
        assert e["before"] == e["after"] and e["before"]["finish"] == "2027-01-08"
        assert "rescheduled" not in e and not fx.moved(e)


def test_a_holiday_that_moves_the_finish_is_recorded(store, project):
    _plan(store, project)
    calendars.add_exception(store, project.id, date(2027, 1, 5), "Closed")
    (e,) = _effect(store, project)
    assert (e["before"]["finish"], e["after"]["finish"]) == ("2027-01-08", "2027-01-11")


def test_after_an_undo_the_next_change_starts_from_the_plan_the_undo_left(store, project):
    _plan(store, project)
    tasks.edit_task(store, project.id, "2", duration=4)  # finish 12 Jan
    history.undo(store, project.id)  # back to 8 Jan
    tasks.edit_task(store, project.id, "1", duration=4)  # one day more on A: 11 Jan
    (e,) = _effect(store, project)
    assert (e["before"]["finish"], e["after"]["finish"]) == ("2027-01-08", "2027-01-11")
    history.undo(store, project.id)
    history.redo(store, project.id)
    tasks.edit_task(store, project.id, "3", name="Go-live")
    (e,) = _effect(store, project)
    assert e["before"]["finish"] == "2027-01-11" and e["after"]["label"] == "3 Go-live"


def test_creating_and_deleting_tasks_go_from_and_to_no_finish(store, project):
    (created,) = _effect(store, project)
    assert created["before"] == fx.EMPTY and created["after"] == fx.EMPTY
    tasks.add_task(store, project.id, "Only", duration=2)
    (e,) = _effect(store, project)
    assert e["before"]["finish"] is None and e["after"]["finish"] == "2027-01-05"
    tasks.delete_task(store, project.id, "1")
    (e,) = _effect(store, project)
    assert e["before"]["finish"] == "2027-01-05" and e["after"] == fx.EMPTY


def test_a_database_from_before_effects_were_recorded_opens_and_measures_the_next_change(db_path):
    """Written at schema 0005 (the journal without its effect column): it is upgraded on open,
    its entries load with no effect, and the first change after it reads the finish it started
    from from the plan itself."""
    from alembic import command

    from pmtui.services.projects import create_project

    store = open_store(str(db_path))
    project = create_project(store, "Old", START)
    _plan(store, project)
    cfg = migrate._alembic_config()
    with store.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    store.close()
    old = sqlite3.connect(db_path)
    assert "effect" not in [r[1] for r in old.execute("PRAGMA table_info(journal)")]
    assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
    old.close()

    store = open_store(str(db_path))
    try:
        assert list(db_path.parent.glob(f"plan.db.before-{migrate.HEAD}-*.bak"))
        entries = history.history(store, project.id)
        assert len(entries) == 4 and all(e.effect is None for e in entries)
        tasks.edit_task(store, project.id, "2", duration=3)
        (e,) = _effect(store, project)
        assert (e["before"]["finish"], e["after"]["finish"]) == ("2027-01-08", "2027-01-11")
    finally:
        store.close()
