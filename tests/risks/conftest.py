"""A small plan with a critical chain and a task with float, and two people to own risks."""

from __future__ import annotations

from datetime import date

import pytest

from tests.tui.conftest import _notes_kept  # noqa: F401 - every notification kept for notes()

from pmtui.services import resources, tasks
from pmtui.services.projects import set_status_date

DAY = date(2027, 1, 11)


@pytest.fixture
def plan(store, project):
    """1 Design 5d → 2 Build 10d → 3 Launch (critical); 4 Docs 3d after 1 (float 7d)."""
    pid = project.id
    tasks.add_task(store, pid, "Design", duration=5)
    tasks.add_task(store, pid, "Build", duration=10, after="1")
    tasks.add_task(store, pid, "Launch", duration=0, after="2")
    tasks.add_task(store, pid, "Docs", duration=3, after="1")
    resources.add_resource(store, pid, "Alice Chen")
    resources.add_resource(store, pid, "Bob Li")
    set_status_date(store, pid, DAY)
    return project


def write_config(text: str) -> None:
    import os
    from pathlib import Path

    from pmtui.store import settings

    folder = Path(os.environ["PMTUI_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text)
    settings.reload()


@pytest.fixture(autouse=True)
def _fresh_config():
    from pmtui.store import settings

    settings.reload()
    yield
    settings.reload()
