"""A resource's leave: days off on the resource's own calendar ("Ana Lopez (leave)"), as MS
Project keeps them (an exception on the resource calendar) and as the demo makes them.

The scheduler works each task on its resources' time (scheduling.own_time): a task moves, or
stretches, around the leave of the people on it, as in MS Project. What can still clash with
leave is work a constraint holds on its dates (Must Start On and the like: ``clashes`` names
it, for `pmtui resource load`, `resource leave` and the stand-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmtui.lazy import LazyModule
from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.models.wording import counted
from pmtui.services.plan import Plan, check_plan, load_plan, wbs_key

if TYPE_CHECKING:
    from pmtui.store import Store

# SQLAlchemy, SQLModel, the table models and pydantic are loaded by the functions that change
# leave: `pmtui resource load` and `resource leave list` read the plan through sqlite3 and find
# the clashes with this module without them
_sa = LazyModule("sqlalchemy")
_rules = LazyModule("pmtui.models.rules")
_tables = LazyModule("pmtui.models.tables")
_actions = LazyModule("pmtui.services.actions")
_resources = LazyModule("pmtui.services.resources")

# A typo in a year (2072 for 2027) would record decades of days off, one row a day.
MAX_SPAN = 366
MAX_NOTE = 100
DEFAULT_NOTE = "Leave"
NO_MOVE = "a constraint holds those tasks on their dates"


@dataclass(frozen=True)
class LeaveRun:
    """Days off in a row (weekends and holidays between them do not break it), with one note."""

    resource_id: int
    first: date
    last: date
    days: int  # working days off
    note: str


@dataclass(frozen=True)
class Clash:
    """A run of leave on which the schedule still has the resource at work."""

    resource_id: int
    first: date
    last: date
    days: int  # working days of leave with work booked
    tasks: tuple[int, ...]  # task ids, in outline order


def check_note(note: str | None) -> str:
    note = " ".join((note or "").split()) or DEFAULT_NOTE
    if len(note) > MAX_NOTE:
        raise BadValue(f"leave note is {MAX_NOTE} characters at most; you gave {len(note)}")
    bad = _rules.control_character(note)
    if bad is not None:
        raise BadValue(f"leave note contains the control character U+{ord(bad):04X}: it must be plain text")
    return note


def check_span(first: date, last: date) -> None:
    _rules.plan_date(first, "leave start")
    _rules.plan_date(last, "leave end")
    if last < first:
        raise BadValue(f"leave ends on {last}, before it starts on {first}: give the first day, then the last")
    span = (last - first).days + 1
    if span > MAX_SPAN:
        raise BadValue(f"leave from {first} to {last} is {span} days; record at most {MAX_SPAN} at a time")


def add_leave(store: Store, project_id: int, name: str, first: date, last: date | None = None,
              note: str | None = None) -> tuple[str, LeaveRun, Plan]:
    """Record ``name``'s leave on the working days from ``first`` to ``last`` (the project
    calendar's: a weekend or holiday between is off anyway); returns the name as stored, what
    was recorded and the plan after it (to say what it clashes with)."""
    last = first if last is None else last
    check_span(first, last)
    note = check_note(note)
    with _actions.action(store, project_id, "Add leave") as act:
        res = _resources._find(act, project_id, name)
        project = act.session.get(_tables.Project, project_id)
        base = act.session.get(_tables.Calendar, project.calendar_id)
        plan = load_plan(act.conn, project_id)
        cal = plan.calendar
        days = [first + timedelta(n) for n in range((last - first).days + 1)]
        days = [d for d in days if cal.is_working(d)]
        if not days:
            if first == last:
                raise Conflict(f"{first} ({first:%A}) is not a working day anyway: there is no leave to record")
            raise Conflict(f"{first} to {last} has no working day: there is no leave to record")
        taken = plan.leave.get(res.id, {})
        again = [d for d in days if d in taken]
        if again:
            raise Conflict(f"{res.name} is on leave on {again[0]} already ({taken[again[0]] or 'unnamed'}): "
                           f"`pmtui resource leave list {_quoted(res.name)}` shows it")
        if res.calendar_id is None:
            own = _tables.Calendar(name=f"{res.name} (leave)", workdays=base.workdays)
            act.session.add(own)
            act.session.flush()
            res.calendar_id = own.id
        else:
            # an imported calendar may have a day worked here that the project has off: no clash
            # with a day not in ``taken``, but a row for the day exists; replaced by the leave
            stale = act.session.execute(_sa.select(_tables.CalendarException).where(
                _tables.CalendarException.calendar_id == res.calendar_id, _tables.CalendarException.day.in_(days))).scalars().all()
            for row in stale:
                act.session.delete(row)
            act.session.flush()
        for d in days:
            act.session.add(_tables.CalendarException(calendar_id=res.calendar_id, day=d, working=False, name=note))
        act.say(f"leave of {res.name!r} {span_text(days[0], days[-1])} ({counted(len(days), 'working day')}) {note}")
        plan = check_plan(act, project_id)
    return res.name, LeaveRun(res.id, days[0], days[-1], len(days), note), plan


def remove_leave(store: Store, project_id: int, name: str, first: date, last: date | None = None
                 ) -> tuple[str, LeaveRun, Plan]:
    """Take back ``name``'s leave: without ``last``, the run (as `leave list` shows it) that
    ``first`` is in; with it, every day of leave from ``first`` to ``last``. Returns the name as
    stored, what was taken back and the plan after it (to say what moved, as add_leave does)."""
    if last is not None:
        check_span(first, last)
    else:
        _rules.plan_date(first, "leave day")
    with _actions.action(store, project_id, "Remove leave") as act:
        res = _resources._find(act, project_id, name)
        plan = load_plan(act.conn, project_id)
        taken = plan.leave.get(res.id, {})
        if last is None:
            run = next((r for r in runs(plan, res.id) if r.first <= first <= r.last), None)
            if run is None:
                raise NotFound(f"{res.name} has no leave on {first}: `pmtui resource leave list {_quoted(res.name)}` "
                               "shows what there is")
            lo, hi = run.first, run.last
        else:
            lo, hi = first, last
        days = sorted(d for d in taken if lo <= d <= hi)
        if not days:
            raise NotFound(f"{res.name} has no leave from {first} to {last}: "
                           f"`pmtui resource leave list {_quoted(res.name)}` shows what there is")
        rows = act.session.execute(_sa.select(_tables.CalendarException).where(
            _tables.CalendarException.calendar_id == res.calendar_id, _tables.CalendarException.day.in_(days))).scalars().all()
        for row in rows:
            act.session.delete(row)
        act.say(f"removed leave of {res.name!r} {span_text(days[0], days[-1])} ({counted(len(days), 'working day')})")
        plan = check_plan(act, project_id)
    notes = {taken[d] for d in days}
    return res.name, LeaveRun(res.id, days[0], days[-1], len(days), notes.pop() if len(notes) == 1 else ""), plan


def runs(plan: Plan, resource_id: int) -> list[LeaveRun]:
    """A resource's leave as runs: days off one working day apart (a weekend or holiday between
    does not break a week of leave) with the same note."""
    cal = plan.calendar
    out: list[LeaveRun] = []
    prev = None
    for d, note in sorted(plan.leave.get(resource_id, {}).items()):
        i = cal.index_on_or_after(d)
        if out and prev is not None and i - prev <= 1 and out[-1].note == note:
            r = out[-1]
            out[-1] = LeaveRun(resource_id, r.first, d, r.days + 1, note)
        else:
            out.append(LeaveRun(resource_id, d, d, 1, note))
        prev = i
    return out


def clashes(plan: Plan, since: date | None = None, only: int | None = None) -> list[Clash]:
    """The leave (from ``since`` on) on which the schedule has the resource at work on a task not
    finished, as runs of days with the same tasks, resource by resource in the list's order."""
    if not plan.leave or not plan.tasks:
        return []
    cal = plan.calendar
    spans = plan.schedule.work_spans()
    around = plan.schedule.own_time  # scheduled around their resources' leave: nothing to clash
    order = {t.id: i for i, t in enumerate(plan.tasks)}
    by_resource: dict[int, list[tuple[int, int]]] = {}
    for a in plan.assignments:
        span = spans.get(a.task_id)
        if span is None or span[2] or a.units <= 0 or a.task_id in around:
            continue
        by_resource.setdefault(a.resource_id, []).append((span[0], span[1], a.task_id))
    out: list[Clash] = []
    for r in plan.resources:
        if (only is not None and r.id != only) or r.id not in plan.leave or r.id not in by_resource:
            continue
        work = by_resource[r.id]
        current: list = []  # [first, last, days, tasks, last index]
        for d in sorted(plan.leave[r.id]):
            if (since is not None and d < since) or not cal.is_working(d):
                continue
            i = cal.index_on_or_after(d)
            tasks = tuple(sorted({tid for lo, hi, tid in work if lo <= i <= hi}, key=order.__getitem__))
            if not tasks:
                current = []
                continue
            if current and current[3] == tasks and i - current[4] == 1:
                current[1], current[2], current[4] = d, current[2] + 1, i
                out[-1] = Clash(r.id, current[0], d, current[2], tasks)
            else:
                current = [d, d, 1, tasks, i]
                out.append(Clash(r.id, d, d, 1, tasks))
    return out


_MOVED_NAMED = 4  # tasks named one by one in moved_by; the rest are counted


def moved_by(before, plan: Plan, resource_id: int) -> str:
    """What a change of ``resource_id``'s leave did to the schedule: "1.2 finishes 2027-02-19
    (was 2027-02-12), 1.3 starts ... (was ...); the project finishes ... (was ...)", or '' when
    nothing of theirs moved. ``before``: the schedule before the change."""
    after = plan.schedule
    theirs = list(dict.fromkeys(a.task_id for a in plan.assignments if a.resource_id == resource_id))
    moved = []
    for tid in sorted(theirs, key=lambda t: wbs_key(plan.by_id[t].wbs)):
        if tid not in before.tasks or tid not in after.tasks:
            continue
        was, now = before.tasks[tid], after.tasks[tid]
        if was.finish != now.finish:
            moved.append(f"{plan.by_id[tid].wbs} finishes {now.finish} (was {was.finish})")
        elif was.start != now.start:
            # a worked Saturday can start a task earlier while the others on it still set its
            # finish: the task did move
            moved.append(f"{plan.by_id[tid].wbs} starts {now.start} (was {was.start})")
    if not moved:
        return ""
    more = len(moved) - _MOVED_NAMED
    text = ", ".join(moved[:_MOVED_NAMED]) + (f" and {more} more" if more > 0 else "")
    if after.finish != before.finish:
        text += f"; the project finishes {after.finish} (was {before.finish})"
    return text


def span_text(first: date, last: date) -> str:
    return str(first) if first == last else f"{first} to {last}"


def _quoted(name: str) -> str:
    return f"'{name}'" if " " in name else name
