"""Every table of the schema, registered on SQLModel.metadata by importing this module."""

from pmtui.models.risks import Issue, Risk, RiskScore, RiskTask
from pmtui.models.standup import Standup, StandupEvent, StandupNote
from pmtui.models.tables import (
    Assignment,
    Calendar,
    CalendarException,
    Dependency,
    JournalEntry,
    Project,
    Resource,
    Setting,
    Task,
)
from pmtui.models.tracking import Baseline, BaselineTask, Snapshot

__all__ = [
    "Assignment", "Baseline", "BaselineTask", "Calendar", "CalendarException", "Dependency",
    "Issue", "JournalEntry", "Project", "Resource", "Risk", "RiskScore", "RiskTask", "Setting",
    "Snapshot", "Standup", "StandupEvent", "StandupNote", "Task",
]
