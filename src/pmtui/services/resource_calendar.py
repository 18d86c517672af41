"""A resource's own working week and the days they work that it has off: their calendar, based
on the project calendar as MS Project bases a resource calendar on the Standard one (see
scheduling.own_time). A part-timer works Monday to Wednesday; someone works a release Saturday.
Leave (services.leave) is the same calendar's days off. The tasks they are on are worked on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmtui.lazy import LazyModule
from pmtui.models.errors import BadValue, Conflict, NotFound
from pmtui.services.plan import Plan, check_plan, load_plan

_sa = LazyModule("sqlalchemy")
_rules = LazyModule("pmtui.models.rules")
_tables = LazyModule("pmtui.models.tables")
_actions = LazyModule("pmtui.services.actions")
_resources = LazyModule("pmtui.services.resources")
_parsing = LazyModule("pmtui.models.parsing")
_leave = LazyModule("pmtui.services.leave")


@dataclass(frozen=True)
class ResourceWeek:
    """What `resource calendar show` says of one resource."""

    resource_id: int
    name: str
    workdays: int  # bit 0 = Monday
    own: bool  # a week of their own, not the project's (which may be the same days, and stays them)
    worked: dict[date, str]  # days they work that their week or the project has off
    leave_days: int


def weeks(plan: Plan) -> list[ResourceWeek]:
    out = []
    for r in plan.resources:
        mask, own = plan.resource_week(r.id)
        worked = plan.resource_weeks.get(r.id, (None, {}))[1]
        out.append(ResourceWeek(r.id, r.name, mask, own, dict(sorted(worked.items())),
                                len(plan.leave.get(r.id, ()))))
    return out


def works(plan: Plan, resource_id: int, day: date) -> bool:
    return plan.resource_works(resource_id, day)


def _own_calendar(act, res, project) -> int:
    """The resource's calendar, made following the project's week when they have none."""
    if res.calendar_id is None:
        base = act.session.get(_tables.Calendar, project.calendar_id)
        own = _tables.Calendar(name=res.name, workdays=base.workdays, own_week=False)
        act.session.add(own)
        act.session.flush()
        res.calendar_id = own.id
    return res.calendar_id


def set_week(store, project_id: int, name: str,
             mask: int | None) -> tuple[str, tuple[int, bool], tuple[int, bool], Plan | None]:
    """Give ``name`` a working week of their own (``mask``, bit 0 = Monday), kept whatever the
    project's becomes, even when it is the project's week today; or the project's again (None),
    to change with it. Returns the name as stored, the (week, own) before and after, and the
    plan after it (None when nothing changed)."""
    with _actions.action(store, project_id, "Set a resource's working days") as act:
        res = _resources._find(act, project_id, name)
        project = act.session.get(_tables.Project, project_id)
        base = act.session.get(_tables.Calendar, project.calendar_id)
        cal = act.session.get(_tables.Calendar, res.calendar_id) if res.calendar_id is not None else None
        old = (cal.workdays, True) if cal is not None and cal.own_week else (base.workdays, False)
        new = (base.workdays, False) if mask is None else (mask, True)
        if new == old:
            return res.name, old, new, None
        cal = act.session.get(_tables.Calendar, _own_calendar(act, res, project))
        # a follower's stored week is not read (own_week): it is kept as the project's for
        # whoever reads the table by hand
        cal.workdays, cal.own_week = new
        act.say(f"working days of {res.name!r} {_week_text(*old)} → {_week_text(*new)}")
        plan = check_plan(act, project_id)
    return res.name, old, new, plan


def _week_text(mask: int, own: bool) -> str:
    days = _parsing.format_workdays(mask)
    return days if own else f"the project's ({days})"


def add_workday(store, project_id: int, name: str, day: date, note: str | None = None) -> tuple[str, Plan]:
    """Record that ``name`` works ``day``, which their week or the project has off (a release
    Saturday, a holiday they work)."""
    _rules.plan_date(day, "worked day")
    try:
        note = _leave.check_note(note or "Worked day")
    except BadValue as exc:
        raise BadValue(str(exc).replace("leave note", "worked-day note")) from None
    with _actions.action(store, project_id, "Add a resource's worked day") as act:
        res = _resources._find(act, project_id, name)
        project = act.session.get(_tables.Project, project_id)
        plan = load_plan(act.conn, project_id)
        if day in plan.leave.get(res.id, {}):
            raise Conflict(f"{res.name} is on leave on {day}: `pmtui resource leave rm {_quoted(res.name)} {day}` "
                           "takes the leave back first")
        if works(plan, res.id, day):
            raise Conflict(f"{res.name} works on {day} ({day:%A}) already: there is no worked day to record")
        cid = _own_calendar(act, res, project)
        act.session.add(_tables.CalendarException(calendar_id=cid, day=day, working=True, name=note))
        act.say(f"worked day of {res.name!r} {day} {note}")
        plan = check_plan(act, project_id)
    return res.name, plan


def remove_workday(store, project_id: int, name: str, day: date) -> str:
    _rules.plan_date(day, "worked day")
    with _actions.action(store, project_id, "Remove a resource's worked day") as act:
        res = _resources._find(act, project_id, name)
        row = None
        if res.calendar_id is not None:
            row = act.session.execute(_sa.select(_tables.CalendarException).where(
                _tables.CalendarException.calendar_id == res.calendar_id, _tables.CalendarException.day == day,
                _tables.CalendarException.working == True)).scalars().first()  # noqa: E712 - SQL
        if row is None:
            raise NotFound(f"{res.name} has no worked day on {day}: `pmtui resource calendar show "
                           f"{_quoted(res.name)}` shows what there is")
        act.session.delete(row)
        act.say(f"removed worked day of {res.name!r} {day}")
        check_plan(act, project_id)
    return res.name


def _quoted(name: str) -> str:
    return f"'{name}'" if " " in name else name
