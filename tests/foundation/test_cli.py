"""The CLI through Typer's CliRunner: commands, JSON, one-line errors and exit codes, and bad
input leaving the database byte-for-byte unchanged."""

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


def test_show_commands_print_json(planned):
    # the README promises --json on the show commands
    task = json.loads(cli(planned, "task", "show", "2", "--json").stdout)
    assert (task["wbs"], task["start"], task["finish"], task["late_finish"]) == ("2", "2027-01-13", "2027-01-26", "2027-01-26")
    assert task["free_float"] == 0 and task["why"][0].startswith("2 Build")
    project = json.loads(cli(planned, "project", "show", "--json").stdout)
    assert (project["name"], project["start"], project["finish"], project["tasks"]) == ("Web shop", "2027-01-04", "2027-01-26", 3)


def test_assigning_someone_twice_is_said_and_changes_nothing(planned):
    before = file_digest(planned)
    r = cli(planned, "assign", "2", "Alice Chen", "--units", "50%")
    assert r.exit_code == 1 and "Alice Chen is already assigned to 2 Build at 50%" in r.stderr
    assert file_digest(planned) == before


@pytest.mark.parametrize("suffix", ["", "-wal", ".before-0004-20270101-000000-000000.bak"])
def test_no_output_is_written_over_a_database(planned, suffix):
    # `pmtui export plan.db` replaced the open database (every project and the undo history)
    # with a JSON file; a backup is a database too, and the -wal file is one by its name
    import shutil

    target = planned.with_name(planned.name + suffix)
    if suffix.endswith(".bak"):
        shutil.copy(planned, target)
    kept = target.read_bytes() if target.exists() else None
    for args in (("export", str(target), "--format", "json"), ("report", "-o", str(target)),
                 ("gantt", "--svg", str(target))):
        r = cli(planned, *args)
        assert r.exit_code == 1 and "database, not an output file" in r.stderr, r.stderr
        assert (target.read_bytes() if target.exists() else None) == kept
    assert cli(planned, "task", "list", "--json").exit_code == 0


def test_changes_that_run_the_plan_past_its_last_date_are_refused(db_path):
    # A plan that runs to 2138: a one-day week, a later start or a long lag would run it past
    # 2149-12-31 (or past the year 9999, which crashed every later command with a traceback)
    assert cli(db_path, "project", "new", "Long", "--start", "2027-01-04").exit_code == 0
    for args in (("task", "add", "A", "--duration", "10000d"), ("task", "add", "B", "--duration", "10000d", "--after", "1"),
                 ("task", "add", "C", "--duration", "9000d", "--after", "2")):
        assert cli(db_path, *args).exit_code == 0
    before = file_digest(db_path)
    for args in (("calendar", "workdays", "sun"), ("project", "edit", "--start", "2100-01-01"),
                 ("link", "1", "3", "--lag", "100000d"), ("task", "add", "D", "--duration", "100000d")):
        r = cli(db_path, *args)
        assert r.exit_code == 1 and "after 2149-12-31" in r.stderr, (args, r.stderr)
        assert file_digest(db_path) == before
    assert "Finish 2138-02-28" in cli(db_path, "task", "list").stdout
    # days left are not a duration to the user who typed them: the refusal names them too
    assert cli(db_path, "project", "status-date", "2027-01-04").exit_code == 0
    before = file_digest(db_path)
    r = cli(db_path, "progress", "1", "--remaining", "99999d")
    assert r.exit_code == 1 and "after 2149-12-31" in r.stderr and "days left" in r.stderr, r.stderr
    assert file_digest(db_path) == before


def test_removing_a_risk_owner_says_what_blocks_it(planned):
    # the database's "FOREIGN KEY constraint failed" told nobody what to do
    assert cli(planned, "risk", "add", "Vendor late", "-P", "3", "-I", "4", "--owner", "Alice Chen").exit_code == 0
    before = file_digest(planned)
    r = cli(planned, "resource", "rm", "Alice Chen")
    assert r.exit_code == 1 and "Alice Chen owns risk R1: give them another owner first" in r.stderr
    assert file_digest(planned) == before
    assert cli(planned, "resource", "add", "Bo", "--rate", "500").exit_code == 0
    assert cli(planned, "risk", "edit", "R1", "--owner", "Bo").exit_code == 0
    assert cli(planned, "resource", "rm", "Alice Chen").exit_code == 0


def test_names_are_plain_text_and_progress_waits_for_the_start(planned, tmp_path):
    before = file_digest(planned)
    r = cli(planned, "task", "add", "x\x1b[31mRED")  # an escape code, acted on by every terminal listing it
    assert r.exit_code == 2 and "control character U+001B" in r.stderr
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    r = cli(planned, "import", str(deep))
    assert r.exit_code == 1 and "nested too deeply" in r.stderr
    # with no status date, progress is reported up to today, and refused before the project
    # start: the dates it implied were in the future, and a 3-day task spanned 21 days. Asked of
    # this plan (start 4 Jan 2027) only while today was before it, the check lapsed on that day.
    later = tmp_path / "later.db"
    for args in (("project", "new", "Later", "--start", "2099-01-05"), ("task", "add", "Design", "--duration", "3d")):
        assert cli(later, *args).exit_code == 0, args
    digest = file_digest(later)
    r = cli(later, "progress", "1", "50%")
    assert r.exit_code == 1 and "before the project start 2099-01-05" in r.stderr, r.stderr
    assert file_digest(later) == digest
    assert cli(planned, "project", "status-date", "2027-01-06").exit_code == 0
    r = cli(planned, "progress", "1", "40%")
    assert r.exit_code == 0 and "actual start none → 2027-01-04" in r.stdout
    assert file_digest(planned) != before


def test_an_import_refuses_the_names_an_edit_refuses(planned, tmp_path):
    # a name with an escape code came in through a JSON import, then every edit of that task
    # was refused for its name
    path = tmp_path / "p.json"
    assert cli(planned, "export", str(path)).exit_code == 0
    doc = json.loads(path.read_text())
    doc["tasks"][0]["name"] = "Build \u001b[31mred\u0085x"
    path.write_text(json.dumps(doc))
    before = file_digest(planned)
    r = cli(planned, "import", str(path), "--name", "Q")
    assert r.exit_code == 1 and "control character U+001B" in r.stderr, r.stderr
    assert file_digest(planned) == before


def test_days_left_survive_a_round_trip_through_ms_project_xml(db_path, tmp_path):
    # Duration = actual + remaining in the file, as MS Project keeps it: the parts no longer
    # summed to the duration, and the re-imported plan finished 3 days earlier
    for args in (("project", "new", "P", "--start", "2026-11-02"), ("task", "add", "A", "-d", "30d"),
                 ("task", "add", "B", "-d", "2d", "--after", "1"), ("project", "status-date", "2026-12-10"),
                 ("progress", "1", "--started", "--on", "2026-11-02"), ("progress", "1", "--remaining", "1d")):
        assert cli(db_path, *args).exit_code == 0, args
    finish = json.loads(cli(db_path, "schedule", "--json").stdout)["finish"]
    path = tmp_path / "rt.xml"
    assert cli(db_path, "export", str(path)).exit_code == 0
    assert cli(db_path, "import", str(path), "--name", "RT").exit_code == 0
    assert json.loads(cli(db_path, "-p", "RT", "schedule", "--json").stdout)["finish"] == finish == "2026-12-14"


def test_names_are_printed_as_typed(planned):
    # Rich read "[...]" in a name as markup: "[phase 2]" vanished, and "[/]" raised a traceback
    # after the write was saved (a script retrying on the exit code added it twice)
    r = cli(planned, "task", "add", "Cutover [phase 2] [/] run", "--duration", "1d")
    assert r.exit_code == 0 and "Cutover [phase 2] [/] run" in r.stdout
    r = cli(planned, "risk", "add", "Vendor [bold]late[/] and [/] more", "-P", "2", "-I", "2")
    assert r.exit_code == 0
    for args in (("task", "list"), ("schedule",), ("risk", "list"), ("history",), ("undo",)):
        r = cli(planned, *args)
        assert r.exit_code == 0, (args, r.stderr)
    assert "Cutover [phase 2] [/] run" in cli(planned, "task", "list").stdout


def test_a_task_with_a_risk_and_an_issue_can_be_deleted_and_undone(planned):
    # "FOREIGN KEY constraint failed": most critical tasks of a real plan have a risk on them
    assert cli(planned, "risk", "add", "Late", "-P", "3", "-I", "3", "--task", "2").exit_code == 0
    assert cli(planned, "issue", "add", "Rig broken", "--task", "2").exit_code == 0
    r = cli(planned, "task", "rm", "2")
    assert r.exit_code == 0, r.stderr
    risk = json.loads(cli(planned, "risk", "show", "R1", "--json").stdout)
    assert risk["title"] == "Late" and not risk.get("tasks")
    assert cli(planned, "undo").exit_code == 0
    assert [t["name"] for t in json.loads(cli(planned, "task", "list", "--json").stdout)] == ["Design", "Build", "Launch"]
    assert json.loads(cli(planned, "risk", "show", "R1", "--json").stdout).get("tasks")
    assert json.loads(cli(planned, "issue", "list", "--json").stdout)[0]["task"] is not None


def test_edit_move_indent_link_undo_history(planned):
    assert cli(planned, "task", "edit", "2", "--duration", "3d", "--deadline", "2027-01-15").exit_code == 0
    assert cli(planned, "link", "1", "3", "--type", "SS", "--lag=-1d").exit_code == 0
    # Build becomes a summary: Alice leaves it first (as indent, add refuses a summary with people on it)
    assert cli(planned, "unassign", "2", "Alice Chen").exit_code == 0
    assert cli(planned, "task", "add", "Sub", "--under", "2").exit_code == 0
    assert cli(planned, "task", "move", "3", "up").exit_code == 0
    assert cli(planned, "unlink", "2", "1").exit_code == 1  # Launch (now 2) never preceded Design
    hist = cli(planned, "history").stdout
    assert "Move task up" in hist and "Link tasks" in hist
    r = cli(planned, "undo")
    assert r.exit_code == 0 and r.stdout.startswith("Undone: Move task up")
    assert cli(planned, "redo").stdout.startswith("Redone: Move task up")
    assert cli(planned, "task", "rm", "3", "-r").exit_code == 0


def test_a_task_under_way_is_not_made_a_milestone(planned):
    """Build at 40 %, then --duration 0: it became a milestone at 40 % dated 4 to 7 January, a
    state progress refuses ('a milestone is reached (100 %) or not (0 %)'); now refused too."""
    assert cli(planned, "project", "status-date", "2027-01-20").exit_code == 0
    assert cli(planned, "progress", "2", "40%").exit_code == 0
    before = file_digest(planned)
    r = cli(planned, "task", "edit", "2", "--duration", "0")
    assert r.exit_code == 1
    assert "2 Build is 40 % done: a milestone is reached (100 %) or not (0 %)" in r.stderr
    assert file_digest(planned) == before
    assert cli(planned, "progress", "2", "--done").exit_code == 0
    assert cli(planned, "task", "edit", "2", "--duration", "0").exit_code == 0  # done: allowed


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
    # a command with more than one date says which of its options to fix
    (("why", "finish", "--since", "banana"), 2, "--since date 'banana' is not understood"),
    (("report", "--since", "banana"), 2, "--since date 'banana' is not understood"),
    (("gantt", "--from", "2027-01-04", "--to", "banana"), 2, "--to date 'banana' is not understood"),
    (("resource", "load", "--from", "31/31/2027"), 2, "--from date '31/31/2027' is not understood"),
    (("task", "add", "X", "--under", "7"), 1, "no task 7"),
    (("assign", "1", "Nobody"), 1, "no resource named 'Nobody'"),
    (("task", "rm", "4"), 1, "no task 4"),
    (("project", "use", "Nope"), 1, "no project named 'Nope'"),
    (("task", "edit", "1"), 2, "nothing to change"),
    (("link", "1", "2", "--type", "XX"), 2, "link type 'XX' is unknown"),
    (("task", "nonsense"), 2, "No such command"),
    (("resource", "add", "Bob", "--rate", "lots"), 2, "amount 'lots' is not a number"),
    # NaN, infinity and typos in money or dates never reach the database (or a later export).
    (("progress", "1", "nan%"), 2, "percent complete 'nan%' is not a number: use 0 to 100"),
    (("task", "add", "X", "--fixed-cost", "inf"), 2, "amount inf is not a finite number"),
    (("task", "add", "X", "--fixed-cost", "nan"), 2, "amount nan is not a finite number"),
    (("task", "add", "X", "--fixed-cost", "1e400"), 2, "amount inf is not a finite number"),
    (("task", "add", "X", "--fixed-cost", "5e12"), 2, "amount 5,000,000,000,000 is too large"),
    (("resource", "add", "Bob", "--rate", "-inf"), 2, "amount -inf is not a finite number"),
    (("resource", "edit", "Alice Chen", "--rate", "nan"), 2, "amount nan is not a finite number"),
    (("risk", "add", "Outage", "-P", "3", "-I", "3", "--cost-impact", "inf"), 2, "amount inf is not a finite number"),
    (("task", "add", "X", "--deadline", "0001-01-01"), 2,
     "deadline 0001-01-01 is out of range: plan dates run from 1984-01-01 to 2149-12-31"),
    (("task", "edit", "1", "--constraint", "MFO", "--constraint-date", "9999-12-31"), 2,
     "constraint date 9999-12-31 is out of range"),
    (("calendar", "holiday", "add", "0001-01-01", "Typo"), 2, "holiday 0001-01-01 is out of range: plan dates run from"),
    (("calendar", "workday", "add", "9999-12-25", "Typo"), 2, "worked day 9999-12-25 is out of range"),
    # what was typed names no format or asks for two things at once: malformed (2), as
    # `report --format banana` is; they said 1, the code of a plan refusing a request
    (("export", "plan.banana"), 2,
     "plan.banana: cannot tell the format from '.banana': give --format (mspdi, csv, json, ics, mermaid)"),
    (("export", "-", "--format", "banana"), 2, "format 'banana' is unknown: use one of mspdi, csv, json, ics, mermaid"),
    (("export", "-"), 2, "writing to stdout needs --format"),
    # only the formats an import reads: it offered ics and mermaid, then refused them
    (("import", "plan.xml", "--format", "banana"), 2, "format 'banana' is unknown: use one of mspdi, csv, json\n"),
    (("import", "plan"), 2, "plan: cannot tell the format from 'no extension': give --format (mspdi, csv, json)\n"),
    (("import", "plan.xml", "--name", "A", "--into", "B"), 2, "give either --name (a new project) or --into"),
    # a negative number where a value goes is read as an option: it said "No such option: -5"
    (("cost", "actual", "1", "-5"), 2, "error: -5 is negative: no value given here can be below 0"),
    (("progress", "1", "-20%"), 2, "error: -20% is negative"),
    (("task", "show", "1", "-x"), 2, "No such option: -x"),
    (("project", "status-date", "3000-01-01"), 2, "status date 3000-01-01 is out of range"),
    (("project", "edit", "--start", "1970-01-01"), 2, "project start 1970-01-01 is out of range"),
    (("risk", "add", "Outage", "-P", "3", "-I", "3", "--review", "2200-01-01"), 2, "review date 2200-01-01 is out of range"),
    (("resource", "edit", "Nobody", "--rate", "5"), 1, "no resource named 'Nobody'"),
    # str.isdigit() says yes to '²', int() does not; a huge id overflows SQLite's integer
    (("task", "show", "²"), 2, "task '²' is not a WBS code"),
    (("task", "show", "#²"), 2, "task id '#²' is not a number"),
    (("project", "use", "99999999999999999999999"), 1, "no project named '99999999999999999999999'"),
    (("task", "add", "X", "--due-soon"), 2, "No such option"),
    # "is after today, …" while today is before the plan's start (4 Jan 2027; test_report pins
    # that wording), "is after the status date …" once today is past it and stands in for one
    (("report", "--since", "2149-01-01"), 2, "pmtui: --since 2149-01-01 is after "),
    (("gantt", "--svg", "/nonexistent/dir/chart.svg"), 1, "cannot write /nonexistent/dir/chart.svg: No such file or directory"),
    (("export", "/nonexistent/dir/plan.xml"), 1, "cannot write /nonexistent/dir/plan.xml: No such file or directory"),
    # an empty value (a script's unset "$DAY") is not a value left out: --done --on "" marked the
    # task done on the default day, --start "" kept the start and said so
    (("progress", "1", "--done", "--on", ""), 2, "date is empty"),
    (("progress", "1", "--started", "--on", " "), 2, "date is empty"),
    (("project", "edit", "--start", ""), 2, "date is empty"),
    (("resource", "edit", "Alice Chen", "--max-units", ""), 2, "units '' are not understood"),
    (("standup", "start", "--date", ""), 2, "date is empty"),
    (("standup", "report", "--date", ""), 2, "date is empty"),
    (("resource", "load", "--from", ""), 2, "date is empty"),
    (("gantt", "--from", ""), 2, "date is empty"),
    (("report", "--since", ""), 2, "date is empty"),
    # as risk add --task "" is refused: issue add recorded an issue on no task, exit 0
    (("issue", "add", "Rig down", "--task", ""), 2, "task '' is not a WBS code (like 1.2) or an id (like #17)"),
    (("issue", "add", "Rig down", "--risk", ""), 2, "risk '' is not an id"),
    # --under "" added the task at the top level
    (("task", "add", "X", "--under", ""), 2, "task '' is not a WBS code (like 1.2) or an id (like #17)"),
    (("task", "add", "X", "--below", ""), 2, "task '' is not a WBS code (like 1.2) or an id (like #17)"),
    # as indent refuses it: Build (Alice Chen at 50 %) became a summary with Alice on it
    (("task", "add", "API", "--under", "2"), 1,
     "2 Build has resources assigned: unassign them before it becomes a summary"),
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


def test_resource_edit_renames_and_reprices_and_undoes(planned):
    r = cli(planned, "resource", "edit", "Alice Chen", "--name", "Alice Chen-Ito", "--rate", "700", "--kind", "vendor")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(cli(planned, "resource", "list", "--json").stdout)
    assert [(x["name"], x["kind"], x["cost_rate"]) for x in rows] == [("Alice Chen-Ito", "vendor", 700.0)]
    assert "Alice Chen-Ito[50%]" in json.loads(cli(planned, "task", "list", "--json").stdout)[1]["resources"]
    assert cli(planned, "undo").exit_code == 0
    rows = json.loads(cli(planned, "resource", "list", "--json").stdout)
    assert [(x["name"], x["kind"], x["cost_rate"]) for x in rows] == [("Alice Chen", "person", 650.0)]


def test_a_constraint_date_alone_means_start_no_earlier_than(planned):
    """MS Project turns an ASAP task with a typed constraint date into Start No Earlier Than it;
    choosing ASAP again drops the date."""
    assert cli(planned, "task", "edit", "1", "--constraint-date", "2027-01-11").exit_code == 0
    design = json.loads(cli(planned, "task", "list", "--json").stdout)[0]
    assert (design["constraint"], design["constraint_date"], design["start"]) == ("SNET", "2027-01-11", "2027-01-11")
    assert cli(planned, "task", "add", "Pilot", "--constraint-date", "2027-03-01").exit_code == 0
    pilot = json.loads(cli(planned, "task", "list", "--json").stdout)[3]
    assert (pilot["constraint"], pilot["start"]) == ("SNET", "2027-03-01")
    assert cli(planned, "task", "edit", "1", "--constraint", "ASAP").exit_code == 0
    design = json.loads(cli(planned, "task", "list", "--json").stdout)[0]
    assert (design["constraint"], design["constraint_date"], design["start"]) == ("ASAP", None, "2027-01-04")


def test_writing_over_a_directory_is_refused_and_leaves_no_stray_file(planned, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for args in (("export", str(out)), ("gantt", "--svg", str(out)), ("report", "-o", str(out))):
        args = args if args[0] != "export" else (*args, "--format", "json")
        r = cli(planned, *args)
        assert r.exit_code == 1 and f"cannot write {out}: Is a directory" in r.stderr, (args, r.stderr)
    assert list(out.iterdir()) == []
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]


@pytest.mark.parametrize("columns", ["80", None])
def test_a_pipe_gets_whole_lines_whatever_the_terminal_width(planned, columns):
    # under a pipe at COLUMNS=80 the task list cut dates to '2027-01-…' and wrapped names over
    # several lines (unset: at 160 characters), so a script's grep or cut read half a row
    from typer.testing import CliRunner

    from pmtui.cli import app

    long_name = "Migrate the customer master data from the legacy system " * 3
    assert cli(planned, "task", "add", long_name.strip(), "--duration", "2d").exit_code == 0
    env = {"COLUMNS": columns} if columns else {}
    runner = CliRunner(env=env)
    if columns is None:
        runner.env = {"COLUMNS": None}
    out = runner.invoke(app, ["--db", str(planned), "task", "list"], catch_exceptions=False).stdout
    assert "…" not in out
    rows = {line.split()[0]: line for line in out.splitlines()[2:-1]}
    assert "2027-01-13  2027-01-26" in rows["2"] and long_name.strip() in rows["4"]
    history = runner.invoke(app, ["--db", str(planned), "history"], catch_exceptions=False).stdout
    assert long_name.strip() in history and "…" not in history


def test_the_readme_first_commands_run_in_order(db_path):
    # the README's first lines read as a session: they did not run ("API" --under 1 --after
    # "1.1FS+2d" named itself, and "Go-live" --after 2 found no task 2)
    import shlex
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    session = [line.split("#", 1)[0] for line in block.splitlines()
               if line.startswith(("pmtui project new", "pmtui task add"))]
    assert len(session) >= 4
    for line in session:
        r = cli(db_path, *shlex.split(line)[1:])
        assert r.exit_code == 0, (line, r.stderr)
    rows = json.loads(cli(db_path, "task", "list", "--json").stdout)
    assert [(t["wbs"], t["name"]) for t in rows] == [("1", "Design"), ("2", "Build"), ("2.1", "API"), ("3", "Go-live")]


@pytest.mark.parametrize("args", [[], ["standup"], ["demo", "--open"]], ids=["planner", "standup", "demo --open"])
def test_the_planner_without_a_terminal_says_so_and_ends(planned, args):
    # started by a script or cron job (stdin /dev/null) the planner drew into the void and
    # never ended, at 70 % CPU; `demo --open` made a demo project first
    import subprocess
    import sys

    before = file_digest(planned)
    r = subprocess.run([sys.executable, "-m", "pmtui", "--db", str(planned), *args], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr == ("pmtui: the planner needs a terminal and stdin is not one: a script can use the "
                        "commands instead (see `pmtui --help`, e.g. `pmtui task list`)\n")
    assert file_digest(planned) == before


def test_schedule_json_is_the_same_after_a_round_trip(db_path, tmp_path):
    # A summary's duration is its span (3 days here), not the 1 stored when it was made without
    # one (0 after a round trip); critical paths come in WBS order, not in task-id order.
    from tests.foundation.helpers import cli

    for args in (("project", "new", "RT", "--start", "2027-01-04"), ("task", "add", "P"),
                 ("task", "add", "A", "--under", "1", "--duration", "3d"),
                 ("task", "add", "B", "--under", "1", "--duration", "2d", "--after", "1.1SS+1d"),
                 ("task", "add", "G", "--duration", "0", "--after", "1")):
        assert cli(db_path, *args).exit_code == 0, args
    assert cli(db_path, "export", str(tmp_path / "rt.json")).exit_code == 0
    assert cli(db_path, "import", str(tmp_path / "rt.json"), "--name", "Copy").exit_code == 0

    def shape(project):
        d = json.loads(cli(db_path, "-p", project, "schedule", "--json").stdout)
        ids = {t["id"]: t["wbs"] for t in d["tasks"]}
        for t in d["tasks"]:
            t["driving"] = [ids[i] for i in t.pop("driving")]
            t["late_driving"] = [ids[i] for i in t.pop("late_driving")]
            del t["id"]
        del d["project"]
        return d

    before = shape("RT")
    assert before["tasks"][0]["duration"] == 3 and before["critical_paths"]
    assert shape("Copy") == before


def test_command_summaries_read_as_one_sentence_in_the_lists(db_path):
    """A summary broken over lines in its docstring kept the breaks in `pmtui resource --help`:
    'peak load from the' then 'status date on (over = …)' a line further down, mid-sentence."""
    from typer.testing import CliRunner

    from pmtui.cli import app, command

    groups = [[]] + [[name] for name, sub in command.commands.items() if getattr(sub, "commands", None)]
    for group in groups:
        out = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["--db", str(db_path), *group, "--help"]).stdout
        panel = out[out.index("Commands"):]
        continued = [line for line in panel.splitlines() if re.match(r"│ {3,}\S", line)]
        assert continued == [], (group, continued)


def test_why_on_a_late_task_says_what_it_misses(planned):
    """`pmtui why` on a task past its deadline only walked its start back ('2 Build starts
    2027-01-13 because 1 Design ...'): the lateness the PM asked about was in `task show` alone."""
    assert cli(planned, "task", "edit", "2", "--deadline", "2027-01-22").exit_code == 0
    lines = cli(planned, "why", "2").stdout.splitlines()
    assert lines[0] == "2 Build finishes 2027-01-26, 2 working days after its deadline 2027-01-22"
    assert lines[1].startswith("2 Build starts 2027-01-13 because 1 Design")
    assert cli(planned, "why", "1").stdout.splitlines()[0].startswith("1 Design starts 2027-01-04")
