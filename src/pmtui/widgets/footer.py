"""The footer: the keys a PM uses most on the screen, each in full, then `?` for all of them.

A screen names its keys in order of use in ``FOOTER_ORDER`` (binding ids; keys it does not name
come after them, in the order of their bindings); a focused widget may name its own, which come
first (a bar's Enter and Esc while typing in it). When they do not all fit, the least used are
left out, never cut in the middle: at 80 columns the Gantt's footer ended in "p Ad" and the
stand-up's in "d Do", and at 120 the risk screen's Undo was hidden under the palette key. The
help key always shows, last: it lists every key of the screen, shown or not.

A dialog (a modal screen) has a footer of its own, with its keys only: under it the screen's
footer went on offering keys, dimmed, that did nothing while the dialog was up, and a dialog's
Enter and Esc were not shown at all. It has few keys and room for all of them, and the one a
user tries first must be seen to work, so there every key of an action is shown ("y/⏎ Yes"), and
keys that say the same are one entry ("⏎/^s Save"). Help is not among them: the app's keys, `?`
too, do not reach a modal screen. A widget may word a key for its dialog (``footer_words``: by
binding id), as a field says what its Enter does there, and name keys that do the same as one
of its bindings (``footer_keys``: a pick list's 1-9 pick a choice as its Enter does); see Worded.

Textual's Footer also rebuilds all its key widgets whenever the screen's bindings are updated,
which happens after every modal closes and every focus change: a progress edit (picker opened
and closed) rebuilt it twice, about a quarter of the UI thread's time for the edit on a
10,000-task plan (measured with cProfile, 2026-12-04). The keys on show are the same each time,
so here the rebuild happens only when they differ (or when a resize changes which ones fit).
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.keys import Keys
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

HELP_ACTION = "help"
NAMED_KEYS = frozenset(k.value for k in Keys)  # enter, escape, left, backspace, ...


class Entry(NamedTuple):
    """One key of the footer, as drawn."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str

    @property
    def width(self) -> int:
        # FooterKey (not compact, as here) pads the key with a space each side and the
        # description with one after it; a key without a description is drawn bare.
        if not self.description:
            return cell_len(self.display)
        return cell_len(self.display) + 2 + cell_len(self.description) + 1

    @property
    def palette_width(self) -> int:
        # The palette's key is compact (no space around the key, one before the description),
        # docked right behind a bar, with a space of padding after it.
        return 1 + cell_len(self.display) + (1 + cell_len(self.description) if self.description else 0) + 1


def is_help(entry: Entry) -> bool:
    return entry.action.rpartition(".")[2] == HELP_ACTION


def typed_into(focused, binding: Binding, display: str) -> bool:
    """The focused field takes the key as text. Textual leaves out of the screen's bindings the
    keys a field types, but knows the character of a key by its Unicode name only: "slash",
    "plus" and "minus" (solidus, plus sign, hyphen-minus) were still offered while typing a
    search, and a / typed in it went into the search text, not to the "/ Search" shown. A key
    with a name of its own types nothing, though it is drawn as one character: Enter's "⏎"
    passed for a typed character and the bar's "⏎ Confirm" was left out."""
    return (binding.key not in NAMED_KEYS and len(display) == 1 and display.isprintable()
            and focused.check_consume_key(binding.key, display))


class Worded:
    """Mixed into a dialog's widget (before the widget's class) whose keys its dialog words for the
    footer: ``words`` ({binding id: words}; a field's Enter is "Save" in the task form) and
    ``keys`` ({binding id: keys that do the same, which the dialog handles itself}; a pick list's
    "1-9/+"). Either may be set again while the dialog is up (the project switcher's name field
    says "Rename" or "Next field"); the footer reads them when the focus moves."""

    def __init__(self, *args, words: dict[str, str] | None = None, keys: dict[str, str] | None = None,
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.footer_words: dict[str, str] = dict(words or {})
        self.footer_keys: dict[str, str] = dict(keys or {})


def dialog_words(node, binding: Binding) -> str | None:
    """The words a dialog gives a key of its widget (``footer_words``, by binding id: a field's
    Enter is "Save" in the task form, "Link" in the link prompt), if it gives any. The footer and
    the palette (pmtui.help_keys.long_description) both take them from here, so they say the same."""
    return getattr(node, "footer_words", {}).get(binding.id or "")


def key_words(node, binding: Binding) -> str:
    """What the footer calls a key: its dialog's words, else its binding's."""
    return dialog_words(node, binding) or binding.description


def footer_entries(screen: Screen) -> list[Entry]:
    """Every key the screen's footer may show, one per action, most used first and help last."""
    app = screen.app
    focused = screen.focused
    dialog = screen.is_modal
    entries: dict[str, tuple[Binding, Entry]] = {}
    # A screen may leave out keys that do nothing in the state it is in (``footer_hides``), yet
    # keep them bound, so that one pressed anyway says why it did nothing: a check_action that
    # returns False would drop the key without a word.
    hides = getattr(screen, "footer_hides", None)
    for node, binding, enabled, tooltip in screen.active_bindings.values():
        if not binding.show or (hides is not None and hides(binding)):
            continue
        display = app.get_key_display(binding)
        if focused is not None and typed_into(focused, binding, display):
            continue
        also = getattr(node, "footer_keys", {}).get(binding.id or "")
        if also:  # keys that do the same, handled by the dialog itself (a pick list's 1-9)
            display = f"{display}/{also}"
        description = key_words(node, binding)
        slot = description if dialog else binding.action
        if slot in entries:
            # several keys for one action (u and ctrl+z): a screen shows the first, a dialog all
            first, entry = entries[slot]
            if dialog and display not in entry.display.split("/"):
                entries[slot] = first, entry._replace(display=f"{entry.display}/{display}")
            continue
        entries[slot] = binding, Entry(binding.key, display, description, binding.action, enabled, tooltip)
    # the focused widget's keys first (a bar's Enter and Esc), then the screen's
    named = (*getattr(focused, "FOOTER_ORDER", ()), *getattr(screen, "FOOTER_ORDER", ()))
    order = {bid: i for i, bid in enumerate(dict.fromkeys(named))}
    listed = list(entries.values())
    # sorted() keeps binding order among keys of the same rank (the ones FOOTER_ORDER leaves out)
    ranked = sorted(range(len(listed)),
                    key=lambda i: (is_help(listed[i][1]), order.get(listed[i][0].id, len(order))))
    return [listed[i][1] for i in ranked]


def fitting(entries: list[Entry], room: int) -> list[Entry]:
    """The entries to show in ``room`` columns: room is kept for help, then the others are taken in
    order, each one that still fits (a long key left out leaves room for a shorter one after it)."""
    helps = [e for e in entries if is_help(e)]
    left = room - sum(e.width for e in helps)
    chosen = set()
    for i, entry in enumerate(entries):
        if not is_help(entry) and entry.width <= left:
            chosen.add(i)
            left -= entry.width
    return [e for i, e in enumerate(entries) if i in chosen or is_help(e)]


class Footer(TextualFooter):
    _shown: tuple | None = None

    def _palette(self) -> Entry | None:
        app = self.app
        if not (self.show_command_palette and app.ENABLE_COMMAND_PALETTE) or CommandPalette.is_open(app):
            return None  # in the palette, ^p does nothing
        active = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if active is None and self.screen.is_modal:
            # A priority binding of the app's: unlike its others, it reaches a dialog, and the
            # palette opened there lists the dialog's keys.
            active = next(((app, b, True, b.tooltip) for b in app._bindings.key_to_bindings.get(
                app.COMMAND_PALETTE_BINDING, ()) if b.priority), None)
        if active is None:
            return None
        _node, binding, enabled, tooltip = active
        return Entry(binding.key, app.get_key_display(binding), binding.description, binding.action, enabled,
                     binding.tooltip or binding.description or tooltip)

    def _keys_shown(self) -> tuple:
        """What the footer draws at its width: the keys that fit, and the palette's key when
        there is room for it besides the help key."""
        entries = footer_entries(self.screen)
        palette = self._palette()
        width = self.size.width or self.app.size.width
        palette_width = palette.palette_width if palette else 0
        helps = sum(e.width for e in entries if is_help(e))
        if palette is not None and width - palette_width < helps:
            palette, palette_width = None, 0  # a tiny terminal: help is the one key that must show
        return tuple(fitting(entries, width - palette_width)), palette

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys, palette = self._shown = self._keys_shown()
        for entry in keys:
            yield FooterKey(entry.key, entry.display, entry.description, entry.action,
                            disabled=not entry.enabled, tooltip=entry.tooltip,
                            classes="-help" if is_help(entry) else "").data_bind(compact=TextualFooter.compact)
        if palette is not None:
            yield FooterKey(palette.key, palette.display, palette.description, palette.action,
                            classes="-command-palette", disabled=not palette.enabled, tooltip=palette.tooltip)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            if self._keys_shown() == self._shown:
                self._bindings_ready = True
                return
        super().bindings_changed(screen)

    def on_resize(self) -> None:
        if self._bindings_ready and self._keys_shown() != self._shown:
            self.call_after_refresh(self.recompose)
