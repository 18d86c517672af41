"""Reading the risk register: each risk with its band, trend, review state and its tie to the
schedule (linked tasks' float, critical or not), sorted and filtered; the matrix counts; total
exposure over time; the issue log.

Definitions (shown to users in `pmtui risk --help` and the screen's help):
- trend: the current score against the score it had before the day of its latest re-score
  (several key presses on one day count as one review): ↑ up, ↓ down, → unchanged or new.
- overdue: an open risk whose review date is before the status date (else today).
- exposure on the critical path: score × 1 / (1 + F / 5), where F is the smallest total float
  (working days, at least 0) among the risk's linked unfinished tasks. A risk on a critical task
  keeps its whole score; a week of float halves it; a risk tied to no unfinished task, or no
  longer open, has exposure 0 (it cannot move the finish date). Ties go to the risk with more critical tasks.
- slip: working days the finish would move if an open threat happens, worked out by the
  scheduler: its schedule impact added to the work left of each linked unfinished task in turn
  (for a linked summary, of the tasks under it with the least float), the worst kept, with the deadlines and constraints that would newly be missed. (Impact less
  float said "would slip the finish" where the float was cut short by a deadline or a fixed
  date, and the finish had room.)
- EMV (expected monetary value, PMBOK): probability as a percentage × cost impact, with the
  usual 5-point mapping 10 %, 30 %, 50 %, 70 %, 90 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from pmtui.lazy import LazyModule
from pmtui.models.errors import BadValue
from pmtui.models.vocabulary import issue_code, risk_code
from pmtui.models.wording import brief
from pmtui.scheduling.progress import work_split
from pmtui.services.as_of import risk_day
from pmtui.services.plan import Plan, load_plan, wbs_key
from pmtui.services.risk_bands import Bands, load_bands

if TYPE_CHECKING:
    from pmtui.models.risks import Issue, Risk
    from pmtui.store import Store

# SQLAlchemy, SQLModel, the table models and pydantic are loaded by the functions that use the
# store: `pmtui risk list` reading through sqlite3 (pmtui.services.quick_reads) builds the
# register with this module without them
_sa = LazyModule("sqlalchemy")
_risk_models = LazyModule("pmtui.models.risks")
_actions = LazyModule("pmtui.services.actions")
_risks = LazyModule("pmtui.services.risks")


SORTS = ("score", "exposure", "review")
SUMMARY_TASKS_TRIED = 10  # of a linked summary's tasks, those with least float tried by if_it_happens
FLOAT_SCALE = 5  # working days of float that halve a risk's exposure: one working week
PROBABILITY_PERCENT = {1: 0.10, 2: 0.30, 3: 0.50, 4: 0.70, 5: 0.90}
TREND_ARROWS = {1: "↑", -1: "↓", 0: "→"}


@dataclass(frozen=True)
class LinkedTask:
    id: int
    wbs: str
    name: str
    total_float: int
    critical: bool
    done: bool
    finish: date

    @property
    def label(self) -> str:
        return f"{self.wbs} {self.name}"


@dataclass(frozen=True)
class IfItHappens:
    """What an open threat's schedule impact would do to the plan, if it fell on the linked task
    where it does the most harm."""

    task_wbs: str | None  # the linked task it was added to (None: no unfinished leaf task)
    slip: int  # working days the project finish would move
    broken: tuple[str, ...]  # deadlines and constraints it would newly miss, in the scheduler's words


NOTHING_HAPPENS = IfItHappens(None, 0, ())


def if_it_happens_text(impact: int, what: IfItHappens) -> list[str]:
    """'5d more on 4.6.1: the finish holds, and 1 date is missed:' then each date missed in the
    scheduler's words, or nothing when there is nothing to work out (no impact, no unfinished
    linked task, not an open threat)."""
    if what.task_wbs is None:
        return []
    finish = f"the finish moves {what.slip:+d}d" if what.slip else "the finish holds"
    n = len(what.broken)
    missed = f", and {n} date{' is' if n == 1 else 's are'} missed:" if n else ""
    return [f"{impact}d more on {what.task_wbs}: {finish}{missed}", *what.broken]


def _lengthened(plan: Plan, task_id: int, days: int) -> Plan:
    """The plan with ``days`` more work left on the task: a task not begun takes them on its
    duration; a started one on its days left, the days done kept (its percent follows them)."""
    t = plan.by_id[task_id]
    if t.actual_start is None and t.percent_complete <= 0:
        return plan.with_task_values(task_id, {"duration": t.duration + days})
    done, left = work_split(t.duration, t.percent_complete, t.remaining)
    left += days
    percent = min(99, max(1, round(100 * done / (done + left)))) if done else t.percent_complete
    return plan.with_task_values(task_id, {"remaining": left, "percent_complete": percent})


def if_it_happens(plan: Plan, task_ids: list[int], days: int) -> IfItHappens:
    """The worst of ``days`` more work on each of these tasks (leaves not finished), one at a time."""
    sched = plan.schedule
    now = {(x.task_id, x.kind) for x in sched.violations}
    worst = NOTHING_HAPPENS
    # in WBS order, not by id: ids differ in a restored backup, and the answer (which of equal
    # slips is named, the order of the dates missed) must not
    code = lambda tid: wbs_key(plan.by_id[tid].wbs)  # noqa: E731
    for tid in sorted(task_ids, key=code):
        after = _lengthened(plan, tid, days).schedule
        slip = plan.calendar.working_days_between(sched.finish, after.finish)
        missed = sorted((x for x in after.violations if (x.task_id, x.kind) not in now),
                        key=lambda x: (code(x.task_id) if x.task_id in plan.by_id else (), x.kind))
        broken = tuple(x.message for x in missed)
        if worst.task_wbs is None or (slip, len(broken)) > (worst.slip, len(worst.broken)):
            worst = IfItHappens(plan.by_id[tid].wbs, slip, broken)
    return worst


@dataclass(frozen=True)
class ScorePoint:
    day: date
    probability: int
    impact: int
    comment: str

    @property
    def score(self) -> int:
        return self.probability * self.impact


@dataclass
class RiskView:
    risk: Risk
    owner: str
    band: str
    letter: str
    trend: int
    previous_score: int | None
    overdue: bool
    linked: list[LinkedTask] = field(default_factory=list)
    history: list[ScorePoint] = field(default_factory=list)
    plan: Plan | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> int:
        return self.risk.id

    @property
    def code(self) -> str:
        return risk_code(self.risk.number)

    @property
    def score(self) -> int:
        return self.risk.probability * self.risk.impact

    @property
    def arrow(self) -> str:
        return TREND_ARROWS[self.trend]

    @property
    def min_float(self) -> int | None:
        floats = [t.total_float for t in self.linked if not t.done]
        return max(0, min(floats)) if floats else None

    @property
    def critical_count(self) -> int:
        return sum(1 for t in self.linked if t.critical and not t.done)

    @property
    def exposure(self) -> float:
        f = self.min_float
        if f is None or self.risk.status != "open":
            return 0.0
        return self.score / (1 + f / FLOAT_SCALE)

    @cached_property
    def if_it_happens(self) -> IfItHappens:
        """Worked out when asked (a few schedules of the plan), then kept with this view."""
        r = self.risk
        if self.plan is None or r.kind != "threat" or r.status != "open" or r.schedule_impact <= 0:
            return NOTHING_HAPPENS
        plan, sched = self.plan, self.plan.schedule
        leaves: list[int] = []
        for t in self.linked:
            if t.done:
                continue
            if not plan.by_id[t.id].children:
                leaves.append(t.id)
                continue
            # a phase: its impact falls on the work under it, worst where float is least (the
            # ten least, so that a phase of hundreds of tasks costs ten schedules, not hundreds)
            under = [i for i in plan.descendants(t.id) if not plan.by_id[i].children
                     and plan.by_id[i].percent_complete < 100]
            under.sort(key=lambda i: (sched.tasks[i].total_float, wbs_key(plan.by_id[i].wbs)))
            leaves.extend(under[:SUMMARY_TASKS_TRIED])
        return if_it_happens(plan, list(dict.fromkeys(leaves)), r.schedule_impact)

    @property
    def slip(self) -> int:
        return self.if_it_happens.slip

    @property
    def emv(self) -> float:
        return PROBABILITY_PERCENT[self.risk.probability] * self.risk.cost_impact


@dataclass
class Register:
    """Every risk of a project, as of one day, with the plan it was read with."""

    plan: Plan
    day: date
    bands: Bands
    risks: list[RiskView]
    issues: list[Issue]

    def view(self, risk_id: int) -> RiskView:
        for v in self.risks:
            if v.id == risk_id:
                return v
        raise KeyError(risk_id)

    def select(self, *, open_only: bool = False, kind: str | None = None, min_score: int = 0,
               cell: tuple[int, int] | None = None, sort: str = "score") -> list[RiskView]:
        rows = [
            v for v in self.risks
            if (not open_only or v.risk.status == "open")
            and (kind is None or v.risk.kind == kind)
            and v.score >= min_score
            and (cell is None or (v.risk.probability, v.risk.impact) == cell)
        ]
        return sort_risks(rows, sort)

    def matrix(self, kind: str = "threat") -> dict[tuple[int, int], int]:
        """(probability, impact) → number of open risks of this kind in that cell."""
        counts = {(p, i): 0 for p in range(1, 6) for i in range(1, 6)}
        for v in self.risks:
            if v.risk.status == "open" and v.risk.kind == kind:
                counts[(v.risk.probability, v.risk.impact)] += 1
        return counts

    def issues_of(self, risk_id: int) -> list[Issue]:
        return [i for i in self.issues if i.risk_id == risk_id]

    def risk_code_of(self, risk_id: int | None) -> str | None:
        """The code (R<number>) of the risk with this row id, e.g. the risk an issue came from."""
        return self.view(risk_id).code if risk_id is not None else None


def sort_risks(rows: list[RiskView], sort: str) -> list[RiskView]:
    if sort == "score":
        key = lambda v: (-v.score, -v.risk.probability, v.id)  # noqa: E731
    elif sort == "exposure":
        key = lambda v: (-v.exposure, -v.critical_count, -v.score, v.id)  # noqa: E731
    elif sort == "review":
        key = lambda v: (v.risk.review_date is None, v.risk.review_date or date.max, -v.score, v.id)  # noqa: E731
    else:
        raise BadValue(f"sort {brief(sort)} is unknown: use {', '.join(SORTS)}")
    return sorted(rows, key=key)


def trend_of(history: list[ScorePoint]) -> tuple[int, int | None]:
    """(direction, score before the latest review day) from a risk's score history."""
    if not history:
        return 0, None
    last = history[-1]
    before = [h for h in history[:-1] if h.day != last.day]
    if not before:
        return 0, None
    prev = before[-1].score
    return (last.score > prev) - (last.score < prev), prev


def load_register(store: Store, project_id: int, today: date | None = None,
                  bands: Bands | None = None) -> Register:
    bands = bands or load_bands()
    with _actions.reading(store) as s:
        plan = load_plan(s.connection(), project_id)
        risks = s.execute(_sa.select(_risk_models.Risk).where(_risk_models.Risk.project_id == project_id).order_by(_risk_models.Risk.id)).scalars().all()
        ids = [r.id for r in risks]
        scores = s.execute(
            # in the order they were made: a score is dated by the status date of the day, which
            # can be moved back, and the last one made is the risk's P and I
            _sa.select(_risk_models.RiskScore).where(_risk_models.RiskScore.risk_id.in_(ids)).order_by(_risk_models.RiskScore.id)
        ).scalars().all() if ids else []
        links = s.execute(
            _sa.select(_risk_models.RiskTask).where(_risk_models.RiskTask.risk_id.in_(ids)).order_by(_risk_models.RiskTask.id)
        ).scalars().all() if ids else []
        issues = s.execute(_sa.select(_risk_models.Issue).where(_risk_models.Issue.project_id == project_id).order_by(_risk_models.Issue.id)).scalars().all()
    return register_of(plan, risks, scores, links, issues, today, bands)


def register_of(plan: Plan, risks: list, scores: list, links: list, issues: list, today: date | None,
                bands: Bands) -> Register:
    """The register from a project's plan and its rows, by id (table models, or
    pmtui.services.quick_reads's rows): risks, their scores and task links, issues."""
    day = risk_day(plan.project, today)
    sched = plan.schedule if plan.tasks else None
    history: dict[int, list[ScorePoint]] = {}
    for sc in scores:
        history.setdefault(sc.risk_id, []).append(ScorePoint(sc.day, sc.probability, sc.impact, sc.comment))
    linked: dict[int, list[LinkedTask]] = {}
    for link in links:
        row = plan.by_id.get(link.task_id)
        if row is None or sched is None:
            continue
        ts = sched.tasks[row.id]
        linked.setdefault(link.risk_id, []).append(LinkedTask(
            row.id, row.wbs, row.name, ts.total_float, ts.critical,
            row.percent_complete >= 100, ts.finish))
    views = []
    for r in risks:
        h = history.get(r.id, [])
        trend, prev = trend_of(h)
        owner = plan.resource_by_id[r.owner_id].name if r.owner_id in plan.resource_by_id else ""
        overdue = r.status == "open" and r.review_date is not None and r.review_date < day
        views.append(RiskView(r, owner, bands.of(r.probability * r.impact), bands.letter(r.probability * r.impact),
                              trend, prev, overdue, linked.get(r.id, []), h, plan))
    return Register(plan, day, bands, views, list(issues))


def risk_detail(store: Store, project_id: int, ref: str | int, today: date | None = None) -> tuple[Register, RiskView]:
    """The register and one risk in it (NotFound for an id that is not in this project)."""
    with _actions.reading(store) as s:
        rid = _risks.get_risk_row(s, project_id, ref).id
    reg = load_register(store, project_id, today)
    return reg, reg.view(rid)


def exposure_over_time(reg: Register, kind: str = "threat") -> list[tuple[date, int]]:
    """Total score of the open risks of one kind on every day a score, an opening or a closing
    changed it; a risk counts from its first score until it closed or occurred."""
    raised = {}
    for issue in reg.issues:
        if issue.risk_id is not None:
            raised[issue.risk_id] = min(raised.get(issue.risk_id, issue.raised_on), issue.raised_on)
    spans = []
    days: set[date] = set()
    for v in reg.risks:
        if v.risk.kind != kind or not v.history:
            continue
        end = v.risk.closed_on if v.risk.status == "closed" else raised.get(v.id) if v.risk.status == "occurred" else None
        spans.append((v.history, end))
        days.update(h.day for h in v.history)
        if end:
            days.add(end)
    out = []
    for day in sorted(days):
        total = 0
        for hist, end in spans:
            if min(h.day for h in hist) > day or (end is not None and end <= day):
                continue
            total += [h for h in hist if h.day <= day][-1].score
        out.append((day, total))
    return out


def issue_label(issue: Issue) -> str:
    return f"{issue_code(issue.number)} {issue.title}"
