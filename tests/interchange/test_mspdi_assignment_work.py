"""Assignments are written to MS Project XML with their Work and Cost, as MS Project holds them:
the person's hours over the task's span at the assignment's units (PTnHnMnS), and what they
cost at the person's rate, in hundredths, split into actual and remaining as pmtui's costing
splits the task's. Without them MS Project and MPXJ showed every person at 0 hours and no cost.

Reading, pmtui counts a person's work and cost as units × the task's duration; a file's Work
that is something else (MS Project's contours, work edited by hand) is listed as ignored, and
pmtui's own files, which agree, import without a word."""

from __future__ import annotations

from datetime import date

from pmtui.interchange import export_text, read_file
from pmtui.services.bulk import get_plan_data
from pmtui.services.costing import plan_costs
from pmtui.services.demo import create_demo
from pmtui.services.plan import load_plan

from .test_bad_input import HEAD


def _demo(store, tmp_path):
    project = create_demo(store, today=date(2026, 11, 23))
    data = get_plan_data(store, project.id)
    with store.engine.connect() as conn:
        plan = load_plan(conn, project.id)
    costs = plan_costs(plan, "derived")
    text, _ = export_text(data, "mspdi")
    path = tmp_path / "demo.xml"
    path.write_text(text, encoding="utf-8")
    return data, plan, costs, text, path


def test_assignments_carry_work_and_cost_in_ms_projects_units(store, tmp_path):
    data, plan, costs, text, _ = _demo(store, tmp_path)
    # Alice Chen (650/day) on 1.1 Project charter, 3 days at 100 %: 24 h, 1,950.00 as 195000
    first = text[text.index("<Assignment>"):text.index("</Assignment>")]
    assert "<Work>PT" in first and "<Cost>" in first and "<ActualWork>" in first and "<RemainingCost>" in first
    task = next(t for t in plan.tasks if t.wbs == "1.1")
    rate = {r.id: r.cost_rate for r in plan.resources}
    a = plan.assignments_of[task.id][0]
    hours = costs[task.id].work * 8 * a.units / sum(x.units for x in plan.assignments_of[task.id])
    expected_cost = rate[a.resource_id] * a.units * plan.duration_now(task)
    assert f"<Work>PT{int(hours)}H0M0S</Work>" in first
    assert f"<Cost>{round(expected_cost * 100):d}</Cost>" in first


def test_mpxj_reads_each_persons_work_and_cost_as_pmtui_counts_them(mpxj_reader, store, tmp_path):
    data, plan, costs, _, path = _demo(store, tmp_path)
    pf = mpxj_reader().read(str(path))
    work: dict[str, float] = {}
    cost: dict[str, float] = {}
    actual: dict[str, float] = {}
    for a in pf.getResourceAssignments():
        if a.getResource() is None:
            continue
        name = str(a.getTask().getName())
        work[name] = work.get(name, 0.0) + float(a.getWork().getDuration()) * {"h": 1, "d": 8, "m": 1 / 60}[
            str(a.getWork().getUnits())]
        cost[name] = cost.get(name, 0.0) + float(a.getCost().doubleValue())
        actual[name] = actual.get(name, 0.0) + float(a.getActualCost().doubleValue())
    leaves = [t for t in plan.tasks if not t.summary and plan.assignments_of.get(t.id)]
    assert len(leaves) > 30
    for t in leaves:
        c = costs[t.id]
        assert abs(work[t.name] - c.work * 8) < 0.02, t.wbs
        # the person's share: the task's own cost without its fixed cost
        assert abs(cost[t.name] - (c.own - t.fixed_cost)) < 0.01, t.wbs
        assert abs(actual[t.name] - (c.own_actual - t.fixed_cost * plan.percent[t.id] / 100)) < 0.01, t.wbs
    under_way = next(t for t in plan.tasks if t.wbs == "3.2.3")  # 40 % in the demo
    assert 0 < actual[under_way.name] < cost[under_way.name]


def test_reading_back_gives_the_same_units_and_nothing_ignored(store, tmp_path):
    data, *_, path = _demo(store, tmp_path)
    imp = read_file(path)
    assert not imp.ignored
    assert sorted(a.units for a in imp.data.assignments) == sorted(a.units for a in data.assignments)


def test_a_files_work_other_than_units_times_duration_is_said_to_be_ignored(tmp_path):
    """MS Project 2003's own plan: 0.5 units on an 800-hour task with 200 hours of work."""
    def task(uid, hours):
        return (f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>T{uid}</Name><OutlineLevel>1</OutlineLevel>"
                f"<Duration>PT{hours}H0M0S</Duration></Task>")

    def assign(uid, task_uid, units, work):
        return (f"<Assignment><UID>{uid}</UID><TaskUID>{task_uid}</TaskUID><ResourceUID>1</ResourceUID>"
                f"<Units>{units}</Units><Work>{work}</Work><Cost>0</Cost></Assignment>")

    path = tmp_path / "work.xml"
    path.write_text(HEAD + "<Tasks>" + task(1, 40) + task(2, 800) + "</Tasks><Resources><Resource><UID>1</UID>"
                    "<Name>Ann</Name></Resource></Resources><Assignments>" + assign(1, 1, 0.5, "PT20H0M0S")
                    + assign(2, 2, 0.5, "PT200H0M0S") + "</Assignments></Project>", encoding="utf-8")
    imp = read_file(path)
    assert imp.ignored_line() == ("ignored: 1 assignment work and cost other than units × duration "
                                  "(counted as units × duration)")
    assert [a.units for a in imp.data.assignments] == [0.5, 0.5]


def test_mpxj_reads_every_tasks_and_the_projects_work_and_cost_as_pmtui_has_them(mpxj_reader, store, tmp_path):
    """Task, summary and project summary Work, Cost, ActualCost and RemainingCost are written too:
    a reader that does not recalculate (MPXJ, and the tools built on it) had every task at no cost."""
    data, plan, costs, text, path = _demo(store, tmp_path)
    assert "<ActualCost>" in text[text.index("<Task><UID>0</UID>"):text.index("</Task>")]
    pf = mpxj_reader().read(str(path))
    by_name = {str(t.getName()): t for t in pf.getTasks() if int(t.getUniqueID()) != 0}
    def value(money) -> float:  # a task with none has none written: MS Project's default, 0
        return float(money.doubleValue()) if money is not None else 0.0

    def hours(work) -> float:
        return float(work.getDuration()) * {"h": 1, "d": 8}[str(work.getUnits())] if work is not None else 0.0

    assert sum(1 for t in plan.tasks if costs[t.id].forecast) > 50
    for t in plan.tasks:
        jt, c = by_name[t.name], costs[t.id]
        assert abs(value(jt.getCost()) - c.forecast) < 0.01, t.wbs
        assert abs(value(jt.getActualCost()) - c.actual) < 0.01, t.wbs
        assert abs(hours(jt.getWork()) - c.work * 8) < 0.02, t.wbs
    project = next(t for t in pf.getTasks() if int(t.getUniqueID()) == 0)
    assert abs(float(project.getCost().doubleValue()) - sum(costs[r].forecast for r in plan.roots)) < 0.01
