"""The IANA zone of a time an iCalendar file gives, however the producer named its zone.

icalendar reads each VTIMEZONE block into a tzinfo that follows the file's own rules
(Exchange's "Eastern Standard Time", Outlook's "(UTC-03:00) Brasília"). We store IANA
names, so a file's zone is accepted as an IANA zone only when the two agree on the UTC
offset every week from the July before the time's year to its end: the instant
stored is then the instant the file meant. A zone nothing agrees with is refused.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

_CANONICAL = frozenset(WINDOWS_TO_OLSON.values())  # CLDR's representative zone of each Windows zone
# Windows display names that name no IANA city.
_DISPLAY_HINTS = {
    "brasilia": "America/Sao_Paulo",
    "eastern time": "America/New_York",
    "central time": "America/Chicago",
    "mountain time": "America/Denver",
    "pacific time": "America/Los_Angeles",
    "atlantic time": "America/Halifax",
    "coordinated universal time": "UTC",
}
_SAMPLES = 79


def zone_name(tz: tzinfo | None, at: datetime) -> tuple[str | None, str | None]:
    """(IANA zone, note for the summary) of an aware time; (None, None) if no zone agrees."""
    if tz is None:
        return None, None
    key = getattr(tz, "key", None)
    if isinstance(key, str):
        return key, None
    if tz is UTC:
        return "UTC", None
    tzid = str(getattr(tz, "_tzid", None) or at.tzname() or "").replace("\\", "")
    return _resolve(tzid, tz, at.year)


@functools.lru_cache(maxsize=256)
def _resolve(tzid: str, tz: tzinfo, year: int) -> tuple[str | None, str | None]:
    instants = _instants(year)
    wanted = [moment.astimezone(tz).utcoffset() for moment in instants]
    for name in _named(tzid):
        if _offsets(name, instants) == wanted:
            return name, None
    matches = [name for name in _all_zones() if _offsets(name, instants) == wanted]
    if not matches:
        return None, None
    chosen = _hinted(tzid, matches) or min(matches, key=lambda name: (name not in _CANONICAL, name))
    return chosen, f"time zone “{tzid}” defined in the file read as {chosen} (the same UTC offsets)"


def _instants(year: int) -> list[datetime]:
    """Weekly from the July before the year to its end: the rules that year's times depend on."""
    first = datetime(year - 1, 7, 1, 12, tzinfo=UTC)
    return [first + timedelta(weeks=week) for week in range(_SAMPLES)]


def _offsets(name: str, instants: list[datetime]) -> list[timedelta | None]:
    zone = _zone(name)
    return [moment.astimezone(zone).utcoffset() for moment in instants] if zone else []


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _named(tzid: str) -> list[str]:
    """IANA names the TZID itself gives: as is, as a Windows id, or after a vendor prefix."""
    cleaned = tzid.strip().strip('"').strip("/")
    names = [cleaned, WINDOWS_TO_OLSON.get(cleaned, "")]
    parts = cleaned.split("/")
    names += ["/".join(parts[start:]) for start in range(1, len(parts))]
    return [name for name in names if name and _zone(name) is not None]


@functools.cache
def _all_zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones() - {"localtime", "Factory"}))


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z]+", " ", plain).split())


def _hinted(tzid: str, matches: list[str]) -> str | None:
    """The match the TZID's words point to: a city in it, or a known Windows display name."""
    words = _fold(re.sub(r"\(UTC[^)]*\)", " ", tzid))
    for phrase, name in _DISPLAY_HINTS.items():
        if phrase in words and name in matches:
            return name
    for name in matches:
        city = _fold(name.rsplit("/", 1)[-1].replace("_", " "))
        if city and re.search(rf"\b{re.escape(city)}\b", words):
            return name
    return None
