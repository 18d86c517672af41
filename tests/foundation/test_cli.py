"""The CLI through Typer's CliRunner: commands, JSON, one-line errors and exit codes, and bad
input leaving the database byte-for-byte unchanged."""

from __future__ import annotations

import json

import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli


@pytest.fixture
def planned(db_path):
    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
    for args in (
        ("task", "add", "Design", "--duration", "5d"),
        ("task", "add", "Build", "--duration", "2w", "--after", "1FS+2d"),
        ("task", "add", "Launch", "--duration", "0", "--after", "2"),
        ("resource", "add", "Alice Chen", "--rate", "650"),
        ("assign", "2", "Alice Chen", "--units", "50%"),
    ):
        r = cli(db_path, *args)
        assert r.exit_code == 0, r.stderr
    return db_path


def test_project_and_tasks(planned):
    r = cli(planned, "task", "list", "--json")
    rows = json.loads(r.stdout)
    assert [(t["wbs"], t["name"], t["duration"]) for t in rows] == [("1", "Design", 5), ("2", "Build", 10), ("3", "Launch", 0)]
    assert rows[1]["predecessors"] == "1FS+2d" and rows[1]["resources"] == "Alice Chen[50%]"
    assert rows[1]["start"] == "2027-01-13" and rows[2]["milestone"] and rows[2]["finish"] == "2027-01-26"
    out = cli(planned, "task", "list").stdout
    assert "Build" in out and "Finish 2027-01-26" in out
    r = cli(planned, "project", "list", "--json")
    assert json.loads(r.stdout)[0]["name"] == "Web shop" and json.loads(r.stdout)[0]["tasks"] == 3


def test_schedule_json_shape(planned):
    data = json.loads(cli(planned, "schedule", "--json").stdout)
    assert (data["project"], data["start"], data["finish"]) == ("Web shop", "2027-01-04", "2027-01-26")
    build = data["tasks"][1]
    for key in ("id", "wbs", "name", "duration", "summary", "milestone", "start", "finish", "early_start",
                "early_finish", "late_start", "late_finish", "total_float", "free_float", "critical", "driving"):
        assert key in build
    assert build["driving"] == [data["tasks"][0]["id"]] and build["critical"] is True
    assert cli(planned, "why", "3").stdout.splitlines()[0].startswith("3 Launch")


def test_edit_move_indent_link_undo_history(planned):
    assert cli(planned, "task", "edit", "2", "--duration", "3d", "--deadline", "2027-01-15").exit_code == 0
    assert cli(planned, "link", "1", "3", "--type", "SS", "--lag=-1d").exit_code == 0
    assert cli(planned, "task", "add", "Sub", "--under", "2").exit_code == 0
    assert cli(planned, "task", "move", "3", "up").exit_code == 0
    assert cli(planned, "unlink", "2", "1").exit_code == 1  # Launch (now 2) never preceded Design
    hist = cli(planned, "history").stdout
    assert "Move task up" in hist and "Link tasks" in hist
    r = cli(planned, "undo")
    assert r.exit_code == 0 and r.stdout.startswith("Undone: Move task up")
    assert cli(planned, "redo").stdout.startswith("Redone: Move task up")
    assert cli(planned, "task", "rm", "3", "-r").exit_code == 0


def test_calendar_commands(planned):
    assert cli(planned, "calendar", "holiday", "add", "2027-01-06", "Epiphany").exit_code == 0
    assert cli(planned, "calendar", "workdays", "mon-thu").exit_code == 0
    data = json.loads(cli(planned, "calendar", "show", "--json").stdout)
    assert data == {"workdays": ["mon", "tue", "wed", "thu"],
                    "exceptions": [{"date": "2027-01-06", "working": False, "name": "Epiphany"}]}


BAD = [
    (("task", "add", "X", "--duration", "banana"), 2, "duration 'banana' is not understood"),
    (("task", "edit", "9.9", "--duration", "3d"), 1, "no task 9.9 in project 'Web shop'"),
    (("link", "3", "1"), 1, "dependency cycle"),
    (("calendar", "holiday", "add", "2027-02-30"), 2, "date '2027-02-30' does not exist"),
    (("task", "add", "X", "--after", "1XX"), 2, "predecessor '1XX' is not understood"),
    (("task", "add", "X", "--under", "7"), 1, "no task 7"),
    (("assign", "1", "Nobody"), 1, "no resource named 'Nobody'"),
    (("task", "rm", "4"), 1, "no task 4"),
    (("project", "use", "Nope"), 1, "no project named 'Nope'"),
    (("task", "edit", "1"), 2, "nothing to change"),
    (("link", "1", "2", "--type", "XX"), 2, "link type 'XX' is unknown"),
    (("task", "nonsense"), 2, "No such command"),
    (("resource", "add", "Bob", "--rate", "lots"), 2, "amount 'lots' is not a number"),
]


@pytest.mark.parametrize("args,code,message", BAD, ids=[" ".join(a) for a, _, _ in BAD])
def test_bad_input_is_one_line_and_changes_nothing(planned, args, code, message):
    before = file_digest(planned)
    r = cli(planned, *args)
    assert r.exit_code == code
    assert message in r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("pmtui: ")
    assert r.stdout == ""
    assert file_digest(planned) == before


def test_every_command_has_an_example_in_its_help(db_path):
    from pmtui.cli import command

    def walk(cmd, path):
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                yield from walk(sub, [*path, name])
        else:
            yield path

    paths = list(walk(command, []))
    assert len(paths) > 25
    for path in paths:
        r = cli(db_path, *path, "--help")
        assert r.exit_code == 0, path
        assert "Example: pmtui" in r.stdout, path


def test_no_project_yet_says_what_to_do(db_path):
    r = cli(db_path, "task", "list")
    assert r.exit_code == 1
    assert "no project yet: create one with `pmtui project new NAME --start DATE`" in r.stderr
