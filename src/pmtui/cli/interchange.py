"""pmtui import FILE and pmtui export FILE: MS Project XML, CSV, JSON, iCalendar, Mermaid."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import typer

from pmtui.cli.context import done, state, write_output
from pmtui.models.errors import BadValue, PmtuiError
from pmtui.models.wording import counted, cut
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
_interchange = LazyModule("pmtui.interchange")
_base = LazyModule("pmtui.interchange.base")
bulk = LazyModule("pmtui.services.bulk")
_project_records = LazyModule("pmtui.services.project_records")
_projects = LazyModule("pmtui.services.projects")


def _summary(data: bulk.PlanData) -> str:
    return (f"{counted(len(data.tasks), 'task')}, {counted(len(data.links), 'link')}, "
            f"{counted(len(data.resources), 'resource')}, {counted(len(data.assignments), 'assignment')}, "
            f"{bulk.calendars_text(data)}"
            + (f", {data.records.counts()}" if data.records is not None else ""))


def _actuals_after(data: bulk.PlanData) -> str | None:
    """Actual dates after the status date: `pmtui progress` refuses them (actual dates are in the
    past), but a file could bring them in without a word, and the work they report was then
    counted as done by a date before it happened."""
    status = data.status_date
    if status is None:
        return None
    late = [(t, day) for t in data.tasks for day in (t.actual_start, t.actual_finish) if day and day > status]
    if not late:
        return None
    seen: dict[str, str] = {}
    for t, day in late:
        seen.setdefault(t.source or t.name, f"{t.source or cut(t.name)} ({day})")
    shown = list(seen.values())
    return (f"{len(shown)} task{'s' if len(shown) != 1 else ''} {'have' if len(shown) != 1 else 'has'} actual dates after "
            f"the status date {status}: {', '.join(shown[:5])}{' …' if len(shown) > 5 else ''}; "
            "check the file's status date (`pmtui project status-date` moves it)")


def _new_people(names: list[str]) -> str | None:
    if not names:
        return None
    return (f"{len(names)} resources created as people with no cost rate: "
            + ", ".join(map(cut, names[:10])) + (" …" if len(names) > 10 else ""))


def import_cmd(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="File to import: .xml (MS Project), .csv or .json."),
    fmt: str = typer.Option(None, "--format", "-f", help="mspdi, csv or json (default: from the extension)."),
    name: str = typer.Option(None, "--name", help=(
        "Name of the new project; refused if a project has it (--into replaces that one's plan). "
        "Default: from the file, made unique ('Plan (2)' beside 'Plan', and said so).")),
    into: str = typer.Option(None, "--into", help=(
        "Replace the contents of this existing project instead (undoable). Its baselines are replaced by the "
        "file's when it has any (MS Project XML, JSON), else kept and tied to the file's tasks by WBS code and name.")),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check the import as the real one does and show what it would do; write nothing."),
) -> None:
    """Import a plan as a new project, or into an existing one with --into."""
    st = state(ctx)
    if name is not None and into:
        raise BadValue("give either --name (a new project) or --into (an existing one), not both")
    if name is not None:
        from pmtui.models.rules import check_name

        # as `project new` takes it: an empty --name imported under the file's name, and a
        # 300-character one was cut short, both without a word
        name = check_name(name, "project")
        bulk.check_new_name(st.store, name)
    imp = _interchange.read_file(file, fmt)
    data = imp.data
    into_project = _projects.find_project(st.store, into) if into else None
    fit = bulk.plan_into(st.store, into_project.id, data) if into_project else None
    if fit is not None:
        data = fit.data  # scheduled on the calendar and status date the project will have
        named = fit.people
    else:
        data, named = bulk.plan_new(data)
    try:
        sched = bulk.check(data)  # schedules the plan: a cycle or a bad link refuses the whole file
    except PmtuiError as exc:
        raise _interchange.ImportFailed(f"{file.name}: {exc.message}") from None
    status_line = imp.status_line()
    if status_line and imp.status_from is _base.StatusFrom.CURRENT_DATE:
        # a status date the file did not set itself moves the work not done by then after it:
        # say so when that moves the finish, as MS Project (which does not move it) shows another
        as_saved = bulk.check(dataclasses.replace(data, status_date=None)).finish
        if sched.finish != as_saved:
            status_line += (f"; work not done by then is scheduled from it on: finish {sched.finish}, "
                            f"{as_saved} without a status date (`pmtui project status-date` changes it)")
    lines = []
    if bulk.Part.RESOURCES in imp.data.absent:
        people = named.new if named is not None else [r.name for r in data.resources]
    else:
        people = []
    if fit is not None and fit.status_kept is not None and imp.status_from is _base.StatusFrom.NOT_IN_FORMAT:
        status_line = ""  # the project's status date stays: the kept line names it
    if fit is not None:
        project = into_project
        try:
            # what it says comes from the write: another import may have come in since plan_into
            fit = bulk.replace_project_contents(st.store, project.id, imp.data, checked=True, sched=(data, sched),
                                                action_name=f"Import {file.name}", dry_run=dry_run)
        except PmtuiError as exc:
            raise _interchange.ImportFailed(f"{file.name}: {exc.message}") from None
        held, data = fit.held, fit.data
        # the register is the part of a project an --into most easily loses unawares: say its
        # fate, kind by kind (MS Project XML carries the baselines and nothing else of it)
        carried = data.records.carried if data.records is not None else ()
        stay = tuple(k for k in _project_records.KINDS if k not in carried)
        gone = any(n for n, k in zip(held, _project_records.KINDS) if k in carried)
        fate = f", in place of its {_project_records.counts_text(held, carried)}" if gone else ""
        if any(n for n, k in zip(held, _project_records.KINDS) if k in stay):
            fate += f"; its {_project_records.counts_text(held, stay)} stay, as the file has none"
        if dry_run:
            lines.append(f"Would import {file.name} into {project.name!r}: {_summary(data)}{fate} "
                         "(dry run: nothing written).")
        else:
            undo = "old plan and records" if gone else "old plan"
            lines.append(f"Replaced the contents of {project.name!r} with {file.name}: {_summary(data)}{fate} "
                         f"(`pmtui undo` brings the {undo} back).")
        keep, put = ("would keep", "would replace") if dry_run else ("kept", "replaced")
        if fit.kept:
            lines.append(f"{keep} the project's own, as {file.name} has none: {'; '.join(fit.kept)}")
        if fit.replaced:
            lines.append(f"{put} with the file's: {'; '.join(fit.replaced)}")
        if begins := imp.start_kept_line(fit.data.start):
            lines.append(begins)
        if fit.retied is not None:
            tied, total = fit.retied
            lines.append(f"the project's baselines {'would stay' if dry_run else 'stay'}, tied to the file's tasks by "
                         f"WBS code and name ({tied} of their {counted(total, 'task')}"
                         + (": the rest count as removed since the baseline)" if tied < total else ")"))
    else:
        try:
            before = _projects.current_project(st.store)
        except PmtuiError:
            before = None  # no project yet, or several and none chosen
        try:
            project = bulk.create_project_from(st.store, data, name, sched=sched,
                                               action_name=f"Import {file.name}", dry_run=dry_run)
        except PmtuiError as exc:
            raise _interchange.ImportFailed(f"{file.name}: {exc.message}") from None
        if dry_run:
            lines.append(f"Would import {file.name} as a new project {project.name!r}: {_summary(data)} (dry run: nothing written).")
        else:
            lines.append(f"Imported {file.name} as project {project.name!r}: {_summary(data)}.")
        taken = bulk.plain_name(data.name)
        if name is None and project.name != taken:
            # named only inside the line above, 'CRM migration (2)' passed for the name asked
            # for, and commands given `-p 'CRM migration'` after it went to the other project
            lines.append(f"a project named {taken!r} exists already, so this one {'would be' if dry_run else 'is'} "
                         f"named {project.name!r} (`--into {taken!r}` replaces that one's plan instead; "
                         f"`--name` gives another name)")
        if before is not None and not dry_run:
            # it became the current one without a word: the next `pmtui progress`, meant for
            # the live plan, went to the copy imported to look at
            lines.append(f"{project.name!r} is now the current project: commands without --project work "
                         f"on it (`pmtui project use {before.name!r}` goes back)")
    if status_line:
        lines.append(status_line)
    if imp.format == "mspdi" and data.records is not None and data.records.baselines:
        active = next(b["name"] for b in data.records.baselines if b["active"])
        lines.append("baselines: " + ", ".join(b["name"] for b in data.records.baselines)
                     + f"; `pmtui variance` and the Gantt's `b` compare against {active} "
                     "(`pmtui baseline use NAME` picks another)")
    for what, n in sorted(imp.skipped.items()):
        lines.append(f"skipped: {n} {what}")
    for w in [*imp.warnings, _actuals_after(data), _new_people(people)]:
        if w:
            lines.append(f"warning: {w}")
    for n in named.notes() if named is not None else []:
        lines.append(f"note: {n}")
    if imp.ignored_line():
        lines.append(imp.ignored_line())
    for line in lines:
        done(line)


def export_cmd(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="File to write (.xml, .csv, .json, .ics, .mmd/.md), or - for stdout with --format."),
    fmt: str = typer.Option(None, "--format", "-f", help="mspdi, csv, json, ics or mermaid (default: from the extension)."),
) -> None:
    """Export the current project (or --project) to a file."""
    st = state(ctx)
    if file == "-" and not fmt:
        raise BadValue("writing to stdout needs --format (mspdi, csv, json, ics or mermaid)")
    kind = _interchange.detect_format(Path(file), fmt, importing=False)
    project = st.project()
    # JSON carries the records, MS Project XML the baselines among them
    data = bulk.get_plan_data(st.store, project.id, records=kind in ("json", "mspdi"))
    try:
        text, notes = _interchange.export_text(data, kind)
    except PmtuiError as exc:
        raise _interchange.ExportFailed(f"{project.name}: cannot be exported: {exc.message}") from None
    if file == "-":
        # the BOM is for Excel opening a file; a program reading the pipe took it for part of
        # the first column's name ('\ufeffWBS')
        sys.stdout.write(text.removeprefix("\ufeff"))
        for n in notes:
            sys.stderr.write(f"pmtui: {n}\n")
        return
    path = Path(file)
    write_output(path, text)
    if kind == "ics":
        # a calendar holds the milestones and deadlines, not the tasks: counting tasks there
        # read as if they were all in it
        events = text.count("BEGIN:VEVENT")
        what = f"{events} {'event' if events == 1 else 'events'}: milestones and deadlines" if events else "0 events"
    else:
        what = f"{counted(len(data.tasks), 'task')}, {counted(len(data.links), 'link')}"
    done(f"Exported {project.name!r} to {path} ({kind}: {what}).")
    for n in notes:
        done(f"note: {n}")


def register(app: typer.Typer) -> None:
    app.command("import", epilog="Example: pmtui import plan.xml --name 'CRM migration'\n\n"
                "or: pmtui import plan.csv --into 'Draft plan' --dry-run")(import_cmd)
    app.command("export", epilog="Example: pmtui export plan.xml\n\n"
                "or: pmtui -p 'CRM migration' export - --format mermaid")(export_cmd)
