"""Services: the tree, WBS codes, links, resources, calendar — each one journaled action."""

from __future__ import annotations

from copy import copy

from datetime import date

import pytest

from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.services import calendars, projects, resources, tasks
from pmtui.services.history import history
from pmtui.services.plan import wbs_key
from tests.conftest import MONDAY


def codes(store, project):
    return [(t.wbs, t.name) for t in tasks.get_plan(store, project.id).tasks]


def test_move_from_the_edge_of_a_phase_goes_into_the_next_one(store, project):
    for name in "ABCDEFG":
        tasks.add_task(store, project.id, name)
    tasks.indent_task(store, project.id, "2")  # B under A
    tasks.indent_task(store, project.id, "3")  # D under C
    tasks.indent_task(store, project.id, "3")  # E under C
    assert codes(store, project)[:5] == [("1", "A"), ("1.1", "B"), ("2", "C"), ("2.1", "D"), ("2.2", "E")]
    tasks.move_task(store, project.id, "2.1", "up")  # D leaves C for the end of A, keeping its level
    assert codes(store, project) == [("1", "A"), ("1.1", "B"), ("1.2", "D"), ("2", "C"), ("2.1", "E"),
                                     ("3", "F"), ("4", "G")]
    tasks.move_task(store, project.id, "1.2", "down")  # back to the top of C
    assert codes(store, project)[:5] == [("1", "A"), ("1.1", "B"), ("2", "C"), ("2.1", "D"), ("2.2", "E")]
    before = codes(store, project)
    with pytest.raises(Conflict, match="already the first task of 1 A, and no phase precedes it"):
        tasks.move_task(store, project.id, "1.1", "up")
    with pytest.raises(Conflict, match="the only task of 1 A: outdent it"):
        tasks.move_task(store, project.id, "1.1", "down")
    with pytest.raises(Conflict, match="3 F below that is not a summary: outdent it"):
        tasks.move_task(store, project.id, "2.2", "down")
    with pytest.raises(Conflict, match="already the last task of the plan"):
        tasks.move_task(store, project.id, "4", "down")
    assert codes(store, project) == before


def test_projects(store):
    p = projects.create_project(store, "Alpha", MONDAY)
    projects.create_project(store, "Beta", date(2027, 2, 1), make_current=False)
    assert projects.current_project(store).name == "Alpha"
    projects.use_project(store, "Beta")
    assert projects.current_project(store).name == "Beta"
    assert [(x.name, cur) for x, _n, cur in projects.list_projects(store)] == [("Alpha", False), ("Beta", True)]
    with pytest.raises(Conflict, match="exists already"):
        projects.create_project(store, "Alpha", MONDAY)
    with pytest.raises(NotFound, match="no project named 'Gamma'; projects: Alpha, Beta"):
        projects.use_project(store, "Gamma")
    with pytest.raises(BadValue, match="currency"):
        projects.create_project(store, "Delta", MONDAY, currency="EURO")
    assert projects.rename_project(store, p.id, "Alpha 2").name == "Alpha 2"


def test_wbs_codes_are_consecutive_and_sort_as_numbers(store, project):
    for i in range(11):
        tasks.add_task(store, project.id, f"T{i + 1}", duration=1)
    tasks.add_task(store, project.id, "child", under="10")
    got = [w for w, _ in codes(store, project)]
    assert got == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "10.1", "11"]
    assert sorted(got, key=wbs_key) == got
    tasks.delete_task(store, project.id, "3")
    got = codes(store, project)
    assert [w for w, _ in got][:3] == ["1", "2", "3"] and got[2][1] == "T4"


def test_add_below_under_and_with_predecessors(store, project):
    tasks.add_task(store, project.id, "Phase", duration=0)
    tasks.add_task(store, project.id, "A", under="1", duration=3)
    tasks.add_task(store, project.id, "C", under="1", duration=2, after="1.1FS+1d")
    row = tasks.add_task(store, project.id, "B", below="1.1", duration=2, after="1.1SS")
    assert row.wbs == "1.2"
    assert codes(store, project) == [("1", "Phase"), ("1.1", "A"), ("1.2", "B"), ("1.3", "C")]
    plan = tasks.get_plan(store, project.id)
    assert plan.predecessors_text(plan.by_wbs["1.3"].id) == "1.1FS+1d"
    s = plan.schedule
    assert s.tasks[plan.by_wbs["1.3"].id].start == date(2027, 1, 8)  # Mon+3d → Thu, +1d lag → Fri
    assert s.tasks[plan.by_wbs["1"].id].summary


def test_indent_outdent_move_keep_rows_in_order(store, project):
    for name in "ABCD":
        tasks.add_task(store, project.id, name)
    tasks.indent_task(store, project.id, "2")
    tasks.indent_task(store, project.id, "2")  # C under A too (B's sibling now)
    assert codes(store, project) == [("1", "A"), ("1.1", "B"), ("1.2", "C"), ("2", "D")]
    tasks.outdent_task(store, project.id, "1.1")  # MS Project: C, below B, becomes B's child
    assert codes(store, project) == [("1", "A"), ("2", "B"), ("2.1", "C"), ("3", "D")]
    tasks.move_task(store, project.id, "3", "up")
    assert codes(store, project) == [("1", "A"), ("2", "D"), ("3", "B"), ("3.1", "C")]
    with pytest.raises(Conflict, match="already the first"):
        tasks.move_task(store, project.id, "1", "up")
    with pytest.raises(Conflict, match="no task above"):
        tasks.indent_task(store, project.id, "1")
    with pytest.raises(Conflict, match="already at the top level"):
        tasks.outdent_task(store, project.id, "1")


def test_delete_summary_needs_recursive(store, project):
    tasks.add_task(store, project.id, "S")
    tasks.add_task(store, project.id, "a", under="1")
    tasks.add_task(store, project.id, "b", under="1")
    tasks.add_task(store, project.id, "after", after="1.2")
    with pytest.raises(Conflict, match="summary of 2 tasks: delete it with --recursive"):
        tasks.delete_task(store, project.id, "1")
    tasks.delete_task(store, project.id, "1", recursive=True)
    plan = tasks.get_plan(store, project.id)
    assert [(t.wbs, t.name) for t in plan.tasks] == [("1", "after")] and plan.links == []


def test_cycle_is_refused_and_named(store, project):
    for name in ("Design", "Build", "Test"):
        tasks.add_task(store, project.id, name, after="" if name == "Design" else None)
    tasks.link_tasks(store, project.id, "1", "2")
    tasks.link_tasks(store, project.id, "2", "3")
    with pytest.raises(Conflict) as err:
        tasks.link_tasks(store, project.id, "3", "1")
    msg = str(err.value)
    assert "cycle" in msg and "Design" in msg and "Build" in msg and "Test" in msg
    assert len(tasks.get_plan(store, project.id).links) == 2


def test_link_rules(store, project):
    tasks.add_task(store, project.id, "S")
    tasks.add_task(store, project.id, "a", under="1")
    tasks.add_task(store, project.id, "x")
    with pytest.raises(Conflict, match="linked to itself"):
        tasks.link_tasks(store, project.id, "2", "2")
    with pytest.raises(Conflict, match="summary"):
        tasks.link_tasks(store, project.id, "1", "1.1")
    with pytest.raises(Conflict):
        tasks.link_tasks(store, project.id, "2", "1", type="FF")  # MS Project refuses FF to a summary
    assert tasks.link_tasks(store, project.id, "2", "1", type="SS", lag=2) == "2SS+2d"
    tasks.link_tasks(store, project.id, "2", "1", type="FS", lag=-1)
    plan = tasks.get_plan(store, project.id)
    assert [(l.type, l.lag) for l in plan.links] == [("FS", -1)]
    tasks.unlink_tasks(store, project.id, "2", "1")
    with pytest.raises(Conflict, match="not linked"):
        tasks.unlink_tasks(store, project.id, "2", "1")


def test_edit_task_fields_and_rules(store, project):
    tasks.add_task(store, project.id, "A", duration=3)
    row = tasks.edit_task(store, project.id, "1", name="A2", duration=5, constraint_type="SNET",
                          constraint_date=date(2027, 1, 11), deadline=date(2027, 1, 15), notes="n")
    assert (row.name, row.duration, row.constraint_type) == ("A2", 5, "SNET")
    s = tasks.get_plan(store, project.id).schedule.tasks[row.id]
    assert s.start == date(2027, 1, 11) and s.finish == date(2027, 1, 15)
    with pytest.raises(BadValue, match="needs a date"):
        tasks.edit_task(store, project.id, "1", constraint_type="MSO", constraint_date=None)
    with pytest.raises(BadValue, match="optimistic"):
        tasks.edit_task(store, project.id, "1", optimistic=5, most_likely=3, pessimistic=9)
    with pytest.raises(BadValue, match="name is empty"):
        tasks.edit_task(store, project.id, "1", name="  ")
    tasks.add_task(store, project.id, "kid", under="1")
    with pytest.raises(Conflict, match="summary"):
        tasks.edit_task(store, project.id, "1", duration=9)


def test_resources_and_assignments(store, project):
    tasks.add_task(store, project.id, "Work", duration=4)
    resources.add_resource(store, project.id, "Alice", cost_rate=600)
    resources.add_resource(store, project.id, "Acme", kind="vendor", cost_rate=1200, max_units=2)
    with pytest.raises(Conflict, match="exists already"):
        resources.add_resource(store, project.id, "Alice")
    with pytest.raises(BadValue, match="kind"):
        resources.add_resource(store, project.id, "Bob", kind="robot")
    resources.assign(store, project.id, "1", "alice", units=0.5)
    resources.assign(store, project.id, "1", "Acme")
    plan = tasks.get_plan(store, project.id)
    assert plan.resources_text(plan.tasks[0].id) == "Alice[50%], Acme"
    with pytest.raises(NotFound, match="no resource named 'Zed'"):
        resources.assign(store, project.id, "1", "Zed")
    assert resources.remove_resource(store, project.id, "Acme") == ("Acme", 1)
    resources.unassign(store, project.id, "1", "Alice")
    assert tasks.get_plan(store, project.id).assignments == []


def test_calendar_exceptions_move_dates(store, project):
    tasks.add_task(store, project.id, "A", duration=5)
    calendars.add_exception(store, project.id, date(2027, 1, 6), "Epiphany")
    s = tasks.get_plan(store, project.id).schedule
    assert s.finish == date(2027, 1, 11)
    calendars.add_exception(store, project.id, date(2027, 1, 9), "Release Saturday", working=True)
    assert tasks.get_plan(store, project.id).schedule.finish == date(2027, 1, 9)
    with pytest.raises(Conflict, match="not a working day anyway"):
        calendars.add_exception(store, project.id, date(2027, 1, 10))
    calendars.set_workdays(store, project.id, 0b0001111)  # mon-thu
    plan = tasks.get_plan(store, project.id)
    assert plan.schedule.finish == date(2027, 1, 11)


def test_every_action_is_one_journal_entry(store, project):
    tasks.add_task(store, project.id, "A")
    tasks.add_task(store, project.id, "B", after="1")
    tasks.edit_task(store, project.id, "2", duration=4)
    entries = history(store, project.id)
    assert [e.action for e in entries] == ["Edit task", "Add task", "Add task", "New project"]
    assert "2 duration: 1 → 4" in entries[0].summary
    with pytest.raises(Conflict):
        tasks.link_tasks(store, project.id, "2", "1")
    assert len(history(store, project.id)) == 4  # a refusal writes nothing


def test_an_edit_hands_its_checked_plan_to_the_caller_once(store, project):
    from pmtui.services.actions import take_checked_plan
    from pmtui.services.plan import load_plan

    tasks.add_task(store, project.id, "Design", duration=3)
    tasks.add_task(store, project.id, "Build", duration=5, after="1")
    tasks.edit_task(store, project.id, "1", duration=4, constraint_type="SNET", constraint_date=date(2027, 1, 6))
    handed = take_checked_plan(project.id)
    assert take_checked_plan(project.id) is None  # handed out once
    fresh = tasks.get_plan(store, project.id)
    assert [(t.wbs, t.duration, t.constraint_date) for t in handed.tasks] == \
           [(t.wbs, t.duration, t.constraint_date) for t in fresh.tasks]
    assert handed.schedule.finish == fresh.schedule.finish == date(2027, 1, 18)
    # a refused edit hands nothing, and a plan of another project is never handed out
    with pytest.raises(Conflict):
        tasks.edit_task(store, project.id, "1", predecessors="2")
    assert take_checked_plan(project.id) is None
    tasks.edit_task(store, project.id, "2", duration=6)
    assert take_checked_plan(project.id + 1) is None
    # the SQLite fast path and Core read the same values (dates as dates)
    with store.engine.connect() as conn:
        assert isinstance(load_plan(conn, project.id).by_wbs["1"].constraint_date, date)


def test_summary_percent_is_done_days_over_days_of_its_leaves(store, project):
    # MS Project rolls % complete up as actual duration over duration; a milestone weighs nothing
    tasks.add_task(store, project.id, "Phase", duration=0)
    tasks.add_task(store, project.id, "Long", under="1", duration=6)
    tasks.add_task(store, project.id, "Short", under="1", duration=2)
    tasks.add_task(store, project.id, "Sub", under="1", duration=0)
    tasks.add_task(store, project.id, "Gate", under="1.3", duration=0)
    tasks.set_progress(store, project.id, "1.1", percent=50)
    tasks.set_progress(store, project.id, "1.2", percent=100)
    plan = tasks.get_plan(store, project.id)
    pct = plan.percent
    assert pct[plan.by_wbs["1.1"].id] == 50.0
    assert pct[plan.by_wbs["1"].id] == (6 * 50 + 2 * 100) / 8
    assert pct[plan.by_wbs["1.3"].id] == 0.0  # only a milestone, not reached yet
    tasks.set_progress(store, project.id, "1.3.1", percent=100)
    plan = tasks.get_plan(store, project.id)
    assert plan.percent[plan.by_wbs["1.3"].id] == 100.0


def test_an_edited_copy_rolls_percent_up_as_a_full_pass_would(store):
    # with_task_values updates the edited task's summaries only; random edits on the demo plan
    # (nested summaries, milestones) must give what a pass over every task gives.
    import random

    from pmtui.services.demo import create_demo

    project = create_demo(store)
    plan = tasks.get_plan(store, project.id)
    leaves = [t.id for t in plan.tasks if not t.children]
    rnd = random.Random(5)
    plan.percent  # noqa: B018 - computed, so the copies take the incremental path
    for _ in range(300):
        tid = rnd.choice(leaves)
        values = rnd.choice([{"percent_complete": rnd.choice((0, 25, 50, 100))},
                             {"duration": rnd.choice((0, 1, 3, 8))},
                             {"percent_complete": 100, "duration": 0}])
        edited = plan.with_task_values(tid, values)
        assert "percent" in edited.__dict__  # rolled up, not left to the full pass
        full = copy(edited)
        full.__dict__.pop("percent")
        assert edited.percent == full.percent
        assert plan.percent is not edited.percent
        plan = edited


def test_an_edited_copy_shares_the_link_indexes_and_schedules_as_a_fresh_plan(store):
    # An edited copy's schedule takes the link indexes of the plan it was copied from (same
    # links, same tasks in the same order); every task's dates, floats and driving links must
    # be what the plan read afresh gives.
    import random
    from dataclasses import astuple

    from pmtui.services.demo import create_demo

    project = create_demo(store)
    plan = tasks.get_plan(store, project.id)
    plan.prepare_views()
    leaves = [t.id for t in plan.tasks if not t.children]
    rnd = random.Random(11)
    for _ in range(40):
        tid = rnd.choice(leaves)
        values = rnd.choice([{"percent_complete": rnd.choice((0, 25, 100))}, {"duration": rnd.choice((0, 2, 9))}])
        edited = plan.with_task_values(tid, values).prepare_views()
        net, before = edited.schedule._net, plan.schedule._net
        assert net.link_src is before.link_src and net._out_links is before._out_links
        fresh = copy(edited)
        for key in ("schedule", "_links_from"):
            fresh.__dict__.pop(key, None)
        assert fresh.schedule._net.link_src is not before.link_src
        for t in edited.tasks:
            assert astuple(edited.schedule.tasks[t.id]) == astuple(fresh.schedule.tasks[t.id]), t.wbs
        plan = edited
    # a plan with other links builds its own
    other = tasks.get_plan(store, project.id)
    other.links = other.links[1:]
    other.__dict__.pop("_specs", None)
    other.__dict__.pop("schedule", None)
    other._links_from = plan.schedule
    assert other.schedule._net.link_src is not plan.schedule._net.link_src
    assert len(other.schedule._net.link_src) == len(plan.schedule._net.link_src) - 1


def test_a_progress_edit_hands_over_the_plan_a_reload_would_give(store, project):
    # progress edits patch the plan they loaded instead of reading it again: it must be equal
    from dataclasses import asdict

    from pmtui.services.actions import take_checked_plan
    from pmtui.services.progress import set_percent

    tasks.add_task(store, project.id, "Phase", duration=0)
    tasks.add_task(store, project.id, "Design", under="1", duration=4)
    tasks.add_task(store, project.id, "Build", under="1", duration=5, after="1.1")
    tasks.add_task(store, project.id, "Ship", duration=0, after="1")
    take_checked_plan(project.id)
    for edit in (lambda: tasks.set_progress(store, project.id, "1.1", percent=100, done_on=date(2027, 1, 8)),
                 lambda: set_percent(store, project.id, "1.2", 40, today=date(2027, 1, 12)),
                 lambda: tasks.set_progress(store, project.id, "1.2", remaining=1)):
        edit()
        handed = take_checked_plan(project.id)
        fresh = tasks.get_plan(store, project.id)
        assert handed is not None
        assert [asdict(t) for t in handed.tasks] == [asdict(t) for t in fresh.tasks]
        assert handed.schedule.finish == fresh.schedule.finish
        assert handed.percent == fresh.percent
        assert all(handed.schedule.tasks[t.id] == fresh.schedule.tasks[t.id] for t in fresh.tasks)
    assert fresh.by_wbs["1.1"].actual_finish == date(2027, 1, 8) and fresh.by_wbs["1.2"].remaining == 1


def test_an_edit_uses_the_offered_plan_only_while_the_database_still_holds_it(store, project, monkeypatch):
    """The app offers the plan it shows to the edit it runs; the service uses it instead of
    reading the project again, but only when no change was journaled since, and never alters it."""
    from pmtui.services import history
    from pmtui.services import plan as plan_mod
    from pmtui.services.plan import offering

    tasks.add_task(store, project.id, "A", duration=4)
    tasks.add_task(store, project.id, "B", duration=2, after="1")
    shown = tasks.get_plan(store, project.id)
    shown.version = history.version(store, project.id)
    shown.schedule  # noqa: B018 - the app's plan is scheduled

    real_load = plan_mod.load_plan
    loads = []
    monkeypatch.setattr(plan_mod, "load_plan", lambda conn, pid: loads.append(pid) or real_load(conn, pid))
    with offering(shown):
        row = tasks.set_progress(store, project.id, "1", percent=50)
    assert loads == []  # the offered plan stood in for a reload
    assert row.percent_complete == 50 and row.actual_start == MONDAY
    assert shown.by_id[row.id].percent_complete == 0  # the offered plan is left as it was
    assert tasks.get_plan(store, project.id).by_id[row.id].percent_complete == 50

    # a change journaled since the plan was read (another window, the CLI): the edit reads the
    # database, so it builds on the new duration rather than the stale plan's
    shown = tasks.get_plan(store, project.id)
    shown.version = history.version(store, project.id)
    tasks.edit_task(store, project.id, "2", duration=7)
    loads.clear()  # that edit's own read (no plan offered to it)
    expected = tasks.get_plan(store, project.id).schedule.tasks[shown.by_wbs["2"].id].finish
    assert expected != shown.schedule.tasks[shown.by_wbs["2"].id].finish
    with offering(shown):
        tasks.set_progress(store, project.id, "2", percent=100)
    assert loads == [project.id]
    b = tasks.get_plan(store, project.id).by_wbs["2"]
    assert (b.duration, b.percent_complete, b.actual_finish) == (7, 100, expected)


def test_the_plan_knows_how_far_the_finish_moved_since_the_last_standup(store, project):
    # The header shows it: the finish as the last stand-up left it (while one is open, as it
    # found it), and the working days it moved since.
    from datetime import timedelta

    from pmtui.services.standup import finish_standup, start_standup

    tasks.add_task(store, project.id, "Design", duration=5)
    tasks.add_task(store, project.id, "Build", duration=5, after="1")
    plan = tasks.get_plan(store, project.id)
    assert plan.last_standup is None and plan.finish_change() is None
    finish = plan.schedule.finish
    start_standup(store, project.id, MONDAY)
    plan = tasks.get_plan(store, project.id)
    assert plan.last_standup == (MONDAY, finish) and plan.finish_change() == (MONDAY, 0)
    tasks.edit_task(store, project.id, "2", duration=8)
    assert tasks.get_plan(store, project.id).finish_change() == (MONDAY, 3)  # while it is open
    finish_standup(store, project.id, MONDAY)
    plan = tasks.get_plan(store, project.id)
    assert plan.last_standup == (MONDAY, plan.schedule.finish) and plan.finish_change() == (MONDAY, 0)
    tasks.edit_task(store, project.id, "2", duration=6)
    assert tasks.get_plan(store, project.id).finish_change() == (MONDAY, -2)
    # the newest stand-up counts; opening it moved the status date a day on, and the work not
    # started yet with it
    later = MONDAY + timedelta(days=1)
    start_standup(store, project.id, later)
    assert tasks.get_plan(store, project.id).finish_change() == (later, 1)
