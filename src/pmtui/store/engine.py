"""Opening a database: checks that give a clear message, SQLite pragmas, write locking.

Writers take SQLite's write lock when their transaction begins (BEGIN IMMEDIATE), so two
processes editing one plan queue behind each other for up to the busy timeout instead of failing
half-way through, and WAL lets readers carry on while a writer works.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from pmtui.models.errors import BadValue, StoreError
from pmtui.models.wording import brief, cut_path
from pmtui.store.files import create_private_file, looks_like_sqlite
from pmtui.store.locations import DB_FILE as DEFAULT_NAME, make_private_dir, requested_db
from pmtui.store.sqlite_errors import translate_errors

BUSY_TIMEOUT_MS = 30_000


@dataclass
class Store:
    """An open, migrated database."""

    engine: Engine
    url: str
    path: Path | None  # the SQLite file, if it is one

    @property
    def writer(self) -> Engine:
        """The same pool, but transactions begin by taking the write lock."""
        return self.engine.execution_options(pmtui_write=True)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.url


def open_store(db: str | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the database named by ``db``, ``PMTUI_DB`` or the default."""
    if db is not None and not db.strip():
        # `--db "$PLAN"` with PLAN unset wrote into the default plan, not the one the script meant
        raise BadValue("--db is empty: name a database file, or leave --db out for the default one")
    value, is_default = requested_db(db)
    if "://" in value:
        try:
            url = make_url(value)
        except (ArgumentError, ValueError):
            shown = re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", value)  # never echo a password
            raise StoreError(f"database URL {brief(shown)} is not understood") from None
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            path = _prepare_sqlite_file(Path(url.database), create_dir=False)
            return _open(f"sqlite:///{path}", path, migrate)
        return _open(value, None, migrate)
    if value.endswith(("/", os.sep)) and not _is_dir(Path(value).expanduser()):
        # Path() drops the slash: `--db ~/plans/` made a database file named "plans"
        raise StoreError(f"cannot create database {cut_path(value)}: a name ending in / is a folder; "
                         f"name the file, e.g. {cut_path(value + DEFAULT_NAME)}")
    path = _prepare_sqlite_file(Path(value).expanduser(), create_dir=is_default)
    return _open(f"sqlite:///{path}", path, migrate)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system is no folder either
        return False


def _prepare_sqlite_file(path: Path, *, create_dir: bool) -> Path:
    try:
        return _prepare(path.absolute(), create_dir=create_dir)
    except OSError as exc:
        # a name too long for the file system (a paste gone wrong) raised from the checks below:
        # a traceback of 5,000 characters
        raise StoreError(f"cannot open database {cut_path(path)}: {exc.strerror or exc}") from None


def _prepare(path: Path, *, create_dir: bool) -> Path:
    # the path and folder are quoted cut (wording.cut_path): a pasted page as --db filled the terminal
    folder, shown, where = path.parent, cut_path(path), cut_path(path.parent)
    if create_dir:
        try:
            make_private_dir(folder)
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {where}: {exc.strerror}") from None
    if not folder.exists():
        raise StoreError(f"cannot open database {shown}: folder {where} does not exist")
    if not folder.is_dir():
        raise StoreError(f"cannot open database {shown}: {where} is not a folder")
    if path.exists():
        if path.is_dir():
            raise StoreError(f"cannot open database {shown}: it is a folder, not a file")
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot open database {shown}: permission denied")
        if not looks_like_sqlite(path):
            raise StoreError(f"{shown} is not a pmtui database (not an SQLite file)")
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            raise StoreError(f"cannot open database {shown}: it is read-only")
        st = path.stat()
        if st.st_size == 0 and st.st_uid == os.getuid() and st.st_mode & 0o077:
            # An empty file (`touch plan.db`) becomes a new database here, and a new database is
            # private: left at the umask's 0644, other users of a shared server could read the plan.
            os.chmod(path, 0o600)
        return path
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"cannot create database {shown}: folder {where} is not writable")
    try:
        create_private_file(path)
    except FileExistsError:
        pass  # another process created it a moment ago: open theirs
    except OSError as exc:
        raise StoreError(f"cannot create database {shown}: {exc.strerror}") from None
    return path


def _open(url: str, path: Path | None, migrate: bool) -> Store:
    try:
        engine = _make_engine(url, path)
    except NoSuchModuleError:
        u = make_url(url)
        raise StoreError(f"cannot open database {cut_path(u.render_as_string(hide_password=True))}: "
                         f"{brief(u.get_backend_name())} is not a kind of database pmtui knows "
                         f"(use a file path, sqlite:///PATH or postgresql://…)") from None
    except ImportError as exc:
        # e.g. a postgresql:// URL on a machine without psycopg: name the driver, not a traceback
        u = make_url(url)
        hint = " (for PostgreSQL: `.venv/bin/pip install 'psycopg[binary]'`)" if u.get_backend_name() == "postgresql" else ""
        raise StoreError(f"cannot open database {cut_path(u.render_as_string(hide_password=True))}: its driver "
                         f"{exc.name or exc} is not installed in pmtui's environment{hint}") from None
    except ArgumentError as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        raise StoreError(f"database URL {brief(shown)} is not understood: {exc}") from None
    store = Store(engine=engine, url=url, path=path)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        if migrate:
            from pmtui.store.migrate import migrate_to_head

            migrate_to_head(store)
    except StoreError:
        engine.dispose()
        raise
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        reason = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
        if "not a database" in reason or "file is encrypted" in reason:
            raise StoreError(f"{store.label} is not a pmtui database ({reason})") from None
        raise StoreError(f"cannot open database {store.label}: {reason}") from None
    return store


def _make_engine(url: str, path: Path | None) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    # A file's path goes to SQLite as it is: read back from a URL string, "?" began a query and
    # "%41" read as "A", so `--db 'plan?v=2.db'` wrote the plan into another file, named "plan".
    target = URL.create("sqlite", database=str(path)) if path is not None else url
    engine = create_engine(target, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    translate_errors(engine, str(path) if path is not None else url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy's begin event decide how a transaction starts (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        # FULL: a commit survives a power cut too, not only a crash of pmtui.
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("pmtui_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine
