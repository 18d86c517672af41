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


def test_add_link_and_edit_say_the_conflicts_they_make(db_path):
    """A Must Finish On the links break, or a deadline now missed, was said only by a later
    `pmtui schedule`: the command that made it said "Added" or "Linked" and nothing more."""
    for args in (("project", "new", "Rollout", "--start", "2027-01-04"), ("task", "add", "Design", "-d", "5d")):
        assert cli(db_path, *args).exit_code == 0
    r = cli(db_path, "task", "add", "Review", "-d", "2d", "--constraint", "MFO", "--constraint-date", "2027-01-06")
    assert r.exit_code == 0 and "conflict" not in r.stdout  # nothing breaks it yet
    r = cli(db_path, "link", "1", "2")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[1].startswith("conflict: 2 Review: Must Finish On 2027-01-06 cannot be met"), r.stdout
    r = cli(db_path, "task", "edit", "1", "--deadline", "2027-01-05")
    assert r.stdout.splitlines()[1:] == ["conflict: 1 Design finishes 2027-01-08, 3 working days after its "
                                         "deadline 2027-01-05"], r.stdout  # the Review one is old news
    r = cli(db_path, "task", "add", "Sign-off", "-d", "0", "--after", "2", "--deadline", "2027-01-01")
    assert [l for l in r.stdout.splitlines() if l.startswith("conflict:")] == [
        "conflict: 3 Sign-off finishes 2027-01-06, 3 working days after its deadline 2027-01-01"], r.stdout


def test_a_signed_duration_is_refused_as_a_change_and_changes_nothing(db_path):
    """`task edit 2 --duration +5d`, five more days on a 10-day task, set it to 5 days: the plus
    was read as part of the number, and a critical task meant to be lengthened was halved."""
    from tests.conftest import file_digest

    for args in (("project", "new", "Rollout", "--start", "2027-01-04"), ("task", "add", "Build", "-d", "10d")):
        assert cli(db_path, *args).exit_code == 0
    before = file_digest(db_path)
    for change in ("+5d", "+1w"):
        r = cli(db_path, "task", "edit", "1", "--duration", change)
        assert r.exit_code == 2 and r.stderr == (f"pmtui: duration '{change}' is a change: give the duration "
                                                 "itself in working days (e.g. 15d), not what to add or take away\n")
    r = cli(db_path, "progress", "1", "--remaining", "+2d")
    assert r.exit_code == 2 and "days left '+2d' is a change: give the days left itself" in r.stderr
    assert file_digest(db_path) == before
