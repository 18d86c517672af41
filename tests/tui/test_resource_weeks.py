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

from .conftest import notes, press, screen_text, settle, type_text


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
