"""Dates as announcements write them, in English, Spanish and French.

Finds every date expression in a text with its span, precision and the parts it states;
the year of a date written without one is decided later, from what the text says
(`settle_year`). Nothing is guessed here: a day or month that does not exist is no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from domain.kinds import plain_words

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "enero", "ene", "janvier", "janv"),
    2: ("february", "feb", "febrero", "fevrier", "fevr"),
    3: ("march", "mar", "marzo", "mars"),
    4: ("april", "apr", "abril", "abr", "avril", "avr"),
    5: ("may", "mayo", "mai"),
    6: ("june", "jun", "junio", "juin"),
    7: ("july", "jul", "julio", "juillet", "juil"),
    8: ("august", "aug", "agosto", "aout"),
    9: ("september", "sept", "sep", "septiembre", "setiembre", "septembre"),
    10: ("october", "oct", "octubre", "octobre"),
    11: ("november", "nov", "noviembre", "novembre"),
    12: ("december", "dec", "diciembre", "dic", "decembre", "dec"),
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_ACCENTED = {"fevrier": "février", "fevr": "févr", "aout": "août", "decembre": "décembre", "dec": "déc"}
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun"
    "|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
    "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_names = sorted({*MONTHS, *_ACCENTED.values()}, key=len, reverse=True)
_M = r"(?:" + "|".join(_names) + r")\.?"
_D = r"(?<![\d.,:/])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|º|°)?(?![\d:.,]\d)"
_Y = r"(?:19|20)\d{2}(?!\d)"
_ISO = r"(?:19|20)\d{2}-\d{2}-\d{2}"
_OF = r"(?:\s+(?:de|of))?\s+"
_YSEP = r"(?:,\s*|\s+de\s+|\s+)"
_TO = r"\s*(?:[-–—]|\b(?:to|until|till|through|al|a|hasta\s+el|au|jusqu[’']au)\b)\s*"
_LEAD = (
    r"(?:\b(?:from|on|del|de|el|entre\s+el|du|le|les)\s+)?"
    rf"(?:\b(?:{_WEEKDAYS})\.?,?\s+(?:(?:el|le|the)\s+)?)?"
)


def _group(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


_PATTERNS = [
    # 30 September – 3 October 2028 · 14-16 May 2027 · del 30 de septiembre al 3 de octubre de 2027
    rf"{_LEAD}\b{_group('d1', _D)}(?:{_OF}{_group('m1', _M)}(?:{_YSEP}{_group('y1', _Y)})?)?"
    rf"{_TO}{_group('d2', _D)}{_OF}{_group('m2', _M)}(?:{_YSEP}{_group('y2', _Y)})?",
    # September 30 – October 3, 2028 · May 14-16, 2027
    rf"{_LEAD}\b{_group('m1', _M)}\s+{_group('d1', _D)}(?:,?\s+{_group('y1', _Y)})?"
    rf"{_TO}(?:{_group('m2', _M)}\s+)?{_group('d2', _D)}(?:,?\s+{_group('y2', _Y)})?",
    # 14 May 2027 · 14 de mayo de 2027 · le 1er mai 2027
    rf"{_LEAD}\b{_group('d1', _D)}{_OF}{_group('m1', _M)}(?:{_YSEP}{_group('y1', _Y)})?",
    # May 14, 2027
    rf"{_LEAD}\b{_group('m1', _M)}\s+{_group('d1', _D)}(?:,?\s+{_group('y1', _Y)})?",
    # 2027-05-14
    rf"{_LEAD}\b{_group('iso', _ISO)}\b",
    # September 2027 · septiembre de 2027 (the day not known yet)
    rf"(?:\b(?:in|en)\s+)?\b{_group('mo', _M)}(?:\s+de|,)?\s+{_group('ym', _Y)}",
]
_COMPILED = [re.compile(p, re.IGNORECASE) for p in _PATTERNS]
_WORD_AFTER = re.compile(r"\w")


@dataclass(frozen=True)
class Found:
    """A date expression: where it is, the parts it names, and whether it is a month."""

    begin: int
    end: int
    first: tuple[int | None, int, int]  # (year or None, month, day); day 1 for a month
    last: tuple[int | None, int, int] | None = None
    month_only: bool = False


def find_dates(text: str) -> list[Found]:
    """Every date expression in `text`, in order; of two that overlap the more specific wins."""
    taken: list[Found] = []
    for pattern in _COMPILED:
        for match in pattern.finditer(text):
            found = _found(match)
            if found is None or _WORD_AFTER.match(text, found.end):
                continue
            if not any(f.begin < found.end and found.begin < f.end for f in taken):
                taken.append(found)
    return sorted(taken, key=lambda f: f.begin)


def _month(raw: str | None) -> int | None:
    return MONTHS.get(plain_words(raw).rstrip(".")) if raw else None


def _day(raw: str) -> int:
    return int(re.match(r"\d+", raw).group(0))  # type: ignore[union-attr]  # the pattern starts with digits


def _found(match: re.Match[str]) -> Found | None:
    parts = match.groupdict()
    if parts.get("iso"):
        year, month, day = (int(p) for p in str(parts["iso"]).split("-"))
        return Found(match.start(), match.end(), (year, month, day))
    if parts.get("mo"):
        named = _month(parts["mo"])
        return Found(match.start(), match.end(), (int(parts["ym"]), named or 0, 1), month_only=True)
    if _lowercase_may(parts.get("m1"), match):
        return None  # "participants may 14 …": the verb, not the month
    m2 = _month(parts.get("m2"))
    m1 = _month(parts.get("m1")) or m2
    if m1 is None:
        return None
    y1 = int(parts["y1"]) if parts.get("y1") else None
    y2 = int(parts["y2"]) if parts.get("y2") else None
    first = (y1, m1, _day(str(parts["d1"])))
    last = (y2, m2 or m1, _day(str(parts["d2"]))) if parts.get("d2") else None
    return Found(match.start(), match.end(), first, last)


def _lowercase_may(month: str | None, match: re.Match[str]) -> bool:
    return month == "may" and match.group(0).lstrip().startswith("may")


def settle(found: Found, *, today: date, past: bool) -> tuple[date, date | None] | None:
    """The days a found expression means, its missing years decided; None when unsure or impossible.

    A year written on one end of a range holds for both (the start a year earlier if its
    month comes later: 30 December – 2 January 2028). Without any year, a text that speaks
    of the past means the last such day within six months; otherwise the next one — unless
    that day was less than a month ago, when the text could mean either.
    """
    (y1, m1, d1), last = found.first, found.last
    y2, m2, d2 = last if last else (None, m1, d1)
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if (m1, d1) > (m2, d2) else y2
    if y2 is None and y1 is not None:
        y2 = y1 + 1 if (m2, d2) < (m1, d1) else y1
    try:
        if y1 is not None and y2 is not None:
            days: tuple[date, date] | None = (date(y1, m1, d1), date(y2, m2, d2))
        else:
            days = _nearest(m1, d1, m2, d2, today=today, past=past)
    except ValueError:
        return None
    if days is None or days[1] < days[0]:
        return None
    return days[0], (days[1] if last else None)


def _nearest(m1: int, d1: int, m2: int, d2: int, *, today: date, past: bool) -> tuple[date, date] | None:
    def span(year: int) -> tuple[date, date]:
        return date(year, m1, d1), date(year + 1 if (m2, d2) < (m1, d1) else year, m2, d2)

    this_year = span(today.year)
    before = this_year if this_year[0] <= today else span(today.year - 1)
    after = this_year if this_year[0] >= today else span(today.year + 1)
    if past:
        return before if today - before[0] <= timedelta(days=183) else None
    return after if today - before[0] > timedelta(days=31) or before == after else None


def month_start(found: Found) -> date | None:
    """The first day of a 'September 2027' expression, or None if it names no month."""
    year, month, _ = found.first
    return date(year, month, 1) if year is not None and 1 <= month <= 12 else None
