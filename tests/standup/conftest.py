import shutil
from pathlib import Path

import pytest

from tests.tui.conftest import _notes_kept  # noqa: F401 - every notification kept for notes()


@pytest.fixture(autouse=True)
def _fresh_config():
    """Each test reads its own (isolated) config file, not the one cached by an earlier test."""
    from pmtui.store import settings

    settings.reload()
    yield
    settings.reload()


@pytest.fixture(scope="session")
def _demo_file(tmp_path_factory) -> Path:
    """The demo plan (as of 2026-11-23) built once; each test gets its own copy of the file."""
    from pmtui.store import open_store
    from tests.standup.helpers import demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(str(path))
    demo(store)
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
