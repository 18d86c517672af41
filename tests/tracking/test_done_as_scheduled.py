""""Done" without a date finishes a task when its plan finished it (MS Project copies the scheduled
finish into Actual Finish at 100 %), but never on or after the status date.

Rollout starts Monday 4 January 2027: Design 3 days (Mon 4 - Wed 6), Build 5 days after it
(Thu 7 - Wed 13), baselined so. The stand-up is on Monday 11 January, the status date."""

from __future__ import annotations

import json

import pytest

from tests.foundation.helpers import cli


@pytest.fixture
def rollout(db_path):
    for args in (("project", "new", "Rollout", "--start", "2027-01-04"),
                 ("task", "add", "Design", "--duration", "3d"),
                 ("task", "add", "Build", "--duration", "5d", "--after", "1"),
                 ("baseline", "save", "Plan"),
                 ("project", "status-date", "2027-01-11")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, r.stderr
    return db_path


def _variance(db) -> dict[str, dict]:
    return {t["wbs"]: t for t in json.loads(cli(db, "variance", "--json").stdout)["tasks"]}


@pytest.mark.parametrize("how", [("progress", "1", "--done"), ("progress", "1", "100%"), ("progress", "1", "--remaining", "0")])
def test_a_task_done_after_its_planned_finish_keeps_the_planned_finish(rollout, how):
    # Design was due Wednesday 6; said done at Monday's stand-up, it was dated Friday 8 (the
    # day before the status date): a two-day slip against the baseline that never happened.
    r = cli(rollout, *how)
    assert r.exit_code == 0, r.stderr
    assert "actual finish none → 2027-01-06" in r.stdout and "actual start none → 2027-01-04" in r.stdout
    design = _variance(rollout)["1"]
    assert (design["start"], design["finish"], design["finish_var"], design["duration_var"]) == \
        ("2027-01-04", "2027-01-06", 0, 0)


def test_a_task_due_after_the_status_date_is_done_by_the_day_before_it(rollout):
    # Build started Thursday 7 and was due Wednesday 13; done by Monday's stand-up, it finished
    # by Friday 8 at the latest (actual dates are in the past): three days early.
    assert cli(rollout, "progress", "1", "--done").exit_code == 0
    assert cli(rollout, "progress", "2", "--started", "--on", "2027-01-07").exit_code == 0
    r = cli(rollout, "progress", "2", "--done")
    assert r.exit_code == 0, r.stderr
    assert "actual finish none → 2027-01-08" in r.stdout
    build = _variance(rollout)["2"]
    assert (build["start"], build["finish"], build["finish_var"]) == ("2027-01-07", "2027-01-08", -3)


def test_a_date_given_is_kept(rollout):
    r = cli(rollout, "progress", "1", "--done", "--on", "2027-01-08")
    assert r.exit_code == 0, r.stderr
    assert _variance(rollout)["1"]["finish_var"] == 2


def test_a_task_started_at_a_stand_up_and_done_at_the_next_keeps_its_planned_finish(rollout):
    # Design started Monday 4 (the stand-up's `s`, no percent): done at Monday 11's, it finished
    # Wednesday 6 as planned, not Friday 8
    assert cli(rollout, "progress", "1", "--started", "--on", "2027-01-04").exit_code == 0
    r = cli(rollout, "progress", "1", "--done")
    assert r.exit_code == 0, r.stderr
    assert "actual finish none → 2027-01-06" in r.stdout
    assert _variance(rollout)["1"]["finish_var"] == 0


def test_a_task_reported_part_done_is_done_by_the_day_before_the_status_date(rollout):
    # Design at 50 % was reported unfinished as of some earlier status date (not kept with the
    # task), maybe after Wednesday 6: dated the 6th, its finish could come before that report
    assert cli(rollout, "progress", "1", "50%").exit_code == 0
    r = cli(rollout, "progress", "1", "--done")
    assert r.exit_code == 0, r.stderr
    assert "actual finish none → 2027-01-08" in r.stdout
