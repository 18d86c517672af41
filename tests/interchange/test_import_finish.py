"""An import's journal entry records the finish and the task that ends the plan (finish_effect)
from the schedule the import checked before writing, not by reading the plan back: what it
records is what the stored plan schedules to, read and scheduled afresh."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.interchange import read_file
from pmtui.services import bulk, calendars, history
from pmtui.services import finish_effect as fx
from pmtui.services import plan as plan_module
from pmtui.services.projects import current_project, find_project
from pmtui.store import open_store
from tests.foundation.helpers import cli

SAMPLES = sorted(Path("/work/shared/data/mspdi").glob("*.xml"))
START = date(2027, 1, 4)  # a Monday


def _recorded(store, project_id: int) -> dict:
    (entry,) = history.history(store, project_id, 1)
    return fx.loads(entry.effect)


def _fresh(store, project_id: int) -> dict | None:
    with store.engine.connect() as conn:
        return fx.measure(conn, project_id)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_pmtui_import_records_the_finish_the_stored_plan_schedules_to(db_path, store, path):
    r = cli(db_path, "import", str(path))
    assert r.exit_code == 0, r.stderr
    pid = current_project(store, None).id
    effect = _recorded(store, pid)
    assert effect["before"] == fx.EMPTY and effect["rescheduled"] is True
    assert effect["after"] == _fresh(store, pid)


def test_pmtui_import_does_not_read_the_plan_back_for_its_finish(db_path, store, monkeypatch):
    read = []
    real = plan_module.load_plan
    monkeypatch.setattr(plan_module, "load_plan", lambda conn, pid: read.append(pid) or real(conn, pid))
    r = cli(db_path, "import", str(SAMPLES[0]))
    assert r.exit_code == 0, r.stderr
    assert read == []
    pid = current_project(store, None).id
    assert _recorded(store, pid)["after"] == _fresh(store, pid)


def test_the_task_that_ends_the_plan_is_the_last_in_outline_order_not_in_the_files_order(store):
    # summaries before their tasks, but not depth first: 1, 2, 1.1, 2.1, 1.2, all ending together
    data = bulk.PlanData(name="Interleaved", start=START)
    for key, name, parent in ((1, "Phase A", None), (2, "  Phase B  ", None), (3, "a1", 1), (4, " b1 ", 2),
                              (5, "a2", 1)):
        data.tasks.append(bulk.TaskData(key=key, name=name, parent=parent, duration=3 if parent else 40))
    project = bulk.create_project_from(store, data)
    effect = _recorded(store, project.id)
    assert effect["after"] == _fresh(store, project.id)
    assert effect["after"]["label"] == "2.1 b1" and effect["after"]["finish"] == "2027-01-06"


def test_an_empty_plan_records_no_finish(store):
    project = bulk.create_project_from(store, bulk.PlanData(name="Empty", start=START))
    assert _recorded(store, project.id)["after"] == fx.EMPTY == _fresh(store, project.id)


def test_a_plan_past_the_last_plan_date_is_read_back_and_recorded_as_not_known(store):
    # the scheduler takes it, the stored plan's schedule refuses it: the journal says so
    data = bulk.PlanData(name="Far", start=date(2149, 6, 1))
    data.tasks.append(bulk.TaskData(key=1, name="Long", duration=400))
    project = bulk.create_project_from(store, data)
    assert _recorded(store, project.id)["after"] is None is _fresh(store, project.id)


@st.composite
def plans(draw):
    """Random plans: summaries before their tasks in any interleaving, few durations (so that
    many tasks end on the finish), links forward in the list (no cycle), constraints and
    progress, and now and then a status date."""
    n = draw(st.integers(1, 14))
    data = bulk.PlanData(name="Random", start=START,
                         status_date=draw(st.sampled_from([None, date(2027, 1, 8), date(2027, 1, 20)])))
    for i in range(n):
        parent = draw(st.sampled_from([None, *range(i)])) if i else None
        constraint = draw(st.sampled_from(["ASAP", "ASAP", "ALAP", "SNET", "FNLT", "MSO"]))
        pct = draw(st.sampled_from([0, 0, 0, 50, 100]))
        data.tasks.append(bulk.TaskData(
            key=i, name=f"t{i}", parent=parent, duration=draw(st.sampled_from([0, 1, 2, 5])),
            constraint_type=constraint,
            constraint_date=date(2027, 1, draw(st.integers(4, 29))) if constraint not in ("ASAP", "ALAP") else None,
            percent_complete=pct, actual_start=START if pct else None))
    ancestors = {}
    for t in data.tasks:
        ancestors[t.key] = {t.parent} | ancestors[t.parent] if t.parent is not None else set()
    for _ in range(draw(st.integers(0, 2 * n))):
        a, b = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))) if n > 1 else (0, 0)
        if a == b or a in ancestors[b] or any(l.pred == a and l.succ == b for l in data.links):
            continue
        summaries = data.summaries()
        typ = draw(st.sampled_from(["FS", "SS"] if a in summaries or b in summaries else ["FS", "SS", "FF", "SF"]))
        data.links.append(bulk.LinkData(a, b, typ, draw(st.sampled_from([0, 0, 2, -1]))))
    return data


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=plans())
def test_a_random_imported_plan_records_what_a_fresh_schedule_gives(store, data):
    try:
        sched = bulk.check(data)
    except bulk.Conflict:
        return  # refused before anything is written: no entry
    project = bulk.create_project_from(store, data, make_current=False, sched=sched)
    recorded = _recorded(store, project.id)
    assert recorded["after"] == _fresh(store, project.id)


def _into_setup(db_path, tmp_path):
    for args in (("project", "new", "Target", "--start", "2027-01-04"), ("task", "add", "Old", "--duration", "2d")):
        assert cli(db_path, *args).exit_code == 0
    # the file: a plan with a summary, links and a tie at the finish, as CSV (which carries no
    # calendar, start nor status date: the project keeps its own)
    for args in (("project", "new", "Source", "--start", "2027-01-04"),
                 ("task", "add", "Phase", "--duration", "1d"), ("task", "add", "A", "--under", "1", "--duration", "3d"),
                 ("task", "add", "B", "--under", "1", "--duration", "2d", "--after", "1.1"),
                 ("task", "add", "C", "--duration", "5d"), ("export", str(tmp_path / "plan.csv"))):
        r = cli(db_path, *args)
        assert r.exit_code == 0, r.stderr
    return tmp_path / "plan.csv"


def test_pmtui_import_into_records_the_finish_without_reading_the_plan_back(db_path, store, tmp_path, monkeypatch):
    path = _into_setup(db_path, tmp_path)
    read = []
    real = plan_module.load_plan
    monkeypatch.setattr(plan_module, "load_plan", lambda conn, pid: read.append(pid) or real(conn, pid))
    r = cli(db_path, "import", str(path), "--into", "Target")
    assert r.exit_code == 0, r.stderr
    assert read == []
    pid = find_project(store, "Target").id
    effect = _recorded(store, pid)
    assert effect["after"] == _fresh(store, pid)
    assert (effect["before"]["finish"], effect["after"]["finish"]) == ("2027-01-05", "2027-01-08")
    assert effect["after"]["label"] == "2 C"


def test_import_into_a_project_whose_calendar_changed_meanwhile_records_the_finish_it_has(
        db_path, store, tmp_path, monkeypatch):
    """The holiday another process adds between the import's reading of the project and its
    write moves the finish: the schedule the import checked is not the one written."""
    path = _into_setup(db_path, tmp_path)
    pid = find_project(store, "Target").id
    real = bulk.replace_project_contents

    def after_another(st, project_id, *args, **kwargs):
        other = open_store(str(db_path))
        try:
            calendars.add_exception(other, project_id, date(2027, 1, 5), "Closed")
        finally:
            other.close()
        return real(st, project_id, *args, **kwargs)

    monkeypatch.setattr(bulk, "replace_project_contents", after_another)
    r = cli(db_path, "import", str(path), "--into", "Target")
    assert r.exit_code == 0, r.stderr
    effect = _recorded(store, pid)
    assert effect["after"] == _fresh(store, pid) and effect["after"]["finish"] == "2027-01-11"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_pmtui_import_into_records_the_finish_the_stored_plan_schedules_to(db_path, store, path):
    for args in (("project", "new", "Target", "--start", "2027-01-04"), ("task", "add", "Old", "--duration", "2d"),
                 ("project", "status-date", "2027-01-05"), ("import", str(path), "--into", "Target")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, r.stderr
    pid = find_project(store, "Target").id
    effect = _recorded(store, pid)
    assert effect["before"]["label"] == "1 Old" and effect["after"] == _fresh(store, pid)
