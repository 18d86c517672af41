from __future__ import annotations

from datetime import date

from pmtui.scheduling import ConstraintType as C
from pmtui.scheduling import TaskSpec, WorkCalendar, schedule

from .conftest import MONDAY, L


def plan():
    tasks = [TaskSpec(1, "Spec", 3, wbs="1.1"), TaskSpec(2, "Design", 5, wbs="1.2"),
             TaskSpec(3, "Build", 4, wbs="1.3"), TaskSpec(4, "Docs", 2, wbs="1.4"),
             TaskSpec(5, "Go live", 0, wbs="1.5")]
    links = [L(1, 2), L(2, 3, lag=2), L(3, 5), L(1, 4)]
    return schedule(tasks, links, WorkCalendar(anchor=MONDAY), MONDAY)


def test_explain_walks_back_to_the_project_start():
    assert plan().explain(3) == [
        "1.3 Build starts 2027-01-18 because 1.2 Design (FS+2d) finishes 2027-01-13",
        "1.2 Design starts 2027-01-07 because 1.1 Spec (FS) finishes 2027-01-06",
        "1.1 Spec starts 2027-01-04, the project start",
    ]


def test_driving_path_and_critical_paths():
    r = plan()
    assert r.driving_path(5) == [1, 2, 3, 5]
    assert r.critical_paths() == [[1, 2, 3, 5]]
    assert r.tasks[4].critical is False


def test_ties_drive_together():
    tasks = [TaskSpec(i, f"T{i}", 2) for i in (1, 2, 3)]
    r = schedule(tasks, [L(2, 3), L(1, 3)], WorkCalendar(anchor=MONDAY), MONDAY)
    assert r.tasks[3].driving == (1, 2)
    assert r.driving_path(3) == [1, 3]
    assert r.critical_paths() == [[1, 3], [2, 3]]


def test_explain_constraint_and_status_date():
    tasks = [TaskSpec(1, "A", 2, constraint=C.SNET, constraint_date=date(2027, 1, 11)),
             TaskSpec(2, "B", 1)]
    r = schedule(tasks, [], WorkCalendar(anchor=MONDAY), MONDAY, status_date=date(2027, 1, 6))
    assert r.explain(1) == ["A starts 2027-01-11 because of its constraint Start No Earlier Than 2027-01-11"]
    assert "status date (2027-01-06)" in r.explain(2)[0]


def test_explain_through_a_summary():
    tasks = [TaskSpec(1, "A", 2, wbs="1"), TaskSpec(2, "Phase", wbs="2"),
             TaskSpec(3, "B", 3, parent=2, wbs="2.1"), TaskSpec(4, "C", 1, wbs="3")]
    r = schedule(tasks, [L(1, 2), L(2, 4)], WorkCalendar(anchor=MONDAY), MONDAY)
    lines = r.explain(4)
    assert lines[0] == "3 C starts 2027-01-11 because 2 Phase (FS) finishes 2027-01-08"
    assert lines[1] == "2 Phase finishes 2027-01-08 with its last task 2.1 B"
    assert "linked to its summary 2 Phase" in lines[2]
    assert lines[-1].endswith("the project start")
    assert r.critical_paths() == [[1, 3, 4]]


def test_dates_view_matches_tasks_without_driving():
    """``dates`` (for file writers) gives every field of ``tasks`` but the driving ones."""
    from dataclasses import asdict

    r = plan()
    for tid in r.tasks:
        full, brief = asdict(r.tasks[tid]), asdict(r.dates[tid])
        assert brief.pop("driving") == () and brief.pop("driven_by") == "not computed"
        full.pop("driving"), full.pop("driven_by")
        assert brief == full
    assert r.tasks[3].driving == (2,)  # the full view still has them, computed on its own


def test_explain_a_fixed_date_the_project_start_overrides():
    # Must Finish On Tuesday for a 3-day task of a project that starts on Monday: it cannot
    # start before Monday, so it finishes Wednesday; "finishes 2027-01-06 because of its
    # constraint Must Finish On 2027-01-05" gave the constraint as the reason for missing it
    r = schedule([TaskSpec(1, "Late", 3, constraint=C.MFO, constraint_date=date(2027, 1, 5))], [],
                 WorkCalendar(anchor=MONDAY), MONDAY)
    assert r.explain(1) == ["Late finishes 2027-01-06, not on 2027-01-05 as its constraint Must Finish On "
                            "asks: it cannot start before the project start 2027-01-04"]
    r = schedule([TaskSpec(1, "Fixed", 3, constraint=C.MSO, constraint_date=date(2027, 1, 6))], [],
                 WorkCalendar(anchor=MONDAY), MONDAY)
    assert r.explain(1) == ["Fixed starts 2027-01-06 because of its constraint Must Start On 2027-01-06"]


def test_a_milestone_is_dated_not_started():
    # "1.5 Go live starts 2027-01-21" read as work beginning that day: a milestone has one date
    r = plan()
    assert r.explain(5)[0] == "1.5 Go live is dated 2027-01-21 because 1.3 Build (FS) finishes 2027-01-21"
    tasks = [TaskSpec(1, "Kick-off", 0, wbs="1"),
             TaskSpec(2, "Go live", 0, wbs="2", constraint=C.MSO, constraint_date=date(2027, 2, 1))]
    r = schedule(tasks, [], WorkCalendar(anchor=MONDAY), MONDAY)
    assert r.explain(1) == ["1 Kick-off is dated 2027-01-04, the project start"]
    assert r.explain(2) == ["2 Go live is dated 2027-02-01 because of its constraint Must Start On 2027-02-01"]
