"""The stand-up's live panel: the timebox and what the changes so far did to the plan (the
finish and its change since the stand-up began, tasks that became critical, milestones that
slipped or are at risk)."""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget

from pmtui.models.wording import signed_days
from pmtui.services.standup_summary import Consequences


def clock_text(elapsed_s: float, timebox_min: int) -> tuple[str, str]:
    """"12:34 left", or "+01:20 over" once the timebox is spent (never an interruption)."""
    left = timebox_min * 60 - int(elapsed_s)
    if left >= 0:
        return f"⏱ {left // 60:02d}:{left % 60:02d} left", "bold"
    over = -left
    return f"⏱ +{over // 60:02d}:{over % 60:02d} over", "bold red"


def _names(items: list[dict], extra: str = "") -> str:
    return ", ".join(f"{m['wbs']} {m['name']}" + (f" {signed_days(m[extra])}" if extra else "") for m in items)


class StandupStatus(Widget):
    DEFAULT_CSS = """
    StandupStatus { height: 4; padding: 0 1; background: $boost; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = ""
        self.clock = ("", "")
        self.cons: Consequences | None = None
        self.since = ""
        self.finish = Text()

    def show(self, title: str, cons: Consequences | None, since: str, finish: Text | None = None) -> None:
        """``finish``: the line said under the title when no stand-up is under way (``cons`` None)."""
        self.title, self.cons, self.since, self.finish = title, cons, since, finish or Text()
        if not since:  # no stand-up under way (another project's clock stayed, frozen)
            self.clock = ("", "")
        self.refresh()

    def tick(self, text: str, style: str) -> None:
        if (text, style) != self.clock:
            self.clock = (text, style)
            # the clock's line only: repainting all four lines every second was a steady stream
            # of bytes over SSH while a stand-up runs
            self.refresh(Region(0, 0, self.size.width, 1))

    def render(self) -> Text:
        lines = self._text().split("\n")
        width = max(self.size.width - 2, 20)
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    def _text(self) -> Text:
        out = Text()
        out.append(self.title, "bold")
        out.append("   ")
        out.append(self.clock[0], self.clock[1])
        c = self.cons
        out.append("\n")
        if c is None or c.finish_now is None:
            out.append_text(self.finish if self.finish else Text("Finish —"))
            return out
        out.append("Finish ")
        out.append(f"{c.finish_now}", "bold")
        if c.change_days:
            out.append(f"  {signed_days(c.change_days)} since the stand-up began ({c.finish_before})",
                       "bold red" if c.change_days > 0 else "bold green")
        else:
            out.append("  unchanged since the stand-up began", "dim")
        out.append("\nNow critical: ")
        out.append(_names(c.became_critical) or "no new critical tasks", "" if c.became_critical else "dim")
        out.append("\nMilestones: ")
        if c.milestones_slipped:
            out.append("slipped " + _names(c.milestones_slipped, "days"), "red")
        risk = [m for m in c.milestones_at_risk if m["id"] not in {s["id"] for s in c.milestones_slipped}]
        if risk:
            out.append(("; " if c.milestones_slipped else "") + "at risk " + _names(risk), "yellow")
        if not c.milestones_slipped and not risk:
            out.append("none slipped", "dim")
        return out
