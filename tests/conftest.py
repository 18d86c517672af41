"""Shared fixtures. Every test runs with its own data and config folders, so no test can touch
the developer's real plans (PMTUI_DATA_DIR, PMTUI_CONFIG_DIR and PMTUI_DB are redirected)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

MONDAY = date(2027, 1, 4)


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
