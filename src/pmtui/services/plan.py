"""The whole plan of a project in memory, with derived WBS codes and the schedule computed from
it, read in a handful of SQL queries.

WBS codes come from the tree (parent, sibling position) and are never stored: they are always
consecutive, and they sort numerically because they are compared as tuples of ints.

This module imports neither SQLAlchemy nor SQLModel: the app reads its first plan through the
standard library's sqlite3 (pmtui.store.quick) before those are loaded, with the same queries as
the services' ``load_plan``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from itertools import repeat
from operator import attrgetter, is_
from typing import NamedTuple

from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.models.parsing import format_link, is_digits
from pmtui.models.vocabulary import LATEST_DATE
from pmtui.models.wording import brief, cut
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
from pmtui.scheduling.costs import days_split
from pmtui.services.gc_pause import paused_gc
from pmtui.store.quick import QuickReader, sqlite_rows

# After a duration that is not the planned one, in every table that shows durations (each says
# so under it): MS Project shows the current Duration with no mark, but a PM who planned 3 days
# should not read 6 without knowing why.
NOT_PLANNED = "†"
NOT_PLANNED_NOTE = f"{NOT_PLANNED} = duration now (days done + days left, or as it ran), not the planned one"

# Enum calls cost a few microseconds each, which adds up at 100,000 tasks: look them up instead.
_CONSTRAINTS = {c.value: c for c in ConstraintType}
_LINK_TYPES = {t.value: t for t in LinkType}


@dataclass(slots=True, frozen=True)
class ProjectRow:
    """The project's own fields a plan needs (the table is pmtui.models.tables.Project)."""

    id: int
    name: str
    start: date
    status_date: date | None
    calendar_id: int
    currency: str
    notes: str
    folded: str | None = None  # read by folded_summaries below


def folded_summaries(project: ProjectRow) -> set[int]:
    """The summaries kept folded for the project (pmtui.services.projects.save_folded); a value
    that cannot be read is none folded, as it is only a view."""
    try:
        ids = json.loads(project.folded or "[]")
    except ValueError:
        return set()
    return {i for i in ids if isinstance(i, int)} if isinstance(ids, list) else set()


@dataclass(slots=True)
class TaskRow:
    id: int
    project_id: int
    parent_id: int | None
    position: int
    name: str
    duration: int
    optimistic: float | None
    most_likely: float | None
    pessimistic: float | None
    constraint_type: str
    constraint_date: date | None
    deadline: date | None
    percent_complete: int
    actual_start: date | None
    actual_finish: date | None
    remaining: int | None
    fixed_cost: float
    notes: str
    actual_cost: float | None
    wbs: str = ""
    level: int = 1
    children: list[int] = field(default_factory=list)

    @property
    def summary(self) -> bool:
        return bool(self.children)

    @property
    def milestone(self) -> bool:
        return not self.children and self.duration == 0

    @property
    def label(self) -> str:
        return f"{self.wbs} {self.name}"


# Links and assignments come by the ten thousand: named tuples, built from the database's rows
# in C (a frozen dataclass's __init__ sets each field through object.__setattr__: 13.5 vs 2.5 ms
# for 15,000 links).
class LinkRow(NamedTuple):
    id: int
    pred_id: int
    succ_id: int
    type: str
    lag: int


@dataclass(slots=True, frozen=True)
class ResourceRow:
    id: int
    name: str
    kind: str
    cost_rate: float
    max_units: float
    calendar_id: int | None


class AssignmentRow(NamedTuple):
    id: int
    task_id: int
    resource_id: int
    units: float


def wbs_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("."))


@dataclass
class Plan:
    project: ProjectRow
    workdays: int
    exceptions: dict[date, tuple[bool, str]]
    tasks: list[TaskRow]  # outline order
    links: list[LinkRow]
    resources: list[ResourceRow]
    assignments: list[AssignmentRow]
    roots: list[int] = field(default_factory=list)
    # journal.version() of the database state this plan shows; the app compares it to notice
    # changes made by another process
    version: tuple[int, int] | None = field(default=None, compare=False)
    # (day, finish) of the project's last stand-up: the finish when it closed, or when it began
    # if it is still open; None without one
    last_standup: tuple[date, date] | None = None
    # resource id -> {day: note} of the days off on the resource's own calendar (leave): the
    # work of the tasks they are on is scheduled around them (resource_time)
    leave: dict[int, dict[date, str]] = field(default_factory=dict)
    # resource id -> (working weekdays mask of a week of their own, None for the project's week;
    # {day: note} of days worked that their week or the project has off) of each resource with a
    # calendar of its own (resource_time)
    resource_weeks: dict[int, tuple[int | None, dict[date, str]]] = field(default_factory=dict)

    def resource_week(self, resource_id: int) -> tuple[int, bool]:
        """(working weekdays mask, whether it is a week of their own) of a resource: the
        project's week unless they were given one of their own."""
        mask = self.resource_weeks.get(resource_id, (None, {}))[0]
        return (self.workdays, False) if mask is None else (mask, True)

    def finish_change(self) -> tuple[date, int] | None:
        """(day of the last stand-up, working days the finish moved since; later is positive),
        or None without a stand-up or a schedule."""
        if self.last_standup is None:
            return None
        day, then = self.last_standup
        return day, self.calendar.working_days_between(then, self.schedule.finish)

    def __post_init__(self) -> None:
        self.by_id = {t.id: t for t in self.tasks}
        self._number()

    # -- the tree -------------------------------------------------------------------------------
    def _number(self) -> None:
        tasks = self.tasks
        keys = list(map(attrgetter("position", "id"), tasks))
        if keys != sorted(keys):  # load_plan gives them sorted (a single run for sorted())
            tasks = sorted(tasks, key=attrgetter("position", "id"))
        ordered, kids, top = outline_order(tasks, attrgetter("id"), attrgetter("parent_id"))
        roots = [t.id for t in top]
        for n, t in enumerate(top, 1):
            t.wbs, t.level = str(n), 1
        # each summary numbers its tasks; in outline order a summary is numbered before them
        for t in ordered:
            below = kids.get(t.id)
            if below is None:
                if t.children:
                    t.children = []
                continue
            t.children = [c.id for c in below]
            prefix, level = t.wbs + ".", t.level + 1
            for n, c in enumerate(below, 1):
                c.wbs = prefix + str(n)
                c.level = level
        self.tasks = ordered
        self.roots = roots
        self.by_wbs = {t.wbs: t for t in ordered}
        # The same object in every copy that keeps the tree and its order (with_task_values):
        # a view may keep its rows for it.
        self.shape = object()

    def siblings(self, task: TaskRow) -> list[int]:
        return self.by_id[task.parent_id].children if task.parent_id else self.roots

    def descendants(self, task_id: int) -> list[int]:
        out, stack = [], list(self.by_id[task_id].children)
        while stack:
            tid = stack.pop()
            out.append(tid)
            stack.extend(self.by_id[tid].children)
        return out

    def ancestors(self, task_id: int) -> list[int]:
        out, pid = [], self.by_id[task_id].parent_id
        while pid is not None:
            out.append(pid)
            pid = self.by_id[pid].parent_id
        return out

    def with_task_values(self, task_id: int, values: dict) -> Plan:
        """A copy of this plan after an edit of one task's own fields (progress, duration,
        dates; never the tree, links, resources or calendar), rescheduled lazily. A progress key
        in the app or the stand-up reloaded 10,000 rows just to see one row change; the copy
        shares every other row and whatever does not depend on task values (link tables, the
        calendar, the other tasks' scheduler inputs). This plan is left as it was: the app may
        be drawing it while the edit is checked in a worker, and the edit may still fail."""
        old = self.by_id[task_id]
        row = replace(old, **values)
        new = copy(self)
        for cached in ("schedule", "percent", "_totals"):
            new.__dict__.pop(cached, None)
        # same tasks, outline and links: the new schedule may take the order of the passes
        # (schedule's ``like``), the link indexes and the summary order
        # (ScheduleResult.share_indexes) of this one
        new._links_from = self.__dict__.get("schedule")
        # found by identity: list.index would call TaskRow.__eq__ (all its fields) on every row
        # before it, 9 ms for the last of 10,000 tasks
        at = list(map(is_, self.tasks, repeat(old))).index(True)
        new.tasks = list(self.tasks)
        new.tasks[at] = row
        new.by_id = {**self.by_id, task_id: row}
        new.by_wbs = {**self.by_wbs, row.wbs: row}
        if "percent" in self.__dict__ and not old.children:
            new._roll_up_change(self, old, row)
        changed = self.__dict__.get("durations_now")
        if changed is not None:
            # one task's entry, not a pass over every task: the app keeps the mapping per plan
            changed = dict(changed)
            changed.pop(task_id, None)
            if not row.children:
                now = leaf_duration_now(self.calendar, row)
                if now != row.duration:
                    changed[task_id] = now
            new.__dict__["durations_now"] = changed
        specs = self.__dict__.get("_specs")
        if specs is not None:
            task_specs, link_specs = specs
            task_specs = list(task_specs)
            task_specs[at] = _task_spec(row)
            new._specs = (task_specs, link_specs)
        return new

    def with_outline(self, placed: dict[int, tuple[int | None, int]],
                     values: dict[int, dict] | None = None, dropped: frozenset[int] = frozenset()) -> Plan:
        """A copy of this plan after tasks moved in the tree (task id -> its new parent and
        position), with ``values``, some of their own fields changed, and without the tasks
        ``dropped`` (deleted with their links and assignments); the rest of the links, the
        resources and the calendar are this plan's. It is the plan a reload would read (ordered by position
        and id, as the load's query orders it): moving one task in a 10,000-task plan read the
        plan twice, once to find the task and once to check the change. Every row is a copy,
        numbered afresh; this plan is left as it was (the app may be drawing it)."""
        values = values or {}
        row_of = attrgetter(*TASK_COLUMNS)
        rows = []
        for t in self.tasks:
            if t.id in dropped:
                continue
            row = TaskRow(*row_of(t))
            where = placed.get(t.id)
            if where is not None:
                row.parent_id, row.position = where
            for key, value in values.get(t.id, {}).items():
                setattr(row, key, value)
            rows.append(row)
        links, assignments = self.links, self.assignments
        if dropped:
            links = [k for k in links if k.pred_id not in dropped and k.succ_id not in dropped]
            assignments = [a for a in assignments if a.task_id not in dropped]
        new = replace(self, tasks=rows, links=links, assignments=assignments, roots=[], version=None)
        # the specs and the schedule depend on the tree; the link tables and resources do not
        kept = ("resource_by_id", "calendar") if dropped else \
            ("preds_of", "succs_of", "resource_by_id", "assignments_of", "calendar", "resource_time")
        for cached in kept:
            if cached in self.__dict__:
                new.__dict__[cached] = self.__dict__[cached]
        return new

    def with_links(self, links: list[LinkRow]) -> Plan:
        """A copy of this plan with these links (in the order a load gives them, by id), the
        tree, tasks and resources shared: linking two tasks read 10,000 tasks again to check
        one new row. This plan is left as it was."""
        new = copy(self)
        new.__dict__ = {k: v for k, v in self.__dict__.items()
                        if k not in ("schedule", "preds_of", "succs_of", "_specs", "_links_from", "_task_specs")}
        new.links = links
        specs = self.__dict__.get("_specs")
        if specs is not None:  # the tasks' inputs are the same
            new.__dict__["_task_specs"] = specs[0]
        return new

    @cached_property
    def percent(self) -> dict[int, float]:
        """Percent complete of every task; a summary's is RollUp's, over the tasks under it
        weighed by their durations now (as the MS Project XML export writes it). One bottom-up
        pass, so a screen can show every row's figure cheaply."""
        # Each task adds its figures to its parent's running totals: one pass, no sums over
        # child lists (at 10,000 tasks 19 -> 4 ms, and every edit recomputes it). RollUp's
        # fields as plain lists: a RollUp per task tripled the pass (2.6 -> 8.1 ms at 10,000).
        out: dict[int, float] = {}
        # summary -> [days, done, leaves, finished leaves] (RollUp's), kept for _roll_up_change
        totals: dict[int, list] = {}
        self._totals = totals
        now = self.durations_now
        for t in reversed(self.tasks):  # outline order: children come after their parent
            if t.children:
                d, k, leaves, finished = totals[t.id]
                out[t.id] = rolled_percent(d, k, leaves, finished)
            else:
                pc = t.percent_complete
                d = float(now.get(t.id, t.duration))
                k = d * pc
                leaves, finished = 1, pc == 100
                out[t.id] = float(pc)
            parent = t.parent_id
            if parent is not None:
                acc = totals.get(parent)
                if acc is None:
                    totals[parent] = [d, k, leaves, finished]
                else:
                    acc[0] += d
                    acc[1] += k
                    acc[2] += leaves
                    acc[3] += finished
        return out

    @cached_property
    def durations_now(self) -> dict[int, int]:
        """Task id -> duration today (MS Project's Duration: the actual duration once done, days
        done + days left while under way) of the tasks, not summaries, where it is not the
        planned duration. Few tasks are in it, so a view asks ``duration_now`` per row at no cost
        and an edited copy (with_task_values) changes one entry."""
        cal = self.calendar
        out: dict[int, int] = {}
        for t in self.tasks:
            if t.children or (not t.percent_complete and t.remaining is None):
                continue  # not started: what was planned
            now = leaf_duration_now(cal, t)
            if now != t.duration:
                out[t.id] = now
        return out

    def duration_now(self, t: TaskRow) -> int:
        """A task's duration today: a summary's span (as the WBS has always shown it), else its
        actual or days done + days left (durations_now)."""
        if t.children:
            s = self.schedule.tasks[t.id]
            return s.ef - s.es + 1
        return self.durations_now.get(t.id, t.duration)

    def duration_text(self, t: TaskRow) -> str:
        """'6d', and NOT_PLANNED after it when that is not the planned duration (a leaf's days
        done + days left, or as it ran); a summary's span is never marked, it has no plan of
        its own."""
        now = self.duration_now(t)
        return f"{now}d{NOT_PLANNED}" if not t.children and now != t.duration else f"{now}d"

    def _roll_up_change(self, before: Plan, old: TaskRow, row: TaskRow) -> None:
        """This plan's percent from ``before``'s, after one task's duration or progress changed:
        its own figure and its summaries' totals, not a pass over every task (5 of the 30 ms a
        progress edit spent in its worker at 10,000 tasks). Exact: the totals are whole
        numbers."""
        pct, totals = dict(before.percent), dict(before._totals)
        pct[row.id] = float(row.percent_complete)
        cal = self.calendar
        gone = RollUp.of(leaf_duration_now(cal, old), old.percent_complete)
        came = RollUp.of(leaf_duration_now(cal, row), row.percent_complete)
        d_days, d_done, d_finished = came.days - gone.days, came.done - gone.done, came.finished - gone.finished
        up = self.by_id.get(row.parent_id)
        while up is not None:
            d, k, leaves, finished = totals[up.id]
            d, k, finished = d + d_days, k + d_done, finished + d_finished
            totals[up.id] = [d, k, leaves, finished]
            pct[up.id] = rolled_percent(d, k, leaves, finished)
            up = self.by_id.get(up.parent_id)
        self.__dict__["percent"] = pct
        self._totals = totals

    def resolve(self, ref: str | int) -> TaskRow:
        """A task by WBS code ('1.2') or id ('#17', 'id:17', or an int)."""
        if isinstance(ref, int):
            key: int | None = ref
        else:
            text = str(ref).strip()
            key = None
            if text.startswith("#") or text.lower().startswith("id:"):
                digits = text.split(":", 1)[-1].lstrip("#")
                if not is_digits(digits):
                    raise BadValue(f"task id {brief(text)} is not a number: use #17 or a WBS code like 1.2")
                key = int(digits)
            elif not text or not all(is_digits(p) for p in text.split(".")):
                raise BadValue(f"task {brief(text)} is not a WBS code (like 1.2) or an id (like #17)")
            else:
                code = ".".join(str(int(p)) for p in text.split("."))
                row = self.by_wbs.get(code)
                if row is None:
                    raise NotFound(f"no task {cut(text)} in project {brief(self.project.name)}")
                return row
        row = self.by_id.get(key)
        if row is None:
            raise NotFound(f"no task with id #{key} in project {brief(self.project.name)}")
        return row

    # -- derived text ---------------------------------------------------------------------------
    @cached_property
    def preds_of(self) -> dict[int, list[LinkRow]]:
        out: dict[int, list[LinkRow]] = {}
        for link in self.links:
            out.setdefault(link.succ_id, []).append(link)
        return out

    @cached_property
    def succs_of(self) -> dict[int, list[LinkRow]]:
        out: dict[int, list[LinkRow]] = {}
        for link in self.links:
            out.setdefault(link.pred_id, []).append(link)
        return out

    def progress_keeps(self, ref: str | int, links: int = 1) -> str:
        """What to say of ``links`` new links into a task under way or done: they move nothing
        (progress override, see scheduling.progress, as MS Project). "" for any other task. The
        CLI's `link` and the TUI's ways of linking say it alike: "now follows" alone read as if
        the successor's dates followed too, and it kept finishing before its new predecessor."""
        row = self.resolve(ref)
        s = self.schedule.tasks.get(row.id)
        if s is None or s.summary or not (s.in_progress or s.completed):
            return ""
        what = "is finished" if s.completed else f"has started ({s.start})"
        link = "the link does not" if links == 1 else "the links do not"
        return (f"{row.wbs} {what}, so {link} move it: work under way or done keeps its dates whatever "
                f"its links say (progress wins over logic, as in MS Project).")

    def predecessors_text(self, task_id: int) -> str:
        links = sorted(self.preds_of.get(task_id, []), key=lambda l: wbs_key(self.by_id[l.pred_id].wbs))
        return ", ".join(format_link(self.by_id[l.pred_id].wbs, l.type, l.lag) for l in links)

    @cached_property
    def resource_by_id(self) -> dict[int, ResourceRow]:
        return {r.id: r for r in self.resources}

    @cached_property
    def assignments_of(self) -> dict[int, list[AssignmentRow]]:
        out: dict[int, list[AssignmentRow]] = {}
        for a in self.assignments:
            out.setdefault(a.task_id, []).append(a)
        return out

    def resources_text(self, task_id: int) -> str:
        parts = []
        for a in self.assignments_of.get(task_id, []):
            name = self.resource_by_id[a.resource_id].name
            parts.append(name if abs(a.units - 1) < 1e-9 else f"{name}[{a.units:.0%}]")
        return ", ".join(parts)

    # -- scheduling -----------------------------------------------------------------------------
    @cached_property
    def calendar(self) -> WorkCalendar:
        days = [i for i in range(7) if self.workdays >> i & 1]
        return WorkCalendar(
            workdays=days,
            exceptions={d: working for d, (working, _name) in self.exceptions.items()},
            anchor=self.project.start,
        )

    def prepare_views(self) -> Plan:
        """Schedule, and compute what drawing the plan reads (late dates and floats, the link
        indexes, predecessors, assignments, percent), in the calling thread: a worker does it
        so that the screen's thread only draws. Raises Conflict if the plan cannot be
        scheduled."""
        with paused_gc():
            self.schedule.precompute()
            self.preds_of, self.assignments_of, self.resource_by_id, self.percent, self.durations_now  # noqa: B018 - cached
        return self

    def specs(self) -> tuple[list[TaskSpec], list[LinkSpec]]:
        """The scheduler's inputs, built once per plan (an edited copy replaces one task's)."""
        specs = self.__dict__.get("_specs")
        if specs is None:
            links = self.links
            tasks = self.__dict__.pop("_task_specs", None)  # with_links: the same tasks
            specs = self._specs = (
                tasks if tasks is not None else list(map(_task_spec, self.tasks)),
                list(map(LinkSpec, map(attrgetter("pred_id"), links), map(attrgetter("succ_id"), links),
                         map(_LINK_TYPES.__getitem__, map(attrgetter("type"), links)),
                         map(attrgetter("lag"), links))),
            )
        return specs

    def resource_works(self, resource_id: int, day: date) -> bool:
        """Whether the resource works ``day`` by their calendar: their days off and worked days,
        then the project's exceptions, then their week (MS Project's order; see own_time)."""
        if day in self.leave.get(resource_id, ()):
            return False
        mask, worked = self.resource_weeks.get(resource_id, (None, {}))
        if mask is None:
            mask = self.workdays
        if day in worked:
            return True
        exc = self.exceptions.get(day)
        if exc is not None:
            return exc[0]
        return bool(mask >> day.weekday() & 1)

    @cached_property
    def resource_time(self) -> dict[int, list[ResourceTime]]:
        """Task id -> its resources, for the tasks one of whose resources has a calendar of its
        own (leave, a week of their own, a day worked the project has off): the scheduler then
        works each assignment on its resource's days (MS Project's resource calendars, based on
        the project calendar). Every resource of such a task counts (units above zero): the task
        starts with the first of them."""
        if not self.leave and not self.resource_weeks:
            return {}
        by_resource: dict[int, ResourceTime] = {}
        names = self.resource_by_id
        for rid in self.leave.keys() | self.resource_weeks.keys():
            r = names.get(rid)
            if r is None:
                continue
            mask, worked = self.resource_weeks.get(rid, (None, {}))
            by_resource[rid] = ResourceTime(
                r.name, frozenset(self.leave.get(rid, ())),
                None if mask is None or mask == self.workdays else frozenset(i for i in range(7) if mask >> i & 1),
                frozenset(worked))
        out: dict[int, list[ResourceTime]] = {}
        for task_id, rows in self.assignments_of.items():
            on = [a.resource_id for a in rows if a.units > 0]
            if any(rid in by_resource for rid in on):
                out[task_id] = [by_resource.get(rid) or ResourceTime(names[rid].name, frozenset()) for rid in on]
        return out

    @cached_property
    def schedule(self) -> ScheduleResult:
        earlier = self.__dict__.pop("_links_from", None)
        try:
            with paused_gc():
                tasks, links = self.specs()
                result = schedule(tasks, links, self.calendar, self.project.start, self.project.status_date,
                                  like=earlier, resource_time=self.resource_time)
        except SchedulingError as exc:
            raise Conflict(str(exc)) from None
        if self.tasks and result.finish > LATEST_DATE:
            # dates a plan may hold (MS Project's range, see vocabulary): an edit or import that
            # schedules past them is refused here, as any plan that does not schedule is
            raise Conflict(f"the plan would finish on {result.finish}, after {LATEST_DATE}, the last date "
                           f"a plan can have: a duration, lag or number of days left is far too large")
        if earlier is not None:
            result.share_indexes(earlier)
        return result


def actual_span(cal: WorkCalendar, t: TaskRow) -> int | None:
    """The days a finished task took, from its actual start to its actual finish (MS Project's
    Duration once a task is done: its Actual Duration), counted by WorkCalendar.days_worked;
    None for a summary, a milestone, or without both actual dates."""
    return None if t.children else _days_taken(cal, t)


def _days_taken(cal: WorkCalendar, t) -> int | None:
    if t.percent_complete < 100 or t.duration <= 0 or not (t.actual_start and t.actual_finish):
        return None
    return max(1, cal.days_worked(t.actual_start, t.actual_finish))


def leaf_duration_now(cal: WorkCalendar, t) -> int:
    """The duration today of a task that is not a summary (a TaskRow, or a file's TaskData:
    the MS Project XML export writes it as Duration): its actual span once done, else its days
    done + days left (the days its cost and work are counted on, costing.cost_days)."""
    span = _days_taken(cal, t)
    if span is not None:
        return span
    return round(sum(days_split(t.duration, t.percent_complete, t.remaining)))


@dataclass(slots=True)
class RollUp:
    """Percent complete rolled up from detail tasks, MS Project's rule: Σ actual duration /
    Σ duration of the detail tasks under a summary (Microsoft KB 101495, "How Percent Complete
    Is Calculated for Nested Summary Tasks"), a task's duration being its duration now
    (leaf_duration_now), so a task that overruns weighs what it now lasts. A milestone weighs
    nothing; a summary of milestones only is 100 % once all are reached. The app's summaries
    and project figure and the MS Project XML export all roll up through this, so they agree.

    ``done`` is duration × percent (percent-days): whole numbers held as floats, so the order
    they are added in, and an edit's update (Plan._roll_up_change), cannot change the sum."""

    days: float = 0.0
    done: float = 0.0
    leaves: int = 0
    finished: int = 0

    @classmethod
    def of(cls, days: int, percent: int) -> RollUp:
        """One detail task: its duration now and its percent complete."""
        return cls(float(days), float(days) * percent, 1, int(percent >= 100))

    def add(self, other: RollUp) -> None:
        self.days += other.days
        self.done += other.done
        self.leaves += other.leaves
        self.finished += other.finished

    @property
    def percent(self) -> float:
        return rolled_percent(self.days, self.done, self.leaves, self.finished)


def rolled_percent(days: float, done: float, leaves: int, finished: int) -> float:
    """RollUp's percent from its fields (Plan.percent keeps them in plain lists, for speed)."""
    if days:
        return done / days
    return 100.0 if leaves and leaves == finished else 0.0


def outline_order(items: list, key, parent) -> tuple[list, dict, list]:
    """(items depth first, each summary before its tasks and siblings in the given order;
    key -> the items directly under it; the top-level items). An item whose parent is not among
    them counts as top level. Used for the plan's rows and for PlanData's tasks alike."""
    keys = set(map(key, items))
    kids: dict = {}
    top: list = []
    for item in items:
        p = parent(item)
        (kids.setdefault(p, []) if p in keys else top).append(item)
    ordered: list = []
    stack = top[::-1]
    while stack:
        item = stack.pop()
        ordered.append(item)
        below = kids.get(key(item))
        if below:
            stack.extend(reversed(below))
    return ordered, kids, top


def _task_spec(t: TaskRow) -> TaskSpec:
    # positional, in TaskSpec's field order: keywords made the call twice as dear (7 vs 3.5 ms
    # for 10,000 tasks)
    return TaskSpec(t.id, t.name, t.duration, t.parent_id, t.wbs, _CONSTRAINTS[t.constraint_type],
                    t.constraint_date, t.deadline, float(t.percent_complete), t.actual_start,
                    t.actual_finish, t.remaining)


# The plan the app is showing, offered to the edit its worker runs (see plan_for_edit).
_offered = threading.local()


@contextmanager
def offering(plan: Plan | None) -> Iterator[None]:
    """Let the services called inside use ``plan`` instead of reading the project again, as
    long as the database still holds exactly what it shows (see plan_for_edit)."""
    _offered.plan = plan
    try:
        yield
    finally:
        _offered.plan = None


def plan_for_edit(conn, project_id: int) -> Plan:
    """The project as this transaction sees it: the offered plan when no change was journaled
    since it was read (its version is the journal's version inside this very transaction, which
    holds the write lock, so nothing can slip in), else a fresh load. Services treat it as read
    only and describe their change with with_task_values or a reload."""
    from pmtui.store.journal import version

    plan = getattr(_offered, "plan", None)
    if (plan is not None and plan.project.id == project_id and plan.version is not None
            and plan.version == version(conn, project_id)):
        return plan
    return load_plan(conn, project_id)


def fetch_rows(conn, stmt) -> list[tuple]:
    """All rows of a Core select as plain tuples.

    On SQLite the rows come straight from the DB-API cursor with only the dates converted:
    SQLAlchemy's per-row processing is most of the load time of a 10,000-task plan (about
    150 ms of 190 ms measured here). Other databases go through Core unchanged."""
    from sqlalchemy import Date

    if conn.dialect.name != "sqlite":
        return [tuple(r) for r in conn.execute(stmt)]
    compiled = stmt.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    args = tuple(params[name] for name in (compiled.positiontup or ()))
    cursor = conn.connection.driver_connection.cursor()
    try:
        rows = cursor.execute(str(compiled), args).fetchall()
    finally:
        cursor.close()
    dates = [i for i, c in enumerate(stmt.selected_columns) if isinstance(c.type, Date)]
    return _with_dates(rows, dates) if dates else rows


def _with_dates(rows: list, columns: list[int]) -> list:
    """Rows with the ISO text SQLite keeps for a date turned into dates (other databases hand
    over dates, which are left as they are)."""
    parse = date.fromisoformat
    out = []
    for r in rows:
        r = list(r)
        for i in columns:
            v = r[i]
            if v.__class__ is str:
                r[i] = parse(v)
        out.append(r)
    return out


# A query runner: (SQL with :name parameters, parameters) -> rows as sequences. The standard
# library's sqlite3 and SQLAlchemy's text() both take this SQL as it is.
Rows = Callable[[str, dict], list]

TASK_COLUMNS = (
    "id", "project_id", "parent_id", "position", "name", "duration", "optimistic", "most_likely",
    "pessimistic", "constraint_type", "constraint_date", "deadline", "percent_complete",
    "actual_start", "actual_finish", "remaining", "fixed_cost", "notes", "actual_cost",
)
_TASK_DATES = [TASK_COLUMNS.index(c) for c in ("constraint_date", "deadline", "actual_start", "actual_finish")]
_PLAN_SQL = {
    "project": "SELECT id, name, start, status_date, calendar_id, currency, notes, folded FROM project WHERE id = :pid",
    "workdays": "SELECT workdays FROM calendar WHERE id = :cid",
    "exceptions": "SELECT day, working, name FROM calendar_exception WHERE calendar_id = :cid",
    "tasks": f"SELECT {', '.join(TASK_COLUMNS)} FROM task WHERE project_id = :pid ORDER BY position, id",
    "links": "SELECT id, pred_id, succ_id, type, lag FROM dependency WHERE project_id = :pid",
    "resources": ("SELECT id, name, kind, cost_rate, max_units, calendar_id FROM resource "
                  "WHERE project_id = :pid ORDER BY name"),
    "assignments": ("SELECT assignment.id, assignment.task_id, assignment.resource_id, assignment.units "
                    "FROM assignment JOIN task ON task.id = assignment.task_id "
                    "WHERE task.project_id = :pid ORDER BY assignment.id"),
    # the week and worked days of resources whose calendar is not the project's week alone
    "weeks": ("SELECT resource.id, calendar.workdays, calendar.own_week, calendar_exception.day, "
              "calendar_exception.name "
              "FROM resource JOIN calendar ON calendar.id = resource.calendar_id "
              "LEFT JOIN calendar_exception ON calendar_exception.calendar_id = calendar.id "
              "AND calendar_exception.working = 1 WHERE resource.project_id = :pid"),
    "leave": ("SELECT resource.id, calendar_exception.day, calendar_exception.name FROM resource "
              "JOIN calendar_exception ON calendar_exception.calendar_id = resource.calendar_id "
              "WHERE resource.project_id = :pid AND calendar_exception.working = 0 "
              "ORDER BY resource.id, calendar_exception.day"),
    # the finish as the last stand-up left it (or, while one runs, as it found it)
    "standup": ("SELECT day, CASE WHEN state = 'closed' THEN finish_after ELSE finish_before END "
                "FROM standup WHERE project_id = :pid ORDER BY day DESC, id DESC LIMIT 1"),
}


def sql_rows(conn) -> Rows:
    """The runner for a SQLAlchemy connection: on SQLite the driver's own cursor (no per-row
    processing by SQLAlchemy), elsewhere text() queries."""
    if conn.dialect.name == "sqlite":
        return sqlite_rows(conn.connection.driver_connection)
    from sqlalchemy import text

    return lambda sql, params: [tuple(r) for r in conn.execute(text(sql), params)]


def check_plan(act, project_id: int) -> Plan:
    """Schedule the project as the action leaves it, so a change to what every date depends on
    (the calendar, the start, the status date) is refused like any edit when the plan no longer
    schedules or runs past the last plan date; the app then takes the plan instead of a reload."""
    act.session.flush()
    plan = load_plan(act.conn, project_id)
    if plan.tasks:
        plan.schedule
    act.checked_plan = plan
    return plan


def load_plan(conn, project_id: int) -> Plan:
    """Read a project whole through a SQLAlchemy connection (fast at 100,000 tasks)."""
    return read_plan(sql_rows(conn), project_id)


def quick_plan(reader: QuickReader) -> Plan | None:
    """The current project's plan and its journal version, read in one transaction through
    the app's start-up reader; None when no project is current (the caller asks the store)."""
    with reader.reading() as rows:
        pid = reader.current_project_id()
        if pid is None:
            return None
        seen = reader.version(pid)
        plan = read_plan(rows, pid)
    plan.version = seen
    return plan


def read_plan(rows: Rows, project_id: int) -> Plan:
    """Read a project whole, in a handful of queries, inside the caller's transaction."""
    with paused_gc():
        return _read_plan(rows, project_id)


def _read_plan(rows: Rows, project_id: int) -> Plan:
    sql = _PLAN_SQL
    found = rows(sql["project"], {"pid": project_id})
    if not found:
        raise NotFound(f"no project with id {project_id}")
    (project,) = _with_dates(found, [2, 3])
    project = ProjectRow(*project)
    (cal,) = rows(sql["workdays"], {"cid": project.calendar_id})
    exceptions = {day: (bool(working), name)
                  for day, working, name in _with_dates(rows(sql["exceptions"], {"cid": project.calendar_id}), [0])}
    tasks = [TaskRow(*r) for r in _with_dates(rows(sql["tasks"], {"pid": project_id}), _TASK_DATES)]
    links = list(map(LinkRow._make, rows(sql["links"], {"pid": project_id})))
    resources = [ResourceRow(*r) for r in rows(sql["resources"], {"pid": project_id})]
    assignments = list(map(AssignmentRow._make, rows(sql["assignments"], {"pid": project_id})))
    standup = _with_dates(rows(sql["standup"], {"pid": project_id}), [0, 1])
    plan = Plan(project, cal[0], exceptions, tasks, links, resources, assignments)
    for rid, day, name in _with_dates(rows(sql["leave"], {"pid": project_id}), [1]):
        plan.leave.setdefault(rid, {})[day] = name
    for rid, mask, own, day, name in _with_dates(rows(sql["weeks"], {"pid": project_id}), [3]):
        if not own and day is None:
            continue  # the project's week, no day worked: leave alone, if any
        _, worked = plan.resource_weeks.setdefault(rid, (mask if own else None, {}))
        if day is not None:
            worked[day] = name
    if standup and standup[0][1] is not None:
        plan.last_standup = tuple(standup[0])
    return plan
