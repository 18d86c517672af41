"""The store: private files, SQLite settings, migrations with a backup, clear refusals."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from pmtui.models.errors import StoreError
from pmtui.store import migrate, open_store
from pmtui.store.locations import default_db_path


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_default_database_is_private(monkeypatch, tmp_path):
    monkeypatch.setenv("PMTUI_DATA_DIR", str(tmp_path / "deep" / "pmtui"))
    store = open_store()
    path = default_db_path()
    assert store.path == path and path.exists()
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    from pmtui.services.projects import create_project
    from datetime import date

    create_project(store, "P", date(2027, 1, 4))
    for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        if extra.exists():
            assert mode(extra) & 0o077 == 0, extra
    store.close()


def test_an_empty_file_made_by_the_user_becomes_a_private_database(tmp_path):
    # `touch plan.db` makes a 0644 file (the umask); pmtui writes a whole plan into it, which
    # other users of a shared server could then read. A file with content keeps its mode: it is
    # the user's database, and its mode is theirs to choose.
    from datetime import date

    from pmtui.services.projects import create_project

    empty, used = tmp_path / "z.db", tmp_path / "shared.db"
    empty.touch(mode=0o644)
    os.chmod(empty, 0o644)
    store = open_store(str(empty))
    create_project(store, "Z", date(2027, 1, 4))
    store.close()
    assert mode(empty) == 0o600
    open_store(str(used)).close()
    os.chmod(used, 0o640)
    open_store(str(used)).close()
    assert mode(used) == 0o640


def test_pmtui_db_env_and_url(monkeypatch, tmp_path):
    monkeypatch.setenv("PMTUI_DB", str(tmp_path / "env.db"))
    assert open_store().path == tmp_path / "env.db"
    s = open_store(f"sqlite:///{tmp_path / 'url.db'}")
    assert s.path == tmp_path / "url.db" and mode(s.path) == 0o600


def test_database_urls_that_cannot_be_opened_are_named_not_tracebacks():
    # no PostgreSQL or MySQL driver is installed here: the message names it and hides the password
    cases = [("postgresql://bob:secret@localhost:1/plans", "driver psycopg is not installed"),
             ("mysql://bob:secret@localhost/plans", "driver MySQLdb is not installed"),
             ("nosuch://bob:secret@localhost/plans", "'nosuch' is not a kind of database"),
             ("postgresql://bob:secret@localhost:notaport/plans", "is not understood")]
    for url, expected in cases:
        with pytest.raises(StoreError, match=expected) as err:
            open_store(url)
        assert "secret" not in err.value.message


def test_sqlite_settings(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_upgrade_from_the_first_schema_keeps_data(tmp_path):
    """A database made by the first release is upgraded step by step and keeps its plan."""
    from alembic import command

    path = tmp_path / "old.db"
    from pmtui.store.files import create_private_file

    create_private_file(path)
    old = open_store(str(path), migrate=False)
    cfg = migrate._alembic_config()
    with old.writer.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql("INSERT INTO calendar (id, name, workdays) VALUES (1, 'c', 31)")
        conn.exec_driver_sql("INSERT INTO project (id, name, start, calendar_id, currency, notes, created_at) "
                             "VALUES (1, 'Old', '2027-01-04', 1, 'EUR', '', '2026-01-01 00:00:00')")
        conn.exec_driver_sql("INSERT INTO task (id, project_id, position, name, duration, constraint_type, "
                             "percent_complete, fixed_cost, notes) VALUES (1, 1, 0, 'T', 3, 'ASAP', 0, 0, '')")
    old.close()
    new = open_store(str(path))
    from pmtui.services.tasks import get_plan

    plan = get_plan(new, 1)
    assert [(t.name, t.duration, t.actual_cost) for t in plan.tasks] == [("T", 3, None)]
    assert len(list(tmp_path.glob("old.db.before-*.bak"))) == 1
    new.close()


def test_migrations_build_exactly_the_models(store):
    assert migrate.known_revisions()[0] == migrate.HEAD
    with store.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.HEAD
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []


def test_upgrade_takes_a_private_backup_first(tmp_path, monkeypatch, project, store, db_path):
    """A newer schema revision is applied on open, after a backup of the old file."""
    store.close()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts)
    (scripts / "versions" / "9999_test.py").write_text(
        'from alembic import op\nimport sqlalchemy as sa\n'
        f'revision = "9999"\ndown_revision = "{migrate.HEAD}"\nbranch_labels = None\ndepends_on = None\n'
        'def upgrade():\n    op.create_table("extra", sa.Column("id", sa.Integer, primary_key=True))\n'
    )
    old_head = migrate.HEAD
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    monkeypatch.setattr(migrate, "HEAD", "9999")
    upgraded = open_store(str(db_path))
    backups = list(db_path.parent.glob("plan.db.before-9999-*.bak"))
    assert len(backups) == 1 and mode(backups[0]) == 0o600
    old = sqlite3.connect(backups[0])
    assert old.execute("select version_num from alembic_version").fetchone() == (old_head,)
    assert old.execute("select name from project").fetchall() == [("Test project",)]
    with upgraded.engine.connect() as conn:
        assert migrate.current_revision(conn) == "9999"
        assert conn.exec_driver_sql("select name from project").scalar() == "Test project"
    upgraded.close()


def test_newer_schema_is_refused(store, db_path):
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    store.close()
    with pytest.raises(StoreError, match="newer pmtui"):
        open_store(str(db_path))


def test_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nope" / "plan.db"))
    assert not (tmp_path / "nope").exists()


def test_not_a_database(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("hello, I am not a database\n" * 100)
    before = junk.read_bytes()
    with pytest.raises(StoreError, match="not a pmtui database"):
        open_store(str(junk))
    assert junk.read_bytes() == before


def test_foreign_sqlite_database(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("create table customers (id integer)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a pmtui one"):
        open_store(str(other))


def test_unwritable_folder_is_refused(tmp_path):
    """Root may write anywhere, so as root the child drops the capabilities that let it."""
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o500)
    target = folder / "plan.db"
    cmd = [sys.executable, "-c", "from pmtui.cli import main; main()", "--db", str(target), "project", "list"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test permissions as root"
        cmd = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *cmd]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr == f"pmtui: cannot create database {target}: folder {folder} is not writable\n"
    assert not target.exists()


def test_the_journal_version_reads_indexes_not_the_journal(store):
    # The app asks for the journal's version twice per edit and every two seconds: its cost must
    # not grow with the journal (counting done entries read every one of them).
    from pmtui.store.quick import _VERSION_SQL

    with store.engine.connect() as conn:
        steps = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + _VERSION_SQL, {"pid": 1})]
        drop = [row[-1] for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN DELETE FROM journal WHERE project_id = 1 AND state = 'undone'")]
    assert steps and not any(s.startswith("SCAN journal") for s in steps + drop), steps + drop
    assert any("ix_journal_project_state" in s for s in steps)


# Runs backup_sqlite in a child that dies (as under kill -9) after the copy's first page.
KILLED_MID_BACKUP = """
import os, sqlite3, sys
from pathlib import Path
from pmtui.store import files

class Shim:
    Error = sqlite3.Error

    @staticmethod
    def connect(name, *args, **kwargs):
        conn = sqlite3.connect(name, *args, **kwargs)
        return Source(conn) if "mode=ro" in str(name) else conn

class Source:
    def __init__(self, conn):
        self.conn = conn

    def backup(self, target):
        self.conn.backup(target, pages=1, progress=lambda *_: os._exit(9))

    def close(self):
        self.conn.close()

files.sqlite3 = Shim
files.backup_sqlite(Path(sys.argv[1]), "before-9999")
"""


def test_a_backup_cut_short_is_not_left_under_a_backups_name(project, store, db_path):
    """A kill -9 during the copy left plan.db.before-….bak holding no tables: it looked like the
    way back to the old plan."""
    from pmtui.services.tasks import add_task

    for i in range(200):  # enough pages that the copy is cut short after the first
        add_task(store, project.id, f"Task {i} " + "x" * 180, duration=1)
    store.close()
    proc = subprocess.run([sys.executable, "-c", KILLED_MID_BACKUP, str(db_path)], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    assert list(db_path.parent.glob("*.bak")) == []
    # and the next open takes a whole one
    from pmtui.store.files import backup_sqlite

    done = backup_sqlite(db_path, "before-9999")
    assert sqlite3.connect(done).execute("select count(*) from task").fetchone() == (200,)


def test_a_file_name_with_url_characters_is_the_file_written(tmp_path):
    """`--db 'plan?v=2.db'` wrote the plan into a file named "plan" (0644), and `x%41.db` into
    "xA.db": the path went through a URL string, where "?" and "%" mean something."""
    from pmtui.services.projects import create_project
    from datetime import date

    for name in ("plan?v=2.db", "x%41.db", "a#b.db"):
        store = open_store(str(tmp_path / name))
        create_project(store, "P", date(2027, 1, 4))
        store.close()
        con = sqlite3.connect(tmp_path / name)
        assert con.execute("select name from project").fetchall() == [("P",)]
        con.close()
        assert mode(tmp_path / name) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a#b.db", "plan?v=2.db", "x%41.db"]
    from pmtui.store.files import backup_sqlite  # the copy before a schema upgrade, too

    for name in ("plan?v=2.db", "x%41.db", "a#b.db"):
        copy = backup_sqlite(tmp_path / name, "before-test")
        assert copy.name.startswith(name)
        con = sqlite3.connect(copy)
        assert con.execute("select name from project").fetchall() == [("P",)]
        con.close()
