"""The rows an outline shows when some summaries are folded: shared by the WBS table and the
Gantt chart, which list the same tasks in the same order under the same folds."""

from __future__ import annotations

from typing import Collection


def unfolded_rows(plan, collapsed: Collection[int]) -> list[int]:
    """The plan's task ids in outline order, none under a folded summary."""
    if not collapsed:
        return [t.id for t in plan.tasks]
    rows: list[int] = []
    skip = None  # the level of the folded summary whose tasks are being passed over
    for t in plan.tasks:
        if skip is not None:
            if t.level > skip:
                continue
            skip = None
        rows.append(t.id)
        if t.id in collapsed and t.children:
            skip = t.level
    return rows
