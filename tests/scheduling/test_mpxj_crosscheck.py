"""Cross-check against an independent engine: MPXJ's MicrosoftScheduler (the MS Project-style
CPM scheduler in org.mpxj.cpm, PyPI package ``mpxj`` >= 13, driven through JPype).

For random networks (20-60 tasks, FS/SS/FF/SF, lags and leads, milestones) both engines schedule
the same plan on the same Monday-Friday calendar; we compare, task by task, the early and late
start and finish, and total slack. Dates are compared as working-day boundaries (MS Project puts
a start at 08:00 and a finish at 17:00; 17:00 on day d and 08:00 on day d+1 are the same
working-time instant, see DESIGN's milestone rule), so the comparison does not depend on how
either side prints a milestone.

Further down: other work weeks, holidays and worked days; summaries nested three deep with every
dated constraint; progress (finished and reached milestones, percent, remaining duration). DESIGN's
"nothing before the project start" is given to MPXJ as a Start No Earlier Than the project start
on every ASAP task, so leads need no kick-off task there.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from pmtui.scheduling import ConstraintType, LinkSpec, LinkType, TaskSpec, WorkCalendar, schedule, work_split

pytestmark = pytest.mark.slow

START = date(2027, 1, 4)  # a Monday


@pytest.fixture(scope="session")
def mpxj_env():
    jpype = pytest.importorskip("jpype")
    pytest.importorskip("mpxj")  # adds MPXJ's jars to the class path
    import shutil

    if shutil.which("java") is None and not jpype.getDefaultJVMPath():
        pytest.skip("no Java runtime")
    if not jpype.isJVMStarted():
        jpype.startJVM()
    from java.time import DayOfWeek, LocalDate, LocalDateTime, LocalTime  # noqa: E402
    from org.mpxj import (  # noqa: E402
        ConstraintType, DayType, Duration, LocalTimeRange, ProjectFile, Relation, RelationType, TimeUnit,
    )
    from org.mpxj.cpm import MicrosoftScheduler  # noqa: E402

    types = {
        LinkType.FS: RelationType.FINISH_START,
        LinkType.SS: RelationType.START_START,
        LinkType.FF: RelationType.FINISH_FINISH,
        LinkType.SF: RelationType.START_FINISH,
    }
    return dict(LocalDateTime=LocalDateTime, LocalDate=LocalDate, ConstraintType=ConstraintType, Duration=Duration, ProjectFile=ProjectFile,
                Relation=Relation, TimeUnit=TimeUnit, MicrosoftScheduler=MicrosoftScheduler,
                types=types, DayType=DayType, LocalTimeRange=LocalTimeRange,
                week=[getattr(DayOfWeek, d) for d in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                                                      "FRIDAY", "SATURDAY", "SUNDAY")],
                day_hours=[(LocalTime.of(8, 0), LocalTime.of(12, 0)), (LocalTime.of(13, 0), LocalTime.of(17, 0))])


_MPXJ_CONSTRAINT = {
    "SNET": "START_NO_EARLIER_THAN", "SNLT": "START_NO_LATER_THAN",
    "FNET": "FINISH_NO_EARLIER_THAN", "FNLT": "FINISH_NO_LATER_THAN",
    "MSO": "MUST_START_ON", "MFO": "MUST_FINISH_ON",
}


def run_mpxj(env, tasks: list[TaskSpec], links: list[LinkSpec], holidays=(), *, start_day: date = START,
             workdays=(0, 1, 2, 3, 4), exceptions=None, floor: bool = False) -> dict[int, dict]:
    """MPXJ's schedule of the plan. ``workdays``/``exceptions`` as WorkCalendar's; progress is
    read off the specs (percent, actual dates, remaining; MPXJ has no status date). ``floor``:
    give every ASAP task a Start No Earlier Than the project start, which is DESIGN's rule that
    nothing starts before it (MPXJ lets a lead pull a task earlier)."""
    Duration, TimeUnit = env["Duration"], env["TimeUnit"]
    pf = env["ProjectFile"]()
    cal = pf.addDefaultBaseCalendar()  # Monday-Friday, 08:00-17:00
    for i, dow in enumerate(env["week"]):
        if i not in workdays:
            cal.setCalendarDayType(dow, env["DayType"].NON_WORKING)
        elif i >= 5:
            cal.setCalendarDayType(dow, env["DayType"].WORKING)
            hours = cal.addCalendarHours(dow)
            for a, b in env["day_hours"]:
                hours.add(env["LocalTimeRange"](a, b))
    exceptions = dict(exceptions or {})
    exceptions.update((d, False) for d in holidays)
    for day, working in exceptions.items():
        ex = cal.addCalendarException(env["LocalDate"].of(day.year, day.month, day.day),
                                      env["LocalDate"].of(day.year, day.month, day.day))
        if working:
            for a, b in env["day_hours"]:
                ex.add(env["LocalTimeRange"](a, b))
    pf.setDefaultCalendar(cal)
    at = lambda d, hour: env["LocalDateTime"].of(d.year, d.month, d.day, hour, 0)  # noqa: E731
    start = at(start_day, 8)
    pf.getProjectProperties().setStartDate(start)
    jt = {}
    pending = list(tasks)
    while pending:  # parents first, so a child can be added under its summary
        later = []
        for t in pending:
            if t.parent is not None and t.parent not in jt:
                later.append(t)
                continue
            jt[t.id] = (jt[t.parent] if t.parent is not None else pf).addTask()
        pending = later
    parents = {t.parent for t in tasks}
    for t in tasks:
        j = jt[t.id]
        j.setName(t.name)
        days = lambda d: Duration.getInstance(d, TimeUnit.DAYS)  # noqa: E731
        milestone = t.duration == 0 and t.id not in parents
        done = t.actual_finish is not None or t.percent_complete >= 100
        if done or t.actual_start is not None:
            # MS Project's fields: Duration = actual + remaining; a milestone sits at 17:00 of
            # its day (08:00 on the project's first day, DESIGN's rule)
            worked, rem = (t.duration, 0) if done else work_split(t.duration, t.percent_complete, t.remaining)
            j.setDuration(days(worked + rem))
            j.setActualDuration(days(worked))
            j.setRemainingDuration(days(rem))
            j.setPercentageComplete(100 if done else t.percent_complete)
            a = t.actual_start or t.actual_finish
            j.setActualStart(at(a, 17 if milestone and a > start_day else 8))
            if t.actual_finish is not None:
                f = t.actual_finish
                j.setActualFinish(at(f, 8 if milestone and f <= start_day else 17))
        else:
            j.setDuration(days(t.duration))
            j.setActualDuration(days(0))
            j.setRemainingDuration(days(t.duration))
            j.setPercentageComplete(0)
        j.setMilestone(milestone)
        if floor and t.constraint == "ASAP" and t.id not in parents:
            j.setConstraintType(env["ConstraintType"].START_NO_EARLIER_THAN)
            j.setConstraintDate(start)
        if t.constraint == "ALAP":
            j.setConstraintType(env["ConstraintType"].AS_LATE_AS_POSSIBLE)
        if t.constraint_date is not None:
            j.setConstraintType(env["ConstraintType"].valueOf(_MPXJ_CONSTRAINT[t.constraint]))
            c = t.constraint_date
            hour = 17 if t.constraint.value.startswith(("F", "MF")) else 8
            j.setConstraintDate(env["LocalDateTime"].of(c.year, c.month, c.day, hour, 0))
        if t.deadline is not None:
            d = t.deadline
            j.setDeadline(env["LocalDateTime"].of(d.year, d.month, d.day, 17, 0))
    for lk in links:
        jt[lk.succ].addPredecessor(
            env["Relation"].Builder()
            .predecessorTask(jt[lk.pred])
            .type(env["types"][lk.type])
            .lag(Duration.getInstance(lk.lag, TimeUnit.DAYS))
        )
    env["MicrosoftScheduler"]().schedule(pf, start)
    out = {}
    for tid, j in jt.items():
        out[tid] = {
            "es": _dt(j.getEarlyStart()), "ef": _dt(j.getEarlyFinish()),
            "ls": _dt(j.getLateStart()), "lf": _dt(j.getLateFinish()),
            "tf": float(j.getTotalSlack().getDuration()),
            "ff": float(j.getFreeSlack().getDuration()) if j.getFreeSlack() is not None else None,
            "critical": bool(j.getCritical()),
        }
    return out


def _dt(x) -> datetime:
    return datetime(x.getYear(), x.getMonthValue(), x.getDayOfMonth(), x.getHour(), x.getMinute())


def boundary(cal: WorkCalendar, when: datetime) -> int:
    """Working-day boundary of an MS Project date-time: 08:00 on day d is d, 17:00 is d + 1."""
    if when.hour >= 17:
        return cal.index_on_or_before(when.date()) + 1
    return cal.index_on_or_after(when.date())


def random_network(rnd: random.Random, n: int, kickoff: bool = False) -> tuple[list[TaskSpec], list[LinkSpec]]:
    tasks = [TaskSpec(i, f"T{i}", rnd.choice((0, 1, 1, 2, 3, 4, 5, 8, 10))) for i in range(1, n + 1)]
    links = []
    seen = set()
    for i in range(2, n + 1):
        for _ in range(rnd.choice((0, 1, 1, 2, 2, 3))):
            p = rnd.randint(max(1, i - 12), i - 1)
            t = rnd.choice([LinkType.FS] * 5 + [LinkType.SS, LinkType.FF, LinkType.SF])
            if (p, i) in seen:
                continue
            seen.add((p, i))
            links.append(LinkSpec(p, i, t, rnd.choice((0, 0, 0, 1, 2, 3, -1, -2))))
    if kickoff:
        # A 10-day kick-off every task follows (FS) keeps leads from reaching the project start,
        # where the two engines differ by design (see below).
        tasks.append(TaskSpec(0, "Kick-off", 10))
        links.extend(LinkSpec(0, t.id) for t in tasks[:-1])
    return tasks, links


def ours_in_boundaries(result, cal) -> dict[int, dict]:
    out = {}
    for tid, ts in result.tasks.items():
        v = result._net.index[tid]
        result._finalize()
        es, ef = result._es[v], result._ef[v]
        if ts.summary:
            es, ef = result._sched_s[v], result._sched_f[v]
        out[tid] = {"es": es, "ef": ef, "ls": result._ls[v], "lf": result._lf[v], "tf": ts.total_float}
    return out


def test_random_networks_match_mpxj_microsoft_scheduler(mpxj_env):
    rnd = random.Random(20270104)
    cal = WorkCalendar(anchor=START)
    mismatches = []
    compared = skipped = 0
    for case in range(40):
        tasks, links = random_network(rnd, rnd.randint(20, 60), kickoff=case % 3 != 0)
        ours = schedule(tasks, links, cal, START)
        mine = ours_in_boundaries(ours, cal)
        theirs = run_mpxj(mpxj_env, tasks, links)
        if any(boundary(cal, th["es"]) < 0 for th in theirs.values()):
            # MPXJ's MicrosoftScheduler lets a lead pull a task before the project start; DESIGN
            # keeps it at the start (as Primavera does), so such plans differ by design.
            skipped += 1
            continue
        compared += 1
        for tid, th in theirs.items():
            got = {k: boundary(cal, th[k]) for k in ("es", "ef", "ls", "lf")}
            got["tf"] = th["tf"]
            want = mine[tid]
            if got != want:
                mismatches.append((case, tid, want, got))
    assert compared >= 20, (compared, skipped)
    print(f"compared {compared} networks with MPXJ, {skipped} skipped (a lead reaches the start)")
    assert not mismatches, f"{len(mismatches)} differences, first: {mismatches[:3]}"


def rich_network(rnd: random.Random, n: int):
    """Summaries (links to and from them), constraints of every kind, deadlines, and a holiday:
    all built so that MS Project's rules and DESIGN's agree (no leads before the start)."""
    from pmtui.scheduling import ConstraintType as C

    tasks, links = random_network(rnd, n, kickoff=True)
    by_id = {t.id: t for t in tasks}
    # wrap runs of consecutive tasks in summaries; links to a summary only from earlier tasks
    # and from it only to later ones, and only FS/SS to it (MS Project's rule)
    next_id = 1000
    ids = sorted(t.id for t in tasks if t.id)
    i = 0
    while i < len(ids) - 4:
        if rnd.random() < 0.4:
            size = rnd.randint(2, 4)
            s = TaskSpec(next_id, f"S{next_id}")
            next_id += 1
            tasks.append(s)
            for tid in ids[i:i + size]:
                by_id[tid].parent = s.id
            before = [x for x in ids[:i] if x]
            after = ids[i + size:]
            if before and rnd.random() < 0.7:
                links.append(LinkSpec(rnd.choice(before), s.id, rnd.choice((LinkType.FS, LinkType.SS)),
                                      rnd.choice((0, 1, 2))))
            if after and rnd.random() < 0.7:
                # Only finish-based links leave a summary here: for SS/SF from a summary, MPXJ
                # ties the link to one particular subtask (its "earliest" by its own measure),
                # where we bound every task that starts with the summary.
                links.append(LinkSpec(s.id, rnd.choice(after), rnd.choice((LinkType.FS, LinkType.FF)),
                                      rnd.choice((0, 1))))
            i += size
        else:
            i += 1
    dated = [C.SNET, C.SNLT, C.FNET, C.FNLT, C.MSO, C.MFO]
    for t in tasks:
        if t.id in by_id and t.id:
            r = rnd.random()
            if r < 0.12:
                t.constraint = rnd.choice(dated)
                t.constraint_date = START + timedelta(days=rnd.randint(10, 40))
            # ALAP is left out: MS Project lets an ALAP task's late placement push its successors
            # in ways MPXJ reproduces only in part; we keep successors on its early dates.
            elif r < 0.2:
                t.deadline = START + timedelta(days=rnd.randint(15, 50))
    return tasks, links


def test_summaries_constraints_deadlines_holidays_match_mpxj(mpxj_env):
    rnd = random.Random(7)
    holidays = (date(2027, 1, 18), date(2027, 2, 15))
    cal = WorkCalendar(anchor=START, exceptions={d: False for d in holidays})
    mismatches = []
    for case in range(15):
        tasks, links = rich_network(rnd, rnd.randint(20, 40))
        ours = schedule(tasks, links, cal, START)
        mine = ours_in_boundaries(ours, cal)
        theirs = run_mpxj(mpxj_env, tasks, links, holidays)
        for tid, th in theirs.items():
            got = {k: boundary(cal, th[k]) for k in ("es", "ef", "ls", "lf")}
            got["tf"] = th["tf"]
            want = dict(mine[tid])
            if tid >= 1000:
                # Summaries: early dates roll up in both engines; late dates and floats follow
                # the brief here (the min of the children's), not MS Project's own summary rule.
                got = {k: got[k] for k in ("es", "ef")}
                want = {k: want[k] for k in ("es", "ef")}
            elif th["ff"] is not None:
                got["ff"] = th["ff"]
                want["ff"] = ours.tasks[tid].free_float
            if got != want:
                mismatches.append((case, tid, want, got))
    assert not mismatches, f"{len(mismatches)} differences, first: {mismatches[:3]}"


def test_milestone_dates_shown_match_mpxj(mpxj_env):
    """The date a milestone shows is the date of MS Project's instant: one that follows a finish
    sits at 17:00 of that day, one placed by a start constraint at 08:00 of the constraint's day."""
    from pmtui.scheduling import ConstraintType as CT

    cal = WorkCalendar(anchor=START)
    go_live = date(2027, 1, 18)  # a Monday, later than the logic would put it
    tasks = [
        TaskSpec(1, "Build", 3),
        TaskSpec(2, "Built", 0),
        TaskSpec(3, "Go-live", 0, constraint=CT.MSO, constraint_date=go_live),
        TaskSpec(4, "Hypercare", 2),
        TaskSpec(5, "Sign-off", 0, constraint=CT.SNET, constraint_date=date(2027, 1, 27)),
    ]
    links = [LinkSpec(1, 2), LinkSpec(2, 3), LinkSpec(3, 4), LinkSpec(4, 5)]
    ours = schedule(tasks, links, cal, START)
    theirs = run_mpxj(mpxj_env, tasks, links)
    shown = {tid: (ts.early_start, ts.early_finish) for tid, ts in ours.tasks.items()}
    want = {tid: (th["es"].date(), th["ef"].date()) for tid, th in theirs.items()}
    assert shown == want
    assert shown[3] == (go_live, go_live) and shown[2] == (date(2027, 1, 6),) * 2


def test_a_milestone_still_to_come_is_dated_on_or_after_the_status_date_as_in_mpxj(mpxj_env):
    """Build ran Monday 4 to Wednesday 6 January 2027; "Built" after it is not reached by the
    status date, Wednesday 13 January, the first day of unfinished work. MS Project schedules
    unfinished work from the status date with "reschedule uncompleted work to start after" it,
    a Start No Earlier Than at its 08:00 (pmtui writes <StatusDate> at 08:00), so MPXJ gets that
    constraint on every unfinished task. Both date Built 13 January, Test 13-14 January and
    Signed off at the end of Thursday 14 January. pmtui dated Built Tuesday 12 January, the
    end of the day before the status date: a milestone still to come shown in the past."""
    from dataclasses import replace

    from pmtui.scheduling import ConstraintType as CT

    cal = WorkCalendar(anchor=START)
    status = date(2027, 1, 13)
    tasks = [
        TaskSpec(1, "Build", 3, actual_start=START, actual_finish=date(2027, 1, 6), percent_complete=100),
        TaskSpec(2, "Built", 0),
        TaskSpec(3, "Test", 2),
        TaskSpec(4, "Signed off", 0),
    ]
    links = [LinkSpec(1, 2), LinkSpec(2, 3), LinkSpec(3, 4)]
    ours = schedule(tasks, links, cal, START, status_date=status)
    after_status = [t if t.actual_finish else replace(t, constraint=CT.SNET, constraint_date=status) for t in tasks]
    theirs = run_mpxj(mpxj_env, after_status, links)
    shown = {tid: (ts.start, ts.finish) for tid, ts in ours.tasks.items()}
    want = {tid: (th["es"].date(), th["ef"].date()) for tid, th in theirs.items()}
    assert shown == want
    assert shown[2] == (status, status) and shown[4] == (date(2027, 1, 14),) * 2
    assert ours.tasks[2].late_start == status  # its late date too: no late start before the early one
    assert ours.explain(2) == ["Built is dated 2027-01-13: work not yet done is scheduled from the status date "
                               "(2027-01-13) on"]


# -- calendars, nested summaries, every constraint, progress ---------------------------------------


def outline_network(rnd: random.Random, n: int, start: date, constraints: float = 0.0,
                    deadlines: float = 0.0) -> tuple[list[TaskSpec], list[LinkSpec]]:
    """Tasks 1..n in WBS order under summaries 1000.. nested up to three deep, links of every type
    with lags and leads (milestones among the tasks), FS/SS links to summaries, FS/FF links
    from them (MPXJ ties an SS/SF link from a summary to one subtask, see above), and dated
    constraints of every kind, before and after what the logic gives."""
    tasks: list[TaskSpec] = []
    under: dict[int, list[int]] = {}
    stack: list[int] = []
    sid = 1000
    for i in range(1, n + 1):
        while stack and rnd.random() < 0.3:
            stack.pop()
        while len(stack) < 3 and rnd.random() < 0.25:
            tasks.append(TaskSpec(sid, f"S{sid}", parent=stack[-1] if stack else None))
            under[sid] = []
            stack.append(sid)
            sid += 1
        d = 0 if rnd.random() < 0.2 else rnd.choice((1, 1, 2, 3, 4, 5, 8))
        tasks.append(TaskSpec(i, f"T{i}", d, parent=stack[-1] if stack else None))
        for s in stack:
            under[s].append(i)
    # a summary left without tasks is dropped (with any summary it was the only content of)
    while True:
        parents = {t.parent for t in tasks}
        empty = {t.id for t in tasks if t.id >= 1000 and t.id not in parents}
        if not empty:
            break
        tasks = [t for t in tasks if t.id not in empty]
    summaries = [t.id for t in tasks if t.id >= 1000]
    lo = lambda x: min(under[x]) if x in under else x  # noqa: E731
    hi = lambda x: max(under[x]) if x in under else x  # noqa: E731
    links: list[LinkSpec] = []
    seen: set[tuple[int, int]] = set()
    lags = (0, 0, 0, 1, 2, 3, -1, -2)
    for i in range(2, n + 1):
        for _ in range(rnd.choice((0, 1, 1, 2, 2, 3))):
            p = rnd.randint(max(1, i - 10), i - 1)
            if (p, i) not in seen:
                seen.add((p, i))
                links.append(LinkSpec(p, i, rnd.choice([LinkType.FS] * 5 + [LinkType.SS, LinkType.FF, LinkType.SF]),
                                      rnd.choice(lags)))
    for s in summaries:
        before = [x for x in range(1, n + 1) if x < lo(s)] + [x for x in summaries if hi(x) < lo(s)]
        if before and rnd.random() < 0.5:
            p = rnd.choice(before)
            t = LinkType.FS if p in under else rnd.choice((LinkType.FS, LinkType.SS))
            if (p, s) not in seen:
                seen.add((p, s))
                links.append(LinkSpec(p, s, t, rnd.choice(lags)))
        after = [x for x in range(1, n + 1) if x > hi(s)] + [x for x in summaries if lo(x) > hi(s)]
        if after and rnd.random() < 0.5:
            q = rnd.choice(after)
            t = LinkType.FS if q in under else rnd.choice((LinkType.FS, LinkType.FF))
            if (s, q) not in seen:
                seen.add((s, q))
                links.append(LinkSpec(s, q, t, rnd.choice(lags)))
    dated = [ConstraintType.SNET, ConstraintType.SNLT, ConstraintType.FNET, ConstraintType.FNLT,
             ConstraintType.MSO, ConstraintType.MFO]
    for t in tasks:
        if t.id >= 1000:
            continue
        r = rnd.random()
        if r < constraints:
            t.constraint = rnd.choice(dated)
            # finish constraints far enough out that the task need not start before the project
            finish = t.constraint in (ConstraintType.FNET, ConstraintType.FNLT, ConstraintType.MFO)
            t.constraint_date = start + timedelta(days=rnd.randint(0, 30) + (2 * t.duration if finish else 0))
        elif r < constraints + deadlines:
            t.deadline = start + timedelta(days=rnd.randint(0, 40))
    return tasks, links


def compare_with_mpxj(env, tasks, links, cal: WorkCalendar, start: date, **kw):
    """(differences, whether MPXJ put a task before the project start). Tasks: early and late
    dates as boundaries, total and free slack, critical; summaries: their early dates; a task in
    progress: not its late start (MPXJ reports its actual start there)."""
    ours = schedule(tasks, links, cal, start)
    mine = ours_in_boundaries(ours, cal)
    theirs = run_mpxj(env, tasks, links, start_day=start, **kw)
    p0 = cal.index_on_or_after(start)
    before = any(boundary(cal, th["es"]) < p0 for th in theirs.values())
    summaries = {t.parent for t in tasks}
    diffs = []
    for tid, th in theirs.items():
        got = {k: boundary(cal, th[k]) for k in ("es", "ef", "ls", "lf")}
        want = dict(mine[tid])
        ts = ours.tasks[tid]
        if tid in summaries:
            keys = ("es", "ef")
        else:
            keys = ("es", "ef", "lf", "tf", "ff", "critical") + (() if ts.in_progress else ("ls",))
            got.update(tf=th["tf"], ff=th["ff"], critical=th["critical"])
            want.update(ff=ts.free_float, critical=ts.critical)
        got = {k: got[k] for k in keys}
        want = {k: want[k] for k in keys}
        if got != want:
            diffs.append((tid, want, got))
    return diffs, before


def test_work_weeks_holidays_and_worked_days_match_mpxj(mpxj_env):
    """Other work weeks than Monday-Friday (six days, Sunday-Thursday, three days, one day),
    holidays and worked days off, and a project start that may fall on a day off."""
    rnd = random.Random(314)
    weeks = [(0, 1, 2, 3, 4, 5), (6, 0, 1, 2, 3), (1, 2, 3, 4, 5), (0, 1, 2, 3), (0, 2, 4),
             (0, 1, 2, 3, 4, 5, 6), (3,), (0, 1, 2, 3, 4)]
    mismatches = []
    for case in range(24):
        workdays = weeks[case % len(weeks)]
        start = date(2027, 1, 1) + timedelta(days=rnd.randint(0, 6))
        exceptions = {start + timedelta(days=rnd.randint(-3, 60)): rnd.random() < 0.3
                      for _ in range(rnd.randint(0, 5))}
        cal = WorkCalendar(workdays=workdays, exceptions=exceptions, anchor=start)
        tasks, links = random_network(rnd, rnd.randint(8, 16))
        diffs, _ = compare_with_mpxj(mpxj_env, tasks, links, cal, start, workdays=workdays,
                                     exceptions=exceptions, floor=True)
        mismatches.extend((case, *d) for d in diffs)
    assert not mismatches, f"{len(mismatches)} differences, first: {mismatches[:3]}"


def test_nested_summaries_and_every_constraint_match_mpxj(mpxj_env):
    """Summaries nested three deep with links to and from them, constraints of every dated kind
    on tasks and milestones (met, and broken by the logic), deadlines, leads, a holiday."""
    rnd = random.Random(2027)
    holiday = date(2027, 1, 18)
    cal = WorkCalendar(anchor=START, exceptions={holiday: False})
    mismatches = []
    compared = 0
    for case in range(40):
        tasks, links = outline_network(rnd, rnd.randint(6, 16), START, constraints=0.25, deadlines=0.1)
        diffs, before = compare_with_mpxj(mpxj_env, tasks, links, cal, START, holidays=(holiday,), floor=True)
        if before:
            continue  # a finish constraint pulled a task before the project start: DESIGN differs
        compared += 1
        mismatches.extend((case, *d) for d in diffs)
    assert compared >= 30
    assert not mismatches, f"{len(mismatches)} differences, first: {mismatches[:3]}"


def test_progress_matches_mpxj(mpxj_env):
    """Finished tasks and milestones on their actual dates (on the schedule or a day or two
    off it), tasks in progress by percent or by remaining duration, under summaries with links,
    with constraints and deadlines; no status date (MPXJ has none). Progress is recorded where
    the predecessors are finished, as it is in practice: where they are not, or a started task
    has an SF successor, MPXJ binds the started task's late dates differently (see
    scheduling/__init__)."""
    _progress_cases(mpxj_env, random.Random(1104), 40)


def test_constraints_on_started_tasks_match_mpxj(mpxj_env):
    """Every dated constraint on tasks in progress: a start constraint whose date has passed,
    a finish constraint still to come, before and after the dates the logic gives. Found by a
    longer run of the test above (2,000 cases): pmtui dropped all but FNLT and MFO once work
    began, where MS Project still holds the finish to an FNET and the late dates to an SNLT,
    MSO or MFO."""
    _progress_cases(mpxj_env, random.Random(1205), 60, constrain_started=1.0)


def _progress_cases(env, rnd: random.Random, cases: int, constrain_started: float = 0.0) -> None:
    cal = WorkCalendar(anchor=START)
    mismatches = []
    compared = constrained = 0
    for case in range(cases):
        tasks, links = outline_network(rnd, rnd.randint(6, 14), START, constraints=0.1, deadlines=0.1)
        plan = schedule(tasks, links, cal, START)
        status = rnd.randint(1, 15)
        done: set[int] = set()
        preds: dict[int, set[int]] = {}
        for lk in links:
            preds.setdefault(lk.succ, set()).add(lk.pred)
        sf_from = {lk.pred for lk in links if lk.type == LinkType.SF}
        parent = {t.id: t.parent for t in tasks}
        for t in tasks:  # WBS order: predecessors first
            ts = plan.tasks[t.id]
            before, x = set(), t.id
            while x is not None:  # a link to a summary is one to each task under it
                before |= preds.get(x, set())
                x = parent[x]
            if t.id >= 1000 or ts.es >= status or not before <= done or t.id in sf_from:
                continue
            first = max(0, ts.es + rnd.choice((0, 0, 1, -1, 2)))
            if ts.ef < status and rnd.random() < 0.7:
                t.actual_start = cal.date_of(first)
                t.actual_finish = cal.date_of(first + max(t.duration - 1, 0))
                t.percent_complete = 100
                done.add(t.id)
            elif t.duration > 1:
                t.actual_start = cal.date_of(first)
                if rnd.random() < 0.5:
                    t.remaining = rnd.randint(1, 6)
                    t.percent_complete = rnd.randint(5, 90)
                else:
                    t.percent_complete = rnd.randint(1, 99)
                if rnd.random() < constrain_started:
                    t.constraint = rnd.choice([c for c in ConstraintType if c.value not in ("ASAP", "ALAP")])
                    t.constraint_date = cal.date_of(max(0, first + rnd.randint(-2, t.duration + 4)))
                    constrained += 1
        diffs, before = compare_with_mpxj(env, tasks, links, cal, START, floor=True)
        if before:
            continue  # a finish constraint pulled a task before the project start: DESIGN differs
        compared += 1
        mismatches.extend((case, *d) for d in diffs)
    assert compared >= 30
    assert constrained >= 20 or not constrain_started
    assert not mismatches, f"{len(mismatches)} differences, first: {mismatches[:3]}"
