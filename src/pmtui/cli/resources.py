"""pmtui resource add | list | edit | rm, and pmtui assign / unassign."""

from __future__ import annotations

import typer
from rich.table import Table

from pmtui.cli.context import done, out, print_json, state
from pmtui.models.errors import BadValue
from pmtui.models.parsing import parse_money, parse_units
from pmtui.services import resources as svc
from pmtui.services.tasks import get_plan

cmd = typer.Typer(help="People, vendors and equipment, with cost rates per working day.", no_args_is_help=True)


@cmd.command("add", epilog="Example: pmtui resource add 'Alice Chen' --kind person --rate 650 --max-units 100%")
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
    row = svc.edit_resource(st.store, st.project().id, name, name=new_name, kind=kind,
                            cost_rate=parse_money(rate) if rate is not None else None, max_units=parse_units(max_units) if max_units else None)
    done(f"Updated {row.name!r}.")


@cmd.command("rm", epilog="Example: pmtui resource rm 'Alice Chen'")
def rm(ctx: typer.Context, name: str = typer.Argument(..., help="Resource name.")) -> None:
    """Remove a resource and its assignments."""
    st = state(ctx)
    n = svc.remove_resource(st.store, st.project().id, name)
    done(f"Removed {name!r} and {n} assignments.")


@cmd.command("list", epilog="Example: pmtui resource list --json")
def list_(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the resources with their rates and how many tasks each has."""
    st = state(ctx)
    plan = get_plan(st.store, st.project().id)
    counts: dict[int, int] = {}
    for a in plan.assignments:
        counts[a.resource_id] = counts.get(a.resource_id, 0) + 1
    if as_json:
        print_json([{"id": r.id, "name": r.name, "kind": r.kind, "cost_rate": r.cost_rate,
                     "max_units": r.max_units, "tasks": counts.get(r.id, 0)} for r in plan.resources])
        return
    if not plan.resources:
        out.print("No resources yet: add one with `pmtui resource add NAME --rate 600`.")
        return
    table = Table("Name", "Kind", f"Rate/day ({plan.project.currency})", "Max units", "Tasks", box=None, pad_edge=False)
    for r in plan.resources:
        table.add_row(r.name, r.kind, f"{r.cost_rate:,.2f}", f"{r.max_units:.0%}", str(counts.get(r.id, 0)))
    out.print(table)


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
    svc.unassign(st.store, st.project().id, ref, resource)
    done(f"Unassigned {resource!r} from {ref}.")


def register(app: typer.Typer) -> None:
    app.add_typer(cmd, name="resource")
    app.command("assign", epilog="Example: pmtui assign 2.3 'Alice Chen' --units 50%")(assign)
    app.command("unassign", epilog="Example: pmtui unassign 2.3 'Alice Chen'")(unassign)
