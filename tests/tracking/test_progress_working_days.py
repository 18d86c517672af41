"""Dates `pmtui progress` fills in itself are working days. Work recorded on a day off counts
(tests/tracking/test_costs.py), so a date the user never gave must not fall on one: with the
status date on a Saturday, `--started` put the start on that Saturday, and on a project that
begins on a holiday `--done` dated a 3-day task's whole work on the Saturday after it."""

from __future__ import annotations

from datetime import date

from pmtui.services import calendars, progress as pg
from pmtui.services.projects import create_project, set_status_date
from pmtui.services.tasks import add_task, get_plan

CHRISTMAS = date(2026, 12, 25)  # a Friday
SATURDAY, MONDAY = date(2026, 12, 26), date(2026, 12, 28)


def test_started_by_a_saturday_status_date_starts_on_the_monday(store):
    p = create_project(store, "Rollout", date(2026, 12, 1))
    add_task(store, p.id, "Build", duration=10, after=None)
    add_task(store, p.id, "Test", duration=5, after="1")  # planned after the status date
    set_status_date(store, p.id, SATURDAY)
    r = pg.mark_started(store, p.id, "2")
    assert r.task.actual_start == MONDAY  # the first day of unfinished work: none done yet
    assert r.plan.schedule.tasks[r.task.id].start == MONDAY


def test_progress_on_a_project_starting_on_a_holiday_dates_no_work_before_its_first_working_day(store):
    p = create_project(store, "Cutover", CHRISTMAS)
    calendars.add_exception(store, p.id, CHRISTMAS, "Christmas")
    add_task(store, p.id, "Switch", duration=3)
    set_status_date(store, p.id, SATURDAY)
    assert pg.mark_started(store, p.id, "1").task.actual_start == MONDAY
    finished = pg.mark_done(store, p.id, "1").task
    assert (finished.actual_start, finished.actual_finish) == (MONDAY, MONDAY)
    # done straight away, without a start: the start the scheduler would give is a working day too
    add_task(store, p.id, "Smoke test", duration=2)
    smoke = pg.set_percent(store, p.id, "2", 100).task
    cal = get_plan(store, p.id).calendar
    assert cal.is_working(smoke.actual_start) and cal.is_working(smoke.actual_finish)
