"""`pmtui why finish`: the finish then and now, the changes that moved it with their effects, and
how much of the movement they explain; since a day, a baseline, a change, or the last stand-up."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from tests.conftest import file_digest
from tests.foundation.helpers import cli


def ok(db, *args):
    r = cli(db, *args)
    assert r.exit_code == 0, r.stderr
    return r


@pytest.fixture
def planned(db_path):
    """Mon 4 Jan 2027: Design 5d, Build 5d after it, Launch at its end (Fri 15 Jan); the plan
    was made a month ago (its entries are dated back), so that `--since` a week ago leaves it out."""
    for args in (("project", "new", "Web shop", "--start", "2027-01-04"),
                 ("task", "add", "Design", "--duration", "5d"),
                 ("task", "add", "Build", "--duration", "5d", "--after", "1"),
                 ("task", "add", "Launch", "--duration", "0", "--after", "2"),
                 ("task", "add", "Docs", "--duration", "3d", "--after", "1"),
                 ("project", "status-date", "2027-01-04")):
        ok(db_path, *args)
    _age_entries(db_path, days=30)
    return db_path


def _age_entries(db, days: int) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE journal SET at = datetime(at, ?)", (f"-{days} days",))
    conn.commit()
    conn.close()


def _since_a_week() -> str:
    return (date.today() - timedelta(days=7)).isoformat()


def test_the_changes_that_moved_the_finish_with_their_effects_and_the_total(planned):
    ok(planned, "task", "edit", "2", "--duration", "8d")   # 15 → 20 Jan, +3
    ok(planned, "task", "edit", "4", "--duration", "4d")   # Docs: float, no move
    ok(planned, "task", "edit", "1", "--duration", "6d")   # 20 → 21 Jan, +1
    r = ok(planned, "why", "finish", "--since", _since_a_week())
    out = r.stdout
    assert out.splitlines()[0].endswith(": 15 Jan → 21 Jan (+4d, working days)")
    moves = [line for line in out.splitlines() if "Edit task" in line]
    assert len(moves) == 2  # Docs did not move it: not listed
    assert "2 duration: 5 → 8" in moves[0] and moves[0].rstrip().endswith("15 Jan → 20 Jan  +3d")
    assert "1 duration: 5 → 6" in moves[1] and moves[1].rstrip().endswith("20 Jan → 21 Jan  +1d")
    assert "Of the +4d: +4d by 2 plan changes." in out
    assert "1 other change to the schedule did not move the finish when made." in out
    # effects measured in turn: the user is told they are not what taking one back would give
    assert "a later change can absorb or reverse an earlier one" in out
    assert "Web shop" not in out and "Add task" not in out  # made before the week


def test_a_change_taken_back_by_a_later_one_is_said_to_have_moved_it_back(planned):
    ok(planned, "task", "edit", "2", "--duration", "8d")   # +3
    ok(planned, "task", "edit", "2", "--duration", "5d")   # -3
    r = ok(planned, "why", "finish", "--since", _since_a_week())
    assert "15 Jan, as it was (unchanged)" in r.stdout.splitlines()[0]
    assert "+3d" in r.stdout and "-3d" in r.stdout
    assert "some changes moved it back" in r.stdout


def test_progress_is_told_apart_from_changes_to_the_plan(planned):
    ok(planned, "task", "edit", "2", "--duration", "6d")   # +1: 18 Jan
    # the status date passes into the week with Design not begun: its work goes from Wed 6 Jan, +2
    ok(planned, "project", "status-date", "2027-01-06")
    data = json.loads(ok(planned, "why", "finish", "--since", _since_a_week(), "--json").stdout)
    assert [m["kind"] for m in data["moves"]] == ["plan", "progress"]
    assert data["change_days"] == 3 and data["explained_days"] == {"plan": 1, "progress": 2}
    assert data["unexplained_days"] == 0
    text = ok(planned, "why", "finish", "--since", _since_a_week()).stdout
    assert "by 1 progress or status-date update" in text and "(progress)" in text


def test_since_a_baseline_starts_from_its_finish(planned):
    ok(planned, "baseline", "save", "Approved")
    ok(planned, "task", "edit", "2", "--duration", "7d")   # +2
    r = ok(planned, "why", "finish", "--baseline", "approved")
    assert r.stdout.splitlines()[0].startswith("Finish since baseline 'Approved' (saved ")
    assert "15 Jan → 19 Jan (+2d, working days)" in r.stdout
    assert "Of the +2d: +2d by 1 plan change." in r.stdout
    assert "Saved baseline" not in r.stdout and "Baseline" not in r.stdout.split("\n", 1)[1]


def test_from_a_change_on_includes_it(planned):
    ok(planned, "task", "edit", "2", "--duration", "6d")
    ok(planned, "task", "edit", "2", "--duration", "7d")
    second = json.loads(ok(planned, "history", "-n", "1", "--json").stdout)[0]["id"]
    data = json.loads(ok(planned, "why", "finish", "--entry", str(second), "--json").stdout)
    assert (data["finish_then"], data["finish_now"], data["change_days"]) == ("2027-01-18", "2027-01-19", 1)
    assert [m["id"] for m in data["moves"]] == [second]


def test_by_default_since_the_last_stand_up(planned):
    ok(planned, "standup", "start", "--date", "2027-01-04", "--keep-status-date")
    ok(planned, "standup", "finish", "--date", "2027-01-04")
    ok(planned, "task", "edit", "2", "--duration", "6d")
    r = ok(planned, "why", "finish")
    assert r.stdout.startswith("Finish since the stand-up of ")
    assert "15 Jan → 18 Jan (+1d, working days)" in r.stdout


def test_changes_from_before_effects_were_recorded_are_not_explained_but_said(planned):
    ok(planned, "task", "edit", "2", "--duration", "6d")  # +1, recorded
    conn = sqlite3.connect(planned)
    conn.execute("UPDATE journal SET effect = NULL WHERE id = (SELECT MAX(id) FROM journal)")
    conn.commit()
    conn.close()
    ok(planned, "task", "edit", "2", "--duration", "8d")  # +2
    r = ok(planned, "why", "finish", "--since", _since_a_week())
    assert "15 Jan → 20 Jan (+3d, working days)" in r.stdout
    assert "Of the +3d: +2d by 1 plan change; +1d not explained by a recorded change." in r.stdout
    assert "1 change in this period was made before pmtui recorded what a change does to the finish" in r.stdout


def test_a_movement_back_that_no_recorded_change_explains_is_said(planned):
    ok(planned, "task", "edit", "2", "--duration", "7d")  # +2, recorded
    ok(planned, "task", "edit", "2", "--duration", "5d")  # -2, its record lost
    conn = sqlite3.connect(planned)
    conn.execute("UPDATE journal SET effect = NULL WHERE id = (SELECT MAX(id) FROM journal)")
    conn.commit()
    conn.close()
    r = ok(planned, "why", "finish", "--since", _since_a_week())
    assert "15 Jan, as it was (unchanged)" in r.stdout
    assert "Back where it began: +2d by 1 plan change; -2d not explained by a recorded change." in r.stdout


def test_an_undone_change_is_not_counted(planned):
    ok(planned, "task", "edit", "2", "--duration", "6d")
    ok(planned, "undo")
    r = ok(planned, "why", "finish", "--since", _since_a_week())
    assert "15 Jan, as it was (unchanged)" in r.stdout
    assert "1 change made in this period was undone since and is not counted." in r.stdout


@pytest.mark.parametrize("args, code, message", [
    (("why", "finish", "--since", "2027-02-30"), 2, "date '2027-02-30' does not exist"),
    (("why", "finish", "--since", "in 3 days"), 2, "is after today: nothing has changed since then yet"),
    (("why", "finish", "--since", "2026-01-01", "--entry", "3"), 2, "give one of --since, --baseline, --entry and --standup"),
    (("why", "finish", "--baseline", "Nope"), 1, "no baseline 'Nope' in this project"),
    (("why", "finish", "--entry", "999"), 1, "no change #999 in the history of project 'Web shop'"),
    (("why", "finish", "--standup", "2027-01-05"), 1, "no stand-up on 2027-01-05 in project 'Web shop'"),
    (("why", "finish", "--standup", "banana"), 2, "--standup date 'banana' is not understood"),
    (("why", "2", "--since", "2026-01-01"), 2, "--since goes with `pmtui why finish`, not with a task"),
    (("why", "2", "--json"), 2, "--json goes with `pmtui why finish`"),
])
def test_bad_input_is_named_and_changes_nothing(planned, args, code, message):
    before = file_digest(planned)
    r = cli(planned, *args)
    assert r.exit_code == code and message in r.stderr, r.stderr
    assert file_digest(planned) == before


def test_an_undone_change_cannot_be_the_start(planned):
    ok(planned, "task", "edit", "2", "--duration", "6d")
    entry = json.loads(ok(planned, "history", "-n", "1", "--json").stdout)[0]["id"]
    ok(planned, "undo")
    r = cli(planned, "why", "finish", "--entry", str(entry))
    assert r.exit_code == 2 and f"change #{entry} (Edit task) was undone" in r.stderr


def test_changes_none_of_which_moved_the_finish_are_said_once(planned):
    # It read "No change in this period moved the finish (1 change made)." and then "1 other
    # change to the schedule did not move the finish when made.": other than none, the same one
    ok(planned, "task", "edit", "4", "--duration", "4d")   # Docs: float, no move
    out = ok(planned, "why", "finish", "--since", _since_a_week()).stdout
    assert "No change in this period moved the finish (1 change made)." in out
    assert "did not move the finish when made" not in out
    notes = json.loads(ok(planned, "why", "finish", "--since", _since_a_week(), "--json").stdout)["notes"]
    assert not any("other change" in n for n in notes)
