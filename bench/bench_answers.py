"""Uncached answers at 100,000 activities: `/itag upcoming`, `past`, `search` and `show`, each the
whole handler (queries, cards, blocks) in its own transaction, no answer cache.

Baselines in the same run, on the same database: one primary-key read through the ORM (the floor
any answer pays), and the COUNT over the listing's subquery that answers used to run for
"1–10 of N" (replaced by reading one row past the page: "more follow").

SQLite by default; set ITAG_BENCH_DATABASE_URL (a PostgreSQL server URL) to use PostgreSQL.
`python -m bench.bench_answers` runs this suite alone.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from sqlalchemy import Engine, func, insert, select, text

from bench.bench_reminders import _database
from bot.services import Services, create_services, migrate, seed_programme
from bot.settings import Settings
from domain.dates import start_instant
from domain.kinds import KINDS
from handlers.router import route
from storage.models import Activity

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
PLACES = ("Geneva", "Santiago, Chile", "Auckland, New Zealand", "Mexico City", "Ottawa", None)
WORDS = ("trade", "gender", "indigenous", "MSMEs", "women", "digital", "agriculture", "services")


def _rows(size: int) -> list[dict[str, object]]:
    """Three years of history and three ahead, one activity in 17 cancelled, a third timed."""
    rng = random.Random(11)
    kinds = list(KINDS)
    rows = []
    for n in range(size):
        day = NOW.date() + timedelta(days=rng.randrange(-3 * 365, 3 * 365))
        at = dtime(rng.choice((9, 10, 13, 15)), 0) if n % 3 else None
        zone = rng.choice(("Europe/Zurich", "America/Santiago", "Pacific/Auckland", "UTC"))
        words = " ".join(rng.sample(WORDS, 2))
        rows.append(
            {
                "title": f"Activity {n} on {words}",
                "kind": rng.choice(kinds),
                "precision": "day",
                "start_date": day,
                "end_date": day + timedelta(days=2) if n % 29 == 0 else None,
                "start_time": at,
                "timezone": zone,
                "starts_at": start_instant(day, at, zone),
                "place": rng.choice(PLACES),
                "description": f"A session on {words}.",
                "status": "cancelled" if n % 17 == 0 else "active",
                "created_at": NOW,
            }
        )
    return rows


def _prepare(engine: Engine, size: int) -> Services:
    url = engine.url.render_as_string(hide_password=False)
    services = create_services(Settings(database_url=url), clock=lambda: NOW)
    migrate(services)
    seed_programme(services)
    rows = _rows(size)
    with engine.begin() as connection:
        for first in range(0, len(rows), 5000):
            connection.execute(insert(Activity), rows[first : first + 5000])
        connection.execute(text("ANALYZE"))  # both databases plan from fresh statistics
    return services


def _time(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and p99 milliseconds over `runs`, after two warm-up runs."""
    for _ in range(2):
        action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.99))]


def _answer(services: Services, text: str) -> Callable[[], object]:
    def run() -> object:
        with services.context(user_id="U0BENCH") as ctx:
            return route(ctx, text)

    return run


def _pk_read(services: Services, activity_id: int) -> Callable[[], object]:
    def run() -> object:
        with services.session_factory.begin() as session:
            return session.get(Activity, activity_id)

    return run


def _old_count(services: Services) -> Callable[[], object]:
    """What the upcoming answer used to pay for its total: COUNT over the listing's subquery."""
    last_day = func.coalesce(Activity.end_date, Activity.start_date)
    listing = select(Activity).where(
        Activity.deleted_at.is_(None),
        Activity.start_date.is_not(None),
        Activity.status != "cancelled",
        last_day >= NOW.date(),
    )

    def run() -> object:
        with services.session_factory.begin() as session:
            return session.scalar(select(func.count()).select_from(listing.subquery()))

    return run


def run(quick: bool = False) -> list[dict[str, object]]:
    """One row per answer (and baseline): database, activities, median and p99 ms."""
    size = 10_000 if quick else 100_000
    runs = 30 if quick else 200
    results: list[dict[str, object]] = []
    with _database(size) as engine:
        services = _prepare(engine, size)
        with services.session_factory() as session:
            some_id = int(session.scalar(select(func.max(Activity.id))) or 1) // 2
        cases: list[tuple[str, Callable[[], object]]] = [
            ("baseline: primary-key read", _pk_read(services, some_id)),
            ("baseline: old COUNT over the upcoming subquery", _old_count(services)),
            ("upcoming", _answer(services, "upcoming")),
            ("upcoming, page 5", _answer_page(services, "upcoming", 40)),
            ("upcoming 90d ministerial", _answer(services, "upcoming 90d ministerial")),
            ("past", _answer(services, "past")),
            ("past 2025 webinar", _answer(services, "past 2025 webinar")),
            ("search gender", _answer(services, "search gender")),
            ("search (no match: reads every row)", _answer(services, "search zqxj")),
            ("show", _answer(services, f"show {some_id}")),
        ]
        for name, action in cases:
            median, p99 = _time(action, runs)
            results.append(
                {
                    "database": engine.dialect.name,
                    "activities": size,
                    "answer": name,
                    "median_ms": round(median, 2),
                    "p99_ms": round(p99, 2),
                }
            )
        services.engine.dispose()  # the answers' own engine; `engine` is the bench's
    return results


def _answer_page(services: Services, text: str, offset: int) -> Callable[[], object]:
    def run() -> object:
        with services.context(user_id="U0BENCH") as ctx:
            return route(ctx, text, offset=offset)

    return run


if __name__ == "__main__":
    from bench.report import print_table

    print_table(f"Uncached answers ({date.today():%Y-%m-%d})", run())  # noqa: DTZ011
