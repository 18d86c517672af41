"""Shared fixtures. Every test runs with its own data and config folders, so no test can touch
the developer's real plans (PMTUI_DATA_DIR, PMTUI_CONFIG_DIR and PMTUI_DB are redirected)."""

from __future__ import annotations

import gc
import hashlib
from datetime import date
from pathlib import Path

import pytest

MONDAY = date(2027, 1, 4)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    """Collect the session's garbage now, and freeze what is left.

    After this hook a pytest-xdist worker reports itself finished, and the controller then shuts
    its gateway down; execnet sends a worker whose run has not ended 5 s later a SIGINT. What is
    left of the run is pytest's own cleanup, which calls gc.collect() five times to surface
    unraisable exceptions (_pytest/unraisableexception.py). A worker's heap holds some 600,000
    objects by then (modules, SQLAlchemy's and Textual's caches), and under load each of those
    full collections took 1.3 s: 6.3 s measured, the SIGINT landed in Hypothesis's GC callback
    and the run ended with a PytestUnraisableExceptionWarning about a KeyboardInterrupt.
    Collected here, before the worker reports, the garbage is gone (its unraisable exceptions
    still reach pytest's hook, which reports them at cleanup), and frozen, the survivors are not
    walked again by those five collections nor by the one at exit."""
    for _ in range(5):  # as pytest's cleanup does: finalizers may leave more garbage
        if not gc.collect():
            break
    gc.freeze()


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PMTUI_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PMTUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.delenv("PMTUI_DB", raising=False)
    yield


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "plan.db"


@pytest.fixture
def store(db_path):
    from pmtui.store import open_store

    s = open_store(str(db_path))
    yield s
    s.close()


@pytest.fixture
def project(store):
    from pmtui.services.projects import create_project

    return create_project(store, "Test project", MONDAY)


def file_digest(path: Path) -> str:
    """The database's bytes, with any WAL content included (SQLite checkpoints on last close)."""
    h = hashlib.sha256(path.read_bytes())
    wal = Path(str(path) + "-wal")
    if wal.exists():
        h.update(wal.read_bytes())
    return h.hexdigest()
