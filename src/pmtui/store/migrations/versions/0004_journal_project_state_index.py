"""Index journal (project_id, state): the journal's version and each action's drop of the
undone entries read it instead of every entry of the project

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.create_index('ix_journal_project_state', ['project_id', 'state'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.drop_index('ix_journal_project_state')
