"""A bare host for the status screen, for Pilot tests and snapshots (the real shell registers the
same screen as screen 5)."""

from __future__ import annotations

from datetime import date

from textual.app import App

from pmtui.screens.status import StatusScreen

TODAY = date(2026, 11, 23)


class StatusApp(App):
    def __init__(self, store, project_id: int) -> None:
        super().__init__()
        self.store, self.project_id, self.plan_screens = store, project_id, []
        self.animation_level = "none"

    def on_mount(self) -> None:
        self.push_screen(StatusScreen())


def demo_app(db_path: str, *, history: bool = True) -> StatusApp:
    """The demo plan (its baseline is saved at kick-off) and three snapshots, as of 19, 20 and 23
    November (three stand-ups), in which the finish slips by 0, 3 and 7 days; without history, no
    baseline and no snapshots."""
    from pmtui.services import baselines, snapshots
    from pmtui.services.demo import create_demo
    from pmtui.services.tasks import edit_task
    from pmtui.store import open_store

    store = open_store(db_path)
    pid = create_demo(store, today=TODAY).id
    if not history:
        baselines.remove_baseline(store, pid, "Approved plan")
    else:
        from pmtui.services.projects import set_status_date

        # a trend draws the last snapshot of each day: taken the same day, these were one point
        for day, hypercare in ((date(2026, 11, 19), None), (date(2026, 11, 20), 23), (TODAY, 27)):
            set_status_date(store, pid, day)
            if hypercare:
                edit_task(store, pid, "5.6", duration=hypercare)
            snapshots.take_snapshot(store, pid, "standup")
    return StatusApp(store, pid)
