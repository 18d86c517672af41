"""`pmtui task edit` says what it changed, as `pmtui progress` does: it said only "Updated 2 'B'.",
so a script's log (or a person who mistyped a date) had to go to `pmtui history` to learn what
the command had done, and to `pmtui schedule` for what it did to the finish."""

from __future__ import annotations

from tests.foundation.helpers import cli


def test_edit_says_each_change_and_the_finish(db_path):
    for args in (("project", "new", "Rollout", "--start", "2027-01-04"), ("task", "add", "Design", "-d", "5d"),
                 ("task", "add", "Build", "-d", "3d", "--after", "1")):
        assert cli(db_path, *args).exit_code == 0
    r = cli(db_path, "task", "edit", "2", "--duration", "4d", "--after", "1SS+2d", "--deadline", "2027-01-29")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == ("Updated 2 'Build': duration: 3 → 4; deadline: none → 2027-01-29; "
                                "predecessors: 1 → 1SS+2d. Finish 2027-01-11.")
    r = cli(db_path, "task", "edit", "2", "--name", "Build API")
    assert r.stdout.strip() == "Updated 2 'Build API': name: Build → Build API. Finish 2027-01-11."
