"""Dates as precise as the record gives them, and the windows queries ask about."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton, get_day_names
from dateutil.relativedelta import relativedelta

from domain.i18n import DATE_LOCALES, _, current_language, speaking

Precision = Literal["day", "month", "year", "none"]


@dataclass(frozen=True)
class DateSpec:
    """A date, a day range, a month or a year — or no date yet."""

    start: date | None
    end: date | None = None
    precision: Precision = "day"

    @classmethod
    def undated(cls) -> DateSpec:
        return cls(None, None, "none")

    @property
    def last_day(self) -> date | None:
        """The last day this spec can mean (end of the range, month or year)."""
        if self.start is None:
            return None
        if self.end is not None:
            return self.end
        if self.precision == "month":
            days = calendar.monthrange(self.start.year, self.start.month)[1]
            return self.start.replace(day=days)
        if self.precision == "year":
            return date(self.start.year, 12, 31)
        return self.start


def format_spec(spec: DateSpec, language: str | None = None) -> str:
    """CLDR dates in the reader's language, with the record's precision.

    '30 January 2019' / '30 de enero de 2019' / '30 janvier 2019', '8 – 10 October 2019',
    'March 2019' / 'marzo de 2019', '2022', or 'date to be set' (translated).
    """
    language = language or current_language()
    locale = DATE_LOCALES[language]
    start, end = spec.start, spec.end
    if start is None or spec.precision == "none":
        with speaking(language):
            return _("date to be set")
    if spec.precision == "year":
        return str(start.year)
    if spec.precision == "month":
        return format_skeleton("yMMMM", start, locale=locale)
    if end is None or end == start:
        return format_date(start, "long", locale=locale)
    return format_day_range(start, end, locale)


def format_day_range(start: date, end: date, locale: str) -> str:
    """'8 – 10 October 2019', '8–10 de octubre de 2019', '30 sept. – 3 oct.' widened to full months.

    Babel picks CLDR's interval pattern for the greatest difference; CLDR gives most locales
    only an abbreviated-month skeleton (yMMMd), which ICU widens to the full month name when
    asked for yMMMMd — done here the same way.
    """
    formats = Locale.parse(locale).interval_formats
    skeleton = "yMMMMd" if "yMMMMd" in formats else "yMMMd"
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = formats[skeleton][field]
    return format_date(start, _widen(first), locale=locale) + format_date(end, _widen(second), locale=locale)


def _widen(pattern: str) -> str:
    return re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)


def format_utc_moment(moment: datetime, language: str | None = None) -> str:
    """'14 May 2027 09:30 UTC' with CLDR's abbreviated month names in the reader's language."""
    utc = moment.astimezone(UTC)
    return (
        format_datetime(utc, "d MMM y HH:mm", tzinfo=UTC, locale=DATE_LOCALES[language or current_language()])
        + " UTC"
    )


def format_day(day: date, language: str | None = None) -> str:
    """One day in full in the reader's language: '14 May 2027', '14 de mayo de 2027'."""
    return format_date(day, "long", locale=DATE_LOCALES[language or current_language()])


def weekday_name(weekday: int, language: str | None = None) -> str:
    """Monday=0 as CLDR writes it in the reader's language: 'Monday', 'lunes', 'lundi'."""
    return str(get_day_names("wide", locale=DATE_LOCALES[language or current_language()])[weekday])


def start_instant(day: date, at: time | None, zone: str) -> datetime:
    """The UTC instant an activity starts: its time, or midnight, in its own zone."""
    local = datetime.combine(day, at or time(0, 0), tzinfo=ZoneInfo(zone))
    return local.astimezone(UTC)


_WINDOW = re.compile(r"^(\d{1,4})\s*(d|day|days|w|wk|week|weeks|m|mo|month|months|y|year|years)$")


def parse_window(text: str) -> relativedelta | None:
    """'90d', '6 months', '2w', '1y' as a relativedelta; None if it is not a window."""
    match = _WINDOW.match(text.strip().lower())
    if not match:
        return None
    amount, unit = int(match.group(1)), match.group(2)
    if unit.startswith("d"):
        return relativedelta(days=amount)
    if unit.startswith("w"):
        return relativedelta(weeks=amount)
    if unit.startswith("m"):
        return relativedelta(months=amount)
    return relativedelta(years=amount)


def parse_lead(text: str) -> relativedelta | None:
    """A reminder lead such as '30d', '2w', '2h' or '90m' (minutes) as a relativedelta."""
    match = re.match(r"^(\d{1,4})\s*(w|d|h|m)$", text.strip().lower())
    if not match:
        return None
    amount, unit = int(match.group(1)), match.group(2)
    if unit == "w":
        return relativedelta(weeks=amount)
    if unit == "d":
        return relativedelta(days=amount)
    return relativedelta(hours=amount) if unit == "h" else relativedelta(minutes=amount)


def local_today(now: datetime, zone: str) -> date:
    """The calendar date at `now` in `zone`."""
    return now.astimezone(ZoneInfo(zone)).date()


def period_end(start: date | None, precision: str) -> date | None:
    """The last day of the day, month or year that starts on `start` (listings sort by it)."""
    if start is None:
        return None
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start
