"""SQLite errors that come from the file or the machine, not from what the user asked, as one line.

A damaged file, a disk that is full or read-only, or another program holding the write lock past
the busy timeout can surface in any query, long after the store opened: each reached the user as
a traceback (the CLI) or a crash screen (the app). Raised as StoreError instead, they take the
path every refusal takes: the transaction is rolled back and the user reads one line.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

from pmtui.models.errors import StoreError

# Primary result codes (https://sqlite.org/rescode.html) and what the user can do about each.
_HINTS = {
    3: "",                                                      # SQLITE_PERM
    5: " (another program kept its write lock too long; try again)",  # SQLITE_BUSY
    6: " (another program kept its write lock too long; try again)",  # SQLITE_LOCKED
    8: "",                                                      # SQLITE_READONLY
    # a write past a file-size limit (ulimit -f, a quota) reads "disk I/O error" and names no cause
    10: " (a full disk or a limit on the file's size gives this too; nothing was changed)",  # SQLITE_IOERR
    11: ": the file is damaged; restore it from a backup",      # SQLITE_CORRUPT
    13: " (free some space and try again; nothing was changed)",  # SQLITE_FULL
    14: "",                                                     # SQLITE_CANTOPEN
}
_NOTADB = 26


def translate_errors(engine: Engine, label: str) -> None:
    """Raise StoreError naming ``label`` for the file and machine troubles above."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context) -> None:
        exc = context.original_exception
        if not isinstance(exc, sqlite3.Error):
            return
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            return
        code &= 0xFF  # extended codes (SQLITE_IOERR_WRITE, …) carry the primary one in the low byte
        if code == _NOTADB:
            raise StoreError(f"{label} is not a pmtui database ({exc})") from None
        if code in _HINTS:
            raise StoreError(f"cannot use database {label}: {exc}{_HINTS[code]}") from None
