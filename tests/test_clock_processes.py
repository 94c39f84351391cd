"""Real clock processes against PostgreSQL: killed mid-send, and two at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from bot.services import Services
from domain.dates import start_instant
from storage.models import Activity, Delivery
from tests.conftest import FAULT_REPORT, REMINDER_CHANNEL
from tests.fake_slack import FakeSlack

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.postgres


def _due_meetings(services: Services, count: int, tag: str) -> None:
    """`count` ministerial meetings starting in 12 hours: each owes the channel its 1-day reminder."""
    start = (datetime.now(UTC) + timedelta(hours=12)).replace(second=0, microsecond=0)
    rows = [
        {
            "title": f"{tag} {n:04d}",
            "kind": "ministerial",
            "precision": "day",
            "start_date": start.date(),
            "start_time": start.time(),
            "timezone": "UTC",
            "starts_at": start_instant(start.date(), start.time(), "UTC"),
            "status": "active",
            "created_at": start - timedelta(days=40),
        }
        for n in range(count)
    ]
    with services.session_factory.begin() as session:
        session.execute(insert(Activity), rows)


def _clock(services: Services, fake: FakeSlack, *args: str) -> subprocess.Popen[bytes]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ITAG_", "DATABASE_URL"))},
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": services.settings.database_url,
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_API_URL": fake.api_url,
        "ITAG_REMINDER_CHANNEL": REMINDER_CHANNEL,
        "ITAG_STALE_CLAIM_SECONDS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "clock", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _titles(fake: FakeSlack, tag: str) -> Counter[str]:
    return Counter(
        block["text"]["text"]
        for call in fake.calls_to("chat.postMessage")
        for block in call.body.get("blocks", [])[:1]
        if tag in block.get("text", {}).get("text", "")
    )


def _sent(services: Services) -> int:
    with services.session_factory() as session:
        return int(session.scalar(select(func.count()).where(Delivery.status == "sent")) or 0)


def _pg_only(services: Services) -> None:
    if services.engine.dialect.name != "postgresql":
        pytest.skip("runs on PostgreSQL")


def test_clock_killed_repeatedly_mid_send_delivers_everything(
    services: Services, fake_slack: FakeSlack
) -> None:
    _pg_only(services)
    _due_meetings(services, 500, "Kill")
    fake_slack.delays["chat.postMessage"] = 0.02  # 500 posts take 10 s or more: room for every kill
    rng, kills = random.Random(5), 0
    while kills < 12:
        clock = _clock(services, fake_slack)
        before = len(fake_slack.calls_to("chat.postMessage"))
        deadline = time.monotonic() + 20
        while len(fake_slack.calls_to("chat.postMessage")) == before and time.monotonic() < deadline:
            time.sleep(0.02)  # kill only once this clock is sending
        time.sleep(rng.uniform(0.05, 0.4))
        clock.send_signal(signal.SIGKILL)
        clock.wait(timeout=10)
        kills += 1
    time.sleep(1.2)  # let the last claims go stale (ITAG_STALE_CLAIM_SECONDS=1)
    for _ in range(5):
        if _sent(services) == 500:
            break
        assert _clock(services, fake_slack, "--once").wait(timeout=120) == 0
        time.sleep(1.2)
    posted = _titles(fake_slack, "Kill")
    duplicates = sum(posted.values()) - len(posted)
    FAULT_REPORT.append(
        {
            "db": services.engine.dialect.name,
            "test": "clock SIGKILLed mid-send",
            "reminders": 500,
            "kills": kills,
            "delivered": len(posted),
            "duplicates": duplicates,
        }
    )
    assert kills >= 10
    assert len(posted) == 500 and _sent(services) == 500
    assert duplicates <= kills


def test_two_clock_processes_send_a_thousand_reminders_exactly_once(
    services: Services, fake_slack: FakeSlack
) -> None:
    _pg_only(services)
    _due_meetings(services, 1000, "Pair")
    clocks = [_clock(services, fake_slack, "--once") for _ in range(2)]
    assert [c.wait(timeout=300) for c in clocks] == [0, 0]
    posted = _titles(fake_slack, "Pair")
    duplicates, missed = sum(posted.values()) - len(posted), 1000 - len(posted)
    FAULT_REPORT.append(
        {
            "db": services.engine.dialect.name,
            "test": "two clocks, one ledger",
            "reminders": 1000,
            "kills": 0,
            "delivered": len(posted),
            "duplicates": duplicates,
        }
    )
    assert (duplicates, missed) == (0, 0)
    assert _sent(services) == 1000
