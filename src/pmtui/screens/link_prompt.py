"""A one-line prompt for a link: the other task's WBS code, with an optional type and lag in MS
Project's notation (``2.3``, ``2.3SS+2d``). A bad code is shown under the field; nothing changes."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from pmtui.screens.dialogs import DialogField, focus_first
from pmtui.widgets.footer import Footer
from pmtui.widgets.refusal import Refusal


class LinkPrompt(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="gantt.link_cancel")]
    busy: object = False  # its edit, while it runs (set by PmtuiApp.run_edit)
    AUTO_FOCUS = ""  # on_mount focuses (focus_first)

    def __init__(self, title: str, submit: Callable[["LinkPrompt", str], None]) -> None:
        super().__init__()
        self.title_text, self.submit = title, submit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            inp = DialogField(id="link-ref", compact=True, placeholder="WBS code, e.g. 2.3 or 2.3SS+2d",
                              words={"field.confirm": "Link"})
            inp.cursor_blink = False
            yield inp
            yield Refusal(id="link-error", classes="form-error")
        yield Footer()

    def on_mount(self) -> None:
        focus_first(self, self.query_one("#link-ref", Input))

    def submitted(self, field: Input) -> None:
        self.submit(self, field.value)

    def show_error(self, message: str) -> None:
        # in view once laid out, on a terminal too small for the whole prompt
        self.query_one("#link-error", Refusal).say(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
