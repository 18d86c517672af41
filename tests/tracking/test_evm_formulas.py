"""Cost and earned-value formulas against published worked examples.

1. PROJ 592 "Project Cost and Schedule Control" (DeVry University), Week 5 assignment,
   Problem 5-1 "Earned Value Calculation", with its published solution
   (https://essaysforpay.com/pm592-week-5-assignment-problems/): four activities,
     A: budget 150,000, 5 of 15 weeks elapsed, 35 % complete, cost 45,000 so far
     B: budget 100,000, end of week 2 of 4, 45 % complete, cost 50,000
     C: budget 110,000, finished (2 weeks late), cost 100,000
     D: budget 450,000, beginning its 4th of 6 weeks, 55 % complete, cost 200,000
   Published: PV 50,000 / 50,000 / 110,000 / 225,000 = 435,000; EV 52,500 / 45,000 / 110,000 /
   247,500 = 455,000; AC 395,000; CV 60,000; CPI 1.1519. (The published SV line reads
   "455000 − 435000 = −$20,000" and SPI "1.04": the arithmetic gives +20,000 and 1.046, which is
   what we assert.) PV there is the budget × elapsed share of the planned weeks — exactly the
   linear spread over working days that pmtui uses — so the example is rebuilt as a real plan.
2. The EAC/ETC/VAC/TCPI table "From Poster 14" of https://wikislate.com/view.php?p=15-evm-forecasting.html:
   BAC 100, EV 40, AC 45 (CPI 0.89, SPI 0.80 so PV 50) → EAC = BAC/CPI 112.5, ETC 67.5,
   VAC −12.5, EAC (cost × schedule) ≈ 129, TCPI to BAC 1.09.
3. Joseph Phillips, PMP Study Guide, Figure 7-13 ("the EAC can also account for anomalies"),
   reproduced at https://www.gristprojectmanagement.us/integration/info-uhq.html:
   BAC 500,000, EV 100,000, AC 127,000 → EAC = AC + (BAC − EV) = 527,000.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from pmtui.scheduling.costs import cost_split, daily_rate, days_split, roll_up
from pmtui.scheduling.evm import earned_value, planned_value
from pmtui.services import baselines, costing, resources, status
from pmtui.services.projects import set_status_date
from pmtui.services.tasks import add_task, get_plan, set_progress
from pmtui.scheduling import WorkCalendar
from tests.foundation.helpers import cli

START = date(2027, 1, 4)  # the fixture project's start, a Monday
CAL = WorkCalendar(workdays=range(5), exceptions={}, anchor=START)


def day(i: int) -> date:
    return CAL.date_of(CAL.index_on_or_after(START) + i)


def test_cost_formulas():
    # Two people at 650 and 800 a day, the second half-time, 40 % through 10 days, plus 1,200 of
    # licences that accrue with progress.
    daily = daily_rate([(650, 1.0), (800, 0.5)])
    assert daily == 1_050
    assert days_split(10, 40) == (4, 6)
    assert cost_split(daily, 1200, 4, 6, 40) == pytest.approx((4 * 1_050 + 480, 6 * 1_050 + 720))
    # 50 % with 2 days left: 2 days done (50 % = 2 / (2 + 2)), whatever the 10 planned
    assert days_split(10, 50, remaining=2) == (2, 2)
    # 40 % with 8 days left of 10 planned: the 6 days done the scheduler places (work_split), so
    # it costs 14 days now, not its planned 10
    assert days_split(10, 40, remaining=8) == (6, 8)
    assert days_split(10, 100, remaining=3) == (10, 0)
    assert days_split(0, 100) == (0, 0)
    assert roll_up({1: 0.0, 2: 10.0, 3: 5.0, 4: 1.0}, {1: None, 2: 1, 3: 1, 4: 3}) == {1: 16.0, 2: 10.0, 3: 6.0, 4: 1.0}


def test_planned_value_is_a_linear_spread_over_working_days():
    assert planned_value(10, 19, 1000, 9) == 0
    assert planned_value(10, 19, 1000, 10) == pytest.approx(100)  # the first day counts in full
    assert planned_value(10, 19, 1000, 14) == pytest.approx(500)
    assert planned_value(10, 19, 1000, 40) == pytest.approx(1000)
    assert planned_value(5, 5, 300, 4) == 0 and planned_value(5, 5, 300, 5) == 300  # a one-day task / milestone


def test_forecast_formulas_against_the_published_table():
    ev = earned_value(bac=100, pv=50, ev=40, ac=45, method="cpi")
    assert (ev.sv, ev.cv) == (-10, -5)
    assert ev.spi == pytest.approx(0.80) and round(ev.cpi, 2) == 0.89
    assert ev.eac == pytest.approx(112.5) and ev.etc == pytest.approx(67.5) and ev.vac == pytest.approx(-12.5)
    assert round(ev.tcpi_bac, 2) == 1.09
    assert ev.tcpi_eac == pytest.approx((100 - 40) / (112.5 - 45))
    assert earned_value(100, 50, 40, 45, "typical").eac == pytest.approx(112.5)
    assert round(earned_value(100, 50, 40, 45, "composite").eac) == 129  # 45 + 60 / (0.889 × 0.8)
    assert earned_value(500_000, 0, 100_000, 127_000, "atypical").eac == 527_000
    assert earned_value(100, 50, 40, 45, "bottom-up", bottom_up_etc=70).eac == 115


def test_indices_without_a_denominator_are_not_measurable_and_eac_falls_back():
    ev = earned_value(bac=1000, pv=0, ev=0, ac=0)
    assert ev.spi is None and ev.cpi is None and ev.eac == 1000 and ev.vac == 0
    assert earned_value(1000, 0, 0, 0, "composite").eac == 1000
    with pytest.raises(ValueError):
        earned_value(1, 1, 1, 1, "guess")


def test_without_planned_value_there_is_no_schedule_performance():
    # No baseline, no PV (PMBOK's PV is the baseline's budget for the work scheduled): SV and
    # SPI are not measurable; cost performance still is, and a composite EAC falls back.
    ev = earned_value(bac=1000, pv=None, ev=400, ac=500, method="composite")
    assert (ev.pv, ev.sv, ev.spi, ev.cv, ev.cpi) == (None, None, None, -100, 0.8)
    assert ev.eac == 500 + 600


@pytest.fixture
def proj592(store, project):
    """Problem 5-1 as a plan: one week = 5 working days, status at the end of working day 75."""
    pid = project.id
    resources.add_resource(store, pid, "Team A", cost_rate=2_000)  # × 75 days = 150,000
    resources.add_resource(store, pid, "Team B", cost_rate=5_000)  # × 20 days = 100,000
    resources.add_resource(store, pid, "Team D", cost_rate=15_000)  # × 30 days = 450,000
    add_task(store, pid, "Activity A", duration=75, constraint_type="SNET", constraint_date=day(50))
    add_task(store, pid, "Activity B", duration=20, constraint_type="SNET", constraint_date=day(65))
    add_task(store, pid, "Activity C", duration=40, fixed_cost=110_000)
    add_task(store, pid, "Activity D", duration=30, constraint_type="SNET", constraint_date=day(60))
    for ref, who in (("1", "Team A"), ("2", "Team B"), ("4", "Team D")):
        resources.assign(store, pid, ref, who)
    baselines.save_baseline(store, pid, "Approved")
    set_progress(store, pid, "1", percent=35)
    set_progress(store, pid, "2", percent=45)
    set_progress(store, pid, "3", percent=100, done_on=day(49))  # two weeks late
    set_progress(store, pid, "4", percent=55)
    for ref, spent in (("1", 45_000), ("2", 50_000), ("3", 100_000), ("4", 200_000)):
        costing.set_actual_cost(store, pid, ref, spent)
    # The status date is the first day of unfinished work (DESIGN): "the end of working day 75"
    # is a status date on day(75), the 76th working day (day() counts from 0).
    set_status_date(store, pid, day(75))
    return pid


def test_budget_at_completion_from_rates_and_fixed_cost(store, proj592):
    plan = get_plan(store, proj592)
    costs = costing.plan_costs(plan)
    assert [costs[t.id].cost for t in plan.tasks] == [150_000, 100_000, 110_000, 450_000]
    assert costing.project_cost(plan, costs) == 810_000


def test_published_example_through_the_whole_plan(store, proj592):
    rep = status.earned_value_report(store, proj592)
    per_task = {l.name: l.value for l in rep.lines}
    assert [round(per_task[n].pv) for n in ("Activity A", "Activity B", "Activity C", "Activity D")] == [50_000, 50_000, 110_000, 225_000]
    assert [round(per_task[n].ev) for n in ("Activity A", "Activity B", "Activity C", "Activity D")] == [52_500, 45_000, 110_000, 247_500]
    p = rep.project
    assert (round(p.pv), round(p.ev), round(p.ac)) == (435_000, 455_000, 395_000)
    assert round(p.cv) == 60_000 and round(p.sv) == 20_000
    assert round(p.cpi, 4) == 1.1519 and round(p.spi, 3) == 1.046
    assert rep.baseline == "Approved" and p.bac == 810_000
    assert p.eac == pytest.approx(810_000 / p.cpi)


def test_without_a_baseline_pv_sv_and_spi_are_not_measured(store, proj592, db_path):
    # The same plan with its baseline removed: the current plan is rescheduled from the status
    # date, so it can never be behind itself; measured against it, tasks finished late looked
    # ahead of plan (SPI 1.34 in a tester's plan whose milestones had all slipped).
    baselines.remove_baseline(store, proj592, "Approved")
    rep = status.earned_value_report(store, proj592)
    p = rep.project
    assert rep.baseline is None and (p.pv, p.sv, p.spi) == (None, None, None)
    assert round(p.ev) == 455_000 and round(p.cpi, 4) == 1.1519
    sched = next(r for r in status.project_status(store, proj592).rags if r.area == "schedule")
    assert sched.level == "none" and "no baseline to measure against" in sched.reason
    r = cli(db_path, "evm")
    assert r.exit_code == 0 and "PV n/a" in r.stdout and "SPI n/a" in r.stdout
    # per task too: PV and SV were blank cells beside SPI's n/a, as if nothing were planned
    row = next(line for line in r.stdout.splitlines() if "Activity A" in line)
    assert row.split()[3:] == ["150,000", "n/a", "52,500", "45,000", "n/a", "7,500", "n/a", "1.17", "128,571"]


def test_an_eac_that_falls_back_says_which_formula_gave_it(store, proj592, db_path):
    # without a baseline there is no SPI, so the composite EAC is AC + (BAC − EV); evm, the report
    # and the status screen still called it "composite"
    baselines.remove_baseline(store, proj592, "Approved")
    p = status.earned_value_report(store, proj592, method="composite").project
    assert (p.method, p.used) == ("composite", "atypical")
    assert p.eac == pytest.approx(p.ac + p.bac - p.ev)
    assert p.eac_label == "atypical: composite needs a CPI and an SPI"
    r = cli(db_path, "evm", "--eac", "composite")
    assert "EAC method atypical: composite needs a CPI and an SPI" in r.stdout
    assert cli(db_path, "evm", "--eac", "cpi").stdout.count("EAC method cpi\n") == 1
    # with both indexes it is the composite
    assert earned_value(100.0, 50.0, 40.0, 50.0, "composite").eac_label == "composite"
    # nothing spent yet: no CPI
    assert earned_value(100.0, 50.0, 0.0, 0.0, "cpi").eac_label == "atypical: cpi needs a CPI"


def test_entered_versus_derived_actual_cost(store, proj592, monkeypatch, tmp_path):
    from pmtui.store import settings
    from pmtui.store.locations import config_file

    costing.set_actual_cost(store, proj592, "2", None)  # B: derive it again
    plan = get_plan(store, proj592)
    b = plan.resolve("2").id
    assert costing.plan_costs(plan, "derived")[b].actual == pytest.approx(45_000)  # 45 % of 100,000
    assert costing.plan_costs(plan, "entered")[b].actual == 0
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text('[costs]\nactual = "entered"\n')
    settings.reload()
    try:
        assert round(status.earned_value_report(store, proj592).project.ac) == 345_000
    finally:
        config_file().unlink()
        settings.reload()


def test_tcpi_to_bac_is_not_measurable_once_the_budget_is_spent():
    # 3 days at 333.33 plus a 250 milestone: BAC 1,249.99; AC 1,250 entered. Both read "1,250"
    # and TCPI(BAC) read -57999.67 (0.01 of budget left); with AC 1,500 it read -2.32. No
    # efficiency can finish within a budget already spent: not measurable, as at exactly zero.
    assert earned_value(bac=1249.99, pv=667, ev=670, ac=1250).tcpi_bac is None
    assert earned_value(bac=1250, pv=667, ev=670, ac=1500).tcpi_bac is None
    assert earned_value(bac=1250, pv=1250, ev=1250, ac=1300).tcpi_bac is None
    assert earned_value(bac=1250, pv=667, ev=670, ac=1249).tcpi_bac == pytest.approx(580)
    assert earned_value(bac=1250, pv=667, ev=670, ac=1500).tcpi_eac is not None  # to the EAC it is


def test_a_difference_that_rounds_to_nothing_reads_0_not_minus_0(store, project, db_path):
    # EV 669.99 (67 % of 3 days at 333.33) against 670 entered: CV and VAC read "-0" in evm,
    # status and the report, a sign for a difference of less than a cent.
    pid = project.id
    resources.add_resource(store, pid, "A", cost_rate=333.33)
    add_task(store, pid, "T1", duration=3)
    resources.assign(store, pid, "1", "A")
    baselines.save_baseline(store, pid, "B")
    set_status_date(store, pid, day(2))
    set_progress(store, pid, "1", percent=67)
    costing.set_actual_cost(store, pid, "1", 670)
    assert -0.5 < status.earned_value_report(store, pid).project.cv < 0
    minus_zero = re.compile(r"(?<![\d.,])-0(?![\d.,])")
    for args in (("evm",), ("status",), ("report",), ("variance",)):
        r = cli(db_path, *args)
        assert r.exit_code == 0 and not minus_zero.search(r.stdout), (args, r.stdout)


def test_evm_without_a_baseline_says_there_is_no_pv_as_the_screen_does(store, proj592, db_path):
    """`pmtui evm` of a plan with no baseline read 'PV from no baseline (none without one: save
    one with pmtui baseline save NAME)', as if PV came from somewhere."""
    baselines.remove_baseline(store, proj592, "Approved")
    r = cli(db_path, "evm")
    assert ("; no baseline: no PV, SV or SPI (save one with `pmtui baseline save NAME`); EAC method cpi\n"
            in r.stdout)
    assert "PV from" not in r.stdout


def test_an_eac_that_falls_back_on_a_cpi_of_zero_does_not_say_there_is_no_cpi():
    """Money spent on work that earned nothing yet (a task added since the baseline, an invoice
    entered before any progress) gives CPI 0.00; the EAC's label beside it said 'cpi needs a
    CPI'."""
    ev = earned_value(1000.0, 200.0, 0.0, 300.0, "cpi")
    assert (ev.cpi, ev.spi, ev.eac) == (0.0, 0.0, 1300.0)
    assert ev.eac_label == "atypical: cpi needs a CPI above 0 (nothing earned yet)"
    assert (earned_value(1000.0, 200.0, 0.0, 300.0, "composite").eac_label
            == "atypical: composite needs a CPI and an SPI above 0 (nothing earned yet)")
    assert earned_value(1000.0, 0.0, 0.0, 0.0, "cpi").eac_label == "atypical: cpi needs a CPI"
