"""The help screen (`?`, F1): the keys of the screen in front, in words, in groups."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from pmtui.app import known_binding_ids
from pmtui.help_keys import EVERYWHERE, HERE, SCROLLING, TYPING
from pmtui.screens.dialogs import HelpScreen

from .conftest import press, screen_text, settle, type_keys

# the keys that show a screen, or open a bar on it, and what has the focus then
PLACES = {
    "WBS": ("1",), "Gantt": ("2",), "Risks": ("3",), "Stand-up": ("4",), "Status": ("5",),
    "WBS search bar": ("1", "slash"), "stand-up bar": ("4", "g", "r"),
}


async def open_help(pilot, keys) -> HelpScreen:
    await press(pilot, *keys)
    typing = keys[-1] in ("slash", "r")
    await press(pilot, "f1" if typing else "question_mark")  # ? is typed into a bar
    assert isinstance(pilot.app.screen, HelpScreen), keys
    return pilot.app.screen


def groups(help_screen: HelpScreen) -> dict[str, list[tuple[str, str, str]]]:
    rows, headings = help_screen.rows, help_screen.rows.headings
    starts = sorted(headings) + [len(rows)]
    return {headings[a]: rows[a:b] for a, b in zip(starts, starts[1:])}


@pytest.mark.parametrize("place", list(PLACES))
async def test_help_lists_keys_in_words_never_textuals_action_names(make_app, place):
    # Help listed "^pgup  Page Left  page_left" on the status screen, and 30 rows of the search
    # field's keys, such as "shift+^←  Move cursor left a word and select  cursor_left_word(True)".
    app = make_app()
    ours = known_binding_ids() | {"app.command_palette"}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = await open_help(pilot, PLACES[place])
        for keys, desc, bid in shown.rows:
            assert keys and desc, (place, keys, desc, bid)
            assert bid == "" or bid in ours, f"{place}: {keys} {desc} has no id of pmtui's: {bid!r}"
            assert not re.search(r"_|\w\(", desc), f"{place}: {desc!r}"  # not cursor_left(True)
        descs = [d for _k, d, _b in shown.rows]
        assert len(descs) == len(set(descs)), f"{place}: a row twice in {descs}"
        assert "Page Left" not in descs and "Move cursor left and select" not in descs, place
        # every row under a heading, the app's keys last
        assert 0 in shown.rows.headings and list(groups(shown))[-1] == EVERYWHERE, place
        assert list(groups(shown))[0] in screen_text(app), place  # the first heading, drawn


async def test_help_groups_the_keys_of_a_field_and_of_a_scrolling_view(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        by_group = groups(await open_help(pilot, ("5",)))
        assert ("↑ ↓", "Scroll up / down", "") in by_group[SCROLLING]
        assert ("pgup pgdn", "Page up / down", "") in by_group[SCROLLING]
        assert ("s", "Save a status snapshot", "status.snapshot") in by_group[HERE]
        assert ("q ^q", "Quit", "app.quit") in by_group[EVERYWHERE]  # ctrl+q is Textual's, in q's row
        await press(pilot, "escape")
        by_group = groups(await open_help(pilot, ("1", "slash")))
        typing = {desc: keys for keys, desc, _b in by_group[TYPING]}
        assert typing["Move in the text"] == "← →" and typing["Delete a character"].startswith("⌫ del")
        assert SCROLLING not in by_group  # a one-line field has nothing to scroll
        # "/" is typed into the search, not a key of the screen while typing
        assert "wbs.search" not in [b for _k, _d, b in by_group.get(HERE, [])]
        await press(pilot, "escape")
        await press(pilot, "escape")
        # no other pane to go to: tab is not offered
        by_group = groups(await open_help(pilot, ("1",)))
        assert "Next / previous pane" not in [d for _k, d, _b in by_group[EVERYWHERE]]


def test_every_long_description_is_of_a_binding():
    # an id renamed would leave its words behind without a word
    from pmtui.help_keys import LONG

    assert set(LONG) <= known_binding_ids(), sorted(set(LONG) - known_binding_ids())


async def test_help_and_palette_say_in_full_what_a_short_footer_word_means(make_app):
    # The footer's words were cut to fit 80 columns ("n Next", "y Notes", "t Kind", "c Close"),
    # and help and the palette showed the same words: "Next" what? "Close" the screen?
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for keys, key, short, full in [
            (("4",), "n", "Next", "Next person"),
            (("4", "g"), "y", "Notes", "Notes: yesterday, today, blockers"),  # offered once g starts it
            (("3",), "t", "Kind", "Threats or opportunities"),
            (("3",), "c", "Close", "Close the risk, or reopen it"),
        ]:
            await press(pilot, *keys)
            footer = screen_text(app).splitlines()[-1]
            assert f" {key} {short} " in footer  # the footer keeps its short word
            titles = {c.title: c.help for c in app.get_system_commands(app.screen)}
            assert titles.get(full, "").startswith(f"{key} · "), (full, sorted(titles))
            shown = await open_help(pilot, keys)
            assert (key, full) in [(k, d) for k, d, _b in shown.rows], full
            assert full in " ".join(screen_text(app).split())
            await press(pilot, "escape")
        # and typed in the palette, the full words find it
        await press(pilot, "4", "ctrl+p")
        await type_keys(pilot, *"person")
        await settle(pilot)
        assert "Next person" in screen_text(app)


@pytest.mark.parametrize("place", list(PLACES))
async def test_every_row_of_help_is_one_line_at_80_columns(make_app, place):
    # The words' column was 28 wide: a longer one ran into its id ("Collapse, or go to the
    # summary wbs.collapse"); and a row too long for the dialog wraps onto a second line.
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = await open_help(pilot, PLACES[place])
        body = shown.query_one(VerticalScroll).query_one(Static)
        lines = str(body.render()).splitlines()
        for line in lines[:len(shown.rows) + len(shown.rows.headings) * 2]:  # the legend after them wraps
            assert cell_len(line.rstrip()) <= body.size.width, f"{place}: wraps in {body.size.width}: {line!r}"
        columns = set()  # where the ids start: one column, none run into the words before them
        for keys, desc, bid in shown.rows:
            line = next(x for x in lines if x.startswith(keys + " ") and f" {desc} " in x + " ")
            if bid:
                assert line.endswith(f" {bid}"), (place, line)
                columns.add(len(line) - len(bid))
        assert len(columns) == 1, f"{place}: ids start at columns {sorted(columns)}"


async def test_a_bars_help_starts_with_confirm_and_cancel(make_app):
    # Enter and Esc were listed among the field's editing keys, Esc last of eleven.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in (("1", "slash"), ("4", "g", "r")):
            typing = groups(await open_help(pilot, keys))[TYPING]
            assert [b for _k, _d, b in typing[:2]] == ["bar.confirm", "bar.cancel"], typing
            assert typing[0][0] == "⏎" and typing[1][0] == "esc"
            await press(pilot, "escape")
            await press(pilot, "escape")


async def test_j_and_k_scroll_help_as_they_move_in_every_list(make_app):
    # j and k move the cursor on the WBS, the Gantt and the stand-up, and did nothing in help: a
    # PM who typed ? then j j j to read on got no scrolling, and every key typed behind the first
    # j was dropped as typed behind a key that did nothing (Escape and 2 with them).
    from tests.tui.conftest import notes
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        burst(app, "question_mark", "j", "j", "j", "k")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("DialogScroll")
        assert scroll.max_scroll_y > 3 and scroll.scroll_y == 2
        burst(app, "escape", "2")
        await settle(pilot)
        assert app.current_mode == "gantt" and "Not run" not in notes(app)


async def test_keys_typed_at_once_scroll_help_as_far_as_typed_one_by_one(make_app):
    # Textual's scrolls wait for the next refresh and count from where the view is until then:
    # down down down typed at once scrolled one line, and two pgdn one page.
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        scroll = app.screen.query_one("DialogScroll")
        burst(app, "down", "down", "down")
        await settle(pilot)
        assert scroll.scroll_y == 3
        burst(app, "pagedown", "pagedown")
        await settle(pilot)
        assert scroll.scroll_y == min(scroll.max_scroll_y, 3 + 2 * scroll.scrollable_content_region.height)
        burst(app, "up", "up")
        await settle(pilot)
        assert scroll.scroll_y == min(scroll.max_scroll_y, 3 + 2 * scroll.scrollable_content_region.height) - 2


async def test_j_and_k_move_in_a_pick_list(make_app):
    from pmtui.screens.dialogs import ChoiceList, PickScreen
    from tests.tui.conftest import notes
    from tests.tui.test_wbs import burst

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "j", "R", "j", "j", "j", "k")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        assert app.screen.query_one(ChoiceList).highlighted == 2 and "Not run" not in notes(app)
