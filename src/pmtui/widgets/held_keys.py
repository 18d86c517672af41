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

A key refused with a warning or an error (``b`` for a blocker with no stand-up open, ``e`` with no
task selected), or a character no binding takes, opened nothing, and the keys typed behind it
were meant for what it would have opened: "bwaiting for firewall rule" ran w, a, i, t, n, g, f
(finishing the stand-up), o and r (renaming the project) as commands. So the keys typed behind a
refused key before it was refused are dropped, and said once the burst ends: those that were
queued behind it, typed without seeing the refusal (one SSH packet, a paste of keys, a burst
typed while the app was busy). A key is stamped with the time the terminal driver read it
(``Key.time``: the driver reads what has arrived, up to 4 KB, and posts its keys at once), so a
key read once the refusal was made and after a pause (``ANSWER_GAP``) is the typist's answer to
it, and runs: pressing z for 2 and then 2 half a second later lost the 2. A key read after the
refusal but right behind the key before it is still typed blind: a typist at 80 ms a key does not
see the warning before typing on ("z" then "open" ran o, the projects), and running their words
as commands can finish a stand-up, while a correction dropped costs one key again, with the note
saying so. Human reaction to something seen takes about 0.2-0.3 s before a finger moves (simple
reaction time; Hick's law adds the choice of a key), so a key typed less than half a second
after the one before was not an answer to the warning. Those dropped are also of the refused
key's burst, keys typed less than ``BURST_GAP`` apart: a key typed after a longer pause, even
while the app was busy, was not typed as part of what the refused key began.
"""

from __future__ import annotations

from bisect import insort
from functools import partial

from textual import events
from textual.app import App
from textual.screen import ModalScreen

from pmtui.widgets.escape_keys import ESCAPE, alt_key, option_key

# A dialog or screen that fails to mount must not swallow the keyboard.
RELEASE_AFTER = 1.0
# Nor a held key whose way up to the app is cut (its widget removed).
STEP_LIMIT = 0.5
# seconds between two keys of one burst, and the pause before a key that answers a refusal (see
# above)
BURST_GAP = 1.0
ANSWER_GAP = 0.5


def _place(key: events.Key) -> int:
    return getattr(key, "_pmtui_place", 0)


def _burst(key: events.Key) -> int:
    return getattr(key, "_pmtui_burst", 0)


def _gap(key: events.Key) -> float:
    """Seconds since the key typed before it (a held key's copy keeps it)."""
    return getattr(key, "_pmtui_gap", BURST_GAP)


def _now() -> float:
    """Now, on the clock Textual stamps events with (monotonic; perf_counter on Windows)."""
    return events.Event().time


def copy_key(key: events.Key, name: str | None = None, character: str | None = None) -> events.Key:
    """A fresh key (not yet routed) with the same place in the typing order, burst and time; with
    ``name`` and ``character``, another key typed then (an Escape and the key read with it)."""
    fresh = events.Key(key.key, key.character) if name is None else events.Key(name, character)
    fresh.time = key.time  # (when it was typed: the copy is made later, when a hold ends)
    fresh._pmtui_place = _place(key)  # type: ignore[attr-defined]
    fresh._pmtui_burst = _burst(key)  # type: ignore[attr-defined]
    fresh._pmtui_gap = _gap(key)  # type: ignore[attr-defined]
    return fresh


def key_text(keys: list[events.Key]) -> str:
    """Keys as typed: the characters, and the names of the others ("⏎" for Enter)."""
    out = []
    for key in keys:
        if key.key == "enter":
            out.append("⏎")
        elif key.key == "space":
            out.append(" ")
        elif key.is_printable and key.character:
            out.append(key.character)
        else:
            out.append(f"<{key.key}>")
    return "".join(out)


def _shown(keys: list[events.Key]) -> str:
    """key_text for a message: a space typed alone was a blank ("typed right behind   (which
    did nothing):  "), so spaces with nothing else are named, and spaces at either end quoted."""
    text = key_text(keys)
    if not text.strip():
        return " ".join("space" for _ in text)
    return text if text == text.strip() else f'"{text}"'


class KeysWait:
    """Passed to the app's run_edit as its ``form`` by a command that opens no form but whose
    edit changes what the keys typed behind it mean (g starts the stand-up: n then goes to the
    next person of the stand-up, not of the agenda it replaces): those keys wait for the edit,
    and are dropped if it is refused."""

    busy: object = False
    is_attached = False


class HeldKeys(App):
    """Mixed into the app, before ``App``."""

    _held: list[events.Key] | None = None  # None: keys are not held
    _held_for: object = None
    _typed = 0
    _in_flight: events.Key | None = None  # the held key being handled
    _step = 0
    _bursts = 0
    _typed_at = float("-inf")  # when the last key was typed
    _key_in_hand: events.Key | None = None  # the key whose handlers on the app run now
    _to_bindings = False  # ... and no handler before its bindings took it
    _took = False  # ... and an action of its bindings ran
    _refused: events.Key | None = None  # the refused key whose burst is being dropped
    _refused_at = 0.0  # when it was refused (``_now``)
    _dropped: list[events.Key] = []
    _drop_timer = None

    def push_screen(self, screen, callback=None, wait_for_dismiss=False, **kwargs):  # type: ignore[override]
        result = super().push_screen(screen, callback, wait_for_dismiss, **kwargs)
        if isinstance(self.screen, ModalScreen):
            self._hold_until_mounted(self.screen)
        return result

    def switch_mode(self, mode: str):  # type: ignore[override]
        # A screen shown for the first time (2 for the Gantt) is composed after the digit's
        # binding: "2/Task 12" typed at once ran "/" on the Gantt, then T (the theme) and a on
        # it, before its search bar had the focus.
        result = super().switch_mode(mode)
        self._hold_until_mounted(self.screen)
        return result

    def _hold_until_mounted(self, top) -> None:
        if top.is_mounted:
            return
        mounting = object()  # this hold's own token: the screen may be held for again later
        self.hold_keys_for(mounting)
        # run by the screen after its mount, so the release queued then on the app lands
        # behind the keys the app has not handled yet
        top.call_later(self.release_keys, mounting)
        self.set_timer(RELEASE_AFTER, partial(self.release_keys, mounting))

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
                # (the key's time is when the driver read it: the app may take it later)
                gap = event.time - self._typed_at
                if gap >= BURST_GAP:
                    self._bursts += 1
                event._pmtui_gap = gap  # type: ignore[attr-defined]
                self._typed_at = max(self._typed_at, event.time)
                event._pmtui_burst = self._bursts  # type: ignore[attr-defined]
                if self._held is None and alt_key(event) is not None:
                    # an Escape and a key read at once: two keys, the second handled once the
                    # Escape has been (it may close a dialog), as held keys are (see _next)
                    self._held = [copy_key(event)]
                    await self._next()
                    return
            # Forwarded keys too: keys routed to the screen below before the dialog was pushed
            # come back up unhandled, after the binding that pushed it. Not the held key being
            # handled now, on its way up.
            if self._held is not None and event is not self._in_flight:
                self.hold_key(event)
                return
            if event.is_forwarded:  # back up from the focused widget: its bindings run now
                typed = option_key(event)
                if typed is not None and not self._takes_text(event):
                    self._escape_read_with(event, typed)
                    await self._release()
                    return
                await self._bubbled_up(event)
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
        typed = alt_key(key)
        if typed is not None:  # read with an Escape (pmtui binds no Alt key): the Escape first
            self._held.insert(0, copy_key(key, *typed))
            key = copy_key(key, *ESCAPE)
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

    # -- an Escape read with the key behind it (see pmtui.widgets.escape_keys) ---------------------
    def _takes_text(self, event: events.Key) -> bool:
        """The focused widget takes the key as text (a "£" typed into a field on a British
        keyboard is the same key as Escape and 3 read at once)."""
        focused = self.focused
        return focused is not None and focused.check_consume_key(event.key, event.character)

    def _escape_read_with(self, event: events.Key, typed: tuple[str, str]) -> None:
        """``event``, a character of the Option row no widget took, was an Escape and ``typed``:
        they are handled as held keys, before those typed behind them. It came up unhandled, so
        it is decided here, where a key typed ahead of a bar has reached the bar; an Alt key is
        split before it is routed, as a text field would type its letter."""
        if self._held is None:
            self._held = []
        insort(self._held, copy_key(event, *ESCAPE), key=_place)
        insort(self._held, copy_key(event, *typed), key=_place)

    # -- the burst behind a refused key ----------------------------------------------------------
    # A key that has bubbled up to the app runs its bindings there, in Textual's own key handler
    # (App's), which comes after this class's ``on_key`` and PmtuiApp's: Textual calls a base
    # class's handler after the subclass's, unless one of them calls ``prevent_default``. So a
    # key whose bindings ran is one that reached this ``on_key``; one of them took it if an action
    # ran (``run_action``, through which bindings run, said so); and a warning said while they ran
    # (``notify`` calls ``key_refused``) is the key's. A character no binding took did nothing too
    # ("o" then "bwaiting for" typed into the project switcher: b, w, a, i, t and i did nothing
    # there, and n opened the form of a new project named "g for"). Only public hooks: this once
    # overrode Textual's private App._on_key and ran its bindings by hand, which tied pmtui to the
    # internals of one minor version.
    async def _bubbled_up(self, event: events.Key) -> None:
        self._key_in_hand, self._to_bindings, self._took = event, False, False
        try:
            await super().on_event(event)
        finally:
            self._key_in_hand = None
        if self._to_bindings and not self._took and event.is_printable:
            self._refuse(event)

    def on_key(self, event: events.Key) -> None:
        if event is self._key_in_hand:
            self._to_bindings = True  # (not taken before them: PmtuiApp.on_key let it through)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # type: ignore[override]
        took = await super().run_action(action, default_namespace, namespaces)
        if took and self._key_in_hand is not None:
            self._took = True
        return took

    def key_refused(self) -> None:
        """A key's binding said it did nothing (a warning or an error): the keys typed behind it
        in its burst, before now, are dropped. Called by the app's notify."""
        if self._key_in_hand is not None:
            self._refuse(self._key_in_hand)

    def _refuse(self, key: events.Key) -> None:
        if self._refused is not None and _burst(self._refused) == _burst(key):
            return
        before = self._end_drop()
        self._refused, self._dropped, self._refused_at = key, [], _now()
        self._say_dropped(*before)  # (a warning: this key is refused already, nothing more)

    def drop_behind_refusal(self, event: events.Key) -> bool:
        """True if ``event`` was typed behind a refused key, in its burst, before it was refused
        or too soon after the key before it to answer the refusal: it is not run."""
        refused = self._refused
        if refused is None:
            return False
        answer = event.time >= self._refused_at and _gap(event) >= ANSWER_GAP
        if _burst(event) != _burst(refused) or answer:
            self._report_dropped()  # (those typed after this one were typed later still)
            return False
        if _place(event) <= _place(refused):
            return False  # typed before it (handled after it, held for a dialog)
        self._dropped.append(event)
        if self._drop_timer is not None:
            self._drop_timer.stop()
        # said once the burst is over, in one line
        self._drop_timer = self.set_timer(BURST_GAP, self._report_dropped)
        return True

    def _end_drop(self) -> tuple[events.Key | None, list[events.Key]]:
        refused, dropped = self._refused, self._dropped
        self._refused, self._dropped = None, []
        if self._drop_timer is not None:
            self._drop_timer.stop()
            self._drop_timer = None
        return refused, dropped

    def _report_dropped(self) -> None:
        self._say_dropped(*self._end_drop())

    def _say_dropped(self, refused: events.Key | None, dropped: list[events.Key]) -> None:
        if refused is not None and dropped:
            self.notify(f"Not run, typed right behind {_shown([refused])} (which did nothing): "
                        f"{_shown(dropped)}", severity="warning", timeout=8)
