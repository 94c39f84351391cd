"""one delivery ledger: digest runs move into deliveries (activity 0, lead "digest", the period
as occurrence), and digest_runs goes

Revision ID: 0008_structure
Revises: 0007_structure
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

import storage.db

revision = "0008_structure"
down_revision = "0007_structure"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO deliveries (activity_id, lead, recipient, occurrence, due_at, status, claimed_at,"
        " sent_at, channel, message_ts, error)"
        " SELECT 0, 'digest', recipient, period, claimed_at, status, claimed_at, sent_at, recipient,"
        " message_ts, error FROM digest_runs"
    )
    op.drop_table("digest_runs")


def downgrade() -> None:
    op.create_table(
        "digest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("recipient", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("claimed_at", storage.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", storage.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("message_ts", sa.String(length=40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_runs")),
        sa.UniqueConstraint("period", "recipient", name=op.f("uq_digest_runs_period")),
    )
    op.execute(
        "INSERT INTO digest_runs (period, recipient, status, claimed_at, sent_at, message_ts, error)"
        " SELECT occurrence, recipient, status, claimed_at, sent_at, message_ts, error FROM deliveries"
        " WHERE activity_id = 0 AND lead = 'digest'"
    )
    op.execute("DELETE FROM deliveries WHERE activity_id = 0 AND lead = 'digest'")
