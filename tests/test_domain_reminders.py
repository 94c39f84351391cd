"""Reminder arithmetic with a fixed `now`: fire times, catch-up, moves, digest moments."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from domain.dates import start_instant
from domain.reminders import (
    DigestSchedule,
    Target,
    digest_due,
    due_lead,
    fire_time,
    lead_phrase,
    occurrence,
    parse_leads,
    upcoming_fires,
)

LEADS = ("30d", "7d", "1d")


def target(day: date, at: time | None = None, zone: str = "Europe/Zurich", **kw: object) -> Target:
    return Target(1, day, at, zone, start_instant(day, at, zone), **kw)  # type: ignore[arg-type]


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_timed_leads_keep_the_local_hour_across_the_spring_dst_change() -> None:
    # Zurich moves to summer time on 28 March 2027; the meeting is 15:00 local on 2 April.
    meeting = target(date(2027, 4, 2), time(15, 0))
    assert fire_time(meeting, "30d") == utc(2027, 3, 3, 14, 0)  # 15:00 CET
    assert fire_time(meeting, "7d") == utc(2027, 3, 26, 14, 0)  # 15:00 CET
    assert fire_time(meeting, "1d") == utc(2027, 4, 1, 13, 0)  # 15:00 CEST
    assert fire_time(meeting, "2h") == utc(2027, 4, 2, 11, 0)


def test_all_day_leads_fire_at_nine_local_lead_days_before() -> None:
    forum = target(date(2027, 4, 2))
    assert fire_time(forum, "30d") == utc(2027, 3, 3, 8, 0)  # 09:00 CET
    assert fire_time(forum, "7d") == utc(2027, 3, 26, 8, 0)
    assert fire_time(forum, "1d") == utc(2027, 4, 1, 7, 0)  # 09:00 CEST


def test_autumn_dst_change_in_wellington() -> None:
    # New Zealand leaves summer time on 4 April 2027 (UTC+13 → UTC+12).
    forum = target(date(2027, 4, 6), zone="Pacific/Auckland")
    assert fire_time(forum, "7d") == utc(2027, 3, 29, 20, 0)  # 09:00 NZDT on 30 March
    assert fire_time(forum, "1d") == utc(2027, 4, 4, 21, 0)  # 09:00 NZST on 5 April


def test_nothing_is_due_before_the_first_lead() -> None:
    meeting = target(date(2027, 4, 2), time(15, 0))
    assert due_lead(meeting, LEADS, now=utc(2027, 3, 3, 13, 59), sent_before={}) is None
    assert due_lead(meeting, LEADS, now=utc(2027, 3, 3, 14, 0), sent_before={}) == "30d"


def test_catch_up_picks_only_the_nearest_due_lead() -> None:
    meeting = target(date(2027, 4, 2), time(15, 0))
    twenty_hours_before = meeting.starts_at - timedelta(hours=20)
    assert due_lead(meeting, LEADS, now=twenty_hours_before, sent_before={}) == "1d"
    assert due_lead(meeting, LEADS, now=utc(2027, 3, 27), sent_before={}) == "7d"


def test_nothing_once_started() -> None:
    meeting = target(date(2027, 4, 2), time(15, 0))
    assert due_lead(meeting, LEADS, now=meeting.starts_at, sent_before={}) is None


def test_a_lead_sent_for_the_old_date_is_not_repeated_when_the_move_came_after_it_fell_due() -> None:
    # 30d was sent for the old date; ten days before, it moves 2 days later (12 days away).
    moved_at = utc(2027, 3, 23, 12, 0)
    moved = target(date(2027, 4, 4), time(15, 0), changed_at=moved_at)
    assert due_lead(moved, LEADS, now=moved_at, sent_before={"30d": utc(2027, 3, 3, 14, 0)}) is None
    assert due_lead(moved, LEADS, now=utc(2027, 3, 28, 13, 0), sent_before={"30d": utc(2027, 3, 3)}) == "7d"


def test_a_lead_comes_round_again_when_the_date_moves_far_enough() -> None:
    moved_at = utc(2027, 3, 23, 12, 0)
    moved = target(date(2027, 6, 1), time(15, 0), changed_at=moved_at)
    sent = {"30d": utc(2027, 3, 3, 14, 0), "7d": utc(2027, 3, 26, 14, 0)}
    assert due_lead(moved, LEADS, now=utc(2027, 5, 2, 13, 0), sent_before=sent) == "30d"


def test_occurrence_is_the_start_so_a_move_makes_a_new_one() -> None:
    assert occurrence(target(date(2027, 4, 2))) == "2027-04-02"
    assert occurrence(target(date(2027, 4, 2), time(15, 0))) == "2027-04-02T13:00:00+00:00"


def test_parse_leads_reads_durations_longest_first() -> None:
    assert parse_leads("1d, 30d,7d") == ("30d", "7d", "1d")
    assert parse_leads("2h,1w") == ("1w", "2h")
    assert parse_leads("soon") is None
    assert lead_phrase("1d") == "tomorrow" and lead_phrase("30d") == "in 30 days"
    assert lead_phrase("2h") == "in 2 hours"


def test_upcoming_fires_lists_leads_still_ahead() -> None:
    meeting = target(date(2027, 4, 2), time(15, 0))
    fires = upcoming_fires(meeting, LEADS, now=utc(2027, 3, 10), until=utc(2027, 4, 30))
    assert [lead for _, lead in fires] == ["7d", "1d"]


def test_digest_is_due_from_monday_nine_local_for_that_week() -> None:
    schedule = DigestSchedule(0, 9, "Pacific/Auckland")
    sunday_evening_utc = utc(2026, 11, 29, 19, 59)  # Monday 08:59 in Auckland
    assert digest_due(schedule, now=sunday_evening_utc) is None
    assert digest_due(schedule, now=utc(2026, 11, 29, 20, 0)) == ("2026-W49", date(2026, 11, 30))
    assert digest_due(schedule, now=utc(2026, 11, 30, 7, 59)) == ("2026-W49", date(2026, 11, 30))
    assert digest_due(schedule, now=utc(2026, 11, 30, 8, 0)) is None  # twelve hours late: skipped
