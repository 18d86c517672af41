"""pmtui calendar show | workdays | holiday add/rm | workday add/rm"""

from __future__ import annotations

import typer
from rich.table import Table

from pmtui.cli.context import Col, done, out, print_json, state
from pmtui.models.parsing import format_workdays, parse_date, parse_workdays
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
svc = LazyModule("pmtui.services.calendars")
_tasks = LazyModule("pmtui.services.tasks")


cmd = typer.Typer(help="The project calendar: working weekdays, holidays, worked days off.", no_args_is_help=True)
holiday = typer.Typer(help="Holidays: days off on normal working days.", no_args_is_help=True)
workday = typer.Typer(help="Worked days on normal days off (e.g. a release Saturday).", no_args_is_help=True)


@cmd.command("show", epilog="Example: pmtui calendar show --json")
def show(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show working weekdays and exceptions."""
    st = state(ctx)
    plan = _tasks.get_plan(st.store, st.project().id)
    days = format_workdays(plan.workdays)
    rows = sorted(plan.exceptions.items())
    if as_json:
        print_json({"workdays": days.split(","), "exceptions": [
            {"date": d.isoformat(), "working": w, "name": n} for d, (w, n) in rows]})
        return
    out.print(f"Working days: {days}")
    if not rows:
        out.print("No holidays or exceptions.")
        return
    table = Table("Date", "Day", "Kind", Col("Name", share=1, least=16), box=None, pad_edge=False)
    for d, (working, name) in rows:
        table.add_row(str(d), f"{d:%a}", "worked" if working else "holiday", name)
    out.print(table)


@cmd.command("workdays", epilog="Example: pmtui calendar workdays mon-thu")
def workdays(ctx: typer.Context, days: str = typer.Argument(..., help="e.g. mon-fri, mon-thu, mon,tue,thu")) -> None:
    """Set the working weekdays. People who follow the project's week (all but those given a
    week of their own by `pmtui resource calendar workdays`) change with it."""
    st = state(ctx)
    mask = parse_workdays(days)
    before = st.plan().workdays
    text = svc.set_workdays(st.store, st.project().id, mask)
    done(f"Working days: {text}.")
    if mask != before:
        from pmtui.services import resource_calendar
        from pmtui.services.tasks import get_plan

        # said here, as this is when a PM would expect everyone to move with the project
        kept = [w for w in resource_calendar.weeks(get_plan(st.store, st.project().id)) if w.own]
        if kept:
            names = "; ".join(f"{w.name} {format_workdays(w.workdays)}" for w in kept)
            done(f"Kept their own week: {names} (`pmtui resource calendar workdays NAME project` makes one "
                 "follow the project's).")


@holiday.command("add", epilog="Example: pmtui calendar holiday add 2027-12-24 'Christmas Eve'")
def holiday_add(ctx: typer.Context, day: str = typer.Argument(..., help="Date."),
                name: str = typer.Argument("", help="Name of the holiday.")) -> None:
    """Add a holiday."""
    st = state(ctx)
    d = parse_date(day)
    svc.add_exception(st.store, st.project().id, d, name, working=False)
    done(f"Holiday {d} {name.strip()}".rstrip() + ".")


@holiday.command("rm", epilog="Example: pmtui calendar holiday rm 2027-12-24")
def holiday_rm(ctx: typer.Context, day: str = typer.Argument(..., help="Date.")) -> None:
    """Remove a holiday."""
    _remove(ctx, day, working=False)


def _remove(ctx: typer.Context, day: str, *, working: bool) -> None:
    st = state(ctx)
    d = parse_date(day)
    svc.remove_exception(st.store, st.project().id, d, working=working)
    done(f"{d} is a normal day again.")


@workday.command("add", epilog="Example: pmtui calendar workday add 2027-03-06 'Cutover Saturday'")
def workday_add(ctx: typer.Context, day: str = typer.Argument(..., help="Date."),
                name: str = typer.Argument("", help="Why it is worked.")) -> None:
    """Make a normal day off a working day."""
    st = state(ctx)
    d = parse_date(day)
    svc.add_exception(st.store, st.project().id, d, name, working=True)
    # the name was dropped ("2027-03-06 is a working day."); said as a holiday is
    done(f"Worked day {d} {name.strip()}".rstrip() + ".")


@workday.command("rm", epilog="Example: pmtui calendar workday rm 2027-03-06")
def workday_rm(ctx: typer.Context, day: str = typer.Argument(..., help="Date.")) -> None:
    """Make a worked day off a normal day off again."""
    _remove(ctx, day, working=True)


def register(app: typer.Typer) -> None:
    cmd.add_typer(holiday, name="holiday")
    cmd.add_typer(workday, name="workday")
    app.add_typer(cmd, name="calendar")
