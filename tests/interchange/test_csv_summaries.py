"""A CSV export's summary rows say what the app says of the summary: its progress rolled up from
the tasks under it, and the working days it spans."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from pmtui.interchange import export_text, read_file
from pmtui.services.bulk import get_plan_data
from pmtui.services.demo import create_demo
from tests.foundation.helpers import cli


@pytest.fixture
def demo(store, db_path):
    project = create_demo(store, today=date(2026, 11, 23))
    data = get_plan_data(store, project.id)
    text, _ = export_text(data, "csv")
    rows = {r[0]: r for r in csv.reader(io.StringIO(text.lstrip("\ufeff")))}
    listed = json.loads(cli(db_path, "task", "list", "--json").stdout)
    return data, rows, {t["wbs"]: t for t in listed}, text


def test_summary_rows_carry_the_rolled_up_percent_the_app_shows(demo, tmp_path):
    # 'Initiation', all of it done, read '0%' in the spreadsheet: the summary's own stored
    # figure, which the app never shows
    data, rows, listed, text = demo
    summaries = [t for t in data.tasks if t.key in data.summaries()]
    assert rows["1"][7] == "100%" and rows["2"][7] == "95%"
    for t in summaries:
        assert rows[t.wbs][7] == f"{listed[t.wbs]['percent_complete']:.0f}%", t.wbs
    # read back, the figure is the summary's tasks' again, not a stored one of its own
    path = tmp_path / "plan.csv"
    path.write_text(text, encoding="utf-8")
    back = read_file(path).data
    assert all(t.percent_complete == 0 for t in back.tasks if t.key in back.summaries())
