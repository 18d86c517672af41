"""The journal: every user action is one entry holding its row changes, so that it can be
undone and redone, also after a restart, and read back as history.

A change is ``{"op": "insert"|"update"|"delete", "table": name, "id": pk, ...}``; inserts and
deletes carry the whole row, updates the changed columns before and after. Rows written in bulk
(an import) are one ``{"op": "insert_rows", "table": name, "columns": [...], "rows": [[...], ...]}``
with the primary key among the columns: the same rows without a key per value, which halves the
entry and the time to encode it (a 10,000-task import: 37,000 rows). Changes are kept in
the order the database saw them; undo replays them backwards, redo forwards, with foreign-key
checks deferred to the commit so that the order of rows within one flush does not matter.

Undo and redo work per project, and the CLI acts on the current project. Undoing a project's
creation leaves no project to be current, so the journal keeps one more row, the cursor: which
project the last undo was in, and what was current right after it. While that project is gone
and nothing was chosen or changed since, it is the project `redo` (and `history`) mean; a new
change drops the cursor and the gone project's redo stack with it, as it drops any redo stack.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Iterable

from sqlalchemy import delete, event, func, insert, inspect, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.tables import JournalEntry, Project, Setting, utcnow
from pmtui.models.wording import brief
from pmtui.store.quick import CURRENT_PROJECT

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


# The state of the cursor row (see the module's docstring). Its project_id is NULL, so that it
# is found through the (project_id, state) index and counts in no project's version or history.
CURSOR = "cursor"


def write_entry(session: Session, project_id: int | None, action: str, summary: str,
                changes: list[dict], effect: str | None = None) -> JournalEntry:
    """Store the entry and drop the redo stack of the project: a new action forks history."""
    t = JournalEntry.__table__
    session.execute(delete(t).where(t.c.project_id == project_id, t.c.state == "undone"))
    cursor = _cursor(session.connection())
    gone = cursor and cursor.get("project")
    if gone is not None and gone != project_id and not _project_exists(session.connection(), gone):
        # a gone project cannot be chosen: the cursor was the way back to it, and a new change
        # forks history as it would have in that project
        session.execute(delete(t).where(t.c.project_id == gone, t.c.state == "undone"))
    session.execute(delete(t).where(t.c.project_id.is_(None), t.c.state == CURSOR))
    entry = JournalEntry(project_id=project_id, at=utcnow(), action=action, summary=summary,
                         changes=json.dumps(changes, separators=(",", ":")), state="done", effect=effect)
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
        if change["table"] == "setting" and change["id"] == CURRENT_PROJECT:
            _apply_current(conn, change, backwards=backwards)
            continue
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


def _current(conn) -> str | None:
    t = Setting.__table__
    return conn.execute(select(t.c.value).where(t.c.key == CURRENT_PROJECT)).scalar()


def _set_current(conn, value: str | None) -> None:
    t = Setting.__table__
    if value is None:
        conn.execute(delete(t).where(t.c.key == CURRENT_PROJECT))
    elif conn.execute(update(t).where(t.c.key == CURRENT_PROJECT).values(value=value)).rowcount == 0:
        conn.execute(insert(t).values(key=CURRENT_PROJECT, value=value))


def _apply_current(conn, change: dict, *, backwards: bool) -> None:
    """The current project is a view setting: `project use` changes it without an entry, and an
    entry that created a project made it current too. Undo puts the earlier choice back only
    while the entry's choice is still in place; redo makes the project current again, as creating
    it did. Neither refuses because the user chose another project in between (undoing a
    project's creation after `project use` did: "a setting row was changed since")."""
    op = change["op"]
    if op == "update":
        before, left = change["before"].get("value"), change["after"].get("value")
    elif op == "insert":
        before, left = None, change["row"]["value"]
    else:
        before, left = change["row"]["value"], None
    if not backwards:
        _set_current(conn, left)
    elif _current(conn) == left:
        _set_current(conn, before)


def forget_undone_project(session: Session) -> None:
    """The user chose a project (even the one already current): `redo` now means that one, not
    a project whose creation the last undo took back."""
    t = JournalEntry.__table__
    session.execute(delete(t).where(t.c.project_id.is_(None), t.c.state == CURSOR))


def _project_exists(conn, project_id: int | None) -> bool:
    t = Project.__table__
    return project_id is not None and conn.execute(select(t.c.id).where(t.c.id == project_id)).first() is not None


def _remember_undo(conn, project_id: int | None, *, restored: bool = False) -> None:
    """Point the cursor at this undo (see the module's docstring). ``restored``: the undo took
    back the project's deletion."""
    t = JournalEntry.__table__
    if not _project_exists(conn, project_id) and _current(conn) == str(project_id):
        # its creation was undone (an entry that did not make it current, then `project use`)
        _set_current(conn, None)
    conn.execute(delete(t).where(t.c.project_id.is_(None), t.c.state == CURSOR))
    cursor = {"project": project_id, "current": _current(conn)}
    if restored:
        cursor["restored"] = True
    conn.execute(insert(t).values(
        project_id=None, at=utcnow(), action="Undo", summary="",
        changes=json.dumps(cursor), state=CURSOR))


def _deletes_project(changes: list[dict], project_id: int | None) -> bool:
    return any(c["op"] == "delete" and c["table"] == "project" and c["id"] == project_id for c in changes)


def restored_project(conn) -> int | None:
    """The project whose deletion the last undo took back, while that is still the last word:
    it is there again, its deletion is still to redo, and the current project is still the one
    the undo left. Undoing the deletion of a project other than the current one left `redo` to
    the current project, which had nothing to redo or, worse, an edit of its own. None otherwise."""
    cursor = _cursor(conn)
    project_id = cursor and cursor.get("restored") and cursor.get("project")
    if project_id is None or project_id is False or not _project_exists(conn, project_id) \
            or _current(conn) != cursor.get("current"):
        return None
    t = JournalEntry.__table__
    first = conn.execute(select(t.c.changes).where(t.c.project_id == project_id, t.c.state == "undone")
                         .order_by(t.c.id.asc()).limit(1)).first()
    return project_id if first is not None and _deletes_project(json.loads(first.changes), project_id) else None


def remember_deleted(conn, project_id: int) -> None:
    """Point the cursor at a project just deleted, so that a `pmtui undo` right after means that
    project: there is no current one to name it by, and the deletion is its latest entry."""
    t = JournalEntry.__table__
    conn.execute(delete(t).where(t.c.project_id.is_(None), t.c.state == CURSOR))
    conn.execute(insert(t).values(
        project_id=None, at=utcnow(), action="Delete", summary="",
        changes=json.dumps({"deleted": project_id, "current": _current(conn)}), state=CURSOR))


def deleted_project(conn) -> int | None:
    """The project deleted last, while that is still the last word: it is gone, its deletion is
    its latest entry and not undone, and no project was chosen or changed since. None otherwise."""
    cursor = _cursor(conn)
    project_id = cursor and cursor.get("deleted")
    if project_id is None or _project_exists(conn, project_id) or _current(conn) != cursor.get("current"):
        return None
    t = JournalEntry.__table__
    last = conn.execute(select(t.c.state).where(t.c.project_id == project_id)
                        .order_by(t.c.id.desc()).limit(1)).first()
    return project_id if last is not None and last.state == "done" else None


def gone_projects(conn) -> list[int]:
    """The projects the journal still holds entries of that are no longer there: deleted (kept
    so that `undo` brings them back), or whose creation was undone (kept for `redo`). Their
    entries hold every text of them."""
    t, p = JournalEntry.__table__, Project.__table__
    rows = conn.execute(select(t.c.project_id).distinct()
                        .where(t.c.project_id.is_not(None), t.c.project_id.not_in(select(p.c.id))))
    return sorted(r[0] for r in rows)


def gone_name(conn, project_id: int) -> str | None:
    """A gone project's last name, from the entry that deleted it or the one that created it."""
    t = JournalEntry.__table__
    for row in conn.execute(select(t).where(t.c.project_id == project_id).order_by(t.c.id.desc())):
        entry = JournalEntry(**row._mapping)
        for change in json.loads(entry.changes):
            if change["table"] == "project" and change["op"] == "delete" and change["id"] == project_id:
                return change["row"].get("name")
        name = created_name(entry)
        if name is not None:
            return name
    return None


def forget_projects(conn, project_ids: list[int]) -> None:
    """Drop every entry of these gone projects, and the cursor if it points at one: they can
    be neither undone nor redone any more."""
    t = JournalEntry.__table__
    for i in range(0, len(project_ids), 900):
        conn.execute(delete(t).where(t.c.project_id.in_(project_ids[i:i + 900])))
    cursor = _cursor(conn)
    if cursor and {cursor.get("project"), cursor.get("deleted")} & set(project_ids):
        conn.execute(delete(t).where(t.c.project_id.is_(None), t.c.state == CURSOR))


def _cursor(conn) -> dict | None:
    t = JournalEntry.__table__
    row = conn.execute(select(t.c.changes).where(t.c.project_id.is_(None), t.c.state == CURSOR)
                       .order_by(t.c.id.desc()).limit(1)).first()
    return json.loads(row.changes) if row is not None else None


def undone_project(conn) -> int | None:
    """The project whose creation the last undo took back, while that is still the last word:
    the project is gone, its redo stack is there, and the current project is still the one the
    undo left (not chosen since). None otherwise: then the current project is meant."""
    cursor = _cursor(conn)
    project_id = cursor and cursor.get("project")
    if project_id is None or _project_exists(conn, project_id) or _current(conn) != cursor.get("current"):
        return None
    t = JournalEntry.__table__
    pending = conn.execute(select(t.c.id).where(t.c.project_id == project_id, t.c.state == "undone")
                           .limit(1)).first()
    return project_id if pending is not None else None


def created_name(entry: JournalEntry) -> str | None:
    """The name of the project the entry created, if it created one."""
    for change in json.loads(entry.changes):
        if change["table"] != "project":
            continue
        if change["op"] == "insert" and change["id"] == entry.project_id:
            return change["row"].get("name")
        if change["op"] == "insert_rows":
            cols = change["columns"]
            for row in change["rows"]:
                if row[cols.index("id")] == entry.project_id and "name" in cols:
                    return row[cols.index("name")]
    return None


def creation_next(conn, project_id: int | None) -> JournalEntry | None:
    """The entry the next undo takes back, if it is the one that created the project. Only the
    project's first entry can be: its changes (a whole import) are read only then."""
    t = JournalEntry.__table__
    first = select(func.min(t.c.id)).where(t.c.project_id == project_id).scalar_subquery()
    row = conn.execute(
        select(t).where(t.c.project_id == project_id, t.c.state == "done", t.c.id == first)
        .order_by(t.c.id.desc()).limit(1)
    ).first()
    if row is None:
        return None
    newer = conn.execute(select(t.c.id).where(t.c.project_id == project_id, t.c.state == "done",
                                              t.c.id > row.id).limit(1)).first()
    entry = JournalEntry(**row._mapping)
    return entry if newer is None and created_name(entry) is not None else None


def undo(conn, project_id: int | None, *, only: int | None = None) -> JournalEntry:
    """Undo the project's latest action (inside the caller's write transaction). ``only``: the
    entry the user agreed to undo; any other is refused, not undone in its place."""
    t = JournalEntry.__table__
    row = conn.execute(
        select(t).where(t.c.project_id == project_id, t.c.state == "done")
        .order_by(t.c.id.desc()).limit(1)
    ).first()
    if row is None:
        raise NotFound("nothing to undo")
    if only is not None and row.id != only:
        raise Conflict(f"the project changed while you were asked (the last action is now {brief(row.action)}): "
                       "nothing was undone")
    changes = json.loads(row.changes)
    _apply(conn, changes, backwards=True, label=f"undo {row.action!r}")
    conn.execute(update(t).where(t.c.id == row.id).values(state="undone"))
    _remember_undo(conn, project_id, restored=_deletes_project(changes, project_id))
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
    changes = json.loads(row.changes)
    _apply(conn, changes, backwards=False, label=f"redo {row.action!r}")
    conn.execute(update(t).where(t.c.id == row.id).values(state="done"))
    if _deletes_project(changes, project_id):
        remember_deleted(conn, project_id)  # as the deletion did: `undo` means it again
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


def all_version(conn) -> tuple[int, int]:
    """What changes whenever any project does, or a project comes or goes (an undo adds the
    cursor row, a redo takes an entry off the undone ones). Read through the same indexes as
    ``version``: the newest id, and the (project, state) index scanned for the undone entries."""
    t = JournalEntry.__table__
    newest = select(func.coalesce(func.max(t.c.id), 0))
    undone = select(func.count()).select_from(t).where(t.c.state == "undone")
    row = conn.execute(select(newest.scalar_subquery(), undone.scalar_subquery())).one()
    return int(row[0]), int(row[1])


def history(conn, project_id: int | None, limit: int | None = None) -> list[JournalEntry]:
    t = JournalEntry.__table__
    query = select(t).where(t.c.project_id == project_id, t.c.state != CURSOR).order_by(t.c.id.desc())
    if limit:
        query = query.limit(limit)
    return [JournalEntry(**r._mapping) for r in conn.execute(query)]
