"""A database that opens but fails later (a damaged page, a write lock held by another program):
one line naming the file, the file left as it was, never a traceback."""

from __future__ import annotations

import sqlite3

from tests.conftest import file_digest
from tests.foundation.helpers import cli


def damage_table(path, table: str) -> None:
    """Overwrite the first page of ``table`` with bytes that are no b-tree page."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)


def test_a_damaged_database_is_one_line_and_left_as_it_is(db_path):
    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
    assert cli(db_path, "task", "add", "Design", "--duration", "5d").exit_code == 0
    damage_table(db_path, "project")
    before = file_digest(db_path)
    for args in (("project", "list"), ("task", "list"), ("task", "add", "Build"), ("undo",)):
        r = cli(db_path, *args)
        assert (r.exit_code, r.stdout) == (1, ""), args
        assert r.stderr == (f"pmtui: cannot use database {db_path}: database disk image is malformed: "
                            f"the file is damaged; restore it from a backup\n"), args
    assert file_digest(db_path) == before


def test_undo_while_another_program_holds_the_write_lock_is_one_line(db_path, monkeypatch):
    import pmtui.store.engine as engine

    assert cli(db_path, "project", "new", "Web shop", "--start", "2027-01-04").exit_code == 0
    assert cli(db_path, "task", "add", "Design", "--duration", "5d").exit_code == 0
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = cli(db_path, "undo")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert r.exit_code == 1
    assert r.stderr == (f"pmtui: cannot use database {db_path}: database is locked "
                        f"(another program kept its write lock too long; try again)\n")
    assert "Design" in cli(db_path, "task", "list").stdout  # the undo did not happen
