"""The input of a dialog: Enter, Escape and Tab act in the order the keys were typed.

An Input leaves Enter, Escape and Tab to bindings, which Textual runs when the key has bubbled
up to the app, after the keys behind it were routed to this input (see
pmtui.widgets.held_keys). Typed quickly, "Design", Tab, "5d", Enter put "5d" into the name
field, and a "j" behind Enter was typed into the field the form then saved. So this input acts on
them itself, when it takes them from its queue: Enter calls its screen's ``submitted(input)``,
Escape its ``action_cancel``, Tab moves the focus. Keys that reach it after that go where they
were meant: the field that has the focus now, or, once the dialog is closed or waits for its edit
(``busy``), the app's held keys or what has the focus.
"""

from __future__ import annotations

from textual import events
from textual.dom import NoScreen
from textual.widgets import Input

from pmtui.widgets.held_keys import copy_key


class DialogInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        app = self.app
        try:
            screen = self.screen
        except NoScreen:  # removed with its dialog
            screen = None
        closed = screen is None or screen is not app.screen
        if (closed or getattr(screen, "busy", False)) and app.hold_key(event):
            self._take(event)
            return
        if closed:
            self._take(event)
            (app.focused or app.screen).post_message(copy_key(event))
            return
        if screen.focused is not self:  # behind a Tab or an Enter that moved the focus on
            self._take(event)
            (screen.focused or screen).post_message(copy_key(event))
            return
        key = event.key
        if key == "enter" and hasattr(screen, "submitted"):
            self._take(event)
            screen.submitted(self)
        elif key == "escape" and hasattr(screen, "action_cancel"):
            self._take(event)
            screen.action_cancel()
        elif key == "tab" or key == "shift+tab":
            self._take(event)
            if key == "tab":
                screen.focus_next()
            else:
                screen.focus_previous()
        else:
            await super()._on_key(event)

    @staticmethod
    def _take(event: events.Key) -> None:
        event.stop()
        event.prevent_default()
