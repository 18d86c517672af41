"""The input of a dialog: Enter, Escape, Tab and ctrl+s act in the order the keys were typed.

An Input leaves these keys to bindings, which Textual runs when the key has bubbled up to the
app, after the keys behind it were routed to this input (see pmtui.widgets.held_keys). Typed
quickly, "Design", Tab, "5d", Enter put "5d" into the name field, and a "j" behind Enter or
ctrl+s was typed into the field the form then saved. So this input acts on them itself, when it
takes them from its queue: Enter calls its screen's ``submitted(input)``, Escape its
``action_cancel``, ctrl+s its ``action_save``, Tab moves the focus. Keys that reach it after that
go where they were meant: the field that has the focus now, or, once the dialog is closed or waits
for its edit (``busy``), the app's held keys or what has the focus. Keys that reached another
widget before a binding focused this input are taken too (``take_typed_ahead``).
"""

from __future__ import annotations

from typing import Callable

from textual import events
from textual.dom import NoScreen
from textual.widgets import Input

from pmtui.widgets.held_keys import copy_key


def _nothing() -> None:
    pass


class DialogInput(Input):
    # Textual calls the Input's own key handler (which types a character in) after this one,
    # unless this one took the key (``_take``: prevent_default).
    async def on_key(self, event: events.Key) -> None:
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
        act = self._action(event.key)
        if act is not None:
            self._take(event)
            act()
            return
        edit = None if event.is_printable else self._edit_action(event.key)
        if edit is not None:
            self._take(event)
            await self.run_action(edit)

    def _edit_action(self, key: str) -> str | None:
        """The Input's own editing key (backspace, arrows, home, ctrl+u, ...), run here in key
        order. Left to its binding, it ran once the key had bubbled up to the app, after the
        letters behind it were typed, or never if Enter had closed the bar by then: "abc",
        backspace, "d" typed quickly gave "abcd", and ctrl+u then a new value emptied the next
        field instead."""
        active = self.screen.active_bindings.get(key)  # (with the keymap's changes)
        return active.binding.action if active is not None and active.node is self else None

    async def action_submit(self) -> None:
        """Enter run from its binding (a click in the footer, the palette) does what the key
        does in on_key: the dialog's Enter, else the Input's own."""
        act = self._action("enter")
        if act is None:
            await super().action_submit()
        else:
            act()

    def _action(self, key: str) -> Callable[[], object] | None:
        """What ``key`` does in this input's dialog, if it is one of the keys acted on here."""
        screen = self.screen
        if key in ("enter", "ctrl+s") and getattr(screen, "busy", False):
            return _nothing  # saving already; the edit is not sent twice
        if key == "enter" and hasattr(screen, "submitted"):
            return lambda: screen.submitted(self)
        if key == "ctrl+s" and hasattr(screen, "action_save"):
            return screen.action_save
        if key == "escape" and hasattr(screen, "action_cancel"):
            return screen.action_cancel
        if key == "tab":
            return screen.focus_next
        if key == "shift+tab":
            return screen.focus_previous
        return None

    def take_typed_ahead(self, event: events.Key) -> bool:
        """Take a key routed to another widget of the dialog before a binding gave this input
        the focus (``n`` in the project switcher, then the name): PmtuiApp.on_key offers it
        here before the bindings, where a letter of the name could run a command. It is queued
        here, behind the focus, so the first letter replaces the selected text, as typed."""
        screen = self.screen
        if screen.focused is not self or screen is not self.app.screen:
            return False
        if not event.is_printable and self._action(event.key) is None and self._edit_action(event.key) is None:
            return False
        self.post_message(copy_key(event))
        return True

    @staticmethod
    def _take(event: events.Key) -> None:
        event.stop()
        event.prevent_default()
