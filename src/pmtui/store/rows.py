"""Many rows at once, straight to SQLite's driver: what an import writes and what undo and redo
of a big change put back or take away. SQLAlchemy's Core spent more time on each row's
parameters than SQLite spent storing the row (profiled on a 10,000-task import, and on undoing
one: 2.2 s of 3.6 s in Core's executemany and IN lists). Only for the tables whose values the
driver stores as SQLAlchemy would; anything else, and any other database, goes through Core.
"""

from __future__ import annotations

from itertools import chain, repeat
from operator import is_not, itemgetter
from typing import Sequence

from sqlalchemy import Boolean, Date, Float, Integer, String, bindparam
from sqlalchemy import delete as sa_delete
from sqlalchemy import update as sa_update
from sqlmodel.sql.sqltypes import AutoString

# Column types whose values sqlite3 stores exactly as SQLAlchemy would (a Date as ISO text, a
# bool as 0 or 1, a float as a REAL however typed); a table with any other type in the row (a
# TypeDecorator like UTCDateTime) goes through Core.
PLAIN_TYPES = (Integer, Float, Boolean, String, AutoString, Date)

# SQLite's smallest limit on parameters per statement (builds before 3.32 allow no more).
SQLITE_PARAMS = 999


def simple(table, cols: Sequence[str]) -> bool:
    return all(type(c.type) in PLAIN_TYPES for c in table.c if c.name in cols)


def direct(conn, table, cols: Sequence[str]) -> bool:
    """Whether rows of these columns may go straight to the driver (see the module's docstring)."""
    return conn.dialect.name == "sqlite" and simple(table, cols)


def insert_many(conn, table_name: str, cols: list[str], values: Sequence[Sequence]) -> None:
    """INSERT statements of as many rows as fit under the parameter limit, run by one
    executemany: SQLite pays for each statement it runs (the AUTOINCREMENT counter is written
    back, the statement journal opened and closed), and one row per statement spent half the
    time of a 10,000-task import's inserts on that (task rows 56 -> 42 ms, 27,000 link rows
    89 -> 47 ms; ids, order and contents of the rows are the same).

    A column that is NULL in every row (never the id) is written as a NULL literal instead of a
    parameter: the driver binds each parameter on its own, and the nine empty columns of
    imported tasks (estimates, dates, actual cost) cost as much as the rest of the row (10,000
    task rows 42 -> 23 ms). The same value is stored; leaving the column out could not promise
    that (a column default)."""
    empty = {j for j in range(len(cols)) if not any(map(is_not, map(itemgetter(j), values), repeat(None)))}
    if empty:
        keep = [j for j in range(len(cols)) if j not in empty]
        values = (list(map(itemgetter(*keep), values)) if len(keep) > 1
                  else [(v[keep[0]],) for v in values])
    per = max(1, SQLITE_PARAMS // (len(cols) - len(empty)))
    head = f"INSERT INTO {table_name} ({', '.join(cols)}) VALUES "
    one = f"({', '.join('NULL' if j in empty else '?' for j in range(len(cols)))})"
    whole = len(values) - len(values) % per
    if whole:
        conn.exec_driver_sql(head + ", ".join([one] * per), [
            tuple(chain.from_iterable(values[i:i + per])) for i in range(0, whole, per)])
    if whole < len(values):
        rest = values[whole:]
        conn.exec_driver_sql(head + ", ".join([one] * len(rest)), tuple(chain.from_iterable(rest)))


def delete_ids(conn, table_name: str, pk: str, ids: Sequence) -> int:
    """Delete the rows with these ids; returns how many there were. One statement the driver
    runs for each id."""
    if not ids:
        return 0
    return conn.exec_driver_sql(f"DELETE FROM {table_name} WHERE {pk} = ?", [(i,) for i in ids]).rowcount


def select_ids(conn, table_name: str, pk: str, cols: Sequence[str], ids: Sequence) -> list[tuple]:
    """The rows with these ids (those there are), their id first and then ``cols``, as stored."""
    out: list[tuple] = []
    what = ", ".join([pk, *cols])
    for i in range(0, len(ids), SQLITE_PARAMS - 99):
        chunk = tuple(ids[i:i + SQLITE_PARAMS - 99])
        out += conn.exec_driver_sql(
            f"SELECT {what} FROM {table_name} WHERE {pk} IN ({', '.join(['?'] * len(chunk))})", chunk).all()
    return out


def update_ids(conn, table_name: str, pk: str, cols: Sequence[str], ids: Sequence, values: Sequence[Sequence]) -> None:
    """Set ``cols`` of each row to its values (one sequence per id); one statement the driver
    runs for each row."""
    sets = ", ".join(f"{c} = ?" for c in cols)
    conn.exec_driver_sql(f"UPDATE {table_name} SET {sets} WHERE {pk} = ?",
                         [(*v, i) for i, v in zip(ids, values)])


def delete_by_id(conn, table, ids: Sequence) -> int:
    """Delete the rows of ``table`` with these ids; returns how many there were."""
    pk = table.primary_key.columns.values()[0]
    if conn.dialect.name == "sqlite":
        return delete_ids(conn, table.name, pk.name, ids)
    gone = 0
    for i in range(0, len(ids), 900):
        gone += conn.execute(sa_delete(table).where(pk.in_(ids[i:i + 900]))).rowcount
    return gone


def update_by_id(conn, table, cols: Sequence[str], ids: Sequence, values: Sequence[Sequence]) -> None:
    """Set ``cols`` of each row with these ids to its values, typed as Core takes them (on SQLite,
    for a simple table, plain values do as well: see PLAIN_TYPES)."""
    pk = table.primary_key.columns.values()[0]
    if direct(conn, table, cols):
        update_ids(conn, table.name, pk.name, cols, ids, values)
        return
    names = [f"v{j}" for j in range(len(cols))]
    statement = sa_update(table).where(pk == bindparam("row_id")).values(
        {c: bindparam(n) for c, n in zip(cols, names)})
    conn.execute(statement, [{"row_id": i, **dict(zip(names, v))} for i, v in zip(ids, values)])
