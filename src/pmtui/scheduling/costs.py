"""Task costs in working days, as MS Project computes them for day-rate resources.

cost = Σ(rate per working day × units) × duration + fixed cost. A summary costs what its tasks
cost plus its own fixed cost. Fixed cost accrues pro rata with progress (MS Project's default
"prorated" accrual), so the derived actual cost of a task is its cost × percent complete.
Standard library only, plain values in and out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .progress import work_split


def daily_rate(assignments: Iterable[tuple[float, float]]) -> float:
    """Cost of one working day of the task: Σ rate × units over its (rate, units) assignments."""
    return sum(rate * units for rate, units in assignments)


def task_cost(duration: int, assignments: Iterable[tuple[float, float]], fixed_cost: float = 0.0) -> float:
    return daily_rate(assignments) * max(duration, 0) + fixed_cost


def task_work(duration: int, units: Iterable[float]) -> float:
    """Person-days of work: duration × Σ units (MS Project's work = duration × units)."""
    return max(duration, 0) * sum(units)


def remaining_fraction(duration: int, percent_complete: float, remaining: int | None = None) -> float:
    """The part of a task still to do: its remaining duration when one is recorded, else 1 − %."""
    if percent_complete >= 100:
        return 0.0
    if remaining is not None and duration > 0:
        return min(max(remaining / duration, 0.0), 1.0)
    return 1.0 - max(percent_complete, 0.0) / 100.0


def derived_actual_cost(cost: float, percent_complete: float, duration: int = 0,
                        remaining: int | None = None) -> float:
    """Actual cost when none is entered: the share of the cost that progress says was spent.
    With days left recorded, the share of the duration done, as the scheduler reads it
    (work_split: MS Project's % = done / (done + left)), which need not be the percent."""
    if remaining is not None and duration > 0 and 0 < percent_complete < 100:
        done, _ = work_split(duration, percent_complete, remaining)
        return cost * min(done / duration, 1.0)
    return cost * min(max(percent_complete, 0.0), 100.0) / 100.0


def roll_up(own: Mapping[int, float], parent: Mapping[int, int | None]) -> dict[int, float]:
    """Each node's own value plus everything below it (summaries total their tasks)."""
    total = dict(own)
    for node, value in own.items():
        p = parent.get(node)
        seen = 0
        while p is not None and seen < len(parent):  # the bound stops a malformed (cyclic) tree
            total[p] = total.get(p, 0.0) + value
            p = parent.get(p)
            seen += 1
    return total
