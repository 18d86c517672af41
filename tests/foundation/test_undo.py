"""Undo and redo of every kind of edit, in the same process and after a restart."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.models.errors import NotFound
from pmtui.services import calendars, history, projects, resources, tasks
from pmtui.store import open_store
from tests.foundation.helpers import dump


def _base(store, project):
    tasks.add_task(store, project.id, "Phase")
    tasks.add_task(store, project.id, "A", under="1", duration=3)
    tasks.add_task(store, project.id, "B", under="1", duration=2, after="1.1")
    tasks.add_task(store, project.id, "C", duration=4, after="1.2SS+1d")
    tasks.add_task(store, project.id, "D", duration=1)
    resources.add_resource(store, project.id, "Alice", cost_rate=500)
    resources.assign(store, project.id, "1.1", "Alice")


EDITS = {
    "add task": lambda s, p: tasks.add_task(s, p, "New", below="1.1", after="1.1FS-1d"),
    "edit task": lambda s, p: tasks.edit_task(s, p, "2", name="C2", duration=9, deadline=date(2027, 2, 1),
                                              predecessors="1.1FF+2d"),
    "delete task": lambda s, p: tasks.delete_task(s, p, "1.1"),
    "delete summary": lambda s, p: tasks.delete_task(s, p, "1", recursive=True),
    "move": lambda s, p: tasks.move_task(s, p, "3", "up"),
    "indent": lambda s, p: tasks.indent_task(s, p, "3"),
    "outdent": lambda s, p: tasks.outdent_task(s, p, "1.2"),
    "link": lambda s, p: tasks.link_tasks(s, p, "2", "3", type="SF", lag=2),
    "unlink": lambda s, p: tasks.unlink_tasks(s, p, "1.1", "1.2"),
    "add resource": lambda s, p: resources.add_resource(s, p, "Bob", cost_rate=700),
    "edit resource": lambda s, p: resources.edit_resource(s, p, "Alice", cost_rate=550.0),
    "remove resource": lambda s, p: resources.remove_resource(s, p, "Alice"),
    "assign": lambda s, p: resources.assign(s, p, "1.2", "Alice", units=0.5),
    "unassign": lambda s, p: resources.unassign(s, p, "1.1", "Alice"),
    "workdays": lambda s, p: calendars.set_workdays(s, p, 0b1111111),
    "holiday": lambda s, p: calendars.add_exception(s, p, date(2027, 1, 6), "Epiphany"),
    "rename project": lambda s, p: projects.rename_project(s, p, "Renamed"),
    "status date": lambda s, p: projects.set_status_date(s, p, date(2027, 1, 8)),
    "progress": lambda s, p: tasks.set_progress(s, p, "1.1", percent=50),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_undo_redo_every_edit(kind, store, project, db_path):
    _base(store, project)
    before = dump(store)
    EDITS[kind](store, project.id)
    after = dump(store)
    assert after != before
    history.undo(store, project.id)
    assert dump(store) == before
    history.redo(store, project.id)
    assert dump(store) == after
    # And again across a restart: a new process opens the file and undoes.
    store.close()
    reopened = open_store(str(db_path))
    history.undo(reopened, project.id)
    assert dump(reopened) == before
    reopened.close()
    again = open_store(str(db_path))
    history.redo(again, project.id)
    assert dump(again) == after
    again.close()


def test_undo_walks_back_and_new_action_clears_redo(store, project):
    states = [dump(store)]
    for name in "ABC":
        tasks.add_task(store, project.id, name)
        states.append(dump(store))
    for expected in reversed(states[1:-1]):
        history.undo(store, project.id)
        assert dump(store) == expected
    history.undo(store, project.id)
    assert dump(store) == states[0]
    tasks.add_task(store, project.id, "X")
    with pytest.raises(NotFound, match="nothing to redo"):
        history.redo(store, project.id)
    entries = history.history(store, project.id)
    assert [e.summary for e in entries][:2] == ["added 1 'X' (1d)", "created project 'Test project' starting 2027-01-04"]


def test_undo_project_creation_then_nothing(store, project):
    history.undo(store, project.id)
    assert projects.list_projects(store) == []
    with pytest.raises(NotFound, match="nothing to undo"):
        history.undo(store, project.id)
    history.redo(store, project.id)
    assert [p.name for p, _, _ in projects.list_projects(store)] == ["Test project"]


def test_undo_of_demo_is_one_step(store):
    from pmtui.services.demo import create_demo

    empty = dump(store)
    demo = create_demo(store, today=date(2026, 11, 23))
    assert len(tasks.get_plan(store, demo.id).tasks) > 50
    history.undo(store, demo.id)
    assert dump(store) == empty


def test_bulk_import_undo_redo_and_conflict(store, db_path):
    """An import is journaled as compact bulk rows: undo removes them all, redo restores them
    exactly (dates and timestamps typed again), and a redo whose rows came back is refused."""
    from pmtui.models.errors import Conflict
    from pmtui.services.bulk import create_project_from, get_plan_data
    from pmtui.services.demo import create_demo

    demo = create_demo(store, today=date(2026, 11, 23))
    data = get_plan_data(store, demo.id)
    before = dump(store)
    copy = create_project_from(store, data)
    after = dump(store)
    assert after != before
    history.undo(store, copy.id)
    assert dump(store) == before
    history.redo(store, copy.id)
    assert dump(store) == after
    history.undo(store, copy.id)
    # a row with one of the undone ids appears again: redo must refuse and change nothing
    with store.writer.begin() as conn:
        conn.exec_driver_sql("INSERT INTO calendar (id, name, workdays) VALUES (?, 'Squatter', 31)",
                             (max(r[0] for r in conn.exec_driver_sql("SELECT id FROM calendar")) + 1,))
    squatted = dump(store)
    with pytest.raises(Conflict, match="exists again"):
        history.redo(store, copy.id)
    assert dump(store) == squatted
