"""W: the people with their working weeks (the project's or their own) and leave, and Enter to
set a week, as `pmtui resource calendar show` / `workdays` do. The planner showed neither: a
part-timer's Monday to Wednesday was seen only in the CLI."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, OptionList, Static

from pmtui.screens.resources import ResourceWeeks, week_text
from pmtui.services import history, leave, resource_calendar
from pmtui.services.projects import current_project

from .conftest import handled, notes, press, screen_text, settle, type_text, until


def _rows(app) -> list[str]:
    ol = app.screen.query_one(OptionList)
    return [str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count)]


def _row(app, name: str) -> str:
    return next(r for r in _rows(app) if r.startswith(name + " "))


async def _highlight(pilot, name: str) -> None:
    ol = pilot.app.screen.query_one(OptionList)
    ol.highlighted = next(i for i, w in enumerate(pilot.app.screen.weeks) if w.name == name)
    await settle(pilot)


def _week(store, pid: int, name: str):
    from pmtui.services.tasks import get_plan

    return next(w for w in resource_calendar.weeks(get_plan(store, pid)) if w.name == name)


def test_a_week_is_said_as_it_is_typed():
    assert week_text(0b11111) == "mon-fri"
    assert week_text(0b111) == "mon-wed"
    assert week_text(0b11) == "mon,tue"  # two days are not a run
    assert week_text(0b10101) == "mon,wed,fri"
    assert week_text(0b10111) == "mon-wed,fri"
    assert week_text(0b1100000) == "sat,sun"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_w_lists_each_persons_week_and_leave(make_app, demo_store, size):
    pid = current_project(demo_store).id
    leave.add_leave(demo_store, pid, "Anika Schultz", date(2026, 12, 8), date(2026, 12, 9))
    resource_calendar.set_week(demo_store, pid, "Priya Raman", 0b111)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        assert isinstance(app.screen, ResourceWeeks)
        rows = _rows(app)
        assert len(rows) == 9
        assert _row(app, "Anika Schultz").split() == ["Anika", "Schultz", "mon-fri", "(project's)", "leave", "08–09", "Dec"]
        assert _row(app, "Priya Raman").split() == ["Priya", "Raman", "mon-wed", "(own)"]
        assert _row(app, "Marek Novak").endswith("leave Tue 15 Dec")  # the demo's
        # whole at 80 columns too: the longest name, its week and the leave
        shown = screen_text(app)
        assert "Northstar CRM Consulting  mon-fri (project's)" in shown
        assert "Anika Schultz             mon-fri (project's)  leave 08–09 Dec" in shown
        detail = str(app.screen.query_one("#r-detail", Static).render())
        assert detail.startswith("Anika Schultz works the project's week, mon-fri: it changes with the project's.")
        assert "Leave 08–09 Dec (2 working days)." in detail
        await _highlight(pilot, "Priya Raman")
        detail = str(app.screen.query_one("#r-detail", Static).render())
        assert detail.startswith("Priya Raman works a week of their own, mon-wed: it stays when the project's week changes.")
        assert "No leave from Mon 23 Nov on." in detail
        await press(pilot, "escape")
        assert not isinstance(app.screen, ResourceWeeks)


async def test_enter_sets_a_persons_own_week_and_u_takes_it_back(make_app, demo_store):
    pid = current_project(demo_store).id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.plan.schedule.tasks[app.plan.by_wbs["3.5"].id].finish
        await press(pilot, "W")
        await _highlight(pilot, "Jonas Berg")
        await press(pilot, "enter")
        field = app.screen.query_one("#r-week", Input)
        assert app.focused is field and field.value == "project"
        assert "Working days of Jonas Berg" in str(app.screen.query_one("#r-label", Static).render())
        field.value = ""
        await type_text(pilot, "mon-thu")
        await press(pilot, "enter")
        week = _week(demo_store, pid, "Jonas Berg")
        assert (week.workdays, week.own) == (0b1111, True)
        # the list shows it, the dialog stays, and the note says what it moved, as the CLI does
        assert isinstance(app.screen, ResourceWeeks) and app.screen.editing is None
        assert _row(app, "Jonas Berg").split()[2:] == ["mon-thu", "(own)"]
        said = notes(app)
        assert "Working days of Jonas Berg: mon-thu (were the project's, mon-fri); scheduled on their days: " in said
        assert "· u undoes" in said
        assert app.plan.schedule.tasks[app.plan.by_wbs["3.5"].id].finish > before
        assert history.history(demo_store, pid, 1)[0].action == "Set a resource's working days"
        await press(pilot, "u")
        week = _week(demo_store, pid, "Jonas Berg")
        assert (week.workdays, week.own) == (0b11111, False)
        assert _row(app, "Jonas Berg").split()[2:] == ["mon-fri", "(project's)"]
        assert app.plan.schedule.tasks[app.plan.by_wbs["3.5"].id].finish == before
        # the project's week again, typed: the same days, now following the project's
        await press(pilot, "enter")
        field.value = ""
        await type_text(pilot, "mon-fri")
        await press(pilot, "enter")
        assert _row(app, "Jonas Berg").split()[2:] == ["mon-fri", "(own)"]
        assert "Jonas Berg keeps mon-fri as a week of their own" in notes(app)
        await press(pilot, "enter")
        assert app.screen.query_one("#r-week", Input).value == "mon-fri"
        field.value = ""
        await type_text(pilot, "Project")
        await press(pilot, "enter")
        assert _row(app, "Jonas Berg").split()[2:] == ["mon-fri", "(project's)"]
        assert "Jonas Berg works the project's week again (mon-fri)" in notes(app)
        # the same again: said, and nothing written
        seen = history.version(demo_store, pid)
        await press(pilot, "enter")
        await press(pilot, "enter")
        assert "Jonas Berg works the project's week, mon-fri, already: nothing changed" in notes(app)
        assert history.version(demo_store, pid) == seen


@pytest.mark.parametrize("typed, said", [
    ("mon-xyz", "working days 'mon-xyz' are not understood: use e.g. mon-fri or mon,tue,thu (or project for the project's week)"),
    ("fri-mon", "working days 'fri-mon' run backwards: write the range as mon-fri (or project for the project's week)"),
    ("", "working days '' name no day"),
])
async def test_bad_days_are_refused_under_the_field_and_change_nothing(make_app, demo_store, typed, said):
    pid = current_project(demo_store).id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = history.version(demo_store, pid)
        await press(pilot, "W")
        await press(pilot, "enter")
        field = app.screen.query_one("#r-week", Input)
        field.value = ""
        await type_text(pilot, typed)
        await press(pilot, "enter")
        error = app.screen.query_one("#r-error", Static)
        assert error.display and str(error.render()).startswith(said)
        assert said.split(":")[0] in screen_text(app)  # in view at 80x24
        assert app.focused is field and app.screen.editing == "Anika Schultz"
        assert history.version(demo_store, pid) == seen
        assert _row(app, "Anika Schultz").split()[2:4] == ["mon-fri", "(project's)"]
        # Escape closes the field, not the list; u is not offered while typing
        await press(pilot, "escape")
        assert isinstance(app.screen, ResourceWeeks) and not field.display and not error.display
        await press(pilot, "escape")
        assert not isinstance(app.screen, ResourceWeeks)


async def test_the_list_follows_a_change_made_elsewhere(make_app, demo_store):
    # the CLI in another terminal: the plan is read again, and the open list with it
    pid = current_project(demo_store).id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        await _highlight(pilot, "Lena Hoffmann")
        resource_calendar.set_week(demo_store, pid, "Lena Hoffmann", 0b10101)
        leave.add_leave(demo_store, pid, "Lena Hoffmann", date(2026, 12, 21), date(2026, 12, 23))
        app.reload_plan()
        await settle(pilot)
        assert _row(app, "Lena Hoffmann").split()[2:] == ["mon,wed,fri", "(own)", "leave", "21–23", "Dec"]
        assert app.screen.weeks[app.screen.query_one(OptionList).highlighted].name == "Lena Hoffmann"
        # closed, it no longer follows the plan
        await press(pilot, "escape")
        assert not any(isinstance(s, ResourceWeeks) for s in app.plan_screens)


async def test_a_plan_without_people_says_how_to_add_one(store):
    from pmtui.app import PmtuiApp
    from pmtui.services.projects import create_project

    from .conftest import TODAY

    create_project(store, "Empty", date(2027, 1, 4))
    app = PmtuiApp(store, None, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        assert isinstance(app.screen, ResourceWeeks) and _rows(app) == []
        assert str(app.screen.query_one("#r-detail", Static).render()).startswith("No resources yet: R on a task")
        await press(pilot, "enter")  # nobody to set a week for
        assert app.screen.editing is None and not app.screen.query_one("#r-week", Input).display


async def test_the_list_closes_when_its_project_is_gone(make_app):
    # the project deleted or its creation undone elsewhere: the app closes what is over its
    # screens, and tells each the plan is gone; the list, closed already, is not dismissed again
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        assert isinstance(app.screen, ResourceWeeks)
        app._plan_gone(app.project_id, "Project gone.")
        await settle(pilot)
        assert not isinstance(app.screen, ResourceWeeks)
        assert not any(isinstance(s, ResourceWeeks) for s in app.plan_screens)
        await press(pilot, "W")
        assert not isinstance(app.screen, ResourceWeeks) and "No project open" in notes(app)


async def test_the_assign_list_says_a_week_of_ones_own_and_the_next_leave(make_app, demo_store):
    # R listed names only: a part-timer off on the task's days, or someone away next week, was
    # picked blind
    from pmtui.screens.dialogs import PickScreen

    from tests.tui.test_wbs import goto

    pid = current_project(demo_store).id
    leave.add_leave(demo_store, pid, "Anika Schultz", date(2026, 12, 8), date(2026, 12, 9))
    resource_calendar.set_week(demo_store, pid, "Priya Raman", 0b111)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        await press(pilot, "R")
        assert isinstance(app.screen, PickScreen)
        labels = {r.name: label for _k, label, r in app.screen.choices if hasattr(r, "name")}
        assert labels["Priya Raman"].endswith("Priya Raman · works mon-wed")
        assert labels["Anika Schultz"].endswith("on it at 25%: takes off · leave 08–09 Dec")
        assert labels["Marek Novak"].endswith("Marek Novak · leave Tue 15 Dec")
        assert labels["Lena Hoffmann"] == "  Lena Hoffmann"  # the project's week, no leave: nothing to say
        assert "8    Priya Raman · works mon-wed" in screen_text(app)


async def test_at_80x24_the_person_typed_for_stays_in_view_and_rows_keep_to_one_line(make_app):
    # The field, its two-line label and a refusal made the dialog scroll: its scroll bar narrowed
    # the list, which wrapped Marek Novak's row ("leave Tue 15" / "Dec"), and the last person,
    # whose week was being typed, was out of view.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        await _highlight(pilot, "Tomas Herrera")
        await press(pilot, "enter")
        field = app.screen.query_one("#r-week", Input)
        field.value = ""
        await type_text(pilot, "tue-mon")
        await press(pilot, "enter")  # refused, in two lines
        shown = screen_text(app)
        assert "Tomas Herrera             mon-fri (project's)" in shown
        assert "Working days of Tomas Herrera" in shown and "People: working days and leave" in shown
        assert "run backwards" in shown and field.region.bottom <= 23  # above the footer
        assert not any(line.strip(" │▊▎▇▃▁").strip() in ("Dec", "D…") for line in shown.splitlines())
        await press(pilot, "escape")
        lines = screen_text(app).splitlines()
        marek = next(line for line in lines if "Marek Novak" in line)
        assert "mon-fri (project's)  leave Tue 15 Dec" in marek
        assert not any(line.strip(" │▊▎▇▃▁").strip() == "Dec" for line in lines)


def _leave(store, pid: int, name: str) -> dict:
    from pmtui.services.tasks import get_plan

    plan = get_plan(store, pid)
    rid = next(r.id for r in plan.resources if r.name == name)
    return plan.leave.get(rid, {})


def _finishes(app, *codes: str) -> list[date]:
    return [app.plan.schedule.tasks[app.plan.by_wbs[c].id].finish for c in codes]


async def _type_leave(pilot, first: str, last: str) -> None:
    """l, then the days as a PM types them: the first, tab, the last (if any), Enter."""
    await press(pilot, "l")
    await type_text(pilot, first)
    if last:
        await press(pilot, "tab")
        await type_text(pilot, last)
    await press(pilot, "enter")


@pytest.mark.parametrize("first, last, days, shown", [
    # "I'm off Thursday and Friday", said on Monday 23 Nov: the words the CLI takes
    ("thu", "fri", [date(2026, 11, 26), date(2026, 11, 27)], "26–27 Nov (2 working days)"),
    # the first day alone is that one day, as `resource leave add NAME FIRST` records it
    ("2026-11-26", "", [date(2026, 11, 26)], "Thu 26 Nov (1 working day)"),
])
async def test_l_records_a_persons_leave_the_schedule_goes_around_it_and_u_takes_it_back(
        make_app, demo_store, first, last, days, shown):
    pid = current_project(demo_store).id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = _finishes(app, "3.3.2", "3.5")
        await press(pilot, "W")
        await _highlight(pilot, "Jonas Berg")
        await press(pilot, "l")
        label = str(app.screen.query_one("#r-label", Static).render())
        assert label.startswith("Leave of Jonas Berg: the first day off and the last")
        assert app.focused is app.screen.query_one("#r-from", Input)
        assert "Leave of Jonas Berg" in screen_text(app) and "From" in screen_text(app)  # in view at 80x24
        await press(pilot, "escape")  # Escape closes the field, nothing recorded
        assert isinstance(app.screen, ResourceWeeks) and app.screen.editing is None
        await _type_leave(pilot, first, last)
        assert sorted(_leave(demo_store, pid, "Jonas Berg")) == days
        assert history.history(demo_store, pid, 1)[0].action == "Add leave"
        # the dialog stays, its list and detail show it, and the note says what moved
        assert isinstance(app.screen, ResourceWeeks) and app.screen.editing is None
        assert app.focused is app.screen.query_one(OptionList)
        assert _row(app, "Jonas Berg").endswith("leave " + shown.split(" (")[0])
        assert f"Leave {shown}." in str(app.screen.query_one("#r-detail", Static).render())
        said = notes(app)
        assert f"Leave of Jonas Berg: {shown}; scheduled around it: 3.3.1 finishes" in said and "· u undoes" in said
        after = _finishes(app, "3.3.2", "3.5")
        assert after[0] > before[0] and after[1] >= before[1]
        await press(pilot, "u")
        assert _leave(demo_store, pid, "Jonas Berg") == {}
        assert _row(app, "Jonas Berg").split()[2:] == ["mon-fri", "(project's)"]
        assert _finishes(app, "3.3.2", "3.5") == before
        assert "Undone: Add leave" in notes(app)


async def test_x_takes_back_leave_ahead_choosing_which_when_there_are_several_and_u_brings_it_back(
        make_app, demo_store):
    from pmtui.screens.dialogs import PickScreen

    pid = current_project(demo_store).id
    # a run begun before the status date (Mon 23 Nov), one ahead with a note, and the demo's 15 Dec
    leave.add_leave(demo_store, pid, "Marek Novak", date(2026, 11, 18), date(2026, 11, 25))
    leave.add_leave(demo_store, pid, "Marek Novak", date(2026, 12, 2), date(2026, 12, 3), "Dentist")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = _finishes(app, "3.4.2", "3.4.3")
        await press(pilot, "W")
        await _highlight(pilot, "Marek Novak")
        await press(pilot, "x")
        assert isinstance(app.screen, PickScreen)
        shown = screen_text(app)
        assert "Take back which leave of Marek Novak?" in shown
        assert "1  23–25 Nov (3 working days)" in shown  # from the status date on, as W lists it
        assert "2  02–03 Dec (2 working days) · Dentist" in shown
        assert "3  Tue 15 Dec (1 working day)" in shown
        await press(pilot, "escape")  # nothing taken back
        assert isinstance(app.screen, ResourceWeeks) and len(_leave(demo_store, pid, "Marek Novak")) == 9
        await press(pilot, "x", "1")
        # the days before the status date are history, and stay
        assert sorted(_leave(demo_store, pid, "Marek Novak")) == [
            date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 20),
            date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 15)]
        assert history.history(demo_store, pid, 1)[0].action == "Remove leave"
        assert isinstance(app.screen, ResourceWeeks)
        assert _row(app, "Marek Novak").endswith("leave 02–03 Dec +1")
        said = notes(app)
        assert "Leave of Marek Novak taken back: 23–25 Nov (3 working days); scheduled on those days again: " in said
        after = _finishes(app, "3.4.2", "3.4.3")
        assert after[0] < before[0] and after[1] < before[1]
        await press(pilot, "u")
        assert len(_leave(demo_store, pid, "Marek Novak")) == 9
        assert _finishes(app, "3.4.2", "3.4.3") == before
        # the one left of several, once the others are gone: taken back without a list
        await press(pilot, "x", "2")
        await press(pilot, "x", "1")
        await press(pilot, "x")
        assert isinstance(app.screen, ResourceWeeks)
        assert sorted(_leave(demo_store, pid, "Marek Novak")) == [date(2026, 11, 18), date(2026, 11, 19),
                                                                   date(2026, 11, 20)]
        assert "Leave of Marek Novak taken back: Tue 15 Dec (1 working day)" in notes(app)
        # nothing ahead: said under the list, and nothing written
        seen = history.version(demo_store, pid)
        await press(pilot, "x")
        error = app.screen.query_one("#r-error", Static)
        assert str(error.render()) == "Marek Novak has no leave from Mon 23 Nov on: l records some"
        assert "Marek Novak has no leave from Mon 23 Nov on" in screen_text(app)
        assert history.version(demo_store, pid) == seen
        await press(pilot, "k")  # said of Marek: gone with him
        assert not error.display


async def test_x_takes_back_a_run_longer_than_leave_can_be_recorded_at_once(make_app, demo_store):
    # two runs of leave recorded end to end are one run, longer than the 366 days one `leave add`
    # takes: given its last day too, the service refused to take it back as too long to record
    pid = current_project(demo_store).id
    leave.add_leave(demo_store, pid, "Lena Hoffmann", date(2027, 1, 4), date(2027, 12, 31), "Sabbatical")
    leave.add_leave(demo_store, pid, "Lena Hoffmann", date(2028, 1, 3), date(2028, 1, 7), "Sabbatical")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        await _highlight(pilot, "Lena Hoffmann")
        await press(pilot, "x")
        assert _leave(demo_store, pid, "Lena Hoffmann") == {}
        assert "Leave of Lena Hoffmann taken back: 04 Jan 2027–07 Jan 2028" in notes(app)


@pytest.mark.parametrize("name, first, last, said, at", [
    ("Jonas Berg", "2026-12-10", "2026-12-01",
     "leave ends on 2026-12-01, before it starts on 2026-12-10: give the first day, then the last", "#r-to"),
    ("Jonas Berg", "soon", "", "first day 'soon' is not understood: use YYYY-MM-DD, e.g. 2027-01-04, or today, tomorrow, next friday, in 3 days", "#r-from"),
    ("Jonas Berg", "2026-12-10", "2026-02-30", "last day '2026-02-30' does not exist (day is out of range for month)",
     "#r-to"),
    ("Jonas Berg", "", "", "first day is empty: use YYYY-MM-DD, e.g. 2027-01-04, or today, tomorrow, next friday, in 3 days", "#r-from"),
    ("Jonas Berg", "2026-12-01", "2028-01-01",
     "leave from 2026-12-01 to 2028-01-01 is 397 days; record at most 366 at a time", "#r-to"),
    # what only the plan can say: the service refuses it, and it is said the same way
    ("Marek Novak", "2026-12-14", "2026-12-16",
     "Marek Novak is on leave on 2026-12-15 already (Leave): `pmtui resource leave list 'Marek Novak'` shows it",
     "#r-from"),
    ("Jonas Berg", "2026-12-12", "2026-12-13", "2026-12-12 to 2026-12-13 has no working day: there is no leave to record",
     "#r-from"),
])
async def test_bad_leave_is_refused_under_the_field_and_changes_nothing(make_app, demo_store, name, first, last, said, at):
    pid = current_project(demo_store).id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = history.version(demo_store, pid)
        had = _leave(demo_store, pid, name)
        await press(pilot, "W")
        await _highlight(pilot, name)
        await _type_leave(pilot, first, last)
        error = app.screen.query_one("#r-error", Static)
        assert error.display and str(error.render()) == said
        assert said[:30] in screen_text(app)  # in view at 80x24
        # the field open again with what was typed, for a fix
        assert app.screen.editing == name
        assert app.focused is app.screen.query_one(at, Input)
        assert (app.screen.query_one("#r-from", Input).value, app.screen.query_one("#r-to", Input).value) == (first, last)
        assert history.version(demo_store, pid) == seen and _leave(demo_store, pid, name) == had
        # fixed, it goes in
        field = app.screen.query_one("#r-from", Input)
        field.value = ""
        app.screen.query_one("#r-to", Input).value = ""
        if at == "#r-to":
            await press(pilot, "shift+tab")
        await type_text(pilot, "2026-12-18")
        await press(pilot, "enter")
        assert not error.display and app.screen.editing is None
        assert date(2026, 12, 18) in _leave(demo_store, pid, name)


async def test_the_stand_up_line_says_a_week_of_ones_own(make_app, demo_store):
    # the assign list (R) and W said "works mon-wed"; the stand-up, where the PM asks about
    # Thursday's work, did not
    from pmtui.screens.standup import StandupScreen

    pid = current_project(demo_store).id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g")
        screen = app.screen
        assert isinstance(screen, StandupScreen)
        line = lambda: str(screen.query_one("#standup-person").render()).splitlines()  # noqa: E731
        name = screen.people[0].name
        assert "works" not in line()[0]
        resource_calendar.set_week(demo_store, pid, name, 0b111)
        app.reload_plan()
        await settle(pilot)
        assert line()[0].startswith(f"{name}  (1/") and "  works mon-wed" in line()[0]
        assert len(line()) == 2  # cut, not wrapped, at 80 columns
        resource_calendar.set_week(demo_store, pid, name, None)  # the project's week again: nothing to say
        app.reload_plan()
        await settle(pilot)
        assert "works" not in line()[0]


async def test_w_on_the_stand_up_opens_on_the_person_asked_and_what_it_records_shows_there(make_app, demo_store):
    # "I'm off Thursday and Friday", heard in the stand-up: W opened on the first person of the
    # list, not on the one speaking
    from pmtui.screens.standup import StandupScreen

    pid = current_project(demo_store).id
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g", "n")
        screen = app.screen
        assert isinstance(screen, StandupScreen)
        person = screen.people[1]
        line = lambda: str(screen.query_one("#standup-person").render()).splitlines()[0]  # noqa: E731
        assert "works" not in line() and "on leave" not in line()
        await press(pilot, "W")
        assert app.screen.weeks[app.screen.query_one(OptionList).highlighted].name == person.name
        await press(pilot, "enter")
        field = app.screen.query_one("#r-week", Input)
        field.value = ""
        await type_text(pilot, "mon-wed")
        await press(pilot, "enter")
        await _type_leave(pilot, "2026-11-25", "")
        assert date(2026, 11, 25) in _leave(demo_store, pid, person.name)
        await press(pilot, "escape")
        assert app.screen is screen and screen.people[screen.position].name == person.name
        assert f"{person.name}  (2/" in line() and "  works mon-wed  on leave Wed 25 Nov" in line()


async def test_keys_typed_behind_the_leave_wait_for_it(make_app, demo_store, monkeypatch):
    # l, the day, Enter and j typed in one burst while the store is slow: the j is for the list
    # once the leave is in; if it is refused, the field opens again on the person it was typed
    # for, the j dropped, not on the next person with Jonas Berg's days in it
    from tests.tui.test_wbs import burst, slowed

    pid = current_project(demo_store).id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        await _highlight(pilot, "Jonas Berg")
        seen = history.version(demo_store, pid)
        slow = slowed(monkeypatch, "add_leave", leave)
        burst(app, "l", *"2026-12-12", "enter", "j", "j")  # a Saturday
        assert await until(pilot, lambda: slow["calls"] == 1)
        await handled(pilot)  # the j's have come in (and are held)
        slow["go_on"].set()
        await settle(pilot)
        assert history.version(demo_store, pid) == seen
        assert app.screen.editing == "Jonas Berg" and _current_name(app) == "Jonas Berg"
        assert app.screen.query_one("#r-from", Input).value == "2026-12-12"
        assert str(app.screen.query_one("#r-error", Static).render()).startswith("2026-12-12 (Saturday) is not a working day")
        await press(pilot, "escape")
        slow = slowed(monkeypatch, "add_leave", leave)
        burst(app, "l", *"2026-12-14", "enter", "j")
        assert await until(pilot, lambda: slow["calls"] == 1)
        await handled(pilot)
        assert _current_name(app) == "Jonas Berg"  # held while the leave goes in
        slow["go_on"].set()
        await settle(pilot)
        assert date(2026, 12, 14) in _leave(demo_store, pid, "Jonas Berg")
        assert app.screen.editing is None and _current_name(app) == "Lena Hoffmann"


def _current_name(app) -> str:
    return app.screen.weeks[app.screen.query_one(OptionList).highlighted].name


async def test_the_leave_keys_are_in_the_footer_help_and_palette(make_app):
    from pmtui.screens.dialogs import HelpScreen

    from .test_dialog_footer import palette_commands, shown

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "W")
        assert shown(app) == [("⏎", "Working days"), ("l", "Leave"), ("x/del", "Remove leave"), ("u/^z", "Undo"),
                              ("esc", "Close")]
        commands = palette_commands(app)
        assert commands["Record leave for the person"] == "l · resources.add_leave"
        assert commands["Take back a run of their leave"] == "x/del · resources.remove_leave"
        # ? did nothing in the dialog: its help lists them
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Keys — People: working days and leave" in screen_text(app)
        assert ("l", "Record leave for the person", "resources.add_leave") in app.screen.rows
        assert ("x del", "Take back a run of their leave", "resources.remove_leave") in app.screen.rows
        await press(pilot, "escape")
        assert isinstance(app.screen, ResourceWeeks)
        # typing the days, l, x and u are letters of the field
        await press(pilot, "l")
        assert shown(app) == [("⏎", "Add leave"), ("tab", "Next field"), ("esc", "Cancel")]
        await press(pilot, "f1")  # (? is typed into the field)
        assert isinstance(app.screen, HelpScreen)
        assert ("⏎", "Add leave", "field.confirm") in app.screen.rows
