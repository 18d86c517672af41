"""The Gantt screen: the schedule on a timeline, the critical path, what drives the selected task,
and a few edits made straight on the bars.

Every key is bound here, on the screen (not on the chart widget), so that each has an id the
app knows and config.toml can remap. Edits are one service call each, run by ``app.run_edit``
(journaled, undone with u). The selected task is shared with the WBS screen through
``app.selected_task_id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

from pmtui.messages import Note
from pmtui.models.errors import PmtuiError
from pmtui.models.parsing import parse_predecessors
from pmtui.models.wording import counted, signed_days
from pmtui.screens.dialogs import edit_task_in_form
from pmtui.screens.find import TaskFinder, find_bindings
from pmtui.screens.link_prompt import LinkPrompt
from pmtui.services import baselines as baseline_svc
from pmtui.services.as_of import START, day_text, figures_date
from pmtui.services import gantt_edits
from pmtui.services import gantt_layout as gl
from pmtui.services.resource_load import days_text
from pmtui.services import tasks as task_svc
from pmtui.services.why_span import leave_waited_days, leave_waited_text, starters_text
from pmtui.widgets.footer import Footer
from pmtui.widgets.gantt_chart import GanttChart
from pmtui.widgets.header import PlanHeader

LEGEND = gl.LEGEND + "\n" + gl.FLAGS_LEGEND + (
    "\n> and < move a task by a working day by setting a Start No Earlier Than constraint; "
    "] and [ change its planned duration by a working day. u undoes either.")


def ref(task_id: int) -> str:
    return f"#{task_id}"


def _when(first: date, last: date, as_of: date) -> str:
    """'30 Nov–09 Dec', '14–18 Dec', a milestone's '09 Dec' (without its weekday, for room)."""
    return day_text(first, as_of) if first == last else days_text(first, last, as_of)


class InfoLine(Widget):
    """One line about the selected task. Redrawn in place (no layout pass), so a cursor move
    costs only this line and the chart's changed rows.

    Made of a code, a name, the figures and some extras. Cut from its end, a long name at 80
    columns left only "2026-12…" of the figures, so ] or [ showed no new duration, float or
    slip: now the name gives way (it is on the selected row of the chart too), down to nothing
    but the WBS code, and each extra is shown whole or not at all."""

    MIN_NAME = 10  # fewer cells of a name than this ("Bui… ") say nothing: the name is left out
    KEEP_NAME = 30  # from WIDE columns on, cells of a name a leading extra may cut it down to
    WIDE = 120  # below, the selected row shows as much of the name as this line could: the
    # leading extras (the baseline's dates, what drives the task) come before it

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.code, self.task_name, self.figures = Text(), Text(), Text()
        self.extras: tuple[Text | tuple[Text, ...], ...] = ()
        self.leading = 0

    def show(self, code: Text | None = None, name: Text | None = None, figures: Text | None = None,
             *extras: Text | tuple[Text, ...], leading: int = 0) -> None:
        """``leading``: how many of the extras come before the rest of a long name. An extra
        may be a tuple of ways to say it, the longest first: the first that fits is shown."""
        self.code, self.task_name, self.figures = code or Text(), name or Text(), figures or Text()
        self.extras, self.leading = extras, leading
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append_text(self.code)
        room = width - self.code.cell_len - self.figures.cell_len
        name = self.task_name
        extras = [e if isinstance(e, tuple) else (e,) for e in self.extras]
        keep = min(name.cell_len, self.KEEP_NAME) if width >= self.WIDE else 0
        for i, forms in enumerate(extras[:self.leading]):
            # at 120 columns a long name left no room for what drives the task
            fits = [f for f in forms if room - f.cell_len >= keep][:1]
            extras[i] = tuple(fits)
            if fits:
                room -= fits[0].cell_len
        if name.cell_len <= room:
            text.append_text(name)
        elif room >= self.MIN_NAME:
            name = name.copy()
            name.truncate(room - 2)
            name.append("… ", "bold")
            text.append_text(name)
        text.append_text(self.figures)
        for forms in extras:
            extra = next((f for f in forms if text.cell_len + f.cell_len <= width), None)
            if extra is not None:
                text.append_text(extra)
        return text


@dataclass
class BaselineLoaded(Message):
    """The baseline the worker read (None: no active baseline)."""

    saved: Any
    quiet: bool


class GanttScreen(TaskFinder, Screen):
    TITLE = "Gantt"
    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="gantt.cursor_down"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="gantt.cursor_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="gantt.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="gantt.page_up"),
        Binding("home", "first", "First task", show=False, id="gantt.first"),
        Binding("end", "last", "Last task", show=False, id="gantt.last"),
        Binding("l,right", "time(1)", "Later", show=False, id="gantt.scroll_later"),
        Binding("h,left", "time(-1)", "Earlier", show=False, id="gantt.scroll_earlier"),
        Binding("L,ctrl+right", "time_page(1)", "Page later", show=False, id="gantt.page_later"),
        Binding("H,ctrl+left", "time_page(-1)", "Page earlier", show=False, id="gantt.page_earlier"),
        # One footer entry for both ("+/- Zoom", see footer_keys): at 80 columns "+ Zoom in" and
        # "- Zoom out" left no room for "/ Search" beside Undo.
        Binding("plus,equals_sign", "zoom(-1)", "Zoom", id="gantt.zoom_in"),
        Binding("minus", "zoom(1)", "Zoom out", show=False, id="gantt.zoom_out"),
        Binding("t", "today", "Today", id="gantt.today"),
        # D as the stand-up's status date key: the two screens give the date the same letter
        Binding("D", "status_date", "Status date", id="gantt.status_date"),
        Binding("enter,f", "show_bar", "Show bar", show=False, id="gantt.show_bar"),
        Binding("d", "driving_path", "Driving path", id="gantt.driving_path"),
        # the WBS's key; the folds are the WBS's too (PmtuiApp.folded)
        Binding("space", "toggle_fold", "Fold/open summary", show=False, id="gantt.toggle"),
        Binding("b", "baseline", "Baseline", show=False, id="gantt.baseline"),
        Binding("right_square_bracket", "duration(1)", "Longer", show=False, id="gantt.lengthen"),
        Binding("left_square_bracket", "duration(-1)", "Shorter", show=False, id="gantt.shorten"),
        Binding("greater_than_sign", "shift(1)", "Later by a day", show=False, id="gantt.move_later"),
        Binding("less_than_sign", "shift(-1)", "Earlier by a day", show=False, id="gantt.move_earlier"),
        Binding("p", "link('pred')", "Add predecessor", id="gantt.link_predecessor"),
        # the WBS's e: the task's form (a new duration in one go, not ] pressed five times)
        Binding("e", "edit", "Edit", show=False, id="gantt.edit"),
        Binding("s", "link('succ')", "Add successor", show=False, id="gantt.link_successor"),
        # as on the WBS screen (pmtui.screens.find)
        *find_bindings("gantt"),
        Binding("question_mark,f1", "help", "Help", id="gantt.help"),
    ]
    FOOTER_ORDER = ("gantt.today", "gantt.status_date", "gantt.zoom_in", "gantt.search", "app.undo",
                    "gantt.driving_path", "gantt.link_predecessor", "app.quit")

    _hidden_plan = None  # the newest plan, while the screen is hidden (see plan_changed)
    _plan_gone = False  # the project went while the screen was hidden: shown when it is shown
    _search_x0: int | None = None  # the timeline's first column when / was pressed
    _footer_keys: dict[str, str] | None = None
    _shown = False  # shown before: see _bar_into_view

    def compose(self) -> ComposeResult:
        yield PlanHeader("2", id="header")
        yield GanttChart(id="gantt")
        yield InfoLine(id="gantt-info")
        yield from self.compose_bar()
        yield Footer()

    @property
    def chart(self) -> GanttChart:
        return self.query_one(GanttChart)

    @property
    def footer_keys(self) -> dict[str, str]:
        """Zoom out's key beside zoom in's: the footer's "+/- Zoom" (pmtui.widgets.footer)."""
        if self._footer_keys is None:
            # once: the keys come from config.toml when the app starts, and the footer reads this
            # for each key it shows, at each focus change (active_bindings took 0.4 ms a read)
            out = next((self.app.get_key_display(a.binding) for a in self.active_bindings.values()
                        if a.binding.id == "gantt.zoom_out"), None)
            self._footer_keys = {"gantt.zoom_in": out} if out else {}
        return self._footer_keys

    @property
    def task_view(self) -> GanttChart:  # for TaskFinder
        return self.chart

    @property
    def cursor_task_id(self) -> int | None:  # see PmtuiApp._cursor_task_id
        charts = self.query(GanttChart)
        return charts.first().current_id if charts else None

    def on_mount(self) -> None:
        self.app.plan_screens.append(self)
        self.mount_bar()
        if self.app.plan is not None:
            self.plan_changed(self.app.plan, select_id=getattr(self.app, "selected_task_id", None))
        elif getattr(self.app, "no_plan_shown", False):
            self.plan_changed(None)
        self.chart.focus()

    def on_screen_resume(self) -> None:
        if self._hidden_plan is not None or self._plan_gone:
            plan, self._hidden_plan = self._hidden_plan, None
            self.plan_changed(plan)
        chart = self.chart
        chart.refold()
        wanted = getattr(self.app, "selected_task_id", None)
        # chosen elsewhere (on the WBS) since the chart was last shown; the first time, any row
        # but the first, where the cursor starts: the chart opens on the status date then
        chosen = wanted is not None and (wanted != chart.current_id or (not self._shown and chart.cursor != 0))
        self._shown = True
        if chart.plan is not None and wanted is not None and wanted != chart.current_id:
            chart.select_task(wanted)
        if chosen:
            # once laid out (the first time, the chart has no width yet)
            self.call_after_refresh(self._bar_into_view)

    def _bar_into_view(self) -> None:
        """The selected task's bar in view: coming from the WBS on a task of March, the row was
        selected with its bar off the edge of a chart showing December. A bar partly in view
        stays where it is, and so does the view when the selection did not change."""
        chart = self.chart
        if chart.plan is not None and chart.rows and not chart.bar_shown():
            chart.show_bar()

    # -- the plan ---------------------------------------------------------------------------------
    def plan_changed(self, plan, *, select_id: int | None = None, previous=None) -> None:
        """``plan`` None: the project is gone (its creation undone)."""
        if self.is_attached and self.app.screen is not self and self.chart.plan is not None:
            # Hidden: catch up when shown. Laying out a 10,000-task chart after each edit on the
            # WBS screen added about 15 ms to the edit (pty benchmark, screens visited first).
            self._hidden_plan, self._plan_gone = plan, plan is None
            return
        self._hidden_plan, self._plan_gone = None, False
        chart = self.chart
        if plan is None:
            if self.inline_mode is not None:
                self._close_inline()
            chart.set_plan(None, no_plan_text=getattr(self.app, "no_plan_text", ""))
            self.query_one(PlanHeader).refresh()
            self._show_info()
            return
        chart.set_plan(plan, select_id=select_id)
        if chart.baseline is not None:
            self._load_baseline(plan.project.id, quiet=True)
        self.query_one(PlanHeader).refresh()
        self._show_info()

    def on_gantt_chart_cursor_moved(self, event: GanttChart.CursorMoved) -> None:
        if event.task_id is not None:
            self.app.selected_task_id = event.task_id
        self._show_info()

    def _show_info(self) -> None:
        """One line on the selected task: its dates, float and marks, and the view's zoom."""
        chart = self.chart
        tid = chart.current_id
        if tid is None:
            if chart.plan is None:
                self.query_one(InfoLine).show()
            else:
                # a plan with no tasks: + and - changed the zoom and nothing said so
                self.query_one(InfoLine).show(None, None, Text(" No task to show"),
                                              Text(f"   zoom {chart.scale.zoom}", "dim"))
            return
        plan = chart.plan
        t = plan.by_id[tid]
        bar = chart.bar(tid)
        ts = plan.schedule.tasks[tid]
        # Dates as the stand-up says them ("30 Nov–09 Dec", the year when not the header's
        # status date's): in ISO the task's and its baseline's dates took 47 cells, and at 80
        # columns the baseline's never fitted, nor a late task's deadline.
        as_of = figures_date(plan.project.status_date, plan.project.start, chart.today).day
        text = Text()
        text.append(f" {_when(bar.start, bar.finish, as_of)}")
        if not bar.summary:
            now = plan.duration_now(t)
            if now or t.duration:  # a milestone's "0d" said what its ◆ says, in cells its slip needs
                text.append(f"  {now}d" + (f" (planned {t.duration}d)" if now != t.duration else ""))
            text.append(f"  {bar.percent}%")
        else:
            text.append(f"  {bar.percent}% done")  # its tasks' progress, weighted by their days
        text.append(f"  float {ts.total_float}d")
        if bar.critical:
            text.append("  critical", "bold")
        if bar.late:
            text.append(f"  LATE (deadline {day_text(t.deadline, as_of)})", "bold")
        extras = []
        if bar.baseline is not None:
            # the finish's slip first: b is pressed for it; the baseline's dates right after it,
            # which they belong to (they came after "driven by 5.6", as if they were its dates)
            slip = plan.calendar.working_days_between(bar.baseline[1], bar.finish)
            text.append(f"  {signed_days(slip)} vs baseline")
            if tuple(bar.baseline) != (bar.start, bar.finish):  # the same dates again said nothing
                extras.append(Text(f" {_when(bar.baseline[0], bar.baseline[1], as_of)}"))
        elif chart.baseline is not None:
            text.append("  not in the baseline")  # added since: its row had no ▁ and no word why
        # Scheduled around its people's leave (moved or stretched by it): nothing on the bar said
        # so, and a moved one said no more than that nothing drove it. First, as the one extra
        # not found by another key (d shows the driving path); in few words, to fit at 80 columns.
        leave = leave_waited_text(plan, tid, as_of)
        if leave:
            days = leave_waited_days(plan, tid, as_of)
            forms = [Text(f"  on leave: {leave}"), Text(f"  on leave {days}")]
            starts = starters_text(plan, tid)
            if starts:
                # Another of its people starts it meanwhile, and the bar begins on their day:
                # said before the names of those away where both do not fit (at 120 columns
                # beside a long name), as the names are on the Resources column of the WBS.
                # At 80 columns neither fitted beside a critical task's figures, and the line named
                # only Anika Schultz, away, under 3.5's bar that begins on Jonas Berg's first day:
                # in fewer words, who starts it comes before who is away.
                short = starts.removesuffix(" it")
                forms[:0] = [Text(f"  on leave: {leave}; {starts}"), Text(f"  on leave {days}; {starts}"),
                             Text(f"  {short}; leave {days}")]
            extras.append(tuple(forms))
        driven = self._driven_by(t, ts)
        if driven:
            extras.append(Text(f"  driven by {driven}"))  # why it starts then, without d
        # a task under way starts when it started, as its percent says: no cause to cut its name for
        leading = len(extras) - (ts.driven_by == "actual")
        if chart.path_on:
            extras.append(Text("  driving path shown (d)"))
        extras.append(Text(f"   zoom {chart.scale.zoom}", "dim"))
        self.query_one(InfoLine).show(Text(f" {t.wbs} ", "bold"), Text(f"{t.name} ", "bold"), text, *extras,
                                      leading=leading)

    def _driven_by(self, t, ts) -> str:
        """What fixes the task's start, as `pmtui schedule` says it ('' for a summary)."""
        if ts.driven_by == "link":
            return ", ".join(self.chart.plan.by_id[p].wbs for p in ts.driving)
        return {"actual": "its actual start", "constraint": f"its {t.constraint_type} constraint",
                "status_date": "the status date", "project_start": "the project start"}.get(ts.driven_by, "")

    def action_help(self) -> None:
        from pmtui.app import binding_rows  # the app imports this module
        from pmtui.screens.dialogs import HelpScreen

        self.app.push_screen(HelpScreen(self.TITLE, binding_rows(self.app, self), LEGEND))

    # -- finding a task (g, /, n: pmtui.screens.find) -------------------------------------------------
    def action_search(self) -> None:
        self._search_x0 = self.chart.x0  # Esc takes the timeline back as well
        super().action_search()

    def _cancel_inline(self) -> None:
        searching = self.inline_mode == "search"
        super()._cancel_inline()
        if searching and self._search_x0 is not None:
            self.chart.scroll_columns(self._search_x0)

    def _reveal(self, task_id: int) -> None:
        """The task's row and its bar in view: a task found in March was selected with its bar
        off the edge of a chart showing December."""
        super()._reveal(task_id)
        self.chart.show_bar()

    # -- view -------------------------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        self.chart.move_to(self.chart.cursor + delta)

    def action_page(self, pages: int) -> None:
        self.chart.move_to(self.chart.cursor + pages * self.chart.page)

    def action_first(self) -> None:
        self.chart.move_to(0)

    def action_last(self) -> None:
        self.chart.move_to(len(self.chart.rows) - 1)

    def action_time(self, steps: int) -> None:
        self.chart.scroll_time(steps)

    def action_time_page(self, pages: int) -> None:
        self.chart.scroll_page(pages)

    def action_zoom(self, delta: int) -> None:
        zooms = gl.ZOOMS
        i = zooms.index(self.chart.scale.zoom) + delta
        if not 0 <= i < len(zooms):
            self.notify(f"Zoom is at {zooms[min(max(i, 0), len(zooms) - 1)]} already", timeout=2)
            return
        self.chart.set_zoom(zooms[i])
        self._show_info()

    def action_today(self) -> None:
        self.chart.go_today()

    def action_status_date(self) -> None:
        plan = self.chart.plan
        if plan is None:
            return
        p = plan.project
        # the date the header gives as the status: D said no status date was set and stayed put
        # while the header read 'status 2027-01-04 (not started)'; both now name the same day
        as_of = figures_date(p.status_date, p.start, self.chart.today)
        if as_of.default:
            why = "the project start" if as_of.source == START else "today"
            self.notify(f"No status date set: the header's {as_of.day} ({as_of.short}) is {why}, the date the "
                        "figures use until one is set. The stand-up's D or `pmtui project status-date DATE` "
                        "sets one", severity="warning", timeout=6)
        self.chart.show_date(as_of.day)  # placed where t places today, so the two read alike

    def action_show_bar(self) -> None:
        self.chart.show_bar()

    def action_toggle_fold(self) -> None:
        t = self._current()
        if t is None:
            return
        if self.chart.toggle_fold() is None:
            self.notify(f"{t.label} has no tasks under it: space folds or opens a summary",
                        severity="warning", timeout=3)

    def action_driving_path(self) -> None:
        if self.chart.current_id is None:
            return
        on = self.chart.toggle_path()
        if on:
            n = len(self.chart.path)
            if n:
                self.notify(f"Driving path: {counted(n, 'task')} marked D {'leads' if n == 1 else 'lead'} to this one",
                            timeout=4)
            else:
                # it named the project start or a constraint for a task held by the status date,
                # by its actual start or by its summary's dates
                plan = self.chart.plan
                t = plan.by_id[self.chart.current_id]
                why = self._driven_by(t, plan.schedule.tasks[t.id]) or "the tasks under it"
                self.notify(f"No task drives {t.label}: it starts {plan.schedule.tasks[t.id].start}, driven by {why}",
                            timeout=4)
        self._show_info()

    def action_baseline(self) -> None:
        chart = self.chart
        if chart.baseline is not None:
            chart.set_baseline(None)
            self._show_info()
            return
        if chart.plan is not None:
            self._load_baseline(chart.plan.project.id, quiet=False)

    @work(thread=True, exclusive=True, group="gantt-baseline")
    def _load_baseline(self, project_id: int, quiet: bool) -> None:
        try:
            saved = baseline_svc.get_baseline(self.app.store, project_id)
        except PmtuiError as exc:
            self.app.post_message(Note(str(exc), severity="error"))
            return
        self.post_message(BaselineLoaded(saved, quiet))

    @on(BaselineLoaded)
    def _baseline_loaded(self, msg: BaselineLoaded) -> None:
        saved, quiet = msg.saved, msg.quiet
        if saved is None:
            shown = self.chart.baseline
            self.chart.set_baseline(None)
            self._show_info()  # its slip went on being shown, for a baseline no longer there
            if not quiet:
                self.notify("No active baseline: save one with `pmtui baseline save NAME`", severity="warning")
            elif shown is not None:
                self.notify(f"Baseline {shown.name!r} was removed (`pmtui baseline rm` or an undo), and no "
                            "other is active: the chart shows none", severity="warning")
            return
        self.chart.set_baseline(saved)
        self._show_info()
        if not quiet:
            self.notify(f"Baseline {saved.name!r} shown as ▁ under the bars (b hides it)", timeout=4)

    # -- edits ------------------------------------------------------------------------------------
    def _current(self):
        chart = self.chart
        tid = chart.current_id
        if tid is None:
            self.notify("No task selected: press 1 and a to add one", severity="warning")
            return None
        return chart.plan.by_id[tid]

    def action_duration(self, days: int) -> None:
        t = self._current()
        if t is None:
            return
        if t.children:
            self.notify(f"{t.label} is a summary: its length comes from its tasks", severity="warning")
            return
        tid = t.id
        self.app.run_edit("Longer" if days > 0 else "Shorter",
                          lambda store, pid: gantt_edits.change_duration(store, pid, tid, days), select=tid)

    def action_edit(self) -> None:
        t = self._current()
        if t is not None:
            edit_task_in_form(self.app, self.chart.plan, t.id)

    def action_shift(self, days: int) -> None:
        t = self._current()
        if t is None:
            return
        tid = t.id

        def said(shift) -> int:
            # runs in the edit worker once the change is stored: tell the user what was set
            before = "" if shift.replaced in ("ASAP", "SNET") else f" (it replaces its {shift.replaced} constraint)"
            self.app.post_message(Note(f"{shift.label}: start no earlier than {shift.start}{before}. u undoes it."))
            return tid

        self.app.run_edit("Later" if days > 0 else "Earlier",
                          lambda store, pid: gantt_edits.shift_start(store, pid, tid, days), select=said,
                          task=tid)

    def action_link(self, side: str) -> None:
        t = self._current()
        if t is None:
            return
        tid, plan = t.id, self.chart.plan
        title = f"Predecessor of {t.label}" if side == "pred" else f"Successor of {t.label}"

        def submit(prompt: LinkPrompt, text: str) -> None:
            try:
                refs = parse_predecessors(text)
                if len(refs) != 1:
                    raise PmtuiError("give one task: a WBS code like 2.3, or 2.3SS+2d")
                other = plan.resolve(refs[0].ref)
            except PmtuiError as exc:
                prompt.show_error(str(exc))
                return
            link = refs[0]
            pred, succ = (other.id, tid) if side == "pred" else (tid, other.id)
            prompt.show_error("")
            self.app.run_edit(
                "Link",
                lambda store, pid: task_svc.link_tasks(store, pid, ref(pred), ref(succ), type=link.type, lag=link.lag),
                select=tid, form=prompt,
                say_plan=lambda after: after.progress_keeps(succ) if succ in after.by_id else "",
            )

        self.app.push_screen(LinkPrompt(title, submit, plan))
