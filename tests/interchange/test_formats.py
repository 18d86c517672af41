"""iCalendar and Mermaid exports; recurrence expansion."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from icalendar import Calendar

from pmtui.interchange.ical import write_ics
from pmtui.interchange.mermaid import write_mermaid
from pmtui.interchange.recurrence import expand
from pmtui.services.bulk import get_plan_data
from tests.conftest import copy_demo


@pytest.fixture
def demo_data(store, built_db):
    project = copy_demo(built_db, store, date(2026, 11, 23))  # create_demo(store, today=…), built once
    data = get_plan_data(store, project.id)
    return data, data.schedule()


def test_ics_has_every_milestone_and_deadline(demo_data):
    data, sched = demo_data
    text, _ = write_ics(data, sched, now=datetime(2026, 11, 23, tzinfo=timezone.utc))
    cal = Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    summaries = data.summaries()
    milestones = [t for t in data.tasks if t.key not in summaries and t.duration == 0]
    deadlines = [t for t in data.tasks if t.deadline]
    assert milestones and deadlines
    assert len(events) == len(milestones) + len(deadlines)
    by_summary = {str(e["SUMMARY"]): e for e in events}
    for t in milestones:
        ev = by_summary[f"Milestone: {t.wbs} {t.name}"]
        assert ev.decoded("DTSTART") == sched.tasks[t.key].finish  # an all-day DATE
    for t in deadlines:
        assert by_summary[f"Deadline: {t.wbs} {t.name}"].decoded("DTSTART") == t.deadline
    assert len({str(e["UID"]) for e in events}) == len(events)
    # stable UIDs: a second export updates the same events
    again = Calendar.from_ical(write_ics(data, sched)[0])
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {str(e["UID"]) for e in events}


def test_mermaid_gantt(demo_data):
    data, sched = demo_data
    text, _ = write_mermaid(data, sched)
    lines = text.splitlines()
    assert lines[0] == "gantt" and "    dateFormat YYYY-MM-DD" in lines
    # one line: Mermaid keeps only the last `excludes`, and a second one for the holidays made
    # the weekends working days in the chart
    assert [l for l in lines if l.lstrip().startswith("excludes")] == ["    excludes weekends, 2026-12-25, 2027-01-01"]
    tops = [t for t in data.tasks if t.parent is None]
    assert sum(1 for l in lines if l.startswith("    section ")) == len(tops)
    leaves = [t for t in data.tasks if t.key not in data.summaries()]
    body = [l for l in lines if " :" in l]
    assert len(body) == len(leaves)
    assert all(":" not in l.split(" :", 1)[0] for l in body)  # no stray colons in names
    assert any(":milestone" in l for l in body) and any("crit" in l for l in body) and any("done" in l for l in body)
    first = next(t for t in leaves)
    ts = sched.tasks[first.key]
    assert any(l.strip().startswith(f"{first.wbs} ") and ts.start.isoformat() in l for l in body)


def test_mermaid_marks_a_worked_day_off_as_included(store):
    from pmtui.services import calendars
    from pmtui.services.projects import create_project
    from pmtui.services.tasks import add_task

    pid = create_project(store, "Cutover", date(2027, 3, 1)).id
    calendars.add_exception(store, pid, date(2027, 3, 3), "holiday")
    calendars.add_exception(store, pid, date(2027, 3, 6), "Cutover Saturday", working=True)
    add_task(store, pid, "Migrate", duration=5)
    data = get_plan_data(store, pid)
    lines = write_mermaid(data, data.schedule())[0].splitlines()
    assert "    excludes weekends, 2027-03-03" in lines and "    includes 2027-03-06" in lines
    assert "    1 Migrate :crit, t1, 2027-03-01, 2027-03-07" in lines  # Monday to the worked Saturday


def test_recurrence_rules():
    # every 2nd Tuesday of the month, 3 times, from Jan 2027 (MonthItem 5 = Tuesday, position 1 = second)
    assert expand(5, date(2027, 1, 1), date(2027, 12, 31), occurrences=3, period=1, month_item=5,
                  month_position=1) == [date(2027, 1, 12), date(2027, 2, 9), date(2027, 3, 9)]
    # last weekday of each month until March
    assert expand(5, date(2027, 1, 1), date(2027, 3, 31), occurrences=None, month_item=1,
                  month_position=4) == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 31)]
    # yearly on 25 December (Month 11 = December), twice
    assert expand(2, date(2027, 1, 1), date(2030, 1, 1), occurrences=2, month=11, month_day=25) == [
        date(2027, 12, 25), date(2028, 12, 25)]
    # weekly on Monday and Friday (2 | 32) every week, 4 occurrences
    assert expand(6, date(2027, 1, 6), date(2027, 12, 31), occurrences=4, days_of_week=34) == [
        date(2027, 1, 8), date(2027, 1, 11), date(2027, 1, 15), date(2027, 1, 18)]
    # a plain range
    assert len(expand(1, date(2027, 8, 2), date(2027, 8, 13), occurrences=1)) == 12


def test_ics_uids_follow_the_task_when_its_wbs_code_changes(project, db_path, tmp_path):
    """A task added above a milestone gives it another WBS code: its event kept the old code's
    UID, so a calendar app that had the last export kept the old event beside the new one."""
    from tests.foundation.helpers import cli

    def run(*args):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stderr)

    def events(path) -> dict[tuple[str, str], str]:
        cal = Calendar.from_ical(path.read_text(encoding="utf-8"))
        out = {}
        for e in cal.walk("VEVENT"):
            kind, wbs, name = str(e["SUMMARY"]).split(" ", 2)
            out[kind, name] = (wbs, str(e["UID"]))
        return out

    run("task", "add", "Build", "--duration", "5d")
    run("task", "add", "Go-live", "--duration", "0", "--after", "1", "--deadline", "2027-03-31")
    run("export", str(tmp_path / "a.ics"))
    run("task", "add", "Design", "--duration", "3d")
    run("task", "move", "3", "up")
    run("task", "move", "2", "up")
    run("export", str(tmp_path / "b.ics"))
    a, b = events(tmp_path / "a.ics"), events(tmp_path / "b.ics")
    assert set(a) == set(b) == {("Milestone:", "Go-live"), ("Deadline:", "Go-live")}
    for key in a:
        assert (a[key][0], b[key][0]) == ("2", "3")  # the code changed
        assert a[key][1] == b[key][1]  # the event did not
