"""Projects: create, list, choose the current one, rename, set the status date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.parsing import is_digits
from pmtui.models.rules import ProjectRules, plan_date, validated
from pmtui.models.tables import MON_TO_FRI, Calendar, Project, Setting, Task
from pmtui.services.actions import action, reading
from pmtui.services.plan import check_plan
from pmtui.store.journal import forget_undone_project
from pmtui.store import Store

CURRENT = "current_project"


def _by_name(session: Session, name: str) -> Project | None:
    return session.execute(select(Project).where(Project.name == name)).scalars().first()


def create_project(store: Store, name: str, start: date, *, currency: str = "EUR",
                   workdays: int = MON_TO_FRI, make_current: bool = True) -> Project:
    rules = validated(ProjectRules, name=name, start=start, currency=currency)
    with action(store, None, "New project") as act:
        s = act.session
        if _by_name(s, rules.name):
            raise Conflict(f"a project named {rules.name!r} exists already")
        cal = Calendar(name=f"{rules.name} calendar", workdays=workdays)
        s.add(cal)
        s.flush()
        project = Project(name=rules.name, start=rules.start, currency=rules.currency, calendar_id=cal.id)
        s.add(project)
        s.flush()
        act.project_id = project.id
        if make_current:
            _set_current(s, project.id)
        act.say(f"created project {project.name!r} starting {project.start}")
    return project


def _set_current(session: Session, project_id: int) -> None:
    setting = session.get(Setting, CURRENT)
    if setting is None:
        session.add(Setting(key=CURRENT, value=str(project_id)))
    else:
        setting.value = str(project_id)


def list_projects(store: Store) -> list[tuple[Project, int, bool]]:
    """Each project with its number of tasks and whether it is the current one."""
    with reading(store) as s:
        current = _current_id(s)
        counts = dict(s.execute(select(Task.project_id, func.count()).group_by(Task.project_id)).all())
        projects = s.execute(select(Project).order_by(Project.name)).scalars().all()
        return [(p, counts.get(p.id, 0), p.id == current) for p in projects]


def _current_id(session: Session) -> int | None:
    setting = session.get(Setting, CURRENT)
    try:
        return int(setting.value) if setting else None
    except ValueError:
        return None


def find_project(store: Store, name_or_id: str) -> Project:
    with reading(store) as s:
        project = _by_name(s, name_or_id)
        if project is None and is_digits(name_or_id.lstrip("#")) and len(name_or_id) < 19:
            project = s.get(Project, int(name_or_id.lstrip("#")))
        if project is None:
            # names are stored trimmed, and resources forgive case: `-p "crm migration "` found
            # nothing. Only a single match is taken, so no other project is ever guessed at
            key = name_or_id.strip().casefold()
            matches = [p for p in s.execute(select(Project)).scalars() if p.name.casefold() == key]
            if len(matches) == 1:
                return matches[0]
        if project is None:
            names = [p.name for p in s.execute(select(Project).order_by(Project.name)).scalars()]
            hint = f"; projects: {', '.join(names)}" if names else "; there are no projects yet"
            raise NotFound(f"no project named {name_or_id!r}{hint}")
        return project


def current_project(store: Store, name: str | None = None) -> Project:
    """The project named, else the one chosen last, else the only one there is."""
    if name:
        return find_project(store, name)
    with reading(store) as s:
        pid = _current_id(s)
        project = s.get(Project, pid) if pid is not None else None
        if project is None:
            projects = s.execute(select(Project).order_by(Project.id)).scalars().all()
            if len(projects) == 1:
                return projects[0]
            if not projects:
                raise NotFound(
                    "no project yet: create one with `pmtui project new NAME --start DATE` "
                    "or try `pmtui demo`"
                )
            raise NotFound("no current project: choose one with `pmtui project use NAME`")
        return project


def use_project(store: Store, name_or_id: str) -> Project:
    """Choosing the project to work on is a view setting, not an edit: it is not journaled."""
    project = find_project(store, name_or_id)
    with Session(store.writer) as s:
        _set_current(s, project.id)
        forget_undone_project(s)
        s.commit()
    return project


def rename_project(store: Store, project_id: int, new_name: str) -> Project:
    with action(store, project_id, "Rename project") as act:
        project = act.session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}")
        rules = validated(ProjectRules, name=new_name, start=project.start, currency=project.currency)
        if rules.name == project.name:
            return project
        if _by_name(act.session, rules.name):
            raise Conflict(f"a project named {rules.name!r} exists already")
        act.say(f"renamed project {project.name!r} to {rules.name!r}")
        project.name = rules.name
    return project


def set_status_date(store: Store, project_id: int, day: date | None) -> Project:
    with action(store, project_id, "Set status date") as act:
        project = act.session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}")
        plan_date(day, "status date")
        if day is not None and day < project.start:
            raise Conflict(f"status date {day} is before the project start {project.start}")
        if project.status_date != day:
            act.say(f"status date {project.status_date or 'none'} → {day or 'none'}")
            project.status_date = day
            check_plan(act, project_id)
    return project


def edit_project(store: Store, project_id: int, *, start: date | None = None,
                 currency: str | None = None) -> Project:
    with action(store, project_id, "Edit project") as act:
        project = act.session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}")
        rules = validated(ProjectRules, name=project.name, start=start or project.start,
                          currency=currency or project.currency)
        if rules.start != project.start:
            sd = project.status_date
            if sd is not None and sd < rules.start:
                # as set_status_date refuses: figures dated before the plan begins
                raise Conflict(f"the status date {sd} is before the new start {rules.start}: move it first "
                               f"(pmtui project status-date {rules.start}) or clear it (pmtui project status-date none)")
            act.say(f"start {project.start} → {rules.start}")
            project.start = rules.start
            check_plan(act, project_id)
        if rules.currency != project.currency:
            act.say(f"currency {project.currency} → {rules.currency}")
            project.currency = rules.currency
    return project
