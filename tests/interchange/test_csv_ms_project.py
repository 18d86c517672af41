"""A CSV saved by MS Project ("Save As" > CSV) imports: its headers are MS Project's field names
("ID", "Name", "Duration", "Start", "Predecessors", "Resource Names", "Outline Level", "% Complete",
or with underscores as the export wizard's maps write them: "Start_Date", "Resource_Names"), its
durations have units ("5 days", "2 wks", "16 hrs"), its predecessors refer to rows by ID
("2FS+2 days"), its dates carry a weekday or a time ("Mon 1/4/27", "January 4, 2027 8:00 AM"),
and its outline is the Outline Level. Such a file was refused as having no 'WBS' column."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.interchange import read_file
from pmtui.interchange.base import ImportFailed
from tests.foundation.helpers import cli

EXPORT_TABLE = """ID,WBS,Name,Duration,Start,Finish,Predecessors,Resource Names,Outline Level,% Complete,Constraint Type,Constraint Date
1,1,Design,10.5 days,"January 4, 2027 8:00 AM","January 15, 2027 5:00 PM",,,1,30%,As Soon As Possible,NA
2,1.1,Specs,3 days,"January 4, 2027 8:00 AM","January 6, 2027 5:00 PM",,Ana,2,100%,As Soon As Possible,NA
3,1.2,Review,5 days?,"January 11, 2027 8:00 AM","January 15, 2027 5:00 PM",2FS+2 days,"Ana[50%],Bob",2,0%,As Soon As Possible,NA
4,2,Build,2 wks,"January 18, 2027 8:00 AM","January 29, 2027 5:00 PM",1,Bob,1,0%,As Soon As Possible,NA
5,3,Test,16 hrs,"January 25, 2027 8:00 AM","January 26, 2027 5:00 PM",4SS+1 wk,,1,0%,Start No Earlier Than,"January 25, 2027 8:00 AM"
6,,,,,,,,,,,
7,4,Go-live,0 days,"January 29, 2027 5:00 PM","January 29, 2027 5:00 PM","4FF,5",,1,0%,As Soon As Possible,NA
"""


def _read(tmp_path, text, name="ms.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_file(path)


def test_ms_projects_export_table_imports_with_its_outline_links_and_units(tmp_path):
    imp = _read(tmp_path, EXPORT_TABLE)
    data = imp.data
    data.number()
    by = {t.name: t for t in data.tasks}
    assert [(t.wbs, t.name) for t in data.tasks] == [
        ("1", "Design"), ("1.1", "Specs"), ("1.2", "Review"), ("2", "Build"), ("3", "Test"), ("4", "Go-live")]
    assert {n: by[n].duration for n in ("Specs", "Review", "Build", "Test", "Go-live")} == {
        "Specs": 3, "Review": 5, "Build": 10, "Test": 2, "Go-live": 0}
    assert (by["Specs"].percent_complete, by["Design"].percent_complete) == (100, 0)  # a summary's rolls up
    assert (by["Test"].constraint_type, by["Test"].constraint_date) == ("SNET", date(2027, 1, 25))
    names = {t.key: t.name for t in data.tasks}
    assert sorted((names[l.pred], names[l.succ], l.type, l.lag) for l in data.links) == [
        ("Build", "Go-live", "FF", 0), ("Build", "Test", "SS", 5), ("Design", "Build", "FS", 0),
        ("Specs", "Review", "FS", 2), ("Test", "Go-live", "FS", 0)]
    res = {r.key: r.name for r in data.resources}
    assert sorted((names[a.task], res[a.resource], a.units) for a in data.assignments) == [
        ("Build", "Bob", 1.0), ("Review", "Ana", 0.5), ("Review", "Bob", 1.0), ("Specs", "Ana", 1.0)]
    assert data.start == date(2027, 1, 4)
    assert imp.skipped == {"blank rows": 1}
    # the summary's 10.5 days is its tasks' span, not read, so not said to be rounded
    assert not imp.warnings and not imp.ignored
    s = data.schedule()
    # the dates MS Project saved: Review Monday 11 to Friday 15 (2 days after Specs), Build two
    # weeks from Monday 18, Test a week after Build starts, Go-live with Build's finish
    assert {t.name: (s.tasks[t.key].start, s.tasks[t.key].finish) for t in data.tasks} == {
        "Design": (date(2027, 1, 4), date(2027, 1, 15)), "Specs": (date(2027, 1, 4), date(2027, 1, 6)),
        "Review": (date(2027, 1, 11), date(2027, 1, 15)), "Build": (date(2027, 1, 18), date(2027, 1, 29)),
        "Test": (date(2027, 1, 25), date(2027, 1, 26)), "Go-live": (date(2027, 1, 29), date(2027, 1, 29))}


DEFAULT_MAP = """ID,Name,Duration,Start_Date,Finish_Date,Predecessors,Resource_Names
1,Design,3 days,Mon 1/4/27,Wed 1/6/27,,Ana
2,Build,5 days,Thu 1/7/27,Wed 1/13/27,1,Bob
3,Launch,0 days,Wed 1/13/27,Wed 1/13/27,2,
"""


def test_the_default_task_information_map_imports_as_a_list_and_says_why(db_path, tmp_path):
    """MS Project's "Default task information" map has no outline: a flat list, said so. Its
    "Mon 1/4/27" could be 4 January or 1 April; the weekday says which (1 April 2027 is a Thursday)."""
    imp = _read(tmp_path, DEFAULT_MAP)
    assert [(t.name, t.parent, t.duration) for t in imp.data.tasks] == [
        ("Design", None, 3), ("Build", None, 5), ("Launch", None, 0)]
    assert imp.data.start == date(2027, 1, 4)
    path = tmp_path / "ms.csv"
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 0, r.stderr
    assert "3 tasks, 2 links, 2 resources, 2 assignments" in r.stdout
    assert ("warning: the file has no Outline Level (nor WBS) column, so its rows are imported as one list with no "
            "summaries: a summary row of MS Project's is a task of its own here. In MS Project add Outline Level to "
            "the export map, or save as XML, and import that\n") in r.stdout


def test_a_day_first_weekday_date_reads_as_the_weekday_says(tmp_path):
    # day first (as in the UK): 04/01/27 and 07/01/27 could both be read either way
    imp = _read(tmp_path, "ID,Name,Duration,Start_Date\n1,A,3 days,Mon 04/01/27\n2,B,1 day,Thu 07/01/27\n")
    assert imp.data.start == date(2027, 1, 4)
    # without the weekdays nothing tells, and the file is refused as before
    with pytest.raises(ImportFailed, match="could be 4 January or 1 April"):
        _read(tmp_path, "ID,Name,Duration,Start_Date\n1,A,3 days,04/01/27\n2,B,1 day,07/01/27\n")


def test_fractions_and_elapsed_spans_are_rounded_and_said(tmp_path):
    imp = _read(tmp_path, "ID,Name,Duration,Predecessors,Outline Level\n1,A,1.5 days,,1\n2,B,3 edays,1FS+4 hrs,1\n")
    assert [t.duration for t in imp.data.tasks] == [2, 2]
    assert imp.data.links[0].lag == 1
    assert imp.warnings == ["durations and lags rounded to whole working days for 3: line 2 ('A') 1.5d→2d; "
                            "line 3 ('B') 2.143d→2d; line 3 ('B') lag 0.5d→1d"]
    assert imp.ignored == {"elapsed durations and lags (converted to working days)": 1}


@pytest.mark.parametrize("text, said", [
    ("ID,Name,Predecessors,Outline Level\n1,A,,1\n2,B,9,1\n", "ms.csv line 3: predecessor 9 is not an ID of this file"),
    ("ID,Name,Predecessors,Outline Level\n1,A,,1\n2,B,1FS+50%,1\n",
     "ms.csv line 3: predecessor '1FS+50%': its lag '+50%' is in percent of the predecessor's duration, which pmtui "
     "cannot read: give it in days (3FS+2 days)"),
    ("ID,Name,Duration,Outline Level\n1,A,5 Tage,1\n",
     "ms.csv line 2: duration '5 Tage' is not understood: use MS Project's form (5 days, 2 wks, 16 hrs, 1 mon) "
     "or pmtui's (5d, 2w)"),
    ("ID,Name,Outline Level\n1,A,1\n2,B,3\n",
     "ms.csv line 3: outline level 3 follows level 1: a level is missing (was a summary row left out of the export?)"),
    ("ID,Name,Outline Level\n1,A,1\n1,B,1\n", "ms.csv line 3: ID 1 appears twice"),
    ("ID,Name,Outline Level\nx,A,1\n", "ms.csv line 2: ID 'x' is not a whole number"),
    ("Name,Duration\nA,2 days\n", "ms.csv line 1: no 'WBS' column in the header (found: Name, Duration): pmtui's "
     "CSV has WBS; one saved by MS Project has ID, and Outline Level for the outline"),
])
def test_what_cannot_be_read_is_named(tmp_path, text, said):
    with pytest.raises(ImportFailed) as exc:
        _read(tmp_path, text)
    assert str(exc.value) == said


def test_the_project_summary_row_and_semicolons_of_a_european_ms_project(tmp_path):
    """MS Project where the decimal mark is a comma saves with semicolons, dates day first, and
    separates predecessors with a semicolon; a shown project summary task is ID 0, level 0."""
    text = ("ID;Name;Duration;Start;Predecessors;Outline Level;Resource Names\n0;Shop;6 days;Mon 04.01.27;;0;\n"
            "1;A;2 days;Mon 04.01.27;;1;Ana\n2;B;3 days;Mon 04.01.27;;1;Ana\n"
            '3;C;1 day;Fri 08.01.27;"1;2";1;"Ana[50%];Bob"\n')
    imp = _read(tmp_path, text)
    assert [t.name for t in imp.data.tasks] == ["A", "B", "C"]
    assert sorted((a.task, a.resource, a.units) for a in imp.data.assignments) == [
        (3, "Ana", 1.0), (4, "Ana", 1.0), (5, "Ana", 0.5), (5, "Bob", 1.0)]
    assert len(imp.data.links) == 2
    assert imp.skipped == {"project summary rows (ID 0)": 1}
    assert imp.data.start == date(2027, 1, 4)
