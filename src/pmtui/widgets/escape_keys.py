"""Escape and the key typed right behind it, read at once, are two keys again.

A terminal sends Escape as the byte ESC, and the start of every other key's sequence is ESC too:
Textual tells them apart by time: ESC with nothing behind it for ESCDELAY (100 ms) is Escape.
When the next key comes in the same read (one SSH packet on a slow link, tmux passing on a quick
"Escape 2", keys typed while the app was busy), or in a read less than ESCDELAY later, Textual
8.2 reads the two as one key, as a terminal sends Alt+key (the "meta sends escape" of xterm). What it delivers, read from
textual/_xterm_parser.py and _ansi_sequences.py and checked by feeding bytes to its XTermParser
(tests/tui/test_escape_keys.py):

- ESC and a letter or digit Textual has no sequence for: ``alt+j`` (``alt+shift+j`` for J), its
  character the letter's. Mapped back here: pmtui binds no Alt key, and in a text field the
  letter was typed into the field and the dialog stayed open.
- ESC and 1-9, 0, -, = (and §): a character of the Mac's Option row (¡ ™ £ ¢ ∞ § ¶ • ª º – ≠),
  from Textual's table for WezTerm's Option key. Escape then 2 in help left it open and typed
  nothing; in the task form it typed ™ into the field. Mapped back only where no text field
  takes the character: "£" typed on a British keyboard reaches the app as the same key, and a
  text field keeps it. So in a form, Escape and 3 in one read still type £.
- ESC and an arrow (ESC ESC [ A): Escape, then the arrow, as typed. Nothing to map.
- Not mapped, as they are keys of their own that the same bytes send: ESC b and ESC f arrive as
  ctrl+left and ctrl+right (the Gantt's page earlier/later), ESC Tab as shift+tab, ESC Backspace
  as ctrl+w, and ESC with a space, Enter or a punctuation mark (?, /, [) as that key alone,
  without a trace of the Escape.
"""

from __future__ import annotations

from textual import events

ESCAPE = ("escape", "\x1b")

# Textual's ANSI_SEQUENCES_KEYS (textual._ansi_sequences, 8.2): ESC and a key of the top row read
# at once, as the character of Option and that key on a Mac; by the character, the key
# (ESC § and ESC 6 both give §: 6 is taken, as the digits are what pmtui binds).
OPTION_ROW = {
    "¡": ("1", "1"), "™": ("2", "2"), "£": ("3", "3"), "¢": ("4", "4"), "∞": ("5", "5"),
    "§": ("6", "6"), "¶": ("7", "7"), "•": ("8", "8"), "ª": ("9", "9"), "º": ("0", "0"),
    "–": ("minus", "-"), "≠": ("equals_sign", "="),
}


def alt_key(key: events.Key) -> tuple[str, str] | None:
    """The key read with an Escape as one alt key (``alt+j``: "j"), as (key, character); None
    for any other key. Under the Kitty keyboard protocol Escape has a sequence of its own and an
    Alt key no character: that one is left alone."""
    name, character = key.key, key.character
    if not name.startswith("alt+") or not character or len(character) != 1 or not character.isprintable():
        return None
    return character, character  # (Textual names a letter or digit by itself)


def option_key(key: events.Key) -> tuple[str, str] | None:
    """The key read with an Escape as a character of the Option row (™: "2"), or None."""
    return OPTION_ROW.get(key.character or "")
