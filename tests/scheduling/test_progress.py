"""Progress against a status date of Wednesday 13 January 2027 (day 7)."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.scheduling import InvalidTaskError, WorkCalendar, schedule

from .conftest import MONDAY, L, T

STATUS = date(2027, 1, 13)


def run(tasks, links=(), status=STATUS):
    return schedule(tasks, list(links), WorkCalendar(anchor=MONDAY), MONDAY, status_date=status)


def test_finished_task_keeps_its_actual_dates_and_successors_wait_for_the_status_date():
    r = run([T(1, 3, actual_start=MONDAY, actual_finish=date(2027, 1, 7), percent_complete=100),
             T(2, 2)], [L(1, 2)])
    a = r.tasks[1]
    assert (a.start, a.finish) == (MONDAY, date(2027, 1, 7))
    assert a.completed and not a.critical and a.total_float == 0 and a.driven_by == "actual"
    b = r.tasks[2]
    assert b.es == 7 and b.driven_by == "status_date"


def test_work_recorded_on_a_weekend_keeps_its_dates():
    # A cutover worked Saturday 9 and Sunday 10 January: dated as recorded (it showed Friday 8 to
    # Friday 8), while the passes keep it on the working-day grid: its successor starts Monday.
    sat, sun = date(2027, 1, 9), date(2027, 1, 10)
    r = run([T(1, 2, actual_start=sat, actual_finish=sun, percent_complete=100), T(2, 1),
             T(3, 4, actual_start=sun, percent_complete=25)], [L(1, 2)], status=date(2027, 1, 11))
    for view in (r.tasks, r.dates):
        a, c = view[1], view[3]
        assert (a.start, a.finish, a.early_start, a.early_finish) == (sat, sun, sat, sun)
        # its day done sits on the grid's Monday 11 (the working day after Sunday), the 3 left after it
        assert c.start == sun and c.finish == date(2027, 1, 14)
        assert view[2].start == date(2027, 1, 11)
    assert r.tasks[1].es == r.tasks[1].ef  # on the grid: the working day before (Friday 8)


def test_a_summary_and_the_project_span_the_dates_recorded_under_them():
    # Cutover started Sunday 10 and finished Saturday 16 January; its phase said Monday 11 to
    # Friday 15 and the project finished Friday 15, so the phase did not contain its own task.
    sun, sat = date(2027, 1, 10), date(2027, 1, 16)
    r = run([T(1, parent=None), T(2, 3, parent=1, actual_start=sun, actual_finish=sat, percent_complete=100)],
            status=date(2027, 1, 18))
    for view in (r.tasks, r.dates):
        phase = view[1]
        assert (phase.start, phase.finish, phase.early_start, phase.early_finish) == (sun, sat, sun, sat)
    assert (r.start, r.finish) == (MONDAY, sat)
    # a recorded start inside the phase's grid span changes nothing
    r = run([T(1), T(2, 3, parent=1, actual_start=date(2027, 1, 5), actual_finish=date(2027, 1, 7),
                      percent_complete=100), T(3, 2, parent=1)], [L(2, 3)], status=date(2027, 1, 8))
    assert (r.tasks[1].start, r.tasks[1].finish) == (date(2027, 1, 5), date(2027, 1, 11))


def test_actual_finish_alone_puts_the_start_duration_days_earlier():
    a = run([T(1, 3, actual_finish=date(2027, 1, 8))]).tasks[1]
    assert (a.start, a.finish) == (date(2027, 1, 6), date(2027, 1, 8))


def test_hundred_percent_without_actuals_keeps_the_logic_dates():
    r = run([T(1, 3, percent_complete=100), T(2, 1)], [L(1, 2)])
    assert r.tasks[1].es == 0 and r.tasks[1].completed and not r.tasks[1].critical
    assert r.tasks[2].es == 7  # not started: after the status date


def test_in_progress_remaining_work_starts_on_the_status_date():
    # 10 days, 30 % done: 3 days done, 7 left, from Wednesday 13th: days 7..13
    a = run([T(1, 10, actual_start=MONDAY, percent_complete=30)]).tasks[1]
    assert a.start == MONDAY and a.in_progress
    assert (a.es, a.ef) == (0, 13) and a.finish == date(2027, 1, 21)
    assert a.driven_by == "actual"


def test_in_progress_with_remaining_duration():
    a = run([T(1, 10, actual_start=MONDAY, percent_complete=30, remaining=2)]).tasks[1]
    assert a.ef == 8


def test_in_progress_ahead_of_the_status_date():
    # started Monday, 80 % of 5 done = 4 days: the last day follows on Friday 8th (day 4), the
    # status date does not hold it back... only work not yet done is after the status date.
    a = run([T(1, 5, actual_start=MONDAY, percent_complete=80)], status=date(2027, 1, 6)).tasks[1]
    assert (a.es, a.ef) == (0, 4)


def test_percent_without_actual_start_uses_the_logic_start():
    a = run([T(1, 4, percent_complete=50)]).tasks[1]
    assert a.es == 0 and a.ef == 8  # 2 done, 2 left from day 7


def test_not_started_work_never_starts_before_the_status_date():
    r = run([T(1, 2), T(2, 1, actual_start=date(2027, 1, 5))])
    assert r.tasks[1].es == 7 and r.tasks[1].driven_by == "status_date"
    assert r.tasks[2].es == 1  # started: actual start kept


def test_successors_of_in_progress_work():
    r = run([T(1, 10, actual_start=MONDAY, percent_complete=30), T(2, 2)], [L(1, 2)])
    assert r.tasks[2].es == 14 and r.tasks[2].driving == (1,)
    assert r.tasks[1].critical and r.tasks[2].critical


def test_status_date_on_a_weekend_means_the_next_working_day():
    r = run([T(1, 1)], status=date(2027, 1, 9))
    assert r.tasks[1].es == 5


@pytest.mark.parametrize("kw, msg", [
    (dict(percent_complete=150), "percent complete runs from 0 to 100"),
    (dict(percent_complete=-1), "percent complete runs from 0 to 100"),
    (dict(actual_start=date(2027, 1, 8), actual_finish=date(2027, 1, 7)), "before its actual start"),
    (dict(remaining=-2, percent_complete=10), "negative remaining"),
])
def test_bad_progress_values(kw, msg):
    with pytest.raises(InvalidTaskError, match=msg):
        run([T(1, 3, **kw)])


def test_remaining_duration_says_how_many_days_are_done():
    # MS Project: % complete = actual / (actual + remaining). 10 days planned, 50 % with 2 days
    # left is 2 days done (Monday, Tuesday), not 5: the 2 left run from the status date,
    # Wednesday 6th, to Thursday 7th.
    a = run([T(1, 10, actual_start=MONDAY, percent_complete=50, remaining=2)], status=date(2027, 1, 6)).tasks[1]
    assert (a.es, a.ef) == (0, 3) and a.finish == date(2027, 1, 7)
    # the same without an actual start: from the start the logic gives
    a = run([T(1, 10, percent_complete=50, remaining=2)], status=date(2027, 1, 6)).tasks[1]
    assert (a.es, a.ef) == (0, 3)


def test_a_task_started_ahead_of_its_predecessors_holds_none_of_them_back():
    # C started on Monday before A and B ran (progress override: its actual start beats its
    # links going forward). Going backward its late start, which counts the day already done,
    # was read through the B -> C link and gave A and B 14 days of negative float, though B
    # drives the finish and nothing is constrained.
    r = run([T(1, 5), T(2, 5), T(3, 5, actual_start=MONDAY, percent_complete=20)], [L(1, 2), L(2, 3)])
    a, b, c = r.tasks[1], r.tasks[2], r.tasks[3]
    assert (a.total_float, b.total_float) == (0, 0) and a.critical and b.critical
    assert b.finish == r.finish and c.total_float == 6 and not c.critical
    assert c.ls == 6  # its own late start is still reported, from the project finish


def test_a_reached_milestone_sits_at_the_end_of_its_day():
    # "Reached" is a milestone done on Wednesday 6 Jan 2027 (actual start = actual finish, as
    # the app records it); "After SS", "After FS" and "After SF" (2 days each) follow it. A
    # milestone sits at the end of its day (DESIGN; MS Project: Wed 17:00), so SS and FS give
    # the same start, Thursday 7 – Friday 8 Jan, and SF a finish on the milestone's day:
    # Tuesday 5 – Wednesday 6 Jan (MPXJ's MicrosoftScheduler gives the same). pmtui spanned the
    # milestone over the whole Wednesday: SS started Wednesday, SF finished Tuesday.
    wed = date(2027, 1, 6)
    r = run([T(1, 0, name="Reached", percent_complete=100, actual_start=wed, actual_finish=wed),
             T(2, 2), T(3, 2), T(4, 2)], [L(1, 2, "SS"), L(1, 3), L(1, 4, "SF")], status=None)
    assert (r.tasks[1].start, r.tasks[1].finish) == (wed, wed)
    after = (date(2027, 1, 7), date(2027, 1, 8))
    assert (r.tasks[2].start, r.tasks[2].finish) == after
    assert (r.tasks[3].start, r.tasks[3].finish) == after
    assert (r.tasks[4].start, r.tasks[4].finish) == (date(2027, 1, 5), wed)


def test_links_from_the_start_of_a_started_task_leave_its_finish_free():
    # "Build" (5 days) started Monday 4 Jan 2027 and is 40 % done, so it finishes Friday 8 Jan;
    # "Test" (8 days) starts 2 days after it (SS+2): Wednesday 6 – Friday 15 Jan, the project
    # finish and critical. Build's start is history: the SS link binds nothing more, and no link
    # reads its finish, so its finish may slip to the project finish, Friday 15 Jan: total
    # float 5, not critical (MS Project: a started task's slack is its finish slack; MPXJ's
    # MicrosoftScheduler gives the same). pmtui turned "start by Monday" into "finish by
    # Friday 8": float 0, critical.
    r = run([T(1, 5, name="Build", percent_complete=40, actual_start=MONDAY), T(2, 8, name="Test")],
            [L(1, 2, "SS", 2)], status=None)
    build, test = r.tasks[1], r.tasks[2]
    assert (test.start, test.finish, test.critical) == (date(2027, 1, 6), date(2027, 1, 15), True)
    assert (build.finish, build.late_finish) == (date(2027, 1, 8), date(2027, 1, 15))
    assert (build.total_float, build.critical) == (5, False)


@pytest.mark.parametrize("ct", ["FNLT", "MFO"])
def test_a_finish_constraint_still_caps_a_started_task(ct):
    # "Build" (5 days) started Monday 4 Jan 2027 and is 20 % done: it finishes Friday 8 Jan;
    # it must finish no later than (or on) Wednesday 6 Jan. "Docs" (10 days, Mon 4 – Fri 15)
    # sets the project finish. Its actual start fixes its start, not its finish, which is still
    # to come: the constraint caps its late finish at Wednesday 6, so its float is 6 - 8 = -2
    # working days and it is critical (MS Project; MPXJ's MicrosoftScheduler gives the same).
    # pmtui dropped the constraint once work began: late finish Fri 15, float +5, not critical.
    from pmtui.scheduling import ConstraintType

    r = run([T(1, 5, name="Build", percent_complete=20, actual_start=MONDAY,
               constraint=ConstraintType(ct), constraint_date=date(2027, 1, 6)), T(2, 10, name="Docs")],
            status=None)
    b = r.tasks[1]
    assert (b.start, b.finish) == (MONDAY, date(2027, 1, 8))  # actual dates beat the constraint
    assert (b.late_finish, b.total_float, b.critical) == (date(2027, 1, 6), -2, True)


@pytest.mark.parametrize("ct, day, finish, late_finish, total_float", [
    # Finish No Earlier Than Tue 12: the finish waits for it (pmtui let it go at Fri 8)
    ("FNET", date(2027, 1, 12), date(2027, 1, 12), date(2027, 1, 13), 1),
    # Must Finish On Mon 11: the late finish is the date, though "Test" would allow Wed 13
    ("MFO", date(2027, 1, 11), date(2027, 1, 8), date(2027, 1, 11), 1),
    # Must Start On Wed 6: the late start is the date, the late finish that plus the 5 days it
    # spans (Tue 12); the float is the date less the actual start (2)
    ("MSO", date(2027, 1, 6), date(2027, 1, 8), date(2027, 1, 12), 2),
    # Start No Later Than Tue 5 caps the late start: late finish Mon 11, before Test's Wed 13
    ("SNLT", date(2027, 1, 5), date(2027, 1, 8), date(2027, 1, 11), 1),
    # ... and Fri 8 caps it at Thu 14, after what Test needs: Test's Wed 13 holds
    ("SNLT", date(2027, 1, 8), date(2027, 1, 8), date(2027, 1, 13), 3),
    # Start No Earlier Than: the start is history, nothing left for it to hold
    ("SNET", date(2027, 1, 13), date(2027, 1, 8), date(2027, 1, 13), 3),
])
def test_constraints_on_a_started_task_act_on_what_is_still_to_come(ct, day, finish, late_finish, total_float):
    # "Build" (5 days) started Monday 4 Jan 2027 and is 20 % done: it finishes Friday 8 Jan, and
    # "Test" (2 days) after it must be done by Friday 15, when "Docs" (10 days) sets the project
    # finish: Build's late finish is Wednesday 13 unless its constraint says otherwise. Each
    # case was checked against MPXJ's MicrosoftScheduler (MS Project's rules); pmtui dropped
    # every constraint but FNLT/MFO once work began, and took MFO as a cap only.
    from pmtui.scheduling import ConstraintType

    r = run([T(1, 5, name="Build", percent_complete=20, actual_start=MONDAY,
               constraint=ConstraintType(ct), constraint_date=day), T(2, 2, name="Test"), T(3, 10, name="Docs")],
            [L(1, 2)], status=None)
    b = r.tasks[1]
    assert (b.start, b.finish) == (MONDAY, finish)
    assert (b.late_finish, b.total_float) == (late_finish, total_float)
    assert r.tasks[2].start == date(2027, 1, 13 if ct == "FNET" else 11)
    assert r.finish == date(2027, 1, 15)
    held = "held there by its Finish No Earlier Than"
    assert (held in "\n".join(r.explain(1))) == (ct == "FNET")


def test_free_float_ignores_finished_successors():
    # "Spec" (3 days, Mon 4 – Wed 6 Jan 2027) is linked FS to "Build", already done Mon 4 –
    # Tue 5 (recorded ahead of the logic, as happens); "Docs" (10 days, Mon 4 – Fri 15) sets the
    # finish. Finished work waits for nothing, so Spec's free float is the room before its late
    # finish, Friday 15: 7 working days, its total float (MS Project's free slack skips finished
    # successors; MPXJ's MicrosoftScheduler gives 7). pmtui gave 0, read off Build's link. A
    # summary whose tasks are all done counts as finished too.
    tasks = [T(1, 3, name="Spec"), T(5, 0, name="Phase"),
             T(2, 2, name="Build", parent=5, percent_complete=100, actual_start=MONDAY,
               actual_finish=date(2027, 1, 5)),
             T(3, 10, name="Docs"), T(4, 1, name="Open")]
    r = run(tasks, [L(1, 2), L(1, 5), L(1, 4)], status=None)
    spec, open_ = r.tasks[1], r.tasks[4]
    assert (spec.finish, spec.total_float) == (date(2027, 1, 6), 6)  # Open leaves 6 days to Fri 15
    assert (open_.start, open_.total_float, open_.free_float) == (date(2027, 1, 7), 6, 6)
    assert spec.free_float == 0  # the unfinished successor "Open" starts the next day
    r = run(tasks, [L(1, 2), L(1, 5)], status=None)
    assert r.tasks[1].free_float == 7
    assert r.dates[1].free_float == 7  # the sweep for exports agrees with the task's own figure


def test_a_milestone_not_reached_is_dated_the_status_date_and_late_against_a_deadline_before_it():
    # Build finished Thursday 7 January; "Built" follows it, not reached by the status date
    # (Wednesday 13, the first day of unfinished work): dated 13 January, not Tuesday 12 (the
    # end of the day before, which read as due in the past). Its deadline of Tuesday 12 is then
    # missed by a day; dated the 12th, it was not flagged. Its successor still starts the 13th.
    r = run([T(1, 3, actual_start=date(2027, 1, 5), actual_finish=date(2027, 1, 7), percent_complete=100),
             T(2, 0, deadline=date(2027, 1, 12)), T(3, 2)], [L(1, 2), L(2, 3)])
    built = r.tasks[2]
    assert (built.start, built.finish, built.late_finish) == (STATUS, STATUS, STATUS)
    assert built.driven_by == "status_date"
    assert r.tasks[3].start == STATUS
    assert [v.message for v in r.violations] == [
        "T2 finishes 2027-01-13, 1 working day after its deadline 2027-01-12"]


def test_a_summary_and_the_project_end_with_their_milestone_still_to_come():
    # Build (under Phase 1) finished Thursday 7 January; the gate after it, not reached, is dated
    # the status date, Wednesday 13: so are Phase 1, which ended Tuesday 12 (the day before its
    # own gate), and the project, whose finish read Tuesday 12 too
    r = run([T(1, 0), T(2, 3, parent=1, actual_start=date(2027, 1, 5), actual_finish=date(2027, 1, 7),
                         percent_complete=100), T(3, 0, parent=1)], [L(2, 3)])
    assert (r.tasks[3].start, r.tasks[3].finish) == (STATUS, STATUS)
    assert (r.tasks[1].start, r.tasks[1].finish) == (date(2027, 1, 5), STATUS)
    assert r.finish == STATUS
    # a summary over the gate alone spans its day
    r = run([T(1, 3, actual_start=date(2027, 1, 5), actual_finish=date(2027, 1, 7), percent_complete=100),
             T(2, 0), T(3, 0, parent=2)], [L(1, 3)])
    assert (r.tasks[2].start, r.tasks[2].finish) == (STATUS, STATUS)
