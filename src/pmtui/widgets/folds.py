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


def outline_rows(plan, collapsed: Collection[int]) -> tuple[list[int], dict[int, int]]:
    """``unfolded_rows`` and each row's index, shared by every view of the plan under the same
    folds (neither view changes them). Kept on the plan for its tree (``plan.shape``, which a
    copy with the same tree and order shares): at 100,000 tasks, building them again for the
    Gantt was 40 % of the instructions of its first frame, for the rows the WBS table had.
    """
    folds = frozenset(collapsed)
    kept = plan.__dict__.get("_outline_rows")
    if kept is not None and kept[0] is plan.shape and kept[1] == folds:
        return kept[2], kept[3]
    rows = unfolded_rows(plan, folds)
    index_of = {tid: i for i, tid in enumerate(rows)}
    plan.__dict__["_outline_rows"] = (plan.shape, folds, rows, index_of)
    return rows, index_of
