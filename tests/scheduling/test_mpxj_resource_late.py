"""The late side of tasks on their resources' time (own_time) against MPXJ's MicrosoftScheduler:
late start and finish, total slack and the critical flag, task by task, on plans with leave, own
weeks, worked Saturdays, deadlines and links of all four types with lags and leads.

MPXJ's backward pass does work on the resource calendars (org.mpxj.cpm.MicrosoftScheduler,
read in its source): a task's late finish is the earliest its successors allow (FS: the
successor's late start less the lag; FF: its late finish less the lag; SS: its late start less
the lag, then the task's work forward over each assignment's calendar, the latest of them; SF:
the task's work forward from the successor's late finish, then the lag off), capped at the
latest early finish of the plan and at a deadline or finish constraint, then moved back to the
end of the last working period before it on each assignment's calendar (the latest of them);
its late start is its work counted back from there, the earliest of the assignments. Lags go on
the successor's task calendar, the project's here. Slack is counted on the task's calendar (the
project's): start slack = late start - early start, finish slack = late finish - early finish,
total slack the smaller; critical when total slack <= 0.

Left out or counted, not compared (see test_mpxj_resource_time for the early side):

* SF links with a lag out of a task with people: MPXJ takes the lag off after counting the work
  forward, we before (the backward pass gives such a task one bound on its start, SS and SF
  merged); such lags are set to 0 here.
* A late start on a Saturday someone works: our late starts are on the project's grid (shown as
  the Monday). A plan where MPXJ gives one is counted, not compared. Late finishes on such a
  Saturday are compared.
* Plans where MPXJ leaves an early start on a day none of a task's people works and dates an SS
  or SF successor from it, or lets a lead pull a task before the project start.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from pmtui.scheduling import LinkSpec, LinkType, ResourceTime, TaskSpec, WorkCalendar

from .test_mpxj_crosscheck import boundary, mpxj_env  # noqa: F401 - the fixture
from .test_mpxj_resource_time import START, compare, jan

pytestmark = pytest.mark.slow

KEYS = ("es", "ef", "ls", "lf", "tf")


def late_of(result, task_id):
    t = result.tasks[task_id]
    return t.late_start, t.late_finish, t.total_float, t.critical


def test_a_plan_that_ends_on_a_worked_saturday_has_no_negative_float(mpxj_env):
    """Hand-worked: Build (6 days, Sam, who works Sat 9) runs Mon 4 to Sat 9 and ends the plan;
    Prep (2 days) starts with it (SS). MS Project's plan finishes at the end of Sat 9, and every
    late finish is capped there: Build's is Sat 9, its late start Mon 4, float 0, and so is
    Prep's. Read as the end of Friday (the grid's boundary before Monday), the cap gave Build a
    late finish a day before its early one: -1 day of float, and Prep -1, on a plan with no
    constraint at all. Docs (3 days, no people) still must finish by Friday: its people do not
    work Saturday."""
    cal = WorkCalendar(anchor=START)
    sam = ResourceTime("Sam", frozenset(), None, jan(9))
    tasks = [TaskSpec(1, "Build", 6), TaskSpec(2, "Prep", 2), TaskSpec(3, "Docs", 3)]
    ours, theirs, diff = compare(mpxj_env, tasks, [LinkSpec(2, 1, LinkType.SS)], {1: [sam]}, cal, keys=KEYS)
    assert not diff
    assert late_of(ours, 1) == (date(2027, 1, 4), date(2027, 1, 9), 0, True)
    assert late_of(ours, 2) == (date(2027, 1, 4), date(2027, 1, 5), 0, True)
    assert late_of(ours, 3) == (date(2027, 1, 6), date(2027, 1, 8), 2, False)
    assert all(theirs[t]["critical"] == ours.tasks[t].critical for t in (1, 2, 3))
    assert ours.explain_float(1)[0] == ("Build has 0d of float: to meet the project finish 2027-01-09, it must "
                                        "finish by 2027-01-09; it finishes 2027-01-09")


def test_a_successor_that_starts_on_monday_lets_a_saturday_worker_finish_late_on_the_saturday(mpxj_env):
    """Hand-worked: Build (5 days) ends Fri 8, Ship (3 days) starts Mon 11 after it and after
    Prep (2 days, Sam, who works Sat 9; FS). Ship's late start is Monday morning; Sam's last
    working period before it ends Saturday evening, so Prep's late finish is Sat 9 and its late
    start Fri 8 (it was Thu 7 to Fri 8, read as the end of Friday); so does a lag before a
    milestone. A bound that is the end of a day keeps Friday: an FF link to Check, which must
    finish by Fri 8, or an FS lead (a day's lead from Friday morning is Friday evening in MS
    Project, MPXJ's addLag/removeLag)."""
    cal = WorkCalendar(anchor=START)
    sam = ResourceTime("Sam", frozenset(), None, jan(9))
    tasks = [TaskSpec(1, "Build", 5), TaskSpec(2, "Prep", 2), TaskSpec(3, "Ship", 3)]
    ours, theirs, diff = compare(mpxj_env, tasks, [LinkSpec(1, 3), LinkSpec(2, 3)], {2: [sam]}, cal, keys=KEYS)
    assert not diff
    assert late_of(ours, 2) == (date(2027, 1, 8), date(2027, 1, 9), 3, False)
    assert (theirs[2]["ls"], theirs[2]["lf"]) == (datetime_at(8, 8), datetime_at(9, 17))
    # ... but an FF link to a task that must finish Friday holds it to Friday
    tasks = [TaskSpec(1, "Build", 5), TaskSpec(2, "Prep", 2), TaskSpec(3, "Ship", 3), TaskSpec(4, "Check", 1)]
    links = [LinkSpec(1, 3), LinkSpec(2, 3), LinkSpec(2, 4, LinkType.FF), LinkSpec(4, 3)]
    ours, _, diff = compare(mpxj_env, tasks, links, {2: [sam]}, cal, keys=KEYS)
    assert not diff
    assert late_of(ours, 2)[:2] == (date(2027, 1, 7), date(2027, 1, 8))
    # a lag before a milestone, whose date is the end of its day, is counted back to 08:00: Done
    # must be reached by the end of Tue 12 (Long's finish), two days after Prep (FS+2): Prep
    # must finish by Mon 11 08:00, so Sam may work Sat 9 (it was Thu 7 to Fri 8)
    tasks = [TaskSpec(4, "Long", 7), TaskSpec(2, "Prep", 2), TaskSpec(6, "Done", 0)]
    ours, _, diff = compare(mpxj_env, tasks, [LinkSpec(2, 6, LinkType.FS, 2)], {2: [sam]}, cal, keys=KEYS)
    assert not diff
    assert late_of(ours, 2)[:2] == (date(2027, 1, 8), date(2027, 1, 9))
    # a lead holds it to Friday too: Ship (after a 4-day Build) must start Fri 8, and a day's lead
    # from Friday morning is Friday evening, the same grid boundary as Monday morning
    tasks = [TaskSpec(1, "Build", 4), TaskSpec(2, "Prep", 2), TaskSpec(3, "Ship", 3)]
    links = [LinkSpec(1, 3), LinkSpec(2, 3, LinkType.FS, -1)]
    ours, _, diff = compare(mpxj_env, tasks, links, {2: [sam]}, cal, keys=KEYS)
    assert not diff
    assert late_of(ours, 2)[:2] == (date(2027, 1, 7), date(2027, 1, 8))


def datetime_at(day: int, hour: int):
    from datetime import datetime

    return datetime(2027, 1, day, hour, 0)


def test_work_from_a_start_bound_that_ends_on_friday_is_not_read_as_ending_on_the_saturday(mpxj_env):
    """Hand-worked: Ana works Thursdays and Fridays, and Sat 16. Review (2 days, Ana) must start
    by the time Spec finishes, the end of Fri 8 (SF; Spec is critical: Tail follows it to the
    plan's finish on Wed 20). Ana's first work after that is Thu 14: Review's late dates are Thu
    14 to Fri 15, as MPXJ gives (its work forward from Spec's late finish). Counted back from the
    plan's finish instead (Sat 16 and Fri 15), the two finishes fell on the same grid boundary
    (Monday's), so the start bound was taken as met: a late start of Fri 15, a day later than
    the link allows."""
    cal = WorkCalendar(anchor=START)
    ana = ResourceTime("Ana", frozenset(), frozenset({3, 4}), jan(16))
    tasks = [TaskSpec(1, "Spec", 5), TaskSpec(2, "Review", 2), TaskSpec(3, "Tail", 8)]
    links = [LinkSpec(1, 3), LinkSpec(2, 1, LinkType.SF)]
    ours, theirs, diff = compare(mpxj_env, tasks, links, {2: [ana]}, cal, keys=KEYS)
    assert not diff
    assert late_of(ours, 2) == (date(2027, 1, 14), date(2027, 1, 15), 5, False)
    assert ours.explain_float(2)[:2] == [
        "Review has 5d of float: to meet the project finish 2027-01-20, it must start by 2027-01-14; it starts "
        "2027-01-07",
        "Review must start by 2027-01-14 because Spec (SF) must finish by 2027-01-08",
    ]


def test_a_deadline_on_a_saturday_someone_works_is_the_end_of_that_saturday(mpxj_env):
    """Hand-worked: Pack (1 day, Sam, who works Sat 9 and Sat 16) follows Build (10 days, to Fri
    15), so Sam packs on Sat 16; its deadline is Sat 9. MPXJ caps the late finish at the end of
    Sat 9, and Sam may pack that day: late dates Sat 9, float -5 (Sat 16's start is 5 project
    days after Mon 11, where our grid has the Saturday). Read as the end of Friday 8, the float
    was -6."""
    cal = WorkCalendar(anchor=START)
    sam = ResourceTime("Sam", frozenset(), None, jan(9, 16))
    tasks = [TaskSpec(1, "Build", 10), TaskSpec(2, "Pack", 1, deadline=date(2027, 1, 9))]
    ours, theirs, diff = compare(mpxj_env, tasks, [LinkSpec(1, 2)], {2: [sam]}, cal, keys=("lf", "tf"))
    assert not diff
    assert ours.tasks[2].late_finish == date(2027, 1, 9) and ours.tasks[2].total_float == -5
    assert theirs[2]["tf"] == -5.0


def random_plan(rnd: random.Random, holidays):
    n = rnd.randint(6, 16)
    tasks = [TaskSpec(i, f"T{i}", rnd.choice((0, 1, 2, 3, 4, 5, 8))) for i in range(1, n + 1)]
    links = []
    for i in range(2, n + 1):
        for p in rnd.sample(range(1, i), min(i - 1, rnd.choice((0, 1, 1, 2)))):
            links.append(LinkSpec(p, i, rnd.choice([LinkType.FS] * 3 + [LinkType.SS, LinkType.FF, LinkType.SF]),
                                  rnd.choice((0, 0, 1, 2, -1))))
    weekdays = [START + timedelta(i) for i in range(70) if (START + timedelta(i)).weekday() < 5]
    saturdays = [START + timedelta(i) for i in range(5, 70, 7)]
    people = []
    for name in ("Ana", "Ben", "Cy", "Dee"):
        week = frozenset(rnd.sample(range(5), rnd.randint(2, 4))) if rnd.random() < 0.4 else None
        off = frozenset(rnd.sample(weekdays, rnd.randint(0, 8)))
        on = frozenset(rnd.sample(saturdays, rnd.randint(0, 3))) if rnd.random() < 0.4 else frozenset()
        people.append(ResourceTime(name, off - set(holidays), week, on))
    rt = {}
    for t in tasks:
        if t.duration:
            on = rnd.sample(people, rnd.choice((0, 1, 1, 1, 2, 3)))
            if on:
                rt[t.id] = on
        if rnd.random() < 0.15:
            t.deadline = START + timedelta(rnd.randint(3, 30))  # may be a weekend day
    # no lag on an SF link out of a task with people (see the module's docstring)
    links = [LinkSpec(lk.pred, lk.succ, lk.type, 0) if lk.pred in rt and lk.type == LinkType.SF else lk
             for lk in links]
    return tasks, links, rt


def test_random_plans_late_dates_float_and_critical_match_mpxj(mpxj_env):
    """Seeded random plans: late start and finish, total slack and critical, every task. Seeds 1
    to 7 were tried (240 plans each): the late dates agreed in every plan compared; in 4 plans
    5 tasks' total slack differed through their early start alone (a Saturday worker MPXJ
    starts on a Saturday after a lag or lead, where we start later: the early side, see
    test_mpxj_resource_time)."""
    rnd = random.Random(20272)
    holidays = (date(2027, 1, 18),)
    cal = WorkCalendar(anchor=START, exceptions={d: False for d in holidays})
    compared = saturday_late = saturday_finish = 0
    mismatches = []
    for case in range(240):
        tasks, links, rt = random_plan(rnd, holidays)
        snapped: set[int] = set()
        ours, theirs, diff = compare(mpxj_env, tasks, links, rt, cal, holidays, keys=("ls", "lf", "tf"),
                                     snapped=snapped)
        if (any(boundary(cal, th["es"]) < 0 for th in theirs.values())
                or any(lk.pred in snapped and lk.type in (LinkType.SS, LinkType.SF) for lk in links)):
            continue
        if any(th["ls"].date().weekday() >= 5 for th in theirs.values()):
            saturday_late += 1
            continue
        compared += 1
        saturday_finish += any(th["lf"].date().weekday() >= 5 for th in theirs.values())
        for t in tasks:
            if t.id in diff:
                mismatches.append((case, t.id, *diff[t.id]))
            elif ours.tasks[t.id].critical != theirs[t.id]["critical"]:
                mismatches.append((case, t.id, "critical", ours.tasks[t.id].critical))
    print(f"compared {compared} plans ({saturday_finish} with a late finish on a weekend day), "
          f"{saturday_late} counted (a late start on one)")
    assert compared >= 200 and saturday_finish >= 15, (compared, saturday_finish, saturday_late)
    assert not mismatches, f"{len(mismatches)} differences, first: {mismatches[:3]}"
