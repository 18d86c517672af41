"""A one-line prompt for a link: the other task's WBS code, with an optional type and lag in MS
Project's notation (``2.3``, ``2.3SS+2d``). A bad code is shown under the field; nothing changes."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from pmtui.screens.dialogs import DialogField, dialog_rows, focus_first
from pmtui.widgets.footer import Footer
from pmtui.widgets.refusal import Refusal, cut_to


# Rows of the whole prompt with a refusal of two lines: border, title and the line under it,
# field, refusal, border. Given fewer, it goes short (pmtui.tcss, LinkPrompt.-short).
FULL_ROWS = 7


class LinkPrompt(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="gantt.link_cancel")]
    busy: object = False  # its edit, while it runs (set by PmtuiApp.run_edit)
    AUTO_FOCUS = ""  # on_mount focuses (focus_first)

    def __init__(self, title: str, submit: Callable[["LinkPrompt", str], None], plan=None) -> None:
        """``plan``: the plan the codes in a refusal are of, to name its tasks by code where the
        refusal has not the room for their names."""
        super().__init__()
        self.title_text, self.submit, self.plan = title, submit, plan
        self.said = ""  # the refusal as worded, before _fitted cut it to the room

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
        self._fit(self.app.size.height)
        focus_first(self, self.query_one("#link-ref", Input))

    def on_resize(self, event) -> None:
        self._fit(event.size.height)
        if self.said:
            self.call_after_refresh(lambda: self.show_error(self.said))

    def _fit(self, height: int) -> None:
        # At 40x6 the dialog had two rows inside its border: the title and the line under it
        # were scrolled away to show the field (what the prompt was for was never seen), and
        # a refusal scrolled the field away (what was refused was not seen beside why). Short,
        # it gives up its top and bottom border, the title's blank line and the title's second
        # line: title, field and a refusal of three lines fit in five rows.
        self.set_class(dialog_rows(height) < FULL_ROWS, "-short")

    def submitted(self, field: Input) -> None:
        self.submit(self, field.value)

    def show_error(self, message: str) -> None:
        # in view once laid out, on a terminal too small for the whole prompt
        self.said = message
        self.query_one("#link-error", Refusal).say(self._fitted(message))

    def _fitted(self, message: str) -> str:
        """``message`` in the rows the prompt has under its field. Scrolled into view, a longer
        one scrolled the field and the title away: a cycle (the tasks by name) took six lines at
        40 columns, and what was typed could not be seen beside why it was refused. The tasks
        go by their codes, then it is cut."""
        width = self.query_one("#link-error", Refusal).content_size.width
        short = self.has_class("-short")
        rows = self.app.size.height - 1 if short else dialog_rows(self.app.size.height)
        room = max(1, rows - (0 if short else 2) - self.query_one(".dialog-title").outer_size.height
                   - self.query_one("#link-ref", Input).outer_size.height)
        return cut_to(message, width, room, self.plan)

    def action_cancel(self) -> None:
        self.dismiss(None)
