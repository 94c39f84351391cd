"""listing indexes: pages read along (start_date, start_time, id), per kind too; end_date for
what still runs (they replace the start_date and (kind, start_date) indexes they extend)

Revision ID: 0007_structure
Revises: 0006_structure
Create Date: 2026-11-29
"""

from alembic import op

revision = "0007_structure"
down_revision = "0006_structure"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_activities_day_order", "activities", ["start_date", "start_time", "id"])
    op.create_index("ix_activities_kind_day_order", "activities", ["kind", "start_date", "start_time", "id"])
    op.create_index("ix_activities_end_date", "activities", ["end_date", "start_date"])
    op.drop_index("ix_activities_start_date", table_name="activities")
    op.drop_index("ix_activities_kind_start", table_name="activities")


def downgrade() -> None:
    op.create_index("ix_activities_kind_start", "activities", ["kind", "start_date"])
    op.create_index("ix_activities_start_date", "activities", ["start_date"])
    op.drop_index("ix_activities_end_date", table_name="activities")
    op.drop_index("ix_activities_kind_day_order", table_name="activities")
    op.drop_index("ix_activities_day_order", table_name="activities")
