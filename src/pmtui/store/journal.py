"""The journal: every user action is one entry holding its row changes, so that it can be
undone and redone, also after a restart, and read back as history.

A change is ``{"op": "insert"|"update"|"delete", "table": name, "id": pk, ...}``; inserts and
deletes carry the whole row, updates the changed columns before and after. Two or more rows
changed alike one after the other (inserted or deleted with the same columns, or updated in the
same columns) are one bulk change, the columns once and then the rows:
``{"op": "insert_rows"|"delete_rows", "table": name, "columns": [...], "rows": [[...], ...]}``
with the primary key among the columns, and ``{"op": "update_rows", "table": name, "columns":
[changed ...], "ids": [pk, ...], "before": [[...], ...], "after": [[...], ...]}``. The same rows
without a key per value halve the entry and the time to encode it, and undo and redo write them
with a statement per table instead of one per row (a 10,000-task import --into replaces 37,000
rows). A lone row keeps the one-row form, the one the readers of an entry look for (the project
a deletion took, the stand-up an entry began). Entries written before bulk deletes and updates
(one change per row) still undo and redo: they are read as bulk changes too. Changes are kept
in the order the database saw them; undo replays them backwards, redo forwards, with
foreign-key checks deferred to the commit so that the order of rows within one flush does not
matter. A migration that adds a column to a journaled table must fill it in in both forms.

Undo and redo work per project, and the CLI acts on the current project. Undoing a project's
creation leaves no project to be current, so the journal keeps one more row, the cursor: which
project the last undo was in, and what was current right after it. While that project is gone
and nothing was chosen or changed since, it is the project `redo` (and `history`) mean; a new
change drops the cursor and the gone project's redo stack with it, as it drops any redo stack.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import delete, event, func, insert, inspect, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from pmtui.models.errors import Conflict, NotFound
from pmtui.models.tables import JournalEntry, Project, Setting, utcnow
from pmtui.models.wording import brief
from pmtui.store import rows as bulk_rows
from pmtui.store.quick import CURRENT_PROJECT, created_name_in

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
        pk = _pk_name(_tables()[table_name])
        for row in rows:
            plain = {k: _plain(v) for k, v in row.items()}
            self.changes.append({"op": "insert", "table": table_name, "id": plain[pk], "row": plain})

    def add_deletes(self, table_name: str, rows: Iterable[dict]) -> None:
        pk = _pk_name(_tables()[table_name])
        for row in rows:
            plain = {k: _plain(v) for k, v in row.items()}
            self.changes.append({"op": "delete", "table": table_name, "id": plain[pk], "row": plain})

    def drop(self, conn, table, rows: Sequence) -> None:
        """Delete these rows (whole rows of ``select(table)``, as Core returns them) and record
        them as one bulk change. Tuples as read: a 10,000-task import --into spent 0.3 s making
        37,000 row dicts and as long again turning each value into JSON's form one by one."""
        if not rows:
            return
        pk = table.primary_key.columns.values()[0]
        at = list(table.c).index(pk)
        ids = [r[at] for r in rows]
        bulk_rows.delete_by_id(conn, table, ids)
        columns = [c.name for c in table.c]
        plain = plain_rows(table, columns, rows)
        if len(plain) == 1:  # the one-row form (see the module's docstring)
            self.changes.append({"op": "delete", "table": table.name, "id": ids[0],
                                 "row": dict(zip(columns, plain[0]))})
        else:
            self.changes.append({"op": "delete_rows", "table": table.name, "columns": columns, "rows": plain})


def plain_rows(table, columns: list[str], rows: Sequence) -> list:
    """The rows with their dates and times in the journal's form (ISO text), the other values as
    they are; only the columns that hold a date are walked."""
    dated = [j for j, c in enumerate(columns) if _python_type(table.c[c].type) in (date, datetime)]
    if not dated:
        return [tuple(r) for r in rows]
    out = []
    for r in rows:
        r = list(r)
        for j in dated:
            if r[j] is not None:
                r[j] = r[j].isoformat()
        out.append(r)
    return out


def _shape(change: dict):
    """What a change must share with its neighbours to be written as one bulk change with them:
    its op (bulk or not), table and columns. None for one that stays on its own (the current
    project, which undo treats as a view setting)."""
    op, table = change["op"], change["table"]
    if table == "setting" and change.get("id") == CURRENT_PROJECT:
        return None
    if op in ("insert", "delete"):
        return op, table, tuple(change["row"])
    if op == "update":
        return op, table, tuple(change["before"])
    if op in ("insert_rows", "delete_rows"):
        return op[:-5], table, tuple(change["columns"])
    if op == "update_rows":
        return "update", table, tuple(change["columns"])
    return None


def _ids(change: dict) -> list:
    if change["op"] == "update":
        return [change["id"]]
    return change["ids"]


def compacted(changes: list[dict]) -> list[dict]:
    """The changes with each run of rows changed alike made one bulk change (see the module's
    docstring); a run of one row stays as it is. An update run takes each row once: the same
    row updated twice (two flushes of one action) is checked against what the first left."""
    out: list[dict] = []
    run: list[dict] = []
    shape = None
    seen: set = set()

    def close() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            out.append(_merged(run, shape))

    for change in changes:
        here = _shape(change)
        if here is not None and here == shape:
            if here[0] != "update":
                run.append(change)
                continue
            ids = _ids(change)
            if seen.isdisjoint(ids):
                seen.update(ids)
                run.append(change)
                continue
        close()
        run, shape = [change], here
        seen = set(_ids(change)) if here is not None and here[0] == "update" else set()
    close()
    return out


def _merged(run: list[dict], shape) -> dict:
    op, table, columns = shape
    if op == "update":
        ids, before, after = [], [], []
        for c in run:
            if c["op"] == "update":
                ids.append(c["id"])
                before.append([c["before"][k] for k in columns])
                after.append([c["after"][k] for k in columns])
            else:
                ids += c["ids"]
                before += c["before"]
                after += c["after"]
        return {"op": "update_rows", "table": table, "columns": list(columns), "ids": ids,
                "before": before, "after": after}
    rows: list = []
    for c in run:
        if c["op"] == op:
            rows.append([c["row"][k] for k in columns])
        else:
            rows += c["rows"]
    return {"op": f"{op}_rows", "table": table, "columns": list(columns), "rows": rows}


def row_changes(changes: list[dict]) -> Iterator[dict]:
    """The changes one row at a time, bulk deletes and updates taken apart into the one-row form
    they had before they were bulk (``insert_rows`` passes as it is: its readers know it)."""
    for c in changes:
        op = c.get("op") if isinstance(c, dict) else None
        if op == "delete_rows":
            cols = c["columns"]
            table = _tables().get(c["table"])
            at = cols.index(_pk_name(table) if table is not None else "id")
            for r in c["rows"]:
                yield {"op": "delete", "table": c["table"], "id": r[at], "row": dict(zip(cols, r))}
        elif op == "update_rows":
            cols = c["columns"]
            for i, b, a in zip(c["ids"], c["before"], c["after"]):
                yield {"op": "update", "table": c["table"], "id": i, "before": dict(zip(cols, b)),
                       "after": dict(zip(cols, a))}
        else:
            yield c


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
                         changes=json.dumps(compacted(changes), separators=(",", ":")), state="done",
                         effect=effect)
    session.add(entry)
    session.flush()
    return entry


def _defer_foreign_keys(conn) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    else:
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")


def _tables():
    """Every table of the schema. Imported here, not with the store: an edit of the plan writes
    only the plan's tables, and the models of risks, stand-ups and baselines were 5 % of `pmtui
    task move` (pmtui.models.all_tables)."""
    import pmtui.models.all_tables  # noqa: F401 - registers them on SQLModel.metadata

    return SQLModel.metadata.tables


def _apply(conn, changes: list[dict], *, backwards: bool, label: str) -> None:
    """Replay changes one way; refuse (raising Conflict) if a row is not as the entry left it."""
    _defer_foreign_keys(conn)
    tables = _tables()
    changes = compacted(changes)  # an entry written one change per row replays in bulk too
    for change in (reversed(changes) if backwards else changes):
        if change["table"] == "setting" and change.get("id") == CURRENT_PROJECT:
            _apply_current(conn, change, backwards=backwards)
            continue
        table = tables[change["table"]]
        pk = table.c[_pk_name(table)]
        op = change["op"]
        if op in ("insert_rows", "delete_rows"):
            _apply_rows(conn, table, pk, change, removing=(op == "insert_rows") == backwards, label=label)
            continue
        if op == "update_rows":
            _apply_updates(conn, table, pk, change, backwards=backwards, label=label)
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


def _typed_rows(table, columns: list[str], rows: list) -> list:
    """Rows of the journal's values typed again (dates and times from their ISO text)."""
    kinds = [_python_type(table.c[c].type) for c in columns]
    if date not in kinds and datetime not in kinds:
        return rows
    return [[_typed(table, c, v) for c, v in zip(columns, row)] for row in rows]


def _apply_rows(conn, table, pk, change: dict, *, removing: bool, label: str) -> None:
    """Remove or restore the rows of one bulk insert or delete; refuse if one of them is not
    there to remove, or is there again before it is restored."""
    columns = change["columns"]
    at = columns.index(pk.name)
    ids = [row[at] for row in change["rows"]]
    if removing:
        if bulk_rows.delete_by_id(conn, table, ids) != len(ids):
            raise Conflict(f"cannot {label}: a {table.name} row it needs was changed since")
        return
    direct = bulk_rows.direct(conn, table, columns)
    if direct:
        there = bulk_rows.select_ids(conn, table.name, pk.name, (), ids)
    else:
        there = any(conn.execute(select(pk).where(pk.in_(ids[i:i + 900])).limit(1)).first()
                    for i in range(0, len(ids), 900))
    if there:
        raise Conflict(f"cannot {label}: a {table.name} row it would restore exists again")
    if direct:
        # the journal's values are what the driver stores for these types (store/rows.py)
        bulk_rows.insert_many(conn, table.name, columns, change["rows"])
    else:
        typed = _typed_rows(table, columns, change["rows"])
        conn.execute(insert(table), [dict(zip(columns, row)) for row in typed])


def _apply_updates(conn, table, pk, change: dict, *, backwards: bool, label: str) -> None:
    """Set the rows of one bulk update to the values before (undo) or after it (redo), once all
    of them are found as the entry left them."""
    columns = change["columns"]
    ids = change["ids"]
    expect, target = (change["after"], change["before"]) if backwards else (change["before"], change["after"])
    if bulk_rows.direct(conn, table, columns):
        # compared as stored: a bool as 0 or 1 and a float as a REAL equal the journal's values
        current = {r[0]: tuple(r[1:]) for r in bulk_rows.select_ids(conn, table.name, pk.name, columns, ids)}
        if any(current.get(i) != tuple(v) for i, v in zip(ids, expect)):
            raise Conflict(f"cannot {label}: a {table.name} row was changed since by another edit")
        bulk_rows.update_by_id(conn, table, columns, ids, target)
        return
    expect = _typed_rows(table, columns, expect)
    cols = [table.c[c] for c in columns]
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        current = {r[0]: tuple(r[1:]) for r in conn.execute(select(pk, *cols).where(pk.in_(chunk)))}
        if any(current.get(row_id) != tuple(v) for row_id, v in zip(chunk, expect[i:i + 900])):
            raise Conflict(f"cannot {label}: a {table.name} row was changed since by another edit")
    bulk_rows.update_by_id(conn, table, columns, ids, _typed_rows(table, columns, target))


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


def deleted_row(changes: list[dict], table: str, row_id) -> dict | None:
    """The row of ``table`` with this id that the changes delete, in either form; None if none."""
    for c in changes:
        if c.get("table") != table:
            continue
        if c["op"] == "delete" and c["id"] == row_id:
            return c["row"]
        if c["op"] == "delete_rows":
            cols = c["columns"]
            at = cols.index(_pk_name(_tables()[table]))
            for r in c["rows"]:
                if r[at] == row_id:
                    return dict(zip(cols, r))
    return None


def _deletes_project(changes: list[dict], project_id: int | None) -> bool:
    return deleted_row(changes, "project", project_id) is not None


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
        row = deleted_row(json.loads(entry.changes), "project", project_id)
        if row is not None:
            return row.get("name")
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
    return created_name_in(entry.changes, entry.project_id)


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
