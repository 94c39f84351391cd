"""languages: a user's chosen language and cached Slack locale; a channel's language

Revision ID: 0007_languages
Revises: 0006_languages
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

import storage.db

revision = "0007_languages"
down_revision = "0006_languages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_languages",
        sa.Column("user_id", sa.String(length=40), nullable=False),
        sa.Column("chosen", sa.String(length=8), nullable=True),
        sa.Column("slack_locale", sa.String(length=16), nullable=True),
        sa.Column("checked_at", storage.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_languages")),
    )
    op.create_table(
        "channel_languages",
        sa.Column("channel", sa.String(length=100), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("channel", name=op.f("pk_channel_languages")),
    )


def downgrade() -> None:
    op.drop_table("channel_languages")
    op.drop_table("user_languages")
