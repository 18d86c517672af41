"""Where the project stands: earned value as of the status date, RAG ratings, milestones against
the baseline, risks, issues and blockers. The status screen, `pmtui status`, the snapshots and
the report are all built from ``project_status``.

Config (``[rag]`` in config.toml; the defaults below are used for any key left out)::

    [rag]
    spi_amber = 0.95        # schedule is amber when SPI < 0.95, red when SPI < 0.85
    spi_red = 0.85
    slip_amber = 5          # ... or when the finish is 5 / 10 working days behind the baseline
    slip_red = 10
    cpi_amber = 0.95        # cost is amber when CPI < 0.95, red when CPI < 0.85
    cpi_red = 0.85
    scope_amber = 5         # scope is amber when 5 % / red when 10 % of the baseline's tasks
    scope_red = 10          #   were added or removed since it was saved
    risk_high_amber = 1     # risk is amber with 1 open high threat, red with 3 or more
    risk_high_red = 3

    [evm]
    eac = "cpi"             # cpi | typical | atypical | composite | bottom-up (see scheduling/evm.py)

Risk bands come from ``[risk]`` (medium = 5, high = 12 by default): score = probability × impact.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pmtui.lazy import LazyModule
from pmtui.models.errors import BadValue
from pmtui.models.vocabulary import issue_code, risk_code
from pmtui.models.wording import brief, days, signed_days
from pmtui.scheduling import costs as C
from pmtui.scheduling.evm import CENT, EAC_METHODS, EarnedValue, earned_value, planned_value
from pmtui.services.as_of import AsOf, figures_date
from pmtui.services.baselines import SavedBaseline, Variance, compare, finish_shift, load_baseline
from pmtui.services.costing import TaskCost, percent_of, plan_costs, project_percent
from pmtui.services.plan import Plan, load_plan
from pmtui.store import settings
from pmtui.store.locations import config_file

if TYPE_CHECKING:
    from sqlmodel import Session

    from pmtui.models.tracking import Snapshot
    from pmtui.store import Store

# SQLAlchemy, SQLModel, the table models and pydantic are loaded by the functions that use the
# store: a command reading through sqlite3 (pmtui.services.quick_reads) computes with this module
# without them
_sa = LazyModule("sqlalchemy")
_risk_models = LazyModule("pmtui.models.risks")
_tables = LazyModule("pmtui.models.tables")
_tracking = LazyModule("pmtui.models.tracking")
_actions = LazyModule("pmtui.services.actions")


LEVELS = ("green", "amber", "red")
LETTERS = {"green": "G", "amber": "A", "red": "R", "none": "-"}


# -- earned value ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EvmLine:
    task_id: int
    wbs: str
    name: str
    level: int
    summary: bool
    value: EarnedValue


@dataclass(frozen=True, slots=True)
class EvmReport:
    as_of: AsOf
    baseline: str | None  # None: no baseline, so no PV, SV or SPI
    method: str
    project: EarnedValue
    lines: list[EvmLine]

    @property
    def status_date(self) -> date:
        return self.as_of.day


def eac_method(method: str | None = None) -> str:
    if method is not None and not method.strip():
        # a script's unset "$EAC" gave the default formula and said nothing, as a date did once
        raise BadValue(f"--eac is empty: use {', '.join(EAC_METHODS)}")
    value = method or settings.section("evm").get("eac", "cpi")
    if value not in EAC_METHODS:
        where = "--eac" if method else f"config file {config_file()}: [evm] eac"
        raise BadValue(f"{where} {brief(value)} is not an EAC method: use {', '.join(EAC_METHODS)}")
    return value


def status_day(plan: Plan, today: date | None = None) -> AsOf:
    return figures_date(plan.project.status_date, plan.project.start, today)


def compute_evm(plan: Plan, costs: dict[int, TaskCost], saved: SavedBaseline | None, method: str,
                as_of: AsOf, *, per_task: bool = True) -> EvmReport:
    """EVM per task, summary and project. With a baseline, budgets and PV come from it (a task
    added since has no budget, as in MS Project, until the plan is baselined again). Without
    ``per_task``, the project's figures only (``lines`` empty)."""
    cal, sched = plan.calendar, plan.schedule.tasks
    # PV counts the work planned before the status date: like progress, it is the first day of
    # unfinished work (DESIGN; Primavera's data date), so a task due Monday to Friday and 80 %
    # done on a Friday status date is on plan (SPI 1.0), not behind.
    day = cal.index_on_or_after(as_of.day) - 1
    base_own = saved.own_costs() if saved else {}
    own: dict[str, dict[int, float]] = {k: {} for k in ("bac", "pv", "ev", "ac", "etc")}
    for t in plan.tasks:
        c = costs[t.id]
        if saved is not None:
            b = saved.tasks.get(t.id)
            bac = base_own.get(t.id, 0.0) if b else 0.0
            first, last = (b.start, b.finish) if b else (None, None)
        else:
            # no baseline: the budget of the planned durations, so an overrun lowers the CPI
            bac, first, last = c.own_budget, sched[t.id].start, sched[t.id].finish
        pv = planned_value(cal.index_on_or_after(first), cal.index_on_or_before(last), bac, day) if first else 0.0
        own["bac"][t.id], own["pv"][t.id] = bac, pv
        own["ev"][t.id] = bac * percent_of(plan, t.id) / 100.0 if bac else 0.0
        own["ac"][t.id], own["etc"][t.id] = c.own_actual, c.own_remaining
    parent = {t.id: t.parent_id for t in plan.tasks}
    total = {k: C.roll_up(v, parent) for k, v in own.items()}

    def ev_of(ids) -> EarnedValue:
        sums = {k: sum(total[k][i] for i in ids) for k in total}
        pv = sums["pv"] if saved is not None else None  # no baseline: no PV (scheduling.evm)
        return earned_value(sums["bac"], pv, sums["ev"], sums["ac"], method, sums["etc"])

    lines = [EvmLine(t.id, t.wbs, t.name, t.level, t.summary, ev_of([t.id])) for t in plan.tasks] if per_task else []
    return EvmReport(as_of, saved.name if saved else None, method, ev_of(plan.roots), lines)


def earned_value_report(store: Store, project_id: int, *, method: str | None = None,
                        baseline: str | None = None, today: date | None = None) -> EvmReport:
    method = eac_method(method)
    with _actions.reading(store) as s:
        saved = load_baseline(s, project_id, baseline)
        plan = load_plan(s.connection(), project_id)
    return evm_of(plan, saved, method, today)


def evm_of(plan: Plan, saved: SavedBaseline | None, method: str, today: date | None = None) -> EvmReport:
    """The EVM report of a plan read with its baseline, by a checked EAC method (eac_method)."""
    return compute_evm(plan, plan_costs(plan), saved, method, status_day(plan, today))


# -- RAG ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Thresholds:
    spi_amber: float = 0.95
    spi_red: float = 0.85
    slip_amber: int = 5
    slip_red: int = 10
    cpi_amber: float = 0.95
    cpi_red: float = 0.85
    scope_amber: float = 5.0
    scope_red: float = 10.0
    risk_high_amber: int = 1
    risk_high_red: int = 3


def _number(conf: dict, key: str, default, whole: bool):
    value = conf.get(key, default)
    ok = isinstance(value, int) if whole else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok or value < 0:
        kind = "a whole number, 0 or more" if whole else "a number, 0 or more"
        raise BadValue(f"config file {config_file()}: [rag] {key} = {brief(value)} must be {kind}")
    return value


def load_thresholds() -> Thresholds:
    conf = settings.section("rag")
    unknown = set(conf) - set(Thresholds.__dataclass_fields__)
    if unknown:
        raise BadValue(f"config file {config_file()}: [rag] has unknown keys {', '.join(sorted(unknown))}; "
                       f"known: {', '.join(Thresholds.__dataclass_fields__)}")
    d = Thresholds()
    values = {k: _number(conf, k, getattr(d, k), isinstance(getattr(d, k), int))
              for k in Thresholds.__dataclass_fields__}
    th = Thresholds(**values)
    # Indices get worse downwards, counts and slips upwards: red must lie beyond amber.
    for low, high in (("spi_red", "spi_amber"), ("cpi_red", "cpi_amber"), ("slip_amber", "slip_red"),
                      ("scope_amber", "scope_red"), ("risk_high_amber", "risk_high_red")):
        if getattr(th, low) > getattr(th, high):
            raise BadValue(f"config file {config_file()}: [rag] {low} = {getattr(th, low)} must not be above "
                           f"{high} = {getattr(th, high)}")
    return th


@dataclass(frozen=True, slots=True)
class Rag:
    area: str
    level: str  # green | amber | red | none (cannot be measured yet)
    reason: str

    @property
    def letter(self) -> str:
        return LETTERS[self.level]


def _worst(*levels: str) -> str:
    known = [lv for lv in levels if lv in LEVELS]
    return max(known, key=LEVELS.index) if known else "none"


def _below(value: float | None, amber: float, red: float) -> str:
    if value is None:
        return "none"
    return "red" if value < red else "amber" if value < amber else "green"


def _at_least(value: float | None, amber: float, red: float) -> str:
    if value is None:
        return "none"
    return "red" if value >= red else "amber" if value >= amber else "green"


def past_deadline(plan: Plan) -> tuple[str, date, int] | None:
    """The unfinished task forecast furthest past its deadline: (its label, the deadline, working
    days late, counted as the schedule's own deadline warning counts them)."""
    cal, sched, percent = plan.calendar, plan.schedule.tasks, plan.percent
    worst = None
    for t in plan.tasks:
        if t.deadline is None or percent[t.id] >= 100:  # (a summary's percent is its tasks')
            continue
        finish = sched[t.id].finish
        if finish > t.deadline:
            days = cal.working_days_between(t.deadline, finish)
            if worst is None or days > worst[2]:
                worst = (f"{t.wbs} {t.name}", t.deadline, days)
    return worst


def rate(evm: EarnedValue, variance: Variance | None, high_risks: int, th: Thresholds,
         late: tuple[str, date, int] | None = None) -> list[Rag]:
    slip = variance.finish_var if variance else None
    spi_lv, slip_lv = _below(evm.spi, th.spi_amber, th.spi_red), _at_least(slip, th.slip_amber, th.slip_red)
    # A deadline missed by weeks read 'on track' when nothing else measured the schedule (no
    # baseline yet, or one saved after the slip); a day or two late stays the flag's business.
    late_lv = _at_least(late[2], th.slip_amber, th.slip_red) if late else "none"
    if late_lv == "green":
        late_lv = "none"
    parts = []
    if evm.spi is not None:
        parts.append(f"SPI {evm.spi:.2f}")
    if slip is not None:
        parts.append(f"finish {signed_days(slip)} vs baseline")
    if evm.pv is None:
        parts.append("no baseline to measure against")
    if late_lv != "none":
        parts.append(f"{late[0]} {days(late[2])} past its deadline {late[1]}")
    schedule = Rag("schedule", _worst(spi_lv, slip_lv, late_lv),
                   ", ".join(parts) or "nothing planned by the status date")
    # 'no actual cost yet' of a plan with no rates and no fixed costs promised a figure that
    # would never come (with a baseline, the budget is the baseline's)
    unmeasured = ("no actual cost yet" if evm.bac >= CENT else
                  f"no budget: no rates or fixed costs in the {'plan' if variance is None else 'baseline'}")
    cost = Rag("cost", _below(evm.cpi, th.cpi_amber, th.cpi_red),
               f"CPI {evm.cpi:.2f}, VAC {round(evm.whole().vac):,}" if evm.cpi is not None else unmeasured)
    if variance is None:
        scope = Rag("scope", "none", "no baseline to compare against")
    else:
        # tasks with work only: adding a phase of 3 tasks counted 4 (its summary too)
        base_count = sum(1 for t in variance.tasks if not t.summary) + variance.removed_leaves
        changed = variance.added_leaves + variance.removed_leaves
        pct = changed / base_count * 100 if base_count else 0.0
        scope = Rag("scope", _at_least(pct, th.scope_amber, th.scope_red),
                    f"{variance.added_leaves} added, {variance.removed_leaves} removed ({pct:.0f}%)")
    risk = Rag("risk", _at_least(high_risks, th.risk_high_amber, th.risk_high_red),
               f"{high_risks} open high risk{'s' if high_risks != 1 else ''}")
    return [schedule, cost, scope, risk]


def overall(rags: list[Rag]) -> Rag:
    level = _worst(*(r.level for r in rags))
    bad = [f"{r.area} {r.letter}" for r in rags if r.level in ("amber", "red")]
    # A plan with no baseline and no costs read 'G — on track' in the report's first line, on
    # the strength of its risks alone: what was not measured is said with the rating
    unmeasured = [r.area for r in rags if r.level == "none"]
    if not unmeasured:
        return Rag("overall", level, ", ".join(bad) or "on track")
    # the areas the rating stands on, then the rest
    shown = bad or [f"{r.area} {r.letter}" for r in rags if r.level != "none"]
    return Rag("overall", level, "; ".join([*([", ".join(shown)] if shown else []),
                                            f"not measured: {', '.join(unmeasured)}"]))


# -- risks and issues, read straight from their tables ------------------------------------------

@dataclass(frozen=True, slots=True)
class RiskRow:
    id: int
    title: str
    kind: str
    probability: int
    impact: int
    score: int
    band: str
    strategy: str
    response: str
    owner: str
    code: str = ""  # R<number>, as the team and every screen name it


@dataclass(frozen=True, slots=True)
class IssueRow:
    id: int
    title: str
    kind: str
    severity: int
    owner: str
    task: str
    raised_on: date
    code: str = ""  # I<number>


def risk_bands() -> tuple[int, int]:
    """(medium, high) score thresholds from [risk]; the defaults split the 5×5 grid 1–4, 5–11, 12–25."""
    conf = settings.section("risk")
    medium, high = conf.get("medium", 5), conf.get("high", 12)
    for key, value in (("medium", medium), ("high", high)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 25:
            raise BadValue(f"config file {config_file()}: [risk] {key} = {brief(value)} must be a whole score from 1 to 25")
    if medium > high:
        raise BadValue(f"config file {config_file()}: [risk] medium = {medium} is above high = {high}")
    return medium, high


def open_risks(session: Session, project_id: int) -> list[RiskRow]:
    names = dict(session.execute(_sa.select(_tables.Resource.id, _tables.Resource.name).where(_tables.Resource.project_id == project_id)).all())
    rows = session.execute(_sa.select(_risk_models.Risk).where(_risk_models.Risk.project_id == project_id, _risk_models.Risk.status == "open")).scalars()
    return risk_rows(rows, names)


def risk_rows(rows, names: dict[int, str]) -> list[RiskRow]:
    """The open risks ``rows`` (table models, or pmtui.services.quick_reads's rows), scored and
    banded, highest first; ``names`` the project's resources' by id."""
    medium, high = risk_bands()
    out = []
    for r in rows:
        score = r.probability * r.impact
        band = "high" if score >= high else "medium" if score >= medium else "low"
        out.append(RiskRow(r.id, r.title, r.kind, r.probability, r.impact, score, band, r.strategy,
                           r.response, names.get(r.owner_id, ""), risk_code(r.number)))
    return sorted(out, key=lambda r: (-r.score, r.kind != "threat", r.id))


def open_issues(session: Session, project_id: int, plan: Plan) -> list[IssueRow]:
    names = dict(session.execute(_sa.select(_tables.Resource.id, _tables.Resource.name).where(_tables.Resource.project_id == project_id)).all())
    rows = session.execute(_sa.select(_risk_models.Issue).where(_risk_models.Issue.project_id == project_id, _risk_models.Issue.status == "open")).scalars()
    return issue_rows(rows, names, plan)


def issue_rows(rows, names: dict[int, str], plan: Plan) -> list[IssueRow]:
    """The open issues ``rows`` (as risk_rows takes them), blockers first, most severe first."""
    out = []
    for i in rows:
        task = plan.by_id[i.task_id].label if i.task_id in plan.by_id else ""
        out.append(IssueRow(i.id, i.title, i.kind, i.severity, names.get(i.owner_id, ""), task, i.raised_on,
                            issue_code(i.number)))
    return sorted(out, key=lambda i: (i.kind != "blocker", -i.severity, i.raised_on, i.id))


# -- the whole picture ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MilestoneRow:
    task_id: int
    wbs: str
    name: str
    baseline: date | None
    forecast: date
    variance: int | None  # working days, + is late
    done: bool
    deadline: date | None


@dataclass(frozen=True, slots=True)
class Late:
    """An unfinished task behind: forecast after its baseline finish or its deadline, or not
    started though the baseline had it start before the status date."""
    wbs: str
    name: str
    base_finish: date | None
    forecast: date
    variance: int | None  # working days against the baseline finish, + is late
    deadline: date | None  # when the forecast is past it
    past_deadline: int | None  # working days past it
    due_to_start: date | None  # the baseline start, when the task has not started by the status date

    @property
    def worst(self) -> int:
        return max(self.variance or 0, self.past_deadline or 0)


def late_tasks(plan: Plan, variance: Variance | None, status_date: date) -> list[Late]:
    """The unfinished tasks behind, worst first (milestones have their own table). The report
    listed those late against the baseline under 'Slipped since the last report', as this week's
    news however long ago they slipped, a baseline was needed to list any, and a task past its
    deadline or not started when due was named nowhere."""
    cal, sched, percent = plan.calendar, plan.schedule.tasks, plan.percent
    base = {v.task_id: v for v in variance.tasks} if variance is not None else {}
    out = []
    for t in plan.tasks:
        if t.summary or t.milestone or percent[t.id] >= 100:
            continue
        finish, v = sched[t.id].finish, base.get(t.id)
        var = v.finish_var if v is not None else None
        # counted as the schedule's deadline warning and the schedule RAG count it
        past = cal.working_days_between(t.deadline, finish) if t.deadline and finish > t.deadline else None
        # the status date is the first day of work not done: a start due before it is overdue
        due = v.base_start if v is not None and v.base_start < status_date and t.actual_start is None \
            and percent[t.id] == 0 else None
        if (var or 0) > 0 or past or due:
            out.append(Late(t.wbs, t.name, v.base_finish if v else None, finish, var,
                            t.deadline if past else None, past, due))
    order = {t.wbs: i for i, t in enumerate(plan.tasks)}
    return sorted(out, key=lambda x: (-x.worst, order[x.wbs]))


@dataclass
class Status:
    project: str
    currency: str
    as_of: AsOf
    start: date
    finish: date
    baseline_finish: date | None
    finish_slip: int | None
    percent_complete: float
    evm: EvmReport
    variance: Variance | None
    rags: list[Rag]
    overall: Rag
    milestones: list[MilestoneRow]
    risks: list[RiskRow]
    issues: list[IssueRow]
    critical: list[tuple[str, str, date, date, int]]  # (wbs, name, start, finish, total float): see critical_path
    snapshots: list[Snapshot] = field(default_factory=list)
    plan: Plan | None = None
    late: list[Late] = field(default_factory=list)  # worst first
    critical_to_finish: int = 0  # how many of ``critical``, from the first, are the path to the finish

    @property
    def status_date(self) -> date:
        return self.as_of.day

    @property
    def risk_counts(self) -> dict[str, int]:
        counts = {"high": 0, "medium": 0, "low": 0}
        for r in self.risks:
            if r.kind == "threat":
                counts[r.band] += 1
        return counts

    @property
    def opportunities(self) -> int:
        """Open opportunities: risk_counts and the risk RAG count threats only."""
        return sum(1 for r in self.risks if r.kind != "threat")

    @property
    def blockers(self) -> list[IssueRow]:
        return [i for i in self.issues if i.kind == "blocker"]


def milestones(plan: Plan, saved: SavedBaseline | None) -> list[MilestoneRow]:
    cal, sched = plan.calendar, plan.schedule.tasks
    out = []
    for t in plan.tasks:
        if not t.milestone:
            continue
        b = saved.tasks.get(t.id) if saved else None
        forecast = sched[t.id].finish
        var = finish_shift(cal, b.finish, forecast) if b else None
        out.append(MilestoneRow(t.id, t.wbs, t.name, b.finish if b else None, forecast, var,
                                t.percent_complete == 100, t.deadline))
    return out


def critical_path(plan: Plan) -> tuple[list[tuple[str, str, date, date, int]], int]:
    """(wbs, name, start, finish, total float): the critical path to the finish, then every
    other critical task by start; and how many are on the path. A task behind an unmet
    constraint or a deadline has negative float but drives no finish: the report left out
    exactly the tasks most behind."""
    sched = plan.schedule
    paths = sched.critical_paths(limit=1)
    ids = [i for i in (paths[0] if paths else []) if i in plan.by_id]
    on_path = set(ids)
    others = [t.id for t in plan.tasks if not t.summary and sched.tasks[t.id].critical and t.id not in on_path]
    ids += sorted(others, key=lambda i: (sched.tasks[i].start, sched.tasks[i].total_float))
    return [(plan.by_id[i].wbs, plan.by_id[i].name, sched.tasks[i].start, sched.tasks[i].finish,
             sched.tasks[i].total_float) for i in ids], len(on_path)


def data_of(snap) -> dict:
    """What a snapshot keeps besides its columns (see pmtui.services.snapshots); {} when unreadable."""
    try:
        value = json.loads(snap.data or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def snapshots_of(session: Session, project_id: int) -> list[Snapshot]:
    rows = session.execute(_sa.select(_tracking.Snapshot).where(_tracking.Snapshot.project_id == project_id)
                           .order_by(_tracking.Snapshot.day, _tracking.Snapshot.taken_at, _tracking.Snapshot.id)).scalars()
    return list(rows)


def status_from(session: Session, project_id: int, *, method: str | None = None,
                baseline: str | None = None, today: date | None = None) -> Status:
    """Everything, read in the given session (also used inside an action by take_snapshot)."""
    method = eac_method(method)
    plan = load_plan(session.connection(), project_id)
    saved = load_baseline(session, project_id, baseline)
    return status_of(plan, saved, method, today, risks=lambda: open_risks(session, project_id),
                     issues=lambda: open_issues(session, project_id, plan),
                     snapshots=lambda: snapshots_of(session, project_id))


def status_of(plan: Plan, saved: SavedBaseline | None, method: str, today: date | None, *,
              risks: Callable[[], list[RiskRow]], issues: Callable[[], list[IssueRow]],
              snapshots: Callable[[], list]) -> Status:
    """Everything, from a plan read with its baseline, by a checked EAC method (eac_method); the
    risks, issues and snapshots are asked for in the order the figures need them."""
    costs = plan_costs(plan)
    as_of = status_day(plan, today)
    # the status, the report and a snapshot read the project's earned value only: a line per
    # task was two objects per task held by the status screen (`pmtui evm` lists them)
    evm = compute_evm(plan, costs, saved, method, as_of, per_task=False)
    var = compare(plan, saved, costs) if saved else None
    open_ = risks()
    high = sum(1 for r in open_ if r.kind == "threat" and r.band == "high")
    rags = rate(evm.project, var, high, load_thresholds(), past_deadline(plan))
    sched = plan.schedule
    critical, on_path = critical_path(plan) if plan.tasks else ([], 0)
    return Status(
        project=plan.project.name, currency=plan.project.currency, as_of=as_of,
        start=sched.start, finish=sched.finish,
        baseline_finish=saved.baseline.finish if saved else None,
        finish_slip=var.finish_var if var else None,
        percent_complete=project_percent(plan), evm=evm, variance=var, rags=rags, overall=overall(rags),
        milestones=milestones(plan, saved), risks=open_, issues=issues(),
        critical=critical, critical_to_finish=on_path, snapshots=snapshots(),
        plan=plan, late=late_tasks(plan, var, as_of.day),
    )


def project_status(store: Store, project_id: int, *, method: str | None = None,
                   baseline: str | None = None, today: date | None = None) -> Status:
    with _actions.reading(store) as s:
        return status_from(s, project_id, method=method, baseline=baseline, today=today)


def completed_since(plan: Plan, since: date) -> list[tuple[str, str, date]]:
    """Tasks that finished on or after ``since``: (wbs, name, finish)."""
    return [(t.wbs, t.name, t.actual_finish) for t in plan.tasks
            if not t.summary and t.actual_finish is not None and t.actual_finish >= since]


__all__ = ["Status", "project_status", "status_from", "earned_value_report", "compute_evm", "Rag",
           "Thresholds", "load_thresholds", "rate", "EvmReport", "Late", "late_tasks"]
