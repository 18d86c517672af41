"""What tasks cost: budget at completion per task, summary and project; actual and remaining cost.

Config (``[costs]`` in config.toml)::

    [costs]
    actual = "derived"   # "derived" (default): an entered actual cost wins, else the days done
                         # at the daily rate plus the fixed cost × % complete
                         # "entered": only entered actual costs count; a task without one spent 0

A task's cost uses its resources' day rates × units × its duration, plus its fixed cost (see
pmtui.scheduling.costs); once it has started, that duration is its days done + days left
(cost_days), as MS Project counts it. Resource calendars (leave) do not change cost: a task is paid for the
working days it lasts, as MS Project does for day-rate resources, and a finished one also for its
actual start and finish days when the calendar has them off (WorkCalendar.days_worked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmtui.lazy import LazyModule
from pmtui.models.errors import BadValue, Conflict
from pmtui.models.parsing import parse_money
from pmtui.models.wording import brief
from pmtui.scheduling import costs as C
from pmtui.services.plan import Plan, RollUp, TaskRow, actual_span, load_plan
from pmtui.store import settings
from pmtui.store.locations import config_file

if TYPE_CHECKING:
    from pmtui.store import Store

# SQLAlchemy, SQLModel, the table models and pydantic are loaded by the functions that use the
# store: a command reading through sqlite3 (pmtui.services.quick_reads) computes with this module
# without them
_rules = LazyModule("pmtui.models.rules")
_tables = LazyModule("pmtui.models.tables")
_actions = LazyModule("pmtui.services.actions")


ACTUAL_MODES = ("derived", "entered")


@dataclass(frozen=True, slots=True)
class TaskCost:
    """Money of one task; for a summary, the totals of everything under it plus its own fixed cost."""

    task_id: int
    cost: float  # MS Project's Cost: the days done and left at their rates (actual + remaining when derived)
    work: float  # person-days
    actual: float
    remaining: float  # bottom-up estimate to complete
    own: float  # the task's own cost (a summary's own fixed cost only)
    own_actual: float
    own_remaining: float
    entered: bool  # the actual cost was typed in, not derived
    budget: float  # on the planned durations: what the work was estimated to cost, before progress
    own_budget: float

    @property
    def forecast(self) -> float:
        """What the task will have cost: actual + remaining (MS Project's Cost field). A budget
        overrun shows here, and so in the cost variance against a baseline."""
        return self.actual + self.remaining


def actual_mode() -> str:
    value = settings.section("costs").get("actual", "derived")
    if value not in ACTUAL_MODES:
        raise BadValue(f"config file {config_file()}: [costs] actual = {brief(value)} must be \"derived\" or \"entered\"")
    return value


def percent_of(plan: Plan, task_id: int) -> float:
    """A task's percent complete; a summary's is its tasks' done days over their days (MS Project)."""
    return plan.percent[task_id]


def project_percent(plan: Plan) -> float:
    """The whole project's percent complete: every detail task rolled up, as a summary's is (MS
    Project's project summary task)."""
    total = RollUp()
    for t in plan.tasks:
        if not t.children:
            total.add(RollUp.of(plan.duration_now(t), t.percent_complete))
    return total.percent


def cost_days(plan: Plan, t: TaskRow) -> tuple[float, float]:
    """(working days done, working days left) of a task, which its cost and work are counted
    on: a finished task's actual duration; a task under way, its days done + days left (MS
    Project's Duration = Actual + Remaining Duration), so an overrun costs more as it happens,
    not only once the task is marked done."""
    done = actual_span(plan.calendar, t)
    if done is not None:
        return float(done), 0.0
    return C.days_split(t.duration, t.percent_complete, t.remaining)


def plan_costs(plan: Plan, mode: str | None = None) -> dict[int, TaskCost]:
    mode = mode or actual_mode()
    parent = {t.id: t.parent_id for t in plan.tasks}
    own_cost_, own_work, own_actual, own_left, entered, own_budget = {}, {}, {}, {}, {}, {}
    for t in plan.tasks:
        pct = percent_of(plan, t.id)
        if t.summary:
            daily, units, done, left, planned = 0.0, 0.0, 0.0, 0.0, 0
        else:
            planned = max(t.duration, 0)
            assigned = plan.assignments_of.get(t.id, [])
            daily = C.daily_rate((plan.resource_by_id[a.resource_id].cost_rate, a.units) for a in assigned)
            units = sum(a.units for a in assigned)
            done, left = cost_days(plan, t)
        actual, remaining = C.cost_split(daily, t.fixed_cost, done, left, pct)
        own_cost_[t.id], own_work[t.id], own_left[t.id] = actual + remaining, units * (done + left), remaining
        own_budget[t.id] = daily * planned + t.fixed_cost
        entered[t.id] = t.actual_cost is not None and not t.summary
        if entered[t.id]:
            own_actual[t.id] = float(t.actual_cost)
        else:
            own_actual[t.id] = 0.0 if mode == "entered" else actual
    totals = [C.roll_up(v, parent) for v in (own_cost_, own_work, own_actual, own_left, own_budget)]
    return {
        t.id: TaskCost(t.id, totals[0][t.id], totals[1][t.id], totals[2][t.id], totals[3][t.id],
                       own_cost_[t.id], own_actual[t.id], own_left[t.id], entered[t.id],
                       totals[4][t.id], own_budget[t.id])
        for t in plan.tasks
    }


def project_cost(plan: Plan, costs: dict[int, TaskCost]) -> float:
    return sum(costs[r].cost for r in plan.roots)


def project_budget(plan: Plan, costs: dict[int, TaskCost]) -> float:
    """The BAC while there is no baseline: the plan's estimate on its planned durations, so an
    overrun shows in the CPI and not in the budget."""
    return sum(costs[r].budget for r in plan.roots)


def parse_amount(text: str) -> float | None:
    """An amount of money as typed ('12,500', '12500.50'); 'none' clears an entered actual cost."""
    if text.strip().lower() in ("none", "-", "derive", "derived"):
        return None
    return parse_money(text, "actual cost", _SPENT)


_SPENT = ": an actual cost is money spent, 0 or more"


def check_amount(value: float) -> None:
    try:
        _rules.check_money(value, "actual cost", _SPENT)
    except ValueError as exc:
        raise BadValue(str(exc)) from None


def set_actual_cost(store: Store, project_id: int, ref: str, amount: float | None) -> TaskRow:
    """Enter (or, with None, clear) the actual cost of a task."""
    if amount is not None:
        check_amount(amount)
    with _actions.action(store, project_id, "Enter actual cost") as act:
        plan = load_plan(act.conn, project_id)
        row = plan.resolve(ref)
        if row.summary:
            raise Conflict(f"{row.label} is a summary: enter actual costs on the tasks under it")
        task = act.session.get(_tables.Task, row.id)
        if task.actual_cost != amount:
            before = "derived" if task.actual_cost is None else f"{task.actual_cost:,.2f}"
            after = "derived" if amount is None else f"{amount:,.2f}"
            act.say(f"actual cost of {row.label}: {before} → {after}")
            task.actual_cost = amount
        row.actual_cost = amount
    return row
