"""pmtui resource add | list | edit | rm | load, and pmtui assign / unassign."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table
from rich.text import Text

from pmtui.cli.context import Col, done, out, print_json, state
from pmtui.models.errors import BadValue
from pmtui.models.parsing import parse_date, parse_money, parse_units
from pmtui.models.wording import counted
from pmtui.services import resources as svc
from pmtui.services.resource_load import before_text, over_days_before, resource_loads
from pmtui.services.tasks import get_plan

cmd = typer.Typer(help="People, vendors and equipment, with cost rates per working day.", no_args_is_help=True)


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
    plan = get_plan(st.store, st.project().id)
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
    plan = get_plan(st.store, st.project().id)
    since = None if whole else (parse_date(date_from) if date_from is not None else _status_day(plan))
    wanted = plan.resources
    if name is not None:
        key = name.strip().casefold()
        wanted = [r for r in plan.resources if r.name.casefold() == key]
        if not wanted:
            raise svc.unknown_resource(name, sorted(r.name for r in plan.resources))
    loads = resource_loads(plan, since)
    wbs = {t.id: t.wbs for t in plan.tasks}
    # what the view leaves out before its first day (finished work, days already worked) is
    # history, but said: 'No resource is booked ...' read as none ever was
    before = over_days_before(plan, since, only=wanted[0].id if name is not None else None) if since else {}
    if as_json:
        print_json({"from": since.isoformat() if since else None, "resources": [
            {"id": r.id, "name": r.name, "max_units": r.max_units, "peak_units": loads[r.id].peak,
             "overallocated_days": loads[r.id].over_days, "overallocated_days_before": before.get(r.id, 0),
             "overallocations": [{"first": o.first.isoformat(), "last": o.last.isoformat(), "days": o.days,
                                  "units": round(o.load, 6), "tasks": [wbs[t] for t in o.tasks]}
                                 for o in loads[r.id].overloads]}
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
        return
    table = Table(Col("Resource", share=1, least=14), "Max", "From", "To", "Days", "Load",
                  Col("Tasks", share=1, least=12, wrap=True), box=None, pad_edge=False)
    for r, o in rows:
        table.add_row(r.name, f"{r.max_units:.0%}", str(o.first), str(o.last), str(o.days),
                      Text(f"{o.load:.0%}", "bold red"), ", ".join(wbs[t] for t in o.tasks))
    out.print(table)
    people = len({r.id for r, _ in rows})
    advice = "" if since is None else "; move, re-assign or lengthen those tasks, or raise the max units"
    out.print(f"{counted(people, 'resource')} booked above {'its' if people == 1 else 'their'} max units {when}{advice}.{history}")


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


def register(app: typer.Typer) -> None:
    app.add_typer(cmd, name="resource")
    app.command("assign", epilog="Example: pmtui assign 2.3.1 'Alice Chen' --units 50%")(assign)
    app.command("unassign", epilog="Example: pmtui unassign 2.3.1 'Alice Chen'")(unassign)
