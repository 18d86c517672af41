"""The footer: every key it shows is whole, the most used first and `?` last at any width, and
it is rebuilt only when the keys it shows change (Textual's rebuilds it on every binding update:
each modal closed, each focus change)."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from pmtui.screens.dialogs import HelpScreen, PickScreen
from pmtui.widgets.footer import Footer, footer_entries

from .conftest import press, screen_text, settle, type_text

SIZE = (120, 40)


def plan_of(app):
    from pmtui.services.tasks import get_plan

    return get_plan(app.store, app.project_id)


def footer_keys(app) -> list:
    return list(app.screen.query_one(Footer).query(FooterKey))


async def test_footer_keeps_its_keys_until_they_change(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "down", "down")
        before = footer_keys(app)
        assert any(k.description == "Progress" for k in before)
        await press(pilot, "R")  # a dialog: the resources to assign
        assert isinstance(app.screen, PickScreen)
        await press(pilot, "escape")
        await press(pilot, "down")
        assert footer_keys(app) == before  # the same widgets: not rebuilt
        # Typing a search shows the input's keys instead: rebuilt.
        await press(pilot, "slash")
        during = footer_keys(app)
        assert during and during != before
        assert [k.description for k in during] != [k.description for k in before]
        await press(pilot, "escape")
        after = footer_keys(app)
        assert [k.description for k in after] == [k.description for k in before]


# -- every key shown whole, the most used first, `?` last ---------------------------------------

SCREENS = {"1": "WbsScreen", "2": "GanttScreen", "3": "RiskScreen", "4": "StandupScreen", "5": "StatusScreen"}


def footer_line(app) -> tuple[Footer, str]:
    """The footer on show (a dialog's own; the command palette's is the one of the screen under
    it) and its line of text."""
    owner = next(s for s in reversed(app.screen_stack) if s.query(Footer))
    footer = owner.query_one(Footer)
    return footer, screen_text(app).splitlines()[footer.region.y]


def assert_footer_whole(app, where: str) -> list[FooterKey]:
    """Each key of the footer is drawn whole, left of the palette's key; the help key is last,
    but in a dialog, where help does not work (the app's keys do not reach a modal screen)."""
    footer, line = footer_line(app)
    keys = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
    palette = [k for k in footer.query(FooterKey) if k.has_class("-command-palette")]
    limit = palette[0].region.x if palette else footer.region.right
    assert keys, where
    for key in keys:
        drawn = line[key.region.x:key.region.right]
        assert key.region.right <= limit and drawn == f" {key.key_display} {key.description} ", \
            f"{where}: {drawn!r} is cut in {line!r}"
    if footer.screen.is_modal:
        assert all(k.action != "help" for k in keys), f"{where}: {line!r} offers help"
        return keys
    # `?` (F1 while typing: `?` is typed into the field then)
    typing = isinstance(footer.screen.focused, Input)
    assert keys[-1].action == "help" and keys[-1].key_display == ("f1" if typing else "?"), \
        f"{where}: {line!r} does not end with the help key"
    return keys


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_screen_shows_whole_keys_and_help_last(make_app, size):
    # At 80 columns the Gantt's footer ended in "p Ad" and the stand-up's in "d Do"; at 120 the
    # risk screen's Undo was under the palette's key and the stand-up's Finish was cut.
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for digit, name in SCREENS.items():
            await press(pilot, digit)
            assert type(app.screen).__name__ == name
            keys = assert_footer_whole(app, name)
            # the most used first: what shows is the start of the screen's order, less what did not fit
            order = [e.action for e in footer_entries(app.screen)]
            shown = [k.action for k in keys]
            assert shown == [a for a in order if a in shown], name
            if size == (120, 40):
                assert len(keys) >= 5, name


async def test_a_key_left_out_makes_room_for_the_next_that_fits(make_app):
    # The Gantt at 80 columns: "d Driving path" and "p Add predecessor" do not fit, Quit after
    # them does.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        shown = [k.description for k in assert_footer_whole(app, "Gantt")]
        assert shown == ["Today", "Status date", "Zoom", "Search", "Undo", "Quit", "Help"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_dialogs_and_inputs_leave_the_footer_whole(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        steps = [  # the keys that open it, what is in front then, the key that closes it
            (("1", "o"), "ProjectSwitcher", "escape"),
            (("1", "home", "j", "e"), "TaskForm", "escape"),
            (("1", "question_mark"), "HelpScreen", "escape"),
            (("1", "ctrl+p"), "Palette", "escape"),  # pmtui.screens.palette
            (("1", "home", "j", "R"), "PickScreen", "escape"),
            (("1", "home", "x"), "ConfirmScreen", "n"),  # delete a summary and its tasks?
            (("1", "slash"), "WbsScreen", "escape"),  # the search bar
            (("2", "p"), "LinkPrompt", "escape"),
            (("3", "n"), "RiskForm", "escape"),
            (("4", "g", "r"), "StandupScreen", "escape"),  # the answer bar
            (("4", "g", "y"), "PersonNotes", "escape"),
        ]
        for keys, front, close in steps:
            await press(pilot, *keys)
            assert type(app.screen).__name__ == front, keys
            assert_footer_whole(app, f"{keys} on {front}")
            await press(pilot, close)


async def test_a_resize_shows_the_keys_that_fit_the_new_width(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert "Add predecessor" in [k.description for k in assert_footer_whole(app, "120")]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "Add predecessor" not in [k.description for k in assert_footer_whole(app, "80")]
        await pilot.resize_terminal(40, 10)
        await settle(pilot)
        assert_footer_whole(app, "40")  # room for ? Help before the palette
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "Add predecessor" in [k.description for k in assert_footer_whole(app, "back to 120")]


async def test_the_help_key_shows_when_nothing_else_fits(make_app):
    app = make_app()
    async with app.run_test(size=(16, 8)) as pilot:
        await settle(pilot)
        keys = assert_footer_whole(app, "16 columns")
        assert [k.description for k in keys] == ["Help"]


# -- the keys shown work there, the keys left out are in help -------------------------------------

async def test_keys_shown_have_an_action_and_keys_left_out_are_in_help(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for digit, name in SCREENS.items():
            await press(pilot, digit)
            screen = app.screen
            by_action = {b.binding.action: b for b in screen.active_bindings.values()}
            for key in assert_footer_whole(app, name):
                active = by_action[key.action]
                method = key.action.rpartition(".")[2].partition("(")[0]
                assert callable(getattr(active.node, f"action_{method}", None)), f"{name}: {key.key} {key.action}"
                assert active.enabled, f"{name}: {key.key} is shown but disabled"
            # pmtui's keys (Textual's have no id: help words them or leaves them out, test_help)
            ids = {b.binding.id for b in screen.active_bindings.values() if b.binding.id}
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen), name
            in_help = {bid for _keys, _desc, bid in app.screen.rows}
            assert ids <= in_help, f"{name}: not in help: {sorted(ids - in_help)}"
            await press(pilot, "escape")


def test_every_footer_order_names_keys_its_screen_shows():
    # An id renamed or a key hidden would drop out of the order without a word.
    from pmtui.app import SCREEN_LIST, PmtuiApp

    app_ids = {b.id for b in PmtuiApp.BINDINGS if b.show}
    for _digit, _mode, _title, ref in SCREEN_LIST:
        cls = ref.load()
        shown = {b.id for b in cls.BINDINGS if b.show} | app_ids
        order = cls.FOOTER_ORDER
        assert len(set(order)) == len(order), cls.__name__
        assert set(order) <= shown, f"{cls.__name__}: {sorted(set(order) - shown)}"
        # and every key it shows has its place: none is left to the binding order by mistake
        assert shown - set(order) <= {"app.help", "gantt.help"}, f"{cls.__name__}: {sorted(shown - set(order))}"


async def test_keys_a_field_types_are_not_offered_while_typing_in_it(make_app):
    # The search bar showed "/ Search" in the footer while a / typed went into the search text
    # (Textual leaves out the keys a field types, but missed /, + and -).
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        search = app.screen.query_one("#inline")
        assert app.focused is search
        keys = assert_footer_whole(app, "typing a search")
        assert [k.description for k in keys] == ["Confirm", "Cancel", "Undo", "Help"]
        await press(pilot, "a", "slash")
        assert search.value == "a/"
        await press(pilot, "escape")
        assert "Search" in [k.description for k in assert_footer_whole(app, "search closed")]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_a_bar_shows_how_to_confirm_and_cancel(make_app, size):
    # Typing in the WBS's bar or the stand-up's, the footer showed "^z Undo  f1 Help" only:
    # nothing said that Enter takes the answer and Esc closes the bar.
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for keys, name in [(("1", "a"), "new task"), (("1", "slash"), "search"), (("4", "g", "r"), "days left")]:
            await press(pilot, *keys)
            shown = [(k.key_display, k.description) for k in assert_footer_whole(app, name)]
            assert shown[:2] == [("⏎", "Confirm"), ("esc", "Cancel")], f"{name}: {shown}"
            # and they do what they say: Esc closes the bar, nothing changed
            tasks = len(plan_of(app).tasks)
            await press(pilot, "escape")
            assert not isinstance(app.focused, Input), name
            assert len(plan_of(app).tasks) == tasks
            assert "Confirm" not in [k.description for k in assert_footer_whole(app, f"{name} closed")]
        await press(pilot, "1", "a")
        await type_text(pilot, "Cut-over rehearsal")
        await press(pilot, "enter")
        assert any(t.name == "Cut-over rehearsal" for t in plan_of(app).tasks)
