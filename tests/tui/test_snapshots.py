"""SVG snapshots of the WBS screen on the demo plan (today frozen at 2026-11-23).
Update with: .venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update"""

from __future__ import annotations

import pytest

from .conftest import press, settle, type_text


async def _ready(pilot) -> None:
    await settle(pilot)
    await pilot.press("down", "down")
    await settle(pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_wbs_screen(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=_ready)


def test_wbs_light_theme_collapsed(snap_compare, make_app):
    async def before(pilot):
        await settle(pilot)
        await pilot.press("t", "minus", "end")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_wbs_detail_of_an_overbooked_task_with_notes(snap_compare, make_app, size):
    # 3.2.5: two people above their max (a line each at 80 columns), notes, and a why-chain
    async def before(pilot):
        await settle(pilot)
        await press(pilot, "g")
        await type_text(pilot, "3.2.5")
        await press(pilot, "enter")

    assert snap_compare(make_app(), terminal_size=size, run_before=before)
