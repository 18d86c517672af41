"""pmtui undo | redo | history"""

from __future__ import annotations

from datetime import date, timezone

import typer
from rich.text import Text
from rich.table import Table

from pmtui.cli.context import Col, State, done, out, print_json, state
from pmtui.cli.context import can_ask as _can_ask
from pmtui.models.errors import Conflict, NotFound
from pmtui.models.wording import brief
from pmtui.services import finish_effect as fx
from pmtui.lazy import LazyModule

# The services (and SQLAlchemy, SQLModel, pydantic with them) are loaded by the command that runs:
# `pmtui --help` and `pmtui COMMAND --help` load this module without them
svc = LazyModule("pmtui.services.history")
_quick_reads = LazyModule("pmtui.services.quick_reads")  # the same reads through sqlite3 (State.quick)


def _local(at) -> str:
    return at.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _meant(st: State) -> tuple[int, svc.UndoneProject | None]:
    """The project these commands act on: the one named; else, right after undoing a project's
    creation, that project (so that redo brings it back, and never silently redoes in whichever
    project the current one falls back to); else the current project."""
    if not st.project_name:
        gone = svc.undone_project(st.store)
        if gone is not None:
            return gone.id, gone
    return st.project().id, None


def _nothing(what: str, st: State) -> NotFound:
    """Undo and redo work per project: an edit undone in the planner open on another project
    is not the CLI's to redo, so say which project was meant."""
    project = st.project()
    how = f"`pmtui -p NAME {what}`"
    mine = "the one named" if st.project_name else "the current one"
    if not svc.elsewhere(st.store, project.id, what):
        # the hint sent the user looking in other projects for a redo that a change made after
        # the undo had dropped
        why = ("nothing was undone since its last change (a change made after an undo drops the redo)"
               if what == "redo" else "every change made to it is undone, or none was made (see `pmtui history`)")
        return NotFound(f"nothing to {what} in project {brief(project.name)} ({mine}): {why}")
    return NotFound(f"nothing to {what} in project {brief(project.name)} ({mine}); to {what} in another project, "
                    f"name it: {how}")


def _undo_asking(st: State, project_id: int, yes: bool):
    """As the planner's u does: an undo that takes away a whole project (right after an import,
    `pmtui demo` or `project new`) is asked first. A script cannot answer, so it must say --yes."""
    if yes:
        return svc.undo(st.store, project_id)
    try:
        return svc.undo(st.store, project_id, keep_project=True)
    except svc.RemovesProject as exc:
        if not _can_ask():
            raise Conflict(f"{exc}: nothing was changed; `pmtui undo --yes` undoes it without asking") from None
        if not typer.confirm(exc.asking("`pmtui redo`"), default=False):
            done("Nothing undone.")
            return None
        return svc.undo(st.store, project_id, only=exc.entry_id)


def undo(
    ctx: typer.Context,
    yes: bool = typer.Option(False, "--yes", "-y",
                             help="Do not ask when the undo removes a whole project (needed in a script)."),
) -> None:
    """Undo the last change to the current project (also after a restart).

    An undo that would remove a whole project (right after an import, `pmtui demo` or
    `project new`) asks first; without a terminal to ask on, it needs --yes."""
    st = state(ctx)
    deleted = None if st.project_name else svc.deleted_project(st.store)
    if deleted is not None:
        # right after `project delete` there is no current project to name it by: that is the undo meant
        entry = svc.undo(st.store, deleted.id)
        done(f"Undone: {entry.action} — {entry.summary}")
        try:
            current = st.project().id
        except NotFound:  # none chosen, and more than one project
            current = None
        done(f"{deleted.name!r} is the current project again." if current == deleted.id
             else f"Work on it with `pmtui project use {deleted.name!r}`; `pmtui redo` deletes it again.")
        return
    project_id, gone = _meant(st)
    try:
        entry = _undo_asking(st, project_id, yes)
        if entry is None:
            return
    except NotFound:
        if gone is None:
            raise _nothing("undo", st) from None
        raise NotFound(f"nothing to undo: the last undo took back the creation of project {brief(gone.name)} "
                       "(`pmtui redo` brings it back); to undo in another project, name it: "
                       "`pmtui -p NAME undo`") from None
    done(f"Undone: {entry.action} — {entry.summary}")


def redo(ctx: typer.Context) -> None:
    """Redo the change undone last."""
    st = state(ctx)
    restored = None if st.project_name else svc.restored_project(st.store)
    if restored is not None:
        # right after undoing a deletion: redoing it is meant, even when that project is not the
        # current one (the current one's own redo, if any, waits for `pmtui redo` after this)
        entry = svc.redo(st.store, restored.id)
        done(f"Redone: {entry.action} — {entry.summary}")
        return
    project_id, gone = _meant(st)
    try:
        entry = svc.redo(st.store, project_id)
    except NotFound:
        if gone is not None:
            raise
        raise _nothing("redo", st) from None
    done(f"Redone: {entry.action} — {entry.summary}")
    if gone is not None and st.project().id == project_id:
        done(f"{gone.name!r} is the current project again.")


def history(
    ctx: typer.Context,
    limit: int = typer.Option(30, "--limit", "-n", min=1, help="How many entries, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show what was changed, when, newest first (undone entries are marked)."""
    st = state(ctx)
    read = st.quick(_quick_reads.history(limit))
    if read is not None:
        entries, plan, deleted, gone = read.entries, read.plan, read.deleted, read.gone
    else:
        deleted = None if st.project_name else svc.deleted_project(st.store)
        project_id, gone = (deleted.id, None) if deleted is not None else _meant(st)
        entries = svc.history(st.store, project_id, limit)
        plan = _plan(st, project_id) if entries else None
    if as_json:
        print_json([{"id": e.id, "at": e.at.isoformat(), "action": e.action, "summary": e.summary,
                     "undone": e.state == "undone", "finish": _finish_json(plan, fx.loads(e.effect))}
                    for e in entries])
        return
    if not entries:
        out.print("No changes yet.")
        return
    if gone is not None:
        out.print(f"Project {gone.name!r}: the last undo took back its creation (`pmtui redo` brings it back).")
    if deleted is not None:
        out.print(f"Project {deleted.name!r}: deleted by the last change (`pmtui undo` brings it back).")
    ref = (plan.project.status_date if plan is not None else None) or date.today()
    # what changed is read as a sentence: wrapped, not cut
    # the id first: `pmtui why finish --entry ID` takes it, and only --json gave it
    table = Table(Col("Id", justify="right"), "When", "Action", Col("What changed", share=3, least=20, wrap=True),
                  box=None, pad_edge=False)
    for e in entries:
        action = Text(e.action)
        if e.state == "undone":
            action.append(" (undone)", "dim")
        effect = fx.effect_text(plan, fx.loads(e.effect), ref)
        what = Text(e.summary)
        if effect:
            what.append("\n" + effect, "bold")
        table.add_row(str(e.id), _local(e.at), action, what)
    out.print(table)


def _plan(st: State, project_id: int):
    """The project's plan, for its calendar (effects are said in working days); None when the
    project is gone (its creation undone, or deleted)."""
    from pmtui.services.tasks import get_plan

    try:
        return get_plan(st.store, project_id)
    except NotFound:
        return None


def _finish_json(plan, effect: dict | None) -> dict | None:
    """What the change did to the finish; None for a change made before pmtui recorded it."""
    if effect is None:
        return None
    before, after = effect["before"] or {}, effect["after"] or {}
    return {"before": before.get("finish"), "after": after.get("finish"), "moved": fx.moved(effect),
            "days": fx.effect_days(plan, effect) if fx.moved(effect) else 0 if effect["before"] is not None else None,
            "end_before": before.get("label"), "end_after": after.get("label"),
            "known": effect["before"] is not None and effect["after"] is not None}


def register(app: typer.Typer) -> None:
    app.command("undo", epilog="Example: pmtui undo")(undo)
    app.command("redo", epilog="Example: pmtui redo")(redo)
    app.command("history", epilog="Example: pmtui history -n 10")(history)
