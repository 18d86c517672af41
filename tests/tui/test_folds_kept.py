"""The summaries folded on the WBS and the Gantt are the project's, kept in its row of the
database: a restart opens the plan as it was left, and another project has folds of its own."""

from __future__ import annotations

import sqlite3
from datetime import date

from pmtui.app import PmtuiApp
from pmtui.services.plan import folded_summaries
from pmtui.services.projects import create_project, find_project
from pmtui.services.tasks import add_task, get_plan
from pmtui.widgets.gantt_chart import GanttChart
from pmtui.widgets.task_table import TaskTable

from .conftest import TODAY, press, screen_text, settle, type_text

SIZE = (120, 40)


async def goto(pilot, wbs: str) -> None:
    await press(pilot, "g")
    await type_text(pilot, wbs)
    await press(pilot, "enter")


async def test_folds_are_kept_across_a_restart_and_per_project(make_app, demo_store):
    store = demo_store
    demo = find_project(store, "CRM migration")
    plan = get_plan(store, demo.id)
    phase2, phase3 = plan.by_wbs["2"].id, plan.by_wbs["3"].id
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await goto(pilot, "2")
        await press(pilot, "space")
        await goto(pilot, "3")
        await press(pilot, "space")
        await press(pilot, "q")
    # kept in the project's row, not in a file beside the database
    assert folded_summaries(get_plan(store, demo.id).project) == {phase2, phase3}

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(TaskTable).rows
        assert phase2 in rows and phase3 in rows and plan.by_wbs["2.1"].id not in rows
        assert plan.by_wbs["3.1"].id not in rows and plan.by_wbs["4.1"].id in rows
        assert f"▸ {plan.by_wbs['2'].name}" in screen_text(app)
        await press(pilot, "2")  # the Gantt: the same folds
        chart = app.screen.query_one(GanttChart)
        assert plan.by_wbs["2.1"].id not in chart.rows and phase2 in chart.rows
        await goto(pilot, "2")
        await press(pilot, "space")  # opened there: kept as well
        assert plan.by_wbs["2.1"].id in chart.rows
        await press(pilot, "q")
    assert folded_summaries(get_plan(store, demo.id).project) == {phase3}

    # another project: none of the demo's folds, and its own kept apart
    other = create_project(store, "Web shop", date(2027, 1, 4))
    add_task(store, other.id, "Build", duration=5)
    add_task(store, other.id, "API", under="1", duration=3)
    app = PmtuiApp(store, "Web shop", today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.screen.query_one(TaskTable).rows) == 2
        await press(pilot, "space")
        await press(pilot, "q")
    assert folded_summaries(get_plan(store, other.id).project) == {get_plan(store, other.id).by_wbs["1"].id}
    assert folded_summaries(get_plan(store, demo.id).project) == {phase3}


def test_a_database_of_the_schema_before_is_upgraded_with_a_backup_and_nothing_folded(tmp_path):
    from alembic import command

    from pmtui.store import migrate, open_store

    path = tmp_path / "plan.db"
    store = open_store(str(path))
    project = create_project(store, "Old", date(2027, 1, 4))
    add_task(store, project.id, "Design", duration=5)
    cfg = migrate._alembic_config()
    with store.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    store.close()
    old = sqlite3.connect(path)
    assert "folded" not in [r[1] for r in old.execute("PRAGMA table_info(project)")]
    old.close()
    store = open_store(str(path))
    try:
        assert list(tmp_path.glob(f"plan.db.before-{migrate.HEAD}-*.bak"))  # upgraded to the newest
        plan = get_plan(store, project.id)
        assert [t.name for t in plan.tasks] == ["Design"] and folded_summaries(plan.project) == set()
    finally:
        store.close()
