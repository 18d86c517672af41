"""The plan's tables. Scheduled dates are not stored: they are derived by the scheduler.

Every table uses AUTOINCREMENT so that an id is never handed out twice; the journal replays
changes by id, and a reused id would let an undo touch a row it never saw.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from pmtui.models.vocabulary import (  # noqa: F401 - imported from here by the services
    CONSTRAINT_TYPES,
    LINK_TYPES,
    MON_TO_FRI,
    RESOURCE_KINDS,
    WEEKDAY_NAMES,
)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Column:
    return Column(Integer, ForeignKey(target), nullable=nullable, index=index)


class Calendar(SQLModel, table=True):
    __tablename__ = "calendar"
    __table_args__ = (
        CheckConstraint("workdays >= 0 AND workdays < 128", name="ck_calendar_workdays"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str
    # Bit 0 is Monday: one integer keeps the week in one column and one comparison.
    workdays: int = MON_TO_FRI
    # A resource's calendar is based on the project's, as MS Project bases one on the Standard
    # calendar: its week is the project's, whatever that becomes, unless someone set a week of
    # their own (a part-timer). Only then is ``workdays`` read; a flag rather than a week equal
    # to the project's, which made a Mon-Thu part-timer on a Mon-Thu project work Mon-Fri once
    # the project did. Meaningless on a project's own calendar.
    own_week: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default="0"))


class CalendarException(SQLModel, table=True):
    __tablename__ = "calendar_exception"
    __table_args__ = (
        UniqueConstraint("calendar_id", "day", name="uq_calendar_exception_day"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    calendar_id: int = Field(sa_column=_fk("calendar.id"))
    day: date
    working: bool = False
    name: str = ""


class Project(SQLModel, table=True):
    __tablename__ = "project"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    start: date
    status_date: date | None = None
    calendar_id: int = Field(sa_column=_fk("calendar.id"))
    currency: str = "EUR"
    notes: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    # The summaries the WBS and the Gantt show folded, a JSON list of task ids (NULL: none): view
    # state, kept with the project so that it opens as it was left wherever the plan is opened,
    # and not journaled (undo skips it), as a stand-up's place (Standup.position).
    folded: str | None = None


class Task(SQLModel, table=True):
    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint("duration >= 0", name="ck_task_duration"),
        CheckConstraint(
            "percent_complete >= 0 AND percent_complete <= 100", name="ck_task_percent"
        ),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    parent_id: int | None = Field(default=None, sa_column=_fk("task.id", nullable=True))
    # Sibling order, kept 0..n-1 by the services so WBS codes stay consecutive.
    position: int = 0
    name: str
    duration: int = 0
    optimistic: float | None = None
    most_likely: float | None = None
    pessimistic: float | None = None
    constraint_type: str = "ASAP"
    constraint_date: date | None = None
    deadline: date | None = None
    percent_complete: int = 0
    actual_start: date | None = None
    actual_finish: date | None = None
    remaining: int | None = None
    fixed_cost: float = 0.0
    notes: str = ""
    # Entered actual cost; None means "derive it from progress and rates".
    actual_cost: float | None = None


class Dependency(SQLModel, table=True):
    __tablename__ = "dependency"
    __table_args__ = (
        UniqueConstraint("pred_id", "succ_id", name="uq_dependency_pair"),
        CheckConstraint("pred_id <> succ_id", name="ck_dependency_self"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    # No index of its own: uq_dependency_pair's index starts with pred_id and serves its lookups
    # (an import of 27,000 links spent 10-15 ms keeping the duplicate up to date).
    pred_id: int = Field(sa_column=_fk("task.id", index=False))
    succ_id: int = Field(sa_column=_fk("task.id"))
    type: str = "FS"
    lag: int = 0


class Resource(SQLModel, table=True):
    __tablename__ = "resource"
    __table_args__ = (
        UniqueConstraint("project_id", "name", name="uq_resource_name"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    name: str
    kind: str = "person"
    # Cost per working day in the project's currency (MSPDI's hourly rate × 8 on export).
    cost_rate: float = 0.0
    max_units: float = 1.0
    calendar_id: int | None = Field(default=None, sa_column=_fk("calendar.id", nullable=True))


class Assignment(SQLModel, table=True):
    __tablename__ = "assignment"
    __table_args__ = (
        UniqueConstraint("task_id", "resource_id", name="uq_assignment_pair"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(sa_column=_fk("task.id"))
    resource_id: int = Field(sa_column=_fk("resource.id"))
    units: float = 1.0


class JournalEntry(SQLModel, table=True):
    """One user action: what it changed, row by row, so it can be undone and redone."""

    __tablename__ = "journal"
    # (project, state): the journal's version counts the undone entries and each action drops
    # them; without it both read every entry of the project (6 ms at 20,000 entries, twice per
    # edit and every two seconds in the background, growing with the plan's age)
    __table_args__ = (Index("ix_journal_project_state", "project_id", "state"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    # No foreign key: the entry that creates or deletes a project outlives the project row.
    project_id: int | None = Field(default=None, index=True)
    at: datetime = Field(default_factory=utcnow)
    action: str
    summary: str = ""
    changes: str = "[]"
    state: str = "done"
    # What the action did to the project finish, as JSON (pmtui.services.finish_effect): the
    # finish and the task that ends it, before and after. NULL in entries written before 0006,
    # whose effect is not known.
    effect: str | None = None


class Setting(SQLModel, table=True):
    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str = ""
