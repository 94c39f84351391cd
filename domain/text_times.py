"""A start time as announcements write it, and the zone it is given in.

"10:00 a.m. EDT", "15h CET", "9.30am", "10 h 30", "a las 10:00 hora de Santiago". Money and
version numbers ("USD 1.25 million", "version 2.10") are never times: a time needs a colon,
an "h" or am/pm. A zone abbreviation is kept only when it names one zone's rules and is in
force on that day; otherwise the time and the zone are both left for the person to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.places import city_pattern, zone_for_place

_PREP = r"(?:\b(?:at|from|a\s+las|a\s+la|de|desde\s+las|à|a|dès|vers)\s+)?"
_TIMES = [
    re.compile(  # 10:00 a.m. · 3pm · 9.30am
        _PREP + r"(?<![\d.,$€£])\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?",
        re.IGNORECASE,
    ),
    re.compile(  # 15:00 · 09:30 hrs
        _PREP + r"(?<![\d.,$€£:])\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d.,]\d)(?:\s?(?:h|hrs|horas?)\b)?"
    ),
    re.compile(  # 15h · 10h30 · 10 h 30 (French), only after "à", "a las", … or with minutes
        r"(?:\b(?:à|a|a\s+las|de|dès|vers|at)\s+)(?<![\d.,])\b(?P<h>[01]?\d|2[0-3])\s?h(?:\s?(?P<m>[0-5]\d))?(?!\w)"
        r"|(?<![\d.,])\b(?P<h2>[01]?\d|2[0-3])\s?h\s?(?P<m2>[0-5]\d)(?!\w)",
        re.IGNORECASE,
    ),
]
# The end of a time range ("9:30–11:00", "10 a 12 h"), read past so the zone after it is found.
_UNTIL = re.compile(
    r"\s*(?:[-–—]|\b(?:to|a|à|al|au|until)\b)\s*\d{1,2}(?:[:.h]\s?\d{2}|\s?h\b)?(?:\s?[ap]\.?\s?m\b\.?)?"
)
# Abbreviations that name one set of rules, with the UTC offset they state (None: whichever
# is in force, as "ET" means). Others (CST, IST, BST, MST…) name several: refused.
ZONE_ABBREVIATIONS: dict[str, tuple[str, float | None]] = {
    "UTC": ("UTC", 0),
    "GMT": ("UTC", 0),
    "Z": ("UTC", 0),
    "EST": ("America/New_York", -5),
    "EDT": ("America/New_York", -4),
    "ET": ("America/New_York", None),
    "PST": ("America/Los_Angeles", -8),
    "PDT": ("America/Los_Angeles", -7),
    "PT": ("America/Los_Angeles", None),
    "CET": ("Europe/Zurich", 1),
    "CEST": ("Europe/Zurich", 2),
    "NZST": ("Pacific/Auckland", 12),
    "NZDT": ("Pacific/Auckland", 13),
    "CLT": ("America/Santiago", -4),
    "CLST": ("America/Santiago", -3),
    "COT": ("America/Bogota", -5),
    "PET": ("America/Lima", -5),
}
_AMBIGUOUS = frozenset(
    ("CST", "CDT", "MST", "MDT", "IST", "BST", "AST", "ECT", "ART", "BRT", "SST", "HST", "AKST", "WET")
)
_ABBREVIATION = re.compile(
    r"\s*\(?\s*(?P<abbr>[A-Z]{1,5})(?![\w])(?:\s*(?P<sign>[+\-−])\s*(?P<off>\d{1,2})(?::00)?)?"
)
_CITY_TIME = re.compile(
    rf"(?:\b(?:hora\s+de|heure\s+de|time\s+in)\s+(?P<a>{city_pattern()})|(?P<b>{city_pattern()})\s+time)\b\)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimeFound:
    """A start time, its zone if stated, and the spans of text that said them."""

    at: time | None
    zone: str | None
    spans: tuple[tuple[int, int], ...]


def find_time(text: str, *, day: date, place_zone: str | None) -> TimeFound:
    """The first start time in `text` on `day`, with its zone; an unresolvable zone blanks both."""
    match = _first_time(text)
    city = _CITY_TIME.search(text)
    spans = [city.span()] if city else []
    if match is None:
        return TimeFound(None, None, tuple(spans))
    at = _clock(match)
    until = _UNTIL.match(text, match.end())
    end = until.end() if until else match.end()
    abbr = _ABBREVIATION.match(text, end)
    stated = abbr and (abbr.group("abbr") in ZONE_ABBREVIATIONS or abbr.group("abbr") in _AMBIGUOUS)
    end = abbr.end() if abbr and stated else end
    spans.append((match.start(), end + (1 if text[end : end + 1] == ")" else 0)))
    if abbr and stated:
        zone = _resolve(abbr, datetime.combine(day, at), place_zone)
        return TimeFound(at if zone else None, zone, tuple(spans))
    city_zone = zone_for_place(city.group("a") or city.group("b")) if city else None
    return TimeFound(at, city_zone or place_zone, tuple(spans))


def zone_phrases(text: str) -> list[tuple[int, int]]:
    """Spans that name a zone by its city ("hora de Santiago", "Ottawa time"): no place is read there."""
    return [m.span() for m in _CITY_TIME.finditer(text)]


def _first_time(text: str) -> re.Match[str] | None:
    found = [m for pattern in _TIMES for m in pattern.finditer(text)]
    return min(found, key=lambda m: m.start()) if found else None


def _clock(match: re.Match[str]) -> time:
    parts = match.groupdict()
    hour = int(parts.get("h") or parts.get("h2") or 0)
    minute = int(parts.get("m") or parts.get("m2") or 0)
    if parts.get("ap"):
        hour = hour % 12 + (12 if parts["ap"].lower() == "p" else 0)
    return time(hour, minute)


def _resolve(abbr: re.Match[str], local: datetime, place_zone: str | None) -> str | None:
    """The IANA zone an abbreviation names at this wall time, preferring the place's; else None."""
    name = abbr.group("abbr")
    if name in _AMBIGUOUS or name not in ZONE_ABBREVIATIONS:
        return None
    zone, offset = ZONE_ABBREVIATIONS[name]
    if abbr.group("off"):
        if zone != "UTC":
            return None
        hours = int(abbr.group("off")) * (1 if abbr.group("sign") == "+" else -1)
        return "UTC" if hours == 0 else f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"
    if offset is None:
        return place_zone if place_zone and _offset(place_zone, local) == _offset(zone, local) else zone
    if place_zone and _offset(place_zone, local) == offset:
        return place_zone
    return zone if _offset(zone, local) == offset else None


def _offset(zone: str, local: datetime) -> float | None:
    delta = local.replace(tzinfo=ZoneInfo(zone)).utcoffset()
    return delta / timedelta(hours=1) if delta is not None else None
