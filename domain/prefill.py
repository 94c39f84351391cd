"""Read free text ("Ministerial meeting in Auckland on 14 May 2027") into a draft to pre-fill the form.

English, Spanish and French announcements. A field is filled only when the text says it
for sure; anything doubtful is left empty for the person to fill in, because a date or an
hour pre-filled wrong is easily saved without a second look:
- a date without a year follows the text's tense (`text_dates.settle`);
- a deadline clause ("Registration closes 1 May 2027") does not date the event;
- "postponed from 3 June to 10 June" means 10 June;
- a time needs a date beside it, and its zone abbreviation must be unambiguous;
- a place is a city from the stated table (`domain.places`), never any capitalised word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from domain.dates import Precision
from domain.drafts import LIMITS, TITLE_LIMIT, Draft
from domain.kinds import find_kind, plain_words
from domain.mrkdwn import mrkdwn_to_text, truncate
from domain.places import find_cities, zone_for_place
from domain.text_dates import Found, find_dates, month_start, settle
from domain.text_times import find_time, zone_phrases

_PAST = re.compile(
    r"\b(?:joined|thanks|thank you|yesterday|held|took place|attended|participated|last week|recap"
    r"|gracias|participaron|asistieron|ayer|se realizo|se celebro|tuvo lugar"
    r"|merci|ont participe|hier|s est tenue?|a eu lieu|ont assiste)\b"
)
_FUTURE = re.compile(
    r"\b(?:will|join us|upcoming|save the date|we invite|register|"
    r"se realizara|tendra lugar|los invitamos|inscribete|aura lieu|se tiendra|rejoignez|inscrivez)\b"
)
_DEADLINE = re.compile(
    r"\b(?:deadline|closes|close on|close by|register by|register before|registration ends|rsvp by"
    r"|apply by|due by|submissions due|plazo|fecha limite|cierran?|cierre|hasta"
    r"|date limite|cloture|se terminent|se termine|avant le)\b"
)
_POSTPONED = re.compile(
    r"\b(?:postponed|rescheduled|moved|pospone|pospuesto|pospuesta|reprogramad[oa]|aplazad[oa]"
    r"|reporte|reportee|deplace|deplacee)\b"
)
_CLAUSE = re.compile(r"[;\n]|(?<![ap]\.m\.)(?<=[.!?])\s+(?=[¿¡A-ZÁÉÍÓÚÑ])")
_PREPOSITION = re.compile(r"(?:\b(?:in|en|at|à|a|au)\s+)$", re.IGNORECASE)
_COUNTRY = re.compile(
    r"(?:,\s*|\s+de\s+)(?:Chile|Switzerland|Suiza|Suisse|Peru|Perú|Colombia|Mexico|México|Canada|Canadá"
    r"|New Zealand|Nueva Zelanda|Nouvelle-Zélande|Ecuador|Costa Rica|USA|U\.S\.)\b"
)
_URL = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>|(https?://[^\s<>|]+)")
_CONNECTORS = {
    *("on", "at", "in", "from", "to", "is", "are", "will", "be", "takes", "take", "place", "the", "a"),
    *("el", "la", "los", "las", "le", "les", "del", "de", "du", "au", "al", "à", "en", "es", "será", "sera"),
    *("est", "aura", "lieu", "tendrá", "lugar", "se", "realizará", "-", "–", "—", ",", "|", ":", "(", ")"),
}


@dataclass(frozen=True)
class _Event:
    """The date the text gives its event, and the clause it was found in."""

    start: date | None
    end: date | None
    precision: Precision
    clause: tuple[int, int]
    span: tuple[int, int] | None


def read_text(text: str, *, today: date) -> Draft:
    """What can be read for sure from free text; the rest of the event's clause is the title."""
    words = plain_words(text)
    past = bool(_PAST.search(words)) and not _FUTURE.search(words)
    event = _event(text, today=today, past=past)
    place_span = _place_span(text, event.clause)
    place = text[place_span[0] : place_span[1]] if place_span else None
    place_zone = zone_for_place(place) if _one_zone(text) else None
    spans = [s for s in (event.span, place_span) if s]
    at, zone = None, place_zone
    if event.start is not None and event.precision == "day":
        clause = text[event.clause[0] : event.clause[1]]
        found = find_time(_blank(clause, event.span, event.clause[0]), day=event.start, place_zone=place_zone)
        at, zone = found.at, found.zone if found.at or found.spans else place_zone
        spans += [(a + event.clause[0], b + event.clause[0]) for a, b in found.spans]
    title = _title(text, event.clause, spans)
    kind = find_kind(text[event.clause[0] : event.clause[1]]) or find_kind(text)
    return Draft(
        title=truncate(title, TITLE_LIMIT),
        kind=kind[0] if kind else "other",
        start=event.start,
        end=event.end,
        precision=event.precision if event.start else "day",
        at=at,
        place=place,
        zone=zone,
    )


def read_message(text: str, *, today: date) -> Draft:
    """A draft from a Slack message: title from its first line, the whole text as description."""
    plain = mrkdwn_to_text(text).strip()
    first = next((line for line in plain.splitlines() if line.strip()), "")
    draft = read_text(first, today=today)
    whole = read_text(plain, today=today)
    if draft.start is None:
        draft = replace(draft, start=whole.start, end=whole.end, precision=whole.precision, at=whole.at)
        draft = replace(draft, zone=whole.zone if whole.at else draft.zone)
    if draft.place is None:
        draft = replace(draft, place=whole.place, zone=draft.zone or whole.zone)
    if draft.kind == "other":
        draft = replace(draft, kind=whole.kind)
    link = _URL.search(text)
    return replace(
        draft,
        description=truncate(plain, LIMITS["description"]) or None,
        link=truncate(link.group(1) or link.group(2), LIMITS["link"]) if link else None,
    )


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of `text`: split at semicolons, line ends and sentence ends."""
    bounds, begin = [], 0
    for match in _CLAUSE.finditer(text):
        bounds.append((begin, match.start()))
        begin = match.end()
    bounds.append((begin, len(text)))
    return [b for b in bounds if text[b[0] : b[1]].strip()] or [(0, len(text))]


def _event(text: str, *, today: date, past: bool) -> _Event:
    found = find_dates(text)
    parts = clauses(text)
    for clause in parts:
        postponed = bool(_POSTPONED.search(plain_words(text[clause[0] : clause[1]])))
        inside = [f for f in found if clause[0] <= f.begin < clause[1]]
        for index, item in enumerate(inside):
            if _is_deadline(text, inside, index, clause):
                continue
            event = _dated(item, today=today, past=past, postponed=postponed)
            if event is not None:
                return replace(event, clause=clause)
    first_free = next((c for c in parts if not _DEADLINE.search(plain_words(text[c[0] : c[1]]))), parts[0])
    return _Event(None, None, "day", first_free, None)


def _is_deadline(text: str, dates: list[Found], index: int, clause: tuple[int, int]) -> bool:
    """A date is a deadline when the words between it and its neighbours say so ("closes 1 May")."""
    before = dates[index - 1].end if index else clause[0]
    after = dates[index + 1].begin if index + 1 < len(dates) else clause[1]
    item = dates[index]
    return any(_DEADLINE.search(plain_words(text[a:b])) for a, b in ((before, item.begin), (item.end, after)))


def _dated(item: Found, *, today: date, past: bool, postponed: bool) -> _Event | None:
    span = (item.begin, item.end)
    if item.month_only:
        first = month_start(item)
        return _Event(first, None, "month", span, span) if first else None
    days = settle(item, today=today, past=past)
    if days is None:
        return None
    start, end = days
    if postponed and end is not None:
        return _Event(end, None, "day", span, span)  # "from 3 June to 10 June": the new date
    return _Event(start, end, "day", span, span)


def _place_span(text: str, clause: tuple[int, int]) -> tuple[int, int] | None:
    """The first table city in the event's clause (else anywhere), with a country that follows it."""
    zones = zone_phrases(text)
    cities = [c for c in find_cities(text) if not any(a <= c[0] < b for a, b in zones)]
    inside = [c for c in cities if clause[0] <= c[0] < clause[1]]
    if not (inside or cities):
        return None
    begin, end = (inside or cities)[0]
    country = _COUNTRY.match(text, end)
    return begin, country.end() if country else end


def _one_zone(text: str) -> bool:
    """False when the text names cities in different zones ("Geneva and Santiago"): whose hour?"""
    zones = zone_phrases(text)
    named = [text[a:b] for a, b in find_cities(text) if not any(z0 <= a < z1 for z0, z1 in zones)]
    return len({zone_for_place(city) for city in named}) <= 1


def _blank(clause: str, span: tuple[int, int] | None, offset: int) -> str:
    if span is None:
        return clause
    a, b = span[0] - offset, span[1] - offset
    return clause[:a] + " " * (b - a) + clause[b:]


def _title(text: str, clause: tuple[int, int], spans: list[tuple[int, int]]) -> str:
    """The event's clause without the date, time, zone and place (a place keeps its name in a title
    when it is part of one: "Climate Week NYC side event")."""
    chars = list(text)
    for begin, end in spans:
        if not (clause[0] <= begin < clause[1]):
            continue
        before = _PREPOSITION.search(text[clause[0] : begin])
        if text[begin:end] and not before and find_cities(text[begin:end]) == [(0, end - begin)]:
            continue  # a city without "in"/"en"/"à" before it is part of a name
        begin = clause[0] + before.start() if before else begin
        chars[begin:end] = " " * (end - begin)
    return _tidy("".join(chars)[clause[0] : clause[1]])


def _tidy(text: str) -> str:
    words = re.sub(r"\(\s*\)|(?<=,)\s*,", " ", text).split()
    while words and words[-1].lower().strip(",;:") in _CONNECTORS:
        words.pop()
    while words and words[0].lower().strip(",;:") in _CONNECTORS:
        words.pop(0)
    tidy = " ".join(words).strip(",;:-–— ")
    return tidy[:1].upper() + tidy[1:]
