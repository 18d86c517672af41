"""SVG snapshots of the Gantt screen on the demo plan (today frozen at 2026-11-23) at each zoom,
at 80x24 and 120x40. Update with:
.venv/bin/python -m pytest tests/gantt/test_snapshots.py --snapshot-update"""

from __future__ import annotations

import pytest

from tests.tui.conftest import settle

# keys from the opening zoom (week) to each zoom; the cursor goes to 2.8, a late critical task
ZOOM_KEYS = {"day": ["plus"], "week": [], "month": ["minus"], "quarter": ["minus", "minus"],
             "year": ["minus", "minus", "minus"]}


@pytest.mark.parametrize("zoom", list(ZOOM_KEYS))
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_gantt_screen(snap_compare, make_app, size, zoom):
    async def before(pilot):
        await settle(pilot)
        app = pilot.app
        chart = app.screen.query_one("#gantt")
        chart.select_task(app.plan.by_wbs["2.8"].id)
        await pilot.press(*ZOOM_KEYS[zoom], "f")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=before)
