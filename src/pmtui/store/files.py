"""Private files: a new database or backup is readable by its owner only (0600)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from pmtui.models.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"


def create_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 before SQLite opens it; SQLite's -wal and -shm
    files then take the same mode."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def looks_like_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    return head == SQLITE_MAGIC or head == b""


def backup_sqlite(path: Path, reason: str) -> Path:
    """Copy a live database through SQLite's online backup API (consistent even in WAL mode).

    The copy is made under a ``.partial`` name and renamed when complete: a copy cut short (a
    full disk, a kill -9) was left under the backup's own name, an empty or half-written file
    that looked like the way back."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.name}.{reason}-{stamp}.bak")
    partial = target.with_name(f"{target.name}.partial")
    src = dst = None
    try:
        create_private_file(partial)
        # quoted: in a URI, "?", "#" and "%" in the file's name would name another file
        src = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        dst = sqlite3.connect(partial)
        with dst:
            src.backup(dst)
        dst.close()
        dst = None
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        if dst is not None:
            dst.close()
        for leftover in (partial, partial.with_name(f"{partial.name}-journal")):
            try:
                leftover.unlink()
            except OSError:
                pass
        raise StoreError(f"cannot back up {path} before upgrading it: {exc}") from None
    finally:
        if src is not None:
            src.close()
    return target
