"""Why did the finish move? The answer of `pmtui why finish` as a modal over the status screen (w):
the finish then and now, the changes that moved it with their effects, and how much they explain.
s steps through the periods a PM asks about: since the last stand-up, a week, a month, the
baseline in use, or since the plan began."""

from __future__ import annotations

from datetime import date, timedelta, timezone

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from pmtui.models.errors import PmtuiError
from pmtui.models.wording import signed_days
from pmtui.screens.dialogs import DialogScroll
from pmtui.services.as_of import day_text
from pmtui.services.finish_story import PROGRESS, Story, finish_story, story_lines
from pmtui.widgets.footer import Footer

# the periods s steps through, in order
PERIODS = ("standup", "week", "month", "baseline", "all")


def story_text(story: Story, ref: date) -> Group:
    """The story as the modal shows it: the finish, one row per change that moved it (its effect,
    then the dates and when, and what changed under them, wrapped under themselves), then what
    the effects explain and what they cannot say."""
    head = Text("Finish ")
    if not story.then_known:
        head.append(f"now {day_text(story.now, ref) if story.now else 'none'}", "bold")
        head.append("; then not known: the changes before it were made before pmtui recorded the finish")
    elif story.then is None:
        head.append(f"now {day_text(story.now, ref) if story.now else 'none'}", "bold")
        head.append(" (the plan had no tasks then)")
    else:
        head.append(day_text(story.then, ref) + " → ")
        head.append(day_text(story.now, ref) if story.now else "none (no tasks)", "bold")
        if story.total:
            head.append(f"  ({signed_days(story.total)}, working days)")
        elif story.then == story.now:
            head.append("  (unchanged)")
    parts: list = [head, Text()]
    if story.moves:
        rows = Table.grid(padding=(0, 2))
        rows.add_column(justify="right", no_wrap=True)
        rows.add_column(ratio=1)
        for m in story.moves:
            n = m.days or 0
            effect = Text(signed_days(m.days) if m.days is not None else "new",
                          "bold red" if n > 0 else "bold green" if n < 0 else "bold")
            dates = (f"{day_text(m.before, ref)} → {day_text(m.after, ref)}" if m.before and m.after
                     else f"→ {day_text(m.after, ref)}" if m.after else f"{day_text(m.before, ref)} → none")
            at = (m.at if m.at.tzinfo else m.at.replace(tzinfo=timezone.utc)).astimezone()
            what = Text(dates)
            what.append(f"  {day_text(at.date(), ref, '%a %d %b')} {at:%H:%M}", "dim")
            what.append(f"\n{m.action}{' (progress)' if m.kind == PROGRESS else ''}: {m.summary}")
            rows.add_row(effect, what)
        parts += [rows, Text()]
    elif story.changes:
        parts += [Text("No change in this period moved the finish."), Text()]
    else:
        parts += [Text("No changes in this period."), Text()]
    parts += [Text(line, "dim" if line.startswith("Each effect") else "") for line in story_lines(story, ref)]
    return Group(*parts)


class FinishWhy(ModalScreen[None]):
    """Why the finish moved, over a period s changes; escape closes."""

    BINDINGS = [
        Binding("escape,q,w", "close", "Close", id="finish_why.close"),
        Binding("s", "since", "Since…", id="finish_why.since"),
    ]
    FOOTER_ORDER = ("finish_why.since", "finish_why.close")

    def __init__(self, plan, today: date | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.today = today or date.today()
        self.period = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help", id="finish-why"):
            yield Static("", classes="dialog-title", id="finish-why-title")
            with DialogScroll():
                yield Static("", id="finish-why-text")
        yield Footer()

    def on_mount(self) -> None:
        # Told of every new plan, as the screens are: opened on a plan, it went on showing that
        # one while the CLI or another pmtui moved the finish (the app reloads within seconds).
        screens = getattr(self.app, "plan_screens", None)
        if screens is not None:
            screens.append(self)
        self.show_period()

    def on_unmount(self) -> None:
        screens = getattr(self.app, "plan_screens", None)
        if screens is not None and self in screens:
            screens.remove(self)

    def plan_changed(self, plan, *, select_id=None, previous=None) -> None:
        """``plan`` None: the project is gone (the app closes the dialogs over it)."""
        if plan is None or plan.project.id != self.plan.project.id:
            return
        self.plan = plan
        self.show_period()  # the period chosen with s is kept

    def _story(self) -> Story:
        key, today = PERIODS[self.period], self.today
        store = self.app.store
        if key == "week":
            return finish_story(store, self.plan, since=today - timedelta(days=7), today=today)
        if key == "month":
            return finish_story(store, self.plan, since=today - timedelta(days=30), today=today)
        if key == "baseline":
            from pmtui.services.baselines import get_baseline

            saved = get_baseline(store, self.plan.project.id)
            if saved is None:
                raise PmtuiError("no baseline saved (pmtui baseline save NAME)")
            return finish_story(store, self.plan, baseline=saved.baseline.name, today=today)
        if key == "all":
            return finish_story(store, self.plan, whole=True, today=today)
        return finish_story(store, self.plan, today=today)

    def show_period(self) -> None:
        ref = self.plan.project.status_date or self.today
        try:
            story = self._story()
        except PmtuiError as exc:
            self.query_one("#finish-why-title", Static).update(Text(f"Why the finish moved: {exc}"))
            self.query_one("#finish-why-text", Static).update(Text("s: another period", "dim"))
            return
        self.query_one("#finish-why-title", Static).update(Text(f"Why the finish moved, {story.since}"))
        self.query_one("#finish-why-text", Static).update(story_text(story, ref))

    def action_since(self) -> None:
        self.period = (self.period + 1) % len(PERIODS)
        self.show_period()

    def action_close(self) -> None:
        self.dismiss(None)

