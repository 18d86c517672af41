"""Errors raised by the scheduler.

Every message is one line a project manager can act on: it names the tasks by WBS code and name,
never by internal index.
"""

from __future__ import annotations


class SchedulingError(ValueError):
    """Base class: the plan cannot be scheduled as given."""


class CycleError(SchedulingError):
    """The dependencies loop back on themselves; ``cycle`` holds the task ids in order."""

    def __init__(self, message: str, cycle: list[int]):
        super().__init__(message)
        self.cycle = cycle


class UnknownTaskError(SchedulingError):
    """A link or a parent names a task id that is not in the plan."""


class InvalidTaskError(SchedulingError):
    """A task or link carries a value the scheduler cannot honour (negative duration, ...)."""
