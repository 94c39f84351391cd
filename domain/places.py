"""Time zones of the places ITAG meets in, so an event's day starts where it happens.

A stated table, matched on whole words only: "Climate Week NYC" is not Lima. A place that
names two cities in different zones gets no zone; the person chooses.
"""

from __future__ import annotations

import re

from domain.i18n import _
from domain.kinds import plain_words

PLACE_ZONES: dict[str, str] = {
    "geneva": "Europe/Zurich",
    "ginebra": "Europe/Zurich",
    "geneve": "Europe/Zurich",
    "santiago": "America/Santiago",
    "valparaiso": "America/Santiago",
    "vancouver": "America/Vancouver",
    "ottawa": "America/Toronto",
    "toronto": "America/Toronto",
    "montreal": "America/Toronto",
    "new york": "America/New_York",
    "nyc": "America/New_York",
    "nueva york": "America/New_York",
    "auckland": "Pacific/Auckland",
    "wellington": "Pacific/Auckland",
    "bangkok": "Asia/Bangkok",
    "port moresby": "Pacific/Port_Moresby",
    "mexico city": "America/Mexico_City",
    "ciudad de mexico": "America/Mexico_City",
    "cdmx": "America/Mexico_City",
    "bogota": "America/Bogota",
    "lima": "America/Lima",
    "san jose": "America/Costa_Rica",
    "quito": "America/Guayaquil",
    "abu dhabi": "Asia/Dubai",
    "yaounde": "Africa/Douala",
    "paris": "Europe/Paris",
    "brussels": "Europe/Brussels",
    "bruselas": "Europe/Brussels",
    "bruxelles": "Europe/Brussels",
}
_CITY = re.compile(r"\b(" + "|".join(sorted(map(re.escape, PLACE_ZONES), key=len, reverse=True)) + r")\b")


def cities_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, table name) of each known city named in `text`, compared without accents or case."""
    return [(m.start(), m.end(), m.group(1)) for m in _CITY.finditer(plain_words(text))]


def zone_for_place(place: str | None) -> str | None:
    """IANA zone of the known cities named in `place` (whole words), else None; None if they disagree."""
    if not place:
        return None
    zones = {PLACE_ZONES[city] for _, _, city in cities_in(place)}
    return zones.pop() if len(zones) == 1 else None


_ACCENTS = {
    "a": "[aáà]",
    "e": "[eéèê]",
    "i": "[ií]",
    "o": "[oóô]",
    "u": "[uúü]",
    "n": "[nñ]",
    " ": r"[\s\-]+",
}


def city_pattern() -> str:
    """A regex alternation of the table's cities, accents optional ('Genève', 'Bogotá')."""
    names = sorted(PLACE_ZONES, key=len, reverse=True)
    return "(?:" + "|".join("".join(_ACCENTS.get(ch, re.escape(ch)) for ch in name) for name in names) + ")"


_CITY_IN_TEXT = re.compile(rf"(?<!\w){city_pattern()}(?!\w)", re.IGNORECASE)


def find_cities(text: str) -> list[tuple[int, int]]:
    """Spans of the table's cities named in `text` as it is written (whole words)."""
    return [m.span() for m in _CITY_IN_TEXT.finditer(text)]


def host_city(place: str | None, zone: str) -> str | None:
    """The city a time is local to: the place's own city (whole words) when it lies in `zone`, else
    the zone's city ('America/Mexico_City' → 'Mexico City'); None for UTC and zones without one."""
    for begin, end in find_cities(place or ""):
        if zone_for_place((place or "")[begin:end]) == zone:
            return (place or "")[begin:end]
    if "/" not in zone:
        return None
    return zone.rsplit("/", 1)[1].replace("_", " ")


def host_time(at_hhmm: str, place: str | None, zone: str) -> str:
    """'09:00 in Geneva', or '09:00 UTC' when the zone has no city."""
    city = host_city(place, zone)
    return _("{time} in {city}").format(time=at_hhmm, city=city) if city else f"{at_hhmm} {zone}"
