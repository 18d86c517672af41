"""A PM scripting a plan with the CLI: typos and misreadings are refused with one clear line and
leave the plan as it was, and what is done is said as it was done."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli


@pytest.fixture
def planned(db_path, built_db):
    return built_db(f"{__name__}.planned", _plan, db_path)


def _plan(db_path):
    for args in (
        ("project", "new", "Office move", "--start", "2027-01-04"),
        ("task", "add", "Plan", "--duration", "5d"),
        ("resource", "add", "Ann", "--rate", "600"),
    ):
        r = cli(db_path, *args)
        assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize("amount", ["1.200,50", "1,5", "12,50", "1,2345"])
def test_a_comma_that_does_not_group_thousands_is_refused(planned, amount):
    # '1.200,50' (as typed in much of Europe) was saved as 1.20, and '1,5' as 15
    before = file_digest(planned)
    r = cli(planned, "cost", "actual", "1", amount)
    assert r.exit_code == 2
    assert f"amount {amount!r} is not a number" in r.stderr and "comma only groups thousands" in r.stderr
    r = cli(planned, "resource", "edit", "Ann", "--rate", amount)
    assert r.exit_code == 2 and "comma only groups thousands" in r.stderr
    assert file_digest(planned) == before


@pytest.mark.parametrize("amount,value", [("1,200", 1200.0), ("1,200.50", 1200.5), ("12,500,000", 12_500_000.0),
                                          ("1200.5", 1200.5)])
def test_thousands_commas_still_read(planned, amount, value):
    assert cli(planned, "cost", "actual", "1", amount).exit_code == 0
    rows = json.loads(cli(planned, "cost", "list", "--json").stdout)["tasks"]
    assert rows[0]["actual"] == value


def test_a_holiday_on_a_date_that_reads_two_ways_is_refused(planned):
    before = file_digest(planned)
    r = cli(planned, "calendar", "holiday", "add", "06/01/2027", "Epiphany")
    assert r.exit_code == 2
    assert r.stderr == "pmtui: date '06/01/2027' could be 1 June 2027 or 6 January 2027: write it as YYYY-MM-DD\n"
    assert file_digest(planned) == before


@pytest.mark.parametrize("args, message", [
    (("holiday", "add", "2027-01-06", "Epi\x1b[31mphany"),
     "holiday name contains the control character U+001B: names are plain text"),
    (("workday", "add", "2027-01-09", "w" * 201), "worked day name is longer than 200 characters"),
    (("holiday", "add", "2027-01-06", "Epi\nphany"), "holiday name must be one line"),
], ids=["escape", "long", "two-lines"])
def test_a_holiday_or_worked_day_name_follows_the_rules_of_names(planned, args, message):
    # 'Epi\x1b[31mphany' was kept, and `calendar show` then wrote the escape to the terminal
    digest = file_digest(planned)
    r = cli(planned, "calendar", *args)
    assert r.exit_code == 2 and r.stderr == f"pmtui: {message}\n"
    assert file_digest(planned) == digest
    r = cli(planned, "calendar", "holiday", "add", "2027-01-06", "  Epiphany ")
    assert r.exit_code == 0 and r.stdout == "Holiday 2027-01-06 Epiphany.\n"
    assert cli(planned, "calendar", "holiday", "add", "2027-01-07").stdout == "Holiday 2027-01-07.\n"


def test_removing_a_worked_day_leaves_a_holiday_on_that_date_alone(planned):
    # `calendar workday rm` on a holiday removed the holiday, and said the day was normal again
    assert cli(planned, "calendar", "holiday", "add", "2027-01-06", "Epiphany").exit_code == 0
    assert cli(planned, "calendar", "workday", "add", "2027-01-09", "Move Saturday").exit_code == 0
    before = file_digest(planned)
    r = cli(planned, "calendar", "workday", "rm", "2027-01-06")
    assert r.exit_code == 1
    assert r.stderr == ("pmtui: 2027-01-06 is a holiday (Epiphany), not a worked day: "
                        "to remove it, use `pmtui calendar holiday rm 2027-01-06`\n")
    r = cli(planned, "calendar", "holiday", "rm", "2027-01-09")
    assert r.exit_code == 1
    assert r.stderr == ("pmtui: 2027-01-09 is a worked day (Move Saturday), not a holiday: "
                        "to remove it, use `pmtui calendar workday rm 2027-01-09`\n")
    assert file_digest(planned) == before
    assert cli(planned, "calendar", "workday", "rm", "2027-01-09").exit_code == 0
    assert cli(planned, "calendar", "holiday", "rm", "2027-01-06").exit_code == 0
    assert json.loads(cli(planned, "calendar", "show", "--json").stdout)["exceptions"] == []


def test_project_edit_with_nothing_to_change_says_so(planned):
    # it printed "'Office move' starts 2027-01-04, currency EUR." and exited 0, as for an edit
    before = file_digest(planned)
    r = cli(planned, "project", "edit")
    assert r.exit_code == 2 and r.stderr == "pmtui: nothing to change: give --start or --currency\n"
    r = cli(planned, "project", "edit", "--currency", "eur", "--start", "2027-01-04")
    assert r.exit_code == 0
    assert r.stdout == "'Office move' starts 2027-01-04, currency EUR already: nothing changed.\n"
    assert file_digest(planned) == before
    r = cli(planned, "project", "edit", "--currency", "usd")
    assert r.stdout == "'Office move' starts 2027-01-04, currency USD.\n"


def test_resource_edit_says_what_changed_in_the_units_it_was_typed_in(planned):
    # the history read "max units: 1.0 → 0.5" and "cost rate: 600.0 → 650.0", the command only "Updated 'Ann'."
    r = cli(planned, "resource", "edit", "ann", "--rate", "650", "--max-units", "50%")
    assert r.exit_code == 0
    assert r.stdout == "Updated 'Ann': cost rate 600.00/day → 650.00/day; max units 100% → 50%.\n"
    summary = json.loads(cli(planned, "history", "--json").stdout)[0]["summary"]
    assert summary == "resource 'Ann' cost rate 600.00/day → 650.00/day; resource 'Ann' max units 100% → 50%"
    before = file_digest(planned)
    r = cli(planned, "resource", "edit", "Ann", "--rate", "650")
    assert r.exit_code == 0 and r.stdout == "'Ann' has those values already: nothing changed.\n"
    assert file_digest(planned) == before


def test_unassign_and_resource_rm_name_whom_they_took_off(planned):
    # "Unassigned 'ann' from 1." and "Removed 'ann' and 1 assignments.": the name as typed, no task name
    assert cli(planned, "resource", "add", "Bob", "--rate", "500").exit_code == 0
    assert cli(planned, "assign", "1", "Ann", "--units", "50%").exit_code == 0
    assert cli(planned, "assign", "1", "Bob").exit_code == 0
    r = cli(planned, "unassign", "1", "ann")
    assert r.exit_code == 0 and r.stdout == "Unassigned Ann from 1 Plan.\n"
    r = cli(planned, "resource", "rm", "bob")
    assert r.exit_code == 0 and r.stdout == "Removed 'Bob' and 1 assignment.\n"
    assert json.loads(cli(planned, "history", "--json").stdout)[0]["summary"] == "removed resource 'Bob' and 1 assignment"


def test_a_project_is_found_whatever_the_case_and_spaces_when_only_one_matches(planned):
    # "no project named 'office move '" though 'Office move' was the only project by that name
    assert cli(planned, "project", "new", "Second", "--start", "2027-01-04").exit_code == 0
    r = cli(planned, "project", "use", "office move ")
    assert r.exit_code == 0 and r.stdout == "Now working on 'Office move'.\n"
    r = cli(planned, "-p", " SECOND", "project", "show", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["name"] == "Second"
    # two names that differ only in case: neither is guessed
    assert cli(planned, "project", "new", "SECOND", "--start", "2027-01-04").exit_code == 0
    before = file_digest(planned)
    r = cli(planned, "project", "use", "second")
    assert r.exit_code == 1 and r.stderr.startswith("pmtui: no project named 'second'; projects: ")
    assert file_digest(planned) == before


def _example(*path: str) -> list[str]:
    import shlex

    from pmtui.cli import command

    cmd = command
    for name in path:
        cmd = cmd.commands[name]
    text = cmd.epilog.removeprefix("Example: pmtui ").split("\n")[0].split("   (")[0]
    return shlex.split(text)


def test_the_help_examples_run_on_the_demo(db_path):
    # `pmtui assign 2.3 ...` and `pmtui cost actual 2.3 ...` were refused there: 2.3 is a summary
    assert cli(db_path, "demo").exit_code == 0
    for path in (("resource", "add"), ("resource", "edit"), ("resource", "load"), ("assign",), ("unassign",),
                 ("cost", "actual"), ("calendar", "holiday", "add"), ("calendar", "holiday", "rm"),
                 ("calendar", "workday", "add"), ("calendar", "workday", "rm"), ("calendar", "workdays"),
                 ("issue", "add"), ("issue", "edit"), ("issue", "resolve"), ("resource", "rm"), ("history",), ("undo",), ("redo",),
                 ("project", "new"), ("project", "edit"), ("project", "use"), ("project", "rename")):
        r = cli(db_path, *_example(*path))
        assert r.exit_code == 0, (path, r.stderr)


def test_issue_list_on_an_80_column_terminal_cuts_no_title_nor_date(planned, monkeypatch):
    # "Implementati…" with the rest of the title wrapped below it, and the raised date cut to "2026-1"
    from typer.testing import CliRunner, _NamedTextIOWrapper

    from pmtui.cli import app

    for args in (("resource", "add", "Northstar CRM Consulting", "--kind", "vendor"),
                 ("issue", "add", "Implementation partner staffing delay", "--owner", "Northstar CRM Consulting",
                  "--task", "1"),
                 ("issue", "add", "Firewall change for SAP interface not approved by security", "--kind", "blocker"),
                 ("issue", "resolve", "I2")):
        assert cli(planned, *args).exit_code == 0
    monkeypatch.setattr(_NamedTextIOWrapper, "isatty", lambda self: True, raising=False)
    r = CliRunner(env={"COLUMNS": "80", "LINES": "24"}).invoke(app, ["--db", str(planned), "issue", "list"])
    assert r.exit_code == 0
    text = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)  # the headings are bold on a terminal
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines) and "…" not in text
    words = text.split()
    for word in ("Implementation", "partner", "staffing", "delay", "Firewall", "security", "approved"):
        assert word in words
    raised = [line.rstrip()[-10:] for line in lines if re.match(r"I\d ", line)]
    assert len(raised) == 2 and all(d[:4].isdigit() and d[4] == "-" and len(d) == 10 for d in raised)


def test_no_project_in_a_database_named_by_db_says_which_file_was_read(tmp_path, monkeypatch):
    # `--db plna.db` (a typo) opened a new, empty database and said only "no project yet"
    typo = tmp_path / "plna.db"
    r = cli(typo, "task", "list")
    assert r.exit_code == 1
    assert r.stderr == ("pmtui: no project yet: create one with `pmtui project new NAME --start DATE` or try "
                        f"`pmtui demo` (in {typo}, from --db: is that the database you meant?)\n")
    assert cli(typo, "project", "list").stdout.endswith(f"(in {typo}, from --db: is that the database you meant?).\n")
    monkeypatch.setenv("PMTUI_DB", str(typo))
    from typer.testing import CliRunner

    from pmtui.cli import app

    r = CliRunner().invoke(app, ["resource", "list"])
    assert r.exit_code == 1 and f"(in {typo}, from $PMTUI_DB: is that" in r.stderr
    monkeypatch.delenv("PMTUI_DB")
    r = CliRunner().invoke(app, ["resource", "list"])  # the default database: nothing to question
    assert r.exit_code == 1 and r.stderr.endswith("or try `pmtui demo`\n")


def test_a_severity_with_decimals_is_said_to_be_not_whole(planned):
    # "severity '3.5' is not a number"
    before = file_digest(planned)
    r = cli(planned, "issue", "add", "Printer jam", "--severity", "3.5")
    assert r.exit_code == 2
    assert r.stderr == "pmtui: severity '3.5' is not a whole number: use 1 (very low) to 5 (very high)\n"
    r = cli(planned, "issue", "add", "Printer jam", "--severity", "high")
    assert r.stderr == "pmtui: severity 'high' is not a number: use 1 (very low) to 5 (very high)\n"
    assert file_digest(planned) == before


def test_assigning_above_max_units_says_so(planned):
    # Ann works half time: assigned at the default 100% she was overbooked on every day of the task, unsaid
    assert cli(planned, "resource", "edit", "Ann", "--max-units", "50%").exit_code == 0
    r = cli(planned, "assign", "1", "Ann")
    assert r.exit_code == 0 and r.stdout == "Assigned Ann → 1 Plan at 100%, above Ann's max units of 50%.\n"
    r = cli(planned, "assign", "1", "Ann", "--units", "50%")
    assert r.exit_code == 0 and r.stdout == "Assigned Ann → 1 Plan at 50%.\n"


def test_nothing_to_redo_after_a_new_change_says_why(planned):
    # "nothing to redo in project 'Office move' (the current one); to redo in another project, name
    # it": there was no other project; the change made after the undo had dropped the redo
    assert cli(planned, "calendar", "holiday", "add", "2027-01-06", "Epiphany").exit_code == 0
    assert cli(planned, "undo").exit_code == 0
    assert cli(planned, "calendar", "holiday", "add", "2027-01-07", "Other").exit_code == 0
    before = file_digest(planned)
    r = cli(planned, "redo")
    assert r.exit_code == 1
    assert r.stderr == ("pmtui: nothing to redo in project 'Office move' (the current one): nothing was undone "
                        "since its last change (a change made after an undo drops the redo)\n")
    assert file_digest(planned) == before


def test_a_worked_day_is_confirmed_with_its_name(planned):
    r = cli(planned, "calendar", "workday", "add", "2027-03-06", "Cutover Saturday")
    assert r.exit_code == 0 and r.stdout == "Worked day 2027-03-06 Cutover Saturday.\n"
    r = cli(planned, "calendar", "workday", "add", "2027-03-07")
    assert r.exit_code == 0 and r.stdout == "Worked day 2027-03-07.\n"


def test_project_show_counts_one_exception_in_the_singular(planned):
    assert cli(planned, "calendar", "holiday", "add", "2027-01-06", "Epiphany").exit_code == 0
    lines = cli(planned, "project", "show").stdout.splitlines()
    assert "working days mon,tue,wed,thu,fri, 1 exception" in lines


def test_an_unknown_resource_names_the_one_meant_or_those_there_are(planned):
    # '(see `pmtui resource list`)' sent the user to look up a name pmtui had in hand
    assert cli(planned, "resource", "add", "Ann Other", "--rate", "500").exit_code == 0
    before = file_digest(planned)
    for args in (("resource", "load", "Bob"), ("assign", "1", "Bob"), ("resource", "edit", "Bob", "--rate", "5"),
                 ("resource", "rm", "Bob"), ("unassign", "1", "Bob")):
        r = cli(planned, *args)
        assert (r.exit_code, r.stderr) == (1, "pmtui: no resource named 'Bob' in this project; "
                                              "its resources: Ann, Ann Other\n"), args
    # `resource load` only reads, so a unique start of a name is taken as the name
    r = cli(planned, "resource", "load", "ann o")
    assert r.exit_code == 0 and "Ann Other" in r.stdout and r.stderr == ""
    r = cli(planned, "assign", "1", "Ann O")
    assert r.stderr == "pmtui: no resource named 'Ann O' in this project: did you mean 'Ann Other'?\n"
    assert file_digest(planned) == before
