"""Tasks scheduled on their resources' working time (own_time): leave moves the work.

Dates worked by hand on January 2027 (Mondays 4, 11, 18, 25), weekends off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.scheduling import (
    ConstraintType, InvalidTaskError, LinkSpec, LinkType, ResourceTime, TaskSpec, UnknownTaskError,
    WorkCalendar, schedule,
)

from .conftest import MONDAY, L, T


def jan(a: int, b: int | None = None) -> frozenset[date]:
    return frozenset(date(2027, 1, d) for d in range(a, (b or a) + 1))


ALICE_WEEK2 = ResourceTime("Alice", jan(11, 15))


def dates(r, tid):
    ts = r.tasks[tid]
    return ts.start, ts.finish


def test_leave_at_the_start_moves_the_task_after_it_and_its_successors_with_it(cal):
    tasks = [T(1, 5, wbs="1", name="Design"), T(2, 5, wbs="2", name="Build"), T(3, 3, wbs="3", name="Test")]
    r = schedule(tasks, [L(1, 2), L(2, 3)], cal, MONDAY, resource_time={2: [ALICE_WEEK2]})
    assert dates(r, 2) == (date(2027, 1, 18), date(2027, 1, 22))
    assert dates(r, 3) == (date(2027, 1, 25), date(2027, 1, 27))
    b = r.tasks[2]
    assert b.driven_by == "leave" and b.driving == ()
    assert b.critical and b.total_float == 0
    # Design could finish a week later: Build waits for Alice anyway
    assert r.tasks[1].total_float == 5 and not r.tasks[1].critical
    assert r.tasks[3].driving == (2,)
    assert r.explain(2) == [
        "2 Build starts 2027-01-18, not 2027-01-11: Alice is on leave 11-15 Jan 2027",
        "it would start 2027-01-11 because 1 Design (FS) finishes 2027-01-08",
        "1 Design starts 2027-01-04, the project start",
    ]
    assert r.own_time == {2} and not r.held


def test_leave_in_the_middle_stretches_the_task_around_it(cal):
    alice = ResourceTime("Alice", jan(6, 7))
    r = schedule([T(1, 5), T(2, 1)], [L(1, 2)], cal, MONDAY, resource_time={1: [alice]})
    # works Mon 4, Tue 5, Fri 8, Mon 11, Tue 12
    assert dates(r, 1) == (date(2027, 1, 4), date(2027, 1, 12))
    assert dates(r, 2) == (date(2027, 1, 13), date(2027, 1, 13))
    assert r.tasks[1].driven_by == "project_start"
    assert r.tasks[1].total_float == 0


def test_two_resources_each_work_the_duration_on_their_own_time_and_the_task_ends_with_the_last(cal):
    alice = ResourceTime("Alice", jan(4, 8))
    bob = ResourceTime("Bob", jan(6))
    r = schedule([T(1, 5)], [], cal, MONDAY, resource_time={1: [alice, bob]})
    # Bob starts at once and works 4, 5, 7, 8, 11; Alice works 11-15
    assert dates(r, 1) == (date(2027, 1, 4), date(2027, 1, 15))
    days = {name: (r.calendar.date_of(a), r.calendar.date_of(b)) for name, (a, b) in r.assignment_days(1).items()}
    assert days == {"Alice": (date(2027, 1, 11), date(2027, 1, 15)), "Bob": (date(2027, 1, 4), date(2027, 1, 11))}
    # both away on Monday 4th: the task starts when the first of them is back
    both = ResourceTime("Carol", jan(4))
    r = schedule([T(1, 2)], [], cal, MONDAY, resource_time={1: [both, ResourceTime("Dan", jan(4, 5))]})
    assert dates(r, 1) == (date(2027, 1, 5), date(2027, 1, 7))


def test_a_milestone_has_no_work_and_leave_does_not_move_it(cal):
    r = schedule([T(1, 5), T(2, 0)], [L(1, 2)], cal, MONDAY, resource_time={2: [ResourceTime("Alice", jan(8, 15))]})
    assert dates(r, 2) == (date(2027, 1, 8), date(2027, 1, 8))
    assert r.own_time == frozenset()


def test_a_started_task_runs_its_remaining_work_around_leave_ahead(cal):
    # 10 days, started Mon 4, half done at status date Mon 11: 5 days left from the 11th;
    # Alice is off Wed 13 and Thu 14, so they run 11, 12, 15, 18, 19
    t = T(1, 10, actual_start=date(2027, 1, 4), percent_complete=50)
    alice = ResourceTime("Alice", jan(13, 14))
    r = schedule([t, T(2, 1)], [L(1, 2)], cal, MONDAY, date(2027, 1, 11), resource_time={1: [alice]})
    assert dates(r, 1) == (date(2027, 1, 4), date(2027, 1, 19))
    assert r.tasks[1].in_progress
    assert dates(r, 2) == (date(2027, 1, 20), date(2027, 1, 20))
    # started from its links (no actual start): the same remaining work
    t = T(1, 10, percent_complete=50)
    r = schedule([t], [], cal, MONDAY, date(2027, 1, 11), resource_time={1: [alice]})
    assert dates(r, 1) == (date(2027, 1, 4), date(2027, 1, 19))


def test_a_lag_counts_project_days_and_the_work_then_waits_for_the_resource(cal):
    alice = ResourceTime("Alice", jan(13, 14))
    # Design 4-8; FS+2 asks for Wed 13; Alice is back Fri 15 and works 15, 18, 19
    r = schedule([T(1, 5), T(2, 3)], [L(1, 2, "FS", 2)], cal, MONDAY, resource_time={2: [alice]})
    assert dates(r, 2) == (date(2027, 1, 15), date(2027, 1, 19))
    assert r.explain(2)[:2] == [
        "T2 starts 2027-01-15, not 2027-01-13: Alice is on leave 13-14 Jan 2027",
        "it would start 2027-01-13 because T1 (FS+2d) finishes 2027-01-08",
    ]
    # SS+1 from a task moved by leave follows its moved start
    r = schedule([T(1, 2), T(2, 2)], [L(1, 2, "SS", 1)], cal, MONDAY, resource_time={1: [ResourceTime("A", jan(4))]})
    assert dates(r, 1) == (date(2027, 1, 5), date(2027, 1, 6))
    assert dates(r, 2) == (date(2027, 1, 6), date(2027, 1, 7))


def test_an_ff_or_sf_link_binds_the_finish_and_the_start_counts_back_over_leave(cal):
    # Spec runs 4-15 Jan; Review (3 days, Alice, off Wed 13 and Thu 14) finishes with it (FF):
    # back from Fri 15 over Alice's days, Fri 15, Tue 12, Mon 11. Bound by its start in project
    # days (15 - 3 = Wed 13), it waited for Alice until Fri 15 and finished Tue 19.
    alice = ResourceTime("Alice", jan(13, 14))
    tasks = [T(1, 10, name="Spec"), T(2, 3, name="Review"), T(3, 1, name="Sign")]
    r = schedule(tasks, [L(1, 2, "FF"), L(2, 3)], cal, MONDAY, resource_time={2: [alice]})
    assert dates(r, 2) == (date(2027, 1, 11), date(2027, 1, 15))
    assert dates(r, 3) == (date(2027, 1, 18), date(2027, 1, 18))
    review = r.tasks[2]
    assert review.driving == (1,) and review.driven_by == "link"
    assert (review.late_start, review.late_finish, review.total_float) == (date(2027, 1, 11), date(2027, 1, 15), 0)
    assert r.tasks[1].free_float == 0 and r.tasks[1].critical
    assert r.explain(2) == ["Review finishes 2027-01-15 because Spec (FF) finishes 2027-01-15",
                            "Spec starts 2027-01-04, the project start"]
    # FF+1 asks for Mon 18: back over her leave from there, Mon 18, Fri 15, Tue 12
    r = schedule(tasks, [L(1, 2, "FF", 1), L(2, 3)], cal, MONDAY, resource_time={2: [alice]})
    assert dates(r, 2) == (date(2027, 1, 12), date(2027, 1, 18))
    assert r.tasks[1].free_float == 0
    # SF: Review must finish by the time Go (FS after Spec) starts, Mon 18: the same days
    tasks = [T(1, 10, name="Spec"), T(4, 2, name="Go"), T(2, 3, name="Review")]
    r = schedule(tasks, [L(1, 4), L(4, 2, "SF")], cal, MONDAY, resource_time={2: [alice]})
    assert dates(r, 2) == (date(2027, 1, 11), date(2027, 1, 15))
    assert r.tasks[2].driving == (4,)
    # its late finish bounds the predecessor's too: with 5 days of room after Spec, Spec's
    # late finish is Review's late finish (FF), not counted by its duration in project days
    tasks = [T(1, 5, name="Spec"), T(2, 3, name="Review"), T(5, 10, name="Long")]
    r = schedule(tasks, [L(1, 2, "FF")], cal, MONDAY, resource_time={2: [alice]})
    assert dates(r, 2) == (date(2027, 1, 6), date(2027, 1, 8))
    assert (r.tasks[2].late_start, r.tasks[2].late_finish) == (date(2027, 1, 11), date(2027, 1, 15))
    assert r.tasks[1].late_finish == date(2027, 1, 15)


def test_an_ff_link_that_decides_the_finish_is_named_though_the_start_counted_back_lands_after_leave(cal):
    # Spec runs 4-15 Jan; Review (3 days, Alice, off Mon 11 and
    # Tue 12) finishes with it (FF): back from Fri 15 over her days, Fri 15, Thu 14, Wed 13. Her
    # working day before Wed 13 is Fri 8, and the start counted back read as Mon 11, the day after
    # it: "starts 13 Jan, not 11 Jan: Alice is on leave", when the link alone fixes its dates.
    alice = ResourceTime("Alice", jan(11, 12))
    tasks = [T(1, 10, name="Spec"), T(2, 3, name="Review")]
    r = schedule(tasks, [L(1, 2, "FF")], cal, MONDAY, resource_time={2: [alice]})
    assert dates(r, 2) == (date(2027, 1, 13), date(2027, 1, 15))
    assert (r.tasks[2].driving, r.tasks[2].driven_by) == ((1,), "link")
    assert r.explain(2) == ["Review finishes 2027-01-15 because Spec (FF) finishes 2027-01-15",
                            "Spec starts 2027-01-04, the project start"]
    # Spec 3 days, 4-6 Jan: counted back from Wed 6 Review would start before the project; from
    # the project start Alice, off Mon 4 and Tue 5, works Wed 6 to Fri 8. The leave decides:
    # it finishes two days after the Wed 6 the link asks for, and says so.
    alice = ResourceTime("Alice", jan(4, 5))
    tasks = [T(1, 3, name="Spec"), T(2, 3, name="Review")]
    r = schedule(tasks, [L(1, 2, "FF")], cal, MONDAY, resource_time={2: [alice]})
    assert dates(r, 2) == (date(2027, 1, 6), date(2027, 1, 8))
    assert (r.tasks[2].driving, r.tasks[2].driven_by) == ((), "leave")
    assert r.explain(2) == ["Review starts 2027-01-06, not 2027-01-04: Alice is on leave 4-5 Jan 2027"]


def test_leave_before_the_project_finish_takes_float_from_the_late_dates(cal):
    # X runs 4-15 Jan and sets the finish; Y (Alice, 3 days) can finish by 15 Jan only if
    # she is there: off 13-15, she must be done by Tue 12, so start by Fri 8
    alice = ResourceTime("Alice", jan(13, 15))
    r = schedule([T(1, 10), T(2, 3)], [], cal, MONDAY, resource_time={2: [alice]})
    y = r.tasks[2]
    assert (y.start, y.finish) == (date(2027, 1, 4), date(2027, 1, 6))
    assert (y.late_start, y.late_finish) == (date(2027, 1, 8), date(2027, 1, 12))
    assert y.total_float == 4 and y.free_float == 4
    # its predecessor's late finish comes back over the leave too
    r = schedule([T(1, 10), T(3, 1), T(2, 3)], [L(3, 2)], cal, MONDAY, resource_time={2: [alice]})
    assert r.tasks[3].late_finish == date(2027, 1, 7)


def test_an_alap_task_sits_on_its_late_dates_counted_around_leave(cal):
    alice = ResourceTime("Alice", jan(13, 15))
    t = T(2, 3, constraint=ConstraintType.ALAP)
    r = schedule([T(1, 10), t], [], cal, MONDAY, resource_time={2: [alice]})
    assert dates(r, 2) == (date(2027, 1, 8), date(2027, 1, 12))


def test_a_must_start_on_constraint_holds_a_task_on_leave_and_says_so(cal):
    t = T(1, 3, constraint=ConstraintType.MSO, constraint_date=date(2027, 1, 11))
    r = schedule([t], [], cal, MONDAY, resource_time={1: [ALICE_WEEK2]})
    assert dates(r, 1) == (date(2027, 1, 11), date(2027, 1, 13))
    assert r.held == {1} and r.own_time == frozenset()
    # Start No Earlier Than only floors it: leave still moves it
    t = T(1, 3, constraint=ConstraintType.SNET, constraint_date=date(2027, 1, 11))
    r = schedule([t], [], cal, MONDAY, resource_time={1: [ALICE_WEEK2]})
    assert dates(r, 1) == (date(2027, 1, 18), date(2027, 1, 20))
    assert r.tasks[1].driven_by == "leave"


def test_a_finished_task_keeps_its_actual_dates(cal):
    t = T(1, 3, actual_start=date(2027, 1, 11), actual_finish=date(2027, 1, 13), percent_complete=100)
    r = schedule([t], [], cal, MONDAY, resource_time={1: [ALICE_WEEK2]})
    assert dates(r, 1) == (date(2027, 1, 11), date(2027, 1, 13))


def test_leave_on_a_day_the_project_does_not_work_changes_nothing(cal):
    weekend = ResourceTime("Alice", frozenset({date(2027, 1, 9), date(2027, 1, 10)}))
    r = schedule([T(1, 5), T(2, 5)], [L(1, 2)], cal, MONDAY, resource_time={2: [weekend]})
    assert dates(r, 2) == (date(2027, 1, 11), date(2027, 1, 15))
    assert r.own_time == frozenset()


def test_bad_resource_time_is_refused_with_a_clear_message(cal):
    with pytest.raises(UnknownTaskError, match="task id 9, which is not in the plan"):
        schedule([T(1, 5)], [], cal, MONDAY, resource_time={9: [ALICE_WEEK2]})
    with pytest.raises(InvalidTaskError, match="must be a ResourceTime, not str"):
        schedule([T(1, 5)], [], cal, MONDAY, resource_time={1: ["Alice"]})


def test_a_summary_spans_the_moved_task(cal):
    tasks = [T(10, 0, name="Phase"), T(1, 5, parent=10), T(2, 5, parent=10), T(3, 1)]
    r = schedule(tasks, [L(1, 2), L(10, 3)], cal, MONDAY, resource_time={2: [ALICE_WEEK2]})
    assert dates(r, 10) == (date(2027, 1, 4), date(2027, 1, 22))
    assert dates(r, 3) == (date(2027, 1, 25), date(2027, 1, 25))


# -- property ---------------------------------------------------------------------------------

CAL = WorkCalendar(anchor=MONDAY, exceptions={date(2027, 1, 20): False})
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAYS = [MONDAY + timedelta(i) for i in range(60)]


@st.composite
def plans_with_leave(draw):
    n = draw(st.integers(1, 15))
    tasks = []
    for i in range(1, n + 1):
        d = draw(st.integers(0, 6))
        kw = {}
        c = draw(st.sampled_from([None, None, None, ConstraintType.SNET, ConstraintType.MSO, ConstraintType.FNLT]))
        if c is not None:
            kw = {"constraint": c, "constraint_date": draw(st.sampled_from(DAYS[:30]))}
        tasks.append(TaskSpec(i, f"T{i}", d, **kw))
    links = []
    for k in range(2, n + 1):
        for j in draw(st.lists(st.integers(1, k - 1), max_size=2, unique=True)):
            links.append(LinkSpec(j, k, draw(st.sampled_from(list(LinkType))), draw(st.integers(-2, 3))))
    people = [ResourceTime(name, frozenset(draw(st.lists(st.sampled_from(DAYS), max_size=12))))
              for name in ("Ana", "Ben", "Cy")]
    rt = {}
    for t in tasks:
        on = draw(st.lists(st.sampled_from(people), max_size=2, unique=True))
        if on:
            rt[t.id] = on
    return tasks, links, rt


@SETTINGS
@given(plans_with_leave())
def test_no_resource_works_on_leave_unless_a_constraint_holds_the_task_and_it_is_reported(p):
    tasks, links, rt = p
    r = schedule(tasks, links, CAL, MONDAY, resource_time=rt)
    net = r._net
    for t in tasks:
        if t.id not in rt or t.duration == 0:
            continue
        ts = r.tasks[t.id]
        off = {CAL.index_on_or_after(d) for rtime in rt[t.id] for d in rtime.days_off if CAL.is_working(d)}
        if not off & set(range(ts.es, ts.ef + 1)) and t.id not in r.own_time:
            continue  # no leave in its way
        if t.id in r.held:
            assert t.constraint in (ConstraintType.MSO, ConstraintType.FNLT)
            continue
        assert t.id in r.own_time
        days = r.assignment_days(t.id)
        assert set(days) == {x.name for x in rt[t.id]}
        for rtime in rt[t.id]:
            first, last = days[rtime.name]
            mine = {CAL.index_on_or_after(d) for d in rtime.days_off if CAL.is_working(d)}
            worked = [i for i in range(first, last + 1) if i not in mine]
            assert first not in mine and last not in mine
            assert len(worked) == t.duration
            assert ts.es <= first and last <= ts.ef
        assert ts.es == min(a for a, _ in days.values()) and ts.ef == max(b for _, b in days.values())
        # the late start is a day one of them works
        assert any(
            ts.ls not in {CAL.index_on_or_after(d) for d in x.days_off if CAL.is_working(d)} for x in rt[t.id])
    # links still hold (starts in project days; a task may only start later than asked); an FF
    # or SF link into a task on its people's time asks for a start counted back over their time
    for lk in links:
        a, b = net.index[lk.pred], net.index[lk.succ]
        if r.tasks[lk.succ].driven_by == "constraint" or lk.succ in r.held:
            continue
        if lk.succ in r.own_time and lk.type in (LinkType.FF, LinkType.SF):
            # the start counted back over their time from the finish asked for, then the lag
            base = r._ef[a] if lk.type == LinkType.FF else r._es[a]
            ot = r._pl.own_late[b]
            assert r._es[b] >= ot.start_for(base, net.dur[b], lk.lag)
            if lk.lag == 0 and len(rt[lk.succ]) == 1:
                # a finish asked for on days they do not work is met by their last day before
                assert r._ef[b] >= base or not any(ot.works(i) for i in range(r._ef[b], base))
            continue
        want = {LinkType.FS: r._ef[a], LinkType.SS: r._es[a], LinkType.FF: r._ef[a] - net.dur[b],
                LinkType.SF: r._es[a] - net.dur[b]}[lk.type] + lk.lag
        assert r._es[b] >= want


@SETTINGS
@given(plans_with_leave())
def test_without_leave_the_schedule_is_the_project_calendars(p):
    tasks, links, rt = p
    plain = schedule(tasks, links, CAL, MONDAY)
    none_off = {tid: [ResourceTime(x.name, frozenset()) for x in on] for tid, on in rt.items()}
    same = schedule(tasks, links, CAL, MONDAY, resource_time=none_off)
    for t in tasks:
        a, b = plain.tasks[t.id], same.tasks[t.id]
        assert (a.es, a.ef, a.ls, a.lf, a.total_float, a.free_float, a.driving) == (
            b.es, b.ef, b.ls, b.lf, b.total_float, b.free_float, b.driving)


# -- resource calendars: a week of their own, a worked Saturday ------------------------------

def test_a_part_timer_works_the_task_on_their_own_week(cal):
    # Pat works Monday to Wednesday: 5 days from Mon 4 are Mon 4, Tue 5, Wed 6, Mon 11, Tue 12
    pat = ResourceTime("Pat", frozenset(), frozenset({0, 1, 2}))
    r = schedule([T(1, 5, name="Build"), T(2, 1)], [L(1, 2)], cal, MONDAY, resource_time={1: [pat]})
    assert dates(r, 1) == (date(2027, 1, 4), date(2027, 1, 12))
    assert dates(r, 2) == (date(2027, 1, 13), date(2027, 1, 13))
    assert r.own_time == {1}
    # asked to start on a Thursday, Pat starts on the Monday after, which `why` says
    r = schedule([T(1, 3), T(2, 5, name="Build")], [L(1, 2)], cal, MONDAY, resource_time={2: [pat]})
    assert dates(r, 2) == (date(2027, 1, 11), date(2027, 1, 19))  # 11, 12, 13, 18, 19
    assert r.explain(2)[0] == "Build starts 2027-01-11, not 2027-01-07: Pat does not work 7-8 Jan 2027"


def test_a_worked_saturday_counts_and_is_the_date_shown_when_the_work_ends_there(cal):
    # Sam works Sat 9 Jan: 5 days from Wed 6 are Wed 6, Thu 7, Fri 8, Sat 9, Mon 11
    sam = ResourceTime("Sam", frozenset(), None, frozenset({date(2027, 1, 9)}))
    snet = {"constraint": ConstraintType.SNET, "constraint_date": date(2027, 1, 6)}
    r = schedule([T(1, 5, **snet), T(2, 1)], [L(1, 2)], cal, MONDAY, resource_time={1: [sam]})
    assert dates(r, 1) == (date(2027, 1, 6), date(2027, 1, 11))
    assert dates(r, 2) == (date(2027, 1, 12), date(2027, 1, 12))
    # 4 days end on the Saturday: the task, its summary and the project finish that day
    r = schedule([T(10, 0, name="Phase"), T(1, 4, parent=10, **snet)], [], cal, MONDAY, resource_time={1: [sam]})
    assert dates(r, 1) == (date(2027, 1, 6), date(2027, 1, 9))
    assert dates(r, 10) == (date(2027, 1, 6), date(2027, 1, 9))
    assert r.finish == date(2027, 1, 9)


def test_the_resource_calendar_is_based_on_the_project_calendar(cal):
    # MS Project's order: the resource's exceptions, the project's, the resource's week, the
    # project's week. A holiday on Mon 11 is off for Pat too; a worked day of Pat's beats it.
    holiday = WorkCalendar(anchor=MONDAY, exceptions={date(2027, 1, 11): False})
    pat = ResourceTime("Pat", frozenset(), frozenset({0, 1, 2}))
    r = schedule([T(1, 4)], [], holiday, MONDAY, resource_time={1: [pat]})
    assert dates(r, 1) == (date(2027, 1, 4), date(2027, 1, 12))  # 4, 5, 6, (11 off), 12
    pat_on_11 = ResourceTime("Pat", frozenset(), frozenset({0, 1, 2}), frozenset({date(2027, 1, 11)}))
    r = schedule([T(1, 4)], [], holiday, MONDAY, resource_time={1: [pat_on_11]})
    assert dates(r, 1) == (date(2027, 1, 4), date(2027, 1, 11))
    # a resource whose calendar works the project's days changes nothing
    same = ResourceTime("Ann", frozenset({date(2027, 1, 9)}), frozenset(range(5)), frozenset({date(2027, 1, 5)}))
    r = schedule([T(1, 4)], [], cal, MONDAY, resource_time={1: [same]})
    assert r.own_time == frozenset()
    with pytest.raises(InvalidTaskError, match="Nobody's calendar: the calendar has no working weekday"):
        schedule([T(1, 4)], [], cal, MONDAY, resource_time={1: [ResourceTime("Nobody", frozenset(), frozenset())]})
