"""The calendar feed and the Home tab with 10,000 activities, beside a bare endpoint, in one run.

- feed, first request: a fresh server's first answer, every event written by icalendar;
- feed, after one edit: the stamp changed, the one changed event written again;
- feed, cached 200 and 304: what a calendar client polling every few minutes costs;
- Home tab: a signed `app_home_opened` until the fake Slack records its `views.publish`.
The bare target answers any GET with a constant body and publishes a constant Home tab.

Run: python -m bench.bench_calendar  (PostgreSQL: ITAG_BENCH_DATABASE_URL=postgresql://...)
"""

from __future__ import annotations

import http.client
import json
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from bench.data import prepare
from bench.load import LoadResult
from bench.targets import running, server_env
from bot.services import create_services
from bot.settings import Settings
from domain.calendar_links import CalendarLinks
from storage.calendar_feed import ensure_nonce
from storage.models import Activity
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, signed_headers

ACTIVITIES = 10_000
PUBLIC_URL = "https://itag.example.org"


def _feed_path(database: str) -> tuple[str, Any]:
    """The feed's path (the nonce made once), and services to change the data stamp with."""
    services = create_services(Settings(database_url=database))
    with services.session_factory.begin() as session:
        nonce = ensure_nonce(session)
    url = CalendarLinks(PUBLIC_URL, SIGNING_SECRET).feed_url(nonce)
    return url[len(PUBLIC_URL) :], services


def _get(conn: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> tuple[float, int, str]:
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    reply = conn.getresponse()
    reply.read()
    return time.perf_counter() - started, reply.status, reply.getheader("ETag") or ""


def _edit(services: Any, index: int) -> None:
    """A committed edit of one activity (as the form makes it): a new stamp, one changed event."""
    with services.session_factory.begin() as session:
        row = session.scalars(select(Activity).where(Activity.source_key == f"bench:{index}")).one()
        row.title = f"Bench activity {index}, edited"
        row.updated_at = datetime.now(UTC)


def _cold(base: str, path: str) -> tuple[float, int]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    took, status, _ = _get(conn, path, {})
    conn.close()
    return took, status


def _feed_rows(base: str, path: str, services: Any, *, edits: int, warm: int) -> list[tuple[str, LoadResult]]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    edited, cached, not_modified = LoadResult(), LoadResult(), LoadResult()
    for _ in range(2):  # each of the two workers renders once before edits are measured
        _cold(base, path)
    for index in range(edits):
        _edit(services, index)
        took, status, _ = _get(conn, path, {})
        edited.latencies.append(took)
        edited.failures += status != 200
    etag = _get(conn, path, {})[2]
    for _ in range(warm):
        took, status, _ = _get(conn, path, {})
        cached.latencies.append(took)
        cached.failures += status != 200
        took, status, _ = _get(conn, path, {"If-None-Match": etag})
        not_modified.latencies.append(took)
        not_modified.failures += status != 304 and etag != ""
    conn.close()
    return [("feed, after one edit", edited), ("feed, cached 200", cached), ("feed, 304", not_modified)]


def _home_rows(events_url: str, fake: FakeSlack, *, samples: int, prefix: str) -> LoadResult:
    parts = urlsplit(events_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    result = LoadResult()
    for index in range(samples):
        user = f"U0{prefix}{index:05d}"  # unique per target: the fake keeps every call
        event = {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A1",
            "event_id": f"Ev{index}",
            "event_time": 1,
            "event": {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"},
        }
        body = json.dumps(event)
        started = time.perf_counter()
        conn.request(
            "POST",
            parts.path,
            body=body.encode(),
            headers=signed_headers(body, content_type="application/json"),
        )
        reply = conn.getresponse()
        reply.read()
        ok = _wait_publish(fake, user)
        result.latencies.append(time.perf_counter() - started)
        result.failures += not ok or reply.status != 200
    conn.close()
    return result


def _wait_publish(fake: FakeSlack, user: str, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    with fake.lock:
        while time.monotonic() < deadline:
            if any(
                c.method == "views.publish" and c.body.get("user_id") == user for c in reversed(fake.calls)
            ):
                return True
            fake.lock.wait(0.05)
    return False


def _row(target: str, what: str, result: LoadResult, database: str) -> dict[str, Any]:
    summary = result.summary()
    keep = ("requests", "p50_ms", "p95_ms", "p99_ms", "max_ms", "failures")
    return {"target": target, "measure": what, "db": database.split(":")[0], **{k: summary[k] for k in keep}}


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Bare and itag-bot, each: feed cold/after an edit/cached/304, and the Home tab publish."""
    colds, edits, warm, homes = (1, 3, 50, 20) if quick else (3, 20, 300, 100)
    database = (
        os.environ.get("ITAG_BENCH_DATABASE_URL") or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    )
    prepare(database, ACTIVITIES)
    path, services = _feed_path(database)
    fake = FakeSlack().start()
    env = {**server_env(database, fake), "ITAG_PUBLIC_URL": PUBLIC_URL}
    rows = []
    try:
        for target in ("bare", "itag"):
            cold = LoadResult()
            for _ in range(colds):  # a fresh server each time: its first feed request
                with running(target, env) as (events_url, _pid):
                    took, status = _cold(events_url.removesuffix("/slack/events"), path)
                cold.latencies.append(took)
                cold.failures += status != 200
            rows.append(_row(target, "feed, first request (cold worker)", cold, database))
            with running(target, env) as (events_url, _pid):
                base = events_url.removesuffix("/slack/events")
                for what, result in _feed_rows(base, path, services, edits=edits, warm=warm):
                    rows.append(_row(target, what, result, database))
                home = _home_rows(events_url, fake, samples=homes, prefix=target.upper())
                rows.append(_row(target, "Home tab published", home, database))
    finally:
        fake.stop()
        services.engine.dispose()
    return rows


if __name__ == "__main__":
    from bench.report import print_table

    print_table(
        "Calendar feed and Home tab, 10,000 activities", run(quick=os.environ.get("BENCH_QUICK") == "1")
    )
