"""A task with progress and no actual dates (a CSV import, or percent typed with no date) is
written to MS Project XML as MS Project holds it: Actual Start = its Start once % Complete is
above 0, Actual Finish = its Finish at 100 % (Project SDK, ProjectDataSet.TaskRow.TASK_PCT_COMP),
as the writer already took it for the summaries above it. Before, it was written with a
PercentComplete and no ActualStart: MPXJ read a 40 % task that had not started."""

from __future__ import annotations

import re
from datetime import date

from pmtui.interchange import export_text, read_file
from pmtui.services.bulk import get_plan_data
from pmtui.services.projects import find_project
from tests.foundation.helpers import cli

PLAN = """WBS,Name,Duration,Predecessors,Percent complete
1,Release,,,
1.1,Design,2d,,100%
1.2,Build,5d,1.1,40%
1.3,Ready,0,1.2,
2,Launch,0,1,
"""


def _exported(store, db_path, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    for args in (("import", str(plan), "--name", "Shop"), ("-p", "Shop", "project", "edit", "--start", "2027-01-04"),
                 ("-p", "Shop", "project", "status-date", "2027-01-08")):
        r = cli(db_path, *args)
        assert r.exit_code == 0, (args, r.stderr)
    data = get_plan_data(store, find_project(store, "Shop").id)
    assert all(t.actual_start is None and t.actual_finish is None for t in data.tasks)
    text, _ = export_text(data, "mspdi")
    path = tmp_path / "shop.xml"
    path.write_text(text, encoding="utf-8")
    return data, path


def _task(text: str, name: str) -> str:
    return re.search(rf"<Task><UID>\d+</UID><ID>\d+</ID><Name>{name}</Name>.*?</Task>", text).group(0)


def test_a_task_with_progress_and_no_actual_dates_gets_ms_projects(store, db_path, tmp_path):
    data, path = _exported(store, db_path, tmp_path)
    text = path.read_text(encoding="utf-8")
    # Design, done: Monday 4 and Tuesday 5; Build, 40 % of 5 days from Wednesday 6
    design, build = _task(text, "Design"), _task(text, "Build")
    assert ("<ActualStart>2027-01-04T08:00:00</ActualStart><ActualFinish>2027-01-05T17:00:00</ActualFinish>"
            in design)
    assert "<Start>2027-01-06T08:00:00</Start>" in build
    assert "<PercentComplete>40</PercentComplete><ActualStart>2027-01-06T08:00:00</ActualStart><ActualDuration>" in build
    assert "<ActualFinish>" not in build and "<ActualStart>" not in _task(text, "Ready")
    # pmtui's own round trip: the same tasks, progress and schedule, with the actual dates made
    # explicit where the scheduler took them from the logic
    back = read_file(path).data
    sched, again = data.schedule(), back.schedule()
    for a, b in zip(data.tasks, back.tasks):
        assert (a.name, a.duration, a.percent_complete) == (b.name, b.duration, b.percent_complete)
        ta, tb = sched.tasks[a.key], again.tasks[b.key]
        assert (ta.start, ta.finish, ta.total_float) == (tb.start, tb.finish, tb.total_float), a.name
    got = {t.name: (t.actual_start, t.actual_finish) for t in back.tasks}
    assert got["Design"] == (date(2027, 1, 4), date(2027, 1, 5))
    assert got["Build"] == (date(2027, 1, 6), None)
    assert got["Ready"] == got["Launch"] == (None, None)
    # and a second export writes the same file
    assert export_text(back, "mspdi")[0].split("<Tasks>")[1] == text.split("<Tasks>")[1]


def test_mpxj_reads_the_actual_starts(mpxj_reader, store, db_path, tmp_path):
    data, path = _exported(store, db_path, tmp_path)
    pf = mpxj_reader().read(str(path))
    tasks = {str(t.getName()): t for t in pf.getTasks()}

    def day(value):
        return None if value is None else date.fromisoformat(str(value)[:10])

    assert (day(tasks["Design"].getActualStart()), day(tasks["Design"].getActualFinish())) == (
        date(2027, 1, 4), date(2027, 1, 5))
    assert (day(tasks["Build"].getActualStart()), day(tasks["Build"].getActualFinish())) == (date(2027, 1, 6), None)
    assert round(float(tasks["Build"].getPercentageComplete())) == 40
    assert day(tasks["Ready"].getActualStart()) is None
    # the summary above them reads as started on its first task's actual start, as before
    assert day(tasks["Release"].getActualStart()) == date(2027, 1, 4)
