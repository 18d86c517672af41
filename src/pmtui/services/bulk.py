"""Whole plans in and out of the store: the plain ``PlanData`` that file formats read and write,
and the bulk writes that create a project from one or replace a project's contents with one.

Every write is one action (one transaction, one journal entry). Rows go in through SQLAlchemy
Core in bulk (DESIGN.md: the ORM took 26 s for 100,000 tasks, Core 2 s) and are reported to the
journal in the order they were written, so that undo can replay them backwards. Before anything
is written the plan is checked and scheduled in memory: a cycle, a bad link or an impossible
value refuses the whole import and leaves the database as it was.

``PlanData`` knows nothing of files: task, resource and link keys are whatever the reader used
(an MSPDI UID, a CSV line); messages name a task by its ``source`` ("task UID 7 'Design'",
"line 12"). The interchange layer imports this module, never the other way round.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import Enum
from itertools import repeat, starmap
from operator import add, attrgetter, is_not, itemgetter
from datetime import date, datetime, timezone
from typing import Any, Sequence

from sqlalchemy import Date, DateTime, insert, select, update

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.parsing import MAX_DAYS, format_workdays
from pmtui.models.rules import EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT, MAX_NAME, check_plan_date, control_character
from pmtui.models.tables import (
    CONSTRAINT_TYPES,
    LINK_TYPES,
    MON_TO_FRI,
    RESOURCE_KINDS,
    Assignment,
    Calendar,
    CalendarException,
    Dependency,
    Project,
    Resource,
    Setting,
    Task,
)
from pmtui.models.tracking import Baseline, BaselineTask
from pmtui.models.wording import brief, counted, cut
from pmtui.scheduling import (
    ConstraintType,
    LinkSpec,
    LinkType,
    ResourceTime,
    ScheduleResult,
    SchedulingError,
    TaskSpec,
    WorkCalendar,
    schedule,
)
from pmtui.services import finish_effect
from pmtui.services.actions import action, reading
from pmtui.services.project_records import (
    Records,
    check_records,
    drop_records,
    read_records,
    stored_counts,
    write_records,
)
from pmtui.services.gc_pause import paused_gc
from pmtui.services.plan import fetch_rows, outline_order
from pmtui.store import Store
from pmtui.store.rows import insert_many, simple, update_by_id

_DATED = {"SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO"}


class Part(Enum):
    """A part of a project that a file may have no place for. A reader names in
    ``PlanData.absent`` the parts its file did not carry, and an import into a project keeps the
    project's own of those: the reader's stand-ins (a Monday-to-Friday calendar, today as the
    start, no status date, people with no rate) are not the file's word, and replacing a
    project's with them wiped its holidays and its status date without a word."""

    CALENDAR = "the calendar"
    START = "the start"
    STATUS_DATE = "the status date"
    CURRENCY = "the currency"
    NOTES = "the notes"
    # the people themselves: the file names at most who does what (CSV), not their kinds,
    # rates, units or calendars
    RESOURCES = "the people"


@dataclass(slots=True)
class CalendarData:
    name: str = "Standard"
    workdays: int = MON_TO_FRI  # bit 0 = Monday
    exceptions: dict[date, tuple[bool, str]] = field(default_factory=dict)  # day -> (working, name)
    # A resource's calendar: True, ``workdays`` is a week of their own; False, it is the
    # project's, whatever that becomes (``workdays`` holds it for the formats that write one);
    # None, a file that does not say: their own when it differs from the project's (pmtui's rule
    # before the flag). Not used on the project's calendar.
    own_week: bool | None = None

    def own_week_of(self, project_week: int) -> int | None:
        """The week of their own of a resource's calendar, None when it is the project's."""
        own = self.workdays != project_week if self.own_week is None else self.own_week
        return self.workdays if own else None


@dataclass(slots=True)
class TaskData:
    key: Any
    name: str
    parent: Any = None
    duration: int = 0
    optimistic: float | None = None
    most_likely: float | None = None
    pessimistic: float | None = None
    constraint_type: str = "ASAP"
    constraint_date: date | None = None
    deadline: date | None = None
    percent_complete: int = 0
    actual_start: date | None = None
    actual_finish: date | None = None
    remaining: int | None = None
    fixed_cost: float = 0.0
    notes: str = ""
    actual_cost: float | None = None
    source: str = ""  # how messages name it: "task UID 7 'Design'", "line 12"
    wbs: str = ""  # filled in by PlanData.number()


@dataclass(slots=True)
class LinkData:
    pred: Any
    succ: Any
    type: str = "FS"
    lag: int = 0
    source: str = ""


@dataclass(slots=True)
class ResourceData:
    key: Any
    name: str
    kind: str = "person"
    cost_rate: float = 0.0  # per working day
    max_units: float = 1.0
    calendar: CalendarData | None = None
    source: str = ""


@dataclass(slots=True)
class AssignmentData:
    task: Any
    resource: Any
    units: float = 1.0
    source: str = ""


@dataclass
class PlanData:
    """A project as plain data. ``tasks`` are in outline order (a parent before its children;
    siblings in the order given)."""

    name: str
    start: date
    status_date: date | None = None
    currency: str = "EUR"
    notes: str = ""
    calendar: CalendarData = field(default_factory=CalendarData)
    tasks: list[TaskData] = field(default_factory=list)
    links: list[LinkData] = field(default_factory=list)
    resources: list[ResourceData] = field(default_factory=list)
    assignments: list[AssignmentData] = field(default_factory=list)
    # Sections a format carries that this version does not store (kept for the report).
    extras: dict[str, Any] = field(default_factory=dict)
    # Risks, issues, stand-ups, baselines and snapshots, when the source carries them (pmtui's
    # JSON): None means it has none, so an import into a project leaves the project's alone
    records: Records | None = None
    # What the source had no place for (see Part): an import into a project keeps the project's
    absent: frozenset[Part] = frozenset()

    # -- derived ------------------------------------------------------------------------------
    def number(self) -> None:
        """Give every task its WBS code from the order of the list."""
        counters: dict[Any, int] = {}
        codes: dict[Any, str] = {}
        for t in self.tasks:
            n = counters.get(t.parent, 0) + 1
            counters[t.parent] = n
            t.wbs = f"{codes[t.parent]}.{n}" if t.parent is not None else str(n)
            codes[t.key] = t.wbs

    def summaries(self) -> set[Any]:
        return {t.parent for t in self.tasks if t.parent is not None}

    def work_calendar(self) -> WorkCalendar:
        return work_calendar(self.calendar, self.start)

    def specs(self) -> tuple[list[TaskSpec], list[LinkSpec]]:
        # Positional, in TaskSpec's field order: keyword arguments cost a slotted dataclass three
        # times as much (a 10,000-task import and export build the specs twice: 14 -> 11 ms each).
        tasks = [
            TaskSpec(t.key, t.name, t.duration, t.parent, t.wbs,
                     _CONSTRAINT.get(t.constraint_type) or ConstraintType(t.constraint_type),
                     t.constraint_date, t.deadline, float(t.percent_complete),
                     t.actual_start, t.actual_finish, t.remaining)
            for t in self.tasks
        ]
        links = [LinkSpec(l.pred, l.succ, _LINK.get(l.type) or LinkType(l.type), l.lag) for l in self.links]
        return tasks, links

    def resource_time(self) -> dict[Any, list[ResourceTime]]:
        """Task key -> its people, for the tasks one of whose people has a calendar of their own
        (days off, a week of their own, days worked that the project has off): the schedule the
        app shows (Plan.resource_time), so that an export writes the dates the app shows."""
        own = {}
        week = self.calendar.workdays
        for r in self.resources:
            if r.calendar is not None:
                exc = r.calendar.exceptions
                mask = r.calendar.own_week_of(week)
                off = frozenset(d for d, (working, _name) in exc.items() if not working)
                on = frozenset(d for d, (working, _name) in exc.items() if working)
                if off or on or (mask is not None and mask != week):
                    own[r.key] = ResourceTime(r.name, off, None if mask is None or mask == week else
                                              frozenset(i for i in range(7) if mask >> i & 1), on)
        if not own:
            return {}
        names = {r.key: r.name for r in self.resources}
        keys = {t.key for t in self.tasks}
        on_task: dict[Any, list[Any]] = {}
        for a in self.assignments:
            if a.units > 0 and a.resource in names and a.task in keys:
                on_task.setdefault(a.task, []).append(a.resource)
        return {task: [own.get(r) or ResourceTime(names[r], frozenset()) for r in rs]
                for task, rs in on_task.items() if any(r in own for r in rs)}

    def schedule(self) -> ScheduleResult:
        tasks, links = self.specs()
        return schedule(tasks, links, self.work_calendar(), self.start, self.status_date,
                        resource_time=self.resource_time())


# Enum(value) costs a microsecond or more per call, a dict lookup a tenth of that; a value
# missing here still goes through the Enum call, so a bad one is refused as before.
_CONSTRAINT = {c.value: c for c in ConstraintType}
_LINK = {t.value: t for t in LinkType}


def work_calendar(cal: CalendarData, anchor: date) -> WorkCalendar:
    days = [i for i in range(7) if cal.workdays >> i & 1]
    return WorkCalendar(workdays=days, exceptions={d: w for d, (w, _n) in cal.exceptions.items()},
                        anchor=anchor)


# -- checks ------------------------------------------------------------------------------------
def _who(t: TaskData) -> str:
    return t.source or f"task {brief(t.name)}"


def _in_range(day: date | None, what: str, where: str = "") -> None:
    if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:  # the rules' message, as Conflict
        try:
            check_plan_date(day, what)
        except ValueError as exc:
            raise Conflict(f"{where}{exc}") from None


def _plain_name(name: str, who: str) -> None:
    """The rules' refusal of control characters (models.rules), here for imports: a name taken
    in with one could not be edited afterwards, and an escape sequence in it acts on every
    terminal that lists it."""
    bad = control_character(name)
    if bad is not None:
        raise Conflict(f"{who}: the name contains the control character U+{ord(bad):04X}: names are plain text")


@paused_gc()
def check(data: PlanData) -> ScheduleResult:
    """Refuse (Conflict, one line naming the task) anything the store or the scheduler would not
    take; return the schedule of the plan. Plain loops: pydantic per row costs too much at 10k."""
    if not data.calendar.workdays or not 0 < data.calendar.workdays < 128:
        raise Conflict("the calendar has no working weekday")
    for cal in [data.calendar, *(r.calendar for r in data.resources if r.calendar is not None)]:
        for day in cal.exceptions:
            if not isinstance(day, date):
                raise Conflict(f"calendar {brief(cal.name)}: the exception {brief(day)} is not a date")
            _in_range(day, "the exception", f"calendar {brief(cal.name)}: ")
    for what, day in (("the project start", data.start), ("the status date", data.status_date)):
        _in_range(day, what)
    keys: dict[Any, TaskData] = {}
    for t in data.tasks:
        who = _who(t)
        if t.key in keys:
            raise Conflict(f"{who}: the same task appears twice")
        if t.parent is not None and t.parent not in keys:
            raise Conflict(f"{who}: its summary task is missing or comes after it")
        name = (t.name or "").strip()
        if not name:
            raise Conflict(f"{who}: the task has no name")
        if len(name) > MAX_NAME or (not name.isprintable() and any(ch in name for ch in "\n\r\t\x00")):
            raise Conflict(f"{who}: the task name must be one line of at most {MAX_NAME} characters")
        _plain_name(name, who)
        if t.duration < 0:
            raise Conflict(f"{who}: duration {t.duration}d is negative")
        if t.duration > MAX_DAYS or (t.remaining or 0) > MAX_DAYS:
            raise Conflict(f"{who}: a duration of more than {MAX_DAYS} working days is not a plan")
        if not 0 <= t.percent_complete <= 100:
            raise Conflict(f"{who}: percent complete {t.percent_complete}% is not from 0 to 100")
        if t.constraint_type not in CONSTRAINT_TYPES:
            raise Conflict(f"{who}: constraint {brief(t.constraint_type)} is unknown")
        if t.constraint_type in _DATED and t.constraint_date is None:
            raise Conflict(f"{who}: constraint {t.constraint_type} needs a date")
        if t.actual_start and t.actual_finish and t.actual_finish < t.actual_start:
            raise Conflict(f"{who}: actual finish {t.actual_finish} is before actual start {t.actual_start}")
        if t.remaining is not None and t.remaining < 0:
            raise Conflict(f"{who}: remaining duration {t.remaining}d is negative")
        for cost in (t.fixed_cost, t.actual_cost):
            if cost is not None and not 0 <= cost <= MAX_AMOUNT:  # NaN fails too
                raise Conflict(f"{who}: a cost of {cost} is negative, not a number or too large")
        for day in (t.constraint_date, t.deadline, t.actual_start, t.actual_finish):
            if day is not None:
                _in_range(day, "the date", f"{who}: ")
        est = (t.optimistic, t.most_likely, t.pessimistic)
        if any(e is not None for e in est):
            if any(e is None for e in est) or not 0 <= est[0] <= est[1] <= est[2]:
                raise Conflict(f"{who}: the three-point estimate must be 0 ≤ optimistic ≤ most likely ≤ pessimistic")
        keys[t.key] = t
    data.number()
    parent_of = {t.key: t.parent for t in data.tasks}
    summaries = data.summaries()

    def ancestors(key):
        out, p = set(), parent_of.get(key)
        while p is not None:
            out.add(p)
            p = parent_of.get(p)
        return out

    pairs: set[tuple[Any, Any]] = set()
    for link in data.links:
        where = link.source or "a link"
        if link.pred not in keys:
            raise Conflict(f"{where}: its predecessor is not a task of the plan")
        if link.succ not in keys:
            raise Conflict(f"{where}: its successor is not a task of the plan")
        if link.type not in LINK_TYPES:
            raise Conflict(f"{where}: link type {brief(link.type)} is unknown")
        if abs(link.lag) > MAX_DAYS:
            raise Conflict(f"{where}: a lag of more than {MAX_DAYS} working days is not a plan")
        if link.pred == link.succ:
            raise Conflict(f"{where}: a task cannot be linked to itself")
        if (link.pred, link.succ) in pairs:
            raise Conflict(f"{where}: the same two tasks are linked twice")
        pairs.add((link.pred, link.succ))
        if (link.pred in summaries or link.succ in summaries) and (
            link.pred in ancestors(link.succ) or link.succ in ancestors(link.pred)
        ):
            raise Conflict(f"{where}: a summary cannot be linked to its own tasks")
    rnames: set[str] = set()
    rkeys: set[Any] = set()
    for r in data.resources:
        who = r.source or f"resource {brief(r.name)}"
        if not r.name.strip() or len(r.name) > MAX_NAME:
            raise Conflict(f"{who}: a resource needs a name of at most {MAX_NAME} characters")
        _plain_name(r.name, who)
        if r.name in rnames:
            raise Conflict(f"{who}: two resources are named {brief(r.name)}")
        if r.kind not in RESOURCE_KINDS:
            raise Conflict(f"{who}: resource kind {brief(r.kind)} is unknown")
        if not 0 <= r.cost_rate <= MAX_AMOUNT or not r.max_units > 0:
            raise Conflict(f"{who}: cost rate must be 0 or more and max units more than 0")
        rnames.add(r.name)
        rkeys.add(r.key)
    apairs: set[tuple[Any, Any]] = set()
    for a in data.assignments:
        where = a.source or "an assignment"
        if a.task not in keys or a.resource not in rkeys:
            raise Conflict(f"{where}: it names a task or resource that is not in the plan")
        if (a.task, a.resource) in apairs:
            raise Conflict(f"{where}: the same resource is assigned to the task twice")
        if not 0 < a.units <= 10:
            raise Conflict(f"{where}: units {a.units:g} must be more than 0 and at most 10 (1000%)")
        apairs.add((a.task, a.resource))
    if data.records is not None:
        check_records(data.records, set(keys), rkeys)
    try:
        return data.schedule()
    except SchedulingError as exc:
        raise Conflict(str(exc)) from None


# -- reading a project whole -------------------------------------------------------------------
def _calendar_data(conn, calendar_id: int, project_week: int | None = None) -> CalendarData:
    """A calendar as CalendarData; with ``project_week``, a resource's, whose week is that one
    unless it has a week of its own."""
    cal_t, ex_t = Calendar.__table__, CalendarException.__table__
    row = conn.execute(select(cal_t.c.name, cal_t.c.workdays, cal_t.c.own_week)
                       .where(cal_t.c.id == calendar_id)).first()
    exceptions = {
        r.day: (bool(r.working), r.name or "")
        for r in conn.execute(select(ex_t.c.day, ex_t.c.working, ex_t.c.name)
                              .where(ex_t.c.calendar_id == calendar_id).order_by(ex_t.c.day))
    }
    if project_week is None:
        return CalendarData(name=row.name, workdays=row.workdays, exceptions=exceptions)
    own = bool(row.own_week)
    return CalendarData(name=row.name, workdays=row.workdays if own else project_week, exceptions=exceptions,
                        own_week=own)


# TaskData's first fields, in its order, and the task columns that hold them: the rows become
# TaskData without an intermediate object (a 10,000-task export spent 30 ms on TaskRows).
_TASK_DATA_COLUMNS = ("id", "name", "parent_id", "duration", "optimistic", "most_likely", "pessimistic",
                      "constraint_type", "constraint_date", "deadline", "percent_complete", "actual_start",
                      "actual_finish", "remaining", "fixed_cost", "notes", "actual_cost")


def read_plan_data(conn, project_id: int, *, records: bool = False) -> PlanData:
    """The project as PlanData; task and resource keys are their database ids. With
    ``records``, its risks, issues, stand-ups, baselines and snapshots too (for the formats that
    carry them)."""
    row = conn.execute(select(Project.__table__).where(Project.__table__.c.id == project_id)).first()
    if row is None:
        raise NotFound(f"no project with id {project_id}")
    data = PlanData(name=row.name, start=row.start, status_date=row.status_date, currency=row.currency,
                    notes=row.notes or "", calendar=_calendar_data(conn, row.calendar_id))
    task_t, dep_t = Task.__table__, Dependency.__table__
    rows = fetch_rows(conn, select(*(task_t.c[c] for c in _TASK_DATA_COLUMNS))
                      .where(task_t.c.project_id == project_id).order_by(task_t.c.position, task_t.c.id))
    data.tasks = outline_order(list(starmap(TaskData, rows)), attrgetter("key"), attrgetter("parent"))[0]
    data.number()
    for t in data.tasks:
        t.source = f"{t.wbs} {t.name}"  # as the app labels a task
    data.links = list(starmap(LinkData, fetch_rows(
        conn, select(dep_t.c.pred_id, dep_t.c.succ_id, dep_t.c.type, dep_t.c.lag)
        .where(dep_t.c.project_id == project_id).order_by(dep_t.c.id))))
    res_t, as_t = Resource.__table__, Assignment.__table__
    data.resources = _resources(conn, project_id, data.calendar.workdays)
    data.assignments = [AssignmentData(*a) for a in conn.execute(
        select(as_t.c.task_id, as_t.c.resource_id, as_t.c.units)
        .join(task_t, task_t.c.id == as_t.c.task_id).where(task_t.c.project_id == project_id)
        .order_by(as_t.c.id))]
    if records:
        data.records = read_records(conn, project_id)
    return data


def _resources(conn, project_id: int, project_week: int) -> list[ResourceData]:
    res_t = Resource.__table__
    out = []
    for r in conn.execute(select(res_t).where(res_t.c.project_id == project_id).order_by(res_t.c.name)):
        cal = _calendar_data(conn, r.calendar_id, project_week) if r.calendar_id is not None else None
        out.append(ResourceData(key=r.id, name=r.name, kind=r.kind, cost_rate=r.cost_rate,
                                max_units=r.max_units, calendar=cal))
    return out


@paused_gc()
def get_plan_data(store: Store, project_id: int, *, records: bool = False) -> PlanData:
    with reading(store) as s:
        return read_plan_data(s.connection(), project_id, records=records)


# -- an import into a project -----------------------------------------------------------------
@dataclass
class Into:
    """A file's plan made ready to replace a project's contents. ``data`` holds the project's own
    of each part the file had no place for (``PlanData.absent``); ``kept`` and ``replaced`` say
    which parts, in words, so that an import can say exactly what it did to the project."""

    data: PlanData
    kept: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)  # named by the file, unknown to the project
    status_kept: date | None = None
    people: Named | None = None  # how the file's names were matched, when it names people only
    held: tuple[int, ...] = ()  # the project's records before (stored_counts), read with the rest
    # the project's baselines kept (the file has none): (tasks in them tied to the file's, all)
    retied: tuple[int, int] | None = None


def _tidy(name: str) -> str:
    return " ".join(name.split())


def _loose(name: str) -> str:
    return _tidy(name).casefold()


@dataclass
class Named:
    """The people of a file that names them and nothing more (a CSV's Resources column), matched
    to a project's. "alice" or "Alice  Chen" beside the project's "Alice" and "Alice Chen" made
    second people; a typed name now matches ignoring case and spacing, exactly first (the
    project may have an "Alice" and an "ALICE", and each keeps its own)."""

    resources: list[ResourceData]
    assignments: list[AssignmentData]
    named: list[str] = field(default_factory=list)  # the project's people the file names
    new: list[str] = field(default_factory=list)  # names the project has no one of
    unnamed: list[ResourceData] = field(default_factory=list)  # the project's, not in the file
    respelled: list[str] = field(default_factory=list)  # "'alice' as the project's 'Alice'"
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)  # (the file's, the project's)

    def notes(self) -> list[str]:
        out = []
        if self.respelled:
            out.append(f"names matched ignoring case and spacing: {', '.join(self.respelled)}")
        for name, alike in self.ambiguous:
            out.append(f"{brief(name)} matches {len(alike)} of the project's people ({', '.join(map(brief, alike))}) "
                       "but none exactly: added as a new person (name one exactly to use them)")
        return out


def name_people(resources: list[ResourceData], assignments: list[AssignmentData],
                people: list[ResourceData]) -> Named:
    """``resources`` (known by name only) as the project's ``people`` where the names match,
    else as new people, one per name however the file spells it (its first spelling kept)."""
    exact = {p.name: p for p in people}
    alike: dict[str, list[ResourceData]] = {}
    for p in people:
        alike.setdefault(_loose(p.name), []).append(p)
    out = Named(resources=[], assignments=[])
    kept_key: dict[str, Any] = {}  # the name kept -> the key its one resource has
    key_of: dict[Any, Any] = {}  # a file's key -> that key
    first: dict[str, str] = {}  # a new person's loose name -> the file's first spelling
    for r in resources:
        name = _tidy(r.name)
        p = exact.get(name)
        if p is None:
            same = alike.get(_loose(name), [])
            if len(same) == 1:
                p = same[0]
            elif same:
                out.ambiguous.append((r.name, [q.name for q in same]))
        kept = p.name if p is not None else first.setdefault(_loose(name), name)
        if kept != r.name:
            whose = "the project's" if p is not None else "the file's first spelling"
            out.respelled.append(f"{brief(r.name)} as {whose} {brief(kept)}" if p is not None
                                 else f"{brief(r.name)} as {brief(kept)} ({whose})")
        if kept in kept_key:
            key_of[r.key] = kept_key[kept]
            continue
        kept_key[kept] = key_of[r.key] = r.key
        if p is not None:
            out.resources.append(replace(p, key=r.key, source=r.source))
            out.named.append(p.name)
        else:
            out.resources.append(replace(r, name=kept))
            out.new.append(kept)
    out.unnamed = [p for p in people if p.name not in kept_key]
    pairs: set[tuple[Any, Any]] = set()
    for a in assignments:
        key = key_of.get(a.resource, a.resource)
        if (a.task, key) in pairs:
            continue  # "Alice, alice" on one row: one person, once
        pairs.add((a.task, key))
        out.assignments.append(a if key == a.resource else replace(a, resource=key))
    return out


def plan_new(data: PlanData) -> tuple[PlanData, Named | None]:
    """``data`` as a new project: a file that names people only names each once, however it
    spells them ("Alice" on one row, "alice " on the next)."""
    if Part.RESOURCES not in data.absent:
        return data, None
    named = name_people(data.resources, data.assignments, [])
    return replace(data, resources=named.resources, assignments=named.assignments), named


def calendar_text(cal: CalendarData) -> str:
    """"'Standard': mon,tue,wed,thu,fri, 8 holidays, 1 worked day"."""
    off = sum(1 for working, _n in cal.exceptions.values() if not working)
    on = len(cal.exceptions) - off
    text = f"{brief(cal.name)}: {format_workdays(cal.workdays)}, {off} holiday{'' if off == 1 else 's'}"
    return text + (f", {on} worked day{'' if on == 1 else 's'}" if on else "")


def _names(names: list[str], limit: int = 6) -> str:
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(map(cut, names[:limit])) + more


def fit_into(conn, project_id: int, data: PlanData) -> Into:
    """``data`` as it will replace the project's contents: each part it has no place for is the
    project's own. A part the file carries replaces the project's, even when it says "none": an
    MS Project file without a status date has none (MS Project writes none when it is NA), and
    keeping the project's would hold all its unstarted work back to that date."""
    row = conn.execute(select(Project.__table__).where(Project.__table__.c.id == project_id)).first()
    if row is None:
        raise NotFound(f"no project with id {project_id}")
    absent = data.absent
    into = Into(data=replace(data, absent=frozenset()), held=stored_counts(conn, project_id))
    new, kept, replaced = into.data, into.kept, into.replaced
    cal = _calendar_data(conn, row.calendar_id)
    if Part.CALENDAR in absent:
        new.calendar = cal
        kept.append(f"the calendar ({calendar_text(cal)})")
    elif (cal.name, cal.workdays, cal.exceptions) != (data.calendar.name, data.calendar.workdays,
                                                      data.calendar.exceptions):
        replaced.append(f"the calendar ({calendar_text(cal)} → {calendar_text(data.calendar)})")
    if Part.START in absent:
        new.start = row.start
        kept.append(f"the start {row.start}")
    elif row.start != data.start:
        replaced.append(f"the start {row.start} → {data.start}")
    if Part.STATUS_DATE in absent:
        if row.status_date is not None and row.status_date < new.start:
            # the project's own rule (set_status_date): no figures dated before the plan begins
            new.status_date = None
            replaced.append(f"the status date {row.status_date} → none: it is before the file's start {new.start}")
        else:
            new.status_date = into.status_kept = row.status_date
            if row.status_date is not None:
                kept.append(f"the status date {row.status_date}")
    elif row.status_date != data.status_date:
        replaced.append(f"the status date {row.status_date or 'none'} → {data.status_date or 'none'}")
    if Part.CURRENCY in absent:
        new.currency = row.currency
        kept.append(f"the currency {row.currency}")
    elif row.currency != (data.currency or row.currency)[:10]:
        replaced.append(f"the currency {row.currency} → {data.currency}")
    if Part.NOTES in absent:
        new.notes = row.notes or ""
        if new.notes:
            kept.append("the project's notes")
    elif (row.notes or "") != (data.notes or ""):
        after = "the file's" if data.notes else "none"
        replaced.append(f"the project's notes ({'some' if row.notes else 'none'} → {after})")
    people = _resources(conn, project_id, cal.workdays)
    if Part.RESOURCES in absent:
        # the file names people (CSV's Resources column) but says nothing else of them: the
        # project's person of that name keeps their kind, rate, units and calendar, and the
        # project's people the file does not name stay, unassigned
        into.people = got = name_people(data.resources, data.assignments, people)
        into.new_people = got.new
        # a key no reader gives: the file's own keys stay unique
        new.resources = got.resources + [replace(p, key=("project", p.key)) for p in got.unnamed]
        new.assignments = got.assignments
        if got.named:
            kept.append(f"the kinds, rates, units and calendars of the people it names ({_names(got.named)})")
        if got.unnamed:
            kept.append(f"the people it does not name, unassigned ({_names([p.name for p in got.unnamed])})")
    elif people or data.resources:
        replaced.append(f"the {len(people)} people, with their rates and calendars → the file's {len(data.resources)}")
    if data.records is not None and not data.records.named and data.records.baselines:
        _keep_baseline_names(conn, project_id, into)
    return into


def _keep_baseline_names(conn, project_id: int, into: Into) -> None:
    """A file that numbers its baselines but has no names for them (MS Project XML: Baseline,
    Baseline1 …) replaces the project's: one of the same number is the same slot, so it keeps
    the name the project gave it. A plan exported to MS Project and imported back came in with
    'Approved plan' renamed 'Baseline'."""
    base_t = Baseline.__table__
    names = dict(conn.execute(select(base_t.c.number, base_t.c.name).where(base_t.c.project_id == project_id)).all())
    records = into.data.records
    renamed = []
    baselines = []
    for b in records.baselines:
        name = names.get(b["number"])
        if name is not None and name != b["name"]:
            renamed.append(f"{b['name']} as {name!r}")
            b = {**b, "name": name}
        baselines.append(b)
    if renamed:
        into.data.records = replace(records, baselines=baselines)
        into.kept.append(f"the names of its baselines of the same number ({', '.join(renamed)})")


def plan_into(store: Store, project_id: int, data: PlanData) -> Into:
    with reading(store) as s:
        return fit_into(s.connection(), project_id, data)


# -- writing -----------------------------------------------------------------------------------
def plain_name(base: str | None) -> str:
    """The name a plan called ``base`` is imported under before it is made unique."""
    # plain text, as the rules want a name: a control character counts as a space
    base = "".join(ch if ch >= " " and not "\x7f" <= ch <= "\x9f" else " " for ch in base or "")
    return " ".join(base.split())[:MAX_NAME - 6] or "Imported plan"


def unique_name(conn, base: str) -> str:
    base = plain_name(base)
    names = set(conn.execute(select(Project.__table__.c.name)).scalars())
    if base not in names:
        return base
    n = 2
    while f"{base} ({n})" in names:
        n += 1
    return f"{base} ({n})"


def refuse_taken(conn, name: str) -> None:
    """A name the user chose for a new project is refused when taken, as `project new` refuses
    it: made unique, `import --name X` made 'X (2)' beside the X it was meant to be."""
    if conn.execute(select(Project.__table__.c.id).where(Project.__table__.c.name == name)).first() is not None:
        raise Conflict(f"a project named {brief(name)} exists already: `--into {name!r}` replaces its "
                       f"plan with the file's (undoable), or give another --name")


def check_new_name(store: Store, name: str) -> None:
    """refuse_taken before the file is read: a big file is read and scheduled for nothing else."""
    with reading(store) as s:
        refuse_taken(s.connection(), name)


def _plain_dates(table, cols: list[str], values: list[tuple]) -> list[tuple]:
    """The rows with dates as ISO text: the journal's JSON form and, for a simple table, exactly
    what SQLAlchemy's SQLite Date type stores, so they can go to the driver. Date columns that
    hold no date (the usual case) cost one C-level sweep each."""
    for j, c in enumerate(cols):
        kind = getattr(table.c[c].type, "impl", table.c[c].type)
        if isinstance(kind, (Date, DateTime)) and any(map(is_not, map(itemgetter(j), values), repeat(None))):
            values = [v[:j] + (v[j].isoformat() if v[j] is not None else None,) + v[j + 1:] for v in values]
    return values


def insert_rows(act, table, cols: list[str], values: list[tuple]) -> Sequence[int]:
    """Insert rows (tuples in ``cols`` order, without the id) in bulk, journal them in this order
    and return their ids in this order. Tuples, not dicts: a 10,000-task import spent 25 ms
    building and unpacking 37,000 row dicts.

    On SQLite the write transaction holds the database lock, so the ids can be handed out here
    (after the AUTOINCREMENT high-water mark, which SQLite then moves past them) and the rows sent
    with one executemany of plain tuples straight to the driver: the Core insert spent more time
    processing 37,000 parameter dicts than SQLite spent storing them (profiled on a 10,000-task
    import). RETURNING with a guaranteed order costs one statement per row there. Elsewhere
    RETURNING is batched by the driver."""
    if not values:
        return []
    conn = act.conn
    if conn.dialect.name == "sqlite":
        seq = conn.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)).scalar()
        top = conn.exec_driver_sql(f"SELECT max(id) FROM {table.name}").scalar()
        next_id = max(seq or 0, top or 0) + 1
        ids: Sequence[int] = range(next_id, next_id + len(values))
        rows = list(map(add, values, zip(ids)))  # the id last, as the journal has always had it
        cols = [*cols, "id"]
        plain = _plain_dates(table, cols, rows)
        if simple(table, cols):
            insert_many(conn, table.name, cols, plain)
        else:
            conn.execute(insert(table), [dict(zip(cols, row)) for row in rows])
    else:
        result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                              [dict(zip(cols, row)) for row in values])
        ids = list(result.scalars())
        cols = [*cols, "id"]
        plain = _plain_dates(table, cols, list(map(add, values, zip(ids))))
    # The journal's documented bulk change (store/journal.py): the columns once, then the rows.
    act.recorder.changes.append({"op": "insert_rows", "table": table.name, "columns": cols, "rows": plain})
    return ids


def _insert(act, table, rows: list[dict]) -> list[dict]:
    """_insert_rows for a few rows as dicts (built by one literal, so with the same keys in the
    same order); each gets its "id"."""
    if rows:
        ids = insert_rows(act, table, list(rows[0]), [tuple(row.values()) for row in rows])
        for row, new_id in zip(rows, ids):
            row["id"] = new_id
    return rows


def _write_calendar(act, cal: CalendarData, project_week: int | None = None) -> int:
    """Write a calendar; with ``project_week``, a resource's: following that week unless it has
    one of its own."""
    row = {"name": cal.name[:MAX_NAME] or "Standard", "workdays": cal.workdays}
    if project_week is not None:
        own = cal.own_week_of(project_week)
        row.update(workdays=project_week if own is None else own, own_week=own is not None)
    (row,) = _insert(act, Calendar.__table__, [row])
    _write_exceptions(act, row["id"], cal)
    return row["id"]


def _write_exceptions(act, calendar_id: int, cal: CalendarData) -> None:
    _insert(act, CalendarException.__table__, [
        {"calendar_id": calendar_id, "day": day, "working": working, "name": name or ""}
        for day, (working, name) in sorted(cal.exceptions.items())
    ])


# The task columns _write_contents fills, in the order the journal has always listed them.
_TASK_COLUMNS = ["project_id", "parent_id", "position", "name", "duration", "optimistic", "most_likely",
                 "pessimistic", "constraint_type", "constraint_date", "deadline", "percent_complete",
                 "actual_start", "actual_finish", "remaining", "fixed_cost", "notes", "actual_cost"]


def _write_contents(act, project_id: int, data: PlanData) -> dict[str, int]:
    res_ids: dict[Any, int] = {}
    res_rows = []
    for r in data.resources:
        cal_id = _write_calendar(act, r.calendar, data.calendar.workdays) if r.calendar is not None else None
        res_rows.append({"project_id": project_id, "name": r.name.strip(), "kind": r.kind,
                         "cost_rate": float(r.cost_rate), "max_units": float(r.max_units),
                         "calendar_id": cal_id})
    _insert(act, Resource.__table__, res_rows)
    for r, row in zip(data.resources, res_rows):
        res_ids[r.key] = row["id"]

    # Parents need their ids before their children: one bulk insert per outline level.
    level: dict[Any, int] = {}
    position: dict[Any, int] = {}
    counters: dict[Any, int] = {}
    by_level: dict[int, list[TaskData]] = {}
    for t in data.tasks:
        lv = level[t.parent] + 1 if t.parent is not None else 1
        level[t.key] = lv
        pos = counters.get(t.parent, 0)
        counters[t.parent] = pos + 1
        position[t.key] = pos
        by_level.setdefault(lv, []).append(t)
    task_ids: dict[Any, int] = {}
    summaries = data.summaries()
    for lv in sorted(by_level):
        tasks = by_level[lv]
        ids = insert_rows(act, Task.__table__, _TASK_COLUMNS, [
            (project_id, task_ids[t.parent] if t.parent is not None else None, position[t.key],
             t.name.strip(), 0 if t.key in summaries else t.duration,
             t.optimistic, t.most_likely, t.pessimistic, t.constraint_type, t.constraint_date,
             t.deadline, t.percent_complete, t.actual_start, t.actual_finish,
             t.remaining, float(t.fixed_cost), t.notes or "", t.actual_cost)
            for t in tasks
        ])
        task_ids.update(zip([t.key for t in tasks], ids))
    insert_rows(act, Dependency.__table__, ["project_id", "pred_id", "succ_id", "type", "lag"], [
        (project_id, task_ids[l.pred], task_ids[l.succ], l.type, l.lag) for l in data.links
    ])
    insert_rows(act, Assignment.__table__, ["task_id", "resource_id", "units"], [
        (task_ids[a.task], res_ids[a.resource], float(a.units)) for a in data.assignments
    ])
    if data.records is not None:
        write_records(act, project_id, data.records, task_ids, res_ids, _insert)
    return {"tasks": len(data.tasks), "links": len(data.links), "resources": len(data.resources),
            "assignments": len(data.assignments), "calendars": calendars_text(data),
            "records": data.records.counts() if data.records is not None else "", "task_ids": task_ids}


def calendars_text(data: PlanData) -> str:
    """The project calendar's exceptions, and those of the people's own calendars: '0 calendar
    exceptions' alone read as if a file's leave days had been dropped."""
    text = f"{len(data.calendar.exceptions)} calendar exceptions"
    own = [r.calendar for r in data.resources if r.calendar is not None]
    if own:
        n = sum(len(c.exceptions) for c in own)
        text += f", {len(own)} resource calendar{'s' if len(own) > 1 else ''} ({n} exception{'' if n == 1 else 's'})"
    return text


def _counts_line(counts: dict[str, int]) -> str:
    return (f"{counted(counts['tasks'], 'task')}, {counted(counts['links'], 'link')}, "
            f"{counted(counts['resources'], 'resource')}, {counted(counts['assignments'], 'assignment')}, "
            f"{counts['calendars']}"
            + (f", {counts['records']}" if counts.get("records") else ""))


class _DryRun(Exception):
    """Raised at the end of a dry run's action, so that the action rolls back all it wrote."""


@contextmanager
def _rolled_back_if(dry_run: bool):
    """A dry run goes the real import's way, every check and write included (a check that only
    the dry run made would drift from the real one: it once said yes where the import said no),
    and ends by rolling it all back."""
    try:
        yield
    except _DryRun:
        if not dry_run:
            raise


def create_project_from(store: Store, data: PlanData, name: str | None = None, *,
                        make_current: bool = True, checked: bool = False, sched: ScheduleResult | None = None,
                        action_name: str = "Import plan", dry_run: bool = False) -> Project:
    """A new project holding ``data``, named ``name`` (refused when taken) or else data.name
    made unique ('Plan (2)' beside 'Plan'). With
    ``dry_run``, the project it would be, and nothing written. ``sched`` is what ``check(data)``
    returned (``checked`` says it was called, without it): the plan is not checked again, and
    the finish the journal records is taken from it instead of reading the plan back."""
    if sched is None and not checked:
        sched = check(data)
    with _rolled_back_if(dry_run), action(store, None, action_name) as act:
        if name:
            refuse_taken(act.conn, name)  # checked again here: another process may have taken it since
            final = name
        else:
            final = unique_name(act.conn, data.name)
        cal_id = _write_calendar(act, data.calendar)
        row = {"name": final, "start": data.start, "status_date": data.status_date,
               "calendar_id": cal_id, "currency": (data.currency or "EUR")[:10],
               "notes": data.notes or "", "created_at": datetime.now(timezone.utc)}
        (row,) = _insert(act, Project.__table__, [row])
        act.project_id = row["id"]
        counts = _write_contents(act, row["id"], data)
        if make_current:
            setting = act.session.get(Setting, "current_project")
            if setting is None:
                act.session.add(Setting(key="current_project", value=str(row["id"])))
            else:
                setting.value = str(row["id"])
        act.say(f"imported project {final!r}: {_counts_line(counts)}")
        if dry_run:
            act.session.flush()  # as the commit would: the database's checks run on every row
            raise _DryRun
        if sched is not None:
            act.after_point = _written_point(data, sched, counts["task_ids"])
    return Project(**{k: v for k, v in row.items()})


def _written_point(data: PlanData, sched: ScheduleResult, task_ids: dict) -> dict | None:
    """finish_effect.point of the project just written from ``data``, from ``data``'s schedule:
    the stored plan schedules the same (its summaries' durations, which the scheduler ignores,
    are 0; its tasks in outline order, which the dates do not depend on), its WBS codes are
    ``data``'s (check numbered them, and the tasks are stored in that order) and its names
    ``data``'s stripped. The task ids are the ones just written. None, to read the plan back,
    when it runs past the last plan date: the stored plan's schedule refuses that, and the
    journal records the reason."""
    if not data.tasks:
        return dict(finish_effect.EMPTY)
    finish = sched.finish
    if finish > LATEST_DATE:
        return None
    ordered, kids, _top = outline_order(data.tasks, attrgetter("key"), attrgetter("parent"))
    finish_of = sched.finish_of
    # as finish_effect.end_task: the last leaf in outline order that ends on the finish
    for t in reversed(ordered):
        if t.key not in kids and finish_of(t.key) == finish:
            return {"finish": finish.isoformat(), "end": task_ids[t.key], "label": f"{t.wbs} {t.name.strip()}"}
    return {"finish": finish.isoformat(), "end": None, "label": None}


# What a row of each table outside the plan's own is, to the user
_RECORD = {"risk": ("risk", "risks"), "risk_task": ("risk-task link", "risk-task links"),
           "issue": ("issue", "issues"), "standup_note": ("stand-up note", "stand-up notes"),
           "standup_event": ("stand-up update", "stand-up updates")}


def _references_elsewhere(conn, targets: dict[str, list[int]]) -> list[str]:
    """The records outside the plan's own tables that point at these rows (risks, issues,
    stand-up records), counted once each however many of the rows they point at."""
    from sqlmodel import SQLModel

    import pmtui.models.all_tables  # noqa: F401 - the tables that may point at the plan's

    own = {"task", "dependency", "assignment", "resource", "calendar", "calendar_exception"}
    found = []
    for name, table in SQLModel.metadata.tables.items():
        if name in own:
            continue
        cols = [(fk.parent, targets[fk.column.table.name]) for fk in table.foreign_keys
                if fk.column.table.name in targets and fk.column.name == "id"]
        rows: set = set()
        for col, ids in cols:
            for i in range(0, len(ids), 900):
                rows.update(conn.execute(select(*table.primary_key.columns).where(col.in_(ids[i:i + 900]))).all())
        if rows:
            one, many = _RECORD.get(name, (name.replace("_", " ") + " record",) * 2)
            found.append(f"{len(rows)} {one if len(rows) == 1 else many}")
    return found


def _select_rows(conn, table, where) -> list:
    """Whole rows, as Core returns them (by position or by name): the journal takes them so."""
    return conn.execute(select(table).where(where).order_by(table.c.id)).all()


def replace_project_contents(store: Store, project_id: int, data: PlanData, *, checked: bool = False,
                             sched: tuple[PlanData, ScheduleResult] | None = None,
                             action_name: str = "Import plan (replace)", dry_run: bool = False) -> Into:
    """Replace the tasks, links, resources, assignments and calendar of a project with ``data``,
    and its risks, issues, stand-ups, baselines and snapshots when ``data`` has them; the project
    keeps its name, and its own of every part ``data`` has no place for (``fit_into``). One
    journal entry: undo brings the old contents back. With ``dry_run``, nothing written.
    ``checked`` says that ``fit_into``'s plan has been checked. Returns what was fitted in and
    what the project held, as read in the writing transaction: another process may have changed
    the project since the caller's own ``plan_into``, and what to say must follow what was done.
    ``sched`` is the plan the caller checked (``plan_into``'s) and what ``check`` returned for it:
    when the plan fitted here schedules from the same (the same tasks and links, calendar, start
    and status date), the finish the journal records is taken from it."""
    with _rolled_back_if(dry_run), action(store, project_id, action_name) as act:
        conn = act.conn
        project = act.session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}")
        into = fit_into(conn, project_id, data)
        data = into.data
        if not checked:
            sched = (data, check(data))
        if sched is not None and not _schedules_alike(sched[0], data):
            sched = None  # another process changed the project's calendar, start or status date
        task_t, dep_t, as_t = Task.__table__, Dependency.__table__, Assignment.__table__
        res_t, cal_t, ex_t = Resource.__table__, Calendar.__table__, CalendarException.__table__
        tasks = _select_rows(conn, task_t, task_t.c.project_id == project_id)
        resources = _select_rows(conn, res_t, res_t.c.project_id == project_id)
        if data.records is not None:  # the file's records replace the project's, of the kinds it carries
            drop_records(act, project_id, data.records.carried)
        blockers = _references_elsewhere(conn, {"task": [t.id for t in tasks],
                                                "resource": [r.id for r in resources]})
        if blockers:
            raise Conflict(
                f"project {brief(project.name)} has {', '.join(blockers)} tied to its tasks or people, which "
                "replacing them would cut loose: import as a new project instead (pmtui import FILE --name NEW)"
            )
        deps = _select_rows(conn, dep_t, dep_t.c.project_id == project_id)
        own = select(task_t.c.id).where(task_t.c.project_id == project_id)
        assigns = _select_rows(conn, as_t, as_t.c.task_id.in_(own))
        res_cals = sorted({r.calendar_id for r in resources if r.calendar_id is not None})
        cal_ids = [project.calendar_id, *res_cals]
        exceptions = _select_rows(conn, ex_t, ex_t.c.calendar_id.in_(cal_ids))
        cal_rows = _select_rows(conn, cal_t, cal_t.c.id.in_(res_cals)) if res_cals else []

        for table, rows in ((as_t, assigns), (dep_t, deps), (task_t, tasks), (res_t, resources),
                            (ex_t, exceptions), (cal_t, cal_rows)):
            act.recorder.drop(conn, table, rows)

        cal_before = dict(conn.execute(select(cal_t).where(cal_t.c.id == project.calendar_id)).first()._mapping)
        cal_after = {"name": data.calendar.name or cal_before["name"], "workdays": data.calendar.workdays}
        changed = {k: v for k, v in cal_after.items() if cal_before[k] != v}
        if changed:
            conn.execute(update(cal_t).where(cal_t.c.id == project.calendar_id).values(**changed))
            act.recorder.changes.append({"op": "update", "table": "calendar", "id": project.calendar_id,
                                         "before": {k: cal_before[k] for k in changed}, "after": changed})
        _write_exceptions(act, project.calendar_id, data.calendar)
        counts = _write_contents(act, project_id, data)
        if data.records is None or "baselines" not in data.records.carried:
            into.retied = _retie_baselines(act, project_id, tasks, data, counts["task_ids"])
        project.start = data.start
        project.status_date = data.status_date
        project.currency = (data.currency or project.currency)[:10]
        project.notes = data.notes or ""
        act.say(f"replaced the contents of {project.name!r} ({counted(len(tasks), 'task')} before): {_counts_line(counts)}"
                + (f"; kept {', '.join(into.kept)}" if into.kept else ""))
        if dry_run:
            act.session.flush()  # as the commit would: the database's checks run on every row
            raise _DryRun
        if sched is not None:
            act.after_point = _written_point(data, sched[1], counts["task_ids"])
    return into


def _schedules_alike(a: PlanData, b: PlanData) -> bool:
    """Whether the two plans are scheduled from the same inputs: the same task and link lists
    (fit_into shares them with the file's plan), calendar, start and status date."""
    return (a.tasks is b.tasks and a.links is b.links and a.start == b.start and a.status_date == b.status_date
            and a.calendar.workdays == b.calendar.workdays and a.calendar.exceptions == b.calendar.exceptions)


def _retie_baselines(act, project_id: int, old_tasks: list, data: PlanData,
                     task_ids: dict) -> tuple[int, int] | None:
    """Tie the project's kept baselines to the file's tasks. The old tasks are gone and the
    file's have new ids, so every task of a baseline read as "removed since the baseline" and
    every task as added: variance had nothing to compare. A baseline's task is the file's task
    with the WBS code and name the old task had (a file exported from this plan and edited
    elsewhere has them); one with no such task stays removed since the baseline. Returns (tied,
    all) over the baselines' tasks, or None when the project has no baseline."""
    base_t, bt_t = Baseline.__table__, BaselineTask.__table__
    base_ids = [b for (b,) in act.conn.execute(select(base_t.c.id).where(base_t.c.project_id == project_id))]
    if not base_ids:
        return None
    ordered = outline_order(sorted(old_tasks, key=attrgetter("position", "id")), attrgetter("id"),
                            attrgetter("parent_id"))[0]
    counters: dict[Any, int] = {}
    codes: dict[Any, str] = {}
    for t in ordered:
        n = counters[t.parent_id] = counters.get(t.parent_id, 0) + 1
        codes[t.id] = f"{codes[t.parent_id]}.{n}" if t.parent_id in codes else str(n)
    data.number()
    new_by = {(t.wbs, t.name.strip()): task_ids[t.key] for t in data.tasks}
    new_of = {t.id: new_by.get((codes[t.id], t.name)) for t in ordered}
    rows = act.conn.execute(select(bt_t.c.id, bt_t.c.task_id).where(bt_t.c.baseline_id.in_(base_ids))
                            .order_by(bt_t.c.id)).all()
    ids, before, after = [], [], []
    for row_id, task_id in rows:
        new_id = new_of.get(task_id)
        if new_id is not None:
            ids.append(row_id)
            before.append([task_id])
            after.append([new_id])
    if ids:
        # one statement for all: a statement per row cost 10,000 round trips on a 10,000-task plan
        update_by_id(act.conn, bt_t, ["task_id"], ids, after)
        act.recorder.changes.append({"op": "update_rows", "table": bt_t.name, "columns": ["task_id"], "ids": ids,
                                     "before": before, "after": after})
    return len(ids), len(rows)


def ceil_days(x: float) -> int:
    return int(math.ceil(x - 1e-9))
