"""Undo, redo and the readable history, through the journal."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from pmtui.models.errors import Conflict
from pmtui.models.tables import JournalEntry, Task
from pmtui.services.actions import reading
from pmtui.store import Store, journal
from pmtui.store.quick import deleted_name_in


def _step(store: Store, project_id: int, fn) -> JournalEntry:
    with Session(store.writer) as s:
        entry = fn(s.connection(), project_id)
        s.commit()
    return entry


class RemovesProject(Conflict):
    """The undo asked for would take back the project's creation; ``question`` asks first."""

    def __init__(self, entry: JournalEntry, what: str) -> None:
        super().__init__(f"undoing {entry.action!r} would remove {what}")
        self.entry_id = entry.id
        self._asked = f"Undo {entry.action!r}? It removes {what}."
        self.question = self.asking("U")

    def asking(self, redo: str) -> str:
        """The question, naming how the planner (U) or the command line (`pmtui redo`) redoes."""
        return f"{self._asked} {redo} brings it back, until another change is made in any project."


def undo(store: Store, project_id: int, *, keep_project: bool = False, only: int | None = None) -> JournalEntry:
    """``keep_project``: refuse (RemovesProject) an undo that would remove the project itself,
    so that the planner can ask first: one u on a freshly imported plan took all of it away.
    ``only``: the entry id the user agreed to (RemovesProject.entry_id); a change made while the
    question was open is refused rather than undone in its place."""
    if keep_project:
        with reading(store) as s:
            entry = journal.creation_next(s.connection(), project_id)
            tasks = s.execute(select(func.count()).select_from(Task).where(Task.project_id == project_id)).scalar()
        if entry is not None:
            name = journal.created_name(entry)
            what = f"project {name!r} and its {tasks} task{'' if tasks == 1 else 's'}" if tasks else f"project {name!r}"
            raise RemovesProject(entry, what)
    return _step(store, project_id, lambda conn, pid: journal.undo(conn, pid, only=only))


def redo(store: Store, project_id: int) -> JournalEntry:
    return _step(store, project_id, journal.redo)


@dataclass(frozen=True)
class UndoneProject:
    id: int
    name: str


def undone_project(store: Store) -> UndoneProject | None:
    """The project whose creation the last undo took back, while nothing has been chosen or
    changed since (see pmtui.store.journal): the project undo, redo and history mean unless one
    is named. None when the current project is meant."""
    with reading(store) as s:
        conn = s.connection()
        project_id = journal.undone_project(conn)
        if project_id is None:
            return None
        entries = journal.history(conn, project_id)
    name = next((n for n in map(journal.created_name, reversed(entries)) if n), None)
    return UndoneProject(project_id, name or f"#{project_id}")


def deleted_project(store: Store) -> UndoneProject | None:
    """The project deleted last, while nothing has been chosen or changed since: the project
    `undo` and `history` mean unless one is named, as there is no current one to name it by."""
    with reading(store) as s:
        conn = s.connection()
        project_id = journal.deleted_project(conn)
        if project_id is None:
            return None
        entry = journal.history(conn, project_id, 1)[0]
    name = deleted_name_in(entry.changes)
    return UndoneProject(project_id, name or f"#{project_id}")


def restored_project(store: Store) -> UndoneProject | None:
    """The project whose deletion the last undo took back, while nothing has been chosen or
    changed since: the project `redo` means unless one is named (see journal.restored_project)."""
    from pmtui.models.tables import Project

    with reading(store) as s:
        project_id = journal.restored_project(s.connection())
        project = s.get(Project, project_id) if project_id is not None else None
        return UndoneProject(project.id, project.name) if project is not None else None


def kept_for_undo(store: Store, project_id: int) -> bool:
    """Whether the undo history still holds the project: not, once `pmtui project purge` erased it."""
    with reading(store) as s:
        return s.execute(select(JournalEntry.id).where(JournalEntry.project_id == project_id).limit(1)).first() \
            is not None


def version(store: Store, project_id: int) -> tuple[int, int]:
    """A token that changes with every change to the project, by any process (see journal.version)."""
    with reading(store) as s:
        return journal.version(s.connection(), project_id)


def all_version(store: Store) -> tuple[int, int]:
    """A token that changes with every change to any project, by any process: what a window
    with no project open watches for one to come back (see journal.all_version)."""
    with reading(store) as s:
        return journal.all_version(s.connection())


def elsewhere(store: Store, project_id: int, what: str) -> bool:
    """Whether another project has something to undo (``what`` 'undo') or to redo ('redo')."""
    state = "done" if what == "undo" else "undone"
    with reading(store) as s:
        return s.execute(select(JournalEntry.id).where(
            JournalEntry.project_id.is_not(None), JournalEntry.project_id != project_id,
            JournalEntry.state == state).limit(1)).first() is not None


def history(store: Store, project_id: int, limit: int | None = None) -> list[JournalEntry]:
    with reading(store) as s:
        return journal.history(s.connection(), project_id, limit)
