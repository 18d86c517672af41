"""Daily stand-ups: the meeting, what each person said, what was recorded, the saved summary."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from pmtui.models.tables import _fk, utcnow

STANDUP_STATES = ("open", "closed")
# "unblocked": blockers cleared (pmtui blocker --clear, the stand-up's c); a file exported with
# one was refused on import as of an unknown kind when it was missing here
EVENT_KINDS = ("started", "progress", "remaining", "done", "blocker", "unblocked", "note")


class Standup(SQLModel, table=True):
    __tablename__ = "standup"
    __table_args__ = (
        UniqueConstraint("project_id", "day", name="uq_standup_day"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    day: date
    state: str = "open"
    started_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    status_date_before: date | None = None
    finish_before: date | None = None
    finish_after: date | None = None
    # Where the meeting stood when it was left, so that it resumes there.
    position: int = 0
    # The summary as shown at the end (JSON), kept as it was that day.
    summary: str = ""


class StandupNote(SQLModel, table=True):
    """Yesterday / today / blockers for one person (resource_id None: unassigned work)."""

    __tablename__ = "standup_note"
    __table_args__ = (
        UniqueConstraint("standup_id", "resource_id", name="uq_standup_note_person"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    standup_id: int = Field(sa_column=_fk("standup.id"))
    resource_id: int | None = Field(default=None, sa_column=_fk("resource.id", nullable=True))
    yesterday: str = ""
    today: str = ""
    blockers: str = ""


class StandupEvent(SQLModel, table=True):
    """One thing recorded during a stand-up: progress on a task, a blocker, a note."""

    __tablename__ = "standup_event"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: int | None = Field(default=None, primary_key=True)
    standup_id: int = Field(sa_column=_fk("standup.id"))
    at: datetime = Field(default_factory=utcnow)
    resource_id: int | None = Field(default=None, sa_column=_fk("resource.id", nullable=True))
    task_id: int | None = Field(default=None, sa_column=_fk("task.id", nullable=True))
    kind: str = "progress"
    detail: str = ""
