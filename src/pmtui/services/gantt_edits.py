"""The edits made from the Gantt timeline: a day longer or shorter, a day later or earlier.
Each is one journaled action (through ``edit_task``), so `u` undoes it.

They read the task as stored when they run, not as the screen last drew it, so two quick presses
of `]` make a task two days longer rather than one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.tables import Task
from pmtui.services.actions import reading
from pmtui.services.tasks import edit_task, get_plan
from pmtui.store import Store


def _stored_duration(store: Store, project_id: int, task_id: int) -> int:
    with reading(store) as s:
        row = s.execute(select(Task.duration).where(Task.id == task_id, Task.project_id == project_id)).first()
    if row is None:
        raise NotFound(f"no task with id #{task_id} in this project")
    return row[0]


def change_duration(store: Store, project_id: int, task_id: int, days: int):
    """Make a task ``days`` working days longer (negative: shorter). Returns the edited row."""
    new = _stored_duration(store, project_id, task_id) + days
    if new < 0:
        plan_row = get_plan(store, project_id).by_id[task_id]
        raise Conflict(f"{plan_row.label} is a milestone (0 days): it cannot be any shorter")
    return edit_task(store, project_id, f"#{task_id}", duration=new)


@dataclass(frozen=True, slots=True)
class Shift:
    label: str
    start: date  # the new start-no-earlier-than date
    replaced: str  # the constraint it had before (ASAP, SNET, MSO…)


def shift_start(store: Store, project_id: int, task_id: int, days: int) -> Shift:
    """Move a task ``days`` working days later (negative: earlier) by giving it a Start No Earlier
    Than constraint on its new start date, as MS Project does when a bar is dragged."""
    plan = get_plan(store, project_id)
    row = plan.resolve(f"#{task_id}")
    if row.actual_start is not None:
        raise Conflict(f"{row.label} started on {row.actual_start}: record its progress instead of moving it")
    begun = [plan.by_id[d] for d in plan.descendants(task_id) if plan.by_id[d].actual_start is not None]
    if begun:
        # A summary under way keeps its start, its first task's actual start: the constraint was
        # set and said ('start no earlier than …') and the bar stayed where it was.
        first = min(begun, key=lambda t: t.actual_start)
        raise Conflict(f"{row.label} is under way ({first.label} started on {first.actual_start}): move the "
                       f"tasks in it not yet begun instead; nothing was changed")
    ts = plan.schedule.tasks[task_id]
    if days < 0 and ts.driven_by == "link":
        preds = ", ".join(plan.by_id[p].wbs for p in ts.driving)
        raise Conflict(f"{row.label} starts {ts.start} because of {preds}: it cannot move earlier "
                       f"unless that link changes")
    if days < 0 and ts.driven_by == "status_date":
        # the constraint was set and said, and the bar stayed: nothing unfinished goes before it
        raise Conflict(f"{row.label} starts {ts.start} because unfinished work is scheduled from the "
                       f"status date ({plan.schedule.status_date}): it cannot move earlier unless the "
                       f"status date moves; nothing was changed")
    cal = plan.calendar
    if days < 0 and ts.driven_by == "constraint" and row.constraint_type == "ASAP":
        # held by a summary's Start No Earlier Than, which its own constraint could not undo
        holder = _holding_summary(plan, row, cal.index_on_or_after(ts.start))
        if holder is not None:
            raise Conflict(f"{row.label} starts {ts.start} because its summary {holder.label} starts no "
                           f"earlier than {holder.constraint_date} (SNET): it cannot move earlier unless "
                           f"that constraint changes; nothing was changed")
    target = cal.date_of(cal.index_on_or_after(ts.start) + days)
    if target < plan.project.start:
        raise Conflict(f"{row.label} cannot start before the project starts ({plan.project.start})")
    edit_task(store, project_id, f"#{task_id}", constraint_type="SNET", constraint_date=target)
    return Shift(row.label, target, row.constraint_type)


def _holding_summary(plan, row, start_index: int):
    """The summary above ``row`` whose Start No Earlier Than date is its start, or None."""
    cal = plan.calendar
    parent = row.parent_id
    while parent is not None:
        up = plan.by_id[parent]
        if (up.constraint_type == "SNET" and up.constraint_date is not None
                and cal.index_on_or_after(up.constraint_date) == start_index):
            return up
        parent = up.parent_id
    return None
