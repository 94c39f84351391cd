"""Time zones of the places ITAG meets in, so an event's day starts where it happens."""

from __future__ import annotations

from domain.i18n import _

PLACE_ZONES: dict[str, str] = {
    "geneva": "Europe/Zurich",
    "santiago": "America/Santiago",
    "valparaiso": "America/Santiago",
    "valparaíso": "America/Santiago",
    "vancouver": "America/Vancouver",
    "ottawa": "America/Toronto",
    "auckland": "Pacific/Auckland",
    "wellington": "Pacific/Auckland",
    "bangkok": "Asia/Bangkok",
    "port moresby": "Pacific/Port_Moresby",
    "mexico city": "America/Mexico_City",
    "bogota": "America/Bogota",
    "bogotá": "America/Bogota",
    "lima": "America/Lima",
    "san jose": "America/Costa_Rica",
    "san josé": "America/Costa_Rica",
    "quito": "America/Guayaquil",
    "abu dhabi": "Asia/Dubai",
    "yaoundé": "Africa/Douala",
    "yaounde": "Africa/Douala",
}


def zone_for_place(place: str | None) -> str | None:
    """IANA zone of the first known city named in `place`, else None."""
    if not place:
        return None
    lowered = place.lower()
    for city, zone in PLACE_ZONES.items():
        if city in lowered:
            return zone
    return None


def host_city(place: str | None, zone: str) -> str | None:
    """The city a time is local to: the place's own city when it lies in `zone`, else the zone's
    city ('America/Mexico_City' → 'Mexico City'); None for UTC and zones without one."""
    lowered = (place or "").lower()
    for city, city_zone in PLACE_ZONES.items():
        if city_zone == zone and city in lowered:
            start = lowered.index(city)
            return (place or "")[start : start + len(city)]
    if "/" not in zone:
        return None
    return zone.rsplit("/", 1)[1].replace("_", " ")


def host_time(at_hhmm: str, place: str | None, zone: str) -> str:
    """'09:00 in Geneva', or '09:00 UTC' when the zone has no city."""
    city = host_city(place, zone)
    return _("{time} in {city}").format(time=at_hhmm, city=city) if city else f"{at_hhmm} {zone}"
