"""The input of a dialog: Enter, Escape and Tab act in the order the keys were typed.

An Input leaves Enter, Escape and Tab to bindings, which Textual runs when the key has bubbled
up to the app, after the keys behind it were routed to this input (see
pmtui.widgets.held_keys). Typed quickly, "Design", Tab, "5d", Enter put "5d" into the name
field, and a "j" behind Enter was typed into the field the form then saved. So this input acts on
them itself, when it takes them from its queue: Enter calls its screen's ``submitted(input)``,
Escape its ``action_cancel``, Tab moves the focus. Keys that reach it after that go where they
were meant: the field that has the focus now, or, once the dialog is closed or waits for its edit
(``busy``), the app's held keys or what has the focus. Keys that reached another widget before
a binding focused this input are taken too (``take_typed_ahead``).
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
        if self._act(event.key):
            self._take(event)
        else:
            await super()._on_key(event)

    def _act(self, key: str) -> bool:
        screen = self.screen
        if key == "enter" and hasattr(screen, "submitted"):
            screen.submitted(self)
        elif key == "escape" and hasattr(screen, "action_cancel"):
            screen.action_cancel()
        elif key == "tab":
            screen.focus_next()
        elif key == "shift+tab":
            screen.focus_previous()
        else:
            return False
        return True

    def take_typed_ahead(self, event: events.Key) -> bool:
        """Take a key routed to another widget of the dialog before a binding gave this input
        the focus (``n`` in the project switcher, then the name): PmtuiApp.on_key offers it
        here before the bindings, where a letter of the name could run a command."""
        if self.screen.focused is not self or self.screen is not self.app.screen:
            return False
        if event.is_printable:
            assert event.character is not None
            self.insert_text_at_cursor(event.character)
            return True
        return self._act(event.key)

    @staticmethod
    def _take(event: events.Key) -> None:
        event.stop()
        event.prevent_default()
