"""The WBS screen says when A (add subtask), > or < makes a task a summary (its own duration stops
counting) or a summary a task again: the dates moved and only the * marks said so."""

from __future__ import annotations

from pmtui.services import tasks as task_svc
from pmtui.services.tasks import get_plan
from pmtui.widgets.task_table import TaskTable

from .conftest import notes, press, raised, settle, type_text

SIZE = (120, 40)


def plan_of(app):
    return get_plan(app.store, app.project_id)


async def goto(pilot, wbs: str) -> None:
    await press(pilot, "g")
    await type_text(pilot, wbs)
    await press(pilot, "enter")
    assert pilot.app.screen.query_one(TaskTable).current.wbs == wbs


def _with_pilot_tasks(store) -> None:
    """Two tasks of the demo's phase 1 with nobody on them: Pilot (5 days) and Prep below it."""
    pid = _project_id(store)
    task_svc.add_task(store, pid, "Pilot", below="1.5", duration=5)
    task_svc.add_task(store, pid, "Prep", below="1.6", duration=2)


def _project_id(store) -> int:
    from pmtui.services.projects import current_project

    return current_project(store).id


async def test_indent_and_outdent_say_what_of_its_own_stops_and_starts_counting(make_app, demo_store):
    _with_pilot_tasks(demo_store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot_id = plan_of(app).by_wbs["1.6"].id
        await goto(pilot, "1.7")
        await press(pilot, "greater_than_sign")
        await settle(pilot)
        plan = plan_of(app)
        assert plan.by_id[pilot_id].summary
        s = plan.schedule.tasks[pilot_id]
        assert (f"1.6 'Pilot' is now a summary: its own duration of 5 working days no longer counts, its "
                f"dates come from its tasks (now 2 working days, {s.start} to {s.finish}) · u undoes the "
                "indent and this") in notes(app)
        said = next(n for n in raised(app) if "is now a summary" in n.message)
        assert said.timeout >= 2 + 0.3 * len(said.message.split()) > 10  # long enough to read it
        app.notify("Saved")
        await settle(pilot)
        assert next(n for n in raised(app) if n.message == "Saved").timeout == app.NOTIFICATION_TIMEOUT
        await press(pilot, "less_than_sign")
        await settle(pilot)
        assert ("1.6 'Pilot' has no tasks under it now and is a task again: its own duration of 5 working "
                "days counts again (it spanned 2 working days as a summary) · u undoes the outdent and this"
                ) in notes(app)
        assert plan_of(app).by_id[pilot_id].duration == 5 and not plan_of(app).by_id[pilot_id].summary


async def test_add_subtask_on_a_milestone_says_so_and_u_takes_back_both(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.5")  # Initiation complete ◆
        before = plan_of(app)
        gate = before.by_wbs["1.5"]
        await press(pilot, "A")
        await type_text(pilot, "Close-out memo")
        await press(pilot, "enter")
        await settle(pilot)
        plan = plan_of(app)
        assert plan.by_id[gate.id].summary
        # done on 20 October; its new task is not started: the phase is not done any more
        assert ("1.5 'Initiation complete' is now a summary: its own duration of 0 days (it was a "
                "milestone) and its progress (100 %, finished 2026-10-20) no longer count, its dates and "
                "progress come from its tasks (now 1 working day, 2026-11-23 to 2026-11-23) · u undoes the "
                "add and this") in notes(app)
        await press(pilot, "u")
        await settle(pilot)
        after = plan_of(app)
        assert [(t.id, t.wbs, t.duration, t.summary) for t in after.tasks] == \
               [(t.id, t.wbs, t.duration, t.summary) for t in before.tasks]
        assert after.schedule.finish == before.schedule.finish


async def test_nothing_is_said_when_the_task_above_is_already_a_summary(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.4")
        await press(pilot, "greater_than_sign")  # under 2.3 Requirements, a summary
        await settle(pilot)
        assert plan_of(app).by_wbs["2.3.4"].name == "Partner solution design workshop"
        assert "summary" not in notes(app)


async def test_deleting_the_last_task_of_a_summary_says_it_is_a_task_again(make_app, demo_store):
    pid = _project_id(demo_store)
    task_svc.add_task(demo_store, pid, "Pilot", below="1.5", duration=5)
    task_svc.add_task(demo_store, pid, "Prep", under="1.6", duration=2)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.6.1")
        await press(pilot, "x")
        await settle(pilot)
        assert ("Deleted 1.6.1 Prep. 1.6 'Pilot' has no tasks under it now and is a task again: its own "
                "duration of 5 working days counts again (it spanned 2 working days as a summary) · u undoes "
                "the delete and this") in notes(app)
        pilot_row = plan_of(app).by_wbs["1.6"]
        assert pilot_row.name == "Pilot" and pilot_row.duration == 5 and not pilot_row.summary
