"""A form's refusal: why what was typed was not taken, kept in view on a form that scrolls."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.widgets import Static

from pmtui.widgets.detail import codes_only


def wrapped(text: str, width: int) -> list[str]:
    """``text`` in the lines a Static ``width`` cells wide shows it in."""
    return [line.plain.rstrip() for line in Text(text).wrap(Console(width=width), width)]


def cut_to(message: str, width: int, rows: int, plan=None) -> str:
    """``message`` in ``rows`` lines ``width`` cells wide: the tasks it names by their codes if
    ``plan`` is given and it is too long (pmtui.widgets.detail.codes_only), then cut with ….
    Longer, a refusal scrolled the field it refuses out of a small terminal."""
    if not message or width <= 0:
        return message
    rows = max(1, rows)
    if len(wrapped(message, width)) > rows and plan is not None:
        message = codes_only(plan, message)
    lines = wrapped(message, width)
    if len(lines) <= rows:
        return message
    return "\n".join([*lines[:rows - 1], lines[rows - 1][:width - 1].rstrip() + "…"])


class Refusal(Static):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.said = ""

    def say(self, message: str) -> None:
        """Show ``message`` (or nothing, for ""), scrolled into view once laid out."""
        self.said = message
        self.update(Text(message))
        if message:
            # Right when the height stays: the region it has is the one it keeps.
            self.call_after_refresh(self._reveal)

    def on_resize(self) -> None:
        # A message of another height is known only once the screen has laid it out, and the
        # screen hears of that when this widget falls idle: under load that came after the
        # screen had run its callbacks 'after the refresh', and a wrapped refusal was scrolled
        # into view by its old height, its last line below the edge of a small terminal. The
        # resize comes with that layout (and with any later one, as the terminal shrinks).
        if self.said:
            self._reveal()

    def _reveal(self) -> None:
        if self.said and self.is_mounted:
            self.scroll_visible(animate=False)
