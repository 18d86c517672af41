"""The quick start: `pmtui` reads its first plan through sqlite3 and draws it before SQLAlchemy,
SQLModel and pydantic are loaded, then opens the store in the background. The plan it draws must
be exactly what the services load, and anything unusual must take the ordinary path."""

from __future__ import annotations

import dataclasses
import gc
import sqlite3
import subprocess
import sys

import pytest

from pmtui.launch import _NOT_PLANNER, planner_db
from pmtui.services import history
from pmtui.services.plan import quick_plan
from pmtui.services.projects import create_project, use_project
from pmtui.services.tasks import get_plan
from pmtui.store.quick import quick_reader
from pmtui.store.revision import HEAD

from .conftest import TODAY, notes, press, settle

SIZE = (120, 40)
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "typer", "alembic")


def test_the_first_frame_path_loads_no_database_layer(demo_store, db_path):
    # What `pmtui` imports and runs before its first frame: the launcher, the app with its first
    # screen, and the quick read of the plan (scheduled, as the app draws it).
    script = (
        "import sys\n"
        "import pmtui.launch, pmtui.app, pmtui.screens.wbs\n"
        "from pmtui.store.quick import quick_reader\n"
        "from pmtui.services.plan import quick_plan\n"
        f"plan = quick_plan(quick_reader({str(db_path)!r}))\n"
        "assert plan.schedule.finish and plan.tasks\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_quick_plan_is_the_plan_the_services_load(demo_store, db_path):
    pid = use_project(demo_store, "CRM migration").id
    reader = quick_reader(str(db_path))
    assert reader is not None
    try:
        quick = quick_plan(reader)
    finally:
        reader.close()
    plan = get_plan(demo_store, pid)
    assert quick.project.id == pid
    assert dataclasses.asdict(quick.project) == {f.name: getattr(plan.project, f.name)
                                                 for f in dataclasses.fields(quick.project)}
    assert quick.tasks == plan.tasks and len(quick.tasks) > 50
    assert quick.links == plan.links and quick.links
    assert quick.resources == plan.resources and quick.resources
    assert quick.assignments == plan.assignments and quick.assignments
    assert (quick.workdays, quick.exceptions) == (plan.workdays, plan.exceptions) and quick.exceptions
    assert quick.version == history.version(demo_store, pid)
    assert quick.schedule.finish == plan.schedule.finish
    assert {t.id: t.percent_complete for t in quick.tasks if t.actual_start} != {}


def test_quick_version_follows_edits_and_undo(demo_store, db_path):
    from pmtui.services.tasks import add_task

    pid = use_project(demo_store, "CRM migration").id
    versions = []
    for step in (lambda: None, lambda: add_task(demo_store, pid, "Extra"), lambda: history.undo(demo_store, pid)):
        step()
        reader = quick_reader(str(db_path))
        try:
            versions.append(quick_plan(reader).version)
        finally:
            reader.close()
        assert versions[-1] == history.version(demo_store, pid)
    assert len(set(versions)) == 3


def test_current_project_is_the_one_the_services_choose(store, db_path):
    def current():
        reader = quick_reader(str(db_path))
        try:
            return reader.current_project_id()
        finally:
            reader.close()

    assert current() is None  # no project at all: the ordinary path says so
    first = create_project(store, "First", TODAY)
    assert current() == first.id  # the only one
    second = create_project(store, "Second", TODAY)
    use_project(store, "First")
    assert current() == first.id
    use_project(store, "Second")
    assert current() == second.id
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE setting SET value = '999' WHERE key = 'current_project'")
    assert current() is None  # two projects and the chosen one is gone: a choice to make


def test_quick_reader_declines_what_it_cannot_read_as_is(store, db_path, tmp_path):
    create_project(store, "Only", TODAY)
    reader = quick_reader(str(db_path))
    assert reader is not None
    reader.close()
    assert quick_reader(f"sqlite:///{db_path}") is None  # URLs: the store's own checks
    assert quick_reader(str(tmp_path / "missing.db")) is None
    assert quick_reader(str(tmp_path)) is None  # a folder
    empty = tmp_path / "empty.db"
    empty.touch()
    assert quick_reader(str(empty)) is None
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    assert quick_reader(str(text)) is None
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert quick_reader(str(foreign)) is None
    older = tmp_path / "older.db"
    with sqlite3.connect(db_path) as live, sqlite3.connect(older) as copy:
        live.backup(copy)  # the live file keeps recent pages in its WAL
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert HEAD != "0001" and quick_reader(str(older)) is None  # the store migrates it first


@pytest.mark.parametrize("argv, db", [
    ([], None), (["--db", "x.db"], "x.db"), (["--db=x.db"], "x.db"),
    (["demo"], _NOT_PLANNER), (["--db"], _NOT_PLANNER), (["--db", "--help"], _NOT_PLANNER),
    (["--db="], _NOT_PLANNER), (["--project", "CRM"], _NOT_PLANNER), (["--help"], _NOT_PLANNER),
    (["--db", "x.db", "schedule"], _NOT_PLANNER),
])
def test_only_a_bare_start_takes_the_quick_path(argv, db):
    assert planner_db(argv) is db or planner_db(argv) == db


async def test_app_draws_the_quick_plan_then_edits_through_the_store(demo_store, db_path):
    from pmtui.app import PmtuiApp

    pid = use_project(demo_store, "CRM migration").id
    app = PmtuiApp(None, today=TODAY, quick=quick_reader(str(db_path)), db=str(db_path))
    # as pmtui.launch starts it: the cyclic collector off until the store is open
    gc.unfreeze()
    gc.disable()
    app._gc_off_for_start = True
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert gc.isenabled()
            # what start-up made is kept out of the collector's way: its first collection of
            # them stalled the first key after start-up (the Gantt's 2) by 0.1 to 0.2 s
            assert gc.get_freeze_count() > 0
            await _draw_and_edit(app, pilot, demo_store, pid)
    finally:
        gc.enable()
        gc.unfreeze()  # the rest of the test run is not the app's start-up


async def _draw_and_edit(app, pilot, demo_store, pid):
    from pmtui.widgets.task_table import TaskTable

    table = app.screen.query_one(TaskTable)
    assert table.rows and app.plan.project.id == pid
    assert app._store is not None  # opened once the plan was on screen
    target = next(t for t in app.plan.tasks if not t.children and t.percent_complete == 0 and t.duration)
    table.select_task(target.id)
    await press(pilot, "m", "2")
    assert get_plan(demo_store, pid).by_id[target.id].percent_complete == 50
    assert app.plan.by_id[target.id].percent_complete == 50
    await press(pilot, "u")
    assert get_plan(demo_store, pid).by_id[target.id].percent_complete == 0
    assert app.plan.by_id[target.id].percent_complete == 0


def test_the_launcher_runs_the_cli_without_the_collector_and_the_planner_turns_it_on(monkeypatch):
    # `pmtui` pauses the collector for the app's start; when the quick reader declines, the CLI
    # runs without it, as every command does (pmtui.launch.main), and the planner it opens
    # (run_app) turns it back on: its widgets are cycles the collector alone frees
    import pmtui.app
    import pmtui.cli
    import pmtui.launch
    import pmtui.store.quick

    seen = []
    monkeypatch.setattr(pmtui.store.quick, "quick_reader", lambda db: None)
    monkeypatch.setattr(pmtui.app.PmtuiApp, "__init__", lambda self, *a, **k: seen.append(("app", gc.isenabled())))
    monkeypatch.setattr(pmtui.app.PmtuiApp, "run", lambda self: seen.append(("run", gc.isenabled())))
    monkeypatch.setattr(sys, "argv", ["pmtui"])
    monkeypatch.setattr(pmtui.cli, "main", lambda: (seen.append(("cli", gc.isenabled())), pmtui.app.run_app(None, None)))
    try:
        pmtui.launch.main()
    finally:
        gc.enable()
    assert seen == [("cli", False), ("app", True), ("run", True)]


async def test_app_without_a_current_project_takes_the_ordinary_path(store, db_path):
    from pmtui.app import PmtuiApp
    from pmtui.screens.projects import ProjectSwitcher

    create_project(store, "First", TODAY)
    create_project(store, "Second", TODAY)
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM setting WHERE key = 'current_project'")
    app = PmtuiApp(None, today=TODAY, quick=quick_reader(str(db_path)), db=str(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProjectSwitcher)
        assert "No project open: n creates one here, Enter opens the one selected" in notes(app)
        assert app.busy == 0  # no "loading plan" left behind


async def test_a_store_that_fails_to_open_ends_the_app_with_its_message(demo_store, db_path, monkeypatch):
    from pmtui.app import PmtuiApp
    from pmtui.models.errors import StoreError
    from pmtui.store import engine

    def refuse(db=None, **_kw):
        raise StoreError(f"cannot open database {db}: disk I/O error")

    monkeypatch.setattr(engine, "open_store", refuse)
    app = PmtuiApp(None, today=TODAY, quick=quick_reader(str(db_path)), db=str(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the store's worker, then its message, on which the app exits
    assert app.return_code == 1
    assert str(app._store_error) == f"cannot open database {db_path}: disk I/O error"


async def test_quitting_at_once_ends_the_app_and_its_start_up_worker(demo_store, db_path):
    # q before the first frame or while the store opens: the app ends, and the worker neither
    # hangs waiting for a frame that never comes nor keeps the process alive.
    from pmtui.app import PmtuiApp

    app = PmtuiApp(None, today=TODAY, quick=quick_reader(str(db_path)), db=str(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
    assert app.return_code == 0
    assert app._store_ready.wait(10)
