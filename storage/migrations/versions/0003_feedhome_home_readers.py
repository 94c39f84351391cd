"""home tab readers: who opened the Home tab and when, so edits refresh it for them

Revision ID: 0003_feedhome
Revises: 0002_workspaces
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa
import storage.db


revision = '0003_feedhome'
down_revision = '0002_workspaces'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('home_readers',
    sa.Column('user_id', sa.String(length=40), nullable=False),
    sa.Column('team_id', sa.String(length=20), nullable=True),
    sa.Column('opened_at', storage.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_home_readers'))
    )
    with op.batch_alter_table('home_readers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_home_readers_opened_at'), ['opened_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('home_readers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_home_readers_opened_at'))
    op.drop_table('home_readers')
