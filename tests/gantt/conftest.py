"""The demo plan with a frozen "today" (built once, copied for each test), and the helpers of the
app's tests (async tests run through the same pytest_pyfunc_call hook)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# the hook runs async tests here too, and every notification raised is kept for notes()
from tests.tui.conftest import TODAY, _notes_kept, pytest_pyfunc_call  # noqa: F401


@pytest.fixture(scope="session")
def _demo_file(tmp_path_factory) -> Path:
    from pmtui.services.demo import create_demo
    from pmtui.store import open_store

    path = tmp_path_factory.mktemp("gantt-demo") / "demo.db"
    store = open_store(str(path))
    create_demo(store, today=TODAY)
    store.close()
    return path


@pytest.fixture
def db_path(tmp_path, _demo_file) -> Path:
    path = tmp_path / "plan.db"
    for suffix in ("", "-wal"):
        src = Path(str(_demo_file) + suffix)
        if src.exists():
            shutil.copyfile(src, str(path) + suffix)
    return path


@pytest.fixture
def make_app(store):
    from pmtui.app import PmtuiApp

    def make(**kw):
        return PmtuiApp(store, None, today=TODAY, screen="gantt", **kw)

    return make
