"""The status date an MS Project file imports with: its <StatusDate>, else, when it has progress,
its <CurrentDate> (MS Project's date for progress when no status date is set), else none."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from pmtui.interchange import read_file
from tests.foundation.helpers import cli

DATA = Path("/work/shared/data/mspdi")
P2016 = DATA / "p2016_assignments_progress.xml"


def _status(db_path) -> str | None:
    return json.loads(cli(db_path, "project", "show", "--json").stdout)["status_date"]


def test_a_file_with_progress_and_no_status_date_reports_as_of_its_current_date(db_path):
    """MS Project 2016's progress file (tasks 25 % and 50 % done, planned 4 to 15 January 2016,
    <CurrentDate> 11 March 2016, no <StatusDate>) imported with no status date, so its figures
    counted from the wall clock's today: 'progress 3 --done' made Task 3 2,850 days long,
    finishing the day before today (2026-12-04)."""
    r = cli(db_path, "import", str(P2016))
    assert r.exit_code == 0, r.stderr
    assert ("status date 2016-03-11 from the file's current date (it has progress and no status date); "
            "work not done by then is scheduled from it on: finish 2016-03-24, 2016-01-15 without a "
            "status date") in r.stdout
    assert _status(db_path) == "2016-03-11"
    r = cli(db_path, "progress", "3", "--done")
    assert r.exit_code == 0, r.stderr
    assert "actual finish none → 2016-03-10" in r.stdout  # the working day before the status date
    tasks = {t["wbs"]: t for t in json.loads(cli(db_path, "task", "list", "--json").stdout)}
    assert tasks["3"]["finish"] == "2016-03-10"
    assert tasks["3"]["start"] == "2016-01-04"


def test_the_2003_progress_file_takes_its_current_date_too():
    imp = read_file(DATA / "p2003_timephased_progress.xml")
    assert imp.data.status_date == date(2011, 2, 12)
    assert imp.status_line() == ("status date 2011-02-12 from the file's current date "
                                 "(it has progress and no status date)")


def test_a_files_own_status_date_is_kept(db_path, tmp_path):
    text = P2016.read_text(encoding="utf-8")
    assert "<StatusDate>" not in text
    path = tmp_path / "with_status.xml"
    path.write_text(text.replace("</CurrentDate>", "</CurrentDate>\n\t<StatusDate>2016-01-08T17:00:00</StatusDate>", 1),
                    encoding="utf-8")
    imp = read_file(path)
    assert imp.data.status_date == date(2016, 1, 8)
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 0, r.stderr
    assert "status date 2016-01-08 from the file's status date\n" in r.stdout
    assert "current date" not in r.stdout
    assert _status(db_path) == "2016-01-08"


@pytest.mark.parametrize("name", ["p2003_sample_plan.xml", "p2007_all_link_types.xml", "p2019_links_lags.xml"])
def test_a_file_without_progress_gets_no_status_date(db_path, name):
    """MS Project's files without progress have a <CurrentDate> (the day they were saved) but
    need no status date: they import without one, as before."""
    assert read_file(DATA / name).data.status_date is None
    r = cli(db_path, "import", str(DATA / name))
    assert r.exit_code == 0, r.stderr
    assert "status date" not in r.stdout
    assert _status(db_path) is None


def test_a_current_date_without_progress_is_not_taken(tmp_path):
    text = P2016.read_text(encoding="utf-8")
    for pc in ("25", "50"):
        text = text.replace(f"<PercentComplete>{pc}</PercentComplete>", "<PercentComplete>0</PercentComplete>")
    text = re.sub(r"<ActualStart>[^<]*</ActualStart>", "", text)
    path = tmp_path / "no_progress.xml"
    path.write_text(text, encoding="utf-8")
    imp = read_file(path)
    assert not any(t.percent_complete or t.actual_start for t in imp.data.tasks)
    assert imp.data.status_date is None and imp.status_line() == ""


def _with_current_date(tmp_path, value: str):
    text = P2016.read_text(encoding="utf-8").replace("<CurrentDate>2016-03-11T08:00:00</CurrentDate>",
                                                     f"<CurrentDate>{value}</CurrentDate>")
    assert value in text
    path = tmp_path / "current.xml"
    path.write_text(text, encoding="utf-8")
    return read_file(path)


def test_a_bad_current_date_is_left_out(tmp_path):
    imp = _with_current_date(tmp_path, "2016-02-30T08:00:00")
    assert imp.data.status_date is None and imp.status_line() == ""


def test_a_current_date_before_the_start_is_not_taken(tmp_path):
    imp = _with_current_date(tmp_path, "2015-12-01T08:00:00")
    assert imp.data.status_date is None
    assert "the file's current date 2015-12-01 is before the project start 2016-01-04: no status date set" in imp.warnings


def test_where_the_status_date_came_from_is_a_field_not_a_phrase(db_path, monkeypatch):
    """The import told a status date taken from the file's current date by the words of its own
    message ('the file's current date' at its start): reworded, the finish it moves went unsaid.
    It is decided on StatusFrom now, whatever the words."""
    from pmtui.interchange.base import STATUS_WORDS, StatusFrom

    assert read_file(P2016).status_from is StatusFrom.CURRENT_DATE
    assert read_file(DATA / "p2019_links_lags.xml").status_from is StatusFrom.NONE
    monkeypatch.setitem(STATUS_WORDS, StatusFrom.CURRENT_DATE, "MS Project's date of saving, as it has progress")
    r = cli(db_path, "import", str(P2016))
    assert r.exit_code == 0, r.stderr
    assert ("status date 2016-03-11 from MS Project's date of saving, as it has progress; work not done by "
            "then is scheduled from it on: finish 2016-03-24, 2016-01-15 without a status date") in r.stdout


def test_actual_dates_after_the_status_date_are_pointed_out(db_path, tmp_path):
    """`pmtui progress` refuses an actual date after the status date; a file brought one in
    without a word, and its work counted as done by a date before it began."""
    from tests.interchange.test_bad_input import HEAD, mspdi, task

    head = HEAD.replace("<StartDate>", "<StatusDate>2027-01-08T08:00:00</StatusDate><StartDate>")
    text = mspdi(task(1, "Design", extra="<ActualStart>2027-01-05T08:00:00</ActualStart><PercentComplete>50</PercentComplete>"),
                 task(2, "Build", extra="<ActualStart>2027-01-12T08:00:00</ActualStart><PercentComplete>20</PercentComplete>"))
    path = tmp_path / "late.xml"
    path.write_text(text.replace(HEAD, head), encoding="utf-8")
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 0, r.stderr
    assert ("warning: 1 task has actual dates after the status date 2027-01-08: task UID 2 'Build' (2027-01-12); "
            "check the file's status date") in r.stdout, r.stdout
    path.write_text(text.replace(HEAD, head).replace("2027-01-12", "2027-01-07"), encoding="utf-8")
    assert "actual dates after" not in cli(db_path, "import", str(path)).stdout
