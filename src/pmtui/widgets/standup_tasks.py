"""One person's tasks in the stand-up: a short list (a handful of rows) drawn as text, with a
cursor. A cursor move redraws only this widget, which stays a few lines high."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from pmtui.services.as_of import span_text
from pmtui.services.gantt_layout import fit
from pmtui.services.standup_agenda import AgendaTask


def _bar(percent: int, width: int = 5) -> str:
    full = round(percent / 100 * width)
    return "■" * full + "·" * (width - full)


class StandupTaskList(Widget, can_focus=True):
    DEFAULT_CSS = """
    StandupTaskList { height: 1fr; padding: 0 1; }
    """

    cursor: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tasks: list[AgendaTask] = []
        self.empty_text = ""
        self.ref: date | None = None  # the plan's as-of date: dates in another year show it

    def set_tasks(self, tasks: list[AgendaTask], keep_id: int | None = None, empty_text: str = "",
                  ref: date | None = None) -> None:
        self.tasks = tasks
        self.empty_text = empty_text
        self.ref = ref
        ids = [t.id for t in tasks]
        if keep_id in ids:
            self.cursor = ids.index(keep_id)
        else:
            self.cursor = min(self.cursor, max(len(tasks) - 1, 0))
        self.refresh()

    @property
    def current(self) -> AgendaTask | None:
        return self.tasks[self.cursor] if 0 <= self.cursor < len(self.tasks) else None

    def move(self, step: int) -> None:
        if self.tasks:
            self.cursor = max(0, min(len(self.tasks) - 1, self.cursor + step))

    def render(self) -> Text:
        width = max(self.size.width, 40)
        if not self.tasks:
            return Text(self.empty_text, style="dim")
        out = Text(no_wrap=True, overflow="ellipsis")
        wide = width >= 100
        tails = []
        for t in self.tasks:
            flags = ("C" if t.critical else " ") + ("⚑" if t.blockers else " ")
            # the year where it is not the as-of date's: "04 Jan" in a plan as of November read as
            # this January's, and an MS Project file of 2011 gave no year at all. Months by name
            # at 80 columns too: "02.12" reads as 12 February where months come first
            span = span_text(t.start, t.finish, self.ref)
            if wide:
                tails.append(f"{t.percent:>3}% {_bar(t.percent)}  {span} {flags}")
            else:
                tails.append(f"{t.percent:>3}% {span} {flags}")
        tail_width = max([33 if wide else 24] + [len(x) for x in tails])  # the dates stay in one column
        head_width = width - tail_width - 1
        for i, (t, tail) in enumerate(zip(self.tasks, tails)):
            mark = "◆" if t.milestone else " "
            head = f"{t.wbs:<7}{mark}{t.name}"
            head = fit(head, head_width)  # in cells: a Chinese name pushed the dates out
            line = Text(f"{head} {tail:>{tail_width}}")
            if t.critical:
                line.stylize("bold", 0, len(head.rstrip()))
            if t.blockers:
                line.stylize("bold red", len(line) - 1)
            if i == self.cursor:
                line.stylize("reverse")
            out.append_text(line)
            out.append("\n")
        out.rstrip()
        return out

    def watch_cursor(self) -> None:
        self.refresh()
