"""What progress and constraints do to one task, decided before the passes run.

Choices (DESIGN: "the unfinished work is scheduled from the status date on"; where it is silent
we follow MS Project):

* Finished: ``actual_finish`` is set, or percent complete is 100. With actual dates the task sits
  on them whatever its links say (history is not rescheduled). ``actual_finish`` without
  ``actual_start`` puts the start ``duration`` working days earlier. 100 % without any actual
  date keeps the dates the logic gives (no status-date floor). A finished task is never critical
  (MS Project), has no float, and does not hold back its predecessors' late dates.
* Started: ``actual_start`` is set or percent complete > 0. The start is the actual start (or,
  without one, the start the logic gives, as MS Project fills in Actual Start = Start when % is
  typed). The work done and left are ``work_split``'s: without ``remaining``, the duration
  split by percent; with it, MS Project's % complete = actual / (actual + remaining) read
  backwards, so the days done are ``remaining * pct / (100 - pct)``. The remaining work follows the done work, but
  never before the status date: it may begin ON the status date (or the next working day when
  that day is not worked), like Primavera's data date. Links do not move a started task (MS
  Project: the actual start wins; Primavera calls this progress override).
* Not started: cannot start before the status date (same reading: on the status date is fine).
* Constraints: MS Project's default, "tasks will always honor their constraint dates": a
  constraint beats the links (a Start No Later Than earlier than the predecessors allow keeps
  the task on its date and the broken link is reported as a violation). It does not beat the
  project start nor the status date, which DESIGN makes hard: there the constraint is reported as
  violated. Actual dates beat constraints (MS Project turns them into SNET on progress anyway),
  but a started task's finish and late dates are still to come, so constraints still act on
  them (MS Project, each checked against MPXJ's MicrosoftScheduler): Finish No Earlier Than
  holds its finish back; Finish No Later Than caps its late finish as a deadline does, Start No
  Later Than its late start (its late finish at most the date plus its span); Must Finish On
  makes the date its late finish and Must Start On its late start, whatever its successors
  need (so a Must Start On's float is the date less the actual start). Start No Earlier Than
  no longer acts.
  A constraint date on a non-working day moves to the same working-time instant: start
  constraints to the next working day, finish constraints to the previous one (MS Project shows
  a Saturday start constraint as Monday 8:00 and a Saturday finish as Friday 17:00).
* Must Start On / Must Finish On pin the late dates too (late = scheduled, float 0), as MS
  Project does (checked against MPXJ's MicrosoftScheduler).
* ALAP: scheduled on its late dates (MS Project), so its floats, measured from the scheduled
  dates, are 0 and its summary spans its late dates; its early dates still feed its successors
  (MS Project can push them later too; we do not).
* Free float is MS Project's free slack: room before the first of the task's own links binds
  (or before its late finish when it has no successor), never negative, not capped by total
  float (checked against MPXJ).
* Deadline: never moves the task; it caps the late finish (MS Project: a deadline earlier than
  the late finish becomes the late finish, so float can go negative) and flags ``late``.
"""

from __future__ import annotations

from math import ceil

from .errors import InvalidTaskError
from .model import DATED_CONSTRAINTS, ConstraintType as C, label
from .network import LEAF, Network

# forward handling of a special leaf
FIXED, STARTED_LOGIC, CAP_START, CAP_FINISH, MUST_START, MUST_FINISH = range(6)


class Plan:
    """Per-task inputs for the passes, derived from progress and constraints."""

    __slots__ = (
        "floor", "hard", "special", "completed", "started", "caps", "notes", "alap",
        "constraint_start", "deadline_b", "finish_floor", "started_late",
        "own", "own_late", "own_held",  # tasks on their resources' time (own_time.apply)
    )


def _validate(t, cal) -> None:
    pct = t.percent_complete
    if not 0 <= pct <= 100:
        raise InvalidTaskError(f"{label(t)} is {pct}% complete; percent complete runs from 0 to 100")
    if t.constraint not in C.__members__.values():
        raise InvalidTaskError(f"{label(t)} has an unknown constraint type {t.constraint!r}")
    if t.constraint_date is None and C(t.constraint) in DATED_CONSTRAINTS:
        raise InvalidTaskError(f"{label(t)} has constraint {C(t.constraint).value} but no constraint date")
    if t.actual_start and t.actual_finish and t.actual_finish < t.actual_start:
        raise InvalidTaskError(
            f"{label(t)} has actual finish {t.actual_finish} before its actual start {t.actual_start}"
        )
    if t.remaining is not None and t.remaining < 0:
        raise InvalidTaskError(f"{label(t)} has negative remaining duration ({t.remaining} days)")


def plan(net: Network, cal, p0: int, status_b: int | None) -> Plan:
    tasks, dur, kind = net.tasks, net.dur, net.kind
    n = net.n
    base = p0 if status_b is None else max(p0, status_b)
    floor = [base] * n + [-(1 << 60)] * (net.size - n)
    hard = floor  # shared until a task differs; copied on first write below
    pl = Plan()
    pl.special = {}
    pl.completed = set()
    pl.started = set()
    pl.caps = []  # (node, finish cap boundary or None, start cap boundary or None)
    pl.notes = []  # (node, kind, message) found before the passes
    pl.alap = set()
    pl.finish_floor = {}  # started node -> finish boundary its Finish No Earlier Than asks for
    pl.started_late = {}  # started node -> (SNLT, MSO or MFO, the constraint's boundary)
    pl.constraint_start = {}  # node -> start boundary a SNET/FNET asks for (for "why")
    pl.deadline_b = {}
    pl.own, pl.own_late, pl.own_held = {}, {}, set()
    extra = net.extra  # the tasks with progress, a constraint or a deadline (found by build)
    if extra:
        hard = list(floor)
    for i in extra:
        t = tasks[i]
        _validate(t, cal)
        d = dur[i]
        if t.deadline is not None:
            dl = cal.index_on_or_before(t.deadline) + 1
            pl.deadline_b[i] = dl
            if kind[i] == LEAF:
                pl.caps.append((i, dl, None))
        ct = C(t.constraint)
        if kind[i] != LEAF:
            if ct is C.SNET:
                # A summary's SNET holds back everything under it, like a link to it would.
                g = net.gate_of[i]
                if g >= 0:
                    c = cal.index_on_or_after(t.constraint_date)
                    floor[g] = max(floor[g], c)
                else:
                    _floor_subtree(net, i, cal.index_on_or_after(t.constraint_date), floor, hard)
            elif ct is not C.ASAP:
                pl.notes.append((i, "summary_constraint",
                                 f"{label(t)}: a {ct.value} constraint on a summary task is not applied "
                                 f"(summaries take their dates from their tasks)"))
            continue
        pct = t.percent_complete
        done = t.actual_finish is not None or pct >= 100
        started = not done and (t.actual_start is not None or pct > 0)
        if done:
            pl.completed.add(i)
            if t.actual_finish is not None or t.actual_start is not None:
                if d == 0:  # reached at one instant: SS and FS successors start together
                    es = ef = _milestone_at(cal, t.actual_finish or t.actual_start, p0)
                elif t.actual_finish is not None:
                    ef = cal.index_on_or_before(t.actual_finish) + 1
                    es = cal.index_on_or_after(t.actual_start) if t.actual_start else ef - d
                    if es > ef:  # started and finished on the same non-working weekend
                        es = ef
                else:
                    es = cal.index_on_or_after(t.actual_start)
                    ef = es + d
                pl.special[i] = (FIXED, es, ef)
            else:
                floor[i] = hard[i] = p0  # keeps its logic dates: no status-date floor
            continue
        if started:
            pl.started.add(i)
            worked, rem = work_split(d, pct, t.remaining)
            if t.actual_start is not None:
                if d == 0:
                    es = _milestone_at(cal, t.actual_start, p0)
                else:
                    es = cal.index_on_or_after(t.actual_start)
                rs = es + worked
                if status_b is not None and rs < status_b:
                    rs = status_b
                pl.special[i] = (FIXED, es, rs + rem)
            else:
                floor[i] = hard[i] = p0
                pl.special[i] = (STARTED_LOGIC, worked, rem)
            # Its start is history, so SNET no longer acts, but its finish and late dates are
            # still to come (MS Project; each rule checked against MPXJ's MicrosoftScheduler)
            if ct is C.FNLT:  # caps its late finish, as a deadline would
                pl.caps.append((i, cal.index_on_or_before(t.constraint_date) + 1, None))
            elif ct is C.FNET:  # holds its finish back
                pl.finish_floor[i] = cal.index_on_or_before(t.constraint_date) + 1
            elif ct is C.MFO:  # its late finish is the constraint's, whatever its successors need
                pl.started_late[i] = (ct, cal.index_on_or_before(t.constraint_date) + 1)
            elif ct is C.MSO or ct is C.SNLT:  # its late start is (at most) the constraint's
                pl.started_late[i] = (ct, cal.index_on_or_after(t.constraint_date))
            continue
        if ct is C.ASAP:
            continue
        if ct is C.ALAP:
            pl.alap.add(i)
            continue
        if ct in (C.SNET, C.SNLT, C.MSO):
            c = cal.index_on_or_after(t.constraint_date)
        else:  # finish constraints: finish boundary after the last day on or before the date
            # (a milestone too: finishing on the project's first day is that day's end, as in
            # MS Project, so a successor starts the next day)
            c = cal.index_on_or_before(t.constraint_date) + 1 - d  # as a start boundary
        if ct in (C.SNET, C.FNET):
            pl.constraint_start[i] = c
            if c > floor[i]:
                floor[i] = c
            continue
        mode = {C.SNLT: CAP_START, C.FNLT: CAP_FINISH, C.MSO: MUST_START, C.MFO: MUST_FINISH}[ct]
        pl.special[i] = (mode, c, 0)
        pl.constraint_start[i] = c
        if ct in (C.SNLT, C.MSO):
            pl.caps.append((i, None, c))
        else:
            pl.caps.append((i, c + d, None))
    pl.floor = floor
    pl.hard = hard
    return pl


def _milestone_at(cal, day, p0: int) -> int:
    """The boundary of a milestone dated ``day`` by progress: a milestone's date is the end of
    its day, its boundary the next day's start (on the project's first day, that day's start:
    DESIGN's rule)."""
    b = cal.index_on_or_before(day) + 1
    return p0 if b - 1 <= p0 else b


def work_split(duration: int, percent: float, remaining: int | None = None) -> tuple[int, int]:
    """(working days done, working days left) of a started task. Without ``remaining`` the
    duration is split by percent complete, the days left rounded up. With it, the days done are
    those that make percent = done / (done + remaining), MS Project's rule (its Duration becomes
    actual + remaining): 50 % with 2 days left is 2 days done, whatever the planned duration."""
    if remaining is None:
        left = ceil(duration * (1 - percent / 100)) if percent else duration
        return duration - left, left
    if percent <= 0:
        return 0, remaining
    if percent >= 100:
        return duration, 0
    # The percent was rounded to a whole number from done / (done + remaining) (by pmtui or MS
    # Project): the fewest days done that round to it. Working it back unrounded overshot (28
    # done and 1 left is 97 %, read back as 32 done: the finish moved 4 days past the status
    # date); the fewest never overshoots, and the status date floors the rest.
    return max(0, ceil((percent - 0.5) * remaining / (100.5 - percent))), remaining


def _floor_subtree(net: Network, s: int, c: int, floor, hard) -> None:
    stack = [s]
    while stack:
        x = stack.pop()
        for ch in net.children.get(x, ()):
            if ch in net.children:
                stack.append(ch)
            elif floor[ch] < c:
                floor[ch] = c
