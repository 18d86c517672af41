"""Drop ix_dependency_pred_id: the unique (pred_id, succ_id) index already serves pred_id lookups

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('dependency', schema=None) as batch_op:
        batch_op.drop_index('ix_dependency_pred_id')


def downgrade() -> None:
    with op.batch_alter_table('dependency', schema=None) as batch_op:
        batch_op.create_index('ix_dependency_pred_id', ['pred_id'], unique=False)
