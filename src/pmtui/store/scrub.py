"""Wiping what a deletion leaves in an SQLite file.

A deleted row's bytes stay in the file's free pages, and in the write-ahead log, until SQLite
happens to reuse them: `strings plan.db` still showed a purged project's task names and notes.
VACUUM rebuilds the file from the live rows only, and a TRUNCATE checkpoint empties the log.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pmtui.models.errors import StoreError


def secure_delete(conn) -> None:
    """Have SQLite overwrite what this connection deletes with zeros (kept even if the VACUUM
    after it fails: a full disk cannot hold the file's copy that VACUUM writes)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA secure_delete = ON")


def wipe_free_space(store) -> None:
    """Rebuild the file without its free pages and empty the write-ahead log (SQLite only; a
    server database reclaims its space by its own VACUUM)."""
    if store.path is None or store.engine.dialect.name != "sqlite":
        return
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        try:
            cur.execute("VACUUM")
            busy, _log, _done = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cur.execute("PRAGMA secure_delete = OFF")
        finally:
            cur.close()
    except sqlite3.Error as exc:
        raise StoreError(f"the deleted texts are out of the plan, but wiping them from {store.label} failed: "
                         f"{exc} (it needs free space as large as the file); run `pmtui project purge` again") from None
    finally:
        raw.close()
    if busy:
        # another program (a planner in the middle of a read) held its snapshot throughout the
        # busy timeout: the old pages stay in the file and its log until it lets go
        raise StoreError(f"the deleted texts are out of the plan, but another program was reading {store.label} "
                         "all along, so its file still holds them: run `pmtui project purge` again")


def backups(store) -> list[Path]:
    """The copies of the database taken before schema upgrades: they hold whatever it held then."""
    if store.path is None:
        return []
    return sorted(store.path.parent.glob(f"{store.path.name}.*.bak"))
