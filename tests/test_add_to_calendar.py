"""'Add to calendar' on every card, and timed activities shown twice: reader's time and host's."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any

from bot.services import Services
from bot.settings import Settings
from domain.dates import start_instant
from tests.calendar_helpers import feed_url, fetch, local, parse
from tests.conftest import serve_wsgi
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.form_payloads import menu_choice
from tests.reminder_helpers import digests, pass_at, posts
from tests.slack_requests import SlackSender


def _menu_options(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        option
        for b in blocks
        if b.get("accessory", {}).get("type") == "overflow"
        for option in b["accessory"]["options"]
    ]


def _geneva(services: Services, **fields: Any) -> int:
    with services.session_factory.begin() as session:
        return add_activity(
            session,
            title="Caucus on inclusive trade",
            kind="wto_caucus",
            start=date(2027, 2, 2),
            at=time(9, 0),
            timezone="Europe/Zurich",
            place="WTO, Geneva",
            **fields,
        ).id


def test_a_card_downloads_its_own_event_without_the_feed_token(
    services: Services, slack: SlackSender, fake_slack: FakeSlack, app_url: str
) -> None:
    activity_id = _geneva(services)
    blocks = slack.command(f"show {activity_id}").json()["blocks"]
    (add,) = [o for o in _menu_options(blocks) if o["value"] == f"ics:{activity_id}"]
    assert add["text"]["text"] == "Add to calendar"
    token = feed_url(slack).rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in add["url"] and f"/calendar/event/{activity_id}/" in add["url"]
    reply = fetch(local(add["url"], app_url))
    assert reply.status == 200 and "attachment" in reply.headers["Content-Disposition"]
    (event,) = parse(reply.body).walk("VEVENT")
    assert str(event["UID"]) == f"itag-activity-{activity_id}@itag-bot"
    assert event["DTSTART"].dt.astimezone(start_instant(date(2027, 2, 2), time(9), "UTC").tzinfo) == (
        start_instant(date(2027, 2, 2), time(9, 0), "Europe/Zurich")
    )
    # Another activity's id under this signature is refused.
    forged = add["url"].replace(f"/event/{activity_id}/", f"/event/{activity_id + 1}/")
    assert fetch(local(forged, app_url)).status == 404
    # Choosing the URL option only opens the browser: nothing is posted back.
    slack.payload(menu_choice(f"ics:{activity_id}", response_url=fake_slack.response_url()))
    slack.command("help")  # a later request, so a stray response would have arrived by now
    assert fake_slack.calls_to("/response/r1") == []


def test_lists_digest_cards_carry_the_option_and_month_precision_does_not(
    services: Services, slack: SlackSender
) -> None:
    activity_id = _geneva(services)
    with services.session_factory.begin() as session:
        month = add_activity(session, title="Some month", start=date(2027, 3, 1))
        month.precision = "month"
        month_id = month.id
    values = {o["value"] for o in _menu_options(slack.command("upcoming").json()["blocks"])}
    assert f"ics:{activity_id}" in values
    search = slack.command("search Some month").json()["blocks"]
    assert f"ics:{month_id}" not in {o["value"] for o in _menu_options(search)}


def test_no_option_without_a_public_url(
    settings: Settings, services: Services, fake_slack: FakeSlack
) -> None:
    activity_id = _geneva(services)
    services.settings = Settings(**{**settings.__dict__, "public_url": None})
    with serve_wsgi(services) as url:
        sender = SlackSender(url, fake_slack.response_url())
        blocks = sender.command(f"show {activity_id}").json()["blocks"]
        assert not [o for o in _menu_options(blocks) if o["value"].startswith("ics:")]
        answer = sender.command("calendar").json()
    assert "ITAG_PUBLIC_URL" in answer["text"]


def test_timed_activities_show_the_readers_time_and_the_hosts(services: Services, slack: SlackSender) -> None:
    activity_id = _geneva(services)
    with services.session_factory.begin() as session:
        lima = add_activity(
            session, title="Lima webinar", start=date(2027, 2, 3), at=time(15, 0), timezone="America/Lima"
        ).id
    stamp = int(start_instant(date(2027, 2, 2), time(9, 0), "Europe/Zurich").timestamp())
    for text in (f"show {activity_id}", "upcoming", "search caucus"):
        body = json.dumps(slack.command(text).json())
        assert f"<!date^{stamp}^{{date_long_pretty}} at {{time}}|" in body, text
        assert "(09:00 in Geneva)" in body, text
    upcoming = slack.command("upcoming").json()
    assert "(15:00 in Lima)" in json.dumps(upcoming["blocks"])
    assert "2 February 2027, 09:00 in Geneva" in upcoming["text"]
    assert f"#{lima} " in upcoming["text"]


def test_reminders_and_the_digest_show_both_times_and_add_to_calendar(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        row = add_activity(
            session,
            title="Ministerial in Wellington",
            kind="ministerial",
            start=date(2026, 12, 10),
            at=time(9, 0),
            timezone="Pacific/Auckland",
            place="Wellington, New Zealand",
        )
        ident, stamp = row.id, int(row.starts_at.timestamp())  # type: ignore[union-attr]
    pass_at(services, clock, datetime(2026, 12, 3, 16, 0, tzinfo=UTC))  # the 7-day reminder
    reminder = next(c for c in posts(fake_slack) if "Ministerial in Wellington" in c.body["text"])
    blocks = json.dumps(reminder.body["blocks"])
    assert f"<!date^{stamp}^" in blocks and "(09:00 in Wellington)" in blocks
    assert f"/calendar/event/{ident}/" in blocks
    assert (
        "9 December 2026" not in reminder.body["text"]
        and "10 December 2026, 09:00 in Wellington" in (reminder.body["text"])
    )
    pass_at(services, clock, datetime(2026, 12, 7, 9, 0, tzinfo=UTC))  # Monday: the digest
    digest = json.dumps(digests(fake_slack)[0].body["blocks"])
    assert f"<!date^{stamp}^" in digest and "(09:00 in Wellington)" in digest
