"""Task costs in working days, as MS Project computes them for day-rate resources.

cost = Σ(rate per working day × units) × duration + fixed cost, where the duration of a task
under way or done is its actual + remaining duration (MS Project). A summary costs what its tasks
cost plus its own fixed cost. Fixed cost accrues pro rata with progress (MS Project's default
"prorated" accrual), so the derived actual cost of a task is its days done at its daily rate plus
its fixed cost × percent complete.
Standard library only, plain values in and out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .progress import work_split


def daily_rate(assignments: Iterable[tuple[float, float]]) -> float:
    """Cost of one working day of the task: Σ rate × units over its (rate, units) assignments."""
    return sum(rate * units for rate, units in assignments)


def days_split(duration: int, percent_complete: float, remaining: int | None = None) -> tuple[float, float]:
    """(working days done, working days left) that a task's cost and work are counted on: MS
    Project's Duration = Actual Duration + Remaining Duration. With days left recorded, the days
    done are the scheduler's (work_split), so a 3-day task 4 days in with 3 to go costs 7 days;
    else the planned duration split by percent complete. A finished task's actual duration is
    the caller's to give (it needs the calendar)."""
    pct = min(max(percent_complete, 0.0), 100.0)
    if remaining is not None and duration > 0 and pct < 100:
        done, left = work_split(duration, pct, remaining)
        return float(done), float(left)
    return duration * pct / 100.0, duration * (1.0 - pct / 100.0)


def cost_split(daily: float, fixed_cost: float, done_days: float, left_days: float,
               percent_complete: float) -> tuple[float, float]:
    """(actual, remaining) cost: the days done and left at the daily rate, and the fixed cost
    prorated by percent complete (MS Project's default accrual)."""
    share = min(max(percent_complete, 0.0), 100.0) / 100.0
    return daily * done_days + fixed_cost * share, daily * left_days + fixed_cost * (1.0 - share)


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
