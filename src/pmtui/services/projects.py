"""Projects: create, list, choose the current one, rename, set the status date."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.parsing import is_digits
from pmtui.models.wording import counted
from pmtui.models.rules import ProjectRules, plan_date, validated
from pmtui.models.tables import MON_TO_FRI, Calendar, Project, Setting, Task
from pmtui.models.wording import brief
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
            raise Conflict(f"a project named {brief(rules.name)} exists already")
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
            raise NotFound(f"no project named {brief(name_or_id)}{hint}")
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
            raise Conflict(f"a project named {brief(rules.name)} exists already")
        act.say(f"renamed project {project.name!r} to {rules.name!r}")
        project.name = rules.name
    return project


@dataclass
class StatusDateSet:
    project: Project
    was: date | None
    # moved back: the work reported done or started after the new date (progress_after)
    after: list[tuple[date, str]] = field(default_factory=list)

    @property
    def warning(self) -> str:
        """What a move back past reported work did, for the command or the screen to say and to
        add how to take it back; "" for any other move."""
        if not self.after:
            return ""
        day, found = self.project.status_date, self.after
        named = "; ".join(text for _d, text in found[:3]) + (f"; and {len(found) - 3} more" if len(found) > 3 else "")
        return (f"before progress already recorded ({named}): that work keeps its dates, after the status "
                f"date now, and the work not done is scheduled from {day} on")


def set_status_date(store: Store, project_id: int, day: date | None) -> Project:
    return move_status_date(store, project_id, day).project


def move_status_date(store: Store, project_id: int, day: date | None) -> StatusDateSet:
    """Set (or clear) the status date; a move back before work already reported is made, as a
    report as of an earlier date needs it, but said (StatusDateSet.warning)."""
    with action(store, project_id, "Set status date") as act:
        project = act.session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}")
        plan_date(day, "status date")
        if day is not None and day < project.start:
            raise Conflict(f"status date {day} is before the project start {project.start}")
        was, after = project.status_date, []
        if was != day:
            act.say(f"status date {was or 'none'} → {day or 'none'}")
            project.status_date = day
            plan = check_plan(act, project_id)
            if day is not None and was is not None and day < was:
                after = progress_after(plan, day)
    return StatusDateSet(project, was, after)


def progress_after(plan, day: date) -> list[tuple[date, str]]:
    """The work reported done or started after ``day`` as a status date would have it (the rule
    pmtui.services.progress._check_actual keeps on entry), latest first: its date and what it
    is ("2.8 finished 2026-12-24")."""
    cal = plan.calendar
    first = cal.date_of(cal.index_on_or_after(day))  # a start may be on it: the first day not yet done
    found = []
    for t in plan.tasks:
        if t.summary:
            continue
        if t.actual_finish is not None and t.actual_finish > day:
            found.append((t.actual_finish, f"{t.wbs} finished {t.actual_finish}"))
        elif t.actual_start is not None and t.actual_start > first:
            found.append((t.actual_start, f"{t.wbs} started {t.actual_start}"))
    return sorted(found, key=lambda f: f[0], reverse=True)


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


# What a project holds, as the deletion names it: (label, table, how its rows find the project).
_CONTENTS = (("task", "task"), ("link", "dependency"), ("resource", "resource"), ("risk", "risk"),
             ("issue", "issue"), ("baseline", "baseline"), ("stand-up", "standup"), ("snapshot", "snapshot"))


def held(counts: dict[str, int]) -> str:
    """'64 tasks, 80 links and 1 issue': what a project holds, leaving out what it has none of."""
    parts = [counted(n, label) for label, n in counts.items() if n]
    return " and ".join(filter(None, (", ".join(parts[:-1]), parts[-1]))) if parts else ""


def project_contents(store: Store, project_id: int) -> dict[str, int]:
    """How many tasks, links, resources, risks, issues, baselines, stand-ups and snapshots the
    project has, by their names in the singular."""
    with reading(store) as s:
        return _contents(s.connection(), project_id)


def _contents(conn, project_id: int) -> dict[str, int]:
    from sqlmodel import SQLModel

    import pmtui.models.all_tables  # noqa: F401 - risks, stand-ups, baselines and snapshots among them

    tables = SQLModel.metadata.tables
    return {label: conn.execute(select(func.count()).select_from(tables[name])
                                .where(tables[name].c.project_id == project_id)).scalar()
            for label, name in _CONTENTS}


def gone_projects(store: Store) -> list[tuple[int, str]]:
    """The projects deleted (or whose creation was undone) that the undo history still holds,
    with their last names: what `pmtui project purge` erases."""
    from pmtui.store import journal

    with reading(store) as s:
        conn = s.connection()
        return [(i, journal.gone_name(conn, i) or f"#{i}") for i in journal.gone_projects(conn)]


def purge_projects(store: Store, project_ids: list[int]) -> list[int]:
    """Erase every trace of these gone projects: their entries in the undo history (which held
    all their rows, to bring them back), then their bytes in the database file's free space.
    Only projects that are gone are touched; returns those that were erased."""
    from pmtui.store import journal
    from pmtui.store.scrub import secure_delete, wipe_free_space

    with Session(store.writer) as s:
        conn = s.connection()
        secure_delete(conn)
        erased = sorted(set(project_ids) & set(journal.gone_projects(conn)))
        journal.forget_projects(conn, erased)
        s.commit()
    wipe_free_space(store)
    return erased


def delete_project(store: Store, project_id: int) -> tuple[Project, dict[str, int], bool]:
    """Delete the project and every row of it (its tasks, links, resources and their calendars,
    assignments, calendar, risks, issues, stand-ups, baselines and snapshots) as one journal
    entry, which `undo` replays to bring all of it back. Returns the project as it was, what it
    held, and whether it was the current project (then none is current any more: another one,
    picked for the user, would take the next command's changes unawares)."""
    from sqlalchemy import delete as sql_delete

    from pmtui.models.tables import Assignment, CalendarException, Dependency, Resource
    from pmtui.services.project_records import drop_records
    from pmtui.store.journal import remember_deleted

    with action(store, project_id, "Delete project") as act:
        conn = act.conn
        project = act.session.get(Project, project_id)
        if project is None:
            raise NotFound(f"no project with id {project_id}")
        counts = _contents(conn, project_id)

        def rows(table, where) -> list:
            return conn.execute(select(table).where(where).order_by(table.c.id)).all()

        def drop(table, found: list) -> None:
            act.recorder.drop(conn, table, found)

        # children first: undo replays the entry backwards, parents coming back first
        drop_records(act, project_id)
        task_t, dep_t, as_t = Task.__table__, Dependency.__table__, Assignment.__table__
        res_t, cal_t, ex_t = Resource.__table__, Calendar.__table__, CalendarException.__table__
        drop(as_t, rows(as_t, as_t.c.task_id.in_(select(task_t.c.id).where(task_t.c.project_id == project_id))))
        drop(dep_t, rows(dep_t, dep_t.c.project_id == project_id))
        drop(task_t, rows(task_t, task_t.c.project_id == project_id))
        resources = rows(res_t, res_t.c.project_id == project_id)
        drop(res_t, resources)
        calendars = sorted({project.calendar_id, *(r.calendar_id for r in resources if r.calendar_id)})
        drop(ex_t, rows(ex_t, ex_t.c.calendar_id.in_(calendars)))
        drop(Project.__table__, rows(Project.__table__, Project.__table__.c.id == project_id))
        drop(cal_t, rows(cal_t, cal_t.c.id.in_(calendars)))
        was_current = _current_id(act.session) == project_id
        if was_current:
            setting_t = Setting.__table__
            found = [dict(r._mapping) for r in conn.execute(select(setting_t).where(setting_t.c.key == CURRENT))]
            conn.execute(sql_delete(setting_t).where(setting_t.c.key == CURRENT))
            act.recorder.add_deletes("setting", found)
        act.say(f"deleted project {project.name!r}" + (f" with {held(counts)}" if any(counts.values()) else ""))
        act.after_entry.append(lambda c: remember_deleted(c, project_id))
    return project, counts, was_current


def save_folded(store: Store, project_id: int, folded) -> None:
    """Keep which summaries are folded (see Project.folded; read back with the plan,
    pmtui.services.plan.folded_summaries): view state, so not journaled."""
    value = json.dumps(sorted(folded), separators=(",", ":")) if folded else None
    with Session(store.writer) as s:
        row = s.get(Project, project_id)
        if row is not None and row.folded != value:
            row.folded = value
            s.commit()
