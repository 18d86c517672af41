"""A bare app that shows only the risk screen, for Pilot tests and snapshots (the real shell
registers the same screen as screen 3)."""

from __future__ import annotations

from datetime import date

from textual.app import App

from pmtui.screens.risks import RiskScreen

TODAY = date(2026, 11, 23)


class RiskApp(App):
    def __init__(self, store, project_id: int) -> None:
        super().__init__()
        self.store_, self.project_id_ = store, project_id

    def on_mount(self) -> None:
        self.push_screen(RiskScreen(self.store_, self.project_id_, today=TODAY))


def demo_app(db_path: str) -> RiskApp:
    from pmtui.services.demo import create_demo
    from pmtui.store import open_store

    store = open_store(db_path)
    project = create_demo(store, today=TODAY)
    return RiskApp(store, project.id)
