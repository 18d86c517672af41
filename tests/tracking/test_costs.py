"""Entering actual costs, the cost table, and refusals (negative, not a number, a summary)."""

from __future__ import annotations

import json

import pytest

from pmtui.models.errors import BadValue, Conflict
from pmtui.services import costing, resources
from pmtui.services.tasks import add_task, get_plan
from tests.conftest import file_digest
from tests.foundation.helpers import cli, dump


def test_summary_costs_roll_up_with_their_own_fixed_cost(store, project):
    pid = project.id
    resources.add_resource(store, pid, "Dev", cost_rate=500)
    add_task(store, pid, "Phase", duration=1, fixed_cost=250)
    add_task(store, pid, "Code", under="1", duration=4)
    add_task(store, pid, "Licence", under="1", duration=0, fixed_cost=1_000)
    resources.assign(store, pid, "1.1", "Dev", units=0.5)
    plan = get_plan(store, pid)
    costs = costing.plan_costs(plan)
    assert costs[plan.resolve("1.1").id].cost == 1_000
    assert costs[plan.resolve("1").id].cost == 1_000 + 1_000 + 250
    assert costs[plan.resolve("1.1").id].work == 2


def test_negative_and_malformed_actual_costs_are_refused(store, project):
    add_task(store, project.id, "Phase")
    add_task(store, project.id, "Work", under="1")
    before = dump(store, journal=True)
    with pytest.raises(BadValue, match="negative"):
        costing.set_actual_cost(store, project.id, "1.1", -5)
    with pytest.raises(BadValue):
        costing.parse_amount("twelve")
    with pytest.raises(BadValue):
        costing.parse_amount("nan")
    with pytest.raises(Conflict, match="summary"):
        costing.set_actual_cost(store, project.id, "1", 100)
    assert dump(store, journal=True) == before
    assert costing.parse_amount("12,500.50") == 12_500.5 and costing.parse_amount("none") is None


def test_cli_cost_actual(db_path):
    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
    assert cli(db_path, "task", "add", "Design", "--duration", "5d", "--fixed-cost", "2000").exit_code == 0
    digest = file_digest(db_path)
    r = cli(db_path, "cost", "actual", "1", "--", "-500")
    assert r.exit_code == 2 and r.stderr == "pmtui: actual cost -500.00 is negative: an actual cost is money spent, 0 or more\n"
    assert cli(db_path, "cost", "actual", "1", "abc").exit_code == 2
    assert cli(db_path, "cost", "actual", "9", "100").exit_code == 1
    assert file_digest(db_path) == digest
    assert cli(db_path, "cost", "actual", "1", "1,250").exit_code == 0
    data = json.loads(cli(db_path, "cost", "list", "--json").stdout)
    assert data["cost"] == 2000 and data["tasks"][0]["actual"] == 1250 and data["tasks"][0]["actual_entered"]


def test_cost_list_names_the_baselines_budget_as_the_bac(db_path):
    # Re-baselined after a 3,000 actual on a 2,500 task: evm said "BAC 3,000" while cost list
    # said "Budget at completion 2,500 EUR" — two budgets at completion for one plan.
    for args in (("project", "new", "Web shop", "--start", "2027-01-04"),
                 ("task", "add", "Design", "--duration", "5d", "--fixed-cost", "2500"),
                 ("project", "status-date", "2027-01-11"), ("progress", "1", "--done"),
                 ("cost", "actual", "1", "3000"), ("baseline", "save", "Re-plan")):
        assert cli(db_path, *args).exit_code == 0, args
    bac = json.loads(cli(db_path, "evm", "--json").stdout)["project"]["bac"]
    assert bac == 3000
    r = cli(db_path, "cost", "list")
    assert "Budget at completion 2,500" not in r.stdout
    assert "budget at completion (BAC) 3,000 from baseline 'Re-plan'" in r.stdout, r.stdout
    data = json.loads(cli(db_path, "cost", "list", "--json").stdout)
    assert (data["bac"], data["baseline"], data["cost"]) == (3000, "Re-plan", 2500)
    assert cli(db_path, "baseline", "rm", "Re-plan").exit_code == 0
    assert "Budget at completion 2,500 EUR" in cli(db_path, "cost", "list").stdout  # the plan's own, as evm


def test_a_finished_task_costs_the_days_it_took(db_path):
    # Build, planned at 3 days with Alice (500/day), ran from Monday 4 to Monday 11 January: 6
    # working days. Marked done, it cost its planned 1,500, so AC and the CPI hid the overrun.
    for args in (("project", "new", "Web shop", "--start", "2027-01-04"),
                 ("task", "add", "Build", "--duration", "3d"), ("task", "add", "Test", "--duration", "2d", "--after", "1"),
                 ("resource", "add", "Alice", "--rate", "500"), ("assign", "1", "Alice"), ("assign", "2", "Alice"),
                 ("baseline", "save", "Plan"), ("project", "status-date", "2027-01-15"),
                 ("progress", "1", "--started", "--on", "2027-01-04"), ("progress", "1", "--done", "--on", "2027-01-11")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stderr)
    build = json.loads(cli(db_path, "cost", "list", "--json").stdout)["tasks"][0]
    assert (build["actual"], build["remaining"], build["work"]) == (3000, 0, 6)
    evm = json.loads(cli(db_path, "evm", "--json").stdout)
    task = evm["tasks"][0]
    assert (task["bac"], task["ev"], task["ac"], task["cpi"]) == (1500, 1500, 3000, 0.5)
    assert evm["project"]["ac"] == 3000
    var = json.loads(cli(db_path, "variance", "--json").stdout)["tasks"][0]
    assert (var["duration_var"], var["cost_var"]) == (3, 1500)
    # an actual cost typed in still wins
    assert cli(db_path, "cost", "actual", "1", "2000").exit_code == 0
    assert json.loads(cli(db_path, "evm", "--json").stdout)["tasks"][0]["ac"] == 2000


def test_a_task_under_way_costs_its_days_done_plus_its_days_left(db_path):
    # Build, planned at 3 days with Alice (500/day), started Monday 4 January; on Friday 8 the
    # PM says 3 days are left. MS Project: Duration = actual 4 + remaining 3 days, so Build has
    # cost 2,000 and will cost 3,500. The planned 3 days capped the actual cost at 1,500 and the
    # forecast at 3,000, so AC, CPI and the EAC hid the overrun while it ran.
    for args in (("project", "new", "Web shop", "--start", "2027-01-04"),
                 ("task", "add", "Build", "--duration", "3d"),
                 ("resource", "add", "Alice", "--rate", "500"), ("assign", "1", "Alice"),
                 ("baseline", "save", "Plan"), ("project", "status-date", "2027-01-08"),
                 ("progress", "1", "--started", "--on", "2027-01-04"), ("progress", "1", "--remaining", "3d")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stderr)
    build = json.loads(cli(db_path, "cost", "list", "--json").stdout)["tasks"][0]
    assert (build["actual"], build["remaining"], build["cost"], build["work"]) == (2000, 1500, 3500, 7)
    evm = json.loads(cli(db_path, "evm", "--json").stdout)["project"]
    assert (evm["bac"], evm["ac"]) == (1500, 2000)
    assert evm["cpi"] == pytest.approx(evm["ev"] / 2000)
    var = json.loads(cli(db_path, "variance", "--json").stdout)["tasks"][0]
    assert (var["duration_var"], var["cost_var"]) == (4, 2000)
    # an actual cost typed in still wins; the days left still cost what they cost
    assert cli(db_path, "cost", "actual", "1", "1800").exit_code == 0
    build = json.loads(cli(db_path, "cost", "list", "--json").stdout)["tasks"][0]
    assert (build["actual"], build["remaining"]) == (1800, 1500)
    assert json.loads(cli(db_path, "evm", "--json").stdout)["project"]["ac"] == 1800


def test_without_a_baseline_the_budget_is_the_planned_cost_not_what_the_overrun_made_it(db_path):
    # No baseline yet: the BAC is the plan's budget for its planned days. Build (3 days at 500)
    # took 6; the BAC followed it to 3,000, so EV = AC = 3,000 and the CPI said 1.00.
    for args in (("project", "new", "Web shop", "--start", "2027-01-04"),
                 ("task", "add", "Build", "--duration", "3d"), ("task", "add", "Test", "--duration", "2d", "--after", "1"),
                 ("resource", "add", "Alice", "--rate", "500"), ("assign", "1", "Alice"), ("assign", "2", "Alice"),
                 ("project", "status-date", "2027-01-15"),
                 ("progress", "1", "--started", "--on", "2027-01-04"), ("progress", "1", "--done", "--on", "2027-01-11")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stderr)
    evm = json.loads(cli(db_path, "evm", "--json").stdout)
    build = evm["tasks"][0]
    assert (build["bac"], build["ev"], build["ac"], build["cpi"], build["eac"]) == (1500, 1500, 3000, 0.5, 3000)
    assert (evm["project"]["bac"], evm["project"]["ac"]) == (2500, 3000)
    data = json.loads(cli(db_path, "cost", "list", "--json").stdout)
    assert (data["bac"], data["baseline"]) == (2500, None)
    assert (data["tasks"][0]["budget"], data["tasks"][0]["forecast"]) == (1500, 3000)
    assert "Budget at completion 2,500 EUR" in cli(db_path, "cost", "list").stdout


def test_a_task_done_on_days_off_costs_the_days_it_was_worked(db_path):
    """A 2-day data load done on Saturday 16 and Sunday 17 January, days the calendar does not
    work, was counted as no working day and floored to one: it cost 500 (Alice at 500/day) and
    showed '1d' in the task list. The days work was recorded on count: 2 days, 1,000. With the
    weekend declared as worked days (calendar workday add), the same."""
    for args in (("project", "new", "Cutover", "--start", "2027-01-04"),
                 ("task", "add", "Data load", "--duration", "2d"), ("resource", "add", "Alice", "--rate", "500"),
                 ("assign", "1", "Alice"), ("project", "status-date", "2027-01-20"),
                 ("progress", "1", "--started", "--on", "2027-01-16"), ("progress", "1", "--done", "--on", "2027-01-17")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stderr)
    load = json.loads(cli(db_path, "cost", "list", "--json").stdout)["tasks"][0]
    assert (load["actual"], load["remaining"], load["work"]) == (1000, 0, 2)
    assert "2d " in cli(db_path, "task", "list").stdout.splitlines()[2]
    for day in ("2027-01-16", "2027-01-17"):
        assert cli(db_path, "calendar", "workday", "add", day).exit_code == 0
    load = json.loads(cli(db_path, "cost", "list", "--json").stdout)["tasks"][0]
    assert (load["actual"], load["work"]) == (1000, 2)


def test_days_worked_counts_the_ends_a_calendar_has_off():
    from datetime import date

    from pmtui.scheduling import WorkCalendar

    cal = WorkCalendar(anchor=date(2027, 1, 4))
    sat, sun, mon, fri = date(2027, 1, 16), date(2027, 1, 17), date(2027, 1, 18), date(2027, 1, 15)
    assert cal.days_worked(sat, sun) == 2
    assert cal.days_worked(sat, sat) == 1
    assert cal.days_worked(sat, mon) == 2  # Saturday and Monday; Sunday between was not recorded
    assert cal.days_worked(fri, mon) == 2  # an ordinary weekend in the middle is not worked
    assert cal.days_worked(date(2027, 1, 11), fri) == 5
    assert cal.days_worked(mon, fri) == 0
