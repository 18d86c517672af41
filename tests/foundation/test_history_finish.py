"""`pmtui history` says what each change did to the finish, when it moved it; --json carries it."""

from __future__ import annotations

import json

import pytest

from tests.foundation.helpers import cli


@pytest.fixture
def planned(db_path):
    # Mon 4 Jan 2027: Design Mon–Fri, Build the week after, Launch at the end of it (Fri 15 Jan)
    for args in (("project", "new", "Web shop", "--start", "2027-01-04"),
                 ("task", "add", "Design", "--duration", "5d"),
                 ("task", "add", "Build", "--duration", "5d", "--after", "1"),
                 ("task", "add", "Launch", "--duration", "0", "--after", "2"),
                 # dates of the status date's year are said without it, whatever year the test runs in
                 ("project", "status-date", "2027-01-04")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, r.stderr
    return db_path


def test_history_says_how_far_a_change_moved_the_finish(planned):
    assert cli(planned, "task", "edit", "2", "--duration", "10d").exit_code == 0
    assert cli(planned, "risk", "add", "Vendor late", "-P", "3", "-I", "4").exit_code == 0
    r = cli(planned, "history", "-n", "2")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    risk = next(i for i, line in enumerate(lines) if "Add risk" in line)
    edit = next(i for i, line in enumerate(lines) if "Edit task" in line)
    assert "finish" not in lines[risk] and "finish" not in lines[risk + 1]  # it did not move it
    assert "2 duration: 5 → 10" in lines[edit]
    assert lines[edit + 1].strip() == "finish 15 Jan → 22 Jan, +5 working days"


def test_history_json_carries_the_finish_before_and_after(planned):
    assert cli(planned, "task", "edit", "1", "--duration", "4d").exit_code == 0
    assert cli(planned, "task", "edit", "1", "--notes", "short week").exit_code == 0
    notes, edit = json.loads(cli(planned, "history", "-n", "2", "--json").stdout)
    assert edit["finish"] == {"before": "2027-01-15", "after": "2027-01-14", "moved": True, "days": -1,
                              "end_before": "3 Launch", "end_after": "3 Launch", "known": True}
    assert notes["finish"]["moved"] is False and notes["finish"]["days"] == 0
    assert notes["finish"]["before"] == notes["finish"]["after"] == "2027-01-14"


def test_a_change_from_before_effects_were_recorded_says_nothing_of_the_finish(planned):
    import sqlite3

    db = sqlite3.connect(planned)
    db.execute("UPDATE journal SET effect = NULL")
    db.commit()
    db.close()
    entries = json.loads(cli(planned, "history", "--json").stdout)
    assert entries and all(e["finish"] is None for e in entries)
    r = cli(planned, "history")
    assert r.exit_code == 0 and "finish" not in r.stdout.replace("Finish", "")


def test_history_shows_the_id_that_why_finish_entry_takes(planned):
    """`pmtui why finish --entry ID` asked for an id that only `history --json` gave."""
    assert cli(planned, "task", "edit", "2", "--duration", "10d").exit_code == 0
    assert cli(planned, "risk", "add", "Vendor late", "-P", "3", "-I", "4").exit_code == 0
    ids = {e["action"]: e["id"] for e in json.loads(cli(planned, "history", "--json").stdout)}
    lines = cli(planned, "history").stdout.splitlines()
    assert lines[0].split()[:2] == ["Id", "When"]
    edit = next(line for line in lines if "Edit task" in line)
    assert edit.split()[0] == str(ids["Edit task"])
    r = cli(planned, "why", "finish", "--entry", edit.split()[0])
    assert r.exit_code == 0, r.stderr
    assert f"since change #{ids['Edit task']} (Edit task" in r.stdout and "+5d" in r.stdout
