"""The other half of "why does this task end then?": the driving chain (the scheduler's explain)
says why a task starts when it does; a holiday inside its own span stretches its finish, and
nothing said so. A PM who reads "starts 21 Dec" and a 3-day duration expects 23 Dec, not 28 Dec."""

from __future__ import annotations

from pmtui.scheduling import WorkCalendar

_NAMED_AT_MOST = 3  # holidays named one by one; the rest are counted


def days_off_inside(plan, task_id: int) -> list[str]:
    """A line naming the holidays of the project calendar that fall on a working weekday inside
    the task's span and so push its finish, with the finish it would have without them; none
    for a summary (its dates are its tasks'), a milestone, or a span without such a day."""
    t = plan.by_id[task_id]
    if t.children or not plan.tasks:
        return []
    s = plan.schedule.tasks[task_id]
    if s.milestone or s.finish <= s.start:
        return []
    if leave_inside(plan, task_id):
        # the finish without the holidays would still be the leave's: that line says it
        return []
    weekly = plan.calendar.workdays
    off = sorted(d for d, (working, _name) in plan.exceptions.items()
                 if not working and s.start < d < s.finish and d.weekday() in weekly)
    if not off:
        return []
    cal = plan.calendar
    span = cal.index_on_or_before(s.finish) - cal.index_on_or_after(s.start) + 1
    # the same calendar without these days: where the same working days would have ended
    without = WorkCalendar(workdays=weekly,
                           exceptions={d: w for d, (w, _n) in plan.exceptions.items() if d not in set(off)},
                           anchor=plan.project.start)
    would = without.date_of(without.index_on_or_after(s.start) + span - 1)
    named = [f"{d} {plan.exceptions[d][1]}".rstrip() for d in off[:_NAMED_AT_MOST]]
    more = len(off) - len(named)
    if more:
        listed = ", ".join(named) + f" and {more} more"
    else:
        listed = " and ".join([", ".join(named[:-1]), named[-1]]) if len(named) > 1 else named[0]
    what = "a holiday" if len(off) == 1 else f"{len(off)} holidays"
    return [f"{t.label} finishes {s.finish}, not {would}: its work spans {what} of the project calendar, {listed}"]



def leave_inside(plan, task_id: int) -> list[str]:
    """A line naming the leave, inside a task's span, that its work goes around (the scheduler
    stretched it: scheduling.own_time; with several people, one's part may start after their
    leave while the others' begins), with the finish it would have without it; none when the
    task was not stretched by leave, or is under way (its history is its own)."""
    sched = plan.schedule
    if task_id not in sched.own_time:
        return []
    s, t = sched.tasks[task_id], plan.by_id[task_id]
    if s.in_progress:
        return []
    cal = plan.calendar
    would = cal.date_of(cal.index_on_or_after(s.start) + t.duration - 1)
    if s.finish <= would:
        return []
    spans = sched.assignment_days(task_id)
    parts = []
    for a in plan.assignments_of.get(task_id, []):
        r = plan.resource_by_id[a.resource_id]
        if r.name not in spans:
            continue
        # from the task's start: leave before a resource's first day holds back their part too
        hi = cal.date_of(spans[r.name][1])
        off = sorted(d for d in plan.leave.get(r.id, {}) if s.start <= d < hi and cal.is_working(d))
        if len(off) == 1:
            parts.append(f"{r.name} is on leave {off[0]}")
        elif off:
            parts.append(f"{r.name} is on leave {len(off)} working days from {off[0]} to {off[-1]}")
    if not parts:  # moved, not stretched: its resources start later (the chain says why)
        return []
    return [f"{t.label} finishes {s.finish}, not {would}: its work waits while {'; '.join(parts)}"]
