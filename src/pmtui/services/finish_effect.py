"""What each action did to the project finish, recorded in its journal entry, so that the question
"which changes moved the finish, and by how much?" can be answered at any time, not only while a
stand-up runs.

An entry's effect is ``{"before": point, "after": point}``; a point is the finish and the task that
ends the plan (the end of its critical path), ``{"finish": "2027-03-12", "end": 17, "label":
"4.3 Go-live"}``, all None for a project with no tasks (or none at all: before its creation, after
its deletion), and the point itself None when it could not be known (the plan did not schedule).
``"rescheduled": true`` marks an action that changed what the schedule is computed from (whether
or not the finish moved). An entry written before the journal recorded effects (schema 0006) has none.

The point before an action is the point after the project's latest done entry: the schedule is a
function of the stored plan alone (not of today), every change to the plan is journaled, and the
done entries of a project always come before its undone ones (undo takes the latest done, redo the
earliest undone, a new action drops the undone), so the latest done entry left the plan as the
action finds it. Only when that entry has no effect recorded is the plan read and scheduled first.
"""

from __future__ import annotations

import json
from datetime import date

from pmtui.models.errors import NotFound, PmtuiError
from pmtui.models.wording import counted
from pmtui.services.as_of import day_text

# The tables whose rows the schedule is computed from; a change to any other (a risk, a note, a
# resource) leaves the finish where it was and costs no schedule.
SCHEDULE_TABLES = frozenset({"task", "dependency", "calendar", "calendar_exception", "project"})
# Columns that never move a date: an edit of only these copies the point through.
_NO_DATES = {"task": {"notes", "fixed_cost", "actual_cost", "optimistic", "most_likely", "pessimistic"},
             "project": {"notes", "currency", "name"}}

EMPTY: dict = {"finish": None, "end": None, "label": None}


def end_task(plan) -> int | None:
    """The leaf that ends at the project finish, the last in outline order on ties (as the
    stand-up's finish_task), found from the end of the outline: building every task's dates to
    compare them took 0.4 s at 10,000 tasks, and the task that ends a plan is nearly always
    among its last."""
    if not plan.tasks:
        return None
    sched = plan.schedule
    finish, finish_of = sched.finish, sched.finish_of
    for t in reversed(plan.tasks):
        if not t.children and finish_of(t.id) == finish:
            return t.id
    return None


def point(plan) -> dict:
    """The finish and the task that ends the plan, as JSON-ready values."""
    if not plan.tasks:
        return dict(EMPTY)
    end = end_task(plan)
    label = plan.by_id[end].label if end is not None else None
    return {"finish": plan.schedule.finish.isoformat(), "end": end, "label": label}


def measure(conn, project_id: int) -> dict | None:
    """The point of the project as this transaction sees it; EMPTY when there is no such project,
    None when its plan does not schedule."""
    from pmtui.services.plan import load_plan

    try:
        return point(load_plan(conn, project_id))
    except NotFound:
        return dict(EMPTY)
    except PmtuiError:
        return None


def point_now(conn, project_id: int) -> dict | None:
    """The point the project is at, for an action about to change it (see the module's docstring)."""
    from sqlalchemy import select

    from pmtui.models.tables import JournalEntry

    t = JournalEntry.__table__
    row = conn.execute(select(t.c.effect).where(t.c.project_id == project_id, t.c.state == "done")
                       .order_by(t.c.id.desc()).limit(1)).first()
    effect = loads(row.effect) if row is not None else None
    if effect is not None and effect.get("after") is not None:
        return effect["after"]
    return measure(conn, project_id)


def touches_schedule(changes: list[dict]) -> bool:
    for c in changes:
        table = c.get("table")
        if table not in SCHEDULE_TABLES:
            continue
        if c.get("op") not in ("update", "update_rows") or not set(updated(c)) <= _NO_DATES.get(table, set()):
            return True
    return False


def updated(change: dict):
    """The columns an update changes, in either of the journal's forms."""
    if change.get("op") == "update_rows":
        return change.get("columns") or ()
    return change.get("after") or ()


def effect_after(act, before: dict | None, changes: list[dict]) -> dict:
    """The effect to record for the action ``act`` about to be journaled, given the point it
    found. The point the action says it left (``after_point``) or the plan it checked is used
    when there is one; else the plan is read and scheduled, and handed to the caller as the
    checked plan (the app takes it instead of reading the plan again)."""
    if not touches_schedule(changes):
        return {"before": before, "after": before}
    if act.after_point is not None:
        return {"before": before, "after": act.after_point, "rescheduled": True}
    plan = act.checked_plan
    if plan is not None and plan.project.id == act.project_id:
        try:
            after = point(plan)
        except PmtuiError:
            after = None
    else:
        from pmtui.services.plan import load_plan

        try:
            plan = load_plan(act.conn, act.project_id)
            after = point(plan)
            act.checked_plan = plan
        except NotFound:
            after = dict(EMPTY)
        except PmtuiError:
            after = None
    return {"before": before, "after": after, "rescheduled": True}


def dumps(effect: dict) -> str:
    return json.dumps(effect, separators=(",", ":"))


def loads(text: str | None) -> dict | None:
    """An entry's effect; None when it has none (written before effects were recorded) or it
    cannot be read."""
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) and "before" in value and "after" in value else None


def finish_of(p: dict | None) -> date | None:
    return date.fromisoformat(p["finish"]) if p and p.get("finish") else None


def moved(effect: dict | None) -> bool:
    """Whether the recorded effect moved the finish (both ends known and different)."""
    if effect is None or effect["before"] is None or effect["after"] is None:
        return False
    return effect["before"].get("finish") != effect["after"].get("finish")


def effect_days(plan, effect: dict | None) -> int | None:
    """Working days the recorded effect moved the finish, counted on the plan's calendar now."""
    before, after = finish_of(effect and effect["before"]), finish_of(effect and effect["after"])
    if plan is None or before is None or after is None:
        return None
    from pmtui.services.baselines import finish_shift

    return finish_shift(plan.calendar, before, after)


def effect_text(plan, effect: dict | None, ref: date | None) -> str:
    """'finish 12 Mar → 19 Mar, +5 working days' for an entry that moved the finish; '' else."""
    if not moved(effect):
        return ""
    before, after = finish_of(effect["before"]), finish_of(effect["after"])
    if before is None:
        return f"finish now {day_text(after, ref)}"
    if after is None:
        return f"finish {day_text(before, ref)} → none (no tasks)"
    n = effect_days(plan, effect)
    shift = "" if n is None else f", {'+' if n > 0 else ''}{counted(n, 'working day')}"
    return f"finish {day_text(before, ref)} → {day_text(after, ref)}{shift}"
