"""Shared fixtures. Every test runs with its own data and config folders, so no test can touch
the developer's real plans (PMTUI_DATA_DIR, PMTUI_CONFIG_DIR and PMTUI_DB are redirected)."""

from __future__ import annotations

import gc
import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

MONDAY = date(2027, 1, 4)
DEMO_DAY = date(2026, 11, 23)  # the "today" the demo plan of most tests is made for


def pytest_collection_finish(session):
    """Freeze what the test modules imported, so that Python's full collections stop walking it.

    The modules, classes and caches of Textual, SQLAlchemy, pydantic and hypothesis are over
    100,000 objects that live as long as the session, and every full collection (one every few
    tests, set off by the objects the tests make) walked them all: on 14 tests of the WBS screen,
    20 full collections took 2.1 s of 13.9 s of CPU, 1.2 s with these frozen. Objects made later
    are collected as before, and nothing frozen here is garbage (collected just before)."""
    gc.collect()
    gc.freeze()


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


def copy_db(src: Path, dst: Path) -> Path:
    """Make ``dst`` a copy of the closed database ``src``.

    A new file is a copy of the file (its mode too: pmtui makes databases private); a database
    already there, which a test's store may hold open, is overwritten through SQLite's backup
    API, so the open store reads the copy with its next query."""
    dst = Path(dst)
    if not dst.exists():
        for suffix in ("", "-wal"):
            part = Path(str(src) + suffix)
            if part.exists():
                shutil.copy(part, str(dst) + suffix)
        return dst
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return dst


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Callable[[str, Callable[[Path], object], Path], Path]:
    """``built_db(key, make, dst)``: the database ``make(path)`` builds, built once per session and
    copied to ``dst`` for each test (a pytest-xdist worker is a session of its own, so each
    worker builds its own). Building the same plan for every test was most of the suite's set-up:
    migrating a new file costs 0.07 s of CPU, the demo plan 0.2 s, a plan made through the CLI
    0.05 s a command. ``make`` must give the same plan whichever test calls it first."""
    made: dict[str, Path] = {}

    def build(key: str, make: Callable[[Path], object], dst: Path) -> Path:
        if key not in made:
            path = tmp_path_factory.mktemp("built") / "plan.db"
            make(path)
            made[key] = path
        return copy_db(made[key], dst)

    return build


def build_demo(path: Path, today: date = DEMO_DAY) -> None:
    """The demo plan, as create_demo(store, today=today) makes it in a new database at ``path``."""
    from pmtui.services.demo import create_demo
    from pmtui.store import open_store

    store = open_store(str(path))
    try:
        create_demo(store, today=today)
    finally:
        store.close()


def copy_demo_file(built_db, path: Path, today: date = DEMO_DAY) -> Path:
    """``path`` made a database holding the demo plan only, as create_demo(store, today=today)
    makes it in a new one; built once per session and copied."""
    return built_db(f"demo {today}", lambda new: build_demo(new, today), path)


def copy_demo(built_db, store, today: date = DEMO_DAY):
    """The demo project in ``store`` (a test's new store), as create_demo(store, today=today) makes
    it; built once per session and copied."""
    from pmtui.services.projects import current_project

    copy_demo_file(built_db, store.path, today)
    return current_project(store)


def _new_store(path: Path) -> None:
    from pmtui.store import open_store

    open_store(str(path)).close()


@pytest.fixture
def store(db_path, built_db):
    from pmtui.store import open_store

    if not Path(db_path).exists() and Path(db_path).parent.is_dir():
        built_db("new", _new_store, Path(db_path))  # what open_store makes of a new file: the schema at HEAD
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
