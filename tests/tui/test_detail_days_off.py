"""The WBS detail panel says when holidays inside the selected task's span push its finish, as
`pmtui why WBS` does: the why-chain explains only its start."""

from __future__ import annotations

from datetime import date

from pmtui.services import calendars, tasks
from pmtui.services.projects import create_project
from pmtui.widgets.detail import TaskDetail

from .conftest import TODAY, press, settle, type_text


def _xmas(store):
    p = create_project(store, "Cutover", date(2026, 12, 14))
    tasks.add_task(store, p.id, "Prepare", duration=5)
    tasks.add_task(store, p.id, "Migrate", duration=4, after="1")
    calendars.add_exception(store, p.id, date(2026, 12, 24), "Christmas Eve")
    calendars.add_exception(store, p.id, date(2026, 12, 25), "Christmas Day")


async def _detail(pilot, wbs: str) -> str:
    await press(pilot, "g")
    await type_text(pilot, wbs)
    await press(pilot, "enter")
    return str(pilot.app.screen.query_one(TaskDetail).render())


async def test_the_detail_names_the_holidays_that_push_the_finish(store):
    from pmtui.app import PmtuiApp

    _xmas(store)
    app = PmtuiApp(store, None, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        detail = await _detail(pilot, "2")
        start, holidays = [line for line in detail.splitlines() if line.startswith("Why:")][:2]
        assert start == "Why: it starts 2026-12-21 because 1 Prepare (FS) finishes 2026-12-18"
        assert holidays == ("Why: it finishes 2026-12-28, not 2026-12-24: its work spans 2 holidays of the "
                            "project calendar, 2026-12-24 Christmas Eve and 2026-12-25 Christmas Day")
        assert "holiday" not in await _detail(pilot, "1")


def leave_plan(store):
    """Prepare (1) then Migrate (2, Ana's alone) and Test (3, Bart's and Cy's); Ana is on leave
    the two days Migrate would start, Bart one day inside Test."""
    from pmtui.services import leave, resources

    p = create_project(store, "Cutover", date(2027, 1, 4))
    tasks.add_task(store, p.id, "Prepare", duration=5)
    tasks.add_task(store, p.id, "Migrate", duration=4, after="1")
    tasks.add_task(store, p.id, "Test", duration=3, after="1")
    for name, wbs in (("Ana Lopez", "2"), ("Bartholomew Okafor-Lindqvist", "3"), ("Cy Wu", "3")):
        resources.add_resource(store, p.id, name)
        resources.assign(store, p.id, wbs, name)
    leave.add_leave(store, p.id, "Ana Lopez", date(2027, 1, 11), date(2027, 1, 12))
    leave.add_leave(store, p.id, "Bartholomew Okafor-Lindqvist", date(2027, 1, 12))
    return p


async def test_the_detail_says_the_leave_a_task_waits_for(store):
    # The why-chain's line on the leave came after the start's, and at 80x24 (room for one step)
    # was never shown: a task moved or stretched by its people's leave read as if nothing had.
    from pmtui.app import PmtuiApp

    leave_plan(store)
    for size in ((80, 24), (120, 40)):
        app = PmtuiApp(store, None, today=TODAY)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            moved = await _detail(pilot, "2")
            assert "Start 2027-01-13  Finish 2027-01-18" in moved
            assert "Waits for leave: Ana Lopez 11–12 Jan" in moved
            stretched = await _detail(pilot, "3")
            assert "Finish 2027-01-14" in stretched
            assert "Waits for leave: Bartholomew Okafor-Lindqvist Tue 12 Jan" in stretched
            assert "leave" not in await _detail(pilot, "1")
