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
from tests.conftest import copy_demo
from tests.foundation.helpers import cli


@pytest.fixture
def demo(store, db_path, built_db):
    project = copy_demo(built_db, store, date(2026, 11, 23))  # create_demo(store, today=…), built once
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


def test_summary_rows_give_the_working_days_they_span(demo, mpxj_reader, tmp_path):
    # 'Initiation' runs from a Monday to the Tuesday a week on, 7 working days; the CSV said 6d,
    # a day short for every summary, where MS Project (reading the XML export) says 7
    data, rows, listed, _text = demo
    start, finish = (date.fromisoformat(d) for d in rows["1"][4:6])
    assert (start.weekday(), (finish - start).days, rows["1"][2]) == (0, 8, "7d")
    xml, _ = export_text(data, "mspdi")
    path = tmp_path / "plan.xml"
    path.write_text(xml, encoding="utf-8")
    theirs = {str(t.getOutlineNumber()): float(t.getDuration().getDuration())
              for t in mpxj_reader().read(str(path)).getTasks() if int(t.getUniqueID()) != 0}
    for t in data.tasks:
        assert rows[t.wbs][2] == f"{theirs[t.wbs]:g}d", t.wbs
