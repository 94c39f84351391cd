"""activities.end_time: when a timed activity ends (webinars run 10:00-11:30)

Revision ID: 0009_structure
Revises: 0008_workspaces
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_structure"
down_revision = "0008_workspaces"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("end_time", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("end_time")
