"""Bulk data for benchmarks: a migrated, seeded database with N extra activities."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import insert, text

from bot.services import create_services, migrate, seed_programme
from bot.settings import Settings
from domain.dates import start_instant
from domain.kinds import KINDS
from storage.models import Activity

PLACES = ["Geneva", "Santiago, Chile", "Auckland, New Zealand", "Mexico City", "Ottawa", None]


def activity_rows(count: int, *, start: date, seed: int = 7) -> list[dict[str, object]]:
    """`count` plausible activities spread over three years from `start`."""
    rng = random.Random(seed)
    kinds = list(KINDS)
    now = datetime.now(UTC)
    rows = []
    for index in range(count):
        day = start + timedelta(days=rng.randrange(0, 3 * 365))
        at = time(rng.choice([9, 13, 15]), 0) if index % 3 else None
        zone = rng.choice(["Europe/Zurich", "America/Santiago", "Pacific/Auckland", "UTC"])
        rows.append(
            {
                "title": f"Bench activity {index}",
                "kind": rng.choice(kinds),
                "precision": "day",
                "start_date": day,
                "start_time": at,
                "timezone": zone,
                "starts_at": start_instant(day, at, zone),
                "place": rng.choice(PLACES),
                "description": "Generated for benchmarking.",
                "status": "active",
                "created_at": now,
                "source_key": f"bench:{index}",
            }
        )
    return rows


def prepare(database_url: str, count: int) -> None:
    """Empty the database, migrate, seed, then add `count` activities."""
    services = create_services(Settings(database_url=database_url))
    if services.engine.dialect.name == "postgresql":
        with services.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate(services)
    seed_programme(services)
    rows = activity_rows(count, start=date.today())  # noqa: DTZ011 - spread around the real today
    with services.session_factory.begin() as session:
        for chunk in range(0, len(rows), 2000):
            session.execute(insert(Activity), rows[chunk : chunk + 2000])
    services.engine.dispose()
