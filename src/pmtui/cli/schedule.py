"""pmtui schedule | why"""

from __future__ import annotations

import typer
from rich.text import Text
from rich.table import Table

from pmtui.cli.context import Col, out, print_json, state
from pmtui.models.wording import days
from pmtui.services.plan import NOT_PLANNED, NOT_PLANNED_NOTE, wbs_key
from pmtui.services.tasks import get_plan


def schedule(
    ctx: typer.Context,
    critical: bool = typer.Option(False, "--critical", help="Only the critical path(s) and the other critical tasks (float 0 or less)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Schedule the project and print every task's dates, float and driving predecessor."""
    st = state(ctx)
    plan = get_plan(st.store, st.project().id)
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


def why(ctx: typer.Context, ref: str = typer.Argument(..., help="WBS code or #id.")) -> None:
    """Explain a task's dates: walk its driving path back to the project start or a constraint."""
    st = state(ctx)
    plan = get_plan(st.store, st.project().id)
    t = plan.resolve(ref)
    # what is wrong with its dates (a missed deadline, a constraint the logic breaks) comes first:
    # it is usually why the question is asked
    out.steps([*plan.schedule.tasks[t.id].violations, *plan.schedule.explain(t.id)])


def register(app: typer.Typer) -> None:
    app.command("schedule", epilog="Example: pmtui schedule --critical")(schedule)
    app.command("why", epilog="Example: pmtui why 3.2")(why)
