"""pmtui demo"""

from __future__ import annotations

import typer

from pmtui.cli.context import done, state


def demo(
    ctx: typer.Context,
    open_: bool = typer.Option(False, "--open", help="Open it in the planner afterwards."),
    if_missing: bool = typer.Option(False, "--if-missing", help="Only create it if there is no demo project yet."),
) -> None:
    """Create a realistic demo project (a CRM migration, about 60 tasks) and make it current."""
    from pmtui.services.demo import create_demo, demo_exists
    from pmtui.services.projects import use_project
    from pmtui.services.tasks import get_plan

    st = state(ctx)
    if open_:
        from pmtui.cli.opening import needs_terminal

        needs_terminal()  # before the demo is made: a refusal leaves the database as it was
    project = demo_exists(st.store) if if_missing else None
    if project is None:
        project = create_demo(st.store)
        verb = "Created"
    else:
        use_project(st.store, str(project.id))
        verb = "Using"
    plan = get_plan(st.store, project.id)
    sched = plan.schedule
    milestones = sum(1 for t in plan.tasks if t.milestone)
    done(f"{verb} demo project {project.name!r}: {len(plan.tasks)} tasks, {len(plan.links)} links, "
         f"{milestones} milestones, {len(plan.resources)} resources; {project.start} → {sched.finish}, "
         f"status date {plan.project.status_date}.")
    if open_:
        from pmtui.cli.opening import open_planner

        st.project_name = project.name
        open_planner(st)


def register(app: typer.Typer) -> None:
    app.command("demo", epilog="Example: pmtui demo --open")(demo)
