"""Screen 5: where the project stands — RAG for schedule, cost, scope and risk (thresholds from
[rag]), milestones against the baseline, earned value, trends over the snapshots, top risks,
open issues and blockers. Read-only: r reloads, s takes a snapshot (one journaled action), w says
which changes moved the finish (pmtui.screens.finish_why)."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from pmtui.models.errors import PmtuiError
from pmtui.models.wording import days, signed_days
from pmtui.services import snapshots
from pmtui.screens.dialogs import KeyScroll
from pmtui.services.status import Status, project_status
from pmtui.widgets.footer import Footer
from pmtui.widgets.status_rag import StatusRag, rag_badge
from pmtui.widgets.status_trend import StatusTrend


def _money(v: float | None) -> str:
    return "n/a" if v is None else f"{round(v):,}"  # round(): never "-0"


def _index(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


LATE_SHOWN = 5  # as many as the top risks; `pmtui variance` and the report give more


class StatusScreen(Screen):
    TITLE = "Status"
    DEFAULT_CSS = """
    StatusScreen #status-title { height: 1; padding: 0 1; background: $panel; }
    StatusScreen .status-heading { height: 1; padding: 0 1; margin-top: 1; text-style: bold; color: $accent; }
    StatusScreen #status-evm, StatusScreen #status-late, StatusScreen #status-risks, StatusScreen #status-issues { height: auto; padding: 0 1; }
    StatusScreen #status-milestones { height: auto; max-height: 12; margin: 0 1; }
    StatusScreen #status-no-milestones { padding: 0 1; }
    """

    BINDINGS = [
        Binding("r", "reload", "Reload", id="status.reload"),
        Binding("s", "snapshot", "Snapshot", id="status.snapshot"),
        Binding("w", "why_finish", "Why finish", id="status.why_finish"),
    ]
    FOOTER_ORDER = ("status.why_finish", "status.snapshot", "status.reload", "app.undo", "app.quit")

    def __init__(self) -> None:
        super().__init__()
        self.status: Status | None = None
        self.more_late = 0  # late tasks beyond the LATE_SHOWN drawn

    def compose(self) -> ComposeResult:
        if hasattr(self.app, "busy") and hasattr(self.app, "SCREEN_LIST"):
            from pmtui.widgets.header import PlanHeader

            yield PlanHeader("5")
        yield Static("", id="status-title")
        # j and k scroll it, as they move or scroll every other list and text of the app (a j did
        # nothing here, and dropped the keys typed behind it), and keys typed at once each
        # scroll as far as they say (four downs typed behind the 5 scrolled one line)
        with KeyScroll(id="status-body"):
            yield StatusRag(id="status-rag")
            yield Static("Earned value", classes="status-heading")
            yield Static("", id="status-evm")
            yield Static("Trend over the snapshots", classes="status-heading")
            yield StatusTrend(id="status-trend")
            yield Static("Milestones: baseline → forecast", classes="status-heading")
            table = DataTable(id="status-milestones", cursor_type="row", zebra_stripes=False, show_cursor=False)
            table.cursor_blink = False
            yield table
            yield Static(Text("No milestones.", "dim"), id="status-no-milestones")
            yield Static("Late tasks", classes="status-heading")
            yield Static("", id="status-late")
            yield Static("Top risks", classes="status-heading")
            yield Static("", id="status-risks")
            yield Static("Open issues and blockers", classes="status-heading")
            yield Static("", id="status-issues")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#status-milestones", DataTable)
        for key, label in (("wbs", "WBS"), ("name", "Milestone"), ("base", "Baseline"), ("fc", "Forecast"),
                           ("var", "Var"), ("note", "")):
            table.add_column(label, key=key)
        screens = getattr(self.app, "plan_screens", None)
        if screens is not None:
            screens.append(self)
        self.reload()
        self.query_one("#status-body").focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def plan_changed(self, plan, *, select_id=None, previous=None) -> None:
        """``plan`` None: the project is gone (its creation undone)."""
        if self.is_attached and self.app.screen is self:
            self.reload()

    # -- actions ------------------------------------------------------------------------------------
    def action_reload(self) -> None:
        self.reload()

    def action_snapshot(self) -> None:
        pid = getattr(self.app, "project_id", None)
        if pid is None:
            self.notify("No project open: o opens or creates a project", severity="warning")
            return
        try:
            snap = snapshots.take_snapshot(self.app.store, pid, "manual")
        except PmtuiError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Snapshot of {snap.day} saved.")
        self.reload()

    def action_why_finish(self) -> None:
        """Which changes moved the finish, and by how much (as `pmtui why finish`)."""
        from pmtui.screens.finish_why import FinishWhy
        from pmtui.services.tasks import get_plan

        pid = getattr(self.app, "project_id", None)
        if pid is None:
            self.notify("No project open: o opens or creates a project", severity="warning")
            return
        plan = getattr(self.app, "plan", None)
        if plan is None or plan.project.id != pid:
            try:
                plan = get_plan(self.app.store, pid)
            except PmtuiError as exc:
                self.notify(str(exc), severity="error")
                return
        self.app.push_screen(FinishWhy(plan, today=getattr(self.app, "today", None)))

    # -- drawing ------------------------------------------------------------------------------------
    def reload(self) -> None:
        pid = getattr(self.app, "project_id", None)
        body = self.query_one("#status-body")
        if pid is None:
            # the figures of a project that is gone stayed under this title
            self.status = None
            body.display = False
            said = getattr(self.app, "no_plan_text", "") or "No project open"
            title = self.query_one("#status-title", Static)
            title.styles.height = len(said.splitlines())  # what to do next is on its second line
            title.update(Text(said, "bold"))
            return
        try:
            status = project_status(self.app.store, pid, today=getattr(self.app, "today", None))
        except PmtuiError as exc:
            self.notify(str(exc), severity="error")
            return
        # The screen draws the project's figures, its milestones, risks and issues; the status's
        # own copy of the plan, its task variances and critical path (for the report) were held
        # as long as the screen lived: some 30 MB at 10,000 tasks, beside the app's own plan.
        self.status = replace(status, plan=None, variance=None, critical=[], late=status.late[:LATE_SHOWN])
        self.more_late = len(status.late) - len(self.status.late)
        body.display = True
        self.query_one("#status-title", Static).styles.height = 1
        self.draw(self.status)

    def on_resize(self) -> None:
        if self.status is not None and self.query_one("#status-body").display:
            self.draw_title(self.status)

    def draw_title(self, s: Status) -> None:
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(f" {s.project} ", "bold reverse")
        title.append(" ")
        title.append_text(rag_badge(s.overall.level, s.overall.letter))
        # What only this line says comes first: at 80 columns the line was cut after "(+7d vs
        # Approved", and "% done", last, is shown nowhere else. "vs baseline", as the schedule's
        # RAG words it: a baseline's name ran the line long.
        title.append(f"  {s.percent_complete:.0f}% done  finish ")
        title.append(str(s.finish), "bold")
        if s.finish_slip is not None:
            title.append(f" ({signed_days(s.finish_slip)} vs baseline)")
        when = Text(f"  status {s.status_date}")
        if s.as_of.default:
            when.append(f" ({s.as_of.short})", "dim")
        # The status date whole or not at all (the header above gives it): cut, it read
        # 'status' alone, or half a date
        if title.cell_len + when.cell_len <= self.app.size.width - 2:  # the title's padding
            title.append_text(when)
        self.query_one("#status-title", Static).update(title)

    def draw(self, s: Status) -> None:
        self.draw_title(s)
        self.query_one(StatusRag).show(s.rags, s.overall)
        p = s.evm.project.whole()  # the differences of the figures shown, as the report gives them
        source = (f"PV from the baseline {s.evm.baseline!r}" if s.evm.baseline
                  else "No baseline: no PV, SV or SPI (pmtui baseline save NAME)")
        self.query_one("#status-evm", Static).update(
            f"BAC {_money(p.bac)}  PV {_money(p.pv)}  EV {_money(p.ev)}  AC {_money(p.ac)} {s.currency}\n"
            f"SPI {_index(p.spi)}  CPI {_index(p.cpi)}  SV {_money(p.sv)}  CV {_money(p.cv)}\n"
            f"EAC {_money(p.eac)} ({p.eac_label})  ETC {_money(p.etc)}  VAC {_money(p.vac)}  "
            f"TCPI {_index(p.tcpi_bac)}\n{source}")
        # Snapshots are dated by the status date they were taken as of: those after this one (the
        # status date moved back) are its future, and the report leaves them out of its trend too;
        # drawn, the trend's latest slip was a later week's beside this week's finish.
        known = [snap for snap in s.snapshots if snap.day <= s.status_date]
        points = []
        for snap in snapshots.last_of_each_day(known):  # as the report draws them
            data = snapshots.data_of(snap)
            points.append({"slip": data.get("finish_slip"), "spi": snap.spi, "cpi": snap.cpi})
        self.query_one(StatusTrend).show(points, len(s.snapshots) - len(known), s.status_date)
        table = self.query_one("#status-milestones", DataTable)
        table.clear()
        # a header over no rows read as a table still loading; risks and issues say 'No open …'
        table.display = bool(s.milestones)
        self.query_one("#status-no-milestones").display = not s.milestones
        for m in s.milestones:
            note = "done" if m.done else ("past deadline" if m.deadline and m.forecast > m.deadline else "")
            var = "" if m.variance is None else signed_days(m.variance)
            table.add_row(m.wbs, Text(m.name), str(m.baseline or "—"), str(m.forecast),
                          Text(var, "bold red" if m.variance and m.variance > 0 else ""), note, key=str(m.task_id))
        self.query_one("#status-late", Static).update(self.late_text(s))
        risks = Text()
        for r in s.risks[:5]:
            risks.append(f"{r.score:>2} {r.band[0].upper()} ", "bold")
            risks.append(f"{r.code} {r.title}")  # the code the risk screen and the CLI know it by
            if r.strategy or r.owner:
                risks.append(f"  — {r.strategy}{', ' if r.strategy and r.owner else ''}{r.owner}", "dim")
            risks.append("\n")
        # each line's "\n" left a blank line under the last, two above the next heading
        risks.rstrip()
        self.query_one("#status-risks", Static).update(risks if s.risks else Text("No open risks.", "dim"))
        issues = Text()
        for i in s.issues:
            issues.append("BLOCKER " if i.kind == "blocker" else "issue   ", "bold red" if i.kind == "blocker" else "bold")
            issues.append(f"sev {i.severity}  {i.code} {i.title}")
            if i.task:
                issues.append(f"  [{i.task}]", "dim")
            issues.append("\n")
        issues.rstrip()
        self.query_one("#status-issues", Static).update(issues if s.issues else Text("No open issues.", "dim"))

    def late_text(self, s: Status) -> Text:
        """The tasks most behind, as the report's What's late lists them: milestones are in the
        table above. The screen showed the finish +7d and no task behind it."""
        if not s.late:
            return Text("No task is late against the baseline or past its deadline." if s.evm.baseline else
                        "No task is past its deadline (no baseline to measure lateness against).", "dim")
        text = Text()
        for x in s.late:
            text.append(f"{signed_days(x.variance) if x.variance is not None else '':>4} ", "bold red" if x.variance else "")
            text.append(f"{x.wbs} {x.name}")
            notes = []
            if x.past_deadline:
                notes.append(f"past deadline {x.deadline} by {days(x.past_deadline)}")
            if x.due_to_start:
                notes.append(f"not started, due {x.due_to_start}")
            if notes:
                text.append("  — " + "; ".join(notes), "dim")
            text.append("\n")
        if self.more_late:
            text.append(f"     … {self.more_late} more: pmtui variance, or the report's What's late", "dim")
        else:
            text.rstrip()
        return text
