"""Shared set-up for the stand-up tests: the demo plan as of Monday 2026-11-23."""

from __future__ import annotations

from datetime import date, datetime, timezone

TODAY = date(2026, 11, 23)
# The stand-up two working days later, so that moving the status date matters.
DAY = date(2026, 11, 25)
NINE = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


def demo(store):
    from pmtui.services.demo import create_demo

    return create_demo(store, today=TODAY).id


def write_config(text: str) -> None:
    import os
    from pathlib import Path

    from pmtui.store import settings

    folder = Path(os.environ["PMTUI_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text)
    settings.reload()


def demo_id(store) -> int:
    """The demo project in the copied file (conftest.db_path)."""
    from pmtui.services.projects import current_project

    return current_project(store).id
