"""A person's leave from the CLI (pmtui resource leave add | list | rm): recorded on their own
calendar as the demo records it, refused as `calendar holiday` refuses a date, undone as any
edit; the work of the tasks the person is on is scheduled around it, and work a constraint
holds on it is shown beside it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pmtui.services.projects import find_project
from pmtui.services.tasks import get_plan
from pmtui.store import open_store
from tests.conftest import copy_demo_file, file_digest
from tests.foundation.helpers import cli


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


@pytest.fixture
def team(db_path, built_db):
    """Start Monday 2027-02-01, Monday to Friday, a holiday on Wednesday 2027-02-17.
    Build (1) 2027-02-01 to 2027-02-12, Ana at 100 %; Test (2) after it, 2027-02-15 to 2027-02-19
    (four working days and the holiday), Ana at 50 %; Ben has no task."""
    return built_db(f"{__name__}.team", _team, db_path)


def _team(db_path):
    for args in [("project", "new", "Team", "--start", "2027-02-01"),
                 ("calendar", "holiday", "add", "2027-02-17", "Carnival"),
                 ("task", "add", "Build", "--duration", "10d"),
                 ("task", "add", "Test", "--duration", "4d", "--after", "1"),
                 ("resource", "add", "Ana Lopez"), ("resource", "add", "Ben"),
                 ("assign", "1", "Ana Lopez"), ("assign", "2", "Ana Lopez", "--units", "50%")]:
        ok(db_path, *args)


def _listed(db, *args):
    return json.loads(ok(db, "resource", "leave", "list", *args, "--json").stdout)


def _dates(db):
    return {t["wbs"]: (t["start"], t["finish"]) for t in json.loads(ok(db, "task", "list", "--json").stdout)}


def test_leave_is_recorded_on_working_days_and_the_work_goes_around_it(team):
    r = ok(team, "resource", "leave", "add", "ana lopez", "2027-02-11", "2027-02-19", "--note", "Ski trip")
    # Thu 11 to Fri 19 Feb: the weekend and the holiday are off anyway. Build's last two days
    # go to Mon 22 and Tue 23 (the holiday is in her leave, so it costs nothing more); Test follows
    assert r.stdout.splitlines() == [
        "Leave recorded for Ana Lopez: 2027-02-11 to 2027-02-19 (6 working days), Ski trip.",
        "Scheduled around it: 1 finishes 2027-02-23 (was 2027-02-12), 2 finishes 2027-03-01 (was 2027-02-19); "
        "the project finishes 2027-03-01 (was 2027-02-19)."]
    assert _dates(team) == {"1": ("2027-02-01", "2027-02-23"), "2": ("2027-02-24", "2027-03-01")}
    assert _listed(team) == [{"resource": "Ana Lopez", "first": "2027-02-11", "last": "2027-02-19", "days": 6,
                              "note": "Ski trip", "booked": []}]
    why = ok(team, "why", "1").stdout
    assert ("1 Build finishes 2027-02-23, not 2027-02-12: its work waits while Ana Lopez is on leave 6 working "
            "days from 2027-02-11 to 2027-02-19") in " ".join(why.split())
    ok(team, "undo")
    assert _dates(team) == {"1": ("2027-02-01", "2027-02-12"), "2": ("2027-02-15", "2027-02-19")}
    ok(team, "redo")
    store = open_store(str(team))
    try:
        plan = get_plan(store, find_project(store, "Team").id)
        ana = next(r for r in plan.resources if r.name == "Ana Lopez")
        # on a calendar of her own, as MS Project and the demo keep leave
        assert [d.isoformat() for d in sorted(plan.leave[ana.id])] == [
            "2027-02-11", "2027-02-12", "2027-02-15", "2027-02-16", "2027-02-18", "2027-02-19"]
        assert ana.calendar_id not in (None, plan.project.calendar_id)
    finally:
        store.close()
    r = ok(team, "resource", "leave", "add", "Ben", "2027-02-22")
    assert r.stdout.splitlines() == [
        "Leave recorded for Ben: 2027-02-22 (1 working day).",
        "No unfinished task has Ben at work on those days."]


def test_leave_at_the_start_of_a_task_moves_it_and_why_says_so(team):
    ok(team, "resource", "leave", "add", "Ana Lopez", "2027-02-15", "2027-02-16")
    # Test (Ana at 50 %) was to start Mon 15: she is back Thu 18 (Wed 17 is the holiday)
    assert _dates(team)["2"] == ("2027-02-18", "2027-02-23")
    why = [" ".join(line.split()) for line in ok(team, "why", "2").stdout.splitlines()]
    assert any("2 Test starts 2027-02-18, not 2027-02-15: Ana Lopez is on leave 15-16 Feb 2027" in w for w in why)
    assert any("it would start 2027-02-15 because 1 Build (FS) finishes 2027-02-12" in w for w in why)


def test_a_constraint_holds_work_on_leave_and_the_clash_is_named(team):
    ok(team, "task", "edit", "2", "--constraint", "MSO", "--constraint-date", "2027-02-15")
    r = ok(team, "resource", "leave", "add", "Ana Lopez", "2027-02-15", "2027-02-16")
    assert r.stdout.splitlines()[1:] == [
        "A constraint holds Ana Lopez at work on 2 of those days (2): change the constraint or re-assign the "
        "work (see `pmtui resource load`)."]
    assert _dates(team)["2"] == ("2027-02-15", "2027-02-19")
    assert _listed(team)[0]["booked"] == ["2"]


def test_resource_load_and_leave_list_show_leave_with_work_booked(team):
    # both of Ana's tasks held on their dates by constraints: the leave cannot move them
    ok(team, "task", "edit", "1", "--constraint", "MFO", "--constraint-date", "2027-02-12")
    ok(team, "task", "edit", "2", "--constraint", "MSO", "--constraint-date", "2027-02-15")
    ok(team, "resource", "leave", "add", "Ana Lopez", "2027-02-11", "2027-02-15")
    ok(team, "resource", "leave", "add", "Ana Lopez", "2027-03-01", "--note", "Dentist")
    load = json.loads(ok(team, "resource", "load", "--from", "2027-02-01", "--json").stdout)
    ana = next(x for x in load["resources"] if x["name"] == "Ana Lopez")
    assert ana["leave_while_booked"] == [
        {"first": "2027-02-11", "last": "2027-02-12", "days": 2, "tasks": ["1"]},
        {"first": "2027-02-15", "last": "2027-02-15", "days": 1, "tasks": ["2"]}]
    text = ok(team, "resource", "load", "--from", "2027-02-01").stdout
    assert "On leave" in text and "Booked on" in text
    assert ("3 working days of leave with work booked; a constraint holds those tasks on their dates: change the "
            "constraints or re-assign the work.") in " ".join(text.split())
    # from a day after it, that leave is not counted
    later = json.loads(ok(team, "resource", "load", "Ana Lopez", "--from", "2027-02-16", "--json").stdout)
    assert later["resources"][0]["leave_while_booked"] == []
    listed = ok(team, "resource", "leave", "list", "Ana Lopez").stdout
    assert "Dentist" in listed and "2027-03-01" in listed
    assert _listed(team, "ana lopez")[1] == {"resource": "Ana Lopez", "first": "2027-03-01", "last": "2027-03-01",
                                             "days": 1, "note": "Dentist", "booked": []}
    assert "No leave recorded for Ben" in ok(team, "resource", "leave", "list", "Ben").stdout


def test_leave_is_undone_and_redone_and_removed_as_a_run_or_by_days(team):
    ok(team, "resource", "leave", "add", "Ana Lopez", "2027-02-11", "2027-02-16")
    assert "Undone: Add leave" in ok(team, "undo").stdout
    assert _listed(team) == []
    ok(team, "redo")
    assert [x["days"] for x in _listed(team)] == [4]
    # a day inside the run (here the weekend in it) takes the whole run away
    r = ok(team, "resource", "leave", "rm", "Ana Lopez", "2027-02-13")
    assert r.stdout == "Removed Ana Lopez's leave 2027-02-11 to 2027-02-16 (4 working days).\n"
    assert _listed(team) == []
    ok(team, "undo")
    r = ok(team, "resource", "leave", "rm", "Ana Lopez", "2027-02-15", "2027-02-20")
    assert r.stdout == "Removed Ana Lopez's leave 2027-02-15 to 2027-02-16 (2 working days).\n"
    assert [(x["first"], x["last"]) for x in _listed(team)] == [("2027-02-11", "2027-02-12")]


@pytest.mark.parametrize("args, code, message", [
    (("add", "Ana Lopez", "2027-02-13"), 1,
     "2027-02-13 (Saturday) is not a working day anyway: there is no leave to record"),
    (("add", "Ana Lopez", "2027-02-13", "2027-02-14"), 1, "2027-02-13 to 2027-02-14 has no working day: there is no "
                                                        "leave to record"),
    (("add", "Ana Lopez", "2027-02-17"), 1, "2027-02-17 (Wednesday) is not a working day anyway: there is no leave "
                                          "to record"),
    (("add", "Ana Lopez", "2027-02-12", "2027-02-08"), 2,
     "leave ends on 2027-02-08, before it starts on 2027-02-12: give the first day, then the last"),
    (("add", "Ana Lopez", "2027-02-01", "2029-02-01"), 2,
     "leave from 2027-02-01 to 2029-02-01 is 732 days; record at most 366 at a time"),
    (("add", "Ana Lopez", "2027-02-30"), 2, "date '2027-02-30' does not exist (day is out of range for month)"),
    (("add", "Ana Lopez", "9999-02-01"), 2, None),
    (("add", "Ana Lopez", "2027-02-08", "--note", "a\x1b[31mb"), 2,
     "leave note contains the control character U+001B: it must be plain text"),
    (("add", "Ana Lopez", "2027-02-08", "--note", "n" * 101), 2, "leave note is 100 characters at most; you gave 101"),
    (("add", "Nobody", "2027-02-08"), 1, "no resource named 'Nobody' in this project; its resources: Ana Lopez, Ben"),
    (("add", "Ana Lopez", "2027-02-03"), 1,
     "Ana Lopez is on leave on 2027-02-03 already (Leave): `pmtui resource leave list 'Ana Lopez'` shows it"),
    (("add", "Ana Lopez", "2027-02-01", "2027-02-05"), 1,
     "Ana Lopez is on leave on 2027-02-03 already (Leave): `pmtui resource leave list 'Ana Lopez'` shows it"),
    (("rm", "Ana Lopez", "2027-02-04"), 1,
     "Ana Lopez has no leave on 2027-02-04: `pmtui resource leave list 'Ana Lopez'` shows what there is"),
    (("rm", "Ben", "2027-02-01", "2027-02-05"), 1,
     "Ben has no leave from 2027-02-01 to 2027-02-05: `pmtui resource leave list Ben` shows what there is"),
], ids=["saturday", "weekend", "holiday", "backwards", "two-years", "no-such-date", "year-9999", "escape",
        "long-note", "nobody", "taken", "overlaps", "rm-none", "rm-span-none"])
def test_bad_leave_is_refused_and_changes_nothing(team, args, code, message):
    ok(team, "resource", "leave", "add", "Ana Lopez", "2027-02-03")
    digest = file_digest(team)
    r = cli(team, "resource", "leave", *args)
    assert r.exit_code == code, r.stderr
    if message is not None:
        assert r.stderr == f"pmtui: {message}\n"
    else:
        assert "9999-02-01" in r.stderr and r.stderr.count("\n") == 1
    assert file_digest(team) == digest


def test_the_demo_leave_is_listed_and_more_leave_moves_the_trial_load(db_path, built_db):
    # the demo as `pmtui demo` made it on Sun 6 Dec 2026: made for the day the test ran, its
    # trial load 2 ran 4-5 Jan when made on Tue 8 Dec, and the dates below no longer held
    copy_demo_file(built_db, db_path, date(2026, 12, 6))
    listed = _listed(db_path)
    assert [(x["resource"], x["days"], x["note"], x["booked"]) for x in listed] == [("Marek Novak", 1, "Leave", [])]
    # a day in the wait before trial load 2: nothing booked on it, nothing moved
    load = json.loads(ok(db_path, "resource", "load", "Marek Novak", "--all", "--json").stdout)
    assert load["resources"][0]["leave_while_booked"] == []
    # Marek away for trial load 2: the vendor's half starts on its day, Marek's after his leave
    r = ok(db_path, "resource", "leave", "add", "Marek Novak", "2026-12-31", "2027-01-05")
    assert r.stdout.splitlines()[1] == (
        "Scheduled around it: 3.4.7 finishes 2027-01-07 (was 2027-01-04), 4.7 finishes 2027-01-25 (was 2027-01-20), "
        "5.2 finishes 2027-01-26 (was 2027-01-21), 5.4 finishes 2027-01-29 (was 2027-01-26).")
    why = [" ".join(line.split()) for line in ok(db_path, "why", "3.4.7").stdout.splitlines()]
    assert why[1] == ("3.4.7 Trial load 2 (timed dress rehearsal) finishes 2027-01-07, not 2027-01-04: Northstar "
                      "CRM Consulting starts it on 2026-12-31 while Marek Novak is on leave 3 working days from "
                      "2026-12-31 to 2027-01-05; Marek Novak's part runs 2027-01-06 to 2027-01-07")


def test_help_says_the_work_is_scheduled_around_leave(db_path):
    text = " ".join(ok(db_path, "resource", "leave", "--help").stdout.split())
    assert "The tasks they are on are scheduled around it" in text
    text = " ".join(ok(db_path, "resource", "leave", "add", "--help").stdout.split())
    assert "The tasks the person is on are scheduled around it" in text


def test_leave_goes_with_a_removed_person_and_comes_back_with_the_undo(team):
    from sqlalchemy import func, select

    from pmtui.models.tables import Calendar, CalendarException

    def counts():
        store = open_store(str(team))
        try:
            with store.engine.connect() as conn:
                return (conn.execute(select(func.count()).select_from(Calendar)).scalar_one(),
                        conn.execute(select(func.count()).select_from(CalendarException)).scalar_one(),
                        [n for (n,) in conn.execute(select(Calendar.name).order_by(Calendar.id))])
        finally:
            store.close()

    before = counts()
    ok(team, "resource", "leave", "add", "Ben", "2027-02-08", "2027-02-09")
    ok(team, "resource", "edit", "Ben", "--name", "Benedikt")
    cals, days, names = counts()
    assert (cals, days) == (before[0] + 1, before[1] + 2) and names[-1] == "Benedikt (leave)"
    ok(team, "resource", "rm", "Benedikt")
    assert counts() == before  # its calendar was left behind, owned by nothing
    ok(team, "undo")
    assert _listed(team) == [{"resource": "Benedikt", "first": "2027-02-08", "last": "2027-02-09", "days": 2,
                              "note": "Leave", "booked": []}]


def test_resource_load_books_nothing_on_the_leave_a_task_goes_around(team):
    # Review (5 days, Ana) runs beside Build: Ana is booked 200 % from Mon 1 Feb. A day of leave
    # on Wed 3 stretches both over it, and on that day she is booked on nothing.
    ok(team, "task", "add", "Review", "--duration", "5d")
    ok(team, "assign", "3", "Ana Lopez")
    ok(team, "resource", "leave", "add", "Ana Lopez", "2027-02-03")
    load = json.loads(ok(team, "resource", "load", "Ana Lopez", "--from", "2027-02-01", "--json").stdout)
    ana = load["resources"][0]
    assert [(o["first"], o["last"]) for o in ana["overallocations"]] == [("2027-02-01", "2027-02-02"), ("2027-02-04", "2027-02-08")]
    assert ana["leave_while_booked"] == []


def test_mpxj_microsoft_scheduler_moves_the_export_to_the_same_dates(team, tmp_path):
    """MS Project keeps leave as exceptions of the resource's calendar, and so does the export;
    MPXJ's MS Project-style scheduler, given the file with the dates leave did not move, works
    the tasks on Ana's calendar and lands where pmtui put them."""
    jpype = pytest.importorskip("jpype")
    pytest.importorskip("mpxj")
    if not jpype.isJVMStarted():
        jpype.startJVM()
    ok(team, "resource", "leave", "add", "Ana Lopez", "2027-02-11", "2027-02-19")
    out = tmp_path / "team.xml"
    ok(team, "export", str(out))
    text = out.read_text(encoding="utf-8")
    assert "<Name>Ana Lopez (leave)</Name>" in text and "2027-02-23T17:00:00" in text
    # the dates on the project calendar alone: MPXJ must find the leave itself
    for moved, plain in (("2027-02-23T17:00:00", "2027-02-12T17:00:00"), ("2027-02-24T08:00:00", "2027-02-15T08:00:00"),
                         ("2027-03-01T17:00:00", "2027-02-19T17:00:00")):
        text = text.replace(moved, plain)
    out.write_text(text, encoding="utf-8")
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    pf = UniversalProjectReader().read(str(out))
    duration, unit = jpype.JClass("org.mpxj.Duration"), jpype.JClass("org.mpxj.TimeUnit")
    for jt in pf.getTasks():
        if jt.getActualDuration() is None:
            jt.setActualDuration(duration.getInstance(0, unit.DAYS))
        if jt.getRemainingDuration() is None:
            jt.setRemainingDuration(jt.getDuration())
    jpype.JClass("org.mpxj.cpm.MicrosoftScheduler")().schedule(pf, pf.getProjectProperties().getStartDate())
    theirs = {str(jt.getName()): (str(jt.getStart())[:10], str(jt.getFinish())[:10]) for jt in pf.getTasks()
              if str(jt.getName()) in ("Build", "Test")}
    assert theirs == {"Build": ("2027-02-01", "2027-02-23"), "Test": ("2027-02-24", "2027-03-01")}
    assert _dates(team) == {"1": theirs["Build"], "2": theirs["Test"]}


def test_why_says_who_starts_a_task_while_anothers_part_waits_for_leave(db_path):
    """Hand-worked. Start Mon 1 Feb 2027; Spec 10 days, 1-12 Feb. Review (4 days, Ana and Ben)
    finishes with Spec (FF); Check (3 days, Ana and Ben) follows Review. Ana is off Tue 9 Feb,
    Ben Mon 8 and Mon 15."""
    for args in [("project", "new", "Pair", "--start", "2027-02-01"),
                 ("task", "add", "Spec", "--duration", "10d"),
                 ("task", "add", "Review", "--duration", "4d", "--after", "1FF"),
                 ("task", "add", "Check", "--duration", "3d", "--after", "2"),
                 ("resource", "add", "Ana Lopez"), ("resource", "add", "Ben"),
                 ("assign", "2", "Ana Lopez"), ("assign", "2", "Ben"),
                 ("assign", "3", "Ana Lopez"), ("assign", "3", "Ben"),
                 ("resource", "leave", "add", "Ana Lopez", "2027-02-09"),
                 ("resource", "leave", "add", "Ben", "2027-02-08"),
                 ("resource", "leave", "add", "Ben", "2027-02-15")]:
        ok(db_path, *args)
    # Review's 4 days counted back from Fri 12 in each one's time: Ana Fri 12, Thu 11, Wed 10,
    # Mon 8; Ben Fri 12 to Tue 9. It starts with the first of them, Mon 8 (not Tue 9, 4 days
    # back on the project's days): Ana works it Mon 8, Wed 10 to Fri 12; Ben, off Mon 8, Tue 9
    # to Fri 12.
    assert _dates(db_path) == {"1": ("2027-02-01", "2027-02-12"), "2": ("2027-02-08", "2027-02-12"),
                               "3": ("2027-02-15", "2027-02-18")}
    why = ok(db_path, "why", "2").stdout.splitlines()
    assert why[1] == ("2 Review starts 2027-02-08, not 2027-02-09: counted back from its finish, Ana Lopez starts "
                      "it on 2027-02-08 while Ben is on leave 2027-02-08; Ana Lopez is on leave 2027-02-09; "
                      "Ben's part runs 2027-02-09 to 2027-02-12")
    # Check from Mon 15: Ana Mon 15 to Wed 17; Ben, off Mon 15, Tue 16 to Thu 18
    why = ok(db_path, "why", "3").stdout.splitlines()
    assert why[1] == ("3 Check finishes 2027-02-18, not 2027-02-17: Ana Lopez starts it on 2027-02-15 while Ben is "
                      "on leave 2027-02-15; Ben's part runs 2027-02-16 to 2027-02-18")
    # both off Mon 15: the task waits for them, and they start it together on Tue 16
    ok(db_path, "resource", "leave", "add", "Ana Lopez", "2027-02-15")
    assert ok(db_path, "why", "3").stdout.splitlines()[:2] == [
        "3 Check starts 2027-02-16, not 2027-02-15: Ana Lopez is on leave 15 Feb 2027; Ben is on leave 15 Feb 2027",
        "it would start 2027-02-15 because 2 Review (FS) finishes 2027-02-12"]
