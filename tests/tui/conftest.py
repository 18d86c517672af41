"""Fixtures for the app: a demo plan with a frozen "today", and helpers to drive the app."""

from __future__ import annotations

import asyncio
import inspect
from datetime import date

import pytest

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
def demo_store(store):
    from pmtui.services.demo import create_demo

    create_demo(store, today=TODAY)
    return store


@pytest.fixture
def make_app(demo_store):
    from pmtui.app import PmtuiApp

    def make(store=None, **kw):
        return PmtuiApp(store or demo_store, None, today=TODAY, **kw)

    return make


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up."""
    app = pilot.app
    await pilot.pause()
    # A worker's result arrives as a message after the worker ends, and the busy count drops only
    # when that message is handled: wait for both, or a check may see the plan before the edit.
    for _ in range(500):
        if not any(w.is_running for w in app.workers) and not getattr(app, "busy", 0):
            break
        await app.workers.wait_for_complete()
        await pilot.pause(0.01)
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot, text: str) -> None:
    """Type into the focused input. Pressing key by key costs ~80 ms a key under Pilot, so the
    text goes in at once (one Changed event); the tmux test types key by key for real."""
    from textual.widgets import Input

    focused = pilot.app.focused
    if isinstance(focused, Input):
        focused.insert_text_at_cursor(text)
        await pilot.pause()
    else:
        await pilot.press(*[c if c != " " else "space" for c in text])


def screen_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def notes(app) -> str:
    """The text of every notification shown so far."""
    return "\n".join(n.message for n in app._notifications)
