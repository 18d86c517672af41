"""Projects keep which summaries the WBS and the Gantt show folded (view state, not journaled),
so that a plan opens as it was left; NULL, none folded

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # in place: nullable, no default, so SQLite adds it without copying the table
    op.add_column('project', sa.Column('folded', sa.String(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE project DROP COLUMN folded")
