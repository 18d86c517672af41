"""A one-line prompt for a link: the other task's WBS code, with an optional type and lag in MS
Project's notation (``2.3``, ``2.3SS+2d``). A bad code is shown under the field; nothing changes."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from pmtui.widgets.dialog_input import DialogInput


class LinkPrompt(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="gantt.link_cancel")]
    busy: object = False  # its edit, while it runs (set by PmtuiApp.run_edit)

    def __init__(self, title: str, submit: Callable[["LinkPrompt", str], None]) -> None:
        super().__init__()
        self.title_text, self.submit = title, submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            inp = DialogInput(id="link-ref", compact=True, placeholder="WBS code, e.g. 2.3 or 2.3SS+2d")
            inp.cursor_blink = False
            yield inp
            yield Static("", id="link-error", classes="form-error")
            yield Static("enter link · esc cancel", classes="dialog-hint")

    def submitted(self, field: Input) -> None:
        self.submit(self, field.value)

    def show_error(self, message: str) -> None:
        self.query_one("#link-error", Static).update(Text(message))

    def action_cancel(self) -> None:
        self.dismiss(None)
