"""Walking the driving links: critical paths, a task's driving path, and "why" in plain words."""

from __future__ import annotations

from .model import CONSTRAINT_NAMES, ConstraintType as C, label
from .network import FF, FS, ROLLUP, SS
from .own_time import leave_runs_text
from .result import ScheduleResult, link_text


def _leaf_behind(r: ScheduleResult, v: int, finish: bool) -> int:
    """The task under summary ``v`` that fixes its finish (or start); lowest id on ties."""
    net = r._net
    while net.kind[v] == ROLLUP:
        key = r._ef[v] if finish else r._es[v]
        cands = [c for c in net.children[v] if (r._ef[c] if finish else r._es[c]) == key]
        v = min(cands, key=lambda c: net.ids[c])
    return v


def _driving_nodes(r: ScheduleResult, v: int) -> list[int]:
    """Leaf nodes whose links fix the early start of leaf ``v``, summaries resolved."""
    net = r._net
    links, _ = r.driving_index(v)
    out = []
    for k in links:
        a = net.link_src[k]
        if net.kind[a] == ROLLUP:
            a = _leaf_behind(r, a, net.link_type[k] in (FS, FF))
        if a not in out:
            out.append(a)
    out.sort(key=lambda x: net.ids[x])
    return out


def driving_path(r: ScheduleResult, task_id: int) -> list[int]:
    net = r._net
    v = net.index[task_id]
    if net.kind[v] == ROLLUP:
        v = _leaf_behind(r, v, False)
    chain = [v]
    while True:
        preds = _driving_nodes(r, v)
        if not preds:
            break
        v = preds[0]
        chain.append(v)
    chain.reverse()
    ids = [net.ids[x] for x in chain]
    if ids[-1] != task_id:
        ids.append(task_id)
    return ids


def critical_paths(r: ScheduleResult, limit: int = 1000) -> list[list[int]]:
    """Every chain of critical tasks joined by driving links that ends at the project finish,
    listed from its first task; at most ``limit`` chains (networks can hold exponentially many)."""
    net = r._net
    r._finalize()
    crit = [v for v in range(net.n) if net.kind[v] != ROLLUP and r.critical_index(v)]
    memo: dict[int, list[int]] = {}

    def preds(v):
        if v not in memo:
            memo[v] = [p for p in _driving_nodes(r, v) if r.critical_index(p)]
        return memo[v]

    ends = [v for v in crit if r._ef[v] == r._pf]
    # a task finishing at the project finish that drives another such task (a milestone after
    # it, say) is inside a longer chain, not the end of one
    inner = {p for v in ends for p in preds(v)}
    ends = sorted((v for v in ends if v not in inner), key=lambda v: net.ids[v])
    paths: list[list[int]] = []

    for end in ends:
        stack = [(end, [end])]
        while stack and len(paths) < limit:
            v, path = stack.pop()
            ps = preds(v)
            if not ps:
                paths.append([net.ids[x] for x in reversed(path)])
                continue
            for p in reversed(ps):
                stack.append((p, path + [p]))
    paths.sort()
    return paths


def _lagged(r: ScheduleResult, k: int) -> str:
    return link_text(r._net, k)


def explain(r: ScheduleResult, task_id: int) -> list[str]:
    net = r._net
    v = net.index[task_id]
    lines: list[str] = []
    seen = set()
    finish_side = False
    while v not in seen:
        seen.add(v)
        ts = r.tasks[net.ids[v]]
        name = label(net.tasks[v])
        if net.kind[v] == ROLLUP:
            c = _leaf_behind(r, v, finish_side)
            if finish_side:
                lines.append(f"{name} finishes {ts.early_finish} with its last task {label(net.tasks[c])}")
            else:
                lines.append(f"{name} starts {ts.early_start} with its first task {label(net.tasks[c])}")
            v = c
            continue
        links, why = r.driving_index(v)
        spec = net.tasks[v]
        # a milestone has no start and finish of its own but one date: "Go-live starts" read as
        # work beginning that day
        starts, finishes = ("is dated", "is dated") if ts.milestone else ("starts", "finishes")
        if why == "link":
            k = links[0]
            a = net.link_src[k]
            t = net.link_type[k]
            pts = r.tasks[net.ids[a]]
            pred_when = f"finishes {pts.early_finish}" if t in (FS, FF) else f"starts {pts.early_start}"
            via = ""
            if net.link_dst[k] != v:
                via = f", linked to its summary {label(net.tasks[net.link_dst[k]])}"
            if t in (FS, SS):
                head = f"{name} {starts} {ts.early_start}"
            else:
                head = f"{name} {finishes} {ts.early_finish}"
            others = len(links) - 1
            tie = (f" (and {others} other link{' asks' if others == 1 else 's ask'} the same)" if others else "")
            lines.append(f"{head} because {label(net.tasks[a])} ({_lagged(r, k)}{via}) {pred_when}{tie}")
            v = a
            finish_side = t in (FS, FF)
            continue
        if why == "leave":
            # what moved it, then why it was asked to start where it was
            asked, links = r.leave_delay(v)
            when = r.calendar.date_of(asked)
            lines.append(f"{name} starts {ts.early_start}, not {when}: "
                         f"{leave_runs_text(r.calendar, r._pl.own[v], asked)}")
            if links:
                k = links[0]
                a = net.link_src[k]
                t = net.link_type[k]
                pts = r.tasks[net.ids[a]]
                pred_when = f"finishes {pts.early_finish}" if t in (FS, FF) else f"starts {pts.early_start}"
                lines.append(f"it would start {when} because {label(net.tasks[a])} ({_lagged(r, k)}) {pred_when}")
                v = a
                finish_side = t in (FS, FF)
                continue
            break
        if why == "actual":
            if spec.actual_finish is not None or v in r._pl.completed:
                lines.append(f"{name} is finished: it ran {ts.start} to {ts.finish} (actual dates)")
            else:
                held = ""
                floor = r._pl.finish_floor.get(v)
                if floor is not None and r._ef[v] == floor:
                    held = f", held there by its Finish No Earlier Than {spec.constraint_date}"
                lines.append(f"{name} started {ts.start} (actual start); its remaining work runs to {ts.finish}{held}")
        elif why == "constraint":
            ct = C(spec.constraint)
            if ct is C.ALAP:
                lines.append(f"{name} {starts} {ts.start}: it is As Late As Possible, so it sits on its late dates")
            elif ct in (C.SNET, C.SNLT, C.FNET, C.FNLT, C.MSO, C.MFO):
                on_start = ct in (C.SNET, C.SNLT, C.MSO)
                verb = starts if on_start else finishes
                when = ts.early_start if on_start else ts.early_finish
                if ct in (C.MSO, C.MFO) and when > spec.constraint_date and ts.early_start <= r.start:
                    # held at the project start, later than the date asked: the constraint is
                    # why it was asked for, not why it is where it is
                    lines.append(f"{name} {verb} {when}, not on {spec.constraint_date} as its constraint "
                                 f"{CONSTRAINT_NAMES[ct]} asks: it cannot start before the project start {r.start}")
                else:
                    lines.append(f"{name} {verb} {when} because of its constraint "
                                 f"{CONSTRAINT_NAMES[ct]} {spec.constraint_date}")
            else:
                x = net.parent[v]
                while x >= 0 and net.tasks[x].constraint != C.SNET:
                    x = net.parent[x]
                owner = net.tasks[x] if x >= 0 else spec
                lines.append(f"{name} {starts} {ts.early_start} because {label(owner)} has the constraint "
                             f"Start No Earlier Than {owner.constraint_date}")
        elif why == "status_date":
            lines.append(f"{name} {starts} {ts.early_start}: work not yet done is scheduled from the "
                         f"status date ({r.status_date}) on")
        else:
            lines.append(f"{name} {starts} {ts.early_start}, the project start")
        break
    return lines
