"""A resource's week of their own, or the project's, through MS Project XML and JSON: a calendar
based on the project's with no WeekDays of its own follows the project's week (as MS Project and
MPXJ read it); one with its own WeekDays keeps them, even when they are the project's days. After
an import, the project's week changing carries those who follow it and leaves the others."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from pmtui.interchange import export_text, read_file
from pmtui.interchange.mspdi import PMTUI_MARK
from pmtui.models.parsing import parse_workdays
from pmtui.services import calendars
from pmtui.services.bulk import create_project_from, get_plan_data
from pmtui.services.leave import add_leave
from pmtui.services.projects import create_project
from pmtui.services.resource_calendar import set_week, weeks
from pmtui.services.resources import add_resource, assign
from pmtui.services.tasks import add_task, get_plan

MON_THU, MON_FRI = parse_workdays("mon-thu"), parse_workdays("mon-fri")


@pytest.fixture
def clinic(store):
    """A Mon-Thu project: Pat's week is their own, Mon-Thu too; Ben follows the project with a
    calendar for his leave; Kim follows it with none."""
    pid = create_project(store, "Clinic", date(2027, 1, 4), workdays=MON_THU).id
    add_task(store, pid, "Build", duration=5)
    add_task(store, pid, "Test", duration=5)
    for name in ("Pat", "Ben", "Kim"):
        add_resource(store, pid, name)
    assign(store, pid, "1", "Pat")
    assign(store, pid, "2", "Ben")
    set_week(store, pid, "Pat", MON_THU)
    add_leave(store, pid, "Ben", date(2027, 1, 27))
    return get_plan_data(store, pid)


def _calendars(xml: str) -> dict[str, str]:
    return {re.search(r"<Name>(.*?)</Name>", c).group(1): c
            for c in re.findall(r"<Calendar>.*?</Calendar>", xml, re.S)}


def _weeks(store, pid) -> dict[str, tuple[int, bool]]:
    return {w.name: (w.workdays, w.own) for w in weeks(get_plan(store, pid))}


@pytest.mark.parametrize("fmt, ext", [("mspdi", "xml"), ("json", "json")])
def test_own_and_followed_weeks_come_back_and_the_project_week_moves_only_followers(store, clinic, tmp_path,
                                                                                     fmt, ext):
    text, _ = export_text(clinic, fmt)
    path = tmp_path / f"clinic.{ext}"
    path.write_text(text, encoding="utf-8")
    imp = read_file(path)
    cals = {r.name: r.calendar for r in imp.data.resources}
    assert (cals["Pat"].workdays, cals["Pat"].own_week) == (MON_THU, True)
    assert cals["Ben"].own_week is False and cals["Ben"].exceptions == {date(2027, 1, 27): (False, "Leave")}
    assert cals["Kim"] is None
    pid = create_project_from(store, imp.data, name="Again").id
    assert _weeks(store, pid) == {"Pat": (MON_THU, True), "Ben": (MON_THU, False), "Kim": (MON_THU, False)}
    calendars.set_workdays(store, pid, MON_FRI)
    assert _weeks(store, pid) == {"Pat": (MON_THU, True), "Ben": (MON_FRI, False), "Kim": (MON_FRI, False)}
    data = get_plan_data(store, pid)
    sched = data.schedule()
    dates = {t.name: (sched.tasks[t.key].start, sched.tasks[t.key].finish) for t in data.tasks}
    # Build on Pat's Mon-Thu: 4-7 and Mon 11; Test on the project's Mon-Fri, Ben's leave later
    assert dates == {"Build": (date(2027, 1, 4), date(2027, 1, 11)), "Test": (date(2027, 1, 4), date(2027, 1, 8))}


def test_ms_project_xml_writes_weekdays_only_for_a_week_of_their_own(clinic):
    text, _ = export_text(clinic, "mspdi")
    cals = _calendars(text)
    pat, ben = cals["Pat"], cals["Ben (leave)"]
    assert "<BaseCalendarUID>1</BaseCalendarUID>" in pat and "<BaseCalendarUID>1</BaseCalendarUID>" in ben
    assert "<WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay>" in pat  # Friday off
    assert "<WeekDays>" not in ben and "<Exceptions>" in ben


def test_a_json_file_from_before_own_weeks_and_a_bad_flag(tmp_path, clinic):
    doc = json.loads(export_text(clinic, "json")[0])
    for r in doc["resources"]:
        if r["calendar"]:
            del r["calendar"]["own_week"]
    doc["resources"][0]["calendar"]["workdays"] = ["mon", "tue"]  # Ben's: not the project's days
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    data = read_file(path).data
    # as pmtui read them then: a week that differs from the project's is their own
    assert {r.name: r.calendar.own_week_of(data.calendar.workdays) for r in data.resources if r.calendar} == {
        "Ben": parse_workdays("mon,tue"), "Pat": None}
    doc["resources"][0]["calendar"]["own_week"] = "yes"
    path.write_text(json.dumps(doc), encoding="utf-8")
    from pmtui.interchange.base import ImportFailed

    with pytest.raises(ImportFailed, match=r"resources\[0\] calendar: own_week must be true or false, not '\"yes\"'"):
        read_file(path)


def test_mpxj_reads_the_followed_week_as_the_project_calendars(mpxj_reader, clinic, tmp_path):
    """MPXJ (MS Project's reading) finds Pat's week set day by day and Ben's left to the project
    calendar (DEFAULT): a Friday made working there is worked by Ben, not by Pat."""
    import jpype

    path = tmp_path / "clinic.xml"
    path.write_text(export_text(clinic, "mspdi")[0], encoding="utf-8")
    pf = mpxj_reader().read(str(path))
    days = list(jpype.JClass("java.time.DayOfWeek").values())
    cal = {str(r.getName()): r.getCalendar() for r in pf.getResources() if r.getName() is not None}
    assert [str(cal["Ben"].getCalendarDayType(d)) for d in days] == ["DEFAULT"] * 7
    assert [str(cal["Pat"].getCalendarDayType(d)) for d in days] == ["WORKING"] * 4 + ["NON_WORKING"] * 3
    project = pf.getDefaultCalendar()
    assert cal["Ben"].getParent() == project and cal["Pat"].getParent() == project
    friday = jpype.JClass("java.time.DayOfWeek").FRIDAY
    project.setWorkingDay(friday, True)
    assert bool(cal["Ben"].isWorkingDay(friday)) and not bool(cal["Pat"].isWorkingDay(friday))


def _as_before_the_mark(text: str) -> str:
    """An export as pmtui wrote it before resource calendars said whose week they keep: no mark
    after the declaration, and every resource calendar with its week written whole."""
    assert PMTUI_MARK in text
    project_week = re.search(r"<WeekDays>.*?</WeekDays>", text, re.S).group(0)
    text = text.replace(PMTUI_MARK + "\n", "")
    return re.sub(r"(<BaseCalendarUID>1</BaseCalendarUID>)(?!\n<WeekDays>)", lambda m: m.group(1) + "\n" + project_week,
                  text)


def _with_lee(clinic):
    """Lee's week of their own, Mon-Wed, is not the project's days."""
    from pmtui.services.bulk import CalendarData, ResourceData

    clinic.resources.append(ResourceData(key=99, name="Lee", calendar=CalendarData(
        name="Lee", workdays=parse_workdays("mon-wed"), own_week=True)))
    return clinic


def test_an_old_pmtui_export_takes_a_resource_week_of_the_project_days_for_the_project_week(store, clinic,
                                                                                           tmp_path):
    old = _as_before_the_mark(export_text(_with_lee(clinic), "mspdi")[0])
    assert "<WeekDays>" in _calendars(old)["Ben (leave)"]  # as the old export wrote it
    path = tmp_path / "old.xml"
    path.write_text(old, encoding="utf-8")
    imp = read_file(path)
    cals = {r.name: r.calendar for r in imp.data.resources}
    # Ben followed the project then, and does again; Pat's Mon-Thu of their own cannot be told
    # from the project's in such a file, and follows it too; Lee's Mon-Wed stays Lee's
    assert cals["Ben"].own_week is False and cals["Ben"].exceptions == {date(2027, 1, 27): (False, "Leave")}
    assert cals["Pat"] is None and cals["Kim"] is None
    assert (cals["Lee"].workdays, cals["Lee"].own_week) == (parse_workdays("mon-wed"), True)
    pid = create_project_from(store, imp.data, name="Again").id
    calendars.set_workdays(store, pid, MON_FRI)
    assert _weeks(store, pid) == {"Pat": (MON_FRI, False), "Ben": (MON_FRI, False), "Kim": (MON_FRI, False),
                                  "Lee": (parse_workdays("mon-wed"), True)}


def test_a_marked_export_or_one_with_other_project_fields_keeps_a_week_of_their_own(clinic, tmp_path):
    text = export_text(clinic, "mspdi")[0]
    old = _as_before_the_mark(text)
    # what the old export wrote, with one project field pmtui never wrote (as any other program's)
    other = old.replace("<Title>", "<CreationDate>2027-01-01T08:00:00</CreationDate><Title>", 1)
    # the mark alone says the file is a newer export: Ben's week written whole is his own then
    marked = old.replace("<Project ", PMTUI_MARK + "\n<Project ", 1)
    for name, body in (("other.xml", other), ("marked.xml", marked)):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        cals = {r.name: r.calendar for r in read_file(path).data.resources}
        assert (cals["Pat"].workdays, cals["Pat"].own_week) == (MON_THU, True), name
        assert (cals["Ben"].workdays, cals["Ben"].own_week) == (MON_THU, True), name


def test_no_ms_project_file_is_taken_for_an_old_pmtui_export():
    from pathlib import Path

    from pmtui.interchange.base import read_limited
    from pmtui.interchange.mspdi_reader import _fast_parse, _old_pmtui_export

    files = sorted(Path("/work/shared/data/mspdi").glob("*.xml"))
    if not files:
        pytest.skip("the shared MS Project files are not here")
    for path in files:
        raw = read_limited(path)
        assert not _old_pmtui_export(raw, _fast_parse(raw)), path.name
