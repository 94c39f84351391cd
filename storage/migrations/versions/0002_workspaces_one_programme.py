"""one programme for every member workspace: activities are no longer scoped to a team

Every existing row is kept; rows logged in any workspace become part of the one programme.

Revision ID: 0002_workspaces
Revises: 0001
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_workspaces'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_column('team_id')


def downgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_id', sa.String(length=20), nullable=True))
