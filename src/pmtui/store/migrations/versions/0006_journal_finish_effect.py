"""Journal entries record what each action did to the project finish (before and after), so that
`pmtui history` and `pmtui why finish` can say which changes moved it; older entries keep NULL,
an effect not known

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # in place: nullable, no default, so SQLite adds it without copying the table
    op.add_column('journal', sa.Column('effect', sa.String(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE journal DROP COLUMN effect")
