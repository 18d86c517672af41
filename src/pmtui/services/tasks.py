"""Editing the task tree: add, edit, move, indent, outdent, delete. Each call is one action.

Any change that touches the network (links, the tree) is checked by scheduling the changed plan
inside the same transaction, so a cycle or a link the scheduler refuses is never stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select

from pmtui.models.errors import BadValue, Conflict, NothingChanged
from pmtui.models.parsing import LinkRef, format_link, parse_predecessors
from pmtui.models.rules import TaskRules, validated
from pmtui.models.tables import Assignment, Dependency, Task
from pmtui.models.wording import brief, counted
from pmtui.services.actions import Action, action, reading
from pmtui.services.outline_change import became_summary, became_task, keep_span
from pmtui.services.plan import LinkRow, Plan, TaskRow, load_plan, plan_for_edit
from pmtui.store import Store
from pmtui.store.rows import update_by_id

EDITABLE = tuple(TaskRules.model_fields)
PROGRESS_FIELDS = {"percent_complete", "actual_start", "actual_finish", "remaining"}


def get_plan(store: Store, project_id: int) -> Plan:
    with reading(store) as s:
        return load_plan(s.connection(), project_id)


def plan_to_edit(store: Store, project_id: int) -> Plan:
    """The plan with the version it shows, for a command that reads it before an edit (to
    compare the conflicts before and after) and offers it to the edit (plan.offering): `pmtui
    task add` on 10,000 tasks read the plan four times and scheduled it three."""
    from pmtui.store.journal import version

    with reading(store) as s:
        conn = s.connection()
        # read before the plan: a change committed in between makes the edit read it again
        seen = version(conn, project_id)
        plan = load_plan(conn, project_id)
    plan.version = seen
    return plan


def plan_after_edit(store: Store, project_id: int) -> Plan:
    """The plan the edit this thread just committed checked, else read again."""
    from pmtui.services.actions import take_checked_plan

    return take_checked_plan(project_id) or get_plan(store, project_id)


def _checked_plan(act: Action, plan: Plan | None = None) -> Plan:
    """Make sure the plan as this transaction leaves it still schedules: ``plan`` when the
    service built it in memory (Plan.with_outline, with_task_values), else read again."""
    act.session.flush()
    if plan is None:
        plan = load_plan(act.conn, act.project_id)
    plan.schedule  # raises Conflict (a cycle, a bad link) and so rolls the action back
    act.checked_plan = plan
    return plan


def _renumber(act: Action, ordered_ids: list[int], parent_id: int | None,
              placed: dict[int, tuple[int | None, int]] | None = None) -> None:
    """Give siblings positions 0..n-1 in this order, touching only rows that change. Through
    Core, journaled as the ORM would (each row's changed columns): loading 1,000 siblings as ORM
    objects to move one phase took longer than reading and scheduling the plan again.
    ``placed`` receives each task's new (parent, position), for Plan.with_outline."""
    s = act.session
    s.flush()  # the positions as this action left them so far
    t = Task.__table__
    now = {}
    for i in range(0, len(ordered_ids), 900):
        now.update((r.id, r) for r in act.conn.execute(
            select(t.c.id, t.c.position, t.c.parent_id).where(t.c.id.in_(ordered_ids[i:i + 900]))))
    moved: dict[tuple[str, ...], list] = {}
    for pos, tid in enumerate(ordered_ids):
        old = now[tid]
        before, after = {}, {}
        if old.parent_id != parent_id:
            before["parent_id"], after["parent_id"] = old.parent_id, parent_id
        if old.position != pos:
            before["position"], after["position"] = old.position, pos
        if after:
            moved.setdefault(tuple(after), []).append((tid, before, after))
            if placed is not None:
                placed[tid] = (parent_id, pos)
    for cols, rows in moved.items():
        update_by_id(act.conn, t, cols, [tid for tid, _b, _a in rows], [list(a.values()) for _t, _b, a in rows])
        act.recorder.changes += [{"op": "update", "table": "task", "id": tid, "before": b, "after": a}
                                 for tid, b, a in rows]
        for tid, _b, _a in rows:
            obj = s.identity_map.get(s.identity_key(Task, tid))
            if obj is not None:  # loaded before: read again, not taken for a change to undo
                s.expire(obj, ["position", "parent_id"])


def _link_rows(plan: Plan, task: TaskRow | Task, refs: list[LinkRef]) -> list[tuple[int, str, int]]:
    out: dict[int, tuple[int, str, int]] = {}
    for ref in refs:
        pred = plan.resolve(ref.ref)
        _check_link(plan, pred, task)
        if pred.id in out:
            raise BadValue(f"predecessor {pred.wbs} is named twice")
        out[pred.id] = (pred.id, ref.type, ref.lag)
    return list(out.values())


def _check_link(plan: Plan, pred: TaskRow, succ: TaskRow | Task) -> None:
    succ_id = succ.id
    if pred.id == succ_id:
        raise Conflict(f"task {pred.wbs} cannot be linked to itself")
    if succ_id in plan.by_id and pred.id in plan.ancestors(succ_id):
        raise Conflict(f"{pred.label} is a summary of {plan.by_id[succ_id].label}: a summary cannot be linked to its own tasks")
    if succ_id in plan.by_id and succ_id in plan.ancestors(pred.id):
        raise Conflict(f"{plan.by_id[succ_id].label} is a summary of {pred.label}: a summary cannot be linked to its own tasks")


def _fill_constraint(fields: dict[str, Any], current: str) -> None:
    """As in MS Project: a constraint date typed for an as-soon/as-late-as-possible task makes it
    Start No Earlier Than that date; choosing ASAP or ALAP clears the date, which they ignore."""
    kind = fields.get("constraint_type")
    if kind is None and fields.get("constraint_date") is not None and current in ("ASAP", "ALAP"):
        fields["constraint_type"] = "SNET"
    elif kind in ("ASAP", "ALAP"):
        fields["constraint_date"] = None


def add_task(store: Store, project_id: int, name: str, *, under: str | None = None,
             below: str | None = None, duration: int = 1, after: str | list[LinkRef] | None = None,
             said: list[str] | None = None, **fields: Any) -> TaskRow:
    """Add a task as the last child of ``under`` (or at the top level), or right ``below`` a task.
    ``said`` receives what became of ``under`` if that makes it a summary (outline_change)."""
    if under is not None and below is not None:
        raise BadValue("give either --under or --below, not both")
    refs = parse_predecessors(after) if isinstance(after, str) else list(after or [])
    _fill_constraint(fields, "ASAP")
    rules = validated(TaskRules, name=name, duration=duration, **fields)
    with action(store, project_id, "Add task") as act:
        plan = plan_for_edit(act.conn, project_id)
        parent_id, siblings = None, list(plan.roots)
        position = len(siblings)
        new_summary = None
        if below is not None:
            anchor = plan.resolve(below)
            parent_id, siblings = anchor.parent_id, list(plan.siblings(anchor))
            position = siblings.index(anchor.id) + 1
        elif under is not None:
            parent = plan.resolve(under)
            if not parent.children and plan.assignments_of.get(parent.id):
                # as indent refuses it: the task becomes a summary, and a summary's work (and
                # cost) comes from its tasks, not from people booked on it
                raise Conflict(f"{parent.label} has resources assigned: unassign them before it becomes a summary")
            parent_id, siblings = parent.id, list(parent.children)
            position = len(siblings)
            new_summary = None if parent.children else parent.id
        task = Task(project_id=project_id, parent_id=parent_id, position=position, **rules.model_dump())
        act.session.add(task)
        act.session.flush()
        siblings.insert(position, task.id)
        _renumber(act, siblings, parent_id)
        for pred_id, kind, lag in _link_rows(plan, task, refs):
            act.session.add(Dependency(project_id=project_id, pred_id=pred_id, succ_id=task.id, type=kind, lag=lag))
        new = _checked_plan(act)
        row = new.by_id[task.id]
        act.say(f"added {row.wbs} {row.name!r} ({row.duration}d)")
        if new_summary is not None:
            became_summary(act, new, new_summary, said)
    return row


def edit_task(store: Store, project_id: int, ref: str, *, predecessors: str | list[LinkRef] | None = None,
              require_change: bool = False, said: list[str] | None = None, **changes: Any) -> TaskRow:
    """Change any of the editable fields; ``predecessors`` replaces the task's links.
    ``require_change``: a command that names what to change is refused when that is already so
    (a form saved as it was is not). ``said`` receives what changed, as the history shows it."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise BadValue(f"cannot edit {', '.join(sorted(unknown))}")
    with action(store, project_id, "Edit task") as act:
        plan = plan_for_edit(act.conn, project_id)
        row = plan.resolve(ref)
        task = act.session.get(Task, row.id)
        if row.summary:
            refused = {"duration", *PROGRESS_FIELDS} & {k for k, v in changes.items() if v != getattr(task, k)}
            if refused:
                raise Conflict(f"{row.label} is a summary: its {sorted(refused)[0].replace('_', ' ')} comes from its tasks")
        _fill_constraint(changes, task.constraint_type)
        merged = {k: getattr(task, k) for k in EDITABLE}
        merged.update(changes)
        rules = validated(TaskRules, **merged)
        for key in EDITABLE:
            new_value = getattr(rules, key)
            if getattr(task, key) != new_value:
                act.say(f"{row.wbs} {key.replace('_', ' ')}: {_show(getattr(task, key))} → {_show(new_value)}")
                setattr(task, key, new_value)
        if task.duration == 0 and 0 < (task.percent_complete or 0) < 100:
            # a milestone is reached or not (see progress.set_percent): made one at 40 %, it was
            # a 0-day task dated over the days its work had run
            raise Conflict(f"{row.label} is {task.percent_complete} % done: a milestone is reached (100 %) "
                           "or not (0 %), so record it as done or not started before making it one")
        if predecessors is not None:
            refs = parse_predecessors(predecessors) if isinstance(predecessors, str) else predecessors
            _replace_predecessors(act, plan, row, refs)
        if require_change and not act.lines:
            raise NothingChanged(f"{row.label}: nothing changed, it already has those values")
        # its own fields alone: the plan it was found in, with them, is the plan a reload reads
        new = _checked_plan(act, None if predecessors is not None else
                            plan.with_task_values(row.id, {k: getattr(task, k) for k in EDITABLE}))
    if said is not None:
        said.extend(act.lines)
    return new.by_id[row.id]


def _show(value: Any) -> str:
    if value is None or value == "":
        return "none"
    return str(value)


def _replace_predecessors(act: Action, plan: Plan, row: TaskRow, refs: list[LinkRef]) -> None:
    wanted = {pid: (kind, lag) for pid, kind, lag in _link_rows(plan, row, refs)}
    existing = act.session.execute(select(Dependency).where(Dependency.succ_id == row.id)).scalars().all()
    before = plan.predecessors_text(row.id)
    for dep in existing:
        if dep.pred_id not in wanted:
            act.session.delete(dep)
        else:
            kind, lag = wanted.pop(dep.pred_id)
            dep.type, dep.lag = kind, lag
    act.session.flush()
    for pid, (kind, lag) in wanted.items():
        act.session.add(Dependency(project_id=row.project_id, pred_id=pid, succ_id=row.id, type=kind, lag=lag))
    after = ", ".join(str(r) for r in refs)
    if before != after:
        act.say(f"{row.wbs} predecessors: {before or 'none'} → {after or 'none'}")


def move_task(store: Store, project_id: int, ref: str, direction: str) -> TaskRow:
    """Swap a task (with everything under it) with its sibling above ('up') or below ('down').
    From the edge of its phase it moves on into the neighbouring phase at the same level (the
    last task of the phase above, the first of the phase below), as outliners do, so that
    repeated moves carry a task from one phase to the next."""
    if direction not in ("up", "down"):
        raise BadValue(f"direction {brief(direction)} must be up or down")
    up = direction == "up"
    with action(store, project_id, f"Move task {direction}") as act:
        plan = plan_for_edit(act.conn, project_id)
        row = plan.resolve(ref)
        siblings = list(plan.siblings(row))
        i = siblings.index(row.id)
        j = i - 1 if up else i + 1
        placed: dict[int, tuple[int | None, int]] = {}
        if 0 <= j < len(siblings):
            siblings[i], siblings[j] = siblings[j], siblings[i]
            _renumber(act, siblings, row.parent_id, placed)
            into = ""
        else:
            phase = _neighbour_phase(plan, row, up)
            siblings.pop(i)
            _renumber(act, siblings, row.parent_id, placed)
            kids = list(phase.children)
            _renumber(act, [*kids, row.id] if up else [row.id, *kids], phase.id, placed)
            into = f" into {phase.wbs} {phase.name!r}"
        new = _checked_plan(act, plan.with_outline(placed))
        act.say(f"moved {row.wbs} {row.name!r} {direction}{into} to {new.by_id[row.id].wbs}")
    return new.by_id[row.id]


def _neighbour_phase(plan: Plan, row: TaskRow, up: bool) -> TaskRow:
    """The summary a task at the edge of its phase moves into: its phase's sibling above or below."""
    edge = "first" if up else "last"
    if row.parent_id is None:
        raise Conflict(f"{row.label} is already the {edge} task of the plan")
    parent = plan.by_id[row.parent_id]
    upper = plan.siblings(parent)
    k = upper.index(parent.id) + (-1 if up else 1)
    if not 0 <= k < len(upper):
        raise Conflict(f"{row.label} is already the {edge} task of {parent.label}, and no phase "
                       f"{'precedes' if up else 'follows'} it at its level: outdent it to take it out")
    if len(parent.children) == 1:  # moved out, it would turn its phase into a task of no duration
        raise Conflict(f"{row.label} is the only task of {parent.label}: outdent it to take it out")
    phase = plan.by_id[upper[k]]
    if not phase.children:
        raise Conflict(f"{row.label} is already the {edge} task of {parent.label}, and "
                       f"{phase.label} {'above' if up else 'below'} that is not a summary: "
                       f"outdent it to take it out of {parent.label}")
    return phase


def indent_task(store: Store, project_id: int, ref: str, *, said: list[str] | None = None) -> TaskRow:
    """Make a task the last child of the sibling above it (rows keep their order, as in MS Project).
    ``said`` receives what became of that sibling if it becomes a summary (outline_change)."""
    with action(store, project_id, "Indent task") as act:
        plan = plan_for_edit(act.conn, project_id)
        row = plan.resolve(ref)
        siblings = list(plan.siblings(row))
        i = siblings.index(row.id)
        if i == 0:
            raise Conflict(f"{row.label} has no task above it at its level to go under")
        parent = plan.by_id[siblings[i - 1]]
        if plan.assignments_of.get(parent.id):
            raise Conflict(f"{parent.label} has resources assigned: unassign them before it becomes a summary")
        siblings.pop(i)
        placed: dict[int, tuple[int | None, int]] = {}
        _renumber(act, siblings, row.parent_id, placed)
        _renumber(act, [*parent.children, row.id], parent.id, placed)
        new = _checked_plan(act, plan.with_outline(placed))
        act.say(f"indented {row.wbs} {row.name!r} under {parent.wbs} (now {new.by_id[row.id].wbs})")
        if not parent.children:
            became_summary(act, new, parent.id, said)
    return new.by_id[row.id]


def outdent_task(store: Store, project_id: int, ref: str, *, said: list[str] | None = None) -> TaskRow:
    """Move a task up one level, right after its old summary. As in MS Project the rows keep
    their order, so the siblings that were below it become its children. ``said`` receives what
    became of the old summary when it loses its last task, and of the task when it becomes a
    summary (outline_change)."""
    with action(store, project_id, "Outdent task") as act:
        plan = plan_for_edit(act.conn, project_id)
        row = plan.resolve(ref)
        if row.parent_id is None:
            raise Conflict(f"{row.label} is already at the top level")
        parent = plan.by_id[row.parent_id]
        siblings = list(parent.children)
        i = siblings.index(row.id)
        followers = siblings[i + 1:]
        if followers and plan.assignments_of.get(row.id):
            raise Conflict(f"{row.label} has resources assigned and would become a summary: unassign them first")
        placed: dict[int, tuple[int | None, int]] = {}
        _renumber(act, siblings[:i], parent.id, placed)
        _renumber(act, [*row.children, *followers], row.id, placed)
        upper = list(plan.siblings(parent))
        upper.insert(upper.index(parent.id) + 1, row.id)
        _renumber(act, upper, parent.parent_id, placed)
        emptied = i == 0  # its followers go under it: the old summary has no task left
        kept = keep_span(act, plan, parent.id) if emptied else {}
        new = _checked_plan(act, plan.with_outline(placed, kept))
        act.say(f"outdented {row.wbs} {row.name!r} (now {new.by_id[row.id].wbs})")
        if emptied:
            became_task(act, plan, parent.id, said)
        if followers and not row.children:
            became_summary(act, new, row.id, said)
    return new.by_id[row.id]


def delete_task(store: Store, project_id: int, ref: str, *, recursive: bool = False,
                said: list[str] | None = None) -> list[str]:
    """Delete a task with its links and assignments; a summary only with ``recursive``.
    ``said`` receives what became of its summary if it was that summary's last task."""
    with action(store, project_id, "Delete task") as act:
        plan = plan_for_edit(act.conn, project_id)
        row = plan.resolve(ref)
        doomed = [row.id, *plan.descendants(row.id)]
        if row.children and not recursive:
            raise Conflict(
                f"{row.label} is a summary of {counted(len(doomed) - 1, 'task')}: delete it with --recursive "
                "to remove them all"
            )
        s = act.session
        # Whole rows through Core, journaled in bulk, and the tasks named by a query rather than
        # a list of ids: deleting a summary of 5,000 tasks as ORM objects spent more on loading,
        # deleting and journaling them one by one, and on lists of 5,000 ids, than on the rest
        conn, dep_t, as_t, task_t = act.conn, Dependency.__table__, Assignment.__table__, Task.__table__
        subtree = _subtree(row.id)
        act.recorder.drop(conn, dep_t, conn.execute(select(dep_t).where(
            or_(dep_t.c.pred_id.in_(subtree), dep_t.c.succ_id.in_(subtree))).order_by(dep_t.c.id)).all())
        act.recorder.drop(conn, as_t, conn.execute(
            select(as_t).where(as_t.c.task_id.in_(subtree)).order_by(as_t.c.id)).all())
        unlinked = _release_references(act, subtree)
        s.flush()
        act.recorder.drop(conn, task_t, conn.execute(
            select(task_t).where(task_t.c.id.in_(subtree)).order_by(task_t.c.id)).all())
        siblings = [tid for tid in plan.siblings(row) if tid != row.id]
        placed: dict[int, tuple[int | None, int]] = {}
        _renumber(act, siblings, row.parent_id, placed)
        emptied = row.parent_id is not None and not siblings  # its summary is a task again
        kept = keep_span(act, plan, row.parent_id) if emptied else {}
        # the plan it was found in without them: reading 10,000 tasks again checked the gap
        _checked_plan(act, plan.with_outline(placed, kept, frozenset(doomed)))
        labels = [plan.by_id[tid].label for tid in doomed]
        extra = f" and {counted(len(doomed) - 1, 'task')} under it" if len(doomed) > 1 else ""
        act.say(f"deleted {row.wbs} {row.name!r}{extra}" + (f" ({unlinked})" if unlinked else ""))
        if emptied:
            became_task(act, plan, row.parent_id, said)
    return labels


def _subtree(task_id: int):
    """The ids of the task and of every task under it, as a query."""
    t = Task.__table__
    sub = select(t.c.id).where(t.c.id == task_id).cte("subtree", recursive=True)
    sub = sub.union_all(select(t.c.id).where(t.c.parent_id == sub.c.id))
    return select(sub.c.id)


def _release_references(act, doomed) -> str:
    """What else points at the tasks (``doomed``: their ids, or a query of them): risks lose the
    link (the risk stays), issues and stand-up records keep their text without the task (the
    database refused the delete with "FOREIGN KEY constraint failed"). All in the same journal
    entry, so undo puts them back."""
    from pmtui.models.risks import Issue, RiskTask
    from pmtui.models.standup import StandupEvent

    s = act.session
    links = s.execute(select(RiskTask).where(RiskTask.task_id.in_(doomed))).scalars().all()
    for link in links:
        s.delete(link)
    issues = s.execute(select(Issue).where(Issue.task_id.in_(doomed))).scalars().all()
    for issue in issues:
        issue.task_id = None
    for event in s.execute(select(StandupEvent).where(StandupEvent.task_id.in_(doomed))).scalars().all():
        event.task_id = None
    said = []
    if links:
        said.append(f"unlinked from {counted(len(links), 'risk')}")
    if issues:
        said.append(f"{counted(len(issues), 'issue')} no longer {'names' if len(issues) == 1 else 'name'} it")
    return ", ".join(said)


def link_tasks(store: Store, project_id: int, pred: str, succ: str, *, type: str = "FS", lag: int = 0) -> str:
    """Link two tasks (or change the type and lag of their link). Returns the link in notation."""
    with action(store, project_id, "Link tasks") as act:
        plan = plan_for_edit(act.conn, project_id)
        p, s_ = plan.resolve(pred), plan.resolve(succ)
        _check_link(plan, p, s_)
        dep = act.session.execute(
            select(Dependency).where(Dependency.pred_id == p.id, Dependency.succ_id == s_.id)
        ).scalars().first()
        text = format_link(p.wbs, type, lag)
        links = list(plan.links)
        if dep is None:
            dep = Dependency(project_id=project_id, pred_id=p.id, succ_id=s_.id, type=type, lag=lag)
            act.session.add(dep)
            act.session.flush()
            links.append(LinkRow(dep.id, p.id, s_.id, type, lag))  # the newest id: last, as a load orders them
            act.say(f"linked {p.wbs} → {s_.wbs} ({type}{lag:+d}d)" if lag else f"linked {p.wbs} → {s_.wbs} ({type})")
        elif (dep.type, dep.lag) != (type, lag):
            act.say(f"link {p.wbs} → {s_.wbs}: {dep.type}{dep.lag:+d}d → {type}{lag:+d}d")
            dep.type, dep.lag = type, lag
            links = [LinkRow(l.id, l.pred_id, l.succ_id, type, lag) if l.id == dep.id else l for l in links]
        # the plan it was found in with that link: reading 10,000 tasks again checked one row
        _checked_plan(act, plan.with_links(links))
    return text


def unlink_tasks(store: Store, project_id: int, pred: str, succ: str) -> None:
    with action(store, project_id, "Unlink tasks") as act:
        plan = plan_for_edit(act.conn, project_id)
        p, s_ = plan.resolve(pred), plan.resolve(succ)
        dep = act.session.execute(
            select(Dependency).where(Dependency.pred_id == p.id, Dependency.succ_id == s_.id)
        ).scalars().first()
        if dep is None:
            raise Conflict(f"{p.wbs} and {s_.wbs} are not linked")
        act.session.delete(dep)
        act.say(f"unlinked {p.wbs} → {s_.wbs}")
        # the plan it was found in without the link, scheduled for the entry's finish (see
        # finish_effect.effect_after) instead of reading 10,000 tasks again
        act.checked_plan = plan.with_links([l for l in plan.links if l.id != dep.id])


def set_progress(store: Store, project_id: int, ref: str, *, percent: int | None = None,
                 done_on: date | None = None, remaining: int | None = None,
                 started_on: date | None = None) -> TaskRow:
    """Record progress values as given, the way MS Project fills in dates: the scheduled start
    once work begins, the scheduled finish at 100 % (imports and scripts). The app and
    `pmtui progress` use pmtui.services.progress, which keeps actual dates before the status
    date."""
    with action(store, project_id, "Record progress") as act:
        plan = plan_for_edit(act.conn, project_id)
        row = plan.resolve(ref)
        if row.summary:
            raise Conflict(f"{row.label} is a summary: record progress on the tasks under it")
        task = act.session.get(Task, row.id)
        sched = plan.schedule.tasks[row.id]
        values = {k: getattr(task, k) for k in EDITABLE}
        if started_on is not None:
            values["actual_start"] = started_on
        if percent is not None:
            values["percent_complete"] = percent
            if percent > 0 and values["actual_start"] is None:
                values["actual_start"] = sched.start
            if percent == 100:
                values["actual_finish"] = values["actual_finish"] or done_on or sched.finish
                values["remaining"] = 0
            else:
                values["actual_finish"] = None
                if percent == 0:
                    values["actual_start"] = None
                values["remaining"] = None
        if remaining is not None:
            if task.percent_complete == 100 and percent is None:
                raise Conflict(f"{row.label} is already done")
            values["remaining"] = remaining
            if values["actual_start"] is None:
                values["actual_start"] = sched.start
            if remaining == 0:
                values["percent_complete"] = 100
                values["actual_finish"] = done_on or sched.finish
        if done_on is not None and percent is None and remaining is None:
            values.update(percent_complete=100, actual_finish=done_on, remaining=0)
            values["actual_start"] = values["actual_start"] or min(sched.start, done_on)
        rules = validated(TaskRules, **values)
        for key in PROGRESS_FIELDS:
            new_value = getattr(rules, key)
            if getattr(task, key) != new_value:
                act.say(f"{row.wbs} {key.replace('_', ' ')}: {_show(getattr(task, key))} → {_show(new_value)}")
                setattr(task, key, new_value)
        act.session.flush()
        new = plan.with_task_values(row.id, {k: getattr(task, k) for k in PROGRESS_FIELDS})
        new.schedule  # raises Conflict and so rolls the action back
        act.checked_plan = new
    return new.by_id[row.id]
