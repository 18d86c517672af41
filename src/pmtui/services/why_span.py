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

