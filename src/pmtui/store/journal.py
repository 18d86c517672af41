"""The journal: every user action is one entry holding its row changes, so that it can be
undone and redone, also after a restart, and read back as history.

A change is ``{"op": "insert"|"update"|"delete", "table": name, "id": pk, ...}``; inserts and
deletes carry the whole row, updates the changed columns before and after. Rows written in bulk
(an import) are one ``{"op": "insert_rows", "table": name, "columns": [...], "rows": [[...], ...]}``
with the primary key among the columns: the same rows without a key per value, which halves the
entry and the time to encode it (a 10,000-task import: 37,000 rows). Changes are kept in
the order the database saw them; undo replays them backwards, redo forwards, with foreign-key
checks deferred to the commit so that the order of rows within one flush does not matter.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Iterable

from sqlalchemy import delete, event, func, insert, inspect, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.tables import JournalEntry, utcnow

JOURNALED = {"calendar", "calendar_exception", "project", "task", "dependency", "resource",
             "assignment", "setting", "risk", "risk_score", "risk_task", "issue", "standup",
             "standup_note", "standup_event", "baseline", "baseline_task", "snapshot"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _typed(table, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = _python_type(table.c[column].type)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    return value


def _python_type(col_type) -> type | None:
    # A TypeDecorator (sqlmodel's UTCDateTime) reports `object`; its impl knows the real type.
    col_type = getattr(col_type, "impl", col_type)
    try:
        return col_type.python_type
    except NotImplementedError:
        return None


def _pk_name(table) -> str:
    return table.primary_key.columns.values()[0].name


class Recorder:
    """Collects the row changes of one ORM session (and any bulk writes added by hand)."""

    def __init__(self, session: Session) -> None:
        self.changes: list[dict] = []
        self.session = session
        event.listen(session, "after_flush", self._after_flush)

    def detach(self) -> None:
        event.remove(self.session, "after_flush", self._after_flush)

    def _after_flush(self, session: Session, _ctx) -> None:
        # SQLAlchemy writes inserts and updates before deletes within a flush; record them so.
        for obj in list(session.new):
            table = obj.__table__
            if table.name in JOURNALED:
                row = {c.name: _plain(getattr(obj, c.key)) for c in table.columns}
                self.changes.append({"op": "insert", "table": table.name,
                                     "id": row[_pk_name(table)], "row": row})
        for obj in list(session.dirty):
            table = obj.__table__
            if table.name not in JOURNALED:
                continue
            state = inspect(obj)
            before, after = {}, {}
            for col in table.columns:
                hist = state.attrs[col.key].history
                if hist.added or hist.deleted:
                    old = hist.deleted[0] if hist.deleted else None
                    new = hist.added[0] if hist.added else None
                    if old != new:
                        before[col.name] = _plain(old)
                        after[col.name] = _plain(new)
            if after:
                self.changes.append({"op": "update", "table": table.name,
                                     "id": getattr(obj, _pk_name(table)),
                                     "before": before, "after": after})
        for obj in list(session.deleted):
            table = obj.__table__
            if table.name in JOURNALED:
                row = {c.name: _plain(getattr(obj, c.key)) for c in table.columns}
                self.changes.append({"op": "delete", "table": table.name,
                                     "id": row[_pk_name(table)], "row": row})

    def add_inserts(self, table_name: str, rows: Iterable[dict]) -> None:
        """Record rows written in bulk through Core (each row must include its id)."""
        pk = _pk_name(SQLModel.metadata.tables[table_name])
        for row in rows:
            plain = {k: _plain(v) for k, v in row.items()}
            self.changes.append({"op": "insert", "table": table_name, "id": plain[pk], "row": plain})

    def add_deletes(self, table_name: str, rows: Iterable[dict]) -> None:
        pk = _pk_name(SQLModel.metadata.tables[table_name])
        for row in rows:
            plain = {k: _plain(v) for k, v in row.items()}
            self.changes.append({"op": "delete", "table": table_name, "id": plain[pk], "row": plain})


def write_entry(session: Session, project_id: int | None, action: str, summary: str,
                changes: list[dict]) -> JournalEntry:
    """Store the entry and drop the redo stack of the project: a new action forks history."""
    session.execute(
        delete(JournalEntry.__table__).where(
            JournalEntry.__table__.c.project_id == project_id,
            JournalEntry.__table__.c.state == "undone",
        )
    )
    entry = JournalEntry(project_id=project_id, at=utcnow(), action=action, summary=summary,
                         changes=json.dumps(changes, separators=(",", ":")), state="done")
    session.add(entry)
    session.flush()
    return entry


def _defer_foreign_keys(conn) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    else:
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")


def _tables():
    return SQLModel.metadata.tables


def _apply(conn, changes: list[dict], *, backwards: bool, label: str) -> None:
    """Replay changes one way; refuse (raising Conflict) if a row is not as the entry left it."""
    _defer_foreign_keys(conn)
    tables = _tables()
    for change in (reversed(changes) if backwards else changes):
        table = tables[change["table"]]
        pk = table.c[_pk_name(table)]
        op = change["op"]
        if op == "insert_rows":
            _apply_rows(conn, table, pk, change, removing=backwards, label=label)
            continue
        removing = (op == "insert") == backwards
        if op in ("insert", "delete"):
            row = {k: _typed(table, k, v) for k, v in change["row"].items()}
            if removing:
                gone = conn.execute(delete(table).where(pk == change["id"])).rowcount
                if gone != 1:
                    raise Conflict(f"cannot {label}: a {table.name} row it needs was changed since")
            else:
                exists = conn.execute(select(pk).where(pk == change["id"])).first()
                if exists:
                    raise Conflict(f"cannot {label}: a {table.name} row it would restore exists again")
                conn.execute(insert(table).values(**row))
        else:
            expect = change["after"] if backwards else change["before"]
            target = change["before"] if backwards else change["after"]
            current = conn.execute(
                select(*(table.c[k] for k in expect)).where(pk == change["id"])
            ).first()
            wanted = tuple(_typed(table, k, v) for k, v in expect.items())
            if current is None or tuple(current) != wanted:
                raise Conflict(f"cannot {label}: a {table.name} row was changed since by another edit")
            conn.execute(
                update(table).where(pk == change["id"]).values(
                    **{k: _typed(table, k, v) for k, v in target.items()})
            )


def _apply_rows(conn, table, pk, change: dict, *, removing: bool, label: str) -> None:
    """Remove or restore the rows of one bulk insert, in chunks below SQLite's 999 parameters."""
    columns = change["columns"]
    at = columns.index(pk.name)
    ids = [row[at] for row in change["rows"]]
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        if removing:
            if conn.execute(delete(table).where(pk.in_(chunk))).rowcount != len(chunk):
                raise Conflict(f"cannot {label}: a {table.name} row it needs was changed since")
        elif conn.execute(select(pk).where(pk.in_(chunk)).limit(1)).first():
            raise Conflict(f"cannot {label}: a {table.name} row it would restore exists again")
    if not removing:
        kinds = [_python_type(table.c[c].type) for c in columns]
        if date in kinds or datetime in kinds:
            rows = [{c: _typed(table, c, v) for c, v in zip(columns, row)} for row in change["rows"]]
        else:
            rows = [dict(zip(columns, row)) for row in change["rows"]]
        conn.execute(insert(table), rows)


def undo(conn, project_id: int | None) -> JournalEntry:
    """Undo the project's latest action (inside the caller's write transaction)."""
    t = JournalEntry.__table__
    row = conn.execute(
        select(t).where(t.c.project_id == project_id, t.c.state == "done")
        .order_by(t.c.id.desc()).limit(1)
    ).first()
    if row is None:
        raise NotFound("nothing to undo")
    _apply(conn, json.loads(row.changes), backwards=True, label=f"undo {row.action!r}")
    conn.execute(update(t).where(t.c.id == row.id).values(state="undone"))
    return JournalEntry(**row._mapping)


def redo(conn, project_id: int | None) -> JournalEntry:
    """Redo the earliest undone action of the project."""
    t = JournalEntry.__table__
    row = conn.execute(
        select(t).where(t.c.project_id == project_id, t.c.state == "undone")
        .order_by(t.c.id.asc()).limit(1)
    ).first()
    if row is None:
        raise NotFound("nothing to redo")
    _apply(conn, json.loads(row.changes), backwards=False, label=f"redo {row.action!r}")
    conn.execute(update(t).where(t.c.id == row.id).values(state="done"))
    return JournalEntry(**row._mapping)


def version(conn, project_id: int | None) -> tuple[int, int]:
    """What changes whenever the project does: every action adds an entry, undo and redo flip
    one between done and undone. Compared, not interpreted. Both figures come from indexes
    (the newest id, and the undone entries, which the next action drops), so the cost does not
    grow with the journal: counting the done entries read all of them."""
    t = JournalEntry.__table__
    newest = select(func.coalesce(func.max(t.c.id), 0)).where(t.c.project_id == project_id)
    undone = select(func.count()).select_from(t).where(t.c.project_id == project_id, t.c.state == "undone")
    row = conn.execute(select(newest.scalar_subquery(), undone.scalar_subquery())).one()
    return int(row[0]), int(row[1])


def history(conn, project_id: int | None, limit: int | None = None) -> list[JournalEntry]:
    t = JournalEntry.__table__
    query = select(t).where(t.c.project_id == project_id).order_by(t.c.id.desc())
    if limit:
        query = query.limit(limit)
    return [JournalEntry(**r._mapping) for r in conn.execute(query)]
