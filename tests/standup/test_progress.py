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



@pytest.mark.parametrize("record", [
    lambda s, p: pg.set_percent(s, p, "3.3.1", 40),
    lambda s, p: pg.step_percent(s, p, "3.3.1", 2, 10),  # the stand-up's + + (20 % → 40 %)
])
def test_a_percent_after_days_left_keeps_the_re_estimate(store, pid, record):
    # 20 days left made 3.3.1 a 25-day task (5 done); `pmtui progress 3.3.1 40` dropped that
    # without a word ('remaining 20 → none'): back to its planned 12 days, finishing 12 days earlier
    r = pg.set_remaining(store, pid, "3.3.1", 20)
    finish = r.plan.schedule.tasks[r.task.id].finish
    assert r.plan.duration_now(r.task) == 25
    r = record(store, pid)
    assert (r.task.percent_complete, r.task.remaining) == (40, 15)  # 40 % of 25 days: 15 left
    assert r.plan.duration_now(r.task) == 25 and r.plan.schedule.tasks[r.task.id].finish == finish
    assert "percent complete 20 → 40, remaining 20 → 15" in r.lines[0]
    # back to 0 %: not started, its days left go with its start, as before
    assert pg.set_percent(store, pid, "3.3.1", 0).task.remaining is None

def test_blocker_is_an_open_issue_linked_to_the_task(store, pid):
    r = pg.raise_blocker(store, pid, "3.4.3", "Siebel export user locked")
    with reading(store) as s:
        issue = s.get(Issue, r.issue_id)
        assert (issue.kind, issue.status, issue.task_id, issue.raised_on) == ("blocker", "open", r.task.id, TODAY)
        assert pg.open_blockers(r.plan, s) == {r.task.id: ["Siebel export user locked"]}
    r = pg.add_note(store, pid, "3.4.3", "ask IT for a service account")
    assert r.task.notes.endswith("2026-11-23: ask IT for a service account")



def test_clearing_a_task_s_blockers_resolves_them_in_one_undoable_step(store, pid):
    """A blocker raised in the stand-up could be cleared only with `pmtui issue resolve I..`:
    the next morning it still showed on the task, with no key to say it was gone."""
    start_standup(store, pid, DAY, now=NINE)
    pg.raise_blocker(store, pid, "3.4.3", "Siebel export user locked", today=DAY)
    pg.raise_blocker(store, pid, "3.4.3", "No VPN for the vendor", today=DAY)
    before = dump(store)
    r = pg.clear_blockers(store, pid, "3.4.3", today=DAY)
    assert r.lines == ["3.4.3 Transform & load scripts: accounts & contacts: cleared 2 blockers: "
                       "Siebel export user locked; No VPN for the vendor"]
    with reading(store) as s:
        assert pg.open_blockers(r.plan, s) == {}
        rows = s.execute(select(Issue).where(Issue.kind == "blocker")).scalars().all()
        assert {(i.status, i.resolved_on, i.resolution) for i in rows} == {
            ("resolved", DAY, "Cleared in the stand-up.")}
        event = s.execute(select(StandupEvent).order_by(StandupEvent.id.desc())).scalars().first()
        assert (event.kind, event.detail) == ("unblocked", "Siebel export user locked; No VPN for the vendor")
    with pytest.raises(Conflict, match="3.4.3 Transform & load scripts: accounts & contacts has no open blocker"):
        pg.clear_blockers(store, pid, "3.4.3", today=DAY)
    history.undo(store, pid)
    assert dump(store) == before


@pytest.mark.parametrize("finish", [
    lambda s, p: pg.mark_done(s, p, "3.4.3", today=DAY),
    lambda s, p: pg.set_percent(s, p, "3.4.3", 100, today=DAY),
    lambda s, p: pg.set_remaining(s, p, "3.4.3", 0, today=DAY),
])
def test_a_task_finished_takes_its_blockers_with_it(store, pid, finish):
    """A blocked task marked done kept its blocker open for good: the task left the stand-up's
    list, and with it the only place the blocker showed and c could clear it."""
    pg.mark_started(store, pid, "3.4.3", today=DAY)
    pg.raise_blocker(store, pid, "3.4.3", "Siebel export user locked", today=DAY)
    r = finish(store, pid)
    assert r.lines[0].endswith(", blocker cleared: Siebel export user locked")
    with reading(store) as s:
        assert pg.open_blockers(r.plan, s) == {}
        issue = s.execute(select(Issue).where(Issue.kind == "blocker")).scalars().one()
        assert (issue.status, issue.resolution) == ("resolved", "The task was finished.")
    history.undo(store, pid)
    with reading(store) as s:
        assert pg.open_blockers(get_plan(store, pid), s) == {task(store, pid, "3.4.3").id: ["Siebel export user locked"]}

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
    # a blocker is an issue's title: held to its limit (200), in the words the issue rules use
    (lambda s, p: pg.raise_blocker(s, p, "3.4.3", "b" * 201), BadValue,
     "^blocker is 200 characters at most; you gave 201$"),
    # an escape sequence in it would act on the terminal of whoever lists the issues
    (lambda s, p: pg.raise_blocker(s, p, "3.4.3", "VPN \x1b[2J down"), BadValue,
     "^blocker contains the control character U\\+001B: it must be plain text$"),
    (lambda s, p: pg.raise_blocker(s, p, "3.4.3", "VPN\tdown"), BadValue, "^blocker must be one line$"),
    (lambda s, p: pg.add_note(s, p, "3.4.3", "n" * 201), BadValue, "^note is 200 characters at most; you gave 201$"),
    # as a blocker's: the note goes into the task's notes and the stand-up's summary, printed
    (lambda s, p: pg.add_note(s, p, "3.4.3", "see \x1b[2J the log"), BadValue,
     "^note contains the control character U\\+001B: it must be plain text$"),
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


def test_progress_on_plan_keeps_the_finish(store, project):
    # A (5 days) is planned Monday 4 to Friday 8 January 2027, B after it from the 11th to the
    # 15th. On a Friday status date (the first day of unfinished work), A reported 80 % done is
    # on plan: 4 days done, Monday to Thursday, so it started on Monday and B does not move.
    # (The implied start used to be the status date, which put the done days after it and moved
    # the finish by four days.)
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task

    pid = project.id
    add_task(store, pid, "A", duration=5)
    add_task(store, pid, "B", duration=5, after="1")
    set_status_date(store, pid, date(2027, 1, 8))
    r = pg.set_percent(store, pid, "1", 80)
    assert r.task.actual_start == date(2027, 1, 4)
    a, b = (r.plan.schedule.tasks[t.id] for t in r.plan.tasks)
    assert (a.start, a.finish) == (date(2027, 1, 4), date(2027, 1, 8))
    assert (b.start, b.finish) == (date(2027, 1, 11), date(2027, 1, 15))
    # 40 % of B's 5 days is 2 days done before a status date of Monday 11th: it began on
    # Thursday 7th at the latest, though its predecessor was still running
    set_status_date(store, pid, date(2027, 1, 11))
    r = pg.set_percent(store, pid, "2", 40)
    assert r.task.actual_start == date(2027, 1, 7)
    b = r.plan.schedule.tasks[r.task.id]
    assert b.finish == date(2027, 1, 13)  # 3 days left from the status date


def test_days_left_are_scheduled_from_the_status_date(store, project):
    # Big (10 days) started Monday 4 January; on a status date of Wednesday 6th, 2 days are done
    # and the team says 2 are left: 50 % (MS Project's 2 / (2 + 2)), and the work left runs
    # Wednesday and Thursday, whatever the planned duration was. Next follows on Friday.
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task

    pid = project.id
    add_task(store, pid, "Big", duration=10)
    add_task(store, pid, "Next", duration=2, after="1")
    set_status_date(store, pid, date(2027, 1, 6))
    pg.mark_started(store, pid, "1", on=date(2027, 1, 4))
    r = pg.set_remaining(store, pid, "1", 2)
    assert (r.task.percent_complete, r.task.remaining) == (50, 2)
    big, nxt = (r.plan.schedule.tasks[t.id] for t in r.plan.tasks)
    assert (big.start, big.finish) == (date(2027, 1, 4), date(2027, 1, 7))
    assert (nxt.start, nxt.finish) == (date(2027, 1, 8), date(2027, 1, 11))


def test_a_milestone_is_reached_or_not(store, project):
    # Half a milestone is not a thing: 50 % is refused, + and - jump to reached and back.
    # A milestone started on a date (from a file) stays on that date: it showed a day early.
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task

    pid = project.id
    add_task(store, pid, "A", duration=3)
    add_task(store, pid, "Sign-off", duration=0, after="1")
    set_status_date(store, pid, date(2027, 1, 11))
    before = dump(store)
    with pytest.raises(Conflict, match="milestone"):
        pg.set_percent(store, pid, "2", 50)
    assert dump(store) == before
    r = pg.step_percent(store, pid, "2", 1)
    assert r.task.percent_complete == 100
    assert pg.step_percent(store, pid, "2", -1).task.percent_complete == 0


def test_a_started_milestone_keeps_its_date():
    from pmtui.scheduling import TaskSpec, WorkCalendar, schedule

    monday = date(2027, 1, 4)
    cal = WorkCalendar(anchor=monday)
    r = schedule([TaskSpec(1, "M", 0, actual_start=date(2027, 1, 6), percent_complete=50)], [], cal, monday,
                 status_date=date(2027, 1, 6))
    assert (r.tasks[1].start, r.tasks[1].finish) == (date(2027, 1, 6), date(2027, 1, 6))


def test_days_left_after_a_long_run_end_on_the_status_date(store, project):
    # 28 days done and 1 left is 97 %; read back unrounded that was 32 days done, and the last
    # day moved 4 working days past the status date (a review found it)
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task

    pid = project.id
    add_task(store, pid, "A", duration=30)
    add_task(store, pid, "B", duration=2, after="1")
    set_status_date(store, pid, date(2027, 2, 11))  # 28 working days after Monday 4 January
    pg.mark_started(store, pid, "1", on=date(2027, 1, 4))
    r = pg.set_remaining(store, pid, "1", 1)
    assert r.task.percent_complete == 97
    a = r.plan.schedule.tasks[r.task.id]
    assert a.finish == date(2027, 2, 11)
    # a milestone is reached or not: "started" is refused
    add_task(store, pid, "M", duration=0, after="2")
    with pytest.raises(Conflict, match="milestone"):
        pg.mark_started(store, pid, "3")


def test_work_split_never_counts_more_days_done_than_were():
    from pmtui.scheduling import work_split

    for done in range(0, 120):
        for left in range(1, 40):
            pct = min(99, round(100 * done / (done + left)))
            if pct:
                assert work_split(10, pct, left)[0] <= done
    assert work_split(30, 97, 1) == (28, 1) and work_split(10, 50, 2) == (2, 2)


def test_days_left_on_a_task_not_started_are_a_new_estimate(store, project):
    # "r 5" on a task due next week gave it an actual start on the status date, ahead of its
    # predecessors; a task not started has all its days left: they are its duration
    from pmtui.services.projects import set_status_date
    from pmtui.services.tasks import add_task

    pid = project.id
    add_task(store, pid, "A", duration=5)
    add_task(store, pid, "B", duration=3, after="1")
    set_status_date(store, pid, date(2027, 1, 4))
    r = pg.set_remaining(store, pid, "2", 5)
    assert (r.task.duration, r.task.actual_start, r.task.percent_complete) == (5, None, 0)
    b = r.plan.schedule.tasks[r.task.id]
    assert (b.start, b.finish) == (date(2027, 1, 11), date(2027, 1, 15))
    assert "duration 3 → 5" in " ".join(r.lines)


def test_progress_goes_to_the_stand_up_of_the_status_date(store, pid):
    # `pmtui standup start --date D` opens D's stand-up and moves the status date to D; progress
    # recorded then went to nobody (it looked for today's stand-up only)
    start_standup(store, pid, date(2026, 11, 25))
    pg.set_percent(store, pid, "2.8", 90, today=TODAY)
    with reading(store) as s:
        events = s.execute(select(StandupEvent)).scalars().all()
    assert [e.kind for e in events] == ["progress"]
