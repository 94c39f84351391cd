"""Prefill on the announcement phrase table: the app's reader beside `dateparser` and `dateutil`.

The question issue 9 asked: would `dateparser` (or dateutil's fuzzy parser) read Spanish and
French announcements better than the app's own rules? Each reader gets every phrase of
`tests/test_prefill_phrases.py` (today fixed at 2026-11-29) and is scored on the start date,
end date and start time together: all right, a wrong value pre-filled (the worst outcome: a
date or hour that looks plausible and is saved unseen), or left empty where the table has one.
"""

from __future__ import annotations

import time as clock
import warnings
from collections.abc import Callable
from datetime import date, datetime, time

from dateutil import parser as dateutil_parser

from domain.prefill import read_text
from tests.test_prefill_phrases import PHRASES, TODAY

Reading = tuple[date | None, date | None, time | None]
_MIDNIGHT = datetime(TODAY.year, TODAY.month, TODAY.day)  # noqa: DTZ001 - a wall-clock default


def _ours(text: str) -> Reading:
    draft = read_text(text, today=TODAY)
    return draft.start, draft.end, draft.at


def _dateutil(text: str) -> Reading:
    try:
        with warnings.catch_warnings():  # "tzname EDT identified but not understood"
            warnings.simplefilter("ignore")
            found = dateutil_parser.parse(text, fuzzy=True, default=_MIDNIGHT)
    except (ValueError, OverflowError):
        return None, None, None
    moment = found.time()
    return found.date(), None, moment if moment != time(0) else None


def _dateparser() -> Callable[[str], Reading] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    settings = {"RELATIVE_BASE": datetime(TODAY.year, TODAY.month, TODAY.day), "PREFER_DATES_FROM": "future"}  # noqa: DTZ001

    def read(text: str) -> Reading:
        found = search_dates(text, languages=["en", "es", "fr"], settings=settings)  # type: ignore[arg-type]
        if not found:
            return None, None, None
        moment = found[0][1]
        return moment.date(), None, moment.time() if moment.time() != time(0) else None

    return read


def _score(name: str, reader: Callable[[str], Reading], rounds: int) -> dict[str, object]:
    right = wrong = missed = 0
    for text, _title, _kind, start, end, _precision, at, _zone, _place in PHRASES:
        got = reader(text)
        expected = (start, end, at)
        if got == expected:
            right += 1
        elif any(g is not None and g != e for g, e in zip(got, expected, strict=True)):
            wrong += 1
        else:
            missed += 1
    began = clock.perf_counter()
    for _ in range(rounds):
        for phrase in PHRASES:
            reader(phrase[0])
    ms = (clock.perf_counter() - began) * 1000 / (rounds * len(PHRASES))
    return {
        "reader": name,
        "phrases": len(PHRASES),
        "all_right": right,
        "wrong_date_or_time": wrong,
        "left_empty": missed,
        "ms_per_phrase": round(ms, 3),
    }


def run(quick: bool = False) -> list[dict[str, object]]:
    """One row per reader: accuracy on start, end and time together, and time per phrase."""
    rounds = 2 if quick else 20
    rows = [_score("itag prefill (domain/prefill.py)", _ours, rounds)]
    rows.append(_score("dateutil.parser.parse(fuzzy=True)", _dateutil, rounds))
    dateparser_reader = _dateparser()
    if dateparser_reader is None:
        rows.append({"reader": "dateparser.search_dates", "phrases": len(PHRASES), "note": "not installed"})
    else:
        dateparser_reader(PHRASES[0][0])  # its language data loads on first use; not timed
        rows.append(_score("dateparser.search_dates (en, es, fr)", dateparser_reader, rounds))
    return rows
