"""The errors a user can cause. Each carries one line a project manager understands.

``exit_code`` follows the CLI convention of the issue tracker: 2 when what was typed is malformed
or out of range (a usage error), 1 when a well-formed request conflicts with the plan, 0 when
an edit asks for what is there already (NothingChanged).
"""

from __future__ import annotations


class PmtuiError(Exception):
    """A refusal the user caused; the message is shown as it is, on one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BadValue(PmtuiError):
    """A value that cannot be parsed or is out of range ("banana" for a duration)."""

    exit_code = 2


class NotFound(PmtuiError):
    """A project, task, resource or journal entry that does not exist."""


class Conflict(PmtuiError):
    """A valid request the plan cannot take (a cycle, deleting a summary without --recursive)."""


class NothingChanged(Conflict):
    """An edit asking for the values a thing already has: nothing is written. The CLI says so on
    stdout and exits 0, for every edit command alike: a script that sets values it may already
    hold (re-applied from a spreadsheet) must not stop under `set -e`, and `resource edit`,
    `issue edit` and `project edit` exited 0 where `task edit` and `risk edit` exited 1. Forms
    catch it as any Conflict and say it."""

    exit_code = 0


class StoreError(PmtuiError):
    """The database cannot be opened, created or written."""
