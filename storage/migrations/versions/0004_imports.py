"""import identity: the series an occurrence belongs to and the version of its source

Revision ID: 0004_imports
Revises: 0003_feedhome
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_imports'
down_revision = '0003_feedhome'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('series_key', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('source_version', sa.String(length=60), nullable=True))
        batch_op.create_index('ix_activities_series_key', ['series_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_series_key')
        batch_op.drop_column('source_version')
        batch_op.drop_column('series_key')
