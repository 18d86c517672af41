"""The Gantt timeline as one Line-API widget: a narrow task column and the bars beside it, each
line drawn on demand (``render_line``) and cached, so 100,000 tasks scroll as fast as 100.

What goes in each cell comes from pmtui.services.gantt_layout (shared with `pmtui gantt`); this
widget keeps the view: the cursor row, the first column of the timeline in view, the zoom, and
which rows are related to the selected task. A cursor move repaints only the rows it changed.
"""

from __future__ import annotations

from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pmtui.services import gantt_layout as gl
from pmtui.widgets.folds import outline_rows
from pmtui.widgets.line_cache import LineCache
from pmtui.widgets.row_cursor import RowCursor

HEADER_ROWS = 2
# Fewer links than this: a pass over them finds a task's successors in under a millisecond,
# until the index of them is built (see GanttChart.set_plan).
SCAN_LINKS = 20_000


def theme_styles(var: dict[str, str], base: Style) -> dict[str, Style]:
    """Rich styles for the layout's style names, from the theme's colours. Read from the theme's
    variables rather than from component classes: eighteen component classes cost a tenth of a
    second of CSS work when the screen is first shown."""

    def colour(name: str):
        return Color.parse(var[name]).rich_color

    muted = Color.parse(var["foreground"]).blend(Color.parse(var["background"]), 0.5).rich_color
    extra = {
        "header": Style(bold=True, bgcolor=colour("panel")),
        "cursor": Style(bgcolor=colour("pm-cursor-bg")),
        "bar": Style(color=colour("primary")),
        "crit": Style(color=colour("pm-critical")),
        "done": Style(color=colour("pm-done")),
        "summary": Style(bold=True),
        "milestone": Style(color=colour("accent"), bold=True),
        "crit_milestone": Style(color=colour("pm-critical"), bold=True),
        "slack": Style(color=muted),
        "deadline": Style(color=colour("warning"), bold=True),
        "late": Style(color=colour("error"), bold=True),
        "baseline": Style(color=colour("secondary")),
        "off": Style(bgcolor=colour("panel")),
        "today": Style(color=colour("accent"), bold=True),
        "status": Style(color=colour("secondary")),
        "rel": Style(color=colour("accent"), bold=True),
        "path": Style(color=colour("pm-changed"), bold=True),
        "flag": Style(color=colour("warning"), bold=True),
    }
    styles = {"": base}
    for name, st in extra.items():
        styles[name] = base + st
        styles["+" + name] = st
    under = Style(underline=True)
    for name in list(styles):
        styles[name + gl.ON_BASELINE] = styles[name] + under  # drawn over the baseline
    return styles


class GanttChart(RowCursor, ScrollView, can_focus=True, inherit_bindings=False):
    """Task rows in outline order; the keys are the screen's (so they can be remapped by id)."""

    DEFAULT_CSS = """
    GanttChart { overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 1; }
    """

    class CursorMoved(Message):
        def __init__(self, task_id: int | None) -> None:
            super().__init__()
            self.task_id = task_id

    def __init__(self, *, zoom: str = "week", id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = None
        self.no_plan_text = ""
        self.rows: list[int] = []
        self.index_of: dict[int, int] = {}
        # the summaries folded: the app's set, shared with the WBS table (see on_mount)
        self.collapsed: set[int] = set()
        self._folded_as: frozenset[int] = frozenset()  # the folds the rows were built with
        self.cursor = 0
        self.scale = gl.Timescale(zoom)
        self.x0: int | None = None  # first timeline column in view; None until a plan arrives
        self._zoomed = None  # ((x0, width) a zoom left, the middle date it kept)
        self.baseline = None  # a SavedBaseline shown under the bars, or None
        self.path_on = False
        self.path: set[int] = set()
        self.related: dict[int, str] = {}
        self.successors: gl.Successors | None = None
        self._cache: LineCache[tuple, Strip] = LineCache(2048)
        self._styles: dict[str, Style] | None = None
        self._back: tuple[tuple, list] | None = None
        self._bars: LineCache[int, gl.Bar] = LineCache(4096)
        self._first: date | None = None  # the plan's first day, see _first_day
        self.room_below = 0  # blank rows the view may scroll past the last task: see make_room

    def make_room(self, rows: int) -> None:
        """Let the view scroll ``rows`` past the last task, as TaskTable.make_room: a search bar
        over the bottom row covered the last task when it was the match."""
        self.room_below = rows
        self.virtual_size = Size(self.size.width, len(self.rows) + HEADER_ROWS + rows)

    # -- data -------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        folded = getattr(self.app, "folded", None)
        if isinstance(folded, set) and folded is not self.collapsed:
            folded |= self.collapsed
            self.collapsed = folded

    def _theme_changed(self, _theme: str) -> None:
        self._styles = None
        self._cache.clear()
        self.refresh()

    @property
    def today(self) -> date:
        return getattr(self.app, "today", None) or date.today()

    def set_plan(self, plan, *, select_id: int | None = None, no_plan_text: str = "") -> None:
        """``plan`` None: no bars, ``no_plan_text`` in their place (the project is gone)."""
        self.no_plan_text = no_plan_text
        if plan is None:
            self.plan, self.rows, self.baseline, self.successors = None, [], None, None
            self.index_of = {}
            self.path_on, self.path, self.related = False, set(), {}
            self.x0, self._back = None, None
            self._bars.clear()
            self._cache.clear()
            self.virtual_size = Size(self.size.width, HEADER_ROWS)
            self.refresh()
            self.post_message(self.CursorMoved(None))
            return
        keep = self.current_id if select_id is None else select_id
        if self.plan is not None and self.plan.project.id != plan.project.id:
            # Another project (o): its own first view, without the last one's baseline or
            # driving path. The view stayed on the dates of the project left, often an empty
            # chart with every bar off its edge.
            self.x0, self._zoomed, self.baseline = None, None, None
            self.path_on, self.path = False, set()
        self.plan, self._first = plan, None
        if self.collapsed:  # (a set of 100,000 ids made at each edit otherwise)
            if keep is not None and keep in plan.by_id:
                # an edit's task (a new subtask) is shown, its summaries opened, as on the WBS
                self.collapsed -= set(plan.ancestors(keep))
            self.collapsed.intersection_update(plan.by_id)
        self._build_rows()
        self._bars.clear()
        self._cache.clear()
        self._back = None
        if keep is not None and keep in self.index_of:
            self.cursor = self.index_of[keep]
        self.cursor = max(0, min(self.cursor, len(self.rows) - 1))
        if self.x0 is None and self.rows and self.size.width:
            self.go_first_view()
        self.successors = None
        if len(plan.links) < SCAN_LINKS:
            # Once the frame is out: until then _relate finds the selected task's successors by
            # a pass over the links. Sorting them all for the index was 15 % of the Gantt's
            # first frame at 10,000 tasks (and it held up the frame of each edit as well).
            self.call_after_refresh(self._index_successors, plan)
        else:
            # under a tenth of a second at 100,000 tasks: built once the first frame is out (in a
            # thread it would hold the GIL and slow that frame down more)
            self.set_timer(0.5, lambda: self._index_successors(plan))
        self._relate()
        self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self.current_id))

    def _build_rows(self) -> None:
        """The rows in outline order, none under a folded summary."""
        self._folded_as = frozenset(self.collapsed)
        rows, self.index_of = outline_rows(self.plan, self._folded_as)
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + HEADER_ROWS + self.room_below)

    def _refold(self, keep: int | None) -> None:
        """The rows again after a fold, the cursor on ``keep`` or the summary it is folded under."""
        self._build_rows()
        plan = self.plan
        if keep is not None and keep not in self.index_of and keep in plan.by_id:
            keep = next((a for a in plan.ancestors(keep) if a in self.index_of), None)
        self.cursor = self.index_of.get(keep, max(0, min(self.cursor, len(self.rows) - 1)))
        self._cache.clear()
        self._relate()
        self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self.current_id))

    def refold(self) -> None:
        """The rows again if a summary was folded or opened elsewhere (the WBS screen)."""
        if self.plan is not None and frozenset(self.collapsed) != self._folded_as:
            self._refold(self.current_id)

    def toggle_fold(self) -> bool | None:
        """Fold the selected summary, or open it; None if the row is not a summary."""
        tid = self.current_id
        if tid is None or not self.plan.by_id[tid].children:
            return None
        self.collapsed ^= {tid}
        self._refold(tid)
        return tid in self.collapsed

    def _index_successors(self, plan) -> None:
        if plan is self.plan:
            self.successors = gl.Successors(plan.links)
            self._refresh_tasks(self._relate())

    def set_baseline(self, baseline) -> None:
        self.baseline = baseline
        self._bars.clear()
        self._cache.clear()
        self.refresh()

    @property
    def current_id(self) -> int | None:
        return self.rows[self.cursor] if self.rows else None

    def bar(self, tid: int) -> gl.Bar:
        bar = self._bars.get(tid)
        if bar is None:
            bar = self._bars[tid] = gl.bar_of(self.plan, tid, self.baseline)
        return bar

    # -- the selected task and its relations --------------------------------------------------------
    def _relate(self) -> set[int]:
        """Recompute the marks of related rows; returns the ids whose mark changed."""
        old = self.related
        new: dict[int, str] = {}
        tid = self.current_id
        plan = self.plan
        if tid is not None and plan is not None:
            for link in plan.preds_of.get(tid, ()):
                new[link.pred_id] = "P"
            if self.successors is not None:
                succs = self.successors.of(tid)
            elif len(plan.links) < SCAN_LINKS:
                succs = [k.succ_id for k in plan.links if k.pred_id == tid]
            else:
                succs = ()  # the S marks appear once the successor index is built (see set_plan)
            for succ in succs:
                new[succ] = "S"
            if self.path_on:
                self.path = set(self.plan.schedule.driving_path(tid)) - {tid}
                for p in self.path:
                    new[p] = "D"
            else:
                self.path = set()
        self.related = new
        return {t for t in old.keys() | new.keys() if old.get(t) != new.get(t)}

    def toggle_path(self) -> bool:
        self.path_on = not self.path_on
        self._refresh_tasks(self._relate())
        return self.path_on

    # -- cursor -------------------------------------------------------------------------------------
    header_rows = HEADER_ROWS

    def _cursor_changed(self) -> set[int]:
        return self._relate()

    def _refresh_tasks(self, task_ids: set[int]) -> None:
        """Repaint the task column of the rows in view whose mark changed (their bars did not)."""
        if not task_ids:
            return
        top = round(self.scroll_offset.y)
        for i, tid in enumerate(self.rows[top:top + self.page]):
            if tid in task_ids:
                self.refresh(Region(0, i + HEADER_ROWS, self.task_width, 1))

    def select_task(self, task_id: int | None) -> None:
        """Put the cursor on a task, opening the summaries it is folded under (as the WBS does)."""
        if task_id is not None and self.plan is not None and task_id in self.plan.by_id:
            if task_id not in self.index_of:
                self.collapsed -= set(self.plan.ancestors(task_id))
                self._refold(self.current_id)
            self.move_to(self.index_of[task_id])

    # -- time ---------------------------------------------------------------------------------------
    @property
    def task_width(self) -> int:
        return gl.task_width(self.scrollable_content_region.width)

    @property
    def timeline_width(self) -> int:
        return max(1, self.scrollable_content_region.width - self.task_width - 1)

    def _first_day(self) -> date:
        """The plan's first day: its start, or a task's actual start before it (work recorded
        before the start was moved, or imported so); nothing else is scheduled before the start.
        Read from the rows, once per plan: the schedule builds each task's result on demand."""
        if self._first is None:
            start = self.plan.schedule.start
            self._first = min((t.actual_start for t in self.plan.tasks if t.actual_start is not None and
                               t.actual_start < start), default=start)
        return self._first

    def _limits(self) -> tuple[int, int]:
        """Leftmost and rightmost first column: the plan, today and the status date stay in reach.
        From the plan's first day, not its start: a bar begun before it was out of reach of f."""
        sched = self.plan.schedule
        days = [self._first_day(), sched.finish, self.today]
        if self.plan.project.status_date:
            days.append(self.plan.project.status_date)
        w, sc = self.timeline_width, self.scale
        # snapped, so that a view held at either end still starts on a labelled period: at the
        # year zoom a plan of a few months held the view a column into a quarter ("Q2 Q3  Q4")
        return sc.snap(sc.col(min(days)) - w // 2), sc.snap(sc.end_col(max(days)) - w // 2)

    def scroll_columns(self, x0: int) -> None:
        if self.plan is None or not self.rows:
            return
        lo, hi = self._limits()
        x0 = max(lo, min(x0, hi))
        if x0 != self.x0:
            self.x0 = x0
            self.refresh()

    def scroll_time(self, steps: int) -> None:
        self.scroll_columns((self.x0 or 0) + steps * self.scale.step())

    def scroll_page(self, pages: int) -> None:
        self.scroll_columns(self.scale.snap((self.x0 or 0) + pages * max(1, self.timeline_width - 4)))

    def show_date(self, day: date, at: float = 0.25) -> None:
        """Scroll so ``day`` sits at the fraction ``at`` of the timeline's width."""
        self.scroll_columns(self.scale.snap(self.scale.col(day) - int(self.timeline_width * at)))

    def go_today(self) -> None:
        self.show_date(self.today)

    def go_first_view(self) -> None:
        """The status date (else today) a quarter in, as t puts today, taken to the plan's nearer
        end when outside it; and never more than a quarter of the view past either end, so a
        plan over before today opens on its last weeks (it opened with its finish a quarter in,
        three quarters of the chart empty) and one starting next month on its start."""
        sched = self.plan.schedule
        day = min(max(self.plan.project.status_date or self.today, sched.start), sched.finish)
        w, sc = self.timeline_width, self.scale
        x0 = sc.col(day) - w // 4
        x0 = min(x0, sc.end_col(sched.finish) - (w - w // 4))
        x0 = max(x0, sc.col(sched.start) - w // 4)  # a plan shorter than the view: from its start
        self.scroll_columns(sc.snap(x0))

    def show_bar(self) -> None:
        """Bring the selected task's bar (and its slack) into view, from its start if it is long."""
        tid = self.current_id
        if tid is None:
            return
        bar = self.bar(tid)
        s, f = self.scale.span(bar.start, bar.finish)
        if bar.slack_until is not None:
            f = max(f, self.scale.end_col(bar.slack_until))
        w = self.timeline_width
        x0 = self.x0 or 0
        if s >= x0 and f < x0 + w:
            return
        self.scroll_columns(s - (w - (f - s + 1)) // 2 if f - s + 1 < w - 4 else s - 2)

    def bar_shown(self) -> bool:
        """Whether enough of the selected task's bar is in view to be seen: all of a short one,
        four columns of a long one (a long phase may fill the view past both edges)."""
        tid = self.current_id
        if tid is None or self.x0 is None:
            return True
        bar = self.bar(tid)
        s, f = self.scale.span(bar.start, bar.finish)
        x0, w = self.x0, self.timeline_width
        return min(f, x0 + w - 1) - max(s, x0) + 1 >= min(f - s + 1, 4)

    def set_zoom(self, zoom: str) -> None:
        """Change the zoom, keeping the date in the middle of the view where it was."""
        if zoom == self.scale.zoom:
            return
        middle = self.scale.date_at((self.x0 or 0) + self.timeline_width // 2)
        if self._zoomed is not None and self._zoomed[0] == (self.x0, self.timeline_width):
            # not scrolled since the last zoom: its middle, not the one its snap to a quarter or
            # a month left (each round trip out and in drifted by weeks)
            middle = self._zoomed[1]
        self.scale = gl.Timescale(zoom)
        self._cache.clear()
        self._back = None
        self.x0 = None
        self.show_date(middle, 0.5)
        self._zoomed = ((self.x0, self.timeline_width), middle)
        self.refresh()

    @property
    def view_dates(self) -> tuple[date, date]:
        x0 = self.x0 or 0
        return self.scale.date_at(x0), self.scale.days_of(x0 + self.timeline_width - 1)[1]

    # -- drawing ------------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        if self._styles is None:
            self._styles = theme_styles(self.app.get_css_variables(), self.rich_style)
        return self._styles[name]

    def on_resize(self) -> None:
        self._cache.clear()
        self._back = None
        self.virtual_size = Size(self.size.width, len(self.rows) + HEADER_ROWS + self.room_below)
        if self.x0 is None and self.rows:
            self.go_first_view()  # the plan came before the widget had a size
        # A smaller terminal shows fewer rows: the cursor row stays in view (as in TaskTable).
        self._scroll_to_cursor()

    def _background(self, width: int) -> list[tuple[str, str]]:
        key = (self.x0, self.scale.zoom, width, self.today)
        if self._back is None or self._back[0] != key:
            status = self.plan.project.status_date
            cells = gl.background(self.scale, self.x0 or 0, width, self.plan.calendar.is_working,
                                  self.today, status)
            self._back = (key, cells)
        return self._back[1]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self.plan is None or not self.rows:
            said = (self.no_plan_text if self.plan is None and self.no_plan_text
                    else "No tasks yet: press 1 and a to add one").splitlines()
            if y < len(said):
                return Strip([Segment(f" {said[y]}".ljust(width), self._style("header"))])
            return Strip.blank(width, self._style(""))
        tw = self.task_width
        lw = max(1, width - tw - 1)
        if y < HEADER_ROWS:
            return self._header(y, tw, lw)
        index = round(self.scroll_offset.y) + y - HEADER_ROWS
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self._style(""))
        tid = self.rows[index]
        selected = index == self.cursor
        relation = self.related.get(tid, " ")
        folded = tid in self.collapsed
        key = (tid, selected, relation, self.x0, self.scale.zoom, width, self.baseline is not None, folded)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(tid, tw, lw, selected, relation)
            self._cache[key] = strip
        return strip

    def _header(self, y: int, tw: int, lw: int) -> Strip:
        top, bottom = self.scale.header(self.x0 or 0, lw)
        left = "" if y == 0 else gl.TASK_TITLE
        text = (left.ljust(tw) + "│" + (top if y == 0 else bottom))
        return Strip([Segment(text, self._style("header"))])

    def _render_row(self, tid: int, tw: int, lw: int, selected: bool, relation: str) -> Strip:
        st = self._style
        bar = self.bar(tid)
        text = gl.label(self.plan, tid, tw, relation, bar, folded=tid in self.collapsed)
        cursor = st("+cursor") if selected else None

        def styled(name: str) -> Style:
            s = st(name)
            return s + cursor if cursor is not None else s

        name_style = "path" if relation == "D" else "rel" if relation != " " else ""
        if bar.summary:
            name_style = name_style or "summary"
        segments = [Segment(text[:3], styled("flag")), Segment(text[3:], styled(name_style)),
                    Segment("│", styled("header"))]
        cells = gl.row_cells(self.scale, bar, self.x0 or 0, lw, self._background(lw))
        segments += [Segment(t, styled(s)) for t, s in gl.runs(cells)]
        return Strip(segments)
