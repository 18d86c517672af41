"""Undo and redo around a project's creation: redo brings the project back and makes it current
again, never redoes in another project the user did not choose, and history still answers."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.models.errors import NotFound
from pmtui.services import history, projects, tasks
from tests.foundation.helpers import cli, dump

START = "2027-01-04"


def _names(store):
    return {p.name: (n, current) for p, n, current in projects.list_projects(store)}


def test_redo_after_undoing_a_creation_is_that_project_not_another(store, db_path):
    """The tester's steps: A has an undone change when B is created, filled, and undone away."""
    assert cli(db_path, "project", "new", "A", "--start", START).exit_code == 0
    assert cli(db_path, "task", "add", "a1", "--duration", "3d").exit_code == 0
    assert cli(db_path, "undo").exit_code == 0
    assert cli(db_path, "project", "new", "B", "--start", START).exit_code == 0
    assert cli(db_path, "task", "add", "b1").exit_code == 0
    assert cli(db_path, "undo").exit_code == 0
    assert cli(db_path, "undo", "--yes").exit_code == 0
    assert set(_names(store)) == {"A"}
    only_a = dump(store)

    r = cli(db_path, "history")
    assert r.exit_code == 0, r.stderr
    assert "'B'" in r.stdout and "b1" in r.stdout and "a1" not in r.stdout

    # undo does not wander into A either: it says where things stand
    r = cli(db_path, "undo")
    assert r.exit_code == 1 and "creation of project 'B'" in r.stderr and "pmtui redo" in r.stderr
    assert dump(store) == only_a

    r = cli(db_path, "redo")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Redone: New project — created project 'B'")
    assert _names(store) == {"A": (0, False), "B": (0, True)}  # current again, as creating it made it
    r = cli(db_path, "redo")
    assert r.stdout.startswith("Redone: Add task — added 1 'b1'")
    r = cli(db_path, "redo")
    assert r.exit_code == 1 and "nothing to redo" in r.stderr
    assert _names(store) == {"A": (0, False), "B": (1, True)}  # A's undone a1 stays undone

    # A's redo stack is A's: choosing A reaches it
    r = cli(db_path, "-p", "A", "redo")
    assert r.stdout.startswith("Redone: Add task — added 1 'a1'")


@pytest.mark.parametrize("make", ["new", "demo", "import"])
def test_redo_and_history_after_undoing_the_only_project(make, store, db_path, tmp_path):
    if make == "import":
        from pmtui.services.demo import create_demo

        demo = create_demo(store, today=date(2026, 11, 23))
        plan = tmp_path / "plan.json"
        assert cli(db_path, "export", str(plan)).exit_code == 0
        history.undo(store, demo.id)
        assert _names(store) == {}
        args = ["import", str(plan)]
    else:
        args = ["project", "new", "Solo", "--start", START] if make == "new" else ["demo"]
    empty = dump(store)
    assert cli(db_path, *args).exit_code == 0
    made = dump(store)
    (name,) = _names(store)
    assert cli(db_path, "undo", "--yes").exit_code == 0
    assert dump(store) == empty

    r = cli(db_path, "history")
    assert r.exit_code == 0, r.stderr
    assert "(undone)" in r.stdout and repr(name) in r.stdout
    r = cli(db_path, "history", "--json")
    assert r.exit_code == 0 and '"undone": true' in r.stdout

    r = cli(db_path, "redo")
    assert r.exit_code == 0, r.stderr
    assert dump(store) == made
    assert _names(store)[name][1] is True


def test_choosing_another_project_after_the_undo_wins(store, db_path):
    assert cli(db_path, "project", "new", "A", "--start", START).exit_code == 0
    assert cli(db_path, "task", "add", "a1").exit_code == 0
    assert cli(db_path, "undo").exit_code == 0
    assert cli(db_path, "project", "new", "B", "--start", START).exit_code == 0
    assert cli(db_path, "project", "new", "C", "--start", START).exit_code == 0
    assert cli(db_path, "undo", "--yes").exit_code == 0  # C's creation: B is current again
    assert cli(db_path, "project", "use", "A").exit_code == 0
    r = cli(db_path, "redo")
    assert r.stdout.startswith("Redone: Add task — added 1 'a1'"), r.stderr
    assert set(_names(store)) == {"A", "B"}


def test_choosing_the_current_project_again_also_wins(store, db_path):
    # after undoing C's creation B is current; `project use B` says B is meant, so redo is B's
    assert cli(db_path, "project", "new", "B", "--start", START).exit_code == 0
    assert cli(db_path, "task", "add", "b1").exit_code == 0
    assert cli(db_path, "undo").exit_code == 0
    assert cli(db_path, "project", "new", "C", "--start", START).exit_code == 0
    assert cli(db_path, "undo", "--yes").exit_code == 0
    assert cli(db_path, "project", "use", "B").exit_code == 0
    r = cli(db_path, "redo")
    assert r.stdout.startswith("Redone: Add task — added 1 'b1'"), r.stderr
    assert set(_names(store)) == {"B"}


def test_a_new_change_after_undoing_a_creation_clears_its_redo(store, db_path):
    a = projects.create_project(store, "A", date(2027, 1, 4))
    b = projects.create_project(store, "B", date(2027, 1, 4))
    tasks.add_task(store, b.id, "b1")
    history.undo(store, b.id)
    history.undo(store, b.id)
    tasks.add_task(store, a.id, "a1")
    r = cli(db_path, "redo")
    assert r.exit_code == 1 and "nothing to redo" in r.stderr
    # nothing is left to bring B back, not even for a window still showing it
    with pytest.raises(NotFound, match="nothing to redo"):
        history.redo(store, b.id)
    assert [e.summary for e in history.history(store, b.id)] == []


def test_undoing_a_creation_after_choosing_another_project(store, db_path):
    """`project use` is not journaled: undoing B's creation after choosing A was refused ("a
    setting row was changed since"); now it leaves A current, and redo makes B current."""
    projects.create_project(store, "A", date(2027, 1, 4))
    projects.create_project(store, "B", date(2027, 1, 4))
    assert cli(db_path, "project", "use", "A").exit_code == 0
    r = cli(db_path, "-p", "B", "undo", "--yes")
    assert r.exit_code == 0, r.stderr
    assert _names(store) == {"A": (0, True)}
    r = cli(db_path, "redo")
    assert r.stdout.startswith("Redone: New project — created project 'B'"), r.stderr
    assert _names(store) == {"A": (0, False), "B": (0, True)}


def test_the_app_undoes_and_redoes_a_creation_by_its_project_id(store):
    """The TUI keeps the id of the project on screen and calls the service with it."""
    a = projects.create_project(store, "A", date(2027, 1, 4))
    tasks.add_task(store, a.id, "a1")
    b = projects.create_project(store, "B", date(2027, 1, 4))
    seen = history.version(store, b.id)
    history.undo(store, b.id)
    assert history.version(store, b.id) != seen
    assert history.undone_project(store) == history.UndoneProject(b.id, "B")
    with pytest.raises(NotFound, match="nothing to undo"):
        history.undo(store, b.id)
    history.redo(store, b.id)
    assert history.undone_project(store) is None
    assert _names(store) == {"A": (1, False), "B": (0, True)}
    assert [e.action for e in history.history(store, b.id)] == ["New project"]
    # ordinary per-project undo and redo are as they were
    history.undo(store, a.id)
    history.redo(store, a.id)
    assert _names(store)["A"] == (1, False)


def test_nothing_to_redo_names_the_project_it_looked_in(store, db_path):
    """The planner, open on A, undoes an edit there; the CLI's current project is B (imported or
    created since). `pmtui redo` answered a bare 'nothing to redo', as if the undo had been lost;
    it names the project it looked in and how to reach the other one, and changes nothing."""
    assert cli(db_path, "project", "new", "A", "--start", START).exit_code == 0
    assert cli(db_path, "task", "add", "a1", "--duration", "3d").exit_code == 0
    assert cli(db_path, "project", "new", "B", "--start", START).exit_code == 0
    a = next(p for p, _n, _c in projects.list_projects(store) if p.name == "A")
    history.undo(store, a.id)  # as the planner's u does
    before = dump(store)
    r = cli(db_path, "redo")
    assert r.exit_code == 1
    assert "nothing to redo in project 'B' (the current one)" in r.stderr
    assert "`pmtui -p NAME redo`" in r.stderr
    assert dump(store) == before
    r = cli(db_path, "-p", "A", "redo")
    assert r.exit_code == 0 and r.stdout.startswith("Redone: Add task — added 1 'a1'")
    r = cli(db_path, "-p", "A", "redo")
    assert r.exit_code == 1 and "nothing to redo in project 'A' (the one named)" in r.stderr


@pytest.mark.parametrize("make", ["new", "demo"])
def test_a_script_cannot_undo_a_whole_project_without_yes(make, store, db_path):
    """`pmtui undo` right after `pmtui demo` took away the whole plan without a word, where the
    planner's u asks first. With no terminal to ask on it now refuses and names --yes."""
    empty = dump(store)
    args = ["project", "new", "Solo", "--start", START] if make == "new" else ["demo"]
    assert cli(db_path, *args).exit_code == 0
    made = dump(store)
    (name,) = _names(store)
    r = cli(db_path, "undo")
    assert r.exit_code == 1
    assert f"would remove project {name!r}" in r.stderr and "--yes" in r.stderr
    assert "nothing was changed" in r.stderr
    assert dump(store) == made
    r = cli(db_path, "undo", "--yes")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Undone: ")
    assert dump(store) == empty


def test_at_a_terminal_undo_of_a_whole_project_asks_first(store, db_path, monkeypatch):
    from pmtui.cli import history as cli_history

    monkeypatch.setattr(cli_history, "_can_ask", lambda: True)
    empty = dump(store)
    assert cli(db_path, "demo").exit_code == 0
    made = dump(store)
    r = cli(db_path, "undo", input="n\n")
    assert r.exit_code == 0, r.stderr
    assert "Undo 'Create demo project'? It removes project 'CRM migration' and its 64 tasks." in r.stdout
    assert "`pmtui redo` brings it back" in r.stdout
    assert "Nothing undone." in r.stdout
    assert dump(store) == made
    r = cli(db_path, "undo", input="y\n")
    assert r.exit_code == 0, r.stderr
    assert "Undone: Create demo project" in r.stdout
    assert dump(store) == empty


def test_an_ordinary_undo_does_not_ask(store, db_path, monkeypatch):
    from pmtui.cli import history as cli_history

    monkeypatch.setattr(cli_history, "_can_ask", lambda: True)
    assert cli(db_path, "project", "new", "A", "--start", START).exit_code == 0
    assert cli(db_path, "task", "add", "a1").exit_code == 0
    r = cli(db_path, "undo", input="")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Undone: Add task") and "?" not in r.stdout


def test_a_change_made_while_the_question_is_open_is_not_undone_instead(store, db_path, monkeypatch):
    """The question may wait a long time; a task added meanwhile (in the planner) is not what
    the user agreed to undo."""
    from pmtui.cli import history as cli_history

    monkeypatch.setattr(cli_history, "_can_ask", lambda: True)
    assert cli(db_path, "project", "new", "A", "--start", START).exit_code == 0
    (a,) = [p for p, _n, _c in projects.list_projects(store)]

    def answer(*_args, **_kw):
        tasks.add_task(store, a.id, "added meanwhile")
        return True

    monkeypatch.setattr(cli_history.typer, "confirm", answer)
    r = cli(db_path, "undo")
    assert r.exit_code == 1 and "changed while you were asked" in r.stderr
    assert _names(store) == {"A": (1, True)}
