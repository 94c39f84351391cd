"""A clock that died between claiming a reminder and recording it: the next pass finishes the job."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.services import Services
from storage.reminders import claim_delivery
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.reminder_helpers import ledger_rows, pass_at, posts, set_status

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _claim_and_die(services: Services, *, start: date, at: time, when: datetime) -> int:
    """What a killed clock leaves behind: a committed claim and no outcome."""
    with services.session_factory.begin() as session:
        activity = add_activity(session, title="Interrupted", kind="ministerial", start=start, at=at)
        claim_delivery(
            session,
            activity_id=activity.id,
            lead="7d",
            recipient="C0REMIND",
            occurrence=activity.starts_at.isoformat(),
            due_at=when,
            now=when,
        )
        return activity.id


def test_a_stale_claim_is_resent_once_by_the_next_pass(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _claim_and_die(services, start=date(2026, 12, 4), at=time(9, 0), when=NOW)
    pass_at(services, clock, NOW + timedelta(seconds=30))
    assert posts(fake_slack) == []  # still young: the clock holding it may be alive
    pass_at(services, clock, NOW + timedelta(seconds=services.settings.stale_claim_seconds + 1))
    assert len(posts(fake_slack)) == 1
    (row,) = ledger_rows(services)
    assert row.status == "sent" and row.message_ts
    pass_at(services, clock, NOW + timedelta(hours=1))
    assert len(posts(fake_slack)) == 1


def test_a_stale_claim_for_a_cancelled_activity_is_closed_not_sent(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    activity_id = _claim_and_die(services, start=date(2026, 12, 4), at=time(9, 0), when=NOW)
    set_status(services, activity_id, now=NOW)
    pass_at(services, clock, NOW + timedelta(hours=1))
    assert posts(fake_slack) == []
    (row,) = ledger_rows(services)
    assert row.status == "failed" and "interrupted" in (row.error or "")
