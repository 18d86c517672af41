"""The status screen's "why the finish moved" (5, then w) in the planner, as SVG snapshots: the
changes of a week, their effects and what they explain, at 80x24 and 120x40.
Update with: .venv/bin/python -m pytest tests/tui/test_finish_why_snapshot.py --snapshot-update"""

from __future__ import annotations

import sqlite3
import time

import pytest

from .conftest import settle


@pytest.fixture
def utc(monkeypatch):
    """Changes are dated in local time: the snapshot's in UTC, wherever it runs."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def week(demo_store, db_path):
    """The demo plan, then a week of changes: 5.6 lengthened by 3 days (the finish +3d), a risk,
    5.8 by 1 (+1d), 5.6 back by 2 (-2d); each dated as made in the week of 16 Nov 2026, after
    the plan (and its baseline) of 9 Nov."""
    from pmtui.services import risks, tasks
    from pmtui.services.projects import current_project

    pid = current_project(demo_store).id
    tasks.edit_task(demo_store, pid, "5.6", duration=23)
    risks.add_risk(demo_store, pid, "Hypercare staff on leave", probability=2, impact=3)
    tasks.edit_task(demo_store, pid, "5.8", duration=4)
    tasks.edit_task(demo_store, pid, "5.6", duration=21)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE journal SET at = '2026-11-09 08:00:00' WHERE id = 1")
    conn.execute("UPDATE baseline SET saved_at = '2026-11-09 07:59:59'")
    for entry, at in ((2, "2026-11-16 09:30:00"), (3, "2026-11-17 11:00:00"), (4, "2026-11-18 15:45:00"),
                      (5, "2026-11-20 10:10:00")):
        conn.execute("UPDATE journal SET at = ? WHERE id = ?", (at, entry))
    conn.commit()
    conn.close()
    return demo_store


async def _open(pilot) -> None:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    await pilot.press("w")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_why_the_finish_moved(snap_compare, make_app, week, utc, size):
    assert snap_compare(make_app(week), terminal_size=size, run_before=_open)
