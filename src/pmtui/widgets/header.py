"""The one-line header: project, status date, finish date, the screens, and a busy mark."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from pmtui.models.wording import signed_days
from pmtui.services.as_of import day_text, figures_date


BUSY_DELAY = 0.15  # seconds


class PlanHeader(Widget):
    DEFAULT_CSS = """
    PlanHeader { dock: top; height: 1; background: $panel; color: $foreground; }
    """

    def __init__(self, screen_key: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.screen_key = screen_key
        self._busy_shown = False
        self._busy_timer = None

    def on_mount(self) -> None:
        self.watch(self.app, "busy", self._busy_changed, init=False)
        # work already running when this screen opens (the plan loading at start): marked in
        # the first frame, which is drawn anyway
        self._busy_shown = bool(self.app.busy)

    def _busy_changed(self, busy: int) -> None:
        # The mark shows once work has taken BUSY_DELAY: an edit at 10,000 tasks takes 30-60 ms,
        # and drawing the mark at once made a frame while its worker ran (the two take turns at
        # the interpreter) and a flicker no one could read.
        if busy:
            if self._busy_timer is None:
                self._busy_timer = self.set_timer(BUSY_DELAY, self._show_busy)
        else:
            if self._busy_timer is not None:
                self._busy_timer.stop()
                self._busy_timer = None
            # the work that ended may have changed the plan (finish, status date)
            self._busy_shown = False
            self.refresh()

    def _show_busy(self) -> None:
        self._busy_timer = None
        if self.app.busy:
            self._busy_shown = True
            self.refresh()

    def render(self) -> Text:
        app = self.app
        plan = getattr(app, "plan", None)
        text = Text(no_wrap=True, overflow="ellipsis")
        change = None
        if plan is None:
            text.append(" pmtui ", "bold")
            text.append(" no project open" if not app.busy else "")
        screens = list(getattr(app, "SCREEN_LIST", ()))
        busy = f"  ⏳ {app.busy_what or 'working'}…" if app.busy and self._busy_shown else ""
        full = sum(len(f"  {key} {title}") for key, _m, title, _c in screens)
        compact_len = sum(len(f" {key} {title}") if key == self.screen_key else len(f" {key}")
                          for key, _m, title, _c in screens)
        digits_len = sum(len(f" {key}") for key, _m, _t, _c in screens)
        digits_only = False  # the current screen's name left out too: its digit stays, underlined
        if plan is not None:
            p = plan.project
            dates = Text()
            # the date the figures use, marked when it is a default rather than one the PM set
            as_of = figures_date(p.status_date, p.start, getattr(app, "today", None))
            dates.append(f"  status {as_of.day.isoformat()}")
            if as_of.default:
                dates.append(f" ({as_of.short})", "dim")
            try:
                finish = plan.schedule.finish.isoformat()
                change = plan.finish_change()
            except Exception:  # a plan that does not schedule shows no finish
                finish, change = "?", None
            dates.append("  finish ")
            dates.append(finish, "bold")
            # A long name gives way to the dates and the screens' digits, which it pushed off the
            # edge ("CRM migration (phase 2)" at 80 columns): what it hides is on the switcher (o).
            # (Not the busy mark: the name would shrink and grow back with every edit.)
            shortest = f" ({signed_days(change[1])})" if change else ""
            least = dates.cell_len + compact_len + len(shortest) + 2
            if self.size.width - least < 12:
                # "Website rel…  status 2027-01-04 (not started)  finish …" at 80 columns pushed
                # "5" off the edge on the Gantt ("2 Gantt") and "5" on the stand-up: the name of
                # the screen in front of the PM goes first
                digits_only = True
                least += digits_len - compact_len
            name = Text(p.name)
            name.truncate(max(12, self.size.width - least), overflow="ellipsis")
            text.append(f" {name.plain} ", "bold reverse")
            text.append_text(dates)
        # The finish's move since the last stand-up, as long as the line allows; on a narrow
        # terminal the other screens shrink to their digits first, so the list never runs off
        # the edge (the current one keeps its name).
        moved, moved_style = [""], ""
        if change is not None:
            day, days = change
            # "+0d", as the report, the status screen and the stand-up write no change
            shift = signed_days(days)
            # as the stand-up writes its dates: "03 Nov", with the year when not the status date's
            when = day_text(day, as_of.day)
            moved = [f" ({shift} since stand-up {when})", f" ({shift} since {when})", f" ({shift})"]
            moved_style = "bold" if days > 0 else ""
        room = self.size.width - text.cell_len - len(busy)
        tries = [(m, False) for m in moved[:2]] + [(m, True) for m in moved]
        shown, compact = next(((m, c) for m, c in tries if len(m) + (compact_len if c else full) <= room),
                              (moved[-1], True))
        if digits_only:
            shown, compact = moved[-1], True
        if shown:
            text.append(shown, moved_style)
        for key, _mode, title, _cls in screens:
            current = key == self.screen_key
            text.append(" " if compact else "  ")
            label = f"{key} {title}" if (current and not digits_only) or not compact else key
            text.append(label, "bold underline" if current else "dim")
        if busy:
            text.append(busy, "bold")
        return text
