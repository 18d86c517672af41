"""Walking the driving links: critical paths, a task's driving path, and "why" in plain words;
and walking the late-driving links (result.late_driving_index): why a task has its float."""

from __future__ import annotations

from .model import CONSTRAINT_NAMES, ConstraintType as C, label
from .network import FF, FS, ROLLUP, SF, SS
from .own_time import leave_runs_text, span_words
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


def _leaf_under(r: ScheduleResult, s: int, match) -> int | None:
    """The task under summary ``s`` (through the summaries under it) for which ``match`` holds;
    lowest id on ties."""
    ids = r._net.ids
    return min(filter(match, r._net.leaves_under(s)), key=ids.__getitem__, default=None)


def _float_leaf(r: ScheduleResult, v: int) -> int | None:
    """The unfinished task under summary ``v`` whose float is the summary's."""
    r._finalize()
    completed, tf = r._pl.completed, r._tf
    return _leaf_under(r, v, lambda c: c not in completed and tf[c] == tf[v])


def _by(ts, start: bool) -> str:
    """'must finish by 2027-01-08' (a milestone: 'must be reached by')."""
    if ts.milestone:
        return f"must be reached by {ts.late_finish}"
    return f"must start by {ts.late_start}" if start else f"must finish by {ts.late_finish}"


def _off_text(r: ScheduleResult, v: int) -> str:
    """'Jonas Berg is on leave 9-10 Dec 2026': the days off of task ``v``'s people that its late
    dates were counted back over (from the finish its successors or caps ask for to its late
    start); '' for none."""
    ot = r._pl.own_late.get(v)
    if ot is None:
        return ""
    lo, hi = r._ls[v], r._lf[v]
    # to the finish its successors and caps ask for: days off just before it step it back
    asked = min(b for b, _, _, _ in r.late_bounds(v)[0])
    if lo >= hi - r._net.dur[v] and hi >= asked:
        return ""
    hi = max(hi, asked)
    cal = r.calendar
    who: dict[tuple[bool, str], list[str]] = {}  # people off the same days are named together
    for name, rt, rc in zip(ot.names, ot.times, ot.cals):
        off = [cal.date_of(i) for i in range(lo, hi) if not rc.is_working(cal.date_of(i))]
        if off:
            who.setdefault((all(d in rt.days_off for d in off), span_words(off[0], off[-1])), []).append(name)
    parts = []
    for (leave, span), names in who.items():
        one = len(names) == 1
        names_text = names[0] if one else f"{', '.join(names[:-1])} and {names[-1]}"
        what = ("is on leave" if one else "are on leave") if leave else ("does not work" if one else "do not work")
        parts.append(f"{names_text} {what} {span}")
    return "; ".join(parts)


def _cap_text(r: ScheduleResult, v: int, why: str, own: bool) -> tuple[str, str]:
    """(what the late dates of ``v`` end at, for the first line: "3.6 Go-live's deadline
    2027-01-29"; the step that says it, for the chain)."""
    net = r._net
    spec = net.tasks[v]
    ts = r.tasks[net.ids[v]]
    name = label(spec)
    whose = "its" if own else f"{name}'s"
    if why == "deadline":
        return f"{whose} deadline {spec.deadline}", f"{name} {_by(ts, False)}: its deadline is {spec.deadline}"
    if why in ("constraint", "pinned", "started"):
        ct = C(spec.constraint)
        what = f"{CONSTRAINT_NAMES[ct]} {spec.constraint_date}"
        if why == "pinned":
            return (f"{whose} constraint {what}",
                    f"{name} has no float: its constraint {what} holds its late dates on its dates")
        if why == "started":
            return (f"{whose} constraint {what}",
                    f"{name} {_by(ts, False)}: it is under way, and its constraint {what} fixes its late finish")
        on_start = ct in (C.SNLT, C.MSO)
        return f"{whose} constraint {what}", f"{name} {_by(ts, on_start)}: its constraint is {what}"
    return (f"the project finish {r.finish}",
            f"{name} {_by(ts, False)}, the project finish: no task's late finish is later")


def explain_float(r: ScheduleResult, task_id: int, brief: bool = False) -> list[str]:
    """Why a task has its total float, in plain words: the backward twin of ``explain``. The
    first line says what its late dates are set by (the project finish, a deadline, a
    constraint) and by when it must finish; the next ones walk the late-driving links from the
    task to that cap: "3.5 Docs must finish by 2026-12-17 because 3.6 Build complete (FS) must
    be reached by 2026-12-17". A finished task has no float and no chain. ``brief``: the first
    line alone, for the WBS detail after each edit: the chain is still walked to its cap, but
    only the task's own step is worded (a chain of 200 links took 9 ms at 10,000 tasks)."""
    net = r._net
    v = net.index[task_id]
    ts = r.tasks[task_id]
    lines: list[str] = []
    head = ""
    summary = net.kind[v] == ROLLUP
    if summary:
        leaf = _float_leaf(r, v)
        if leaf is None:
            return [f"{label(net.tasks[v])} is finished: all its tasks are done, and finished work has no float"]
        head = f"{label(net.tasks[v])} has {ts.total_float}d of float, that of its task {label(net.tasks[leaf])}"
        v = leaf
    first = v
    seen = set()
    cap = ""
    while v not in seen:
        seen.add(v)
        if brief and v != first:
            entries, why = r.late_driving_index(v)
            if why == "actual":
                break
            if why in ("pinned", "started") or not entries or entries[0][0] != "link":
                cap = _cap_text(r, v, why if why in ("pinned", "started") else (entries[0][0] if entries else ""),
                                False)[0]
                break
            b = net.link_dst[entries[0][1]]
            if net.kind[b] == ROLLUP:
                b = _late_leaf(r, b)
                if b is None:
                    break
            v = b
            continue
        spec = net.tasks[v]
        name = label(spec)
        vts = r.tasks[net.ids[v]]
        entries, why = r.late_driving_index(v)
        if why == "actual":  # only the task asked about: finished work binds no predecessor
            break
        leave = _off_text(r, v)
        if why in ("pinned", "started") or not entries or entries[0][0] != "link":
            # "its deadline" on the first line is the task's own (a summary's line says it of its
            # task, in a clause of that task's: "that of its task 5.5 Go-live, which ... its")
            cap, step = _cap_text(r, v, why if why in ("pinned", "started") else (entries[0][0] if entries else ""),
                                  v == first)
            if leave and v != first:
                step += f"; counted back over the time off ({leave}), it must start by {vts.late_start}"
            lines.append(step)
            break
        _, k, via = entries[0]
        t = net.link_type[k]
        b = net.link_dst[k]
        bts = r.tasks[net.ids[b]]
        link = link_text(net, k)
        asks = _by(bts, t in (FS, SS))
        if via >= 0:
            because = f"its summary {label(net.tasks[via])} is linked to {label(net.tasks[b])} ({link}), which {asks}"
        else:
            because = f"{label(net.tasks[b])} ({link}) {asks}"
        step = f"{name} {_by(vts, t in (SS, SF))} because {because}"
        if leave and v != first:  # the first line says it of the task asked about
            step += f"; counted back over the time off ({leave}), it must start by {vts.late_start}"
        lines.append(step)
        if net.kind[b] == ROLLUP:
            c = _late_leaf(r, b)
            if c is None:
                break
            lines.append(f"{label(net.tasks[b])} must start by {bts.late_start} with its task {label(net.tasks[c])}")
            b = c
        v = b
    fts = r.tasks[net.ids[first]]
    name = label(net.tasks[first])
    if fts.completed:
        return [f"{name} is finished, and finished work has no float"]
    if not head:
        head = f"{name} has {ts.total_float}d of float"
    if cap:
        start_side = bool(lines) and lines[0].startswith(f"{name} must start by")
        by = _by(fts, start_side)
        # A summary's float is its task's, and so are the dates that follow: "it must finish by"
        # after "that of its task 3.3.1 X" read as the summary's, and a cap of the task's own
        # named it twice ("that of its task 5.5 Go-live: to meet 5.5 Go-live's constraint").
        # A clause of the task's says both once.
        head += f", which {by} to meet {cap}" if summary else f": to meet {cap}, it {by}"
        leave = _off_text(r, first)
        if leave and not start_side:
            # its float is the less of the two sides: leave it was counted back over can make
            # the start's the less
            head += f", so must start by {fts.late_start} ({leave})," if summary else \
                f", so start by {fts.late_start} ({leave})"
            start_side = r._ls[first] - r._es[first] < r._lf[first] - r._ef[first]
        dated = ("is dated", fts.finish) if fts.milestone else ("starts", fts.start) if start_side \
            else ("finishes", fts.finish)
        head += f" and {dated[0]} {dated[1]}" if summary else f"; it {dated[0]} {dated[1]}"
    return [head] if brief else [head, *lines]


def _late_leaf(r: ScheduleResult, s: int) -> int | None:
    """The task under summary ``s`` whose late start is the summary's gate's (the earliest late
    start of the work under it, as the links into it read it)."""
    want = r._late_read(s, False)
    return _leaf_under(r, s, lambda c: r._late_read(c, False) == want)
