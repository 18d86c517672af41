"""Risks (PMBOK: probability × impact on 1–5 scales) with their score history and linked tasks,
and issues: risks that occurred, and blockers raised in a stand-up."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from pmtui.models.tables import _fk, utcnow
from pmtui.models.vocabulary import RISK_KINDS  # noqa: F401 (offered here too)

RISK_STATUSES = ("open", "occurred", "closed")
THREAT_STRATEGIES = ("avoid", "mitigate", "transfer", "accept", "escalate")
OPPORTUNITY_STRATEGIES = ("exploit", "enhance", "share", "accept", "escalate")
ISSUE_KINDS = ("issue", "blocker")
ISSUE_STATUSES = ("open", "resolved", "closed")


def _number() -> Column:
    # The default only fills rows that existed before the column (migration 0005, which then
    # numbers them); services.numbering gives every new row its number.
    return Column(Integer, nullable=False, server_default="0")


class Risk(SQLModel, table=True):
    __tablename__ = "risk"
    __table_args__ = (
        CheckConstraint("probability BETWEEN 1 AND 5", name="ck_risk_probability"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="ck_risk_impact"),
        Index("uq_risk_number", "project_id", "number", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    # Shown as R<number>: each project numbers its own risks from 1 (services.numbering).
    number: int = Field(sa_column=_number())
    title: str
    description: str = ""
    kind: str = "threat"
    category: str = ""
    cause: str = ""
    effect: str = ""
    probability: int = 3
    impact: int = 3
    owner_id: int | None = Field(default=None, sa_column=_fk("resource.id", nullable=True))
    status: str = "open"
    strategy: str = ""
    response: str = ""
    trigger: str = ""
    review_date: date | None = None
    # Working days the schedule would slip (threat) or gain (opportunity) if it happens.
    schedule_impact: int = 0
    cost_impact: float = 0.0
    created_at: datetime = Field(default_factory=utcnow)
    closed_on: date | None = None


class RiskScore(SQLModel, table=True):
    """Every change of probability or impact, with its date and why, for trends."""

    __tablename__ = "risk_score"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: int | None = Field(default=None, primary_key=True)
    risk_id: int = Field(sa_column=_fk("risk.id"))
    day: date
    probability: int
    impact: int
    comment: str = ""


class RiskTask(SQLModel, table=True):
    __tablename__ = "risk_task"
    __table_args__ = (
        UniqueConstraint("risk_id", "task_id", name="uq_risk_task"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    risk_id: int = Field(sa_column=_fk("risk.id"))
    task_id: int = Field(sa_column=_fk("task.id"))


class Issue(SQLModel, table=True):
    __tablename__ = "issue"
    __table_args__ = (
        CheckConstraint("severity BETWEEN 1 AND 5", name="ck_issue_severity"),
        Index("uq_issue_number", "project_id", "number", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=_fk("project.id"))
    # Shown as I<number>, numbered per project like risks.
    number: int = Field(sa_column=_number())
    title: str
    description: str = ""
    kind: str = "issue"
    status: str = "open"
    severity: int = 3
    owner_id: int | None = Field(default=None, sa_column=_fk("resource.id", nullable=True))
    task_id: int | None = Field(default=None, sa_column=_fk("task.id", nullable=True))
    risk_id: int | None = Field(default=None, sa_column=_fk("risk.id", nullable=True))
    raised_on: date
    resolved_on: date | None = None
    resolution: str = ""
