"""Undo, redo and the readable history, through the journal."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from pmtui.models.tables import JournalEntry
from pmtui.services.actions import reading
from pmtui.store import Store, journal


def _step(store: Store, project_id: int, fn) -> JournalEntry:
    with Session(store.writer) as s:
        entry = fn(s.connection(), project_id)
        s.commit()
    return entry


def undo(store: Store, project_id: int) -> JournalEntry:
    return _step(store, project_id, journal.undo)


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


def version(store: Store, project_id: int) -> tuple[int, int]:
    """A token that changes with every change to the project, by any process (see journal.version)."""
    with reading(store) as s:
        return journal.version(s.connection(), project_id)


def all_version(store: Store) -> tuple[int, int]:
    """A token that changes with every change to any project, by any process: what a window
    with no project open watches for one to come back (see journal.all_version)."""
    with reading(store) as s:
        return journal.all_version(s.connection())


def history(store: Store, project_id: int, limit: int | None = None) -> list[JournalEntry]:
    with reading(store) as s:
        return journal.history(s.connection(), project_id, limit)
