"""The critical path method over the flat network: one forward pass over the links in
topological order of their targets, one backward pass over the same links in reverse (see
network's docstring for the slots and offsets). Both are flat loops over ints with no recursion,
so a 100,000-task plan neither overflows the stack nor allocates an object per task. Nodes that
need more than "max over links" (gates, roll-ups that links read, constraints, progress) are
events, handled between two runs of the flat loop; an ordinary task costs nothing beyond its
links.

Boundaries, not days: a task of duration d starting on working day s has start boundary s and
finish boundary s + d; results convert to the inclusive days DESIGN speaks of.
"""

from __future__ import annotations

import gc
from datetime import date
from itertools import islice
from operator import add
from typing import Collection, Mapping, Sequence

from . import own_time
from .calendar import WorkCalendar
from .model import ConstraintType, LinkSpec, TaskSpec
from .network import BIG, GATE, LEAF, NOWHERE, ROLLUP, Network, add_edges, build
from .own_time import OWN, OWN_STARTED, ResourceTime
from .progress import CAP_FINISH, CAP_START, FIXED, MUST_FINISH, MUST_START, STARTED_LOGIC, Plan, plan
from .result import ScheduleResult

MSO, MFO = ConstraintType.MSO, ConstraintType.MFO


def schedule(
    tasks: Sequence[TaskSpec],
    links: Sequence[LinkSpec],
    calendar: WorkCalendar,
    start: date,
    status_date: date | None = None,
    *,
    like: ScheduleResult | None = None,
    resource_time: Mapping[int, Collection[ResourceTime]] | None = None,
) -> ScheduleResult:
    """Schedule the plan. ``like``: a result scheduled earlier from the same links over the same
    tasks and outline (an edited copy's predecessor): when that holds, its order of the passes
    is reused instead of sorted again; otherwise it is ignored. ``resource_time``: task id ->
    the resources on it with days off, whose work then follows their time (see own_time)."""
    # The build makes a few hundred thousand small tuples and lists and none of them can form a
    # reference cycle; letting the cyclic collector walk the heap every 700 of them cost more than
    # the scheduling itself (measured: 2.4 s -> 0.3 s to build 100,000 tasks).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _schedule(tasks, links, calendar, start, status_date, like, resource_time)
    finally:
        if enabled:
            gc.enable()


def _schedule(tasks, links, calendar, start, status_date, like, resource_time):
    net = build(tasks, links, resource_time or ())
    p0 = calendar.index_on_or_after(start)
    status_b = calendar.index_on_or_after(status_date) if status_date is not None else None
    pl = plan(net, calendar, p0, status_b)
    if resource_time:
        own_time.apply(net, pl, own_time.own_times(net, calendar, resource_time), status_b)
    special = pl.special
    moved = {v for v, (mode, _, _) in special.items() if mode == FIXED or mode == STARTED_LOGIC}
    moved.update(pl.own)
    pinned = {v for v, (mode, _, _) in special.items() if mode == MUST_START or mode == MUST_FINISH}
    add_edges(net, moved, set(special) | pl.completed | pl.started, pl.started | pl.own.keys(),
              like._net if like is not None else None)
    if pl.own_late:
        own_time.bind_finishes(net, pl)
    t, broken = _forward(net, pl, status_b)
    n = net.n
    es, ef = _early_dates(net, t)
    # the latest finish of any task; roll-ups never exceed their tasks
    pf = max(ef) if n else p0
    late = _backward(net, pl, t, pf, pinned)
    return ScheduleResult(net, pl, calendar, p0, pf, status_date, status_b, es, ef, late, broken)


def _early_dates(net: Network, t: list[int]) -> tuple[list[int], list[int]]:
    """Early starts and finishes of the tasks; roll-ups that no link reads are computed here."""
    es = t[:net.n]
    ef = list(map(add, es, net.dur))
    for v, f in net.fin.items():
        ef[v] = t[f]
    for s, kids, lo, hi in net.post:  # children before parents
        if lo >= 0:
            es[s] = min(es[lo:hi])
            ef[s] = max(ef[lo:hi])
        else:
            es[s] = min(map(es.__getitem__, kids))
            ef[s] = max(map(ef.__getitem__, kids))
    return es, ef


def _forward(net: Network, pl: Plan, status_b: int | None):
    """Early start of node v in t[v]; early finish in t[net.fin[v]] where a node has one."""
    dur, fin = net.dur, net.fin
    special, hard, finish_floor = pl.special, pl.hard, pl.finish_floor
    t = pl.floor + [0] * (net.nslots - net.size)
    get = t.__getitem__
    broken: list[tuple[int, int]] = []  # (node, start the logic asked for) where a constraint won
    links = zip(net.S, net.D, net.O)
    done = 0
    for cnt, kind, v, x, y in net.events:
        if cnt > done:
            for s, d, o in islice(links, cnt - done):
                r = t[s] + o
                if r > t[d]:
                    t[d] = r
            done = cnt
        if kind == GATE:  # x: its links (slot, offset), y: its children (or their gates)
            es = t[v]
            for s, o in x:
                r = t[s] + o
                if r > es:
                    es = r
            t[v] = es
            for c in y:
                if es > t[c]:
                    t[c] = es
        elif kind == ROLLUP:  # earliest child start, latest child finish
            f, lo, hi, efs, efo = y
            if lo >= 0:  # tasks lo..hi-1 without finish slots: slices
                span = t[lo:hi]
                t[v] = min(span)
                t[f] = max(map(add, span, dur[lo:hi]))
            else:
                t[v] = min(map(get, x))
                t[f] = max(map(add, map(get, efs), efo))
        elif kind == LEAF and v in special:
            es = t[v]
            mode, a, b = special[v]
            if mode == FIXED:
                es, ef = a, b
            elif mode == STARTED_LOGIC:
                rs = es + a
                if status_b is not None and rs < status_b:
                    rs = status_b
                ef = rs + b
            elif mode == OWN:  # on its resources' time: after their leave
                es, ef = a.place(es, b, t)
            elif mode == OWN_STARTED:
                rs = es + b[0]
                if status_b is not None and rs < status_b:
                    rs = status_b
                ef = a.place(rs, b[1])[1] if b[1] else rs
            else:
                logic = es
                if mode == CAP_START or mode == CAP_FINISH:
                    es = logic if logic <= a else a
                else:
                    es = a
                if es < hard[v]:
                    es = hard[v]
                if logic > a:
                    broken.append((v, logic))
                ef = es + dur[v]
            if v in finish_floor and ef < finish_floor[v]:  # a started task's FNET (see progress)
                ef = finish_floor[v]
            t[v] = es
            f = fin.get(v)
            if f is not None:
                t[f] = ef
    return t, broken


def _backward(net: Network, pl: Plan, t: list[int], pf: int, pinned: set[int]):
    """Late starts and finishes of the tasks, in the slots of the forward pass: links push
    T[D] - O into their source slot, from the last target back, so an ordinary task's late start
    is final once the links leaving it are done. It starts from its cap (the project finish, a
    deadline or a constraint) less its duration. A finish slot collects bounds on a late finish,
    a roll-up's start slot those on the start of the tasks that start with it."""
    n, dur, fin, gate_span = net.n, net.dur, net.fin, net.gate_span
    late = [pf - d for d in islice(dur, n)]
    late.extend([BIG] * (net.size - n))  # gates: as late as their tasks allow
    late.extend([BIG] * (net.nslots - net.size))
    for s in net.rollups:
        late[s] = BIG
    completed, special, started_late = pl.completed, pl.special, pl.started_late
    overridden: dict[int, int] = {}  # started on an actual date: late start, restored at the end
    # Started tasks are as long as progress made them, not their duration: their cap and the
    # bounds on their finish are kept apart until their event.
    exact = pl.started | pl.own_late.keys() if pl.own_late else pl.started
    own_late = pl.own_late
    cap = {v: pf for v in exact}
    for v, fcap, scap in pl.caps:
        if v in exact:
            if fcap is not None and fcap < cap[v]:
                cap[v] = fcap
            if scap is not None and scap + dur[v] < cap[v]:
                cap[v] = scap + dur[v]
            continue
        d = dur[v]
        if fcap is not None and fcap - d < late[v]:
            late[v] = fcap - d
        if scap is not None and scap < late[v]:
            late[v] = scap
    for v in exact:
        late[v] = BIG
    offsets = net.O
    if net.exact_links:
        # An FF/SF link into a started task binds its finish: T[D] is its late start, so the
        # offset takes its span (finish - start) where the forward pass took its duration.
        offsets = list(offsets)
        D = net.D
        for k in net.exact_links:
            v = D[k]
            offsets[k] += dur[v] - (t[fin[v]] - t[v])
    links = zip(reversed(net.S), reversed(net.D), reversed(offsets))
    done = len(offsets)
    for cnt, kind, v, x, y in reversed(net.events):
        if cnt < done:
            for s, d, o in islice(links, done - cnt):
                r = late[d] - o
                if r < late[s]:
                    late[s] = r
            done = cnt
        if kind == GATE:  # as late as the latest start its tasks allow
            lo, hi = gate_span[v - n]
            lf = min(late[lo:hi]) if lo >= 0 else min(map(late.__getitem__, y))
            late[v] = lf
            for s, o in x:
                r = lf - o
                if r < late[s]:
                    late[s] = r
        elif kind == ROLLUP:
            # A summary's links bound every task under it: their finishes by its late finish,
            # and the starts of those that start with it by its late start.
            f, lo, hi, efs, efo = y
            lf = late[f]
            if lf >= BIG:
                pass
            elif lo >= 0:  # x holds tasks lo..hi-1 (a range would make an int object per task)
                for c in x:
                    r = lf - dur[c]
                    if r < late[c]:
                        late[c] = r
            else:
                for s, o in zip(efs, efo):
                    r = lf - o
                    if r < late[s]:
                        late[s] = r
            ms = late[v]
            if ms < BIG:
                es = t[v]
                for c in x:
                    if t[c] == es and ms < late[c]:
                        late[c] = ms
        elif kind == LEAF:
            if v in completed:
                late[v] = NOWHERE  # finished work holds back neither its predecessors nor its summary
            elif v in pinned:
                # MS Project pins a Must Start On / Must Finish On task's late dates to its
                # scheduled dates (checked against MPXJ's MicrosoftScheduler): its float is zero
                # whatever its successors need
                late[v] = t[v]
            elif v in own_late:  # counted back over its resources' leave
                f = fin[v]
                lf = late[f] if late[f] < cap[v] else cap[v]
                late[v], late[f] = own_late[v].late(lf, late[v], dur[v], late)
            elif v in exact:
                f = fin[v]
                span = t[f] - t[v]
                # its start is history: the bounds SS/SF links put on it (late[v]) bind nothing,
                # its float is its finish's (MS Project; checked against MPXJ)
                lf = min(cap[v], late[f])
                if v in started_late:  # a constraint on its late dates (see progress)
                    ct, c = started_late[v]
                    if ct is MFO:
                        lf = c
                    elif ct is MSO or c + span < lf:
                        lf = c + span
                late[f] = lf
                if special[v][0] == FIXED:
                    # Its actual start beat its links going forward (progress override), so they
                    # bind nothing going backward either: read through them, its late start, which
                    # counts the work already done, gave its predecessors negative float.
                    overridden[v] = lf - span
                    late[v] = NOWHERE
                else:
                    late[v] = lf - span
    for v, ls in overridden.items():
        late[v] = ls
    return late
