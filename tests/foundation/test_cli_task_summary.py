"""`task add --under`, `task indent` and `task outdent` say when a task becomes a summary (its own
duration, progress and constraint stop counting) or a summary becomes a task again: the plan's
dates moved and the commands said only "Added" or "Indented"."""

from __future__ import annotations

import json

from tests.foundation.helpers import cli


def _plan(db, *tasks: tuple[str, ...]) -> None:
    assert cli(db, "project", "new", "Rollout", "--start", "2027-01-04").exit_code == 0
    for args in tasks:
        r = cli(db, "task", "add", *args)
        assert r.exit_code == 0, r.stderr


def _rows(db) -> dict[str, tuple]:
    data = json.loads(cli(db, "task", "list", "--json").stdout)
    tasks = data["tasks"] if isinstance(data, dict) else data
    return {t["name"]: (t["wbs"], t["duration"], t["summary"], t["start"], t["finish"]) for t in tasks}


def test_add_under_a_task_says_its_own_duration_no_longer_counts_and_undo_takes_back_both(db_path):
    _plan(db_path, ("Design", "-d", "5d"), ("Build", "-d", "3d", "--after", "1"))
    before = _rows(db_path)
    r = cli(db_path, "task", "add", "Spec", "--under", "1")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Added 1.1 'Spec' (id #3).",
        "1 'Design' is now a summary: its own duration of 5 working days no longer counts, its dates come "
        "from its tasks (now 1 working day, 2027-01-04 to 2027-01-04). `pmtui undo` takes back the add and this.",
    ]
    assert _rows(db_path)["Build"][3] == "2027-01-05"  # it followed Design's 5 days, now Spec's 1
    r = cli(db_path, "undo")
    assert r.stdout.startswith("Undone: Add task — added 1.1 'Spec' (1d); 1 'Design' became a summary "
                               "(its own 5d no longer counts)"), r.stdout
    assert _rows(db_path) == before


def test_indent_names_the_progress_and_constraint_that_stop_counting(db_path):
    _plan(db_path, ("Design", "-d", "5d", "--constraint", "MSO", "--constraint-date", "2027-01-05"),
          ("Spec", "-d", "2d"))
    assert cli(db_path, "project", "status-date", "2027-01-08").exit_code == 0
    assert cli(db_path, "progress", "1", "--started", "--on", "2027-01-05").exit_code == 0
    assert cli(db_path, "progress", "1", "40%").exit_code == 0
    r = cli(db_path, "task", "indent", "2")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Indented 'Spec': now 1.1.",
        "1 'Design' is now a summary: its own duration of 5 working days, its progress (40 %, started "
        "2027-01-05) and its Must Start On 2027-01-05 constraint no longer count, its dates and progress "
        "come from its tasks (now 2 working days, 2027-01-08 to 2027-01-11). `pmtui undo` takes back the "
        "indent and this.",
    ]


def test_nothing_is_said_for_a_summary_or_a_task_with_nothing_of_its_own(db_path):
    _plan(db_path, ("Phase",))  # 1 day, as every new task: a phase typed in to put tasks under
    r = cli(db_path, "task", "add", "A", "--under", "1", "-d", "3d")
    assert r.stdout.splitlines() == ["Added 1.1 'A' (id #2)."]
    r = cli(db_path, "task", "add", "B", "--under", "1")  # already a summary
    assert r.stdout.splitlines() == ["Added 1.2 'B' (id #3)."]
    assert cli(db_path, "task", "add", "C").exit_code == 0
    assert cli(db_path, "task", "add", "D").exit_code == 0
    r = cli(db_path, "task", "indent", "3")  # D under C, a new 1-day task
    assert r.stdout.splitlines() == ["Indented 'D': now 2.1."]
    r = cli(db_path, "task", "indent", "2")  # C (a summary) under Phase (a summary)
    assert r.stdout.splitlines() == ["Indented 'C': now 1.3."]


def test_outdent_of_a_summarys_last_task_gives_it_its_own_duration_back_and_says_so(db_path):
    _plan(db_path, ("Design", "-d", "5d"), ("Spec", "-d", "2d"), ("Build", "-d", "3d", "--after", "1"))
    assert cli(db_path, "task", "indent", "2").exit_code == 0
    assert _rows(db_path)["Build"][3] == "2027-01-06"
    r = cli(db_path, "task", "outdent", "1.1")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Outdented 'Spec': now 2.",
        "1 'Design' has no tasks under it now and is a task again: its own duration of 5 working days counts "
        "again (it spanned 2 working days as a summary). `pmtui undo` takes back the outdent and this.",
    ]
    assert _rows(db_path)["Design"] == ("1", 5, False, "2027-01-04", "2027-01-08")
    assert _rows(db_path)["Build"][3] == "2027-01-11"


def test_a_summary_with_no_duration_of_its_own_keeps_its_span_when_its_last_task_goes(db_path):
    """Summaries imported from MS Project (and the demo's) store 0 days: the old summary became a
    milestone, and the task after it moved 4 days earlier."""
    _plan(db_path, ("Gate", "-d", "0"), ("Work", "-d", "4d", "--under", "1"), ("Next", "-d", "1d", "--after", "1"))
    r = cli(db_path, "task", "outdent", "1.1")
    assert r.stdout.splitlines()[1] == (
        "1 'Gate' has no tasks under it now and is a task again: it keeps the 4 working days it spanned as a "
        "summary as its duration, in place of its own 0 days. `pmtui undo` takes back the outdent and this.")
    rows = _rows(db_path)
    assert rows["Gate"] == ("1", 4, False, "2027-01-04", "2027-01-07")
    assert rows["Next"][3] == "2027-01-08"  # where it was
    assert cli(db_path, "undo").exit_code == 0
    assert _rows(db_path)["Gate"][1:3] == (0, True)


def test_outdent_that_swaps_a_summary_for_a_task_says_both(db_path):
    """MS Project's outdent: the tasks below the first task of a summary go under it, so the old
    summary has none left and the task becomes one."""
    _plan(db_path, ("Design", "-d", "5d"), ("A", "-d", "3d", "--under", "1"), ("B", "-d", "2d", "--under", "1"))
    r = cli(db_path, "task", "outdent", "1.1")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Outdented 'A': now 2.",
        "1 'Design' has no tasks under it now and is a task again: its own duration of 5 working days counts "
        "again (it spanned 3 working days as a summary).",
        "2 'A' is now a summary: its own duration of 3 working days no longer counts, its dates come from its "
        "tasks (now 2 working days, 2027-01-04 to 2027-01-05). `pmtui undo` takes back the outdent and these.",
    ]


def test_deleting_a_summarys_last_task_says_what_it_becomes(db_path):
    _plan(db_path, ("Phase", "-d", "0"), ("Work", "-d", "4d", "--under", "1"), ("Next", "-d", "1d", "--after", "1"))
    r = cli(db_path, "task", "rm", "1.1")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Deleted 1.1 Work.",
        "1 'Phase' has no tasks under it now and is a task again: it keeps the 4 working days it spanned as a "
        "summary as its duration, in place of its own 0 days. `pmtui undo` takes back the delete and this.",
    ]
    assert _rows(db_path)["Next"][3] == "2027-01-08"
    assert cli(db_path, "undo").exit_code == 0
    rows = _rows(db_path)
    assert rows["Phase"][1:3] == (0, True) and rows["Work"][0] == "1.1"
    r = cli(db_path, "task", "rm", "2")  # not the last task of a summary: as before
    assert r.stdout.splitlines() == ["Deleted 2 Next. `pmtui undo` brings it back."]
