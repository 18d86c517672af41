"""The status screen with Pilot (what it shows, the snapshot key) and as SVG snapshots."""

from __future__ import annotations

import asyncio
import re
import functools
from datetime import date

import pytest
from textual.widgets import DataTable, Sparkline

from pmtui.services.snapshots import list_snapshots
from pmtui.services.tasks import edit_task
from tests.tracking.screen_app import demo_app
from tests.tui.conftest import press, settle


def sync(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return wrapper


@sync
async def test_screen_shows_rag_milestones_and_trends(db_path):
    app = demo_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        s = screen.status
        assert s.finish_slip == 7 and {r.area: r.letter for r in s.rags}["schedule"] == "A"
        table = screen.query_one("#status-milestones", DataTable)
        assert table.row_count == len(s.milestones) == 7
        assert [str(c) for c in table.get_row_at(table.row_count - 1)][:5] == ["5.9", "Project closed", "2027-02-15", "2027-02-24", "+7d"]
        assert screen.query_one("#trend-slip-line", Sparkline).data == [0, 3, 7]
        spi = screen.query_one("#trend-spi-line", Sparkline).data
        assert [round(v, 2) for v in spi] == [1.05, 1.01, 0.98]
        # a second snapshot as of 23 November is kept (status history) but drawn in place of
        # the first: it was drawn as a fourth point, a day that never was on the trend's axis
        edit_task(app.store, app.project_id, "5.6", duration=29)
        await press(pilot, "s")
        assert len(list_snapshots(app.store, app.project_id)) == 4
        assert screen.query_one("#trend-slip-line", Sparkline).data == [0, 3, 9]
        assert str(screen.query_one("#trend-slip-value").render()) == "+9d"


@sync
async def test_one_snapshot_draws_no_trend_bars(db_path):
    # After the first stand-up (one snapshot, no baseline) each trend was a full-width block,
    # "Finish slip n/a" as a solid bar: a line of one point has no trend, and n/a has no line
    from pmtui.services import snapshots

    app = demo_app(str(db_path), history=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        snapshots.take_snapshot(app.store, app.project_id, "standup")
        await press(pilot, "r")
        screen = app.screen
        assert str(screen.query_one("#trend-slip-value").render()) == "n/a"
        for key in ("slip", "spi", "cpi"):
            assert screen.query_one(f"#trend-{key}-line", Sparkline).data == []
        from pmtui.services.projects import set_status_date

        set_status_date(app.store, app.project_id, date(2026, 11, 24))  # the next stand-up
        snapshots.take_snapshot(app.store, app.project_id, "standup")
        await press(pilot, "r")
        assert screen.query_one("#trend-slip-line", Sparkline).data == []  # still n/a
        assert len(screen.query_one("#trend-cpi-line", Sparkline).data) == 2
        assert screen.query_one("#trend-spi-line", Sparkline).data == []  # no baseline: no SPI
        # and nothing is drawn for it: an empty Sparkline is a row of ▁, a flat line at 0
        from tests.tui.conftest import screen_text

        rows = {line.split()[0]: line for line in screen_text(app).splitlines() if line.split()[:1] in (["Finish"], ["SPI"], ["CPI"])}
        assert set(rows) == {"Finish", "SPI", "CPI"}
        assert "▁" not in rows["Finish"] + rows["SPI"] and "▁" in rows["CPI"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_status_screen_snapshot(snap_compare, db_path, size):
    assert snap_compare(demo_app(str(db_path)), terminal_size=size)


def test_status_screen_without_baseline_or_snapshots(snap_compare, db_path):
    assert snap_compare(demo_app(str(db_path), history=False), terminal_size=(80, 24))


@sync
async def test_title_says_the_figures_are_as_of_the_start_of_a_project_not_started(db_path):
    # with no status date the title gave today, a date before the plan began
    from datetime import date

    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task
    from pmtui.store import open_store
    from tests.tracking.screen_app import StatusApp

    store = open_store(str(db_path))
    pid = create_project(store, "Later", date(2099, 1, 5)).id  # after any day the suite runs
    add_task(store, pid, "Design", duration=5)
    app = StatusApp(store, pid)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.status.status_date == date(2099, 1, 5)
        title = str(app.screen.query_one("#status-title").render())
        assert "finish 2099-01-09  status 2099-01-05 (not started)" in title


@sync
async def test_a_plan_without_milestones_says_so(store, db_path):
    """MS Project's 2003 progress file has no milestone: the screen showed the table's header
    ('WBS Milestone Baseline Forecast Var') over nothing, where risks and issues say 'No open
    risks.' and the report '_No milestones._'."""
    from pmtui.interchange import read_file
    from pmtui.services.bulk import create_project_from
    from tests.tracking.screen_app import StatusApp

    data = read_file("/work/shared/data/mspdi/p2003_timephased_progress.xml").data
    pid = create_project_from(store, data).id
    app = StatusApp(store, pid)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#status-milestones", DataTable).display
        assert str(app.screen.query_one("#status-no-milestones").render()) == "No milestones."
        # in line with the headings and the other sections' text, not at the screen's edge
        from tests.tui.conftest import screen_text

        await pilot.press("end")
        await settle(pilot)
        assert any(line.startswith(" No milestones. ") for line in screen_text(app).splitlines())


@sync
async def test_title_keeps_percent_done_and_slip_on_screen_at_80_columns(db_path):
    """At 80 columns the title ran ' CRM migration  R  status 2026-11-23  finish 2027-02-24 (+7d
    vs Approved' and was cut there: the percent complete, shown nowhere else on the screen, was
    lost, and the slip's sentence with it. The status date, which the header gives too, now
    comes last."""
    from tests.tui.conftest import screen_text

    app = demo_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        s = app.screen.status
        line = screen_text(app).splitlines()[0]
        assert f"{s.percent_complete:.0f}% done  finish {s.finish} (+7d vs baseline)" in line
        assert line.rstrip().endswith("(+7d vs baseline)")  # the status date whole or not at all
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert screen_text(app).splitlines()[0].rstrip().endswith(f"(+7d vs baseline)  status {s.status_date}")


@sync
async def test_the_screen_holds_no_object_per_task(db_path):
    """The status screen kept the whole status it drew from: a second copy of the plan, an
    earned-value line and a variance per task, the critical path; some 55,000 objects and 30 MB
    at 10,000 tasks, held as long as the screen lived. It draws the project's figures only."""
    import gc

    from pmtui.services.baselines import TaskVariance
    from pmtui.services.plan import Plan, TaskRow
    from pmtui.services.status import EvmLine

    app = demo_app(str(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        held, seen, todo = set(), set(), [app.screen.status]
        while todo:
            o = todo.pop()
            if id(o) in seen or isinstance(o, type):
                continue
            seen.add(id(o))
            held.add(type(o))
            todo.extend(gc.get_referents(o))
        assert not held & {Plan, TaskRow, EvmLine, TaskVariance}
        assert app.screen.status.evm.project.bac > 0 and len(app.screen.status.milestones) == 7


@sync
async def test_the_screen_names_the_tasks_most_behind(db_path):
    """The screen gave the finish +7d against the baseline and named no task behind it but the
    milestones: the tasks most behind now follow the milestones, as the report's What's late."""
    from tests.tui.conftest import screen_text

    app = demo_app(str(db_path))
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        screen = app.screen
        lines = screen_text(app).splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip() == "Late tasks")
        shown = [line.strip() for line in lines[start + 1:start + 7]]
        assert len(screen.status.late) == 5 and screen.more_late > 0
        assert shown[0].startswith("+7d 5.6 Hypercare") and shown[1].startswith("+7d 5.8 ")
        assert all(re.match(r"\+\dd \d", line) for line in shown[:5]), shown
        assert shown[5] == f"… {screen.more_late} more: pmtui variance, or the report's What's late"
        assert not any("Project closed" in line for line in shown)  # a milestone: in the table above


@sync
async def test_without_a_baseline_the_screen_names_tasks_past_their_deadline(db_path):
    from pmtui.services.tasks import edit_task
    from tests.tui.conftest import screen_text

    app = demo_app(str(db_path), history=False)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        assert "No task is past its deadline (no baseline to measure lateness against)." in screen_text(app)
        edit_task(app.store, app.project_id, "2.8", deadline=app.screen.status.status_date)
        await press(pilot, "r")
        line = next(line for line in screen_text(app).splitlines() if " 2.8 " in line)
        assert re.search(rf"2\.8 Solution design document \(SDD\)  — past deadline {app.screen.status.status_date} by \dd",
                         line), line


@sync
async def test_one_blank_line_parts_the_sections(db_path):
    """The top risks ended with a blank line (and the issues too), so two stood above the next
    heading where one stands above every other."""
    from tests.tui.conftest import screen_text

    app = demo_app(str(db_path))
    async with app.run_test(size=(120, 80)) as pilot:
        await settle(pilot)
        lines = [line.rstrip() for line in screen_text(app).splitlines()]
        for heading in ("Late tasks", "Top risks", "Open issues and blockers"):
            at = lines.index(" " + heading)
            assert lines[at - 1] == "" and lines[at - 2] != "", (heading, lines[at - 3:at + 1])


@sync
async def test_snapshots_after_the_status_date_are_not_drawn(db_path):
    """With the status date moved back a week, the trend drew the three snapshots as of the later
    date, its latest slip (+7d) that week's, beside the finish as of the earlier one; the report
    leaves them out and says so."""
    from pmtui.services.projects import set_status_date

    app = demo_app(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        set_status_date(app.store, app.project_id, date(2026, 11, 16))
        await press(pilot, "r")
        none = app.screen.query_one("#trend-none")
        assert none.display and str(none.render()) == (
            "No snapshot as of 2026-11-16 or earlier (3 later ones, after the status date, not shown).")
        assert not app.screen.query_one("#trend-slip").display
        await press(pilot, "s")  # one as of 16 November
        assert app.screen.query_one("#trend-slip").display and not none.display
        assert str(app.screen.query_one("#trend-cpi-value").render()) == f"{app.screen.status.evm.project.cpi:.2f}"
        set_status_date(app.store, app.project_id, date(2026, 11, 23))
        await press(pilot, "r")  # all four again
        assert len(app.screen.query_one("#trend-cpi-line", Sparkline).data) == 4
