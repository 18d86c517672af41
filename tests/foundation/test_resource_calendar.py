"""A person's own working week and worked days from the CLI (pmtui resource calendar show |
workdays | workday add/rm): kept on their own calendar, based on the project's as in MS Project;
the tasks they are on are worked on it; bad input is refused and changes nothing; undone as any
edit; MS Project XML carries it both ways."""

from __future__ import annotations

import json

import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli, why_chain


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


@pytest.fixture
def team(db_path, built_db):
    """Start Monday 2027-01-04, Monday to Friday. Build (1, 5 days, Pat), Ship (2, 1 day) after
    it: Build 4-8 Jan, Ship Mon 11. Ben has no task."""
    return built_db(f"{__name__}.team", _team, db_path)


def _team(db_path):
    for args in [("project", "new", "Team", "--start", "2027-01-04"),
                 ("task", "add", "Build", "--duration", "5d"),
                 ("task", "add", "Ship", "--duration", "1d", "--after", "1"),
                 ("resource", "add", "Pat"), ("resource", "add", "Ben"), ("assign", "1", "Pat")]:
        ok(db_path, *args)


def _dates(db):
    return {t["wbs"]: (t["start"], t["finish"]) for t in json.loads(ok(db, "task", "list", "--json").stdout)}


def _shown(db, *args):
    return json.loads(ok(db, "resource", "calendar", "show", *args, "--json").stdout)


def test_a_part_timers_week_moves_their_work_and_undo_takes_it_back(team):
    r = ok(team, "resource", "calendar", "workdays", "pat", "mon-wed")
    # Mon 4, Tue 5, Wed 6, Mon 11, Tue 12
    assert r.stdout.splitlines() == [
        "Working days of Pat: mon,tue,wed (were the project's, mon,tue,wed,thu,fri).",
        "Scheduled on their days: 1 finishes 2027-01-12 (was 2027-01-08); the project finishes 2027-01-13 "
        "(was 2027-01-11)."]
    assert _dates(team) == {"1": ("2027-01-04", "2027-01-12"), "2": ("2027-01-13", "2027-01-13")}
    assert _shown(team, "Pat") == [{"resource": "Pat", "workdays": ["mon", "tue", "wed"], "own_week": True,
                                    "worked": [], "leave_days": 0}]
    assert ok(team, "resource", "calendar", "workdays", "Pat", "mon-wed").stdout == (
        "Pat works a week of their own, mon,tue,wed, already: nothing changed.\n")
    ok(team, "undo")
    assert _dates(team) == {"1": ("2027-01-04", "2027-01-08"), "2": ("2027-01-11", "2027-01-11")}
    # `project` gives the project's week back
    ok(team, "resource", "calendar", "workdays", "Pat", "mon-wed")
    ok(team, "resource", "calendar", "workdays", "Pat", "project")
    assert _shown(team, "Pat")[0]["own_week"] is False
    assert _dates(team)["1"] == ("2027-01-04", "2027-01-08")


def test_a_worked_day_counts_and_the_project_week_carries_those_who_follow_it(team):
    ok(team, "resource", "calendar", "workdays", "Pat", "mon-wed")
    r = ok(team, "resource", "calendar", "workday", "add", "Pat", "2027-01-07", "--note", "Crunch")
    assert r.stdout.splitlines()[0] == "Worked day recorded for Pat: 2027-01-07 (Thursday)."
    assert _dates(team)["1"] == ("2027-01-04", "2027-01-11")  # 4, 5, 6, Thu 7, Mon 11
    assert _shown(team, "Pat")[0]["worked"] == [{"date": "2027-01-07", "note": "Crunch"}]
    ok(team, "resource", "calendar", "workday", "rm", "Pat", "2027-01-07")
    assert _dates(team)["1"] == ("2027-01-04", "2027-01-12")
    # a Saturday for Ben, whose calendar is the project's: made for him, dated that day
    ok(team, "assign", "2", "Ben")
    ok(team, "resource", "calendar", "workdays", "Pat", "project")
    ok(team, "resource", "calendar", "workday", "add", "Ben", "2027-01-09")
    ok(team, "task", "edit", "2", "--duration", "2d")
    # Ship (Ben, 2 days) after Build (Fri 8): his Saturday 9 and Mon 11, as in MS Project
    assert _dates(team)["2"] == ("2027-01-09", "2027-01-11")
    # with Pat on it too, Ship still finishes Tue 12 (Pat's Mon 11 and Tue 12), but it starts on
    # Ben's Saturday: that is said, not "nothing moved"
    ok(team, "resource", "calendar", "workday", "rm", "Ben", "2027-01-09")
    ok(team, "assign", "2", "Pat")
    assert _dates(team)["2"] == ("2027-01-11", "2027-01-12")
    r = ok(team, "resource", "calendar", "workday", "add", "Ben", "2027-01-09")
    assert r.stdout.splitlines()[1] == "Scheduled on their days: 2 starts 2027-01-09 (was 2027-01-11)."
    assert _dates(team)["2"] == ("2027-01-09", "2027-01-12")
    ok(team, "unassign", "2", "Pat")
    # a project week of six days: Ben's calendar followed the project's five, so it follows
    ok(team, "calendar", "workdays", "mon-sat")
    assert _shown(team, "Ben")[0]["workdays"] == ["mon", "tue", "wed", "thu", "fri", "sat"]
    assert _dates(team)["1"] == ("2027-01-04", "2027-01-08")


@pytest.mark.parametrize("args, code, message", [
    (("workdays", "Pat", "banana"), 2, "working days 'banana' are not understood: use e.g. mon-fri or mon,tue,thu"),
    (("workdays", "Pat", ""), 2, "working days '' name no day: a calendar needs at least one working day"),
    (("workdays", "Nobody", "mon"), 1, "no resource named 'Nobody' in this project; its resources: Ben, Pat"),
    (("workday", "add", "Pat", "2027-01-06"), 1,
     "Pat works on 2027-01-06 (Wednesday) already: there is no worked day to record"),
    (("workday", "add", "Pat", "2027-02-30"), 2, None),
    (("workday", "add", "Pat", "9999-01-09"), 2, None),
    (("workday", "add", "Pat", "2027-01-09", "--note", "x" * 101), 2,
     "worked-day note is 100 characters at most; you gave 101"),
    (("workday", "rm", "Pat", "2027-01-09"), 1,
     "Pat has no worked day on 2027-01-09: `pmtui resource calendar show Pat` shows what there is"),
])
def test_bad_input_is_refused_and_changes_nothing(team, args, code, message):
    digest = file_digest(team)
    r = cli(team, "resource", "calendar", *args)
    assert r.exit_code == code, r.stderr
    if message is not None:
        assert r.stderr == f"pmtui: {message}\n"
    else:
        assert r.stderr.startswith("pmtui: ") and r.stderr.count("\n") == 1
    assert file_digest(team) == digest


def test_a_worked_day_on_leave_is_refused(team):
    ok(team, "resource", "leave", "add", "Pat", "2027-01-06")
    digest = file_digest(team)
    r = cli(team, "resource", "calendar", "workday", "add", "Pat", "2027-01-06")
    assert r.exit_code == 1
    assert r.stderr == ("pmtui: Pat is on leave on 2027-01-06: `pmtui resource leave rm Pat 2027-01-06` takes the "
                        "leave back first\n")
    assert file_digest(team) == digest


def test_ms_project_xml_carries_the_week_and_the_worked_days_both_ways(team, tmp_path, db_path):
    ok(team, "resource", "calendar", "workdays", "Pat", "mon-wed")
    ok(team, "resource", "calendar", "workday", "add", "Pat", "2027-01-07")
    ok(team, "resource", "leave", "add", "Pat", "2027-01-11")
    want = _dates(team)
    assert want["1"] == ("2027-01-04", "2027-01-12")  # 4, 5, 6, Thu 7, (Mon 11 off), Tue 12
    out = tmp_path / "team.xml"
    ok(team, "export", str(out))
    ok(team, "import", str(out), "--name", "Again")
    ok(team, "project", "use", "Again")
    assert _dates(team) == want
    assert _shown(team, "Pat") == [{"resource": "Pat", "workdays": ["mon", "tue", "wed"], "own_week": True,
                                    "worked": [{"date": "2027-01-07", "note": "Worked day"}], "leave_days": 1}]


def test_resource_load_books_a_part_timer_on_their_days_only(team):
    # Review (5 days) beside Build, both Pat's: 200 % on the days Pat works, none on Thu and Fri
    ok(team, "task", "add", "Review", "--duration", "5d")
    ok(team, "assign", "3", "Pat")
    ok(team, "resource", "calendar", "workdays", "Pat", "mon-wed")
    load = json.loads(ok(team, "resource", "load", "Pat", "--from", "2027-01-04", "--json").stdout)
    runs = [(o["first"], o["last"]) for o in load["resources"][0]["overallocations"]]
    assert runs == [("2027-01-04", "2027-01-06"), ("2027-01-11", "2027-01-12")]


def test_why_says_a_part_timer_does_not_work_the_days_their_task_goes_around(team):
    ok(team, "resource", "calendar", "workdays", "Pat", "mon-wed")
    assert why_chain(ok(team, "why", "1").stdout) == [
        "1 Build starts 2027-01-04, the project start",
        "1 Build finishes 2027-01-12, not 2027-01-08: its work waits while Pat does not work 2 working days "
        "from 2027-01-07 to 2027-01-08"]


def test_a_part_timer_given_the_project_week_keeps_it_when_the_project_week_changes(db_path):
    """A Mon-Thu part-timer on a Mon-Thu project: their week is their own once set, though it is
    the project's days, and stays Mon-Thu when the project goes to Mon-Fri; those who follow the
    project (with a calendar of their own for leave, or none) go with it. `project` gives them
    the project's week again."""
    for args in [("project", "new", "Clinic", "--start", "2027-01-04", "--workdays", "mon-thu"),
                 ("task", "add", "Build", "--duration", "5d"), ("task", "add", "Test", "--duration", "5d"),
                 ("resource", "add", "Pat"), ("resource", "add", "Ben"), ("resource", "add", "Kim"),
                 ("assign", "1", "Pat"), ("assign", "2", "Ben"),
                 ("resource", "leave", "add", "Ben", "2027-01-27")]:
        ok(db_path, *args)
    r = ok(db_path, "resource", "calendar", "workdays", "Pat", "mon-thu")
    assert r.stdout == ("Pat keeps mon,tue,wed,thu as a week of their own: a change to the project's week "
                        "leaves it.\n")
    assert ok(db_path, "resource", "calendar", "workdays", "Pat", "mon-thu").stdout == (
        "Pat works a week of their own, mon,tue,wed,thu, already: nothing changed.\n")
    assert ok(db_path, "calendar", "workdays", "mon-fri").stdout.splitlines() == [
        "Working days: mon,tue,wed,thu,fri.",
        "Kept their own week: Pat mon,tue,wed,thu (`pmtui resource calendar workdays NAME project` makes one "
        "follow the project's)."]
    weeks = {w["resource"]: (w["workdays"], w["own_week"]) for w in _shown(db_path)}
    assert weeks == {"Pat": (["mon", "tue", "wed", "thu"], True), "Ben": (["mon", "tue", "wed", "thu", "fri"], False),
                     "Kim": (["mon", "tue", "wed", "thu", "fri"], False)}
    # Build: Mon 4 to Thu 7 and Mon 11 on Pat's days; Test: Mon 4 to Fri 8 on the project's
    assert _dates(db_path) == {"1": ("2027-01-04", "2027-01-11"), "2": ("2027-01-04", "2027-01-08")}
    table = ok(db_path, "resource", "calendar", "show").stdout
    assert "mon,tue,wed,thu (own)" in table and "mon,tue,wed,thu,fri (project's)" in table
    r = ok(db_path, "resource", "calendar", "workdays", "Pat", "project")
    assert r.stdout.splitlines()[0] == ("Working days of Pat: the project's, mon,tue,wed,thu,fri "
                                        "(were mon,tue,wed,thu).")
    assert _dates(db_path)["1"] == ("2027-01-04", "2027-01-08")
    assert ok(db_path, "resource", "calendar", "workdays", "Pat", "project").stdout == (
        "Pat works the project's week, mon,tue,wed,thu,fri, already: nothing changed.\n")
    ok(db_path, "undo")
    assert _shown(db_path, "Pat")[0]["own_week"] is True
    assert _dates(db_path)["1"] == ("2027-01-04", "2027-01-11")
    # the same days, back to following: nothing moves, and a later project week carries them
    ok(db_path, "calendar", "workdays", "mon-thu")
    r = ok(db_path, "resource", "calendar", "workdays", "Pat", "project")
    assert r.stdout == "Pat works the project's week again (mon,tue,wed,thu): a change to it changes theirs.\n"
    ok(db_path, "calendar", "workdays", "mon-fri")
    assert _shown(db_path, "Pat")[0]["workdays"] == ["mon", "tue", "wed", "thu", "fri"]


def test_a_database_from_before_own_weeks_keeps_who_follows_the_project_and_its_undo(db_path):
    """Schema 0007 had no own_week: a week that differed from the project's was the person's
    own, one equal to it followed the project. The upgrade (after a backup) keeps that, and the
    journal's entries from before it undo and redo to the weeks they meant: Pat, whose week the
    project's change from Mon-Fri to Mon-Thu carried, follows it back and forth."""
    import sqlite3

    from alembic import command

    from pmtui.store import migrate, open_store

    for args in [("project", "new", "Old", "--start", "2027-01-04"), ("task", "add", "Build", "--duration", "5d"),
                 ("resource", "add", "Pat"), ("resource", "add", "Ann"), ("assign", "1", "Ann"),
                 ("resource", "calendar", "workdays", "Ann", "mon-wed"),
                 ("resource", "leave", "add", "Pat", "2027-01-20"), ("calendar", "workdays", "mon-thu")]:
        ok(db_path, *args)
    store = open_store(str(db_path))
    cfg = migrate._alembic_config()
    with store.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    store.close()
    old = sqlite3.connect(db_path)
    assert "own_week" not in [r[1] for r in old.execute("PRAGMA table_info(calendar)")]
    assert sorted(old.execute("SELECT resource.name, calendar.workdays FROM resource JOIN calendar "
                              "ON calendar.id = resource.calendar_id")) == [("Ann", 0b0000111), ("Pat", 0b0001111)]
    assert not old.execute("SELECT 1 FROM journal WHERE changes LIKE '%own_week%'").fetchall()
    old.close()

    def weeks():
        return {w["resource"]: (",".join(w["workdays"]), w["own_week"]) for w in _shown(db_path)}

    assert weeks() == {"Ann": ("mon,tue,wed", True), "Pat": ("mon,tue,wed,thu", False)}
    assert list(db_path.parent.glob(f"plan.db.before-{migrate.HEAD}-*.bak"))
    ok(db_path, "undo")  # the project's Mon-Thu: Pat with it
    assert weeks() == {"Ann": ("mon,tue,wed", True), "Pat": ("mon,tue,wed,thu,fri", False)}
    ok(db_path, "undo")  # Pat's leave, the calendar made for it
    ok(db_path, "undo")  # Ann's week
    assert weeks() == {"Ann": ("mon,tue,wed,thu,fri", False), "Pat": ("mon,tue,wed,thu,fri", False)}
    for _ in range(3):
        ok(db_path, "redo")
    assert weeks() == {"Ann": ("mon,tue,wed", True), "Pat": ("mon,tue,wed,thu", False)}
    ok(db_path, "calendar", "workdays", "mon-fri")
    assert weeks() == {"Ann": ("mon,tue,wed", True), "Pat": ("mon,tue,wed,thu,fri", False)}
    assert _dates(db_path)["1"] == ("2027-01-04", "2027-01-12")  # Ann's Mon-Wed: 4, 5, 6, 11, 12
