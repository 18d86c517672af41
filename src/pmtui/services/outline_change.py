"""What a task's own values come to when it gains or loses the tasks under it.

A summary takes its dates and progress from its tasks (DESIGN): once a task has one under it
(`task add --under`, indent, an outdent that leaves tasks below it), its own duration, progress,
constraint (but Start No Earlier Than, which then holds back its tasks) and entered actual cost
stop counting. They stay stored, so they count again if it loses its tasks. The plan's dates
moved without a word; the services now say it, in the same action and journal entry as the
change, so one undo takes back both.
"""

from __future__ import annotations

from pmtui.models.tables import Task
from pmtui.models.wording import counted
from pmtui.scheduling.model import CONSTRAINT_NAMES, ConstraintType
from pmtui.services.actions import Action
from pmtui.services.plan import Plan, TaskRow

# The duration a task is added with (services.tasks.add_task, the WBS screen's a and A): a task
# with nothing else of its own is a phase typed in to put tasks under, and a summary over even
# one new task spans that day anyway; saying its 1 day no longer counts at each new phase is noise.
NEW_TASK_DAYS = 1


def _days(n: int) -> str:
    return counted(n, "working day")


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _progress(t: TaskRow) -> str | None:
    if not (t.percent_complete or t.actual_start or t.actual_finish or t.remaining is not None):
        return None
    bits = [f"{t.percent_complete} %"]
    if t.actual_start and t.actual_start != t.actual_finish:
        bits.append(f"started {t.actual_start}")
    if t.actual_finish:
        bits.append(f"finished {t.actual_finish}")
    elif t.remaining is not None:
        bits.append(f"{_days(t.remaining)} left")
    return f"its progress ({', '.join(bits)})"


def _constraint(t: TaskRow) -> str | None:
    if t.constraint_type in ("ASAP", "SNET"):  # a summary's SNET holds back its tasks: it counts
        return None
    name = CONSTRAINT_NAMES[ConstraintType(t.constraint_type)]
    return f"its {name} {t.constraint_date} constraint" if t.constraint_date else f"its {name} constraint"


def _others(plan: Plan, t: TaskRow) -> list[str]:
    """The values of its own, but the duration, that a summary ignores."""
    parts = [p for p in (_progress(t), _constraint(t)) if p]
    if t.actual_cost is not None:  # services.costing counts a summary's tasks' costs, not its own
        parts.append(f"its entered actual cost of {t.actual_cost:,.2f} {plan.project.currency}".rstrip())
    return parts


def _own_duration(t: TaskRow) -> str:
    if t.duration == 0:
        return "its own duration of 0 days (it was a milestone)"
    return f"its own duration of {_days(t.duration)}"


def became_summary(act: Action, plan: Plan, task_id: int, said: list[str] | None) -> None:
    """Say what a task that now has a task under it no longer counts, worded from ``plan``, the
    plan after the change (its WBS code then); nothing when it had nothing of its own."""
    t = plan.by_id[task_id]
    parts = _others(plan, t)
    if not parts and t.duration == NEW_TASK_DAYS:
        return
    parts.insert(0, _own_duration(t))
    count = "counts" if len(parts) == 1 else "count"
    comes = "its dates and progress come" if _progress(t) else "its dates come"
    s = plan.schedule.tasks[task_id]
    now = f"now {_days(plan.duration_now(t))}, {s.start} to {s.finish}"
    if said is not None:
        said.append(f"{t.wbs} {t.name!r} is now a summary: {_and(parts)} no longer {count}, "
                    f"{comes} from its tasks ({now})")
    act.say(f"{t.wbs} {t.name!r} became a summary (its own {t.duration}d no longer counts)")


def _keeps_span(t: TaskRow, span: int) -> bool:
    return t.duration == 0 and span > 0


def keep_span(act: Action, before: Plan, task_id: int) -> dict[int, dict]:
    """A summary that loses its last task is a task again, and its own values count again. One
    with no duration of its own (imported from MS Project, or the demo: summaries store 0) keeps
    the span it had as a summary, as MS Project keeps a former summary's duration: it became a
    milestone, and whatever followed it moved earlier without a word. Call it before the plan is
    checked, with ``before``, the plan before the change (the span is its). Returns the values it
    changed, as Plan.with_outline takes them."""
    t = before.by_id[task_id]
    span = before.duration_now(t)
    if _keeps_span(t, span):
        act.session.get(Task, task_id).duration = span
        return {task_id: {"duration": span}}
    return {}


def became_task(act: Action, before: Plan, task_id: int, said: list[str] | None) -> None:
    """Say what a summary that lost its last task counts again (after keep_span)."""
    t = before.by_id[task_id]
    span = before.duration_now(t)
    if _keeps_span(t, span):
        kept = f"it keeps the {_days(span)} it spanned as a summary as its duration, in place of its own 0 days"
        act.say(f"{t.wbs} {t.name!r} became a task again, keeping the {span}d it spanned")
    else:
        kept = f"its own duration of {_days(t.duration)} counts again"
        if t.duration == 0:
            kept = "its own duration of 0 days counts again: it is a milestone"
        elif span != t.duration:
            kept += f" (it spanned {_days(span)} as a summary)"
        act.say(f"{t.wbs} {t.name!r} became a task again (its own {t.duration}d counts again; it spanned {span}d)")
    parts = [kept, *(f"{p} {'applies' if 'constraint' in p else 'counts'} again" for p in _others(before, t))]
    if said is not None:
        said.append(f"{t.wbs} {t.name!r} has no tasks under it now and is a task again: {'; '.join(parts)}")
