"""The WBS as one Line-API widget: rows are drawn on demand (``render_line``) from the plan in
memory and kept in an LRU cache, so 100,000 tasks paint and scroll as fast as 100.

Collapsing is a list of visible task ids; a cursor move repaints only the two rows it changed.
Every mark has a letter as well as a colour: C critical, L late (past its deadline), ! a
constraint that cannot be met, * dates changed by the last edit; ▾/▸ summary, ◆ milestone; a
duration with † is the task's duration now (done + left), not its planned one.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pmtui.models.wording import days
from pmtui.services.gantt_layout import fit
from pmtui.services.plan import NOT_PLANNED
from pmtui.widgets.folds import outline_rows
from pmtui.widgets.line_cache import LineCache
from pmtui.widgets.row_cursor import RowCursor


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    right: bool = False


# Columns in the order shown; the ones at the end are dropped first on a narrow terminal (the
# detail panel shows them for the selected task).
_FIXED = [
    Column("flags", "", 4),
    Column("wbs", "WBS", 7),
    Column("name", "Name", 0),
    Column("dur", "Dur", 5, True),  # "999d†": a duration now beside its mark
    Column("start", "Start", 10),
    Column("finish", "Finish", 10),
    Column("tf", "TF", 5, True),  # floats of 1,000 days and more are whole
    Column("pct", "%", 4, True),
    Column("pred", "Predecessors", 14),
    Column("res", "Resources", 18),
]
_OPTIONAL = ("res", "pred")
MIN_NAME = 22


def layout(width: int) -> list[Column]:
    cols = list(_FIXED)
    for key in _OPTIONAL:
        used = sum(c.width + 1 for c in cols if c.key != "name")
        if width - used >= MIN_NAME + 6 or key not in {c.key for c in cols}:
            break
        cols = [c for c in cols if c.key != key]
    used = sum(c.width + 1 for c in cols if c.key != "name")
    name_w = max(8, width - used)
    return [Column(c.key, c.title, name_w) if c.key == "name" else c for c in cols]




class TaskTable(RowCursor, ScrollView, can_focus=True):
    """The task tree of one plan, drawn line by line."""

    COMPONENT_CLASSES = {
        "task-table--header",
        "task-table--cursor",
        "task-table--critical",
        "task-table--summary",
        "task-table--changed",
        "task-table--done",
        "task-table--flag",
    }

    DEFAULT_CSS = """
    TaskTable {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    TaskTable > .task-table--header { text-style: bold; background: $panel; }
    TaskTable > .task-table--cursor { background: $pm-cursor-bg; }
    TaskTable:focus > .task-table--cursor { background: $pm-cursor-bg; text-style: bold; }
    TaskTable > .task-table--critical { color: $pm-critical; }
    TaskTable > .task-table--summary { text-style: bold; }
    TaskTable > .task-table--changed { color: $pm-changed; text-style: underline; }
    TaskTable > .task-table--done { color: $pm-done; }
    TaskTable > .task-table--flag { color: $warning; text-style: bold; }
    """

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="wbs.cursor_up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="wbs.cursor_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="wbs.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="wbs.page_down"),
        Binding("home", "first", "First task", show=False, id="wbs.first"),
        Binding("end", "last", "Last task", show=False, id="wbs.last"),
        Binding("left", "collapse", "Collapse / to summary", show=False, id="wbs.collapse"),
        Binding("right", "expand", "Expand / to first task", show=False, id="wbs.expand"),
        Binding("space", "toggle", "Collapse/expand", show=False, id="wbs.toggle"),
        Binding("minus", "collapse_all", "Collapse all", show=False, id="wbs.collapse_all"),
        Binding("plus,equals_sign", "expand_all", "Expand all", show=False, id="wbs.expand_all"),
    ]

    class CursorMoved(Message):
        def __init__(self, task_id: int | None) -> None:
            super().__init__()
            self.task_id = task_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = None
        self.no_plan_text = ""
        self.rows: list[int] = []
        self.index_of: dict[int, int] = {}
        # The summaries folded: the app's set, shared with the Gantt chart (see on_mount), so it
        # is only ever changed in place.
        self.collapsed: set[int] = set()
        self._folded_as: frozenset[int] = frozenset()  # the folds the rows were built with
        self.cursor = 0
        self.previous = None  # the schedule before the last edit, to mark changed dates
        self.marks_on = False
        self._changed: dict[int, bool] = {}
        self._cache: LineCache[tuple, Strip] = LineCache(2048)
        self._drawn: dict[int, Strip] = {}  # row index -> the strip render_line last gave
        self._retired = None
        self._styles: dict[str, Style] | None = None
        self._layout: tuple[int, list[Column]] | None = None
        self.room_below = 0  # blank rows the view may scroll past the last task: see make_room

    def make_room(self, rows: int) -> None:
        """Let the view scroll ``rows`` past the last task: the bar of a task added after it
        opens there (it covered the last task, the one the new task goes below)."""
        self.room_below = rows
        self.virtual_size = Size(self.size.width, len(self.rows) + 1 + rows)

    # -- data -----------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        folded = getattr(self.app, "folded", None)
        if isinstance(folded, set) and folded is not self.collapsed:
            folded |= self.collapsed
            self.collapsed = folded

    def refold(self) -> None:
        """The rows again if a summary was folded or opened elsewhere (the Gantt screen), the
        cursor on the selected task or on the summary it is now folded under."""
        if self.plan is not None and frozenset(self.collapsed) != self._folded_as:
            self._rebuild(self.current_id)

    def _theme_changed(self, _theme: str) -> None:
        self._styles = None
        self._cache.clear()
        self.refresh()

    def set_plan(self, plan, *, select_id: int | None = None, previous=None, no_plan_text: str = "") -> None:
        """``plan`` None: no rows, ``no_plan_text`` in their place (the project is gone)."""
        self.no_plan_text = no_plan_text
        if plan is None:
            self.plan, self.previous, self.marks_on, self._changed = None, None, False, {}
            self.collapsed.clear()
            self._rebuild(None)
            return
        keep = self.current_id if select_id is None else select_id
        old = self.plan
        self.plan = plan
        if previous is not None:
            # The schedule this replaces is freed after the frame is drawn: freeing its lists
            # took a millisecond or two of each edit at 10,000 tasks.
            self._retired = (self.previous, self._changed)
            self.call_after_refresh(self._drop_retired)
            self.previous, self.marks_on, self._changed = previous, True, {}
        opened = set(plan.ancestors(keep)) & self.collapsed if keep is not None and keep in plan.by_id else set()
        if old is not None and plan.shape is old.shape and not opened:
            # The same tree in the same order (an edit of a task's values): the same rows.
            # Walking 10,000 tasks for them took 5-7 ms of each progress edit.
            self._rebuild(keep, same_rows=True)
            return
        self.collapsed &= set(plan.by_id)
        self.collapsed -= opened
        self._rebuild(keep)

    def _drop_retired(self) -> None:
        self._retired = None

    def clear_marks(self) -> None:
        if self.marks_on:
            self.marks_on, self.previous, self._changed = False, None, {}
            self._cache.clear()
            self.refresh()

    def _rebuild(self, keep: int | None, *, same_rows: bool = False) -> None:
        plan = self.plan
        rows = self.rows
        if not same_rows:
            self._folded_as = frozenset(self.collapsed)
            rows, self.index_of = outline_rows(plan, self._folded_as) if plan is not None else ([], {})
            self.rows = rows
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(rows) + 1 + self.room_below)
        cursor = self.cursor
        if keep is not None and plan is not None and keep in plan.by_id and keep not in self.index_of:
            keep = next((a for a in plan.ancestors(keep) if a in self.index_of), None)  # folded under it
        if keep is not None and keep in self.index_of:
            self.cursor = self.index_of[keep]
        self.cursor = max(0, min(self.cursor, len(rows) - 1))
        if same_rows and self.cursor == cursor and self.is_attached and self.screen.is_current:
            self._repaint_changed_rows()
        else:
            self._drawn.clear()
            self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self.current_id))

    def _repaint_changed_rows(self) -> None:
        """After an edit that kept the rows: render the visible rows now and repaint only those
        that changed. A progress edit changes a row or two; repainting all of them took 8 ms of
        Textual's compositing per edit at 10,000 tasks and sent a whole screen over SSH."""
        drawn, self._drawn = self._drawn, {}
        width = self.scrollable_content_region.width
        top = round(self.scroll_offset.y)
        rows, collapsed = self.rows, self.collapsed
        for index in range(top, min(top + self.page, len(rows))):
            tid = rows[index]
            selected = index == self.cursor
            changed = self._is_changed(tid)
            strip = self._render_row(tid, width, selected, changed)
            self._cache[(tid, selected, width, changed, tid in collapsed)] = strip
            if drawn.get(index) != strip:
                self._refresh_row(index)
            self._drawn[index] = strip

    @property
    def current_id(self) -> int | None:
        return self.rows[self.cursor] if self.rows else None

    @property
    def current(self):
        tid = self.current_id
        return self.plan.by_id[tid] if tid is not None else None

    # -- cursor ---------------------------------------------------------------------------------
    def select_task(self, task_id: int) -> None:
        """Put the cursor on a task, expanding its summaries if they are collapsed; a task not
        in the plan (the shared selection may name one of the project shown before) is ignored."""
        if task_id not in self.plan.by_id:
            return
        if task_id not in self.index_of:
            hidden = set(self.plan.ancestors(task_id)) & self.collapsed
            if hidden:
                self.collapsed -= hidden
                self._rebuild(self.current_id)
        if task_id in self.index_of:
            self.move_to(self.index_of[task_id])

    def refresh_task(self, task_id: int) -> None:
        if task_id in self.index_of:
            self._refresh_row(self.index_of[task_id])

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self.page)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self.page)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(len(self.rows) - 1)

    # -- collapse and expand --------------------------------------------------------------------
    def action_collapse(self) -> None:
        row = self.current
        if row is None:
            return
        if row.children and row.id not in self.collapsed:
            self.collapsed.add(row.id)
            self._rebuild(row.id)
        elif row.parent_id is not None:
            self.select_task(row.parent_id)
        else:
            # a top-level task (or phase already folded): the key did nothing, and said nothing
            what = "is folded already" if row.children else "has no summary above it"
            self.notify(f"{row.label} {what}: ← folds a summary or goes up to the one above a task",
                        severity="warning", timeout=3)

    def action_expand(self) -> None:
        """As a file tree: a folded summary opens, an open one goes to its first task."""
        row = self.current
        if row is None:
            return
        if row.id in self.collapsed:
            self.collapsed.discard(row.id)
            self._rebuild(row.id)
        elif row.children:
            self.select_task(row.children[0])
        else:
            self.notify(f"{row.label} has no tasks under it: → opens a summary or goes to its first task",
                        severity="warning", timeout=3)

    def action_toggle(self) -> None:
        row = self.current
        if row is None:
            return
        if not row.children:
            # it did nothing, and said nothing
            self.notify(f"{row.label} has no tasks under it: space collapses or expands a summary",
                        severity="warning", timeout=3)
            return
        self.collapsed ^= {row.id}
        self._rebuild(row.id)

    def action_collapse_all(self) -> None:
        if self.plan is None:
            return
        row = self.current
        self.collapsed.clear()
        self.collapsed.update(t.id for t in self.plan.tasks if t.children)
        keep = row.id if row is not None else None
        if row is not None and row.parent_id is not None:
            keep = ([*reversed(self.plan.ancestors(row.id))] or [row.id])[0]
        self._rebuild(keep)

    def action_expand_all(self) -> None:
        self.collapsed.clear()
        self._rebuild(self.current_id)

    # -- drawing --------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            names = ("header", "cursor", "critical", "summary", "changed", "done", "flag")
            self._styles = {"base": base}
            for n in names:
                self._styles[n] = base + self.get_component_rich_style(f"task-table--{n}", partial=True)
        return self._styles[name]

    def _columns(self, width: int) -> list[Column]:
        if self._layout is None or self._layout[0] != width:
            self._layout = (width, layout(width))
        return self._layout[1]

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.rows) + 1 + self.room_below)
        # A smaller terminal shows fewer rows: the cursor row stays in view (it was left below
        # the bottom until the next key).
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = round(self.scroll_offset.y) + y - 1
        if not 0 <= index < len(self.rows):
            said = self.no_plan_text.splitlines() if self.plan is None else ()
            if 0 <= index < len(said):
                return Strip([Segment(fit(f" {said[index]}", width), self._style("summary"))], width)
            return Strip.blank(width, self._style("base"))
        tid = self.rows[index]
        selected = index == self.cursor
        changed = self._is_changed(tid)
        key = (tid, selected, width, changed, tid in self.collapsed)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(tid, width, selected, changed)
            self._cache[key] = strip
        # what each row shows, for _repaint_changed_rows (a page or two of entries)
        drawn = self._drawn
        if len(drawn) > 4 * self.page:
            drawn.clear()
        drawn[index] = strip
        return strip

    def _header(self, width: int) -> Strip:
        cols = self._columns(width)
        text = " ".join(fit(c.title, c.width, c.right) for c in cols)
        return Strip([Segment(fit(text, width), self._style("header"))], width)

    def _is_changed(self, tid: int) -> bool:
        if not self.marks_on or self.previous is None:
            return False
        hit = self._changed.get(tid)
        if hit is None:
            old = self.previous.tasks.get(tid) if tid in self.previous.tasks else None
            new = self.plan.schedule.tasks[tid]
            hit = old is None or (old.start, old.finish) != (new.start, new.finish)
            self._changed[tid] = hit
        return hit

    def cells(self, tid: int) -> dict[str, str]:
        """The texts of one row, by column key (also used by tests and the detail panel)."""
        plan = self.plan
        t = plan.by_id[tid]
        ts = plan.schedule.tasks[tid]
        flags = (
            ("C" if ts.critical else " ")
            + ("L" if ts.late else " ")
            + ("!" if any("cannot be met" in v for v in ts.violations) else " ")
        )
        # plan.durations_now is computed once per plan (prepare_views), a lookup per row here
        dur = plan.duration_text(t)
        if t.children:
            mark = "▸ " if tid in self.collapsed else "▾ "
        elif t.milestone:
            mark = "◆ "
        else:
            mark = "  "
        return {
            "flags": flags,
            "wbs": t.wbs,
            "name": "  " * (t.level - 1) + mark + t.name,
            "dur": dur,
            "start": ts.start.isoformat(),
            "finish": ts.finish.isoformat(),
            "tf": days(ts.total_float),
            "pct": f"{plan.percent[tid]:.0f}%" if t.children else f"{t.percent_complete}%",
            "pred": plan.predecessors_text(tid),
            "res": plan.resources_text(tid),
            "_critical": ts.critical,
            "_summary": bool(t.children),
            "_done": plan.percent[tid] == 100,
        }

    def _render_row(self, tid: int, width: int, selected: bool, changed: bool) -> Strip:
        cells = self.cells(tid)
        cols = self._columns(width)
        flags = cells["flags"] + ("*" if changed else " ")
        st = self._style
        line_style = st("base")
        if cells["_critical"]:
            line_style = st("critical")
        elif cells["_done"]:
            line_style = st("done")
        if cells["_summary"]:
            line_style = line_style + self.get_component_rich_style("task-table--summary", partial=True)
        cursor = self.get_component_rich_style("task-table--cursor", partial=True) if selected else None

        def styled(s: Style) -> Style:
            return s + cursor if cursor is not None else s

        # Three runs at most: flags, the row up to the dates, and the dates and the rest.
        head, dates, tail = [], [], []
        for c in cols:
            if c.key == "flags":
                continue
            cell = cells[c.key]
            if c.key == "dur" and not cell.endswith(NOT_PLANNED):
                cell += " "  # the mark's place: the days line up whether a row has one or not
            text = fit(cell, c.width, c.right)
            if c.key in ("start", "finish"):
                dates.append(text)
            elif dates:
                tail.append(text)
            else:
                head.append(text)
        segments = [Segment(fit(flags, cols[0].width), styled(st("flag")))]
        if changed:
            segments.append(Segment(" " + " ".join(head) + " ", styled(line_style)))
            segments.append(Segment(" ".join(dates), styled(line_style + self.get_component_rich_style("task-table--changed", partial=True))))
            segments.append(Segment(" " + " ".join(tail), styled(line_style)))
        else:
            rest = " " + " ".join(head + dates + tail)
            segments.append(Segment(rest, styled(line_style)))
        strip = Strip(segments).adjust_cell_length(width, styled(line_style))
        return strip.simplify()
