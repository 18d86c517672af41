"""Schema upgrades through Alembic, run on open, with a backup of the old file taken first.

Alembic itself is imported only when the schema is behind, so opening an up-to-date database
costs one query.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from pmtui.models.errors import StoreError
from pmtui.store.revision import HEAD

MIGRATIONS = Path(__file__).parent / "migrations"


def current_revision(conn) -> str | None:
    names = set(inspect(conn).get_table_names())
    if "alembic_version" not in names:
        if names - {"sqlite_sequence"}:
            return "foreign"
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def _alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    return [rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()]


def migrate_to_head(store) -> str | None:
    """Bring the schema to HEAD; return the path of the backup taken, if any."""
    with store.engine.connect() as conn:
        rev = current_revision(conn)
    if rev == HEAD:
        return None
    _refuse_foreign(store, rev)
    backup = None
    if rev is not None and store.path is not None:
        from pmtui.store.files import backup_sqlite

        backup = backup_sqlite(store.path, f"before-{HEAD}")
    from alembic import command

    cfg = _alembic_config()
    with store.writer.begin() as conn:
        # Another process may have upgraded it while we waited for the write lock.
        rev = current_revision(conn)
        _refuse_foreign(store, rev)
        if rev != HEAD:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return str(backup) if backup else None


def _refuse_foreign(store, rev: str | None) -> None:
    if rev == "foreign":
        raise StoreError(f"{store.label} is an SQLite database but not a pmtui one")
    if rev is not None and rev != HEAD and rev not in known_revisions():
        raise StoreError(
            f"{store.label} was written by a newer pmtui (schema {rev}); upgrade pmtui to open it"
        )
