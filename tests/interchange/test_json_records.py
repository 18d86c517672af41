"""pmtui's JSON carries a project's records: risks with their score history and tied tasks,
issues, stand-ups with notes, updates and their saved summaries, baselines and status snapshots.
A project restored from its export has the same records (R3 stays R3, an open stand-up goes on
where it was, variance against the baseline reads the same, a task deleted since the baseline
stays "removed"); --into replaces the project's records with the file's, undoably; bad records
are refused by name, changing nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from pmtui.services.projects import find_project
from pmtui.services.standup import live_summary, public
from pmtui.store import open_store
from tests.conftest import file_digest
from tests.foundation.helpers import cli, dump

SAMPLE = "/work/shared/data/mspdi/p2003_sample_plan.xml"
SECTIONS = ("risks", "issues", "standups", "baselines", "snapshots")


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


@pytest.fixture
def registered(db_path, tmp_path, built_db):
    """The demo after a closed stand-up (a note, progress, a blocker) and an open one (built
    once per session, copied), and its export."""
    built_db(f"{__name__}.registered", _register, db_path)
    path = tmp_path / "crm.json"
    ok(db_path, "export", str(path))
    return db_path, path


def _register(db_path):
    ok(db_path, "demo")
    sd = date.fromisoformat(json.loads(ok(db_path, "project", "show", "--json").stdout)["status_date"])
    ok(db_path, "standup", "start", "--date", str(sd))
    ok(db_path, "standup", "note", "Jonas Berg", "--today", "SAP order sync", "--blockers", "test tenant")
    ok(db_path, "progress", "3.3.1", "40%")
    ok(db_path, "blocker", "3.3.2", "no Entra test tenant")
    ok(db_path, "standup", "finish")
    ok(db_path, "risk", "score", "R2", "4", "5")
    ok(db_path, "task", "rm", "1.4")  # after the baseline: "removed since the baseline"
    ok(db_path, "standup", "start", "--date", str(sd + timedelta(days=3)))
    ok(db_path, "standup", "note", "Anika Schultz", "--yesterday", "SDD review")
    ok(db_path, "progress", "2.8", "80%")


def test_a_restored_project_has_the_same_records(registered, tmp_path):
    db, path = registered
    doc = json.loads(path.read_text())
    assert [len(doc[k]) for k in SECTIONS] == [14, 2, 2, 1, 1]
    assert [t["task"] for t in doc["baselines"][0]["tasks"] if t["task"] < 0] == [-1]  # 1.4, deleted
    assert [r["code"] for r in doc["risks"]] == [f"R{i}" for i in range(1, 15)]
    ok(db, "import", str(path), "--name", "Restored")
    again = tmp_path / "again.json"
    ok(db, "-p", "Restored", "export", str(again))
    back = json.loads(again.read_text())
    for key in SECTIONS:
        assert back[key] == doc[key], key
    # as the user reads them: the same codes, scores, tied tasks, owners, trends and stand-ups
    for args in (("risk", "list", "--json"), ("issue", "list", "--json"), ("standup", "list"),
                 ("variance",), ("baseline", "list"), ("status", "history"), ("evm",)):
        mine, theirs = ok(db, *args).stdout, ok(db, "-p", "Restored", *args).stdout
        if args[-1] == "--json":
            mine, theirs = json.loads(mine), json.loads(theirs)
            for rows in (mine, theirs):
                for row in rows:
                    row.pop("id", None)
        assert mine == theirs, args
    assert ok(db, "risk", "show", "R2").stdout == ok(db, "-p", "Restored", "risk", "show", "R2").stdout
    day = doc["standups"][0]["day"]
    assert (ok(db, "standup", "report", "--date", day).stdout
            == ok(db, "-p", "Restored", "standup", "report", "--date", day).stdout)


def test_a_fresh_database_restored_from_the_export_exports_the_same_file(registered, tmp_path):
    """The backup case: the database is gone, the JSON is all there is."""
    db, path = registered
    fresh = tmp_path / "fresh.db"
    ok(fresh, "import", str(path))
    again = tmp_path / "again.json"
    ok(fresh, "export", str(again))
    doc, back = json.loads(path.read_text()), json.loads(again.read_text())
    assert back == doc  # file-local ids throughout, so nothing differs but what was lost
    for args in (("risk", "list", "--json"), ("issue", "list", "--json"), ("standup", "list"), ("variance",)):
        mine, theirs = ok(db, *args).stdout, ok(fresh, *args).stdout
        if args[-1] == "--json":
            mine, theirs = _no_ids(json.loads(mine)), _no_ids(json.loads(theirs))
        assert mine == theirs, args
    risk = ok(fresh, "risk", "add", "New after the restore", "-P", "2", "-I", "2").stdout
    assert "R15" in risk  # numbering goes on from the file's R14


def test_the_open_stand_up_goes_on_in_the_restored_project(registered):
    db, path = registered
    ok(db, "import", str(path), "--name", "Restored")
    day = date.fromisoformat(json.loads(path.read_text())["standups"][1]["day"])
    store = open_store(str(db))
    try:
        mine = public(live_summary(store, find_project(store, "CRM migration").id, day))
        theirs = public(live_summary(store, find_project(store, "Restored").id, day))
    finally:
        store.close()
    mine.pop("project"), theirs.pop("project")
    # The finish since the last stand-up is told from the journal, which a file does not carry:
    # the restored project's history begins with its import, and it says so (not that the import
    # moved the finish from none).
    ours, restored = mine.pop("since_last"), theirs.pop("since_last")
    assert restored["moves"] == [] and restored["then"] == ours["then"] and restored["now"] == ours["now"]
    assert restored["notes"][0].startswith("This project's history begins with Import ")
    # the "before" picture keys tasks by id: remapped, it names the same tasks in the new project
    assert _no_ids(mine) == _no_ids(theirs)
    assert mine["progress"] and mine["finish"]["before"] and mine["milestones_at_risk"]
    ok(db, "-p", "Restored", "standup", "finish")


def test_a_stand_up_with_a_blocker_cleared_in_it_is_restored(registered, tmp_path):
    # A blocker cleared in the stand-up is recorded as an "unblocked" event, a kind the import
    # did not know: a backup of any project where that had happened was refused whole.
    db, _ = registered
    ok(db, "blocker", "2.8", "waiting for the SAP test system")
    ok(db, "blocker", "2.8", "--clear")
    path = tmp_path / "cleared.json"
    ok(db, "export", str(path))
    doc = json.loads(path.read_text())
    assert [e["kind"] for e in doc["standups"][1]["events"]][-2:] == ["blocker", "unblocked"]
    ok(db, "import", str(path), "--name", "Restored")
    day = doc["standups"][1]["day"]
    mine = ok(db, "standup", "report", "--date", day).stdout
    assert "cleared" in mine and mine == ok(db, "-p", "Restored", "standup", "report", "--date", day).stdout
    again = tmp_path / "again.json"
    ok(db, "-p", "Restored", "export", str(again))
    assert json.loads(again.read_text())["standups"] == doc["standups"]


@pytest.mark.parametrize("changes, message", [
    ({("notes", 0, "today"): "t" * 501}, "notes[0]: today is 500 characters at most; you gave 501"),
    ({("notes", 0, "blockers"): "b " * 300}, "notes[0]: blockers is 500 characters at most; you gave 599"),
    ({("events", 1, "detail"): "w" * 201}, "events[1]: blocker is 200 characters at most; you gave 201"),
    ({("events", 0, "kind"): "note", ("events", 0, "detail"): "n" * 201},
     "events[0]: note is 200 characters at most; you gave 201"),
], ids=["today", "blockers", "blocker", "note"])
def test_stand_up_texts_past_their_limits_are_refused_as_the_cli_refuses_them(registered, tmp_path, changes,
                                                                             message):
    # What a person said and the text of a note or a blocker recorded in a stand-up had no limit
    # on import (a risk's and an issue's texts had): a note of a megabyte went into the project,
    # and into every report of that stand-up. `standup note`, `note` and `blocker` refuse it so.
    db, path = registered
    doc = json.loads(path.read_text())
    assert [e["kind"] for e in doc["standups"][0]["events"]][:2] == ["progress", "blocker"]
    for where, value in changes.items():
        _set(doc["standups"][0], where, value)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    digest = file_digest(db)
    r = cli(db, "import", str(bad))
    day = doc["standups"][0]["day"]
    assert r.exit_code != 0 and r.stderr == f"pmtui: bad.json: standups[0] {day} {message}\n", r.stderr[:400]
    assert file_digest(db) == digest
    # at the limit each is taken
    for where, value in changes.items():
        _set(doc["standups"][0], where, value[:500 if where[0] == "notes" else 200])
    bad.write_text(json.dumps(doc))
    ok(db, "import", str(bad), "--name", "At the limits")


def _no_ids(v):
    """Database ids differ between two projects; everything else must not."""
    if isinstance(v, dict):
        return {k: _no_ids(x) for k, x in v.items() if k != "id"}
    if isinstance(v, list):
        return [_no_ids(x) for x in v]
    return v


def test_into_replaces_the_records_and_undo_brings_them_back(registered, tmp_path):
    db, _path = registered
    ok(db, "import", SAMPLE, "--name", "Other")
    ok(db, "-p", "Other", "risk", "add", "Vendor late", "-P", "3", "-I", "4", "--task", "1.1")
    other = tmp_path / "other.json"
    ok(db, "-p", "Other", "export", str(other))
    store = open_store(str(db))
    before = dump(store)
    store.close()
    dry = ok(db, "import", str(other), "--into", "CRM migration", "--dry-run")
    r = ok(db, "import", str(other), "--into", "CRM migration")
    # what goes and what comes, before and after: the register is not lost unawares
    fate = ("1 risk, 0 issues, 0 stand-ups, 0 baselines, 0 snapshots, "
            "in place of its 14 risks, 2 issues, 2 stand-ups, 1 baseline, 1 snapshot")
    assert fate in dry.stdout and fate in r.stdout
    assert "`pmtui undo` brings the old plan and records back" in r.stdout
    crm = ("-p", "CRM migration")  # the import made Other the current project
    risks = json.loads(ok(db, *crm, "risk", "list", "--json").stdout)
    assert [(x["code"], x["title"], [t["wbs"] for t in x["tasks"]]) for x in risks] == [("R1", "Vendor late", ["1.1"])]
    assert json.loads(ok(db, *crm, "issue", "list", "--json").stdout) == []
    assert "2026" not in ok(db, *crm, "standup", "list").stdout
    ok(db, *crm, "undo")
    store = open_store(str(db))
    after = dump(store)
    store.close()
    assert after == before


def test_a_file_without_the_records_leaves_them_alone(registered, tmp_path):
    db, path = registered
    ok(db, "import", SAMPLE, "--name", "Plain")
    ok(db, "-p", "Plain", "risk", "add", "Kept", "-P", "2", "-I", "2")
    doc = json.loads(path.read_text())
    for key in SECTIONS:
        del doc[key]
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(doc))
    r = ok(db, "import", str(bare), "--into", "Plain")
    assert "; its 1 risk, 0 issues, 0 stand-ups, 0 baselines, 0 snapshots stay, as the file has none" in r.stdout
    assert [x["title"] for x in json.loads(ok(db, "-p", "Plain", "risk", "list", "--json").stdout)] == ["Kept"]


def test_an_import_says_what_it_replaced_after_another_process_changed_the_project(registered, tmp_path, monkeypatch):
    # Another terminal adds a risk between this import's look at the project and its write: the
    # message counted the records as they were before it (1 risk), though the import kept 2.
    from pmtui.services import bulk
    from pmtui.services.risks import add_risk

    db, path = registered
    ok(db, "import", SAMPLE, "--name", "Plain")
    ok(db, "-p", "Plain", "risk", "add", "Kept", "-P", "2", "-I", "2")
    doc = json.loads(path.read_text())
    for key in SECTIONS:
        del doc[key]
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(doc))
    real = bulk.replace_project_contents

    def after_another(store, project_id, *args, **kwargs):
        other = open_store(str(db))
        try:
            add_risk(other, project_id, "Added elsewhere", probability=3, impact=3)
        finally:
            other.close()
        return real(store, project_id, *args, **kwargs)

    monkeypatch.setattr(bulk, "replace_project_contents", after_another)
    r = ok(db, "import", str(bare), "--into", "Plain")
    assert "; its 2 risks, 0 issues, 0 stand-ups, 0 baselines, 0 snapshots stay, as the file has none" in r.stdout
    titles = [x["title"] for x in json.loads(ok(db, "-p", "Plain", "risk", "list", "--json").stdout)]
    assert sorted(titles) == ["Added elsewhere", "Kept"]


def test_a_pair_of_utf16_escapes_is_one_character(registered, tmp_path):
    """What json.dumps writes for text outside the BMP by default: an escaped pair, not refused."""
    db, path = registered
    doc = json.loads(path.read_text())
    doc["risks"][0]["description"] = "Go-live \U0001F680 slips"
    escaped = tmp_path / "escaped.json"
    escaped.write_text(json.dumps(doc))  # ensure_ascii: "\\ud83d\\ude80"
    assert "\\ud83d\\ude80" in escaped.read_text()
    ok(db, "import", str(escaped), "--name", "Escaped")
    risks = json.loads(ok(db, "-p", "Escaped", "risk", "list", "--json").stdout)
    assert [r["description"] for r in risks if r["code"] == "R1"] == ["Go-live \U0001F680 slips"]


def _set(doc, path, value):
    *head, last = path
    target = doc
    for p in head:
        target = target[p]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value


_DELETE = object()
BAD = [
    (("risks", 0, "probability"), 7, "risks[0] 'Legacy data quality worse than profiled': probability 7 is out of range"),
    (("risks", 0, "probability"), "4", "risks[0] 'Legacy data quality worse than profiled': probability '4' must be a whole number"),
    (("risks", 1, "number"), 1, "risks[1] 'SAP interface more complex than specified': number 1 is used twice"),
    (("risks", 0, "tasks"), [9999], "risks[0] 'Legacy data quality worse than profiled': task 9999 is not in the file"),
    (("risks", 0, "owner"), 999, "owner 999 is not in the file"),
    (("risks", 0, "strategy"), "exploit", "strategy 'exploit' does not fit a threat"),
    (("risks", 0, "kind"), "maybe", "risk kind 'maybe' is unknown"),
    (("risks", 0, "status"), "gone", "status 'gone' is unknown: use open, occurred, closed"),
    (("risks", 0, "scores", 0, "day"), "2026-02-30", "risks[0] 'Legacy data quality worse than profiled' scores[0]: day: '2026-02-30' is not a date"),
    (("risks", 0, "scores", 0, "impact"), 0, "scores[0]: impact 0 is out of range"),
    (("risks", 0, "review_date"), "0001-01-01", "review date"),
    (("risks", 0, "schedule_impact"), 100_001, "schedule impact 100001d is too long: at most 100000 working days"),
    # numbers and text that JSON holds and SQLite does not: they failed at the insert, with a traceback
    (("risks", 1, "number"), 2**63, "risks[1] 'SAP interface more complex than specified': number 9223372036854775808 is too large"),
    (("standups", 0, "position"), -2**64, "position -18446744073709551616 is too large"),
    (("baselines", 0, "tasks", 0, "task"), -2**63 - 1, "tasks[0]: task -9223372036854775809 is too large to be an id"),
    (("risks", 0, "description"), "\udc80 half a pair", "risks[0] description: the text holds half of a UTF-16 pair"),
    (("standups", 0, "summary", "note"), "\ud800", "standups[0] summary note: the text holds half of a UTF-16 pair"),
    (("risks", 0, "created_at"), "0001-01-01T00:30:00+01:00", "created_at: '0001-01-01T00:30:00+01:00' is out of range"),
    (("issues", 0, "risk"), 99, "risk R99 is not in the file"),
    (("issues", 0, "severity"), 0, "severity 0 is out of range"),
    (("issues", 0, "raised_on"), _DELETE, "it has no raised_on date"),
    (("issues", 0, "title"), "", "issue title"),
    (("standups", 1, "day"), "@same", "there are two stand-ups on this day"),
    (("standups", 0, "events", 0, "kind"), "dance", "kind 'dance' is unknown"),
    (("standups", 0, "events", 0, "task"), 9999, "task 9999 is not in the file"),
    (("standups", 0, "notes"), "x", "notes must be a list"),
    (("standups", 0, "started_at"), "yesterday", "started_at: 'yesterday' is not a date and time"),
    (("standups", 0, "summary"), [1, 2], "summary must be an object"),
    (("risks",), {"R1": {}}, "risks must be a list"),
    (("baselines", 0, "number"), 11, "number 11 is not 0 to 10"),
    (("baselines", 0, "active"), "yes", "active 'yes' must be true or false"),
    (("baselines", 0, "tasks", 0, "task"), 9999, "tasks[0]: task 9999 is not in the file (one deleted since the baseline has a negative id)"),
    (("baselines", 0, "tasks", 0, "start"), None, "tasks[0] has no start or finish"),
    (("baselines", 0, "name"), "", "it has no name"),
    (("snapshots", 0, "source"), "guess", "source 'guess' is unknown: use manual, standup"),
    (("snapshots", 0, "spi"), "high", "spi 'high' must be a finite number"),
    (("snapshots", 0, "day"), None, "it has no day"),
]


def _id(case) -> str:
    where, value, _ = case
    return ".".join(map(str, where)) + ("-deleted" if value is _DELETE else f"={value!r}"[:30])


@pytest.mark.parametrize("where, value, message", BAD, ids=[_id(b) for b in BAD])
def test_bad_records_are_refused_by_name_and_change_nothing(registered, tmp_path, where, value, message):
    db, path = registered
    doc = json.loads(path.read_text())
    if value == "@same":
        value = doc["standups"][0]["day"]
    _set(doc, where, value)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    digest = file_digest(db)
    for args in ((), ("--into", "CRM migration")):
        r = cli(db, "import", str(bad), *args)
        assert r.exit_code != 0 and message in r.stderr, (args, r.stderr)
        assert r.stderr.startswith("pmtui: bad.json: ") and r.stderr.count("\n") == 1
    assert file_digest(db) == digest


LONG = "x" * 10_000
SHORT = "'" + "x" * 59 + "…'"  # a title or a value as a message quotes it: 60 characters at most
BRIEF = [
    ((("risks", 0, "title"), LONG), (("risks", 0, "probability"), "4"),
     f"risks[0] {SHORT}: probability '4' must be a whole number"),
    ((("issues", 0, "title"), LONG), (("issues", 0, "severity"), 2.5), f"issues[0] {SHORT}: severity 2.5 must be a whole number"),
    ((("baselines", 0, "name"), LONG), (("baselines", 0, "active"), "yes"), f"baselines[0] {SHORT}: active 'yes' must be"),
    ((("tasks", 0, "name"), LONG), (("tasks", 0, "duration"), 2.5), f"tasks[0] {SHORT}: duration 2.5 must be a whole number"),
    # the plan's own check names the task or resource the reader named
    ((("tasks", 0, "name"), LONG), None, f"tasks[0] {SHORT}: "),
    ((("resources", 0, "name"), LONG), None, f"resources[0] {SHORT}: a resource needs a name of at most 200"),
    ((("risks", 0, "title"), list(range(3000))), None, "risks[0] [0, 1, 2, 3"),
    # a value quoted in the message is cut as a title is
    ((("risks", 0, "status"), LONG), None, f"status {SHORT} is unknown: use open, occurred, closed"),
    ((("standups", 0, "day"), LONG), None, f"standups[0] {'x' * 59}…: day: {SHORT} is not a date"),
    ((("risks", 0, "probability"), LONG), None, f"probability {SHORT} must be a whole number"),
]


@pytest.mark.parametrize("first, second, message", BRIEF, ids=[f"{'.'.join(map(str, b[0][0]))}-{i}" for i, b in enumerate(BRIEF)])
def test_a_refusal_quotes_a_long_title_or_value_briefly(registered, tmp_path, first, second, message):
    """A title of 10,000 characters filled the terminal in the reader's own refusals."""
    db, path = registered
    doc = json.loads(path.read_text())
    for change in (first, second):
        if change is not None:
            _set(doc, *change)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    digest = file_digest(db)
    r = cli(db, "import", str(bad))
    assert r.exit_code != 0 and message in r.stderr, r.stderr[:400]
    assert r.stderr.count("\n") == 1 and len(r.stderr) < 300, r.stderr[:400]
    assert file_digest(db) == digest


def test_control_characters_in_stand_up_texts_are_shown_as_signs_and_counted(registered, tmp_path):
    # A backup whose stand-up notes held an escape sequence restored it as it was, and
    # `standup report` then wrote it to the terminal (here, turning the rest of the screen red).
    # The backup still restores; each such character is shown as a sign, and the import says how
    # many texts it changed.
    db, path = registered
    doc = json.loads(path.read_text())
    s = doc["standups"][0]
    assert [e["kind"] for e in s["events"]][1] == "blocker"
    s["notes"][0]["today"] = "SAP \x1b[31morder\x07 sync"
    s["events"][1]["detail"] = "no \x1b]0;owned\x07 tenant\x9b"
    person = next(p for p in s["summary"]["people"] if p["today"])
    person["today"] = "SAP \x1b[31morder\x07 sync"
    bad = tmp_path / "escapes.json"
    bad.write_text(json.dumps(doc))
    r = ok(db, "import", str(bad), "--name", "Escaped")
    assert ("warning: 3 stand-up texts held control characters (as an escape sequence has): imported with "
            "each shown as a visible sign (ESC as ␛), so that none acts on the terminal") in r.stdout
    report = ok(db, "-p", "Escaped", "standup", "report", "--date", s["day"]).stdout
    assert "\x1b" not in report and "\x07" not in report
    assert "SAP ␛[31morder␇ sync" in report
    back = tmp_path / "back.json"
    ok(db, "-p", "Escaped", "export", str(back))
    restored = json.loads(back.read_text())["standups"][0]
    assert restored["notes"][0]["today"] == "SAP ␛[31morder␇ sync"
    assert restored["events"][1]["detail"] == "no ␛]0;owned␇ tenant\ufffd"


def test_a_backup_without_control_characters_imports_its_stand_ups_unchanged(registered, tmp_path):
    db, path = registered
    doc = json.loads(path.read_text())
    r = ok(db, "import", str(path), "--name", "Plain")
    assert "control character" not in r.stdout
    back = tmp_path / "back.json"
    ok(db, "-p", "Plain", "export", str(back))
    assert json.loads(back.read_text())["standups"] == doc["standups"]


def test_visible_shows_every_control_character_and_leaves_plain_text_alone():
    from pmtui.models.rules import control_character, visible

    plain = "Žluťoučký kůň – “quoted” ✓ 日本"
    assert visible(plain) is plain
    assert visible("a\tb\nc\r") == "a b c "
    assert visible("\x00\x1b\x7f\x85") == "␀␛␡\ufffd"
    every = "".join(map(chr, [*range(0x20), *range(0x7F, 0xA0)]))
    assert control_character(visible(every)) is None
