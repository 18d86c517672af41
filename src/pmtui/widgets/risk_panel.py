"""The selected risk in a few lines: score, trend, owner, review, and its tie to the schedule
(each linked task's total float and whether it is critical)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from pmtui.services.risk_register import RiskView

BAND_TEXT = {"low": "green", "medium": "yellow", "high": "bold red"}


def risk_summary(v: RiskView | None) -> Text:
    if v is None:
        return Text("No risk selected.\nn adds one.", "dim")
    r = v.risk
    t = Text(no_wrap=False, overflow="ellipsis")
    t.append(f"{v.code} ", "bold")
    t.append(r.title + "\n", "bold")
    t.append(f"P{r.probability}×I{r.impact} = ")
    t.append(f"{v.score} {v.letter}", BAND_TEXT[v.band])
    t.append(f"  trend {v.arrow}")
    if v.previous_score is not None:
        t.append(f" (was {v.previous_score})")
    t.append(f"  {r.status}\n")
    t.append(f"owner {v.owner or '—'} · {r.strategy or 'no strategy'}\n")
    if r.review_date:
        t.append(f"review {r.review_date}")
        if v.overdue:
            t.append(" ! OVERDUE", "bold red")
        t.append("\n")
    missed = len(v.if_it_happens.broken)
    # a slip of 0 beside dates it would miss read as harmless: w names them
    t.append(f"exposure {v.exposure:.1f}" + (f", slip {v.slip}d" if v.slip else "")
             + (f", misses {missed} date{'' if missed == 1 else 's'} (w)" if missed else "") + "\n")
    for task in v.linked[:4]:
        mark = "done" if task.done else ("C critical" if task.critical else f"float {task.total_float}d")
        t.append(f"  {task.wbs} {task.name} · ")
        t.append(mark + "\n", "bold red" if task.critical and not task.done else "")
    if len(v.linked) > 4:
        t.append(f"  … {len(v.linked) - 4} more (w shows all)\n", "dim")
    if not v.linked:
        t.append("  no linked task (l links one)\n", "dim")
    return t


class RiskPanel(Static):
    DEFAULT_CSS = """
    RiskPanel { width: 1fr; height: 8; padding: 0 1; }
    """

    def show(self, view: RiskView | None) -> None:
        self.update(risk_summary(view))
