"""The project calendar: working weekdays and exceptions (holidays, worked days)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.parsing import format_workdays
from pmtui.models.rules import day_name, plan_date
from pmtui.models.tables import Calendar, CalendarException, Project, Resource
from pmtui.services.actions import action
from pmtui.services.plan import check_plan
from pmtui.store import Store


def set_workdays(store: Store, project_id: int, mask: int) -> str:
    with action(store, project_id, "Set working days") as act:
        project = act.session.get(Project, project_id)
        cal = act.session.get(Calendar, project.calendar_id)
        if cal.workdays != mask:
            act.say(f"working days {format_workdays(cal.workdays)} → {format_workdays(mask)}")
            # a resource calendar without a week of its own follows the project's, as one based on
            # the project calendar does in MS Project; one with its own (a part-timer's, even if it
            # was the same days) stays. The followers' stored copies are kept in step for whoever
            # reads the table by hand: the app does not read them (Calendar.own_week).
            following = act.session.execute(select(Calendar).join(Resource, Resource.calendar_id == Calendar.id).where(
                Resource.project_id == project_id, Calendar.own_week == False)).scalars().all()  # noqa: E712 - SQL
            for own in following:
                own.workdays = mask
            cal.workdays = mask
            check_plan(act, project_id)
    return format_workdays(mask)


def add_exception(store: Store, project_id: int, day: date, name: str = "", *, working: bool = False) -> None:
    """A holiday (working=False) or a worked day off (working=True), e.g. a release Saturday."""
    plan_date(day, "worked day" if working else "holiday")  # a year 0001 or 9999 is a typo
    # 'Eve\x1b[31m' was kept, and `calendar show` then turned the terminal red
    name = day_name(name, "worked day" if working else "holiday")
    with action(store, project_id, "Add calendar exception") as act:
        project = act.session.get(Project, project_id)
        cal = act.session.get(Calendar, project.calendar_id)
        weekday_works = bool(cal.workdays >> day.weekday() & 1)
        if working and weekday_works:
            raise Conflict(f"{day} ({day:%A}) is a working day already")
        if not working and not weekday_works:
            raise Conflict(f"{day} ({day:%A}) is not a working day anyway")
        exists = act.session.execute(
            select(CalendarException).where(CalendarException.calendar_id == cal.id, CalendarException.day == day)
        ).scalars().first()
        if exists:
            raise Conflict(f"{day} is already an exception ({exists.name or 'unnamed'})")
        act.session.add(CalendarException(calendar_id=cal.id, day=day, working=working, name=name.strip()))
        act.say(f"{'working day' if working else 'holiday'} {day} {name}".strip())
        check_plan(act, project_id)


def remove_exception(store: Store, project_id: int, day: date, *, working: bool | None = None) -> None:
    """Remove the exception on ``day``; with ``working`` given, only one of that kind (a holiday
    for False, a worked day for True)."""
    with action(store, project_id, "Remove calendar exception") as act:
        project = act.session.get(Project, project_id)
        exc = act.session.execute(
            select(CalendarException).where(
                CalendarException.calendar_id == project.calendar_id, CalendarException.day == day
            )
        ).scalars().first()
        if exc is None:
            raise NotFound(f"{day} is not a holiday or exception in this calendar")
        if working is not None and exc.working != working:
            # `workday rm` on Christmas took the holiday away: the day named was another kind
            kind, other = ("a holiday", "holiday") if not exc.working else ("a worked day", "workday")
            named = f" ({exc.name})" if exc.name else ""
            raise Conflict(f"{day} is {kind}{named}, not a {'worked day' if working else 'holiday'}: "
                           f"to remove it, use `pmtui calendar {other} rm {day}`")
        act.session.delete(exc)
        act.say(f"removed exception {day} {exc.name}".strip())
        check_plan(act, project_id)
