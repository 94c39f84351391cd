"""listings read along indexes: activities.list_date (the last day of the day, month or year an
activity is dated to), indexes in list order (forwards, per kind, newest first) and on end_date

Revision ID: 0010_structure
Revises: 0009_structure
Create Date: 2026-11-29
"""

import calendar
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0010_structure"
down_revision = "0009_structure"
branch_labels = None
depends_on = None


def _period_end(start: date | None, precision: str) -> date | None:
    if start is None:
        return None
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start


def upgrade() -> None:
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("list_date", sa.Date(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, start_date, precision FROM activities")).all()
    values = [
        {"id": ident, "list_date": _period_end(start if isinstance(start, date) else _day(start), precision)}
        for ident, start, precision in rows
    ]
    if values:
        connection.execute(sa.text("UPDATE activities SET list_date = :list_date WHERE id = :id"), values)
    op.create_index("ix_activities_list_order", "activities", ["list_date", "precision", "start_time", "id"])
    op.create_index(
        "ix_activities_kind_list_order", "activities", ["kind", "list_date", "precision", "start_time", "id"]
    )
    op.create_index("ix_activities_end_date", "activities", ["end_date", "start_date"])
    op.create_index(
        "ix_activities_past_order",
        "activities",
        [sa.text("start_date DESC"), "precision", sa.text("start_time DESC"), sa.text("id DESC")],
    )
    op.create_index(
        "ix_activities_kind_past_order",
        "activities",
        ["kind", sa.text("start_date DESC"), "precision", sa.text("start_time DESC"), sa.text("id DESC")],
    )


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def downgrade() -> None:
    for name in (
        "ix_activities_kind_past_order",
        "ix_activities_past_order",
        "ix_activities_end_date",
        "ix_activities_kind_list_order",
        "ix_activities_list_order",
    ):
        op.drop_index(name, table_name="activities")
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("list_date")
