"""Why a task has its float: the late-driving links (the backward twin of the driving links) and
the cap at the end of them. Dates worked by hand on January 2027 (Mondays 4, 11, 18), weekends
off; C, ten days from Monday 4, makes the project finish Friday 15 unless said otherwise."""

from __future__ import annotations

import random
from datetime import date

from pmtui.scheduling import ConstraintType, LinkSpec, LinkType, ResourceTime, TaskSpec, WorkCalendar, schedule

from .conftest import MONDAY, L, T

C = ConstraintType


def jan(d: int) -> date:
    return date(2027, 1, d)


def run(tasks, links, **kw):
    return schedule(tasks, links, WorkCalendar(anchor=MONDAY), MONDAY, **kw)


LONG = T(9, 10, name="C")  # Mon 4 .. Fri 15: the project finish


def test_fs_walks_to_the_project_finish():
    r = run([T(1, 3, name="A"), T(2, 2, name="B"), LONG], [L(1, 2)])
    # B must end by Fri 15, so start by Thu 14; A must end by Wed 13; it ends Wed 6: 5 days
    assert r.tasks[1].total_float == 5
    assert r.explain_float(1) == [
        "A has 5d of float: to meet the project finish 2027-01-15, it must finish by 2027-01-13; it finishes 2027-01-06",
        "A must finish by 2027-01-13 because B (FS) must start by 2027-01-14",
        "B must finish by 2027-01-15, the project finish: no task's late finish is later",
    ]
    assert r.late_driving_index(r._net.index[2]) == ([("project_finish", -1, -1)], "project_finish")


def test_ss_with_a_lag_bounds_the_start():
    r = run([T(1, 3, name="A"), T(2, 2, name="B"), LONG], [L(1, 2, "SS", 2)])
    # B must start by Thu 14, so A by two working days before: Tue 12 (its finish, Thu 14, is free)
    assert r.tasks[1].total_float == 6
    assert r.explain_float(1)[:2] == [
        "A has 6d of float: to meet the project finish 2027-01-15, it must start by 2027-01-12; it starts 2027-01-04",
        "A must start by 2027-01-12 because B (SS+2d) must start by 2027-01-14",
    ]


def test_ff_with_a_lag_to_a_deadline():
    b = T(2, 2, name="B", deadline=jan(8))
    r = run([T(1, 3, name="A"), b, LONG], [L(1, 2, "FF", 1)])
    # B must finish by Fri 8, so A a day before, Thu 7; A ends Wed 6
    assert r.tasks[1].total_float == 1
    assert r.explain_float(1) == [
        "A has 1d of float: to meet B's deadline 2027-01-08, it must finish by 2027-01-07; it finishes 2027-01-06",
        "A must finish by 2027-01-07 because B (FF+1d) must finish by 2027-01-08",
        "B must finish by 2027-01-08: its deadline is 2027-01-08",
    ]


def test_sf_to_a_finish_no_later_than():
    b = T(2, 3, name="B", constraint=C.FNLT, constraint_date=jan(8))
    r = run([T(1, 2, name="A"), b, LONG], [L(1, 2, "SF")])
    # B must finish by Fri 8; A's start must come no later: Mon 11, the instant after it
    assert r.tasks[1].total_float == 5
    assert r.explain_float(1) == [
        "A has 5d of float: to meet B's constraint Finish No Later Than 2027-01-08, it must start by 2027-01-11; "
        "it starts 2027-01-04",
        "A must start by 2027-01-11 because B (SF) must finish by 2027-01-08",
        "B must finish by 2027-01-08: its constraint is Finish No Later Than 2027-01-08",
    ]


def test_negative_float_down_a_chain_to_a_milestone_deadline():
    tasks = [T(1, 5, name="A"), T(2, 3, name="B"), T(3, 0, name="M", deadline=jan(8))]
    r = run(tasks, [L(1, 2), L(2, 3)])
    # M is reached Wed 13, its deadline Fri 8: B must end by Fri 8, start by Wed 6; A end by Tue 5
    assert r.tasks[1].total_float == -3
    assert r.explain_float(1) == [
        "A has -3d of float: to meet M's deadline 2027-01-08, it must finish by 2027-01-05; it finishes 2027-01-08",
        "A must finish by 2027-01-05 because B (FS) must start by 2027-01-06",
        "B must finish by 2027-01-08 because M (FS) must be reached by 2027-01-08",
        "M must be reached by 2027-01-08: its deadline is 2027-01-08",
    ]
    assert r.explain_float(3)[0] == ("M has -3d of float: to meet its deadline 2027-01-08, it must be reached by "
                                     "2027-01-08; it is dated 2027-01-13")


def test_the_tasks_own_cap_comes_before_a_link_asking_the_same():
    tasks = [T(1, 2, name="A", deadline=jan(13)), T(2, 2, name="B"), LONG]
    r = run(tasks, [L(1, 2)])
    entries, why = r.late_driving_index(r._net.index[1])
    assert why == "deadline" and [e[0] for e in entries] == ["deadline", "link"]
    assert r.explain_float(1) == [
        "A has 6d of float: to meet its deadline 2027-01-13, it must finish by 2027-01-13; it finishes 2027-01-05",
        "A must finish by 2027-01-13: its deadline is 2027-01-13",
    ]


def test_start_no_later_than_and_must_start_on():
    tasks = [T(1, 2, name="A", constraint=C.SNLT, constraint_date=jan(6)),
             T(2, 2, name="P", constraint=C.MSO, constraint_date=jan(11)), T(3, 1, name="Q"), LONG]
    r = run(tasks, [L(3, 2)])
    assert r.explain_float(1) == [
        "A has 2d of float: to meet its constraint Start No Later Than 2027-01-06, it must start by 2027-01-06; "
        "it starts 2027-01-04",
        "A must start by 2027-01-06: its constraint is Start No Later Than 2027-01-06",
    ]
    # a Must Start On pins its late dates (MS Project): no float, whatever comes after it
    assert r.late_driving_index(r._net.index[2]) == ([], "pinned")
    assert r.explain_float(2)[1] == "P has no float: its constraint Must Start On 2027-01-11 holds its late dates on its dates"
    assert r.explain_float(3)[:2] == [
        "Q has 4d of float: to meet P's constraint Must Start On 2027-01-11, it must finish by 2027-01-08; it finishes 2027-01-04",
        "Q must finish by 2027-01-08 because P (FS) must start by 2027-01-11",
    ]


def test_finished_work_has_no_float_and_binds_nothing():
    tasks = [T(1, 2, name="A"), T(2, 2, name="Done", actual_start=jan(4), actual_finish=jan(5)), LONG]
    r = run(tasks, [L(1, 2)], status_date=jan(6))
    assert r.explain_float(2) == ["Done is finished, and finished work has no float"]
    # A's link into finished work asks nothing of it: the project finish does
    assert r.late_driving_index(r._net.index[1]) == ([("project_finish", -1, -1)], "project_finish")


def test_a_task_under_way_answers_by_its_finish():
    tasks = [T(1, 4, name="A", actual_start=jan(4), percent_complete=50), T(2, 2, name="B", deadline=jan(12)), LONG]
    r = run(tasks, [L(1, 2)], status_date=jan(6))
    # A resumes Wed 6, ends Thu 7; B must end by Tue 12, start by Mon 11: A must end by Fri 8
    assert r.explain_float(1)[:2] == [
        "A has 1d of float: to meet B's deadline 2027-01-12, it must finish by 2027-01-08; it finishes 2027-01-07",
        "A must finish by 2027-01-08 because B (FS) must start by 2027-01-11",
    ]


def test_a_link_from_a_summary_binds_the_tasks_under_it():
    tasks = [T(1, name="Phase", wbs="1"), T(2, 3, name="X", parent=1, wbs="1.1"),
             T(3, 2, name="Y", wbs="2", deadline=jan(7))]
    r = run(tasks, [L(1, 3)])
    # Y runs Thu 7 - Fri 8, due Thu 7: it must start by Wed 6, so X (Mon 4 - Wed 6) end by Tue 5
    assert r.explain_float(2) == [
        "1.1 X has -1d of float: to meet 2 Y's deadline 2027-01-07, it must finish by 2027-01-05; it finishes 2027-01-06",
        "1.1 X must finish by 2027-01-05 because its summary 1 Phase is linked to 2 Y (FS), which must start by 2027-01-06",
        "2 Y must finish by 2027-01-07: its deadline is 2027-01-07",
    ]
    # the summary's float is its task's, and the summary says so; the dates that follow are the
    # task's, in a clause of its own ("it must finish by" read as the summary's)
    assert r.explain_float(1)[0] == ("1 Phase has -1d of float, that of its task 1.1 X, which must finish by 2027-01-05 "
                                     "to meet 2 Y's deadline 2027-01-07 and finishes 2027-01-06")


def test_a_summary_names_its_task_once_when_the_cap_is_the_tasks_own():
    # "5 Deployment has 0d of float, that of its task 5.5 Go-live: to meet 5.5 Go-live's
    # constraint Must Start On …" named the task twice on the demo
    tasks = [T(1, name="Phase", wbs="1"), T(2, 3, name="X", parent=1, wbs="1.1", deadline=jan(5)),
             T(9, 10, name="C", wbs="2")]
    r = run(tasks, [])
    # X runs Mon 4 - Wed 6 and is due Tue 5
    assert r.explain_float(1) == [
        "1 Phase has -1d of float, that of its task 1.1 X, which must finish by 2027-01-05 to meet its deadline "
        "2027-01-05 and finishes 2027-01-06",
        "1.1 X must finish by 2027-01-05: its deadline is 2027-01-05",
    ]
    # a task asked about itself keeps its wording
    assert r.explain_float(2)[0] == ("1.1 X has -1d of float: to meet its deadline 2027-01-05, it must finish by "
                                     "2027-01-05; it finishes 2027-01-06")
    tasks = [T(1, name="Phase", wbs="1"), T(2, 3, name="X", parent=1, wbs="1.1"),
             T(3, 0, name="Go", parent=1, wbs="1.2", constraint=C.MSO, constraint_date=jan(8)), T(9, 10, name="C", wbs="2")]
    r = run(tasks, [L(2, 3)])
    assert r.explain_float(1, brief=True) == [
        "1 Phase has 0d of float, that of its task 1.2 Go, which must be reached by 2027-01-08 to meet its constraint "
        "Must Start On 2027-01-08 and is dated 2027-01-08"]


def test_a_summarys_task_counted_back_over_leave_says_so_in_its_clause():
    alice = ResourceTime("Alice", frozenset({jan(13), jan(14)}))
    tasks = [T(5, name="Phase", wbs="1"), T(1, 3, name="A", parent=5, wbs="1.1"), T(2, 1, name="B", wbs="2"), LONG]
    r = run(tasks, [L(1, 2)], resource_time={1: [alice]})
    # as in test_leave_counted_back_is_named: A, Mon 4 - Wed 6, must end by Tue 12, start by Fri 8
    assert r.explain_float(5)[0] == (
        "1 Phase has 4d of float, that of its task 1.1 A, which must finish by 2027-01-12 to meet the project finish "
        "2027-01-15, so must start by 2027-01-08 (Alice is on leave 13-14 Jan 2027), and finishes 2027-01-06")


def test_a_link_to_a_summary_reads_its_earliest_late_start():
    tasks = [T(1, 2, name="A", wbs="1"), T(2, name="Phase", wbs="2"),
             T(3, 2, name="X", parent=2, wbs="2.1"), T(4, 1, name="Z", parent=2, wbs="2.2", deadline=jan(8)),
             T(9, 10, name="C", wbs="3")]
    r = run(tasks, [L(1, 2)])
    # Z, under Phase, must end by Fri 8, so start by Fri 8 (X could start Thu 14): A must end by
    # Thu 7; it ends Tue 5
    assert r.explain_float(1) == [
        "1 A has 2d of float: to meet 2.2 Z's deadline 2027-01-08, it must finish by 2027-01-07; it finishes 2027-01-05",
        "1 A must finish by 2027-01-07 because 2 Phase (FS) must start by 2027-01-08",
        "2 Phase must start by 2027-01-08 with its task 2.2 Z",
        "2.2 Z must finish by 2027-01-08: its deadline is 2027-01-08",
    ]


def test_leave_counted_back_is_named():
    alice = ResourceTime("Alice", frozenset({jan(13), jan(14)}))
    r = run([T(1, 3, name="A"), T(2, 1, name="B"), LONG], [L(1, 2)], resource_time={1: [alice]})
    # B must start by Fri 15: A by Thu 14, but Alice is off Wed 13 and Thu 14, so her three days
    # are Fri 8, Mon 11, Tue 12
    ts = r.tasks[1]
    assert (ts.late_start, ts.late_finish, ts.total_float) == (jan(8), jan(12), 4)
    assert r.explain_float(1)[:2] == [
        "A has 4d of float: to meet the project finish 2027-01-15, it must finish by 2027-01-12, so start by 2027-01-08 "
        "(Alice is on leave 13-14 Jan 2027); it finishes 2027-01-06",
        "A must finish by 2027-01-12 because B (FS) must start by 2027-01-15",
    ]
    # further down a chain, the step says it
    r = run([T(3, 1, name="Z"), T(1, 3, name="A"), T(2, 1, name="B"), LONG], [L(3, 1), L(1, 2)],
            resource_time={1: [alice, ResourceTime("Ben", frozenset({jan(13), jan(14)}))]})
    assert r.explain_float(3)[2] == (
        "A must finish by 2027-01-12 because B (FS) must start by 2027-01-15; counted back over the time off "
        "(Alice and Ben are on leave 13-14 Jan 2027), it must start by 2027-01-08")


def _random_plan(rnd: random.Random):
    """Random plans with every constraint (ALAP too), deadlines, progress, nested summaries and
    links to and from them (as test_properties' dates-view test builds them)."""
    n = 40
    tasks = [TaskSpec(i, f"T{i}", rnd.randint(0, 6)) for i in range(1, n + 1)]
    for t in rnd.sample(tasks, 8):
        t.constraint = rnd.choice(list(ConstraintType)[1:])
        if t.constraint is not ConstraintType.ALAP:
            t.constraint_date = date(2027, 1, rnd.randint(5, 28))
    for t in rnd.sample(tasks, 5):
        t.deadline = date(2027, 1, rnd.randint(6, 29))
    for t in rnd.sample(tasks, 5):
        if rnd.random() < 0.5:
            t.actual_start = date(2027, 1, 4)
        t.percent_complete = rnd.choice((10, 50, 100))
    tasks += [TaskSpec(100, "S1"), TaskSpec(101, "S2", parent=100), TaskSpec(102, "S3")]
    for t in tasks[5:12]:
        t.parent = 100
    for t in tasks[8:11]:
        t.parent = 101
    for t in tasks[20:23]:
        t.parent = 102
    links = [LinkSpec(a, b, rnd.choice(list(LinkType)), rnd.randint(-2, 3))
             for b in range(13, n + 1) for a in rnd.sample(range(1, b), 2) if not 21 <= a <= 23]
    links += [LinkSpec(1, 100), LinkSpec(101, 30, LinkType.FF), LinkSpec(102, 35, LinkType.SS),
              LinkSpec(2, 102, LinkType.SS), LinkSpec(100, 38)]
    return tasks, links


def test_the_late_driving_bounds_are_what_the_backward_pass_did():
    """On random plans, no bound asks for a late finish earlier than the task's, and one asks for
    exactly it (else late_driving_index would say "unknown"); every float line ends at a cap."""
    cal = WorkCalendar(anchor=MONDAY, exceptions={jan(20): False})
    for seed in range(40):
        rnd = random.Random(seed)
        tasks, links = _random_plan(rnd)
        r = schedule(tasks, links, cal, MONDAY, status_date=jan(rnd.choice((4, 12))))
        pl, net = r._pl, r._net
        for t in tasks:
            v = net.index[t.id]
            # the WBS detail's brief form walks the same chain to the same cap
            assert r.explain_float(t.id, brief=True) == r.explain_float(t.id)[:1], (seed, t.id)
            entries, why = r.late_driving_index(v)
            assert why != "unknown", (seed, t.id)
            if why in ("children", "actual", "pinned", "started"):
                continue
            fin, start = r.late_bounds(v)
            lf, d = r._lf[v], net.dur[v]
            assert min(b for b, _, _, _ in fin) >= lf, (seed, t.id)
            if v not in pl.started:
                assert min((b + d for b, _, _, _ in start), default=lf) >= lf, (seed, t.id)
            lines = r.explain_float(t.id)
            assert lines[0].startswith(f"{t.name} has {r.tasks[t.id].total_float}d of float")
            assert ": to meet " in lines[0], (seed, t.id, lines)
