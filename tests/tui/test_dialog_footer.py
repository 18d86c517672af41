"""A dialog's footer shows the keys the dialog takes, and they do what it says. Under a dialog the
screen's footer went on offering its keys, dimmed, none of which worked while the dialog was up
(the app's keys do not reach a modal screen), and the dialog's own Enter and Esc were not shown."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets._footer import FooterKey

from pmtui.screens.dialogs import ConfirmScreen, DialogScroll, HelpScreen, PickScreen, TaskForm
from pmtui.screens.link_prompt import LinkPrompt
from pmtui.screens.projects import ProjectSwitcher
from pmtui.screens.standup_dialogs import PersonNotes, SummaryView
from pmtui.widgets.footer import Footer
from pmtui.widgets.gantt_chart import GanttChart
from pmtui.widgets.risk_form import RiskForm, RiskText

from .conftest import TODAY, notes, press, screen_text, settle, type_text

SIZE = (80, 24)


def plan_of(app):
    from pmtui.services.tasks import get_plan

    return get_plan(app.store, app.project_id)


def shown(app) -> list[tuple[str, str]]:
    """The keys of the footer on the last row, as drawn: the one of the dialog in front."""
    footer = app.screen.query_one(Footer)
    assert footer.region.y == app.size.height - 1, "the dialog's footer is not the one on show"
    line = screen_text(app).splitlines()[footer.region.y]
    keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
    for k in keys:
        assert line[k.region.x:k.region.right] == f" {k.key_display} {k.description} ", line
    return [(k.key_display, k.description) for k in keys]


async def nothing_happens(pilot, keys: tuple[str, ...], dialog: type, state) -> None:
    """Keys of the screen under the dialog, not shown in its footer: the dialog stays, nothing
    changes (``state()`` reads what they would change), no other screen or dialog opens."""
    app = pilot.app
    before, mode, screen = state(), app.current_mode, app.screen
    for key in keys:
        await press(pilot, key)
        assert app.screen is screen and isinstance(screen, dialog), key
    assert state() == before and app.current_mode == mode


async def scrolls(pilot) -> None:
    """The dialog's text scrolls by the keys its footer shows: a line, a page, back."""
    view = pilot.app.screen.query_one(DialogScroll)
    assert pilot.app.focused is view and view.max_scroll_y > 0
    await press(pilot, "down")
    assert view.scroll_y == 1
    await press(pilot, "up")
    assert view.scroll_y == 0
    await press(pilot, "pagedown")
    assert view.scroll_y > 1
    await press(pilot, "pageup")
    assert view.scroll_y == 0


async def test_the_delete_confirm_shows_yes_and_no_with_all_their_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tasks = len(plan_of(app).tasks)
        for no in ("n", "escape"):
            await press(pilot, "home", "x")  # 1 Initiation and its 5 tasks
            assert isinstance(app.screen, ConfirmScreen)
            assert shown(app) == [("y/⏎", "Yes"), ("n/esc", "No")]
            await press(pilot, no)
            assert not isinstance(app.screen, ConfirmScreen) and len(plan_of(app).tasks) == tasks, no
        await press(pilot, "x")
        # the palette's key works over a dialog (a priority key of the app's), and is shown
        assert app.screen.query_one(Footer).query(".-command-palette")
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await nothing_happens(pilot, ("u", "j", "a", "2", "question_mark", "f1", "q"), ConfirmScreen,
                              lambda: (len(plan_of(app).tasks), app.screen_stack[0].query_one("#tasks").cursor))
        await press(pilot, "y")
        assert len(plan_of(app).tasks) == tasks - 6
        await press(pilot, "u", "home", "x")
        assert len(plan_of(app).tasks) == tasks and isinstance(app.screen, ConfirmScreen)
        await press(pilot, "enter")
        assert len(plan_of(app).tasks) == tasks - 6


async def test_the_task_form_shows_save_next_field_and_cancel(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        name = lambda: plan_of(app).by_wbs["1.1"].name  # noqa: E731
        await press(pilot, "home", "j", "e")
        assert isinstance(app.screen, TaskForm) and app.focused.id == "f-name"
        assert shown(app) == [("⏎/^s", "Save"), ("tab", "Next field"), ("esc", "Cancel")]
        await press(pilot, "tab")
        assert app.focused.id == "f-duration"
        await nothing_happens(pilot, ("f1", "ctrl+y"), TaskForm, name)
        await press(pilot, "shift+tab", "ctrl+u")
        await type_text(pilot, "Charter A")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, TaskForm) and name() == "Charter A"
        await press(pilot, "e", "ctrl+u")
        await type_text(pilot, "Charter B")
        await press(pilot, "enter")
        assert not isinstance(app.screen, TaskForm) and name() == "Charter B"
        await press(pilot, "e", "ctrl+u")
        await type_text(pilot, "Charter C")
        await press(pilot, "escape")
        assert not isinstance(app.screen, TaskForm) and name() == "Charter B"


async def test_the_pick_list_shows_pick_and_cancel(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "home", "j")
        tid = app.plan.by_wbs["1.1"].id
        people = lambda: plan_of(app).resources_text(tid)  # noqa: E731
        before = people()
        assert "Lena Hoffmann" not in before
        await press(pilot, "R")
        assert isinstance(app.screen, PickScreen)
        # the keys before the choices pick at once, and the footer says so with Enter's
        assert shown(app) == [("⏎/1-9/+", "Pick"), ("esc", "Cancel")]
        await nothing_happens(pilot, ("u", "j", "question_mark", "q"), PickScreen, people)
        await press(pilot, "escape")
        assert not isinstance(app.screen, PickScreen) and people() == before
        await press(pilot, "R", "down", "down", "down", "down")  # the fifth: Lena Hoffmann
        assert app.screen.choices[4][2].name == "Lena Hoffmann"
        await press(pilot, "enter")
        assert not isinstance(app.screen, PickScreen) and "Lena Hoffmann" in people()
        await press(pilot, "R", "6")
        assert not isinstance(app.screen, PickScreen) and "Marek Novak" in people()
        # a list without keys: Enter only
        await press(pilot, "4", "g", "h")
        assert isinstance(app.screen, PickScreen) and app.screen.title_text == "Past stand-ups"
        assert shown(app) == [("⏎", "Pick"), ("esc", "Cancel")]


@pytest.mark.parametrize("keys, shown_as", [
    ("123456789+", "1-9/+"), ("1234", "1-4"), ("12", "1/2"), ("1", "1"), ("", ""), ("13579", "1/3/5/7/9"),
    ("yn", "y/n"), ("123y", "1-3/y"),
])
def test_a_pick_list_s_keys_are_named_in_short(keys, shown_as):
    from pmtui.screens.dialogs import key_span

    assert key_span(list(keys)) == shown_as


async def test_help_shows_the_keys_that_close_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("escape", "q", "f1", "question_mark"):
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            assert shown(app) == [("↑/↓", "Scroll"), ("pgup/pgdn", "Page"), ("esc/q/f1/?", "Close")]
            await scrolls(pilot)
            await nothing_happens(pilot, ("u", "a", "2"), HelpScreen, lambda: len(plan_of(app).tasks))
            await press(pilot, key)
            assert not isinstance(app.screen, HelpScreen) and app.is_running, key


async def test_the_link_prompt_shows_link_and_cancel(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        app.screen.query_one(GanttChart).select_task(app.plan.by_wbs["3.2.4"].id)
        links = lambda: len(plan_of(app).links)  # noqa: E731
        before = links()
        await press(pilot, "p")
        assert isinstance(app.screen, LinkPrompt)
        assert shown(app) == [("⏎", "Link"), ("esc", "Cancel")]
        await nothing_happens(pilot, ("f1", "ctrl+y", "tab"), LinkPrompt, links)
        await type_text(pilot, "4.2")
        await press(pilot, "escape")
        assert not isinstance(app.screen, LinkPrompt) and links() == before
        await press(pilot, "p")
        await type_text(pilot, "4.2")
        await press(pilot, "enter")
        assert not isinstance(app.screen, LinkPrompt) and links() == before + 1


async def test_the_risk_forms_and_the_why_text_show_their_keys(make_app):
    from pmtui.services.risk_register import load_register

    app = make_app()
    risks = lambda: [(v.code, v.risk.status) for v in load_register(app.store, app.project_id, TODAY).risks]  # noqa: E731
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        before = risks()
        assert ("R1", "open") in before
        await press(pilot, "n")
        assert isinstance(app.screen, RiskForm)
        assert shown(app) == [("⏎/^s", "Save"), ("tab", "Next field"), ("esc", "Cancel")]
        await press(pilot, "tab")
        assert app.focused is list(app.screen.query("Input"))[1]
        await press(pilot, "escape")
        assert not isinstance(app.screen, RiskForm) and risks() == before
        # closing a risk: a comment, Enter closes it, Esc leaves it open
        await press(pilot, "c")
        assert shown(app) == [("⏎/^s", "Close it"), ("esc", "Leave it open")]
        await nothing_happens(pilot, ("f1", "tab"), RiskForm, risks)
        await press(pilot, "escape")
        assert risks() == before
        await press(pilot, "c")
        await type_text(pilot, "Cleansing done")
        await press(pilot, "enter")
        assert ("R1", "closed") in risks()
        await press(pilot, "u")
        assert risks() == before
        for key in ("escape", "q", "w"):
            await press(pilot, "w")
            assert isinstance(app.screen, RiskText)
            assert shown(app) == [("↑/↓", "Scroll"), ("pgup/pgdn", "Page"), ("esc/q/w", "Close")]
            await scrolls(pilot)
            await nothing_happens(pilot, ("c", "n", "u", "2"), RiskText, risks)
            await press(pilot, key)
            assert not isinstance(app.screen, RiskText) and app.is_running, key


async def test_the_stand_up_notes_and_summary_show_their_keys(make_app):
    from sqlalchemy import select

    from pmtui.models.standup import StandupNote
    from pmtui.services.actions import reading

    def saved():
        with reading(app.store) as s:
            return [(n.yesterday, n.today, n.blockers) for n in s.execute(select(StandupNote)).scalars()]

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g")
        before = saved()
        await press(pilot, "y")
        assert isinstance(app.screen, PersonNotes) and app.focused.id == "note-yesterday"
        assert shown(app) == [("⏎/tab", "Next field"), ("^s", "Save"), ("esc", "Skip")]
        await nothing_happens(pilot, ("f1", "ctrl+y"), PersonNotes, saved)
        await type_text(pilot, "SDD review")
        await press(pilot, "escape")
        assert not isinstance(app.screen, PersonNotes) and saved() == before
        await press(pilot, "y")
        await type_text(pilot, "a")
        await press(pilot, "tab")
        assert app.focused.id == "note-today"
        await type_text(pilot, "b")
        await press(pilot, "enter")
        assert app.focused.id == "note-blockers"
        assert shown(app) == [("⏎/^s", "Save"), ("tab", "Next field"), ("esc", "Skip")]
        await type_text(pilot, "c")
        await press(pilot, "enter")
        assert not isinstance(app.screen, PersonNotes) and saved()[len(before):] == [("a", "b", "c")]
        await press(pilot, "y", "ctrl+s")  # saves what the fields hold, at once
        assert not isinstance(app.screen, PersonNotes) and len(saved()) >= len(before) + 1
        # the summary of the finished stand-up
        await press(pilot, "f")
        assert isinstance(app.screen, SummaryView)
        assert shown(app) == [("↑/↓", "Scroll"), ("pgup/pgdn", "Page"), ("c", "Copy"), ("v", "Compare"),
                              ("esc/q", "Close")]
        await scrolls(pilot)
        await nothing_happens(pilot, ("n", "d", "u", "2"), SummaryView, saved)
        await press(pilot, "c")
        assert "Summary copied" in notes(app)
        await press(pilot, "v")  # no other finished stand-up: it says so
        assert "No other finished stand-up" in notes(app)
        for key in ("escape", "q"):
            if not isinstance(app.screen, SummaryView):
                await press(pilot, "h", "enter")  # past stand-ups: this one's summary
            assert isinstance(app.screen, SummaryView)
            await press(pilot, key)
            assert not isinstance(app.screen, SummaryView) and app.is_running, key


async def test_the_project_switcher_shows_its_keys_and_its_fields(make_app):
    from pmtui.services.projects import list_projects

    app = make_app()
    names = lambda: [p.name for p, _n, _c in list_projects(app.store)]  # noqa: E731
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = names()
        await press(pilot, "o")
        assert isinstance(app.screen, ProjectSwitcher)
        assert shown(app) == [("⏎", "Open"), ("n", "New project"), ("r", "Rename"), ("esc", "Close")]
        await nothing_happens(pilot, ("u", "a", "2", "question_mark", "q"), ProjectSwitcher, names)
        # a new project: Enter in its name goes on to the start date, where it creates the project
        await press(pilot, "n")
        assert shown(app) == [("⏎/tab", "Next field"), ("esc", "Cancel")]
        await type_text(pilot, "ERP upgrade")
        await press(pilot, "enter")
        assert app.focused.id == "p-start" and names() == before
        assert shown(app) == [("⏎", "Create"), ("tab", "Next field"), ("esc", "Cancel")]
        await press(pilot, "escape")
        assert isinstance(app.screen, ProjectSwitcher) and names() == before
        assert shown(app)[0] == ("⏎", "Open")
        # renaming: Enter renames
        await press(pilot, "r")
        assert shown(app) == [("⏎", "Rename"), ("esc", "Cancel")]
        await type_text(pilot, " II")
        await press(pilot, "enter")
        assert names() == [f"{before[0]} II", *before[1:]] and shown(app)[0] == ("⏎", "Open")
        # and after it, a new project's name goes on to its date again
        await press(pilot, "n")
        assert shown(app) == [("⏎/tab", "Next field"), ("esc", "Cancel")]
        await press(pilot, "escape", "enter")
        assert not isinstance(app.screen, ProjectSwitcher) and len(names()) == len(before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_a_dialog_with_its_own_footer(snap_compare, make_app, size):
    # The delete confirm over the WBS: the dialog's keys on the last row, not the WBS's dimmed.
    # Update with: .venv/bin/python -m pytest tests/tui/test_dialog_footer.py --snapshot-update
    async def before(pilot):
        await settle(pilot)
        await pilot.press("home", "x")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=before)


def palette_commands(app) -> dict[str, str]:
    """The palette's commands for the keys of the dialog in front: words → keys · ids (Textual's
    own, without an id of ours, left out)."""
    return {c.title: c.help for c in app.get_system_commands(app.screen) if "." in (c.help or "").partition(" · ")[2]}


async def test_the_palette_over_a_dialog_words_its_keys_as_the_footer_does(make_app):
    # The palette over the task form offered "Confirm" for the Enter the footer calls "Save",
    # and a second "Save" for ^s: it now says what the footer says, keys of the same words together.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "home", "j", "e")
        assert shown(app) == [("⏎/^s", "Save"), ("tab", "Next field"), ("esc", "Cancel")]
        assert palette_commands(app) == {"Save": "⏎/^s · field.confirm field.save", "Next field": "tab · field.next",
                                         "Cancel": "esc · field.cancel"}
        await press(pilot, "escape", "2")
        app.screen.query_one(GanttChart).select_task(app.plan.by_wbs["3.2.4"].id)
        await press(pilot, "p")
        assert shown(app) == [("⏎", "Link"), ("esc", "Cancel")]
        assert palette_commands(app) == {"Link": "⏎ · field.confirm", "Cancel": "esc · field.cancel"}
        # and run from the palette, the command does what the footer's key does
        await press(pilot, "escape", "3", "c")
        assert shown(app) == [("⏎/^s", "Close it"), ("esc", "Leave it open")]
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Close it")
        await settle(pilot)
        assert "Close it" in screen_text(app) and "Confirm" not in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_palette_shows_its_own_keys_not_the_screen_s(make_app, size):
    # Under the palette the footer went on offering the keys of the screen (a Add, e Edit …) or
    # of the dialog beneath it, none of which reach it, and ^p, which does nothing there.
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for opened in (("ctrl+p",), ("home", "x", "ctrl+p")):  # over the WBS, over a dialog
            tasks = len(plan_of(app).tasks)
            await press(pilot, *opened)
            assert isinstance(app.screen, CommandPalette)
            assert shown(app) == [("↑/↓", "Move"), ("⏎", "Run"), ("esc", "Close")]
            assert not app.screen.query_one(Footer).query(".-command-palette")
            await nothing_happens(pilot, ("f1",), CommandPalette, lambda: len(plan_of(app).tasks))
            await press(pilot, "escape")
            assert not isinstance(app.screen, CommandPalette) and len(plan_of(app).tasks) == tasks
        await press(pilot, "escape")
        # the keys shown do what they say: ↓ and ↑ move through the commands, ⏎ runs the one chosen
        from textual.command import CommandList

        await press(pilot, "home", "j", "j")  # 1.2 Business case & budget approval
        name = plan_of(app).by_wbs["1.2"].name
        await press(pilot, "ctrl+p", "down")
        commands = app.screen.query_one(CommandList)
        first = commands.highlighted
        await press(pilot, "down")
        assert commands.highlighted == first + 1
        await press(pilot, "up")
        assert commands.highlighted == first
        await type_text(pilot, "indent")
        await settle(pilot)
        await press(pilot, "down")
        assert "Indent" in str(commands.get_option_at_index(commands.highlighted).prompt)
        await press(pilot, "enter")
        assert not isinstance(app.screen, CommandPalette)
        # Indent ran on 1.2: refused, 1.1 having people on it (the refusal is Indent's own)
        assert "1.1 Project charter & scope statement has resources assigned" in notes(app)
        assert plan_of(app).by_wbs["1.2"].name == name


@pytest.mark.parametrize("opened", [
    ("home", "x"), ("home", "j", "e"), ("2", "p"), ("o",), ("4", "g", "y"), ("3", "c"), ("3", "w"), ("question_mark",),
], ids=["confirm", "task form", "link", "projects", "person notes", "risk close", "risk why", "help"])
async def test_a_dialog_names_its_keys_once_in_its_footer(make_app, opened):
    # A line of keys inside the dialog said again, in other words, what its footer said: "y  yes
    # n  no" over "y/⏎ Yes  n/esc No", "enter save · esc cancel · tab next field" over "⏎/^s Save
    # tab Next field esc Cancel", "esc closes" on a frame over "esc/q/w Close". Two texts for the
    # same keys, which went on disagreeing (^s, q and w were in one of them only).
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if opened[0] == "2":
            await press(pilot, "2")
            app.screen.query_one(GanttChart).select_task(app.plan.by_wbs["3.2.4"].id)
            opened = opened[1:]
        await press(pilot, *opened)
        assert app.screen.is_modal
        footer = app.screen.query_one(Footer)
        above = "\n".join(screen_text(app).splitlines()[:footer.region.y]).lower()
        for said in ("esc ", "escape ", "enter ", "y  yes", "esc closes", " · n new"):
            assert said not in above, (said, above)
        assert shown(app)  # the keys are in its footer
