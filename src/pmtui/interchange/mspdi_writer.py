"""Writing a project with its schedule as MS Project XML (the format's facts are in mspdi.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from pmtui.interchange.base import clean_text
from pmtui.interchange.mspdi import (
    CONSTRAINT_TO_CODE,
    CURRENCY_UNITS,
    FINISH_CONSTRAINTS,
    LINK_TO_CODE,
    MSPDI_NS,
    PMTUI_MARK,
)
from pmtui.scheduling import ScheduleResult, work_split
from pmtui.scheduling.costs import days_split
from pmtui.services.bulk import CalendarData, PlanData
from pmtui.services.plan import RollUp, leaf_duration_now


def _esc(text: str) -> str:
    return (clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


class _IsoDays(dict):
    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


def _dt(d: date | None, t: str) -> str:
    return f"{d.isoformat()}T{t}" if d is not None else ""


def _span(days: float, mpd: int = 480) -> str:
    minutes = int(round(days * mpd))
    return f"PT{minutes // 60}H{minutes % 60}M0S"


def _num(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def _money(amount: float) -> str:
    """An amount in MSPDI's hundredths of the currency unit (see mspdi.py)."""
    return _num(round(amount * CURRENCY_UNITS, 4))


def _cost_days(t, duration_now: int) -> tuple[float, float]:
    """(days done, days left) a task's work and cost are counted on, as costing.cost_days counts
    them: a finished task's days taken, else its duration split by its progress."""
    if t.percent_complete >= 100:
        return float(duration_now), 0.0
    return days_split(t.duration, t.percent_complete, t.remaining)


def _leaf_days(t, cal) -> tuple[int, int, int]:
    """(Duration, Actual Duration, Remaining Duration) in working days of a task that is not a
    summary, as MS Project holds them. Its Duration is the app's duration now (Duration =
    Actual + Remaining Duration; once done, the time it took: 10 planned days written between
    actual dates 2 days apart contradicted themselves, and came back as a 10-day task on 2 days)."""
    dur = leaf_duration_now(cal, t)
    done, rem = work_split(t.duration, t.percent_complete, t.remaining)
    if t.percent_complete >= 100:
        done = dur
    return dur, done, rem


@dataclass(slots=True)
class _RolledUp(RollUp):
    """A summary's progress from the tasks under it, as MS Project rolls it up (RollUp, the
    app's own rule), with the dates MS Project gives it."""

    actual_start: date | None = None
    actual_finish: date | None = None  # the latest, kept whether or not all are finished

    def whole_percent(self) -> int:
        """RollUp's percent as MS Project saves it, a whole number. Saved files agree with the
        rule: MS Project 2016's p2016 sample writes 25 for three 10-day tasks at 0, 25 and 50 %,
        the 2003 sample 1 for 40 hours done of 6,514 (0.6 %). It is rounded, but never to 100
        before every task under it is done, nor to 0 once some work is: readers take 100 for
        finished and 0 for not started."""
        if self.leaves and self.finished == self.leaves:
            return 100
        if self.days <= 0:
            return 0  # only milestones, not all reached
        whole = int(self.percent + 0.5)
        return min(99, max(1, whole)) if self.done > 0 else 0

    def xml(self, span: int) -> str:
        """The summary's progress elements; ``span`` is its Duration in working days, of which MS
        Project writes the done share as its Actual Duration (18h40m of 3040h in the 2003 file)."""
        all_done = self.leaves and self.finished == self.leaves
        ratio = 1.0 if all_done else (self.percent / 100 if self.days > 0 else 0.0)
        parts = []
        pct = self.whole_percent()
        if pct:
            parts.append(f"<PercentComplete>{pct}</PercentComplete>")
        if self.actual_start is not None:
            parts.append(f"<ActualStart>{_dt(self.actual_start, '08:00:00')}</ActualStart>")
        if all_done and self.actual_finish is not None:
            parts.append(f"<ActualFinish>{_dt(self.actual_finish, '17:00:00')}</ActualFinish>")
        done = span * ratio
        parts.append(f"<ActualDuration>{_span(done)}</ActualDuration><RemainingDuration>{_span(span - done)}</RemainingDuration>")
        return "".join(parts)


def _roll_up(tasks, summaries: set, parent_of: dict, leaf_days: dict, dates) -> dict:
    """Summary key -> _RolledUp, and None -> the project's (MS Project's project summary task)."""
    out: dict = {None: _RolledUp()}
    for t in tasks:
        if t.key in summaries:
            continue
        pct = t.percent_complete
        part = RollUp.of(leaf_days[t.key][0], pct)
        # MS Project sets a task's Actual Start to its scheduled start once % Complete is above
        # 0, and its Actual Finish to its scheduled finish at 100 % (Project SDK,
        # ProjectDataSet.TaskRow.TASK_PCT_COMP): a task with progress but no actual dates
        # (a CSV import) started and finished as scheduled
        started = t.actual_start or (dates[t.key].start if pct > 0 else None)
        finished = pct >= 100
        end = (t.actual_finish or dates[t.key].finish) if finished else t.actual_finish
        p = t.parent
        while True:
            acc = out.get(p)
            if acc is None:
                acc = out[p] = _RolledUp()
            acc.add(part)
            if started is not None and (acc.actual_start is None or started < acc.actual_start):
                acc.actual_start = started
            if end is not None and (acc.actual_finish is None or end > acc.actual_finish):
                acc.actual_finish = end
            if p is None:
                break
            p = parent_of[p]
    return out


def _with_work(tasks, summaries: set, parent_of: dict) -> set:
    """The summaries with a task of some duration under them. A summary spans its first to its
    last working day (ef - es + 1), but one holding only milestones lasts 0 days, as MS Project
    has it."""
    out: set = set()
    for t in tasks:
        if t.duration > 0 and t.key not in summaries:
            p = t.parent
            while p is not None and p not in out:
                out.add(p)
                p = parent_of[p]
    return out


def summary_spans(data: PlanData, sched: ScheduleResult) -> dict:
    """Summary key -> its Duration in working days, as MS Project shows it (see _with_work)."""
    summaries = data.summaries()
    with_work = _with_work(data.tasks, summaries, {t.key: t.parent for t in data.tasks})
    st = sched.dates
    return {k: st[k].ef - st[k].es + 1 if k in with_work else 0 for k in summaries}


def summary_percents(data: PlanData, sched: ScheduleResult) -> dict:
    """Summary key -> its percent complete as MS Project saves it (a whole number, rolled up from
    the tasks under it), for the formats that write one per row (CSV)."""
    summaries = data.summaries()
    parent_of = {t.key: t.parent for t in data.tasks}
    leaf_days = {t.key: _leaf_days(t, sched.calendar) for t in data.tasks if t.key not in summaries}
    rolled = _roll_up(data.tasks, summaries, parent_of, leaf_days, sched.dates)
    return {k: r.whole_percent() for k, r in rolled.items() if k is not None}


@dataclass(slots=True)
class _Money:
    """A task's work (person-days) and cost, actual and remaining: what pmtui's costing gives it
    (plan_costs: the days done and left at its people's rates, its fixed cost by percent
    complete), with a summary's and the project's the totals of the tasks under them."""

    work: float = 0.0
    actual: float = 0.0
    remaining: float = 0.0

    def add(self, other: "_Money") -> None:
        self.work += other.work
        self.actual += other.actual
        self.remaining += other.remaining

    def xml(self) -> str:
        return (f"<Work>{_span(self.work)}</Work><Cost>{_money(self.actual + self.remaining)}</Cost>"
                f"<ActualCost>{_money(self.actual)}</ActualCost><RemainingCost>{_money(self.remaining)}</RemainingCost>")


def _task_money(data: PlanData, summaries: set, parent_of: dict, leaf_days: dict, rolled: dict) -> dict:
    """Task key -> its _Money, and None -> the project's, for those with any (a task without is
    left at MS Project's default, 0: a 10,000-task plan with no rates wrote 40,000 zeros, and its
    export took twice as long). Without these MS Project's readers that do not recalculate
    (MPXJ, and the tools built on it) showed every task at no cost and no work."""
    rate = {r.key: r.cost_rate for r in data.resources}
    daily: dict = {}
    units: dict = {}
    for a in data.assignments:
        daily[a.task] = daily.get(a.task, 0.0) + rate[a.resource] * a.units
        units[a.task] = units.get(a.task, 0.0) + a.units
    out: dict = {}
    for t in data.tasks:
        if not t.fixed_cost and t.key not in units:
            continue  # no money nor work of its own: MS Project's 0, left unwritten
        if t.key in summaries:
            share, days = rolled[t.key].percent / 100, (0.0, 0.0)
        else:
            share, days = t.percent_complete / 100, _cost_days(t, leaf_days[t.key][0])
        day_cost = daily.get(t.key, 0.0)
        own = _Money(units.get(t.key, 0.0) * (days[0] + days[1]), day_cost * days[0] + t.fixed_cost * share,
                     day_cost * days[1] + t.fixed_cost * (1 - share))
        p = t.key
        while True:
            acc = out.get(p)
            if acc is None:
                acc = out[p] = _Money()
            acc.add(own)
            if p is None:
                break
            p = parent_of[p]
    return out


def _calendar_xml(out: list[str], uid: int, cal: CalendarData, *, base_uid: int = -1, week: bool = True) -> None:
    """A calendar; without ``week``, a resource's that follows its base's week: no WeekDays of its
    own, so MS Project takes its base's, whatever that becomes, as it does for one it made."""
    out.append(f"<Calendar><UID>{uid}</UID><Name>{_esc(cal.name)}</Name>"
               f"<IsBaseCalendar>{1 if base_uid < 0 else 0}</IsBaseCalendar>"
               f"<BaseCalendarUID>{base_uid}</BaseCalendarUID>")
    hours = ("<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>"
             "<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes>")
    if week:
        out.append("<WeekDays>")
        for day_type in range(1, 8):
            bit = (day_type - 2) % 7
            working = cal.workdays >> bit & 1
            out.append(f"<WeekDay><DayType>{day_type}</DayType><DayWorking>{working}</DayWorking>"
                       f"{hours if working else ''}</WeekDay>")
        out.append("</WeekDays>")
    if cal.exceptions:
        out.append("<Exceptions>")
        # consecutive days with the same meaning and name become one range, as MS Project shows them
        runs: list[list] = []
        for d, (working, name) in sorted(cal.exceptions.items()):
            if runs and runs[-1][1] == d - timedelta(days=1) and runs[-1][2:] == [working, name]:
                runs[-1][1] = d
            else:
                runs.append([d, d, working, name])
        for first, last, working, name in runs:
            out.append(
                f"<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod>"
                f"<FromDate>{first.isoformat()}T00:00:00</FromDate><ToDate>{last.isoformat()}T23:59:00</ToDate>"
                f"</TimePeriod><Occurrences>1</Occurrences><Name>{_esc(name)}</Name><Type>1</Type>"
                f"<DayWorking>{1 if working else 0}</DayWorking>{hours if working else ''}</Exception>")
        out.append("</Exceptions>")
    out.append("</Calendar>")


def _baseline_xml(number: int, start: date, finish: date, duration: float, work: float, cost: float,
                  milestone: bool = False) -> str:
    """One of a task's saved baselines, as MS Project holds them: Baseline, Baseline1…Baseline10 by
    number (pmtui's numbers are MS Project's), dates at the working day's start and end (a
    milestone at its end), work as a span, cost in hundredths."""
    st = "17:00:00" if milestone else "08:00:00"
    return (f"<Baseline><Number>{number}</Number><Start>{_dt(start, st)}</Start><Finish>{_dt(finish, '17:00:00')}</Finish>"
            f"<Duration>{_span(duration)}</Duration><DurationFormat>7</DurationFormat><Work>{_span(work)}</Work>"
            f"<Cost>{_num(round(cost * CURRENCY_UNITS, 6))}</Cost></Baseline>")


def _baselines(data: PlanData, cal) -> dict:
    """Task key -> its <Baseline> elements, and the project summary task's under None. A project
    read without its records (a plain get_plan_data) has none to write."""
    out: dict = {}
    records = data.records
    for b in sorted(records.baselines if records is not None else [], key=lambda b: b["number"]):
        if b["start"] is not None and b["finish"] is not None:  # a JSON file may leave them out
            days = max(0, cal.index_on_or_before(b["finish"]) - cal.index_on_or_after(b["start"]) + 1)
            out.setdefault(None, []).append(_baseline_xml(b["number"], b["start"], b["finish"], days, b["work"],
                                                          b["cost"]))
        for bt in b["tasks"]:
            # a task deleted since the baseline (a negative key) has no row to carry it
            out.setdefault(bt["task"], []).append(_baseline_xml(
                b["number"], bt["start"], bt["finish"], bt["duration"], bt["work"], bt["cost"], bt["milestone"]))
    return out


def write_mspdi(data: PlanData, sched: ScheduleResult) -> tuple[str, list[str]]:
    """The MSPDI text of a project with its computed schedule, and what it could not carry."""
    notes_lost: Counter = Counter()
    mpd = 480
    cal = sched.calendar
    p0 = cal.index_on_or_after(sched.start)
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', PMTUI_MARK,
                      f'<Project xmlns="{MSPDI_NS}">']
    week_days = bin(data.calendar.workdays).count("1")
    # A project without tasks ends where it starts, a 0-day milestone, as MS Project 2013 saved
    # one (p2013 sample); it was written as lasting its first day, 08:00 to 17:00
    empty = not data.tasks
    finish_at = "08:00:00" if empty else "17:00:00"
    out.append(
        f"<SaveVersion>14</SaveVersion><Name>{_esc(data.name)}.xml</Name><Title>{_esc(data.name)}</Title>"
        f"<ScheduleFromStart>1</ScheduleFromStart>"
        f"<StartDate>{_dt(sched.start, '08:00:00')}</StartDate><FinishDate>{_dt(sched.finish, finish_at)}</FinishDate>"
        f"<CurrencyCode>{_esc(data.currency)}</CurrencyCode><CalendarUID>1</CalendarUID>"
        f"<DefaultStartTime>08:00:00</DefaultStartTime><DefaultFinishTime>17:00:00</DefaultFinishTime>"
        f"<MinutesPerDay>{mpd}</MinutesPerDay><MinutesPerWeek>{mpd * week_days}</MinutesPerWeek>"
        f"<DaysPerMonth>20</DaysPerMonth><DefaultTaskType>1</DefaultTaskType>"
        f"<DurationFormat>7</DurationFormat><WorkFormat>2</WorkFormat><HonorConstraints>1</HonorConstraints>"
        f"<NewTasksEffortDriven>0</NewTasksEffortDriven><WeekStartDay>1</WeekStartDay>"
    )
    if data.status_date:
        # pmtui schedules unfinished work from the status date's morning on (the stand-up's
        # day still has work in it), so the instant written is that morning, not its evening
        out.append(f"<StatusDate>{_dt(data.status_date, '08:00:00')}</StatusDate>")
    out.append("<Calendars>")
    _calendar_xml(out, 1, data.calendar)
    res_cal_uid: dict = {}
    for r in data.resources:
        if r.calendar is not None:
            uid = len(res_cal_uid) + 2
            res_cal_uid[r.key] = uid
            _calendar_xml(out, uid, r.calendar, base_uid=1,
                          week=r.calendar.own_week_of(data.calendar.workdays) is not None)
    out.append("</Calendars><Tasks>")
    tasks = data.tasks
    uid_of = {t.key: i + 1 for i, t in enumerate(tasks)}
    summaries = data.summaries()
    parent_of = {t.key: t.parent for t in tasks}
    with_work = _with_work(tasks, summaries, parent_of)
    preds: dict = {}
    for l in data.links:
        preds.setdefault(l.succ, []).append(l)
    st = sched.dates
    leaf_days = {t.key: _leaf_days(t, cal) for t in tasks if t.key not in summaries}
    rolled = _roll_up(tasks, summaries, parent_of, leaf_days, st)
    project_span = 0 if empty else max(0, sched.finish_index - p0 + 1)
    levels: dict = {}
    # MS Project's variance and tracking Gantt read these; without them the plan arrived with none
    baselines = _baselines(data, cal)
    iso = _IsoDays()  # six dates per task, a few hundred distinct ones in a plan
    at: dict = {}  # milestone key -> the times of its Start and Finish, for its assignments
    money = _task_money(data, summaries, parent_of, leaf_days, rolled)
    # project summary task (UID 0)
    out.append(
        f"<Task><UID>0</UID><ID>0</ID><Name>{_esc(data.name)}</Name><Type>1</Type><IsNull>0</IsNull>"
        f"<WBS>0</WBS><OutlineNumber>0</OutlineNumber><OutlineLevel>0</OutlineLevel>"
        f"<Start>{_dt(sched.start, '08:00:00')}</Start><Finish>{_dt(sched.finish, finish_at)}</Finish>"
        f"<Duration>{_span(project_span)}</Duration><DurationFormat>7</DurationFormat>"
        f"<Milestone>{1 if empty else 0}</Milestone><Summary>1</Summary>"
        + rolled[None].xml(project_span) + (money[None].xml() if None in money else "")
        + (f"<Notes>{_esc(data.notes)}</Notes>" if data.notes else "") + "".join(baselines.get(None, ())) + "</Task>"
    )
    for t in tasks:
        uid = uid_of[t.key]
        ts = st[t.key]
        level = levels[t.parent] + 1 if t.parent is not None else 1
        levels[t.key] = level
        summary = t.key in summaries
        if summary:
            dur, done, rem = (ts.ef - ts.es + 1 if t.key in with_work else 0), 0, 0
        else:
            dur, done, rem = leaf_days[t.key]
        milestone = not summary and t.duration == 0
        if milestone:
            # DESIGN: a milestone sits at the end of its day, except at the very project start
            # and where a start constraint put it (see scheduling.result)
            early, late = sched.milestone_at_start(t.key)
            st_time = fi_time = "08:00:00" if early else "17:00:00"
            ls_time = lf_time = "08:00:00" if late else "17:00:00"
        else:
            st_time, fi_time = ls_time, lf_time = "08:00:00", "17:00:00"
        if milestone:
            at[t.key] = (st_time, fi_time)  # the times its assignments take; a task's are 08:00-17:00
        parts = [
            f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{_esc(t.name)}</Name>"
            f"<WBS>{t.wbs}</WBS><OutlineNumber>{t.wbs}</OutlineNumber>"
            f"<OutlineLevel>{level}</OutlineLevel>"
            f"<Start>{iso[ts.start]}T{st_time}</Start><Finish>{iso[ts.finish]}T{fi_time}</Finish>"
            f"<Duration>{_span(dur)}</Duration><DurationFormat>7</DurationFormat>"
            f"<Milestone>{1 if milestone else 0}</Milestone><Summary>{1 if summary else 0}</Summary>"
            f"<Critical>{1 if ts.critical else 0}</Critical>"
            f"<EarlyStart>{iso[ts.early_start]}T{st_time}</EarlyStart>"
            f"<EarlyFinish>{iso[ts.early_finish]}T{fi_time}</EarlyFinish>"
            f"<LateStart>{iso[ts.late_start]}T{ls_time}</LateStart>"
            f"<LateFinish>{iso[ts.late_finish]}T{lf_time}</LateFinish>"
            f"<FreeSlack>{ts.free_float * mpd * 10}</FreeSlack><TotalSlack>{ts.total_float * mpd * 10}</TotalSlack>"
        ]
        # Elements left at MS Project's defaults are not written (a 10,000-task file parses
        # faster): FixedCost 0, PercentComplete 0, CalendarUID -1.
        if t.fixed_cost:
            # in hundredths, as MS Project holds money: 950 written as 950 opened as 9.50
            parts.append(f"<FixedCost>{_num(round(t.fixed_cost * CURRENCY_UNITS, 6))}</FixedCost>")
        if t.key in money:
            parts.append(money[t.key].xml())
        if summary:
            # pmtui holds no progress of a summary's own: without these a reader that does not
            # roll up (MPXJ) showed a summary of half-done work at 0 % and not started
            parts.append(rolled[t.key].xml(dur))
        else:
            if t.percent_complete:
                parts.append(f"<PercentComplete>{t.percent_complete}</PercentComplete>")
            # MS Project sets Actual Start to the scheduled Start once % Complete is above 0, and
            # Actual Finish to the scheduled Finish at 100 % (as _roll_up takes it for the
            # summaries): a task with progress and no actual dates (a CSV import) was written as
            # not started, and MPXJ read it so. pmtui's scheduler starts such a task where its
            # logic puts it, so reading these back schedules it on the same days.
            a_start = t.actual_start or (ts.start if t.percent_complete > 0 else None)
            a_finish = t.actual_finish or (ts.finish if t.percent_complete >= 100 else None)
            # A milestone's actual start and finish are one instant, the one its Start shows
            a_st, a_fi = ("08:00:00", "17:00:00") if not milestone else (st_time, st_time) if a_start == ts.start else ("17:00:00",) * 2
            if a_start:
                parts.append(f"<ActualStart>{_dt(a_start, a_st)}</ActualStart>")
            if a_finish:
                parts.append(f"<ActualFinish>{_dt(a_finish, a_fi)}</ActualFinish>")
            # MPXJ's scheduler (and MS Project) read progress from these two
            parts.append(f"<ActualDuration>{_span(done)}</ActualDuration><RemainingDuration>{_span(rem)}</RemainingDuration>")
        parts.append(f"<ConstraintType>{CONSTRAINT_TO_CODE[t.constraint_type]}</ConstraintType>")
        if t.constraint_date and t.constraint_type not in ("ASAP", "ALAP"):
            # MS Project's defaults when only a date is typed: start constraints at the start of
            # the day, finish ones at its end; a milestone too (Must Start On 18 Jan = 18 Jan 08:00)
            ctime = "17:00:00" if t.constraint_type in FINISH_CONSTRAINTS else "08:00:00"
            parts.append(f"<ConstraintDate>{_dt(t.constraint_date, ctime)}</ConstraintDate>")
        if t.deadline:
            parts.append(f"<Deadline>{_dt(t.deadline, '17:00:00')}</Deadline>")
        if t.notes:
            parts.append(f"<Notes>{_esc(t.notes)}</Notes>")
        for l in preds.get(t.key, ()):
            parts.append(
                f"<PredecessorLink><PredecessorUID>{uid_of[l.pred]}</PredecessorUID>"
                f"<Type>{LINK_TO_CODE[l.type]}</Type>"
                + (f"<LinkLag>{l.lag * mpd * 10}</LinkLag><LagFormat>7</LagFormat>" if l.lag else "")
                + "</PredecessorLink>")
        parts.extend(baselines.get(t.key, ()))
        parts.append("</Task>")
        out.append("".join(parts))
        if t.optimistic is not None:
            notes_lost["three-point estimates"] += 1
        if t.actual_cost is not None:
            notes_lost["entered actual costs"] += 1
    out.append("</Tasks><Resources>")
    res_uid = {r.key: i + 1 for i, r in enumerate(data.resources)}
    for r in data.resources:
        uid = res_uid[r.key]
        cal_uid = res_cal_uid.get(r.key, -1)
        out.append(
            f"<Resource><UID>{uid}</UID><ID>{uid}</ID><Name>{_esc(r.name)}</Name><Type>1</Type>"
            f"<IsNull>0</IsNull><Group>{r.kind}</Group><MaxUnits>{_num(r.max_units)}</MaxUnits>"
            f"<StandardRate>{_num(round(r.cost_rate * 60 / mpd, 6))}</StandardRate><StandardRateFormat>2</StandardRateFormat>"
            f"<CalendarUID>{cal_uid}</CalendarUID></Resource>")
    out.append("</Resources><Assignments>")
    rate = {r.key: r.cost_rate for r in data.resources}
    by_key = {t.key: t for t in tasks}
    for i, a in enumerate(data.assignments):
        t = by_key[a.task]
        done, left = _cost_days(t, leaf_days[a.task][0])
        day_cost = rate[a.resource] * a.units
        ts = st[a.task]
        st_time, fi_time = at.get(a.task, ("08:00:00", "17:00:00"))
        start, finish = f"{iso[ts.start]}T{st_time}", f"{iso[ts.finish]}T{fi_time}"
        # Work and Cost as MS Project holds them: the person's hours over the task's span at the
        # assignment's units, and what they cost at the person's rate (in hundredths), split into
        # actual and remaining as costing splits the task's (without them MS Project showed the
        # people at 0 h, and MPXJ gave no work nor cost per person)
        out.append(f"<Assignment><UID>{i + 1}</UID><TaskUID>{uid_of[a.task]}</TaskUID>"
                   f"<ResourceUID>{res_uid[a.resource]}</ResourceUID><Units>{_num(a.units)}</Units>"
                   f"<Start>{start}</Start><Finish>{finish}</Finish>"
                   f"<Work>{_span((done + left) * a.units)}</Work><ActualWork>{_span(done * a.units)}</ActualWork>"
                   f"<RemainingWork>{_span(left * a.units)}</RemainingWork>"
                   f"<Cost>{_money(day_cost * (done + left))}</Cost><ActualCost>{_money(day_cost * done)}</ActualCost>"
                   f"<RemainingCost>{_money(day_cost * left)}</RemainingCost></Assignment>")
    out.append("</Assignments></Project>\n")
    lost = [f"not written to MS Project XML: {n} {what} (use the JSON format to keep them)"
            for what, n in sorted(notes_lost.items())]
    return "\n".join(out), lost
