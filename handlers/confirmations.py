"""What a saved form says it stored: the date and time in words, in the activity's own zone
and (through Slack's date token) in each reader's zone, so a wrong hour is seen at once."""

from __future__ import annotations

from datetime import UTC, date

from domain.dates import format_spec
from domain.mrkdwn import escape
from domain.records import Activity


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def stored_plain(activity: Activity) -> str:
    """'Friday 14 May 2027, 15:00 Europe/Zurich (13:00 UTC)', or 'September 2027 (the exact day …)'."""
    when = activity.when
    if when.start is None:
        return "no date yet"
    if when.precision == "month":
        return f"{format_spec(when)} (the exact day is not known)"
    if when.precision == "year":
        return f"{format_spec(when)} (the month and day are not known)"
    days = _day(when.start) if when.end is None else f"{_day(when.start)} to {_day(when.end)}"
    if activity.start_time is None or activity.starts_at is None:
        return f"{days}, all day ({activity.timezone})"
    utc = activity.starts_at.astimezone(UTC)
    return f"{days}, {activity.start_time:%H:%M} {activity.timezone} ({utc:%H:%M} UTC)"


def stored_line(activity: Activity) -> str:
    """The stored date as mrkdwn: in words and zone, then in the reader's own zone when timed."""
    text = f":calendar: Stored as {escape(stored_plain(activity))}"
    if activity.start_time is None or activity.starts_at is None or activity.when.precision != "day":
        return text + "."
    stamp = int(activity.starts_at.timestamp())
    fallback = escape(f"{activity.starts_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
    return f"{text} — in your time zone <!date^{stamp}^{{date_long_pretty}} at {{time}}|{fallback}>."
