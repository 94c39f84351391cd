"""What a saved form says it stored: the date and time in words, in the activity's own zone
and (through Slack's date token) in each reader's zone, so a wrong hour is seen at once."""

from __future__ import annotations

from datetime import UTC, date

from babel.dates import format_date

from domain.dates import format_spec
from domain.i18n import DATE_LOCALES, _, current_language
from domain.mrkdwn import escape
from domain.records import Activity


def _day(day: date) -> str:
    """'Friday 14 May 2027', 'viernes, 14 de mayo de 2027', 'vendredi 14 mai 2027' (CLDR full date)."""
    return format_date(day, "full", locale=DATE_LOCALES[current_language()])


def stored_plain(activity: Activity) -> str:
    """'Friday 14 May 2027, 15:00 Europe/Zurich (13:00 UTC)', or 'September 2027 (the exact day …)'."""
    when = activity.when
    if when.start is None:
        return _("no date yet")
    if when.precision == "month":
        return _("{when} (the exact day is not known)").format(when=format_spec(when))
    if when.precision == "year":
        return _("{when} (the month and day are not known)").format(when=format_spec(when))
    days = _day(when.start)
    if when.end is not None:
        days = _("{start} to {end}").format(start=days, end=_day(when.end))
    if activity.start_time is None or activity.starts_at is None:
        return _("{days}, all day ({zone})").format(days=days, zone=activity.timezone)
    utc = activity.starts_at.astimezone(UTC)
    return f"{days}, {activity.start_time:%H:%M} {activity.timezone} ({utc:%H:%M} UTC)"


def stored_line(activity: Activity) -> str:
    """The stored date as mrkdwn: in words and zone, then in the reader's own zone when timed."""
    text = ":calendar: " + _("Stored as {stored}").format(stored=escape(stored_plain(activity)))
    if activity.start_time is None or activity.starts_at is None or activity.when.precision != "day":
        return text + "."
    stamp = int(activity.starts_at.timestamp())
    fallback = escape(f"{activity.starts_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
    token = _("{date} at {time}").format(date="{date_long_pretty}", time="{time}")
    yours = _("in your time zone {moment}").format(moment=f"<!date^{stamp}^{token}|{fallback}>")
    return f"{text} — {yours}."
