"""Messages that workers post to the app; small dataclasses, all in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class PlanReady(Message):
    """A plan was loaded and scheduled (after opening a project or after an edit)."""

    plan: Any  # pmtui.services.plan.Plan
    select_id: int | None = None
    note: str = ""
    edited: bool = False
    form: Any = None  # the modal that asked for the edit, closed once it is saved


@dataclass
class PlanFailed(Message):
    """Loading or scheduling the plan failed; ``message`` is one line for the user."""

    message: str


@dataclass
class EditRefused(Message):
    """A service refused an edit; nothing was changed."""

    message: str
    form: Any = None  # the modal that asked for it, to show the message in place


@dataclass
class BusyChanged(Message):
    busy: bool
    what: str = field(default="")
