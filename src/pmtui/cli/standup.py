"""pmtui standup …, pmtui progress and pmtui blocker: the stand-up for scripts and quick updates.

`pmtui standup` alone opens the planner on the stand-up screen.
"""

from __future__ import annotations

import inspect
from datetime import date

import typer
from rich.text import Text

from pmtui.cli.context import done, out, print_json, state
from pmtui.models.errors import BadValue
from pmtui.models.parsing import parse_date, parse_duration, parse_percent
from pmtui.models.wording import brief, counted
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
_actions = LazyModule("pmtui.services.actions")
_as_of = LazyModule("pmtui.services.as_of")
pg = LazyModule("pmtui.services.progress")
_risks = LazyModule("pmtui.services.risks")
su = LazyModule("pmtui.services.standup")
sa = LazyModule("pmtui.services.standup_agenda")
ss = LazyModule("pmtui.services.standup_summary")
_tasks = LazyModule("pmtui.services.tasks")
quick_reads = LazyModule("pmtui.services.quick_reads")  # the same reads through sqlite3 (State.quick)


cmd = typer.Typer(help="The daily stand-up: run it (no command opens the stand-up screen), notes, reports.",
                  epilog="Example: pmtui standup   (or: pmtui standup report --format md)")

DATE_HELP = "The stand-up's day (default: today)."
OPEN_DATE_HELP = "The stand-up's day (default: the open stand-up's, else today)."


def _today() -> date:
    """The day the commands here take for today: one clock, which a test can set."""
    return date.today()


def _day(text: str | None) -> date:
    return parse_date(text) if text is not None else _today()


def _open_day(ctx: typer.Context, text: str | None) -> date:
    """The day given, else that of the stand-up still open (started with --date on another day,
    say), else today."""
    if text is not None:
        return parse_date(text)
    st = state(ctx)
    return su.open_day(st.store, st.project().id) or _today()


def _format(text: str) -> str:
    value = text.strip().lower()
    if value not in ("md", "json"):
        raise BadValue(f"format {brief(text)} is not known: use md or json")
    return value


@cmd.callback(invoke_without_command=True)
def _standup(ctx: typer.Context) -> None:
    """Run today's stand-up on the stand-up screen (screen 4)."""
    if ctx.invoked_subcommand is not None:
        return
    st = state(ctx)
    try:
        from pmtui.app import run_app  # the TUI, imported only when it starts
    except ImportError:
        run_app = None
    # Until the app accepts a start screen, print the agenda instead of opening on screen 1.
    if run_app is None or "screen" not in inspect.signature(run_app).parameters:
        _print_start(ctx, None, False)
        return
    from pmtui.cli.opening import needs_terminal

    needs_terminal()
    run_app(st.store, st.project_name, screen="standup")


def _print_start(ctx: typer.Context, day_text: str | None, keep: bool) -> None:
    st = state(ctx)
    pid = st.project().id
    opened = su.start_standup(st.store, pid, _day(day_text), keep_status_date=keep)
    back = f" `pmtui project status-date {opened.standup.day}` moves it back." if opened.can_go_back else ""
    done(opened.message + back)
    _print_agenda(st.store, pid, opened.standup.day)


def _print_agenda(store, pid: int, day: date) -> None:
    plan = _tasks.get_plan(store, pid)
    _print_people(plan, lambda: _blockers(store, plan), day)


def _blockers(store, plan) -> dict[int, list[str]]:
    with _actions.reading(store) as s:
        return pg.open_blockers(plan, s)


def _print_people(plan, blockers, day: date) -> None:
    """The agenda, person by person; ``blockers`` gives the open blockers by task, read after
    the [standup] settings are checked."""
    cfg = sa.standup_config()
    people = sa.agenda(plan, cfg, blockers(), today=day)
    if not people:
        # said nothing at all, which read as a failure to print
        done(f"Nobody to ask: the project has no people, and no task is in progress, due within "
             f"{counted(cfg.lookahead_days, 'working day')} or late (`pmtui resource add NAME` adds a person).")
    for person in people:
        out.print(Text(person.name, "bold"))
        if not person.tasks:
            out.print("  nothing due")
        for t in person.tasks:
            out.print(Text.assemble(f"  {t.wbs:<8} {t.name}  ", (t.why, "dim"), (" BLOCKED", "red") if t.blockers else ""))


@cmd.command("start", epilog="Example: pmtui standup start --date 2026-11-23 --keep-status-date")
def start(
    ctx: typer.Context,
    day: str = typer.Option(None, "--date", help=DATE_HELP),
    keep: bool = typer.Option(False, "--keep-status-date", help="Leave the status date where it is."),
) -> None:
    """Open (or resume) the stand-up, set the status date to its day (a later one is kept, never
    moved back), and print the agenda."""
    _print_start(ctx, day, keep)


@cmd.command("agenda", epilog="Example: pmtui standup agenda --json")
def agenda_(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Who is asked about what: each person's tasks in progress, due soon, or late; the open
    stand-up's agenda (started on another day and continued, say), else today's."""
    st = state(ctx)
    read = st.quick(quick_reads.standup_agenda)
    if read is not None:
        plan, opened, found = read
        blockers = lambda: found  # noqa: E731
    else:
        pid = st.project().id
        # the meeting's day, as the stand-up screen and `standup note` take it: "due soon" and
        # the dates are counted from it while it runs, not from the day the command is run
        opened = su.open_day(st.store, pid)
        plan = None
    day = opened or _today()
    if plan is None:
        plan = _tasks.get_plan(st.store, pid)
        blockers = lambda: _blockers(st.store, plan)  # noqa: E731
    sd = plan.project.status_date
    ahead = _as_of.ahead_of(plan.calendar, sd, day)
    if not as_json:
        if ahead:
            done(_ahead_text(sd, day, day == _today(), "this agenda is"))
        done(f"Agenda of the open stand-up of {day}:" if opened else f"Agenda for today, {day} (no stand-up open):")
        _print_people(plan, blockers, day)
        return
    found = blockers()
    print_json({"day": day.isoformat(), "open_standup": opened is not None,
                "status_date": sd.isoformat() if sd else None, "status_date_ahead": ahead, "people": [
        {"person": p.name, "tasks": [{"wbs": t.wbs, "name": t.name, "percent": t.percent, "start": t.start,
                                      "finish": t.finish, "why": t.why, "critical": t.critical,
                                      "blockers": t.blockers} for t in p.tasks]}
        for p in sa.agenda(plan, sa.standup_config(), found, today=day)
    ]})


@cmd.command("note", epilog="Example: pmtui standup note Claire --yesterday 'SOW signed' --today 'UAT plan'")
def note(
    ctx: typer.Context,
    person: str = typer.Argument(..., help="Resource name (or a unique start of it), or 'Unassigned'."),
    yesterday: str = typer.Option(None, "--yesterday", help="What they did."),
    today: str = typer.Option(None, "--today", help="What they will do."),
    blockers: str = typer.Option(None, "--blockers", help="What is in their way."),
    day: str = typer.Option(None, "--date", help=OPEN_DATE_HELP),
) -> None:
    """Record what one person said in the open stand-up."""
    st = state(ctx)
    when = _open_day(ctx, day)
    noted = su.set_person_note(st.store, st.project().id, when, person, yesterday=yesterday, today=today,
                               blockers=blockers)
    # named in full: "A" or "jonas" is taken for whoever's name starts so; an empty answer says
    # "cleared", or that there was nothing to clear (nothing is written then)
    done(noted.message(when))


@cmd.command("finish", epilog="Example: pmtui standup finish")
def finish(ctx: typer.Context, day: str = typer.Option(None, "--date", help=OPEN_DATE_HELP)) -> None:
    """End the stand-up, save its summary and print it."""
    st = state(ctx)
    summary = su.finish_standup(st.store, st.project().id, _open_day(ctx, day))
    out.print(ss.to_markdown(summary), markup=False)


@cmd.command("list", epilog="Example: pmtui standup list --json")
def list_(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Past stand-ups, newest first."""
    st = state(ctx)
    rows = su.list_standups(st.store, st.project().id)
    data = []
    for r in rows:
        # an open one counts what it would save now, as `standup report` shows it
        s = su.public(su.stored(r)) if r.state == "closed" else su.live_summary(st.store, st.project().id, r.day)
        data.append({"day": r.day.isoformat(), "state": r.state,
                     "finish_before": r.finish_before.isoformat() if r.finish_before else None,
                     "finish_after": r.finish_after.isoformat() if r.finish_after else None,
                     "updates": len(s.get("progress", [])), "blockers": len(s.get("blockers", [])),
                     "blockers_cleared": su.cleared_blockers(s), "said": su.blockers_raised(s)})
    if as_json:
        print_json([{k: v for k, v in d.items() if k != "said"} for d in data])
        return
    if not data:
        done("No stand-ups yet: `pmtui standup` runs today's.")
        return
    for d in data:
        moved = f"finish {d['finish_before']} → {d['finish_after']}" if d["finish_after"] else "in progress"
        # "finished", as every message says it (the JSON keeps the stored state, "closed")
        state_word = su.state_word(d["state"])
        out.print(f"{d['day']}  {state_word:<8}  {moved}  {counted(d['updates'], 'update')}, {d['said']}")


@cmd.command("report", epilog="Example: pmtui standup report --date 2026-11-23 --format json")
def report(
    ctx: typer.Context,
    day: str = typer.Option(None, "--date", help="Which stand-up (default: the open one, else the latest)."),
    fmt: str = typer.Option("md", "--format", "-f", help="md or json."),
) -> None:
    """Print a stand-up's summary (an open one as it stands now): the open stand-up's, else the
    latest one's."""
    st = state(ctx)
    fmt = _format(fmt)
    pid = st.project().id
    # the open one, as `standup agenda`, `note` and `finish` take it: the latest, when a later day's
    # was finished, reported another meeting than the one the agenda was of
    when = parse_date(day) if day is not None else su.open_day(st.store, pid) or su.latest_standup(st.store, pid).day
    summary = su.live_summary(st.store, pid, when)
    if fmt == "json":
        print_json(summary)
    else:
        out.print(ss.to_markdown(summary), markup=False)


@cmd.command("compare", epilog="Example: pmtui standup compare 2026-11-16 2026-11-23")
def compare(
    ctx: typer.Context,
    first: str = typer.Argument(..., help="One stand-up's day."),
    second: str = typer.Argument(..., help="The other's."),
    fmt: str = typer.Option("md", "--format", "-f", help="md or json."),
) -> None:
    """What changed between two finished stand-ups: the finish, milestones, blockers."""
    st = state(ctx)
    fmt = _format(fmt)
    data = su.compare(st.store, st.project().id, parse_date(first), parse_date(second))
    if fmt == "json":
        print_json(data)
    else:
        out.print(ss.compare_markdown(data), markup=False)


def progress(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Task: WBS code or #id."),
    percent: str = typer.Argument(None, help="Percent complete, e.g. 60%."),
    is_done: bool = typer.Option(False, "--done", help="Finished (actual finish: --on, else the planned finish, as MS Project does, but at the latest the last working day before the status date)."),
    started: bool = typer.Option(False, "--started", help="Work began (actual start: --on, else the status date)."),
    remaining: str = typer.Option(None, "--remaining", help="Working days left, e.g. 3d."),
    on: str = typer.Option(None, "--on", help="Date for --done or --started."),
) -> None:
    """Record progress on a task: a percent, started, days left, or done."""
    chosen = [x for x, given in (("percent", percent is not None), ("--done", is_done), ("--started", started),
                                 ("--remaining", remaining is not None)) if given]
    if len(chosen) != 1:
        raise BadValue("give exactly one of PERCENT, --done, --started or --remaining"
                       + (f" (got {', '.join(chosen)})" if chosen else ""))
    if on is not None and not (is_done or started):
        raise BadValue("--on goes with --done or --started")
    when = parse_date(on, what="--on date") if on is not None else None
    st = state(ctx)
    pid = st.project().id
    if percent is not None:
        r = pg.set_percent(st.store, pid, ref, parse_percent(percent))
    elif is_done:
        r = pg.mark_done(st.store, pid, ref, on=when)
    elif started:
        r = pg.mark_started(st.store, pid, ref, on=when)
    else:
        r = pg.set_remaining(st.store, pid, ref, parse_duration(remaining, "days left"))
    done("; ".join(r.lines) + f". Finish {r.plan.schedule.finish}." + _elsewhere(r))
    sd, today = r.plan.project.status_date, _today()
    if _as_of.ahead_of(r.plan.calendar, sd, today):
        done(_ahead_text(sd, today, True, "this progress is recorded"))


def _ahead_text(sd: date, day: date, today: bool, what: str) -> str:
    """'Status date 2026-12-28 is ahead of today (2026-12-07): this agenda is as of 2026-12-28.'
    Everything here is counted from the status date (services.as_of.progress_day): with it
    ahead, a task started now was dated weeks on and "due soon" meant then, and only the TUI's
    stand-up said so."""
    of = "today" if today else "the stand-up's day"
    return f"Status date {sd} is ahead of {of} ({day}): {what} as of {sd}."


def _elsewhere(r: pg.Recorded) -> str:
    """Where the update went, when that is a stand-up of another day than today's: one left open
    yesterday took this morning's updates into its record without a word."""
    if r.standup_day is None or r.standup_day == _today():
        return ""
    return (f" Recorded in the stand-up of {r.standup_day}, still open: "
            f"`pmtui standup finish --date {r.standup_day}` finishes it.")


def blocker(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Task: WBS code or #id."),
    text: str = typer.Argument(None, help="One line: what blocks it (none with --clear)."),
    clear: bool = typer.Option(False, "--clear", help="The task is no longer blocked: resolve its open blockers."),
) -> None:
    """Raise a blocker on a task (an open issue linked to it), or clear its open blockers."""
    if clear and text is not None:
        raise BadValue(f"--clear takes no blocker text (got {brief(text)}): `pmtui blocker {ref} --clear` clears "
                       f"every open blocker of the task, `pmtui issue resolve I…` one of them")
    if not clear and text is None:
        raise BadValue(f"say what blocks the task (`pmtui blocker {ref} 'waiting for …'`), "
                       f"or clear its blockers with --clear")
    st = state(ctx)
    if clear:
        r = pg.clear_blockers(st.store, st.project().id, ref, why="Cleared with `pmtui blocker --clear`.")
        # named by code, as `pmtui issue list` shows them and `pmtui undo` brings them back
        names = "; ".join(f"{_risks.issue_code(n)} {title!r}" for n, title in r.cleared)
        done(f"Cleared {counted(len(r.cleared), 'blocker')} on {r.task.wbs} {r.task.name}: {names} "
             f"(resolved; `pmtui undo` reopens {'it' if len(r.cleared) == 1 else 'them'})." + _elsewhere(r))
        return
    r = pg.raise_blocker(st.store, st.project().id, ref, text)
    # its code as `pmtui issue list` shows it and `issue resolve` takes it; '#5' read as task #5
    done(f"Blocker {_risks.issue_code(r.issue_number)} raised on {r.task.wbs} {r.task.name}." + _elsewhere(r))


def register(app: typer.Typer) -> None:
    app.add_typer(cmd, name="standup")
    app.command("progress", epilog="Example: pmtui progress 2.3 60%\n\n"
                                   "(or --done --on 2026-11-20, --remaining 3d, --started)")(progress)
    app.command("blocker", epilog="Example: pmtui blocker 2.3 'waiting for the SAP test system'\n\n"
                                  "(and when it is over: pmtui blocker 2.3 --clear)")(blocker)
