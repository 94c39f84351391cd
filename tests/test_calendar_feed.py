"""The calendar feed over HTTP: round trip against the database, RFC 5545, 304s, rotation, 404s."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from sqlalchemy import select

from bot.services import Services
from domain.calendar_feed import calendar_bytes
from handlers import ids
from storage.calendar_feed import feed_entries
from storage.models import Activity
from storage.programme import member_names
from tests.calendar_helpers import feed_url, fetch, local, parse, rfc5545_problems
from tests.conftest import EDITOR
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.slack_requests import SlackSender


def _variety(services: Services) -> dict[str, int]:
    """One activity of every shape the feed must get right; their ids by name."""
    made = {}
    with services.session_factory.begin() as session:
        shapes = {
            "geneva": dict(start=date(2027, 3, 30), at=time(9, 0), timezone="Europe/Zurich", place="Geneva"),
            "auckland_dst": dict(start=date(2027, 4, 4), at=time(2, 30), timezone="Pacific/Auckland"),
            "utc": dict(start=date(2027, 1, 12), at=time(14, 0), timezone="UTC"),
            "all_day": dict(start=date(2027, 5, 14)),
            "multi_day": dict(start=date(2027, 9, 29), end=date(2027, 10, 2)),
            "timed_multi_day": dict(
                start=date(2027, 2, 26), end=date(2027, 3, 1), at=time(10, 0), timezone="America/Santiago"
            ),
            "cancelled": dict(start=date(2027, 6, 1), status="cancelled"),
            "deleted": dict(start=date(2027, 6, 2), deleted_at=datetime(2026, 11, 1, tzinfo=UTC)),
            "month": dict(start=date(2027, 7, 1), precision="month"),
            "undated": dict(),
        }
        for name, fields in shapes.items():
            precision = fields.pop("precision", None)
            row = add_activity(session, title=f"Shape {name}", kind="ministerial", **fields)
            if precision:
                row.precision = precision
            made[name] = row.id
    return made


def _expected(services: Services) -> dict[str, Activity]:
    """What the database says the feed must hold: day-precision, not deleted, by UID."""
    with services.session_factory() as session:
        rows = session.scalars(
            select(Activity).where(
                Activity.deleted_at.is_(None), Activity.start_date.is_not(None), Activity.precision == "day"
            )
        ).all()
        session.expunge_all()
    return {f"itag-activity-{row.id}@itag-bot": row for row in rows}


def _check_event(event, row: Activity) -> None:  # type: ignore[no-untyped-def]
    start, end = event["DTSTART"].dt, event.get("DTEND")
    last = row.end_date or row.start_date
    if row.start_time is None:
        assert (start, end.dt) == (row.start_date, last + timedelta(days=1)), row.title
        return
    # Compared in UTC: Python never calls a time in a repeated hour equal to one in another zone.
    assert start.astimezone(UTC) == row.starts_at, row.title
    assert str(start.tzinfo) == row.timezone or row.timezone == "UTC"
    if last > row.start_date:
        midnight = datetime.combine(last + timedelta(days=1), time(0), tzinfo=ZoneInfo(row.timezone))
        assert end.dt == midnight, row.title
    else:  # no end time on record: an instant (the reader fills DTEND in as DTSTART)
        assert end is None or end.dt == start, row.title


def test_feed_round_trip_matches_the_database(services: Services, slack: SlackSender, app_url: str) -> None:
    made = _variety(services)
    reply = fetch(local(feed_url(slack), app_url))
    assert reply.status == 200 and reply.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert rfc5545_problems(reply.body) == []
    calendar = parse(reply.body)
    assert str(calendar["X-WR-CALNAME"]) == "ITAG activities" and "X-WR-CALDESC" in calendar
    assert str(calendar["REFRESH-INTERVAL"].to_ical(), "ascii") == "PT1H"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    # An independent reader expands the calendar; every event must be the database's.
    events = recurring_ical_events.of(calendar).between(date(2000, 1, 1), date(2100, 1, 1))
    by_uid = {str(e["UID"]): e for e in events}
    expected = _expected(services)
    assert set(by_uid) == set(expected) and len(events) == len(expected)
    for uid, row in expected.items():
        _check_event(by_uid[uid], row)
        assert str(by_uid[uid]["STATUS"]) == ("CANCELLED" if row.status == "cancelled" else "CONFIRMED")
        assert str(by_uid[uid]["SUMMARY"]) == row.title
    for left_out in ("deleted", "month", "undated"):
        assert f"itag-activity-{made[left_out]}@itag-bot" not in by_uid
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} >= {
        "Europe/Zurich",
        "Pacific/Auckland",
        "America/Santiago",
    }
    # 02:30 happens twice in Auckland on 4 April 2027 (DST ends at 03:00): RFC 5545 and our
    # storage both mean the first one, 02:30 NZDT (UTC+13).
    auckland = by_uid[f"itag-activity-{made['auckland_dst']}@itag-bot"]["DTSTART"].dt
    assert auckland.astimezone(UTC) == datetime(2027, 4, 3, 13, 30, tzinfo=UTC)


def test_an_edit_raises_sequence_changes_the_etag_and_a_poll_costs_a_304(
    services: Services, slack: SlackSender, fake_slack: FakeSlack, app_url: str
) -> None:
    made = _variety(services)
    url = local(feed_url(slack), app_url)
    first = fetch(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert fetch(url, {"If-None-Match": etag}).status == 304
    unchanged = fetch(url, {"If-None-Match": etag})
    assert unchanged.body == b"" and unchanged.headers["ETag"] == etag
    assert fetch(url, {"If-Modified-Since": modified}).status == 304
    assert fetch(url, {"If-None-Match": '"something-else"'}).status == 200
    uid = f"itag-activity-{made['geneva']}@itag-bot"
    before = {str(e["UID"]): e for e in parse(first.body).walk("VEVENT")}[uid]
    assert int(before["SEQUENCE"]) == 0 and str(before["STATUS"]) == "CONFIRMED"

    slack.action(ids.CONFIRM_CANCEL, str(made["geneva"]), user=EDITOR)
    assert "now cancelled" in fake_slack.wait_for("/response/r1")[0].body["text"]

    after = fetch(url, {"If-None-Match": etag})
    assert after.status == 200 and after.headers["ETag"] != etag
    event = {str(e["UID"]): e for e in parse(after.body).walk("VEVENT")}[uid]
    assert int(event["SEQUENCE"]) == 1 and str(event["STATUS"]) == "CANCELLED"
    assert event["DTSTART"].dt == before["DTSTART"].dt  # cancelled, kept, not moved
    assert fetch(url, {"If-None-Match": after.headers["ETag"]}).status == 304
    # Only the edited event was written again; the whole is what a fresh render gives.
    with services.session_factory() as session:
        fresh = calendar_bytes(feed_entries(session), member_names(session))
    assert after.body == fresh


def test_kind_filter(services: Services, slack: SlackSender, app_url: str) -> None:
    _variety(services)
    url = local(feed_url(slack), app_url)
    only = parse(fetch(url + "?kind=webinar").body)
    assert str(only["X-WR-CALNAME"]) == "ITAG: Webinar"
    categories = {str(e["CATEGORIES"].cats[0]) for e in only.walk("VEVENT")}
    assert categories == {"Webinar"}
    assert fetch(url + "?kind=ministerial").headers["ETag"] != fetch(url + "?kind=webinar").headers["ETag"]
    assert fetch(url + "?kind=nonsense").status == 400


def test_rotation_invalidates_the_old_url_at_once(slack: SlackSender, app_url: str) -> None:
    old = local(feed_url(slack), app_url)
    assert fetch(old).status == 200
    assert local(feed_url(slack, user="U0BOB"), app_url) == old  # everyone sees the same address
    refused = slack.command("calendar rotate", user="U0ALICE").json()
    assert "Only editors" in refused["text"] and fetch(old).status == 200
    new = local(feed_url(slack, user=EDITOR, text="calendar rotate"), app_url)
    assert new != old
    assert fetch(old).status == 404
    assert fetch(new).status == 200
    assert local(feed_url(slack), app_url) == new


def test_wrong_tokens_get_a_bare_404(slack: SlackSender, app_url: str) -> None:
    good = local(feed_url(slack), app_url)
    token = good.rsplit("/", 1)[1].removesuffix(".ics")
    wrong = [
        f"{app_url}/calendar/{secrets.token_urlsafe(32)}.ics",
        f"{app_url}/calendar/{token[:-1]}{'A' if token[-1] != 'A' else 'B'}.ics",
        f"{app_url}/calendar/{token}.ICS",
        f"{app_url}/calendar/.ics",
        f"{app_url}/calendar/event/1/{secrets.token_urlsafe(16)}.ics",
        f"{app_url}/calendar/",
    ]
    replies = [fetch(url) for url in wrong]
    assert {(r.status, r.body) for r in replies} == {(404, b"Not found\n")}


def test_calendar_command_gives_one_click_links_and_is_not_shareable(slack: SlackSender) -> None:
    answer = slack.command("calendar").json()
    url = feed_url(slack)
    assert url.startswith("https://itag.example.org/calendar/") and len(url.rsplit("/", 1)[1]) >= 43
    text = str(answer["blocks"])
    assert "outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fitag.example.org" in text
    assert "calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fitag.example.org" in text
    assert "webcal://itag.example.org/calendar/" in text
    assert not any(b["type"] == "actions" for b in answer["blocks"])  # no Share in channel
    assert answer["response_type"] == "ephemeral"


def test_the_token_is_not_stored(services: Services, slack: SlackSender) -> None:
    token = feed_url(slack).rsplit("/", 1)[1].removesuffix(".ics")
    with services.engine.connect() as connection:
        dump = "\n".join(str(row) for row in connection.exec_driver_sql("SELECT * FROM app_settings"))
    assert token not in dump
