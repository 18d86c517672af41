"""Escape and the key typed right behind it, read by the terminal driver at once (one SSH packet,
tmux passing on "Escape 2"), are two keys: Textual reads them as one Alt key, or as a character
of the Mac's Option row (pmtui.widgets.escape_keys). The bytes go through Textual's own parser,
as its Linux driver feeds them, and on to the app as the driver posts them."""

from __future__ import annotations

import string
import time

from textual import constants
from textual._xterm_parser import XTermParser

from pmtui.screens.dialogs import HelpScreen, TaskForm
from pmtui.widgets.escape_keys import alt_key, option_key

from .conftest import notes, press, settle
from .test_wbs import goto, plan_of

SIZE = (120, 40)


def parse(*reads: str) -> list[list]:
    """The events Textual's parser makes of each read, as its Linux driver takes them: those of
    the read, then those ``tick`` gives once ESCDELAY has passed after an unfinished sequence."""
    parsers = [(XTermParser(), data) for data in reads]
    events = [list(p.feed(data)) for p, data in parsers]
    time.sleep(constants.ESCAPE_DELAY * 1.5)
    for (p, _data), got in zip(parsers, events):
        got.extend(p.tick())
    return events


def parsed(*reads: str) -> list[list[tuple[str, str | None]]]:
    """What Textual's parser makes of each read, (key, character)."""
    return [[(k.key, k.character) for k in got] for got in parse(*reads)]


def as_handled(keys) -> list[tuple[str, str | None]]:
    """The keys the app handles for one key parsed from an Escape and a key read at once, away
    from a text field."""
    from textual import events

    (key, character), = keys
    event = events.Key(key, character)
    typed = alt_key(event) or option_key(event)
    return [("escape", "\x1b"), typed] if typed else [(key, character)]


def test_what_textual_makes_of_escape_and_a_key_read_at_once():
    # Read from textual/_xterm_parser.py (8.2): an Escape followed in the same read by a key with
    # no sequence of its own becomes that key with alt (a letter or digit), a character of
    # Textual's table for the Mac's Option row (a digit, - and =), or the key alone.
    got = dict(zip(["\x1bj", "\x1bJ", "\x1b2", "\x1b3", "\x1b?", "\x1b\x1b[A", "\x1b\x1bOB", "\x1b[A"],
                   parsed("\x1bj", "\x1bJ", "\x1b2", "\x1b3", "\x1b?", "\x1b\x1b[A", "\x1b\x1bOB", "\x1b[A")))
    assert got["\x1bj"] == [("alt+j", "j")]
    assert got["\x1bJ"] == [("alt+shift+j", "J")]
    assert got["\x1b2"] == [("trade_mark_sign", "™")]
    assert got["\x1b3"] == [("pound_sign", "£")]  # as "£" typed on a British keyboard
    assert got["\x1b?"] == [("question_mark", "?")]  # the Escape gone without a trace
    # An Escape and an arrow read at once are the two keys already (the arrow's sequence has an
    # ESC of its own)
    assert got["\x1b\x1b[A"] == [("escape", "\x1b"), ("up", None)]
    assert got["\x1b\x1bOB"] == [("escape", "\x1b"), ("down", None)]
    assert got["\x1b[A"] == [("up", None)]


def test_every_letter_and_digit_read_behind_an_escape_is_the_escape_and_the_key_again():
    chars = [c for c in string.printable if c.isprintable()] + ["\t", "\r", "\x7f"]
    behind = parsed(*("\x1b" + c for c in chars))
    alone = parsed(*chars)
    lost = []
    for c, keys, own in zip(chars, behind, alone):
        if as_handled(keys) == [("escape", "\x1b"), *own]:
            continue
        lost.append(c)
        assert as_handled(keys) == keys  # left as Textual gave it
    # The keys whose Escape cannot be told from the bytes of another key: ESC b and ESC f are
    # ctrl+left and ctrl+right (the Gantt's page keys), ESC Tab shift+tab, ESC Backspace ctrl+w,
    # and a space, Enter or a punctuation mark but - and = arrive alone. Listed, so that a
    # Textual that reads them otherwise is noticed.
    assert "".join(lost) == "bf!\"#$%&'()*+,./:;<>?@[\\]^_`{|}~ \t\r\x7f"
    assert not any(c.isdigit() for c in lost) and "-" not in lost and "=" not in lost


def send_bytes(app, data: str) -> None:
    """``data`` read from the terminal in one read: parsed by Textual's parser and posted to the
    app as its Linux driver does (process_message)."""
    for event in parse(data)[0]:
        app._driver.process_message(event)


async def test_escape_and_a_digit_read_at_once_close_help_and_switch_screens(make_app):
    # tmux passed "Escape 2" on as ESC 2 in one write: Textual read it as ™, help stayed open and
    # the ™ did nothing (and said so).
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        send_bytes(app, "\x1b2")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen) and app.current_mode == "gantt"
        assert "Not run" not in notes(app)


async def test_escape_and_a_letter_read_at_once_cancel_the_form_and_run_the_letter(make_app):
    # ESC j arrived as alt+j: the task form typed the j into its field and stayed open
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        name = plan_of(app).by_wbs["1.2"].name
        await press(pilot, "e")
        assert isinstance(app.screen, TaskForm)
        send_bytes(app, "\x1bjj")
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)
        assert plan_of(app).by_wbs["1.2"].name == name  # cancelled, nothing typed into it
        assert plan_of(app).by_id[app.selected_task_id].wbs == "1.4"  # both j's moved on


async def test_escape_and_an_arrow_read_at_once_close_help_and_move_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        await press(pilot, "question_mark")
        send_bytes(app, "\x1b\x1b[B")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        assert plan_of(app).by_id[app.selected_task_id].wbs == "1.3"


async def test_a_pound_sign_typed_into_a_field_stays_a_pound_sign(make_app):
    # "£" on a British keyboard reaches the app as the same key as ESC 3 read at once: a field
    # that takes it as text keeps it (the form is not cancelled, nor the risks shown)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "1.2")
        await press(pilot, "e")
        field = app.focused
        field.value = ""
        send_bytes(app, "£5k licence")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm) and app.focused is field
        assert field.value == "£5k licence"
        send_bytes(app, "\x1b3")  # in a field, ESC 3 is £ too: the two cannot be told apart
        await settle(pilot)
        assert isinstance(app.screen, TaskForm) and field.value == "£5k licence£"
