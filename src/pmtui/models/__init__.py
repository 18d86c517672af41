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

__all__ = [
    "Assignment", "BadValue", "CONSTRAINT_TYPES", "Calendar", "CalendarException", "Conflict",
    "Dependency", "JournalEntry", "LINK_TYPES", "NotFound", "PmtuiError", "Project",
    "RESOURCE_KINDS", "Resource", "Setting", "StoreError", "Task",
]
