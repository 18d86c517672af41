"""pmtui project new | list | use | rename | show | status-date | edit | delete | purge"""

from __future__ import annotations

import typer
from rich.text import Text
from rich.table import Table

from pmtui.cli.context import Col, can_ask, done, out, print_json, state
from pmtui.models.errors import BadValue, Conflict
from pmtui.models.parsing import format_workdays, parse_date, parse_workdays
from pmtui.models.wording import counted
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
svc = LazyModule("pmtui.services.projects")


cmd = typer.Typer(help="Create, list, choose and delete projects.", no_args_is_help=True)


@cmd.command("new", epilog="Example: pmtui project new 'ERP upgrade' --start 2027-01-04")
def new(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Project name (unique)."),
    start: str = typer.Option("today", "--start", help="First day of the project: ISO date or words like 'next monday'."),
    currency: str = typer.Option("EUR", help="Three-letter currency code."),
    workdays: str = typer.Option("mon-fri", help="Working weekdays, e.g. mon-fri or mon-thu."),
) -> None:
    """Create a project and make it the current one."""
    st = state(ctx)
    project = svc.create_project(st.store, name, parse_date(start), currency=currency,
                                 workdays=parse_workdays(workdays))
    done(f"Created project {project.name!r} starting {project.start} (now the current project).")


@cmd.command("list", epilog="Example: pmtui project list --json")
def list_(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the projects; * marks the current one."""
    st = state(ctx)
    from pmtui.services.quick_reads import project_list

    rows = st.quick(project_list)
    if rows is None:
        rows = svc.list_projects(st.store)
    if as_json:
        print_json([
            {"id": p.id, "name": p.name, "start": p.start.isoformat(),
             "status_date": p.status_date.isoformat() if p.status_date else None,
             "currency": p.currency, "tasks": n, "current": cur}
            for p, n, cur in rows
        ])
        return
    if not rows:
        where = f" ({st.where()})" if st.db_named() else ""
        out.print(f"No projects yet: create one with `pmtui project new NAME --start DATE` or run `pmtui demo`{where}.")
        return
    table = Table("", Col("Name", share=1, least=16), "Start", "Status date", "Tasks", box=None, pad_edge=False)
    for p, n, cur in rows:
        table.add_row("*" if cur else "", p.name, str(p.start), str(p.status_date or ""), str(n))
    out.print(table)


@cmd.command("use", epilog="Example: pmtui project use 'CRM migration'")
def use(ctx: typer.Context, name: str = typer.Argument(..., help="Project name or id.")) -> None:
    """Make a project the current one (the one commands and the app work on)."""
    project = svc.use_project(state(ctx).store, name)
    done(f"Now working on {project.name!r}.")


@cmd.command("rename", epilog="Example: pmtui project rename 'CRM migration 2027'")
def rename(ctx: typer.Context, new_name: str = typer.Argument(..., help="The new name.")) -> None:
    """Rename the current project (or the one given with --project)."""
    st = state(ctx)
    project = st.project()
    renamed = svc.rename_project(st.store, project.id, new_name)
    if renamed.name == project.name:  # nothing was written nor journaled: do not claim a rename
        done(f"{project.name!r} has that name already: nothing changed.")
        return
    done(f"Renamed {project.name!r} to {renamed.name!r}.")


@cmd.command("show", epilog="Example: pmtui project show --json")
def show(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show the current project's properties."""
    st = state(ctx)
    from pmtui.services.tasks import get_plan

    plan = get_plan(st.store, st.project().id)
    p = plan.project
    if as_json:
        print_json({"id": p.id, "name": p.name, "start": p.start, "status_date": p.status_date,
                    "finish": plan.schedule.finish if plan.tasks else p.start, "currency": p.currency,
                    "workdays": format_workdays(plan.workdays), "exceptions": len(plan.exceptions),
                    "tasks": len(plan.tasks), "links": len(plan.links), "resources": len(plan.resources)})
        return
    out.print(Text.assemble((p.name, "bold"), f"  (id {p.id})"))
    out.print(f"start        {p.start}")
    out.print(f"status date  {p.status_date or 'not set'}")
    out.print(f"finish       {plan.schedule.finish if plan.tasks else p.start}")
    out.print(f"currency     {p.currency}")
    out.print(f"working days {format_workdays(plan.workdays)}, {counted(len(plan.exceptions), 'exception')}")
    out.print(f"tasks        {len(plan.tasks)}, links {len(plan.links)}, resources {len(plan.resources)}")


@cmd.command("status-date", epilog="Example: pmtui project status-date today")
def status_date(ctx: typer.Context, day: str = typer.Argument(..., help="The date progress is reported up to, or 'none'.")) -> None:
    """Set the status date: unfinished work is scheduled from it on (moved back before work
    already reported done or started, it says which)."""
    st = state(ctx)
    value = None if day.strip().lower() == "none" else parse_date(day)
    moved = svc.move_status_date(st.store, st.project().id, value)
    project = moved.project
    if moved.warning:
        # made (a report as of an earlier date needs it), but a slip of the date is undone at once
        done(f"Status date of {project.name!r} is {project.status_date}, {moved.warning}. "
             f"`pmtui undo` puts it back to {moved.was}.")
        return
    done(f"Status date of {project.name!r} is {project.status_date or 'not set'}.")


@cmd.command("edit", epilog="Example: pmtui project edit --start 2027-02-01")
def edit(
    ctx: typer.Context,
    start: str = typer.Option(None, "--start", help="New project start."),
    currency: str = typer.Option(None, "--currency", help="Three-letter currency code."),
) -> None:
    """Change the current project's start or currency."""
    if start is None and currency is None:
        # printed the project as it was, as though something had been changed
        raise BadValue("nothing to change: give --start or --currency")
    st = state(ctx)
    before = st.project()
    project = svc.edit_project(st.store, before.id, start=parse_date(start) if start is not None else None,
                               currency=currency)
    if (project.start, project.currency) == (before.start, before.currency):
        done(f"{project.name!r} starts {project.start}, currency {project.currency} already: nothing changed.")
        return
    done(f"{project.name!r} starts {project.start}, currency {project.currency}.")


@cmd.command("delete", epilog="Example: pmtui project delete 'Old pilot' --yes\n\n"
             "or, leaving no trace: pmtui project delete 'Old pilot' --purge --yes")
def delete(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Project name or id."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask (needed in a script)."),
    purge: bool = typer.Option(False, "--purge", help=(
        "Delete it for good: also erase it from the undo history and wipe its texts from the database "
        "file (no undo brings it back).")),
) -> None:
    """Delete a project with everything in it (`pmtui undo` right after brings it back).

    Until `pmtui project purge` (or --purge here) the undo history keeps
    its rows, texts and all, so that undo can bring it back. Asks first on
    a terminal; without one, it needs --yes."""
    st = state(ctx)
    project = svc.find_project(st.store, name)
    what = f"project {project.name!r}"
    counts = svc.project_contents(st.store, project.id)
    if any(counts.values()):
        what += f" with its {svc.held(counts)}"
    if not yes:
        if not can_ask():
            flags = " --purge" if purge else ""
            raise Conflict(f"deleting {what} needs a yes: nothing was deleted; "
                           f"`pmtui project delete {project.name!r}{flags} --yes` deletes it without asking")
        question = (f"Delete {what} for good? No undo brings it back." if purge
                    else f"Delete {what}? `pmtui undo` right after brings it back.")
        if not typer.confirm(question, default=False):
            done("Nothing deleted.")
            return
    project, counts, was_current = svc.delete_project(st.store, project.id)
    left = svc.list_projects(st.store)
    if not was_current:
        after = ""
    elif len(left) == 1:
        after = f" {left[0][0].name!r} is the only project left: commands work on it."
    elif left:
        after = " No project is current now: choose one with `pmtui project use NAME`."
    else:
        after = " No project is left: `pmtui project new NAME` or `pmtui demo` makes one."
    if purge:
        svc.purge_projects(st.store, [project.id])
        done(f"Deleted {what} for good: nothing of it is left in the undo history or the database file.{after}")
        _backups_note(st)
        return
    done(f"Deleted {what}. `pmtui undo` brings it back, until another change is made in any project; "
         f"until `pmtui project purge` the undo history keeps its texts.{after}")


@cmd.command("purge", epilog="Example: pmtui project purge --yes")
def purge(
    ctx: typer.Context,
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask (needed in a script)."),
) -> None:
    """Erase the deleted projects for good: from the undo history, and their texts from the file.

    A deleted project (and one whose creation was undone) stays in the undo
    history, texts and all, so that undo and redo can bring it back; purging
    erases it there and wipes the database file's free space, where deleted
    rows linger. Asks first on a terminal; without one, it needs --yes."""
    st = state(ctx)
    gone = svc.gone_projects(st.store)
    names = ", ".join(repr(n) for _i, n in gone)
    if gone and not yes:
        if not can_ask():
            raise Conflict(f"erasing {counted(len(gone), 'deleted project')} for good ({names}) needs a yes: "
                           "nothing was erased; `pmtui project purge --yes` erases " + ('it' if len(gone) == 1 else 'them') + " without asking")
        if not typer.confirm(f"Erase {names} for good? No undo brings {'it' if len(gone) == 1 else 'them'} back.",
                             default=False):
            done("Nothing erased.")
            return
    erased = set(svc.purge_projects(st.store, [i for i, _n in gone]))
    shown = ", ".join(repr(n) for i, n in gone if i in erased)
    if erased:
        done(f"Erased {counted(len(erased), 'deleted project')} for good ({shown}): nothing of "
             f"{'it' if len(erased) == 1 else 'them'} is left in the undo history or the database file.")
    else:
        done("No deleted project is kept for undo; the database file's free space is wiped.")
    _backups_note(st)


def _backups_note(st) -> None:
    from pmtui.store.scrub import backups

    kept = backups(st.store)
    if kept:
        from pmtui.models.wording import cut_path

        shown = ", ".join(cut_path(p.name) for p in kept[:3]) + (f" and {len(kept) - 3} more" if len(kept) > 3 else "")
        done(f"note: the copies taken before schema upgrades hold the plans as they were then ({shown}, "
             f"in {cut_path(st.store.path.parent)}): delete them too if nothing of those plans may be kept.")


def register(app: typer.Typer) -> None:
    app.add_typer(cmd, name="project")
