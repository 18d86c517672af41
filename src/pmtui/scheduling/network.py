"""Checking the plan and turning it into a flat dependency network.

Measured on the 2-core machine this was written on, the cost of a pure-Python CPM pass is mostly
memory traffic and interpreter overhead per edge, not arithmetic: a Kahn sort that decrements
in-degrees edge by edge took 0.3 s for 100,000 tasks, while pulling each task's predecessors in an
order already known to be topological took 0.07 s. So the build does as much as it can with
C-level bulk calls (map, compress, sorted, set), and the order of the passes is the
input order itself whenever that order is already topological (the common case: tasks in WBS
order, links from earlier to later tasks), checked in one C-level sweep; otherwise a Kahn sort
finds one (and finds cycles).

Nodes 0..n-1 are the tasks in input order (for a summary that node is its roll-up: earliest child
start, latest child finish). A summary that some link points to (or whose ancestor has one) gets a
second "gate" node n.. : links to the summary end at its gate and the gate feeds every child, so
the link constrains every task under the summary (DESIGN: a link to a summary constrains every
task under it) and a loop through a summary is found like any other loop.

Per node, ``ins[v]`` holds (slot, offset) pairs, one per link into v: node v's early start must
be at least T[slot] + offset, where T[2u] is node u's early start and T[2u+1] its early finish
(FF and SF fold the node's own duration into the offset: ES_v >= EF_u + lag - d_v). The backward
pass walks the same pairs the other way: LS_v - offset bounds u's late finish (odd slot) or late
start (even slot), exact for all four link types while EF = ES + d; tasks whose progress breaks
that are pushed link by link instead. Graph theory: Kahn, "Topological sorting of large
networks", CACM 5(11), 1962; CPM: Kelley & Walker, 1959.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, groupby, repeat
from operator import attrgetter, eq, ge, lt, ne, or_
from typing import Sequence

from .errors import CycleError, InvalidTaskError, UnknownTaskError
from .model import LinkSpec, LinkType, TaskSpec, label

FS, SS, FF, SF = 0, 1, 2, 3
# A str Enum hashes and compares like its value, so this also accepts plain "FS" strings.
_TYPECODE = {LinkType.FS: FS, LinkType.SS: SS, LinkType.FF: FF, LinkType.SF: SF}
TYPE_NAMES = ("FS", "SS", "FF", "SF")
_READS_FINISH = (1, 0, 1, 0)  # FS, FF read the predecessor's finish
_ENDS_FINISH = (0, 0, 1, 1)  # FF, SF bind the successor's finish

LEAF, ROLLUP, GATE = 0, 1, 2


class Network:
    __slots__ = (
        "tasks", "links", "n", "size", "index", "ids", "dur", "parent", "is_summary", "children",
        "gate_of", "gate_task", "kind", "ins", "order", "pos", "gpar", "_src",
        "_dst", "_node", "_type", "_lag", "_out_links", "_in_links",
    )

    def label(self, node: int) -> str:
        return label(self.tasks[self.task_of(node)])

    def task_of(self, node: int) -> int:
        return node if node < self.n else self.gate_task[node - self.n]

    def _link_arrays(self, plain: bool = False) -> None:
        links, index = self.links, self.index
        self._src = list(map(index.__getitem__, map(attrgetter("pred"), links)))
        self._dst = list(map(index.__getitem__, map(attrgetter("succ"), links)))
        self._type = list(map(_TYPECODE.__getitem__, map(attrgetter("type"), links)))
        self._lag = list(map(attrgetter("lag"), links))
        if plain:
            return
        self._set_link_nodes()

    def _set_link_nodes(self) -> None:
        if not self.gate_task:
            self._node = self._dst
            return
        target = list(range(self.n))
        for s in self.gate_task:
            target[s] = self.gate_of[s]
        self._node = list(map(target.__getitem__, self._dst))

    @property
    def link_src(self) -> list[int]:
        if self._src is None:
            self._link_arrays()
        return self._src

    @property
    def link_dst(self) -> list[int]:
        if self._src is None:
            self._link_arrays()
        return self._dst

    @property
    def link_node(self) -> list[int]:
        if self._src is None:
            self._link_arrays()
        return self._node

    @property
    def link_type(self) -> list[int]:
        if self._src is None:
            self._link_arrays()
        return self._type

    @property
    def link_lag(self) -> list[int]:
        if self._src is None:
            self._link_arrays()
        return self._lag

    def in_links(self, v: int) -> list[int]:
        """Indexes of the links arriving at node v (a gate for a summary; built on first use)."""
        if self._in_links is None:
            il: dict[int, list[int]] = {}
            for k, b in enumerate(self.link_node):
                il.setdefault(b, []).append(k)
            self._in_links = il
        return self._in_links.get(v, [])

    def out_links(self, v: int) -> list[int]:
        """Indexes of the links leaving task v (built on first use)."""
        if self._out_links is None:
            ol: dict[int, list[int]] = {}
            for k, a in enumerate(self.link_src):
                ol.setdefault(a, []).append(k)
            self._out_links = ol
        return self._out_links.get(v, [])


def build(tasks: Sequence[TaskSpec], links: Sequence[LinkSpec]) -> Network:
    net = Network()
    net._out_links = None
    net._in_links = None
    net._src = None
    # Copies of the sequences (not of the specs): the result reads them lazily, and a caller
    # that reorders its own list afterwards must not change it. The specs themselves are read
    # later too, so callers must not edit them while they use the result.
    tasks = tuple(tasks)
    links = tuple(links)
    n = len(tasks)
    net.tasks = tasks
    net.links = links
    net.n = n
    ids = list(map(attrgetter("id"), tasks))
    index = dict(zip(ids, range(n)))
    if len(index) != n:
        seen: set[int] = set()
        for t in tasks:
            if t.id in seen:
                raise InvalidTaskError(f"task id {t.id} is used twice ({label(t)})")
            seen.add(t.id)
    net.ids = ids
    net.index = index
    dur = list(map(attrgetter("duration"), tasks))
    if n and min(dur) < 0:
        t = tasks[min(range(n), key=dur.__getitem__)]
        raise InvalidTaskError(f"{label(t)} has a negative duration ({t.duration} days)")

    # -- outline: parents, summaries, parent loops ---------------------------------------------
    parents = list(map(attrgetter("parent"), tasks))
    parent = list(map(index.get, parents, repeat(-1)))
    if parent.count(-1) != parents.count(None):
        for t in tasks:
            if t.parent is not None and t.parent not in index:
                raise UnknownTaskError(f"{label(t)} names parent task id {t.parent}, which is not in the plan")
    is_summary = [False] * n
    children: dict[int, list[int]] = {}
    if parent.count(-1) != n:
        if any(map(eq, parent, range(n))):
            i = next(i for i in range(n) if parent[i] == i)
            raise InvalidTaskError(f"{label(tasks[i])} is its own parent")
        kids = sorted(compress(range(n), map(ne, parent, repeat(-1))), key=parent.__getitem__)
        for s, grp in groupby(kids, key=parent.__getitem__):
            children[s] = list(grp)
            is_summary[s] = True
            dur[s] = 0  # a summary's own duration is ignored
        _check_parent_loops(tasks, parent, children)
    net.dur = dur
    net.parent = parent
    net.is_summary = is_summary
    net.children = children

    m = len(links)
    # -- gates for summaries that links point to -----------------------------------------------
    gate_of = [-1] * n
    gate_task: list[int] = []
    # Fetch the link fields in C-level sweeps once, and loop over plain ints afterwards:
    # interleaving attribute reads of 300,000 scattered LinkSpec objects with the appends of
    # add_edges measured twice as slow here (cache misses, not bytecodes, dominate).
    try:
        net._link_arrays(plain=True)
    except (KeyError, TypeError):
        _explain_bad_link(net)
        raise
    if children and m:
        linked_to = set(net._dst)
        linked_to.intersection_update(children)
        if linked_to:
            # A summary needs a gate when it, or any ancestor, is linked to: the gates chain
            # down the outline so a link to an outer summary reaches the innermost tasks.
            need: dict[int, bool] = {}
            for s in children:
                path = []
                x = s
                while x != -1 and x not in need:
                    path.append(x)
                    x = parent[x]
                flag = need[x] if x != -1 else False
                for y in reversed(path):
                    flag = flag or y in linked_to
                    need[y] = flag
            for s in sorted(s for s, f in need.items() if f):
                gate_of[s] = n + len(gate_task)
                gate_task.append(s)
    net.gate_of = gate_of
    net.gate_task = gate_task
    size = n + len(gate_task)
    net.size = size
    dur.extend([0] * len(gate_task))

    kind = [LEAF] * n
    for s in children:
        kind[s] = ROLLUP
    kind.extend([GATE] * len(gate_task))
    net.kind = kind

    return net


def add_edges(net: Network) -> None:
    """Fill the per-node edge lists and find an order for the passes."""
    tasks = net.tasks
    n, size, dur, kind = net.n, net.size, net.dur, net.kind
    children, parent, gate_of = net.children, net.parent, net.gate_of
    ins: list[list[tuple[int, int]]] = [[] for _ in range(size)]
    net._set_link_nodes()
    src, dst, types, lags, node_of = net._src, net._dst, net._type, net._lag, net._node
    if not children:
        backwards = sum(map(ge, src, dst))
    else:
        pos = _positions(net)
        backwards = any(map(ge, map(pos.__getitem__, src), map(pos.__getitem__, node_of)))
        is_summary = net.is_summary
        # The checks of _check_summary_link, inlined (it is called only to word an error).
        for k in compress(range(len(src)), map(or_, map(is_summary.__getitem__, src),
                                                map(is_summary.__getitem__, dst))):
            a, b = src[k], dst[k]
            bad = False
            if is_summary[b]:
                if types[k] == FF or types[k] == SF:
                    bad = True
                x = parent[a]
                while x != -1 and not bad:
                    bad = x == b
                    x = parent[x]
            if is_summary[a]:
                x = parent[b]
                while x != -1 and not bad:
                    bad = x == a
                    x = parent[x]
            if bad:
                _check_summary_link(tasks, parent, is_summary, a, b, types[k])
    # One list of (slot, offset) pairs per node serves both passes (see the module docstring).
    for a, b, bn, t, lag in zip(src, dst, node_of, types, lags):
        if t == FS:
            ins[bn].append((2 * a + 1, lag))
        elif t == SS:
            ins[bn].append((2 * a, lag))
        elif t == FF:
            ins[bn].append((2 * a + 1, lag - dur[b]))
        else:
            ins[bn].append((2 * a, lag - dur[b]))
    # Summary structure is not stored as edges (most tasks sit under a summary, so that would
    # double the edges): gpar[v] is the gate above node v (its early start is a floor for v, and
    # v's late start caps it); a task's late finish is capped through net.parent directly.
    gpar = [-1] * size
    for g, s in enumerate(net.gate_task, n):
        for c in children[s]:
            gpar[gate_of[c] if kind[c] == ROLLUP else c] = g
    net.gpar = gpar
    net.ins = ins
    # parent[i] < i for every task (roots have -1): summaries come before their tasks
    if backwards or (children and not all(map(lt, parent, range(n)))):
        net.order = _kahn(net)
    elif children:
        net.order = sorted(range(size), key=net.pos.__getitem__)
    else:
        net.order = list(range(n))


def _explain_bad_link(net: Network) -> None:
    for lk in net.links:
        for end in (lk.pred, lk.succ):
            if end not in net.index:
                raise UnknownTaskError(
                    f"a link {lk.pred} → {lk.succ} names task id {end}, which is not in the plan"
                ) from None
        if lk.type not in _TYPECODE:
            raise InvalidTaskError(
                f"link {lk.pred} → {lk.succ} has type {lk.type!r}; use FS, SS, FF or SF"
            ) from None


def _positions(net: Network) -> list[int]:
    """Position of each node in "input order": a task at 2*i*M, the gate of summary s at 2*s*M
    (before its tasks), the roll-up of s just after its last descendant, inner summaries first.
    Links that all run forward in it make it a topological order without sorting anything."""
    n, parent, children = net.n, net.parent, net.children
    depth: dict[int, int] = {}
    for s in children:
        d, p = 0, parent[s]
        while p != -1:
            d += 1
            p = parent[p]
        depth[s] = d
    mult = max(depth.values()) + 2
    subs: dict[int, list[int]] = {}  # summary -> its child summaries
    for s in children:
        p = parent[s]
        if p != -1:
            subs.setdefault(p, []).append(s)
    last: dict[int, int] = {}
    for s in sorted(children, key=depth.__getitem__, reverse=True):
        last[s] = max(max(children[s]), max((last[c] for c in subs.get(s, ())), default=-1))
    pos = list(range(0, 2 * mult * n, 2 * mult))
    for s in children:
        pos[s] = (2 * last[s] + 1) * mult + (mult - 1 - depth[s])
    pos.extend(2 * s * mult for s in net.gate_task)
    net.pos = pos
    return pos


def _kahn(net: Network) -> list[int]:
    size = net.size
    succ: list[list[int]] = [[] for _ in range(size)]
    for b, lst in enumerate(net.ins):
        for slot, _ in lst:
            succ[slot >> 1].append(b)
    for b, g in enumerate(net.gpar):
        if g >= 0:
            succ[g].append(b)
    for s, kids in net.children.items():
        for c in kids:
            succ[c].append(s)
    indeg = Counter(b for lst in succ for b in lst)
    stack = [v for v in range(size) if v not in indeg]
    order: list[int] = []
    while stack:
        v = stack.pop()
        order.append(v)
        for w in succ[v]:
            c = indeg[w] - 1
            indeg[w] = c
            if not c:
                stack.append(w)
    if len(order) < size:
        done = set(order)
        raise_cycle(net, [v for v in range(size) if v not in done], succ)
    return order


def _check_parent_loops(tasks, parent, children) -> None:
    state = [0] * len(parent)  # 0 unseen, 1 on the current walk, 2 known to reach the top
    for s in children:
        walk = []
        x = s
        while x != -1 and state[x] == 0:
            state[x] = 1
            walk.append(x)
            x = parent[x]
        if x != -1 and state[x] == 1:
            loop = walk[walk.index(x):]
            names = " → ".join(label(tasks[i]) for i in loop + [x])
            raise InvalidTaskError(f"the outline loops back on itself: {names} (each is the parent of the last)")
        for y in walk:
            state[y] = 2


def _check_summary_link(tasks, parent, is_summary, a, b, t) -> None:
    if is_summary[b] and t in (FF, SF):
        raise InvalidTaskError(
            f"link {label(tasks[a])} → {label(tasks[b])} is {TYPE_NAMES[t]}, but only FS and SS "
            f"links may point to a summary task (as in MS Project)"
        )
    for top, low in ((a, b), (b, a)):
        if is_summary[top]:
            x = parent[low]
            while x != -1:
                if x == top:
                    raise InvalidTaskError(
                        f"cannot link {label(tasks[a])} → {label(tasks[b])}: a summary task cannot "
                        f"be linked to a task inside it (as in MS Project)"
                    )
                x = parent[x]


def raise_cycle(net: Network, remaining: list[int], succ: list[list[int]]) -> None:
    """Name one loop among the nodes a topological sort could not place, deterministically."""
    left = set(remaining)
    preds: dict[int, list[int]] = {v: [] for v in remaining}
    for u in remaining:
        for w in succ[u]:
            if w in left:
                preds[w].append(u)
    key = lambda v: (net.ids[net.task_of(v)], v)  # noqa: E731
    v = min(remaining, key=key)
    seen: dict[int, int] = {}
    walk: list[int] = []
    while v not in seen:
        seen[v] = len(walk)
        walk.append(v)
        v = min(preds[v], key=key)
    loop = walk[seen[v]:]
    loop.reverse()  # we walked against the links
    tids: list[int] = []
    for node in loop:
        t = net.task_of(node)
        if not tids or tids[-1] != t:
            tids.append(t)
    while len(tids) > 1 and tids[0] == tids[-1]:
        tids.pop()
    start = min(range(len(tids)), key=lambda i: net.ids[tids[i]])
    tids = tids[start:] + tids[:start]
    names = [label(net.tasks[t]) for t in tids]
    raise CycleError("dependency cycle: " + " → ".join(names + names[:1]), [net.ids[t] for t in tids])
