"""Trend lines of the status screen: finish slip, SPI and CPI over the snapshots, each a Textual
Sparkline with its label and latest value (a sparkline alone hides the scale)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline

from pmtui.models.wording import signed_days

SERIES = (("slip", "Finish slip"), ("spi", "SPI"), ("cpi", "CPI"))
NONE = "No snapshots yet: each stand-up and `pmtui status snapshot` adds one."


def _latest(key: str, values: list) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "n/a"
    return signed_days(known[-1]) if key == "slip" else f"{known[-1]:.2f}"


class StatusTrend(Vertical):
    DEFAULT_CSS = """
    StatusTrend { height: auto; padding: 0 1; }
    StatusTrend Horizontal { height: 1; }
    StatusTrend .trend-label { width: 12; }
    StatusTrend .trend-value { width: 8; text-align: right; padding-right: 1; }
    StatusTrend Sparkline { width: 1fr; height: 1; }
    StatusTrend #trend-none { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Label(NONE, id="trend-none")
        for key, title in SERIES:
            with Horizontal(id=f"trend-{key}"):
                yield Label(title, classes="trend-label")
                yield Label("", classes="trend-value", id=f"trend-{key}-value")
                yield Sparkline([], id=f"trend-{key}-line")

    def show(self, points: list[dict], later: int = 0, day=None) -> None:
        """``points``: one dict per snapshot with slip, spi and cpi (None where unknown);
        ``later``: snapshots as of a day after the status date ``day``, not drawn."""
        none = self.query_one("#trend-none", Label)
        none.display = not points
        if later and not points:
            none.update(f"No snapshot as of {day} or earlier ({later} later one{'' if later == 1 else 's'}, "
                        "after the status date, not shown).")
        else:
            none.update(NONE)
        for key, _title in SERIES:
            values = [p.get(key) for p in points]
            row = self.query_one(f"#trend-{key}")
            row.display = bool(points)
            self.query_one(f"#trend-{key}-value", Label).update(_latest(key, values))
            # A slip that grows is bad, so it is drawn as it is; gaps count as the last known value.
            filled, last = [], 0.0
            for v in values:
                last = float(v) if v is not None else last
                filled.append(last)
            # One point, or none known, is no trend: Sparkline draws a lone value as a full block
            known = any(v is not None for v in values)
            line = self.query_one(f"#trend-{key}-line", Sparkline)
            line.data = filled if len(filled) > 1 and known else []
            # with no data Textual draws a row of ▁ all the same, which read as a flat trend at 0
            line.display = bool(line.data)
