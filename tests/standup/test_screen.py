"""The stand-up screen driven by keys only, on the demo plan: a whole stand-up, resuming after
quitting, and undoing a change."""

from __future__ import annotations

import asyncio
from datetime import date
import functools
import json
import re

import pytest
from sqlalchemy import select

from pmtui.models.risks import Issue
from pmtui.models.standup import Standup, StandupEvent, StandupNote
from pmtui.services import history
from pmtui.services.actions import reading
from pmtui.services.resource_load import resource_loads
from pmtui.services.tasks import edit_task, get_plan, set_progress
from tests.standup.helpers import DAY, NINE, TODAY, demo_id
from tests.standup.tui import StandupApp
from tests.tui.conftest import handled, press, type_keys
from tests.tui.conftest import settle as settle_workers


def sync(fn):
    """Run an async Pilot test with asyncio (no async pytest plugin is installed here)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return wrapper


async def settle(app, pilot) -> None:
    # three pauses were not always enough on a loaded machine: a worker's result arrives as a
    # message after the worker ends (the double-booking warning was missed once in a full run)
    await settle_workers(pilot)


async def keys(app, pilot, *names: str) -> None:
    """Keys one at a time, as a person who watches the screen presses them (tui's press)."""
    await press(pilot, *names)


async def type_text(app, pilot, text: str) -> None:
    await type_keys(pilot, *["space" if ch == " " else ch for ch in text])
    await keys(app, pilot, "enter")


@pytest.fixture
def pid(store):
    return demo_id(store)


def row(store, pid, wbs):
    return get_plan(store, pid).resolve(wbs)


@sync
async def test_a_whole_stand_up_by_keys(store, pid):
    # Without go-live's fixed date, what the SAP integration reports reaches the finish.
    edit_task(store, pid, "5.5", constraint_type="ASAP", constraint_date=None)
    finish_before = get_plan(store, pid).schedule.finish
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        assert screen.people[0].name == "Anika Schultz" and screen.tasks.current.wbs == "2.8"
        await keys(app, pilot, "plus")                     # 2.8: 60 % → 70 %
        await keys(app, pilot, "y")
        await type_text(app, pilot, "SDD review")
        await type_text(app, pilot, "SDD sign-off")
        await keys(app, pilot, "enter")                    # no blockers
        await keys(app, pilot, "n", "y", "escape")         # Claire: nothing due, notes skipped
        await keys(app, pilot, "n")                        # Fiona
        assert screen.tasks.current.wbs == "4.2"
        await keys(app, pilot, "d")
        await keys(app, pilot, "n")                        # Jonas
        assert screen.tasks.current.wbs == "3.3.1"
        await keys(app, pilot, "r")
        await type_text(app, pilot, "40")
        status = str(screen.query_one("#standup-status").render())
        # as the header writes it ("+2d since stand-up 23 Nov"), not "+2 working days since …"
        assert re.search(r"  \+\d+d since the stand-up began \(2027-02-10\)", status), status
        await keys(app, pilot, "j", "s", "b")              # 3.3.2 started, and blocked
        await type_text(app, pilot, "no Entra test tenant")
        assert "⚑ no Entra test tenant" in str(screen.query_one("#standup-detail").render())
        await keys(app, pilot, "f")
        assert "# Stand-up 2026-11-25 — CRM migration" in app.screen.markdown
        await keys(app, pilot, "c")
        assert app.clipboard.startswith("# Stand-up 2026-11-25")
        await keys(app, pilot, "escape")

    plan = get_plan(store, pid)
    assert plan.project.status_date == DAY
    assert row(store, pid, "2.8").percent_complete == 70
    assert row(store, pid, "4.2").percent_complete == 100
    assert row(store, pid, "3.3.1").remaining == 40
    assert row(store, pid, "3.3.2").actual_start == DAY
    with reading(store) as s:
        standup = s.execute(select(Standup)).scalars().one()
        notes = s.execute(select(StandupNote)).scalars().all()
        events = s.execute(select(StandupEvent)).scalars().all()
        issue = s.execute(select(Issue).where(Issue.kind == "blocker")).scalars().one()
    assert standup.state == "closed" and standup.finish_before == finish_before
    assert standup.finish_after == plan.schedule.finish > finish_before
    summary = json.loads(standup.summary)
    assert summary["finish"]["change_days"] > 0 and summary["moved_on_path"][0]["wbs"] == "3.3.1"
    assert [(n.yesterday, n.today, n.blockers) for n in notes] == [("SDD review", "SDD sign-off", "")]
    assert sorted(e.kind for e in events) == ["blocker", "done", "progress", "remaining", "started"]
    assert issue.title == "no Entra test tenant" and issue.task_id == row(store, pid, "3.3.2").id
    people = {p["name"]: p for p in summary["people"]}
    assert [e["wbs"] for e in people["Jonas Berg"]["events"]] == ["3.3.1", "3.3.2", "3.3.2"]


@sync
async def test_quitting_loses_nothing_and_the_stand_up_resumes(store, pid):
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "n", "n", "n")
        await keys(app, pilot, "plus")
        await keys(app, pilot, "q")
    entries = len(history.history(store, pid))
    again = StandupApp(store, today=DAY)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(again, pilot)
        await keys(again, pilot, "4")
        screen = again.screen
        assert screen.people[screen.position].name == "Jonas Berg"
        assert screen.tasks.current.percent == 40
        assert "15:00 left" in str(screen.query_one("#standup-status").render())
    assert len(history.history(store, pid)) == entries  # resuming is not an edit


@sync
async def test_u_undoes_one_stand_up_change(store, pid):
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "plus", "plus")
        assert app.screen.tasks.current.percent == 80
        await keys(app, pilot, "u")
        assert app.screen.tasks.current.percent == 70
    assert row(store, pid, "2.8").percent_complete == 70
    with reading(store) as s:
        assert len(s.execute(select(StandupEvent)).scalars().all()) == 1
    assert get_plan(store, pid).project.status_date == DAY


@sync
async def test_bad_input_on_screen_changes_nothing(store, pid):
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "percent_sign")
        await type_text(app, pilot, "140")
        assert app.screen.asking == "percent"  # still asking: the value was refused
        await keys(app, pilot, "escape")
    assert row(store, pid, "2.8").percent_complete == 60


@sync
async def test_the_days_left_bar_speaks_of_days_left(store, pid):
    # r then -3 said "duration '-3' …"; Enter on nothing said "duration '' is not understood"
    # instead of closing; and the footer offered + and -, which the bar takes as text
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "r")
        shown = [b.description for _n, b, _e, _t in app.screen.active_bindings.values() if b.show]
        assert "+%" not in shown and "-%" not in shown
        await type_text(app, pilot, "-3")
        said = [n.message for n in app._notifications]
        assert app.screen.asking == "remaining" and any(m.startswith("days left '-3' is negative") for m in said)
        app.screen.query_one("#standup-ask-input").value = ""
        before = len(app._notifications)
        await keys(app, pilot, "enter")
        assert app.screen.asking is None and len(app._notifications) == before
        shown = [b.description for _n, b, _e, _t in app.screen.active_bindings.values() if b.show]
        assert "+%" in shown
    assert row(store, pid, "2.8").percent_complete == 60


@sync
async def test_days_left_show_what_they_make_of_the_task_under_the_list(store, pid):
    # 2.8, planned at 6 days and 60 % done: 5 days left make it longer than planned, which the
    # WBS and schedule show as its duration now; the line under the list says so too
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        detail = app.screen.query_one("#standup-detail")
        assert app.screen.tasks.current.wbs == "2.8" and "planned" not in str(detail.render())
        await keys(app, pilot, "r")
        await type_text(app, pilot, "5")
        plan = get_plan(store, pid)
        now = plan.duration_now(plan.by_wbs["2.8"])
        assert now > 6 and f" · {now}d (planned 6d)" in str(detail.render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot(snap_compare, store, pid, size):
    app = StandupApp(store, today=DAY)

    async def run_before(pilot) -> None:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "n", "n", "n")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@sync
async def test_a_hidden_stand_up_catches_up_with_edits_made_on_other_screens(store, pid):
    """The stand-up screen skips its work while another screen is shown, and shows the newest
    plan as soon as it is back."""
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        current = app.screen.tasks.current
        tid, before = current.id, current.percent
        standup = app.screen
        await keys(app, pilot, "1")
        app.run_edit("Progress", lambda s, p: set_progress(s, p, f"#{tid}", percent=before + 10))
        await settle(app, pilot)
        assert standup._hidden_plan is app.plan  # skipped while hidden …
        await keys(app, pilot, "4", "g")
        assert app.screen is standup and standup._hidden_plan is None
        assert standup.plan is app.plan  # … and caught up when shown
        assert standup.tasks.current.id == tid and standup.tasks.current.percent == before + 10


@sync
async def test_notes_typed_in_one_burst_fill_the_fields_in_order(store, pid):
    # "y" opens the notes and each Enter moves to the next field, the last saves: a burst puts
    # each answer in its field, and the "n" behind the last Enter goes to the next person.
    from tests.tui.test_wbs import burst

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        burst(app, "y", "a", "enter", "b", "enter", "c", "enter", "n")
        await settle(app, pilot)
        assert app.screen is screen and screen.position == 1
    with reading(store) as s:
        notes = s.execute(select(StandupNote)).scalars().all()
    assert [(n.yesterday, n.today, n.blockers) for n in notes] == [("a", "b", "c")]


@sync
async def test_a_note_too_long_is_refused_in_the_form_with_the_text_kept(store, pid):
    # The form closed at the last Enter and the refusal ('… is longer than 500 characters') came
    # after, the three answers gone with it; it now stays open, says the limit and the length as
    # every other text limit does, and saves once the text is cut.
    from pmtui.screens.standup_dialogs import PersonNotes

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "y")
        form = app.screen
        assert isinstance(form, PersonNotes)
        long = "mapping " * 76 + "done"  # 612 characters
        form.query_one("#note-yesterday").value = long
        await keys(app, pilot, "enter")
        await type_text(app, pilot, "IDoc tests")
        await keys(app, pilot, "enter")
        assert app.screen is form
        error = str(form.query_one("#form-error").render())
        assert error == "yesterday is 500 characters at most; you gave 612"
        assert form.query_one("#note-yesterday").value == long
        assert form.query_one("#note-today").value == "IDoc tests"
        with reading(store) as s:
            assert s.execute(select(StandupNote)).scalars().all() == []
        form.query_one("#note-yesterday").value = "mapping done"
        await keys(app, pilot, "enter")
        assert app.screen is not form
    with reading(store) as s:
        notes = s.execute(select(StandupNote)).scalars().all()
    assert [(n.yesterday, n.today, n.blockers) for n in notes] == [("mapping done", "IDoc tests", "")]


@sync
async def test_the_screen_shows_the_stand_up_opened_on_another_day(store, pid):
    # `pmtui standup start --date 2026-11-25` on the 23rd: showing the screen started the 23rd's
    # too, a second open stand-up, and moved the status date the start had set back to the 23rd
    from pmtui.services import standup as su

    su.start_standup(store, pid, DAY, now=NINE)
    app = StandupApp(store, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        assert screen.day == DAY and screen.opened is not None and screen.opened.standup.day == DAY
        assert any("Resumed the stand-up of 2026-11-25.  It is not today's: f finishes it, then g starts "
                   "today's." in n.message for n in app._notifications)
        with reading(store) as s:
            assert [(r.day, r.state) for r in s.execute(select(Standup)).scalars()] == [(DAY, "open")]
        assert get_plan(store, pid).project.status_date == DAY
        await keys(app, pilot, "plus")  # recorded in the one open
        await keys(app, pilot, "f", "escape")
        await keys(app, pilot, "g")  # then today's
        assert screen.day == TODAY
    with reading(store) as s:
        assert [(r.day, r.state) for r in s.execute(select(Standup).order_by(Standup.day)).scalars()] == [
            (TODAY, "open"), (DAY, "closed")]
        events = s.execute(select(StandupEvent)).scalars().all()
        assert len(events) == 1 and events[0].standup_id == su.get_standup(store, pid, DAY).id


@sync
async def test_past_stand_ups_are_said_open_or_finished(store, pid):
    # h listed 'Wed 25 Nov  closed' where everything else says the stand-up is finished
    from pmtui.screens.dialogs import PickScreen
    from pmtui.services import standup as su

    su.start_standup(store, pid, TODAY, now=NINE)
    su.finish_standup(store, pid, TODAY, now=NINE)
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "h")
        assert isinstance(app.screen, PickScreen)
        assert [label for _k, label, _d in app.screen.choices] == ["Wed 25 Nov  open", "Mon 23 Nov  finished"]


@sync
async def test_a_stand_up_left_open_overnight_is_not_a_day_over_its_time(store, pid):
    # f forgotten on Monday: resumed on Wednesday, its 15 minutes counted down from Monday 09:00
    # read '⏱ +2865:00 over' in red
    from datetime import timedelta

    from pmtui.services import standup as su
    from pmtui.widgets.standup_status import StandupStatus

    su.start_standup(store, pid, TODAY, now=NINE - timedelta(days=2))
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "2")  # resumed (asked: test_a_stand_up_left_open_…_finish_or_resume)
        assert app.screen.day == TODAY
        text, style = app.screen.query_one(StandupStatus).clock
        started = (NINE - timedelta(days=2)).astimezone()
        assert (text, style) == (f"⏱ open since {started:%a %d %b %H:%M}", "")


@sync
async def test_keys_typed_ahead_of_the_answer_bar_go_where_they_belong(store, pid):
    # "r" opens the days-left bar and Enter closes it; keys already queued behind them belong
    # to the bar, then to the task list (see pmtui.widgets.inline_input).
    from tests.tui.test_wbs import burst

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        assert screen.tasks.current.wbs == "2.8"
        burst(app, "r", "x", "enter")  # not a number: the bar stays, with the focus
        await settle(app, pilot)
        assert app.focused is screen.query_one("#standup-ask-input")
        burst(app, "escape", "j")
        await settle(app, pilot)
        assert not screen.query_one("#standup-ask").display
        assert screen.tasks.current.wbs != "2.8"  # "j" after Escape moved down the list
        burst(app, "k", "r", "1", "2", "enter", "n")
        await settle(app, pilot)
        assert row(store, pid, "2.8").remaining == 12  # the task the answer was asked for
        assert screen.position == 1  # "n" went on to the next person


@sync
async def test_a_cursor_moved_while_an_edit_is_saved_stays_where_it_was_put(store, pid, monkeypatch):
    # "+" records progress on the task under the cursor; a "j" typed while that edit waits for
    # the store moves on, and the new plan must not put the cursor back on the edited task.
    from pmtui.services import progress
    from tests.tui.test_wbs import burst, slowed, until

    slow = slowed(monkeypatch, "step_percent", progress)
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        first = screen.tasks.current
        burst(app, "plus", "j")
        assert await until(pilot, lambda: slow["calls"] == 1)
        await handled(pilot)  # the j, while the edit waits
        moved_to = screen.tasks.current
        slow["go_on"].set()
        await settle(app, pilot)
        assert moved_to.id != first.id
        assert row(store, pid, first.wbs).percent_complete > first.percent
        assert screen.tasks.current.id == moved_to.id
        # an edit with no move in between still ends on the edited task
        await keys(app, pilot, "plus")
        assert screen.tasks.current.id == moved_to.id


def test_the_clock_goes_when_no_stand_up_is_under_way():
    # switching to a project with no stand-up kept the other one's clock, frozen
    from pmtui.widgets.standup_status import StandupStatus

    status = StandupStatus()
    status.show("Stand-up Fri 04 Dec", None, "09:00")
    status.tick("⏱ 13:46 left", "")
    assert "13:46" in status._text().plain
    status.show("Stand-up Fri 04 Dec: not started", None, "")
    assert "13:46" not in status._text().plain


@sync
async def test_looking_at_a_finished_stand_up_does_not_reopen_it(store, pid):
    from pmtui.services import standup as su

    su.start_standup(store, pid, DAY)
    su.finish_standup(store, pid, DAY)
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4")
        assert "g reopens it" in str(app.screen.query_one("#standup-person").render())
        assert [r.state for r in su.list_standups(store, pid)] == ["closed"]
        await keys(app, pilot, "g")  # g does reopen it
        assert [r.state for r in su.list_standups(store, pid)] == ["open"]


@sync
async def test_the_person_line_names_leave_and_the_work_still_booked_in_it(store, pid):
    # The stand-up, where the week is settled, did not mention leave: a person due on leave
    # tomorrow was asked about tasks that run through it. Their work now goes around the leave,
    # so the line names the leave and books nothing on it.
    from datetime import timedelta

    from pmtui.services.leave import add_leave

    plan = get_plan(store, pid)
    first = plan.resources[0]
    booked = [a.task_id for a in plan.assignments if a.resource_id == first.id]
    spans = plan.schedule.work_spans()
    lo, hi, _ = next(spans[t] for t in booked if t in spans and not spans[t][2] and plan.calendar.date_of(spans[t][1]) > DAY)
    day = max(plan.calendar.date_of(lo), DAY + timedelta(days=1))
    while not plan.calendar.is_working(day):
        day += timedelta(days=1)
    add_leave(store, pid, first.name, day, day, "Dentist")
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        assert screen.people[0].name == first.name
        lines = str(screen.query_one("#standup-person").render()).splitlines()
        assert len(lines) == 2 and lines[1].startswith("y: yesterday")  # the first line is cut, not wrapped
        assert f"on leave {day:%a %d %b}" in lines[0] and "booked on" not in lines[0]
        await keys(app, pilot, "n")
        assert "on leave" not in str(screen.query_one("#standup-person").render())


@sync
async def test_saving_the_notes_form_keeps_what_another_terminal_noted(store, pid):
    # the form wrote back every field it had read: a blocker noted meanwhile with
    # `pmtui standup note NAME --blockers …` was wiped
    import threading

    from pmtui.services import standup as su

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        person = screen.people[0]
        await keys(app, pilot, "y")
        elsewhere = threading.Thread(target=lambda: su.set_person_note(store, pid, DAY, person.resource_id,
                                                                        blockers="FW-231 firewall ticket"))
        elsewhere.start()
        elsewhere.join()
        await type_text(app, pilot, "mapping done")
        await keys(app, pilot, "enter", "enter")
    with reading(store) as s:
        note = s.execute(select(StandupNote)).scalars().one()
    assert (note.yesterday, note.blockers) == ("mapping done", "FW-231 firewall ticket")


@sync
async def test_the_notes_form_says_what_was_cleared_elsewhere_meanwhile(store, pid):
    # cleared in another terminal while the form was open, a field cleared in the form too
    # changed nothing: refused in the form with why (nothing written); saved with another
    # field, the note says the field had nothing to clear, as the line under the person cannot
    import threading

    from pmtui.services import standup as su

    su.start_standup(store, pid, DAY, now=NINE)
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        person = app.screen.people[0]
        await keys(app, pilot, "y")
        app.screen.query_one("#note-today").value = "UAT scripts"
        await keys(app, pilot, "enter", "enter", "enter")
        await settle(app, pilot)
        await keys(app, pilot, "y")
        form = app.screen
        assert form.query_one("#note-today").value == "UAT scripts"
        elsewhere = threading.Thread(target=lambda: su.set_person_note(store, pid, DAY, person.resource_id, today=""))
        elsewhere.start()
        elsewhere.join()
        version = history.version(store, pid)
        form.query_one("#note-today").value = ""
        await keys(app, pilot, "enter", "enter", "enter")
        await settle(app, pilot)
        assert app.screen is form
        assert str(form.query_one("#form-error").render()) == (
            f"{person.name} in the stand-up of {DAY}: nothing changed, nothing was noted for today to clear")
        assert history.version(store, pid) == version
        form.query_one("#note-yesterday").value = "mapping done"
        await keys(app, pilot, "enter", "enter", "enter")
        await settle(app, pilot)
        assert app.screen is not form
        assert [n.message for n in app._notifications][-1] == (
            f"Noted for {person.name} in the stand-up of Wed 25 Nov: yesterday: mapping done · nothing was "
            "noted for today to clear.")
    with reading(store) as s:
        note = s.execute(select(StandupNote)).scalars().one()
    assert (note.yesterday, note.today) == ("mapping done", "")


@sync
async def test_the_person_line_warns_of_a_double_booking(store, pid):
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        loads = resource_loads(get_plan(store, pid), DAY)  # the stand-up set the status date to DAY
        warned = 0
        for person in screen.people[:4]:
            assert screen.people[screen.position] is person
            line = str(screen.query_one("#standup-person").render()).splitlines()[0]
            runs = loads[person.resource_id].overloads if person.resource_id is not None else ()
            if runs:
                o = runs[0]
                assert f"⚠ booked {o.load:.0%} of 100% " in line and f"{o.last:%d %b}" in line
                warned += 1
            else:
                assert "⚠" not in line
            await keys(app, pilot, "n")
        assert 0 < warned < 4  # the demo books some of them above 100 %, not all


@sync
async def test_a_stand_up_left_for_another_project_is_still_under_way_on_return(store, pid):
    # Opening another project from the stand-up and coming back showed "not started" with the
    # clock running, and every key said "No stand-up open: g starts it".
    from pmtui.services import projects as project_svc

    other = project_svc.create_project(store, "Infra refresh", DAY, make_current=False).id
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "plus")
        app.open_project(other)
        await settle(app, pilot)
        app.open_project(pid)
        await settle(app, pilot)
        screen = app.screen
        assert "not started" not in str(screen.query_one("#standup-status").render())
        assert screen.people[screen.position].name == "Anika Schultz"
        await keys(app, pilot, "plus")
        assert screen.tasks.current.percent == 80
    assert row(store, pid, "2.8").percent_complete == 80


@sync
async def test_a_cleared_status_date_reads_as_none_set_not_none(store, pid):
    # D with an empty answer clears the status date: the panel read "status date None"
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "D", "ctrl+u", "enter")
        assert get_plan(store, pid).project.status_date is None
        panel = str(app.screen.query_one("#standup-status").render())
        assert "None" not in panel
        assert "no status date" in panel.splitlines()[0]


@sync
async def test_an_answer_the_plan_refuses_stays_in_the_bar(store, pid):
    # 90000 days left parses, but the plan would end after 2149: the bar had closed before the
    # refusal came back, so the answer was gone and r had to be pressed again
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "r")
        await type_text(app, pilot, "90000")
        screen = app.screen
        bar = screen.query_one("#standup-ask-input")
        assert screen.asking == "remaining" and bar.value == "90000" and app.focused is bar
        assert any("2149-12-31" in n.message for n in app._notifications)
        bar.value = ""
        await type_text(app, pilot, "4")
        assert screen.asking is None
    assert row(store, pid, "2.8").remaining == 4


@sync
async def test_looking_at_the_stand_up_of_an_empty_project_changes_nothing(store):
    """MS Project's 2013 calendar file brings a project with no tasks and no people: 4 started a
    stand-up there and moved its status date to today ('Status date set to ... (was none)'), a
    meeting with 'Nobody to ask' left in the history. Now 4 only shows why there is nobody; g
    still starts one."""
    from pmtui.services import standup as su
    from pmtui.services.projects import create_project, find_project

    pid = create_project(store, "Calendars only", DAY).id
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4")
        assert su.list_standups(store, pid) == [] and find_project(store, "Calendars only").status_date is None
        line = str(app.screen.query_one("#standup-person").render())
        assert "Nobody to ask: no tasks or people yet" in line and "g starts" in line
        await keys(app, pilot, "g")
        assert [r.state for r in su.list_standups(store, pid)] == ["open"]


@sync
async def test_a_task_marked_done_says_so_as_it_leaves_the_list(store, pid):
    """d took 'Task Nine' (MS Project's 2003 progress file) off Resource Four's list without a
    word: a done task leaves the agenda, so the row under the cursor simply vanished, and a d on
    the wrong row went unnoticed. It now says which task is done and the days it ran."""
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "n", "n")
        screen = app.screen
        assert screen.tasks.current.wbs == "4.2"
        await keys(app, pilot, "d")
        said = [n.message for n in app._notifications]
        assert any(m.startswith("4.2 ") and "is done" in m and "off the list" in m for m in said), said
        assert screen.tasks.current is None or screen.tasks.current.wbs != "4.2"


@sync
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_dates_in_another_year_than_the_status_date_say_which(store, size):
    """The stand-up gave its dates without a year: at the turn of the year 'starts Mon 04 Jan' and
    '30 Dec–01 Jan' (at 80 columns too), and an MS Project file of 2011 no year at all.
    A date not in the year of the status date now shows its year, as a calendar does."""
    from datetime import date

    from pmtui.services.projects import create_project
    from pmtui.services.resources import add_resource, assign
    from pmtui.services.tasks import add_task

    day = date(2026, 12, 30)
    pid = create_project(store, "Turn of the year", date(2026, 12, 28)).id
    add_task(store, pid, "Kickoff", duration=3)
    add_task(store, pid, "Docs", duration=2, after="1")
    add_resource(store, pid, "Ann")
    for ref in ("1", "2"):
        assign(store, pid, ref, "Ann")
    app = StandupApp(store, today=day)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        assert get_plan(store, pid).project.status_date == day  # the stand-up began today
        assert [t.wbs for t in screen.tasks.tasks] == ["1", "2"]
        listed = str(screen.tasks.render())
        # months by name at 80 columns too: "30.12" read as a month 30 where months come first
        assert "30 Dec–01 Jan 2027" in listed
        assert "04 Jan–05 Jan 2027" in listed  # a shared year once
        assert "Stand-up Wed 30 Dec" in str(screen.query_one("#standup-status").render())  # this year's
        await keys(app, pilot, "j")
        detail = str(screen.query_one("#standup-detail").render())
        assert "starts Mon 04 Jan 2027" in detail


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@sync
async def test_the_footer_shows_the_keys_of_a_stand_up_whole(store, pid, size):
    """The footer listed every key in long words and was cut at the screen's edge: f (finish,
    the last step of every stand-up) was never shown, at 80 columns neither were b and y."""
    from tests.tui.conftest import screen_text

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        footer = screen_text(app).splitlines()[-1]
        for shown in ("n Next", "s Started", "+ +%", "d Done", "b Blocker", "f Finish", "? Help"):
            assert shown in footer, footer
        if size[0] >= 120:  # at 80 columns y is in ? help: the footer keeps room for that key
            assert "y Notes" in footer and "u Undo" in footer and "r Days left" in footer, footer


@sync
async def test_c_clears_the_blockers_of_the_task_under_the_cursor(store, pid):
    """A blocker raised with b stayed on the task until `pmtui issue resolve`: the next stand-up
    showed it again with no key to say it was gone."""
    from tests.tui.conftest import notes

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "n", "n", "n", "j", "b")  # Jonas, 3.3.2
        screen = app.screen
        assert screen.tasks.current.wbs == "3.3.2"
        await type_text(app, pilot, "no Entra test tenant")
        detail = screen.query_one("#standup-detail")
        assert "⚑ no Entra test tenant (c clears)" in str(detail.render())
        await keys(app, pilot, "c")
        assert "⚑" not in str(detail.render()) and screen.tasks.current.blockers == []
        assert "3.3.2 Single sign-on with Entra ID (SAML, MFA): cleared 1 blocker: no Entra test tenant" in notes(app)
        await keys(app, pilot, "c")  # nothing left to clear: said, nothing changed
        assert "3.3.2 Single sign-on with Entra ID (SAML, MFA) has no open blocker to clear" in notes(app)
    with reading(store) as s:
        issue = s.execute(select(Issue).where(Issue.kind == "blocker")).scalars().one()
        kinds = [e.kind for e in s.execute(select(StandupEvent).order_by(StandupEvent.id)).scalars()]
    assert (issue.status, issue.resolved_on) == ("resolved", DAY) and kinds == ["blocker", "unblocked"]


@sync
async def test_R_adds_a_risk_owned_by_the_person_and_linked_to_the_task(store, pid):
    """A risk heard in the stand-up had to wait for the risk screen (3, n) and be typed there
    with its owner and task again; R opens the same form with both filled in."""
    from textual.widgets import Input

    from pmtui.services.risk_register import load_register
    from tests.tui.conftest import notes

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "n", "n", "n", "R")  # Jonas, on 3.3.1
        form = app.screen
        assert form.query_one("#rf-owner", Input).value == "Jonas Berg"
        assert form.query_one("#rf-tasks", Input).value == "3.3.1"
        form.query_one("#rf-probability", Input).value = "4"
        await type_text(app, pilot, "SAP test system booked by another project")
        assert app.screen.__class__.__name__ == "StandupScreen"
        assert ("Added R15 SAP test system booked by another project (P4×I3=12), linked to 3.3.1."
                in notes(app))
        await keys(app, pilot, "d")  # the stand-up's keys work again at once
        assert row(store, pid, "3.3.1").percent_complete == 100
    risk = next(v for v in load_register(store, pid, DAY).risks if v.code == "R15")
    assert (risk.owner, [t.wbs for t in risk.linked], risk.score) == ("Jonas Berg", ["3.3.1"], 12)


@sync
async def test_n_past_the_last_person_says_what_comes_next(store, pid):
    """n on the last person did nothing at all, as if the key were not taken: the meeting is
    over there, and f (finish) was not said."""
    from tests.tui.conftest import notes

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        await keys(app, pilot, *["n"] * (len(screen.people) - 1))
        last = screen.people[-1].name
        assert screen.position == len(screen.people) - 1 and not notes(app).count("is the last")
        await keys(app, pilot, "n")
        assert screen.position == len(screen.people) - 1
        assert f"{last} is the last ({len(screen.people)}/{len(screen.people)}): f finishes the stand-up" in notes(app)
        await keys(app, pilot, *["p"] * len(screen.people))
        assert screen.position == 0 and "is the first" in notes(app)


@sync
async def test_a_finished_stand_up_says_how_long_it_took_not_time_left(store, pid):
    """Once finished, the clock stopped at "⏱ 14:22 left", as if the meeting were still on."""
    from datetime import timedelta

    from tests.standup.helpers import NINE

    times = iter([NINE, NINE + timedelta(minutes=7, seconds=5)])
    app = StandupApp(store, today=DAY, clock=lambda: next(times, NINE + timedelta(minutes=7, seconds=5)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "f", "escape")
        assert app.screen.query_one("#standup-status").clock == ("⏱ took 07:05", "")



@sync
async def test_a_stand_up_finished_the_next_day_says_how_long_in_hours(store, pid):
    # left open overnight and finished the next morning, the clock read '⏱ took 1441:00'
    from datetime import timedelta

    from pmtui.services import standup as su

    su.start_standup(store, pid, DAY, now=NINE)
    app = StandupApp(store, today=DAY, clock=lambda: NINE + timedelta(days=1, minutes=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "f", "escape")
        assert app.screen.query_one("#standup-status").clock == ("⏱ took 24 h 1 min", "")


@sync
async def test_a_stand_up_running_past_midnight_keeps_its_day_and_status_date(store, pid):
    """A meeting begun on Saturday evening lost itself at midnight: f said "No stand-up open", g
    opened Sunday's and moved the status date to that Sunday, a day off."""
    from datetime import date

    from pmtui.services import standup as su
    from tests.tui.conftest import notes

    saturday, sunday = date(2026, 12, 5), date(2026, 12, 6)
    app = StandupApp(store, today=saturday)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        assert "a day off: the work still to do is scheduled from 2026-12-07" in notes(app)
        app.today = sunday                                  # midnight
        await keys(app, pilot, "plus")                      # 2.8: 60 % → 70 %
        assert screen.opened is not None and screen.day == saturday
        assert "Stand-up Sat 05 Dec ·" in str(screen.query_one("#standup-status").render())
        await keys(app, pilot, "f")
        assert "# Stand-up 2026-12-05 — CRM migration" in app.screen.markdown
        await keys(app, pilot, "escape")
    assert [(r.day, r.state) for r in su.list_standups(store, pid)] == [(saturday, "closed")]
    assert get_plan(store, pid).project.status_date == saturday
    with reading(store) as s:
        summary = json.loads(s.execute(select(Standup)).scalars().one().summary)
    assert [p["wbs"] for p in summary["progress"]] == ["2.8"]


@sync
async def test_keys_after_finishing_record_nothing_and_say_g_reopens(store, pid):
    """After f, + and d went on recording progress, stored but out of the summary already saved,
    without a word."""
    from tests.tui.conftest import notes

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "plus", "f", "escape")    # 2.8: 60 % → 70 %, then finished
        entries = len(history.history(store, pid))
        await keys(app, pilot, "plus", "d", "s", "c", "y")
        assert type(app.screen).__name__ == "StandupScreen" and app.screen.asking is None  # y: no form
        assert notes(app).count("The stand-up of Wed 25 Nov is finished; nothing recorded. g reopens it") == 5
        await keys(app, pilot, "f")
        assert "The stand-up of Wed 25 Nov is already finished: h shows its summary, g reopens it" in notes(app)
        assert len(history.history(store, pid)) == entries
        assert row(store, pid, "2.8").percent_complete == 70
        await keys(app, pilot, "g", "plus")                    # reopened: recorded, and in the summary
        assert row(store, pid, "2.8").percent_complete == 80
        await keys(app, pilot, "f", "escape")
    with reading(store) as s:
        summary = json.loads(s.execute(select(Standup)).scalars().one().summary)
    # both steps, one update in the summary (steps on a task in a row are one)
    assert [(p["wbs"], p["detail"]) for p in summary["progress"]] == [("2.8", "60% → 80%")]


@sync
async def test_each_key_says_what_it_recorded(store, pid):
    """+, -, b, a and r changed the row and nothing else: on a shared screen nobody could tell
    what a key had done, or whether it had done anything."""
    from tests.tui.conftest import notes

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        assert app.screen.tasks.current.wbs == "2.8"
        await keys(app, pilot, "plus")
        assert "2.8 Solution design document (SDD) — progress: 60% → 70%" in notes(app)
        await keys(app, pilot, "minus")
        assert "2.8 Solution design document (SDD) — progress: 70% → 60%" in notes(app)
        await keys(app, pilot, "b")
        await type_text(app, pilot, "waiting for the SAP test system")
        code = next(i for i in issues(store) if i.title == "waiting for the SAP test system").number
        assert (f"Blocker I{code} raised on 2.8 Solution design document (SDD): waiting for the SAP test system"
                in notes(app))
        await keys(app, pilot, "a")
        await type_text(app, pilot, "review moved to Friday")
        assert "2.8 Solution design document (SDD) — note: review moved to Friday" in notes(app)
        await keys(app, pilot, "r")
        await type_text(app, pilot, "4")
        assert re.search(r"2\.8 Solution design document \(SDD\) — remaining: 4d left \(\d+%\)", notes(app))


def issues(store):
    with reading(store) as s:
        return s.execute(select(Issue)).scalars().all()



@sync
@pytest.mark.parametrize("answer", ["1", "2", "escape"])
async def test_a_stand_up_left_open_on_an_earlier_day_asks_to_finish_or_resume_it(store, pid, answer):
    """Monday's stand-up, f forgotten, was resumed on Wednesday without asking: Wednesday's
    progress went into Monday's record, as of Monday's status date, with a note gone in 8 s."""
    from datetime import timedelta

    from pmtui.screens.dialogs import PickScreen
    from pmtui.services import standup as su
    from tests.tui.conftest import notes, until

    su.start_standup(store, pid, TODAY, now=NINE - timedelta(days=2))
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        pick = app.screen
        assert isinstance(pick, PickScreen)
        assert pick.title_text.startswith("The stand-up of Mon 23 Nov is still open (begun Mon 23 Nov")
        assert [label for _k, label, _v in pick.choices] == [
            "Finish it, then start today's (Wed 25 Nov)", "Resume it: what is recorded goes to Mon 23 Nov's"]
        await keys(app, pilot, answer)
        screen = app.screen
        assert not isinstance(screen, PickScreen)
        await keys(app, pilot, "plus")  # 2.8: 60 % → 70 %
        # the note of the finish shows for 4 s: read after the key, it was gone once under load
        said = ("Finished the stand-up of Mon 23 Nov: h shows its summary." if answer == "1"
                else "It is not today's: f finishes it, then g starts today's.")
        assert await until(pilot, lambda: said in notes(app)), notes(app)
        if answer == "1":
            assert screen.day == DAY and screen.opened.standup.day == DAY
        else:
            assert screen.day == TODAY
    days = {r.day: r for r in su.list_standups(store, pid)}
    with reading(store) as s:
        event = s.execute(select(StandupEvent)).scalars().one()
    if answer == "1":
        assert {d: r.state for d, r in days.items()} == {TODAY: "closed", DAY: "open"}
        assert event.standup_id == days[DAY].id and get_plan(store, pid).project.status_date == DAY
    else:
        assert {d: r.state for d, r in days.items()} == {TODAY: "open"} and event.standup_id == days[TODAY].id


@sync
async def test_a_stand_up_begun_before_midnight_counts_down_after_it(store, pid):
    # begun at 23:50, it read '⏱ open since … 23:50' at 00:01, as if left open overnight
    from datetime import datetime, timedelta, timezone

    from pmtui.widgets.standup_status import StandupStatus

    began = datetime(2026, 11, 25, 23, 50).astimezone().astimezone(timezone.utc)  # 23:50 here, stored in UTC
    times = iter([began])
    app = StandupApp(store, today=DAY, clock=lambda: next(times, began + timedelta(minutes=11)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        app.screen._tick()
        assert app.screen.query_one(StandupStatus).clock == ("⏱ 04:00 left", "bold")


@sync
async def test_looking_at_screen_4_shows_the_agenda_and_records_nothing_until_g(store, pid):
    # Pressing 4 started today's stand-up: a PM who only looked left a stand-up record behind and
    # the status date moved to today. `pmtui standup start` and g start one; 4 shows the agenda.
    from pmtui.services import standup as su
    from pmtui.services.projects import find_project

    status_before = get_plan(store, pid).project.status_date
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4")
        screen = app.screen
        assert su.list_standups(store, pid) == []
        assert find_project(store, "CRM migration").status_date == status_before
        # the agenda is there to read, and n goes through it
        assert screen.people[0].name == "Anika Schultz" and screen.tasks.current.wbs == "2.8"
        assert "not started · g starts it" in str(screen.query_one("#standup-status").render())
        await keys(app, pilot, "n")
        assert screen.position == 1
        # a key that records says how to start, and records nothing
        await keys(app, pilot, "plus")
        assert "No stand-up open: g starts it" in [n.message for n in app._notifications][-1]
        assert su.list_standups(store, pid) == []
        await keys(app, pilot, "1", "4")  # and looking again does not start it either
        assert su.list_standups(store, pid) == []
        await keys(app, pilot, "g")
        assert [r.state for r in su.list_standups(store, pid)] == ["open"]


@sync
async def test_pmtui_standup_which_runs_today_s_stand_up_starts_it_as_it_opens(store, pid):
    from pmtui.services import standup as su

    app = StandupApp(store, today=DAY, screen="standup")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert [r.state for r in su.list_standups(store, pid)] == ["open"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@sync
async def test_before_g_the_footer_offers_only_keys_that_work_and_the_panel_the_plan_s_finish(store, pid, size):
    """Before g the footer offered s, +, d, b and f, each of which only said that g starts the
    stand-up, and not g itself; the panel read "Finish —", as if the plan had none."""
    from pmtui.services import standup as su
    from tests.tui.conftest import screen_text

    su.start_standup(store, pid, TODAY)
    edit_task(store, pid, "5.6", duration=22)
    finished = su.finish_standup(store, pid, TODAY)
    edit_task(store, pid, "5.6", duration=25)  # moves the finish after that stand-up
    plan = get_plan(store, pid)
    moved = plan.calendar.working_days_between(date.fromisoformat(finished["finish"]["after"]), plan.schedule.finish)
    assert moved > 0
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4")
        text = screen_text(app).splitlines()
        footer = text[-1]
        assert "g Start" in footer and "n Next" in footer, footer
        for hidden in ("s Started", "+ +%", "d Done", "b Blocker", "f Finish", "y Notes", "r Days left"):
            assert hidden not in footer, footer
        assert f"Finish {plan.schedule.finish}  +{moved}d since the stand-up of Mon 23 Nov" in text[2], text[2]
        await keys(app, pilot, "s")  # still bound: it says why it did nothing
        assert "No stand-up open: g starts it" in [n.message for n in app._notifications][-1]

        await keys(app, pilot, "g")
        footer = screen_text(app).splitlines()[-1]
        assert "g " not in footer and "s Started" in footer and "f Finish" in footer, footer

        await keys(app, pilot, "f", "escape")
        footer = screen_text(app).splitlines()[-1]
        assert "g Reopen" in footer and "s Started" not in footer and "f Finish" not in footer, footer
        assert "Finish " + str(plan.schedule.finish) in screen_text(app).splitlines()[2]


@sync
async def test_on_a_person_with_nothing_due_the_task_keys_are_not_offered_and_say_why(store, pid):
    """On a person with no task on the list the footer went on offering s, +, d and b, each
    answering "No task selected"; and b's bar did not open, so a blocker typed behind it ran as
    keys (f finished the stand-up, o and r renamed the project)."""
    from tests.tui.conftest import screen_text

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        idle = next(i for i, p in enumerate(screen.people) if not p.tasks)
        await keys(app, pilot, *["n"] * idle)
        name = screen.people[screen.position].name
        footer = screen_text(app).splitlines()[-1]
        for hidden in ("s Started", "+ +%", "d Done", "b Blocker", "r Days left"):
            assert hidden not in footer, footer
        assert "f Finish" in footer and "y Notes" in footer and "n Next" in footer, footer
        await keys(app, pilot, "b")
        assert not screen.query_one("#standup-ask").display
        assert [n.message for n in app._notifications][-1] == (
            f"Nothing to record on: {name} has no task due · y for their notes, n for the next person")
        await keys(app, pilot, "p")
        assert "s Started" in screen_text(app).splitlines()[-1]


@sync
async def test_letters_typed_behind_a_refused_key_are_not_commands(store, pid):
    """b (a blocker) with no stand-up open opened nothing, and the rest of the burst ran as
    commands: "waiting for firewall rule" started the stand-up (g), finished it (f), opened the
    projects (o) and put the project's name up for renaming (r), with " firewall rule" typed in."""
    from pmtui.services.projects import current_project
    from tests.tui.conftest import notes
    from tests.tui.test_wbs import burst

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4")
        screen, theme = app.screen, app.theme
        burst(app, "b", *["space" if c == " " else c for c in "waiting for firewall rule"], "enter")
        await settle(app, pilot)
        assert app.screen is screen and screen.position == 0 and screen.asking is None
        assert app.theme == theme
        assert "No stand-up open: g starts it" in notes(app)
        await pilot.pause(1.2)  # the burst is over (BURST_GAP): what was not run is said
        assert "Not run, typed right behind b (which did nothing): waiting for firewall rule⏎" in notes(app)
        # a person with nothing due: the same, with the stand-up under way
        await keys(app, pilot, "g", "n")
        assert not screen.people[1].tasks
        burst(app, "b", "f", "o", "r", "X", "enter")
        await settle(app, pilot)
        assert app.screen is screen and screen.meeting.standup.state == "open"
        # and keys typed after a pause are commands again
        await pilot.pause(1.2)
        await keys(app, pilot, "n")
        assert screen.position == 2
    with reading(store) as s:
        assert [r.state for r in s.execute(select(Standup)).scalars()] == ["open"]
    assert current_project(store).name == "CRM migration"


@sync
async def test_keys_typed_behind_f_go_to_the_summary(store, pid):
    """f saves the summary in an edit, and the summary opens once it is saved: a c (copy) typed
    right behind f ran the stand-up's c (clear the task's blockers) while the meeting was still
    open, and the summary was never copied."""
    from tests.tui.test_wbs import burst

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g", "b")
        await type_text(app, pilot, "no test tenant")
        entries = len(history.history(store, pid))
        burst(app, "f", "c")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "SummaryView"
        assert app.clipboard.startswith("# Stand-up 2026-11-25")
        done = history.history(store, pid)  # newest first
        assert [e.action for e in done[:len(done) - entries]] == ["Finish stand-up"]
    with reading(store) as s:
        assert s.execute(select(Issue).where(Issue.kind == "blocker")).scalars().one().status == "open"


@sync
async def test_the_mouse_leaving_a_part_of_the_stand_up_screen_is_no_crash(store, pid):
    """The screen's helper for a person's leave was named _on_leave, which is also the name of
    Textual's handler of the mouse leaving a widget: the event, bubbling up to the screen, was
    taken for a person, and the app ended in a traceback when the mouse moved off a panel."""
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        screen = app.screen
        await pilot.hover(offset=(10, 10))
        await pilot.hover(offset=(100, 38))
        await pilot.hover(offset=(10, 3))
        await settle(app, pilot)
        assert app.is_running and app.screen is screen


@sync
async def test_keys_typed_behind_g_go_to_the_stand_up_it_starts(store, pid):
    """g starts the stand-up in a worker; n n typed right behind it moved along the agenda
    before the stand-up was open, and its opening put everyone back on the first person: on a
    2,000-task plan "gnnnn" ended on person 1 of 12."""
    from tests.tui.test_wbs import burst

    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4")
        screen = app.screen
        burst(app, "g", "n", "n")
        await settle(app, pilot)
        assert screen.opened is not None and screen.position == 2


@sync
async def test_a_status_date_ahead_of_today_is_said_and_kept_by_g_and_d_moving_it_back_says_what_it_does(store, pid):
    """The panel offered "g starts it and sets the status date" on a plan whose status date was
    three weeks ahead, and g moved it back to today: the work reported up to it lay in the plan's
    future and the unfinished work was scheduled weeks earlier."""
    from pmtui.services import progress as pg
    from pmtui.services import standup as su
    from pmtui.services.projects import set_status_date
    from tests.tui.conftest import notes, raised, screen_text

    ahead = date(2026, 12, 14)
    set_status_date(store, pid, ahead)
    pg.mark_started(store, pid, "3.2.4")  # on the status date
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4")
        text = screen_text(app).splitlines()
        assert text[1].strip() == "Stand-up Wed 25 Nov: not started · g starts it and keeps the status date", text
        assert text[3].strip() == "Status date Mon 14 Dec is ahead of today: progress is dated as of it", text
        await keys(app, pilot, "g")
        assert get_plan(store, pid).project.status_date == ahead
        assert [r.day for r in su.list_standups(store, pid)] == [DAY]
        assert "· status date 2026-12-14 (ahead)" in screen_text(app).splitlines()[1]
        said = notes(app)
        assert ("Stand-up of 2026-11-25; status date kept at 2026-12-14, which is ahead of it: what this "
                "stand-up records is dated as of 2026-12-14, not 2026-11-25.") in said, said
        assert "D moves it back" not in said  # it would date 3.2.4's start (14 Dec) after the status date
        # what a key records is dated as of the status date, in today's stand-up
        screen = app.screen
        t = screen.tasks.current
        assert t is not None and not get_plan(store, pid).by_id[t.id].actual_finish
        await keys(app, pilot, "d")
        done = get_plan(store, pid).by_id[t.id]
        assert DAY < done.actual_finish < ahead, done
        with reading(store) as s:
            assert [(e.task_id, e.kind) for e in s.execute(select(StandupEvent)).scalars()] == [(t.id, "done")]
        # D back to today moves it, and says what that does to the work reported after today
        await keys(app, pilot, "D", "ctrl+u")
        await type_text(app, pilot, "2026-11-25")
        assert get_plan(store, pid).project.status_date == DAY
        warned = [n for n in raised(app) if n.message.startswith("Status date 2026-11-25, before progress")]
        assert len(warned) == 1 and warned[0].severity == "warning"
        assert "(3.2.4 started 2026-12-14; " in warned[0].message
        assert warned[0].message.endswith("from 2026-11-25 on. u puts it back to 2026-12-14"), warned[0].message
        await keys(app, pilot, "u")
        assert get_plan(store, pid).project.status_date == ahead


@sync
async def test_a_status_date_ahead_with_nothing_reported_after_today_says_d_moves_it_back(store, pid):
    from pmtui.services.projects import set_status_date
    from tests.tui.conftest import notes

    set_status_date(store, pid, date(2026, 12, 14))
    app = StandupApp(store, today=DAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await keys(app, pilot, "4", "g")
        assert "dated as of 2026-12-14, not 2026-11-25.  D moves it back." in notes(app)
        await keys(app, pilot, "D", "ctrl+u")
        await type_text(app, pilot, "2026-11-25")
        assert get_plan(store, pid).project.status_date == DAY
        assert "before progress" not in notes(app)  # nothing reported after it: nothing to warn of
        assert "(ahead)" not in str(app.screen.query_one("#standup-status").render())
