"""The status screen's w: which changes moved the finish, and by how much (as `pmtui why finish`)."""

from __future__ import annotations

import asyncio
import functools
import sqlite3

from pmtui.screens.finish_why import FinishWhy
from pmtui.screens.status import StatusScreen
from tests.tracking.screen_app import demo_app
from tests.tui.conftest import press, screen_text, settle


def sync(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        asyncio.run(fn(*args, **kwargs))

    return wrapper


def dated(db_path: str):
    """The demo app (the plan, a status date and a snapshot, a status date, 5.6 lengthened to 23
    days and a snapshot, a status date, 5.6 to 27 days and a snapshot), its changes dated as made
    over the week of 16 Nov 2026."""
    app = demo_app(db_path)
    conn = sqlite3.connect(db_path)
    for entry, at in enumerate(("2026-11-16 08:00:00", "2026-11-16 08:04:00", "2026-11-16 08:05:00",
                                "2026-11-17 09:29:00", "2026-11-17 09:30:00", "2026-11-17 09:31:00",
                                "2026-11-19 14:14:00", "2026-11-19 14:15:00", "2026-11-19 14:16:00"), 1):
        conn.execute("UPDATE journal SET at = ? WHERE id = ?", (at, entry))
    conn.execute("UPDATE baseline SET saved_at = '2026-11-16 07:59:59'")  # in the plan's first change
    conn.commit()
    conn.close()
    return app


@sync
async def test_w_shows_the_changes_that_moved_the_finish_and_s_another_period(db_path):
    app = dated(str(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "w Why finish" in screen_text(app).splitlines()[-1]  # the footer offers it
        await press(pilot, "w")
        assert isinstance(app.screen, FinishWhy)
        text = screen_text(app)
        assert "Why the finish moved, since the project was created" in text
        # 5.6 went 20 → 23 → 27 days: the finish 15 Feb → 18 Feb → 24 Feb
        assert "+3d  15 Feb 2027 → 18 Feb 2027  Tue 17 Nov" in text
        assert "Edit task: 5.6 duration: 20 → 23" in text
        assert "+4d  18 Feb 2027 → 24 Feb 2027  Thu 19 Nov" in text
        assert "Snapshot" not in text.split("Why the finish moved")[1].split("Each effect")[0]  # moved nothing
        await press(pilot, "s")  # the last week: nothing in it
        assert "since Mon 30 Nov" in screen_text(app) or "No changes in this period" in screen_text(app)
        for _ in range(2):  # a month, then the baseline saved at kick-off
            await press(pilot, "s")
        text = screen_text(app)
        assert "since baseline 'Approved plan'" in text
        assert "Finish 15 Feb 2027 → 24 Feb 2027  (+7d, working days)" in text
        assert "Of the +7d: +7d by 2 plan changes." in text
        await press(pilot, "escape")
        assert isinstance(app.screen, StatusScreen)


@sync
async def test_with_no_project_open_w_says_so(db_path):
    app = demo_app(str(db_path), history=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.project_id = None
        await press(pilot, "w")
        assert isinstance(app.screen, StatusScreen)
        assert any("No project open" in n.message for n in app._notifications)

