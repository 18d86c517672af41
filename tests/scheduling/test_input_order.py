"""The schedule does not depend on the order tasks and links come in.

The passes take the input order as their order when it is topological (tasks in WBS order, links
by successor) and sort otherwise; links from and to summaries, tasks with progress and
constraints are handled apart from the flat loop. Whatever path a plan takes, every result must
be the same: these random plans exercise them all by shuffling one plan in several ways.
"""

from __future__ import annotations

import random
from dataclasses import astuple, replace
from datetime import date, timedelta

import pytest

from pmtui.scheduling import ConstraintType as C, LinkSpec, LinkType, TaskSpec, WorkCalendar, schedule

START = date(2027, 1, 4)
CAL = WorkCalendar(anchor=START, exceptions={date(2027, 1, 20): False, date(2027, 2, 6): True})
TYPES = [LinkType.FS] * 5 + [LinkType.SS, LinkType.FF, LinkType.SF]


def plan(rnd: random.Random, n: int) -> tuple[list[TaskSpec], list[LinkSpec]]:
    """Nested summaries in WBS order; links between tasks by a hidden order, to summaries (FS/SS)
    from tasks before them, from summaries (any type) to tasks after them; progress,
    constraints and deadlines here and there."""
    tasks: list[TaskSpec] = []
    under: dict[int, list[int]] = {}
    next_id = [1]

    def grow(parent, depth, budget):
        made = []
        while budget > 0:
            tid = next_id[0]
            next_id[0] += rnd.choice((1, 1, 2))
            if depth < 3 and budget > 3 and rnd.random() < 0.25:
                tasks.append(TaskSpec(tid, f"S{tid}", parent=parent))
                k = rnd.randint(2, min(budget, 8))
                under[tid] = grow(tid, depth + 1, k - 1)
                made.extend(under[tid])
                budget -= k
            else:
                tasks.append(TaskSpec(tid, f"T{tid}", rnd.choice((0, 1, 2, 3, 5, 8)), parent=parent))
                made.append(tid)
                budget -= 1
        return made

    leaves = grow(None, 0, n)
    rank = {t: i for i, t in enumerate(leaves)}
    links = []
    for i, tid in enumerate(leaves[1:], 1):
        for _ in range(rnd.choice((0, 1, 2, 2, 3))):
            pred = leaves[rnd.randint(max(0, i - 12), i - 1)]
            links.append(LinkSpec(pred, tid, rnd.choice(TYPES), rnd.choice((0, 0, 1, 2, -1))))
    for s, sub in under.items():
        lo, hi = min(rank[x] for x in sub), max(rank[x] for x in sub)
        if lo and rnd.random() < 0.6:
            links.append(LinkSpec(leaves[rnd.randint(max(0, lo - 8), lo - 1)], s,
                                  rnd.choice((LinkType.FS, LinkType.SS)), rnd.choice((0, 1))))
        if hi < len(leaves) - 1 and rnd.random() < 0.6:
            links.append(LinkSpec(s, leaves[rnd.randint(hi + 1, min(len(leaves) - 1, hi + 8))],
                                  rnd.choice(TYPES), rnd.choice((0, 1, -1))))
    dated = [C.SNET, C.SNLT, C.FNET, C.FNLT, C.MSO, C.MFO]
    for t in tasks:
        r = rnd.random()
        if r < 0.08:
            t.constraint = rnd.choice(dated)
            t.constraint_date = START + timedelta(days=rnd.randint(0, 40))
        elif r < 0.11:
            t.constraint = C.ALAP
        elif r < 0.16:
            t.deadline = START + timedelta(days=rnd.randint(5, 40))
        if t.id not in under and rnd.random() < 0.12:
            k = rnd.random()
            if k < 0.3:
                t.percent_complete = 100.0
            elif k < 0.6:
                t.actual_start = START + timedelta(days=rnd.randint(0, 10))
                t.percent_complete = rnd.choice((10.0, 50.0))
            else:
                t.percent_complete = rnd.choice((25.0, 75.0))
    return tasks, links


def outcome(tasks, links, status):
    r = schedule(tasks, links, CAL, START, status)
    ids = sorted(t.id for t in tasks)
    return (
        {tid: astuple(r.tasks[tid]) for tid in ids},
        [(v.task_id, v.kind, v.message) for v in r.violations],
        r.critical_paths(),
        (r.start, r.finish),
    )


@pytest.mark.parametrize("seed", range(12))
def test_shuffled_tasks_and_links_give_the_same_schedule(seed):
    rnd = random.Random(seed)
    tasks, links = plan(rnd, rnd.choice((15, 40, 90)))
    status = START + timedelta(days=5) if seed % 2 else None
    expected = outcome(tasks, links, status)
    variants = [
        (tasks, links[::-1]),
        (tasks[::-1], links),
        (rnd.sample(tasks, len(tasks)), rnd.sample(links, len(links))),
    ]
    for t, lk in variants:
        assert outcome(t, lk, status) == expected


def moved_subtrees(rnd: random.Random, tasks: list[TaskSpec]) -> list[TaskSpec]:
    """The same tasks with the top-level subtrees in another order: still in outline order
    (every summary before its tasks), so links now run backwards in it, as in a plan whose
    phases were reordered."""
    blocks: list[list[TaskSpec]] = []
    for t in tasks:
        if t.parent is None:
            blocks.append([t])
        else:
            blocks[-1].append(t)
    return [t for b in rnd.sample(blocks, len(blocks)) for t in b]


@pytest.mark.parametrize("seed", range(30))
def test_a_reordered_outline_gives_the_same_schedule(seed, monkeypatch):
    # Tasks in outline order with links running backwards take the pulled order
    # (network._pulled_order), with its budget, its waits and its pulls; everything else Kahn's.
    # Both must give the schedule of the plan in its own order, and a loop the same message.
    from pmtui.scheduling import CycleError
    from pmtui.scheduling import network

    pulled = []
    real = network._pulled_order
    monkeypatch.setattr(network, "_pulled_order", lambda *a: pulled.append(1) or real(*a))
    rnd = random.Random(3000 + seed)
    tasks, links = plan(rnd, rnd.choice((15, 40, 90, 200)))
    status = START + timedelta(days=5) if seed % 2 else None
    expected = outcome(tasks, links, status)
    calls = len(pulled)
    for _ in range(3):
        moved = moved_subtrees(rnd, tasks)
        assert outcome(moved, links, status) == expected
        assert outcome(moved, rnd.sample(links, len(links)), status) == expected
    assert len(pulled) > calls  # the reorders did send it through the pulled order
    # a loop: from the last leaf back to the first, through whatever links lie between them
    leaves = [t.id for t in tasks if not any(u.parent == t.id for u in tasks)]
    loop = links + [LinkSpec(leaves[-1], leaves[0])]
    messages = set()
    for order in (tasks, moved_subtrees(rnd, tasks), tasks[::-1]):
        try:
            schedule(order, loop, CAL, START, status)
        except CycleError as e:
            messages.add(str(e))
        else:
            messages.add("no loop")  # no path from the first leaf to the last: fine, but alike
    assert len(messages) == 1


def by_predecessor(tasks: list[TaskSpec], links: list[LinkSpec]) -> list[LinkSpec]:
    """The links sorted by where their source's dates are known: a task's own place in WBS
    order, a summary's after its last task (as a plan whose links were made task by task as
    each one's successors, or a generator that goes by predecessor, hands them over)."""
    place = {t.id: i for i, t in enumerate(tasks)}
    known = dict(place)
    for t in reversed(tasks):  # tasks after their summaries: children settle first
        p = t.parent
        while p is not None:
            known[p] = max(known[p], known[t.id])
            p = next(u.parent for u in tasks if u.id == p)
    return sorted(links, key=lambda lk: known[lk.pred])


@pytest.mark.parametrize("seed", range(16))
def test_links_by_predecessor_give_the_same_schedule(seed, monkeypatch):
    # Links sorted by source serve the passes as they come (network._source_keys), with every
    # link into a task before every link out of it and the events placed by source; the
    # schedule must be that of the links by successor.
    from pmtui.scheduling import network

    taken = []
    real = network._source_keys

    def spy(*args):
        keys = real(*args)
        taken.append(keys is not None)
        return keys

    monkeypatch.setattr(network, "_source_keys", spy)
    rnd = random.Random(5000 + seed)
    tasks, links = plan(rnd, rnd.choice((15, 40, 90, 200)))
    status = START + timedelta(days=5) if seed % 2 else None
    expected = outcome(tasks, sorted(links, key=lambda lk: [t.id for t in tasks].index(lk.succ)), status)
    taken.clear()
    assert outcome(tasks, by_predecessor(tasks, links), status) == expected
    assert taken == [True]  # the links went through as they came, unsorted
    assert outcome(tasks, rnd.sample(links, len(links)), status) == expected


def test_ff_link_into_a_started_task_binds_its_finish_backward(cal):
    # B started on day 0, 2 days done (29 % = 2 / (2 + 5), MS Project's rule) and 5 left after
    # the status date (day 2): it runs days 0-6, longer than its duration of 4. Backward, the FF link bounds A's finish by B's late
    # finish (day 11), not by B's late start plus its duration.
    tasks = [
        TaskSpec(1, "A", 3),
        TaskSpec(2, "B", 4, actual_start=START, percent_complete=29.0, remaining=5),
        TaskSpec(3, "C", 10),
    ]
    r = schedule(tasks, [LinkSpec(1, 2, LinkType.FF)], cal, START, START + timedelta(days=2))
    b = r.tasks[2]
    assert (b.es, b.ef, b.ls, b.lf) == (0, 6, 5, 11)
    assert r.tasks[1].lf == 11


def test_ss_from_a_summary_holds_back_the_tasks_that_start_with_it(cal):
    # SS+2 from S to X, which its deadline keeps to day 4: S may start on day 2 at the latest,
    # and so may A, which starts with S; B, after A, does not start with S and keeps its float.
    tasks = [
        TaskSpec(1, "S"),
        TaskSpec(2, "A", 3, parent=1),
        TaskSpec(3, "B", 1, parent=1),
        TaskSpec(4, "X", 1, deadline=START + timedelta(days=4)),
        TaskSpec(5, "Z", 12),
    ]
    r = schedule(tasks, [LinkSpec(1, 4, LinkType.SS, 2), LinkSpec(2, 3)], cal, START)
    assert r.tasks[4].ls == 4
    assert r.tasks[2].ls == 2
    assert r.tasks[3].ls == 11


def test_a_finished_task_under_a_linked_summary_holds_nothing_back(cal):
    # P -> S; of S's tasks only Open (1 day, float 1) bounds P backward, not the finished one
    tasks = [
        TaskSpec(1, "P", 2),
        TaskSpec(2, "S"),
        TaskSpec(3, "Done", 2, parent=2, percent_complete=100.0),
        TaskSpec(4, "Open", 1, parent=2),
    ]
    r = schedule(tasks, [LinkSpec(1, 2)], cal, START)
    assert (r.tasks[3].es, r.tasks[4].es) == (2, 2)
    assert r.tasks[4].total_float == 1
    assert (r.tasks[1].lf, r.tasks[1].total_float) == (2, 1)


@pytest.mark.parametrize("seed", range(40))
def test_summaries_roll_up_their_leaves(seed):
    # Late dates, scheduled dates and float of a summary, computed over all the leaves under it
    # (not child by child, as the scheduler does): earliest starts, latest finishes, the least
    # float of the unfinished ones (0 when all are done).
    rnd = random.Random(1000 + seed)
    tasks, links = plan(rnd, rnd.choice((15, 40, 90)))
    if seed % 3 == 0:  # no progress at all
        for t in tasks:
            t.percent_complete, t.actual_start, t.actual_finish, t.remaining = 0.0, None, None, None
    if seed % 2:
        tasks = rnd.sample(tasks, len(tasks))
    r = schedule(tasks, links, CAL, START, START + timedelta(days=5))
    r._finalize()
    net, completed = r._net, r._pl.completed
    below: dict[int, list[int]] = {}
    for v in range(net.n):
        if net.is_summary[v]:
            continue
        p = net.parent[v]
        while p >= 0:
            below.setdefault(p, []).append(v)
            p = net.parent[p]
    assert set(below) == set(net.children)
    for s, leaves in below.items():
        assert r._ls[s] == min(r._ls[v] for v in leaves)
        assert r._lf[s] == max(r._lf[v] for v in leaves)
        assert r._sched_s[s] == min(r._sched_s[v] for v in leaves)
        assert r._sched_f[s] == max(r._sched_f[v] for v in leaves)
        open_ = [v for v in leaves if v not in completed]
        assert r._open[s] == bool(open_)
        assert r._tf[s] == (min(r._tf[v] for v in open_) if open_ else 0)


@pytest.mark.parametrize("seed", range(20))
def test_a_result_shares_indexes_only_with_the_same_links_and_outline(seed):
    # An edited copy of a plan reuses the link indexes and summary order of the schedule it
    # replaces; its results must be those of a schedule that built its own.
    from dataclasses import replace

    rnd = random.Random(2000 + seed)
    tasks, links = plan(rnd, rnd.choice((15, 40, 90)))
    status = START + timedelta(days=5)
    before = schedule(tasks, links, CAL, START, status)
    before.precompute()
    leaves = [i for i, t in enumerate(tasks) if t.duration]
    edited = list(tasks)
    for i in rnd.sample(leaves, min(3, len(leaves))):
        edited[i] = replace(tasks[i], duration=rnd.choice((0, 2, 7)), percent_complete=rnd.choice((0.0, 50.0)))
    shared = schedule(edited, links, CAL, START, status)
    shared.share_indexes(before)
    assert shared._net.link_src is before._net.link_src
    assert shared._net.summary_order() is before._net.summary_order()
    own = schedule(edited, links, CAL, START, status)
    assert {t.id: astuple(shared.tasks[t.id]) for t in tasks} == {t.id: astuple(own.tasks[t.id]) for t in tasks}
    # the same tasks in the same order under other parents: nothing is shared
    leaf = next(t for t in tasks if t.parent is not None and t.id not in {x.parent for x in tasks})
    moved = [replace(t, parent=None) if t is leaf else t for t in tasks]
    other = schedule(moved, links, CAL, START, status)
    other.share_indexes(before)
    assert other._net._src is None and other._net._summary_order is None


def results(r, tasks):
    return (
        {t.id: astuple(r.tasks[t.id]) for t in tasks},
        [(v.task_id, v.kind, v.message) for v in r.violations],
        r.critical_paths(),
        (r.start, r.finish),
    )


def test_an_edited_copy_takes_the_order_of_the_passes_only_from_the_same_graph():
    # Plans whose links run backwards in input order are sorted before the passes; an edited
    # copy (schedule's ``like``) takes the earlier ranks and stream order instead, and must give
    # exactly the schedule it would have sorted for itself. Progress edits give links other
    # source slots, so they are part of the check.
    from dataclasses import replace

    taken = 0
    for seed in range(24):
        rnd = random.Random(3000 + seed)
        tasks, links = plan(rnd, rnd.choice((15, 40, 90)))
        tops = [i for i, t in enumerate(tasks) if t.parent is None]
        if seed % 4 == 2:
            tasks = tasks[::-1]  # not even outline order
        elif seed % 4 != 1 and len(tops) > 1:
            k = rnd.choice(tops[1:])  # a later top-level branch first: still outline order
            tasks = tasks[k:] + tasks[:k]
        if seed % 4 in (1, 3):
            links = rnd.sample(links, len(links))  # not by successor: the stream is sorted
        status = START + timedelta(days=5) if seed % 2 else None
        before = schedule(tasks, links, CAL, START, status)
        leaves = [i for i, t in enumerate(tasks) if t.duration]
        edited = list(tasks)
        for i in rnd.sample(leaves, min(3, len(leaves))):
            edited[i] = replace(tasks[i], duration=rnd.choice((0, 2, 7)),
                                percent_complete=rnd.choice((0.0, 50.0, 100.0)))
        again = schedule(edited, links, CAL, START, status, like=before)
        if before._net.rank is not None or before._net.order is not None:
            taken += 1
            assert again._net.rank is before._net.rank
            assert again._net.order is before._net.order and again._net.keys is before._net.keys
        assert results(again, tasks) == results(schedule(edited, links, CAL, START, status), tasks)
        # another outline, or other links: nothing is taken
        leaf = next(t for t in tasks if t.parent is not None and t.id not in {x.parent for x in tasks})
        moved = [replace(t, parent=None) if t.id == leaf.id else t for t in edited]
        for t2, l2 in ((moved, links), (edited, links[1:])):
            other = schedule(t2, l2, CAL, START, status, like=before)
            assert other._net.keys is None or other._net.keys is not before._net.keys
            assert results(other, tasks if t2 is edited else moved) == results(schedule(t2, l2, CAL, START, status),
                                                                               tasks if t2 is edited else moved)
    assert taken >= 18  # most of these plans take a sorted path


@pytest.mark.parametrize("m, size", [(0, 5), (1, 1), (7, 3), (40, 40), (300, 12), (25, 100)])
def test_links_grouped_by_target_keep_their_order_among_equal_targets(m, size):
    # The stream's order when links come in no order: a list per target when there are at least
    # as many links as nodes, a sort otherwise; both must be the stable sort by target, since
    # the passes and the explanations read links into a task in their input order.
    from pmtui.scheduling.network import _grouped

    rnd = random.Random(m * 1000 + size)
    keys = [rnd.randrange(size) for _ in range(m)]
    assert _grouped(keys, size) == sorted(range(m), key=keys.__getitem__)


@pytest.mark.parametrize("seed", range(8))
def test_dense_links_in_no_order_give_the_same_schedule(seed, monkeypatch):
    # More links than nodes in no order: grouped by a list per target (network._grouped); the
    # build's sort by successor (network._stream_order) is left out here, so that the lists are
    # what orders them
    from pmtui.scheduling import network

    dense = []
    real = network._grouped
    monkeypatch.setattr(network, "_grouped", lambda keys, size: dense.append(len(keys) >= size) or real(keys, size))
    monkeypatch.setattr(network, "_stream_order", lambda links, ids: links)
    rnd = random.Random(7000 + seed)
    tasks, links = plan(rnd, rnd.choice((40, 90, 200)))
    leaves = [t.id for t in tasks if not any(u.parent == t.id for u in tasks)]
    for i in range(1, len(leaves)):  # a second and third predecessor for most leaves
        for _ in range(rnd.choice((1, 2))):
            links.append(LinkSpec(leaves[rnd.randrange(max(0, i - 20), i)], leaves[i], LinkType.FS, rnd.choice((0, 1))))
    status = START + timedelta(days=5) if seed % 2 else None
    expected = outcome(tasks, sorted(links, key=lambda lk: [t.id for t in tasks].index(lk.succ)), status)
    dense.clear()
    assert outcome(tasks, rnd.sample(links, len(links)), status) == expected
    assert dense == [True]


@pytest.mark.parametrize("seed", range(8))
def test_links_in_no_order_are_sorted_by_successor_before_the_stream_is_built(seed, monkeypatch):
    # Task ids rising in WBS order and links in no order: the build sorts the links by successor
    # (a C-level sort replaces the grouping), giving the same schedule as the links by
    # successor, with link indexes in the caller's order; ids in no order leave the links as
    # they came, for the grouping to order
    from pmtui.scheduling import network

    grouped = []
    real = network._grouped
    monkeypatch.setattr(network, "_grouped", lambda keys, size: grouped.append(len(keys)) or real(keys, size))
    rnd = random.Random(9100 + seed)
    tasks, links = plan(rnd, 200)
    leaves = [t.id for t in tasks if not any(u.parent == t.id for u in tasks)]
    for i in range(1, len(leaves)):
        for _ in range(2):
            links.append(LinkSpec(leaves[rnd.randrange(max(0, i - 20), i)], leaves[i], LinkType.FS, rnd.choice((0, 1))))
    assert len(links) >= 256 and [t.id for t in tasks] == sorted(t.id for t in tasks)
    status = START + timedelta(days=5) if seed % 2 else None
    expected = outcome(tasks, sorted(links, key=lambda lk: lk.succ), status)
    shuffled = rnd.sample(links, len(links))
    by_succ = sorted(shuffled, key=lambda lk: lk.succ)  # stable: input order among equal targets
    assert network._stream_order(tuple(shuffled), [t.id for t in tasks]) == by_succ
    grouped.clear()
    r = schedule(tasks, shuffled, CAL, START, status)
    assert outcome(tasks, shuffled, status) == expected
    if not r._net.backwards:  # a link running backwards in WBS order takes the ranked path
        assert grouped == []
    # link k of the result is the caller's link k
    assert [r._net.ids[a] for a in r._net.link_src] == [lk.pred for lk in shuffled]
    assert [r._net.ids[b] for b in r._net.link_dst] == [lk.succ for lk in shuffled]
    # ids falling in WBS order: the links stay as they came and are grouped
    renumber = {t.id: 10_000 - t.id for t in tasks}
    tasks2 = [replace(t, id=renumber[t.id], parent=None if t.parent is None else renumber[t.parent]) for t in tasks]
    links2 = [replace(lk, pred=renumber[lk.pred], succ=renumber[lk.succ]) for lk in shuffled]
    assert network._stream_order(tuple(links2), [t.id for t in tasks2]) == tuple(links2)
    grouped.clear()
    schedule(tasks2, links2, CAL, START, status)
    assert grouped


@pytest.mark.parametrize("seed", range(8))
def test_tasks_in_no_order_are_numbered_in_outline_order_first(seed):
    # Tasks handed over in no order are numbered in outline order, siblings by id, before the
    # stream is built (network._plan_order), so the passes read their slots in sequence: the
    # schedule is the plan's in WBS order, and the result still lists the tasks in the
    # caller's order
    rnd = random.Random(9500 + seed)
    tasks, links = plan(rnd, rnd.choice((40, 120, 300)))
    status = START + timedelta(days=5) if seed % 2 else None
    wbs = [t.id for t in tasks]  # plan() makes ids that rise in WBS order
    assert wbs == sorted(wbs)
    expected = outcome(tasks, links, status)
    assert schedule(tasks, links, CAL, START, status)._net.given_ids is None  # in order: kept
    for given in (rnd.sample(tasks, len(tasks)), tasks[::-1]):
        r = schedule(given, rnd.sample(links, len(links)), CAL, START, status)
        assert r._net.ids == wbs and r._net.ordered
        assert list(r.tasks) == list(r.dates) == [t.id for t in given]
        assert outcome(given, links, status) == expected


def test_a_flat_plan_is_numbered_by_id_only_when_its_links_run_that_way():
    # No summaries: a list in no order whose links run from lower to higher ids is numbered by
    # id; a list in the order its links run keeps that order whatever its ids
    rnd = random.Random(17)
    n = 400
    tasks = [TaskSpec(i, f"T{i}", rnd.randint(0, 6)) for i in range(1, n + 1)]
    links = [LinkSpec(p, s, rnd.choice(TYPES), rnd.choice((0, 1, -1)))
             for s in range(2, n + 1) for p in rnd.sample(range(max(1, s - 30), s), min(2, s - 1))]
    expected = outcome(tasks, links, None)
    shuffled = rnd.sample(tasks, n)
    r = schedule(shuffled, links, CAL, START)
    assert r._net.ids == list(range(1, n + 1))
    assert list(r.tasks) == [t.id for t in shuffled]
    assert outcome(shuffled, links, None) == expected
    # the same plan with ids in no order (ids given by another numbering), in the links' order
    new_id = dict(zip(range(1, n + 1), rnd.sample(range(1, 5 * n), n)))
    tasks2 = [replace(t, id=new_id[t.id]) for t in tasks]
    links2 = [replace(lk, pred=new_id[lk.pred], succ=new_id[lk.succ]) for lk in links]
    r2 = schedule(tasks2, links2, CAL, START)
    assert r2._net.given_ids is None and r2._net.ids == [t.id for t in tasks2]
    assert {new_id[i]: r.tasks[i].start for i in new_id} == {i: ts.start for i, ts in r2.tasks.items()}


def test_a_task_before_its_summary_that_the_sample_misses_goes_through_kahns_sort(monkeypatch):
    # _plan_order looks at a sample of the tasks: a plan in outline order but for one task
    # placed before its summary between two sampled places keeps the input order and takes
    # Kahn's sort, with the same schedule
    from pmtui.scheduling import network

    kahn = []
    real = network._kahn
    monkeypatch.setattr(network, "_kahn", lambda *a: kahn.append(1) or real(*a))
    rnd = random.Random(23)
    tasks, links = plan(rnd, 300)
    expected = outcome(tasks, links, None)
    step = (len(tasks) >> 6) + 1
    pos = {t.id: i for i, t in enumerate(tasks)}
    i = next(i for i in range(len(tasks) - 1, 0, -1)
             if tasks[i].parent is not None and pos[tasks[i].parent] % step)
    moved = list(tasks)
    leaf = moved.pop(i)
    moved.insert(pos[leaf.parent], leaf)  # just before its summary, off the sample
    kahn.clear()
    r = schedule(moved, links, CAL, START)
    assert r._net.given_ids is None and not r._net.ordered and kahn
    assert outcome(moved, links, None) == expected
