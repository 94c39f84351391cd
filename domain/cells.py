"""Date, time and zone cells as spreadsheets hold them, read exactly or refused with a reason.

Numeric dates need an order (day-first, month-first, year-first): given, or proven by the
file, else a date like 6/5/2027 is refused rather than guessed. "May 2027" and "2027" keep
their month or year precision; a time "9" is 09:00; a zone abbreviation is accepted only
when it names one offset and the zone it stands for keeps that offset on that day.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.dates import Precision

Order = str  # "dmy" | "mdy" | "ymd"
_MONTHS = {
    1: "jan january ene enero janv janvier",
    2: "feb february febrero fev fevr fevrier",
    3: "mar march marzo mars",
    4: "apr april abr abril avr avril",
    5: "may mayo mai",
    6: "jun june junio juin",
    7: "jul july julio juil juillet",
    8: "aug august ago agosto aou aout",
    9: "sep sept september septiembre setiembre septembre",
    10: "oct october octubre octobre",
    11: "nov november noviembre novembre",
    12: "dec december dic diciembre decembre",
}
MONTHS = {name: number for number, names in _MONTHS.items() for name in names.split()}
_NOISE = re.compile(
    r"\b(de|del|le|the|of|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|"
    r"sat|sun|lunes|martes|miercoles|jueves|viernes|sabado|domingo|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche)\b"
)
NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_TIME_PART = re.compile(
    r"^(.*?\d)(?:[ T]+|T)(\d{1,2}(?:[:.h]\d{2})?(?::\d{2})?\s*(?:[ap]\.?\s*m\.?)?)$", re.I
)


class CellError(ValueError):
    """A cell that cannot be read exactly; the message says why, in the person's terms."""


@dataclass(frozen=True)
class DateCell:
    day: date
    precision: Precision = "day"
    at: time | None = None


def fold(text: str) -> str:
    """Lower case, accents dropped, spacing collapsed."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


def numeric_evidence(text: str) -> str | None:
    """'dmy' or 'mdy' when a numeric date proves its order (a first or second number over 12)."""
    match = NUMERIC.match(_split_time(text.strip())[0])
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return None


def read_date(text: str, order: Order | None) -> DateCell:
    """A date cell: ISO, numeric in `order`, month names (English, Spanish, French), month or year."""
    raw = text.strip()
    day_part, time_part = _split_time(raw)
    at = read_time(time_part)[0] if time_part else None
    cell = _date_only(day_part, order, raw)
    if at is not None and cell.precision != "day":
        raise CellError(f"“{raw}” has a time but no day")
    return DateCell(cell.day, cell.precision, at)


def _split_time(raw: str) -> tuple[str, str | None]:
    match = _TIME_PART.match(raw)
    if match and not re.fullmatch(r"\d{4}", raw):
        return match.group(1).strip(), match.group(2)
    return raw, None


def _date_only(text: str, order: Order | None, raw: str) -> DateCell:
    try:
        return _parse_date(text, order, raw)
    except ValueError as error:
        if isinstance(error, CellError):
            raise
        raise CellError(f"“{raw}” is not a date ({error})") from error


def _parse_date(text: str, order: Order | None, raw: str) -> DateCell:
    if re.fullmatch(r"\d{5}", text) and 20000 <= int(text) <= 80000:
        return DateCell(date(1899, 12, 30) + timedelta(days=int(text)))  # an Excel serial day
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if iso:
        return DateCell(date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))))
    month = re.fullmatch(r"(\d{4})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{4})", text)
    if month:
        year, number = (
            (month.group(1), month.group(2)) if month.group(1) else (month.group(4), month.group(3))
        )
        return DateCell(date(int(year), int(number), 1), "month")
    if re.fullmatch(r"\d{4}", text):
        return DateCell(date(int(text), 1, 1), "year")
    numeric = NUMERIC.match(text)
    if numeric:
        return DateCell(_numeric(numeric, order, raw))
    return _named(text, raw)


def _numeric(match: re.Match[str], order: Order | None, raw: str) -> date:
    first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
    if order is None:
        if first != second and first <= 12 and second <= 12:
            raise CellError(
                f"“{raw}” could be {_words(date(year, second, first))} "
                f"or {_words(date(year, first, second))}; give --date-order dmy or mdy"
            )
        order = "dmy" if first > 12 or first == second else "mdy"
    if order == "ymd":
        raise CellError(f"“{raw}” is not year-first, as --date-order ymd says")
    day, month = (first, second) if order == "dmy" else (second, first)
    if month > 12:
        raise CellError(f"“{raw}” is not a date in {order} order (month {month})")
    return date(year, month, day)


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _named(text: str, raw: str) -> DateCell:
    words = _NOISE.sub(
        " ", fold(text).replace(",", " ").replace("-", " ").replace("/", " ").replace(".", " ")
    )
    words = re.sub(r"\b(\d{1,2})(st|nd|rd|th|er|o|º)\b", r"\1", words)
    tokens = words.split()
    months = [MONTHS[t] for t in tokens if t in MONTHS]
    numbers = [t for t in tokens if t.isdigit()]
    if len(months) != 1 or len(tokens) != len(numbers) + 1 or not numbers:
        raise CellError(f"“{raw}” is not a date (write it like 2027-05-14 or 14 May 2027)")
    years = [n for n in numbers if len(n) == 4]
    if numbers == years and len(years) == 1:
        return DateCell(date(int(years[0]), months[0], 1), "month")
    if len(numbers) == 1:
        raise CellError(f"“{raw}” has no year")
    if len(numbers) != 2:
        raise CellError(f"“{raw}” is not a date (write it like 2027-05-14 or 14 May 2027)")
    if len(years) == 1:
        year, day = years[0], next(n for n in numbers if n is not years[0])
    elif not years and tokens[-1] == numbers[1]:
        year, day = numbers[1], numbers[0]  # Excel's 14-May-27
    else:
        raise CellError(f"“{raw}” has no year")
    return DateCell(date(_year(year), months[0], int(day)))


_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})(?:\s*[:.h]\s*(?P<m>\d{2})(?::(?P<s>\d{2}))?|\s*h)?\s*(?P<ap>[ap])?\.?\s*(?(ap)m\.?)$",
    re.I,
)
_ZONE_TAIL = re.compile(
    r"^(?P<clock>.*?)\s*(?P<zone>(?:utc|gmt)\s*[+-−]\s*\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5}|[A-Za-z_]+/[A-Za-z_/+-]+)$"
)


def read_time(text: str) -> tuple[time, str | None]:
    """A time cell: '9', '09:00', '9:30 pm', '14h', '15 h 30' — and a zone written after it."""
    raw = " ".join(text.strip().split())
    clock, zone = raw, None
    tail = _ZONE_TAIL.match(raw)
    if tail and not re.fullmatch(r"(?i)[ap]\.?\s*m\.?|h", tail.group("zone")):
        clock, zone = tail.group("clock"), tail.group("zone")
    match = _CLOCK.match(clock.strip())
    if not match:
        raise CellError(f"“{raw}” is not a time (write it like 09:00 or 3:30 pm)")
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    meridiem = (match.group("ap") or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise CellError(f"“{raw}” is not a time: {hour} with am/pm")
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59:
        raise CellError(f"“{raw}” is not a time of day")
    return time(hour, minute), zone


# Abbreviations that name one offset, the zone that keeps it, and whether it holds all year.
_ABBREVIATIONS: dict[str, tuple[float | None, str]] = {
    "EST": (-5, "America/New_York"),
    "EDT": (-4, "America/New_York"),
    "ET": (None, "America/New_York"),
    "CDT": (-5, "America/Chicago"),
    "MST": (-7, "America/Denver"),
    "MDT": (-6, "America/Denver"),
    "PST": (-8, "America/Los_Angeles"),
    "PDT": (-7, "America/Los_Angeles"),
    "PT": (None, "America/Los_Angeles"),
    "CET": (1, "Europe/Zurich"),
    "CEST": (2, "Europe/Zurich"),
    "WET": (0, "Europe/Lisbon"),
    "WEST": (1, "Europe/Lisbon"),
    "EET": (2, "Europe/Athens"),
    "EEST": (3, "Europe/Athens"),
    "NZST": (12, "Pacific/Auckland"),
    "NZDT": (13, "Pacific/Auckland"),
    "AEST": (10, "Australia/Sydney"),
    "AEDT": (11, "Australia/Sydney"),
    "CLT": (-4, "America/Santiago"),
    "CLST": (-3, "America/Santiago"),
    "COT": (-5, "America/Bogota"),
    "PET": (-5, "America/Lima"),
    "BRT": (-3, "America/Sao_Paulo"),
    "ART": (-3, "America/Argentina/Buenos_Aires"),
    "JST": (9, "Asia/Tokyo"),
    "SGT": (8, "Asia/Singapore"),
}
_AMBIGUOUS = {"CST", "IST", "BST", "AST", "ADT", "ECT", "GST", "SST"}


def read_zone(token: str, day: date | None, at: time | None, place_zone: str | None) -> str:
    """The IANA zone a zone cell or time suffix names, checked against the day it is used on."""
    text = token.strip()
    if "/" in text and is_zone(text):
        return text
    upper = re.sub(r"\s+", "", text.upper().replace("−", "-"))
    if upper in ("UTC", "GMT", "Z", "UT"):
        return "UTC"
    offset = re.fullmatch(r"(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?", upper)
    if offset:
        return _offset_zone(text, offset)
    if upper in _AMBIGUOUS:
        raise CellError(f"“{text}” names more than one time zone; write a zone name like America/Chicago")
    if upper not in _ABBREVIATIONS:
        raise CellError(f"“{text}” is not a time zone name (like Europe/Zurich) or a known abbreviation")
    hours, zone = _ABBREVIATIONS[upper]
    if hours is None or day is None:
        return zone
    return _checked(text, hours, zone, place_zone, datetime.combine(day, at or time(12)))


def _offset_zone(text: str, match: re.Match[str]) -> str:
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    if minutes or hours > 14:
        raise CellError(f"“{text}” is not a whole-hour offset; write a zone name like Asia/Kolkata")
    if hours == 0:
        return "UTC"
    return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"  # POSIX signs are reversed


def _checked(text: str, hours: float, zone: str, place_zone: str | None, local: datetime) -> str:
    wanted = timedelta(hours=hours)
    for name in (place_zone, zone):
        if name and is_zone(name) and local.replace(tzinfo=ZoneInfo(name)).utcoffset() == wanted:
            return name
    actual = local.replace(tzinfo=ZoneInfo(zone)).utcoffset() or timedelta(0)
    raise CellError(
        f"“{text}” is UTC{_hours(wanted)} but {zone} is on UTC{_hours(actual)} on {_words(local.date())}; "
        "write the abbreviation in use then, or a zone name"
    )


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
