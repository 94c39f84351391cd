"""The models and the migrations describe the same schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.services import Services
from storage.models import Base


def test_migrated_schema_matches_the_models(services: Services) -> None:
    with services.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert [d for d in differences if not _postgresql_only(d, services.engine.dialect.name)] == []


def _postgresql_only(difference: object, dialect: str) -> bool:
    """A PostgreSQL-only index (trigram search) that the migration creates on PostgreSQL alone."""
    if dialect == "postgresql" or not isinstance(difference, tuple) or difference[0] != "add_index":
        return False
    return bool(difference[1].dialect_options["postgresql"].get("using"))
