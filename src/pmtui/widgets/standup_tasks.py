"""One person's tasks in the stand-up: a short list (a handful of rows) drawn as text, with a
cursor. A cursor move redraws only this widget, which stays a few lines high."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

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

    def set_tasks(self, tasks: list[AgendaTask], keep_id: int | None = None, empty_text: str = "") -> None:
        self.tasks = tasks
        self.empty_text = empty_text
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
        tail_width = 33 if wide else 24
        for i, t in enumerate(self.tasks):
            mark = "◆" if t.milestone else " "
            flags = ("C" if t.critical else " ") + ("⚑" if t.blockers else " ")
            if wide:
                tail = f"{t.percent:>3}% {_bar(t.percent)}  {t.start:%d %b}–{t.finish:%d %b} {flags}"
            else:
                tail = f"{t.percent:>3}% {t.start:%d.%m}–{t.finish:%d.%m} {flags}"
            head_width = width - tail_width - 1
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
