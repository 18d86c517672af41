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
    selected_before: Any = None  # app.selected_task_id when the edit was asked for


@dataclass
class PlanFailed(Message):
    """Loading or scheduling the plan failed; ``message`` is one line for the user."""

    message: str
    form: Any = None  # the modal whose edit's plan failed to load
    gone: int | None = None  # the project whose plan was reloaded, found deleted
    undone: str = ""  # "Undone: …" when this window's own undo took back its creation


@dataclass
class EditRefused(Message):
    """A service refused an edit; nothing was changed."""

    message: str
    form: Any = None  # the modal that asked for it, to show the message in place
    # the plan read again: the refusal came after a change made elsewhere, shown with it
    reloaded: Any = None  # PlanReady
    confirm: str = ""  # a question: the edit is made anyway if the user says yes
    # the journal entry the question is about: a yes undoes that one or nothing (a change made
    # elsewhere while the question was open is not undone in its place)
    agreed: int | None = None


@dataclass
class BusyChanged(Message):
    busy: bool
    what: str = field(default="")


# Workers post these rather than use App.call_from_thread, which waits for its callback: a worker
# still running when the app quits would wait forever, and so would the app for the worker.


@dataclass
class StoreOpened(Message):
    """The store opened in the background after the quick first frame (None: it failed)."""

    known_binding_ids: set[str] | None
    plan_shown: bool


@dataclass
class OutsideChanged(Message):
    """The journal shows a change the plan on screen (read at ``seen``) does not."""

    project_id: int
    seen: tuple[int, int]


@dataclass
class ProjectsChanged(Message):
    """With no project open: the journal shows a change to some project (one may be back)."""

    seen: tuple[int, int]


@dataclass
class Note(Message):
    """A notification a worker asks the app to show."""

    text: str
    severity: str = "information"
    timeout: float = 5
