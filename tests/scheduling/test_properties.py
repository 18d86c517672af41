"""Property tests on random networks (hypothesis)."""

from __future__ import annotations

import random
from dataclasses import astuple
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.scheduling import ConstraintType, LinkSpec, LinkType, TaskSpec, WorkCalendar, schedule

MONDAY = date(2027, 1, 4)
CAL = WorkCalendar(anchor=MONDAY, exceptions={date(2027, 1, 20): False, date(2027, 2, 6): True})
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def networks(draw, types=tuple(LinkType), lags=st.integers(-3, 5), summaries=True):
    n = draw(st.integers(1, 25))
    durs = draw(st.lists(st.integers(0, 8), min_size=n, max_size=n))
    order = draw(st.permutations(range(1, n + 1)))  # a hidden topological order
    tasks = [TaskSpec(i, f"T{i}", durs[i - 1]) for i in range(1, n + 1)]
    links = []
    for k in range(1, n):
        for j in draw(st.lists(st.integers(0, k - 1), max_size=3, unique=True)):
            links.append(LinkSpec(order[j], order[k], draw(st.sampled_from(types)), draw(lags)))
    if summaries and n >= 3 and draw(st.booleans()):
        # one summary over a run of tasks that nothing links out of or into from inside
        tasks.append(TaskSpec(100, "S"))
        for t in tasks[: n // 2]:
            t.parent = 100
    return tasks, links


def bounds(r, tid):
    v = r._net.index[tid]
    return r._es[v], r._ef[v]


def requirement(r, lk):
    es, ef = bounds(r, lk.pred)
    d = r._net.dur[r._net.index[lk.succ]]
    return {
        LinkType.FS: ef + lk.lag, LinkType.SS: es + lk.lag,
        LinkType.FF: ef + lk.lag - d, LinkType.SF: es + lk.lag - d,
    }[lk.type]


@SETTINGS
@given(networks())
def test_no_task_starts_before_its_predecessors_allow(net):
    tasks, links = net
    r = schedule(tasks, links, CAL, MONDAY)
    p0 = CAL.index_on_or_after(MONDAY)
    for t in tasks:
        es, _ = bounds(r, t.id)
        assert es >= p0
    for lk in links:
        assert bounds(r, lk.succ)[0] >= requirement(r, lk)


@SETTINGS
@given(networks())
def test_total_float_is_never_negative_without_constraints(net):
    tasks, links = net
    r = schedule(tasks, links, CAL, MONDAY)
    assert not r.violations
    for ts in r.tasks.values():
        assert ts.total_float >= 0
        assert ts.free_float >= 0
        assert ts.critical == (ts.total_float == 0)
        assert ts.es <= ts.ls and ts.ef <= ts.lf
        assert ts.finish <= r.finish


@SETTINGS
@given(networks(types=(LinkType.FS,), lags=st.integers(0, 3), summaries=False))
def test_critical_path_length_is_the_project_length(net):
    tasks, links = net
    r = schedule(tasks, links, CAL, MONDAY)
    p0 = CAL.index_on_or_after(MONDAY)
    pf = r._pf
    lag = {(lk.pred, lk.succ): lk.lag for lk in links}
    dur = {t.id: t.duration for t in tasks}
    paths = r.critical_paths()
    assert paths
    for path in paths:
        length = sum(dur[t] for t in path) + sum(lag[a, b] for a, b in zip(path, path[1:]))
        assert bounds(r, path[0])[0] == p0
        assert p0 + length == pf
        assert all(r.tasks[t].critical for t in path)


@SETTINGS
@given(networks(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_input_order(net, rnd):
    tasks, links = net
    r1 = schedule(tasks, links, CAL, MONDAY)
    t2, l2 = list(tasks), list(links)
    rnd.shuffle(t2)
    rnd.shuffle(l2)
    r2 = schedule(t2, l2, CAL, MONDAY)
    assert r1.finish == r2.finish
    for t in tasks:
        assert astuple(r1.tasks[t.id]) == astuple(r2.tasks[t.id])
        assert r1.explain(t.id) == r2.explain(t.id)
    assert r1.critical_paths() == r2.critical_paths()


def test_order_independence_with_constraints_progress_and_summaries():
    rnd = random.Random(5)
    for _ in range(20):
        n = 40
        tasks = [TaskSpec(i, f"T{i}", rnd.randint(0, 6)) for i in range(1, n + 1)]
        for t in rnd.sample(tasks, 6):
            t.constraint = rnd.choice(list(ConstraintType)[2:])
            t.constraint_date = date(2027, 1, rnd.randint(5, 28))
        for t in rnd.sample(tasks, 4):
            t.actual_start = date(2027, 1, 4)
            t.percent_complete = rnd.choice((10, 50, 100))
        tasks += [TaskSpec(100, "S1"), TaskSpec(101, "S2", parent=100)]
        for t in tasks[5:12]:
            t.parent = 100
        for t in tasks[8:11]:
            t.parent = 101
        links = [LinkSpec(a, b, rnd.choice(list(LinkType)), rnd.randint(-2, 3))
                 for b in range(13, n + 1) for a in rnd.sample(range(1, b), 2)]
        links.append(LinkSpec(1, 100))
        links.append(LinkSpec(101, 30, LinkType.FF))
        r1 = schedule(tasks, links, CAL, MONDAY, status_date=date(2027, 1, 12))
        rnd.shuffle(tasks)
        rnd.shuffle(links)
        r2 = schedule(tasks, links, CAL, MONDAY, status_date=date(2027, 1, 12))
        assert [astuple(r1.tasks[t.id]) for t in tasks] == [astuple(r2.tasks[t.id]) for t in tasks]
        assert [astuple(v) for v in r1.violations] == [astuple(v) for v in r2.violations]


def test_the_dates_view_gives_what_tasks_gives_but_the_driving_links():
    """``dates`` builds every task in one sweep (for file writers); ``tasks`` one at a time with
    _make and free_float_index; ``finish_of`` a task's finish alone. Random plans with every constraint (ALAP too), deadlines,
    progress, nested summaries and links to and from them."""
    rnd = random.Random(11)
    for _ in range(30):
        n = 40
        tasks = [TaskSpec(i, f"T{i}", rnd.randint(0, 6)) for i in range(1, n + 1)]
        for t in rnd.sample(tasks, 8):
            t.constraint = rnd.choice(list(ConstraintType)[1:])
            if t.constraint is not ConstraintType.ALAP:
                t.constraint_date = date(2027, 1, rnd.randint(5, 28))
        for t in rnd.sample(tasks, 5):
            t.deadline = date(2027, 1, rnd.randint(6, 29))
        for t in rnd.sample(tasks, 5):
            t.actual_start = date(2027, 1, 4)
            t.percent_complete = rnd.choice((10, 50, 100))
        tasks += [TaskSpec(100, "S1"), TaskSpec(101, "S2", parent=100), TaskSpec(102, "S3"),
                  TaskSpec(103, "S4 (done)")]
        for t in tasks[5:12]:
            t.parent = 100
        for t in tasks[8:11]:
            t.parent = 101
        for t in tasks[20:23]:
            t.parent = 102
        for t in tasks[25:27]:
            t.parent = 103
            t.actual_start, t.percent_complete = date(2027, 1, 4), 100
        links = [LinkSpec(a, b, rnd.choice(list(LinkType)), rnd.randint(-2, 3))
                 for b in range(13, n + 1) for a in rnd.sample(range(1, b), 2) if not 21 <= a <= 23]
        links += [LinkSpec(1, 100), LinkSpec(101, 30, LinkType.FF), LinkSpec(102, 35, LinkType.SS)]
        r = schedule(tasks, links, CAL, MONDAY, status_date=date(2027, 1, rnd.choice((4, 12))))
        # finish_of, asked before ``tasks`` has built (and cached) any task
        finishes = [r.finish_of(t.id) for t in tasks]
        assert finishes == [r.tasks[t.id].finish for t in tasks]
        for t in tasks:
            full, brief = astuple(r.tasks[t.id]), astuple(r.dates[t.id])
            assert brief[16:18] == ((), "not computed")
            assert brief[:16] + brief[18:] == full[:16] + full[18:], t.id
        assert list(r.dates) == [t.id for t in tasks]
        # work_spans: the same days as the task's own start and finish, for tasks with work
        cal, spans = r.calendar, r.work_spans()
        for t in tasks:
            ts = r.tasks[t.id]
            if ts.summary or ts.milestone:
                assert t.id not in spans
            else:
                first, last, finished = spans[t.id]
                assert (cal.date_of(first), cal.date_of(last), finished) == (ts.start, ts.finish, ts.completed)
