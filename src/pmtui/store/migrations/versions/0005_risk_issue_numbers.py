"""Risks and issues get a number of their own per project (R1, I1 in every project); existing
rows are numbered per project in id order, so a database with one project keeps its codes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ('risk', 'issue')


def upgrade() -> None:
    # Added in place, with a default and a unique index rather than a table constraint: SQLite
    # alters a table's constraints by copying it and dropping the old one, and the rows of
    # risk_score, risk_task and issue that point at it would fail the commit's foreign-key check.
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('number', sa.Integer(), nullable=False, server_default='0'))
        # The rank of the row among its project's rows by id; a correlated count runs on
        # SQLite of any version and on PostgreSQL alike.
        op.execute(f"UPDATE {table} SET number = (SELECT COUNT(*) FROM {table} AS o "
                   f"WHERE o.project_id = {table}.project_id AND o.id <= {table}.id)")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f'uq_{table}_number', ['project_id', 'number'], unique=True)
    _number_journaled_rows()


def _number_journaled_rows() -> None:
    """Give the whole rows the journal keeps (an add's, for redo after an undo) their number:
    without it a redo would write the column's default, 0. A row that exists has its number; a
    row undone before the upgrade takes the next free one of its project, in the journal's order."""
    conn = op.get_bind()
    numbers = {t: dict(conn.execute(sa.text(f"SELECT id, number FROM {t}")).all()) for t in TABLES}
    top = {t: dict(conn.execute(sa.text(f"SELECT project_id, MAX(number) FROM {t} GROUP BY project_id")).all())
           for t in TABLES}
    for entry_id, rows in _journaled_rows(conn):
        for table, row in rows:
            if row["id"] not in numbers[table]:
                project = row["project_id"]
                top[table][project] = top[table].get(project, 0) + 1
                numbers[table][row["id"]] = top[table][project]
            row["number"] = numbers[table][row["id"]]


def _journaled_rows(conn):
    """Each journal entry that holds whole risk or issue rows, with those rows to change in
    place; the entry is written back once the caller has changed them."""
    entries = conn.execute(
        sa.text("SELECT id, changes FROM journal WHERE changes LIKE :risk OR changes LIKE :issue ORDER BY id"),
        {"risk": '%"table":"risk"%', "issue": '%"table":"issue"%'}).all()
    for entry_id, text in entries:
        changes = json.loads(text)
        rows = [(c["table"], c["row"]) for c in changes
                if c.get("table") in TABLES and isinstance(c.get("row"), dict)]
        if rows:
            yield entry_id, rows
            conn.execute(sa.text("UPDATE journal SET changes = :c WHERE id = :i"),
                         {"c": json.dumps(changes, separators=(",", ":")), "i": entry_id})


def downgrade() -> None:
    # In place, for the same reason as upgrade (SQLite 3.35 and later drop a column in place).
    for table in TABLES:
        op.drop_index(f'uq_{table}_number', table_name=table)
        op.execute(f"ALTER TABLE {table} DROP COLUMN number")
    for _entry, rows in _journaled_rows(op.get_bind()):
        for _table, row in rows:
            row.pop("number", None)
