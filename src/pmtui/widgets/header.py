"""The one-line header: project, status date, finish date, the screens, and a busy mark."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class PlanHeader(Widget):
    DEFAULT_CSS = """
    PlanHeader { dock: top; height: 1; background: $panel; color: $foreground; }
    """

    def __init__(self, screen_key: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.screen_key = screen_key

    def on_mount(self) -> None:
        self.watch(self.app, "busy", lambda _busy: self.refresh(), init=False)

    def render(self) -> Text:
        app = self.app
        plan = getattr(app, "plan", None)
        text = Text(no_wrap=True, overflow="ellipsis")
        if plan is None:
            text.append(" pmtui ", "bold")
            text.append(" no project open" if not app.busy else "")
        else:
            p = plan.project
            text.append(f" {p.name} ", "bold reverse")
            status = p.status_date.isoformat() if p.status_date else "—"
            text.append(f"  status {status}")
            try:
                finish = plan.schedule.finish.isoformat()
            except Exception:  # a plan that does not schedule shows no finish
                finish = "?"
            text.append("  finish ")
            text.append(finish, "bold")
        screens = list(getattr(app, "SCREEN_LIST", ()))
        busy = f"  ⏳ {app.busy_what or 'working'}…" if app.busy else ""
        full = sum(len(f"  {key} {title}") for key, _m, title, _c in screens)
        # On a narrow terminal the other screens shrink to their digits, so the list never
        # runs off the edge; the current one keeps its name.
        compact = text.cell_len + full + len(busy) > self.size.width
        for key, _mode, title, _cls in screens:
            current = key == self.screen_key
            text.append(" " if compact else "  ")
            label = f"{key} {title}" if current or not compact else key
            text.append(label, "bold underline" if current else "dim")
        if busy:
            text.append(busy, "bold")
        return text
