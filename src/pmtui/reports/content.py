"""What a status report says, gathered once and independent of its format: the status, what was
done and what slipped since the last report, and the trend over the snapshots."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from pmtui.models.errors import BadValue
from pmtui.services.as_of import START
from pmtui.services.baselines import finish_shift
from pmtui.services.finish_story import Story, finish_story
from pmtui.services.history import history
from pmtui.services.resource_load import before_text, over_days_before, resource_loads
from pmtui.services.snapshots import data_of, last_before, last_of_each_day
from pmtui.services.status import Late, Status, completed_since, project_status
from pmtui.store import Store

MAX_JOURNAL_LINES = 30
# The journal's records of progress and of the stand-up itself: what they did is in the report
# already (the tasks completed, what's late, the forecasts), and listed among the plan's changes
# they buried them ('Mark done: 3.2.1 ...: actual finish none → 2026-12-01, percent complete
# 0 → 100, remaining none → 0' under the line 'Completed 3.2.1 ...'). Counted, not listed.
PROGRESS_ACTIONS = frozenset({"Mark done", "Mark started", "Record progress", "Set remaining", "Add note",
                              "Start stand-up", "Finish stand-up", "Stand-up note"})


@dataclass(frozen=True, slots=True)
class Slip:
    what: str
    before: date
    now: date
    days: int | None  # working days, + is later


MAX_LATE = 10


@dataclass
class ReportData:
    status: Status
    since: date
    until: date  # the end of the week covered: the status date, or today before the project start
    generated: datetime
    completed: list[tuple[str, str, date]]
    changes: list[tuple[datetime, str, str]]  # (at, action, summary) from the journal, local time
    # (but progress records: PROGRESS_ACTIONS)
    previous: object | None  # the snapshot the comparison starts from
    slipped: list[Slip] = field(default_factory=list)
    late: list[Late] = field(default_factory=list)  # the MAX_LATE most behind, worst first
    more_late: int = 0  # and how many more
    trend: list[dict] = field(default_factory=list)  # per snapshot: day, slip, spi, cpi
    # per resource booked above its max units from the status date on: (name, max units, first
    # and last such day, working days in all, peak load, the WBS codes of the tasks at work then)
    overbooked: list[tuple[str, float, date, date, int, float, str]] = field(default_factory=list)
    overbooked_before: str = ""  # the same before the status date (history, not listed), or ''
    later_changes: int = 0  # changes made after ``until`` (a status date in the past): not listed
    later_snapshots: int = 0  # snapshots as of a day after the status date: not compared nor drawn
    same_day_snapshots: int = 0  # snapshots not drawn as a later one was taken as of the same day
    older_changes: int = 0  # changes made in the days covered beyond the MAX_JOURNAL_LINES listed
    progress_records: int = 0  # progress and stand-up records made in the days covered: not listed
    # the days whose changes are listed, by the clock: ``since`` to ``until`` but for a status date
    # so far ahead that its week has not begun, when it is the week up to today
    changes_from: date | None = None
    changes_to: date | None = None
    # what moved the finish: the changes made from ``changes_from`` on, and since the baseline
    # was saved (`pmtui why finish --since DAY` and `--baseline NAME` give the same)
    moved: Story | None = None
    moved_since_baseline: Story | None = None

    @property
    def changes_ahead(self) -> bool:
        """The changes listed are of other days than the plan days covered (status date ahead)."""
        return self.changes_to is not None and self.changes_to < self.since


def local(at: datetime) -> datetime:
    """A journal time (UTC) on the local clock, as `pmtui history` shows it."""
    return at.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


def gather(store: Store, project_id: int, *, since: date | None = None, method: str | None = None,
           now: datetime | None = None) -> ReportData:
    now = now or datetime.now()
    st = project_status(store, project_id, method=method, today=now.date())
    plan = st.plan
    # Before the project starts the figures are as of its start, but the week a report covers
    # is the one that just went by: the planning done for it.
    until = now.date() if st.as_of.source == START else st.status_date
    if since is not None and since > until and st.as_of.source == START:
        # it named the status date, the start, a date after --since: "2026-12-20 is after 2027-01-04"
        raise BadValue(f"--since {since} is after today, {until}: before the project starts ({st.status_date}) "
                       "a report covers what happened up to today")
    if since is not None and since > until:
        raise BadValue(f"--since {since} is after the status date {st.status_date}: a report covers "
                       "what happened up to the status date")
    since = since or until - timedelta(days=7)
    # The changes made on the days the report covers, by the clock on the wall (the journal's
    # only date): a report as of a status date in the past listed every change made since
    # (an MS Project file of 2011 as of its status date: today's import among 'done since
    # 2011-02-02'). A status date so far ahead that the week it closes has not begun on the clock
    # (a PM who records progress up to the end of the month) would list none, not even today's
    # edits: the changes are then those of a period as long, up to today — the work done for this
    # report. Snapshots are bookkeeping, not work a manager needs to read about.
    today = now.date()
    first, last = since, min(until, today)
    if since > today:
        first, last = today - (until - since), today
    entries = [(local(e.at), e.action, e.summary) for e in history(store, project_id)
               if e.state == "done" and e.action != "Take status snapshot"]
    # newest first, as pmtui history lists them; past the cap the oldest give way and are counted
    # (the cap kept the oldest: a busy week lost its latest changes without a word)
    covered = [e for e in entries if first <= e[0].date() <= last]
    changes = [e for e in covered if e[1] not in PROGRESS_ACTIONS]
    completed = [c for c in completed_since(plan, since) if c[2] <= until]
    # Snapshots are dated by the status date they were taken as of: those after this report's
    # (the status date moved back) are its future, neither 'the last report' nor its trend
    known = [s for s in st.snapshots if s.day <= st.status_date]
    data = ReportData(st, since, until, now, completed, changes[:MAX_JOURNAL_LINES],
                      # the state at the last report: the snapshot then, else the period's first one
                      last_before(known, since) or (known[0] if known else None))
    data.later_snapshots = len(st.snapshots) - len(known)
    data.later_changes = sum(1 for e in entries if e[0].date() > until)
    data.older_changes = len(changes) - len(data.changes)
    data.progress_records = len(covered) - len(changes)
    data.changes_from, data.changes_to = first, last
    # The report said the finish was +9d against the baseline and never why; the journal knows
    # which changes moved it. Up to now, not to ``last``: the finish the report gives is today's.
    data.moved = finish_story(store, plan, since=first, today=today)
    if st.evm.baseline is not None:
        data.moved_since_baseline = finish_story(store, plan, baseline=st.evm.baseline, today=today)
    cal = plan.calendar
    wd = lambda a, b: finish_shift(cal, a, b)  # noqa: E731  (every slip here is of a finish)
    prev = data.previous
    if prev is not None and prev.finish is not None and prev.finish != st.finish:
        # an earlier finish is news too, but not a slip: under that heading, bare, '(-2d)' read as
        # one, while a milestone is listed only when it is later
        what = "Project finish" if prev.finish < st.finish else "Project finish, earlier (not a slip)"
        data.slipped.append(Slip(what, prev.finish, st.finish, wd(prev.finish, st.finish)))
    if prev is not None:
        then = data_of(prev).get("milestones", {})
        for m in st.milestones:
            old = then.get(str(m.task_id))
            if old:
                before = date.fromisoformat(old[2])
                if before < m.forecast:
                    data.slipped.append(Slip(f"{m.wbs} {m.name}", before, m.forecast, wd(before, m.forecast)))
    data.late, data.more_late = st.late[:MAX_LATE], max(len(st.late) - MAX_LATE, 0)
    loads = resource_loads(plan, st.status_date)
    order = {t.id: i for i, t in enumerate(plan.tasks)}
    for r in plan.resources:
        runs = loads[r.id].overloads
        if runs:
            tasks = sorted({t for o in runs for t in o.tasks}, key=order.__getitem__)
            data.overbooked.append((r.name, r.max_units, runs[0].first, runs[-1].last, sum(o.days for o in runs),
                                    max(o.load for o in runs), ", ".join(plan.by_id[t].wbs for t in tasks)))
    data.overbooked.sort(key=lambda x: (x[2], x[0]))
    data.overbooked_before = before_text(plan, over_days_before(plan, st.status_date), st.status_date)
    drawn = last_of_each_day(known)
    data.same_day_snapshots = len(known) - len(drawn)
    for s in drawn:
        d = data_of(s)
        data.trend.append({"day": s.day, "slip": d.get("finish_slip"), "spi": s.spi, "cpi": s.cpi})
    return data
