"""The app's first look at the database, through the standard library's sqlite3 alone.

Opening a store loads SQLAlchemy, SQLModel and pydantic: about 0.35 s on this 2-core machine
before the app could draw anything. For the usual start (``pmtui`` with no command on an existing
database at the current schema revision) the app reads the current project's plan through this
reader (pmtui.services.plan.quick_plan), draws it, and opens the real store, with all its checks
and migrations, in the background for the first edit. Anything out of the ordinary (a database URL, a missing, empty, unreadable or read-only
file, another schema revision, no current project) gives None, and the caller takes the ordinary
path, which has the messages for it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from pmtui.store.files import looks_like_sqlite
from pmtui.store.locations import requested_db
from pmtui.store.revision import HEAD

CURRENT_PROJECT = "current_project"  # the setting pmtui.services.projects keeps it in
# The journal's version (pmtui.store.journal.version) in plain SQL.
_VERSION_SQL = ("SELECT (SELECT coalesce(max(id), 0) FROM journal WHERE project_id = :pid), "
                "(SELECT count(*) FROM journal WHERE project_id = :pid AND state = 'undone')")


def created_name_in(changes: str, project_id: int | None) -> str | None:
    """The name of the project a journal entry (its changes, its project) created, if it created
    one: pmtui.store.journal.created_name, for a row read through sqlite3 as well."""
    for change in json.loads(changes):
        if change["table"] != "project":
            continue
        if change["op"] == "insert" and change["id"] == project_id:
            return change["row"].get("name")
        if change["op"] == "insert_rows":
            cols = change["columns"]
            for row in change["rows"]:
                if row[cols.index("id")] == project_id and "name" in cols:
                    return row[cols.index("name")]
    return None


def deleted_name_in(changes: str) -> str | None:
    """The name of the project a journal entry's changes delete, if they delete one (a row, or
    rows of one bulk change: pmtui.store.journal.deleted_row)."""
    for change in json.loads(changes):
        if change["table"] != "project":
            continue
        if change["op"] == "delete":
            return change["row"].get("name")
        if change["op"] == "delete_rows" and "name" in change["columns"] and change["rows"]:
            return change["rows"][0][change["columns"].index("name")]
    return None


class QuickReader:
    """A read-only look at an SQLite database pmtui made, for one thread at a time."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def current_project_id(self) -> int | None:
        """The project chosen last, else the only one; None when that takes a choice."""
        rows = self.conn.execute("SELECT value FROM setting WHERE key = ?", (CURRENT_PROJECT,)).fetchall()
        if rows and str(rows[0][0]).isascii() and str(rows[0][0]).isdigit():
            found = self.conn.execute("SELECT id FROM project WHERE id = ?", (int(rows[0][0]),)).fetchall()
            if found:
                return found[0][0]
        ids = self.conn.execute("SELECT id FROM project ORDER BY id LIMIT 2").fetchall()
        return ids[0][0] if len(ids) == 1 else None

    def version(self, project_id: int) -> tuple[int, int]:
        seen = self.conn.execute(_VERSION_SQL, {"pid": project_id}).fetchone()
        return int(seen[0]), int(seen[1])

    @contextmanager
    def reading(self) -> Iterator[Callable[[str, dict], list]]:
        """One read transaction (one snapshot of the database); yields a query runner."""
        self.conn.execute("BEGIN")
        try:
            yield sqlite_rows(self.conn)
        finally:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def sqlite_rows(dbapi_conn: sqlite3.Connection) -> Callable[[str, dict], list]:
    """A query runner (SQL with :name parameters, parameters) -> rows, for a sqlite3 connection."""
    def run(sql: str, params: dict) -> list:
        cursor = dbapi_conn.cursor()
        try:
            return cursor.execute(sql, params).fetchall()
        finally:
            cursor.close()

    return run


def quick_reader(db: str | None) -> QuickReader | None:
    """A reader for the database ``db`` (or PMTUI_DB, or the default) names, when it is an
    existing pmtui SQLite file at the current revision that open_store would open as it is."""
    value, _default = requested_db(db)
    if "://" in value:
        return None
    path = Path(value).expanduser().absolute()
    try:
        if (not path.is_file() or path.stat().st_size == 0 or not looks_like_sqlite(path)
                or not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK)):
            return None
    except OSError:
        return None
    conn = None
    try:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            conn.close()
            return None
        rev = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if rev != [(HEAD,)]:
            conn.close()
            return None
    except sqlite3.Error:
        if conn is not None:
            conn.close()
        return None
    return QuickReader(conn, path)
