"""Keys typed ahead of a dialog, or behind its Enter, go where the typist meant them.

Textual routes a key to the widget focused when the app takes the key from its queue, and runs a
key's binding only when the key has bubbled back up, after the keys behind it were routed. A
key that opens a dialog (``d`` for the task form) pushes the dialog's screen from its binding,
and the screen composes its fields and focuses one later still; keys queued behind ``d`` (fast
typing, or one SSH packet: ``d``, ``7``, Enter) were routed to the screen below or to the new
screen while nothing on it had focus, and were dropped: the 7 was lost and Enter saved the old
value. Keys typed behind a form's Enter, while its edit runs, were typed into the form.

So keys are held from the push until the dialog has run its ``on_mount`` (and a focus call made
there has been applied), and while a dialog waits for its edit (``hold_keys_for``). Held keys
are then handled in the order they were typed, as if typed just then, one at a time: the next
is routed only when the one before has been handled all the way up to the app's bindings, so a
key that closes a dialog has closed it before the key behind it is routed. A widget hands back
keys that reached it before the hold began (``hold_key``), and each key carries its place in the
typing order so those sort in. A release is queued on the app behind the keys it has not handled
yet, so keys typed after it are not handled before the held ones.
"""

from __future__ import annotations

from bisect import insort
from functools import partial

from textual import events
from textual.app import App
from textual.screen import ModalScreen

# A dialog that fails to mount must not swallow the keyboard.
RELEASE_AFTER = 1.0
# Nor a held key whose way up to the app is cut (its widget removed).
STEP_LIMIT = 0.5


def _place(key: events.Key) -> int:
    return getattr(key, "_pmtui_place", 0)


def copy_key(key: events.Key) -> events.Key:
    """A fresh key (not yet routed) with the same place in the typing order."""
    fresh = events.Key(key.key, key.character)
    fresh._pmtui_place = _place(key)  # type: ignore[attr-defined]
    return fresh


class HeldKeys(App):
    """Mixed into the app, before ``App``."""

    _held: list[events.Key] | None = None  # None: keys are not held
    _held_for: object = None
    _typed = 0
    _in_flight: events.Key | None = None  # the held key being handled
    _step = 0

    def push_screen(self, screen, callback=None, wait_for_dismiss=False, **kwargs):  # type: ignore[override]
        result = super().push_screen(screen, callback, wait_for_dismiss, **kwargs)
        top = self.screen
        if isinstance(top, ModalScreen) and not top.is_mounted:
            mounting = object()  # this hold's own token: the dialog may be held for again later
            self.hold_keys_for(mounting)
            # run by the dialog after its mount, so the release queued then on the app lands
            # behind the keys the app has not handled yet
            top.call_later(self.release_keys, mounting)
            self.set_timer(RELEASE_AFTER, partial(self.release_keys, mounting))
        return result

    def pop_screen(self):  # type: ignore[override]
        result = super().pop_screen()
        if self._in_flight is not None:
            # The held key being handled closed a dialog (and the chase with it, if it was on
            # its way up there): the key behind it goes to the screen now in front
            self.call_later(self._done, self._step)
        return result

    def hold_keys_for(self, owner: object) -> None:
        """Hold keys until ``release_keys(owner)``."""
        if self._held is None:
            self._held = []
        self._held_for = owner

    def release_keys(self, owner: object, drop: bool = False) -> None:
        """End the hold for ``owner`` (if it is the one held for): handle the held keys, or
        drop them (``drop``: an edit was refused, and keys typed behind its Enter were meant
        for the screen below)."""
        if self._held is None or owner is not self._held_for:
            return
        if drop:
            self._held, self._held_for = None, None
            return
        self._held_for = None  # still held until the queued release runs
        self.call_later(self._release)

    def hold_key(self, key: events.Key) -> bool:
        """Hold a key a widget got before the hold began; False when keys are not held."""
        if self._held is None or key is self._in_flight:
            return False  # (the key being handled, handed to a form still saving: it is the form's)
        insort(self._held, copy_key(key), key=_place)
        return True

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if not event.is_forwarded and not hasattr(event, "_pmtui_place"):
                self._typed += 1
                event._pmtui_place = self._typed  # type: ignore[attr-defined]
            # Forwarded keys too: keys routed to the screen below before the dialog was pushed
            # come back up unhandled, after the binding that pushed it. Not the held key being
            # handled now, on its way up.
            if self._held is not None and event is not self._in_flight:
                self.hold_key(event)
                return
        await super().on_event(event)

    async def _release(self) -> None:
        if self._held is not None and self._held_for is None and self._in_flight is None:
            await self._next()

    async def _next(self) -> None:
        """Handle the next held key. The one after it waits until this one has been handled by
        every widget it reaches, up to the app's bindings (Textual would route it first): a key
        that closes a dialog (a digit in a pick list, Escape in the command palette) must have
        closed it before the key behind it is routed."""
        if self._held is None or self._held_for is not None:
            return  # dropped, or held again for a dialog a held key opened
        if not self._held:
            self._held = None
            return
        key = self._held.pop(0)
        target = self.focused or self.screen
        self._in_flight = key
        self._step += 1
        step = self._step
        await super().on_event(key)
        target.call_later(self._chase, target, step)
        # a widget removed with its dialog drops the chase: go on anyway
        self.set_timer(STEP_LIMIT, partial(self._done, step))

    async def _chase(self, node, step: int) -> None:
        """Run in ``node``'s queue once it has handled the key (which, unhandled, it has passed
        to its parent's queue by then): follow it up."""
        parent = node.parent
        if node is self or parent is None:
            await self._done(step)
        else:
            parent.call_later(self._chase, parent, step)

    async def _done(self, step: int) -> None:
        if self._in_flight is not None and step == self._step:
            self._in_flight = None
            await self._next()
