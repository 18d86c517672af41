"""The demo plan is realistic and stays so: later screens and tests rely on it."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pmtui.services.demo import create_demo
from pmtui.services.demo_data import _check
from pmtui.services.tasks import get_plan

TODAY = date(2026, 11, 23)


def test_demo_data_is_consistent():
    _check()


def test_demo_plan(store):
    project = create_demo(store, today=TODAY)
    plan = get_plan(store, project.id)
    assert 55 <= len(plan.tasks) <= 65
    assert len(plan.roots) == 5 and max(t.level for t in plan.tasks) >= 3
    assert 6 <= sum(t.milestone for t in plan.tasks) <= 8
    assert set(Counter(l.type for l in plan.links)) == {"FS", "SS", "FF", "SF"}
    assert any(l.lag > 0 for l in plan.links) and any(l.lag < 0 for l in plan.links)
    kinds = Counter(r.kind for r in plan.resources)
    assert 6 <= kinds["person"] <= 8 and kinds["vendor"] == 1
    assert all(r.cost_rate > 0 for r in plan.resources)
    assert plan.exceptions, "holidays"
    assert plan.project.status_date == TODAY and plan.project.start < TODAY
    done = [t for t in plan.tasks if t.percent_complete == 100]
    going = [t for t in plan.tasks if 0 < t.percent_complete < 100]
    assert len(done) > 10 and 3 <= len(going) <= 6
    assert all(t.actual_start and t.actual_finish and t.actual_finish <= TODAY for t in done)
    assert all(t.actual_start and t.actual_start <= TODAY for t in going)
    sched = plan.schedule
    assert sched.finish > TODAY
    assert any(s.late for s in sched.tasks.values()), "one deadline is missed on purpose"
    assert sched.critical_paths()
