"""Risks and issues get a number of their own per project (R1, I1 in every project); existing
rows are numbered per project in id order, so a database with one project keeps its codes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""
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


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'uq_{table}_number')
            batch_op.drop_column('number')
