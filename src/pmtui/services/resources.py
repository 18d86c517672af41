"""Resources (people, vendors, equipment) and their assignments to tasks."""

from __future__ import annotations

from sqlalchemy import select

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.rules import ResourceRules, validated
from pmtui.models.wording import brief, counted
from pmtui.models.tables import Assignment, Resource
from pmtui.services.actions import Action, action
from pmtui.services.plan import ResourceRow, load_plan
from pmtui.store import Store


def _find(act: Action, project_id: int, name: str) -> Resource:
    res = act.session.execute(
        select(Resource).where(Resource.project_id == project_id, Resource.name == name.strip())
    ).scalars().first()
    if res is None:
        # Forgive case: "alice" finds "Alice" when that is the only match.
        matches = [
            r for r in act.session.execute(select(Resource).where(Resource.project_id == project_id)).scalars()
            if r.name.casefold() == name.strip().casefold()
        ]
        if len(matches) == 1:
            return matches[0]
        names = act.session.execute(select(Resource.name).where(Resource.project_id == project_id)
                                    .order_by(Resource.name)).scalars().all()
        raise unknown_resource(name, names)
    return res


def unknown_resource(name: str, names: list[str]) -> NotFound:
    """'no resource named …' with the one meant, when one name starts so ('Jonas' for 'Jonas
    Berg'), else the names there are: '(see `pmtui resource list`)' sent the user to look."""
    typed = name.strip()
    near = [n for n in names if n.casefold().startswith(typed.casefold())] if typed else []
    if len(near) == 1:
        hint = f": did you mean {near[0]!r}?"
    elif names:
        hint = f"; its resources: {', '.join(names[:12])}{', …' if len(names) > 12 else ''}"
    else:
        hint = "; it has no resources yet (`pmtui resource add`)"
    return NotFound(f"no resource named {brief(typed)} in this project{hint}")


def add_resource(store: Store, project_id: int, name: str, *, kind: str = "person",
                 cost_rate: float = 0.0, max_units: float = 1.0) -> ResourceRow:
    rules = validated(ResourceRules, name=name, kind=kind, cost_rate=cost_rate, max_units=max_units)
    with action(store, project_id, "Add resource") as act:
        res = _add(act, project_id, rules)
    return ResourceRow(res.id, res.name, res.kind, res.cost_rate, res.max_units, res.calendar_id)


def add_and_assign(store: Store, project_id: int, ref: str, name: str) -> str:
    """A new person, assigned to a task at 100 %: one change, so one undo takes back both (the
    planner's R offers it, so that a plan can be staffed without leaving for the CLI)."""
    rules = validated(ResourceRules, name=name)
    with action(store, project_id, "Add and assign resource") as act:
        return _assign(act, project_id, ref, lambda: _add(act, project_id, rules), 1.0)


def _add(act: Action, project_id: int, rules: ResourceRules) -> Resource:
    exists = act.session.execute(
        select(Resource).where(Resource.project_id == project_id, Resource.name == rules.name)
    ).scalars().first()
    if exists:
        raise Conflict(f"a resource named {brief(rules.name)} exists already")
    res = Resource(project_id=project_id, **rules.model_dump())
    act.session.add(res)
    act.session.flush()
    act.say(f"added {rules.kind} {rules.name!r} at {rules.cost_rate:,.2f}/day")
    return res


_SHOWN = {"name": repr, "kind": str, "cost_rate": lambda v: f"{v:,.2f}/day", "max_units": lambda v: f"{v:.0%}"}


def edit_resource(store: Store, project_id: int, name: str, /, **changes) -> tuple[ResourceRow, list[str]]:
    """Change a resource; returns it with what changed, as the history says it ([] if nothing)."""
    said: list[str] = []
    with action(store, project_id, "Edit resource") as act:
        res = _find(act, project_id, name)
        merged = {"name": res.name, "kind": res.kind, "cost_rate": res.cost_rate, "max_units": res.max_units}
        merged.update({k: v for k, v in changes.items() if v is not None})
        rules = validated(ResourceRules, **merged)
        if rules.name != res.name:
            clash = act.session.execute(
                select(Resource).where(Resource.project_id == project_id, Resource.name == rules.name)
            ).scalars().first()
            if clash:
                raise Conflict(f"a resource named {brief(rules.name)} exists already")
        for key, value in rules.model_dump().items():
            if getattr(res, key) != value:
                # the stored figures read "max units: 1.5 → 1.0" and "cost rate: 500.0 → 550.0"
                show = _SHOWN.get(key, str)
                said.append(f"{key.replace('_', ' ')} {show(getattr(res, key))} → {show(value)}")
                act.say(f"resource {res.name!r} {said[-1]}")
                if key == "name":
                    _rename_leave_calendar(act, res, value)
                setattr(res, key, value)
    return ResourceRow(res.id, res.name, res.kind, res.cost_rate, res.max_units, res.calendar_id), said


def remove_resource(store: Store, project_id: int, name: str) -> tuple[str, int]:
    """Remove a resource and its assignments; returns its name as stored and how many
    assignments went with it."""
    with action(store, project_id, "Remove resource") as act:
        res = _find(act, project_id, name)
        _refuse_if_referenced(act, res)
        # whole rows through Core, journaled in bulk: a person on 5,000 tasks took 5,000 ORM deletes
        as_t = Assignment.__table__
        assignments = act.conn.execute(select(as_t).where(as_t.c.resource_id == res.id).order_by(as_t.c.id)).all()
        act.recorder.drop(act.conn, as_t, assignments)
        act.session.delete(res)
        act.session.flush()
        _drop_own_calendar(act, res)
        act.say(f"removed resource {res.name!r} and {counted(len(assignments), 'assignment')}")
    return res.name, len(assignments)


def _own_calendar(act: Action, res: Resource):
    """The resource's calendar when nothing else uses it (the one `resource leave add` made, or
    an import's), else None."""
    from pmtui.models.tables import Calendar, Project

    if res.calendar_id is None:
        return None
    shared = act.session.execute(select(Resource.id).where(
        Resource.calendar_id == res.calendar_id, Resource.id != res.id)).first() or act.session.execute(
        select(Project.id).where(Project.calendar_id == res.calendar_id)).first()
    return None if shared else act.session.get(Calendar, res.calendar_id)


def _drop_own_calendar(act: Action, res: Resource) -> None:
    """A removed person's leave went with them in name only: their calendar and its days stayed
    in the database, owned by nothing (an undo brings them back with the person)."""
    from pmtui.models.tables import CalendarException

    cal = _own_calendar(act, res)
    if cal is None:
        return
    for row in act.session.execute(select(CalendarException).where(
            CalendarException.calendar_id == cal.id)).scalars().all():
        act.session.delete(row)
    act.session.flush()
    act.session.delete(cal)


def _rename_leave_calendar(act: Action, res: Resource, new: str) -> None:
    """'Ana Lopez (leave)' follows Ana to her new name: MS Project shows the calendar's name."""
    cal = _own_calendar(act, res)
    if cal is not None and cal.name == f"{res.name} (leave)":
        cal.name = f"{new} (leave)"


def _refuse_if_referenced(act: Action, res: Resource) -> None:
    """Name what still points at the person (the database refused with "FOREIGN KEY constraint
    failed"): risks and issues they own, which want another owner, and what they said in
    stand-ups, which is the meeting's record and is kept."""
    from sqlalchemy import func

    from pmtui.models.risks import Issue, Risk
    from pmtui.models.standup import StandupEvent, StandupNote
    from pmtui.services.risks import issue_code, risk_code

    # codes are per-project numbers; a resource and what it owns are in one project
    risks = act.session.execute(
        select(Risk.number).where(Risk.owner_id == res.id).order_by(Risk.number)).scalars().all()
    issues = act.session.execute(
        select(Issue.number).where(Issue.owner_id == res.id).order_by(Issue.number)).scalars().all()
    spoken = sum(act.session.execute(select(func.count()).where(model.resource_id == res.id)).scalar_one()
                 for model in (StandupNote, StandupEvent))
    if risks:
        codes = ", ".join(map(risk_code, risks))
        raise Conflict(f"{res.name} owns {'risk' if len(risks) == 1 else 'risks'} {codes}: give them another owner first "
                       f"(pmtui risk edit {risk_code(risks[0])} --owner NAME)")
    if issues or spoken:
        what = [f"owns {'issue' if len(issues) == 1 else 'issues'} {', '.join(map(issue_code, issues))}"] if issues else []
        what += [f"has {counted(spoken, 'note or update', 'notes and updates')} in past stand-ups"] if spoken else []
        raise Conflict(f"{res.name} {' and '.join(what)}: the log keeps who did what, so they cannot be removed")


def assign(store: Store, project_id: int, ref: str, resource: str, *, units: float = 1.0) -> str:
    with action(store, project_id, "Assign resource") as act:
        return _assign(act, project_id, ref, lambda: _find(act, project_id, resource), units)


def _assign(act: Action, project_id: int, ref: str, who, units: float) -> str:
    """Assign the resource ``who()`` gives (found, or made) to task ``ref``; the task is
    checked first, so a refused task makes nobody."""
    plan = load_plan(act.conn, project_id)
    row = plan.resolve(ref)
    if row.summary:
        raise Conflict(f"{row.label} is a summary: assign people to the tasks under it")
    res = who()
    a = act.session.execute(
        select(Assignment).where(Assignment.task_id == row.id, Assignment.resource_id == res.id)
    ).scalars().first()
    if a is None:
        act.session.add(Assignment(task_id=row.id, resource_id=res.id, units=units))
        act.say(f"assigned {res.name} to {row.wbs} {row.name!r} at {units:.0%}")
    elif a.units != units:
        act.say(f"{res.name} on {row.wbs}: {a.units:.0%} → {units:.0%}")
        a.units = units
    else:  # said, not silently done: the person picked may not be the one meant
        raise Conflict(f"{res.name} is already assigned to {row.label} at {units:.0%}")
    # a part-time person assigned at the default 100% was overbooked for the whole task, unsaid
    over = f", above {res.name}'s max units of {res.max_units:.0%}" if units > res.max_units + 1e-9 else ""
    return f"{res.name} → {row.wbs} {row.name} at {units:.0%}{over}"


def unassign(store: Store, project_id: int, ref: str, resource: str) -> str:
    with action(store, project_id, "Unassign resource") as act:
        plan = load_plan(act.conn, project_id)
        row = plan.resolve(ref)
        res = _find(act, project_id, resource)
        a = act.session.execute(
            select(Assignment).where(Assignment.task_id == row.id, Assignment.resource_id == res.id)
        ).scalars().first()
        if a is None:
            raise Conflict(f"{res.name} is not assigned to {row.label}")
        act.session.delete(a)
        act.say(f"unassigned {res.name} from {row.wbs} {row.name!r}")
    return f"{res.name} from {row.wbs} {row.name}"
