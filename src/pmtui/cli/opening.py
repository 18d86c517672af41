"""`pmtui` with no command: open the planner on the current project."""

from __future__ import annotations

import sys

from pmtui.cli.context import State
from pmtui.models.errors import PmtuiError


def needs_terminal() -> None:
    """The planner reads keys from a terminal. Started by a script, a cron job or `< /dev/null`
    it drew into the void and never ended (at 70 % CPU): refused in one line instead."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise PmtuiError("the planner needs a terminal and stdin is not one: "
                         "a script can use the commands instead (see `pmtui --help`, e.g. `pmtui task list`)")


def open_planner(st: State) -> None:
    try:
        from pmtui.app import run_app  # the TUI, imported only when it starts
    except ImportError:
        run_app = None
    if run_app is None:
        from pmtui.cli.tasks import print_wbs
        from pmtui.services.tasks import get_plan

        print_wbs(get_plan(st.store, st.project().id))
        return
    needs_terminal()
    run_app(st.store, st.project_name)
