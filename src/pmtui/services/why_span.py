"""The other half of "why does this task end then?": the driving chain (the scheduler's explain)
says why a task starts when it does; a holiday inside its own span stretches its finish, and
nothing said so. A PM who reads "starts 21 Dec" and a 3-day duration expects 23 Dec, not 28 Dec."""

from __future__ import annotations

from datetime import date

from pmtui.scheduling import WorkCalendar
from pmtui.scheduling.progress import work_split
from pmtui.services.resource_load import days_text

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
    if s.completed:
        return []  # its dates are the ones recorded
    cal = plan.calendar
    first = s.start
    if s.in_progress:
        # what is left runs from where it resumes: holidays before that are history, and the
        # status date, not they, put its finish where it is
        resumed = _resume(plan, task_id)
        if resumed is None:
            return []
        first = cal.date_of(resumed[0])
    weekly = plan.calendar.workdays
    off = sorted(d for d, (working, _name) in plan.exceptions.items()
                 if not working and first < d < s.finish and d.weekday() in weekly)
    if not off:
        return []
    span = cal.index_on_or_before(s.finish) - cal.index_on_or_after(first) + 1
    # the same calendar without these days: where the same working days would have ended
    without = WorkCalendar(workdays=weekly,
                           exceptions={d: w for d, (w, _n) in plan.exceptions.items() if d not in set(off)},
                           anchor=plan.project.start)
    if plan.schedule.finish_bound(task_id):
        # an FF or SF link fixes its finish: the holidays moved its start, counted back from there
        would = without.date_of(without.index_on_or_before(s.finish) - span + 1)
        return [f"{t.label} starts {s.start}, not {would}: counted back from its finish, its work spans "
                f"{_holidays_text(plan, off)}"]
    would = without.date_of(without.index_on_or_after(first) + span - 1)
    work = "its remaining work" if s.in_progress else "its work"
    return [f"{t.label} finishes {s.finish}, not {would}: {work} spans {_holidays_text(plan, off)}"]


def _holidays_text(plan, off: list[date]) -> str:
    """'2 holidays of the project calendar, 2026-12-25 Christmas Day and 2027-01-01 New Year's Day'."""
    named = [f"{d} {plan.exceptions[d][1]}".rstrip() for d in off[:_NAMED_AT_MOST]]
    more = len(off) - len(named)
    if more:
        listed = ", ".join(named) + f" and {more} more"
    else:
        listed = " and ".join([", ".join(named[:-1]), named[-1]]) if len(named) > 1 else named[0]
    what = "a holiday" if len(off) == 1 else f"{len(off)} holidays"
    return f"{what} of the project calendar, {listed}"



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
        return _remaining_waits(plan, task_id)
    cal = plan.calendar
    # an FF or SF link fixes its finish: the leave moved its start, counted back from there
    back = sched.finish_bound(task_id)
    if back:
        would = cal.date_of(cal.index_on_or_before(s.finish) - t.duration + 1)
        if s.start >= would:
            return []
    else:
        would = cal.date_of(cal.index_on_or_after(s.start) + t.duration - 1)
        if s.finish <= would:
            return []
    first = cal.index_on_or_after(s.start)
    parts, waited, starters, late = [], [], [], []
    for r, lo, last in _parts(plan, task_id):
        # from the task's start: leave before a resource's first day holds back their part too
        hi = cal.date_of(last)
        days = [cal.date_of(i) for i in range(first, last)]
        off = [d for d in days if d < hi and not plan.resource_works(r.id, d)]
        # a week of their own (a part-timer's) is said as such, leave as leave
        what = "is on leave" if all(d in plan.leave.get(r.id, {}) for d in off) else "does not work"
        if len(off) == 1:
            part = f"{r.name} {what} {off[0]}"
        elif off:
            part = f"{r.name} {what} {len(off)} working days from {off[0]} to {off[-1]}"
        else:
            part = ""
        if lo > first:  # off on the task's first day: their part starts after the others'
            late.append((r.name, cal.date_of(lo), hi))
            waited.append(part)
        else:
            starters.append(r.name)
            if part:
                parts.append(part)
    if not waited and not parts:  # moved, not stretched: its resources start later (the chain says why)
        return []
    if late and starters:
        # With several people one may start the task while another's part waits for their
        # leave (MS Project's rule, own_time): "its work waits" read as if nobody worked on it
        # then, and 3.5 on the demo seemed to start two days earlier for Anika Schultz's leave.
        # Who starts it and when each late part runs are said.
        runs = ", ".join(f"{name}'s part runs {a} to {b}" if i == 0 else f"{name}'s {a} to {b}"
                         for i, (name, a, b) in enumerate(late))
        who = (f"{_names(starters)} start{'s' if len(starters) == 1 else ''} it on {s.start} while "
               f"{'; '.join(waited + parts)}; {runs}")
        if back:
            return [f"{t.label} starts {s.start}, not {would}: counted back from its finish, {who}"]
        return [f"{t.label} finishes {s.finish}, not {would}: {who}"]
    parts = waited + parts
    if back:
        return [f"{t.label} starts {s.start}, not {would}: counted back from its finish, its work waits "
                f"while {'; '.join(parts)}"]
    return [f"{t.label} finishes {s.finish}, not {would}: its work waits while {'; '.join(parts)}"]


def _parts(plan, task_id: int) -> list[tuple[object, int, int]]:
    """(resource, first, last project day index) of each person's part of a task on its
    resources' time, in the order they were assigned (as the forward pass places them)."""
    spans = plan.schedule.assignment_days(task_id)
    out = []
    for a in plan.assignments_of.get(task_id, []):
        r = plan.resource_by_id[a.resource_id]
        if r.name in spans:
            out.append((r, *spans[r.name]))
    return out


def starters_text(plan, task_id: int) -> str:
    """'Jonas Berg starts it': who starts a task while another's part waits for their leave
    (the short form of leave_inside's line, beside leave_waited_text); '' when all of its
    people start it together, or when no leave is waited for."""
    sched = plan.schedule
    s = sched.tasks[task_id] if task_id in sched.own_time else None
    if s is None or s.in_progress or s.completed or not leave_waited(plan, task_id):
        return ""
    first = plan.calendar.index_on_or_after(s.start)
    parts = _parts(plan, task_id)
    on = [r.name for r, lo, _ in parts if lo <= first]
    if not on or len(on) == len(parts):
        return ""
    return f"{_names(on)} start{'s' if len(on) == 1 else ''} it"


def _names(names: list[str]) -> str:
    """'Ana', 'Ana and Ben', 'Ana, Ben and Cy'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def why_steps(plan, task_id: int) -> list[str]:
    """Why a task has its dates, for every place that says it (`pmtui why`, `pmtui task show`,
    the WBS detail): the driving chain, which explains its start, with the holidays and the leave
    inside its own span, which explain its finish, right after the chain's first step (the one
    about the task itself), before the chain goes back through its predecessors. `task show`
    lacked these two lines while `why` had them: each place made its own list."""
    steps = plan.schedule.explain(task_id)
    steps[1:1] = days_off_inside(plan, task_id) + leave_inside(plan, task_id)
    return steps


def _resume(plan, task_id: int) -> tuple[int, int] | None:
    """(day index where a task under way resumes, working days left), as the forward pass
    resumes it (scheduling.own_time.apply): after the days done, the status date at the
    earliest. None when nothing is left."""
    s, t, cal = plan.schedule.tasks[task_id], plan.by_id[task_id], plan.calendar
    worked, left = work_split(t.duration, t.percent_complete, t.remaining)
    if left <= 0 or t.actual_finish is not None:
        return None
    resume = cal.index_on_or_after(s.start) + worked
    if plan.project.status_date is not None:
        resume = max(resume, cal.index_on_or_after(plan.project.status_date))
    return resume, left


def _remaining_off(plan, task_id: int) -> tuple[date | None, list[tuple[object, list[date]]]]:
    """For a task under way whose remaining work its people's days off pushed: the finish it
    would have had without them and, per resource, the days off inside their remaining part,
    which runs from where it resumes (the status date at the earliest, as own_time.apply resumes
    it). (None, []) when none pushed it. Its history is its own: days off before are not named."""
    s, cal = plan.schedule.tasks[task_id], plan.calendar
    if task_id not in plan.schedule.own_time or not s.in_progress or s.completed:
        return None, []
    resumed = _resume(plan, task_id)
    if resumed is None:
        return None, []
    resume, left = resumed
    would = cal.date_of(resume + left - 1)
    if s.finish <= would:
        return None, []
    end = cal.index_on_or_before(s.finish)
    out = []
    for a in plan.assignments_of.get(task_id, []):
        r = plan.resource_by_id[a.resource_id]
        todo, off = left, []
        for i in range(resume, end + 1):  # their days to its finish, until their part is done
            if todo <= 0:
                break
            day = cal.date_of(i)
            if plan.resource_works(r.id, day):
                todo -= 1
            else:
                off.append(day)
        if off:
            out.append((r, off))
    return (would, out) if out else (None, [])


def _remaining_waits(plan, task_id: int) -> list[str]:
    """leave_inside for a task under way (see _remaining_off). 3.3.1, critical, ran to 21 Dec
    instead of 17 for Jonas Berg's two days off, and `why` said only that its remaining work runs
    to 21 Dec."""
    would, runs = _remaining_off(plan, task_id)
    parts = []
    for r, off in runs:
        what = "is on leave" if all(d in plan.leave.get(r.id, {}) for d in off) else "does not work"
        if len(off) == 1:
            parts.append(f"{r.name} {what} {off[0]}")
        else:
            parts.append(f"{r.name} {what} {len(off)} working days from {off[0]} to {off[-1]}")
    if not parts:
        return []
    t, s = plan.by_id[task_id], plan.schedule.tasks[task_id]
    return [f"{t.label} finishes {s.finish}, not {would}: its remaining work waits while {'; '.join(parts)}"]


_LEAVE_NAMED = 2  # people named in leave_waited_text; the rest are counted


def leave_waited(plan, task_id: int) -> list[tuple[str, date, date]]:
    """(person, first, last day) of the leave a task's work was scheduled around: the leave inside
    its span that stretched it, and the leave that moved its start (all its people off on the day
    it would have started); for a task under way, the leave inside its remaining work. None for a
    summary, or a task done (its history is its own)."""
    sched = plan.schedule
    if task_id not in sched.own_time:
        return []
    s = sched.tasks[task_id]
    if s.in_progress and not s.completed:  # the leave inside its remaining work
        runs = [(r.name, [d for d in off if d in plan.leave.get(r.id, {})])
                for r, off in _remaining_off(plan, task_id)[1]]
        return [(name, days[0], days[-1]) for name, days in runs if days]
    if s.summary or s.completed:
        return []
    cal = plan.calendar
    people = [a.resource_id for a in plan.assignments_of.get(task_id, []) if a.units > 0]
    off = {rid: plan.leave.get(rid, {}) for rid in people}
    lo, i = s.start, cal.index_on_or_after(s.start)
    if s.driven_by == "leave":
        # back over the days all of them were off, to where it would have started
        while i > 0 and all(cal.date_of(i - 1) in off[rid] for rid in people):
            i -= 1
            lo = cal.date_of(i)
    elif s.finish <= cal.date_of(i + plan.by_id[task_id].duration - 1):
        return []  # leave inside its span that holds back none of it (another's part ends later)
    spans = sched.assignment_days(task_id)
    out = []
    for rid in people:
        r = plan.resource_by_id[rid]
        if r.name not in spans or not off[rid]:
            continue
        hi = cal.date_of(spans[r.name][1])
        days = sorted(d for d in off[rid] if lo <= d <= hi and cal.is_working(d))
        if days:
            out.append((r.name, days[0], days[-1]))
    return out


def leave_waited_text(plan, task_id: int, ref: date | None = None) -> str:
    """'Anika Schultz 21–23 Dec, Priya Raman 29–30 Dec', as leave_waited (a short form, for a
    line about the task); '' for none."""
    runs = leave_waited(plan, task_id)
    named = [f"{name} {days_text(first, last, ref)}" for name, first, last in runs[:_LEAVE_NAMED]]
    more = len(runs) - len(named)
    return ", ".join(named) + (f" and {more} more" if more > 0 else "")


def leave_waited_days(plan, task_id: int, ref: date | None = None) -> str:
    """The days of leave_waited without the names, from the first to the last: '21–23 Dec'."""
    runs = leave_waited(plan, task_id)
    if not runs:
        return ""
    return days_text(min(r[1] for r in runs), max(r[2] for r in runs), ref)


def float_steps(plan, task_id: int, brief: bool = False) -> list[str]:
    """Why a task has its total float: what its late dates answer to (the project finish, a
    deadline, a constraint) and the links that carry it back to the task (the scheduler's
    explain_float). The float was shown everywhere and explained nowhere: 3.5 on the demo showed
    -2d while 3.6, the milestone after it, missed its deadline, and no line tied the two."""
    return plan.schedule.explain_float(task_id, brief) if plan.tasks else []
