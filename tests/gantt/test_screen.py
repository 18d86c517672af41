"""The Gantt screen driven with Pilot on the demo plan (today frozen at 2026-11-23): moving
between tasks and in time, zooming, the marks of related tasks, and every edit, each checked in
the database and undone with u."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.screens.gantt import GanttScreen
from pmtui.screens.link_prompt import LinkPrompt
from pmtui.services.tasks import get_plan
from pmtui.widgets.gantt_chart import GanttChart
from tests.tui.conftest import TODAY, notes, press, raised, screen_text, settle, type_text


def chart(app) -> GanttChart:
    return app.screen.query_one(GanttChart)


def stored(store, wbs: str):
    """A task as the database holds it now (and its scheduled dates)."""
    plan = get_plan(store, 1)
    t = plan.by_wbs[wbs]
    return t, plan.schedule.tasks[t.id], plan


async def select(pilot, wbs: str) -> None:
    c = chart(pilot.app)
    c.select_task(pilot.app.plan.by_wbs[wbs].id)
    await settle(pilot)


async def test_rows_cursor_and_selection_shared_with_the_wbs_screen(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, GanttScreen)
        c = chart(app)
        assert c.rows == [t.id for t in app.plan.tasks]
        await press(pilot, "j", "j", "down")
        assert c.current_id == app.plan.tasks[3].id
        await press(pilot, "k")
        assert c.current_id == app.plan.tasks[2].id
        await press(pilot, "end")
        assert c.cursor == len(c.rows) - 1
        assert app.plan.tasks[-1].name[:10] in screen_text(app)  # scrolled to the last row
        await press(pilot, "home", "pagedown")
        assert c.cursor == c.page
        # the same task is selected on the WBS screen, and back
        await press(pilot, "1")
        table = app.screen.table
        assert table.current_id == c.current_id
        await press(pilot, "j", "j")
        moved_to = table.current_id
        await press(pilot, "2")
        assert chart(app).current_id == moved_to
        assert f" {app.plan.by_id[moved_to].wbs} " in str(app.screen.query_one("#gantt-info").render())


async def test_scrolling_in_time_today_and_bringing_a_bar_into_view(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        c = chart(app)
        sc = c.scale
        assert sc.zoom == "week"
        today_at = sc.col(TODAY) - c.x0
        # opens on today, about a quarter in, the view starting on a Monday
        assert c.timeline_width // 4 <= today_at < c.timeline_width // 4 + 7
        assert sc.date_at(c.x0).weekday() == 0
        x0 = c.x0
        await press(pilot, "l", "l")
        assert c.x0 == x0 + 14  # a week a press
        await press(pilot, "h")
        assert c.x0 == x0 + 7
        await press(pilot, "L")
        assert c.x0 > x0 + c.timeline_width // 2
        await press(pilot, "t")
        assert c.x0 == x0
        # go-live is in January, out of view until f brings it in
        await select(pilot, "5.7")
        bar = c.bar(c.current_id)
        await press(pilot, "H", "H", "H")
        assert sc.col(bar.start) >= c.x0 + c.timeline_width or sc.end_col(bar.finish) < c.x0
        await press(pilot, "f")
        assert c.x0 <= sc.col(bar.start) and sc.end_col(bar.finish) < c.x0 + c.timeline_width


async def test_a_plan_that_starts_after_today_opens_on_its_start(make_app, store):
    # A new project starting next month opened on today's weeks: an empty chart, every bar out
    # of view. Today is shown when the plan is under way; else the plan's nearer end.
    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task

    project = create_project(store, "Later", date(2027, 3, 1))
    for name in ("One", "Two"):
        add_task(store, project.id, name, duration=5)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        c = chart(app)
        first, last = c.view_dates
        assert first <= date(2027, 3, 1) <= last
        assert "▒" in screen_text(app) or "▓" in screen_text(app)
        await press(pilot, "t")  # today on demand, still
        first, last = c.view_dates
        assert first <= TODAY <= last


async def test_a_plan_over_before_today_opens_on_its_last_weeks(make_app, store):
    # It opened with its finish a quarter in: the last days of bars at the left and three
    # quarters of the chart the empty weeks after the finish.
    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task

    project = create_project(store, "Last spring", date(2026, 3, 2))
    add_task(store, project.id, "One", duration=15)
    for i, name in enumerate(("Two", "Three", "Four"), start=1):
        add_task(store, project.id, name, duration=15, after=str(i))
    finish = get_plan(store, project.id).schedule.finish
    assert finish == date(2026, 5, 22) < TODAY
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        c = chart(app)
        first, last = c.view_dates
        w = c.timeline_width
        assert first <= finish <= last
        assert (last - finish).days <= w // 4 + 7  # at most a quarter (and a week's snap) after it
        assert (finish - first).days >= w // 2  # most of the view is the plan
        await press(pilot, "t")  # today on demand, still
        first, last = c.view_dates
        assert first <= TODAY <= last


async def test_the_chart_opens_on_the_status_date(make_app, store):
    # A plan whose status date lies weeks before today opened on today, away from the work in hand.
    from pmtui.services.projects import set_status_date

    plan = get_plan(store, 1)
    status = date(2026, 10, 26)
    assert plan.schedule.start < status < TODAY < plan.schedule.finish
    set_status_date(store, 1, status)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        c = chart(app)
        at = c.scale.col(status) - c.x0
        assert c.timeline_width // 4 <= at < c.timeline_width // 4 + 7  # a quarter in, as today was


async def test_d_jumps_to_the_status_date_as_t_jumps_to_today(make_app, store):
    # t went to today; nothing went back to the status date once the view had moved away
    from pmtui.screens.gantt import GanttScreen
    from pmtui.services.projects import set_status_date

    status = date(2026, 10, 19)  # five weeks before today, a week after the start
    set_status_date(store, 1, status)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        c = chart(app)
        opened = c.x0
        await press(pilot, "t")
        assert c.x0 != opened and c.view_dates[0] <= TODAY
        await press(pilot, "D")
        assert c.x0 == opened  # a quarter in, where the chart opened and where t puts today
        at = c.scale.col(status) - c.x0
        assert c.timeline_width // 4 <= at < c.timeline_width // 4 + 7
        await press(pilot, "minus", "H", "H", "H", "D")  # at another zoom too
        assert c.view_dates[0] <= status <= c.view_dates[1]
        footer = " ".join(k.description for k in app.screen.query("FooterKey"))
        assert "Status date" in footer
    assert "gantt.status_date" in {b.id for b in GanttScreen.BINDINGS}


async def test_d_without_a_status_date_says_so_and_goes_to_the_date_the_header_gives(make_app, store):
    from pmtui.services.projects import set_status_date

    set_status_date(store, 1, None)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        c = chart(app)
        await press(pilot, "t")
        at_today = c.x0
        await press(pilot, "H", "H")
        assert c.x0 != at_today
        await press(pilot, "D")
        assert c.x0 == at_today  # the header's 'status 2026-11-23 (today)'
        assert f"status {TODAY} (today)" in screen_text(app)
        assert f"No status date set: the header's {TODAY} (today) is today" in notes(app)


async def test_on_an_empty_project_d_and_the_header_name_the_same_status_date(make_app, store):
    """The header read 'status 2027-01-04 (not started)' and D 'No status date set, so the view
    stays where it is', as if they disagreed. No status date is set (project.status_date is
    None); the figures, the status screen and the report are as of the project start until the
    project starts (services/as_of), and the header says so: D now names that date too."""
    from pmtui.services.projects import create_project

    create_project(store, "Empty", date(2027, 1, 4))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.plan.project.status_date is None and not app.plan.tasks
        assert "status 2027-01-04 (not started)" in screen_text(app)
        await press(pilot, "D")
        said = notes(app)
        assert "No status date set: the header's 2027-01-04 (not started) is the project start" in said
        assert "`pmtui project status-date DATE` sets one" in said


async def test_zoom_in_and_out_keeps_the_middle_date_and_redraws_the_header(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        c = chart(app)
        middle = c.scale.date_at(c.x0 + c.timeline_width // 2)
        await press(pilot, "plus")
        assert c.scale.zoom == "day"
        assert abs((c.scale.date_at(c.x0 + c.timeline_width // 2) - middle).days) <= 1
        text = screen_text(app)
        assert "Dec 2026" in text and " 1  2  3  4" in text  # days under the month
        await press(pilot, "plus")
        assert c.scale.zoom == "day"
        assert "day already" in notes(app)
        await press(pilot, "minus", "minus")
        assert c.scale.zoom == "month"
        assert "Nov     Dec     Jan" in screen_text(app)
        await press(pilot, "minus")
        assert c.scale.zoom == "quarter"
        assert "Q1" in screen_text(app) and "zoom quarter" in str(app.screen.query_one("#gantt-info").render())
        # a year view: quarters four columns wide, the years over them, the whole plan in view
        await press(pilot, "minus")
        assert c.scale.zoom == "year"
        assert "zoom year" in str(app.screen.query_one("#gantt-info").render())
        header = screen_text(app).splitlines()[2]  # under the app header and the years
        assert "Q1  Q2  Q3  Q4" in header
        first, last = c.view_dates
        assert first <= app.plan.schedule.start and app.plan.schedule.finish <= last
        # held at the end of its reach (the plan is a few columns wide here), the view still
        # starts on a quarter: it stopped a column into one, "Q2 Q3  Q4"
        for key in ("l", "h", "h", "h", "h"):
            await press(pilot, key)
            assert c.x0 == c.scale.snap(c.x0), key
            assert screen_text(app).splitlines()[2].split("│")[1].startswith("Q")
        await press(pilot, "minus")
        assert c.scale.zoom == "year" and "year already" in notes(app)


async def test_zooming_out_and_back_in_comes_back_to_the_same_dates(make_app):
    """On MS Project's sample at 80 columns, - - - then + + + went from the weeks of February
    2003 to the days of late May: each zoom snaps the view to its header (a quarter, a month),
    and zooming in again kept that snapped middle, so every round trip drifted further."""
    for size in ((80, 24), (120, 40)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            c = chart(app)
            assert c.scale.zoom == "week"
            middle = c.scale.date_at(c.x0 + c.timeline_width // 2)
            await press(pilot, "minus", "minus", "plus", "plus")
            assert c.scale.zoom == "week"
            back = c.scale.date_at(c.x0 + c.timeline_width // 2)
            assert abs((back - middle).days) <= 7, (size, middle, back)
            # out to the year view (a column is three weeks there) and back in, level by level
            await press(pilot, "minus", "minus", "minus")
            assert c.scale.zoom == "year"
            await press(pilot, "plus", "plus", "plus")
            assert c.scale.zoom == "week"
            back = c.scale.date_at(c.x0 + c.timeline_width // 2)
            assert abs((back - middle).days) <= 7, (size, middle, back)
            await press(pilot, "plus", "minus")
            assert abs((c.scale.date_at(c.x0 + c.timeline_width // 2) - middle).days) <= 7
            await press(pilot, *["l"] * 12)  # 12 weeks later: a zoom now keeps this middle
            scrolled = c.scale.date_at(c.x0 + c.timeline_width // 2)
            await press(pilot, "minus")
            assert abs((c.scale.date_at(c.x0 + c.timeline_width // 2) - scrolled).days) <= 31


async def test_successors_are_marked_alike_before_and_after_their_index_is_built(make_app):
    # The index of successors is built once the chart's frame is out (sorting every link was
    # 15 % of the first frame at 10,000 tasks); until then a pass over the links finds them.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        c = chart(app)
        assert c.successors is not None
        await select(pilot, "3.4.3")
        marks = dict(c.related)
        assert "S" in marks.values() and "P" in marks.values()
        c.successors = None  # as when the first frame is drawn
        assert c._relate() == set()
        assert c.related == marks


async def test_predecessors_successors_and_the_driving_path_are_marked(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        plan = app.plan
        await select(pilot, "3.4.3")
        c = chart(app)
        me = plan.by_wbs["3.4.3"].id
        preds = {l.pred_id for l in plan.preds_of[me]}
        succs = {l.succ_id for l in plan.succs_of[me]}
        assert {t for t, m in c.related.items() if m == "P"} == preds
        assert {t for t, m in c.related.items() if m == "S"} == succs
        lines = screen_text(app).splitlines()
        pred_row = next(l for l in lines if l[4:].startswith(plan.by_id[next(iter(preds))].wbs + " "))
        assert pred_row[2] == "P"
        await press(pilot, "d")
        path = set(plan.schedule.driving_path(me)) - {me}
        assert path and {t for t, m in c.related.items() if m == "D"} == path
        await press(pilot, "d")
        assert "D" not in c.related.values()


async def test_lengthen_and_shorten_by_a_day_then_undo(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")
        before, sched_before, _ = stored(store, "3.2.4")
        await press(pilot, "right_square_bracket", "right_square_bracket")
        t, ts, _ = stored(store, "3.2.4")
        assert t.duration == before.duration + 2
        assert ts.finish > sched_before.finish
        assert chart(app).current_id == t.id  # the edited task stays selected
        await press(pilot, "u", "u")
        assert stored(store, "3.2.4")[0].duration == before.duration
        await press(pilot, "left_square_bracket")
        assert stored(store, "3.2.4")[0].duration == before.duration - 1
        await press(pilot, "u")
        assert stored(store, "3.2.4")[0].duration == before.duration


async def test_a_summary_or_a_milestone_at_zero_cannot_be_resized(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2")
        await press(pilot, "right_square_bracket")
        assert "is a summary" in notes(app)
        await select(pilot, "2.9")
        await press(pilot, "left_square_bracket")
        assert "milestone (0 days)" in notes(app)
        assert stored(store, "2.9")[0].duration == 0


async def test_move_later_sets_start_no_earlier_than_and_undo_clears_it(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")
        _t, ts, _ = stored(store, "3.2.4")
        assert ts.start == date(2026, 11, 25)
        await press(pilot, "greater_than_sign")
        t, ts, _ = stored(store, "3.2.4")
        assert (t.constraint_type, t.constraint_date, ts.start) == ("SNET", date(2026, 11, 26), date(2026, 11, 26))
        assert "start no earlier than 2026-11-26" in notes(app)
        await press(pilot, "greater_than_sign", "greater_than_sign")  # Friday → Monday: working days
        assert stored(store, "3.2.4")[1].start == date(2026, 11, 30)
        await press(pilot, "less_than_sign")
        assert stored(store, "3.2.4")[0].constraint_date == date(2026, 11, 27)
        await press(pilot, "u", "u", "u", "u")
        t, ts, _ = stored(store, "3.2.4")
        assert (t.constraint_type, t.constraint_date, ts.start) == ("ASAP", None, date(2026, 11, 25))


async def test_move_earlier_is_refused_when_a_link_or_progress_holds_the_task(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")
        await press(pilot, "less_than_sign")
        assert "cannot move earlier" in notes(app)
        assert stored(store, "3.2.4")[0].constraint_type == "ASAP"
        await select(pilot, "2.8")
        await press(pilot, "greater_than_sign")
        assert "record its progress" in notes(app)
        assert stored(store, "2.8")[0].constraint_type == "ASAP"
        # a summary under way: its start is its first task's actual start, which no constraint
        # moves; > said 'start no earlier than 2026-12-01' and the bar stayed where it was
        await select(pilot, "3.3")
        await press(pilot, "greater_than_sign")
        assert "3.3 Integrations is under way (3.3.1 " in notes(app) and "nothing was changed" in notes(app)
        assert stored(store, "3.3")[0].constraint_type == "ASAP"


async def test_link_to_a_predecessor_by_wbs_code_then_undo(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")
        me = app.plan.by_wbs["3.2.4"].id
        await press(pilot, "p")
        assert isinstance(app.screen, LinkPrompt)
        await type_text(pilot, "9.9")
        await press(pilot, "enter")
        assert isinstance(app.screen, LinkPrompt)  # a bad code is shown in place
        assert "no task 9.9" in str(app.screen.query_one("#link-error").render())
        app.screen.query_one("#link-ref").value = ""
        await type_text(pilot, "4.2")
        await press(pilot, "enter")
        assert isinstance(app.screen, GanttScreen)
        _t, _ts, plan = stored(store, "3.2.4")
        assert plan.by_wbs["4.2"].id in {l.pred_id for l in plan.preds_of[me]}
        assert chart(app).related[plan.by_wbs["4.2"].id] == "P"
        await press(pilot, "u")
        _t, _ts, plan = stored(store, "3.2.4")
        assert plan.by_wbs["4.2"].id not in {l.pred_id for l in plan.preds_of[me]}


async def test_a_link_typed_in_one_burst(make_app, store):
    # "p", the code and Enter as one burst (fast typing, one SSH packet): the prompt gets the
    # code before it is on the screen, and the link is made
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")
        me = app.plan.by_wbs["3.2.4"].id
        burst(app, "p", "4", ".", "2", "enter")
        await settle(pilot)
        assert isinstance(app.screen, GanttScreen)
        _t, _ts, plan = stored(store, "3.2.4")
        assert plan.by_wbs["4.2"].id in {l.pred_id for l in plan.preds_of[me]}


async def test_a_link_that_makes_a_cycle_is_refused_in_the_prompt(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")
        links = len(stored(store, "3.2.4")[2].links)
        await press(pilot, "s")
        await type_text(pilot, "3.2.3")  # 3.2.3 already comes before 3.2.4
        await press(pilot, "enter")
        assert isinstance(app.screen, LinkPrompt)
        assert "cycle" in str(app.screen.query_one("#link-error").render()).lower()
        assert len(stored(store, "3.2.4")[2].links) == links
        await press(pilot, "escape")
        assert isinstance(app.screen, GanttScreen)


async def test_b_shows_the_active_baseline_where_the_bar_has_moved_from(make_app, store):
    from pmtui.services import gantt_edits

    plan = get_plan(store, 1)
    moved = plan.by_wbs["3.2.4"].id
    gantt_edits.shift_start(store, 1, moved, 2)  # two days after the demo's saved baseline
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")

        def row() -> str:
            return next(l for l in screen_text(app).splitlines() if l[4:].startswith("3.2.4 "))

        assert "▁" not in row()
        await press(pilot, "b")
        assert chart(app).baseline is not None and "Approved plan" in notes(app)
        assert "▁▁" in row() and row().index("▁") < row().index("▒")  # where it was, before the bar
        assert "  +2d vs baseline" in str(app.screen.query_one("#gantt-info").render())
        await press(pilot, "b")
        assert chart(app).baseline is None and "▁" not in row()


async def test_help_lists_the_keys_with_their_ids_and_the_legend(make_app):
    from pmtui.app import known_binding_ids

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        from pmtui.screens.dialogs import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "gantt.zoom_in" in text and "gantt.move_later" in text
        assert "◆ milestone" in app.screen.legend and "P predecessor" in app.screen.legend
    ids = known_binding_ids()
    assert {"gantt.zoom_in", "gantt.lengthen", "gantt.link_predecessor", "app.screen.gantt"} <= ids


async def test_hidden_it_catches_up_with_edits_made_on_the_wbs_screen_when_shown(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        gantt = app.screen
        await press(pilot, "1")
        wbs = app.screen
        wbs.table.select_task(app.plan.by_wbs["4.4"].id)
        await press(pilot, "m", "2")
        assert stored(store, "4.4")[0].percent_complete == 50
        assert gantt.chart.plan is not app.plan  # not laid out again while hidden
        await press(pilot, "2")
        assert app.screen is gantt and gantt.chart.plan is app.plan
        assert gantt.chart.plan.by_wbs["4.4"].percent_complete == 50
        assert gantt.chart.current_id == app.plan.by_wbs["4.4"].id


async def test_the_info_line_gives_the_duration_now_and_brackets_change_the_planned_one(make_app, store):
    # 2.8, planned at 6 days, is half done with 5 days left: 10 days now, as the WBS shows it
    from pmtui.services.progress import set_remaining

    set_remaining(store, 1, "2.8", 5, today=TODAY)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "2.8")
        assert "  10d (planned 6d)  50%" in str(app.screen.query_one("#gantt-info").render())
        await press(pilot, "right_square_bracket")
        await settle(pilot)
        assert stored(store, "2.8")[0].duration == 7
        assert "  10d (planned 7d)  50%" in str(app.screen.query_one("#gantt-info").render())
        await select(pilot, "2.7")  # done as planned: one figure
        info = str(app.screen.query_one("#gantt-info").render())
        assert "  6d  100%" in info and "planned" not in info


async def test_at_80_columns_a_long_name_gives_way_to_the_figures_on_the_info_line(make_app, store):
    # 3.4.2 has a 52-character name: cut from the end, the line lost its duration, percent,
    # float and critical mark, so ] or [ showed nothing of what it did
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "3.4.2")
        await press(pilot, "right_square_bracket")
        line = screen_text(app).splitlines()[-2]
        t, ts, _ = stored(store, "3.4.2")
        assert line.startswith(" 3.4.2 ")
        now = app.plan.duration_now(t)
        assert f"  16 Nov–01 Dec  {now}d  50%  float {ts.total_float}d  critical" in line
        await press(pilot, "b")  # the slip against the baseline, and the baseline's dates after it
        line = screen_text(app).splitlines()[-2]
        assert line.startswith(" 3.4.2  16 Nov–01 Dec  ") and line.rstrip().endswith("  critical  +1d vs baseline 16–30 Nov")
        await select(pilot, "2.9")  # two cells of a name ("… ") say nothing: none rather than that
        assert screen_text(app).splitlines()[-2].startswith(" 2.9  25 Nov  ")
        # a short name is not cut
        await press(pilot, "b")
        await select(pilot, "5.5")
        assert screen_text(app).splitlines()[-2].startswith(" 5.5 Go-live  ")


async def test_a_row_whose_bar_is_out_of_view_points_to_it_until_f_brings_it_in(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def timeline(wbs: str) -> str:
            line = next(l for l in screen_text(app).splitlines() if l[4:].startswith(f"{wbs} "))
            return line[line.index("│") + 1:]

        assert chart(app).view_dates[0] > app.plan.schedule.tasks[app.plan.by_wbs["1.1"].id].finish
        assert timeline("1.1").startswith("◂")  # done in October, before the view
        assert timeline("1.2").startswith("◂")
        await select(pilot, "5.9")  # the closing milestone, on 1 March, after it
        assert timeline("5.9").rstrip().endswith("▸") and "◆" not in timeline("5.9")
        await press(pilot, "f")
        assert "◆" in timeline("5.9") and "▸" not in timeline("5.9")


async def test_b_underlines_a_bar_where_it_covers_its_baseline(make_app, store):
    # 3.2.4 made two days longer: its baseline lies under its bar, where it was not drawn at all
    from pmtui.services import gantt_edits

    tid = get_plan(store, 1).by_wbs["3.2.4"].id
    gantt_edits.change_duration(store, 1, tid, 2)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")
        await press(pilot, "f", "b")
        c = chart(app)
        strip = c.render_line(c.rows.index(tid) - round(c.scroll_offset.y) + 2)
        under = [seg.text for seg in strip if seg.style is not None and seg.style.underline]
        bar = "".join(seg.text for seg in strip if "▒" in seg.text)
        assert under and set("".join(under)) == {"▒"} and len("".join(under)) < len(bar)
        assert bar.startswith("".join(under))  # the baseline's days, at the start of the bar
        await press(pilot, "b")
        strip = c.render_line(c.rows.index(tid) - round(c.scroll_offset.y) + 2)
        assert not any(seg.style is not None and seg.style.underline for seg in strip)


async def test_a_task_that_started_before_the_project_start_can_be_brought_into_view(make_app, store):
    # work recorded in June on a plan whose start was then set to its kick-off in October (or a
    # plan imported with an actual start before its start): the view's reach ended half a view
    # before the project start, so neither f nor H could show the bar
    from pmtui.services.progress import mark_started
    from pmtui.services.projects import edit_project

    plan = get_plan(store, 1)
    early = next(t for t in plan.tasks if not t.children and t.duration and t.actual_start is None)
    edit_project(store, 1, start=date(2026, 6, 1))
    mark_started(store, 1, early.wbs, on=date(2026, 6, 1), today=TODAY)
    edit_project(store, 1, start=plan.project.start)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ts = app.plan.schedule.tasks[early.id]
        assert ts.start == date(2026, 6, 1) < app.plan.schedule.start

        def timeline() -> str:
            line = next(l for l in screen_text(app).splitlines() if l[4:].startswith(f"{early.wbs} "))
            return line[line.index("│") + 1:]

        await select(pilot, early.wbs)
        await press(pilot, "f")
        c = chart(app)
        assert c.view_dates[0] <= ts.start and timeline().lstrip()[0] in "█▒▓"
        await press(pilot, "t", *["H"] * 12)  # and a page at a time, as far as its start
        assert c.view_dates[0] <= ts.start and timeline().lstrip()[0] in "█▒▓"


async def test_a_baseline_removed_elsewhere_leaves_the_chart_and_the_info_line_and_says_so(make_app, db_path):
    from pmtui.services.baselines import remove_baseline
    from tests.tui.conftest import elsewhere

    app = make_app()
    app.OUTSIDE_CHECK_SECONDS = 3600  # the check comes where the test calls it
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.2.4")
        await press(pilot, "b")
        info = app.screen.query_one("#gantt-info")
        assert "vs baseline" in str(info.render())
        elsewhere(db_path, lambda other: remove_baseline(other, 1, "Approved plan"))  # `pmtui baseline rm`
        app._check_outside_changes()
        await settle(pilot)
        assert chart(app).baseline is None and "▁" not in screen_text(app)
        assert "vs baseline" not in str(info.render())
        assert ("Baseline 'Approved plan' was removed (`pmtui baseline rm` or an undo), and no other is active: "
                "the chart shows none") in notes(app)


async def test_a_summary_row_and_its_info_line_show_how_far_its_tasks_are_done(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "2")  # Analysis & design: partly done
        pct = round(app.plan.percent[app.plan.by_wbs["2"].id])
        assert 0 < pct < 100
        await press(pilot, "f")
        assert f"  {pct}% done  float" in str(app.screen.query_one("#gantt-info").render())
        c = chart(app)
        strip = c.render_line(c.cursor - round(c.scroll_offset.y) + 2)
        done = c._style("done").color
        summary_cells = [seg for seg in strip if set(seg.text) <= set("▛▀▜") and seg.text.strip()]
        assert summary_cells[0].style.color == done  # from its start, the part done
        assert summary_cells[-1].style.color != done


async def test_the_info_line_says_what_drives_the_selected_task_without_d(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        info = app.screen.query_one("#gantt-info")
        plan = app.plan
        linked = next(t for t in plan.tasks if plan.schedule.tasks[t.id].driven_by == "link")
        await select(pilot, linked.wbs)
        drivers = ", ".join(plan.by_id[p].wbs for p in plan.schedule.tasks[linked.id].driving)
        assert f"  driven by {drivers}" in str(info.render()) and not chart(app).path_on
        started = next(t for t in plan.tasks if plan.schedule.tasks[t.id].driven_by == "actual")
        await select(pilot, started.wbs)
        assert "  driven by its actual start" in str(info.render())
        await select(pilot, "1")  # a summary: its dates come from its tasks
        assert "driven by" not in str(info.render())


async def test_move_earlier_is_refused_for_a_task_held_by_the_status_date(make_app, store):
    # unfinished work is scheduled from the status date on: < set a start-no-earlier-than date
    # before it, said "start no earlier than …", and the bar stayed where it was
    from pmtui.services.tasks import add_task

    add_task(store, 1, "Vendor pre-work", duration=3)
    t, ts, plan = stored(store, next(x.wbs for x in get_plan(store, 1).tasks if x.name == "Vendor pre-work"))
    assert ts.driven_by == "status_date" and plan.project.status_date is not None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, t.wbs)
        await press(pilot, "less_than_sign")
        said = notes(app)
        assert (f"{t.wbs} Vendor pre-work starts {ts.start} because unfinished work is scheduled from the "
                f"status date ({plan.project.status_date}): it cannot move earlier unless the status date "
                f"moves; nothing was changed") in said
        assert "start no earlier than" not in said
        assert stored(store, t.wbs)[0].constraint_type == "ASAP"
        await press(pilot, "greater_than_sign")  # later still works
        assert stored(store, t.wbs)[0].constraint_type == "SNET"


async def test_move_earlier_is_refused_for_a_task_held_by_its_summarys_constraint(make_app, store):
    # the summary starts no earlier than 4 January: < gave its task a start-no-earlier-than date
    # a day before that, said so, and the bar stayed on the summary's date
    from pmtui.services.tasks import add_task, edit_task

    phase = add_task(store, 1, "Vendor phase", duration=0)
    work = add_task(store, 1, "Vendor work", under=phase.wbs, duration=3)
    edit_task(store, 1, phase.wbs, constraint_type="SNET", constraint_date=date(2027, 1, 4))
    t, ts, _ = stored(store, work.wbs)
    assert ts.driven_by == "constraint" and ts.start == date(2027, 1, 4)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, work.wbs)
        await press(pilot, "less_than_sign")
        said = notes(app)
        assert (f"{work.wbs} Vendor work starts 2027-01-04 because its summary {phase.wbs} Vendor phase starts "
                "no earlier than 2027-01-04 (SNET): it cannot move earlier unless that constraint changes; "
                "nothing was changed") in said
        assert "start no earlier than" not in said
        assert stored(store, work.wbs)[0].constraint_type == "ASAP"


async def test_d_on_a_task_no_task_drives_says_what_does(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        plan = app.plan
        started = next(t for t in plan.tasks if plan.schedule.tasks[t.id].driven_by == "actual"
                       and not set(plan.schedule.driving_path(t.id)) - {t.id})
        await select(pilot, started.wbs)
        await press(pilot, "d")
        assert (f"No task drives {started.label}: it starts {plan.schedule.tasks[started.id].start}, "
                "driven by its actual start") in notes(app)


async def test_with_b_a_task_added_since_the_baseline_says_it_is_not_in_it(make_app, store):
    from pmtui.services.tasks import add_task

    added = add_task(store, 1, "Extra data quality sprint", duration=4)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, added.wbs)
        info = app.screen.query_one("#gantt-info")
        assert "baseline" not in str(info.render())
        await press(pilot, "b")
        assert chart(app).baseline is not None
        assert "  not in the baseline" in str(info.render())
        await select(pilot, "3.2.4")
        assert "vs baseline" in str(info.render()) and "not in the baseline" not in str(info.render())


async def test_at_120_columns_a_long_name_makes_room_for_what_drives_the_task(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "3.4.4")  # a 59-character name, driven by a link
        ts = app.plan.schedule.tasks[app.plan.by_wbs["3.4.4"].id]
        drivers = ", ".join(app.plan.by_id[p].wbs for p in ts.driving)
        line = screen_text(app).splitlines()[-2]
        assert line.rstrip().endswith(f"  driven by {drivers}")
        assert line.startswith(" 3.4.4 Transform & load scripts: opport")  # thirty cells of it at least
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # at 80 the driver comes before the name,
        await settle(pilot)  # which the selected row shows as far as this line could
        await select(pilot, "3.4.4")
        line = screen_text(app).splitlines()[-2]
        assert line.rstrip().endswith(f"  critical  driven by {drivers}") and line.startswith(" 3.4.4 Transform &")


async def test_on_the_demo_the_status_date_on_today_shows_as_a_line_of_both(make_app):
    """The demo's status date is today: only today's │ was drawn, at every zoom, and a PM could
    not tell that a status date was set, nor where. Its column now shows ║, said in the help."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.plan.project.status_date == TODAY
        for keys in ([], ["minus"], ["minus"]):  # week, month, quarter
            await press(pilot, *keys)
            c = chart(app)
            at = c.task_width + 1 + c.scale.col(TODAY) - c.x0
            column = [c.render_line(y).text[at] for y in range(2, c.size.height)]
            assert "║" in column and "│" not in column and "┆" not in column, c.scale.zoom
        await press(pilot, "question_mark")
        assert "║ today and status date in one column" in app.screen.legend


async def test_the_day_zoom_names_the_weekdays_so_weekends_read_without_colour(make_app):
    """At the day zoom weekends were told only by their shading, lost on a monochrome terminal."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "plus")
        c = chart(app)
        assert c.scale.zoom == "day"
        left = c.task_width + 1
        top, bottom = c.render_line(0).text[left:], c.render_line(1).text[left:]
        back = c._background(c.timeline_width)
        named = 0
        for i in range(0, c.timeline_width - 1, 3):
            day = c.scale.date_at(c.x0 + i)
            if top[i:i + 2] in ("Sa", "Su", "Mo", "Tu", "We", "Th", "Fr"):
                named += 1
                assert top[i:i + 2] == ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")[day.weekday()]
                assert bottom[i:i + 2] == f"{day.day:>2}"
                assert (back[i][1] == "off") == (day.weekday() >= 5)  # the shaded days are Sa and Su
        assert named >= 10  # all but the days under the month's name


async def test_on_a_plan_with_no_tasks_the_info_line_says_the_zoom(make_app, store):
    """+ and - changed the zoom of an empty plan and nothing on the screen said so."""
    from pmtui.services.projects import create_project

    create_project(store, "Empty", date(2027, 1, 4))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.plan.project.name == "Empty" and not app.plan.tasks
        info = app.screen.query_one("#gantt-info")
        assert "zoom week" in str(info.render())
        await press(pilot, "plus")
        assert chart(app).scale.zoom == "day" and "zoom day" in str(info.render())
        await press(pilot, "minus", "minus")
        assert "zoom month" in str(info.render())
        assert "zoom month" in screen_text(app)


async def test_at_80_columns_with_b_the_info_line_gives_the_baseline_s_dates_after_the_slip(make_app):
    # In ISO the task's dates and its baseline's took 47 cells: at 80 columns the baseline's never
    # fitted, and a late milestone's deadline was cut ('LATE (deadline 2027…'), its slip with it
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        await select(pilot, "2.8")  # 60% done, two days behind its baseline
        line = screen_text(app).splitlines()[-2].rstrip()
        assert line == " 2.8  16–25 Nov  6d  60%  float -2d  critical  +2d vs baseline 16–23 Nov"
        await select(pilot, "2.9")  # a milestone past its deadline
        line = screen_text(app).splitlines()[-2].rstrip()
        assert line.endswith("  25 Nov  0%  float -2d  critical  LATE (deadline 23 Nov)  +2d vs baseline")
        await select(pilot, "5.5")  # on its baseline: its dates again would say nothing
        line = screen_text(app).splitlines()[-2].rstrip()
        assert line.startswith(" 5.5 Go-live  18 Jan 2027  0%  float 0d  critical  +0d vs baseline  ")


async def test_the_baseline_s_dates_follow_the_slip_not_what_drives_the_task(make_app):
    # wide enough for both, they came after 'driven by 2.8', as if they were that task's dates
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        await select(pilot, "2.9")
        info = str(app.screen.query_one("#gantt-info").render())
        assert "  +2d vs baseline 23 Nov  driven by 2.8   zoom week" in info


async def test_another_project_opens_on_its_own_dates_without_the_last_one_s_baseline(make_app, store):
    # opened with o from the demo's Gantt, a plan starting in June showed the demo's weeks of
    # November, every bar off the right edge ('▸'), and kept b on for a plan with no baseline
    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task

    later = create_project(store, "Website relaunch", date(2027, 6, 7), make_current=False)
    add_task(store, later.id, "Discovery", duration=5)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "b", "d", "minus")
        assert chart(app).baseline is not None and chart(app).path_on
        app.open_project(later.id)
        await settle(pilot)
        c = chart(app)
        assert c.plan.project.id == later.id and c.scale.zoom == "month"  # the zoom is the PM's
        first, last = c.view_dates
        assert first <= date(2027, 6, 7) <= last
        assert c.baseline is None and not c.path_on
        assert "◂" not in screen_text(app) and "▸" not in screen_text(app)
        assert "removed" not in notes(app)  # no baseline of this project was removed


def bar_in_view(c: GanttChart, tid: int) -> bool:
    bar = c.bar(tid)
    s, f = c.scale.span(bar.start, bar.finish)
    return c.x0 <= s and f < c.x0 + c.timeline_width


def row_in_view(c: GanttChart, bar_open: bool = False) -> bool:
    top = round(c.scroll_offset.y)
    return top <= c.cursor < top + c.page - bar_open  # an open bar covers the view's last row


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_g_goes_to_a_wbs_code_with_its_row_and_its_bar_in_view(make_app, size):
    # The Gantt had no g: reaching 5.4 in March took 50 j's and a f
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        c = chart(app)
        await press(pilot, "g")
        await type_text(pilot, "5.4")
        await press(pilot, "enter")
        t = app.plan.by_wbs["5.4"]
        assert c.current_id == t.id and app.selected_task_id == t.id
        assert bar_in_view(c, t.id) and row_in_view(c)
        assert " 5.4 " in str(app.screen.query_one("#gantt-info").render())
        x0, top = c.x0, c.scroll_offset.y
        await press(pilot, "g")
        await type_text(pilot, "9.9")
        await press(pilot, "enter")
        assert "no task 9.9" in notes(app)
        assert (c.current_id, c.x0, c.scroll_offset.y) == (t.id, x0, top)  # nothing moved
        assert app.focused is c  # the bar closed, the keys are the chart's again
        said = len(raised(app))
        await press(pilot, "g", "enter")  # nothing typed: a change of mind, not an error
        assert len(raised(app)) == said and app.focused is c and c.current_id == t.id
        await press(pilot, "g")
        await type_text(pilot, "#1")
        await press(pilot, "enter")
        assert c.current_id == app.plan.by_wbs["1"].id and bar_in_view(c, c.current_id)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_slash_searches_names_as_typed_n_goes_on_and_esc_goes_back(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        c = chart(app)
        start_id, start_x0 = c.current_id, c.x0
        await press(pilot, "slash")
        await type_text(pilot, "cutov")
        assert app.plan.by_id[c.current_id].wbs == "4.7"  # Cutover rehearsal, in January
        assert bar_in_view(c, c.current_id) and row_in_view(c, bar_open=True)
        await press(pilot, "enter", "n")
        assert app.plan.by_id[c.current_id].wbs == "5.4"  # Production cutover
        assert bar_in_view(c, c.current_id)
        assert "from the top" not in notes(app)
        await press(pilot, "n")
        assert app.plan.by_id[c.current_id].wbs == "4.7"  # round again, and said so
        assert "back at the first task named like 'cutov', from the top" in notes(app)
        found, found_x0 = c.current_id, c.x0
        await press(pilot, "slash")
        await type_text(pilot, "zzz")
        await press(pilot, "enter")
        assert "no task named like 'zzz'" in notes(app)
        assert (c.current_id, c.x0) == (found, found_x0)
        await press(pilot, "slash")
        await type_text(pilot, "project closed")  # the last task: a row is made below it
        assert c.current_id == c.rows[-1] and row_in_view(c, bar_open=True)
        await press(pilot, "enter")
        assert row_in_view(c) and c.max_scroll_y == len(c.rows) + 2 - c.scrollable_content_region.height
        await press(pilot, "home", "t")
        assert (c.current_id, c.x0) == (start_id, start_x0)
        await press(pilot, "slash")
        await type_text(pilot, "hypercare")
        assert app.plan.by_id[c.current_id].wbs == "5"
        await press(pilot, "escape")
        assert (c.current_id, c.x0) == (start_id, start_x0)  # back where the search began, in time too


async def test_the_footer_and_help_show_the_gantt_s_search_keys(make_app):
    from pmtui.screens.dialogs import HelpScreen

    app = make_app()
    for size in ((80, 24), (120, 40)):
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            footer = screen_text(app).splitlines()[-1]
            for shown in ("/ Search", "+/- Zoom", "u Undo", "? Help"):
                assert shown in footer, (size, footer)
            await press(pilot, "f1")
            assert isinstance(app.screen, HelpScreen)
            rows = {bid: (keys, words) for keys, words, bid in app.screen.rows}
            assert rows["gantt.jump"] == ("g", "Go to a WBS code or #id")
            assert rows["gantt.search"] == ("/", "Search")
            assert rows["gantt.search_next"] == ("n", "Next match of the search")
            assert rows["gantt.zoom_in"][1] == "Zoom in" and rows["gantt.zoom_out"][1] == "Zoom out"
        app = make_app()


@pytest.mark.parametrize("screen", ["1", "2"], ids=["wbs", "gantt"])
async def test_a_search_bar_open_while_the_terminal_shrinks_stays_on_screen(make_app, screen):
    # Placed for 120x40, the bar stayed on row 37: at 80x24 it was below the screen, and the
    # search went on typed blind
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, screen, "slash")
        await type_text(pilot, "trial")
        view = app.screen.task_view
        for size in ((80, 24), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            bar = app.screen.query_one("#inline-bar").region
            region = view.content_region
            assert bar.y == region.bottom - 1 and bar.width == region.width, size
            assert "/ trial" in screen_text(app).splitlines()[bar.y]
        await type_text(pilot, " load 2")
        await press(pilot, "enter")
        assert app.plan.by_id[view.current_id].wbs == "3.4.7"


async def test_a_rename_bar_open_while_the_terminal_shrinks_stays_over_its_row(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        table = app.screen.task_view
        table.select_task(app.plan.by_wbs["3.4.2"].id)  # row 34 of 120x40, below 80x24's view
        await settle(pilot)
        await press(pilot, "r")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        bar = app.screen.query_one("#inline-bar").region
        row = table.region.y + 1 + table.cursor - round(table.scroll_offset.y)
        assert bar.y == row < table.region.bottom
        assert "3.4.2   Name: " in screen_text(app).splitlines()[row]
        await press(pilot, "end")
        await type_text(pilot, " v2")
        await press(pilot, "enter")
        assert app.plan.by_wbs["3.4.2"].name.endswith("contacts) v2")


async def test_e_opens_the_task_form_as_on_the_wbs_and_u_undoes_its_edit(make_app, store):
    # e did nothing on the Gantt: a duration 5 days longer was ] pressed five times
    from pmtui.screens.dialogs import TaskForm

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "5.6")
        await press(pilot, "e")
        assert isinstance(app.screen, TaskForm)
        await press(pilot, "tab")  # the duration, below the name
        await press(pilot, "ctrl+u")
        await type_text(pilot, "25d")
        await press(pilot, "enter")
        assert not isinstance(app.screen, TaskForm)
        t, ts, _plan = stored(store, "5.6")
        assert t.duration == 25 and chart(app).current_id == t.id
        assert "25d" in str(app.screen.query_one("#gantt-info").render())
        await press(pilot, "u")
        assert stored(store, "5.6")[0].duration == 20


async def test_the_footer_s_zoom_names_zoom_out_s_key_as_remapped(make_app):
    from tests.tui.test_shell import write_config

    write_config('[keys]\n"gantt.zoom_out" = "z"\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "+/z Zoom" in screen_text(app).splitlines()[-1]
        x0 = chart(app).scale.zoom
        await press(pilot, "z")
        assert chart(app).scale.zoom != x0


async def test_space_folds_a_phase_on_the_gantt_and_the_wbs_shows_it_folded_too(make_app):
    # The Gantt had no folding: a plan of 300 tasks was read phase by phase by scrolling past them
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        c = chart(app)
        plan = app.plan
        phase2 = plan.by_wbs["2"]
        under = len(plan.descendants(phase2.id))
        await select(pilot, "2")
        await press(pilot, "space")
        assert len(c.rows) == 64 - under and c.current_id == phase2.id
        assert plan.by_wbs["2.1"].id not in c.rows
        assert "2      +Analysis" in screen_text(app)  # the mark of a folded summary
        await press(pilot, "j")
        assert c.current_id == plan.by_wbs["3"].id  # the next phase, past the folded one
        # one fold for both screens: the WBS shows the phase folded, and a fold there shows here
        await press(pilot, "1")
        table = app.screen.table
        assert len(table.rows) == 64 - under and "▸ Analysis & design" in screen_text(app)
        await press(pilot, "space")  # on phase 3, selected on the Gantt
        assert table.current.wbs == "3"
        folded = 64 - under - len(plan.descendants(plan.by_wbs["3"].id))
        await press(pilot, "2")
        c = chart(app)
        assert len(c.rows) == folded and c.current_id == plan.by_wbs["3"].id
        # space on a task says what it does; g to a folded task opens its phase
        await press(pilot, "k", "space")  # unfolds 2
        await press(pilot, "j", "space")  # 2.1: not a summary
        assert c.current_id == plan.by_wbs["2.1"].id
        assert "2.1 As-is process mapping (Siebel sales & service) has no tasks under it: space folds or opens a summary" \
            in notes(app)
        await press(pilot, "g")
        await type_text(pilot, "3.2.1")
        await press(pilot, "enter")
        assert c.current_id == plan.by_wbs["3.2.1"].id and len(c.rows) == 64
        # an edit keeps the folds, still the ones the WBS has
        await select(pilot, "1")
        await press(pilot, "space")
        await select(pilot, "3.2.4")
        await press(pilot, "right_square_bracket")
        assert app.plan.by_wbs["3.2.4"].duration == plan.by_wbs["3.2.4"].duration + 1
        assert len(c.rows) == 64 - 5 and c.collapsed is app.folded
        await press(pilot, "1")
        assert app.screen.table.collapsed is app.folded and app.plan.by_wbs["1.1"].id not in app.screen.table.rows


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_a_task_chosen_on_the_wbs_has_its_bar_in_view_on_the_gantt(make_app, size):
    # The row was selected on switching, its bar off the edge: 5.4 in March on a chart of December
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "1", "g")
        await type_text(pilot, "5.4")
        await press(pilot, "enter", "2")
        c = chart(app)
        t = app.plan.by_wbs["5.4"]
        assert c.current_id == t.id and bar_in_view(c, t.id) and row_in_view(c)
        # a view moved on the Gantt stays so when the selection did not change elsewhere
        await press(pilot, "h", "h")
        x0 = c.x0
        await press(pilot, "1", "2")
        assert c.x0 == x0


async def test_the_gantt_shown_first_after_a_task_is_chosen_on_the_wbs_shows_its_bar(store):
    from pmtui.app import PmtuiApp

    app = PmtuiApp(store, None, today=TODAY)  # opens on the WBS; the Gantt not made yet
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        await type_text(pilot, "5.4")
        await press(pilot, "enter", "2")
        c = chart(app)
        t = app.plan.by_wbs["5.4"]
        assert isinstance(app.screen, GanttScreen)
        assert c.current_id == t.id and bar_in_view(c, t.id)


@pytest.mark.parametrize("size, said", [((120, 40), "on leave: Bartholomew Okafor-Lindqvist Tue 12 Jan"),
                                        ((80, 24), "on leave Tue 12 Jan")])
async def test_the_info_line_says_the_leave_a_bar_waits_for(store, size, said):
    # A bar moved or stretched by its people's leave: the line said the dates and, for a moved
    # one, nothing of why (no link drives it); at 80 columns it gives the days without the names
    # when the names do not fit.
    from pmtui.app import PmtuiApp
    from tests.tui.test_detail_days_off import leave_plan

    leave_plan(store)
    app = PmtuiApp(store, None, today=TODAY, screen="gantt")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        info = app.screen.query_one("#gantt-info")
        await select(pilot, "2")
        assert "13–18 Jan  4d  0%" in str(info.render()) and "on leave: Ana Lopez 11–12 Jan" in str(info.render())
        await select(pilot, "3")
        line = str(info.render())
        assert "11–14 Jan  3d" in line and said in line and "driven by 1" in line
        await select(pilot, "1")
        assert "leave" not in str(info.render())


@pytest.mark.parametrize("size, said", [
    ((160, 40), "on leave: Anika Schultz 08–09 Dec; Jonas Berg starts it"),
    # beside a long name the one who starts it comes before the names of those away
    ((120, 40), "on leave 08–09 Dec; Jonas Berg starts it"),
    # at 80 columns beside a critical task's figures, who starts it in fewer words (it named only
    # Anika Schultz, away, under a bar that begins on Jonas Berg's first day)
    ((80, 24), "critical  Jonas Berg starts; leave 08–09 Dec")], ids=["160x40", "120x40", "80x24"])
async def test_the_info_line_says_who_starts_a_bar_while_the_other_is_on_leave(store, built_db, size, said):
    # 3.5 starts Tue 8 Dec with Jonas Berg while Anika Schultz is off Tue 8 and Wed 9: the line
    # said only "on leave: Anika Schultz 08–09 Dec" under a bar that begins on the 8th
    from pmtui.app import PmtuiApp
    from tests.tui.test_detail_days_off import DEC_6, demo_dec_anika_away

    demo_dec_anika_away(store, built_db)
    app = PmtuiApp(store, None, today=DEC_6, screen="gantt")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        info = app.screen.query_one("#gantt-info")
        await select(pilot, "3.5")
        line = str(info.render())
        assert "08–21 Dec  8d  0%" in line and said in line
        await select(pilot, "2.8")  # under way, Anika's alone
        line = str(info.render())
        assert "on leave" in line and "starts it" not in line
