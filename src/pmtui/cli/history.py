"""pmtui undo | redo | history"""

from __future__ import annotations

from datetime import timezone

import typer
from rich.table import Table

from pmtui.cli.context import done, out, print_json, state
from pmtui.services import history as svc


def _local(at) -> str:
    return at.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def undo(ctx: typer.Context) -> None:
    """Undo the last change to the current project (also after a restart)."""
    st = state(ctx)
    entry = svc.undo(st.store, st.project().id)
    done(f"Undone: {entry.action} — {entry.summary}")


def redo(ctx: typer.Context) -> None:
    """Redo the change undone last."""
    st = state(ctx)
    entry = svc.redo(st.store, st.project().id)
    done(f"Redone: {entry.action} — {entry.summary}")


def history(
    ctx: typer.Context,
    limit: int = typer.Option(30, "--limit", "-n", min=1, help="How many entries, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show what was changed, when, newest first (undone entries are marked)."""
    st = state(ctx)
    entries = svc.history(st.store, st.project().id, limit)
    if as_json:
        print_json([{"id": e.id, "at": e.at.isoformat(), "action": e.action, "summary": e.summary,
                     "undone": e.state == "undone"} for e in entries])
        return
    if not entries:
        out.print("No changes yet.")
        return
    table = Table("When", "Action", "What changed", box=None, pad_edge=False)
    for e in entries:
        mark = " [dim](undone)[/]" if e.state == "undone" else ""
        table.add_row(_local(e.at), e.action + mark, e.summary)
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("undo", epilog="Example: pmtui undo")(undo)
    app.command("redo", epilog="Example: pmtui redo")(redo)
    app.command("history", epilog="Example: pmtui history -n 10")(history)
