"""Baselines: up to 11 named copies of the plan's dates, durations, work and cost (MS Project's
Baseline, Baseline1 … Baseline10), one of them active, and the variance of the plan against it.

Variances are "now − baseline": positive means later, longer or dearer. Dates are compared in
working days of the project calendar, so a slip over a weekend counts as one day, not three.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pmtui.lazy import LazyModule
from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.models.parsing import is_digits
from pmtui.models.wording import brief, counted
from pmtui.services.costing import TaskCost, plan_costs
from pmtui.services.plan import Plan, load_plan

if TYPE_CHECKING:
    from sqlmodel import Session

    from pmtui.models.tracking import Baseline, BaselineTask
    from pmtui.store import Store

# SQLAlchemy, SQLModel, the table models and pydantic are loaded by the functions that use the
# store: a command reading through sqlite3 (pmtui.services.quick_reads) computes with this module
# without them
_sa = LazyModule("sqlalchemy")
_rules = LazyModule("pmtui.models.rules")
_tables = LazyModule("pmtui.models.tables")
_tracking = LazyModule("pmtui.models.tracking")
_actions = LazyModule("pmtui.services.actions")
_bulk = LazyModule("pmtui.services.bulk")


MAX_NAME = 60
NO_BASELINE = "no baseline to compare against: save one with `pmtui baseline save NAME`"


@dataclass(frozen=True, slots=True)
class SavedBaseline:
    baseline: Baseline
    tasks: dict[int, BaselineTask]  # by task id

    @property
    def name(self) -> str:
        return self.baseline.name

    def own_costs(self) -> dict[int, float]:
        """Each row's own cost: a summary's stored cost is its total, so its children come off."""
        by_wbs = {t.wbs: t for t in self.tasks.values()}
        own = {t.task_id: t.cost for t in self.tasks.values()}
        for t in self.tasks.values():
            parent_wbs = t.wbs.rpartition(".")[0]
            if parent_wbs in by_wbs:
                own[by_wbs[parent_wbs].task_id] -= t.cost
        return own


@dataclass(frozen=True, slots=True)
class TaskVariance:
    task_id: int
    wbs: str
    name: str
    level: int
    summary: bool
    milestone: bool
    base_start: date
    base_finish: date
    start: date
    finish: date
    start_var: int  # working days
    finish_var: int
    base_duration: int
    duration: int
    duration_var: int
    base_cost: float
    cost: float
    cost_var: float
    base_work: float
    work: float


@dataclass(slots=True)
class Variance:
    baseline: str
    number: int
    saved_at: object
    base_start: date | None
    base_finish: date | None
    start: date
    finish: date
    finish_var: int
    base_cost: float
    cost: float
    cost_var: float
    tasks: list[TaskVariance] = field(default_factory=list)
    added: list[tuple[str, str]] = field(default_factory=list)  # (wbs, name) now
    removed: list[tuple[str, str]] = field(default_factory=list)  # (wbs, name) then
    # tasks with work, not summaries: the scope's measure (a new phase of 3 tasks is 3 tasks)
    added_leaves: int = 0
    removed_leaves: int = 0

    @property
    def cost_var_percent(self) -> float | None:
        return self.cost_var / self.base_cost * 100 if self.base_cost else None


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise BadValue("a baseline needs a name, e.g. 'Approved plan'")
    if len(name) > MAX_NAME:
        # worded as every other text limit: the length given, so the user knows how much to cut
        raise BadValue(f"baseline name is {MAX_NAME} characters at most; you gave {len(name)}")
    bad = _rules.control_character(name)
    if bad is not None:
        # as for any other name: `pmtui baseline list` printed an escape sequence to the terminal
        raise BadValue(f"baseline name contains the control character U+{ord(bad):04X}: names are plain text")
    return name


def _all(session: Session, project_id: int) -> list[Baseline]:
    rows = session.execute(_sa.select(_tracking.Baseline).where(_tracking.Baseline.project_id == project_id).order_by(_tracking.Baseline.number))
    return list(rows.scalars())


def _find(session: Session, project_id: int, name: str) -> Baseline:
    return named(_all(session, project_id), name)


def named(rows: list, name: str):
    """The baseline called ``name`` among the project's ``rows`` (by number; table models, or
    pmtui.services.quick_reads's rows), or NotFound saying which there are."""
    for b in rows:
        if b.name == name:
            return b
    # forgiving about case, as long as it is unambiguous: with 'BL' and 'bl' saved, 'Bl' took the
    # first, and `pmtui baseline rm Bl` removed a baseline the user had not named
    folded = [b for b in rows if b.name.casefold() == name.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    if folded:
        raise NotFound(f"no baseline {brief(name)} in this project, and {' and '.join(repr(b.name) for b in folded)} "
                       "differ from it only in case: give the name exactly")
    known = ", ".join(repr(b.name) for b in rows) or "none yet (save one with `pmtui baseline save NAME`)"
    raise NotFound(f"no baseline {brief(name)} in this project; baselines: {known}")


# The columns of a baseline's task rows, in the order _task_rows gives them.
_TASK_COLUMNS = ["baseline_id", "task_id", "wbs", "name", "summary", "milestone", "start", "finish", "duration",
                 "work", "cost"]


def _task_rows(plan: Plan, costs: dict[int, TaskCost], baseline_id: int) -> list[tuple]:
    # the dates alone, in one sweep: each task's full result (floats, driving links) cost 1.8 s
    # of a 10,000-task baseline, profiled
    sched = plan.schedule.dates
    rows = []
    for t in plan.tasks:
        s = sched[t.id]
        rows.append((baseline_id, t.id, t.wbs, t.name, t.summary, t.milestone, s.start, s.finish,
                     plan.duration_now(t), costs[t.id].work, costs[t.id].forecast))
    return rows


def save_baseline(store: Store, project_id: int, name: str, *, replace: bool = False) -> Baseline:
    """Save the plan as it is scheduled now. The first baseline becomes the active one."""
    with _actions.action(store, project_id, "Save baseline") as act:
        return save_baseline_in(act, name, replace=replace)


def save_baseline_in(act, name: str, *, replace: bool = False) -> Baseline:
    """Save a baseline inside an action already running (the demo saves its approved plan)."""
    name = _check_name(name)
    project_id = act.project_id
    s = act.session
    existing = _all(s, project_id)
    same = next((b for b in existing if b.name == name), None)
    plan = load_plan(act.conn, project_id)
    if not plan.tasks:
        raise Conflict("the plan has no tasks yet: add some before saving a baseline")
    costs = plan_costs(plan)
    if same is not None and not replace:
        raise Conflict(f"baseline {brief(name)} exists: add --replace to save over it")
    if same is None and len(existing) >= _tracking.MAX_BASELINES:
        names = ", ".join(repr(b.name) for b in existing)
        raise Conflict(f"a project keeps at most {_tracking.MAX_BASELINES} baselines (as MS Project does: Baseline, "
                       f"Baseline1…Baseline10); remove one first with `pmtui baseline rm NAME`, or save over "
                       f"one with --replace. Saved: {names}")
    if same is None:
        used = {b.number for b in existing}
        base = _tracking.Baseline(project_id=project_id, name=name, number=min(set(range(_tracking.MAX_BASELINES)) - used),
                        active=not any(b.active for b in existing))
        s.add(base)
        s.flush()
    else:
        base = same
        _drop_tasks(act, base.id)
        base.saved_at = _tables.utcnow()
    base.start, base.finish = plan.schedule.start, plan.schedule.finish
    # MS Project's Baseline Cost is the Cost field when saved: actual + remaining
    base.cost = sum(costs[r].forecast for r in plan.roots)
    base.work = sum(costs[r].work for r in plan.roots)
    # in bulk through Core, as an import writes its tasks: as ORM objects, 10,000 of them took
    # most of the time of saving a baseline
    _bulk.insert_rows(act, _tracking.BaselineTask.__table__, _TASK_COLUMNS, _task_rows(plan, costs, base.id))
    label = "Baseline" if base.number == 0 else f"Baseline{base.number}"
    act.say(f"{'replaced' if same else 'saved'} baseline {name!r} ({label}): {counted(len(plan.tasks), 'task')}, "
            f"finish {base.finish}, cost {base.cost:,.0f}")
    s.flush()
    return base


def _drop_tasks(act, baseline_id: int) -> None:
    """Delete the baseline's task rows, whole rows through Core journaled in bulk."""
    table = _tracking.BaselineTask.__table__
    act.recorder.drop(act.conn, table, act.conn.execute(
        _sa.select(table).where(table.c.baseline_id == baseline_id).order_by(table.c.id)).all())


def list_baselines(store: Store, project_id: int) -> list[Baseline]:
    with _actions.reading(store) as s:
        return _all(s, project_id)


def use_baseline(store: Store, project_id: int, name: str) -> Baseline:
    with _actions.action(store, project_id, "Use baseline") as act:
        chosen = _find(act.session, project_id, name)
        for b in _all(act.session, project_id):
            want = b.id == chosen.id
            if b.active != want:
                b.active = want
        act.say(f"variance now compares against baseline {chosen.name!r}")
    return chosen


def remove_baseline(store: Store, project_id: int, name: str) -> Baseline | None:
    """Remove a baseline; when it was the active one, the latest saved of the rest takes over.
    Returns the baseline that is active afterwards (None when none is left)."""
    with _actions.action(store, project_id, "Remove baseline") as act:
        s = act.session
        gone = _find(s, project_id, name)
        _drop_tasks(act, gone.id)
        s.delete(gone)
        s.flush()
        rest = _all(s, project_id)
        active = next((b for b in rest if b.active), None)
        if gone.active and rest:
            active = max(rest, key=lambda b: (b.saved_at, b.id))
            active.active = True
        act.say(f"removed baseline {gone.name!r}" + (f"; {active.name!r} is active now" if gone.active and active else ""))
    return active


def load_baseline(session: Session, project_id: int, name: str | None = None) -> SavedBaseline | None:
    """The named baseline, or the active one (None when the project has none)."""
    base = chosen(_all(session, project_id), name)
    if base is None:
        return None
    rows = session.execute(_sa.select(_tracking.BaselineTask).where(_tracking.BaselineTask.baseline_id == base.id)).scalars()
    return SavedBaseline(base, {r.task_id: r for r in rows})


def chosen(rows: list, name: str | None):
    """The named baseline among ``rows``, or the active one (None when there is none)."""
    if name is not None:
        return named(rows, name)
    return next((b for b in rows if b.active), None)


def get_baseline(store: Store, project_id: int, name: str | None = None) -> SavedBaseline | None:
    with _actions.reading(store) as s:
        return load_baseline(s, project_id, name)


def finish_shift(cal, before: date, after: date) -> int:
    """Working days from one finish to another. A finish is the end of its day, and a Saturday
    has no working time, so work finished on a Saturday ends with Friday's: counted from the
    Monday after, it read a day later than it was."""
    return cal.index_on_or_before(after) - cal.index_on_or_before(before)


def compare(plan: Plan, saved: SavedBaseline, costs: dict[int, TaskCost] | None = None) -> Variance:
    costs = costs if costs is not None else plan_costs(plan)
    cal, sched = plan.calendar, plan.schedule
    days = lambda a, b: cal.index_on_or_after(b) - cal.index_on_or_after(a)  # noqa: E731
    base = saved.baseline
    # MS Project's cost variance: Cost (actual + remaining) − Baseline Cost, so money spent beyond
    # the budget shows at once, not only when the budget is changed
    cost_now = sum(costs[r].forecast for r in plan.roots)
    out = Variance(
        baseline=base.name, number=base.number, saved_at=base.saved_at, base_start=base.start,
        base_finish=base.finish, start=sched.start, finish=sched.finish,
        finish_var=finish_shift(cal, base.finish, sched.finish) if base.finish else 0,
        base_cost=base.cost, cost=cost_now, cost_var=cost_now - base.cost,
    )
    for t in plan.tasks:
        b = saved.tasks.get(t.id)
        if b is None:
            out.added.append((t.wbs, t.name))
            out.added_leaves += not t.summary
            continue
        s = sched.tasks[t.id]
        duration = plan.duration_now(t)
        c = costs[t.id]
        out.tasks.append(TaskVariance(
            task_id=t.id, wbs=t.wbs, name=t.name, level=t.level, summary=t.summary, milestone=t.milestone,
            base_start=b.start, base_finish=b.finish, start=s.start, finish=s.finish,
            start_var=days(b.start, s.start), finish_var=finish_shift(cal, b.finish, s.finish),
            base_duration=b.duration, duration=duration, duration_var=duration - b.duration,
            base_cost=b.cost, cost=c.forecast, cost_var=c.forecast - b.cost, base_work=b.work, work=c.work,
        ))
    present = set(plan.by_id)
    out.removed_leaves = sum(1 for tid, b in saved.tasks.items() if tid not in present and not b.summary)
    out.removed = sorted(((b.wbs, b.name) for tid, b in saved.tasks.items() if tid not in present),
                         key=lambda x: tuple(int(p) for p in x[0].split(".") if is_digits(p)))
    return out


def variance(store: Store, project_id: int, name: str | None = None) -> Variance:
    with _actions.reading(store) as s:
        saved = load_baseline(s, project_id, name)
        if saved is None:
            raise NotFound(NO_BASELINE)
        plan = load_plan(s.connection(), project_id)
    return compare(plan, saved)
