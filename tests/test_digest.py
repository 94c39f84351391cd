"""The weekly digest: content, once per period, silence when there is nothing dated."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.services import Services
from storage.models import DigestRun
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.reminder_helpers import digests, pass_at

MONDAY_NINE = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_digest_lists_this_week_next_30_days_and_undated_items_once(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Webinar this week", start=date(2026, 12, 3))
        add_activity(session, title="Caucus in three weeks", kind="wto_caucus", start=date(2026, 12, 21))
        add_activity(session, title="Too far off", start=date(2027, 1, 20))
    pass_at(services, clock, datetime(2026, 11, 30, 8, 59, tzinfo=UTC))
    assert digests(fake_slack) == []
    pass_at(services, clock, MONDAY_NINE)
    pass_at(services, clock, datetime(2026, 11, 30, 9, 1, tzinfo=UTC))
    (digest,) = digests(fake_slack)
    assert digest.body["channel"] == "C0REMIND"
    blocks = str(digest.body["blocks"])
    assert blocks.index("This week") < blocks.index("Webinar this week") < blocks.index("Next 30 days")
    assert blocks.index("Next 30 days") < blocks.index("Caucus in three weeks")
    assert "Too far off" not in blocks
    assert "Planned, no date yet" in blocks and "Webinar on MSMEs trade provisions" in blocks
    with services.session_factory() as session:
        (run,) = session.scalars(select(DigestRun))
    assert (run.period, run.status) == ("2026-W49", "sent")


def test_digest_is_silent_when_nothing_is_dated(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Too far off", start=date(2027, 1, 20))
    pass_at(services, clock, MONDAY_NINE)
    assert digests(fake_slack) == []
    with services.session_factory() as session:
        (run,) = session.scalars(select(DigestRun))
    assert run.status == "empty"


def test_digest_day_and_hour_are_configurable(
    services: Services, fake_slack: FakeSlack, clock: list[datetime], slack
) -> None:  # type: ignore[no-untyped-def]
    with services.session_factory.begin() as session:
        add_activity(session, title="Webinar this week", start=date(2026, 12, 4))
    reply = slack.command("reminders digest wed 14", user="U0EDITOR")
    assert "Wednesday at 14:00" in str(reply.json())
    pass_at(services, clock, MONDAY_NINE)
    assert digests(fake_slack) == []
    pass_at(services, clock, datetime(2026, 12, 2, 14, 0, tzinfo=UTC))
    assert len(digests(fake_slack)) == 1
