"""The four RAG ratings of the status screen, each a letter in a coloured box plus its reason, so
the rating reads on a monochrome terminal too."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

STYLES = {"green": "bold white on dark_green", "amber": "bold black on dark_orange",
          "red": "bold white on red3", "none": "bold white on grey37"}


def rag_badge(level: str, letter: str) -> Text:
    return Text(f" {letter} ", STYLES.get(level, STYLES["none"]))


class StatusRag(Static):
    DEFAULT_CSS = """
    StatusRag { height: auto; padding: 0 1; }
    """

    def show(self, rags, overall) -> None:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True, width=10)
        grid.add_column(no_wrap=True, width=3)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_row(Text("Overall", "bold"), rag_badge(overall.level, overall.letter), Text(overall.reason, "bold"))
        for r in rags:
            grid.add_row(r.area.capitalize(), rag_badge(r.level, r.letter), r.reason)
        self.update(grid)
