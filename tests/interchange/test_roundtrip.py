"""Export -> import gives an equal plan, in every format that can be read back; the CLI's
import modes (new project, --into with undo, --dry-run)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from pmtui.interchange import export_text, read_file
from pmtui.services.bulk import check, create_project_from, get_plan_data, replace_project_contents
from pmtui.services.demo import create_demo
from pmtui.services.projects import list_projects
from tests.conftest import copy_demo, file_digest
from tests.foundation.helpers import cli, dump

from .helpers import canon, diff

ESTIMATES = ("optimistic", "most_likely", "pessimistic", "actual_cost")


@pytest.fixture
def demo(store, built_db):
    project = copy_demo(built_db, store, date(2026, 11, 23))  # create_demo(store, today=…), built once
    return project, get_plan_data(store, project.id)


def _roundtrip(data, fmt, ext, tmp_path):
    text, notes = export_text(data, fmt)
    path = tmp_path / f"plan.{ext}"
    path.write_text(text, encoding="utf-8")
    return read_file(path), notes


def test_demo_through_mspdi(demo, tmp_path):
    _p, data = demo
    imp, notes = _roundtrip(data, "mspdi", "xml", tmp_path)
    assert diff(canon(data, skip=ESTIMATES), canon(imp.data, skip=ESTIMATES)) == []
    assert notes == ["not written to MS Project XML: 9 three-point estimates (use the JSON format to keep them)"]
    assert not imp.warnings and not imp.ignored


def test_demo_through_json_is_exact(demo, tmp_path):
    _p, data = demo
    imp, notes = _roundtrip(data, "json", "json", tmp_path)
    assert notes == [] and diff(canon(data), canon(imp.data)) == []
    # remaining is kept as stored (None vs 0), not only by effect
    assert [t.remaining for t in data.tasks] == [t.remaining for t in imp.data.tasks]
    doc = json.loads((tmp_path / "plan.json").read_text())
    assert doc["format"] == "pmtui" and doc["version"] == 1 and len(doc["tasks"]) == 64


def test_demo_through_csv(demo, tmp_path):
    _p, data = demo
    imp, notes = _roundtrip(data, "csv", "csv", tmp_path)
    assert notes and "not written to CSV" in notes[0]
    a = canon(data, skip=(*ESTIMATES, "resources", "calendar"), schedule=False)
    b = canon(imp.data, skip=(*ESTIMATES, "resources", "calendar"), schedule=False)
    for side in (a, b):
        side.pop("project")
        for t in side["tasks"].values():
            t["progress"] = t["progress"][0]  # CSV keeps percent complete, not actual dates
            t.pop("fixed_cost")
    assert diff(a, b) == []
    # a second trip through CSV gives the same file (the calendar stays the default one)
    text2, _ = export_text(imp.data, "csv")
    (tmp_path / "again.csv").write_text(text2)
    text3, _ = export_text(read_file(tmp_path / "again.csv").data, "csv")
    assert text3 == text2


def test_json_keeps_unknown_sections_and_refuses_newer_versions(demo, tmp_path):
    _p, data = demo
    text, _ = export_text(data, "json")
    doc = json.loads(text)
    doc["timesheets"] = [{"person": "Alice", "hours": 6}, {"person": "Bob", "hours": 7}]
    (tmp_path / "a.json").write_text(json.dumps(doc))
    imp = read_file(tmp_path / "a.json")
    assert imp.ignored_line() == "ignored: 2 timesheets (not imported by this version)"
    doc["version"] = 2
    (tmp_path / "b.json").write_text(json.dumps(doc))
    with pytest.raises(Exception, match="b.json: written by a newer pmtui"):
        read_file(tmp_path / "b.json")


def test_store_roundtrip_and_replace_with_undo(store, demo, tmp_path, db_path):
    project, data = demo
    created = create_project_from(store, data)
    assert created.name == "CRM migration (2)"
    again = get_plan_data(store, created.id)
    assert diff(canon(data), canon(again)) == []
    # the bulk writer hands plain values to the driver: they must be stored in the very form
    # SQLAlchemy gave the demo's rows (dates as ISO text, flags as 0/1, rates as REAL)
    cols = ("name, duration, constraint_type, constraint_date, deadline, percent_complete, actual_start, "
            "actual_finish, remaining, fixed_cost, typeof(fixed_cost), typeof(actual_start)")
    with store.writer.connect() as conn:
        raw = [conn.exec_driver_sql(f"SELECT {cols} FROM task WHERE project_id = ? ORDER BY id", (pid,)).all()
               for pid in (project.id, created.id)]
        cal = [conn.exec_driver_sql("SELECT day, working, name, typeof(day), typeof(working) FROM calendar_exception "
                                    "WHERE calendar_id = (SELECT calendar_id FROM project WHERE id = ?) ORDER BY day",
                                    (pid,)).all() for pid in (project.id, created.id)]
    assert sorted(raw[0]) == sorted(raw[1]) and any(r[6] for r in raw[0])
    assert cal[0] == cal[1] and cal[0]
    # replace the copy's contents with a small file, then undo
    small = read_file("/work/shared/data/mspdi/p2010_links_lags_constraints.xml").data
    before = dump(store)
    replace_project_contents(store, created.id, small)
    assert len(get_plan_data(store, created.id).tasks) == 16
    r = cli(db_path, "-p", created.name, "undo")
    assert r.exit_code == 0, r.stderr
    assert dump(store) == before


def test_cli_import_new_into_and_dry_run(store, project, db_path, tmp_path):
    src = "/work/shared/data/mspdi/p2003_sample_plan.xml"
    digest = file_digest(db_path)
    r = cli(db_path, "import", src, "--dry-run")
    assert r.exit_code == 0 and "dry run" in r.stdout
    assert file_digest(db_path) == digest
    r = cli(db_path, "import", src)
    assert r.exit_code == 0, r.stderr
    assert "as project 'sample'" in r.stdout
    assert r.stdout.strip().splitlines()[-1].startswith("ignored: ")
    r = cli(db_path, "import", src)
    assert "'sample (2)'" in r.stdout
    r = cli(db_path, "import", src, "--name", "Chosen")
    assert "'Chosen'" in r.stdout
    names = {p.name: n for p, n, _cur in list_projects(store)}
    assert names["sample"] == names["Chosen"] == 19
    before = dump(store)
    r = cli(db_path, "import", "/work/shared/data/mspdi/p2007_all_link_types.xml", "--into", "Test project")
    assert r.exit_code == 0, r.stderr
    assert {p.name: n for p, n, _c in list_projects(store)}["Test project"] == 5
    assert cli(db_path, "-p", "Test project", "undo").exit_code == 0
    assert dump(store) == before


def test_cli_export_every_format(store, db_path, tmp_path):
    create_demo(store, today=date(2026, 11, 23))
    for ext in ("xml", "csv", "json", "ics", "mmd"):
        out = tmp_path / f"demo.{ext}"
        r = cli(db_path, "export", str(out))
        assert r.exit_code == 0, r.stderr
        assert out.stat().st_size > 500
    r = cli(db_path, "export", "-", "--format", "mermaid")
    assert r.stdout.startswith("gantt\n")
    r = cli(db_path, "export", str(tmp_path / "x.pdf"))
    assert r.exit_code == 2 and "give --format" in r.stderr


def test_check_schedules_like_the_store(demo):
    _p, data = demo
    assert check(data).finish == data.schedule().finish


def test_milestone_clock_times_in_mspdi(db_path, tmp_path):
    # Monday 4 Jan 2027: "Kick-off" (1 day) then "Ready" (a milestone after it) is dated Monday
    # too, at the end of the day (17:00), where its successor starts the next morning; "Start" (a
    # milestone with nothing before it) sits at the project start, 08:00; "Gate" is placed by a
    # Must Start On Wednesday 6 Jan at that day's start. Both milestones on Monday have day index 0,
    # so the exporter wrote 08:00 for "Ready", which MS Project reads as before its predecessor's end.
    for args in (("project", "new", "Times", "--start", "2027-01-04"),
                 ("task", "add", "Kick-off", "--duration", "1d"),
                 ("task", "add", "Ready", "--duration", "0", "--after", "1"),
                 ("task", "add", "Start", "--duration", "0"),
                 ("task", "add", "Gate", "--duration", "0"),
                 ("task", "edit", "4", "--constraint", "MSO", "--constraint-date", "2027-01-06")):
        assert cli(db_path, *args).exit_code == 0, args
    out = tmp_path / "t.xml"
    assert cli(db_path, "export", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    starts = dict(re.findall(r"<Name>([^<]*)</Name>.*?<Start>([^<]*)</Start>", text))
    assert starts["Ready"] == "2027-01-04T17:00:00"
    assert starts["Start"] == "2027-01-04T08:00:00"
    assert starts["Gate"] == "2027-01-06T08:00:00"
    assert starts["Kick-off"] == "2027-01-04T08:00:00"


def test_a_task_done_in_fewer_days_than_planned_exports_the_days_it_took(db_path, tmp_path):
    """Build, planned at 10 days, done on Monday 4 and Tuesday 5 January: the MSPDI export wrote
    Duration and ActualDuration 10 days between an ActualStart and ActualFinish two days apart, so
    MS Project (whose Duration is the Actual Duration once a task is done) read a task that
    contradicts itself, and importing the file back gave a 10-day task on two days."""
    for args in (("project", "new", "Shop", "--start", "2027-01-04"),
                 ("task", "add", "Build", "--duration", "10d"),
                 ("task", "add", "Launch", "--duration", "0", "--after", "1"),
                 ("project", "status-date", "2027-01-06"),
                 ("progress", "1", "--done")):
        assert cli(db_path, *args).exit_code == 0, args
    out = tmp_path / "shop.xml"
    assert cli(db_path, "export", str(out)).exit_code == 0
    build = re.search(r"<Name>Build</Name>.*?</Task>", out.read_text()).group(0)
    assert "<ActualStart>2027-01-04T08:00:00</ActualStart><ActualFinish>2027-01-05T17:00:00</ActualFinish>" in build
    assert "<Duration>PT16H0M0S</Duration>" in build
    assert "<ActualDuration>PT16H0M0S</ActualDuration><RemainingDuration>PT0H0M0S</RemainingDuration>" in build
    back = read_file(out).data
    assert [(t.name, t.duration, t.actual_start, t.actual_finish) for t in back.tasks][0] == (
        "Build", 2, date(2027, 1, 4), date(2027, 1, 5))
    # Launch follows Build's end (boundary 2, the end of Tuesday 5 = the start of Wednesday 6),
    # not its ten planned days; not reached by the status date, Wednesday 6, it is dated that day
    launch = back.schedule().tasks[back.tasks[1].key]
    assert (launch.es, launch.finish, launch.driven_by) == (2, date(2027, 1, 6), "link")


def test_the_import_message_counts_the_resource_calendars(db_path):
    """MS Project's 2003 progress file gives Resource Two a day off and a worked Saturday and
    Resource Five a day off: all three were imported, but the message said '0 calendar
    exceptions' and nothing more, as if the people's leave had been dropped."""
    src = "/work/shared/data/mspdi/p2003_timephased_progress.xml"
    r = cli(db_path, "import", src, "--dry-run")
    assert "20 assignments, 0 calendar exceptions, 2 resource calendars (3 exceptions) (dry run" in r.stdout
    r = cli(db_path, "import", src)
    assert "20 assignments, 0 calendar exceptions, 2 resource calendars (3 exceptions).\n" in r.stdout
    assert "0 calendar exceptions, 2 resource calendars (3 exceptions)" in cli(db_path, "history").stdout
    r = cli(db_path, "import", "/work/shared/data/mspdi/p2007_all_link_types.xml")
    assert "0 assignments, 0 calendar exceptions.\n" in r.stdout


def test_an_ics_export_counts_its_events(store, db_path, tmp_path):
    """MS Project's 2003 progress file has no milestone and no deadline: 'export plan.ics' said
    '(ics: 20 tasks, 0 links)' and wrote a calendar with no event in it, without a word."""
    r = cli(db_path, "import", "/work/shared/data/mspdi/p2003_timephased_progress.xml")
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "plan.ics"
    r = cli(db_path, "export", str(out))
    assert r.exit_code == 0 and "BEGIN:VEVENT" not in out.read_text()
    assert "(ics: 0 events)" in r.stdout
    assert "note: the plan has no milestones or deadlines, so the calendar has no events" in r.stdout
    create_demo(store, today=date(2026, 11, 23))
    r = cli(db_path, "export", str(out))
    events = out.read_text().count("BEGIN:VEVENT")
    assert events > 5 and f"(ics: {events} events: milestones and deadlines)" in r.stdout and "note:" not in r.stdout


def test_a_summary_is_exported_with_the_working_days_it_spans(db_path, tmp_path):
    """Phase runs Design (3 days, Monday 4 to Wednesday 6 January) then Build (2 days, to Friday
    8): five working days, as the WBS says (5d), but the MSPDI export wrote the summary's
    Duration as 4 days (PT32H), one short of its Start and Finish, for every summary (MS Project's
    2003 sample, edited: First Task 99 days over 100). A phase holding only a milestone stays 0."""
    for args in (("project", "new", "Shop", "--start", "2027-01-04"),
                 ("task", "add", "Phase", "--duration", "1d"),
                 ("task", "add", "Design", "--under", "1", "--duration", "3d"),
                 ("task", "add", "Build", "--under", "1", "--duration", "2d", "--after", "1.1"),
                 ("task", "add", "Gates", "--duration", "1d"),
                 ("task", "add", "Go", "--under", "2", "--duration", "0", "--after", "1")):
        assert cli(db_path, *args).exit_code == 0, args
    out = tmp_path / "shop.xml"
    assert cli(db_path, "export", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    phase = re.search(r"<Name>Phase</Name>.*?</Task>", text).group(0)
    assert "<Start>2027-01-04T08:00:00</Start><Finish>2027-01-08T17:00:00</Finish>" in phase
    assert "<Duration>PT40H0M0S</Duration>" in phase
    gates = re.search(r"<Name>Gates</Name>.*?</Task>", text).group(0)
    assert "<Duration>PT0H0M0S</Duration>" in gates


def test_an_ics_export_of_one_event_says_one_event(db_path, tmp_path):
    # "(ics: 1 events: milestones and deadlines)"
    for args in (("project", "new", "Go-live", "--start", "2027-01-04"), ("task", "add", "Launch", "-d", "0")):
        assert cli(db_path, *args).exit_code == 0
    r = cli(db_path, "export", str(tmp_path / "plan.ics"))
    assert r.exit_code == 0 and "(ics: 1 event: milestones and deadlines)" in r.stdout, r.stdout
