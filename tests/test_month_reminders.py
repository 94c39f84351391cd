"""Reminders for an activity known only to the month, through the clock on both databases.

One notice at 09:00 local on the 1st of the month before, saying the day is not set yet;
never a ladder counted from an invented 1st. Known only to the year: nothing.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from bot.clock import preview_lines
from bot.services import Services
from domain.dates import start_instant
from storage.models import Activity
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.reminder_helpers import ledger_rows, pass_at, posts
from tests.slack_requests import SlackSender

MINUTE = timedelta(minutes=1)
NOTICE = datetime(2027, 8, 1, 7, 0, tzinfo=UTC)  # 09:00 in Geneva (CEST) on 1 August


def _forum(services: Services, *, precision: str = "month", kind: str = "wto_public_forum") -> int:
    with services.session_factory.begin() as session:
        start = date(2027, 9, 1) if precision == "month" else date(2027, 1, 1)
        row = add_activity(
            session, title="ITAG at the Public Forum", kind=kind, start=start, timezone="Europe/Zurich"
        )
        row.precision = precision
        return row.id


def _texts(fake_slack: FakeSlack, since: int = 0) -> list[str]:
    return [json.dumps(c.body, ensure_ascii=False) for c in posts(fake_slack)[since:]]


def test_a_month_gets_one_notice_on_the_first_of_the_month_before(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    activity_id = _forum(services)
    pass_at(services, clock, NOTICE - MINUTE)
    assert _texts(fake_slack) == []
    pass_at(services, clock, NOTICE)
    [text] = _texts(fake_slack)
    assert "next month" in text and "ITAG at the Public Forum" in text and "September 2027" in text
    assert "The exact day is not set yet" in text
    # 30, 7 and 1 days before an invented 1 September: nothing more.
    for moment in (
        NOTICE + MINUTE,
        datetime(2027, 8, 2, 7, 0, tzinfo=UTC),
        datetime(2027, 8, 25, 7, 0, tzinfo=UTC),
    ):
        pass_at(services, clock, moment)
    pass_at(services, clock, datetime(2027, 8, 31, 7, 0, tzinfo=UTC))
    assert len(_texts(fake_slack)) == 1
    [row] = [r for r in ledger_rows(services) if r.activity_id == activity_id]
    assert (row.lead, row.occurrence, row.due_at, row.status) == ("month", "2027-09", NOTICE, "sent")


def test_setting_the_day_brings_back_the_usual_ladder(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    activity_id = _forum(services)
    pass_at(services, clock, NOTICE)
    assert len(_texts(fake_slack)) == 1
    with services.session_factory.begin() as session:
        row = session.get_one(Activity, activity_id)
        row.precision, row.start_date, row.start_time = "day", date(2027, 9, 22), time(10, 0)
        row.starts_at = start_instant(row.start_date, row.start_time, row.timezone)
        row.updated_at = NOTICE + timedelta(days=1)
    thirty_before = datetime(2027, 8, 23, 8, 0, tzinfo=UTC)  # 10:00 CEST, 30 days before
    pass_at(services, clock, thirty_before - MINUTE)
    assert len(_texts(fake_slack)) == 1
    pass_at(services, clock, thirty_before)
    texts = _texts(fake_slack, 1)
    assert len(texts) == 1 and "in 30 days" in texts[0] and "not set yet" not in texts[0]


def test_a_month_whose_kind_has_no_reminders_and_a_year_get_nothing(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _forum(services, kind="webinar")  # webinars have no reminders by default
    _forum(services, precision="year")
    for moment in (datetime(2026, 12, 1, 8, tzinfo=UTC), NOTICE, datetime(2027, 12, 1, 8, tzinfo=UTC)):
        pass_at(services, clock, moment)
    assert _texts(fake_slack) == []


def test_a_month_logged_after_its_notice_moment_is_reminded_once_before_it_starts(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _forum(services)
    pass_at(services, clock, datetime(2027, 8, 20, 12, 0, tzinfo=UTC))
    pass_at(services, clock, datetime(2027, 8, 21, 12, 0, tzinfo=UTC))
    assert len(_texts(fake_slack)) == 1
    pass_at(services, clock, datetime(2027, 9, 2, 12, 0, tzinfo=UTC))
    assert len(_texts(fake_slack)) == 1


def test_the_reminder_preview_lists_the_month_notice(
    services: Services, slack: SlackSender, clock: list[datetime]
) -> None:
    _forum(services)
    clock[0] = NOTICE - timedelta(days=3)
    listed = json.dumps(slack.command("reminders").json(), ensure_ascii=False)
    assert "month notice (day not set yet) for *ITAG at the Public Forum*" in listed
    [line] = [line for line in preview_lines(services, days=5) if "ITAG at the Public Forum" in line]
    assert line.startswith("2027-08-01 07:00 UTC") and "month notice (day not set yet) for" in line
