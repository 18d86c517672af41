"""Helpers for the interchange tests: a canonical form of a plan, to compare two plans."""

from __future__ import annotations

from pmtui.services.bulk import PlanData

DERIVED_ONLY = ("optimistic", "most_likely", "pessimistic", "actual_cost")


def effective_remaining(t) -> int:
    if t.remaining is not None:
        return t.remaining
    return -(-(t.duration * (100 - t.percent_complete)) // 100)


def canon(data: PlanData, *, skip: tuple[str, ...] = (), schedule: bool = True) -> dict:
    """Everything a plan holds, keyed by WBS code and names (ids differ between copies).
    Summary durations and the form of `remaining` (stored or derived) are compared by effect."""
    data.number()
    wbs = {t.key: t.wbs for t in data.tasks}
    summaries = data.summaries()
    res = {r.key: r.name for r in data.resources}
    tasks = {}
    for t in data.tasks:
        row = {
            "parent": wbs.get(t.parent), "name": t.name,
            "duration": None if t.key in summaries else t.duration,
            "constraint": (t.constraint_type, t.constraint_date), "deadline": t.deadline,
            "progress": (t.percent_complete, t.actual_start, t.actual_finish,
                         None if t.key in summaries else effective_remaining(t)),
            "fixed_cost": round(t.fixed_cost, 6), "notes": t.notes.replace("\r\n", "\n"),
        }
        for f in DERIVED_ONLY:
            if f not in skip:
                row[f] = getattr(t, f)
        tasks[t.wbs] = row
    out = {
        "project": (data.start, data.status_date, data.currency, data.notes),
        "calendar": (data.calendar.workdays, dict(data.calendar.exceptions)),
        "tasks": tasks,
        "links": sorted((wbs[l.pred], wbs[l.succ], l.type, l.lag) for l in data.links),
        "assignments": sorted((wbs[a.task], res[a.resource], round(a.units, 4)) for a in data.assignments),
    }
    if "resources" not in skip:
        out["resources"] = sorted(
            (r.name, r.kind, round(r.cost_rate, 4), r.max_units,
             (r.calendar.workdays, dict(r.calendar.exceptions)) if r.calendar else None)
            for r in data.resources)
    if "calendar" in skip:
        out.pop("calendar")
    if schedule:
        s = data.schedule()
        out["schedule"] = {t.wbs: (s.tasks[t.key].start, s.tasks[t.key].finish, s.tasks[t.key].total_float)
                           for t in data.tasks}
    return out


def diff(a: dict, b: dict) -> list[str]:
    """Readable differences, for assertion messages."""
    out = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) == b.get(k):
            continue
        if isinstance(a.get(k), dict) and isinstance(b.get(k), dict):
            for kk in sorted(set(a[k]) | set(b[k]), key=str):
                if a[k].get(kk) != b[k].get(kk):
                    out.append(f"{k}[{kk}]: {a[k].get(kk)!r} != {b[k].get(kk)!r}")
        else:
            out.append(f"{k}: {a.get(k)!r} != {b.get(k)!r}")
    return out[:20]
