"""SQLModel tables and the rules that validate what a user types."""

from pmtui.models.errors import BadValue, Conflict, NotFound, PmtuiError, StoreError
from pmtui.models.tables import (
    CONSTRAINT_TYPES,
    LINK_TYPES,
    RESOURCE_KINDS,
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
from pmtui.models.risks import Issue, Risk, RiskScore, RiskTask
from pmtui.models.standup import Standup, StandupEvent, StandupNote
from pmtui.models.tracking import Baseline, BaselineTask, Snapshot

__all__ = [
    "Assignment", "BadValue", "CONSTRAINT_TYPES", "Calendar", "CalendarException", "Conflict",
    "Dependency", "JournalEntry", "LINK_TYPES", "NotFound", "PmtuiError", "Project",
    "RESOURCE_KINDS", "Resource", "Setting", "StoreError", "Task",
    "Issue", "Risk", "RiskScore", "RiskTask", "Standup", "StandupEvent", "StandupNote",
    "Baseline", "BaselineTask", "Snapshot",
]
