"""RAG ratings with thresholds from the config file, snapshots and `pmtui status`."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from pmtui.models.errors import BadValue
from pmtui.models.risks import Issue, Risk
from pmtui.scheduling.evm import earned_value
from pmtui.services import baselines, snapshots, status
from pmtui.services.actions import action
from pmtui.services.projects import set_status_date
from pmtui.services.tasks import add_task, edit_task, set_progress
from pmtui.store import settings
from pmtui.store.locations import config_file
from tests.conftest import file_digest
from tests.foundation.helpers import cli, dump


@pytest.fixture
def config():
    def write(text: str) -> None:
        config_file().parent.mkdir(parents=True, exist_ok=True)
        config_file().write_text(text)
        settings.reload()

    yield write
    settings.reload()


def _ev(spi: float, cpi: float):
    return earned_value(bac=1000, pv=100, ev=100 * spi, ac=100 * spi / cpi)


def test_default_thresholds():
    th = status.load_thresholds()
    rags = {r.area: r for r in status.rate(_ev(0.96, 0.90), None, 0, th)}
    assert (rags["schedule"].letter, rags["cost"].letter, rags["scope"].letter, rags["risk"].letter) == ("G", "A", "-", "G")
    assert rags["cost"].reason.startswith("CPI 0.90")
    assert {r.area: r.letter for r in status.rate(_ev(0.80, 0.84), None, 3, th)} == {
        "schedule": "R", "cost": "R", "scope": "-", "risk": "R"}


def test_custom_thresholds_from_the_config_file(config):
    config("[rag]\nspi_amber = 0.99\nspi_red = 0.97\ncpi_amber = 0.80\ncpi_red = 0.70\nrisk_high_amber = 2\nrisk_high_red = 5\n")
    th = status.load_thresholds()
    assert (th.spi_amber, th.cpi_red, th.slip_red) == (0.99, 0.70, 10)  # unset keys keep their defaults
    rags = {r.area: r.letter for r in status.rate(_ev(0.98, 0.75), None, 1, th)}
    assert rags == {"schedule": "A", "cost": "A", "scope": "-", "risk": "G"}
    assert status.overall(status.rate(_ev(0.96, 0.9), None, 5, th)).letter == "R"


@pytest.mark.parametrize("text, message", [
    ("[rag]\nspi_red = 0.99\n", "spi_red = 0.99 must not be above spi_amber = 0.95"),
    ("[rag]\nslip_amber = 'a week'\n", "slip_amber = 'a week' must be a whole number"),
    ("[rag]\nspi_amberr = 0.9\n", "unknown keys spi_amberr"),
    ("[evm]\neac = 'guess'\n", "not an EAC method"),
])
def test_bad_rag_config_is_reported(config, text, message):
    config(text)
    with pytest.raises(BadValue, match=message):
        status.load_thresholds()
        status.eac_method()


def test_status_and_snapshots_follow_the_plan(store, project, config):
    pid = project.id
    config("[rag]\nslip_amber = 2\nslip_red = 4\nspi_amber = 0.5\nspi_red = 0.4\n[risk]\nhigh = 15\n")
    add_task(store, pid, "Design", duration=5, fixed_cost=5_000)
    add_task(store, pid, "Go-live", duration=0, after="1")
    set_status_date(store, pid, date(2027, 1, 8))
    set_progress(store, pid, "1", percent=40, started_on=date(2027, 1, 4))
    baselines.save_baseline(store, pid, "Approved")  # after progress: the re-planned dates
    with action(store, pid, "Add risks") as act:
        act.session.add(Risk(project_id=pid, number=1, title="Vendor late", probability=4, impact=4, response="Weekly calls"))
        act.session.add(Risk(project_id=pid, number=2, title="Key user away", probability=3, impact=4))  # 12: medium with high = 15
        act.session.add(Risk(project_id=pid, number=3, title="Closed one", probability=5, impact=5, status="closed"))
        act.session.add(Issue(project_id=pid, number=1, title="Test server down", kind="blocker", raised_on=date(2027, 1, 6)))
    first = snapshots.take_snapshot(store, pid)
    assert (first.risks_high, first.risks_medium, first.open_issues, first.source) == (1, 1, 1, "manual")
    assert snapshots.data_of(first)["finish_slip"] == 0 and first.percent_complete == 40
    # Design runs 4–12 Jan in the baseline (the scheduler restarts its 3 remaining days on the
    # status date, Friday 8th, the first day of unfinished work): 4 of its 7 days are gone
    # (4–7 Jan), so PV = 4/7 × 5,000 against EV = 40 % × 5,000.
    assert (first.pv, first.ev) == (pytest.approx(5_000 * 4 / 7), pytest.approx(2_000))
    edit_task(store, pid, "1", duration=8)
    s = status.project_status(store, pid)
    # 60 % of 8 days is 4.8, so 5 days remain from the status date: Go-live moves from the 12th to the 14th.
    assert s.finish_slip == 2 and {r.area: r.letter for r in s.rags}["schedule"] == "A"  # SPI 0.56 is above 0.5
    assert [m.variance for m in s.milestones] == [2] and s.blockers[0].title == "Test server down"
    assert [r.title for r in s.risks] == ["Vendor late", "Key user away"]
    snapshots.take_snapshot(store, pid, "standup")
    history = snapshots.list_snapshots(store, pid)
    assert [snapshots.data_of(h)["finish_slip"] for h in history] == [0, 2]
    assert history[-1].source == "standup"
    before = dump(store, journal=True)
    with pytest.raises(BadValue):
        snapshots.take_snapshot(store, pid, "whenever")
    assert dump(store, journal=True) == before


def test_cli_status(db_path):
    assert cli(db_path, "demo").exit_code == 0
    r = cli(db_path, "status")
    # the demo is built around the real today, so its SPI varies a little from day to day
    assert r.exit_code == 0 and "overall [" in r.stdout
    assert re.search(r"\[[GAR]\] schedule  SPI \d\.\d\d, finish \+0d vs baseline", r.stdout), r.stdout
    data = json.loads(cli(db_path, "status", "--json").stdout)
    assert set(data["rag"]) == {"schedule", "cost", "scope", "risk"} and data["rag"]["scope"]["rag"] == "G"
    assert cli(db_path, "status", "snapshot").exit_code == 0
    hist = json.loads(cli(db_path, "status", "history", "--json").stdout)
    assert len(hist) == 1 and hist[0]["spi"] == pytest.approx(data["evm"]["spi"])
    evm = json.loads(cli(db_path, "evm", "--json", "--eac", "composite").stdout)
    assert evm["eac_method"] == "composite" and evm["baseline"] == "Approved plan"
    assert cli(db_path, "evm", "--eac", "magic").exit_code == 2


def test_counts_of_one_read_in_the_singular(db_path):
    # "1 risks as of …" and "(1 blockers)"
    from tests.foundation.helpers import cli

    for args in (("project", "new", "One", "--start", "2027-01-04"), ("task", "add", "Build", "--duration", "3d"),
                 ("risk", "add", "Vendor late", "-P", "2", "-I", "3"), ("blocker", "1", "No test server")):
        assert cli(db_path, *args).exit_code == 0, args
    assert "1 risk as of" in cli(db_path, "risk", "list").stdout
    assert "(1 blocker)" in cli(db_path, "status").stdout


def test_the_risk_counts_say_they_count_threats(db_path, store):
    # One high threat and one high opportunity: status and the report's summary said "open
    # risks: 1 high, 0 medium, 0 low" above a table listing two open high risks.
    from pmtui.reports import render_report

    for args in (("project", "new", "One", "--start", "2027-01-04"), ("task", "add", "Build", "--duration", "3d"),
                 ("risk", "add", "Vendor late", "-P", "3", "-I", "4"),
                 ("risk", "add", "Reuse a library", "-P", "4", "-I", "3", "--kind", "opportunity")):
        assert cli(db_path, *args).exit_code == 0, args
    line = "open threats: 1 high, 0 medium, 0 low; opportunities: 1;"
    assert line in cli(db_path, "status").stdout
    report = render_report(store, 1, fmt="md")
    assert "- Open threats: 1 high, 0 medium, 0 low; opportunities: 1;" in report and "Open risks:" not in report


def test_scope_counts_tasks_with_work_not_their_summaries(db_path):
    # 20 tasks baselined; a new phase of 1 task added: 1 of 20 (5 %), not 2 (its summary too)
    assert cli(db_path, "project", "new", "Scope", "--start", "2027-01-04").exit_code == 0
    for i in range(20):
        assert cli(db_path, "task", "add", f"T{i}", "--duration", "1d").exit_code == 0
    assert cli(db_path, "baseline", "save", "Plan").exit_code == 0
    assert cli(db_path, "task", "add", "Phase 2").exit_code == 0
    assert cli(db_path, "task", "add", "New work", "--under", "21", "--duration", "2d").exit_code == 0
    scope = json.loads(cli(db_path, "status", "--json").stdout)["rag"]["scope"]
    assert scope["why"] == "1 added, 0 removed (5%)", scope
    assert cli(db_path, "task", "rm", "1").exit_code == 0
    scope = json.loads(cli(db_path, "status", "--json").stdout)["rag"]["scope"]
    assert scope["why"] == "1 added, 1 removed (10%)", scope


def test_without_a_status_date_the_figures_are_as_of_today_but_never_before_the_start(store, project):
    # The project starts Monday 4 January 2027. On 5 December 2026, with no status date set, the
    # status was dated 5 December: a status of a plan a month before it began.
    from pmtui.services import resources

    add_task(store, project.id, "Design", duration=5)
    resources.add_resource(store, project.id, "Alice", cost_rate=500)
    resources.assign(store, project.id, "1", "Alice")
    baselines.save_baseline(store, project.id, "Plan")
    early = status.project_status(store, project.id, today=date(2026, 12, 5))
    assert (early.status_date, early.as_of.source, early.as_of.default) == (date(2027, 1, 4), "start", True)
    assert early.as_of.label == "2027-01-04 (no status date set: the project start, as it has not started yet)"
    p = early.evm.project
    assert (p.bac, p.pv, p.ev, p.ac, p.etc) == (2500, 0, 0, 0, 2500)
    rep = status.earned_value_report(store, project.id, today=date(2026, 12, 5))
    assert rep.status_date == date(2027, 1, 4)
    # once under way, today; a status date that is set wins
    under_way = status.project_status(store, project.id, today=date(2027, 1, 6))
    assert (under_way.status_date, under_way.as_of.source, under_way.evm.project.pv) == (date(2027, 1, 6), "today", 1000)
    set_status_date(store, project.id, date(2027, 1, 5))
    fixed = status.project_status(store, project.id, today=date(2026, 12, 5))
    assert (fixed.status_date, fixed.as_of.label) == (date(2027, 1, 5), "2027-01-05")


def test_cli_says_which_date_the_figures_use(db_path):
    # a project far in the future: whatever day the suite runs, today is before its start
    for args in (("project", "new", "Later", "--start", "2099-01-05"), ("task", "add", "Design", "--duration", "5d"),
                 ("baseline", "save", "Plan")):
        assert cli(db_path, *args).exit_code == 0
    label = "2099-01-05 (no status date set: the project start, as it has not started yet)"
    assert f"Later — status {label}: overall" in cli(db_path, "status").stdout
    assert f"As of {label}, PV from baseline 'Plan'" in cli(db_path, "evm").stdout
    data = json.loads(cli(db_path, "evm", "--json").stdout)
    assert (data["status_date"], data["status_date_source"]) == ("2099-01-05", "start")
    data = json.loads(cli(db_path, "status", "--json").stdout)
    assert (data["status_date"], data["status_date_source"]) == ("2099-01-05", "start")
    report = cli(db_path, "report").stdout
    assert f"Status date **2099-01-05** (no status date set: the project start, as it has not started yet)" in report
    assert f"Complete: 0% as of {label}" in report
    # the week covered is the one that just went by, so today's planning is in it
    assert "- " + date.today().isoformat() + " Add task: added 1 'Design'" in report


def test_moving_the_start_past_the_status_date_is_refused(db_path):
    # A project postponed from 4 January to 1 February kept its status date of 6 January: the
    # status was then dated before the plan began, which 'project status-date' itself refuses.
    for args in (("project", "new", "Later", "--start", "2027-01-04"), ("task", "add", "Design", "--duration", "3d"),
                 ("project", "status-date", "2027-01-06")):
        assert cli(db_path, *args).exit_code == 0
    before = file_digest(db_path)
    r = cli(db_path, "project", "edit", "--start", "2027-02-01")
    assert r.exit_code == 1
    assert r.stderr == ("pmtui: the status date 2027-01-06 is before the new start 2027-02-01: move it first "
                        "(pmtui project status-date 2027-02-01) or clear it (pmtui project status-date none)\n")
    assert file_digest(db_path) == before
    assert cli(db_path, "project", "status-date", "none").exit_code == 0
    assert cli(db_path, "project", "edit", "--start", "2027-02-01").exit_code == 0


def test_a_task_past_its_deadline_colours_the_schedule(store, project, config):
    """MS Project's sample with the file's finish (17 March) as Second Task's deadline: the
    schedule forecasts it 50 working days later, yet status read 'overall G — on track' (no
    baseline, so nothing else measured the schedule). The days past a deadline now count against
    the same slip thresholds as the finish against the baseline, and the reason names the task."""
    pid = project.id
    add_task(store, pid, "Second Task", duration=100, deadline=date(2027, 3, 26))
    add_task(store, pid, "Docs", duration=3, deadline=date(2027, 1, 7))  # 1 day late: still green
    s = status.project_status(store, pid)
    schedule = {r.area: r for r in s.rags}["schedule"]
    assert schedule.letter == "R" and s.overall.letter == "R"
    assert schedule.reason == "no baseline to measure against, 1 Second Task 40d past its deadline 2027-03-26"
    edit_task(store, pid, "1", deadline=date(2027, 5, 13))  # 6 days late: amber (5 to 9)
    schedule = {r.area: r for r in status.project_status(store, pid).rags}["schedule"]
    assert schedule.letter == "A" and schedule.reason.endswith("1 Second Task 6d past its deadline 2027-05-13")
    edit_task(store, pid, "1", deadline=date(2027, 5, 19))  # 2 days: green, and said only for its colour
    schedule = {r.area: r for r in status.project_status(store, pid).rags}["schedule"]
    assert (schedule.level, schedule.reason) == ("none", "no baseline to measure against")


def test_a_finished_phase_past_its_deadline_no_longer_colours_the_schedule(store, project):
    """The worst deadline counts unfinished work only; a summary is finished when its tasks are
    (its own stored percent stays 0), so a phase done late is history, not a forecast."""
    pid = project.id
    add_task(store, pid, "Phase", duration=1, deadline=date(2027, 1, 4))
    add_task(store, pid, "Work", duration=10, under="1")
    set_status_date(store, pid, date(2027, 1, 25))
    assert {r.area: r for r in status.project_status(store, pid).rags}["schedule"].letter == "R"
    set_progress(store, pid, "1.1", percent=100, started_on=date(2027, 1, 4))
    schedule = {r.area: r for r in status.project_status(store, pid).rags}["schedule"]
    assert "deadline" not in schedule.reason and schedule.letter == "-"


def test_a_plan_without_costs_says_it_has_no_budget_not_no_cost_yet():
    """The cost RAG of a plan with no rates and no fixed costs read 'no actual cost yet', as if a
    CPI would come once work was reported; with no budget none ever does."""
    th = status.load_thresholds()
    cost = {r.area: r for r in status.rate(earned_value(bac=0, pv=0, ev=0, ac=0), None, 0, th)}["cost"]
    assert (cost.level, cost.reason) == ("none", "no budget: no rates or fixed costs in the plan")
    cost = {r.area: r for r in status.rate(earned_value(bac=1000, pv=0, ev=0, ac=0), None, 0, th)}["cost"]
    assert (cost.level, cost.reason) == ("none", "no actual cost yet")


def test_a_baseline_without_costs_is_named_as_what_has_no_budget(store, project):
    """Rates added after a baseline saved without any: the budget (the baseline's) is still 0."""
    from pmtui.services import resources

    add_task(store, project.id, "Build", duration=3)
    baselines.save_baseline(store, project.id, "Plan")
    resources.add_resource(store, project.id, "Ann", cost_rate=100)
    resources.assign(store, project.id, "1", "Ann")
    s = status.project_status(store, project.id)
    assert {r.area: r.reason for r in s.rags}["cost"] == "no budget: no rates or fixed costs in the baseline"


def test_history_json_of_a_snapshot_without_baseline_has_no_pv(db_path):
    """`status --json` gave "pv": null for a plan with no baseline, and `status history --json`
    "pv": 0.0 for a snapshot of it: nothing planned, so a script's SV (EV − PV) was the EV."""
    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
    assert cli(db_path, "resource", "add", "Ann", "--rate", "100").exit_code == 0
    assert cli(db_path, "task", "add", "Design", "--duration", "5d").exit_code == 0
    assert cli(db_path, "assign", "1", "Ann").exit_code == 0
    assert cli(db_path, "project", "status-date", "2027-01-06").exit_code == 0
    assert cli(db_path, "progress", "1", "40%").exit_code == 0
    assert json.loads(cli(db_path, "status", "--json").stdout)["evm"]["pv"] is None
    assert cli(db_path, "status", "snapshot").exit_code == 0
    assert cli(db_path, "baseline", "save", "Plan").exit_code == 0
    assert cli(db_path, "status", "snapshot").exit_code == 0
    hist = json.loads(cli(db_path, "status", "history", "--json").stdout)
    assert [(h["pv"], h["ev"], h["spi"]) for h in hist] == [(None, 200.0, None), (200.0, 200.0, 1.0)]


def test_the_overall_rating_says_what_it_stands_on(db_path):
    """`pmtui status` of a plan with no baseline and no costs read 'overall [G] GREEN': its risk
    register was all that was measured, which the report and the status screen said and the
    command did not."""
    # as of the start: with no status date it was as of today, and from Tue 5 Jan 2027 on Build,
    # not begun, put the schedule at R
    for args in (("project", "new", "One", "--start", "2027-01-04"), ("project", "status-date", "2027-01-04"),
                 ("task", "add", "Build", "--duration", "3d")):
        assert cli(db_path, *args).exit_code == 0, args
    first = cli(db_path, "status").stdout.splitlines()[0]
    assert first.endswith("overall [G] GREEN — risk G; not measured: schedule, cost, scope"), first
    data = json.loads(cli(db_path, "status", "--json").stdout)
    assert (data["overall"], data["overall_why"]) == ("G", "risk G; not measured: schedule, cost, scope")
    for args in (("resource", "add", "Alice", "--rate", "100"), ("assign", "1", "Alice"), ("baseline", "save", "Plan"),
                 ("risk", "add", "Vendor late", "-P", "4", "-I", "4")):
        assert cli(db_path, *args).exit_code == 0, args
    first = cli(db_path, "status").stdout.splitlines()[0]
    assert first.endswith("overall [A] AMBER — risk A; not measured: cost"), first


def test_status_json_lists_the_milestones_and_the_late_tasks(db_path):
    """`status --json` gave counts only: a script drawing the week's dashboard had no milestone
    forecasts nor late tasks, which the screen and the report list."""
    # as of the start: with no status date it was as of today, and from Tue 5 Jan 2027 on Build,
    # not begun, was listed as due to start on 4 Jan
    for args in (("project", "new", "One", "--start", "2027-01-04"), ("project", "status-date", "2027-01-04"),
                 ("task", "add", "Build", "--duration", "5d"),
                 ("task", "add", "Test", "--duration", "3d", "--after", "1", "--deadline", "2027-01-12"),
                 ("task", "add", "Go-live", "--duration", "0", "--after", "2"),
                 ("baseline", "save", "Plan"), ("task", "edit", "1", "--duration", "7d")):
        assert cli(db_path, *args).exit_code == 0, args
    data = json.loads(cli(db_path, "status", "--json").stdout)
    assert data["milestones"] == [{"wbs": "3", "name": "Go-live", "baseline": "2027-01-13", "forecast": "2027-01-15",
                                   "variance": 2, "done": False, "deadline": None}]
    # Build 01-04 to 01-12 (+2d); Test 01-13 to 01-15 (+2d), 3 working days past its deadline
    assert data["late"] == [
        {"wbs": "2", "name": "Test", "baseline_finish": "2027-01-13", "forecast": "2027-01-15", "variance": 2,
         "deadline": "2027-01-12", "past_deadline": 3, "due_to_start": None},
        {"wbs": "1", "name": "Build", "baseline_finish": "2027-01-08", "forecast": "2027-01-12", "variance": 2,
         "deadline": None, "past_deadline": None, "due_to_start": None}]


def test_status_history_gives_the_overall_rag_and_the_eac_of_each_snapshot(db_path):
    """Each snapshot keeps its overall RAG and EAC, and `status history` showed neither: the two
    figures a steering committee follows week by week."""
    for args in (("project", "new", "One", "--start", "2027-01-04"), ("resource", "add", "Alice", "--rate", "100"),
                 ("task", "add", "Build", "--duration", "10d"), ("assign", "1", "Alice"), ("baseline", "save", "Plan"),
                 ("project", "status-date", "2027-01-11"), ("progress", "1", "50%"), ("cost", "actual", "1", "625"),
                 ("status", "snapshot")):
        assert cli(db_path, *args).exit_code == 0, args
    # BAC 1,000, EV 500, AC 625: CPI 0.80, EAC 1,000 / 0.8 = 1,250; red below 0.85
    out = cli(db_path, "status", "history").stdout.splitlines()
    assert out[0].split() == ["Day", "Source", "RAG", "Finish", "Slip", "Done", "SPI", "CPI", "EAC", "High", "risks",
                              "Issues"]
    assert out[1].split() == ["2027-01-11", "manual", "R", "2027-01-15", "+0d", "50%", "1.00", "0.80", "1,250", "0", "0"]
