"""Initial schema: projects, calendars, tasks, links, resources, assignments, journal

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('workdays', sa.Integer(), nullable=False),
    sa.CheckConstraint('workdays >= 0 AND workdays < 128', name='ck_calendar_workdays'),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    op.create_table('journal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('changes', sa.String(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_project_id'), ['project_id'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('calendar_exception',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('calendar_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('working', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['calendar_id'], ['calendar.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('calendar_id', 'day', name='uq_calendar_exception_day'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('calendar_exception', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_exception_calendar_id'), ['calendar_id'], unique=False)

    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('calendar_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['calendar_id'], ['calendar.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_calendar_id'), ['calendar_id'], unique=False)

    op.create_table('resource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('cost_rate', sa.Float(), nullable=False),
    sa.Column('max_units', sa.Float(), nullable=False),
    sa.Column('calendar_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['calendar_id'], ['calendar.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('project_id', 'name', name='uq_resource_name'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('resource', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_calendar_id'), ['calendar_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resource_project_id'), ['project_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('duration', sa.Integer(), nullable=False),
    sa.Column('optimistic', sa.Float(), nullable=True),
    sa.Column('most_likely', sa.Float(), nullable=True),
    sa.Column('pessimistic', sa.Float(), nullable=True),
    sa.Column('constraint_type', sa.String(), nullable=False),
    sa.Column('constraint_date', sa.Date(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('percent_complete', sa.Integer(), nullable=False),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_finish', sa.Date(), nullable=True),
    sa.Column('remaining', sa.Integer(), nullable=True),
    sa.Column('fixed_cost', sa.Float(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.CheckConstraint('duration >= 0', name='ck_task_duration'),
    sa.CheckConstraint('percent_complete >= 0 AND percent_complete <= 100', name='ck_task_percent'),
    sa.ForeignKeyConstraint(['parent_id'], ['task.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_project_id'), ['project_id'], unique=False)

    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('units', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['resource_id'], ['resource.id'], ),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('task_id', 'resource_id', name='uq_assignment_pair'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_resource_id'), ['resource_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignment_task_id'), ['task_id'], unique=False)

    op.create_table('dependency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('pred_id', sa.Integer(), nullable=False),
    sa.Column('succ_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(), nullable=False),
    sa.Column('lag', sa.Integer(), nullable=False),
    sa.CheckConstraint('pred_id <> succ_id', name='ck_dependency_self'),
    sa.ForeignKeyConstraint(['pred_id'], ['task.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.ForeignKeyConstraint(['succ_id'], ['task.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('pred_id', 'succ_id', name='uq_dependency_pair'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('dependency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dependency_pred_id'), ['pred_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dependency_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dependency_succ_id'), ['succ_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('dependency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dependency_succ_id'))
        batch_op.drop_index(batch_op.f('ix_dependency_project_id'))
        batch_op.drop_index(batch_op.f('ix_dependency_pred_id'))

    op.drop_table('dependency')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_task_id'))
        batch_op.drop_index(batch_op.f('ix_assignment_resource_id'))

    op.drop_table('assignment')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_project_id'))
        batch_op.drop_index(batch_op.f('ix_task_parent_id'))

    op.drop_table('task')
    with op.batch_alter_table('resource', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_project_id'))
        batch_op.drop_index(batch_op.f('ix_resource_calendar_id'))

    op.drop_table('resource')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_calendar_id'))

    op.drop_table('project')
    with op.batch_alter_table('calendar_exception', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_exception_calendar_id'))

    op.drop_table('calendar_exception')
    op.drop_table('setting')
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journal_project_id'))

    op.drop_table('journal')
    op.drop_table('calendar')
