"""Summary tasks in the MS Project XML export carry their progress as MS Project rolls it up:
% Complete = Σ Actual Duration / Σ Duration of the tasks under them, the earliest actual start,
and an actual finish once every task under them is done. Checked with MPXJ, which reads what
the file says and does not roll anything up itself, against the values MS Project saved in
the sample files' project summary tasks."""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import date
from pathlib import Path

import pytest

from pmtui.interchange import export_text, read_file
from pmtui.services.bulk import PlanData, TaskData, get_plan_data
from pmtui.services.demo import create_demo
from pmtui.services.plan import load_plan

DATA = Path("/work/shared/data/mspdi")
PROGRESS_FILES = ["p2016_assignments_progress.xml", "p2003_timephased_progress.xml"]


def _d(java_dt) -> date | None:
    return None if java_dt is None else date.fromisoformat(str(java_dt)[:10])


def _pct(jt) -> float:
    value = jt.getPercentageComplete()
    return 0.0 if value is None else float(value)


def _days(duration) -> float:
    """An MPXJ duration in 8-hour days, whatever unit MPXJ gives it in."""
    if duration is None:
        return 0.0
    per_day = {"d": 1, "h": 8, "m": 480}[str(duration.getUnits())]
    return float(duration.getDuration()) / per_day


def _leaves(jt) -> list:
    out, stack = [], list(jt.getChildTasks())
    while stack:
        t = stack.pop()
        kids = list(t.getChildTasks())
        if kids:
            stack.extend(kids)
        else:
            out.append(t)
    return out


def _export(data: PlanData, path: Path) -> Path:
    text, _ = export_text(data, "mspdi")
    path.write_text(text, encoding="utf-8")
    return path


def _summary_elements(text: str, uid: int) -> str:
    task = re.search(rf"<Task><UID>{uid}</UID>.*?</Task>", text, re.S)
    assert task, uid
    return task.group(0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from pmtui.store import open_store

    d = tmp_path_factory.mktemp("summary_progress")
    store = open_store(str(d / "x.db"))
    project = create_demo(store, today=date(2026, 11, 23))
    data = get_plan_data(store, project.id)
    with store.engine.connect() as conn:
        plan = load_plan(conn, project.id)
    store.close()
    return data, plan, _export(data, d / "demo.xml")


def test_mpxj_reads_each_summary_of_the_demo_as_its_tasks_roll_up(mpxj_reader, demo):
    """The demo at its status date: 'Analysis & design' is 95 % done, 'Initiation' finished on
    20 October 2026. MPXJ read every summary at 0 % (no PercentComplete) and not started."""
    data, plan, path = demo
    pf = mpxj_reader().read(str(path))
    summaries = [jt for jt in pf.getTasks() if jt.getSummary()]
    assert len(summaries) == 1 + len(data.summaries())  # and the project summary task, UID 0
    in_progress = finished = 0
    for jt in summaries:
        leaves = _leaves(jt)
        days = sum(_days(t.getDuration()) for t in leaves)
        done = sum(_days(t.getDuration()) * _pct(t) / 100 for t in leaves)
        all_done = all(_pct(t) == 100 for t in leaves)
        expected = 100 if all_done else min(99, max(1, math.floor(done * 100 / days + 0.5))) if done else 0
        name = str(jt.getName())
        assert _pct(jt) == expected, name
        starts = [_d(t.getActualStart()) for t in leaves if t.getActualStart() is not None]
        assert _d(jt.getActualStart()) == (min(starts) if starts else None), name
        finishes = [_d(t.getActualFinish()) for t in leaves]
        assert _d(jt.getActualFinish()) == (max(finishes) if all_done else None), name
        # MS Project writes a summary's Actual Duration as that share of its own Duration
        ratio = 1.0 if all_done else done / days
        assert _days(jt.getActualDuration()) == pytest.approx(ratio * _days(jt.getDuration()), abs=1 / 480), name
        # and pmtui shows the same figure for it
        if int(jt.getUniqueID()) != 0:
            row = plan.by_wbs[str(jt.getOutlineNumber())]
            assert abs(plan.percent[row.id] - _pct(jt)) <= 0.5 or expected in (1, 99), name
        in_progress += 0 < expected < 100
        finished += expected == 100
    assert in_progress >= 5 and finished >= 2


@pytest.mark.parametrize("name", PROGRESS_FILES)
def test_the_project_summary_task_keeps_ms_projects_figures(mpxj_reader, tmp_path, name):
    """MS Project's own progress files, imported and exported again: the project summary task
    (UID 0) showed no progress; it now has the percent complete and actual start MS Project
    itself saved there (25 % from 4 January 2016; 1 % from 7 February 2011)."""
    original = mpxj_reader().read(str(DATA / name))
    ms_root = next(t for t in original.getTasks() if int(t.getUniqueID()) == 0)
    assert _pct(ms_root) > 0 and ms_root.getActualStart() is not None
    imp = read_file(DATA / name)
    pf = mpxj_reader().read(str(_export(imp.data, tmp_path / name)))
    root = next(t for t in pf.getTasks() if int(t.getUniqueID()) == 0)
    assert _pct(root) == _pct(ms_root)
    assert _d(root.getActualStart()) == _d(ms_root.getActualStart())
    assert root.getActualFinish() is None and ms_root.getActualFinish() is None


@pytest.mark.parametrize("name", PROGRESS_FILES)
def test_a_summary_over_ms_projects_tasks_rolls_up_as_ms_project_does(mpxj_reader, tmp_path, name):
    """The same tasks put under one summary: that summary shows what MS Project computed for
    their project summary task."""
    original = mpxj_reader().read(str(DATA / name))
    ms_root = next(t for t in original.getTasks() if int(t.getUniqueID()) == 0)
    data = read_file(DATA / name).data
    top = TaskData(key="all", name="Everything")
    data.tasks = [top] + [dataclasses.replace(t, parent="all") if t.parent is None else t for t in data.tasks]
    pf = mpxj_reader().read(str(_export(data, tmp_path / name)))
    summary = next(t for t in pf.getTasks() if str(t.getName()) == "Everything")
    assert summary.getSummary()
    assert _pct(summary) == _pct(ms_root)
    assert _d(summary.getActualStart()) == _d(ms_root.getActualStart())
    assert summary.getActualFinish() is None


def _plan(*tasks: TaskData) -> PlanData:
    return PlanData(name="p", start=date(2027, 1, 4), status_date=date(2027, 1, 20), tasks=list(tasks))


def test_a_summary_is_not_written_finished_before_all_its_tasks_are():
    """199 of 200 days done rounds to 100 %: written 99 %, with no actual finish, until the
    last day is done too; then 100 % and the last task's actual finish."""
    data = _plan(TaskData(key=1, name="S"),
                 TaskData(key=2, name="big", parent=1, duration=199, percent_complete=100,
                          actual_start=date(2027, 1, 4), actual_finish=date(2027, 9, 29)),
                 TaskData(key=3, name="small", parent=1, duration=1))
    data.status_date = date(2027, 10, 1)
    text, _ = export_text(data, "mspdi")
    s = _summary_elements(text, 1)
    assert "<PercentComplete>99</PercentComplete>" in s and "<ActualFinish>" not in s
    assert "<ActualStart>2027-01-04T08:00:00</ActualStart>" in s
    data.tasks[2] = dataclasses.replace(data.tasks[2], percent_complete=100, actual_start=date(2027, 9, 30),
                                        actual_finish=date(2027, 9, 30))
    text, _ = export_text(data, "mspdi")
    s = _summary_elements(text, 1)
    assert "<PercentComplete>100</PercentComplete>" in s
    assert "<ActualFinish>2027-09-30T17:00:00</ActualFinish>" in s


def test_a_summary_with_a_little_done_is_not_written_as_not_started():
    data = _plan(TaskData(key=1, name="S"),
                 TaskData(key=2, name="long", parent=1, duration=300),
                 TaskData(key=3, name="started", parent=1, duration=2, percent_complete=50,
                          actual_start=date(2027, 1, 4)))
    s = _summary_elements(export_text(data, "mspdi")[0], 1)
    assert "<PercentComplete>1</PercentComplete>" in s  # 1 day of 302 is 0.3 %
    assert "<ActualStart>2027-01-04T08:00:00</ActualStart>" in s


def test_a_summary_without_progress_is_written_not_started():
    data = _plan(TaskData(key=1, name="S"), TaskData(key=2, name="a", parent=1, duration=3))
    s = _summary_elements(export_text(data, "mspdi")[0], 1)
    assert "<PercentComplete>" not in s and "<ActualStart>" not in s and "<ActualFinish>" not in s
    assert "<ActualDuration>PT0H0M0S</ActualDuration><RemainingDuration>PT24H0M0S</RemainingDuration>" in s


def test_a_project_without_tasks_is_written_as_ms_project_saved_one(mpxj_reader, tmp_path):
    """MS Project 2013's file of calendar exceptions and no tasks: its project summary task is a
    0-day milestone, starting and finishing at 08:00 on 20 October 2017. Exported again it
    lasted 1 day, to 17:00, and was no milestone."""
    name = "p2013_recurring_calendar_exceptions.xml"
    original = mpxj_reader().read(str(DATA / name))
    pf = mpxj_reader().read(str(_export(read_file(DATA / name).data, tmp_path / name)))
    for project in (original, pf):
        root = next(t for t in project.getTasks() if int(t.getUniqueID()) == 0)
        assert root.getMilestone() and _days(root.getDuration()) == 0
        assert str(root.getStart()) == str(root.getFinish()) == "2017-10-20T08:00"
        assert str(project.getProjectProperties().getFinishDate()) == "2017-10-20T08:00"
