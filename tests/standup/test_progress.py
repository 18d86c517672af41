"""Recording progress: each call one journal entry, dates as the status date implies, refusals
that leave the plan alone, and the stand-up event written in the same action."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.models.risks import Issue
from pmtui.models.standup import StandupEvent
from pmtui.services import history
from pmtui.services import progress as pg
from pmtui.services.actions import reading
from pmtui.services.standup import start_standup
from pmtui.services.tasks import get_plan
from tests.foundation.helpers import dump
from tests.standup.helpers import DAY, NINE, TODAY, demo_id


@pytest.fixture
def pid(store):
    return demo_id(store)


def task(store, pid, wbs):
    return get_plan(store, pid).resolve(wbs)


def test_started_done_and_percent_follow_the_status_date(store, pid):
    # 3.2.4 has not started; the status date (2026-11-23) is the first day of unfinished work.
    r = pg.mark_started(store, pid, "3.2.4")
    assert r.task.actual_start == TODAY and r.task.percent_complete == 0
    r = pg.set_percent(store, pid, "3.2.4", 40)
    assert r.task.percent_complete == 40 and r.task.actual_start == TODAY
    # Done without a date: by the end of the last working day before the status date,
    # but never before the task started.
    r = pg.mark_done(store, pid, "3.2.3")
    assert (r.task.percent_complete, r.task.actual_finish, r.task.remaining) == (100, date(2026, 11, 20), 0)
    r = pg.mark_done(store, pid, "3.2.4")
    assert r.task.actual_finish == TODAY
    r = pg.mark_done(store, pid, "3.2.5", on=date(2026, 11, 20))
    assert r.task.actual_start is not None and r.task.actual_start <= date(2026, 11, 20)
    assert r.plan.schedule.tasks[r.task.id].completed


def test_steps_land_on_the_grid_and_reopen(store, pid):
    assert pg.step_percent(store, pid, "2.8", 1).task.percent_complete == 70
    assert pg.step_percent(store, pid, "2.8", 3).task.percent_complete == 100
    with pytest.raises(Conflict, match="already done"):
        pg.step_percent(store, pid, "2.8", 1)
    reopened = pg.step_percent(store, pid, "2.8", -1).task
    assert reopened.percent_complete == 90 and reopened.actual_finish is None


def test_remaining_days_set_percent_as_ms_project_does(store, pid):
    # 3.3.1 started 2026-11-16: five working days before the status date; 5 / (5 + 20) = 20 %.
    r = pg.set_remaining(store, pid, "3.3.1", 20)
    assert (r.task.remaining, r.task.percent_complete) == (20, 20)
    finish = r.plan.schedule.tasks[r.task.id].finish
    assert finish == r.plan.calendar.add_working_days(TODAY, 19)
    assert pg.set_remaining(store, pid, "3.3.1", 0).task.percent_complete == 100


def test_blocker_is_an_open_issue_linked_to_the_task(store, pid):
    r = pg.raise_blocker(store, pid, "3.4.3", "Siebel export user locked")
    with reading(store) as s:
        issue = s.get(Issue, r.issue_id)
        assert (issue.kind, issue.status, issue.task_id, issue.raised_on) == ("blocker", "open", r.task.id, TODAY)
        assert pg.open_blockers(r.plan, s) == {r.task.id: ["Siebel export user locked"]}
    r = pg.add_note(store, pid, "3.4.3", "ask IT for a service account")
    assert r.task.notes.endswith("2026-11-23: ask IT for a service account")


@pytest.mark.parametrize("call, error, text", [
    (lambda s, p: pg.set_percent(s, p, "3.3.1", 140), BadValue, "from 0 to 100"),
    (lambda s, p: pg.mark_done(s, p, "1.1"), Conflict, "already done"),
    (lambda s, p: pg.mark_started(s, p, "2.8"), Conflict, "already started on 2026-11-16"),
    (lambda s, p: pg.mark_started(s, p, "3.2.4", on=date(2026, 12, 1)), BadValue, "after the status date"),
    (lambda s, p: pg.set_remaining(s, p, "9.9", 3), NotFound, "no task 9.9"),
    (lambda s, p: pg.set_percent(s, p, "3", 50), Conflict, "is a summary"),
    (lambda s, p: pg.set_remaining(s, p, "2.9", 2), Conflict, "milestone"),
    (lambda s, p: pg.raise_blocker(s, p, "3.4.3", "  "), BadValue, "empty"),
    (lambda s, p: pg.raise_blocker(s, p, "1.1", "late"), Conflict, "already done"),
])
def test_refusals_change_nothing(store, pid, call, error, text):
    before = dump(store, journal=True)
    with pytest.raises(error, match=text):
        call(store, pid)
    assert dump(store, journal=True) == before


def test_one_journal_entry_with_the_event_and_undo_takes_both(store, pid):
    start_standup(store, pid, DAY, now=NINE)
    before = dump(store)
    r = pg.set_percent(store, pid, "2.8", 80, today=DAY)
    assert len(history.history(store, pid)) == 3  # demo, stand-up, progress
    with reading(store) as s:
        events = s.execute(select(StandupEvent)).scalars().all()
    # Reported by the task's first resource unless someone is named.
    assert [(e.task_id, e.kind, e.detail) for e in events] == [(r.task.id, "progress", "60% → 80%")]
    assert events[0].resource_id == r.plan.assignments_of[r.task.id][0].resource_id
    history.undo(store, pid)
    assert dump(store) == before
