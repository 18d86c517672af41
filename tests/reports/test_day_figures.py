"""Working days are written one way everywhere a report, `pmtui status`, `variance`, `schedule` and
the risk commands give them, the way the screens do: a duration or float as "3d", a variance as
"+2d". The report wrote "+5 d" in its summary and "+5d" in its RAG reason, one line apart."""

from __future__ import annotations

import re
from html import escape
from datetime import date, datetime, timezone

import pytest

from pmtui.models.wording import days, signed_days
from pmtui.reports import render_report
from pmtui.reports.content import gather
from pmtui.services import snapshots, status
from pmtui.services.demo import create_demo
from pmtui.services.projects import current_project
from pmtui.services.tasks import edit_task, get_plan
from pmtui.store import open_store
from tests.foundation.helpers import cli

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 17, 0)
# a number and a lone "d" apart ("+5 d"), or a variance with its unit twice ("+5d working days")
SPACED = re.compile(r"[+-−]?\d+ d\b|\dd working day")


@pytest.fixture
def demo(store, monkeypatch, built_db):
    monkeypatch.setattr("pmtui.store.journal.utcnow", lambda: datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc))
    built_db(f"{__name__}.demo", _demo, store.path)  # built once per session, on that clock
    return current_project(store).id


def _demo(path):
    store = open_store(str(path))
    try:
        pid = create_demo(store, today=TODAY).id  # with its baseline 'Approved plan'
        snapshots.take_snapshot(store, pid)
        edit_task(store, pid, "5.6", duration=25)  # hypercare a week longer: the finish slips 5 days
    finally:
        store.close()


def test_the_two_forms():
    assert [days(n) for n in (0, 3, -2)] == ["0d", "3d", "-2d"]
    assert [signed_days(n) for n in (0, 5, -1)] == ["+0d", "+5d", "-1d"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_report_writes_each_day_figure_as_the_screens_do(store, demo, fmt):
    text = render_report(store, demo, fmt=fmt, since=date(2026, 11, 16), now=NOW)
    said = escape if fmt == "html" else str
    assert SPACED.findall(text) == []
    assert said("Forecast finish: 2027-02-22, +5d against baseline 'Approved plan' (2027-02-15)") in text
    assert "finish +5d vs baseline" in text  # the RAG reason, which always wrote it so
    assert "Project closed: 2027-02-15 → 2027-02-22 (+5d)" in text  # slipped since the snapshot
    # the trend's slip (one snapshot, before the slip): the Markdown table's cell, the chart's legend
    assert ("| +0d → +0d |" if fmt == "md" else "Finish slip (working days): +0d → +0d") in text
    st = status.project_status(store, demo)
    m = next(m for m in st.milestones if m.wbs == "5.9")
    cells = ["5.9", "Project closed", "2027-02-15", "2027-02-22", "+5d"]
    row = "| " + " | ".join(cells) + " |" if fmt == "md" else "".join(f"<td>{c}</td>" for c in cells)
    assert m.variance == 5 and row in text
    # the critical path's float and the days a resource is booked over carry the unit, as the
    # WBS's float column and `pmtui resource list` give them
    tf = st.critical[0][-1]
    assert (f"| {tf}d |" if fmt == "md" else f"<td>{tf}d</td>") in text
    over = gather(store, demo, since=date(2026, 11, 16), now=NOW).overbooked[0][4]
    assert re.search(rf"(\| |<td>){over}d( \||</td>)", text)


def test_status_and_variance_write_them_alike(store, demo, db_path):
    out = cli(db_path, "status").stdout
    assert "finish +5d vs baseline" in out and "(+5d vs baseline 2027-02-15)" in out
    out = cli(db_path, "variance").stdout
    # it read "(+5d working days)"
    assert "Project finish 2027-02-22 vs baseline 2027-02-15 (+5d);" in out and not SPACED.findall(out)
    out = cli(db_path, "status", "history").stdout
    assert re.search(r"2026-11-23 .* \+0d ", out)


def test_the_schedule_gives_float_in_days(store, demo, db_path):
    # the Float column was a bare number beside a duration of "5d"; the WBS shows "-2d"
    plan = get_plan(store, demo)
    floats = {t.wbs: plan.schedule.tasks[t.id].total_float for t in plan.tasks}
    out = cli(db_path, "schedule").stdout
    for line in out.splitlines()[1:]:
        wbs = line.split()[0] if line.split() else ""
        if wbs in floats:
            assert re.search(rf"\d{{4}}-\d\d-\d\d\s+{floats[wbs]}d(\s|$)", line), line
    assert any(v < 0 for v in floats.values()) and any(v > 0 for v in floats.values())
