"""The input of a bar that opens over a screen for one answer (a new task's name, days left).

Textual routes each key to the widget that has focus when the app takes the key from its queue,
not when that widget handles it, and a key that bubbles up to the bindings is handled after the
keys already queued behind it. Keys typed quickly, or arriving together over SSH, are queued
behind the key that opens or closes the bar: "a" then "e" ran the edit command instead of
typing an e, a "q" right behind Enter was typed into the closed bar instead of quitting, and a
"j" right behind Enter moved the cursor before the answer was taken, so it went to the next
task. So this input takes Enter and Escape itself, in key order: it gives the focus back to its
screen's ``home`` widget and calls the screen's ``answered`` or ``cancelled`` at once (the
screen gives the focus back when it keeps the bar open for a better answer). It passes the
printable keys that reach it after that on to what has focus now, and PmtuiApp.on_key gives it
those that reached another widget while it was open (``take_typed_ahead``).
"""

from __future__ import annotations

from typing import Callable

from textual import events
from textual.widget import Widget
from textual.widgets import Input

from pmtui.widgets.held_keys import copy_key


class InlineInput(Input):
    home: Widget | None = None  # what has the focus while the bar is closed
    answered: Callable[[str], None] | None = None
    cancelled: Callable[[], None] | None = None

    async def action_submit(self) -> None:
        if self.answered is None:
            await super().action_submit()
            return
        self.screen.set_focus(self.home)
        self.answered(self.value)

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is self:
            if event.key == "enter":
                event.stop()
                event.prevent_default()
                await self.action_submit()
                return
            if event.key == "escape" and self.cancelled is not None:
                event.stop()
                event.prevent_default()
                self.screen.set_focus(self.home)
                self.cancelled()
                return
        elif event.is_printable:
            event.stop()
            event.prevent_default()
            (focused or self.screen).post_message(copy_key(event))
            return
        await super()._on_key(event)

    def take_typed_ahead(self, event: events.Key) -> bool:
        """Take a key that was routed elsewhere before this input had focus: type it, or cancel
        on Escape (Enter reaches action_submit through the input's binding)."""
        if self.screen.focused is not self:
            return False
        if event.key == "escape" and self.cancelled is not None:
            self.screen.set_focus(self.home)
            self.cancelled()
            return True
        if not event.is_printable:
            return False
        assert event.character is not None
        self.insert_text_at_cursor(event.character)
        return True
