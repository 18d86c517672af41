"""Screen 4, the daily stand-up: one person at a time, a key or two per task, and the plan's
consequences (finish, newly critical tasks, slipped milestones) redrawn after every change.

Each change is one service call run by the app (one journal entry: u undoes it). c clears the
task's blockers; R adds a risk owned by the person, linked to the task under the cursor. The meeting's
place (which person) is saved as it moves, so quitting loses nothing and the next start resumes.
"""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from pmtui.models.errors import PmtuiError
from pmtui.models.parsing import parse_date, parse_duration, parse_percent
from pmtui.models.tables import utcnow
from pmtui.models.wording import counted, days as in_days, signed_days
from pmtui.screens.dialogs import PickScreen
from pmtui.screens.resources import week_text
from pmtui.screens.standup_dialogs import PersonNotes, SummaryView
from pmtui.services import progress as pg
from pmtui.services import projects as project_svc
from pmtui.services import standup as su
from pmtui.services.as_of import day_text, span_text
from pmtui.services import leave
from pmtui.services.resource_load import days_text, resource_loads
from pmtui.services.risks import issue_code
from pmtui.services.standup_agenda import Person, StandupConfig, agenda, standup_config
from pmtui.services.standup_summary import (
    compare_markdown,
    consequences,
    event_text,
    length_text,
    to_markdown,
    utc,
)
from pmtui.widgets.footer import Footer
from pmtui.widgets.header import PlanHeader
from pmtui.widgets.held_keys import KeysWait
from pmtui.widgets.inline_input import BarAnswer, InlineInput
from pmtui.widgets.standup_status import StandupStatus, clock_text
from pmtui.widgets.standup_tasks import StandupTaskList

ASK = {
    "percent": "Percent complete:",
    "remaining": "Days left:",
    "blocker": "Blocker:",
    "note": "Note:",
    "status_date": "Status date:",
}


def ref(task_id: int) -> str:
    return f"#{task_id}"


def recorded_text(result) -> str:
    """What a key recorded, worded as the summary words it: '3.3.1 Build API — progress: 40% →
    50%'. On a shared screen the row alone changed, and nobody could tell what the key had done
    (or whether it had done anything: + on a task at 90 % and at 100 % look much alike)."""
    if not isinstance(result, pg.Recorded) or not result.kind:
        return ""  # the status date (D): its own change is shown in the panel
    t = result.task
    if result.kind == "blocker":  # as `pmtui blocker` says it: the code `pmtui issue resolve` takes
        return f"Blocker {issue_code(result.issue_number)} raised on {t.wbs} {t.name}: {result.detail}"
    return f"{t.wbs} {t.name} — {event_text({'kind': result.kind, 'detail': result.detail})}"


class StandupScreen(Screen):
    TITLE = "Stand-up"
    DEFAULT_CSS = """
    StandupScreen #standup-person { height: 2; padding: 0 1; background: $panel; }
    /* Wraps: one line at 80 columns cut the task's float and blocker off after its dates. */
    StandupScreen #standup-detail { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    /* In the flow under the detail line, not docked: the Footer is docked at the bottom too, and
       two widgets docked at the same edge overlap, so the footer hid the prompt and the answer. */
    StandupScreen #standup-ask { height: 1; display: none; background: $boost; }
    StandupScreen #standup-ask-label { width: auto; padding: 0 1; background: $accent; color: $background; }
    StandupScreen #standup-ask-input { width: 1fr; height: 1; }
    """
    # The footer shows what fits and cuts the rest at the screen's edge: the keys of every
    # stand-up come first in short words, so that at 80 columns n, s, +, d, b, f and y are all on
    # show (in long words f, the meeting's last step, was cut off even at 120). p, - and the
    # rest are in the help (? / F1).
    BINDINGS = [
        Binding("n", "person(1)", "Next", id="standup.next_person"),
        Binding("s", "started", "Started", id="standup.started"),
        Binding("plus,equals_sign", "step(1)", "+%", id="standup.more"),
        Binding("d", "done", "Done", id="standup.done"),
        Binding("b", "ask('blocker')", "Blocker", id="standup.blocker"),
        Binding("f", "finish", "Finish", id="standup.finish"),
        Binding("y", "person_notes", "Notes", id="standup.person_notes"),
        Binding("r", "ask('remaining')", "Days left", id="standup.remaining"),
        Binding("p", "person(-1)", "Previous person", show=False, id="standup.previous_person"),
        Binding("j,down", "cursor(1)", "Down", show=False, id="standup.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="standup.up"),
        Binding("minus", "step(-1)", "-%", show=False, id="standup.less"),
        Binding("percent_sign", "ask('percent')", "Set %", show=False, id="standup.percent"),
        Binding("c", "unblock", "Clear blockers", show=False, id="standup.unblock"),
        Binding("R", "add_risk", "New risk", show=False, id="standup.add_risk"),
        Binding("a", "ask('note')", "Note", show=False, id="standup.note"),
        Binding("D", "ask('status_date')", "Status date", show=False, id="standup.status_date"),
        Binding("h", "browse", "Past stand-ups", show=False, id="standup.browse"),
        # shown only while no stand-up is under way, worded for what it does then (footer_words)
        Binding("g", "start", "Start/resume", id="standup.start"),
        Binding("escape", "close_ask", "Cancel", show=False, id="standup.cancel"),
    ]
    FOOTER_ORDER = ("standup.start", "standup.next_person", "standup.started", "standup.more", "standup.done", "standup.blocker",
                    "standup.finish", "standup.person_notes", "standup.remaining", "app.undo", "app.quit")

    # What the keys that record do: before g starts the stand-up (or once f has finished it) each
    # only says that g starts it, so the footer does not offer them then.
    RECORDING = frozenset({"started", "step", "done", "finish", "person_notes", "unblock"})
    # ... and those that record on the task under the cursor: with none (a person with nothing due)
    ON_TASK = frozenset({"started", "step", "done", "unblock", "ask"})

    def __init__(self) -> None:
        super().__init__()
        self.plan = None
        self._loads = None  # (plan, resource id, that resource's load): once per plan and person
        self.opened: su.Opened | None = None
        self.meeting: su.Meeting | None = None
        self.people: list[Person] = []
        self.position = 0
        self.asking: str | None = None
        self.cfg = None
        self._pending = None
        self._summary = None
        self._auto_started: set[int] = set()
        self._start_next = False  # a stand-up left open was finished on asking: today's comes next
        self._asking = False  # whether to finish or resume a stand-up left open: asked, not answered
        self._hidden_plan = None  # the newest plan that arrived while another screen was shown
        self._no_plan = False  # told the project is gone (plan_changed(None)), not still loading
        self._placed: int | None = None  # the task a plan last put the cursor on
        self._marked_done: int | None = None  # d pressed on it: said once the plan shows it done
        self._status_moved = None  # D's StatusDateSet: a move back past reported work is said

    def _recording(self) -> bool:
        row = self.meeting.standup if self.meeting else None
        return self.opened is not None and row is not None and row.state == "open"

    def footer_hides(self, binding: Binding) -> bool:
        """The keys that do nothing now (pmtui.widgets.footer): before g and after f, those that
        record; while the stand-up runs, g (it would only resume it)."""
        name, _, args = binding.action.partition("(")
        if name == "start":
            return self.plan is None or self._recording()
        if name in self.RECORDING or (name == "ask" and "status_date" not in args):
            return not self._recording() or (name in self.ON_TASK and self.tasks.current is None)
        return False

    @property
    def footer_words(self) -> dict[str, str]:
        row = self.meeting.standup if self.meeting else None
        return {"standup.start": "Reopen" if row is not None and row.state != "open" else "Start"}

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield PlanHeader("4", id="header")
        yield StandupStatus(id="standup-status")
        yield Static("", id="standup-person")
        yield StandupTaskList(id="standup-tasks")
        yield Static("", id="standup-detail")
        with Horizontal(id="standup-ask"):
            yield Label("", id="standup-ask-label")
            inp = InlineInput(id="standup-ask-input", compact=True)
            inp.cursor_blink = False
            yield inp
        yield Footer()

    @property
    def day(self) -> date:
        """The meeting's day: that of the stand-up under way, else today. Past midnight a running
        meeting lost itself (today's had none), f said "No stand-up open", and g opened the next
        day's, moving the status date onto it (a Sunday, from a Saturday's meeting)."""
        row = self.meeting.standup if self.meeting else None
        if row is not None and row.state == "open":
            return row.day
        return self.today

    def _meeting_day(self, project_id: int) -> date:
        """The day a plan shows the meeting of: the one on screen, else the stand-up still open
        (as `pmtui standup note`, `finish` and `agenda` take it), else today. One opened with
        `pmtui standup start --date` on another day was not seen: showing the screen started
        today's as well, moving the status date that start had set back to today's."""
        if self.opened is not None:
            return self.day
        return su.open_day(self.app.store, project_id) or self.today

    @property
    def today(self) -> date:
        return getattr(self.app, "today", None) or date.today()

    def now(self) -> datetime:
        clock = getattr(self.app, "clock", None)
        return utc(clock() if clock else utcnow())

    @property
    def tasks(self) -> StandupTaskList:
        return self.query_one(StandupTaskList)

    def on_mount(self) -> None:
        try:
            self.cfg = standup_config()
        except PmtuiError as exc:
            self.notify(str(exc), severity="error", timeout=12)
            self.cfg = StandupConfig()
        self.app.plan_screens.append(self)
        self.query_one("#standup-ask").display = False
        bar = self.query_one("#standup-ask-input", InlineInput)
        bar.home, bar.answered, bar.cancelled = self.tasks, self._answered, self.action_close_ask
        self.tasks.focus()
        self.set_interval(1, self._tick)
        if self.app.plan is not None:
            self.plan_changed(self.app.plan)
        elif getattr(self.app, "no_plan_shown", False):
            self.plan_changed(None)
        else:
            self._draw()

    # -- the plan and the meeting -------------------------------------------------------------
    def on_screen_resume(self) -> None:
        if self._hidden_plan is not None or (self._no_plan and self.plan is not None):
            plan, self._hidden_plan = self._hidden_plan, None
            self.plan_changed(plan)

    def plan_changed(self, plan, *, select_id: int | None = None, previous=None) -> None:
        """``plan`` None: the project is gone (its creation undone)."""
        self._no_plan = plan is None
        if self.is_attached and self.app.screen is not self:
            # Hidden: catch up when shown (the agenda of a 10,000-task plan costs 100-160 ms).
            self._hidden_plan = plan
            return
        if plan is None:
            # the gone project's meeting and people were left on screen, its keys acting on it
            self.plan, self.opened, self.meeting, self._pending, self._summary = None, None, None, None, None
            self.people, self.position = [], 0
            if self.asking is not None:
                self.action_close_ask()
            self._draw()
            return
        self.plan = plan
        done_id, self._marked_done = self._marked_done, None
        if done_id is not None and done_id in plan.by_id and plan.schedule.tasks[done_id].completed:
            # a done task leaves the agenda: its row vanished from under the cursor without a word
            t, ts = plan.by_id[done_id], plan.schedule.tasks[done_id]
            ref = self._ref(plan)
            self.notify(f"{t.wbs} {t.name} is done ({span_text(ts.start, ts.finish, ref, dash=' → ')}), "
                        "off the list", timeout=5)
        status_move, self._status_moved = self._status_moved, None
        if status_move is not None and status_move.warning:
            # made, as a report as of an earlier date needs it, but a slip of the date is undone at once
            self.notify(f"Status date {status_move.project.status_date}, {status_move.warning}. "
                        f"u puts it back to {status_move.was}", severity="warning", timeout=12)
        if self._pending is not None:
            self.opened, self._pending = self._pending, None
            self.position = self.opened.standup.position
            moved = self.opened.status_before != self.opened.status_after
            other = self.opened.standup.day != self.today
            back = "  D moves it back." if self.opened.can_go_back else ""
            # resumed on another day than today: said, or today's progress went to it unawares
            self.notify(self.opened.message + ("  D keeps another date." if moved else back)
                        + ("  It is not today's: f finishes it, then g starts today's." if other else ""),
                        timeout=8)
        if self.opened is not None and self.opened.standup.project_id != plan.project.id:
            self.opened = None
        self.meeting = su.meeting_state(self.app.store, plan.project.id, self._meeting_day(plan.project.id), plan)
        under_way = self.meeting.standup is not None and self.meeting.standup.state == "open"
        # Started on request only: `pmtui standup` (which says it runs today's stand-up, as
        # `pmtui standup start` does) or g. Showing the screen (4) started one as well: a PM who
        # only looked at the agenda left a stand-up record and a status date moved to today.
        asked = getattr(self.app, "start_screen", None) == "standup" and plan.project.id not in self._auto_started
        if self.opened is None and self._pending is None and (under_way or asked):
            self._auto_started.add(plan.project.id)
            # one already finished is shown, not reopened (looking at it reopened it, and
            # finishing again replaced its summary): g does that. One under way is resumed
            # whenever it is shown again, e.g. back from another project: it read "not started"
            # and every key answered "No stand-up open". A project with no tasks and no people
            # has nobody to ask: starting there only moved its status date to today and left an
            # empty meeting in the history.
            if under_way and self.meeting.standup.day < self.today:
                if not self._asking:  # (a plan that came while asking: the question is still up)
                    self._ask_left_open(self.meeting.standup)
            elif under_way or (self.meeting.standup is None and (plan.tasks or plan.resources)):
                self.action_start()
        elif self._start_next:
            self._start_next = False
            if self.meeting.standup is None:  # (one of today's finished meanwhile is shown, not reopened)
                self.action_start()
        if self.meeting.standup is None:
            self.opened = None
        self.people = agenda(plan, self.cfg, self.meeting.blockers, today=self.day)
        self.position = max(0, min(self.position, len(self.people) - 1))
        current = self.tasks.current.id if self.tasks.current else None
        keep = current
        # An edit made here selects the task it changed, the one under the cursor when it began;
        # a cursor moved on since then by the user (not by an earlier plan) stays where it is.
        if select_id is not None and (current is None or current == select_id or current == self._placed):
            keep = select_id
        self._draw(keep)
        self._placed = self.tasks.current.id if self.tasks.current else None
        if self._summary is not None:
            summary, self._summary = self._summary, None
            self._show_summary(summary)

    def _draw(self, keep_id: int | None = None) -> None:
        self.refresh_bindings()  # the keys that work change as the stand-up starts and ends
        status = self.query_one(StandupStatus)
        person_line = self.query_one("#standup-person", Static)
        if self.plan is None:
            status.show("Stand-up", None, "")
            person_line.update(Text(getattr(self.app, "no_plan_text", ""), "bold") if self._no_plan
                               else "Loading the plan…")
            self.tasks.set_tasks([], empty_text="")
            self.query_one("#standup-detail", Static).update("")
            return
        row = self.meeting.standup if self.meeting else None
        if self.opened is None or row is None:
            finished = row is not None and row.state != "open"
            if not finished and self.people:
                # today's agenda, to look at: nothing is recorded until g starts the stand-up
                sd = self.plan.project.status_date
                if su.ahead_of(self.plan.calendar, sd, self.day):
                    # g keeps a status date ahead of today (services.standup.start_standup): "sets
                    # the status date" promised a move back that would date reported work in the future
                    ahead = Text(f"Status date {self._day(sd)} is ahead of today: progress is dated as of it",
                                 "yellow")
                    status.show(f"Stand-up {self._day(self.day)}: not started · g starts it and keeps the "
                                "status date", None, "", Text("\n").join([self._finish_line(), ahead]))
                else:
                    status.show(f"Stand-up {self._day(self.day)}: not started · g starts it and sets the "
                                "status date", None, "", self._finish_line())
                self._draw_person(keep_id)
                return
            status.show(f"Stand-up {self._day(self.day)}: "
                        f"{'finished' if finished else 'not started'}", None, "", self._finish_line())
            if finished:
                hint = "g reopens it · h shows past stand-ups"
            elif not (self.plan.tasks or self.plan.resources):
                hint = "Nobody to ask: no tasks or people yet · g starts a stand-up anyway"
            else:
                hint = "g starts (or resumes) today's stand-up"
            person_line.update(hint)
            self.tasks.set_tasks([], empty_text="")
            self.query_one("#standup-detail", Static).update("")
            return
        state = "" if row.state == "open" else " (finished)"  # the footer offers g Reopen
        since = f"{utc(row.started_at).astimezone():%H:%M}"
        sd = self.plan.project.status_date  # cleared with D and an empty answer
        # ahead of the meeting's day: what it records is dated as of the status date, not the day
        status.show(f"Stand-up {self._day(row.day)}{state} · "
                    + (f"status date {sd}{' (ahead)' if su.ahead_of(self.plan.calendar, sd, row.day) else ''}"
                       if sd else "no status date"),
                    consequences(self.opened.before, self.plan), since)
        self._tick()
        if not self.people:
            person_line.update("Nobody to ask: the project has no resources.")
            self.tasks.set_tasks([])
            return
        self._draw_person(keep_id)

    def _finish_line(self) -> Text:
        """The plan's finish and its move since the last stand-up, as the header counts it: with
        no stand-up under way the panel read "Finish —", as if the plan had none."""
        plan = self.plan
        if not plan.tasks:
            return Text("Finish — (no tasks yet)")
        try:
            finish, change = plan.schedule.finish, plan.finish_change()
        except PmtuiError as exc:  # a plan that does not schedule has no finish to give
            return Text(f"Finish ? ({exc})")
        line = Text.assemble("Finish ", (finish.isoformat(), "bold"))  # as while the stand-up runs
        if change is not None:
            day, moved = change
            since = f"since the stand-up of {self._day(day)}"
            if moved:
                line.append(f"  {signed_days(moved)} {since}", "bold red" if moved > 0 else "bold green")
            else:
                line.append(f"  unchanged {since}", "dim")
        return line

    def _draw_person(self, keep_id: int | None) -> None:
        person_line = self.query_one("#standup-person", Static)
        person = self.people[self.position]
        note = self.meeting.notes.get(person.resource_id)
        said = " · ".join(f"{k.capitalize()}: {getattr(note, k)}" for k in ("yesterday", "today", "blockers")
                          if note is not None and getattr(note, k))
        # Text, not markup: a note typed in the meeting may hold "[" and "]"
        first = Text.assemble((person.name, "bold"), f"  ({self.position + 1}/{len(self.people)})  "
                              f"{counted(len(person.tasks), 'task')}", self._week_text(person), self._leave_text(person),
                              self._overbooked(person))
        # cut here: the widget wraps a long first line, and the notes below it went out of sight;
        # leave first, as the rarer news (and the one the dates do not show)
        first.truncate(max(20, (person_line.size.width or self.app.size.width) - 2), overflow="ellipsis")
        person_line.update(Text.assemble(first, "\n", said or ("y: yesterday / today / blockers", "dim"),
                                         no_wrap=True, overflow="ellipsis"))  # two lines, whatever the width
        empty = (f"Nothing due for {person.name} in the next {self.cfg.lookahead_days} working days: "
                 "y for their notes, n for the next person.")
        self.tasks.set_tasks(person.tasks, keep_id, empty, ref=self._ref(self.plan))
        self._show_detail()

    def _ref(self, plan) -> date:
        """The date the plan is seen as of (the status date, else today): a date in another year
        is shown with its year."""
        return pg.as_of(plan, self.day)

    def _day(self, day: date) -> str:
        """A stand-up's day as the screen names it: "Mon 23 Nov", "Wed 30 Dec 2026" as of 2027."""
        return day_text(day, self._ref(self.plan), "%a %d %b")

    def _overbooked(self, person: Person) -> Text:
        """The person's next run of days booked above their max units, from the status date on:
        the stand-up is where a double booking is settled."""
        if person.resource_id is None or self.plan is None:
            return Text()
        rid = person.resource_id
        if self._loads is None or self._loads[0] is not self.plan or self._loads[1] != rid:
            since = self.plan.project.status_date or self.day
            self._loads = (self.plan, rid, resource_loads(self.plan, since, only=rid))
        load = self._loads[2].get(rid)
        if load is None or not load.overloads:
            return Text()
        o = load.overloads[0]
        days = days_text(o.first, o.last, self._ref(self.plan))
        more = f" (+{len(load.overloads) - 1} more)" if len(load.overloads) > 1 else ""
        return Text(f"  ⚠ booked {o.load:.0%} of {load.max_units:.0%} {days}{more}", "bold red")

    def _week_text(self, person: Person) -> Text:
        """'  works mon-wed' for someone on a week of their own, as W and the assign list say it: a
        part-timer asked on Wednesday about Thursday's work is not in till Monday."""
        if person.resource_id is None or self.plan is None:
            return Text()
        mask, own = self.plan.resource_week(person.resource_id)
        return Text(f"  works {week_text(mask)}") if own else Text()

    def _leave_text(self, person: Person) -> Text:
        """The person's next leave, from the status date on, and the tasks a constraint still
        holds in it (the others are scheduled around it): the stand-up is where the PM hears of
        both."""
        if person.resource_id is None or self.plan is None:
            return Text()
        since = self.plan.project.status_date or self.day
        run = next((r for r in leave.runs(self.plan, person.resource_id) if r.last >= since), None)
        if run is None:
            return Text()
        ref = self._ref(self.plan)
        text = Text(f"  on leave {days_text(max(run.first, since), run.last, ref)}")
        booked = [c for c in leave.clashes(self.plan, since, only=person.resource_id) if c.first <= run.last]
        if booked:
            wbs = {t.id: t.wbs for t in self.plan.tasks}
            tasks = ", ".join(dict.fromkeys(wbs[t] for c in booked for t in c.tasks))
            text.append(f", booked on {tasks}", "bold red")
        return text

    def _show_detail(self) -> None:
        t = self.tasks.current
        text = ""
        if t is not None and self.plan is not None:
            s = self.plan.schedule.tasks[t.id]
            text = f"{t.wbs} {t.why} · {s.start} → {s.finish} · float {in_days(s.total_float)}"
            row = self.plan.by_id[t.id]
            now = self.plan.duration_now(row)
            if now != row.duration:  # an answer to r (days left) shows what it made of the task
                text += f" · {in_days(now)} (planned {in_days(row.duration)})"
            if t.blockers:
                text += " · ⚑ " + "; ".join(t.blockers) + " (c clears)"
        self.query_one("#standup-detail", Static).update(Text(text))  # blockers are typed by people

    def _tick(self) -> None:
        row = self.meeting.standup if self.meeting else None
        if row is None or self.cfg is None:
            return
        end = utc(row.ended_at) if row.ended_at and row.state != "open" else self.now()
        elapsed = (end - utc(row.started_at)).total_seconds()
        if row.state != "open":  # finished: "14:22 left" read as if the meeting were still on
            took = max(0, int(elapsed))
            # an hour or more (one left open overnight): '⏱ took 1441:00' was a figure to work out
            text = f"{took // 60:02d}:{took % 60:02d}" if took < 3600 else length_text(took // 60)
            self.query_one(StandupStatus).tick(f"⏱ took {text}", "")
            return
        began, now = utc(row.started_at).astimezone(), end.astimezone()
        # (a meeting begun at 23:50 is still within its time at 00:01: it counts down, as it did
        # before midnight, and did not read 'open since' eleven minutes in)
        if began.date() != now.date() and elapsed > self.cfg.timebox_minutes * 60:
            # left open overnight (f forgotten) and resumed: 15 minutes counted down from
            # yesterday read '⏱ +1425:00 over' in red, a meeting a day over its time
            self.query_one(StandupStatus).tick(f"⏱ open since {began:%a %d %b %H:%M}", "")
            return
        self.query_one(StandupStatus).tick(*clock_text(elapsed, self.cfg.timebox_minutes))

    # -- moving around --------------------------------------------------------------------------
    def action_person(self, step: int) -> None:
        if not self.people:
            return
        position = max(0, min(len(self.people) - 1, self.position + step))
        if position == self.position:  # at either end: the key did nothing, without a word
            name, n = self.people[position].name, len(self.people)
            self.notify(f"{name} is the last ({n}/{n}): f finishes the stand-up" if step > 0
                        else f"{name} is the first (1/{n}): n goes to the next", timeout=4)
            return
        self.position = position
        row = self.meeting.standup if self.meeting else None
        if row is not None:
            su.save_position(self.app.store, row.id, self.position)
            row.position = self.position
        self.tasks.cursor = 0
        self._draw()

    def action_cursor(self, step: int) -> None:
        self.tasks.move(step)
        self._show_detail()

    # -- edits ------------------------------------------------------------------------------------
    def _finished(self) -> bool:
        """The meeting on screen is finished: said, so that a key meant for it records nothing.
        + and d went on recording after f, kept out of the summary already saved, without a word."""
        row = self.meeting.standup if self.meeting else None
        if self.opened is None or row is None or row.state == "open":
            return False
        self.notify(f"The stand-up of {self._day(row.day)} is finished; nothing recorded. "
                    "g reopens it (f then saves its summary again)", severity="warning", timeout=6)
        return True

    def _target(self):
        if self.opened is None:
            self.notify("No stand-up open: g starts it", severity="warning")
            return None
        if self._finished():
            return None
        t = self.tasks.current
        if t is None:
            # "No task selected" left the PM looking for a cursor on an empty list
            who = self.people[self.position].name if self.people else "This person"
            self.notify(f"Nothing to record on: {who} has no task due · y for their notes, n for the next person",
                        severity="warning")
        return t

    def _person_id(self) -> int | None:
        return self.people[self.position].resource_id if self.people else None

    def person_in_view(self) -> int | None:
        """The resource W opens on."""
        return self._person_id() if self.plan is not None else None

    def _edit(self, what: str, fn, tid: int | None = None, *, said: bool = True) -> None:
        self.app.run_edit(what, fn, select=tid, say=recorded_text if said else None)

    def action_started(self) -> None:
        t = self._target()
        if t is not None:
            who, day = self._person_id(), self.day
            self._edit("Mark started", lambda store, pid: pg.mark_started(store, pid, ref(t.id), person=who, today=day), t.id)

    def action_step(self, steps: int) -> None:
        t = self._target()
        if t is not None:
            who, day, step = self._person_id(), self.day, self.cfg.percent_step
            self._edit("Record progress", lambda store, pid: pg.step_percent(
                store, pid, ref(t.id), steps, step, person=who, today=day), t.id)

    def action_done(self) -> None:
        t = self._target()
        if t is not None:
            who, day = self._person_id(), self.day
            self._marked_done = t.id
            # said once the plan shows the task done and off the list (plan_changed)
            self._edit("Mark done", lambda store, pid: pg.mark_done(store, pid, ref(t.id), person=who, today=day),
                       t.id, said=False)

    def action_unblock(self) -> None:
        """The task is no longer blocked: its open blockers are resolved (one undo)."""
        t = self._target()
        if t is not None:
            who, day = self._person_id(), self.day
            self.app.run_edit("Clear blockers", lambda store, pid: pg.clear_blockers(
                store, pid, ref(t.id), person=who, today=day), select=t.id, say=lambda r: "; ".join(r.lines))

    def action_add_risk(self) -> None:
        """A risk heard in the stand-up, added where it is heard: the risk form with the person
        as its owner and the task under the cursor linked (the register's n, from here)."""
        if self.plan is None:
            return
        from pmtui.screens.risks import new_risk_form, risk_fields

        person = self.people[self.position] if self.people else None
        owner = person.name if person is not None and person.resource_id is not None else ""
        t = self.tasks.current if self.opened is not None else None
        fields = risk_fields("threat", 3, 3, owner=owner, tasks=t.wbs if t else "")
        self.app.push_screen(new_risk_form(self.app.store, self.plan.project.id, self.day, fields))

    def action_ask(self, what: str) -> None:
        if what != "status_date" and self._target() is None:
            return
        self.asking = what
        self.query_one("#standup-ask-label", Label).update(ASK[what])
        inp = self.query_one("#standup-ask-input", Input)
        inp.value = str(self.opened.status_before or "") if what == "status_date" and self.opened else ""
        self.query_one("#standup-ask").display = True
        self.set_focus(inp)  # at once, as WbsScreen._open_inline: typed-ahead keys are the input's
        self.refresh_bindings()

    def action_close_ask(self) -> None:
        self.asking = None
        self.query_one("#standup-ask").display = False
        self.query_one("#standup-ask-input", Input).value = ""
        self.set_focus(self.tasks)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # While the answer bar is open, + and - are typed into it: the footer must not offer
        # them as the percent steps (Textual hides the letter keys an Input takes, not these).
        return not (self.asking is not None and action == "step")

    def _answered(self, text: str) -> None:
        """Enter in the answer bar (called by InlineInput, in key order)."""
        if self.asking is None:
            return
        what = self.asking
        if not text.strip() and what != "status_date":  # (an empty date clears the status date)
            self.action_close_ask()  # Enter on nothing: nothing to record
            return
        t, who, day = self.tasks.current, self._person_id(), self.day
        try:
            if what == "percent":
                pct = parse_percent(text)
                call = lambda store, pid: pg.set_percent(store, pid, ref(t.id), pct, person=who, today=day)  # noqa: E731
            elif what == "remaining":
                days = parse_duration(text, "days left")
                call = lambda store, pid: pg.set_remaining(store, pid, ref(t.id), days, person=who, today=day)  # noqa: E731
            elif what == "blocker":
                call = lambda store, pid: pg.raise_blocker(store, pid, ref(t.id), text, person=who, today=day)  # noqa: E731
            elif what == "note":
                call = lambda store, pid: pg.add_note(store, pid, ref(t.id), text, person=who, today=day)  # noqa: E731
            else:
                when = parse_date(text, today=day) if text.strip() else None

                def call(store, pid):
                    self._status_moved = project_svc.move_status_date(store, pid, when)
                    return self._status_moved
        except PmtuiError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.set_focus(self.query_one("#standup-ask-input"))  # the bar stays for a better answer
            return
        self.action_close_ask()

        def reopen(message: str) -> None:
            if self.app.screen is self:
                self.action_ask(what)
                self.query_one("#standup-ask-input", Input).value = text
            self.notify(message, severity="error", timeout=8)

        self.app.run_edit(f"Stand-up {what}", call, select=t.id if t else None, form=BarAnswer(reopen),
                          say=recorded_text)

    def action_person_notes(self) -> None:
        if self.opened is None or not self.people:
            self.notify("No stand-up open: g starts it", severity="warning")
            return
        if self._finished():
            return
        person = self.people[self.position]
        note = self.meeting.notes.get(person.resource_id)
        values = {k: getattr(note, k) for k in ("yesterday", "today", "blockers")} if note else {}
        rid = person.resource_id if person.resource_id is not None else su.UNASSIGNED
        day = self.day

        def submit(form: PersonNotes, typed: dict[str, str]) -> None:
            # only the fields changed here: another terminal may have noted the others meanwhile
            # (`pmtui standup note`), and writing back what the form read lost that
            changed = {k: v for k, v in typed.items() if v != (values.get(k) or "")}
            if not changed:
                form.dismiss(None)
                return
            # the form stays open until the note is saved: a refusal is shown in it, the text kept
            # the line under the person shows what was noted; said only when a field was already as
            # typed (noted or cleared elsewhere meanwhile), which the line cannot tell
            self.app.run_edit("Stand-up note", lambda store, pid: su.set_person_note(store, pid, day, rid, **changed),
                              form=form, say=lambda noted: noted.message(self._day(day)) if noted.same else "")

        self.app.push_screen(PersonNotes(person.name, values, submit))

    # -- the meeting itself ----------------------------------------------------------------------
    def action_start(self) -> None:
        day, now = self.day, self.now()

        def call(store, pid):
            self._pending = su.start_standup(store, pid, day, now=now)
            return self._pending

        # n typed right behind g moved along the agenda, and the stand-up, once open, began
        # again at its first person
        self.app.run_edit("Start stand-up", call, form=KeysWait())

    def _ask_left_open(self, row) -> None:
        """A stand-up of an earlier day still open (f forgotten): finish it and start today's, or
        resume it. Resumed without asking, this morning's progress went into yesterday's record,
        counted from yesterday's status date, and the note saying so was gone in eight seconds."""
        began = utc(row.started_at).astimezone()
        day = row.day

        def chosen(choice: str | None) -> None:
            self._asking = False
            if choice == "finish":
                now = self.now()
                self._start_next = True
                self.app.run_edit("Finish stand-up", lambda store, pid: su.finish_standup(store, pid, day, now=now),
                                  say=lambda _r: f"Finished the stand-up of {self._day(day)}: h shows its summary.")
            else:  # esc leaves it as it was: open, and resumed as before
                self.action_start()

        self._asking = True
        self.app.push_screen(PickScreen(
            f"The stand-up of {self._day(day)} is still open (begun {began:%a %d %b %H:%M})",
            [("1", f"Finish it, then start today's ({self._day(self.today)})", "finish"),
             ("2", f"Resume it: what is recorded goes to {self._day(day)}'s", "resume")]), chosen)

    def action_finish(self) -> None:
        if self.opened is None:
            self.notify("No stand-up open: g starts it", severity="warning")
            return
        row = self.meeting.standup if self.meeting else None
        if row is not None and row.state != "open":
            self.notify(f"The stand-up of {self._day(row.day)} is already finished: h shows its summary, "
                        "g reopens it", severity="warning", timeout=6)
            return
        day, now = self.day, self.now()

        def call(store, pid):
            self._summary = su.finish_standup(store, pid, day, now=now)
            return None

        # Keys typed behind f are the summary's, which opens once the finish is saved: c (copy)
        # typed right behind it cleared the blockers of the task under the cursor, the meeting
        # still open, and q quit. They wait for it, and are dropped if the finish is refused.
        hold = BarAnswer(lambda message: self.notify(message, severity="error", timeout=8))
        self.app.run_edit("Finish stand-up", call, form=hold)

    def _show_summary(self, summary: dict) -> None:
        day = date.fromisoformat(summary["day"])
        self.app.push_screen(SummaryView(f"Stand-up {self._day(day)}", to_markdown(summary),
                                         compare=lambda: self._compare_from(day)))

    def action_browse(self) -> None:
        if self.plan is None:
            return
        rows = su.list_standups(self.app.store, self.plan.project.id)
        if not rows:
            self.notify("No stand-ups yet: g starts today's", severity="warning")
            return
        choices = [("", f"{self._day(r.day)}  {su.state_word(r.state)}", r.day) for r in rows]

        def chosen(day: date | None) -> None:
            if day is not None:
                self._show_summary(su.live_summary(self.app.store, self.plan.project.id, day, now=self.now()))

        self.app.push_screen(PickScreen("Past stand-ups", choices), chosen)

    def _compare_from(self, day: date) -> None:
        pid = self.plan.project.id
        rows = [r for r in su.list_standups(self.app.store, pid) if r.day != day and r.state == "closed"]
        if not rows:
            self.notify("No other finished stand-up to compare with", severity="warning")
            return

        def chosen(other: date | None) -> None:
            if other is None:
                return
            try:
                text = compare_markdown(su.compare(self.app.store, pid, day, other))
            except PmtuiError as exc:
                self.notify(str(exc), severity="error")
                return
            view = self.app.screen
            if isinstance(view, SummaryView):
                view.show_text(f"Stand-ups {min(day, other)} and {max(day, other)}", text)

        self.app.push_screen(PickScreen("Compare with", [("", self._day(r.day), r.day) for r in rows]), chosen)
