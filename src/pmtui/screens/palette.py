"""The command palette (^p), with a footer of its own naming the keys it takes.

Textual's palette draws over the screen it was opened on, all but that screen's last row: the
screen's footer, which went on offering keys (a Add, e Edit …, or a dialog's ⏎ Save) that do not
reach the palette, and ^p, which does nothing there. Like a dialog (pmtui.widgets.footer) it now
has a footer of its own, over that row. Its keys are the ones Textual binds, under the same
actions, given words and ids (remappable in config.toml). Its text field binds Enter (to run
the command chosen) and ↑/↓ (to scroll, which a one-line field cannot do: the keys went on to the
palette), and a key the focused widget binds is not the screen's to show: so these are priority
bindings, the one way a key of the screen's is both shown and reached first. Enter runs the
field's submit, which is what it did.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandInput, CommandPalette

from pmtui.widgets.footer import Footer


class Palette(CommandPalette):
    BINDINGS = [
        Binding("up", "command_list('cursor_up')", "Move", priority=True, id="palette.up"),
        Binding("down", "cursor_down", "Move", priority=True, id="palette.down"),
        Binding("enter", "run", "Run", priority=True, id="palette.run"),
        Binding("escape", "escape", "Close", id="palette.close"),
    ]
    FOOTER_ORDER = ("palette.up", "palette.down", "palette.run", "palette.close")

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Footer()

    async def action_run(self) -> None:
        await self.query_one(CommandInput).action_submit()
