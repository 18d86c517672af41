"""pmtui resource add | list | edit | rm | load | leave add/list/rm | calendar show/workdays/workday add/rm,
and pmtui assign / unassign."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table
from rich.text import Text

from pmtui.cli.context import Col, done, out, print_json, state
from pmtui.models.errors import BadValue
from pmtui.models.parsing import format_workdays, parse_date, parse_money, parse_units, parse_workdays
from pmtui.models.wording import brief, counted, days
from pmtui.services.resource_load import before_text, over_days_before, resource_loads
from pmtui.services.plan import wbs_key
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
leave_svc = LazyModule("pmtui.services.leave")
rcal_svc = LazyModule("pmtui.services.resource_calendar")
svc = LazyModule("pmtui.services.resources")


cmd = typer.Typer(help="People, vendors and equipment, with cost rates per working day.", no_args_is_help=True)
leave = typer.Typer(help="A person's leave: working days off on their own calendar. The tasks they are on are "
                         "scheduled around it (MS Project's resource calendars); `pmtui resource load` and "
                         "`resource leave list` show any task a constraint still holds on those days.",
                    no_args_is_help=True)
rcal = typer.Typer(help="A person's own working week (a part-timer's Monday to Wednesday) and days they work that it "
                        "has off (a release Saturday), based on the project calendar as in MS Project: the tasks they "
                        "are on are worked on it. Their leave is `pmtui resource leave`.", no_args_is_help=True)
rcal_day = typer.Typer(help="Days a person works that their week or the project has off.", no_args_is_help=True)


@cmd.command("add", epilog="Example: pmtui resource add 'Alice Chen' --rate 650 --max-units 100%")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Name (unique in the project)."),
    kind: str = typer.Option("person", "--kind", help="person, vendor or equipment."),
    rate: str = typer.Option("0", "--rate", help="Cost per working day."),
    max_units: str = typer.Option("100%", "--max-units", help="Availability, e.g. 100% or 50%."),
) -> None:
    """Add a resource to the current project."""
    st = state(ctx)
    cost = parse_money(rate)
    row = svc.add_resource(st.store, st.project().id, name, kind=kind.strip().lower(), cost_rate=cost,
                           max_units=parse_units(max_units))
    done(f"Added {row.kind} {row.name!r} at {row.cost_rate:,.2f}/day.")


@cmd.command("edit", epilog="Example: pmtui resource edit 'Alice Chen' --rate 700")
def edit(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Current name."),
    new_name: str = typer.Option(None, "--name", help="New name."),
    kind: str = typer.Option(None, "--kind", help="person, vendor or equipment."),
    rate: str = typer.Option(None, "--rate", help="Cost per working day."),
    max_units: str = typer.Option(None, "--max-units", help="Availability, e.g. 50%."),
) -> None:
    """Change a resource."""
    st = state(ctx)
    if all(v is None for v in (new_name, kind, rate, max_units)):
        raise BadValue("nothing to change: give --name, --kind, --rate or --max-units")
    row, said = svc.edit_resource(st.store, st.project().id, name, name=new_name, kind=kind,
                                  cost_rate=parse_money(rate) if rate is not None else None,
                                  max_units=parse_units(max_units) if max_units is not None else None)
    if not said:  # "Updated" was said of an edit that wrote nothing
        done(f"{row.name!r} has those values already: nothing changed.")
        return
    done(f"Updated {row.name!r}: {'; '.join(said)}.")


@cmd.command("rm", epilog="Example: pmtui resource rm 'Alice Chen'")
def rm(ctx: typer.Context, name: str = typer.Argument(..., help="Resource name.")) -> None:
    """Remove a resource and its assignments."""
    st = state(ctx)
    # said as stored, not as typed: 'bob' found Bob
    removed, n = svc.remove_resource(st.store, st.project().id, name)
    done(f"Removed {removed!r} and {counted(n, 'assignment')}.")


@cmd.command("list", epilog="Example: pmtui resource list --json")
def list_(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the resources with their rates, how many tasks each has, and their peak load from the
    status date on (over = working days booked above max units; see `pmtui resource load`)."""
    st = state(ctx)
    plan = st.plan()
    counts: dict[int, int] = {}
    for a in plan.assignments:
        counts[a.resource_id] = counts.get(a.resource_id, 0) + 1
    since = _status_day(plan)
    loads = resource_loads(plan, since)
    before = over_days_before(plan, since)
    if as_json:
        print_json([{"id": r.id, "name": r.name, "kind": r.kind, "cost_rate": r.cost_rate,
                     "max_units": r.max_units, "tasks": counts.get(r.id, 0), "peak_units": loads[r.id].peak,
                     "overallocated_days": loads[r.id].over_days,
                     "overallocated_days_before": before.get(r.id, 0)} for r in plan.resources])
        return
    if not plan.resources:
        out.print("No resources yet: add one with `pmtui resource add NAME --rate 600`.")
        return
    table = Table(Col("Name", share=1, least=16), "Kind", f"Rate/day ({plan.project.currency})", "Max units", "Tasks", "Peak", "Over",
                  box=None, pad_edge=False)
    for r in plan.resources:
        rl = loads[r.id]
        over = f"{rl.over_days}d" if rl.over_days else ""
        table.add_row(r.name, r.kind, f"{r.cost_rate:,.2f}", f"{r.max_units:.0%}", str(counts.get(r.id, 0)),
                      f"{rl.peak:.0%}" if rl.peak else "", Text(over, "bold red"))
    out.print(table)
    if any(rl.over_days for rl in loads.values()) or before:
        # said also when only the past was overbooked: the columns read as the whole plan's
        out.print(f"Peak and over count from {since} on; `pmtui resource load` shows when and on which tasks.")
    if before:
        out.print(before_text(plan, before, since) + ".")


def _status_day(plan) -> date:
    return plan.project.status_date or date.today()


@cmd.command("load", epilog="Example: pmtui resource load 'Alice Chen' --from 2027-01-04")
def load(
    ctx: typer.Context,
    name: str = typer.Argument(None, help="One resource (default: all)."),
    date_from: str = typer.Option(None, "--from", help="First day counted (default: the status date, else today)."),
    whole: bool = typer.Option(False, "--all", help="The whole schedule, finished work included."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Where the schedule books a resource above its max units: each run of working days with
    its load and the tasks at work (a task books its units on every day of its span)."""
    st = state(ctx)
    if whole and date_from is not None:
        raise BadValue("give --from or --all, not both")
    plan = st.plan()
    since = None if whole else (parse_date(date_from, what="--from date") if date_from is not None else _status_day(plan))
    wanted = plan.resources
    if name is not None:
        key = name.strip().casefold()
        wanted = [r for r in plan.resources if r.name.casefold() == key]
        # else a unique start of a name ('jonas' for Jonas Berg), as the stand-up and a risk's
        # owner are found
        near = [r for r in plan.resources if r.name.casefold().startswith(key)] if key else []
        if not wanted and len(near) > 1:
            raise BadValue(f"{brief(name.strip())} could be {', '.join(r.name for r in near[:-1])} or "
                           f"{near[-1].name}: type more of the name")
        wanted = wanted[:1] or near
        if not wanted:
            raise svc.unknown_resource(name, sorted(r.name for r in plan.resources))
    loads = resource_loads(plan, since)
    wbs = {t.id: t.wbs for t in plan.tasks}
    clashes = leave_svc.clashes(plan, since, only=wanted[0].id if name is not None else None)
    # how much of the resource each task takes: '175%  3.3.1, 3.3.2, 3.4.4' did not say which
    # task to move or re-assign to bring it down
    # (a no-break space between a code and its units: wrapped apart, '3.5' ended one line and
    # '25%' began the next)
    units = {(a.resource_id, a.task_id): a.units for a in plan.assignments}
    # what the view leaves out before its first day (finished work, days already worked) is
    # history, but said: 'No resource is booked ...' read as none ever was
    before = over_days_before(plan, since, only=wanted[0].id if name is not None else None) if since else {}
    if as_json:
        print_json({"from": since.isoformat() if since else None, "resources": [
            {"id": r.id, "name": r.name, "max_units": r.max_units, "peak_units": loads[r.id].peak,
             "overallocated_days": loads[r.id].over_days, "overallocated_days_before": before.get(r.id, 0),
             "overallocations": [{"first": o.first.isoformat(), "last": o.last.isoformat(), "days": o.days,
                                  "units": round(o.load, 6), "tasks": [wbs[t] for t in o.tasks],
                                  "assignments": [{"wbs": wbs[t], "units": round(units[r.id, t], 6)} for t in o.tasks]}
                                 for o in loads[r.id].overloads],
             "leave_while_booked": [{"first": c.first.isoformat(), "last": c.last.isoformat(), "days": c.days,
                                     "tasks": [wbs[t] for t in c.tasks]}
                                    for c in clashes if c.resource_id == r.id]}
            for r in wanted]})
        return
    when = f"from {since} on" if since else "over the whole schedule"
    rows = [(r, o) for r in wanted for o in loads[r.id].overloads]
    history = (" " + before_text(plan, before, since) + ".") if before else ""
    if not rows:
        if name is not None:
            r = wanted[0]
            out.print(f"{r.name} is booked at most {loads[r.id].peak:.0%} of {r.max_units:.0%} {when}.{history}")
        else:
            out.print(f"No resource is booked above its max units {when}.{history}")
        _print_clashes(plan, clashes)
        return
    table = Table(Col("Resource", share=1, least=14), "Max", "From", "To", "Days", "Load",
                  Col("Tasks", share=1, least=12, wrap=True), box=None, pad_edge=False)
    for r, o in rows:
        table.add_row(r.name, f"{r.max_units:.0%}", str(o.first), str(o.last), str(o.days),
                      Text(f"{o.load:.0%}", "bold red"), ", ".join(f"{wbs[t]}\u00a0{units[r.id, t]:.0%}" for t in o.tasks))
    out.print(table)
    # what the codes are, and which can move without moving the finish (those with float)
    sched = plan.schedule
    tasks = Table("WBS", Col("Task", share=1, least=12), "Float", box=None, pad_edge=False)
    for t in sorted({t for _, o in rows for t in o.tasks}, key=lambda t: wbs_key(wbs[t])):
        s = sched.tasks[t]
        tasks.add_row(wbs[t], plan.by_id[t].name,
                      Text("critical", "red") if s.critical else days(s.total_float))
    out.print(tasks)
    people = len({r.id for r, _ in rows})
    advice = "" if since is None else "; move, re-assign or lengthen those tasks, or raise the max units"
    out.print(f"{counted(people, 'resource')} booked above {'its' if people == 1 else 'their'} max units {when}{advice}.{history}")
    _print_clashes(plan, clashes)


def _print_clashes(plan, clashes: list) -> None:
    """Leave on which the schedule still has the person at work, held there by a constraint (the
    other work goes around leave): a PM reading 'not overbooked' would otherwise take the plan as
    staffed."""
    if not clashes:
        return
    names = {r.id: r.name for r in plan.resources}
    wbs = {t.id: t.wbs for t in plan.tasks}
    out.print("")
    table = Table("On leave", "From", "To", "Days", "Booked on", box=None, pad_edge=False)
    for c in clashes:
        table.add_row(names[c.resource_id], str(c.first), str(c.last), str(c.days),
                      Text(", ".join(wbs[t] for t in c.tasks), "bold red"))
    out.print(table)
    out.print(f"{counted(sum(c.days for c in clashes), 'working day')} of leave with work booked; "
              f"{leave_svc.NO_MOVE}: change the constraints or re-assign the work.")


@leave.command("add", epilog="Example: pmtui resource leave add 'Ana Lopez' 2027-02-08 2027-02-12")
def leave_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Resource name."),
    first: str = typer.Argument(..., help="First day off."),
    last: str = typer.Argument(None, help="Last day off (default: the first: one day)."),
    note: str = typer.Option(None, "--note", help="What it is (default: Leave)."),
) -> None:
    """Record a person's leave: the working days from FIRST to LAST (weekends and holidays in
    between are off anyway). The tasks the person is on are scheduled around it, as MS Project
    does: they start after it or stretch over it. The command names the tasks that moved, and
    any a constraint still holds on those days."""
    st = state(ctx)
    d1 = parse_date(first)
    d2 = parse_date(last) if last is not None else None
    before = st.plan().schedule
    who, run, plan = leave_svc.add_leave(st.store, st.project().id, name, d1, d2, note)
    when = leave_svc.span_text(run.first, run.last)
    said = "" if run.note == leave_svc.DEFAULT_NOTE else f", {run.note}"
    done(f"Leave recorded for {who}: {when} ({counted(run.days, 'working day')}){said}.")
    hit = [c for c in leave_svc.clashes(plan, run.first, only=run.resource_id) if c.first <= run.last]
    moved = leave_svc.moved_by(before, plan, run.resource_id)
    if moved:
        done(f"Scheduled around it: {moved}.")
    if hit:
        wbs = {t.id: t.wbs for t in plan.tasks}
        tasks = list(dict.fromkeys(t for c in hit for t in c.tasks))
        days = sum(c.days for c in hit)
        done(f"A constraint holds {who} at work on {days} of those days ({', '.join(wbs[t] for t in tasks)}): "
             f"change the constraint or re-assign the work (see `pmtui resource load`).")
    elif not moved:
        done(f"No unfinished task has {who} at work on those days.")


@leave.command("list", epilog="Example: pmtui resource leave list 'Ana Lopez'")
def leave_list(
    ctx: typer.Context,
    name: str = typer.Argument(None, help="One resource (default: all)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List leave, run by run, with the tasks a constraint still holds on those days (the other
    work is scheduled around leave)."""
    st = state(ctx)
    plan = st.plan()
    wanted = plan.resources
    if name is not None:
        wanted = [_named(plan, name)]
    wbs = {t.id: t.wbs for t in plan.tasks}
    clashes = leave_svc.clashes(plan)
    rows = []
    for r in wanted:
        for run in leave_svc.runs(plan, r.id):
            booked = list(dict.fromkeys(t for c in clashes if c.resource_id == r.id
                                        and run.first <= c.first <= run.last for t in c.tasks))
            rows.append((r, run, [wbs[t] for t in booked]))
    if as_json:
        print_json([{"resource": r.name, "first": run.first.isoformat(), "last": run.last.isoformat(),
                     "days": run.days, "note": run.note, "booked": booked} for r, run, booked in rows])
        return
    if not rows:
        who = f" for {wanted[0].name}" if name is not None else ""
        out.print(f"No leave recorded{who}: `pmtui resource leave add NAME FIRST [LAST]` records some.")
        return
    table = Table("Resource", "From", "To", "Days", "Note", "Booked on", box=None, pad_edge=False)
    for r, run, booked in rows:
        table.add_row(r.name, str(run.first), str(run.last), str(run.days), run.note,
                      Text(", ".join(booked), "bold red"))
    out.print(table)
    if any(booked for _, _, booked in rows):
        out.print(f"Booked on: unfinished tasks that still have the person at work then; {leave_svc.NO_MOVE}.")


@leave.command("rm", epilog="Example: pmtui resource leave rm 'Ana Lopez' 2027-02-08")
def leave_rm(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Resource name."),
    first: str = typer.Argument(..., help="A day of the leave (as `leave list` shows it): all of it goes."),
    last: str = typer.Argument(None, help="With it: only the leave from FIRST to LAST goes."),
) -> None:
    """Take back leave: the whole run FIRST is in, or the days from FIRST to LAST."""
    st = state(ctx)
    d1 = parse_date(first)
    d2 = parse_date(last) if last is not None else None
    who, run, _plan = leave_svc.remove_leave(st.store, st.project().id, name, d1, d2)
    done(f"Removed {who}'s leave {leave_svc.span_text(run.first, run.last)} ({counted(run.days, 'working day')}).")


def _named(plan, name: str):
    key = name.strip().casefold()
    found = [r for r in plan.resources if r.name.casefold() == key]
    if not found:
        raise svc.unknown_resource(name, sorted(r.name for r in plan.resources))
    return found[0]


def assign(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Task: WBS code or #id."),
    resource: str = typer.Argument(..., help="Resource name."),
    units: str = typer.Option("100%", "--units", "-u", help="Share of the resource's time, e.g. 50%."),
) -> None:
    """Assign a resource to a task."""
    st = state(ctx)
    text = svc.assign(st.store, st.project().id, ref, resource, units=parse_units(units))
    done(f"Assigned {text}.")


def unassign(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Task: WBS code or #id."),
    resource: str = typer.Argument(..., help="Resource name."),
) -> None:
    """Take a resource off a task."""
    st = state(ctx)
    text = svc.unassign(st.store, st.project().id, ref, resource)
    done(f"Unassigned {text}.")


@rcal.command("show", epilog="Example: pmtui resource calendar show 'Ana Lopez'")
def calendar_show(
    ctx: typer.Context,
    name: str = typer.Argument(None, help="One resource (default: all)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show each person's working days: the project's week or one of their own, the days they
    work that it has off, and how many days of leave they have."""
    st = state(ctx)
    plan = st.plan()
    rows = rcal_svc.weeks(plan)
    if name is not None:
        rid = _named(plan, name).id
        rows = [w for w in rows if w.resource_id == rid]
    if as_json:
        print_json([{"resource": w.name, "workdays": format_workdays(w.workdays).split(","), "own_week": w.own,
                     "worked": [{"date": d.isoformat(), "note": n} for d, n in w.worked.items()],
                     "leave_days": w.leave_days} for w in rows])
        return
    if not rows:
        out.print("No resources: `pmtui resource add NAME` adds one.")
        return
    table = Table(Col("Resource", share=1, least=10), "Working days", Col("Also works", share=1, least=12),
                  "Leave", box=None, pad_edge=False)
    for w in rows:
        week = format_workdays(w.workdays) + (" (own)" if w.own else " (project's)")
        extra = ", ".join(f"{d} {d:%a}" for d in w.worked) or "-"
        table.add_row(w.name, week, extra, counted(w.leave_days, "day") if w.leave_days else "-")
    out.print(table)


@rcal.command("workdays", epilog="Example: pmtui resource calendar workdays 'Ana Lopez' mon-wed")
def calendar_workdays(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Resource name."),
    days: str = typer.Argument(..., help="Their working weekdays, e.g. mon-wed or mon,tue,thu; "
                                         "`project` for the project's week again."),
) -> None:
    """Give a person a working week of their own (a part-timer), or the project's again. A week
    of their own stays when the project's week changes, even one of the same days (a Mon-Thu
    part-timer on a Mon-Thu project); the project's changes with it. Their tasks are worked on
    it; the command names the tasks that moved."""
    st = state(ctx)
    mask = None if days.strip().casefold() == "project" else parse_workdays(days)
    before = st.plan().schedule
    who, (old, old_own), (new, new_own), plan = rcal_svc.set_week(st.store, st.project().id, name, mask)
    if plan is None:
        whose = "a week of their own," if new_own else "the project's week,"
        done(f"{who} works {whose} {format_workdays(new)}, already: nothing changed.")
        return
    if old == new:
        # the same days, now kept or now the project's: say what that does, as nothing moved
        done(f"{who} keeps {format_workdays(new)} as a week of their own: a change to the project's week leaves it."
             if new_own else f"{who} works the project's week again ({format_workdays(new)}): a change to it "
             "changes theirs.")
        return
    were = format_workdays(old) if old_own else f"the project's, {format_workdays(old)}"
    now = format_workdays(new) if new_own else f"the project's, {format_workdays(new)}"
    done(f"Working days of {who}: {now} (were {were}).")
    _say_moved(before, plan, who)


@rcal_day.command("add", epilog="Example: pmtui resource calendar workday add Ana 2027-03-06 --note Cutover")
def calendar_workday_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Resource name."),
    day: str = typer.Argument(..., help="A day their week or the project has off."),
    note: str = typer.Option(None, "--note", help="Why it is worked (default: Worked day)."),
) -> None:
    """Record that a person works a day their week or the project has off (a release Saturday):
    their tasks count it."""
    st = state(ctx)
    d = parse_date(day)
    before = st.plan().schedule
    who, plan = rcal_svc.add_workday(st.store, st.project().id, name, d, note)
    done(f"Worked day recorded for {who}: {d} ({d:%A}).")
    _say_moved(before, plan, who)


@rcal_day.command("rm", epilog="Example: pmtui resource calendar workday rm 'Ana Lopez' 2027-03-06")
def calendar_workday_rm(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Resource name."),
    day: str = typer.Argument(..., help="The worked day to take back."),
) -> None:
    """Take back a person's worked day."""
    st = state(ctx)
    d = parse_date(day)
    who = rcal_svc.remove_workday(st.store, st.project().id, name, d)
    done(f"{d} is a day off for {who} again.")


def _say_moved(before, plan, who: str) -> None:
    rid = next(r.id for r in plan.resources if r.name == who)
    moved = leave_svc.moved_by(before, plan, rid)
    if moved:
        done(f"Scheduled on their days: {moved}.")
    else:
        done(f"No unfinished task of {who} moved.")


def register(app: typer.Typer) -> None:
    cmd.add_typer(leave, name="leave")
    rcal.add_typer(rcal_day, name="workday")
    cmd.add_typer(rcal, name="calendar")
    app.add_typer(cmd, name="resource")
    app.command("assign", epilog="Example: pmtui assign 2.3.1 'Alice Chen' --units 50%")(assign)
    app.command("unassign", epilog="Example: pmtui unassign 2.3.1 'Alice Chen'")(unassign)
