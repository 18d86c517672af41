"""The rows of the outline under the folds are built once per tree and folds, and shared by the
WBS table and the Gantt chart (at 100,000 tasks, building them again for the Gantt was 40 %
of its first frame)."""

from __future__ import annotations

from pmtui.services.projects import find_project
from pmtui.services.tasks import get_plan
from pmtui.widgets.folds import outline_rows, unfolded_rows
from pmtui.widgets.gantt_chart import GanttChart
from pmtui.widgets.task_table import TaskTable

from .conftest import press, settle

SIZE = (120, 40)


def test_the_rows_are_built_once_for_a_tree_and_its_folds(demo_store):
    plan = get_plan(demo_store, find_project(demo_store, "CRM migration").id)
    rows, index_of = outline_rows(plan, set())
    assert rows == [t.id for t in plan.tasks]
    assert index_of == {tid: i for i, tid in enumerate(rows)}
    assert outline_rows(plan, set()) == (rows, index_of) and outline_rows(plan, set())[0] is rows

    phase2 = plan.by_wbs["2"]
    folded, folded_index = outline_rows(plan, {phase2.id})
    assert folded == unfolded_rows(plan, {phase2.id})
    assert phase2.id in folded and not set(plan.descendants(phase2.id)) & set(folded)
    assert folded_index[plan.by_wbs["3"].id] == folded.index(plan.by_wbs["3"].id)

    # an edit of a task's own values keeps the tree and its order: the same rows
    task = plan.by_wbs["3.1"]
    edited = plan.with_task_values(task.id, {"duration": task.duration + 1})
    assert outline_rows(edited, {phase2.id})[0] is folded
    # a task moved: the rows of the new order, not the ones kept on the plan it was copied from
    moved = plan.with_outline({task.id: (None, 99)})
    again, again_index = outline_rows(moved, {phase2.id})
    assert again is not folded and again == unfolded_rows(moved, {phase2.id})
    assert again[-1] == task.id and again_index[task.id] == len(again) - 1
    assert outline_rows(plan, set())[0] == rows  # the first plan's again, built afresh


async def test_the_gantt_shows_the_rows_of_the_wbs_under_the_same_folds(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(TaskTable)
        await press(pilot, "2")
        chart = app.screen.query_one(GanttChart)
        assert chart.rows is table.rows and chart.index_of is table.index_of
        await press(pilot, "space")  # the first row, phase 1, folded on the Gantt
        assert len(chart.rows) < len(table.rows)
        await press(pilot, "1")
        assert table.rows is chart.rows and table.rows == unfolded_rows(app.plan, app.folded)
