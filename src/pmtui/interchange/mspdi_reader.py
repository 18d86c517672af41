"""Reading MS Project XML into PlanData (the format's facts are in mspdi.py)."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from operator import attrgetter
from pathlib import Path
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from pmtui.interchange.base import (
    ImportFailed,
    Imported,
    Rounded,
    StatusFrom,
    clean_text,
    one_line,
    read_limited,
    whole_days,
)
from pmtui.interchange.mspdi import (
    LINK_FROM_TEXT,
    ISO_SPAN,
    CONSTRAINT_FROM_CODE,
    CURRENCY_UNITS,
    ELAPSED_LAG_FORMATS,
    FINISH_CONSTRAINTS,
    LINK_FROM_CODE,
    MSPDI_NS,
    NO_RESOURCE,
    PERCENT_LAG_FORMATS,
    PMTUI_BODY,
    PMTUI_HEAD,
    PMTUI_MARK,
    START_CONSTRAINTS,
)
from pmtui.interchange.recurrence import expand
from pmtui.models.tables import RESOURCE_KINDS
from pmtui.models.wording import brief, cut
from pmtui.scheduling import WorkCalendar
from pmtui.services.project_records import Records
from pmtui.services.bulk import (
    AssignmentData,
    CalendarData,
    LinkData,
    Part,
    PlanData,
    ResourceData,
    TaskData,
    work_calendar,
)


_TAG = attrgetter("tag")
_TEXT = attrgetter("text")
# Task fields pmtui does not model but counts as ignored (see _count_unmodelled).
_UNMODELLED = frozenset(("ExtendedAttribute", "TimephasedData", "CalendarUID", "Manual",
                         "Active", "Priority", "HyperlinkAddress", "Contact", "LevelingDelay"))


class _LocalNames(dict):
    """Namespaced tag -> local name, each computed once."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def __missing__(self, tag: str) -> str:
        name = self[tag] = tag[self.n:]
        return name


class _Reader:
    def __init__(self, path: Path, root, *, old_pmtui: bool = False) -> None:
        self.path = path
        self.root = root
        self.old_pmtui = old_pmtui  # written by pmtui before resource calendars said whose week
        self.ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        self.local = _LocalNames(len(self.ns))
        self.spans: dict[str, float] = {}
        self.warnings: list[str] = []
        self.ignored: Counter = Counter()
        self.skipped: Counter = Counter()

    # helpers
    def fail(self, where: str, message: str) -> ImportFailed:
        return ImportFailed(f"{self.path.name}: {where}: {message}")

    def kids(self, el) -> dict[str, object]:
        n = len(self.ns)
        return {c.tag[n:]: c for c in el}

    def texts(self, el) -> dict[str, str | None]:
        """Child name -> text, for rows of simple fields (tasks, links, resources). Built by C-level
        maps through a cache of the namespace-stripped names: a 10,000-task file has 400,000 such
        children, and slicing each tag in a comprehension cost twice as much."""
        return dict(zip(map(self.local.__getitem__, map(_TAG, el)), map(_TEXT, el)))

    @staticmethod
    def text(kids: dict, name: str) -> str | None:
        el = kids.get(name)
        if el is None:
            return None
        t = el if isinstance(el, str) else el.text
        return t.strip() if t is not None else None

    def int_(self, kids: dict, name: str, where: str, default: int | None = None) -> int | None:
        t = self.text(kids, name)
        if t is None or t == "":
            return default
        try:
            return int(t)
        except ValueError:
            try:
                f = float(t)
            except ValueError:
                raise self.fail(where, f"<{name}> {brief(t)} is not a number") from None
            if not math.isfinite(f):
                raise self.fail(where, f"<{name}> {brief(t)} is not a finite number") from None
            return int(f)

    def float_(self, kids: dict, name: str, where: str, default: float | None = None) -> float | None:
        t = self.text(kids, name)
        if t is None or t == "":
            return default
        try:
            value = float(t)
        except ValueError:
            raise self.fail(where, f"<{name}> {brief(t)} is not a number") from None
        if not math.isfinite(value):
            raise self.fail(where, f"<{name}> {brief(t)} is not a finite number")
        return value

    def flag(self, kids: dict, name: str) -> bool:
        return self.text(kids, name) in ("1", "true")

    def datetime_(self, kids: dict, name: str, where: str) -> datetime | None:
        t = self.text(kids, name)
        if not t:
            return None
        try:
            value = datetime.fromisoformat(t)
        except ValueError:
            raise self.fail(where, f"<{name}> {brief(t)} is not a possible date") from None
        return value

    def span_minutes(self, text: str | None, where: str, name: str) -> float | None:
        if not text:
            return None
        # A plan has a handful of distinct durations; good ones are remembered, bad ones raise.
        known = self.spans.get(text)
        if known is not None:
            return known
        known = self.spans[text] = self._span_minutes(text, where, name)
        return known

    def _span_minutes(self, text: str, where: str, name: str) -> float:
        m = ISO_SPAN.match(text)
        if not m:
            raise self.fail(where, f"<{name}> {brief(text)} is not a duration like PT8H0M0S")
        sign, y, mo, d, h, mi, s = m.groups()
        if y or mo:
            raise self.fail(where, f"<{name}> {brief(text)} uses years or months, which are not working time")
        minutes = (float(d or 0) * 24 * 60) + float(h or 0) * 60 + float(mi or 0) + float(s or 0) / 60
        return -minutes if sign else minutes

    # -- header ----------------------------------------------------------------------------
    def read(self) -> Imported:
        root = self.root
        top = self.kids(root)
        where = "<Project>"
        self.mpd = self.int_(top, "MinutesPerDay", where, 480) or 480
        if self.mpd <= 0:
            raise self.fail(where, f"<MinutesPerDay> {self.mpd} must be more than 0")
        self.day_start = self._time(top, "DefaultStartTime", time(8, 0))
        self.day_finish = self._time(top, "DefaultFinishTime", time(17, 0))
        name = one_line(self.text(top, "Title")) or self.path.stem
        start_dt = self.datetime_(top, "StartDate", where)
        status_dt = self.datetime_(top, "StatusDate", where)
        try:  # read only to date progress (below): a bad one is left out, as it was before
            current_dt = self.datetime_(top, "CurrentDate", where)
        except ImportFailed:
            current_dt = None
        currency = (self.text(top, "CurrencyCode") or "EUR")[:10]
        # MS Project 2003 wrote no currency; the project notes are the project summary task's:
        # a file without them leaves a project's own alone when it is imported into it
        absent = set() if self.text(top, "CurrencyCode") else {Part.CURRENCY}
        for tag, label in (("ExtendedAttributes", "custom field definitions"),
                           ("OutlineCodes", "outline code definitions"),
                           ("WBSMasks", "WBS code masks"), ("Views", "views"), ("Tables", "tables"),
                           ("Filters", "filters"), ("Groups", "groups"), ("Reports", "reports"),
                           ("Maps", "import/export maps"), ("Drawings", "drawings"),
                           ("DataLinks", "data links"), ("VBAProjects", "VBA projects")):
            el = top.get(tag)
            if el is not None and len(el):
                self.ignored[label] += len(el)
        for tag in ("Author", "Company", "Manager", "Subject", "Category", "Keywords", "Comments"):
            if self.text(top, tag):
                self.ignored["project properties (author, company …)"] += 1

        # calendars
        self.used_cals: set[int] = set()
        self.cals: dict[int, object] = {}
        cals_el = top.get("Calendars")
        for c in (cals_el if cals_el is not None else []):
            ck = self.kids(c)
            uid = self.int_(ck, "UID", "<Calendar>")
            if uid is not None:
                self.cals[uid] = ck
        cal_uid = self.int_(top, "CalendarUID", where, None)
        if cal_uid not in self.cals:
            base = [u for u, ck in self.cals.items() if self.flag(ck, "IsBaseCalendar")]
            cal_uid = base[0] if base else None
        if cal_uid is not None:
            workdays, exceptions = self._effective(cal_uid, set())
            calendar = CalendarData(name=one_line(self.text(self.cals[cal_uid], "Name")) or "Standard",
                                    workdays=workdays or 0b0011111, exceptions=exceptions)
            if not workdays:
                self.warnings.append("the project calendar has no working weekday: Monday–Friday used")
        else:
            calendar = CalendarData()
            absent.add(Part.CALENDAR)
        self.calendar = calendar
        self.project_cal_uid = cal_uid
        self.anchor = start_dt.date() if start_dt else date.today()
        self.wcal: WorkCalendar = work_calendar(calendar, self.anchor)
        start = self.start_day(start_dt) if start_dt else None
        data = PlanData(name=name[:194], start=start or self.anchor, currency=currency,
                        status_date=status_dt.date() if status_dt else None, calendar=calendar)
        self.used_cals.add(cal_uid)
        self._tasks(top, data)
        self._resources(top, data)
        self._assignments(top, data)
        self._fix_start(data, start_dt)
        self._baselines(data)
        status_from = self._status_date(data, status_dt, current_dt)
        if not data.notes:
            absent.add(Part.NOTES)
        data.absent = frozenset(absent)
        for uid in self.cals:
            if uid not in self.used_cals:
                self.ignored["calendars not used by the project or its resources"] += 1
        return Imported(data=data, path=self.path, format="mspdi", warnings=self.warnings,
                        ignored=self.ignored, skipped=self.skipped, status_from=status_from)

    def _status_date(self, data: PlanData, status_dt: datetime | None,
                     current_dt: datetime | None) -> StatusFrom:
        """Where the status date came from. Without a <StatusDate>, MS
        Project reports progress as of the project's <CurrentDate>: a file with progress in it
        takes that as its status date (else pmtui's figures, and 'progress --done', would count
        from the wall clock's today, years after the file's work). A file without progress needs
        no status date and gets none, as before."""
        if status_dt is not None:
            return StatusFrom.FILE
        if current_dt is None or not any(t.percent_complete > 0 or t.actual_start for t in data.tasks):
            return StatusFrom.NONE
        day = current_dt.date()
        if day < data.start:
            self.warnings.append(f"the file's current date {day} is before the project start {data.start}: "
                                 "no status date set")
            return StatusFrom.NONE
        data.status_date = day
        return StatusFrom.CURRENT_DATE

    def _time(self, kids, name, default: time) -> time:
        t = self.text(kids, name)
        try:
            return time.fromisoformat(t) if t else default
        except ValueError:
            return default

    # -- calendars -------------------------------------------------------------------------
    def _own(self, uid: int):
        """(weekday -> working or None when inherited, exceptions) of one calendar."""
        ck = self.cals[uid]
        where = f"calendar UID {uid}"
        week: dict[int, bool] = {}
        legacy: dict[date, tuple[bool, str]] = {}
        wds = ck.get("WeekDays")
        for wd in (wds if wds is not None else []):
            wk = self.kids(wd)
            day_type = self.int_(wk, "DayType", where, -1)
            working = self.flag(wk, "DayWorking")
            if 1 <= day_type <= 7:
                week[(day_type - 2) % 7] = working  # 1 = Sunday -> bit 6, 2 = Monday -> bit 0
            elif day_type == 0:
                tp = wk.get("TimePeriod")
                if tp is None:
                    continue
                tpk = self.kids(tp)
                a = self.datetime_(tpk, "FromDate", where)
                b = self.datetime_(tpk, "ToDate", where)
                if a is None or b is None:
                    continue
                d = a.date()
                while d <= b.date():
                    legacy[d] = (working, "")
                    d += timedelta(days=1)
        exceptions: dict[date, tuple[bool, str]] = {}
        exs = ck.get("Exceptions")
        if exs is not None and len(exs):
            for ex in exs:
                exceptions.update(self._exception(self.kids(ex), where))
        else:
            exceptions = legacy
        ww = ck.get("WorkWeeks")
        if ww is not None and len(ww):
            self.ignored["alternate work weeks"] += len(ww)
        base = self.int_(ck, "BaseCalendarUID", where, -1)
        return week, exceptions, base

    def _exception(self, ek: dict, where: str) -> dict[date, tuple[bool, str]]:
        name = one_line(self.text(ek, "Name"))
        where = f"{where} exception {brief(name)}" if name else f"{where} exception"
        tp = ek.get("TimePeriod")
        if tp is None:
            return {}
        tpk = self.kids(tp)
        a = self.datetime_(tpk, "FromDate", where)
        b = self.datetime_(tpk, "ToDate", where)
        if a is None or b is None:
            return {}
        if b < a:
            raise self.fail(where, f"it ends ({b.date()}) before it starts ({a.date()})")
        kind = self.int_(ek, "Type", where, 1)
        by_count = self.flag(ek, "EnteredByOccurrences")
        days = expand(
            kind, a.date(), b.date(),
            occurrences=self.int_(ek, "Occurrences", where, 1) if by_count else None,
            period=self.int_(ek, "Period", where, 1), days_of_week=self.int_(ek, "DaysOfWeek", where, 0),
            month_item=self.int_(ek, "MonthItem", where, 0),
            month_position=self.int_(ek, "MonthPosition", where, 0),
            month=self.int_(ek, "Month", where, 0), month_day=self.int_(ek, "MonthDay", where, 1),
        )
        working = self.flag(ek, "DayWorking")
        return {d: (working, name) for d in days}

    def _effective(self, uid: int, seen: set[int]) -> tuple[int, dict[date, tuple[bool, str]]]:
        """Working-weekday mask and exceptions, with what is inherited from base calendars."""
        if uid in seen or uid not in self.cals:
            return 0b0011111, {}
        seen.add(uid)
        week, exceptions, base = self._own(uid)
        if base is not None and base >= 0 and base in self.cals:
            base_mask, base_ex = self._effective(base, seen)
            self.used_cals.add(base)
            merged = dict(base_ex)
            merged.update(exceptions)
            exceptions = merged
        else:
            base_mask = 0b0011111
        mask = 0
        for i in range(7):
            working = week.get(i, bool(base_mask >> i & 1))
            if working:
                mask |= 1 << i
        return mask, exceptions

    def _own_week(self, uid: int) -> bool:
        """Whether a resource's calendar has a week of its own: one based on the project's
        calendar (through its bases) that sets no weekday of its own on the way follows it, as
        MS Project derives it, whatever the project's week becomes; one with its own WeekDays, or
        based on another calendar (a Night Shift), does not, even where the days are the same."""
        seen: set[int] = set()
        while uid in self.cals and uid not in seen:
            if uid == self.project_cal_uid:
                return False
            seen.add(uid)
            ck = self.cals[uid]
            wds = ck.get("WeekDays")
            for wd in (wds if wds is not None else []):
                if 1 <= (self.int_(self.kids(wd), "DayType", f"calendar UID {uid}", -1) or -1) <= 7:
                    return True
            uid = self.int_(ck, "BaseCalendarUID", f"calendar UID {uid}", -1)
        return True

    def _check_span(self, tk, where: str, duration: int, start: datetime | None, finish: datetime | None) -> None:
        """Say so when a task's Duration cannot fit between its Start and Finish on the project
        calendar: the Duration is kept and the plan may finish far from the file's dates (seen
        in a file MS Project 2003 saved: 100 days between dates 50 working days apart)."""
        if duration <= 1 or self.flag(tk, "Summary"):
            return
        first, last = self.start_day(start), self.finish_day(finish)
        if first is None or last is None or last < first:
            return
        span = self.wcal.index_on_or_before(last) - self.wcal.index_on_or_after(first) + 1
        if duration > span + 1:
            self.warnings.append(f"{where}: its Duration ({duration}d) does not fit its Start and Finish "
                                 f"({first} to {last}, {span} working days): the Duration is kept")

    # -- dates -----------------------------------------------------------------------------
    def start_day(self, dt: datetime | None) -> date | None:
        """A start at or after the end of the working day means the next working day."""
        if dt is None:
            return None
        if dt.time() >= self.day_finish:
            return self.wcal.date_of(self.wcal.index_on_or_after(dt.date() + timedelta(days=1)))
        return dt.date()

    def finish_day(self, dt: datetime | None) -> date | None:
        """A finish at or before the start of the working day means the previous working day."""
        if dt is None:
            return None
        if dt.time() <= self.day_start:
            return self.wcal.date_of(self.wcal.index_on_or_before(dt.date() - timedelta(days=1)))
        return dt.date()

    # -- tasks -----------------------------------------------------------------------------
    def _tasks(self, top: dict, data: PlanData) -> None:
        tasks_el = top.get("Tasks")
        rows = []
        for i, t in enumerate(tasks_el if tasks_el is not None else []):
            tk = self.texts(t)
            uid = self.int_(tk, "UID", f"<Task> number {i + 1}")
            if uid is None:
                raise self.fail(f"<Task> number {i + 1}", "it has no <UID>")
            rows.append((self.int_(tk, "ID", f"task UID {uid}", i), i, uid, tk, t))
        rows.sort(key=lambda r: (r[0], r[1]))
        durations = Rounded("durations")
        lags = Rounded("link lags")
        self.tasks_by_uid: dict[int, TaskData] = {}
        self.null_uids: set[int] = set()
        stack: list[tuple[int, int]] = []  # (level, uid)
        seen: set[int] = set()
        raw_links: list[tuple[int, object, str]] = []
        top_links: list[tuple[int, object]] = []  # links of the project summary task
        self.project_uids: set[int] = set()
        self.baseline_els: list[tuple[int | None, object]] = []  # (task UID, None for the project's)
        self.task_minutes: dict[int, float] = {}  # the <Duration> of each task
        progress: dict[int, tuple] = {}
        rounded_at: dict[int, tuple[int, int]] = {}  # uid -> its entries in durations.items
        for _id, _i, uid, tk, el in rows:
            where = f"task UID {uid}"
            if uid in seen:
                raise self.fail(where, "two tasks have this UID")
            seen.add(uid)
            level = self.int_(tk, "OutlineLevel", where, None)
            if uid == 0 or level == 0 and not self.flag(tk, "IsNull"):
                notes = clean_text(self.text(tk, "Notes"))
                if notes:
                    data.notes = notes
                self.project_uids.add(uid)
                for link in el.findall(f"{self.ns}PredecessorLink"):
                    top_links.append((uid, link))
                if uid == 0:
                    self.baseline_els.extend((None, b) for b in el.findall(f"{self.ns}Baseline"))
                continue
            if self.flag(tk, "IsNull"):
                self.skipped["blank rows"] += 1
                self.null_uids.add(uid)
                continue
            name = one_line(self.text(tk, "Name"))
            if not name:
                name = f"Unnamed task {uid}"
                self.warnings.append(f"{where} has no name: called {name!r}")
            if len(name) > 200:
                self.warnings.append(f"{where}: name shortened to 200 characters")
                name = name[:200]
            where = f"task UID {uid} {brief(name)}"
            if level is None:
                number = self.text(tk, "OutlineNumber")
                level = number.count(".") + 1 if number else 1
            if level < 1:
                level = 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            if stack and level > stack[-1][0] + 1:
                self.warnings.append(f"{where}: outline level {level} skips a level; placed under {stack[-1][1]}")
            if not stack and level > 1:
                self.warnings.append(f"{where}: outline level {level} has no summary above it; placed at the top")
            parent = stack[-1][1] if stack else None
            stack.append((level, uid))

            minutes = self.span_minutes(self.text(tk, "Duration"), where, "Duration") or 0.0
            fmt = self.int_(tk, "DurationFormat", where, 7)
            if fmt in ELAPSED_LAG_FORMATS:
                days_f = minutes / 1440 * bin(self.calendar.workdays).count("1") / 7
                self.ignored["elapsed durations (converted to working days)"] += 1
            else:
                days_f = minutes / self.mpd
            if days_f < 0:
                raise self.fail(where, f"duration {self.text(tk, 'Duration')} is negative")
            rounded_before = len(durations.items)
            duration = whole_days(days_f, where, durations)
            file_dates = (self.datetime_(tk, "Start", where), self.datetime_(tk, "Finish", where))
            self._check_span(tk, where, duration, *file_dates)
            if self.flag(tk, "Milestone") and duration > 0:
                self.warnings.append(f"{where} is marked as a milestone but lasts {duration}d: kept as a {duration}d task")

            code = self.int_(tk, "ConstraintType", where, 0)
            if code not in CONSTRAINT_FROM_CODE:
                raise self.fail(where, f"<ConstraintType> {code} is unknown (0–7)")
            ctype = CONSTRAINT_FROM_CODE[code]
            cdt = self.datetime_(tk, "ConstraintDate", where)
            cdate = None
            if ctype in START_CONSTRAINTS:
                cdate = self.start_day(cdt) if duration > 0 else (cdt.date() if cdt else None)
            elif ctype in FINISH_CONSTRAINTS:
                cdate = self.finish_day(cdt)
            if ctype not in ("ASAP", "ALAP") and cdate is None:
                self.warnings.append(f"{where}: constraint {ctype} has no date: imported as ASAP")
                ctype = "ASAP"
            pct = self.int_(tk, "PercentComplete", where, 0)
            if not 0 <= pct <= 100:
                raise self.fail(where, f"<PercentComplete> {pct} is not from 0 to 100")
            a_start = self.datetime_(tk, "ActualStart", where)
            a_finish = self.datetime_(tk, "ActualFinish", where)
            rem_min = self.span_minutes(self.text(tk, "RemainingDuration"), where, "RemainingDuration")
            task = TaskData(
                key=uid, name=name, parent=parent, duration=duration, constraint_type=ctype,
                constraint_date=cdate, deadline=self.finish_day(self.datetime_(tk, "Deadline", where)),
                percent_complete=pct,
                actual_start=(self.start_day(a_start) if duration > 0 else a_start.date()) if a_start else None,
                actual_finish=self.finish_day(a_finish) if a_finish else None,
                fixed_cost=round(max(0.0, self.float_(tk, "FixedCost", where, 0.0) or 0.0) / CURRENCY_UNITS, 6),
                notes=clean_text(self.text(tk, "Notes")), source=where,
            )
            if task.actual_finish and task.actual_start and task.actual_finish < task.actual_start:
                task.actual_finish = task.actual_start
            if 0 < pct < 100 and rem_min is not None and duration > 0:
                rem = max(0, whole_days(rem_min / self.mpd, f"{where} remaining", durations, keep_positive=False))
                derived = -(-(duration * (100 - pct)) // 100)  # ceil, as the scheduler derives it
                if rem != derived:
                    task.remaining = rem
            if len(durations.items) != rounded_before:
                rounded_at[uid] = (rounded_before, len(durations.items))
            progress[uid] = file_dates
            self.task_minutes[uid] = minutes
            data.tasks.append(task)
            self.tasks_by_uid[uid] = task
            self._count_unmodelled(tk, el)
            if "Baseline" in tk:
                self.baseline_els.extend((uid, b) for b in el.findall(f"{self.ns}Baseline"))
            for link in el.findall(f"{self.ns}PredecessorLink"):
                raw_links.append((uid, link, where))
        self.file_dates = progress
        self._drop_project_summary_links(top_links)

        summaries = data.summaries()
        for t in data.tasks:
            if t.key in summaries:
                # MS Project rolls these up from the tasks below; so does pmtui.
                t.duration, t.percent_complete, t.remaining = 0, 0, None
                t.actual_start = t.actual_finish = None
        # nor is the rounding of figures dropped just above worth a warning: a summary under way
        # (pmtui's export, or MS Project's, 10.64 days left) named every summary as rounded
        dropped = {i for uid, (a, b) in rounded_at.items() if uid in summaries for i in range(a, b)}
        if dropped:
            durations.items = [x for i, x in enumerate(durations.items) if i not in dropped]

        by_type: Counter = Counter()
        tasks_by_uid, links, texts = self.tasks_by_uid, data.links, self.texts
        day_tenths = self.mpd * 10
        ns = self.ns
        uid_tag, type_tag, cross_tag, lag_tag, format_tag = (
            ns + "PredecessorUID", ns + "Type", ns + "CrossProject", ns + "LinkLag", ns + "LagFormat")
        for succ_uid, link, where in raw_links:
            # The ordinary link, in the element order pmtui and MS Project write (UID, type, [cross
            # project 0,] [lag, lag format]), with a known predecessor, a known type and a lag of
            # whole days or none, is read here by position; anything else goes through the checks
            # and messages below. A 10,000-task plan has 30,000 links, and the checked path costs
            # three times as much per link.
            k = link[:]
            size = len(k)
            if size == 5 and k[2].tag == cross_tag and k[2].text == "0":
                k = [k[0], k[1], k[3], k[4]]
                size = 4
            if ((size == 2 or size == 4 and k[2].tag == lag_tag and k[3].tag == format_tag)
                    and k[0].tag == uid_tag and k[1].tag == type_tag):
                p = k[0].text
                kind = LINK_FROM_TEXT.get(k[1].text)
                raw, fmt = (k[2].text or "0", k[3].text) if size == 4 else ("0", "7")
                if (kind is not None and p and p.isascii() and p.isdigit() and int(p) in tasks_by_uid
                        and fmt == "7" and raw.isascii() and raw.lstrip("-").isdigit()
                        and int(raw) % day_tenths == 0):
                    by_type[kind] += 1
                    links.append(LinkData(int(p), succ_uid, kind, int(raw) // day_tenths,
                                          source=f"{where} <PredecessorLink> to UID {p}"))
                    continue
            lk = texts(link)
            pred_uid = self.int_(lk, "PredecessorUID", where)
            lwhere = f"{where} <PredecessorLink> to UID {pred_uid}"
            if self.flag(lk, "CrossProject"):
                self.ignored["links to other projects"] += 1
                continue
            if pred_uid in self.project_uids:
                self.warnings.append(f"{lwhere}: the predecessor is the project summary task, which pmtui has no "
                                     "task for (its dates are the whole plan's): link dropped")
                continue
            if pred_uid in self.null_uids:
                self.warnings.append(f"{lwhere}: the predecessor is a blank row: link dropped")
                continue
            if pred_uid not in self.tasks_by_uid:
                raise self.fail(lwhere, "the predecessor task does not exist in the file")
            code = self.int_(lk, "Type", lwhere, 1)
            if code not in LINK_FROM_CODE:
                raise self.fail(lwhere, f"link <Type> {code} is unknown (0 FF, 1 FS, 2 SF, 3 SS)")
            raw = self.float_(lk, "LinkLag", lwhere, 0.0) or 0.0
            fmt = self.int_(lk, "LagFormat", lwhere, 7)
            if fmt in PERCENT_LAG_FORMATS and raw:
                self.warnings.append(f"{lwhere}: a lag in percent of the predecessor is not supported: imported as 0d")
                lag_f = 0.0
            elif fmt in ELAPSED_LAG_FORMATS:
                lag_f = raw / 10 / 1440 * bin(self.calendar.workdays).count("1") / 7
                if raw:
                    self.ignored["elapsed lags (converted to working days)"] += 1
            else:
                lag_f = raw / 10 / self.mpd
            lag = whole_days(lag_f, lwhere, lags, keep_positive=False)
            kind = LINK_FROM_CODE[code]
            by_type[kind] += 1
            data.links.append(LinkData(pred_uid, succ_uid, kind, lag, source=lwhere))
        for r in (durations, lags):
            line = r.line()
            if line:
                self.warnings.append(line)

    def _drop_project_summary_links(self, top_links: list[tuple[int, object]]) -> None:
        """The project summary task (UID 0) becomes the project, not a task, so a predecessor link
        on it has no task to arrive at. MS Project draws it as a link to the whole plan, yet on
        its own plan it would be a link from a task to its own summary, which MS Project and
        pmtui refuse. Dropped, as before, but said: it held the plan's start back."""
        for uid, link in top_links:
            lk = self.texts(link)
            pred = (self.text(lk, "PredecessorUID") or "").strip()
            named = self.tasks_by_uid.get(int(pred)) if pred.isascii() and pred.isdigit() else None
            what = f"UID {pred} {brief(named.name)}" if named is not None else f"UID {pred or '(none)'}"
            kind = LINK_FROM_TEXT.get((self.text(lk, "Type") or "1").strip(), "of unknown type")
            fix = f"; link the tasks that must wait to UID {pred} instead" if named is not None else ""
            self.warnings.append(
                f"the project summary task (UID {uid}) has a link from {what} ({kind}): dropped, as pmtui "
                f"keeps no project summary task (the project itself is not a task){fix}")

    def _count_unmodelled(self, tk: dict, el) -> None:
        if tk.keys().isdisjoint(_UNMODELLED):
            return
        ns = self.ns
        n = len(el.findall(f"{ns}ExtendedAttribute"))
        if n:
            self.ignored["custom field values"] += n
        if "TimephasedData" in tk:
            self.ignored["timephased data sets"] += len(el.findall(f"{ns}TimephasedData"))
        cal = self.text(tk, "CalendarUID")
        if cal not in (None, "-1", ""):
            self.ignored["task calendars"] += 1
            try:
                self.used_cals.add(int(cal))
            except ValueError:
                pass
        if self.flag(tk, "Manual"):
            self.ignored["manually scheduled flags (scheduled automatically)"] += 1
        if self.text(tk, "Active") == "0":
            self.ignored["inactive flags (imported as active)"] += 1
        if self.text(tk, "Priority") not in (None, "500"):
            self.ignored["task priorities"] += 1
        if self.text(tk, "HyperlinkAddress"):
            self.ignored["hyperlinks"] += 1
        if self.text(tk, "Contact"):
            self.ignored["task contacts"] += 1
        if self.text(tk, "LevelingDelay") not in (None, "0"):
            self.ignored["leveling delays"] += 1

    # -- baselines -------------------------------------------------------------------------
    def _baselines(self, data: PlanData) -> None:
        """The file's saved baselines as pmtui's: MS Project's Baseline is pmtui's baseline
        number 0, named "Baseline" as `pmtui baseline save` labels that slot, and Baseline1 …
        Baseline10 are numbers 1 … 10 named so. Each holds the tasks that have one of that
        number (a task added since has none, as in MS Project); the project's dates, cost and
        work come from the project summary task's, else from its tasks'. Baseline (0) is the
        one variance compares against, else the lowest number the file has."""
        if not self.baseline_els:
            return
        data.number()
        by_key = {t.key: t for t in data.tasks}
        summaries = data.summaries()
        rounded = Rounded("baseline durations")
        tasks: dict[int, list[dict]] = {}
        project: dict[int, dict] = {}
        dateless = 0
        for uid, el in self.baseline_els:
            bk = self.texts(el)
            where = f"task UID {uid} <Baseline>" if uid is not None else "the project summary task's <Baseline>"
            number = self.int_(bk, "Number", where, 0)
            if not 0 <= number <= 10:
                raise self.fail(where, f"<Number> {number} is not 0 to 10 (Baseline, Baseline1 … Baseline10)")
            where = f"{where} {number}"
            if uid is not None and uid not in by_key:
                continue  # a blank row's
            minutes = self.span_minutes(self.text(bk, "Duration"), where, "Duration")
            work = (self.span_minutes(self.text(bk, "Work"), where, "Work") or 0.0) / self.mpd
            cost = max(0.0, self.float_(bk, "Cost", where, 0.0) or 0.0) / CURRENCY_UNITS
            t = by_key.get(uid)
            days = whole_days((minutes or 0.0) / self.mpd, f"{t.source if t else 'the project'} baseline {number}",
                              rounded) if minutes is not None else None
            # a milestone sits at the end of its day (17:00), or at 08:00 at the plan's start:
            # its day is the date written, where a task's start at 17:00 means the next morning
            point = days == 0 if days is not None else t is not None and t.key not in summaries and t.duration == 0
            a = self.datetime_(bk, "Start", where)
            b = self.datetime_(bk, "Finish", where)
            start = (a.date() if point else self.start_day(a)) if a else None
            finish = (b.date() if point else self.finish_day(b)) if b else None
            if start is not None and finish is not None and finish < start:
                finish = start
            if uid is None:
                project[number] = {"start": start, "finish": finish, "cost": cost, "work": work}
                continue
            if start is None or finish is None:
                dateless += 1  # MS Project's NA: nothing to compare against
                continue
            if days is None:  # MPXJ leaves out a Duration of 0: a milestone's, or one it does not know
                days = 0 if point else max(0, self.wcal.index_on_or_before(finish)
                                           - self.wcal.index_on_or_after(start) + 1)
            tasks.setdefault(number, []).append({
                "task": t.key, "wbs": t.wbs, "name": t.name, "summary": t.key in summaries,
                "milestone": t.key not in summaries and days == 0, "start": start, "finish": finish,
                "duration": days, "work": round(work, 6), "cost": round(cost, 6)})
        numbers = sorted(set(tasks) | {n for n, p in project.items() if p["start"] and p["finish"]})
        if not numbers:
            return
        records = Records(carried=("baselines",), named=False)
        now = datetime.now(timezone.utc)
        for n in numbers:
            rows = tasks.get(n, [])
            top = [r for r in rows if by_key[r["task"]].parent is None or by_key[r["task"]].parent not in
                   {x["task"] for x in rows}]
            whole = {"start": min((r["start"] for r in rows), default=None),
                     "finish": max((r["finish"] for r in rows), default=None),
                     "cost": sum(r["cost"] for r in top), "work": sum(r["work"] for r in top)}
            if n in project and project[n]["start"] and project[n]["finish"]:
                whole = project[n]
            records.baselines.append({
                "name": "Baseline" if n == 0 else f"Baseline{n}", "number": n, "saved_at": now,
                "active": n == numbers[0], "start": whole["start"], "finish": whole["finish"],
                "cost": round(whole["cost"], 6), "work": round(whole["work"], 6), "tasks": rows})
        data.records = records
        if dateless:
            self.skipped["task baselines without dates (MS Project's NA)"] += dateless
        line = rounded.line()
        if line:
            self.warnings.append(line)

    # -- resources and assignments ---------------------------------------------------------
    def _resources(self, top: dict, data: PlanData) -> None:
        res_el = top.get("Resources")
        self.res_by_uid: dict[int, ResourceData] = {}
        names: set[str] = set()
        for i, r in enumerate(res_el if res_el is not None else []):
            rk = self.texts(r)
            uid = self.int_(rk, "UID", f"<Resource> number {i + 1}")
            if uid is None:
                raise self.fail(f"<Resource> number {i + 1}", "it has no <UID>")
            if uid == 0 or self.flag(rk, "IsNull"):
                continue
            where = f"resource UID {uid}"
            name = one_line(self.text(rk, "Name"))[:200] or f"Resource {uid}"
            if name in names:
                # cut before the suffix, not after: a 200-character name cut after it came back
                # the same, and the import was refused for two resources of one name
                suffix = f" (UID {uid})"
                new = name[:200 - len(suffix)] + suffix
                self.warnings.append(f"{where}: a second resource named {brief(name)}: imported with {suffix.strip()!r} after the name")
                name = new
            names.add(name)
            group = (self.text(rk, "Group") or "").strip().lower()
            rtype = self.int_(rk, "Type", where, 1)
            kind = group if group in RESOURCE_KINDS else {0: "equipment", 2: "vendor"}.get(rtype, "person")
            rate_h = self.float_(rk, "StandardRate", where, 0.0) or 0.0
            max_units = self.float_(rk, "MaxUnits", where, 1.0)
            if not max_units or max_units <= 0:
                max_units = 1.0
            cal = None
            cal_uid = self.int_(rk, "CalendarUID", where, -1)
            if cal_uid in self.cals:
                self.used_cals.add(cal_uid)
                mask, exceptions = self._effective(cal_uid, set())
                own = {d: v for d, v in exceptions.items() if self.calendar.exceptions.get(d) != v}
                own_week = self._own_week(cal_uid)
                if own_week and self.old_pmtui and mask == self.calendar.workdays:
                    # such a file wrote every resource week whole: one of the project's days was
                    # nearly always the project's own, followed (as pmtui reads old JSON files)
                    own_week = False
                if own_week or own:
                    week = (mask or self.calendar.workdays) if own_week else self.calendar.workdays
                    cal = CalendarData(name=one_line(self.text(self.cals[cal_uid], "Name")) or name,
                                       workdays=week, exceptions=own, own_week=own_week)
            for tag, label in (("OvertimeRate", "overtime rates"), ("CostPerUse", "costs per use")):
                v = self.float_(rk, tag, where, 0.0)
                if v:
                    self.ignored[label] += 1
            n = len(r.findall(f"{self.ns}ExtendedAttribute"))
            if n:
                self.ignored["custom field values"] += n
            # pmtui's baselines are of tasks (and the project): a person's baseline work and cost
            # went without a word, as a baseline the file had and the import kept
            n = len(r.findall(f"{self.ns}Baseline"))
            if n:
                self.ignored["resource baselines"] += n
            res = ResourceData(key=uid, name=name, kind=kind, cost_rate=round(rate_h * self.mpd / 60, 6),
                               max_units=round(max_units, 4), calendar=cal, source=where)
            data.resources.append(res)
            self.res_by_uid[uid] = res

    def _assignments(self, top: dict, data: PlanData) -> None:
        as_el = top.get("Assignments")
        summaries = data.summaries()
        pairs: set[tuple[int, int]] = set()
        for i, a in enumerate(as_el if as_el is not None else []):
            ak = self.texts(a)
            where = f"assignment UID {self.text(ak, 'UID') or i + 1}"
            res_uid = self.int_(ak, "ResourceUID", where, NO_RESOURCE)
            task_uid = self.int_(ak, "TaskUID", where, None)
            if res_uid == NO_RESOURCE or res_uid is None:
                self.skipped["placeholder assignments (no resource)"] += 1
                continue
            if task_uid == 0 or task_uid in self.null_uids:
                continue
            if task_uid not in self.tasks_by_uid:
                raise self.fail(where, f"its task UID {task_uid} does not exist in the file")
            if res_uid not in self.res_by_uid:
                raise self.fail(where, f"its resource UID {res_uid} does not exist in the file")
            task = self.tasks_by_uid[task_uid]
            if task_uid in summaries:
                self.warnings.append(f"{where}: {cut(self.res_by_uid[res_uid].name)} on summary {task.source}: pmtui assigns resources to tasks only, dropped")
                continue
            if (task_uid, res_uid) in pairs:
                self.warnings.append(f"{where}: {cut(self.res_by_uid[res_uid].name)} is assigned to {task.source} twice: kept once")
                continue
            units = self.float_(ak, "Units", where, 1.0)
            if units is None or not 0 < units <= 10:
                self.warnings.append(f"{where}: units {units} outside 0–1000%: imported as 100%")
                units = 1.0
            pairs.add((task_uid, res_uid))
            # pmtui counts a person's work and cost as units × the task's duration: a file's
            # <Work> that is not (a contour, work edited by hand, effort-driven changes) is
            # not what pmtui will count, and its <Cost> with it (pmtui's own files agree)
            work = self.span_minutes(self.text(ak, "Work"), where, "Work")
            if work is not None and abs(work - units * self.task_minutes[task_uid]) > 1:
                self.ignored["assignment work and cost other than units × duration (counted as units × duration)"] += 1
            if a.find(f"{self.ns}TimephasedData") is not None:
                self.ignored["timephased data sets"] += len(a.findall(f"{self.ns}TimephasedData"))
            n = len(a.findall(f"{self.ns}Baseline"))
            if n:
                self.ignored["assignment baselines"] += n
            data.assignments.append(AssignmentData(task_uid, res_uid, round(units, 4), source=where))

    def _fix_start(self, data: PlanData, start_dt: datetime | None) -> None:
        """MS Project may store a project start after its tasks (see the fixtures' README); pmtui
        never schedules before the project start, so the start moves back to the first task."""
        earliest = None
        for t in data.tasks:
            s = self.file_dates.get(t.key, (None, None))[0]
            for d in (t.actual_start, s.date() if s else None):
                if d is not None and (earliest is None or d < earliest):
                    earliest = d
        if earliest is not None and earliest < data.start:
            self.warnings.append(f"the project start {data.start} is after its first task: start moved to {earliest}")
            data.start = earliest
        if start_dt is None and earliest is not None:
            data.start = earliest


class _Prolog(Exception):
    pass


def _has_dtd(raw: bytes) -> bool:
    """Whether the document declares a DTD, read with expat up to its first element only.

    Every attack defusedxml exists to stop (entity expansion "billion laughs", quadratic blow-up,
    external entities, DTD retrieval) needs a DTD: without one an entity reference is simply an
    error. MS Project never writes a DTD, so a file without one is parsed by the C ElementTree
    parser (fast: 10,000-task plans), and a file with one goes through defusedxml, which refuses
    entity declarations and external references."""
    import pyexpat

    seen = []
    parser = pyexpat.ParserCreate()

    def doctype(*_a):
        seen.append(True)
        raise _Prolog

    def start(*_a):
        raise _Prolog

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start
    try:
        parser.Parse(raw, True)
    except _Prolog:
        pass
    except pyexpat.ExpatError:
        return True  # let defusedxml report (or refuse) it
    return bool(seen)


def read_mspdi(path: Path) -> Imported:
    path = Path(path)
    raw = read_limited(path)
    try:
        if _has_dtd(raw):
            root = DET.fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        else:
            root = _fast_parse(raw)
    except DefusedXmlException as exc:
        raise ImportFailed(f"{path.name}: refused: the file declares XML entities or external "
                           f"references ({type(exc).__name__}), which MS Project never writes") from None
    except ParseError as exc:
        raise ImportFailed(f"{path.name}: not well-formed XML: {exc}") from None
    except LookupError as exc:  # an encoding in the XML declaration that Python does not know
        raise ImportFailed(f"{path.name}: not readable XML: {exc}") from None
    tag = root.tag
    ns, local = (tag[1:].split("}", 1) if tag.startswith("{") else ("", tag))
    if local != "Project" or ns not in (MSPDI_NS, ""):
        shown = f"{{{ns}}}{local}" if ns else local
        raise ImportFailed(f"{path.name}: root element is <{shown}>, not MS Project's <Project> "
                           f"(namespace {MSPDI_NS})")
    return _Reader(path, root, old_pmtui=_old_pmtui_export(raw, root)).read()


_MARK = PMTUI_MARK.encode()


def _old_pmtui_export(raw: bytes, root) -> bool:
    """Whether the file is a pmtui export from before PMTUI_MARK: no mark after the declaration,
    and the Project's elements exactly those pmtui wrote, in its order, its SaveVersion 14 and its
    Name the Title with ".xml". A file MS Project or MPXJ saved has dozens of project fields more
    (CreationDate, LastSaved …), so none of theirs is taken for one."""
    if _MARK in raw[:512]:
        return False
    n = len(root.tag) - len("Project")
    head = [c.tag[n:] for c in root]
    if head[len(PMTUI_HEAD):len(PMTUI_HEAD) + 1] == ["StatusDate"]:
        del head[len(PMTUI_HEAD)]
    if tuple(head) != PMTUI_HEAD + PMTUI_BODY:
        return False
    return root[0].text == "14" and root[1].text == f"{root[2].text or ''}.xml"


def _fast_parse(raw: bytes):
    from xml.etree.ElementTree import XMLParser

    parser = XMLParser()  # the C accelerator; safe here because the document has no DTD
    parser.feed(raw)
    return parser.close()
