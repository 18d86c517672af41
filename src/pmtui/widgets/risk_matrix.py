"""The 5×5 probability-impact grid: probability 5→1 top to bottom, impact 1→5 left to right,
the number of open risks in each cell, and the band as a colour and a letter (L/M/H) so the grid
reads on a monochrome terminal. The selected cell is bracketed as well as highlighted."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from pmtui.services.risk_bands import LETTERS, Bands

CELL = 7
BAND_STYLES = {
    "low": Style(color="black", bgcolor="green"),
    "medium": Style(color="black", bgcolor="yellow"),
    "high": Style(color="white", bgcolor="red", bold=True),
}


class RiskMatrix(Widget, can_focus=True):
    DEFAULT_CSS = """
    RiskMatrix { width: 42; height: 8; padding: 0 1; }
    """

    BINDINGS = [
        # j and k as in every other list of the app: typed here they did nothing, and dropped
        # the keys typed behind them
        Binding("up,k", "move(1, 0)", "Prob +", show=False, id="risks.cell_up"),
        Binding("down,j", "move(-1, 0)", "Prob −", show=False, id="risks.cell_down"),
        Binding("right", "move(0, 1)", "Impact +", show=False, id="risks.cell_right"),
        Binding("left", "move(0, -1)", "Impact −", show=False, id="risks.cell_left"),
    ]

    cell: reactive[tuple[int, int]] = reactive((3, 3))

    class CellChanged(Message):
        def __init__(self, cell: tuple[int, int]) -> None:
            super().__init__()
            self.cell = cell

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: dict[tuple[int, int], int] = {}
        self.bands = Bands()
        self.title = "Threats"

    def show(self, counts: dict[tuple[int, int], int], bands: Bands, title: str) -> None:
        self.counts, self.bands, self.title = counts, bands, title
        self.refresh()

    def watch_cell(self, cell: tuple[int, int]) -> None:
        self.post_message(self.CellChanged(cell))

    def action_move(self, dp: int, di: int) -> None:
        p, i = self.cell
        self.cell = (min(5, max(1, p + dp)), min(5, max(1, i + di)))

    def render(self) -> Text:
        text = Text(no_wrap=True)
        text.append(f"{self.title}: probability × impact\n", "bold")
        for p in range(5, 0, -1):
            text.append(f"P{p} ", "bold")
            for i in range(1, 6):
                band = self.bands.cell(p, i)
                n = self.counts.get((p, i), 0)
                body = f"{LETTERS[band]} {n if n else '·'}"
                selected = (p, i) == self.cell
                label = f"[{body}]" if selected else f" {body} "
                style = BAND_STYLES[band] + Style(reverse=True, bold=True) if selected and self.has_focus else BAND_STYLES[band]
                if selected and not self.has_focus:
                    style += Style(underline=True)
                text.append(label.center(CELL), style)
            text.append("\n")
        text.append("   " + "".join(f"I{i}".center(CELL) for i in range(1, 6)), "bold")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
