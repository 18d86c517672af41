"""Every key path of the WBS screen, driven with Pilot on the demo plan."""

from __future__ import annotations

import pytest

from pmtui.screens.dialogs import ConfirmScreen, HelpScreen, PickScreen, TaskForm
from pmtui.services.resource_load import resource_loads
from pmtui.services.tasks import get_plan
from pmtui.widgets.detail import TaskDetail
from pmtui.widgets.task_table import TaskTable

from .conftest import detail_rows_of_every_task, elsewhere, handled, notes, press, screen_text, settle, type_text, until

SIZE = (120, 40)


def plan_of(app):
    return get_plan(app.store, app.project_id)


def table(app) -> TaskTable:
    return app.screen.query_one(TaskTable)


async def goto(pilot, wbs: str) -> None:
    await press(pilot, "g")
    await type_text(pilot, wbs)
    await press(pilot, "enter")
    assert table(pilot.app).current.wbs == wbs


def snapshot(app) -> list[tuple]:
    """Everything a refused edit must leave alone."""
    plan = plan_of(app)
    return [(t.id, t.wbs, t.name, t.duration, t.constraint_type, t.deadline, t.percent_complete,
             plan.predecessors_text(t.id), plan.resources_text(t.id)) for t in plan.tasks]


async def test_opens_on_the_current_project(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "CRM migration" in text
        assert "status 2026-11-23" in text and "finish 2027-02-15" in text
        assert "Predecessors" in text and "1.1SS+1d" in text
        assert len(table(app).rows) == 64
        # marks have letters, not only colours
        row = next(line for line in text.splitlines() if "Design sign-off" in line)
        assert row.startswith("CL") and "◆" in row


async def test_cursor_moves_and_detail_follows(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "down", "down", "j")
        assert table(app).current.wbs == "1.3"
        assert "1.3 Implementation partner" in screen_text(app)
        await press(pilot, "up")
        assert table(app).current.wbs == "1.2"
        await press(pilot, "end")
        assert table(app).current.wbs == "5.9"
        await press(pilot, "home")
        assert table(app).current.wbs == "1"


async def test_detail_warns_when_the_task_books_someone_above_their_max_units(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        plan = plan_of(app)
        loads = resource_loads(plan, plan.project.status_date)
        o = next(o for rl in loads.values() for o in rl.overloads)
        person = plan.resource_by_id[o.resource_id].name
        await goto(pilot, plan.by_id[o.tasks[-1]].wbs)
        detail = str(app.screen.query_one(TaskDetail).render())
        # (or, where that would not fit, a mark after the person's name: 'Jonas Berg[50%] ⚠200% …')
        assert f"⚠ {person} booked " in detail or f"{person} ⚠" in detail or f"{person}[" in detail and "] ⚠" in detail
        # a task whose people are never overbooked while it runs: no warning
        busy = {t for rl in loads.values() for o in rl.overloads for t in o.tasks}
        calm = next(t for t in plan.tasks if plan.assignments_of.get(t.id) and t.id not in busy
                    and not plan.schedule.tasks[t.id].completed)
        await goto(pilot, calm.wbs)
        assert "⚠" not in str(app.screen.query_one(TaskDetail).render())


async def test_at_80_columns_every_person_on_a_task_and_their_overbooking_mark_are_shown_whole(make_app):
    # With three people or more the resources line ran off the edge: '… Priya Raman[50%], Nor…',
    # and the ⚠ of whoever came last with it
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        plan = plan_of(app)
        crowded = [t for t in plan.tasks if len(plan.assignments_of.get(t.id, ())) >= 3]
        assert len(crowded) >= 5
        marked = 0
        for t in crowded:
            await goto(pilot, t.wbs)
            panel = app.screen.query_one(TaskDetail)
            shown = screen_text(app)
            for name in plan.resources_text(t.id).split(", "):
                assert name in shown, (t.wbs, name)
            over, _history = panel._overbooked(plan, t.id)
            for said, _rid, mark in over:
                assert said in shown or mark in shown, (t.wbs, mark)
                marked += 1
        assert marked  # one of them at least has someone overbooked


async def test_detail_names_a_double_booking_before_the_status_date_as_history(make_app):
    """Claire at 150 % on 13-14 October (1.1 and 1.2, both done by the status date of 23 November)
    showed nothing on the WBS, the view of the whole plan: only 'resource load --all' had it. The
    detail now says so, dimmed and as history, beside a ⚠ for what is still to settle."""
    app = make_app()
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await goto(pilot, "1.1")
        detail = str(app.screen.query_one(TaskDetail).render())
        assert "(history: Claire Dubois booked 150% of 100% 13–14 Oct)" in detail
        assert "⚠" not in detail
        await goto(pilot, "2.8")  # Tomas from 16 November to 25: before the status date and after it
        detail = str(app.screen.query_one(TaskDetail).render())
        assert "⚠ " in detail and "; Tomas Herrera booked 125% of 100% 23–25 Nov  (" in detail
        assert "(history: Tomas Herrera booked 125% of 100% 16–20 Nov)" in detail
        await goto(pilot, "3.2.4")  # nothing of it before the status date
        assert "history" not in str(app.screen.query_one(TaskDetail).render())


async def test_cursor_move_repaints_only_two_rows(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(app)
        regions = []
        original = t.refresh

        def spy(*regions_, **kw):
            regions.extend(regions_)
            return original(*regions_, **kw)

        t.refresh = spy
        t.action_cursor_down()
        assert len(regions) == 2 and all(r.height == 1 for r in regions)


async def test_why_panel(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.8")
        text = screen_text(app)
        assert "Why: it started 2026-11-16 (actual start)" in text  # named once, on the first line
        assert "Float total -2d" in text


@pytest.mark.parametrize("size, panel, steps", [((80, 24), 7, 1), ((120, 40), 10, 3), ((120, 60), 12, 5)],
                         ids=["80x24", "120x40", "120x60"])
async def test_the_detail_panel_grows_with_the_terminal_and_goes_further_back_in_why(make_app, size, panel, steps):
    # Seven rows at any height: at 120x40 the why-chain of 5.2 (a constraint, resources, notes,
    # eleven steps of why) stopped after one step; at 80x24 the tree keeps its rows.
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await goto(pilot, "5.2")
        detail = app.screen.query_one(TaskDetail)
        assert detail.region.height == panel
        assert table(app).region.height == size[1] - 2 - panel  # the header's row, the footer's
        lines = detail.render().plain.splitlines()
        why = [line for line in lines if line.startswith("Why: ")]
        # where the panel has a row beside the Why line, what the float answers to takes it,
        # right after the first step, ahead of the steps further back
        floats = [i for i, line in enumerate(lines) if line.startswith("Float ")]
        assert floats == ([] if size == (80, 24) else [lines.index(why[0]) + 1]), lines
        assert len(why) + len(floats) == steps + (size != (80, 24)) and len(lines) == panel - 1
        # at 80 columns the count of the steps left out gives way to the reason, and the command
        assert why[-1].endswith(" steps)" if size[0] == 80 else "steps: pmtui why 5.2)"), why[-1]
        text = screen_text(app)
        assert all(line[:40] in text for line in lines)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert detail.region.height == 7 and table(app).region.height == 15


async def test_the_detail_panel_keeps_a_missed_deadline_and_the_notes_in_view(make_app):
    # Six lines tall, the panel cut what came after three steps of why: 3.6 never showed that it
    # misses its deadline, or its notes; 4.4 (with its resources) never showed its notes
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        plan = plan_of(app)
        await goto(pilot, "3.6")
        text = screen_text(app)
        assert "working days after its deadline 2026-12-03" in text
        assert f"Notes: {plan.by_wbs['3.6'].notes}" in text and "Why: it is dated " in text  # a milestone
        await goto(pilot, "4.4")
        text = screen_text(app)
        assert f"Notes: {plan.by_wbs['4.4'].notes}" in text and "Resources " in text
        # the steps left out are counted (5 steps, 3 shown beside the float's line)
        assert "(+2 steps: pmtui why 4.4)" in text


async def test_at_80_columns_the_detail_panel_gives_a_constraint_and_a_deadline_whole(make_app):
    # the line of dates ran off the edge: 'Deadline 2026-1…', and a constraint not at all
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        t = plan_of(app).by_wbs["5.2"]
        await goto(pilot, "5.2")
        assert f"Constraint FNLT {t.constraint_date}" in screen_text(app)
        await goto(pilot, "4.6.3")
        assert "Deadline 2027-01-06" in screen_text(app)
        await goto(pilot, "3.6")  # missed: said once, whole, without the name the panel begins with
        text = screen_text(app)
        assert "Finishes 2026-12-07, 2 working days after its deadline 2026-12-03" in text
        assert "Deadline 2026-12-03" not in text


async def test_at_80x24_the_why_line_shows_beside_a_wrapped_warning_and_notes(make_app):
    # 3.2.5 has two people booked above their max, a line each, and notes: the notes took the
    # last row, the Why line's, and the PM saw no reason for the task's dates
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await goto(pilot, "3.2.5")
        detail = app.screen.query_one(TaskDetail)
        rows = detail.render().plain.splitlines()
        assert len(rows) == detail.content_size.height  # none cut off below the panel
        assert rows[3].startswith("Resources Northstar CRM Consulting[50%] ⚠250% of 200%")
        assert rows[4].strip() == "Priya Raman[50%] ⚠200% 25–30 Nov"
        # the driving line names 3.2.3: its code leaves the reason whole, with the steps left out
        assert rows[5] == "Why: it starts 2026-11-24 because 3.2.3 (SS+4d) starts 2026-11-18  (+1 step)"
        # the notes follow the name, cut at the panel's edge
        notes_ = plan_of(app).by_wbs["3.2.5"].notes
        assert rows[0].startswith("3.2.5 Flows, approval processes, reports & dashboards  #27 ")
        assert rows[0].endswith(f"  Notes: {notes_}")
        shown = screen_text(app).splitlines()
        assert any(line.strip() == rows[5] for line in shown)
        assert any(line.startswith(" 3.2.5 Flows") and "  Notes: " in line and line.rstrip().endswith("…")
                   for line in shown)
        # where the panel has the rows, the notes keep their own and the reason names the task
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        rows = detail.render().plain.splitlines()
        assert rows[-1] == f"Notes: {notes_}"
        assert ("Why: it starts 2026-11-24 because 3.2.3 Sales process: leads, opportunities, quotes (SS+4d) "
                "starts 2026-11-18") in rows


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_task_of_the_demo_shows_why_it_is_where_it_is(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        plan, detail = app.plan, app.screen.query_one(TaskDetail)
        detail_rows_of_every_task(plan, detail)


async def test_at_80_columns_the_detail_panel_gives_the_late_dates(make_app, demo_store):
    # 'Predecessors 4.8  Driving 4.8 Go/no-go decision  Early 2027-01-07→2027-01-07 …': the early
    # dates, the start and finish of the line above again, pushed the late ones off the edge
    from pmtui.services.tasks import edit_task

    edit_task(demo_store, 1, "5.7", constraint_type="ALAP")  # its early dates are not its dates
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        plan = plan_of(app)
        ts = plan.schedule.tasks[plan.by_wbs["5.2"].id]
        await goto(pilot, "5.2")
        line = next(l for l in screen_text(app).splitlines() if l.startswith(" Predecessors 4.8 "))
        assert f"  Late {ts.late_start}→{ts.late_finish}" in line and "Early" not in line
        ts = plan.schedule.tasks[plan.by_wbs["5.7"].id]
        assert (ts.early_start, ts.early_finish) != (ts.start, ts.finish)
        await goto(pilot, "5.7")
        assert f"  Early {ts.early_start}→{ts.early_finish}" in screen_text(app)


async def test_a_refused_name_stays_in_the_bar(make_app):
    # a name over 200 characters was refused after the bar had closed: what was typed was lost
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        before = snapshot(app)
        long = "x" * 201
        await press(pilot, "r", "ctrl+u")
        app.screen.query_one("#inline").value = long
        await press(pilot, "enter")
        bar = app.screen.query_one("#inline")
        assert app.screen.query_one("#inline-bar").display and bar.value == long and app.focused is bar
        assert "longer than 200 characters" in notes(app)
        assert snapshot(app) == before
        await press(pilot, "ctrl+u")
        await type_text(pilot, "Short")
        await press(pilot, "enter")
        assert plan_of(app).by_wbs["1.2"].name == "Short"


async def test_a_subtask_the_plan_refuses_stays_in_the_bar(make_app):
    # A child under 2.8 would make it a summary, which its FF link and its people forbid: the
    # bar had closed before the refusal came back, and the name typed was lost with it.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.8")
        before = snapshot(app)
        await press(pilot, "A")
        await type_text(pilot, "Security chapter")
        await press(pilot, "enter")
        assert snapshot(app) == before
        assert "summary" in notes(app)
        bar = app.screen.query_one("#inline")
        assert app.screen.query_one("#inline-bar").display and app.focused is bar
        assert bar.value == "Security chapter" and app.screen.inline_mode == "add_child"
        await press(pilot, "escape")  # and the name can go under another task instead
        await goto(pilot, "2.9")
        await press(pilot, "a")
        await type_text(pilot, "Security chapter")
        await press(pilot, "enter")
        assert plan_of(app).by_wbs["2.10"].name == "Security chapter"


async def test_add_below_add_child_and_rename(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        await press(pilot, "a")
        await type_text(pilot, "Vendor shortlist")
        await press(pilot, "enter")
        assert table(app).current.wbs == "1.3"
        assert plan_of(app).by_wbs["1.3"].name == "Vendor shortlist"
        assert "Vendor shortlist" in screen_text(app)

        await press(pilot, "A")
        await type_text(pilot, "Call vendors")
        await press(pilot, "enter")
        assert plan_of(app).by_wbs["1.3.1"].name == "Call vendors"
        assert table(app).current.wbs == "1.3.1"

        await press(pilot, "r", "ctrl+u")
        await type_text(pilot, "Call three vendors")
        await press(pilot, "enter")
        assert plan_of(app).by_wbs["1.3.1"].name == "Call three vendors"

        # escape leaves the plan alone
        before = snapshot(app)
        await press(pilot, "a")
        await type_text(pilot, "nope")
        await press(pilot, "escape")
        assert snapshot(app) == before


def burst(app, *keys: str) -> None:
    """Keys as a fast typist sends them: all queued before the app handles the first (Pilot's
    press waits for the app after each key, which hides what the queue does)."""
    from textual import events

    for key in keys:
        event = events.Key(key, {"enter": "\r", "plus": "+", "minus": "-", "space": " "}.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)


async def test_keys_typed_ahead_reach_the_bar_and_then_the_table(make_app):
    # "a" opens the inline bar and Enter closes it. Keys typed right behind them are queued by
    # then; they must reach the bar, then the table: an "e" in a name is not the edit command,
    # and a key after Enter is not typed into the hidden bar (q then did not quit).
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        burst(app, "a", "e", "x", "enter", "2")
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)
        assert plan_of(app).by_wbs["1.3"].name == "ex"
        assert app.current_mode == "gantt"

        burst(app, "1")
        await settle(pilot)
        before = snapshot(app)
        burst(app, "a", "n", "o", "escape", "2")  # Escape drops the answer; "2" is a command again
        await settle(pilot)
        assert snapshot(app) == before and app.current_mode == "gantt"


async def test_keys_behind_a_screen_switch_typed_in_the_bar_reach_the_new_screen(make_app):
    # "a", a name, Enter, "2", "j": the "j" was routed to the bar before Enter closed it and
    # "2" switched screens; it moves the Gantt's cursor, not the hidden WBS table's
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        burst(app, "2")
        await settle(pilot)
        gantt = app.screen.query_one("#gantt")
        burst(app, "1")
        await settle(pilot)
        start = gantt.cursor
        burst(app, "a", "x", "enter", "2", "j")
        await settle(pilot)
        assert plan_of(app).by_wbs["1.3"].name == "x"
        # as typed slowly: the cursor on the new task (1.3), then one further down
        assert app.current_mode == "gantt" and gantt.cursor == start + 2


async def test_q_typed_right_behind_enter_saves_the_answer_then_quits(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        burst(app, "a", "V", "e", "n", "d", "o", "r", "enter", "q")
        await settle(pilot)
    assert not app.is_running
    assert plan_of(app).by_wbs["1.3"].name == "Vendor"


async def test_keys_typed_ahead_of_a_form_reach_its_field(make_app):
    # "d", "7", Enter typed as one burst: the form is not on the screen when "7" and Enter are
    # handled. They are the field's (the 7 replaces the selected duration) and the form's.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "5.6")
        burst(app, "d", "7", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)
        assert plan_of(app).by_wbs["5.6"].duration == 7
        burst(app, "e", "X", "y", "tab", "9", "escape", "j")  # cancelled: nothing changed
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)
        plan = plan_of(app)
        assert plan.by_wbs["5.6"].duration == 7 and plan.by_wbs["5.6"].name != "Xy"
        assert table(app).current.wbs == "5.7"  # the key after Escape is the table's


async def test_editing_keys_act_in_typing_order(make_app):
    # Backspace, the arrows and ctrl+u are the Input's bindings, run once the key had bubbled up
    # to the app: typed quickly, the letters behind them went in first ("abc", backspace, "d"
    # gave "abcd"), or they were lost when Enter had closed the bar by then; in a form, ctrl+u
    # then a value, Tab, a name emptied the next field instead.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        burst(app, "a", "a", "b", "c", "backspace", "d", "left", "left", "X", "enter")
        await settle(pilot)
        assert plan_of(app).by_wbs["1.3"].name == "aXbd"
        burst(app, "d", "1", "0", "backspace", "5", "enter")
        await settle(pilot)
        assert plan_of(app).by_wbs["1.3"].duration == 15
        burst(app, "e", "ctrl+u", "N", "e", "w", "tab", "ctrl+u", "4", "enter")
        await settle(pilot)
        row = plan_of(app).by_wbs["1.3"]
        assert (row.name, row.duration) == ("New", 4)


async def test_wide_characters_keep_the_columns_in_line(make_app):
    # A name in Chinese or with emoji was cut by characters, not terminal cells: its row ran
    # wider than the others and pushed its dates and % out of their columns (and the Gantt's
    # bars right of the task column)
    from rich.cells import cell_len as cells

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        await press(pilot, "a")
        await type_text(pilot, "接口开发 Interface to the legacy billing system 🚀🚀 and more")
        await press(pilot, "enter")
        t = table(app)

        def columns(line: str) -> tuple[int, int]:
            at = line.index(" 20")  # the start date
            return cells(line[:at]), cells(line)

        lines = [line for line in screen_text(app).splitlines() if " 20" in line and "%" in line]
        wide = next(line for line in lines if "接口" in line)
        plain = next(line for line in lines if "接口" not in line)
        assert columns(wide) == columns(plain)
        assert t.current.name.startswith("接口")
        await press(pilot, "2")
        from pmtui.widgets.gantt_chart import GanttChart

        chart = app.screen.query_one(GanttChart)
        bar_col = {cells(line.split("│")[0]) for line in screen_text(app).splitlines()
                   if "│" in line and (" 1.2 " in line or "接口" in line)}
        assert len(bar_col) == 1 and chart.current_id == t.current.id


async def test_ctrl_s_acts_in_typing_order(make_app):
    # ctrl+s saves what was typed before it; the "j" behind it is the table's
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "5.6")
        burst(app, "e", "X", "ctrl+s", "j")
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)
        assert plan_of(app).by_wbs["5.6"].name == "X" and table(app).current.wbs == "5.7"


async def test_tab_enter_and_keys_behind_a_form_act_in_typing_order(make_app):
    # Tab and Enter act when their turn comes: "9" is the duration's, not the name's, and the
    # "j" typed behind Enter waits for the edit, then moves the table's cursor.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "5.6")
        burst(app, "e", "X", "y", "tab", "9", "enter", "j")
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)
        row = plan_of(app).by_wbs["5.6"]
        assert (row.name, row.duration) == ("Xy", 9)
        assert table(app).current.wbs == "5.7"
        # a refused edit keeps the form with its message; keys typed behind its Enter were
        # meant for the table and are dropped, not typed into the form
        await goto(pilot, "2.8")
        burst(app, "p", "2", ".", "9", "enter", "k")  # 2.9 follows 2.8
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        assert "cycle" in screen_text(app)
        assert app.screen.values()["predecessors"] == "2.9"
        await press(pilot, "escape")
        assert table(app).current.wbs == "2.8"


def slowed(monkeypatch, service: str, module=None) -> dict:
    """The service ``service`` of ``module`` (default: the task services) waits until the test
    sets ``go_on`` (an edit waiting for another process's write); ``calls`` counts its calls."""
    import threading

    from pmtui.services import tasks

    module = module or tasks
    call = getattr(module, service)
    state = {"go_on": threading.Event(), "calls": 0}

    def slow(*args, **kwargs):
        state["calls"] += 1
        state["go_on"].wait(10)
        return call(*args, **kwargs)

    monkeypatch.setattr(module, service, slow)
    return state


@pytest.fixture
def slow_edits(monkeypatch):
    return slowed(monkeypatch, "edit_task")


async def test_keys_behind_a_slow_edit_wait_for_it(make_app, slow_edits):
    # Keys typed behind a form's Enter wait while its edit waits for the store, then go to the
    # table
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "5.6")
        burst(app, "d", "7", "enter", "j", "j")
        assert await until(pilot, lambda: slow_edits["calls"] == 1)
        await handled(pilot)  # the j's have come in (and are held)
        await pilot.pause(0.1)
        waiting = isinstance(app.screen, TaskForm)
        slow_edits["go_on"].set()
        await settle(pilot)
        assert waiting and not isinstance(app.screen, TaskForm)
        assert plan_of(app).by_wbs["5.6"].duration == 7
        assert table(app).current.wbs == "5.8"


async def test_an_edit_is_not_sent_twice(make_app, slow_edits, monkeypatch):
    # Past the hold's limit (an edit that never reports back) keys reach the form again; a
    # second Enter or ctrl+s while its edit runs does not send it again
    import pmtui.app

    monkeypatch.setattr(pmtui.app, "EDIT_HOLD_LIMIT", 0.05)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "5.6")
        burst(app, "d", "7", "enter")
        assert await until(pilot, lambda: slow_edits["calls"] == 1)
        # the hold's timer has to fire, or the keys below would wait for the edit and never
        # reach the form while it runs
        assert await until(pilot, lambda: app._held is None)
        burst(app, "enter", "ctrl+s")
        await handled(pilot)  # the form has had them
        await pilot.pause(0.2)  # time for a second edit to start, which must not
        slow_edits["go_on"].set()
        await settle(pilot)
        assert slow_edits["calls"] == 1
        assert plan_of(app).by_wbs["5.6"].duration == 7


async def test_keys_behind_a_refused_slow_edit_are_dropped(make_app, slow_edits):
    # Escape typed behind Enter was meant for after the save: when the edit is refused, the
    # form stays open with the reason
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.8")
        before = snapshot(app)
        burst(app, "p", "2", ".", "9", "enter", "escape", "j")
        assert await until(pilot, lambda: slow_edits["calls"] == 1)
        slow_edits["go_on"].set()
        await settle(pilot)
        assert isinstance(app.screen, TaskForm) and "cycle" in screen_text(app)
        await press(pilot, "escape")
        assert snapshot(app) == before and table(app).current.wbs == "2.8"


async def test_edit_duration_reschedules_and_marks_changed_rows(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "5.6")
        # The marks go 6 s after the edit's plan is shown: under load, before the checks below
        # had read the database and the screen. Their going is not what is tested here.
        app._clear_marks = lambda: None
        await press(pilot, "d")
        assert isinstance(app.screen, TaskForm)
        await press(pilot, "ctrl+u")
        await type_text(pilot, "25d")
        await press(pilot, "enter")
        assert not isinstance(app.screen, TaskForm)
        plan = plan_of(app)
        assert plan.by_wbs["5.6"].duration == 25
        assert str(app.plan.schedule.finish) == "2027-02-22"
        assert "finish 2027-02-22" in screen_text(app)
        t = table(app)
        assert t._is_changed(plan.by_wbs["5.9"].id)  # its successors moved
        assert not t._is_changed(plan.by_wbs["1.1"].id)
        assert any(line.startswith("C") and "*" in line[:4] for line in screen_text(app).splitlines())


@pytest.mark.parametrize("field,value,message", [
    ("d", "abc", "duration 'abc' is not understood"),
    ("p", "2.9", "cycle"),
    ("c", "XYZ", "constraint 'XYZ' is unknown"),
    ("c", "MFO", "constraint MFO needs a date"),
])
async def test_form_refuses_bad_values_and_changes_nothing(make_app, field, value, message):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.8")
        before = snapshot(app)
        await press(pilot, field, "ctrl+u")
        await type_text(pilot, value)
        await press(pilot, "enter")
        assert isinstance(app.screen, TaskForm)
        assert message in screen_text(app)
        assert snapshot(app) == before
        await press(pilot, "escape")
        assert not isinstance(app.screen, TaskForm)
        assert snapshot(app) == before


async def test_constraint_deadline_notes_in_the_form(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        await press(pilot, "c", "ctrl+u")
        await type_text(pilot, "SNET")
        await press(pilot, "tab")
        await type_text(pilot, "2027-01-04")
        await press(pilot, "tab")
        await type_text(pilot, "2027-01-05")
        await press(pilot, "tab", "ctrl+u")
        await type_text(pilot, "needs the load test rig")
        await press(pilot, "enter")
        row = plan_of(app).by_wbs["4.4"]
        assert (row.constraint_type, str(row.constraint_date)) == ("SNET", "2027-01-04")
        assert str(row.deadline) == "2027-01-05"
        assert row.notes == "needs the load test rig"
        assert "Constraint SNET 2027-01-04" in screen_text(app)


async def test_a_constraint_date_typed_alone_makes_snet_and_bad_dates_are_refused(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        before = snapshot(app)
        await press(pilot, "c", "tab")
        await type_text(pilot, "2207-01-04")
        await press(pilot, "enter")
        assert "constraint date 2207-01-04 is out of range" in screen_text(app)
        assert snapshot(app) == before
        await press(pilot, "ctrl+u")
        await type_text(pilot, "2027-01-04")
        await press(pilot, "enter")
        assert not isinstance(app.screen, TaskForm)
        row = plan_of(app).by_wbs["4.4"]
        assert (row.constraint_type, str(row.constraint_date)) == ("SNET", "2027-01-04")


async def test_a_summary_form_shows_its_span_not_an_editable_duration(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1")
        await press(pilot, "e")
        assert isinstance(app.screen, TaskForm)
        assert "7d (from its tasks)" in app.screen.values()["duration"]
        await press(pilot, "enter")  # saving an unchanged summary changes nothing and is allowed
        assert not isinstance(app.screen, TaskForm)


async def test_indent_outdent_move(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.4")
        tid = table(app).current_id
        await press(pilot, "greater_than_sign")
        assert plan_of(app).by_id[tid].wbs == "2.3.4"
        await press(pilot, "less_than_sign")
        assert plan_of(app).by_id[tid].wbs == "2.4"
        await press(pilot, "K")
        assert plan_of(app).by_id[tid].wbs == "2.3"
        assert table(app).current_id == tid
        await press(pilot, "J", "J")
        assert plan_of(app).by_id[tid].wbs == "2.5"
        # a refusal is a message, not a change
        await goto(pilot, "1")
        before = snapshot(app)
        await press(pilot, "K")
        assert snapshot(app) == before
        assert "already the first" in notes(app)


async def test_move_carries_a_task_across_phases(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        last_of_1 = plan_of(app).by_wbs["1.5"].id
        await goto(pilot, "1")
        await press(pilot, "space")  # phase 1 collapsed: the moved task must still be shown
        await goto(pilot, "2.1")
        tid = table(app).current_id
        await press(pilot, "K")  # from the top of phase 2 into the bottom of phase 1
        assert plan_of(app).by_id[tid].wbs == "1.6"
        assert plan_of(app).by_id[last_of_1].wbs == "1.5"
        assert table(app).current_id == tid and tid in table(app).rows
        await press(pilot, "J")  # and back to the top of phase 2
        assert plan_of(app).by_id[tid].wbs == "2.1"
        assert table(app).current_id == tid
        # the first task of the first phase has nowhere to go: a message, no change
        await goto(pilot, "1.1")
        before = snapshot(app)
        await press(pilot, "K")
        assert snapshot(app) == before
        assert "no phase precedes it" in notes(app)


async def test_delete_leaf_and_summary_with_confirmation(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.4")
        await press(pilot, "x")
        assert len(plan_of(app).tasks) == 63
        # the row leaves from under the cursor without a question: it says which it was
        assert "Deleted 1.4 Project kick-off workshop · u undoes" in notes(app)
        await goto(pilot, "2.3")
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert len(plan_of(app).tasks) == 63
        await press(pilot, "delete")
        await press(pilot, "y")
        assert len(plan_of(app).tasks) == 59
        assert "Deleted 2.3 Requirements and the 3 tasks under it · u undoes" in notes(app)


async def test_an_answer_typed_ahead_of_the_confirmation(make_app):
    # "x" then "n" (or "y") as one burst: the answer is the question's, the key after it the
    # table's
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.3")
        burst(app, "x", "n", "j")
        await settle(pilot)
        assert len(plan_of(app).tasks) == 64 and table(app).current.wbs == "2.3.1"
        burst(app, "k", "x", "y")
        await settle(pilot)
        assert len(plan_of(app).tasks) == 60 and not isinstance(app.screen, ConfirmScreen)


async def test_collapse_and_expand(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(app)
        await press(pilot, "space")
        assert len(t.rows) == 59 and "▸ Initiation" in screen_text(app)
        await press(pilot, "right")
        assert len(t.rows) == 64
        await press(pilot, "down", "left")  # on a leaf: goes to its summary
        assert t.current.wbs == "1"
        await press(pilot, "left")
        assert len(t.rows) == 59
        await press(pilot, "minus")
        assert len(t.rows) == 5
        await press(pilot, "plus")
        assert len(t.rows) == 64


async def test_left_and_right_walk_the_tree_and_say_when_they_cannot(make_app):
    # → on a leaf and ← on a top-level task did nothing and said nothing; → on an open summary
    # did nothing either, where a tree goes to its first child
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(app)
        await goto(pilot, "2.3")
        await press(pilot, "right")
        assert t.current.wbs == "2.3.1" and len(t.rows) == 64
        await press(pilot, "right")
        assert t.current.wbs == "2.3.1" and len(t.rows) == 64
        assert "2.3.1 Requirements workshops: sales, accounts & quotes has no tasks under it: → opens a summary or goes to its " \
               "first task" in notes(app)
        await press(pilot, "left", "left")  # up to 2.3, then folds it
        assert t.current.wbs == "2.3" and len(t.rows) == 61
        await press(pilot, "left")  # up to the phase
        assert t.current.wbs == "2"
        await press(pilot, "left", "left")  # folds it, then nothing above a folded phase
        assert t.current.wbs == "2" and len(t.rows) == 64 - 12
        assert "2 Analysis & design is folded already: ← folds a summary or goes up to the one above a task" \
            in notes(app)
        await press(pilot, "right", "right")  # opens it, then to its first task
        assert t.current.wbs == "2.1"


async def test_space_on_a_task_says_it_has_nothing_to_collapse(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(app)
        await goto(pilot, "1.2")
        await press(pilot, "space")
        assert "1.2 Business case & budget approval has no tasks under it: space collapses or expands a summary" \
            in notes(app)
        assert len(t.rows) == 64 and t.current.wbs == "1.2"


async def test_progress_and_assign(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        await press(pilot, "m")
        # a chord: the choices show in the detail panel, the next key picks one
        assert "Progress of 4.4" in screen_text(app) and "2 50 %" in screen_text(app)
        await press(pilot, "2")
        assert plan_of(app).by_wbs["4.4"].percent_complete == 50
        assert app.screen.TITLE == "WBS"  # the digit did not switch screens
        assert "Progress of" not in screen_text(app)
        # Esc or a key that is no choice cancels, changing nothing
        await press(pilot, "m", "escape")
        await press(pilot, "m", "x")
        assert "'x' is none of 0, 1, 2, 3, 4" in notes(app)
        assert plan_of(app).by_wbs["4.4"].percent_complete == 50
        assert table(app).current.wbs == "4.4" and "Progress of" not in screen_text(app)
        await press(pilot, "R")
        await press(pilot, "5")  # the fifth resource by name: Lena Hoffmann
        assert "Lena Hoffmann" in plan_of(app).resources_text(plan_of(app).by_wbs["4.4"].id)


async def test_r_marks_the_people_on_the_task_and_picking_one_takes_them_off(make_app):
    # Unmarked, picking Claire Dubois (on 1.2 at 50 %) again set her to 100 % without a word
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        await press(pilot, "R")
        text = screen_text(app)
        assert "2  ✓ Claire Dubois  on it at 50%: takes off" in text
        assert "1  ✓ Anika Schultz  on it at 25%: takes off" in text
        assert "5    Lena Hoffmann" in text and "✓ Lena" not in text
        await press(pilot, "2")
        t = plan_of(app).by_wbs["1.2"]
        assert plan_of(app).resources_text(t.id) == "Anika Schultz[25%]"
        assert "Took Claire Dubois from 1.2 Business case & budget approval · u undoes" in notes(app)
        await press(pilot, "u")
        assert plan_of(app).resources_text(t.id) == "Claire Dubois[50%], Anika Schultz[25%]"
        await press(pilot, "R", "5")
        assert plan_of(app).resources_text(t.id) == "Claire Dubois[50%], Anika Schultz[25%], Lena Hoffmann"
        assert "Assigned Lena Hoffmann → 1.2 Business case & budget approval at 100% · u undoes" in notes(app)
        # on a summary, said before the list, not after a name was picked from it
        await goto(pilot, "1")
        await press(pilot, "R")
        assert not isinstance(app.screen, PickScreen)
        assert "1 Initiation is a summary: assign people to the tasks under it" in notes(app)


async def test_a_cursor_moved_during_an_edit_stays_where_it_was_put(make_app, monkeypatch):
    # The edit's plan used to put the cursor back on the edited task when it arrived, undoing
    # the moves made while it ran
    from pmtui.services import progress

    slow = slowed(monkeypatch, "set_percent", progress)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        await pilot.press("m", "2", "j", "j")  # typed while the edit waits
        await handled(pilot)
        moved = table(app).current.wbs
        slow["go_on"].set()
        await settle(pilot)
        assert moved == "4.6" and plan_of(app).by_wbs["4.4"].percent_complete == 50
        assert table(app).current.wbs == "4.6"


async def test_two_quick_adds_end_on_the_last(make_app):
    # the first add's plan moves the cursor to its task; that is not a move of the user's, so
    # the second add's plan still selects the task it added
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        burst(app, "a", "F", "o", "o", "enter", "a", "B", "a", "r", "enter")
        await settle(pilot)
        assert table(app).current.name == "Bar"


async def test_quick_adds_go_in_the_order_typed(make_app):
    # A WBS typed in one go ("a", name, Enter, "a", name, Enter, ...): each new task goes below
    # the one added before it. The second "a" was handled before the first add's plan had put
    # the cursor on its task, so "Bar" went in above "Foo".
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        n = len(plan_of(app).tasks)
        burst(app, "a", "F", "o", "o", "enter", "a", "B", "a", "r", "enter", "a", "Z", "enter")
        # held keys are let go after an edit's plan, when settle may already have returned
        assert await until(pilot, lambda: len(plan_of(app).tasks) == n + 3)
        await settle(pilot)
        plan = plan_of(app)
        assert [plan.by_wbs[w].name for w in ("1.3", "1.4", "1.5")] == ["Foo", "Bar", "Z"]
        assert table(app).current.name == "Z"


async def test_a_move_during_a_gantt_edit_is_kept_on_both_screens(make_app):
    # "]" (one day longer) then "j" in the Gantt: the cursor stays on the next task, and the WBS
    # screen, hidden while the edit's plan arrived, agrees
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        await press(pilot, "2")
        chart = app.screen.query_one("#gantt")
        burst(app, "bracketright", "j")
        await settle(pilot)
        moved_to = chart.current_id
        assert plan_of(app).by_id[moved_to].wbs == "1.3"
        await press(pilot, "1")
        assert table(app).current.wbs == "1.3"
        await press(pilot, "2")
        assert chart.current_id == moved_to


async def test_keys_behind_a_key_that_closes_a_dialog(make_app):
    # "R", "5", "j" as one burst: the digit picks the resource and closes the list, and only then
    # is the "j" routed, to the table; the same behind Escape in the command palette
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        burst(app, "R", "5", "j")
        await settle(pilot)
        assert "Lena Hoffmann" in plan_of(app).resources_text(plan_of(app).by_wbs["4.4"].id)
        assert app.screen.TITLE == "WBS" and table(app).current.wbs == "4.5"
        burst(app, "ctrl+p", "escape", "j")
        await settle(pilot)
        assert app.screen.TITLE == "WBS" and table(app).current.wbs == "4.6"


async def test_an_answer_handled_after_a_later_key_keeps_the_cursor_where_that_key_put_it(make_app):
    # "R", "5", "j": the pick list's answer reaches the WBS screen through its own queue and may
    # be handled after the "j" (seen under load, 2 runs in 14). The edit is for the task the
    # command was given on, so the cursor the "j" moved stays where it is.
    from pmtui.services import resources as res_svc

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        tid = table(app).current.id
        await press(pilot, "j")  # the key behind the answer, handled first
        app.run_edit("Assign", lambda store, pid: res_svc.assign(store, pid, f"#{tid}", "Lena Hoffmann"),
                     select=tid, before=tid)
        await settle(pilot)
        assert "Lena Hoffmann" in plan_of(app).resources_text(tid)
        assert table(app).current.wbs == "4.5"


async def test_an_edit_plan_handled_before_the_moved_cursor_is_reported_keeps_the_move(make_app):
    # The table reports a move to the screen (which sets the shared selection) in a message. An
    # edit's plan handled between the move and that message took the cursor for unmoved and put
    # it back on the task edited: "R", "5", "j" typed at once ended on 4.4 (under load, 2 runs
    # in 15). Here the plan is handled at once after the move, before any message.
    from pmtui.messages import PlanReady

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        tid = table(app).current.id
        app._start("assign")  # as run_edit does, the command given on 4.4
        table(app).action_cursor_down()  # "j"
        app._plan_ready(PlanReady(app.plan, select_id=tid, edited=True, selected_before=tid))
        await settle(pilot)
        assert table(app).current.wbs == "4.5" and app.selected_task_id == table(app).current.id


async def test_progress_keys_keep_actual_dates_in_the_past(make_app):
    # "m" used its own rules: 50 % on a task planned after the status date saved an actual
    # start in the future, and 100 % a finish weeks ahead. It now records progress as the
    # stand-up and `pmtui progress` do.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = plan_of(app).project.status_date
        later = next(t for t in plan_of(app).tasks
                     if not t.children and t.duration > 2 and plan_of(app).schedule.tasks[t.id].start > status)
        await goto(pilot, later.wbs)
        await press(pilot, "m", "2")
        row = plan_of(app).by_wbs[later.wbs]
        assert row.percent_complete == 50 and row.actual_start <= status
        await press(pilot, "m", "4")
        row = plan_of(app).by_wbs[later.wbs]
        assert row.actual_finish is not None and row.actual_finish < status


async def test_progress_prompt_stays_until_the_edit_ends(make_app, monkeypatch):
    # The answered prompt is not redrawn while the edit runs (that frame slowed the worker):
    # the edit's plan replaces it, and so does a refusal, which changes nothing.
    from pmtui.models.errors import Conflict
    from pmtui.services import progress

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        await press(pilot, "m", "3")
        assert plan_of(app).by_wbs["4.4"].percent_complete == 75
        assert "Progress of" not in screen_text(app) and "4.4 " in screen_text(app)

        def refuse(*_args, **_kwargs):
            raise Conflict("the plan was locked")

        monkeypatch.setattr(progress, "set_percent", refuse)
        await press(pilot, "m", "1")
        assert "the plan was locked" in notes(app)
        assert plan_of(app).by_wbs["4.4"].percent_complete == 75
        assert "Progress of" not in screen_text(app) and "Predecessors" in screen_text(app)


async def test_an_edit_repaints_only_the_rows_it_changed(make_app):
    # After a value edit the visible rows are rendered again and only those that differ are
    # repainted; what the screen shows must still be every row as it is now.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        t = table(app)
        repainted: list[int] = []
        real = t._refresh_row
        t._refresh_row = lambda index: (repainted.append(index), real(index))
        for key in ("2", "4", "0"):
            repainted.clear()
            await press(pilot, "m", key)
            await settle(pilot)
            plan = plan_of(app)
            assert plan.by_wbs["4.4"].percent_complete == {"2": 50, "4": 100, "0": 0}[key]
            shown = screen_text(app).splitlines()
            top = round(t.scroll_offset.y)
            width = t.scrollable_content_region.width
            visible = range(top, min(top + t.page, len(t.rows)))
            for index in visible:
                tid = t.rows[index]
                fresh = "".join(seg.text for seg in t._render_row(tid, width, index == t.cursor, t._is_changed(tid)))
                assert fresh.rstrip() in shown[index - top + 2], plan.by_id[tid].wbs
            assert t.cursor in repainted  # the edited row, its summary's percent: a few rows
            assert t.index_of[plan.by_wbs["4"].id] in repainted or plan.by_wbs["4"].id not in t.index_of
            assert len(repainted) < len(visible)


async def test_edits_leave_no_old_plan_behind(make_app):
    # The plan and schedule an edit replaces are freed after the frame (not during it), but
    # freed: a day of edits must not pile plans up.
    import weakref

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        await press(pilot, "m", "1")
        await settle(pilot)
        first = weakref.ref(app.plan)
        first_schedule = weakref.ref(app.plan.schedule)
        for key in "234":
            await press(pilot, "m", key)
            await settle(pilot)
        assert first() is None and first_schedule() is None


async def test_header_shows_the_finish_move_since_the_last_standup(make_app, demo_store):
    from pmtui.services.projects import use_project
    from pmtui.services.standup import start_standup

    from .conftest import TODAY

    pid = use_project(demo_store, "CRM migration").id
    start_standup(demo_store, pid, TODAY)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "(+0d since 23 Nov)" in screen_text(app).splitlines()[0]
        await goto(pilot, "5.6")
        await press(pilot, "d", "ctrl+u")
        await type_text(pilot, "25d")
        await press(pilot, "enter")
        await settle(pilot)
        day, days = app.plan.finish_change()
        assert day == TODAY and days > 0
        header = screen_text(app).splitlines()[0]
        assert f"finish {app.plan.schedule.finish} (+{days}d since 23 Nov)  1 WBS  2 Gantt" in header
    app = make_app()  # 80 columns: the short form, and every screen's digit still there
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[0]
        assert f"finish {app.plan.schedule.finish} (+{days}d) 1 WBS 2 3 4 5" in header, header
    # a stand-up of another year than the status date's says which ('since 23 Nov' read as 2027's)
    from datetime import date

    from pmtui.services.projects import set_status_date

    set_status_date(demo_store, pid, date(2027, 1, 4))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "since stand-up 23 Nov 2026)" in screen_text(app).splitlines()[0]


async def test_header_writes_the_stand_up_date_as_the_stand_up_does(make_app, demo_store):
    # The header said "since 2 Nov" where the stand-up screen said "Mon 02 Nov", and its list of
    # past stand-ups "Mon 02 Nov 2026" in 2026: one rule for a short date now, as_of.day_text's
    from datetime import date

    from pmtui.services.projects import use_project
    from pmtui.services.standup import start_standup

    pid = use_project(demo_store, "CRM migration").id
    start_standup(demo_store, pid, date(2026, 11, 2))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "(+0d since 02 Nov)" in screen_text(app).splitlines()[0]
        # (2: resumed, as the stand-up of an earlier day still open asks first)
        await press(pilot, "4", "2", "h")  # the past stand-ups, which said "Mon 02 Nov 2026"
        text = screen_text(app)
        assert "Mon 02 Nov  open" in text and "Nov 2026" not in text


async def test_progress_chord_typed_ahead(make_app):
    # Keys typed faster than the app handles them: the chord's second key must still be taken
    # after its first, not run as the digit's binding (screen 2).
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "4.4")
        for key, char in (("down", None), ("m", "m"), ("3", "3")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.screen.TITLE == "WBS"
        assert plan_of(app).by_wbs["4.5"].percent_complete == 75
        assert table(app).current.wbs == "4.5"


async def test_a_value_edit_keeps_the_rows_and_a_new_task_rebuilds_them(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "minus")  # everything collapsed
        await goto(pilot, "4.4")  # its summary opens
        t = table(app)
        rows = t.rows
        await press(pilot, "m", "2")
        assert plan_of(app).by_wbs["4.4"].percent_complete == 50
        assert t.rows is rows and t.current.wbs == "4.4"  # same tree: rows kept, not walked again
        await press(pilot, "a")
        await type_text(pilot, "Extra check")
        await press(pilot, "enter")
        assert t.rows is not rows and len(t.rows) == len(rows) + 1
        assert t.current.name == "Extra check" and t.current.wbs == "4.5"
        assert app.plan.by_wbs["3"].id in t.rows and app.plan.by_wbs["3.1"].id not in t.rows  # still collapsed


async def test_jump_and_search(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(app)
        await press(pilot, "minus")
        await goto(pilot, "3.4.2")  # expands its collapsed summaries
        await press(pilot, "g")
        await type_text(pilot, "9.9")
        await press(pilot, "enter")
        assert "no task 9.9" in notes(app)
        assert t.current.wbs == "3.4.2"

        await press(pilot, "home", "slash")
        await type_text(pilot, "cutov")
        assert t.current.name.startswith("Cutover rehearsal")
        await press(pilot, "enter", "n")
        assert t.current.name.startswith("Production cutover")
        await press(pilot, "slash")
        await type_text(pilot, "hypercare")
        await press(pilot, "escape")
        assert t.current.name.startswith("Production cutover")


async def test_esc_after_a_search_that_opened_a_phase_goes_back_to_the_task_it_began_on(make_app):
    # The search began at a row number: a match in a collapsed phase above it opened the phase,
    # the rows below moved down, and Esc put the cursor on whatever task had come to that row
    # (and each letter typed searched on from there).
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(app)
        await press(pilot, "minus", "home", "j", "j", "j")
        assert t.current.wbs == "4"
        await press(pilot, "slash")
        await type_text(pilot, "legacy data")
        assert t.current.wbs == "2.2"
        await type_text(pilot, " profiling")
        assert t.current.wbs == "2.2"
        await press(pilot, "escape")
        assert t.current.wbs == "4"


async def test_a_match_found_while_typing_is_not_under_the_search_bar(make_app):
    # The bar covers the table's bottom row, and a match below the view was scrolled to just
    # that row: the search seemed to find nothing until Enter closed the bar.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        t = table(app)
        for text, wbs in (("decommission", "5.7"), ("project closed", "5.9")):  # 5.9 is the last row
            await press(pilot, "home", "slash")
            await type_text(pilot, text)
            assert t.current.wbs == wbs
            bar = app.screen.query_one("#inline-bar").region
            assert t.region.y + 1 + t.cursor - round(t.scroll_offset.y) < bar.y  # the row above the bar
            assert t.current.name[:12] in screen_text(app)
            await press(pilot, "escape")


async def test_a_search_typed_in_one_burst(make_app):
    # "/", a name and Enter arriving together: the field's Changed events came after Enter had
    # closed the bar, so the search went nowhere, and n then opened an empty search
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = table(app)
        burst(app, "slash", *"cutov", "enter")
        await settle(pilot)
        assert t.current.name.startswith("Cutover rehearsal")
        burst(app, "n")
        await settle(pilot)
        assert t.current.name.startswith("Production cutover")
        burst(app, "slash", *"decommission", "enter", "n")  # one match: n says it is the only one
        await settle(pilot)
        assert t.current.wbs == "5.7" and "the only task named like 'decommission'" in notes(app)
        burst(app, "home", "slash", *"zzz", "enter")
        await settle(pilot)
        assert "no task named like 'zzz'" in notes(app) and t.current.wbs == "1"


async def test_undo_redo_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.4")
        await press(pilot, "x")
        assert len(plan_of(app).tasks) == 63
        await press(pilot, "u")
        assert len(plan_of(app).tasks) == 64
        await press(pilot, "U")
        assert len(plan_of(app).tasks) == 63
        await press(pilot, "ctrl+z")
        assert len(plan_of(app).tasks) == 64
        # said as taken back, with what it was (it read "Undo: …", like the change itself)
        assert "Undone: Delete task — " in notes(app)
        await press(pilot, "ctrl+y")
        assert len(plan_of(app).tasks) == 63
        assert "Redone: Delete task — " in notes(app)


async def test_help_and_palette(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = [bid for _keys, _desc, bid in app.screen.rows]
        assert {"wbs.add_task", "app.undo", "wbs.cursor_down", "wbs.indent"} <= set(ids)
        assert ("a", "Add", "wbs.add_task") in app.screen.rows
        await press(pilot, "escape")
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Add", "Delete", "Undo", "Indent", "Search", "Quit", "Projects"} <= set(titles)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "indent")
        await settle(pilot)
        assert "Indent" in screen_text(app)


async def test_help_lists_the_palette_once_and_names_the_keys_section(make_app):
    # The palette was listed twice ("^p palette" and "ctrl+p Command palette"), the longest
    # description ran into its id, and "[keys]" in the title was read as markup and vanished
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for screen in ("1", "2"):
            await press(pilot, screen, "question_mark")
            rows = app.screen.rows
            assert [bid for _k, _d, bid in rows if "command_palette" in bid] == ["app.command_palette"]
            await press(pilot, "end")
            text = screen_text(app)
            assert "remap in config.toml [keys] by id" in text
            assert "every action app.command_palette" in " ".join(text.split()).replace("│", "")
            await press(pilot, "escape")


async def test_palette_runs_an_action(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.4")
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Delete")
        await settle(pilot)  # the palette's search runs in a worker
        await press(pilot, "enter")
        assert len(plan_of(app).tasks) == 63


async def test_theme_toggle_and_screen_digit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "pmtui-dark"
        await press(pilot, "t")
        assert app.theme == "pmtui-light"
        await press(pilot, "1")
        assert app.current_mode == "wbs"
        assert app.animation_level == "none"
        # on the Gantt and the risk screens t is taken (today, threats/opportunities): T toggles
        for digit in ("2", "3"):
            await press(pilot, digit)
            await settle(pilot)
            before = app.theme
            await press(pilot, "T")
            assert app.theme != before, digit


async def test_a_new_resource_is_added_and_assigned_from_r(make_app, store):
    # The planner had no way to add a person: R on a plan without resources said to run
    # `pmtui resource add` in another terminal. R now offers a new resource (the bar, or "+" in
    # the pick list): one change, which one undo takes back whole.
    from datetime import date

    from pmtui.services import history
    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task

    pid = create_project(store, "Fresh", date(2027, 1, 4)).id
    add_task(store, pid, "Design", duration=3)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "R")
        assert "No resources yet. New resource for 1:" in screen_text(app)
        await type_text(pilot, "Ann Lee")
        await press(pilot, "enter")
        await settle(pilot)
        plan = plan_of(app)
        assert [r.name for r in plan.resources] == ["Ann Lee"]
        assert plan.resources_text(plan.by_wbs["1"].id) == "Ann Lee"
        entries = history.history(store, pid)
        assert entries[0].action == "Add and assign resource" and len(entries) == 3
        await press(pilot, "R", "plus")
        await type_text(pilot, "Bo Chen")
        await press(pilot, "enter")
        await settle(pilot)
        assert "Bo Chen" in plan_of(app).resources_text(plan_of(app).by_wbs["1"].id)
        await press(pilot, "R", "plus")
        await type_text(pilot, "Ann Lee")  # taken: refused, nothing changed
        await press(pilot, "enter")
        await settle(pilot)
        assert "exists already" in notes(app) and len(plan_of(app).resources) == 2
        await press(pilot, "u")
        await settle(pilot)
        assert [r.name for r in plan_of(app).resources] == ["Ann Lee"]


async def test_adding_below_a_summary_opens_the_bar_where_the_task_goes(make_app):
    # a on the phase "1 Initiation" drew the bar over its first task (1.1), but the new task
    # goes after the whole phase, as its sibling: WBS 2
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await goto(pilot, "1")
        await press(pilot, "a")
        t = table(app)
        plan = plan_of(app)
        over = t.rows.index(plan.by_wbs["2"].id) - round(t.scroll_offset.y) + 1
        assert app.screen.query_one("#inline-bar").region.y == t.content_region.y + over
        await type_text(pilot, "Kick-off done")
        await press(pilot, "enter")
        await settle(pilot)
        assert plan_of(app).by_wbs["2"].name == "Kick-off done" and table(app).current.wbs == "2"


def _row_under_bar(app) -> int:
    """The index in the table's rows of the row the inline bar is drawn over."""
    t = table(app)
    bar = app.screen.query_one("#inline-bar")
    assert bar.display
    return bar.region.y - t.content_region.y - 1 + round(t.scroll_offset.y)


async def test_adding_a_child_to_a_summary_opens_the_bar_after_its_last_child(make_app):
    # A on "1 Initiation" drew "New subtask:" over 1.1, but the subtask is added as the phase's
    # last child, 1.6, after 1.5
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1")
        await press(pilot, "A")
        assert _row_under_bar(app) == table(app).rows.index(plan_of(app).by_wbs["1.5"].id) + 1
        await type_text(pilot, "Lessons kept")
        await press(pilot, "enter")
        await settle(pilot)
        assert plan_of(app).by_wbs["1.6"].name == "Lessons kept" and table(app).current.wbs == "1.6"


async def test_adding_below_a_phase_longer_than_the_view_shows_the_bar_where_the_task_goes(make_app):
    # at 80×24, a on "3 Build & data migration" drew the bar on the view's last row, over 3.x,
    # while the task goes after the whole phase (WBS 4), below the view
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await goto(pilot, "3")
        await press(pilot, "a")
        t = table(app)
        assert _row_under_bar(app) == t.rows.index(plan_of(app).by_wbs["4"].id)
        await press(pilot, "escape")
        await settle(pilot)
        # cancelled: the cursor's row is in view again
        top = round(t.scroll_offset.y)
        assert t.current.wbs == "3" and top <= t.cursor < top + t.page


async def test_adding_below_the_last_task_keeps_it_in_view_above_the_bar(make_app):
    # at 80×24, a on the last task (5.9, at the bottom of the view) drew the bar over it: the
    # view could not scroll past the last row, and the task the new one goes below was hidden
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "end", "a")
        t = table(app)
        assert _row_under_bar(app) == len(t.rows)  # the row after the last
        assert any(line[5:].startswith("5.9 ") for line in screen_text(app).splitlines())
        await type_text(pilot, "Handover to support")
        await press(pilot, "enter")
        await settle(pilot)
        assert plan_of(app).by_wbs["5.10"].name == "Handover to support" and t.current.wbs == "5.10"
        top = round(t.scroll_offset.y)
        assert t.cursor == top + t.page - 1  # the view holds no blank row once the bar is gone
        await press(pilot, "end", "a", "escape")
        assert t.cursor == len(t.rows) - 1 and round(t.scroll_offset.y) == top


def _bar_text(app) -> str:
    """The inline bar as drawn: its label and what is typed."""
    bar = app.screen.query_one("#inline-bar")
    return str(bar.query_one("#inline-label").render()) + " " + bar.query_one("#inline").value


@pytest.mark.parametrize("key, at, code", [
    ("a", "1.5", "1.6"),   # the row under the bar is 2: its code named the wrong task
    ("A", "1.5", "1.5.1"),
    ("A", "1", "1.6"),
    ("a", "2.3.3", "2.3.4"),
    ("a", "1", "2"),
])
async def test_the_add_bar_shows_the_code_the_new_task_gets(make_app, key, at, code):
    # the bar covered only the name cell of the row below, whose flags, WBS code and dates stayed
    # beside it: "C 2  New task:   2026-11-04 …" for a task that became 1.6
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, at)
        await press(pilot, key)
        bar = app.screen.query_one("#inline-bar")
        t = table(app)
        assert bar.region.x == t.content_region.x and bar.region.width == t.content_region.width
        assert _bar_text(app).split()[0] == code
        await type_text(pilot, "Lessons kept")
        await press(pilot, "enter")
        await settle(pilot)
        assert plan_of(app).by_wbs[code].name == "Lessons kept"


async def test_a_refused_name_reopens_the_add_bar_with_its_code_once(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.5")
        await press(pilot, "a")
        await type_text(pilot, "x" * 300)
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen.query_one("#inline-bar").display  # refused: open again
        assert _bar_text(app).split() == ["1.6", "New", "task:", "x" * 300]


async def test_header_gives_the_date_the_figures_use_when_no_status_date_is_set(store):
    # 'no status date' left the PM to guess what the figures were as of: today, and for a project
    # not started yet, its start (services.as_of)
    from datetime import timedelta

    from pmtui.app import PmtuiApp
    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task

    from .conftest import TODAY

    project = create_project(store, "Fresh", TODAY)
    add_task(store, project.id, "Kick-off", duration=1)
    later = create_project(store, "Later", TODAY + timedelta(days=14))
    add_task(store, later.id, "Kick-off", duration=1)
    for name, shown in (("Fresh", f" Fresh   status {TODAY} (today)  finish "),
                        ("Later", f" Later   status {TODAY + timedelta(days=14)} (not started)  finish ")):
        app = PmtuiApp(store, name, today=TODAY)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert shown in screen_text(app).splitlines()[0]


async def test_a_long_project_name_leaves_the_header_its_finish_and_screens(make_app, store):
    # At 80 columns "CRM migration (phase 2)" already pushed "3 4 5" off the edge; a longer name
    # hid the finish date too
    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task

    from .conftest import TODAY

    name = "SAP S/4HANA finance rollout – wave 2 (DACH entities)"
    project = create_project(store, name, TODAY)
    add_task(store, project.id, "Kick-off", duration=1)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[0]
        assert header.rstrip().endswith(" 1 WBS 2 3 4 5"), header
        assert f"finish {app.plan.schedule.finish}" in header
        assert " SAP S/4HANA fin" in header and "…" in header and "(today)" in header
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert f" {name} " in screen_text(app).splitlines()[0]  # whole where it fits


async def test_at_80_columns_the_header_keeps_every_screen_s_digit_on_the_gantt_of_a_plan_not_started(make_app, store):
    # 'Website rel…   status 2027-01-04 (not started)  finish 2027-01-26 1 2 Gantt 3 4': the name
    # of the screen shown pushed the 5 off the edge
    from datetime import timedelta

    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task

    from .conftest import TODAY

    project = create_project(store, "Website relaunch", TODAY + timedelta(days=42))
    add_task(store, project.id, "Kick-off", duration=1)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert screen_text(app).splitlines()[0].rstrip().endswith(" 1 WBS 2 3 4 5")  # room for its name
        await press(pilot, "2")
        header = screen_text(app).splitlines()[0].rstrip()
        assert header.endswith("(not started)  finish 2027-01-04 1 2 3 4 5"), header
        assert header.startswith(" Website relaunch ")  # and its name the room that makes


async def test_a_task_under_way_shows_its_duration_now_and_d_edits_the_planned_one(make_app, demo_store):
    # 2.8, planned at 6 days, is under way; 5 days left on the status date make it 5 done + 5 left
    # (50 %, MS Project's Duration 10d), which the Dur column and the detail panel read where they
    # read 6d
    from pmtui.services.progress import set_remaining

    from .conftest import TODAY

    app = make_app()
    set_remaining(demo_store, get_plan(demo_store, 1).project.id, "2.8", 5, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # computed once per plan in the worker, not per row drawn
        assert "durations_now" in table(app).plan.__dict__
        await goto(pilot, "2.8")
        row = next(line for line in screen_text(app).splitlines() if "Solution design doc" in line)
        assert " 10d† 20" in row
        assert "· 10d (planned 6d) ·" in str(app.screen.query_one(TaskDetail).render())
        await press(pilot, "d")
        assert isinstance(app.screen, TaskForm)
        assert "Planned duration (now 10d, days done + days left)" in screen_text(app)
        assert app.screen.query_one("#f-duration").value == "6d"
        await press(pilot, "ctrl+u")
        await type_text(pilot, "7d")
        await press(pilot, "enter")
        await settle(pilot)
        assert plan_of(app).by_wbs["2.8"].duration == 7
        assert "· 10d (planned 7d) ·" in str(app.screen.query_one(TaskDetail).render())
        # done today (a progress key edits a copy of the plan): as it ran, the same as a fresh plan
        await press(pilot, "m", "4")
        await settle(pilot)
        shown, fresh = table(app).plan, plan_of(app)
        assert shown.durations_now == fresh.durations_now
        now = fresh.duration_now(fresh.by_wbs["2.8"])
        assert table(app).cells(fresh.by_wbs["2.8"].id)["dur"] == f"{now}d" + ("†" if now != 7 else "")
        # the legend says what † means
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen) and "6d† a duration now" in app.screen.legend


async def test_a_subtask_under_a_task_with_people_on_it_is_refused_as_indent_is(make_app):
    """A on 1.2 (Claire Dubois and Anika Schultz booked on it) made it a summary that kept both
    people, its own work gone, where > (indent) under it says to unassign them first."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        assert plan_of(app).resources_text(table(app).current.id)
        before = snapshot(app)
        await press(pilot, "A")
        await type_text(pilot, "Sign-off memo")
        await press(pilot, "enter")
        await settle(pilot)
        assert snapshot(app) == before
        assert "1.2 Business case & budget approval has resources assigned: unassign them before it becomes a summary" in notes(app)



async def _check_journal(pilot, order: str, act) -> None:
    """``act()`` (keys) in the ``order`` given to the app's check of the journal, which the app
    runs every 2 s and which reloads a plan changed elsewhere: "first" (act before any check),
    "checked" (the check and its reload done before) or "reloading" (act while that reload
    waits for the write lock, held here as a long edit would hold it, and its plan is not yet
    shown). Under load the timer chose among them; here the test does."""
    app = pilot.app
    if order == "checked":
        app._check_outside_changes()
        await settle(pilot)
        assert "changed outside this window" in notes(app)
    if order != "reloading":
        await act()
        await settle(pilot)
        return
    with app._write_lock:
        app._check_outside_changes()
        assert await until(pilot, lambda: app.busy_what == "reload")
        await act()
        await handled(pilot)
        assert app.busy == 2 and "changed outside" not in notes(app)
    await settle(pilot)
    assert "changed outside this window" in notes(app)


ORDERS = ["first", "checked", "reloading"]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("key", ["e", "d"])
async def test_saving_a_form_on_a_task_deleted_elsewhere_says_so(make_app, db_path, key, order):
    """`pmtui delete 2.8` in another terminal while the form on 2.8 was open: saving said "no task
    with id #32" and the WBS went on showing the task; whatever came first, the save or the app's
    check of the journal (the test flaked when the check came first: its other terminal ran on
    the app's thread, and the check took the delete for an edit of the app's own)."""
    from pmtui.services.tasks import delete_task

    app = make_app()
    app.OUTSIDE_CHECK_SECONDS = 3600  # the checks come where _check_journal puts them
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.8")
        tid = table(app).current.id
        await press(pilot, key)
        assert isinstance(app.screen, TaskForm)
        elsewhere(db_path, lambda other: delete_task(other, app.project_id, "2.8"))
        before = snapshot(app)
        await press(pilot, "ctrl+u")
        await type_text(pilot, "9d" if key == "d" else "Design doc v2")
        await _check_journal(pilot, order, lambda: pilot.press("enter"))
        assert isinstance(app.screen, TaskForm)  # it stays, with what was typed and why
        said = str(app.screen.query_one("#form-error").render())
        assert said == ("2.8 Solution design document (SDD) was deleted elsewhere "
                        "(another pmtui or the CLI): "
                        "nothing was changed · esc closes the form")
        assert "no task with id" not in screen_text(app) + notes(app)
        assert snapshot(app) == before  # nothing changed by the save
        # the WBS under the form shows the plan without it
        assert tid not in app.plan.by_id and tid not in app.screen_stack[0].table.rows
        await press(pilot, "enter")  # saved again: the same message, not the service's
        assert str(app.screen.query_one("#form-error").render()) == said
        await press(pilot, "escape")
        assert tid not in table(app).rows and "Solution design doc" not in screen_text(app)
        assert snapshot(app) == before


@pytest.mark.parametrize("order", ["first", "reloading"])  # checked first, x is on another task
async def test_deleting_a_task_deleted_elsewhere_says_so(make_app, db_path, order):
    from pmtui.services.tasks import delete_task

    app = make_app()
    app.OUTSIDE_CHECK_SECONDS = 3600
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2.8")
        elsewhere(db_path, lambda other: delete_task(other, app.project_id, "2.8"))
        before = snapshot(app)
        await _check_journal(pilot, order, lambda: pilot.press("x"))
        assert "2.8 Solution design document (SDD) was deleted elsewhere (another pmtui or the CLI): nothing was changed" in notes(app)
        assert "no task with id" not in notes(app)
        assert "Solution design doc" not in screen_text(app)
        assert snapshot(app) == before


async def test_a_delete_elsewhere_before_an_edit_here_is_still_shown(make_app, db_path):
    """`pmtui delete 2.8` in another terminal, then a risk re-scored here before the app's next
    check of the journal (2 s; longer on a loaded machine): the check took the version the
    re-score left, which counts the delete too, for the app's own, and never reloaded. The WBS
    went on showing 2.8, and a form saved on it said "no task with id #18"."""
    from pmtui.services.history import version
    from pmtui.services.tasks import delete_task

    app = make_app()
    app.OUTSIDE_CHECK_SECONDS = 3600  # the checks below come where the test puts them
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tid = plan_of(app).by_wbs["2.8"].id
        await press(pilot, "3", "minus", "minus")  # two edits of its own in a row: still its own
        app._check_outside_changes()
        await settle(pilot)
        assert "changed outside" not in notes(app)
        assert app.plan.version == version(app.store, app.project_id) == (3, 0)
        elsewhere(db_path, lambda other: delete_task(other, app.project_id, "2.8"))
        await press(pilot, "minus")
        app._check_outside_changes()
        await settle(pilot)
        assert "The plan was changed outside this window (another pmtui or the CLI): reloaded" in notes(app)
        await press(pilot, "1")
        assert tid not in app.plan.by_id and tid not in table(app).rows
        assert "Solution design doc" not in screen_text(app)


async def test_an_overbooking_warning_is_not_cut_at_80_columns(make_app):
    """At 80 columns 'Resources Anika Schultz[50%], Jonas Berg[50%]  ⚠ Anika Schultz booked
    125% of…' ran off the edge, and Jonas, booked at 200 % those days, was never named: where the
    warning does not fit beside the resources, each person's mark follows their name instead
    ('Jonas Berg[50%] ⚠200% 09–11 Dec')."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await goto(pilot, "2.8")  # Tomas from 23 to 25 November, and his history before it
        detail = app.screen.query_one(TaskDetail)
        lines = str(detail.render()).splitlines()
        # each person whole within the width (history, dimmed, may run off the edge after them)
        for said in ("Resources Anika Schultz ⚠200% Wed 25 Nov, Tomas Herrera[50%] ⚠125% 23–25 Nov",):
            line = next((ln for ln in lines if said in ln), None)
            assert line is not None and line.index(said) + len(said) <= detail.content_size.width, lines


async def test_a_summarys_float_line_names_its_task_once_and_gives_it_the_dates(make_app):
    # 5 Deployment showed "Float 0d, that of its task 5.5: to meet 5.5's constraint Must Start On
    # 2027-0…" (5.5 twice, the date cut), and on 3 "it must finish by" read as the summary's
    def float_line(app):
        return next(line for line in app.screen.query_one(TaskDetail).render().plain.splitlines()
                    if line.startswith("Float "))

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "5")
        assert float_line(app) == ("Float 0d, that of its task 5.5, which must be reached by 2027-01-18 to meet its "
                                   "constraint Must Start On 2027-01-18")
        await goto(pilot, "3")
        line = float_line(app)
        assert line == "Float -2d, that of its task 3.3.1, which must finish by 2026-12-01 to meet 3.6's deadline 2026-12-03"
        assert line in screen_text(app)
        # wider, the task's own finish (on no other line of a summary's panel) has the room
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert float_line(app) == line + " and finishes 2026-12-03"


async def test_the_detail_says_what_the_float_answers_to_where_a_row_is_left(make_app):
    # 3.5 showed "Float total -2d" and nothing said why: 3.6 Build complete, right after it,
    # must be reached by its deadline, Thu 3 Dec, and 3.5 finishes Mon 7 Dec
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "3.5")
        lines = app.screen.query_one(TaskDetail).render().plain.splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith("Why: "))
        assert lines[at + 1] == "Float -2d: to meet 3.6 Build complete's deadline 2026-12-03, it must finish by 2026-12-03"
        assert lines[at + 1] in screen_text(app)
        # finished work has no float to explain: the row goes to the why-chain
        await goto(pilot, "2.1")
        assert "Float " not in "\n".join(app.screen.query_one(TaskDetail).render().plain.splitlines()[2:])
        await pilot.resize_terminal(80, 24)  # no row beside the Why line: the float waits for `pmtui why`
        await goto(pilot, "3.5")
        await settle(pilot)
        lines = app.screen.query_one(TaskDetail).render().plain.splitlines()
        assert any(line.startswith("Why: ") for line in lines)
        assert not any(line.startswith("Float ") for line in lines)
