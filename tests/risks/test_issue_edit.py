"""`pmtui issue edit`: an issue's owner, title, severity, kind, task, risk and description could not
be changed once it was added. The edit takes `issue add`'s options and checks them alike, says
what changed (or that nothing did), and undo takes it back."""

from __future__ import annotations

import json

import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli


def ok(db, *args: str):
    r = cli(db, *args)
    assert r.exit_code == 0, (args, r.stderr)
    return r


@pytest.fixture
def logged(plan, db_path):
    ok(db_path, "risk", "add", "Vendor late", "-P", "3", "-I", "4")
    ok(db_path, "issue", "add", "Test rig broken", "--owner", "Alice Chen", "--task", "2", "--risk", "R1")
    return db_path


def issue(db) -> dict:
    (row,) = json.loads(ok(db, "issue", "list", "--json").stdout)
    return row


def test_edit_changes_the_fields_says_which_and_undo_takes_it_back(logged):
    before = issue(logged)
    r = ok(logged, "issue", "edit", "I1", "--owner", "bob", "--severity", "5", "--kind", "blocker",
           "--title", "Test rig burnt out", "--task", "4", "--risk", "none", "--description", "Smoke at 9:00")
    assert r.stdout == ("Updated I1 'Test rig burnt out': title: Test rig broken → Test rig burnt out; "
                        "description: none → Smoke at 9:00; kind: issue → blocker; severity: 3 → 5; "
                        "owner: Alice Chen → Bob Li; task: 2 → 4; risk: R1 → none.\n")
    now = issue(logged)
    assert {k: now[k] for k in ("title", "kind", "severity", "owner", "task", "risk", "description")} == {
        "title": "Test rig burnt out", "kind": "blocker", "severity": 5, "owner": "Bob Li", "task": "4",
        "risk": None, "description": "Smoke at 9:00"}
    assert now["raised_on"] == before["raised_on"] and now["status"] == "open"

    r = ok(logged, "undo")
    assert r.stdout.startswith("Undone: Edit issue — I1 title: Test rig broken → Test rig burnt out; ")
    assert issue(logged) == before


def test_the_same_values_change_nothing_and_say_so(logged):
    ok(logged, "issue", "edit", "1", "--severity", "4")
    digest = file_digest(logged)
    r = ok(logged, "issue", "edit", "I1", "--severity", "4", "--owner", "Alice Chen", "--task", "2")
    assert r.stdout == "I1 'Test rig broken' has those values already: nothing changed.\n"
    assert file_digest(logged) == digest
    # no empty entry to undo: the undo takes back the severity
    assert ok(logged, "undo").stdout.startswith("Undone: Edit issue — I1 severity: 3 → 4")


@pytest.mark.parametrize("args, code, message", [
    ((), 2, "nothing to change: give at least one option, e.g. --owner NAME (see --help)"),
    (("--severity", "7"), 2, "severity 7 is out of range: use 1 (very low) to 5 (very high)"),
    (("--severity", "high"), 2, None),
    (("--kind", "bug"), 2, "issue kind 'bug' is unknown: use issue or blocker"),
    (("--title", "  "), 2, "issue title is empty"),
    (("--owner", "Zed"), 1, "no resource named 'Zed' in this project; its resources: Alice Chen, Bob Li"),
    (("--task", "9"), 1, None),
    (("--risk", "R7"), 1, "no risk R7 in this project (see `pmtui risk list`)"),
])
def test_bad_values_are_refused_as_issue_add_refuses_them(logged, args, code, message):
    digest = file_digest(logged)
    r = cli(logged, "issue", "edit", "I1", *args)
    assert r.exit_code == code, r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("pmtui: ")
    if message:
        assert r.stderr == f"pmtui: {message}\n"
    # issue add says the same of the same values
    if args and args[0] in ("--severity", "--kind", "--owner", "--task", "--risk"):
        added = cli(logged, "issue", "add", "Another", *args)
        assert (added.exit_code, added.stderr) == (r.exit_code, r.stderr)
    assert file_digest(logged) == digest


def test_an_unknown_issue_is_named(logged):
    r = cli(logged, "issue", "edit", "I9", "--severity", "2")
    assert r.exit_code == 1 and r.stderr == "pmtui: no issue I9 in this project (see `pmtui issue list`)\n"
