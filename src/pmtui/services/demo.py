"""Build the demo project (a CRM migration) from demo_data, placed so that "today" falls in the
middle of it: the first phase done, work in progress, the status date set to today."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter
from sqlalchemy import select

from pmtui.models.tables import (
    MON_TO_FRI,
    Assignment,
    Calendar,
    CalendarException,
    Dependency,
    Project,
    Resource,
    Setting,
    Task,
)
from pmtui.scheduling import WorkCalendar
from pmtui.services import demo_data as D
from pmtui.services.actions import action
from pmtui.services.baselines import save_baseline_in
from pmtui.services.demo_risks import add_demo_risks
from pmtui.services.plan import load_plan
from pmtui.services.projects import CURRENT
from pmtui.store import Store


def holidays_for(years: range) -> dict[date, str]:
    out: dict[date, str] = {}
    for year in years:
        for rule, name in D.HOLIDAYS:
            if rule.startswith("easter"):
                day = easter(year) + timedelta(days=int(rule[len("easter"):] or 0))
            else:
                month, dom = (int(p) for p in rule.split("-"))
                day = date(year, month, dom)
            if day.weekday() < 5:
                out[day] = name
    return out


def _parse_after(text: str) -> tuple[str, str, int]:
    key, _, rest = text.partition(":")
    if not rest:
        return key, "FS", 0
    kind, lag = rest[:2], rest[2:]
    return key, kind, int(lag) if lag else 0


def _unique_name(session, base: str) -> str:
    names = set(session.execute(select(Project.name)).scalars())
    if base not in names:
        return base
    n = 2
    while f"{base} ({n})" in names:
        n += 1
    return f"{base} ({n})"


def demo_exists(store: Store) -> Project | None:
    from pmtui.services.actions import reading

    with reading(store) as s:
        return s.execute(select(Project).where(Project.name == D.PROJECT_NAME)).scalars().first()


def create_demo(store: Store, today: date | None = None) -> Project:
    today = today or date.today()
    holidays = holidays_for(range(today.year - 1, today.year + 2))
    cal = WorkCalendar(workdays=range(5), exceptions={d: False for d in holidays}, anchor=today)
    start = cal.date_of(cal.index_on_or_after(today) - D.STATUS_OFFSET)
    start -= timedelta(days=start.weekday())  # kick-offs are on Mondays
    start = cal.date_of(cal.index_on_or_after(start))
    base = cal.index_on_or_after(start)

    def at(offset: int) -> date:
        return cal.date_of(base + offset)

    with action(store, None, "Create demo project") as act:
        s = act.session
        calendar = Calendar(name="Office calendar", workdays=MON_TO_FRI)
        s.add(calendar)
        s.flush()
        for day, name in sorted(holidays.items()):
            s.add(CalendarException(calendar_id=calendar.id, day=day, working=False, name=name))
        project = Project(name=_unique_name(s, D.PROJECT_NAME), start=start, calendar_id=calendar.id,
                          currency=D.CURRENCY,
                          notes="Demo plan: move sales and service from the legacy CRM to a SaaS CRM.")
        s.add(project)
        s.flush()
        act.project_id = project.id

        resources: dict[str, Resource] = {}
        for r in D.RESOURCES:
            res_cal = None
            if r.leave:
                res_cal = Calendar(name=f"{r.name} (leave)", workdays=MON_TO_FRI)
                s.add(res_cal)
                s.flush()
                for first, last in r.leave:
                    for off in range(first, last + 1):
                        s.add(CalendarException(calendar_id=res_cal.id, day=at(off), working=False, name="Leave"))
            res = Resource(project_id=project.id, name=r.name, kind=r.kind, cost_rate=r.rate,
                           max_units=r.max_units, calendar_id=res_cal.id if res_cal else None)
            s.add(res)
            resources[r.name] = res

        tasks: dict[str, Task] = {}
        positions: dict[str | None, int] = {}
        for t in D.TASKS:
            pos = positions.get(t.parent, 0)
            positions[t.parent] = pos + 1
            est = t.estimate or (None, None, None)
            task = Task(
                project_id=project.id, parent_id=None, position=pos, name=t.name, duration=t.duration,
                optimistic=est[0], most_likely=est[1], pessimistic=est[2],
                constraint_type=t.constraint[0] if t.constraint else "ASAP",
                constraint_date=at(t.constraint[1]) if t.constraint else None,
                deadline=at(t.deadline) if t.deadline is not None else None,
                fixed_cost=t.fixed_cost, notes=t.notes,
            )
            s.add(task)
            tasks[t.key] = task
        s.flush()
        for t in D.TASKS:
            if t.parent:
                tasks[t.key].parent_id = tasks[t.parent].id
            for pred in t.after:
                key, kind, lag = _parse_after(pred)
                s.add(Dependency(project_id=project.id, pred_id=tasks[key].id, succ_id=tasks[t.key].id,
                                 type=kind, lag=lag))
            for name, units in t.assign:
                s.flush()
                s.add(Assignment(task_id=tasks[t.key].id, resource_id=resources[name].id, units=units))
        s.flush()

        # The plan as approved at kick-off is the baseline that variance, EVM and status compare to.
        save_baseline_in(act, "Approved plan")
        # Progress goes where the plan, as first scheduled, says the work happened.
        planned = load_plan(act.conn, project.id).schedule
        for t in D.TASKS:
            if not t.done:
                continue
            task = tasks[t.key]
            sched = planned.tasks[task.id]
            task.percent_complete = t.done
            task.actual_start = min(sched.start, today)
            if t.done == 100:
                task.actual_finish = min(sched.finish, today)
                task.remaining = 0
        project.status_date = today
        setting = s.get(Setting, CURRENT)
        if setting is None:
            s.add(Setting(key=CURRENT, value=str(project.id)))
        else:
            setting.value = str(project.id)
        add_demo_risks(act, project, resources, tasks, at, today)
        act.say(f"created demo project {project.name!r}: {len(D.TASKS)} tasks, {len(D.RESOURCES)} resources")
    return project
