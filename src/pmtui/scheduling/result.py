"""The scheduler's answer. Building 100,000 TaskSchedule objects (and 400,000 dates) would cost
more than scheduling itself, so ``ScheduleResult.tasks`` builds each one the first time it is
asked for; the flat arrays of the passes are kept and read from."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from itertools import chain, compress, islice, repeat
from operator import add, lt, sub
from types import MappingProxyType

from .model import CONSTRAINT_NAMES, ConstraintType as C, TaskSchedule, Violation, label
from .network import FF, FS, LEAF, ROLLUP, SF, SS, TYPE_NAMES, Network
from .progress import FIXED, MUST_FINISH, MUST_START, Plan

BIG = 1 << 60


class TaskMap(Mapping):
    """Read-only mapping task id -> TaskSchedule, built lazily and cached."""

    def __init__(self, result: "ScheduleResult"):
        self._r = result
        self._cache = result._cache

    def __getitem__(self, task_id: int) -> TaskSchedule:
        ts = self._cache.get(task_id)
        if ts is None:
            v = self._r._net.index[task_id]  # KeyError for an unknown id, as a dict would
            ts = self._cache[task_id] = self._r._make(v)
        return ts

    def __iter__(self) -> Iterator[int]:
        net = self._r._net
        return iter(net.given_ids or net.ids)  # the caller's order, also where build renumbered

    def __len__(self) -> int:
        return self._r._net.n

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._r._net.index


class ScheduleResult:
    def __init__(self, net: Network, pl: Plan, calendar, p0: int, pf: int, status_date,
                 status_b, es, ef, late, broken):
        self._net, self._pl = net, pl
        # Early dates per task (boundaries). ``late`` is the backward pass's slot list: an
        # unfinished task's late start is late[v], its late finish late[v] + duration, or for a
        # started task its own slot (see _late_finish); left so until a result is asked for.
        self._es, self._ef, self._late = es, ef, late
        self._p0, self._pf, self._status_b = p0, pf, status_b
        self._final = False
        self._incoming: dict[int, list[int]] | None = None
        self._caps_of: dict[int, list[tuple[int | None, int | None]]] | None = None
        # late_driving_index per node and the late start each summary's links read, as asked:
        # the chains of neighbouring tasks share their ends (the detail asks at every cursor move)
        self._late_driving: dict[int, tuple[list[tuple[str, int, int]], str]] = {}
        self._summary_late: dict[int, int | None] = {}
        self._ff: dict[int, int] = {}
        self._done_nodes: set[int] | None = None
        self.calendar = calendar
        self.start: date = calendar.date_of(p0)
        self.finish_index: int = pf - 1 if pf > p0 else pf
        self.finish: date = calendar.date_of(self.finish_index)
        self._recorded: dict[int, tuple[date, date]] | None = None
        self._held: dict[int, int] | None = None
        latest = max(self._recorded_under().values(), default=None, key=lambda span: span[1])
        if latest is not None and latest[1] > self.finish:  # the last work done on a Saturday
            self.finish = latest[1]
        if pf > p0 and (pf == status_b or pf in pl.constraint_start.values()):
            # the plan ends with a milestone dated at the start of its day (_at_day_start)
            held = self._held_under().get(-1)
            if held is not None and held > self.finish_index:
                self.finish_index = held
                self.finish = max(self.finish, calendar.date_of(held))
        self.status_date = status_date
        self._cache: dict[int, TaskSchedule] = {}
        self._dates: Mapping[int, TaskSchedule] | None = None
        self._spans: dict[int, tuple[int, int, bool]] | None = None
        self._broken = {v for v, _ in broken}
        self.violations: list[Violation] = self._violations(broken)
        self._violation_index: dict[int, tuple[str, ...]] | None = None

    @property
    def tasks(self) -> Mapping[int, TaskSchedule]:
        """Task id -> TaskSchedule, each built on first access. A property rather than a stored
        mapping so that the result holds no reference cycle and is freed as soon as dropped
        (the passes run with the cyclic collector paused)."""
        return TaskMap(self)

    @property
    def dates(self) -> Mapping[int, TaskSchedule]:
        """Like ``tasks`` without the driving predecessors (``driving`` is empty and
        ``driven_by`` says "not computed"; an export of 10,000 tasks spent a fifth of its time on
        them): for writers of files and reports that show dates, floats and the critical flag.
        They read every task, so all are built at the first read, in one sweep."""
        if self._dates is None:
            self._dates = MappingProxyType(self._all_dates())
        return self._dates

    # -- conversions -------------------------------------------------------------------------

    def _day(self, start_b: int, finish_b: int) -> tuple[int, int]:
        """Inclusive (first day, last day) of the span [start_b, finish_b) in boundaries."""
        if finish_b > start_b:
            return start_b, finish_b - 1
        d = start_b - 1 if start_b > self._p0 else start_b  # DESIGN's milestone rule
        return d, d

    def _finalize(self) -> None:
        """Late dates and total float for every node; summaries roll up their children's.

        An ordinary task's figures are whole-list operations (late start from the backward
        pass, late finish that plus its duration, float the difference from its early start);
        only the tasks progress, ALAP or a finish slot set apart, and the summaries, take a
        step of their own (a loop over every task spent 8 of the 40 ms a progress edit took in
        its worker at 10,000 tasks)."""
        if self._final:
            return
        net, es, ef, late = self._net, self._es, self._ef, self._late
        started, fin, dur, kind = self._pl.started, net.fin, net.dur, net.kind
        n = net.n
        completed = self._pl.completed
        alap = self._pl.alap
        own = self._pl.own
        ls = late[:n]
        lf = list(map(add, ls, islice(dur, n)))
        # ef = es + duration for these tasks, so both floats are the same difference
        tf = list(map(sub, ls, es))
        # Scheduled dates: the early dates, but an ALAP task sits on its late dates, and a
        # summary spans what its tasks are scheduled on (MS Project; checked against MPXJ).
        sched_s = list(es)
        sched_f = list(ef)
        for v in completed | started | alap | fin.keys():
            if v >= n or kind[v] != LEAF:
                continue
            if v in completed:
                ls[v], lf[v], tf[v] = es[v], ef[v], 0
                continue
            if v in started or v in own:  # its late finish has a slot of its own
                lf[v] = late[fin[v]]
            if v in alap:
                sched_s[v], sched_f[v] = ls[v], lf[v]
            # float is measured from the scheduled dates: an ALAP task has none
            tf[v] = min(ls[v] - sched_s[v], lf[v] - sched_f[v])
        open_child = [False] * n  # a summary with at least one unfinished task under it
        # unfinished[v]: a task not completed, a summary with an unfinished task under it
        unfinished = [True] * n
        for v in completed:
            unfinished[v] = False
        children = net.children
        flat, spans, rest = net.summary_order()
        if flat:
            # The summaries of leaves only, first (they hold no summary): one C-level map per
            # figure, not a Python step per summary (that loop was 3.5 of the 5 ms this method
            # took at 10,000 tasks). Float and "open" count unfinished tasks only.
            for figures, pick in ((ls, min), (lf, max), (sched_s, min), (sched_f, max)):
                any(map(figures.__setitem__, flat, map(pick, map(figures.__getitem__, spans))))
            if completed:
                tfu = tf[:]
                for v in completed:
                    tfu[v] = BIG
                floats = [0 if t == BIG else t for t in map(min, map(tfu.__getitem__, spans))]
                opened = list(map(any, map(unfinished.__getitem__, spans)))
                any(map(unfinished.__setitem__, flat, opened))
            else:
                floats = list(map(min, map(tf.__getitem__, spans)))
                opened = repeat(True)
            any(map(tf.__setitem__, flat, floats))
            any(map(open_child.__setitem__, flat, opened))
        for s in rest:
            kids = children[s]
            lo, hi = kids[0], kids[-1] + 1
            if hi - lo == len(kids):  # tasks lo..hi-1: slices
                ls[s] = min(ls[lo:hi])
                lf[s] = max(lf[lo:hi])
                sched_s[s] = min(sched_s[lo:hi])
                sched_f[s] = max(sched_f[lo:hi])
                tfs, unf = tf[lo:hi], unfinished[lo:hi]
            else:
                ls[s] = min(map(ls.__getitem__, kids))
                lf[s] = max(map(lf.__getitem__, kids))
                sched_s[s] = min(map(sched_s.__getitem__, kids))
                sched_f[s] = max(map(sched_f.__getitem__, kids))
                tfs, unf = map(tf.__getitem__, kids), map(unfinished.__getitem__, kids)
            t = min(compress(tfs, unf), default=BIG)
            tf[s] = 0 if t == BIG else t
            open_child[s] = unfinished[s] = t != BIG or any(map(unfinished.__getitem__, kids))
        self._ls, self._lf, self._tf, self._open = ls, lf, tf, open_child
        self._sched_s, self._sched_f = sched_s, sched_f
        self._final = True

    def _late_finish(self, v: int) -> int:
        if v in self._pl.started or v in self._pl.own:
            return self._late[self._net.fin[v]]
        return self._late[v] + self._net.dur[v]

    def _bottom_up(self) -> Sequence[int]:
        net = self._net
        if not net.children:
            return range(net.n)
        if all(map(lt, net.parent, range(net.n))):
            return range(net.n - 1, -1, -1)  # every parent before its tasks (outline order)
        depth = [0] * net.n
        for v in range(net.n):
            d, p = 0, net.parent[v]
            while p >= 0:
                d += 1
                p = net.parent[p]
            depth[v] = d
        return sorted(range(net.n), key=lambda v: -depth[v]) if net.children else list(range(net.n))

    def critical_index(self, v: int) -> bool:
        self._finalize()
        if self._net.kind[v] == ROLLUP:
            return self._open[v] and self._tf[v] <= 0
        return v not in self._pl.completed and self._tf[v] <= 0

    # -- free float --------------------------------------------------------------------------

    def free_float_index(self, v: int) -> int:
        self._finalize()
        if v in self._ff:
            return self._ff[v]
        net, es, ef = self._net, self._es, self._ef
        if net.kind[v] == ROLLUP:
            completed = self._pl.completed
            val = min((self.free_float_index(c) for c in net.leaves_under(v) if c not in completed), default=0)
        elif v in self._pl.completed:
            val = 0
        elif v in self._pl.alap:
            val = 0  # it already sits as late as it can
        else:
            # MS Project's free slack, checked against MPXJ's MicrosoftScheduler: the room before
            # the first of the task's own links binds (links of its summaries do not count); with
            # no successor, the room before its late finish; never negative, and not capped by
            # total slack (a constraint or deadline can make that negative while the successors
            # still leave room).
            val = BIG
            types, lags, dst, node, dur = net.link_type, net.link_lag, net.link_dst, net.link_node, net.dur
            n, sched_s, done = net.n, self._sched_s, self._finished_nodes()
            for k in net.out_links(v):
                if node[k] in done:
                    continue
                typ = types[k]
                req = (ef[v] if typ == FS or typ == FF else es[v]) + lags[k]
                w = node[k]
                if typ == FF or typ == SF:
                    if w in self._pl.own_late:  # it binds the finish (own_time)
                        room = ef[w] - req
                        if room < val:
                            val = room
                        continue
                    req -= dur[dst[k]]
                room = sched_s[w if w < n else net.gate_task[w - n]] - req  # a gate: its summary
                if room < val:
                    val = room
            if val == BIG:
                val = self._lf[v] - ef[v]
            val = max(0, val)
        self._ff[v] = val
        return val

    def _finished_nodes(self) -> set[int]:
        """The link targets whose work is all done: finished tasks, and the gates of summaries
        with nothing left under them. MS Project's free slack ignores links into them (MPXJ's
        MicrosoftScheduler says so in its free-slack code): finished work waits for nothing."""
        if self._done_nodes is None:
            net, open_child = self._net, self._open
            done = set(self._pl.completed)
            done.update(g for g, s in enumerate(net.gate_task, net.n) if not open_child[s])
            self._done_nodes = done
        return self._done_nodes

    def precompute(self) -> None:
        """Compute now what the first read of a task computes for all of them: late dates and
        floats, the links out of each task (free float) and into each (driving predecessors);
        the two link indexes took 25 ms of the first draw after an edit at 10,000 tasks. A
        worker calls this so that the screen's draw does not."""
        self._finalize()
        self._net.out_links(0)
        self._incoming_links()

    def share_indexes(self, earlier: ScheduleResult) -> None:
        """Reuse ``earlier``'s link indexes and summary order if it was scheduled from the same
        tasks, outline and links (see Network.share_indexes); otherwise this result builds its
        own when read."""
        if self._net.share_indexes(earlier._net) and self._incoming is None:
            self._incoming = earlier._incoming

    # -- driving predecessors ----------------------------------------------------------------

    def _incoming_links(self) -> dict[int, list[int]]:
        if self._incoming is None:
            inc: dict[int, list[int]] = {}
            for k, b in enumerate(self._net.link_dst):
                inc.setdefault(b, []).append(k)
            self._incoming = inc
        return self._incoming

    def driving_index(self, v: int) -> tuple[list[int], str]:
        """(driving link indexes, driven_by) for node ``v``."""
        net, pl = self._net, self._pl
        if net.kind[v] == ROLLUP:
            return [], "children"
        spec = net.tasks[v]
        if v in pl.special and pl.special[v][0] == FIXED:
            return [], "actual"
        if v in pl.alap:
            return [], "constraint"
        es = self._es[v]
        reqs = self._requests(v)
        logic = max(reqs)[0] if reqs else None
        if v in pl.special and (C(spec.constraint) in (C.MSO, C.MFO) or v in self._broken):
            return [], "constraint"
        if logic is not None and logic == es:
            return self._asking(reqs, es), "link"
        cons = [pl.constraint_start.get(v)]
        x = net.parent[v]
        while x >= 0:
            t = net.tasks[x]
            if t.constraint == C.SNET and t.constraint_date is not None:
                cons.append(self.calendar.index_on_or_after(t.constraint_date))
            x = net.parent[x]
        if any(c is not None and c == es for c in cons):
            return [], "constraint"
        if v in pl.own_late and es > self.asked_start(v, logic):
            return [], "leave"
        if self._status_b is not None and es == self._status_b and es > self._p0:
            return [], "status_date"
        return [], "project_start"

    def finish_bound(self, task_id: int) -> bool:
        """Whether an FF or SF link fixes the task's finish, its start being counted back from it
        (explain then says why it finishes when it does, not why it starts)."""
        v = self._net.index[task_id]
        links, why = self.driving_index(v)
        return why == "link" and self._net.link_type[links[0]] in (FF, SF)

    def _asking(self, reqs: list[tuple[int, int]], b: int) -> list[int]:
        """The links of ``reqs`` that ask for start boundary ``b``, by their sources' ids."""
        links = [k for r, k in reqs if r == b]
        if len(links) > 1:
            ids, src = self._net.ids, self._net.link_src
            links.sort(key=lambda k: ids[src[k]])
        return links

    def leave_delay(self, v: int) -> tuple[int, list[int]]:
        """(the start a task moved by leave asked for, the links that asked for it)."""
        reqs = self._requests(v)
        asked = self.asked_start(v, max(reqs)[0] if reqs else None)
        return asked, self._asking(reqs, asked)

    def _requests(self, v: int) -> list[tuple[int, int]]:
        """(start boundary asked, link) of every link into task ``v`` or its summaries."""
        net = self._net
        inc = self._incoming_links()
        reqs: list[tuple[int, int]] = []
        # the start each link asks for, inline: this runs for every task a view shows
        src, types, lags, ef_, es_ = net.link_src, net.link_type, net.link_lag, self._ef, self._es
        d = net.dur[v]
        own = self._pl.own_late
        ot = own.get(v)  # its FF/SF links ask for a finish, counted back over its time
        x = v
        while x >= 0:
            for k in inc.get(x, ()):
                a, t = src[k], types[k]
                if t == FS:
                    reqs.append((ef_[a] + lags[k], k))
                elif t == SS:
                    reqs.append((es_[a] + lags[k], k))
                elif ot is not None:
                    if ef_[v] == (ef_[a] if t == FF else es_[a]) + lags[k]:
                        # it finishes where the link says: the link decides, and leave before
                        # its start only lengthened its span (`why 3.5` named the leave)
                        reqs.append((es_[v], k))
                    else:  # where MS Project starts it (own_time), which leave may put off
                        reqs.append((ot.start_for(ef_[a] if t == FF else es_[a], d, lags[k],
                                                  own.get(a) if t == FF else None), k))
                elif t == FF:
                    reqs.append((ef_[a] + lags[k] - d, k))
                else:
                    reqs.append((es_[a] + lags[k] - d, k))
            x = net.parent[x]
        return reqs

    def asked_start(self, v: int, logic: int | None) -> int:
        """The start task ``v`` would have had on the project calendar: what its links, its
        Start No Earlier Than, the status date and the project start ask for (before leave)."""
        floor = self._pl.floor[v]
        return floor if logic is None or logic < floor else logic

    @property
    def own_time(self) -> frozenset[int]:
        """Ids of the tasks scheduled on their resources' working time (around their leave)."""
        ids = self._net.ids
        return frozenset(ids[v] for v in self._pl.own)

    @property
    def held(self) -> frozenset[int]:
        """Ids of the tasks with resources on leave that a constraint keeps on the project
        calendar (they may book a day of leave; see own_time)."""
        ids = self._net.ids
        return frozenset(ids[v] for v in self._pl.own_held)

    def assignment_days(self, task_id: int) -> dict[str, tuple[int, int]]:
        """Resource name -> (first, last) day index each resource works on a task scheduled on
        their time: the same rule as the forward pass, one resource at a time."""
        v = self._net.index[task_id]
        ot = self._pl.own.get(v)
        if ot is None:
            return {}
        out = {}
        es, ef, d = self._es[v], self._ef[v], self._net.dur[v]
        for k, name in enumerate(ot.names):
            if v in self._pl.own_late:
                out[name] = ot.days_of(k, es, d)
            else:  # started: its work so far is history, what is left runs to the task's finish
                out[name] = (es, ef - 1)
        return out

    # -- late-driving: the backward twin of the driving links --------------------------------

    def _late_read(self, w: int, finish: bool) -> int | None:
        """Node ``w``'s late start (``finish``: late finish) boundary as the backward pass gave it
        to the links into it; None where they bind nothing: finished work, and a task started
        on an actual date (cpm._backward holds both at NOWHERE). A summary's gate: the earliest
        late start of the work under it."""
        net, pl = self._net, self._pl
        self._finalize()
        n = net.n
        if w >= n or net.kind[w] == ROLLUP:
            s = w if w < n else net.gate_task[w - n]
            if s not in self._summary_late:
                found = [x for x in map(self._late_read, net.children[s], repeat(False)) if x is not None]
                self._summary_late[s] = min(found) if found else None
            return self._summary_late[s]
        if w in pl.completed or (w in pl.started and pl.special[w][0] == FIXED):
            return None
        return self._lf[w] if finish else self._ls[w]

    def late_bounds(self, v: int) -> tuple[list[tuple[int, str, int, int]], list[tuple[int, str, int, int]]]:
        """(bounds on the late finish, bounds on the late start) of task ``v``, each (boundary,
        what, link or -1, the summary the link leaves or -1): what asks it to end or begin by
        then. ``what``: "link", "deadline", "constraint" or "project_finish". Worked out from
        the results, by the backward pass's rules (cpm._backward): the project finish caps every
        late finish; deadlines and constraints cap their task's; link k from s to d bounds s by
        d's late date less what the link pushes; a summary's links bound every task under it
        (its start links the tasks that start with it)."""
        net, pl = self._net, self._pl
        self._finalize()
        fin: list[tuple[int, str, int, int]] = [(self._pf, "project_finish", -1, -1)]
        start: list[tuple[int, str, int, int]] = []
        d = net.dur[v]
        deadline = pl.deadline_b.get(v)
        if self._caps_of is None:  # a walk down a chain reads the caps of every task on it
            caps: dict[int, list[tuple[int | None, int | None]]] = {}
            for x, fcap, scap in pl.caps:
                caps.setdefault(x, []).append((fcap, scap))
            self._caps_of = caps
        for fcap, scap in self._caps_of.get(v, ()):
            if scap is not None:
                fin.append((scap + d, "constraint", -1, -1))
            elif fcap == deadline:
                fin.append((fcap, "deadline", -1, -1))
                deadline = None  # a Finish No Later Than on the same day is the constraint's
            else:
                fin.append((fcap, "constraint", -1, -1))
        types, lags, node = net.link_type, net.link_lag, net.link_node
        x = v
        while x >= 0:
            via = -1 if x == v else x
            # a summary's start links bind only the tasks that start with it
            starts_with = x == v or self._es[x] == self._es[v]
            for k in net.out_links(x):
                t = types[k]
                if (t == SS or t == SF) and not starts_with:
                    continue
                b = self._late_read(node[k], t == FF or t == SF)
                if b is not None:
                    (fin if t == FS or t == FF else start).append((b - lags[k], "link", k, via))
            x = net.parent[x]
        return fin, start

    def late_driving_index(self, v: int) -> tuple[list[tuple[str, int, int]], str]:
        """See _late_driving_of; built once per node (callers must not change it)."""
        found = self._late_driving.get(v)
        if found is None:
            found = self._late_driving[v] = self._late_driving_of(v)
        return found

    def _late_driving_of(self, v: int) -> tuple[list[tuple[str, int, int]], str]:
        """(what sets the late dates of node ``v``, why): the backward twin of driving_index.
        Each entry is (what, link or -1, the summary the link leaves or -1), as late_bounds
        words it; why: "children" (a summary), "actual" (finished: no float), "pinned" (a Must
        Start On / Must Finish On holds its late dates on its dates), "started" (a Must
        Start/Finish On of a task under way fixes its late finish), "leave" (its people's time
        off, counted back, moves its late finish before the bounds), else the first entry's
        what. Caps on the task itself come first, then links, then the project finish."""
        net, pl = self._net, self._pl
        if net.kind[v] == ROLLUP:
            return [], "children"
        if v in pl.completed:
            return [], "actual"
        sp = pl.special.get(v)
        if sp is not None and sp[0] in (MUST_START, MUST_FINISH):
            return [], "pinned"
        fin, start = self.late_bounds(v)
        lf = self._lf[v]
        d = net.dur[v]
        why = ""
        if v in pl.own_late:
            ot = pl.own_late[v]
            lf_in = min(b for b, _, _, _ in fin)
            cands = [e for e in fin if e[0] == lf_in]
            back_f = ot.back(lf_in, d)[1]
            # compared in days by the pass (a Friday finish before a worked Saturday's)
            if start and (lf < back_f or ot.late_by_start):
                sb = min(b for b, _, _, _ in start)
                cands = [e for e in start if e[0] == sb]
            elif back_f < lf_in:
                why = "leave"
        elif v in pl.started or v in pl.own:
            late = pl.started_late.get(v)
            if late is not None and late[0] in (C.MSO, C.MFO):
                return [], "started"
            if late is not None:  # a Start No Later Than: its late start, plus the span
                fin.append((late[1] + self._ef[v] - self._es[v], "constraint", -1, -1))
            cands = [e for e in fin if e[0] == lf]
        else:
            cands = [e for e in fin if e[0] == lf] + [e for e in start if e[0] + d == lf]
        order = {"deadline": 0, "constraint": 1, "link": 2, "project_finish": 3}
        ids, dst = net.ids, net.link_dst
        cands.sort(key=lambda e: (order[e[1]], ids[dst[e[2]]] if e[2] >= 0 else 0, e[2]))
        out = [(w, k, via) for _, w, k, via in dict.fromkeys(cands)]
        return out, why or (out[0][0] if out else "unknown")

    def late_driving(self, task_id: int) -> tuple[tuple[int, ...], str]:
        """(ids of the tasks whose links set the late dates of ``task_id``, what sets them: "link",
        "deadline", "constraint", "project_finish", or late_driving_index's other words): the
        twin of TaskSchedule.driving and driven_by. Not a TaskSchedule field, which every view
        builds for every task."""
        net = self._net
        entries, why = self.late_driving_index(net.index[task_id])
        ids, dst = net.ids, net.link_dst
        return tuple(dict.fromkeys(ids[dst[k]] for _, k, _ in entries if k >= 0)), why

    # -- TaskSchedule ------------------------------------------------------------------------

    def _days(self, v: int, summary: bool) -> tuple[int, int, int, int]:
        """Day indexes (early start, early finish, late start, late finish) of task ``v``."""
        es_b, ef_b = (self._sched_s[v], self._sched_f[v]) if summary else (self._es[v], self._ef[v])
        es, ef = self._day(es_b, ef_b)
        ls, lf = self._day(self._ls[v], self._lf[v])
        if summary:
            held = self._held_under().get(v)
            if held is not None and held >= ef:
                # dated with its last milestone (zero width: all of it at that instant)
                ef = held
                es = held if es_b == ef_b else es
        elif self._net.dur[v] == 0:
            if self._at_day_start(v, es_b):
                es = ef = es_b
            if self._at_day_start(v, self._ls[v]):
                ls = lf = self._ls[v]
        return es, ef, ls, lf

    def _at_day_start(self, v: int, b: int) -> bool:
        """Whether milestone ``v`` at boundary ``b`` sits at the start of day ``b`` rather than
        at the end of the day before (DESIGN): where something holds it there that begins with
        the day, and MS Project then dates it that day. A start constraint (Must Start On 18 Jan
        shows 18 Jan). The status date, for a milestone not reached: the status date is the
        first day of unfinished work (exported as <StatusDate> at 08:00, and MS Project's
        "reschedule uncompleted work to start after" is a Start No Earlier Than at that
        instant, dated that day: checked against MPXJ's MicrosoftScheduler); dated the day
        before, a milestone still to come read as one due before the status date, and `why`
        said it "starts 12 Jan: ... scheduled from the status date (13 Jan) on". Same instant
        either way, so no successor moves; only the date shown."""
        if b <= self._p0:
            return False
        pl = self._pl
        c = pl.constraint_start.get(v)
        if c == b and C(self._net.tasks[v].constraint) in (C.SNET, C.SNLT, C.MSO):
            return True
        if b != self._status_b or v in pl.completed or v in pl.started:
            return False
        # a Must Finish On / Finish No Later Than the day before is met at that day's end
        return c != b or C(self._net.tasks[v].constraint) not in (C.FNLT, C.MFO)

    def _as_recorded(self, spec, v: int, start: date, finish: date) -> tuple[date, date]:
        """A started or finished task's dates as the PM recorded them: work done on a Saturday
        is dated Saturday, though the passes place it on the working day next to it (the
        working-day grid has no Saturday). Only what was recorded: an actual start, and the
        actual finish of a finished task."""
        if spec.actual_start is not None:
            start = spec.actual_start
        if v in self._pl.completed and spec.actual_finish is not None:
            finish = spec.actual_finish
            if spec.actual_start is None and self._net.dur[v] == 0:
                start = finish
        return start, finish

    def _own_dates(self, v: int, start: date, finish: date,
                   late_finish: date) -> tuple[date, date, date, date, date]:
        """(start, finish, early start, early finish, late finish) of a task on its resources'
        time: the days they work it, which may be days the project does not work (a worked
        Saturday; the grid has no Saturday and places it on the working day next to it); its
        late finish is such a day when the plan ends on it (own_time.ProjectEnd)."""
        ot = self._pl.own_late[v]
        if ot.late_last is not None:
            late_finish = ot.late_last
        if v in self._pl.alap:
            return start, finish, ot.first, ot.last, late_finish
        return ot.first, ot.last, ot.first, ot.last, late_finish

    def _recorded_under(self) -> dict[int, tuple[date, date]]:
        """Per summary node, the earliest and latest date recorded on the work under it (see
        _as_recorded), and under -1 the whole plan's: a phase whose task ran Sunday to Saturday
        spans Sunday to Saturday, not the grid's Monday to Friday. So do the days people work
        a task on their own time (own_time: a Saturday one of them works)."""
        if self._recorded is None:
            net, pl, out = self._net, self._pl, {}
            own = [v for v in pl.own_late if v not in pl.alap]
            for v in chain(pl.completed | pl.started, own):
                if v in pl.own_late:
                    ot = pl.own_late[v]
                    lo, hi = ot.first, ot.last
                else:
                    spec = net.tasks[v]
                    lo = spec.actual_start or spec.actual_finish
                    hi = spec.actual_finish if v in pl.completed else None
                if lo is None:
                    continue
                hi = hi or lo
                p = net.parent[v]
                while True:
                    a, b = out.get(p, (lo, hi))
                    out[p] = (min(a, lo), max(b, hi))
                    if p < 0:
                        break
                    p = net.parent[p]
            self._recorded = out
        return self._recorded

    def _held_under(self) -> dict[int, int]:
        """Summary node (and -1, the project) -> the latest day a milestone under it is dated at
        the start of (_at_day_start): a summary whose span ends at that instant would be dated
        the day before, ahead of its own milestone."""
        if self._held is None:
            net, es, pl, n = self._net, self._es, self._pl, self._net.n
            found = set(v for v in pl.constraint_start if v < n)
            if self._status_b is not None:
                b = self._status_b
                found.update(v for v, x in enumerate(islice(es, n)) if x == b)
            out: dict[int, int] = {}
            for v in found:
                if net.kind[v] == ROLLUP or net.dur[v] or not self._at_day_start(v, es[v]):
                    continue
                p = net.parent[v]
                while True:
                    out[p] = max(out.get(p, es[v]), es[v])
                    if p < 0:
                        break
                    p = net.parent[p]
            self._held = out
        return self._held

    def _summary_recorded(self, v: int, start: date, finish: date) -> tuple[date, date]:
        span = self._recorded_under().get(v)
        if span is None:
            return start, finish
        return min(start, span[0]), max(finish, span[1])

    def _dates_of(self, v: int, summary: bool) -> tuple:
        """(es, ef, ls, lf, start, finish, early start, early finish, late start, late finish)
        of node ``v``: the day indexes and dates a TaskSchedule has."""
        self._finalize()
        pl, cal = self._pl, self.calendar
        es, ef, ls, lf = self._days(v, summary)
        early_start, early_finish = cal.date_of(es), cal.date_of(ef)
        late_start, late_finish = cal.date_of(ls), cal.date_of(lf)
        if v in pl.alap:
            start, finish = late_start, late_finish
        else:
            start, finish = early_start, early_finish
        if not summary and (v in pl.completed or v in pl.started):
            start, finish = early_start, early_finish = self._as_recorded(self._net.tasks[v], v, start, finish)
        elif v in pl.own_late:
            start, finish, early_start, early_finish, late_finish = self._own_dates(v, start, finish, late_finish)
        elif summary:
            start, finish = self._summary_recorded(v, start, finish)
            early_start, early_finish = self._summary_recorded(v, early_start, early_finish)
        return es, ef, ls, lf, start, finish, early_start, early_finish, late_start, late_finish

    def finish_of(self, task_id: int) -> date:
        """``tasks[task_id].finish``, without the rest of a TaskSchedule: its free float and
        driving predecessors index every link of the plan on the first read (finding the task
        that ends a 10,000-task plan, a few dozen reads from the end, spent 20 ms on them)."""
        built = self._cache.get(task_id)
        if built is not None:
            return built.finish
        v = self._net.index[task_id]  # KeyError for an unknown id, as tasks[task_id]
        return self._dates_of(v, self._net.kind[v] == ROLLUP)[5]

    def _make(self, v: int) -> TaskSchedule:
        net, pl = self._net, self._pl
        spec = net.tasks[v]
        summary = net.kind[v] == ROLLUP
        (es, ef, ls, lf, start, finish, early_start, early_finish,
         late_start, late_finish) = self._dates_of(v, summary)
        links, driven_by = self.driving_index(v)
        ids, src = net.ids, net.link_src
        driving = (ids[src[links[0]]],) if len(links) == 1 else tuple(dict.fromkeys(ids[src[k]] for k in links))
        return TaskSchedule(
            id=spec.id,
            summary=summary,
            milestone=not summary and spec.duration == 0,
            es=es, ef=ef, ls=ls, lf=lf,
            start=start, finish=finish,
            early_start=early_start, early_finish=early_finish,
            late_start=late_start, late_finish=late_finish,
            total_float=self._tf[v],
            free_float=self.free_float_index(v),
            critical=self.critical_index(v),
            driving=driving,
            driven_by=driven_by,
            late=spec.deadline is not None and finish > spec.deadline,
            violations=self._violations_of().get(spec.id, ()),
            completed=v in pl.completed,
            in_progress=v in pl.started,
        )

    def _all_dates(self) -> dict[int, TaskSchedule]:
        """What _make gives but the driving predecessors, for every task in one sweep: built per
        task (free float link by link, keyword arguments) a 10,000-task MSPDI export spent 69 ms
        here. The scheduler tests compare this view with ``tasks`` on random plans."""
        self._finalize()
        net, pl = self._net, self._pl
        n, kind, tasks, ids = net.n, net.kind, net.tasks, net.ids
        completed, started, alap, own = pl.completed, pl.started, pl.alap, pl.own_late
        tf, open_child = self._tf, self._open
        free = self._free_floats()
        violations = self._violations_of()
        date_of, days = self.calendar.date_of, self._days
        out: dict[int, TaskSchedule] = {}
        for v in range(n):
            summary = kind[v] == ROLLUP
            es, ef, ls, lf = days(v, summary)
            early_start, early_finish = date_of(es), date_of(ef)
            late_start, late_finish = date_of(ls), date_of(lf)
            if v in alap:
                start, finish = late_start, late_finish
            else:
                start, finish = early_start, early_finish
            if not summary and (v in completed or v in started):
                start, finish = early_start, early_finish = self._as_recorded(tasks[v], v, start, finish)
            elif own and v in own:
                start, finish, early_start, early_finish, late_finish = self._own_dates(v, start, finish, late_finish)
            elif summary:
                start, finish = self._summary_recorded(v, start, finish)
                early_start, early_finish = self._summary_recorded(v, early_start, early_finish)
            deadline = tasks[v].deadline
            task_id = ids[v]
            out[task_id] = TaskSchedule(
                task_id, summary, not summary and net.dur[v] == 0, es, ef, ls, lf,
                start, finish, early_start, early_finish, late_start, late_finish,
                tf[v], free[v],
                (open_child[v] if summary else v not in completed) and tf[v] <= 0,  # critical_index
                (), "not computed", deadline is not None and finish > deadline,
                violations.get(task_id, ()), v in completed, v in started,
            )
        if net.given_ids:  # in the caller's order, as ``tasks``
            out = {i: out[i] for i in net.given_ids}
        return out

    def _free_floats(self) -> list[int]:
        """free_float_index of every task: one sweep over the links for the tasks, one up the
        outline for the summaries (the least free float of their unfinished tasks)."""
        net, es, ef = self._net, self._es, self._ef
        n, kind, dur = net.n, net.kind, net.dur
        completed, alap = self._pl.completed, self._pl.alap
        sched_s, lf, gate_task = self._sched_s, self._lf, net.gate_task
        val = [BIG] * n
        done = self._finished_nodes()
        own = self._pl.own_late
        for a, typ, lag, b, w in zip(net.link_src, net.link_type, net.link_lag, net.link_dst, net.link_node):
            if done and w in done:
                continue
            req = (ef[a] if typ == FS or typ == FF else es[a]) + lag
            if typ == FF or typ == SF:
                if own and b in own:  # it binds the finish (own_time)
                    room = ef[b] - req
                    if room < val[a]:
                        val[a] = room
                    continue
                req -= dur[b]
            room = sched_s[w if w < n else gate_task[w - n]] - req
            if room < val[a]:
                val[a] = room
        for v in range(n):
            if kind[v] == ROLLUP:
                continue
            if v in completed or v in alap:
                val[v] = 0
            else:
                x = val[v]
                if x == BIG:
                    x = lf[v] - ef[v]
                val[v] = x if x > 0 else 0
        if net.children:
            parent = net.parent
            low: dict[int, int] = {}  # summary -> least free float under it so far
            for v in self._bottom_up():
                if kind[v] == ROLLUP:
                    x = low.get(v, BIG)
                    val[v] = 0 if x == BIG else x
                elif v in completed:
                    continue
                else:
                    x = val[v]
                p = parent[v]
                if p >= 0 and x < low.get(p, BIG):
                    low[p] = x
        return val

    # -- violations --------------------------------------------------------------------------

    def _violations_of(self) -> dict[int, tuple[str, ...]]:
        """Messages per task id, indexed once: scanning the whole list per task is quadratic."""
        if self._violation_index is None:
            idx: dict[int, list[str]] = {}
            for x in self.violations:
                idx.setdefault(x.task_id, []).append(x.message)
            self._violation_index = {k: tuple(v) for k, v in idx.items()}
        return self._violation_index

    def _violations(self, broken) -> list[Violation]:
        net, pl, cal = self._net, self._pl, self.calendar
        out = [Violation(net.ids[v], k, m) for v, k, m in pl.notes]
        for v, logic in broken:
            spec = net.tasks[v]
            ct = C(spec.constraint)
            es_b = self._es[v]
            wanted = cal.date_of(self._day(logic, logic + net.dur[v])[0])
            placed = cal.date_of(es_b if net.dur[v] == 0 and self._at_day_start(v, es_b)
                                 else self._day(es_b, self._ef[v])[0])
            what = f"{CONSTRAINT_NAMES[ct]} {spec.constraint_date}"
            if es_b > pl.constraint_start.get(v, es_b):
                why = "the status date" if self._status_b is not None and es_b == self._status_b else "the project start"
                msg = (f"{label(spec)}: {what} cannot be met: nothing is scheduled before {why}, "
                       f"so it starts {placed}")
            elif ct in (C.FNLT, C.MFO):
                wanted_f = cal.date_of(self._day(logic, logic + net.dur[v])[1])
                placed_f = cal.date_of(self._day(es_b, self._ef[v])[1])
                msg = (f"{label(spec)}: {what} cannot be met: its predecessors allow a finish on "
                       f"{wanted_f} at the earliest; it is kept on its constraint date (finishes "
                       f"{placed_f}) as MS Project does, and the link is not honoured")
            elif net.dur[v] == 0:
                # A milestone is an instant: held by its constraint at the start of a day, and
                # allowed by its predecessors at the end of one (DESIGN). Dated as a plain start,
                # the go-live held on Must Start On 1 February read "(starts 2027-01-29)", the
                # end of the Friday before, where every screen dates it 1 February (see _days).
                at = "start" if ct in (C.SNET, C.SNLT, C.MSO) and es_b == pl.constraint_start.get(v) and es_b > self._p0 else "end"
                held = cal.date_of(es_b if at == "start" else self._day(es_b, es_b)[0])
                msg = (f"{label(spec)}: {what} cannot be met: its predecessors allow it at the end of "
                       f"{wanted} at the earliest; it is kept on its constraint date (at the {at} of "
                       f"{held}) as MS Project does, and the link is not honoured")
            else:
                msg = (f"{label(spec)}: {what} cannot be met: its predecessors allow a start on "
                       f"{wanted} at the earliest; it is kept on its constraint date (starts "
                       f"{placed}) as MS Project does, and the link is not honoured")
            out.append(Violation(spec.id, "constraint", msg))
        for v, dl in pl.deadline_b.items():
            spec = net.tasks[v]
            ef_b = self._ef[v]
            if v in pl.alap:
                ef_b = self._late_finish(v)
            first = ef_b - (self._ef[v] - self._es[v])
            # a milestone dated at the start of its day (_days) is late by that day too
            fin = cal.date_of(ef_b if first == ef_b and self._at_day_start(v, ef_b) else self._day(first, ef_b)[1])
            if fin > spec.deadline:
                late_by = cal.working_days_between(spec.deadline, fin)
                out.append(Violation(spec.id, "deadline",
                                     f"{label(spec)} finishes {fin}, {late_by} working day{'' if late_by == 1 else 's'} after "
                                     f"its deadline {spec.deadline}"))
        out.sort(key=lambda x: (x.task_id, x.kind))
        return out

    def work_spans(self) -> dict[int, tuple[int, int, bool]]:
        """Task id -> (first day, last day, finished) of every task with work to place: not a
        summary, not of zero duration; the late span for a task as late as possible. For readers
        that count working days per task (resource load): the ``dates`` sweep builds a
        TaskSchedule per task, five times dearer. Built once; callers must not change it."""
        if self._spans is not None:
            return self._spans
        self._finalize()
        net, alap, completed, days = self._net, self._pl.alap, self._pl.completed, self._day
        es, ef = self._es, self._ef
        ls, lf = self._ls, self._lf
        out: dict[int, tuple[int, int, bool]] = {}
        for v, (task_id, d, kind) in enumerate(zip(net.ids, net.dur, net.kind)):
            if d and kind != ROLLUP and ef[v] > es[v]:  # (a milestone with progress has a span, no work)
                first, last = days(ls[v], lf[v]) if v in alap else days(es[v], ef[v])
                out[task_id] = (first, last, v in completed)
        self._spans = out
        return out

    # -- paths -------------------------------------------------------------------------------

    def milestone_at_start(self, task_id: int) -> tuple[bool, bool]:
        """(early, late): whether milestone ``task_id`` sits at the start of the day it is
        dated, not at its end (DESIGN): at the project start, or where a start constraint put
        it. The day index alone cannot tell: a milestone after a first 1-day task is dated the
        first day too, at its end. Writers of clock times (MSPDI) need it."""
        self._finalize()
        v = self._net.index[task_id]
        es, _, ls, _ = self._days(v, False)
        # dated the day its boundary names: the start of that day (else the day before, at its end)
        return self._es[v] == es, self._ls[v] == ls

    def critical_paths(self, limit: int = 1000) -> list[list[int]]:
        from .paths import critical_paths
        return critical_paths(self, limit)

    def driving_path(self, task_id: int) -> list[int]:
        from .paths import driving_path
        return driving_path(self, task_id)

    def explain(self, task_id: int) -> list[str]:
        from .paths import explain
        return explain(self, task_id)

    def explain_float(self, task_id: int, brief: bool = False) -> list[str]:
        from .paths import explain_float
        return explain_float(self, task_id, brief)


def link_text(net: Network, k: int) -> str:
    t, lag = net.link_type[k], net.link_lag[k]
    return f"{TYPE_NAMES[t]}{lag:+d}d" if lag else TYPE_NAMES[t]

