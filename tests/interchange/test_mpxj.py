"""MPXJ (the library most tools use to read MS Project files) reads pmtui's MSPDI export with the
same tasks, outline, links, lags, constraints, resources, assignments and dates.

Also where the ConstraintType mapping was verified: MPXJ's DatatypeConverter parses MSPDI codes
0..7 as ASAP, ALAP, MSO, MFO, SNET, SNLT, FNET, FNLT."""

from __future__ import annotations

from datetime import date

import pytest

from pmtui.interchange import export_text
from pmtui.interchange.mspdi import CONSTRAINT_FROM_CODE
from pmtui.services.bulk import get_plan_data
from pmtui.services.demo import create_demo

MPXJ_CONSTRAINT = {"AS_SOON_AS_POSSIBLE": "ASAP", "AS_LATE_AS_POSSIBLE": "ALAP", "MUST_START_ON": "MSO",
                   "MUST_FINISH_ON": "MFO", "START_NO_EARLIER_THAN": "SNET", "START_NO_LATER_THAN": "SNLT",
                   "FINISH_NO_EARLIER_THAN": "FNET", "FINISH_NO_LATER_THAN": "FNLT"}


def test_constraint_codes_match_mpxj(mpxj_reader):
    import jpype

    conv = jpype.JClass("org.mpxj.mspdi.DatatypeConverter")
    big = jpype.JClass("java.math.BigInteger")
    for code, ours in CONSTRAINT_FROM_CODE.items():
        assert MPXJ_CONSTRAINT[str(conv.parseConstraintType(big.valueOf(code)))] == ours


def _d(java_dt) -> date:
    return date.fromisoformat(str(java_dt)[:10])


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    from pmtui.store import open_store

    d = tmp_path_factory.mktemp("mpxj")
    store = open_store(str(d / "x.db"))
    project = create_demo(store, today=date(2026, 11, 23))
    data = get_plan_data(store, project.id)
    store.close()
    text, _ = export_text(data, "mspdi")
    path = d / "demo.xml"
    path.write_text(text, encoding="utf-8")
    return data, data.schedule(), path


def test_mpxj_reads_the_export(mpxj_reader, demo_export):
    data, sched, path = demo_export
    pf = mpxj_reader().read(str(path))
    tasks = [t for t in pf.getTasks() if int(t.getUniqueID()) != 0]
    assert len(tasks) == len(data.tasks) == 64
    by_uid = {int(t.getUniqueID()): t for t in tasks}
    summaries = data.summaries()
    uid_of = {t.key: i + 1 for i, t in enumerate(data.tasks)}
    for t in data.tasks:
        jt = by_uid[uid_of[t.key]]
        ts = sched.tasks[t.key]
        assert str(jt.getName()) == t.name
        assert str(jt.getOutlineNumber()) == t.wbs
        assert bool(jt.getSummary()) == (t.key in summaries)
        assert (_d(jt.getStart()), _d(jt.getFinish())) == (ts.start, ts.finish), t.wbs
        assert (_d(jt.getEarlyStart()), _d(jt.getLateFinish())) == (ts.early_start, ts.late_finish), t.wbs
        assert bool(jt.getCritical()) == ts.critical, t.wbs
        assert MPXJ_CONSTRAINT[str(jt.getConstraintType())] == t.constraint_type
        if t.key not in summaries:
            assert float(jt.getDuration().getDuration()) == t.duration
            assert round(float(jt.getPercentageComplete() or 0)) == t.percent_complete
        if t.deadline:
            assert _d(jt.getDeadline()) == t.deadline
    links = set()
    for jt in tasks:
        for rel in jt.getPredecessors():
            lag = rel.getLag()
            per_day = {"d": 1, "h": 8, "m": 480}[str(lag.getUnits())]
            links.add((int(rel.getPredecessorTask().getUniqueID()), int(jt.getUniqueID()),
                       str(rel.getType()), float(lag.getDuration()) / per_day))
    ours = {(uid_of[l.pred], uid_of[l.succ], l.type, float(l.lag)) for l in data.links}
    assert links == ours
    assert {str(r.getName()) for r in pf.getResources() if r.getName()} == {r.name for r in data.resources}
    real = [a for a in pf.getResourceAssignments() if a.getResource() is not None]
    assert len(real) == len(data.assignments)
    cal = pf.getDefaultCalendar()
    days = set()
    for ex in cal.getCalendarExceptions():
        d, last = _d(ex.getFromDate()), _d(ex.getToDate())
        while d <= last:
            days.add(d)
            d = date.fromordinal(d.toordinal() + 1)
    assert days == set(data.calendar.exceptions)


def test_mpxj_rescheduling_the_export_moves_nothing(mpxj_reader, demo_export):
    """MPXJ's MS Project-style scheduler, run on the file pmtui wrote, puts every task at the
    instant pmtui wrote, to the minute: milestones at 17:00 of their day, or 08:00 where a start
    constraint put them. Progress is taken out first: MPXJ's scheduler has no status date."""
    import dataclasses

    import jpype

    from pmtui.interchange import export_text

    data, _, path = demo_export
    plain = dataclasses.replace(data, status_date=None, tasks=[
        dataclasses.replace(t, percent_complete=0, actual_start=None, actual_finish=None, remaining=None)
        for t in data.tasks])
    text, _ = export_text(plain, "mspdi")
    assert "<Milestone>1</Milestone>" in text and "T08:00:00</Start><Finish>" in text
    p = path.with_name("plain.xml")
    p.write_text(text, encoding="utf-8")
    pf = mpxj_reader().read(str(p))
    duration, unit = jpype.JClass("org.mpxj.Duration"), jpype.JClass("org.mpxj.TimeUnit")
    for a in list(pf.getResourceAssignments()):
        a.remove()  # pmtui schedules by task duration; MPXJ would otherwise schedule by work
    written = {}
    for jt in pf.getTasks():
        if jt.getActualDuration() is None:
            jt.setActualDuration(duration.getInstance(0, unit.DAYS))
        if jt.getRemainingDuration() is None:
            jt.setRemainingDuration(jt.getDuration())
        written[int(jt.getUniqueID())] = (str(jt.getName()), str(jt.getStart()), str(jt.getFinish()))
    jpype.JClass("org.mpxj.cpm.MicrosoftScheduler")().schedule(pf, pf.getProjectProperties().getStartDate())
    moved = [(written[int(jt.getUniqueID())], str(jt.getStart()), str(jt.getFinish())) for jt in pf.getTasks()
             if written[int(jt.getUniqueID())][1:] != (str(jt.getStart()), str(jt.getFinish()))]
    assert not moved, moved[:3]


def test_mpxj_primavera_scheduler_agrees_on_a_plan_with_progress(mpxj_reader, tmp_path):
    """MPXJ's Primavera-style scheduler honours the status date (Primavera's data date), as pmtui
    does, so progress can stay in: a task done, one half done, one started with nothing done,
    work not started held at the status date, all four link types with a lag and a lead,
    constraints and holidays inside tasks. Every task is where pmtui put it, to the minute."""
    import jpype

    from pmtui.services import calendars, progress as pg
    from pmtui.services.projects import create_project, set_status_date
    from pmtui.services.tasks import add_task
    from pmtui.store import open_store

    store = open_store(str(tmp_path / "x.db"))
    pid = create_project(store, "Progressed", date(2026, 11, 2)).id
    for day in (date(2026, 11, 17), date(2026, 11, 26), date(2026, 12, 4)):
        calendars.add_exception(store, pid, day, "holiday")
    for name, d, after, extra in [
            ("A", 5, None, {}), ("B", 4, "1", {}), ("C", 3, "1SS+2d", {}), ("D", 6, "2FF+1d", {}),
            ("E", 2, "3SF", {}), ("F", 3, "4,5", dict(constraint_type="SNET", constraint_date=date(2026, 11, 30))),
            ("G", 4, "6", dict(constraint_type="FNLT", constraint_date=date(2026, 12, 31))), ("H", 0, "7", {}),
            ("I", 2, "2FS-1d", {}), ("J", 2, "7", dict(constraint_type="FNET", constraint_date=date(2026, 12, 10))),
            ("K", 1, None, dict(constraint_type="MSO", constraint_date=date(2026, 11, 19))),
            ("L", 3, "11FS+2d", dict(constraint_type="SNLT", constraint_date=date(2026, 11, 24))),
            ("M", 2, "10SS-1d", {})]:
        add_task(store, pid, name, duration=d, after=after, **extra)
    set_status_date(store, pid, date(2026, 11, 11))
    pg.mark_done(store, pid, "1", on=date(2026, 11, 6))
    pg.set_percent(store, pid, "2", 50)
    pg.mark_started(store, pid, "3", on=date(2026, 11, 5))
    data = get_plan_data(store, pid)
    store.close()
    sched = data.schedule()
    text, _ = export_text(data, "mspdi")
    path = tmp_path / "progressed.xml"
    path.write_text(text, encoding="utf-8")
    pf = mpxj_reader().read(str(path))
    kind = jpype.JClass("org.mpxj.ActivityType")
    tasks = [t for t in pf.getTasks() if int(t.getUniqueID()) != 0]
    for t in tasks:  # Primavera's scheduler needs each activity's type, which MSPDI does not carry
        t.setActivityType(kind.FINISH_MILESTONE if t.getMilestone() else kind.TASK_DEPENDENT)
    jpype.JClass("org.mpxj.cpm.PrimaveraScheduler")().schedule(pf, pf.getProjectProperties().getStartDate())
    ours = {t.name: sched.tasks[t.key] for t in data.tasks}
    theirs = {str(t.getName()): (str(t.getStart()), str(t.getFinish())) for t in tasks}
    # a milestone sits at the end of its day
    wanted = {t.name: (f"{ours[t.name].start}T{'17:00' if t.duration == 0 else '08:00'}",
                       f"{ours[t.name].finish}T17:00") for t in data.tasks}
    assert theirs == wanted
    assert ours["B"].finish == date(2026, 11, 12) and ours["D"].start == date(2026, 11, 11)  # the status date held them
