"""Fixtures for the app: a demo plan with a frozen "today", and helpers to drive the app."""

from __future__ import annotations

import asyncio
import inspect
import time
from datetime import date

import pytest
from textual.worker import WorkerCancelled

from tests.conftest import copy_demo

TODAY = date(2026, 11, 23)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


@pytest.fixture
def demo_store(store, built_db):
    copy_demo(built_db, store, TODAY)  # as create_demo(store, today=TODAY) makes it
    return store


@pytest.fixture
def make_app(demo_store):
    from pmtui.app import PmtuiApp

    def make(store=None, **kw):
        return PmtuiApp(store or demo_store, None, today=TODAY, **kw)

    return make


def _pending(app, edits: bool = True) -> str | None:
    """What the app has yet to do for the keys and edits given so far, or None. Without
    ``edits``, running workers, edits and keys held for them are not counted."""
    if app._exit or not app.is_running:
        return None  # closing: nothing more will be handled, nor drawn
    if edits and any(w.is_running for w in app.workers):
        return "a worker"
    if edits and getattr(app, "busy", 0):
        return "an edit"  # its worker has ended, but its plan is still a message on the way
    if edits and (getattr(app, "_held", None) is not None or getattr(app, "_in_flight", None) is not None):
        return "held keys"  # released by a dialog's mount, a callback chain or a timer
    for node in (app, *app._registry):
        if node._message_queue.qsize() or node._next_callbacks:
            return f"messages for {node!r}"
    screen = app.screen
    if (screen._layout_required or screen._scroll_required or screen._repaint_required
            or screen._recompose_required or screen._dirty_widgets or screen._callbacks):
        return "a refresh"  # done by the screen's update timer, not by a message
    return None


async def settle(pilot, timeout: float = 30.0) -> None:
    """Wait until the app has done everything the test asked of it: workers finished, their
    results handled, held keys handled, no message queued anywhere and the screen laid out.

    Pilot's pause alone is not that: it waits for the messages queued on the app and the
    current screen when it is called (not for a key forwarded to a widget after that, nor for
    a screen not yet shown), and its idle test compares CPU time with wall time, which a
    process starved of CPU by other work passes at once. So a check could run before a key
    had reached its binding, or before an edit had started (seen under load)."""
    await _until_quiet(pilot, timeout, edits=True)


async def handled(pilot, timeout: float = 30.0) -> None:
    """Wait until the keys and messages given so far have been handled while an edit is held
    open by the test (settle would wait for that edit): nothing queued, the screen laid out."""
    await _until_quiet(pilot, timeout, edits=False)


async def _until_quiet(pilot, timeout: float, *, edits: bool) -> None:
    """Pause until nothing is pending twice in a row (a handler may queue more work as it
    ends); ``edits``: wait for workers and edits too (settle), or not (handled)."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    quiet = 0
    while quiet < 2:
        await _step(pilot)
        what = _pending(app, edits=edits)
        if what is None:
            quiet += 1
            continue
        quiet = 0
        if time.monotonic() > deadline:
            raise AssertionError(f"the app did not {'settle' if edits else 'handle its keys'} in {timeout} s: "
                                 f"still waiting for {what}")
        if edits and any(w.is_running for w in app.workers):
            try:
                await app.workers.wait_for_complete()
            except WorkerCancelled:
                pass  # replaced by a newer one of its group (exclusive): waited for next round
        await asyncio.sleep(0.005)


async def _step(pilot) -> None:
    """One round of the app's work: Pilot's pause without its idle wait. That wait sleeps 20 ms
    at a time until a 20 ms passes in which the process used less than 1 ms of CPU (up to 1 s):
    at least 20 ms a call, the suite's TUI tests make thousands, and the wall clock spent asleep
    is lost to the run. What settle waits for is what _pending checks, so it is not needed."""
    # First the app alone, briefly: a key sent through the driver is posted by a callback of the
    # loop, and the messages _wait_for_screen posts to every widget would change the order in
    # which they fall idle (a refusal was scrolled into view before the layout its text asked for).
    await asyncio.sleep(0.002)
    await pilot._wait_for_screen()  # each widget of the screen has handled what it had queued
    await pilot.app.animator.wait_until_complete()  # a scroll by key is animated, as press waits
    # The layout and repaint are left to the screen's own update timer (_pending waits for them):
    # done from here, as Pilot's pause does, a callback after the refresh could run before a
    # second layout the first one asked for (a refusal scrolled into view a line short).


def pause_typing(app) -> None:
    """As if the typist paused before the next key (pmtui.widgets.held_keys.BURST_GAP): it is
    not typed in a burst with the keys before it, so a key refused before it does not drop it."""
    app._typed_at = float("-inf")


async def press(pilot, *keys: str) -> None:
    """Keys one at a time, each once the app has handled the one before, as a person who watches
    the screen presses them (``burst`` in test_wbs sends keys as a fast typist does)."""
    for key in keys:
        pause_typing(pilot.app)
        pilot.app.post_message(key_event(pilot.app, key))
        await settle(pilot)


def key_event(app, key: str):
    """The event Pilot's press sends for ``key`` (App._press_keys), posted here without the two
    idle waits press makes after each key: settle then waits for what the key set off."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    return event


async def type_text(pilot, text: str) -> None:
    """Type into the focused input. Pressing key by key costs ~80 ms a key under Pilot, so the
    text goes in at once (one Changed event); the tmux test types key by key for real."""
    from textual.widgets import Input

    focused = pilot.app.focused
    if isinstance(focused, Input):
        focused.insert_text_at_cursor(text)
        await handled(pilot)
    else:
        await type_keys(pilot, *[c if c != " " else "space" for c in text])


async def type_keys(pilot, *keys: str) -> None:
    """Keys one after another, each handled before the next, as Pilot's press sends them (without
    its idle waits, see _step), and with no pause between them: one burst of typing."""
    for key in keys:
        pilot.app.post_message(key_event(pilot.app, key))
        await handled(pilot)


def screen_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


@pytest.fixture(autouse=True)
def _notes_kept(monkeypatch):
    """Every notification an app raises is kept for raised() and notes(): the app's own list
    drops each once its timeout has passed (2 s for "Zoom is at day already", 3 to 5 s for most),
    and under load a test's check could come later than that."""
    from textual.notifications import Notifications

    add = Notifications.add

    def keep(self, notification):
        self.__dict__.setdefault("raised", []).append(notification)
        return add(self, notification)

    monkeypatch.setattr(Notifications, "add", keep)


def raised(app) -> list:
    """Every notification the app has raised, in order, expired or not (without _notes_kept, as
    in a folder whose conftest does not take it, those not expired yet)."""
    kept = app._notifications.__dict__.get("raised")
    return list(app._notifications) if kept is None else kept


def notes(app) -> str:
    """The text of every notification shown so far."""
    return "\n".join(n.message for n in raised(app))


async def until(pilot, done, timeout: float = 30.0) -> bool:
    """Wait until ``done()`` holds, for ``timeout`` seconds at most: of wall time, not a count of
    rounds, which a loaded machine takes longer to go through (300 of 10 ms were 3 s)."""
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            return False
        await pilot.pause(0.01)
    return True


def elsewhere(db_path, do) -> None:
    """``do(store)`` from a store of its own, as `pmtui …` in another terminal runs it: in a
    thread of its own too. Run on the app's thread, its commit was taken by the app's next check
    of the journal for one of its own edits (pmtui.services.actions.take_committed_version), and
    the change was never reloaded when that check came before the test's next key (under load)."""
    import threading

    from pmtui.store import open_store

    failed: list[BaseException] = []

    def run() -> None:
        try:
            other = open_store(str(db_path))
            try:
                do(other)
            finally:
                other.close()
        except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread
            failed.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if failed:
        raise failed[0]


def detail_rows_of_every_task(plan, detail):
    """Show each task of ``plan`` in the WBS detail and check that its rows fit the panel, keep a
    Why line, and keep the notes of a task that has them; (task, rows) of each, for further checks."""
    shown = []
    for t in plan.tasks:
        detail.show(plan, t.id)
        rows = detail.render().plain.splitlines()
        assert len(rows) <= detail.content_size.height, (t.wbs, rows)
        assert any(row.startswith("Why: ") for row in rows), (t.wbs, rows)
        if t.notes:
            assert any("Notes: " in row for row in rows), (t.wbs, rows)
        shown.append((t, rows))
    return shown
