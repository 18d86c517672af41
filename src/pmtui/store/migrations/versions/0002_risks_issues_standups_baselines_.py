"""Risks and issues, stand-ups, baselines and status snapshots; actual cost on tasks

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('baseline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('finish', sa.Date(), nullable=True),
    sa.Column('cost', sa.Float(), nullable=False),
    sa.Column('work', sa.Float(), nullable=False),
    sa.CheckConstraint('number BETWEEN 0 AND 10', name='ck_baseline_number'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'name', name='uq_baseline_name'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('baseline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baseline_project_id'), ['project_id'], unique=False)

    op.create_table('snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('finish', sa.Date(), nullable=True),
    sa.Column('percent_complete', sa.Float(), nullable=False),
    sa.Column('bac', sa.Float(), nullable=False),
    sa.Column('pv', sa.Float(), nullable=False),
    sa.Column('ev', sa.Float(), nullable=False),
    sa.Column('ac', sa.Float(), nullable=False),
    sa.Column('spi', sa.Float(), nullable=True),
    sa.Column('cpi', sa.Float(), nullable=True),
    sa.Column('risks_high', sa.Integer(), nullable=False),
    sa.Column('risks_medium', sa.Integer(), nullable=False),
    sa.Column('risks_low', sa.Integer(), nullable=False),
    sa.Column('open_issues', sa.Integer(), nullable=False),
    sa.Column('data', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_snapshot_project_id'), ['project_id'], unique=False)

    op.create_table('standup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('status_date_before', sa.Date(), nullable=True),
    sa.Column('finish_before', sa.Date(), nullable=True),
    sa.Column('finish_after', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'day', name='uq_standup_day'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('standup', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standup_project_id'), ['project_id'], unique=False)

    op.create_table('baseline_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('baseline_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('wbs', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('summary', sa.Boolean(), nullable=False),
    sa.Column('milestone', sa.Boolean(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('finish', sa.Date(), nullable=False),
    sa.Column('duration', sa.Integer(), nullable=False),
    sa.Column('work', sa.Float(), nullable=False),
    sa.Column('cost', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['baseline_id'], ['baseline.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('baseline_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baseline_task_baseline_id'), ['baseline_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_baseline_task_task_id'), ['task_id'], unique=False)

    op.create_table('risk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('cause', sa.String(), nullable=False),
    sa.Column('effect', sa.String(), nullable=False),
    sa.Column('probability', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('strategy', sa.String(), nullable=False),
    sa.Column('response', sa.String(), nullable=False),
    sa.Column('trigger', sa.String(), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('schedule_impact', sa.Integer(), nullable=False),
    sa.Column('cost_impact', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.CheckConstraint('impact BETWEEN 1 AND 5', name='ck_risk_impact'),
    sa.CheckConstraint('probability BETWEEN 1 AND 5', name='ck_risk_probability'),
    sa.ForeignKeyConstraint(['owner_id'], ['resource.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_project_id'), ['project_id'], unique=False)

    op.create_table('standup_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('standup_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=True),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('detail', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['resource_id'], ['resource.id'], ),
    sa.ForeignKeyConstraint(['standup_id'], ['standup.id'], ),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('standup_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standup_event_resource_id'), ['resource_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_standup_event_standup_id'), ['standup_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_standup_event_task_id'), ['task_id'], unique=False)

    op.create_table('standup_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('standup_id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=True),
    sa.Column('yesterday', sa.String(), nullable=False),
    sa.Column('today', sa.String(), nullable=False),
    sa.Column('blockers', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['resource_id'], ['resource.id'], ),
    sa.ForeignKeyConstraint(['standup_id'], ['standup.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('standup_id', 'resource_id', name='uq_standup_note_person'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('standup_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standup_note_resource_id'), ['resource_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_standup_note_standup_id'), ['standup_id'], unique=False)

    op.create_table('issue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('risk_id', sa.Integer(), nullable=True),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('resolution', sa.String(), nullable=False),
    sa.CheckConstraint('severity BETWEEN 1 AND 5', name='ck_issue_severity'),
    sa.ForeignKeyConstraint(['owner_id'], ['resource.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], ),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issue_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issue_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issue_risk_id'), ['risk_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issue_task_id'), ['task_id'], unique=False)

    op.create_table('risk_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('probability', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('risk_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_score_risk_id'), ['risk_id'], unique=False)

    op.create_table('risk_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], ),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('risk_id', 'task_id', name='uq_risk_task'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('risk_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_task_risk_id'), ['risk_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_task_task_id'), ['task_id'], unique=False)

    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actual_cost', sa.Float(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_column('actual_cost')

    with op.batch_alter_table('risk_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_task_task_id'))
        batch_op.drop_index(batch_op.f('ix_risk_task_risk_id'))

    op.drop_table('risk_task')
    with op.batch_alter_table('risk_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_score_risk_id'))

    op.drop_table('risk_score')
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issue_task_id'))
        batch_op.drop_index(batch_op.f('ix_issue_risk_id'))
        batch_op.drop_index(batch_op.f('ix_issue_project_id'))
        batch_op.drop_index(batch_op.f('ix_issue_owner_id'))

    op.drop_table('issue')
    with op.batch_alter_table('standup_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standup_note_standup_id'))
        batch_op.drop_index(batch_op.f('ix_standup_note_resource_id'))

    op.drop_table('standup_note')
    with op.batch_alter_table('standup_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standup_event_task_id'))
        batch_op.drop_index(batch_op.f('ix_standup_event_standup_id'))
        batch_op.drop_index(batch_op.f('ix_standup_event_resource_id'))

    op.drop_table('standup_event')
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_project_id'))
        batch_op.drop_index(batch_op.f('ix_risk_owner_id'))

    op.drop_table('risk')
    with op.batch_alter_table('baseline_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_baseline_task_task_id'))
        batch_op.drop_index(batch_op.f('ix_baseline_task_baseline_id'))

    op.drop_table('baseline_task')
    with op.batch_alter_table('standup', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standup_project_id'))

    op.drop_table('standup')
    with op.batch_alter_table('snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_snapshot_project_id'))

    op.drop_table('snapshot')
    with op.batch_alter_table('baseline', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_baseline_project_id'))

    op.drop_table('baseline')
