"""An import's check runs with the cyclic garbage collector paused (services/gc_pause.py): a
10,000-task plan is checked and scheduled as hundreds of thousands of small objects, none of
which can form a cycle, and the collector walking the heap every 700 of them is time lost."""

from __future__ import annotations

import gc
from datetime import date

from pmtui.services import bulk


def test_check_schedules_the_plan_with_the_collector_paused_and_turns_it_back_on(monkeypatch):
    seen = []
    real = bulk.schedule
    monkeypatch.setattr(bulk, "schedule", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    data = bulk.PlanData(name="P", start=date(2027, 1, 4))
    data.tasks += [bulk.TaskData(key=1, name="A", duration=2), bulk.TaskData(key=2, name="B", duration=3)]
    data.links.append(bulk.LinkData(1, 2))
    assert gc.isenabled()
    assert bulk.check(data).finish == date(2027, 1, 8)
    assert seen == [False] and gc.isenabled()
