"""Constraints and deadlines: A (3 days, Mon-Wed) → B (2 days); B would start Thursday, day 3."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.scheduling import ConstraintType as C
from pmtui.scheduling import InvalidTaskError, WorkCalendar, schedule

from .conftest import MONDAY, L, T


def run_b(constraint, when=None, dur=2, **kw):
    tasks = [T(1, 3, name="A", wbs="1"), T(2, dur, name="B", wbs="2", constraint=constraint,
                                          constraint_date=when, **kw), T(3, 10, name="Long")]
    return schedule(tasks, [L(1, 2)], WorkCalendar(anchor=MONDAY), MONDAY)


def test_snet_delays_the_start():
    r = run_b(C.SNET, date(2027, 1, 12))
    b = r.tasks[2]
    assert b.es == 6 and b.driven_by == "constraint" and b.driving == ()
    assert not r.violations


def test_snet_earlier_than_the_logic_changes_nothing():
    b = run_b(C.SNET, date(2027, 1, 5)).tasks[2]
    assert b.es == 3 and b.driven_by == "link"


def test_constraint_on_a_weekend_moves_to_the_same_working_instant():
    assert run_b(C.SNET, date(2027, 1, 9)).tasks[2].es == 5  # Saturday start -> Monday
    assert run_b(C.FNET, date(2027, 1, 9)).tasks[2].ef == 4  # Saturday finish -> Friday


def test_fnet():
    b = run_b(C.FNET, date(2027, 1, 15)).tasks[2]
    assert (b.es, b.ef) == (8, 9)


def test_snlt_met_caps_the_late_start():
    r = run_b(C.SNLT, date(2027, 1, 8))
    b = r.tasks[2]
    assert b.es == 3 and b.ls == 4 and b.total_float == 1 and not r.violations


def test_snlt_that_the_logic_cannot_meet_is_kept_and_reported():
    r = run_b(C.SNLT, date(2027, 1, 5))
    b = r.tasks[2]
    assert b.es == 1  # MS Project: the task honours its constraint date
    assert b.driven_by == "constraint"
    assert [v.kind for v in r.violations] == ["constraint"]
    assert r.violations[0].task_id == 2
    assert "2 B: Start No Later Than 2027-01-05 cannot be met" in r.violations[0].message
    assert "2027-01-07" in r.violations[0].message  # what the logic asked for
    assert b.violations == (r.violations[0].message,)


def test_fnlt_violated():
    r = run_b(C.FNLT, date(2027, 1, 7))
    assert (r.tasks[2].es, r.tasks[2].ef) == (2, 3)
    assert "Finish No Later Than" in r.violations[0].message


def test_mso_and_mfo_pin_the_task():
    b = run_b(C.MSO, date(2027, 1, 11)).tasks[2]
    assert (b.es, b.ls, b.total_float) == (5, 5, 0)  # MS Project pins late dates too
    b = run_b(C.MFO, date(2027, 1, 15)).tasks[2]
    assert (b.es, b.ef, b.lf) == (8, 9, 9)
    r = run_b(C.MSO, date(2027, 1, 5))
    assert r.tasks[2].es == 1 and r.violations and r.violations[0].kind == "constraint"


def test_mso_before_the_project_start_is_reported():
    r = run_b(C.MSO, date(2026, 12, 1))
    assert r.tasks[2].es == 0
    assert "before the project start" in r.violations[0].message


def test_alap_sits_on_its_late_dates():
    r = run_b(C.ALAP)
    b = r.tasks[2]
    assert (b.early_start, b.late_start) == (date(2027, 1, 7), date(2027, 1, 14))
    assert b.start == b.late_start and b.finish == date(2027, 1, 15)
    assert b.total_float == 0 and b.free_float == 0  # MS Project measures from scheduled dates


@pytest.mark.parametrize("ct", [C.SNET, C.SNLT, C.FNET, C.FNLT, C.MSO, C.MFO])
def test_dated_constraints_need_a_date(ct):
    with pytest.raises(InvalidTaskError, match="no constraint date"):
        run_b(ct, None)


def test_deadline_flags_and_caps_late_finish_but_never_moves():
    r = run_b(C.ASAP, deadline=date(2027, 1, 7))
    b = r.tasks[2]
    assert (b.es, b.ef) == (3, 4)  # not moved
    assert b.late and b.lf == 3 and b.total_float == -1
    assert r.tasks[1].total_float == -1  # the deadline reaches back through the links
    assert [v.kind for v in r.violations] == ["deadline"]
    assert "after its deadline 2027-01-07" in r.violations[0].message


def test_deadline_met():
    r = run_b(C.ASAP, deadline=date(2027, 1, 20))
    assert not r.tasks[2].late and not r.violations
    assert r.tasks[2].total_float == 5  # the project finish, not the deadline, binds


def test_snet_on_a_summary_holds_back_its_tasks():
    tasks = [T(1, name="S", constraint=C.SNET, constraint_date=date(2027, 1, 11)), T(2, 2, parent=1)]
    r = schedule(tasks, [], WorkCalendar(anchor=MONDAY), MONDAY)
    assert r.tasks[2].es == 5 and r.tasks[2].driven_by == "constraint"


@pytest.mark.parametrize("ct", [C.FNET, C.FNLT, C.MFO])
def test_milestone_finish_constraint_on_the_first_day_is_its_end(ct):
    # Project starts Monday 4 Jan 2027. "Go" is a milestone that must finish on (no earlier than,
    # no later than) that Monday; "Pre" (3 days) FS→ Go only binds the FNLT case (Go keeps its
    # constraint); "Next" (2 days) follows Go FS. A finish constraint typed as a date means the
    # end of that day (MS Project: Mon 17:00), so Go sits at boundary 1 and Next starts Tuesday:
    # Next = Tue 5 – Wed 6 Jan, total float 0 (MPXJ's MicrosoftScheduler gives the same). pmtui
    # put Go at boundary 0 (Mon 08:00), so Next ran Mon 4 – Tue 5, inside the day Go finishes.
    tasks = [T(1, 0, name="Go", constraint=ct, constraint_date=MONDAY), T(2, 2, name="Next"),
             T(3, 3, name="Pre")]
    links = [L(1, 2)] + ([L(3, 1)] if ct is C.FNLT else [])
    r = schedule(tasks, links, WorkCalendar(anchor=MONDAY), MONDAY)
    go, nxt = r.tasks[1], r.tasks[2]
    assert go.start == go.finish == MONDAY
    assert (nxt.start, nxt.finish) == (date(2027, 1, 5), date(2027, 1, 6))
    assert (go.total_float, nxt.total_float) == (0, 0)


def test_a_milestone_held_on_its_must_start_on_is_said_to_start_on_the_day_it_is_dated():
    # The demo's go-live (Must Start On 2027-02-01) pushed by late work read "it is kept on its
    # constraint date (starts 2027-01-29)", the Friday before, while every screen dated it 1 February
    # (an instant: held at the start of its day, allowed by the work before it at the end of one)
    for day, held in ((date(2027, 1, 5), "2027-01-05"), (date(2027, 1, 6), "2027-01-06")):
        r = run_b(C.MSO, day, dur=0)
        b = r.tasks[2]
        assert (b.start, b.finish) == (day, day)
        assert r.violations[0].message == (
            f"2 B: Must Start On {day} cannot be met: its predecessors allow it at the end of 2027-01-06 "
            f"at the earliest; it is kept on its constraint date (at the start of {held}) as MS Project "
            "does, and the link is not honoured")
