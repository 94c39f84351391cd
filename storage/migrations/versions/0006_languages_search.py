"""accent- and case-insensitive search: folded search_text columns, trigram index on PostgreSQL

Revision ID: 0006_languages
Revises: 0005_programme
Create Date: 2026-11-29
"""
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0006_languages"
down_revision = "0005_programme"
branch_labels = None
depends_on = None


def _fold(text: str) -> str:
    # Frozen copy of domain.text.fold as of this revision: a migration must not change
    # behaviour when the application code does.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _joined(*parts: object) -> str:
    return "\n".join(_fold(p.replace("_", " ")) for p in parts if isinstance(p, str) and p)


def _backfill(table: str, columns: tuple[str, ...]) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}")).all()
    update = sa.text(f"UPDATE {table} SET search_text = :folded WHERE id = :id")
    values = [{"id": row[0], "folded": _joined(*row[1:])} for row in rows]
    if values:
        connection.execute(update, values)


def upgrade() -> None:
    for table in ("activities", "plan_items"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
    _backfill("activities", ("title", "place", "description", "kind"))
    _backfill("plan_items", ("title", "body"))
    if op.get_bind().dialect.name == "postgresql":
        # pg_trgm is a trusted extension since PostgreSQL 13: the database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(
            "ix_activities_search_text_trgm",
            "activities",
            ["search_text"],
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_activities_search_text_trgm", table_name="activities")
    for table in ("plan_items", "activities"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("search_text")
