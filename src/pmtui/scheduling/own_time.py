"""Tasks scheduled on their resources' working time: leave moves the work, not only warns.

A task with resources assigned works when they do, as MS Project and TaskJuggler schedule it. A
resource's calendar is based on the project calendar, as in MS Project (Microsoft Support,
"Create a new base calendar": "Project automatically creates a resource calendar (based on the
project calendar ...)"; Microsoft Project 98 help, resource calendars: it "contains exceptions
to the base calendar ... individual vacations or part-time hours. Because each resource calendar
is derived from a base calendar, any change you make to the base calendar is reflected in the
resource calendars that depend on it"). The order, checked on MPXJ's derived ProjectCalendar: for
a day, the resource's own exceptions (leave, a worked Saturday) come first, then the project's
(holidays), then the resource's own week (a part-timer's Monday to Wednesday), then the project's
week. The
caller gives, per task, its resources (``ResourceTime``); a task whose resources all have the
project's working days keeps the project calendar, and a plan that gives none schedules exactly
as before (the passes never look here).

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

* The project's calendar counts the link lags; only a task's own work follows its resources.
  MS Project schedules lag on the successor's task calendar, the project's when it has none,
  never on a resource's (Microsoft KB 159773, "Project Lag Uses Base Calendar Instead of
  Resource Calendar": "to avoid any potential conflicts when scheduling multiple resources";
  MPXJ's MicrosoftScheduler.addLag: relation.getSuccessorTask().getEffectiveCalendar()). For an
  FF or SF link into a task on its resources' time it counts the lag from the start counted
  back over their time from the predecessor's finish (or start), not from that finish: 2 days
  of lag after a finish on Fri 8 with the successor's person off Mon 11 and Tue 12 start the
  work two project days after Thu 7, on Mon 11, so Wed 13 when the person is back, where
  "finish 2 days after Fri 8" counted back over their leave gave Thu 7. So do we.
  Going backward, an FF link's lag is taken off the successor's late finish as before. An SF
  link with a lag out of a task on its resources' time: MS Project counts the task's work
  forward from its successor's late finish, then takes the lag off; we take the lag off first
  (the backward pass gives the task one bound on its start, its SS and SF links merged, so
  its event cannot tell an SF link's apart), so the predecessor's late dates, not its early
  ones, can differ by a day or two when its people are off around them. Neither reading is
  the link's own in every case: Sign must finish by Tue 19, Review (SF +1, Ben, off Tue 19 and
  Wed 20) start by Tue 19 08:00; MPXJ gives Mon 18, Ben's last work before that, we Thu 21,
  his first after it (as both do for an SS link's bound); MS Project itself was not at hand.
* A milestone has no work: leave never moves it.
* Finished tasks keep their actual dates. A started task keeps its start (history); its
  remaining work runs on its resources' time from where it resumes.
* A task held by a Start/Finish No Later Than or Must Start/Finish On constraint stays on the
  project calendar: MS Project's "tasks always honor their constraint dates". It may then book a
  day of leave; the result lists it in ``held`` and the leave warnings still name it.
* An FF or SF link into a task on its resources' time bounds its finish, and its start is
  counted back from there over their calendars (MS Project, and MPXJ's MicrosoftScheduler):
  each counts its work back in its own time, and the task starts with the first of them; the
  others work from there, so one who is off may finish after the asked finish.
* A day a resource works that the project does not (a Saturday) has no place on the project's
  working-day grid: work on it shortens the task on the grid, and the dates shown are the days
  worked (a task may be shown to finish on that Saturday). A start asked for at a grid position
  is the start of its project working day, so work never begins on the Saturday before it, and
  a late finish is the end of the project working day before its bound. The grid cannot tell
  "after Friday" from "Monday", so for the tasks of people who work such days each bound on the
  start says which it is (bind_ends): after a predecessor that finishes on Friday, a lag that
  ends on Friday, or a Start No Earlier Than that Saturday, MS Project (MPXJ) starts their work
  on the Saturday, and so do we; after a start on Monday (SS), a lead, the project start, or a
  link to a summary above the task, on the Monday. Backward, each bound on the finish is an
  instant too (_end_day): the start of a project day (an FS successor's late start, or an FF
  successor's finish less a lag, which MS Project counts back to 08:00) lets their work end on
  the Saturday before it; the end of one (an FF successor's finish, a lead, a milestone, a
  deadline or constraint, the plan's finish) does not, unless the plan or that successor ends on
  the Saturday itself or the deadline is on it. A late finish on such a Saturday is shown as
  that day; a late start on one stays on the grid and is shown as the Monday.

Backward, the late finish steps back to each resource's last working day before it and the
late start counts the work back over their days off; the late start of the task is the
earliest of its assignments', its late finish the latest (the mirror of the forward rule).

Bounds are instants, as in MS Project, and compared in the resources' time: a finish asked for
on days a resource does not work is met by its last working day before them, and a late start
that falls on days none of them works is met by starting when they are back (so the late
finish is where that work ends; compared as days, so work from the start's bound that ends on a
Friday ends before a Saturday counted back from the finish's). MPXJ's MicrosoftScheduler agrees
on random plans (tests/scheduling/test_mpxj_resource_time.py for the early dates and
test_mpxj_resource_late.py for the late ones, which name where the two differ); as there, a
predecessor whose FF successor's people finish on their last day before the asked finish can get
negative float, their late finish being earlier than its own.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain

from .calendar import WorkCalendar
from .errors import InvalidTaskError, UnknownTaskError
from .model import ConstraintType, LinkType, label
from .network import FF as _FF, FS as _FS, LEAF, SS as _SS
from .progress import FIXED, work_split

# special modes of the forward pass (progress.py's FIXED .. MUST_FINISH are 0..5)
OWN, OWN_STARTED = 6, 7
# A resource whose calendar has no project working day for this long: "does not work" is cut here.
_LONGEST_RUN = 3660
_DAY = timedelta(1)
# The stream offset of an FF/SF link into a task on its resources' time: the link binds the
# task's finish at its event (OwnTime.fin), so in the flat loops it must bind nothing.
_NO_BOUND = -(1 << 64)


@dataclass(frozen=True)
class ResourceTime:
    """A resource assigned to a task and its calendar, based on the project calendar as MS
    Project bases a resource calendar on the Standard one: ``days_off`` (leave) and ``days_on``
    (days worked that would otherwise be off) beat the project's exceptions (holidays), which
    beat the resource's own week ``workdays`` (0 = Monday; None: the project's week)."""

    name: str
    days_off: frozenset[date]
    workdays: frozenset[int] | None = None
    days_on: frozenset[date] = frozenset()


def resource_calendar(cal: WorkCalendar, rt: ResourceTime) -> WorkCalendar | None:
    """The resource's working days as a calendar of their own, or None when they are the
    project's (the task then keeps the project calendar)."""
    week = cal.workdays if rt.workdays is None else frozenset(rt.workdays)
    if (week == cal.workdays and all(cal.is_working(d) for d in rt.days_on)
            and not any(cal.is_working(d) for d in rt.days_off)):
        return None
    exceptions = dict(cal.exceptions)
    exceptions.update((d, True) for d in rt.days_on)
    exceptions.update((d, False) for d in rt.days_off)
    return WorkCalendar(workdays=week, exceptions=exceptions, anchor=cal.anchor)


class OwnTime:
    """One task's resources, each with the calendar it works on (the project's for those whose
    calendar is the project's). Positions are the project calendar's boundaries: a day a
    resource works that the project does not (a Saturday) lies between two of them, so work on
    it shortens the task on the project's grid; the dates it is done on are kept (``first``,
    ``last``) to be shown."""

    __slots__ = ("names", "times", "cals", "cal", "fin", "first", "last", "extra", "ends", "floor", "floor_day",
                 "after", "end", "cap", "cap_day", "outs", "late_in", "late_first", "late_last",
                 "late_by_start")

    def __init__(self, cal: WorkCalendar, names: Sequence[str], times: Sequence[ResourceTime],
                 cals: Sequence[WorkCalendar]):
        self.cal = cal
        self.names = tuple(names)
        self.times = tuple(times)
        self.cals = tuple(cals)
        # (slot, offset, lag, the predecessor's OwnTime for an FF link from one) of its FF/SF links
        self.fin: list[tuple[int, int, int, OwnTime | None]] = []
        self.first = self.last = None  # dates of the early start and finish, as placed
        # whether one of them works a day the project does not (a Saturday), and then (see
        # bind_ends) the bounds on its start: (slot, offset, True: the end of the project day
        # before, False: the start of the day, or the OwnTime of a predecessor that ends when
        # its last day does), and its floor with the day work may begin from there; ``after``:
        # (start, day) where it was placed from a day before its start (a Saturday)
        self.extra = any(not cal.is_working(d) for d in chain.from_iterable(rt.days_on for rt in times)) or any(
            rt.workdays is not None and not rt.workdays <= cal.workdays for rt in times)
        self.ends = None
        self.floor = self.after = None
        self.floor_day: date | None = None
        # For its late finish when one of them works days the project does not (see
        # end_on_extra_days): the plan's end (ProjectEnd), its cap (a deadline or constraint),
        # its FS and FF links out (type, node, lag), and from the backward pass the bound and
        # the day it was read as (``late_in``), and its late start and finish when they fall on
        # such a day (a Saturday), else None.
        self.end: ProjectEnd | None = None
        self.cap: int | None = None
        self.cap_day: date | None = None
        self.outs: list[tuple[int, int, int]] = []
        self.late_in: tuple[int, date] | None = None
        self.late_first: date | None = None
        self.late_last: date | None = None
        self.late_by_start = False  # whether the bound on its start set its late finish

    def _one(self, r: WorkCalendar, s: int, d: int, day: date | None = None) -> tuple[int, int, date, date]:
        # from the start of project day s: a resource's extra day just before it is not taken,
        # as a bound that means "start of Monday" must not let work begin on the Saturday;
        # ``day``: from that day (a Saturday after a predecessor's finish on Friday)
        cal = self.cal
        a = r.index_on_or_after(day or cal.date_of(s))
        first, last = r.date_of(a), r.date_of(a + d - 1)
        return cal.index_on_or_after(first), cal.index_on_or_before(last) + 1, first, last

    def place(self, s: int, d: int, t: list[int] | None = None) -> tuple[int, int]:
        """(start, finish) boundaries of ``d`` days of work asked to start at boundary ``s``
        (``t``: the forward pass's slots, when it places the task: then also no earlier than
        the finish its FF/SF links ask for)."""
        day = None
        if t is not None:
            if self.ends is not None:
                b, day = self._bounds(d, t)
                if b < s:  # a bound the list lacks (there should be none): kept, as a start
                    b, day = s, None
                s = b
                self.after = (s, day) if day is not None else None
            else:
                for x, o, lag, p in self.fin:
                    b = self.start_for(t[x] + o - lag, d, lag, p)
                    if b > s:
                        s = b
        start = finish = first = last = None
        for r in self.cals:
            a, f, x, y = self._one(r, s, d, day)
            if start is None or a < start or (a == start and x < first):
                start, first = a, x
            if finish is None or f > finish or (f == finish and y > last):
                finish, last = f, y
        if t is not None:  # the forward pass's placing: the dates to show
            self.first, self.last = first, last
            if self.end is not None:
                self.end.t = t
        return start, finish

    def _bounds(self, d: int, t: list[int]) -> tuple[int, date | None]:
        """(start boundary, the day work may begin when it is before that start's day) of a task
        whose people work days the project does not. Each bound is an instant: the start of a
        project day, or the end of the one before (a finish, a positive lag counted from a
        start), after which work may begin on a Saturday between them. MS Project (MPXJ's
        MicrosoftScheduler) starts a Saturday worker's task there: after a finish on Friday, a
        Start No Earlier Than that Saturday, or an SS link's lag that ends on Friday."""
        cal = self.cal
        s, day = self.floor, self.floor_day  # the floor is a start, but for a SNET on a Saturday
        if day is None:
            day = cal.date_of(s)
        for x, o, kind in self.ends:
            b = t[x] + o
            if b >= s:
                if kind is not True and kind is not False:
                    kind = cal.is_working(kind.last)  # a predecessor that ends on a Saturday
                at = cal.date_of(b - 1) + _DAY if kind else cal.date_of(b)
                if b > s or at > day:
                    s, day = b, at
        for x, o, lag, p in self.fin:
            first = self._first(t[x] + o - lag, d, p)[0]
            b = cal.index_on_or_after(first) + lag
            if b >= s:
                at = cal.date_of(b - 1) + _DAY if lag > 0 else first if not lag else cal.date_of(b)
                if b > s or at > day:
                    s, day = b, at
        if day == cal.date_of(s) or not any(r.is_working(x) for r in self.cals
                                            for x in (day + timedelta(i) for i in range((cal.date_of(s) - day).days))):
            day = None
        return s, day

    def start_for(self, f: int, d: int, lag: int = 0, pred: OwnTime | None = None) -> int:
        """The start an FF or SF link asks for: its ``d`` days of work counted back, on each
        resource's calendar, from its last working day by the end of project day f - 1 (a
        finish is an instant: when a resource is off on the days just before it, work that ends
        on its last day before them ends there in its time), and the earliest of these starts:
        the first of them to start starts the task, and each works its days from there. Then the
        link's ``lag``, in project days from that start, not from the finish. So MPXJ's
        MicrosoftScheduler does, as MS Project: calculateEarlyStartForFinishFinish is
        addLag(getDateFromFinishAndRemainingDuration(successor, finish)), the latter counted back
        with getDateFromFinishAndRemainingWork, the minimum over the assignments. ``pred``: the
        FF predecessor on its resources' time, whose finish is its last day worked (a Saturday
        after project day f - 1)."""
        first, r, j = self._first(f, d, pred)
        cal = self.cal
        if lag or cal.is_working(first):
            return cal.index_on_or_after(first) + lag
        # its first day is one the project does not work (a Saturday): the grid position after
        # the resource's working day before it, from which its work begins on that day
        return cal.index_on_or_after(r.date_of(j - d) + _DAY)

    def _first(self, f: int, d: int, pred: OwnTime | None) -> tuple[date, WorkCalendar, int]:
        """(first day, calendar, index in it of the last day) of the resource that starts first
        when each counts its ``d`` days back from its last working day by the end of project day
        f - 1 (or by its FF predecessor's last day worked, a Saturday after it)."""
        end = self.cal.date_of(f - 1)
        if pred is not None and pred.last is not None and pred.last > end:
            end = pred.last
        best = None
        for r in self.cals:
            j = r.index_on_or_before(end)  # the day it must work last, or a later one
            day = r.date_of(j - d + 1)
            if best is None or day < best[0]:
                best = (day, r, j)
        return best

    def back(self, lf: int, d: int) -> tuple[int, int]:
        """(late start, late finish) of ``d`` days of work that must end by boundary ``lf``
        (read as the backward pass read it, when it is the bound the pass gave the task)."""
        at = self.late_in
        return self._back(lf, d, at[1] if at is not None and at[0] == lf else self.cal.date_of(lf - 1))[:2]

    def _end_day(self, lf: int, late: list[int] | None) -> date:
        """The last day the work may be done on for a late finish at boundary ``lf``. A bound
        is an instant, as in MS Project (MPXJ's MicrosoftScheduler steps each resource back to
        its last working period before it): the start of a project working day (an FS
        successor's late start) lets a resource work the Saturday before it; the end of one (a
        milestone's date, an FF successor's finish, a deadline or constraint, the plan's finish)
        does not, unless the plan or that successor ends on the Saturday itself. The grid has one
        boundary for both, so the links out of the task say which it is: if any bound at ``lf``
        is an end, the end of project day lf - 1."""
        cal = self.cal
        friday = cal.date_of(lf - 1)
        end = self.end
        if end is None or late is None or end.t is None:
            return friday
        limit = None
        if self.cap is not None and self.cap <= lf:
            if self.cap_day is None:
                return friday
            limit = self.cap_day  # a deadline on a Saturday: the end of that day
        pf, last_day = end.finish()
        if lf == pf:
            if last_day is None:
                return friday
            if limit is None or last_day < limit:
                limit = last_day
        net, own = end.net, end.own
        fin, dur, kind = net.fin, net.dur, net.kind
        for typ, w, lag in self.outs:
            if typ == _FF:
                f = fin.get(w)
                if (late[f] if f is not None else late[w] + dur[w]) - lag != lf:
                    continue
                ow = own.get(w)
                if ow is not None and ow.late_last is not None:
                    if lag:
                        return friday
                    day = ow.late_last  # it ends on a Saturday: so may this one
                elif lag > 0:
                    # a lag taken off a finish at 17:00 ends at 08:00 of project day lf
                    day = cal.date_of(lf) - _DAY
                else:
                    return friday
            else:
                if late[w] - lag != lf:
                    continue
                ow = own.get(w)
                # a late start is 08:00, a milestone's 17:00 (MPXJ moves it back to the end of
                # a working day); a lag taken off 17:00 ends at 08:00, a lead added to 08:00 at
                # 17:00
                at_start = lag >= 0 if dur[w] else lag > 0
                if not at_start or kind[w] != LEAF or (ow is not None and ow.late_first is not None):
                    return friday  # the end of a day, a summary, or a Saturday start read as Monday's
                day = cal.date_of(lf) - _DAY
            if limit is None or day < limit:
                limit = day
        return friday if limit is None else limit

    def _back(self, lf: int, d: int, end: date) -> tuple[int, int, date, date]:
        """(late start, late finish, the last and first days worked) of ``d`` days of work that
        must end by the end of day ``end`` (the day before boundary ``lf``, or a day after it the
        project does not work)."""
        cal = self.cal
        start = finish = first = last = None
        for r in self.cals:
            e = r.index_on_or_before(end)
            a = r.date_of(e - d + 1)
            s = cal.index_on_or_after(a)
            day = r.date_of(e)
            e = cal.index_on_or_before(day) + 1
            if start is None or s < start or (s == start and a < first):
                start, first = s, a
            if finish is None or e > finish:
                finish = e
            if last is None or day > last:
                last = day
        return start, finish, last, first

    def _until(self, s: int, d: int) -> tuple[int, date]:
        """(finish boundary, last day worked) of ``d`` days of work from boundary ``s``."""
        finish = last = None
        for r in self.cals:
            _, f, _, y = self._one(r, s, d)
            if finish is None or f > finish:
                finish = f
            if last is None or y > last:
                last = y
        return finish, last

    def works(self, i: int) -> bool:
        """Whether one of its resources works project day ``i``."""
        day = self.cal.date_of(i)
        return any(r.is_working(day) for r in self.cals)

    def late(self, lf: int, start_bound: int, d: int, late: list[int] | None = None) -> tuple[int, int]:
        """Late (start, finish) from the bound on the finish and the bound on the start (SS and
        SF links out of the task) the backward pass collected; with the pass's slots ``late``,
        its FF/SF links (taken out of the flat loops) then bound their sources from its late
        finish."""
        day = self._end_day(lf, late)
        self.late_in = (lf, day)
        ls, lf, last, first = self._back(lf, d, day)
        self.late_by_start = False
        if start_bound <= ls:
            # The latest start is an instant: when none of them works on the bound's day, work
            # begun there starts on their next working day, so the finish is where work from the
            # bound ends, and the late start is counted back from it (MPXJ's MicrosoftScheduler:
            # an SS successor's late start on a day of leave bounds the finish this way). Equal
            # counts too: with several people the latest start is the first of them to start,
            # and work from it can end before the others' latest finish. Compared as days, not
            # grid boundaries: work that ends on Friday ends before work counted back from a
            # Saturday one of them works, though both end at Monday's boundary.
            f, upto = self._until(start_bound, d)
            self.late_by_start = upto < last
            if upto < last:
                ls, lf, last, first = self._back(f, d, upto)
        # a late finish on a day the project does not work (a Saturday) is shown as that day
        self.late_last = None if self.cal.is_working(last) else last
        self.late_first = None if self.cal.is_working(first) else first
        if late is not None:
            for x, o, _, _ in self.fin:
                r = lf - o
                if r < late[x]:
                    late[x] = r
        return ls, lf

    def days_of(self, k: int, s: int, d: int) -> tuple[int, int]:
        """(first, last) project day index of resource ``k``'s work asked to start at ``s``."""
        after = self.after
        a, f, _, _ = self._one(self.cals[k], s, d, after[1] if after is not None and after[0] == s else None)
        return a, max(a, f - 1)

    def runs_from(self, b: int) -> list[tuple[str, int, int, bool]]:
        """(name, first, last, leave) of each resource's project working days off in a row from
        day ``b``; leave: every one of them is leave (a day off), not its week."""
        out = []
        cal = self.cal
        for name, rt, r in zip(self.names, self.times, self.cals):
            e = b
            while e - b < _LONGEST_RUN and not r.is_working(cal.date_of(e)):
                e += 1
            if e > b:
                leave = all(cal.date_of(i) in rt.days_off for i in range(b, e))
                out.append((name, b, e - 1, leave))
        return out


def own_times(net, cal, resource_time: Mapping[int, Collection[ResourceTime]]) -> dict[int, OwnTime]:
    """Node -> OwnTime of the leaves with work one of whose resources has a calendar other than
    the project's; checks the input (a clear error, never a guess)."""
    out: dict[int, OwnTime] = {}
    cache: dict[ResourceTime, WorkCalendar | None] = {}
    index, kind, dur = net.index, net.kind, net.dur
    for task_id, resources in resource_time.items():
        v = index.get(task_id)
        if v is None:
            raise UnknownTaskError(f"resource working time is given for task id {task_id}, which is not in the plan")
        names, times, cals = [], [], []
        own = False
        for rt in resources:
            if not isinstance(rt, ResourceTime):
                raise InvalidTaskError(f"{label(net.tasks[v])}: resource working time must be a ResourceTime, "
                                       f"not {type(rt).__name__}")
            if rt in cache:
                r = cache[rt]
            else:
                try:
                    r = cache[rt] = resource_calendar(cal, rt)
                except InvalidTaskError as exc:
                    raise InvalidTaskError(f"{rt.name}'s calendar: {exc}") from None
            own = own or r is not None
            names.append(rt.name)
            times.append(rt)
            cals.append(cal if r is None else r)
        if kind[v] != 0 or not dur[v] or not own:  # a summary, a milestone, or the project's time
            continue
        out[v] = OwnTime(cal, names, times, cals)
    return out


def bind_finishes(net, pl) -> None:
    """Take the FF and SF links into the tasks on their resources' time out of the flat loops:
    such a link bounds the task's finish, from which MS Project counts its start back over the
    resources' calendars, not back by its duration in project days (which could finish it days
    later). The task's events apply them (OwnTime.fin). Called after add_edges, which placed
    the links in the stream (net.exact_links)."""
    own = pl.own_late
    if any(ot.extra for ot in own.values()):
        bind_ends(net, pl, next(iter(own.values())).cal)
        end_on_extra_days(net, pl)
    if not net.exact_links:
        return
    S, D, O, dur = net.S, net.D, net.O, net.dur
    lags = order = None
    for k in net.exact_links:
        ot = own.get(D[k])
        if ot is not None:
            if lags is None:  # its lag alone: the offset also holds the predecessor's duration
                lags = dict(net.slow)  # FF/SF links into events are all slow
                order = net.order
            lk = lags[k if order is None else order[k]]
            p = own.get(net.index[lk.pred]) if lk.type == LinkType.FF else None
            ot.fin.append((S[k], O[k] + dur[D[k]], lk.lag, p))
            O[k] = _NO_BOUND


def bind_ends(net, pl, cal) -> None:
    """Give the tasks on time that includes days the project does not work (a Saturday) the
    bounds on their start (OwnTime.ends): whether each is a finish, after which work may begin
    that Saturday, or a start (an SS link, the project start, a Start No Earlier Than), before
    which it may not. Bounds that cannot tell are starts: links to a summary above the task, a
    summary's or a milestone's finish, and work with progress."""
    src, types, lags, fin, dur = net.link_src, net.link_type, net.link_lag, net.fin, net.dur
    kind, parent, gate_of, own = net.kind, net.parent, net.gate_of, pl.own_late
    history = pl.completed | pl.started
    for v, ot in own.items():
        if not ot.extra:
            continue
        x = parent[v]
        while x >= 0 and gate_of[x] < 0:
            x = parent[x]
        if x >= 0:
            continue  # a link to a summary above it: its bound could be either
        ends = []
        for k in net.in_links(v):
            a, typ, lag = src[k], types[k], lags[k]
            if typ == _FS:
                f = fin.get(a)
                slot, o = (a, dur[a] + lag) if f is None else (f, lag)
                # a lead from Monday's end is Monday's start in MS Project (MPXJ's getDate)
                if lag < 0 or kind[a] != LEAF or not dur[a] or a in history or net.is_summary[a]:
                    ends.append((slot, o, False))
                elif a in own and not lag:
                    ends.append((slot, o, own[a]))
                else:
                    ends.append((slot, o, True))
            elif typ == _SS:
                ends.append((a, lag, lag > 0))  # a lag counted from 08:00 ends at 17:00
        ot.ends = ends
        ot.floor = f = pl.floor[v]
        t = net.tasks[v]
        if t.constraint == ConstraintType.SNET and t.constraint_date is not None:
            c = t.constraint_date
            if not cal.is_working(c) and cal.index_on_or_after(c) == f:
                ot.floor_day = c


class ProjectEnd:
    """The plan's finish as an instant, for the tasks of people who work days the project does
    not: when the last of them works a Saturday after the project's last working day, the plan
    ends that Saturday evening. MPXJ's MicrosoftScheduler (as MS Project) caps every late finish
    at the latest early finish, that instant, and then steps each resource back to its last
    working period before it: a Saturday worker's to the Saturday, the others' to Friday. On
    the grid the Saturday is no boundary of its own, so the cap read as the end of Friday gave
    the tasks that end the plan a late finish a day before their early one: -1 day of float,
    and more up their chain, on a plan with no constraint at all."""

    __slots__ = ("net", "own", "t", "_pf", "_day")

    def __init__(self, net, own: Mapping[int, OwnTime]):
        self.net = net
        self.own = own
        self.t: list[int] | None = None  # the forward pass's slots (OwnTime.place hands them)
        self._pf: int | None = None
        self._day: date | None = None

    def _find(self) -> None:
        net, t = self.net, self.t
        n = net.n
        ef = [a + b for a, b in zip(t[:n], net.dur)]
        for v, f in net.fin.items():
            ef[v] = t[f]
        pf = self._pf = max(ef)
        cal = next(iter(self.own.values())).cal
        friday = cal.date_of(pf - 1)
        for ot in self.own.values():
            if ot.extra and ot.last is not None and ot.last > friday and cal.index_on_or_before(ot.last) + 1 == pf:
                if self._day is None or ot.last > self._day:
                    self._day = ot.last

    def finish(self) -> tuple[int, date | None]:
        """(the plan's finish boundary, the day it ends on when that is a day the project does
        not work, else None); read once the forward pass is done."""
        if self._pf is None:
            self._find()
        return self._pf, self._day


def end_on_extra_days(net, pl) -> None:
    """Give the tasks whose people work days the project does not what their late finish is
    read from (OwnTime._end_day): the plan's end, their cap, their FS and FF links out."""
    own = pl.own_late
    end = ProjectEnd(net, own)
    cal = next(iter(own.values())).cal
    caps: dict[int, int] = {}
    dur = net.dur
    for v, fcap, scap in pl.caps:
        for c in (fcap, None if scap is None else scap + dur[v]):
            if c is not None and (v not in caps or c < caps[v]):
                caps[v] = c
    types, dst, lags = net.link_type, net.link_node, net.link_lag
    for v, ot in own.items():
        if not ot.extra or v in pl.alap:
            continue
        ot.end = end
        ot.cap = c = caps.get(v)
        if c is not None:
            # a deadline or Finish No Later Than on a day the project does not work: its end
            t = net.tasks[v]
            days = [t.deadline] if t.deadline is not None else []
            if t.constraint == ConstraintType.FNLT and t.constraint_date is not None:
                days.append(t.constraint_date)
            days = [x for x in days if cal.index_on_or_before(x) + 1 == c and not cal.is_working(x)]
            ot.cap_day = min(days) if days else None
        ot.outs = [(types[k], dst[k], lags[k]) for k in net.out_links(v) if types[k] in (_FS, _FF)]


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
    for name, lo, hi, leave in ot.runs_from(b):
        parts.append(f"{name} {'is on leave' if leave else 'does not work'} {span_words(cal.date_of(lo), cal.date_of(hi))}")
    return "; ".join(parts)


def span_words(a: date, b: date) -> str:
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b}-{b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y}-{b.day} {b:%b %Y}"
