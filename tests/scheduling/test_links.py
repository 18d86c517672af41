"""Hand-worked examples. The calendar starts Monday 2027-01-04 = day 0; Friday 8th = 4,
Monday 11th = 5 ... A three-day task A occupies days 0-2 (Mon-Wed)."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.scheduling import InvalidTaskError, WorkCalendar, schedule

from .conftest import MONDAY, L, T


def run(tasks, links, cal=None, **kw):
    return schedule(tasks, links, cal or WorkCalendar(anchor=MONDAY), MONDAY, **kw)


@pytest.mark.parametrize(
    "type_, lag, es, ef",
    [
        ("FS", 0, 3, 4),  # after A finishes Wednesday: Thursday-Friday
        ("FS", 2, 5, 6),  # two days' lag: Monday 11th
        ("FS", -1, 2, 3),  # a day's lead: overlaps A's last day
        ("SS", 1, 1, 2),  # a day after A starts
        ("SS", -2, 0, 1),  # a lead before the project start stays at the start
        ("FF", 0, 1, 2),  # finishes with A (Wednesday)
        ("FF", 2, 3, 4),  # finishes two days after A
        ("SF", 5, 3, 4),  # finishes no earlier than 5 days after A starts
        ("SF", 0, 0, 1),  # would start before the project: kept at the start
    ],
)
def test_each_link_type_with_lags_and_leads(type_, lag, es, ef):
    r = run([T(1, 3, name="A"), T(2, 2, name="B")], [L(1, 2, type_, lag)])
    b = r.tasks[2]
    assert (b.es, b.ef) == (es, ef)
    assert b.start == r.calendar.date_of(es) and b.finish == r.calendar.date_of(ef)


def test_lead_to_the_project_start_is_not_a_driving_link():
    r = run([T(1, 3), T(2, 2)], [L(1, 2, "SS", -2)])
    assert r.tasks[2].driven_by == "project_start" and r.tasks[2].driving == ()


def test_milestones_follow_designs_rule():
    r = run([T(1, 3, name="A"), T(2, 0, name="M"), T(3, 0, name="Kick-off"), T(4, 1, name="B")],
            [L(1, 2), L(2, 4)])
    m = r.tasks[2]
    assert m.milestone and (m.es, m.ef) == (2, 2)  # dated Wednesday, the day A finishes
    assert m.start == m.finish == date(2027, 1, 6)
    assert r.tasks[3].start == r.tasks[3].finish == MONDAY  # nothing before it: the first day
    assert r.tasks[4].start == date(2027, 1, 7)  # the day after the milestone


def test_milestone_ss_and_ff():
    r = run([T(1, 3), T(2, 0), T(3, 0)], [L(1, 2, "SS", 2), L(1, 3, "FF")])
    assert r.tasks[2].es == 1  # boundary 2 = end of day 1
    assert r.tasks[3].es == 2  # at A's finish


def test_holidays_push_work_over_them():
    cal = WorkCalendar(anchor=MONDAY, exceptions={date(2027, 1, 6): False})
    r = run([T(1, 3), T(2, 1)], [L(1, 2)], cal=cal)
    assert r.tasks[1].finish == date(2027, 1, 7)
    assert r.tasks[2].start == date(2027, 1, 8)


def test_worked_saturday_is_used():
    cal = WorkCalendar(anchor=MONDAY, exceptions={date(2027, 1, 9): True})
    r = run([T(1, 6)], [], cal=cal)
    assert r.tasks[1].finish == date(2027, 1, 9)


def test_project_start_on_weekend_moves_to_monday():
    r = schedule([T(1, 1)], [], WorkCalendar(anchor=MONDAY), date(2027, 1, 2))
    assert r.start == MONDAY and r.tasks[1].start == MONDAY


def test_link_to_summary_constrains_every_task_under_it():
    tasks = [T(1, 3, name="A"), T(10, name="S"), T(11, 2, parent=10), T(12, 3, parent=10),
             T(20, name="S2", parent=10), T(21, 1, parent=20), T(30, 1, name="D")]
    r = run(tasks, [L(1, 10), L(10, 30)])
    for tid in (11, 12, 21):
        assert r.tasks[tid].es == 3
        assert r.tasks[tid].driving == (1,) and r.tasks[tid].driven_by == "link"
    s = r.tasks[10]
    assert s.summary and (s.es, s.ef) == (3, 5) and s.driven_by == "children"
    assert r.tasks[30].es == 6 and r.tasks[30].driving == (10,)
    # floats: 11 may slip a day, 12 is critical, the summary takes the least
    assert r.tasks[11].total_float == 1 and r.tasks[12].total_float == 0
    assert s.total_float == 0 and s.critical
    assert r.tasks[20].total_float == 2


def test_ss_from_a_summary_uses_its_start():
    tasks = [T(1, 2), T(10), T(11, 2, parent=10), T(12, 1, parent=10), T(30, 1)]
    r = run(tasks, [L(1, 11), L(10, 30, "SS", 1)])
    assert r.tasks[10].es == 0  # task 12 starts at once
    assert r.tasks[30].es == 1


def test_summary_rolls_up_nested_children():
    tasks = [T(1, name="Top"), T(2, parent=1), T(3, 4, parent=2), T(4, 2, parent=1), T(5, 1)]
    r = run(tasks, [L(3, 4), L(5, 3)])
    assert (r.tasks[2].es, r.tasks[2].ef) == (1, 4)
    assert (r.tasks[1].es, r.tasks[1].ef) == (1, 6)  # task 5 sits outside the summary


def test_only_fs_and_ss_may_point_to_a_summary():
    tasks = [T(1, 3, name="Design", wbs="1.1"), T(2, name="Build", wbs="1.2"), T(3, 2, parent=2)]
    with pytest.raises(InvalidTaskError, match=r"1\.1 Design → 1\.2 Build is FF"):
        run(tasks, [L(1, 2, "FF")])
    run(tasks, [L(1, 2, "SS")])


def test_a_summary_cannot_be_linked_to_its_own_task():
    tasks = [T(1, name="S"), T(2, 2, parent=1)]
    with pytest.raises(InvalidTaskError, match="inside it"):
        run(tasks, [L(1, 2)])
    with pytest.raises(InvalidTaskError, match="inside it"):
        run(tasks, [L(2, 1)])


def test_project_finish_and_late_dates_cap():
    r = run([T(1, 3), T(2, 5), T(3, 1)], [L(1, 3)])
    assert r.finish == date(2027, 1, 8) and r.finish_index == 4
    assert r.tasks[3].lf == 4 and r.tasks[3].total_float == 1
    assert r.tasks[2].free_float == 0 and r.tasks[1].free_float == 0
    assert r.tasks[3].free_float == 1  # no successor: room before the project finish


def test_free_float_stops_at_the_first_binding_link():
    r = run([T(1, 1), T(2, 3), T(3, 1)], [L(1, 3), L(2, 3)])
    assert r.tasks[1].free_float == 2 and r.tasks[1].total_float == 2
    assert r.tasks[2].free_float == 0


def test_a_summary_cannot_be_linked_to_a_task_deeper_inside_it():
    tasks = [T(1, name="Top"), T(2, name="Mid", parent=1), T(3, 2, parent=2), T(4, 1)]
    for lk in (L(1, 3), L(3, 1), L(1, 2), L(2, 1)):
        with pytest.raises(InvalidTaskError, match="inside it"):
            run(tasks, [lk])
    with pytest.raises(InvalidTaskError, match="is SF"):
        run(tasks, [L(4, 2, "SF")])
    run(tasks, [L(4, 2, "SS")])


def test_nested_outline_in_order_and_shuffled_give_the_same_dates():
    # three levels, links to and from inner and outer summaries: the input-order path (no sort)
    # and the Kahn path (tasks given backwards) must agree
    tasks = [T(1, name="A"), T(2, name="A1", parent=1), T(3, 2, parent=2), T(4, 3, parent=2),
             T(5, 1, parent=1), T(6, name="B"), T(7, name="B1", parent=6), T(8, 4, parent=7),
             T(9, 2, parent=6), T(10, 1)]
    links = [L(3, 4), L(2, 5, "SS", 1), L(1, 7), L(5, 6, "FS", -1), L(8, 9, "FF"), L(4, 10, "SF", 2)]
    a = run(tasks, links)
    b = run(tasks[::-1], links[::-1])
    for tid in a.tasks:
        x, y = a.tasks[tid], b.tasks[tid]
        assert (x.es, x.ef, x.ls, x.lf, x.total_float, x.free_float, x.driving) == \
               (y.es, y.ef, y.ls, y.lf, y.total_float, y.free_float, y.driving)
