"""Undo, redo and the readable history, through the journal."""

from __future__ import annotations

from sqlmodel import Session

from pmtui.models.tables import JournalEntry, Project
from pmtui.services.actions import reading
from pmtui.services.projects import CURRENT
from pmtui.store import Store, journal


def _step(store: Store, project_id: int, fn) -> JournalEntry:
    with Session(store.writer) as s:
        conn = s.connection()
        entry = fn(conn, project_id)
        # Undoing a project's creation leaves no project to point at.
        if s.get(Project, project_id) is None:
            from pmtui.models.tables import Setting

            current = s.get(Setting, CURRENT)
            if current is not None and current.value == str(project_id):
                s.delete(current)
        s.commit()
    return entry


def undo(store: Store, project_id: int) -> JournalEntry:
    return _step(store, project_id, journal.undo)


def redo(store: Store, project_id: int) -> JournalEntry:
    return _step(store, project_id, journal.redo)


def version(store: Store, project_id: int) -> tuple[int, int]:
    """A token that changes with every change to the project, by any process (see journal.version)."""
    with reading(store) as s:
        return journal.version(s.connection(), project_id)


def history(store: Store, project_id: int, limit: int | None = None) -> list[JournalEntry]:
    with reading(store) as s:
        return journal.history(s.connection(), project_id, limit)
