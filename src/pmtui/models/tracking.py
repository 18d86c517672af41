"""Baselines (up to 11 per project, as MS Project keeps) and status snapshots for trends."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from pmtui.models.tables import _fk, utcnow

MAX_BASELINES = 11


class Baseline(SQLModel, table=True):
    __tablename__ = "baseline"
    __table_args__ = (
        UniqueConstraint("project_id", "name", name="uq_baseline_name"),
        CheckConstraint("number BETWEEN 0 AND 10", name="ck_baseline_number"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    name: str
    number: int = 0  # MS Project's Baseline, Baseline1 … Baseline10
    saved_at: datetime = Field(default_factory=utcnow)
    active: bool = False  # the one variance and the Gantt compare against
    start: date | None = None
    finish: date | None = None
    cost: float = 0.0
    work: float = 0.0


class BaselineTask(SQLModel, table=True):
    """A task as it was when the baseline was saved. task_id has no foreign key on purpose:
    the baseline must outlive a task deleted later ("removed since the baseline")."""

    __tablename__ = "baseline_task"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: int | None = Field(default=None, primary_key=True)
    baseline_id: int = Field(sa_column=_fk("baseline.id"))
    task_id: int = Field(index=True)
    wbs: str = ""
    name: str = ""
    summary: bool = False
    milestone: bool = False
    start: date
    finish: date
    duration: int = 0
    work: float = 0.0  # person-days
    cost: float = 0.0


class Snapshot(SQLModel, table=True):
    """The project's key figures on a day (each stand-up and `pmtui status snapshot`)."""

    __tablename__ = "snapshot"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    taken_at: datetime = Field(default_factory=utcnow)
    day: date
    source: str = "manual"  # manual | standup
    finish: date | None = None
    percent_complete: float = 0.0
    bac: float = 0.0
    pv: float = 0.0
    ev: float = 0.0
    ac: float = 0.0
    spi: float | None = None
    cpi: float | None = None
    risks_high: int = 0
    risks_medium: int = 0
    risks_low: int = 0
    open_issues: int = 0
    # Anything else worth trending later, as JSON.
    data: str = "{}"
