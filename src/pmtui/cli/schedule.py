"""pmtui schedule | why"""

from __future__ import annotations

import typer
from rich.text import Text
from rich.table import Table

from datetime import date, timezone

from pmtui.cli.context import Col, out, print_json, state
from pmtui.models.errors import BadValue
from pmtui.models.parsing import parse_date
from pmtui.models.wording import counted, days, signed_days
from pmtui.services.as_of import day_text
from pmtui.services.why_span import float_steps, why_steps
from pmtui.services.plan import NOT_PLANNED, NOT_PLANNED_NOTE, wbs_key


def schedule(
    ctx: typer.Context,
    critical: bool = typer.Option(False, "--critical", help="Only the critical path(s) and the other critical tasks (float 0 or less)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Schedule the project and print every task's dates, float and driving predecessor."""
    plan = state(ctx).plan()
    result = plan.schedule if plan.tasks else None
    tasks = plan.tasks
    if critical and result:
        # the paths to the finish, and the tasks behind an unmet constraint or a deadline (negative
        # float, but driving no finish), as `gantt --critical` and MS Project's Critical filter show
        on_path = {tid for path in result.critical_paths() for tid in path}
        tasks = [t for t in tasks if t.id in on_path or (not t.summary and result.tasks[t.id].critical)]
    if as_json:
        rows = []
        for t in tasks:
            s = result.tasks[t.id]
            late_driving, late_driven_by = result.late_driving(t.id)
            rows.append({
                # a summary's duration is its span (its own stored one is ignored), as the WBS shows
                "id": t.id, "wbs": t.wbs, "name": t.name, "duration": s.ef - s.es + 1 if t.summary else t.duration,
                # the stored (planned) duration above; what it is now, once work is done, here
                "duration_now": plan.duration_now(t),
                "summary": t.summary, "milestone": t.milestone,
                "start": s.start.isoformat(), "finish": s.finish.isoformat(),
                "early_start": s.early_start.isoformat(), "early_finish": s.early_finish.isoformat(),
                "late_start": s.late_start.isoformat(), "late_finish": s.late_finish.isoformat(),
                "total_float": s.total_float, "free_float": s.free_float, "critical": s.critical,
                "driving": list(s.driving), "late": s.late, "percent_complete": round(plan.percent[t.id], 1) if t.summary else t.percent_complete,
                "violations": list(s.violations),
                # what sets its late dates, so its float (`pmtui why` says it in words)
                # in WBS order, as critical_paths: the same plan gives the same list whatever its ids
                "late_driving": sorted(late_driving, key=lambda i: wbs_key(plan.by_id[i].wbs)),
                "late_driven_by": late_driven_by,
            })
        print_json({
            "project": plan.project.name, "start": plan.project.start.isoformat(),
            "finish": (result.finish if result else plan.project.start).isoformat(),
            "status_date": plan.project.status_date.isoformat() if plan.project.status_date else None,
            # in WBS order, so that the same plan gives the same list whatever its task ids
            "critical_paths": sorted(([plan.by_id[i].wbs for i in p] for p in result.critical_paths()),
                                     key=lambda path: [wbs_key(w) for w in path]) if result else [],
            "tasks": rows,
        })
        return
    if not result:
        out.print(f"{plan.project.name}: no tasks yet.")
        return
    table = Table("WBS", Col("Name", share=3, least=20), "Dur", "Start", "Finish", "Float", "Crit",
                  Col("Driving predecessor", share=1, least=10, drop=1), box=None, pad_edge=False)
    marked = False
    for t in tasks:
        s = result.tasks[t.id]
        dur = "" if t.summary else plan.duration_text(t)
        marked = marked or dur.endswith(NOT_PLANNED)
        driving = ", ".join(plan.by_id[d].wbs for d in s.driving) or ("" if t.summary else s.driven_by.replace("_", " "))
        name = "  " * (t.level - 1) + t.name + (" ◆" if t.milestone else "")
        table.add_row(t.wbs, Text(name, "bold") if t.summary else name, dur,
                      str(s.start), str(s.finish), days(s.total_float),
                      Text("*", "red") if s.critical and not t.summary else "",
                      Text.assemble(driving, (" LATE", "red") if s.late else ""))
    out.print(table)
    out.print(Text.assemble(f"Project {plan.project.name!r}: start {result.start}, finish ", (str(result.finish), "bold")))
    if marked:
        out.print(f"{NOT_PLANNED_NOTE}: pmtui task show WBS gives both")
    for v in result.violations:
        out.print(Text.assemble(("conflict:", "red"), f" {v.message}"))


def why(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="WBS code or #id, or 'finish' for why the project finish moved."),
    since: str = typer.Option(None, "--since", help="With 'finish': the changes since this day (e.g. 2026-11-30, 'last monday')."),
    baseline: str = typer.Option(None, "--baseline", help="With 'finish': since this baseline was saved, from its finish."),
    entry: int = typer.Option(None, "--entry", help="With 'finish': from this change on (its id in `pmtui history`)."),
    standup: str = typer.Option(None, "--standup", help="With 'finish': since the stand-up of this day ended (began, while it is open), as its summary says."),
    as_json: bool = typer.Option(False, "--json", help="With 'finish': print JSON."),
) -> None:
    """Explain a task's dates: walk its driving path back to the project start or a constraint.

    `pmtui why finish` says which changes moved the project finish, and by how much: since the last stand-up, or --since a day, --baseline NAME, --entry ID or --standup DAY."""
    st = state(ctx)
    if ref.strip().casefold() == "finish":
        _why_finish(st, since, baseline, entry, standup, as_json)
        return
    given = [name for name, v in (("--since", since), ("--baseline", baseline), ("--entry", entry),
                                  ("--standup", standup)) if v is not None]
    if given or as_json:
        raise BadValue(f"{(given or ['--json'])[0]} goes with `pmtui why finish`, not with a task: "
                       f"`pmtui why {ref}` explains the task's dates as they are")
    plan = st.plan()
    t = plan.resolve(ref)
    # what is wrong with its dates (a missed deadline, a constraint the logic breaks) comes first:
    # it is usually why the question is asked
    out.steps([*plan.schedule.tasks[t.id].violations, *why_steps(plan, t.id), *float_steps(plan, t.id)])


def _why_finish(st, since: str | None, baseline: str | None, entry: int | None, standup: str | None,
                as_json: bool) -> None:
    from pmtui.services.finish_story import PLAN, PROGRESS, finish_story, story_lines
    from pmtui.services.tasks import get_plan

    plan = get_plan(st.store, st.project().id)
    today = date.today()
    day = parse_date(since, what="--since date") if since is not None else None
    if day is not None and day > today:
        raise BadValue(f"--since {day} is after today: nothing has changed since then yet")
    meeting = parse_date(standup, what="--standup date") if standup is not None else None
    story = finish_story(st.store, plan, since=day, baseline=baseline, entry=entry, today=today, standup=meeting)
    ref = plan.project.status_date or today
    if as_json:
        print_json({
            "project": plan.project.name, "since": story.since,
            "finish_then": story.then.isoformat() if story.then else None,
            "finish_now": story.now.isoformat() if story.now else None,
            "change_days": story.total, "end_then": story.end_then, "end_now": story.end_now,
            "moves": [{"id": m.id, "at": m.at.isoformat(), "action": m.action, "summary": m.summary, "kind": m.kind,
                       "before": m.before.isoformat() if m.before else None,
                       "after": m.after.isoformat() if m.after else None, "days": m.days} for m in story.moves],
            "explained_days": {"plan": story.days_of(PLAN), "progress": story.days_of(PROGRESS)},
            "unexplained_days": story.unexplained, "changes": story.changes, "unknown": story.unknown,
            "still": story.still, "undone": story.undone, "notes": story_lines(story, ref),
        })
        return
    out.print(Text.assemble(f"Finish {story.since}: ", _finish_move(story, ref)))
    if story.moves:
        table = Table("When", "Change", Col("What changed", share=3, least=20, wrap=True), "Finish", "Effect",
                      box=None, pad_edge=False)
        for m in story.moves:
            kind = Text(m.action) + Text(" (progress)" if m.kind == PROGRESS else "", "dim")
            move = (f"{day_text(m.before, ref)} → {day_text(m.after, ref)}" if m.before and m.after
                    else f"→ {day_text(m.after, ref)}" if m.after else f"{day_text(m.before, ref)} → none")
            table.add_row(_local(m.at), kind, m.summary, move, signed_days(m.days) if m.days is not None else "")
        out.print(table)
    elif story.changes:
        out.print(f"No change in this period moved the finish ({counted(story.changes, 'change')} made).")
    else:
        out.print("No changes in this period.")
    out.steps(story_lines(story, ref))


def _finish_move(story, ref) -> Text:
    if not story.then_known:
        return Text(f"then not known (the changes before were made before pmtui recorded the finish), "
                    f"now {day_text(story.now, ref) if story.now else 'none (no tasks)'}")
    if story.then is None or story.now is None:
        then = day_text(story.then, ref) if story.then else "none (no tasks)"
        return Text(f"{then} → {day_text(story.now, ref) if story.now else 'none (no tasks)'}")
    if story.then == story.now:
        return Text(f"{day_text(story.now, ref)}, as it was (unchanged)")
    return Text.assemble(f"{day_text(story.then, ref)} → ", (day_text(story.now, ref), "bold"),
                         f" ({signed_days(story.total)}, working days)")


def _local(at) -> str:
    return at.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


def register(app: typer.Typer) -> None:
    app.command("schedule", epilog="Example: pmtui schedule --critical")(schedule)
    app.command("why", epilog="Example: pmtui why 3.2 · pmtui why finish --since 'last monday'")(why)
