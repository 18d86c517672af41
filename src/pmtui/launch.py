"""The ``pmtui`` command's entry point.

``pmtui`` alone (or with ``--db PATH``) opens the planner, and a PM does that every morning: it
goes straight to the app, reading the plan through sqlite3 while the CLI (Typer, and every
command module) and the database layer are not loaded yet. Everything else, and any start the
quick reader declines, is the Typer CLI of pmtui.cli.
"""

from __future__ import annotations

import gc
import sys

_NOT_PLANNER = object()


def planner_db(argv: list[str]) -> str | None | object:
    """The --db value when ``argv`` only opens the planner (None: the default database), else
    _NOT_PLANNER."""
    if not argv:
        return None
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return argv[0][5:]
    return _NOT_PLANNER


def main() -> None:
    db = planner_db(sys.argv[1:])
    # no terminal to read keys from: the CLI says so (pmtui.cli.opening.needs_terminal)
    if db is not _NOT_PLANNER and sys.stdin is not None and sys.stdin.isatty():
        # Importing Textual and starting the app made some 40 collections of objects that all
        # live on; the app turns the collector back on once the store is open (PmtuiApp.
        # _store_opened), run_quick when it ends.
        gc.disable()
        try:
            from pmtui.app import run_quick
            from pmtui.store.quick import quick_reader
        except ImportError:  # no Textual: the CLI prints the plan instead
            run_quick = None
        reader = quick_reader(db) if run_quick is not None else None
        if reader is not None:
            sys.exit(run_quick(reader, db))
    # A command is one short process, and nearly all it makes lives until it ends: the modules
    # it imports (SQLAlchemy, SQLModel, the table models) and the plan it reads. The collector
    # ran 205 times through that to free 576 objects (`pmtui task move` on 10,000 tasks: 6 % of
    # its instructions). Reference counting still frees what is dropped. The planner, opened
    # from a command, turns it back on (pmtui.app.run_app): its widgets are all cycles.
    gc.disable()
    from pmtui.cli import main as cli_main

    cli_main()
