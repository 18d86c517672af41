"""The critical path method over the flat network: one forward pass in topological order (each
node pulls its predecessors' dates), one backward pass in reverse. Both are loops over ints with
no recursion, so a 100,000-task plan neither overflows the stack nor allocates an object per
task. Tasks that need more than "max over links" (progress, constraints, roll-ups) take a slower
branch; plain tasks never pay for it.

Boundaries, not days: a task of duration d starting on working day s has start boundary s and
finish boundary s + d; results convert to the inclusive days DESIGN speaks of.
"""

from __future__ import annotations

import gc
from datetime import date
from typing import Sequence

from .calendar import WorkCalendar
from .model import LinkSpec, TaskSpec
from .network import FF, FS, ROLLUP, SS, Network, add_edges, build
from .progress import CAP_FINISH, CAP_START, FIXED, MUST_FINISH, MUST_START, STARTED_LOGIC, Plan, plan
from .result import ScheduleResult

BIG = 1 << 60


def schedule(
    tasks: Sequence[TaskSpec],
    links: Sequence[LinkSpec],
    calendar: WorkCalendar,
    start: date,
    status_date: date | None = None,
) -> ScheduleResult:
    # The build makes a few hundred thousand small tuples and lists and none of them can form a
    # reference cycle; letting the cyclic collector walk the heap every 700 of them cost more than
    # the scheduling itself (measured: 2.4 s -> 0.3 s to build 100,000 tasks).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _schedule(tasks, links, calendar, start, status_date)
    finally:
        if enabled:
            gc.enable()


def _schedule(tasks, links, calendar, start, status_date):
    net = build(tasks, links)
    p0 = calendar.index_on_or_after(start)
    status_b = calendar.index_on_or_after(status_date) if status_date is not None else None
    pl = plan(net, calendar, p0, status_b)
    add_edges(net)
    t, broken = _forward(net, pl, status_b)
    n = net.n
    # the latest finish of any task; roll-ups never exceed their tasks and gates have no finish
    pf = max(t[1 : 2 * n : 2]) if n else p0
    late = _backward(net, pl, t, pf)
    return ScheduleResult(net, pl, calendar, p0, pf, status_date, status_b, t, late, broken)


def _forward(net: Network, pl: Plan, status_b: int | None):
    kind, dur, ins, children = net.kind, net.dur, net.ins, net.children
    special, hard, floor = pl.special, pl.hard, pl.floor
    t = [0] * (2 * net.size)  # t[2v] early start, t[2v+1] early finish (boundaries)
    get = t.__getitem__
    slow = set(special)
    slow.update(children)
    broken: list[tuple[int, int]] = []  # (node, start the logic asked for) where a constraint won
    gpar = net.gpar
    for v in net.order:
        es = floor[v]
        for s, o in ins[v]:
            r = t[s] + o
            if r > es:
                es = r
        g = gpar[v]
        if g >= 0:
            r = t[g + g]
            if r > es:
                es = r
        if v in slow:
            if kind[v] == ROLLUP:
                kids = children[v]
                t[2 * v] = min(map(get, [2 * c for c in kids]))
                t[2 * v + 1] = max(map(get, [2 * c + 1 for c in kids]))
                continue
            mode, a, b = special[v]
            if mode == FIXED:
                es, ef = a, b
            elif mode == STARTED_LOGIC:
                rs = es + a
                if status_b is not None and rs < status_b:
                    rs = status_b
                ef = rs + b
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
            t[2 * v] = es
            t[2 * v + 1] = ef
            continue
        v2 = v + v
        t[v2] = es
        t[v2 + 1] = es + dur[v]
    return t, broken


def _backward(net: Network, pl: Plan, t: list[int], pf: int) -> list[int]:
    """Late start of node v in late[2v], late finish in late[2v+1]. Successors push their bounds
    into these slots before v is reached (reverse topological order), through the same
    (slot, offset) pairs the forward pass read: late[2u+1] collects bounds on u's late finish,
    late[2u] bounds on its late start. For a summary the two slots end up holding the bounds its
    outgoing links put on its tasks, not its rolled-up dates (see ScheduleResult)."""
    kind, dur, ins, children, parent, gpar = net.kind, net.dur, net.ins, net.children, net.parent, net.gpar
    n = net.n
    late = [BIG] * (2 * net.size)
    cap = [pf] * n
    for v, fcap, scap in pl.caps:
        if fcap is not None and fcap < cap[v]:
            cap[v] = fcap
        if scap is not None and scap + dur[v] < cap[v]:
            cap[v] = scap + dur[v]
    completed = pl.completed
    # Started tasks are as long as progress made them, not their duration, so their FF/SF links
    # are pushed exactly, link by link.
    exact = set(pl.started)
    # MS Project pins a Must Start On / Must Finish On task's late dates to its scheduled dates
    # (checked against MPXJ's MicrosoftScheduler): its float is zero whatever its successors need
    pinned = {v for v, (mode, _, _) in pl.special.items() if mode == MUST_START or mode == MUST_FINISH}
    slow = set(completed) | exact | pinned
    slow.update(children)
    slow.update(range(n, net.size))  # gates
    pending: dict[int, int] = {}  # node -> late-start bound inherited from a summary
    for v in reversed(net.order):
        if v not in slow:
            d = dur[v]
            lf = cap[v]
            v2 = v + v
            b = late[v2 + 1]
            if b < lf:
                lf = b
            b = late[v2] + d
            if b < lf:
                lf = b
            p = parent[v]
            if p >= 0:
                b = late[p + p + 1]
                if b < lf:
                    lf = b
            ls = lf - d
            late[v2] = ls
            late[v2 + 1] = lf
            for s, o in ins[v]:
                r = ls - o
                if r < late[s]:
                    late[s] = r
            g = gpar[v]
            if g >= 0 and ls < late[g + g]:
                late[g + g] = ls
            continue
        if v >= n:  # a gate: as late as the latest start its tasks allow (they pushed it)
            lf = late[2 * v]
            late[2 * v + 1] = lf
            for s, o in ins[v]:
                r = lf - o
                if r < late[s]:
                    late[s] = r
            g = gpar[v]
            if g >= 0 and lf < late[2 * g]:
                late[2 * g] = lf
            continue
        p = parent[v]
        ms = pending.get(v, BIG)
        if kind[v] == ROLLUP:
            lf = late[2 * v + 1]
            if p >= 0 and late[2 * p + 1] < lf:
                lf = late[2 * p + 1]
            if late[2 * v] < ms:
                ms = late[2 * v]
            late[2 * v] = ms
            late[2 * v + 1] = lf
            if ms < BIG:
                es = t[2 * v]
                for c in children[v]:
                    if t[2 * c] == es:
                        pending[c] = min(pending.get(c, BIG), ms)
                        slow.add(c)
            continue
        if v in completed:
            continue  # finished work holds back neither its predecessors nor its summary
        span = t[2 * v + 1] - t[2 * v]
        lf = min(cap[v], late[2 * v + 1], late[2 * v] + span, ms + span)
        if p >= 0 and late[2 * p + 1] < lf:
            lf = late[2 * p + 1]
        if v in pinned:
            lf = t[2 * v + 1]
        ls = lf - span
        late[2 * v] = ls
        late[2 * v + 1] = lf
        if v in exact:
            for k in net.in_links(v):
                u, typ, lag = net.link_src[k], net.link_type[k], net.link_lag[k]
                r = (ls if typ == FS or typ == SS else lf) - lag
                s = 2 * u + (typ == FS or typ == FF)
                if r < late[s]:
                    late[s] = r
        else:
            for s, o in ins[v]:
                r = ls - o
                if r < late[s]:
                    late[s] = r
        g = gpar[v]
        if g >= 0 and ls < late[2 * g]:
            late[2 * g] = ls
    return late
