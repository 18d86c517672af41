"""Tasks scheduled on their resources' working time: leave moves the work, not only warns.

A task with resources assigned works when they do, as MS Project and TaskJuggler schedule it: a
resource's working time is the project calendar less their days off (leave). The caller gives,
per task, the resources whose days off can matter (``ResourceTime``); a task given none keeps
the project calendar, and a plan that gives none schedules exactly as before (the passes never
look here).

Several resources on one task: each assignment works the task's d days on its own resource's
calendar from the task's start, and the task starts with the first assignment and finishes
with the last. This is what MS Project does for a fixed-units task (Paul Harris, "99 Tips and
Traps for Microsoft Project", resource calendars: "a task will finish at the end of the longest
resource assignment when there are two or more resources assigned ... that have different end
dates due to different Resource calendars"; Dale Howard, MPUG, "Assigning Resources with
Different Working Schedules", 2019: each assignment follows its resource's working schedule).
We do not take the intersection of the calendars (every resource at once): that is not what
MS Project does, and one person's week off would stop the others' work too.

Choices where MS Project would go finer than whole days:

* The project's calendar counts the link lags (MS Project's default, "lag on the project
  calendar"); only a task's own work follows its resources.
* A milestone has no work: leave never moves it.
* Finished tasks keep their actual dates. A started task keeps its start (history); its
  remaining work runs on its resources' time from where it resumes.
* A task held by a Start/Finish No Later Than or Must Start/Finish On constraint stays on the
  project calendar: MS Project's "tasks always honor their constraint dates". It may then book a
  day of leave; the result lists it in ``held`` and the leave warnings still name it.
* An FF or SF link into such a task bounds its start by the finish asked for less its duration
  in project days: the finish it gets is never earlier than asked, but may be a few days later
  than MS Project's, which counts back over the resource's calendar.

Backward, the late finish steps back to each resource's last working day before it and the
late start counts the work back over their days off; the late start of the task is the
earliest of its assignments', its late finish the latest (the mirror of the forward rule).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .errors import InvalidTaskError, UnknownTaskError
from .model import label
from .progress import FIXED, work_split

# special modes of the forward pass (progress.py's FIXED .. MUST_FINISH are 0..5)
OWN, OWN_STARTED = 6, 7


@dataclass(frozen=True)
class ResourceTime:
    """A resource assigned to a task, with the days it does not work that the project does."""

    name: str
    days_off: frozenset[date]


class OwnTime:
    """One task's resources as sorted lists of project working-day indexes they have off."""

    __slots__ = ("names", "off")

    def __init__(self, names: Sequence[str], off: Sequence[list[int]]):
        self.names = tuple(names)
        self.off = tuple(off)

    def place(self, s: int, d: int) -> tuple[int, int]:
        """(start, finish) boundaries of ``d`` days of work asked to start at boundary ``s``."""
        start = finish = None
        for off in self.off:
            j = bisect_left(off, s)
            a, m = s, len(off)
            while j < m and off[j] == a:  # off when it would begin
                a += 1
                j += 1
            f = a + d
            while j < m and off[j] < f:  # each day off inside stretches the work by a day
                f += 1
                j += 1
            if start is None or a < start:
                start = a
            if finish is None or f > finish:
                finish = f
        return start, finish

    def back(self, lf: int, d: int) -> tuple[int, int]:
        """(late start, late finish) of ``d`` days of work that must end by boundary ``lf``."""
        start = finish = None
        for off in self.off:
            j = bisect_left(off, lf) - 1
            e = lf
            while j >= 0 and off[j] == e - 1:  # off on what would be the last day
                e -= 1
                j -= 1
            s = e - d
            while j >= 0 and off[j] >= s:
                s -= 1
                j -= 1
            if start is None or s < start:
                start = s
            if finish is None or e > finish:
                finish = e
        return start, finish

    def late(self, lf: int, start_bound: int, d: int) -> tuple[int, int]:
        """Late (start, finish) from the bound on the finish and the bound on the start (SS and
        SF links out of the task) the backward pass collected."""
        ls, lf = self.back(lf, d)
        if start_bound < ls:
            # on a day one of them works: back from the bound past the days all of them are off
            ls = start_bound
            while all(bisect_left(off, ls) < len(off) and off[bisect_left(off, ls)] == ls for off in self.off):
                ls -= 1
            f = self.place(ls, d)[1]
            if f < lf:
                lf = f
        return ls, lf

    def runs_from(self, b: int) -> list[tuple[str, int, int]]:
        """(name, first, last) day index of each resource's days off in a row from day ``b``."""
        out = []
        for name, off in zip(self.names, self.off):
            j = bisect_left(off, b)
            if j < len(off) and off[j] == b:
                e = b
                while j + 1 < len(off) and off[j + 1] == e + 1:
                    e += 1
                    j += 1
                out.append((name, b, e))
        return out


def own_times(net, cal, resource_time: Mapping[int, Collection[ResourceTime]]) -> dict[int, OwnTime]:
    """Node -> OwnTime of the leaves with work whose resources have a day off the project
    works; checks the input (a clear error, never a guess)."""
    out: dict[int, OwnTime] = {}
    cache: dict[ResourceTime, list[int]] = {}
    index, kind, dur = net.index, net.kind, net.dur
    for task_id, resources in resource_time.items():
        v = index.get(task_id)
        if v is None:
            raise UnknownTaskError(f"resource working time is given for task id {task_id}, which is not in the plan")
        names, offs = [], []
        for rt in resources:
            if not isinstance(rt, ResourceTime):
                raise InvalidTaskError(f"{label(net.tasks[v])}: resource working time must be a ResourceTime, "
                                       f"not {type(rt).__name__}")
            off = cache.get(rt)
            if off is None:
                off = cache[rt] = sorted(cal.index_on_or_after(d) for d in rt.days_off if cal.is_working(d))
            names.append(rt.name)
            offs.append(off)
        if kind[v] != 0 or not dur[v] or not any(offs):  # a summary, a milestone, or no day off
            continue
        out[v] = OwnTime(names, offs)
    return out


def apply(net, pl, own: dict[int, OwnTime], status_b: int | None) -> None:
    """Hand the tasks in ``own`` to the passes: each becomes an event with a finish slot of its
    own (pl.own), unless finished or held by a constraint (pl.own_held)."""
    pl.own = {}
    pl.own_late = {}
    pl.own_held = set()
    special, dur = pl.special, net.dur
    for v, ot in own.items():
        if v in pl.completed:
            continue
        sp = special.get(v)
        d = dur[v]
        if v in pl.started:
            t = net.tasks[v]
            worked, rem = work_split(d, t.percent_complete, t.remaining)
            if sp[0] == FIXED:
                es = sp[1]
                rs = es + worked
                if status_b is not None and rs < status_b:
                    rs = status_b
                special[v] = (FIXED, es, ot.place(rs, rem)[1] if rem else rs)
            else:
                special[v] = (OWN_STARTED, ot, (worked, rem))
            pl.own[v] = ot
        elif sp is not None:
            pl.own_held.add(v)  # a constraint that beats the calendar (see the docstring)
        else:
            special[v] = (OWN, ot, d)
            pl.own[v] = ot
            pl.own_late[v] = ot


def leave_runs_text(cal, ot: OwnTime, b: int) -> str:
    """ "Alice is on leave 11-15 Jan 2027" (and the others off on day ``b``)."""
    parts = []
    for name, lo, hi in ot.runs_from(b):
        parts.append(f"{name} is on leave {span_words(cal.date_of(lo), cal.date_of(hi))}")
    return "; ".join(parts)


def span_words(a: date, b: date) -> str:
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b}-{b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y}-{b.day} {b:%b %Y}"
