"""The input of a bar that opens over a screen for one answer (a new task's name, days left).

Keys typed quickly, or arriving together over SSH, are queued behind the key that opens or
closes the bar (see pmtui.widgets.dialog_input): "a" then "e" ran the edit command instead of
typing an e, a "q" right behind Enter was typed into the closed bar instead of quitting, and a
"j" right behind Enter moved the cursor before the answer was taken, so it went to the next
task. As a DialogInput it takes Enter and Escape in key order, passes on the keys that reach it
after that, and takes those that reached another widget while it was open. Enter and Escape give
the focus back to the screen's ``home`` widget and call the screen's ``answered`` or
``cancelled`` at once (the screen gives the focus back when it keeps the bar open for a better
answer).
"""

from __future__ import annotations

from typing import Callable

from textual.binding import Binding
from textual.widget import Widget

from pmtui.widgets.dialog_input import DialogInput


class InlineInput(DialogInput):
    # Shown in the footer while typing in the bar (the Input's own Enter is hidden): the footer
    # showed only "^z Undo  f1 Help", and nothing said how to confirm or cancel. The keys are
    # acted on in on_key, in key order; these bindings name them (and run them from a click).
    BINDINGS = [
        Binding("enter", "submit", "Confirm", id="bar.confirm"),
        Binding("escape", "cancel", "Cancel", id="bar.cancel"),
    ]
    FOOTER_ORDER = ("bar.confirm", "bar.cancel")  # before the screen's (pmtui.widgets.footer)
    home: Widget | None = None  # what has the focus while the bar is closed
    answered: Callable[[str], None] | None = None
    cancelled: Callable[[], None] | None = None

    def action_cancel(self) -> None:
        if self.cancelled is not None:
            self._cancel()

    def _action(self, key: str) -> Callable[[], object] | None:
        if key == "enter" and self.answered is not None:
            return self._answer
        if key == "escape" and self.cancelled is not None:
            return self._cancel
        return None

    def _answer(self) -> None:
        self.screen.set_focus(self.home)
        self.answered(self.value)

    def _cancel(self) -> None:
        self.screen.set_focus(self.home)
        self.cancelled()


class BarAnswer:
    """Stands in for a form in ``PmtuiApp.run_edit`` while the answer typed in a bar is saved:
    the keys typed behind its Enter wait for the edit, and a refusal calls ``reopen`` with the
    reason, to open the bar again with the answer (closed at Enter, it had lost it)."""

    busy: object = False
    is_attached = True  # for the app: a refusal goes to show_error

    def __init__(self, reopen: Callable[[str], None]) -> None:
        self.reopen = reopen

    def show_error(self, message: str) -> None:
        self.reopen(message)
