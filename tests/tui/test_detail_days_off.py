"""The WBS detail panel says when holidays inside the selected task's span push its finish, as
`pmtui why WBS` does: the why-chain explains only its start."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.services import calendars, tasks
from pmtui.services.projects import create_project
from pmtui.widgets.detail import TaskDetail

from .conftest import TODAY, detail_rows_of_every_task, press, settle, type_text


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


def _demo_leave(store):
    """The demo plan with Jonas Berg and Anika Schultz on leave Thu 26 and Fri 27 Nov: 3.3.2
    Single sign-on (both at 50 %, booked above their max those days, and a note) waits for it."""
    from pmtui.services import leave
    from pmtui.services.projects import current_project

    p = current_project(store)
    for name in ("Jonas Berg", "Anika Schultz"):
        leave.add_leave(store, p.id, name, date(2026, 11, 26), date(2026, 11, 27))


async def test_the_leave_and_the_why_both_show_at_80x24(demo_store):
    # At 80x24 the two people's ⚠ marks take a line each and the note its row: the "Waits for
    # leave" line took the why-chain's last one, and the start's reason was not shown
    from pmtui.app import PmtuiApp

    _demo_leave(demo_store)
    app = PmtuiApp(demo_store, None, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = (await _detail(pilot, "3.3.2")).splitlines()
        detail = app.screen.query_one(TaskDetail)
        rows = shown[:detail.content_size.height]  # what fits the panel: the rest is cut off
        why = [line for line in rows if line.startswith("Why: ")]
        assert len(why) == 1 and why[0].startswith("Why: it starts 2026-11-25 because 3.2.4 (SS) start")
        # and the note, short of a row, follows the task's name
        assert rows[0].startswith("3.3.2 Single sign-on") and "  Notes: Conditional access" in rows[0]
        # the names are on the Resources line: the days alone fit beside the start's reason
        assert why[0].endswith("; waits for leave 26–27 Nov") and len(why[0]) <= detail.content_size.width
        assert not any(line.startswith("Waits for leave") for line in rows)
        # where the Why line fits beside the leave's own line, both keep theirs
        shown = (await _detail(pilot, "3.2.4")).splitlines()
        assert "Waits for leave: Anika Schultz 26–27 Nov" in shown
        assert shown[5].startswith("Why: it starts 2026-11-25 because 3.2.3")
    async with PmtuiApp(demo_store, None, today=TODAY).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = (await _detail(pilot, "3.3.2")).splitlines()
        assert "Waits for leave: Anika Schultz 26–27 Nov, Jonas Berg 26–27 Nov" in shown
        assert "Why: it starts 2026-11-25 because 3.2.4 Security model: roles, profiles, sharing rules (SS) starts 2026-11-25" in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_a_task_that_waits_for_leave(snap_compare, make_app, demo_store, size):
    _demo_leave(demo_store)

    async def before(pilot):
        await settle(pilot)
        await _detail(pilot, "3.3.2")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


DEC_6 = date(2026, 12, 6)  # a Sunday, the demo's status date when made that day


def demo_dec_anika_away(store, built_db):
    """The demo plan made on Sun 6 Dec 2026, with Anika Schultz off Tue 8 and Wed 9 Dec: 3.5
    Technical documentation (Anika and Jonas Berg, FF+2d after 3.3.1) starts Tue 8 with Jonas,
    Anika's part runs Thu 10 to Mon 21 (tests/foundation/test_why_leave_demo.py works it out)."""
    from pmtui.services import leave
    from tests.conftest import copy_demo

    p = copy_demo(built_db, store, DEC_6)
    leave.add_leave(store, p.id, "Anika Schultz", date(2026, 12, 8), date(2026, 12, 9))


async def test_the_detail_names_who_starts_a_task_while_the_other_is_on_leave(store, built_db):
    # It read "Waits for leave: Anika Schultz 08–09 Dec" and "its work waits while Anika Schultz
    # is on leave" beside a start of 8 Dec: nothing said that Jonas Berg starts it that day.
    from pmtui.app import PmtuiApp

    demo_dec_anika_away(store, built_db)
    async with PmtuiApp(store, None, today=DEC_6).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = (await _detail(pilot, "3.5")).splitlines()
        assert "Waits for leave: Anika Schultz 08–09 Dec; Jonas Berg starts it" in shown
        assert ("Why: it starts 2026-12-08, not 2026-12-10: counted back from its finish, Jonas Berg starts it on "
                "2026-12-08 while Anika Schultz is on leave 2 working days from 2026-12-08 to 2026-12-09; Anika "
                "Schultz's part runs 2026-12-10 to 2026-12-21") in shown
        # one of them alone: nobody else to start it
        shown = await _detail(pilot, "2.8")
        assert "Waits for leave: Anika Schultz 08–09 Dec" in shown and "starts it" not in shown


async def test_at_80x24_the_detail_names_who_starts_it_and_keeps_the_reason_whole(store, built_db):
    # At 80x24, with its notes taking the last row, 3.5's leave went on the Why line in its
    # shortest form, which cut the reason: "Why: it finishes 2026-12-21 because 3.3.1 (FF+2d) …;
    # waits for leave 08–09 Dec". Nothing said that Jonas Berg starts it, nor when 3.3.1 finishes.
    from pmtui.app import PmtuiApp

    demo_dec_anika_away(store, built_db)
    app = PmtuiApp(store, None, today=DEC_6)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        detail = app.screen.query_one(TaskDetail)
        width, height = detail.content_size
        rows = (await _detail(pilot, "3.5")).splitlines()
        assert len(rows) == height
        assert "Waits for leave: Anika Schultz 08–09 Dec; Jonas Berg starts it" in rows
        assert rows[-1] == "Why: it finishes 2026-12-21 because 3.3.1 (FF+2d) finishes 2026-12-17"
        # the notes gave way: they follow the name, cut at the edge (the form shows them whole)
        assert rows[0].startswith("3.5 Technical documentation & runbooks  #39") and "  Notes: Admin guide" in rows[0]
        # a task under way, Anika's alone: the reason whole too, where it was cut for the leave's days
        rows = (await _detail(pilot, "2.8")).splitlines()
        assert len(rows) == height and "Waits for leave: Anika Schultz 08–09 Dec" in rows
        why = [line for line in rows if line.startswith("Why: ")]
        assert why == ["Why: it started 2026-11-30 (actual start); its remaining work runs to 2026-12-11"]
        assert "  Notes: Security chapter" in rows[0]


@pytest.mark.parametrize("size", [(80, 24), (100, 24)], ids=["80x24", "100x24"])
async def test_the_leave_goes_on_the_why_line_only_where_the_reason_stays_whole(store, size):
    # Ana is away the project's first two days, Ben starts the task, and it has notes: at 24 rows
    # the panel has no row for both the leave and the notes. At 100 columns the leave and who
    # starts it fit beside the short reason; at 80 they would cut it, and the notes give way.
    from pmtui.app import PmtuiApp
    from pmtui.services import leave, resources

    p = create_project(store, "Cutover", date(2027, 1, 4))
    tasks.add_task(store, p.id, "Migrate the customer records", duration=4,
                   notes="Dry run first, then the cutover weekend.")
    for name in ("Ana Lopez", "Ben Ortiz"):
        resources.add_resource(store, p.id, name)
        resources.assign(store, p.id, "1", name)
    leave.add_leave(store, p.id, "Ana Lopez", date(2027, 1, 4), date(2027, 1, 5))
    app = PmtuiApp(store, None, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        detail = app.screen.query_one(TaskDetail)
        rows = (await _detail(pilot, "1")).splitlines()
        assert len(rows) == detail.content_size.height
        why = [line for line in rows if line.startswith("Why: ")]
        assert len(why) == 1 and all(len(line) <= detail.content_size.width for line in why)
        if size[0] == 100:
            assert why[0] == ("Why: it starts 2027-01-04, the project start; waits for leave 04–05 Jan 2027; "
                              "Ben Ortiz starts it")
            assert rows[-1] == "Notes: Dry run first, then the cutover weekend."
            assert not any(line.startswith("Waits for leave") for line in rows)
        else:
            assert "Waits for leave: Ana Lopez 04–05 Jan 2027; Ben Ortiz starts it" in rows
            assert why[0].startswith("Why: it starts 2027-01-04, the project start")
            assert "Notes: Dry run first" in rows[0] and rows[-1] == why[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_with_anika_away_every_demo_task_shows_its_why_and_who_starts_it(store, built_db, size):
    # the leave's line, its starter and the notes take turns for the panel's rows: none of them
    # may push the Why line out, and who starts a task while another is away is said at both sizes
    from pmtui.app import PmtuiApp
    from pmtui.services.why_span import starters_text

    demo_dec_anika_away(store, built_db)
    app = PmtuiApp(store, None, today=DEC_6)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        plan, detail = app.plan, app.screen.query_one(TaskDetail)
        started = []
        for t, rows in detail_rows_of_every_task(plan, detail):
            starts = starters_text(plan, t.id)
            if starts:
                started.append(t.wbs)
                assert any(starts in row for row in rows), (t.wbs, rows)
        assert {"3.5", "3.2.4", "3.3.2"} <= set(started)
