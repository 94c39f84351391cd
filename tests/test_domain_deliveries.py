"""The due rules as a pure function: recipients fan out, the ledger de-duplicates, one lead at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from domain.deliveries import DIGEST, Delivery, DueScope, due_deliveries, last_sent_per_recipient, still_due
from domain.reminders import CANCELLED, Target, occurrence

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
TARGET = Target(5, date(2026, 12, 4), time(9, 0), "UTC", datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
KEY = occurrence(TARGET)


def scope(ledger: list[Delivery], subscribers: dict[str, list[str]] | None = None) -> DueScope:
    leads = {"ministerial": ("30d", "7d", "1d")}
    return DueScope([("ministerial", TARGET)], leads, ledger, subscribers or {}, "C0REMIND")


def test_the_nearest_lead_goes_to_the_channel_and_each_subscriber_once() -> None:
    subscribers = {"kind:ministerial": ["U0B", "U0A"], "activity:5": ["U0A"]}
    due = due_deliveries(scope([], subscribers), now=NOW)
    assert [(d.recipient, d.lead, d.occurrence) for d in due] == [
        ("C0REMIND", "7d", KEY),
        ("U0A", "7d", KEY),
        ("U0B", "7d", KEY),
    ]
    assert all(d.due_at == datetime(2026, 11, 27, 9, 0, tzinfo=UTC) for d in due)


def test_what_the_ledger_holds_is_not_due_again_but_other_recipients_still_are() -> None:
    sent = Delivery(5, "7d", "C0REMIND", KEY, NOW, status="sent", claimed_at=NOW)
    digest = Delivery(0, DIGEST, "C0REMIND", "2026-W48", NOW, status="sent", claimed_at=NOW)
    due = due_deliveries(scope([sent, digest], {"activity:5": ["U0A"]}), now=NOW)
    assert [(d.recipient, d.lead) for d in due] == [("U0A", "7d")]


def test_with_until_the_leads_to_come_follow_in_order() -> None:
    due = due_deliveries(scope([]), now=NOW, until=NOW + timedelta(days=10))
    assert [(d.lead, d.due_at < NOW) for d in due] == [("7d", True), ("1d", False)]


def test_a_moved_or_started_activity_is_no_longer_due() -> None:
    planned = Delivery(5, "7d", "C0REMIND", KEY, NOW)
    assert still_due(TARGET, planned, now=NOW)
    assert not still_due(TARGET, planned, now=TARGET.starts_at)
    assert not still_due(None, planned, now=NOW)
    moved = Target(5, date(2026, 12, 5), time(9, 0), "UTC", datetime(2026, 12, 5, 9, 0, tzinfo=UTC))
    assert not still_due(moved, planned, now=NOW)


def test_a_cancellation_notice_follows_the_last_reminder_sent_once() -> None:
    first = Delivery(5, "30d", "C0REMIND", KEY, NOW, status="sent", sent_at=NOW, message_ts="1.1")
    later = Delivery(
        5, "7d", "C0REMIND", KEY, NOW, status="sent", sent_at=NOW + timedelta(days=1), message_ts="1.2"
    )
    assert last_sent_per_recipient([first, later]) == [later]
    notice = Delivery(5, CANCELLED, "C0REMIND", KEY, NOW, status="sent")
    assert last_sent_per_recipient([first, later, notice]) == []
