"""`pmtui` with no command: open the planner on the current project."""

from __future__ import annotations

from pmtui.cli.context import State


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
    run_app(st.store, st.project_name)
