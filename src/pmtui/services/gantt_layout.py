"""The Gantt chart as text, shared by the timeline screen and `pmtui gantt`: where each date falls
in columns at every zoom, the two header rows, and the cells of one task's row.

Nothing here knows Textual or Rich. A row comes out as runs of (text, style name); the screen
maps the names to its theme's colours and the CLI to a fixed palette, so both draw the same chart.

Columns are counted from a fixed epoch, so a date has the same column whatever part of the plan
is in view and scrolling is plain integer arithmetic. Day and week zooms give every day the same
width; month, quarter and year zooms give every month (quarter) the same width and place days in
it in proportion, so period boundaries line up with the header whatever the month's length. The
year zoom is the quarter's columns drawn narrower: three years at 80 columns, so a two-year
programme fits on one screen with room either side.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from unicodedata import combining, east_asian_width

EPOCH = date(2000, 1, 3)  # a Monday: week columns start on Mondays
ZOOMS = ("day", "week", "month", "quarter", "year")
WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Glyphs: every kind of bar has its own, so the chart reads without colour.
BAR = "▒"
CRITICAL = "▓"
DONE = "█"
MILESTONE = "◆"
SLACK = "╌"
BASELINE = "▁"
DEADLINE = "▕"
TODAY = "│"
STATUS = "┆"
TODAY_AND_STATUS = "║"  # both lines in one column: two strokes, so it reads without colour
BEFORE = "◂"  # the bar is wholly before the view
AFTER = "▸"  # … wholly after it
FOLDED = "+"  # before a folded summary's name (the WBS's ▸ is the chart's AFTER)
ON_BASELINE = "/base"  # ends the style name of a cell drawn over the baseline: underlined

LEGEND = (f"{BAR} task  {CRITICAL} critical  {DONE} done  ▛▀▜ summary  {MILESTONE} milestone  "
          f"{SLACK} slack (total float)  {DEADLINE} deadline  {TODAY} today  {STATUS} status date  "
          f"{TODAY_AND_STATUS} today and status date in one column  "
          f"{BASELINE} baseline (b), underlined where a bar covers it  "
          f"{BEFORE} {AFTER} bar before / after the view (f shows it)  shaded: non-working days")
FLAGS_LEGEND = ("Flags: C critical · L late (finishes after its deadline) · P predecessor / "
                "S successor of the selected task · D on its driving path (d) · "
                f"{FOLDED} before a name: a summary folded (space opens it; folded on the WBS too)")


def _months(d: date) -> int:
    return (d.year - EPOCH.year) * 12 + d.month - 1


def _month_start(m: int) -> date:
    y, mo = divmod(m, 12)
    return date(EPOCH.year + y, mo + 1, 1)


class Timescale:
    """Date ↔ column at one zoom. ``col(d)`` is the first column of day ``d``; a day owns the
    columns up to the next day's first column (at least one, even when days share a column)."""

    # columns per day (day, week) or per period (month; quarter at the quarter and year zooms).
    # A year zoom quarter of 4 keeps "Q1" and a space readable under each.
    WIDTH = {"day": 3, "week": 1, "month": 8, "quarter": 9, "year": 4}

    def __init__(self, zoom: str) -> None:
        if zoom not in ZOOMS:
            raise ValueError(f"zoom {zoom!r}: choose one of {', '.join(ZOOMS)}")
        self.zoom = zoom
        self.k = self.WIDTH[zoom]
        self._period = {"month": 1, "quarter": 3, "year": 3}.get(zoom, 0)  # months per period

    def col(self, d: date) -> int:
        if not self._period:
            return (d - EPOCH).days * self.k
        p = _months(d) // self._period
        first = _month_start(p * self._period)
        length = (_month_start((p + 1) * self._period) - first).days
        return p * self.k + (d - first).days * self.k // length

    def end_col(self, d: date) -> int:
        """Last column of day ``d``."""
        return max(self.col(d), self.col(d + timedelta(days=1)) - 1)

    def span(self, first: date, last: date) -> tuple[int, int]:
        """Columns (inclusive) of the days first … last."""
        c0 = self.col(first)
        return c0, max(c0, self.end_col(last))

    def date_at(self, c: int) -> date:
        """The first day drawn in column ``c``."""
        if not self._period:
            return EPOCH + timedelta(days=c // self.k)
        p, k = divmod(c, self.k)
        first = _month_start(p * self._period)
        length = (_month_start((p + 1) * self._period) - first).days
        # every period is longer than it is wide, so each column holds at least one day: the
        # first is the smallest offset o with o * k // length == k
        return first + timedelta(days=-(-k * length // self.k))

    def days_of(self, c: int) -> tuple[date, date]:
        """First and last day drawn in column ``c``."""
        first = self.date_at(c)
        if not self._period:
            return first, first
        return first, self.date_at(c + 1) - timedelta(days=1)

    def snap(self, c: int) -> int:
        """The first column of the header period (day, week, month, quarter; a quarter at the
        year zoom) holding column c, so that a view starts on a labelled boundary."""
        d = self.date_at(c)
        if self.zoom == "week":
            d -= timedelta(days=d.weekday())
        elif self.zoom == "month":
            d = d.replace(day=1)
        elif self.zoom in ("quarter", "year"):
            d = date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
        return self.col(d)

    def step(self) -> int:
        """Columns to move for one press of h/l: a day, a week, a month or a quarter's third, and
        a quarter at the year zoom (a month there is a column and a third)."""
        return {"day": 3, "week": 7, "month": 2, "quarter": 3, "year": 4}[self.zoom]

    # -- header ------------------------------------------------------------------------------

    def _periods(self, unit: str, c0: int, c1: int):
        """(first column, label) of each period of ``unit`` that shows in columns [c0, c1)."""
        d = self.date_at(c0)
        if unit == "day":
            cur = d
            nxt = lambda x: x + timedelta(days=1)  # noqa: E731
            label = lambda x: f"{x.day:>2}"  # noqa: E731
        elif unit == "week":
            cur = d - timedelta(days=d.weekday())
            nxt = lambda x: x + timedelta(days=7)  # noqa: E731
            label = lambda x: f"{x.day}"  # noqa: E731
        elif unit == "month":
            cur = d.replace(day=1)
            nxt = lambda x: _month_start(_months(x) + 1)  # noqa: E731
            label = (lambda x: MONTHS[x.month - 1]) if self.zoom == "month" else (
                lambda x: f"{MONTHS[x.month - 1]} {x.year}")
        elif unit == "quarter":
            cur = date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
            nxt = lambda x: _month_start(_months(x) + 3)  # noqa: E731
            label = lambda x: f"Q{(x.month - 1) // 3 + 1}"  # noqa: E731
        else:
            cur = date(d.year, 1, 1)
            nxt = lambda x: date(x.year + 1, 1, 1)  # noqa: E731
            label = lambda x: str(x.year)  # noqa: E731
        while self.col(cur) < c1:
            yield self.col(cur), self.col(nxt(cur)), label(cur)
            cur = nxt(cur)

    def header(self, c0: int, width: int) -> tuple[str, str]:
        """The two header rows for columns [c0, c0 + width)."""
        top, bottom = {"day": ("month", "day"), "week": ("month", "week"),
                       "month": ("year", "month"), "quarter": ("year", "quarter"),
                       "year": ("year", "quarter")}[self.zoom]
        upper = self._row(top, c0, width)
        if self.zoom == "day":
            upper = self._weekdays(upper, c0, width)
        return upper, self._row(bottom, c0, width)

    def _weekdays(self, row: str, c0: int, width: int) -> str:
        """The day zoom's top row with each day's weekday over its number, where the month's
        name leaves room. Weekends were told by their shading alone, which a monochrome terminal
        or NO_COLOR does not show. Two letters, so that Tuesday and Thursday differ."""
        cells = list(row)
        for start, _end, _label in self._periods("day", c0, c0 + width):
            at = start - c0
            if at < 0 or at + 2 > width:
                continue  # a day cut at either edge, as its number is
            # a blank before it too: "Dec 2026" then "Tu", never "Dec 2026Tu"
            if all(c == " " for c in cells[max(at - 1, 0):at + 2]):
                cells[at:at + 2] = WEEKDAYS[self.date_at(start).weekday()]
        return "".join(cells)

    def _row(self, unit: str, c0: int, width: int) -> str:
        cells = [" "] * width
        for start, end, label in self._periods(unit, c0, c0 + width):
            room = end - start - (1 if end - start > 2 else 0)
            text = label[:max(room, 0)]
            at = start - c0
            if at < 0:
                # a month or year under way is named at the left edge, if it fits; a day or
                # week is not, as its number there would read as the date of that column
                if unit in ("day", "week") or end - c0 - 1 < len(text):
                    continue
                at = 0
            if at + len(text) > width:  # cut at the right edge, "2" of "23" would mislead
                continue
            cells[at:at + len(text)] = text
        return "".join(cells)


@dataclass(slots=True, frozen=True)
class Bar:
    """What one task's row shows, in dates; built by :func:`bar_of` from a scheduled plan."""

    start: date
    finish: date
    summary: bool = False
    milestone: bool = False
    critical: bool = False
    percent: int = 0
    slack_until: date | None = None  # last day of total float after the bar
    deadline: date | None = None
    late: bool = False
    baseline: tuple[date, date] | None = None


def bar_of(plan, task_id: int, baseline=None) -> Bar:
    """The row of one task of a scheduled ``Plan`` (``baseline``: a SavedBaseline or None)."""
    t = plan.by_id[task_id]
    ts = plan.schedule.tasks[task_id]
    summary = bool(t.children)
    slack = None
    if not summary and ts.total_float > 0 and not ts.completed:
        slack = plan.schedule.calendar.date_of(ts.ef + ts.total_float)
    base = None
    if baseline is not None:
        row = baseline.tasks.get(task_id)
        if row is not None:
            base = (row.start, row.finish)
    return Bar(ts.start, ts.finish, summary=summary, milestone=ts.milestone, critical=ts.critical,
               percent=100 if ts.completed else round(plan.percent[task_id]), slack_until=slack,
               deadline=t.deadline, late=ts.late, baseline=base)


def background(scale: Timescale, c0: int, width: int, is_working, today: date | None,
               status: date | None) -> list[tuple[str, str]]:
    """(glyph, style) of the empty cells of a row: non-working days shaded, today's and the status
    date's lines. The same for every row, so it is computed once per view."""
    cells = []
    for c in range(c0, c0 + width):
        first, last = scale.days_of(c)
        off = all(not is_working(first + timedelta(days=i)) for i in range((last - first).days + 1))
        cells.append((" ", "off" if off else ""))
    at_status = scale.col(status) - c0 if status is not None else None
    at_today = scale.col(today) - c0 if today is not None else None
    for at, glyph, style in ((at_status, STATUS, "status"), (at_today, TODAY, "today")):
        if at is not None and 0 <= at < width:
            cells[at] = (glyph, style)
    if at_today is not None and at_today == at_status and 0 <= at_today < width:
        # Today's line was drawn over the status date's, which vanished whenever the two shared
        # a column (the same day, or days of one column at the month zoom and wider)
        cells[at_today] = (TODAY_AND_STATUS, "today")
    return cells


def row_cells(scale: Timescale, bar: Bar, c0: int, width: int,
              back: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(glyph, style) of each column of one task's row, drawn over ``back``."""
    cells = list(back)
    c1 = c0 + width

    def paint(a: int, b: int, glyph: str, style: str) -> None:
        for c in range(max(a, c0), min(b, c1 - 1) + 1):
            cells[c - c0] = (glyph, style)

    s, f = scale.span(bar.start, bar.finish)
    if bar.slack_until is not None and bar.slack_until > bar.finish:
        paint(f + 1, scale.end_col(bar.slack_until), SLACK, "slack")
    if bar.baseline is not None:
        # over the slack (b asks for the baseline; the info line gives the float), under the bar
        b0, b1 = scale.span(*bar.baseline)
        paint(b0, b1, BASELINE, "baseline")
    if bar.deadline is not None:
        at = scale.end_col(bar.deadline)
        paint(at, at, DEADLINE, "deadline")
    if bar.milestone:
        at = scale.end_col(bar.finish)
        style = "crit_milestone" if bar.critical else "milestone"
        paint(at, at, MILESTONE, style)
        return _finished(cells, at, at, c0, style, scale, bar)
    done = round((f - s + 1) * bar.percent / 100)
    if bar.percent > 0 and done == 0:
        done = 1
    if bar.summary:
        if f > s:
            paint(s, s, "▛", "summary")
            paint(s + 1, f - 1, "▀", "summary")
            paint(f, f, "▜", "summary")
        else:
            paint(s, s, "▀", "summary")
        # its tasks' progress rolled up, in the colour of done work over its own glyphs (as MS
        # Project draws it): a phase half done looked the same as one not begun
        for c in range(max(s, c0), min(s + done - 1, c1 - 1) + 1):
            cells[c - c0] = (cells[c - c0][0], "done")
        return _finished(cells, s, f, c0, "summary", scale, bar)
    glyph, style = (CRITICAL, "crit") if bar.critical else (BAR, "bar")
    paint(s, s + done - 1, DONE, "done")
    paint(s + done, f, glyph, style)
    if bar.late and bar.deadline is not None:
        # the part of the bar past the deadline, in the late colour over its own glyphs
        late_from = scale.end_col(bar.deadline) + 1
        for c in range(max(late_from, s, c0), min(f, c1 - 1) + 1):
            cells[c - c0] = (cells[c - c0][0], "late")
    return _finished(cells, s, f, c0, "done" if bar.percent >= 100 else style, scale, bar)


def _finished(cells: list[tuple[str, str]], s: int, f: int, c0: int, style: str, scale: Timescale,
              bar: Bar) -> list[tuple[str, str]]:
    """The last touches to a row whose bar (``style``) is in columns s … f.

    A bar, milestone or deadline drawn over the baseline is underlined there, so the baseline
    still shows under it: it was hidden, and a task that had grown longer, or moved by less than
    its length, showed no baseline at all.

    A bar wholly out of view points to it from that edge, in its own colour. Its row was blank:
    scrolling down a plan of months, most rows looked like tasks without dates."""
    if bar.baseline is not None:
        b0, b1 = scale.span(*bar.baseline)
        for i in range(max(b0 - c0, 0), min(b1 - c0, len(cells) - 1) + 1):
            glyph, st = cells[i]
            if st != "baseline":
                cells[i] = (glyph, st + ON_BASELINE)
    if f < c0:
        cells[0] = (BEFORE, style)
    elif s >= c0 + len(cells):
        cells[-1] = (AFTER, style)
    return cells


def runs(cells: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join neighbouring cells of the same style: few runs keep the terminal output small."""
    out: list[tuple[str, str]] = []
    text: list[str] = []
    style = None
    for glyph, st in cells:
        if st != style and text:
            out.append(("".join(text), style))
            text = []
        style = st
        text.append(glyph)
    if text:
        out.append(("".join(text), style))
    return out


def flags(bar: Bar, relation: str = " ") -> str:
    """The three flag letters before a task's name: C critical, L late, and its relation to the
    selected task (P, S, D or a space)."""
    return ("C" if bar.critical and not bar.summary else " ") + ("L" if bar.late else " ") + relation


def label(plan, task_id: int, width: int, relation: str = " ", bar: Bar | None = None,
          folded: bool = False) -> str:
    """The task column: flags, WBS code and name (indented by level), cut to ``width``; a folded
    summary's name after a +."""
    t = plan.by_id[task_id]
    bar = bar or bar_of(plan, task_id)
    return fit(f"{flags(bar, relation)} {t.wbs:<6} {' ' * (t.level - 1)}{FOLDED if folded else ''}{t.name}", width)


def cells(text: str) -> int:
    """The terminal cells ``text`` takes: two for a CJK character or an emoji, none for a
    combining mark."""
    if text.isascii():
        return len(text)
    return sum(0 if combining(c) else 2 if east_asian_width(c) in "WF" else 1 for c in text)


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` padded, or cut with "…", to exactly ``width`` cells. Counted in characters, a
    name in Chinese or with emoji overflowed its column and pushed the columns after it."""
    n = cells(text)
    if n <= width:
        pad = " " * (width - n)
        return pad + text if right else text + pad
    if width <= 0:
        return ""
    kept, used = [], 0
    for c in text:
        w = cells(c)
        if used + w > width - 1:
            break
        kept.append(c)
        used += w
    return "".join(kept) + " " * (width - 1 - used) + "…"


TASK_TITLE = "    WBS    Task"


def task_width(width: int) -> int:
    """Width of the task column beside a timeline of a ``width``-column view."""
    # at 80 columns this leaves the names about 18 characters and the timeline seven weeks
    return max(20, min(40, width * 3 // 8))


def choose_zoom(first: date, last: date, columns: int) -> str:
    """The finest zoom at which first … last fits in ``columns``."""
    for zoom in ZOOMS:
        sc = Timescale(zoom)
        if scale_width(sc, first, last) <= columns:
            return zoom
    return ZOOMS[-1]


def scale_width(scale: Timescale, first: date, last: date) -> int:
    return scale.end_col(last) - scale.col(first) + 1


class Successors:
    """Which tasks follow a task, for marking them beside the selected one. Two flat arrays
    sorted by predecessor instead of a list per task: a plan of 100,000 tasks would otherwise
    allocate 100,000 lists, and the full garbage collection they set off stalls the first frame
    for almost half a second."""

    def __init__(self, links) -> None:
        order = sorted(range(len(links)), key=lambda k: links[k].pred_id)
        self._pred = array("q", [links[k].pred_id for k in order])
        self._succ = array("q", [links[k].succ_id for k in order])

    def of(self, task_id: int) -> list[int]:
        lo = bisect_left(self._pred, task_id)
        hi = bisect_right(self._pred, task_id, lo)
        return list(self._succ[lo:hi])
