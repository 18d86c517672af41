"""pmtui progress / blocker / standup …: each command's happy path, and bad input that leaves
the database byte-for-byte unchanged with a one-line error."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli


@pytest.fixture
def db(db_path):
    return db_path  # a copy of the demo plan (conftest)


def test_progress_and_blocker_commands(db):
    r = cli(db, "progress", "2.8", "80%")
    assert r.exit_code == 0 and "percent complete 60 → 80" in r.stdout and "Finish 2027-02-15" in r.stdout
    assert cli(db, "progress", "3.2.4", "--started", "--on", "2026-11-20").exit_code == 0
    assert cli(db, "progress", "3.3.1", "--remaining", "3d").exit_code == 0
    assert cli(db, "progress", "3.2.3", "--done", "--on", "2026-11-20").exit_code == 0
    rows = {t["wbs"]: t for t in json.loads(cli(db, "task", "list", "--json").stdout)}
    assert rows["2.8"]["percent_complete"] == 80
    assert rows["3.2.4"]["actual_start"] == "2026-11-20"
    assert rows["3.3.1"]["remaining"] == 3
    assert (rows["3.2.3"]["percent_complete"], rows["3.2.3"]["actual_finish"]) == (100, "2026-11-20")
    r = cli(db, "blocker", "3.4.3", "Siebel export user locked")
    assert r.exit_code == 0 and r.stdout.startswith("Blocker I")
    # the code it says is the one the issue log shows and `issue resolve` takes
    code = r.stdout.split()[1]
    issues = json.loads(cli(db, "issue", "list", "--json").stdout)
    assert [i["title"] for i in issues if i["code"] == code] == ["Siebel export user locked"]
    assert cli(db, "issue", "resolve", code).exit_code == 0


def test_blocker_clear_resolves_the_tasks_open_blockers_in_one_undo_step(db):
    # clearing a blocker from the command line took `pmtui issue resolve I..`, one issue at a time
    assert cli(db, "blocker", "3.4.3", "Siebel export user locked").exit_code == 0
    assert cli(db, "blocker", "3.4.3", "No VPN for the vendor").exit_code == 0
    assert cli(db, "blocker", "3.3.1", "SAP sandbox down").exit_code == 0  # another task's: left alone
    listed = json.loads(cli(db, "issue", "list", "--json").stdout)
    codes = {i["title"]: i["code"] for i in listed}
    r = cli(db, "blocker", "3.4.3", "--clear")
    assert r.exit_code == 0 and r.stdout == (
        f"Cleared 2 blockers on 3.4.3 Transform & load scripts: accounts & contacts: "
        f"{codes['Siebel export user locked']} 'Siebel export user locked'; "
        f"{codes['No VPN for the vendor']} 'No VPN for the vendor' (resolved; `pmtui undo` reopens them).\n"), r.stderr
    issues = {i["title"]: i for i in json.loads(cli(db, "issue", "list", "--json").stdout)}
    assert {t: i["status"] for t, i in issues.items() if i["kind"] == "blocker"} == {
        "Siebel export user locked": "resolved", "No VPN for the vendor": "resolved", "SAP sandbox down": "open"}
    assert issues["No VPN for the vendor"]["resolution"] == "Cleared with `pmtui blocker --clear`."
    # none left: said, exit 1, nothing written
    after = file_digest(db)
    r = cli(db, "blocker", "3.4.3", "--clear")
    assert r.exit_code == 1 and r.stderr == ("pmtui: 3.4.3 Transform & load scripts: accounts & contacts has no "
                                             "open blocker to clear: nothing changed\n")
    assert file_digest(db) == after
    # one undo step brings both back
    r = cli(db, "undo")
    assert r.exit_code == 0 and r.stdout.startswith("Undone: Clear blockers — 3.4.3"), r.stdout
    assert json.loads(cli(db, "issue", "list", "--json").stdout) == listed


def test_blocker_clear_on_a_summary_task(db):
    # `issue add --kind blocker --task 3` may put a blocker on a summary; clearing it said
    # "3 is a summary: record progress on the tasks under it", which left no way to
    assert cli(db, "issue", "add", "Test rig down", "--kind", "blocker", "--task", "3").exit_code == 0
    r = cli(db, "blocker", "3", "--clear")
    assert r.exit_code == 0 and r.stdout.startswith("Cleared 1 blocker on 3 Build & data migration: I"), r.stderr
    assert r.stdout.endswith(" 'Test rig down' (resolved; `pmtui undo` reopens it).\n")
    assert not [i for i in json.loads(cli(db, "issue", "list", "--json", "--open").stdout) if i["kind"] == "blocker"]
    # progress on a summary is still refused
    assert "is a summary" in cli(db, "progress", "3", "50%").stderr


def test_standup_commands(db):
    r = cli(db, "standup", "start", "--date", "2026-11-25")
    assert r.exit_code == 0, r.stderr
    assert "Status date set to 2026-11-25 (was 2026-11-23)." in r.stdout and "Jonas Berg" in r.stdout
    r = cli(db, "standup", "note", "jonas", "--date", "2026-11-25", "--yesterday", "mapping", "--today", "IDoc tests")
    # said "Noted jonas.": whom the name was taken for, and what, was not said
    assert r.exit_code == 0 and r.stdout.strip() == (
        "Noted for Jonas Berg in the stand-up of 2026-11-25: yesterday: mapping · today: IDoc tests.")
    assert json.loads(cli(db, "standup", "report", "--format", "json").stdout)["state"] == "open"
    r = cli(db, "standup", "finish", "--date", "2026-11-25")
    assert r.exit_code == 0 and "# Stand-up 2026-11-25 — CRM migration" in r.stdout
    assert "- Yesterday: mapping" in r.stdout
    listed = json.loads(cli(db, "standup", "list", "--json").stdout)
    assert listed == [{"day": "2026-11-25", "state": "closed", "finish_before": "2027-02-15",
                       "finish_after": "2027-02-15", "updates": 0, "blockers": 0, "blockers_cleared": 0}]
    # worded as every message words it ("the stand-up of … is finished"), not "closed"
    assert cli(db, "standup", "list").stdout == "2026-11-25  finished  finish 2027-02-15 → 2027-02-15  0 updates, 0 blockers raised\n"
    md = cli(db, "standup", "report", "--date", "2026-11-25").stdout
    assert md.startswith("# Stand-up 2026-11-25") and "(in progress)" not in md
    # reopened, it is in progress again: it kept the finish of the first f
    assert cli(db, "standup", "start", "--date", "2026-11-25").exit_code == 0
    assert cli(db, "standup", "list").stdout == "2026-11-25  open      in progress  0 updates, 0 blockers raised\n"
    assert cli(db, "standup", "finish").exit_code == 0
    assert cli(db, "standup", "start", "--date", "2026-11-26").exit_code == 0
    assert cli(db, "standup", "finish", "--date", "2026-11-26").exit_code == 0
    r = cli(db, "standup", "compare", "2026-11-25", "2026-11-26", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["second"] == "2026-11-26"
    assert "# Stand-ups 2026-11-25 and 2026-11-26" in cli(db, "standup", "compare", "2026-11-26", "2026-11-25").stdout


def test_a_status_date_ahead_is_kept_by_standup_start_and_a_move_back_past_progress_is_said(db):
    """`pmtui standup start` on a plan whose status date was three weeks ahead moved it back to
    the stand-up's day ("Status date set to 2026-11-25 (was 2026-12-14)"), dating the work
    reported up to it in the plan's future; `project status-date` did so without a word of it."""
    def status_date() -> str:
        return json.loads(cli(db, "project", "show", "--json").stdout)["status_date"]

    assert cli(db, "project", "status-date", "2026-12-14").exit_code == 0
    r = cli(db, "standup", "start", "--date", "2026-11-25")
    assert r.exit_code == 0 and r.stdout.splitlines()[0] == (
        "Stand-up of 2026-11-25; status date kept at 2026-12-14, which is ahead of it: what this stand-up records "
        "is dated as of 2026-12-14, not 2026-11-25. `pmtui project status-date 2026-11-25` moves it back."), r.stdout
    assert status_date() == "2026-12-14"
    # progress is dated as of the status date and leaves it where it is
    r = cli(db, "progress", "3.2.4", "--started")
    assert r.exit_code == 0 and "actual start none → 2026-12-14" in r.stdout, r.stdout
    assert status_date() == "2026-12-14"
    assert cli(db, "standup", "finish").exit_code == 0
    # with progress after the day, no way back is offered: it would date that work after it
    r = cli(db, "standup", "start", "--date", "2026-11-26")
    assert r.exit_code == 0 and r.stdout.splitlines()[0].endswith("is dated as of 2026-12-14, not 2026-11-26."), r.stdout
    assert status_date() == "2026-12-14"
    # moved back by hand it is moved (a report as of an earlier date needs it), and said
    r = cli(db, "project", "status-date", "2026-11-26")
    assert r.exit_code == 0 and r.stdout == (
        "Status date of 'CRM migration' is 2026-11-26, before progress already recorded (3.2.4 started 2026-12-14): "
        "that work keeps its dates, after the status date now, and the work not done is scheduled from 2026-11-26 "
        "on. `pmtui undo` puts it back to 2026-12-14.\n"), r.stdout
    assert status_date() == "2026-11-26"
    assert cli(db, "undo").exit_code == 0 and status_date() == "2026-12-14"
    # with that progress taken back, a move back has nothing to say
    assert cli(db, "progress", "3.2.4", "0%").exit_code == 0
    r = cli(db, "project", "status-date", "2026-11-26")
    assert r.exit_code == 0 and r.stdout == "Status date of 'CRM migration' is 2026-11-26.\n" and status_date() == "2026-11-26"


def test_list_and_finish_count_the_blockers_raised_and_say_how_many_were_cleared(db):
    # '1 update, 2 blockers' counted one cleared in the meeting as if it still held work up
    assert cli(db, "standup", "start", "--date", "2026-11-25").exit_code == 0
    assert cli(db, "blocker", "3.4.3", "Siebel export user locked").exit_code == 0
    assert cli(db, "blocker", "3.3.1", "SAP sandbox down").exit_code == 0
    assert cli(db, "blocker", "3.4.3", "--clear").exit_code == 0
    listed = json.loads(cli(db, "standup", "list", "--json").stdout)
    assert [(d["blockers"], d["blockers_cleared"]) for d in listed] == [(2, 1)]
    assert cli(db, "standup", "list").stdout.endswith("1 update, 2 blockers raised (1 cleared)\n")
    assert cli(db, "standup", "finish").exit_code == 0
    assert cli(db, "standup", "list").stdout.endswith("1 update, 2 blockers raised (1 cleared)\n")
    assert "1 update, 2 blockers raised (1 cleared)" in cli(db, "history").stdout

def test_report_without_a_date_is_of_the_open_stand_up_as_the_agenda_is(db):
    # the latest (the 26th, finished) was reported while the agenda was of the 25th, still open
    assert cli(db, "standup", "start", "--date", "2026-11-26").exit_code == 0
    assert cli(db, "standup", "finish", "--date", "2026-11-26").exit_code == 0
    assert cli(db, "standup", "start", "--date", "2026-11-25").exit_code == 0
    # the 26th's status date is kept (never moved back), and the agenda says it is as of it
    assert cli(db, "standup", "agenda").stdout.startswith(
        "Status date 2026-11-26 is ahead of the stand-up's day (2026-11-25): this agenda is as of 2026-11-26.\n"
        "Agenda of the open stand-up of 2026-11-25:")
    assert cli(db, "standup", "report").stdout.startswith("# Stand-up 2026-11-25 — CRM migration (in progress)")
    assert json.loads(cli(db, "standup", "report", "-f", "json").stdout)["day"] == "2026-11-25"
    assert cli(db, "standup", "finish").exit_code == 0
    # none open: the latest
    assert cli(db, "standup", "report").stdout.startswith("# Stand-up 2026-11-26 — CRM migration\n")

def test_updates_going_to_a_stand_up_left_open_on_another_day_say_so(db):
    # the stand-up of the 25th left open: the next day's `pmtui progress` went into its record
    # without a word, and `standup start` opened a second one, leaving the first open for good
    assert cli(db, "standup", "start", "--date", "2026-11-25").exit_code == 0
    r = cli(db, "progress", "2.8", "70%")
    assert r.exit_code == 0 and r.stdout.endswith(
        ". Recorded in the stand-up of 2026-11-25, still open: `pmtui standup finish --date 2026-11-25` "
        "finishes it.\n"), r.stdout
    r = cli(db, "blocker", "3.4.3", "Siebel export user locked")
    assert "Recorded in the stand-up of 2026-11-25, still open" in r.stdout
    r = cli(db, "standup", "start")  # today's
    assert r.exit_code == 0 and ("The stand-up of 2026-11-25 is still open: `pmtui standup finish --date "
                                 "2026-11-25` finishes it.") in r.stdout
    # today's (the status date's) takes them now: nothing to add
    assert "Recorded in" not in cli(db, "progress", "2.8", "80%").stdout

@pytest.mark.parametrize("change", ["+10", "+10%"])
def test_progress_with_a_signed_percent_is_refused_and_changes_nothing(db, change):
    # `pmtui progress 2.8 +10`, ten more, set 2.8 from 60 % to 10 %
    before = file_digest(db)
    r = cli(db, "progress", "2.8", change)
    assert r.exit_code == 2 and r.stderr == (f"pmtui: percent complete '{change}' is a change, not a percent: "
                                             "give what it is now, 0 to 100, e.g. 60%\n")
    assert file_digest(db) == before

def test_a_note_that_changes_nothing_says_so_and_writes_nothing(db):
    # `--today ""` said "today cleared" with nothing noted for today, every time, and wrote an
    # empty note and a journal entry that undo took back to no effect
    assert cli(db, "standup", "start", "--date", "2026-11-25").exit_code == 0
    entries = len(json.loads(cli(db, "history", "--json").stdout))
    before = file_digest(db)
    for _ in range(2):
        r = cli(db, "standup", "note", "Fiona", "--today", "")
        assert (r.exit_code, r.stderr) == (0, "")
        assert r.stdout == ("Fiona Walsh in the stand-up of 2026-11-25: nothing changed, nothing was noted for "
                            "today to clear.\n")
        assert file_digest(db) == before
    # a field given with what it holds is said to be so; the others are noted
    r = cli(db, "standup", "note", "Fiona", "--today", "UAT scripts", "--yesterday", "")
    assert r.stdout == ("Noted for Fiona Walsh in the stand-up of 2026-11-25: nothing was noted for yesterday "
                        "to clear · today: UAT scripts.\n"), r.stdout
    after = file_digest(db)
    r = cli(db, "standup", "note", "Fiona", "--today", " UAT  scripts ")
    assert r.stdout == ("Fiona Walsh in the stand-up of 2026-11-25: nothing changed, today is 'UAT scripts' "
                        "already.\n"), r.stdout
    assert file_digest(db) == after
    r = cli(db, "standup", "note", "Fiona", "--today", "")
    assert r.stdout == "Noted for Fiona Walsh in the stand-up of 2026-11-25: today cleared.\n"
    history = json.loads(cli(db, "history", "--json").stdout)
    assert len(history) == entries + 2, history[:3]


def test_note_and_finish_mean_the_open_standup_when_no_date_is_given(db):
    # `standup start --date` on another day than today, then `finish` without --date failed with
    # "no stand-up on <today>", and `list` counted 0 updates for the open stand-up's progress
    assert cli(db, "standup", "start", "--date", "2026-11-25").exit_code == 0
    assert cli(db, "progress", "2.8", "70%").exit_code == 0
    assert cli(db, "blocker", "3.4.3", "Siebel export user locked").exit_code == 0
    listed = json.loads(cli(db, "standup", "list", "--json").stdout)
    assert [(d["day"], d["state"], d["updates"], d["blockers"]) for d in listed] == [("2026-11-25", "open", 1, 1)]
    assert "1 update, 1 blocker raised" in cli(db, "standup", "list").stdout
    r = cli(db, "standup", "note", "jonas", "--today", "IDoc tests")
    assert r.exit_code == 0, r.stderr
    # an empty answer clears the field, and says so (it read 'today: .')
    r = cli(db, "standup", "note", "jonas", "--today", " ", "--yesterday", "mapping")
    assert r.stdout == ("Noted for Jonas Berg in the stand-up of 2026-11-25: yesterday: mapping · today "
                        "cleared.\n"), r.stdout
    assert cli(db, "standup", "note", "jonas", "--today", "IDoc tests").exit_code == 0
    r = cli(db, "standup", "finish")
    assert r.exit_code == 0 and "# Stand-up 2026-11-25 — CRM migration" in r.stdout, r.stderr
    assert "- Today: IDoc tests" in r.stdout
    # none open now: today's, which has none; said where to go from there (it ended there)
    r = cli(db, "standup", "finish")
    assert r.exit_code == 1 and r.stderr == (
        f"pmtui: no stand-up on {date.today()} to finish, and none is open: `pmtui standup start` opens one\n")
    r = cli(db, "standup", "finish", "--date", "2026-11-25")
    assert r.exit_code == 1 and ("already finished: `pmtui standup report --date 2026-11-25` shows it, "
                                 "`pmtui standup start --date 2026-11-25` reopens it") in r.stderr
    r = cli(db, "standup", "note", "jonas", "--date", "2026-11-25", "--today", "x")
    assert r.exit_code == 1 and ("the stand-up of 2026-11-25 is finished: `pmtui standup start --date 2026-11-25` "
                                 "reopens it") in r.stderr


def test_a_day_without_a_stand_up_names_the_nearest_ones_or_how_to_start(db):
    # "no stand-up on 2026-11-26" alone: which days have one, or how to hold the first, was not said
    r = cli(db, "standup", "report", "--date", "2026-11-26")
    assert r.exit_code == 1 and r.stderr == ("pmtui: no stand-up on 2026-11-26, nor on any other day yet: "
                                             "`pmtui standup start --date 2026-11-26` opens one\n")
    r = cli(db, "standup", "note", "jonas", "--date", "2026-11-26", "--today", "x")
    assert r.exit_code == 1 and r.stderr == ("pmtui: no stand-up open on 2026-11-26: start it with "
                                             "`pmtui standup start --date 2026-11-26`\n")
    for day in ("2026-11-24", "2026-11-26", "2026-11-30"):
        assert cli(db, "standup", "start", "--date", day, "--keep-status-date").exit_code == 0
        assert cli(db, "standup", "finish", "--date", day).exit_code == 0
    r = cli(db, "standup", "report", "--date", "2026-11-25")
    assert r.exit_code == 1 and r.stderr == ("pmtui: no stand-up on 2026-11-25 (the nearest are on 2026-11-24 and "
                                             "2026-11-26; `pmtui standup list` shows all 3)\n")
    r = cli(db, "standup", "compare", "2026-11-24", "2026-12-01")
    assert r.exit_code == 1 and "no stand-up on 2026-12-01 (the nearest is on 2026-11-30;" in r.stderr
    # one still open is named by the day to finish it with
    assert cli(db, "standup", "start", "--date", "2026-11-27", "--keep-status-date").exit_code == 0
    r = cli(db, "standup", "compare", "2026-11-26", "2026-11-27")
    assert r.exit_code == 1 and r.stderr == ("pmtui: the stand-up of 2026-11-27 is not finished yet: finish it "
                                             "with `pmtui standup finish --date 2026-11-27`\n")


def test_a_project_with_nobody_in_it_says_how_to_go_on(tmp_path):
    # the agenda printed nothing at all, and a note's refusal ended in "people: none yet"
    db = tmp_path / "empty.db"
    assert cli(db, "project", "new", "Empty", "--start", "2026-11-02").exit_code == 0
    r = cli(db, "standup", "agenda")
    assert r.exit_code == 0 and r.stdout == (
        f"Agenda for today, {date.today()} (no stand-up open):\n"
        "Nobody to ask: the project has no people, and no task is in progress, due within 3 working days or "
        "late (`pmtui resource add NAME` adds a person).\n")
    r = cli(db, "standup", "start", "--date", "2026-11-04")
    assert r.exit_code == 0 and r.stdout.endswith("(`pmtui resource add NAME` adds a person).\n")
    r = cli(db, "standup", "note", "Bob", "--date", "2026-11-04", "--today", "x")
    assert r.exit_code == 1 and r.stderr == (
        "pmtui: no person named 'Bob' in project 'Empty'; people: none yet (`pmtui resource add NAME` adds one; "
        "'Unassigned' notes the unassigned work)\n")
    assert cli(db, "standup", "note", "Unassigned", "--date", "2026-11-04", "--today", "x").exit_code == 0


BAD = [
    (("progress", "2.8", "140%"), 2, "percent complete '140%' must be a whole number from 0 to 100"),
    (("progress", "1.1", "--done"), 1, "1.1 Project charter & scope statement is already done (finished"),
    (("progress", "9.9", "50%"), 1, "no task 9.9 in project 'CRM migration'"),
    (("progress", "2.8", "--remaining", "lots"), 2, "not understood"),
    (("progress", "2.8"), 2, "give exactly one of PERCENT, --done, --started or --remaining"),
    (("progress", "2.8", "50", "--done"), 2, "(got percent, --done)"),
    (("progress", "2.8", "50", "--on", "2026-11-20"), 2, "--on goes with --done or --started"),
    (("progress", "3.2.4", "--started", "--on", "2027-03-01"), 2, "after the status date 2026-11-23"),
    (("blocker", "7.7", "waiting"), 1, "no task 7.7"),
    (("blocker", "2.8", ""), 2, "blocker is empty"),
    (("blocker", "2.8"), 2, "say what blocks the task (`pmtui blocker 2.8 'waiting for …'`), or clear its "
     "blockers with --clear"),
    (("blocker", "3.4.3", "waiting", "--clear"), 2, "--clear takes no blocker text (got 'waiting'): "
     "`pmtui blocker 3.4.3 --clear` clears every open blocker of the task, `pmtui issue resolve I…` one of them"),
    (("blocker", "7.7", "--clear"), 1, "no task 7.7 in project 'CRM migration'"),
    (("blocker", "2.8", "--clear"), 1, "2.8 Solution design document (SDD) has no open blocker to clear: "
     "nothing changed"),
    (("standup", "note", "Bob", "--date", "2026-11-25", "--today", "x"), 1, "no person named 'Bob' in project"),
    (("standup", "note", "Jonas", "--date", "2026-11-25"), 2, "nothing to note"),
    # worded as every other text limit (risk_rules), with the length given
    (("standup", "note", "Jonas", "--date", "2026-11-25", "--yesterday", "x" * 612), 2,
     "yesterday is 500 characters at most; you gave 612"),
    (("standup", "note", "Jonas", "--date", "2026-11-25", "--today", "ok", "--blockers", "b" * 501), 2,
     "blockers is 500 characters at most; you gave 501"),
    (("standup", "note", "Jonas", "--date", "2026-11-25", "--today", "IDoc \x1b[2J tests"), 2,
     "today contains the control character U+001B: it must be plain text"),
    # each refusal says where to go from there (the stand-up of 2026-11-25 is open)
    (("standup", "note", "Jonas", "--date", "2026-11-26", "--today", "x"), 1,
     "no stand-up open on 2026-11-26; the one open is on 2026-11-25: note it there with `--date 2026-11-25`, "
     "or `pmtui standup start --date 2026-11-26` opens the one of 2026-11-26"),
    (("standup", "finish", "--date", "2026-11-26"), 1,
     "no stand-up on 2026-11-26 to finish; the one open is on 2026-11-25: "
     "`pmtui standup finish --date 2026-11-25` finishes it"),
    (("standup", "report", "--date", "2026-11-26"), 1, "no stand-up on 2026-11-26 (the only one is on 2026-11-25)"),
    (("standup", "compare", "2026-11-25", "2026-11-26"), 1,
     "no stand-up on 2026-11-26 (the only one is on 2026-11-25)"),
    (("standup", "report", "--format", "pdf"), 2, "format 'pdf' is not known: use md or json"),
    (("standup", "compare", "2026-11-25", "2026-02-30"), 2, "date '2026-02-30' does not exist"),
    (("standup", "start", "--date", "2020-01-01"), 1,
     "before the project start 2026-10-12: there is no work to report yet (the first stand-up can be on 2026-10-12)"),
]


@pytest.mark.parametrize("args, code, message", BAD, ids=[" ".join(a) for a, _c, _m in BAD])
def test_bad_input_changes_nothing(db, args, code, message):
    assert cli(db, "standup", "start", "--date", "2026-11-25", "--keep-status-date").exit_code == 0
    before = file_digest(db)
    r = cli(db, *args)
    assert r.exit_code == code, r.stderr
    assert r.stderr.startswith("pmtui: ") and message in r.stderr and r.stderr.count("\n") == 1
    assert file_digest(db) == before


def test_every_command_has_an_example(db):
    for args in (("standup",), ("standup", "start"), ("standup", "agenda"), ("standup", "note"),
                 ("standup", "finish"), ("standup", "list"), ("standup", "report"), ("standup", "compare"),
                 ("progress",), ("blocker",)):
        r = cli(db, *args, "--help")
        assert r.exit_code == 0 and "Example: pmtui" in r.stdout, args


def test_the_agenda_is_the_open_stand_up_s_even_on_another_day(tmp_path):
    # `standup agenda` measured "due soon" from today while a stand-up started on another day
    # (and continued) was open; with no status date (kept), what it listed was not the meeting's
    db = tmp_path / "pilot.db"
    assert cli(db, "project", "new", "Pilot", "--start", "2026-11-02").exit_code == 0
    assert cli(db, "task", "add", "Data migration", "-d", "20d").exit_code == 0  # 02 Nov → 27 Nov
    assert cli(db, "standup", "start", "--date", "2026-11-04", "--keep-status-date").exit_code == 0
    before = file_digest(db)
    r = cli(db, "standup", "agenda")
    # due within 3 working days of 04 Nov: it starts then, and finishes long after
    assert r.exit_code == 0 and r.stdout == ("Agenda of the open stand-up of 2026-11-04:\n"
                                             "Unassigned\n"
                                             "  1        Data migration  starts Mon 02 Nov\n"), r.stdout
    data = json.loads(cli(db, "standup", "agenda", "--json").stdout)
    assert (data["day"], data["open_standup"]) == ("2026-11-04", True)
    assert [(p["person"], [t["why"] for t in p["tasks"]]) for p in data["people"]] == [
        ("Unassigned", ["starts Mon 02 Nov"])]
    assert file_digest(db) == before  # an agenda reads; it writes nothing
    # once it is finished, the agenda is today's, and says so
    assert cli(db, "standup", "finish", "--date", "2026-11-04").exit_code == 0
    r = cli(db, "standup", "agenda")
    assert r.exit_code == 0 and r.stdout.startswith(f"Agenda for today, {date.today()} (no stand-up open):\n")
    data = json.loads(cli(db, "standup", "agenda", "--json").stdout)
    assert (data["day"], data["open_standup"]) == (date.today().isoformat(), False)


def test_progress_and_the_agenda_say_a_status_date_ahead_of_today(db, monkeypatch):
    # with the status date ahead (`project status-date` set on, a stand-up kept it), both said
    # nothing: a task started "now" was dated then, and the agenda counted "due soon" from then;
    # only the stand-up screen said "status date … (ahead)"
    today = [date(2026, 11, 16)]  # the Monday before the demo's status date, Mon 23 Nov
    monkeypatch.setattr("pmtui.cli.standup._today", lambda: today[0])
    r = cli(db, "progress", "2.8", "80%")
    assert r.exit_code == 0 and r.stdout == (
        "2.8 Solution design document (SDD): percent complete 60 → 80. Finish 2027-02-15.\n"
        "Status date 2026-11-23 is ahead of today (2026-11-16): this progress is recorded as of 2026-11-23.\n")
    r = cli(db, "progress", "3.2.4", "--started")
    assert r.exit_code == 0 and r.stdout.splitlines()[1:] == [
        "Status date 2026-11-23 is ahead of today (2026-11-16): this progress is recorded as of 2026-11-23."]
    # nothing recorded, nothing to say it of
    r = cli(db, "progress", "2.8", "80%")
    assert r.exit_code == 0 and "ahead" not in r.stdout
    r = cli(db, "standup", "agenda")
    assert r.exit_code == 0 and r.stdout.splitlines()[:2] == [
        "Status date 2026-11-23 is ahead of today (2026-11-16): this agenda is as of 2026-11-23.",
        "Agenda for today, 2026-11-16 (no stand-up open):"]
    # read through the store (a project named), not sqlite3 alone: the same
    assert cli(db, "--project", "CRM migration", "standup", "agenda").stdout == r.stdout
    data = json.loads(cli(db, "standup", "agenda", "--json").stdout)
    assert (data["day"], data["status_date"], data["status_date_ahead"]) == ("2026-11-16", "2026-11-23", True)
    # a Monday's status date is not ahead of the Sunday before: both leave Monday's work to do
    for today[0] in (date(2026, 11, 22), date(2026, 11, 23)):
        r = cli(db, "progress", "2.8", "90%")
        assert r.exit_code == 0 and r.stdout.count("\n") == 1 and "ahead" not in r.stdout, r.stdout
        r = cli(db, "standup", "agenda")
        assert r.exit_code == 0 and r.stdout.startswith(f"Agenda for today, {today[0]} (no stand-up open):\n")
        assert json.loads(cli(db, "standup", "agenda", "--json").stdout)["status_date_ahead"] is False
        assert cli(db, "progress", "2.8", "80%").exit_code == 0
    # an open stand-up's agenda is the meeting's day's: measured against it
    assert cli(db, "standup", "start", "--date", "2026-11-18", "--keep-status-date").exit_code == 0
    r = cli(db, "standup", "agenda")
    assert r.exit_code == 0 and r.stdout.splitlines()[:2] == [
        "Status date 2026-11-23 is ahead of the stand-up's day (2026-11-18): this agenda is as of 2026-11-23.",
        "Agenda of the open stand-up of 2026-11-18:"]
