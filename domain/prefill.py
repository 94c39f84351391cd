"""Read free text ("Ministerial meeting in Auckland on 14 May 2027") into a draft to pre-fill the form.

Dates, a time, a kind and a place are recognised; what is left becomes the title.
Nothing here is authoritative: the user sees and corrects the result in the form.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time

from dateutil import parser as dateparser
from dateutil.relativedelta import relativedelta

from domain.drafts import LIMITS, TITLE_LIMIT, Draft
from domain.kinds import find_kind
from domain.mrkdwn import mrkdwn_to_text, truncate
from domain.places import PLACE_ZONES, zone_for_place

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|to|until)\s*"
_LEAD = r"(?:\b(?:on|from)\s+)?"
_YEAR = r"(?:,?\s+(?P<y>\d{4}))?"
# Most specific first: a range must win over the single date inside it.
_DATES = [
    re.compile(rf"{_LEAD}\b(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}){_YEAR}\b", re.I),
    re.compile(
        rf"{_LEAD}\b(?P<d1>{_DAY})\s+(?P<m1>{_MONTH}){_TO}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}){_YEAR}\b", re.I
    ),
    re.compile(rf"{_LEAD}\b(?P<m2>{_MONTH})\s+(?P<d1>{_DAY}){_TO}(?P<d2>{_DAY}){_YEAR}\b", re.I),
    re.compile(rf"{_LEAD}\b(?P<d1>{_DAY})\s+(?P<m1>{_MONTH}){_YEAR}\b", re.I),
    re.compile(rf"{_LEAD}\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_YEAR}\b", re.I),
    re.compile(rf"{_LEAD}\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b", re.I),
]
_TIME = re.compile(
    r"(?:\bat\s+)?\b(\d{1,2}(?:[:h.]\d{2})\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?!\w)", re.I
)
_PLACE = re.compile(r"\bin\s+((?:[A-Z][\w'’.\-]*)(?:\s+(?:de\s+|del\s+|la\s+)?[A-Z][\w'’.\-]*)*)")
_URL = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>|(https?://[^\s<>|]+)")
_CONNECTORS = {"on", "at", "in", "from", "to", "-", "–", ",", "|", ":"}


def read_text(text: str, *, today: date) -> Draft:
    """What can be read from one line of free text; the rest is the title."""
    rest, start, end = _take_dates(text, today)
    rest, at = _take_time(rest) if start else (rest, None)
    rest, place = _take_place(rest)
    found = find_kind(text)
    return Draft(
        title=truncate(_tidy(rest), TITLE_LIMIT),
        kind=found[0] if found else "other",
        start=start,
        end=end,
        at=at,
        place=place,
        zone=zone_for_place(place),
    )


def read_message(text: str, *, today: date) -> Draft:
    """A draft from a Slack message: title from its first line, the whole text as description."""
    plain = mrkdwn_to_text(text).strip()
    first = next((line for line in plain.splitlines() if line.strip()), "")
    draft = read_text(first, today=today)
    whole = read_text(plain, today=today)
    if draft.start is None:
        draft = replace(draft, start=whole.start, end=whole.end, at=whole.at)
    if draft.place is None:
        draft = replace(draft, place=whole.place, zone=whole.zone)
    if draft.kind == "other":
        draft = replace(draft, kind=whole.kind)
    link = _URL.search(text)
    return replace(
        draft,
        description=truncate(plain, LIMITS["description"]) or None,
        link=truncate(link.group(1) or link.group(2), LIMITS["link"]) if link else None,
    )


def _take_dates(text: str, today: date) -> tuple[str, date | None, date | None]:
    for pattern in _DATES:
        match = pattern.search(text)
        if match is None:
            continue
        found = _dates_of(match.groupdict(), today)
        if found is not None:
            rest = text[: match.start()] + " " + text[match.end() :]
            return rest, found[0], found[1]
    return text, None, None


def _dates_of(parts: dict[str, str | None], today: date) -> tuple[date, date | None] | None:
    try:
        if parts.get("iso"):
            return dateparser.isoparse(str(parts["iso"])).date(), None
        year = parts.get("y")
        default = datetime(int(year) if year else today.year, 1, 1)  # noqa: DTZ001 - a calendar date only
        last_month = parts.get("m2") or parts.get("m1")
        first = dateparser.parse(f"{parts['d1']} {parts.get('m1') or last_month}", default=default).date()
        last = None
        if parts.get("d2"):
            last = dateparser.parse(f"{parts['d2']} {last_month}", default=default).date()
    except (ValueError, OverflowError):
        return None
    if not year and first < today:
        first, last = first + relativedelta(years=1), last + relativedelta(years=1) if last else None
    return first, last


def _take_time(text: str) -> tuple[str, time | None]:
    match = _TIME.search(text)
    if match is None:
        return text, None
    raw = re.sub(r"(\d)[h.](\d{2})", r"\1:\2", match.group(1).lower()).replace(".", "")
    try:
        at = dateparser.parse(raw, default=datetime(2000, 1, 1)).time()  # noqa: DTZ001 - a wall-clock time
    except (ValueError, OverflowError):
        return text, None
    return text[: match.start()] + " " + text[match.end() :], at


def _take_place(text: str) -> tuple[str, str | None]:
    match = _PLACE.search(text)
    if match is not None and not re.fullmatch(_MONTH + r"(?:\s+\d{4})?", match.group(1), re.I):
        return text[: match.start()] + " " + text[match.end() :], match.group(1).rstrip(".")
    lowered = text.lower()
    for city in PLACE_ZONES:
        found = re.search(rf"\b{re.escape(city)}\b", lowered)
        if found:
            return text, text[found.start() : found.end()]
    return text, None


def _tidy(text: str) -> str:
    words = text.split()
    while words and words[-1].lower() in _CONNECTORS:
        words.pop()
    while words and words[0].lower() in _CONNECTORS:
        words.pop(0)
    return " ".join(words).rstrip(",;:-– ")
