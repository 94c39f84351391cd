"""Slack failing under the clock: each failure retried or reported as fits it, nothing lost."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.services import Services
from tests.conftest import FAULT_REPORT
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.reminder_helpers import ledger_rows, pass_at, posts

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _due(services: Services, count: int) -> None:
    with services.session_factory.begin() as session:
        for n in range(count):
            add_activity(
                session, title=f"Forum {n}", kind="wto_public_forum", start=date(2026, 12, 5), at=time(10, n)
            )


def _delivered(fake: FakeSlack) -> set[str]:
    return {c.body["blocks"][0]["text"]["text"] for c in posts(fake) if c.body.get("blocks")}


def test_dropped_connection_is_retried_and_delivered(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _due(services, 1)
    fake_slack.fail_next("chat.postMessage", drop=True)
    report = pass_at(services, clock, NOW)
    assert report.sent == 1 and [r.status for r in ledger_rows(services)] == ["sent"]
    FAULT_REPORT.append(
        {
            "db": services.engine.dialect.name,
            "test": "dropped connection",
            "reminders": 1,
            "delivered": 1,
            "posts": len(posts(fake_slack)),
        }
    )


def test_server_errors_beyond_the_retries_are_deferred_to_the_next_pass(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _due(services, 2)
    fake_slack.fail_next("chat.postMessage", status=500, times=10)
    first = pass_at(services, clock, NOW)
    assert first.sent == 0 and first.deferred >= 1
    assert all(r.status != "failed" for r in ledger_rows(services))
    pass_at(services, clock, NOW.replace(minute=1))
    pass_at(services, clock, NOW.replace(minute=2))
    rows = ledger_rows(services)
    assert len(rows) == 2 and {r.status for r in rows} == {"sent"}
    assert len(_delivered(fake_slack)) == 2
    FAULT_REPORT.append(
        {
            "db": services.engine.dialect.name,
            "test": "500 x10 then up",
            "reminders": 2,
            "delivered": 2,
            "posts": len(posts(fake_slack)),
        }
    )


def test_invalid_auth_stops_the_pass_loses_nothing_and_says_why(
    services: Services, fake_slack: FakeSlack, clock: list[datetime], caplog: pytest.LogCaptureFixture
) -> None:
    _due(services, 3)
    fake_slack.fail_next("chat.postMessage", error="invalid_auth")
    report = pass_at(services, clock, NOW)
    assert (report.sent, report.deferred, len(posts(fake_slack))) == (0, 1, 1)  # no hammering a bad token
    assert ledger_rows(services) == []
    assert "SLACK_BOT_TOKEN" in caplog.text
    fixed = pass_at(services, clock, NOW.replace(minute=1))
    assert fixed.sent == 3 and len(_delivered(fake_slack)) == 3
    FAULT_REPORT.append(
        {
            "db": services.engine.dialect.name,
            "test": "invalid_auth, then fixed",
            "reminders": 3,
            "delivered": 3,
            "posts": len(posts(fake_slack)),
        }
    )


def test_rate_limit_storm_delivers_each_once(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _due(services, 3)
    fake_slack.fail_next("chat.postMessage", status=429, headers={"Retry-After": "1"}, times=2)
    pass_at(services, clock, NOW)
    pass_at(services, clock, NOW.replace(minute=1))
    assert len(_delivered(fake_slack)) == 3
    assert sorted(r.status for r in ledger_rows(services)) == ["sent"] * 3
    FAULT_REPORT.append(
        {
            "db": services.engine.dialect.name,
            "test": "429 Retry-After x2",
            "reminders": 3,
            "delivered": 3,
            "posts": len(posts(fake_slack)),
        }
    )
