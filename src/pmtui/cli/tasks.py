"""pmtui task add | list | show | edit | rm | move | indent | outdent, and pmtui link / unlink."""

from __future__ import annotations

import typer
from rich.text import Text
from rich.table import Table

from pmtui.cli.context import Col, done, out, print_json, state
from pmtui.models.errors import BadValue
from pmtui.models.parsing import (
    parse_constraint,
    parse_date,
    parse_duration,
    parse_lag,
    parse_link_type,
    parse_money,
    parse_predecessors,
)
from pmtui.models.wording import brief, counted
from pmtui.lazy import LazyModule
from pmtui.services.plan import NOT_PLANNED, NOT_PLANNED_NOTE, Plan, offering

# loaded by the commands that change the plan: `task list` and `task show` read it without
# SQLAlchemy (State.plan)
svc = LazyModule("pmtui.services.tasks")

cmd = typer.Typer(help="Add, list, edit and reshape tasks (addressed by WBS code like 1.2, or id like #17).",
                  no_args_is_help=True)

NONE_WORDS = {"none", "-", ""}


def _optional_date(text: str | None):
    if text is None:
        return ...
    return None if text.strip().lower() in NONE_WORDS else parse_date(text)


def _estimate(text: str | None) -> dict:
    if text is None:
        return {}
    if text.strip().lower() in NONE_WORDS:
        return {"optimistic": None, "most_likely": None, "pessimistic": None}
    parts = [p for p in text.replace("/", ",").split(",") if p.strip()]
    if len(parts) != 3:
        raise BadValue(f"estimate {brief(text)} needs three durations: optimistic,most-likely,pessimistic e.g. 3d,5d,9d")
    o, m, p = (parse_duration(x) for x in parts)
    return {"optimistic": float(o), "most_likely": float(m), "pessimistic": float(p)}


def _fields(duration, constraint, constraint_date, deadline, notes, estimate, fixed_cost) -> dict:
    fields: dict = {}
    if duration is not None:
        fields["duration"] = parse_duration(duration)
    if constraint is not None:
        fields["constraint_type"] = parse_constraint(constraint)
    if constraint_date is not None:
        fields["constraint_date"] = _optional_date(constraint_date)
    value = _optional_date(deadline)
    if value is not ...:
        fields["deadline"] = value
    if notes is not None:
        fields["notes"] = notes
    fields.update(_estimate(estimate))
    if fixed_cost is not None:
        fields["fixed_cost"] = parse_money(fixed_cost)
    return fields


@cmd.command("add", epilog="Example: pmtui task add 'Design API' --under 2 -d 5d --after '2.1FS+2d,2.2'")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Task name."),
    under: str = typer.Option(None, "--under", help="WBS code of the summary to add it to (as its last task)."),
    below: str = typer.Option(None, "--below", help="WBS code of the task to add it right after."),
    duration: str = typer.Option("1d", "--duration", "-d", help="Working days: 3d, 2w, or 0 for a milestone."),
    after: str = typer.Option(None, "--after", help="Predecessors in MS Project notation: '1.2FS+2d, 1.3'."),
    constraint: str = typer.Option(None, "--constraint", help="ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO or MFO."),
    constraint_date: str = typer.Option(None, "--constraint-date", help="Date for the constraint (alone, on an ASAP task: Start No Earlier Than it, as in MS Project)."),
    deadline: str = typer.Option(None, "--deadline", help="Deadline: flags the task when it finishes later."),
    notes: str = typer.Option(None, "--notes", help="Free text."),
    estimate: str = typer.Option(None, "--estimate", help="Three-point estimate: optimistic,most-likely,pessimistic."),
    fixed_cost: str = typer.Option(None, "--fixed-cost", help="Fixed cost in the project's currency."),
) -> None:
    """Add a task."""
    st = state(ctx)
    fields = _fields(None, constraint, constraint_date, deadline, notes, estimate, fixed_cost)
    pid = st.project().id
    plan = svc.plan_to_edit(st.store, pid)
    before = _conflicts(plan)
    said: list[str] = []
    with offering(plan):
        row = svc.add_task(st.store, pid, name, under=under, below=below, said=said,
                           duration=parse_duration(duration), after=parse_predecessors(after or ""), **fields)
    done(f"Added {row.wbs} {row.name!r} (id #{row.id}).")
    _say_outline(said, "add")
    _say_new_conflicts(svc.plan_after_edit(st.store, pid), before)


def _say_outline(said: list[str], what: str) -> None:
    """A task made a summary, or a summary made a task again, by the change: what of its own
    stopped or started counting (pmtui.services.outline_change), and that one undo takes back all."""
    for i, line in enumerate(said, 1):
        if i < len(said):
            done(f"{line}.")
        else:
            done(f"{line}. `pmtui undo` takes back the {what} and {'this' if len(said) == 1 else 'these'}.")


def _conflicts(plan: Plan) -> set[tuple[int, str]]:
    return {(v.task_id, v.kind) for v in plan.schedule.violations}


def _say_new_conflicts(plan: Plan, before: set[tuple[int, str]]) -> None:
    """The conflicts a change made (a constraint the links break, a deadline now missed): a
    script added a Must Finish On it could not meet and heard only "Added", until someone ran
    `pmtui schedule`. Keyed by task, not by message: the WBS codes in a message move on an insert."""
    for v in plan.schedule.violations:
        if (v.task_id, v.kind) not in before:
            out.print(Text.assemble(("conflict:", "red"), f" {v.message}"))


@cmd.command("edit", epilog="Example: pmtui task edit 1.2 -d 7d --after '1.1SS+2d' --deadline 2027-03-01")
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="WBS code or #id."),
    name: str = typer.Option(None, "--name", help="New name."),
    duration: str = typer.Option(None, "--duration", "-d", help="Working days: 3d, 2w, 0."),
    after: str = typer.Option(None, "--after", help="Replace the predecessors ('' removes them all)."),
    constraint: str = typer.Option(None, "--constraint", help="ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO or MFO."),
    constraint_date: str = typer.Option(None, "--constraint-date", help="Date for the constraint (alone, on an ASAP task: Start No Earlier Than it, as in MS Project)."),
    deadline: str = typer.Option(None, "--deadline", help="Deadline date, or 'none' to clear it."),
    notes: str = typer.Option(None, "--notes", help="Free text (replaces the notes)."),
    estimate: str = typer.Option(None, "--estimate", help="optimistic,most-likely,pessimistic or 'none'."),
    fixed_cost: str = typer.Option(None, "--fixed-cost", help="Fixed cost."),
) -> None:
    """Change a task's fields or predecessors."""
    st = state(ctx)
    fields = _fields(duration, constraint, constraint_date, deadline, notes, estimate, fixed_cost)
    if name is not None:
        fields["name"] = name
    preds = parse_predecessors(after) if after is not None else None
    if not fields and preds is None:
        raise BadValue("nothing to change: give at least one option, e.g. --duration 5d (see --help)")
    pid, said = st.project().id, []
    plan = svc.plan_to_edit(st.store, pid)
    before = _conflicts(plan)
    with offering(plan):
        row = svc.edit_task(st.store, pid, ref, predecessors=preds, require_change=True, said=said, **fields)
    # "Updated 2 'B'." left a script's log, and a typo in a date, to `pmtui history` to find
    changed = "; ".join(line.removeprefix(f"{row.wbs} ") for line in said)
    plan = svc.plan_after_edit(st.store, pid)
    done(f"Updated {row.wbs} {row.name!r}: {changed}. Finish {plan.schedule.finish}.")
    _say_new_conflicts(plan, before)


@cmd.command("rm", epilog="Example: pmtui task rm 2.3 --recursive")
def rm(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="WBS code or #id."),
    recursive: bool = typer.Option(False, "--recursive", "-r", help="Also delete every task under a summary."),
) -> None:
    """Delete a task with its links and assignments (a summary only with --recursive)."""
    st = state(ctx)
    said: list[str] = []
    labels = svc.delete_task(st.store, st.project().id, ref, recursive=recursive, said=said)
    extra = f" and {counted(len(labels) - 1, 'task')} under it" if len(labels) > 1 else ""
    if said:
        done(f"Deleted {labels[0]}{extra}.")
        _say_outline(said, "delete")
    else:
        done(f"Deleted {labels[0]}{extra}. `pmtui undo` brings it back.")


@cmd.command("move", epilog="Example: pmtui task move 1.3 up")
def move(ctx: typer.Context, ref: str = typer.Argument(..., help="WBS code or #id."),
         direction: str = typer.Argument(..., help="up or down.")) -> None:
    """Move a task (with its subtasks) up or down among its siblings; from the edge of its phase,
    into the phase above or below."""
    st = state(ctx)
    direction = direction.strip().lower()
    if direction not in ("up", "down"):
        raise BadValue(f"direction {brief(direction)} must be up or down")
    row = svc.move_task(st.store, st.project().id, ref, direction)
    done(f"Moved {row.name!r} to {row.wbs}.")


@cmd.command("indent", epilog="Example: pmtui task indent 1.3")
def indent(ctx: typer.Context, ref: str = typer.Argument(..., help="WBS code or #id.")) -> None:
    """Put a task under the task above it, which becomes a summary."""
    st = state(ctx)
    said: list[str] = []
    row = svc.indent_task(st.store, st.project().id, ref, said=said)
    done(f"Indented {row.name!r}: now {row.wbs}.")
    _say_outline(said, "indent")


@cmd.command("outdent", epilog="Example: pmtui task outdent 1.2.1")
def outdent(ctx: typer.Context, ref: str = typer.Argument(..., help="WBS code or #id.")) -> None:
    """Move a task up one level."""
    st = state(ctx)
    said: list[str] = []
    row = svc.outdent_task(st.store, st.project().id, ref, said=said)
    done(f"Outdented {row.name!r}: now {row.wbs}.")
    _say_outline(said, "outdent")


def task_json(plan: Plan, with_schedule: bool = True) -> list[dict]:
    sched = plan.schedule if (with_schedule and plan.tasks) else None
    return [_task_row(plan, t, sched) for t in plan.tasks]


def _task_row(plan: Plan, t, sched) -> dict:
    """One task as `task list --json` prints it; with ``sched``, its scheduled dates too."""
    row = {
        "id": t.id, "wbs": t.wbs, "name": t.name, "level": t.level,
        "parent": plan.by_id[t.parent_id].wbs if t.parent_id else None,
        "duration": t.duration, "summary": t.summary, "milestone": t.milestone,
        # duration is the stored, planned one; MS Project's Duration (done + left) is duration_now
        "duration_now": plan.duration_now(t) if sched or not t.summary else t.duration,
        "predecessors": plan.predecessors_text(t.id), "resources": plan.resources_text(t.id),
        "constraint": t.constraint_type,
        "constraint_date": t.constraint_date.isoformat() if t.constraint_date else None,
        "deadline": t.deadline.isoformat() if t.deadline else None,
        "percent_complete": round(plan.percent[t.id], 1) if t.summary else t.percent_complete,
        "actual_start": t.actual_start.isoformat() if t.actual_start else None,
        "actual_finish": t.actual_finish.isoformat() if t.actual_finish else None,
        "remaining": t.remaining, "fixed_cost": t.fixed_cost, "notes": t.notes,
    }
    if t.optimistic is not None:
        row["estimate"] = [t.optimistic, t.most_likely, t.pessimistic]
    if sched:
        s = sched.tasks[t.id]
        row.update(start=s.start.isoformat(), finish=s.finish.isoformat(),
                   total_float=s.total_float, critical=s.critical)
    return row


@cmd.command("list", epilog="Example: pmtui task list --json")
def list_(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the tasks as a tree with their scheduled dates."""
    plan = state(ctx).plan()
    if as_json:
        print_json(task_json(plan))
        return
    print_wbs(plan)


def print_wbs(plan: Plan) -> None:
    out.print(Text.assemble((plan.project.name, "bold"), f"  start {plan.project.start}"
                            + (f"  status {plan.project.status_date}" if plan.project.status_date else "")))
    if not plan.tasks:
        out.print("No tasks yet: add one with `pmtui task add NAME --duration 5d`.")
        return
    sched = plan.schedule
    table = Table("WBS", Col("Name", share=3, least=20), "Dur", "Start", "Finish", "Float", "%",
                  Col("Predecessors", share=1, least=8, drop=1), Col("Resources", share=2, least=10, drop=2),
                  box=None, pad_edge=False, show_edge=False)
    marked = False
    for t in plan.tasks:
        s = sched.tasks[t.id]
        dur = "" if t.summary else plan.duration_text(t)
        marked = marked or dur.endswith(NOT_PLANNED)
        name = "  " * (t.level - 1) + t.name
        if t.summary:
            name = Text(name, "bold")
        elif t.milestone:
            name = f"{name} ◆"
        crit = Text.assemble(("!", "red") if s.critical and not t.summary else "", str(s.total_float))
        table.add_row(t.wbs, name, dur, str(s.start), str(s.finish),
                      crit, f"{plan.percent[t.id]:.0f}" if plan.percent[t.id] else "",
                      plan.predecessors_text(t.id), plan.resources_text(t.id))
    out.print(table)
    out.print(f"Finish {sched.finish}   ({counted(len(plan.tasks), 'task')}; ! = critical"
              + (f"; {NOT_PLANNED_NOTE})" if marked else ")"))


@cmd.command("show", epilog="Example: pmtui task show 2.3")
def show(ctx: typer.Context, ref: str = typer.Argument(..., help="WBS code or #id."),
         as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show everything about one task, and why it starts when it does."""
    from pmtui.services.why_span import float_steps, why_steps

    plan = state(ctx).plan()
    t = plan.resolve(ref)
    s = plan.schedule.tasks[t.id]
    if as_json:
        row = _task_row(plan, t, plan.schedule)
        row.update(early_start=s.early_start.isoformat(), early_finish=s.early_finish.isoformat(),
                   late_start=s.late_start.isoformat(), late_finish=s.late_finish.isoformat(),
                   free_float=s.free_float, late=s.late, conflicts=list(s.violations),
                   why=why_steps(plan, t.id), why_float=float_steps(plan, t.id))
        print_json(row)
        return
    out.print(Text.assemble((f"{t.wbs} {t.name}", "bold"),
                            f"  (id #{t.id}{', summary' if t.summary else ''}{', milestone' if t.milestone else ''})"))
    now = plan.duration_now(t)
    if t.summary:
        duration = f"{now}d (from its tasks)"
    elif now != t.duration:
        duration = f"{now}d (planned {t.duration}d)"
    else:
        duration = f"{now}d"
    out.print(f"duration     {duration}   complete {plan.percent[t.id]:.0f}%")
    out.print(f"start        {s.start}   finish {s.finish}")
    out.print(f"early        {s.early_start} → {s.early_finish}   late {s.late_start} → {s.late_finish}")
    out.print(f"float        total {s.total_float}d, free {s.free_float}d{'  CRITICAL' if s.critical else ''}")
    if t.constraint_type != "ASAP":
        out.print(f"constraint   {t.constraint_type} {t.constraint_date or ''}")
    if t.deadline:
        out.print(f"deadline     {t.deadline}{'  LATE' if s.late else ''}")
    out.print(f"predecessors {plan.predecessors_text(t.id) or 'none'}")
    out.print(f"resources    {plan.resources_text(t.id) or 'none'}")
    if t.notes:
        out.print(f"notes        {t.notes}")
    for line in s.violations:
        out.print(Text.assemble(("conflict", "red"), f"     {line}"))
    out.print("why:")
    out.steps(why_steps(plan, t.id), indent="  ")
    # its start has a reason above; its float, how late it may run, had none
    out.steps(float_steps(plan, t.id), indent="  ")


def link(
    ctx: typer.Context,
    pred: str = typer.Argument(..., help="Predecessor: WBS code or #id."),
    succ: str = typer.Argument(..., help="Successor: WBS code or #id."),
    type: str = typer.Option("FS", "--type", "-t", help="FS, SS, FF or SF."),
    lag: str = typer.Option("0", "--lag", "-l", help="Lag in working days; negative is a lead (e.g. -2d)."),
) -> None:
    """Link two tasks (or change the type and lag of their link)."""
    st = state(ctx)
    pid = st.project().id
    plan = svc.plan_to_edit(st.store, pid)
    before = _conflicts(plan)
    with offering(plan):
        text = svc.link_tasks(st.store, pid, pred, succ, type=parse_link_type(type), lag=parse_lag(lag))
    done(f"Linked: {succ} now follows {text}.")
    after = svc.plan_after_edit(st.store, pid)
    _say_progress_keeps(after, succ)
    _say_new_conflicts(after, before)


def _say_progress_keeps(plan: Plan, ref: str) -> None:
    """A link into a task under way or done moves nothing: said (Plan.progress_keeps)."""
    note = plan.progress_keeps(ref)
    if note:
        out.print(f"note: {note}")


def unlink(
    ctx: typer.Context,
    pred: str = typer.Argument(..., help="Predecessor: WBS code or #id."),
    succ: str = typer.Argument(..., help="Successor: WBS code or #id."),
) -> None:
    """Remove the link between two tasks."""
    st = state(ctx)
    svc.unlink_tasks(st.store, st.project().id, pred, succ)
    done(f"Unlinked {pred} → {succ}.")


def register(app: typer.Typer) -> None:
    app.add_typer(cmd, name="task")
    app.command("link", epilog="Example: pmtui link 1.2 1.3 --type SS --lag 2d")(link)
    app.command("unlink", epilog="Example: pmtui unlink 1.2 1.3")(unlink)
