"""A disk that fills up under an import or a save: the write fails part-way, and the user reads
one line that says why and that nothing was changed ("disk I/O error" alone named no cause); the
plan is as it was, and the next command works. A full disk is simulated with a file-size limit
(RLIMIT_FSIZE, as `ulimit -f` sets) on the pmtui process."""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.foundation.helpers import cli, dump

PMTUI = str(Path(sys.executable).with_name("pmtui"))


def _limited(limit: int, *args: str) -> subprocess.CompletedProcess:
    def cap():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([PMTUI, *args], capture_output=True, text=True, timeout=180, preexec_fn=cap)


def test_an_import_that_fills_the_disk_is_one_line_and_changes_nothing(store, db_path, tmp_path):
    assert cli(db_path, "demo").exit_code == 0
    plan = tmp_path / "big.csv"
    plan.write_text("WBS,Name,Duration,Notes\n" + "".join(
        f"{i},Task number {i},3d,{'a note to fill pages ' * 20}\n" for i in range(1, 3001)), encoding="utf-8")
    before = dump(store, journal=True)
    size = db_path.stat().st_size + 64 * 1024
    proc = _limited(size, "--db", str(db_path), "import", str(plan))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == (f"pmtui: big.csv: cannot use database {db_path}: disk I/O error (a full disk or a limit "
                           "on the file's size gives this too; nothing was changed)\n")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert dump(store, journal=True) == before
    # with room again, the same import goes through, and a save after it
    assert cli(db_path, "import", str(plan)).exit_code == 0
    assert cli(db_path, "task", "add", "After", "--duration", "1d").exit_code == 0
