"""Per-project numbers of risks and issues: R1, R2 … and I1, I2 … start again in every project.

A new row takes the project's highest number + 1, read inside the action's write transaction.
On SQLite that transaction began with BEGIN IMMEDIATE (pmtui.store.engine), so no other writer
can add a row between this read and the insert; on PostgreSQL the project's row is locked for
the same reason. Numbers are not reused while the row exists: risks and issues are never
deleted, and undoing an add removes the entry's row, whose redo puts the same number back.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from pmtui.models.tables import Project


def next_number(session: Session, model, project_id: int) -> int:
    """The number the next ``model`` row (Risk or Issue) of the project takes."""
    if session.connection().dialect.name != "sqlite":
        session.execute(select(Project.id).where(Project.id == project_id).with_for_update())
    top = session.execute(select(func.max(model.number)).where(model.project_id == project_id)).scalar()
    return (top or 0) + 1
