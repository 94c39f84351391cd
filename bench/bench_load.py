"""1,000 signed /itag commands of mixed kinds at 50 concurrent connections, beside bare Bolt.

Run: python -m bench.bench_load  (uses ITAG_BENCH_DATABASE_URL, else the local PostgreSQL
at postgresql://postgres@127.0.0.1:5432/test, else SQLite)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.data import prepare
from bench.load import drive
from bench.targets import running, worker_rss_mib
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, command_body

ACTIVITIES = 10_000
MIX = [
    "help",
    "upcoming",
    "upcoming 90d",
    "upcoming 6 months ministerial",
    "past 2019",
    "past webinar",
    "plan",
    "plan 2022-2024 2",
    "search geneva",
    "search women trade",
    "show 2",
    "members",
]
LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/test"


def _database() -> str:
    if url := os.environ.get("ITAG_BENCH_DATABASE_URL"):
        return url
    try:
        with create_engine(LOCAL_PG.replace("postgresql:", "postgresql+psycopg:")).connect() as conn:
            conn.execute(text("SELECT 1"))
        return LOCAL_PG.replace("/test", "/itag_bench")
    except Exception:
        return f"sqlite:///{Path(tempfile.mkdtemp()) / 'load.db'}"


def _ensure_database(url: str) -> None:
    if not url.startswith("postgresql") or "itag_bench" not in url:
        return
    admin = create_engine(
        LOCAL_PG.replace("postgresql:", "postgresql+psycopg:"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = 'itag_bench'")).scalar():
            conn.execute(text("CREATE DATABASE itag_bench"))
    admin.dispose()


def run(quick: bool = False) -> list[dict[str, Any]]:
    total, concurrency = (200, 20) if quick else (1000, 50)
    database = _database()
    _ensure_database(database)
    prepare(database, ACTIVITIES)
    fake = FakeSlack().start()
    env = {
        "DATABASE_URL": database,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    }
    bodies = [
        command_body(MIX[i % len(MIX)], user=f"U0LOAD{i % 50:02d}", response_url=fake.response_url())
        for i in range(total)
    ]
    rows = []
    try:
        for target in ("bare", "itag"):
            with running(target, env) as (url, pid):
                result = drive(url, bodies.__getitem__, total=total, concurrency=concurrency)
                rss = worker_rss_mib(pid)
            rows.append(
                {
                    "target": target,
                    "db": database.split(":")[0],
                    "concurrency": concurrency,
                    **result.summary(),
                    "worker_rss_mib": max(rss, default=0.0),
                }
            )
    finally:
        fake.stop()
    return rows


if __name__ == "__main__":
    from bench.report import print_table

    print_table("Mixed /itag load, 10,000 activities", run(quick=os.environ.get("BENCH_QUICK") == "1"))
