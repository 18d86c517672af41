"""A summary's and the project's percent complete roll up MS Project's way (Microsoft KB 101495:
Σ actual duration / Σ duration of the detail tasks), with each task's duration now (days done +
days left, or the days a finished task took): the same figure in the WBS, `task list`, `task
show`, `status`, the report and the MS Project XML export. The app weighed each task by its
planned duration, so once a task overran the app and the exported file disagreed."""

from __future__ import annotations

import json
import re

from pmtui.services.costing import project_percent
from pmtui.services.projects import find_project
from pmtui.services.tasks import get_plan
from tests.foundation.helpers import cli

# Release holds Build, planned at 3 days and done in 5 (4 to 8 January), and Test, planned at 2
# days, 25 % done with 3 days left on the 13th (1 done + 3 left: 4 days now); Deploy, 4 days,
# has not started.
# Release: (5 × 100 + 4 × 25) / (5 + 4) = 66.7 % (planned durations gave (300 + 50) / 5 = 70)
# Project: (500 + 100 + 0) / (5 + 4 + 4) = 46.2 % (planned: 350 / 9 = 38.9)
STEPS = [
    ("project", "new", "A", "--start", "2027-01-04"),
    ("task", "add", "Release"),
    ("task", "add", "Build", "--duration", "3d", "--under", "1"),
    ("task", "add", "Test", "--duration", "2d", "--under", "1", "--after", "1.1"),
    ("task", "add", "Deploy", "--duration", "4d", "--after", "1"),
    ("project", "status-date", "2027-01-13"),
    ("progress", "1.1", "--started", "--on", "2027-01-04"),
    ("progress", "1.1", "--done", "--on", "2027-01-08"),
    ("progress", "1.2", "--started", "--on", "2027-01-12"),
    ("progress", "1.2", "--remaining", "3d"),
]


def _plan(db_path):
    for args in STEPS:
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stdout, r.stderr)


def test_the_app_and_the_export_roll_up_with_the_durations_now(db_path, tmp_path):
    _plan(db_path)
    listed = cli(db_path, "task", "list").stdout
    release = next(line for line in listed.splitlines() if line.split()[:2] == ["1", "Release"])
    assert release.split()[-1] == "67", listed  # the % column (no predecessors, no resources)
    rows = {t["wbs"]: t for t in json.loads(cli(db_path, "task", "list", "--json").stdout)}
    assert (rows["1"]["percent_complete"], rows["1.1"]["percent_complete"], rows["1.2"]["percent_complete"]) == (
        66.7, 100, 25)
    assert "complete 67%" in cli(db_path, "task", "show", "1").stdout
    assert "46% complete" in cli(db_path, "status").stdout
    assert "Complete: 46% as of 2027-01-13" in cli(db_path, "report").stdout
    out = tmp_path / "a.xml"
    assert cli(db_path, "export", str(out)).exit_code == 0
    pct = dict(re.findall(r"<Task><UID>\d+</UID><ID>\d+</ID><Name>([^<]*)</Name>.*?"
                          r"(?:<PercentComplete>(\d+)</PercentComplete>|</Task>)", out.read_text()))
    assert (pct["A"], pct["Release"], pct["Build"], pct["Test"]) == ("46", "67", "100", "25")


def test_an_edit_rolls_up_as_a_fresh_plan_does(store, db_path):
    """The app updates a summary's figure from one edited task (Plan._roll_up_change), not from
    a pass over the plan: it must give what reloading gives, durations now included."""
    _plan(db_path)
    pid = find_project(store, "A").id
    plan = get_plan(store, pid)
    assert round(plan.percent[plan.by_wbs["1"].id], 1) == 66.7
    test = plan.by_wbs["1.2"]
    # 1 day done + 5 left: 17 %, 6 days now
    edited = plan.with_task_values(test.id, {"percent_complete": 17, "remaining": 5})
    assert cli(db_path, "progress", "1.2", "--remaining", "5d").exit_code == 0
    fresh = get_plan(store, pid)
    assert (fresh.by_wbs["1.2"].percent_complete, fresh.by_wbs["1.2"].remaining) == (17, 5)
    assert edited.percent == fresh.percent
    # Release (5 × 100 + 6 × 17) / 11, the project 602 / 15
    assert round(fresh.percent[fresh.by_wbs["1"].id], 1) == 54.7
    assert round(project_percent(fresh), 1) == 40.1
