"""Resource load: how much of each resource the schedule books per working day, and where it
books more than the resource's maximum units (MS Project's "overallocated").

The load of an assignment is its units on every working day of its task's scheduled span (MS
Project's flat work contour): a task of 5 days with Alice at 50 % books her half a day on each of
those days. Finished work is history and a started task's days before the status date are past,
so by default only the days from the status date on count: that is what a PM can still change.
A task scheduled around its resources' leave (the scheduler's own_time) books each of them on
the days their assignment works: from their own first day to their own last, leave left out.
A task a constraint holds on a day of leave still books the person then, and services.leave
names that work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmtui.services.as_of import day_text, span_text
from pmtui.services.plan import Plan

# Units are stored as floats (0.5 = 50 %): three people at 33.3 % must not read as overbooked.
_EPS = 1e-6


@dataclass(frozen=True)
class Overload:
    """A run of working days on which a resource is booked above its maximum units, with the
    same tasks (so the same load) throughout."""

    resource_id: int
    first: date
    last: date
    days: int  # working days
    load: float  # units booked on each of those days (1.5 = 150 %)
    tasks: tuple[int, ...]  # ids of the tasks at work, in outline order


@dataclass(frozen=True)
class ResourceLoad:
    resource_id: int
    max_units: float
    peak: float  # the highest load on any counted day (0 with nothing booked)
    over_days: int  # working days booked above max units
    overloads: tuple[Overload, ...]


def resource_loads(plan: Plan, since: date | None = None, only: int | None = None) -> dict[int, ResourceLoad]:
    """Every resource's load from ``since`` on (None: the whole schedule), keyed by resource id;
    ``only``: that resource's alone (a screen showing one person)."""
    cal = plan.calendar
    sched = plan.schedule
    first_day = cal.index_on_or_after(since) if since is not None else None
    order = {t.id: i for i, t in enumerate(plan.tasks)}
    # per resource: (day index where a booking starts or ends, +units / -units, task id)
    resources = [r for r in plan.resources if only is None or r.id == only]
    events: dict[int, list[tuple[int, float, int]]] = {r.id: [] for r in resources}
    spans = sched.work_spans()
    own = sched.own_time
    names = plan.resource_by_id
    for a in plan.assignments:
        if only is not None and a.resource_id != only:
            continue
        span = spans.get(a.task_id)  # none for summaries and milestones
        if span is None or a.units <= 0:
            continue
        lo, last, finished = span
        if finished and first_day is not None:
            continue
        off: list[int] = []
        if a.task_id in own:
            lo, last = sched.assignment_days(a.task_id).get(names[a.resource_id].name, (lo, last))
            # the days inside it they do not work (leave, their own week): the booking pauses
            off = [i for i in range(lo + 1, last) if not plan.resource_works(a.resource_id, cal.date_of(i))]
        hi = last + 1
        if first_day is not None and lo < first_day:
            lo = first_day
        if lo < hi:
            add = events[a.resource_id].append
            add((lo, a.units, a.task_id))
            add((hi, -a.units, a.task_id))
            for i in off:  # a day of leave inside: the booking pauses
                if i >= lo:
                    add((i, -a.units, a.task_id))
                    add((i + 1, a.units, a.task_id))
    out: dict[int, ResourceLoad] = {}
    for r in resources:
        out[r.id] = _sweep(r.id, r.max_units, events[r.id], cal, order)
    return out


def _sweep(rid: int, max_units: float, events, cal, order) -> ResourceLoad:
    """Walk a resource's bookings in day order; between two event days the load is constant."""
    events.sort(key=lambda e: e[0])
    load = 0.0
    active: dict[int, float] = {}
    peak = 0.0
    over_days = 0
    runs: list[Overload] = []
    i, n = 0, len(events)
    while i < n:
        day = events[i][0]
        while i < n and events[i][0] == day:
            _, units, tid = events[i]
            load += units
            left = active.get(tid, 0.0) + units
            if abs(left) < _EPS:
                active.pop(tid, None)
            else:
                active[tid] = left
            i += 1
        if not active:
            load = 0.0  # no float drift between bookings
            continue
        end = events[i][0] if i < n else day
        peak = max(peak, load)
        if load > max_units + _EPS and end > day:
            over_days += end - day
            tasks = tuple(sorted(active, key=order.__getitem__))
            runs.append(Overload(rid, cal.date_of(day), cal.date_of(end - 1), end - day, load, tasks))
    return ResourceLoad(rid, max_units, round(peak, 6), over_days, tuple(runs))


def over_days_before(plan: Plan, since: date, only: int | None = None) -> dict[int, int]:
    """Resource id -> working days before ``since`` on which the whole schedule books it above its
    max units (finished work included): the history a view from ``since`` on leaves out, so that
    it can say so. Resources with none are left out."""
    cal = plan.calendar
    first = cal.index_on_or_after(since)
    out: dict[int, int] = {}
    for rid, rl in resource_loads(plan, None, only=only).items():
        days = 0
        for o in rl.overloads:
            lo = cal.index_on_or_after(o.first)
            hi = min(lo + o.days, first)  # a run is o.days working days from o.first
            days += max(0, hi - lo)
        if days:
            out[rid] = days
    return out


def before_text(plan: Plan, before: dict[int, int], since: date) -> str:
    """'Not counted, as history: before 2027-01-11, Alice (3 working days) booked above max
    units; pmtui resource load --all shows the whole plan', or '' with none."""
    if not before:
        return ""
    names = {r.id: r.name for r in plan.resources}
    who = ", ".join(f"{names[rid]} ({n} working day{'' if n == 1 else 's'})" for rid, n in before.items())
    return (f"Not counted, as history: before {since}, {who} booked above max units; "
            "pmtui resource load --all shows the whole plan")


def overloaded_tasks(loads: dict[int, ResourceLoad]) -> dict[int, set[int]]:
    """Task id -> ids of the resources overbooked while it runs (for a flag beside the task)."""
    out: dict[int, set[int]] = {}
    for rl in loads.values():
        for o in rl.overloads:
            for tid in o.tasks:
                out.setdefault(tid, set()).add(rl.resource_id)
    return out


def days_text(first: date, last: date, ref: date | None = None) -> str:
    """A run of days as a person says it: "Wed 09 Dec", "09–11 Dec", "30 Nov–02 Dec", with the
    year where it is not the year of ``ref`` (see as_of.day_text): "30 Dec–04 Jan 2027"."""
    if first == last:
        return day_text(first, ref, "%a %d %b")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%d}–" + day_text(last, ref)
    return span_text(first, last, ref)
