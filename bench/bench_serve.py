"""`/itag upcoming` through `itag-bot serve` with 10,000 activities, beside a bare Bolt app.

Run: python -m bench.bench_serve  (PostgreSQL: ITAG_BENCH_DATABASE_URL=postgresql://...)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from bench.data import prepare
from bench.load import drive
from bench.targets import running
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, command_body

ACTIVITIES = 10_000


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Measure the bare baseline and the real app in one run; return one row each."""
    total, concurrency = (300, 8) if quick else (2000, 16)
    database = (
        os.environ.get("ITAG_BENCH_DATABASE_URL") or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    )
    prepare(database, ACTIVITIES)
    fake = FakeSlack().start()
    env = {
        "DATABASE_URL": database,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    }
    body = command_body("upcoming", response_url=fake.response_url())
    rows = []
    try:
        for target in ("bare", "itag"):
            with running(target, env) as (url, _pid):
                drive(url, lambda i: body, total=total // 5, concurrency=concurrency)  # warm-up
                result = drive(url, lambda i: body, total=total, concurrency=concurrency)
            rows.append({"target": target, "db": database.split(":")[0], **result.summary()})
    finally:
        fake.stop()
    bare, itag = rows
    itag["rps_vs_bare"] = round(itag["rps"] / bare["rps"], 2)
    itag["p99_vs_bare"] = round(itag["p99_ms"] / bare["p99_ms"], 2)
    return rows


if __name__ == "__main__":
    from bench.report import print_table

    print_table("/itag upcoming, 10,000 activities", run(quick=os.environ.get("BENCH_QUICK") == "1"))
