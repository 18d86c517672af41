"""A task with progress shows the duration it has now (MS Project's Duration: actual + remaining,
or the actual duration once done) wherever a PM reads durations, marked when it is not the planned
one; the stored, planned duration is what JSON's "duration" and every edit keep."""

from __future__ import annotations

import json
from datetime import date

from pmtui.services.plan import NOT_PLANNED
from pmtui.services.tasks import get_plan
from tests.foundation.helpers import cli

# Build, planned at 3 days, ran 4 to 11 January (6 working days); Test, planned at 2, is 25 %
# done with 3 days left on the 13th (1 done + 3 left); Deploy has not started.
STEPS = [
    ("project", "new", "A", "--start", "2027-01-04"),
    ("task", "add", "Build", "--duration", "3d"),
    ("task", "add", "Test", "--duration", "2d", "--after", "1"),
    ("task", "add", "Deploy", "--duration", "4d", "--after", "2"),
    ("project", "status-date", "2027-01-13"),
    ("progress", "1", "--started", "--on", "2027-01-04"),
    ("progress", "1", "--done", "--on", "2027-01-11"),
    ("progress", "2", "--started", "--on", "2027-01-12"),
    ("progress", "2", "--remaining", "3d"),
]


def _plan(db_path, *extra):
    for args in (*STEPS, *extra):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stdout, r.stderr)


def _dur_column(text: str) -> dict[str, str]:
    rows = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] in ("1", "2", "3"):
            rows[parts[1]] = parts[2]
    return rows


def test_schedule_and_task_list_show_the_duration_now_with_a_mark_explained_below(db_path):
    _plan(db_path)
    for command in (("schedule",), ("task", "list")):
        out = cli(db_path, *command).stdout
        assert _dur_column(out) == {"Build": f"6d{NOT_PLANNED}", "Test": f"4d{NOT_PLANNED}", "Deploy": "4d"}, out
        assert f"{NOT_PLANNED} = duration now (days done + days left, or as it ran), not the planned one" in out


def test_without_progress_the_tables_are_as_before(db_path):
    for args in STEPS[:4]:
        assert cli(db_path, *args).exit_code == 0
    for command in (("schedule",), ("task", "list")):
        out = cli(db_path, *command).stdout
        assert _dur_column(out) == {"Build": "3d", "Test": "2d", "Deploy": "4d"}
        assert NOT_PLANNED not in out


def test_task_show_gives_the_duration_now_and_the_planned_one(db_path):
    _plan(db_path, ("task", "add", "Docs", "--under", "3", "--duration", "2d"))
    assert "duration     6d (planned 3d)   complete 100%" in cli(db_path, "task", "show", "1").stdout
    assert "duration     4d (planned 2d)   complete 25%" in cli(db_path, "task", "show", "2").stdout
    # a summary's duration is its tasks' span, not the stored figure it had as a task (4d)
    assert "duration     2d (from its tasks)" in cli(db_path, "task", "show", "3").stdout
    assert "duration     2d   complete 0%" in cli(db_path, "task", "show", "3.1").stdout


def test_json_keeps_the_planned_duration_and_adds_duration_now(db_path):
    _plan(db_path, ("task", "add", "Docs", "--under", "3", "--duration", "2d"))
    sched = {t["wbs"]: (t["duration"], t["duration_now"])
             for t in json.loads(cli(db_path, "schedule", "--json").stdout)["tasks"]}
    assert sched == {"1": (3, 6), "2": (2, 4), "3": (2, 2), "3.1": (2, 2)}
    listed = {t["wbs"]: (t["duration"], t["duration_now"])
              for t in json.loads(cli(db_path, "task", "list", "--json").stdout)}
    assert listed == {"1": (3, 6), "2": (2, 4), "3": (4, 2), "3.1": (2, 2)}
    shown = json.loads(cli(db_path, "task", "show", "1", "--json").stdout)
    assert (shown["duration"], shown["duration_now"]) == (3, 6)


def test_an_edited_plan_knows_its_durations_now_as_a_fresh_one(store, db_path):
    _plan(db_path)
    plan = get_plan(store, 1)
    assert plan.durations_now == {1: 6, 2: 4}  # only the tasks that differ
    build, test, deploy = plan.tasks
    # as the app's progress keys do: an edited copy updates the one entry it changed
    edits = [
        (test.id, {"percent_complete": 100, "actual_finish": date(2027, 1, 19), "remaining": 0}),  # ran 6 days
        (build.id, {"duration": 6}),  # re-planned as it ran: nothing left to mark
        (deploy.id, {"percent_complete": 50, "actual_start": date(2027, 1, 20), "remaining": 4}),
    ]
    for tid, values in edits:
        edited = plan.with_task_values(tid, values)
        fresh = type(plan)(plan.project, plan.workdays, plan.exceptions, list(edited.tasks), plan.links,
                           plan.resources, plan.assignments)
        assert edited.durations_now == fresh.durations_now
        plan = edited
    assert plan.durations_now == {2: 6, 3: 8}
