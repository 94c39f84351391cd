"""Time zones of the places ITAG meets in, so an event's day starts where it happens."""

from __future__ import annotations

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
