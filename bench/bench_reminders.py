"""Time one due-reminder pass (the query and the ledger read, no Slack) as the table grows.

The table grows the way ITAG's does: history accumulates while the coming year holds a
steady number of activities. A pass reads only the index range of activities that can
have a reminder due, so its time should barely move from 1,000 to 100,000 rows.

SQLite by default; set ITAG_BENCH_DATABASE_URL (a PostgreSQL server URL) to use PostgreSQL.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url

from domain.dates import start_instant
from domain.kinds import KINDS
from storage.db import make_engine, make_session_factory, normalise_url
from storage.due import due_deliveries
from storage.migrate import upgrade
from storage.models import Activity

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
UPCOMING = 400  # activities in the coming year, whatever the size of the history
ZONES = ("Europe/Zurich", "America/Santiago", "Pacific/Auckland", "UTC")


def _rows(size: int) -> Iterator[dict[str, object]]:
    kinds = list(KINDS)
    past = max(size - UPCOMING, 0)
    for n in range(size):
        offset = -(n + 1) * 0.4 if n < past else (n - past) * 365 / UPCOMING + 0.5
        day = (NOW + timedelta(days=offset)).date()
        at = dtime(9 + n % 8, 30) if n % 3 else None
        zone = ZONES[n % len(ZONES)]
        yield {
            "title": f"Activity {n}",
            "kind": kinds[n % len(kinds)],
            "precision": "day",
            "start_date": day,
            "start_time": at,
            "timezone": zone,
            "starts_at": start_instant(day, at, zone),
            "status": "cancelled" if n % 17 == 0 else "active",
            "created_at": NOW,
        }


def _fill(engine: Engine, size: int) -> None:
    rows = list(_rows(size))
    with engine.begin() as connection:
        for start in range(0, len(rows), 5000):
            connection.execute(insert(Activity), rows[start : start + 5000])


@contextmanager
def _database(size: int) -> Iterator[Engine]:
    server = os.environ.get("ITAG_BENCH_DATABASE_URL")
    if not server:
        with tempfile.TemporaryDirectory() as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            yield engine
            engine.dispose()
        return
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    name = f"itag_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(
        make_url(normalise_url(server)).set(database=name).render_as_string(hide_password=False)
    )
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _time_pass(engine: Engine, passes: int) -> tuple[float, int]:
    factory = make_session_factory(engine)
    timings, due = [], 0
    for n in range(passes + 1):
        started = time.perf_counter()
        with factory() as session:
            due = len(due_deliveries(session, now=NOW + timedelta(minutes=n), channels=["C0REMIND"]))
        if n:  # the first pass warms caches
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), due


def _time_scan(engine: Engine, passes: int) -> float:
    """Baseline: what a pass that scanned every activity in Python would pay just to read them."""
    factory = make_session_factory(engine)
    timings = []
    for n in range(passes + 1):
        started = time.perf_counter()
        with factory() as session:
            rows = session.execute(
                select(Activity.id, Activity.kind, Activity.starts_at, Activity.status)
            ).all()
            sum(1 for row in rows if row.starts_at is not None and row.starts_at > NOW)
        if n:
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(quick: bool = False) -> list[dict[str, object]]:
    """Rows of name, size, ms_per_pass and note, one per table size."""
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    results: list[dict[str, object]] = []
    for size in sizes:
        with _database(size) as engine:
            upgrade(engine)
            if engine.dialect.name == "postgresql":
                with engine.begin() as connection:
                    connection.execute(text("ANALYZE"))
            _fill(engine, size)
            if engine.dialect.name == "postgresql":
                with engine.begin() as connection:
                    connection.execute(text("ANALYZE activities"))
            ms, due = _time_pass(engine, 3 if quick else 15)
            scan = _time_scan(engine, 2 if quick else 5)
            note = f"{engine.dialect.name}; {due} due now; {UPCOMING} in the coming year"
            results.append(
                {
                    "name": "due_reminder_pass",
                    "size": size,
                    "ms_per_pass": round(ms, 2),
                    "baseline_full_scan_ms": round(scan, 2),
                    "note": note,
                }
            )
    return results


def _print(rows: list[dict[str, object]]) -> None:
    print(f"{'activities':>10}  {'ms/pass':>8}  {'x rows':>6}  {'x time':>6}  note")
    base = rows[0]
    for row in rows:
        grow_rows = int(row["size"]) / int(base["size"])  # type: ignore[call-overload]
        grow_time = float(row["ms_per_pass"]) / max(float(base["ms_per_pass"]), 1e-9)  # type: ignore[arg-type]
        size, ms, note = row["size"], row["ms_per_pass"], row["note"]
        print(f"{size:>10,}  {ms:>8}  {grow_rows:>6.0f}  {grow_time:>6.2f}  {note}")


if __name__ == "__main__":
    _print(run())
