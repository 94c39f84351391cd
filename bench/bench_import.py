"""Time `itag-bot import` on 10,000 CSV rows and a 2,000-event calendar, beside the old import.

The baseline is the reader as it was before issue 9 (bench/old_import.py: csv module,
dateutil, icalendar without series expansion) followed by the same checks and the same
bulk insert, measured in the same run on the same files. The new import does more (series
expanded, zones mapped, identity matched, re-imports compared) and must stay within seconds.
SQLite in a temporary directory.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench import old_import
from bot.services import Services, create_services, prepare_database
from bot.settings import Settings
from domain.drafts import Known, check
from domain.ics import IcsOptions, read_ics
from domain.spreadsheet import SheetOptions, read_csv
from handlers.imports import ImportOptions, import_file
from storage.activity_writes import import_activities
from storage.programme import member_names, plan_refs

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
HEADER = "title,kind,start,end,time,timezone,place,hosts,plan item,description,link\n"
PLACES = ("Geneva", "Lima", "Auckland", "Ottawa", "Santiago", "Bogotá")
WINDOWS_ZONES = ("Eastern Standard Time", "Pacific SA Standard Time", "W. Europe Standard Time")


def csv_file(rows: int) -> bytes:
    """A sheet in the old import's own header, so both readers accept it."""
    lines = [
        f"Session {n},webinar,{date(2027, 1, 1) + timedelta(days=n % 700)},,{9 + n % 8}:30,,"
        f"{PLACES[n % len(PLACES)]},Chile; Peru,,Notes {n},https://example.org/{n}\n"
        for n in range(rows)
    ]
    return (HEADER + "".join(lines)).encode()


def ics_file(events: int) -> bytes:
    """Exchange-style events in Windows zones; one in ten a weekly series of ten with an EXDATE."""
    parts = ["BEGIN:VCALENDAR\r\nPRODID:Microsoft Exchange Server 2010\r\nVERSION:2.0\r\n"]
    parts += [_vtimezone(name) for name in WINDOWS_ZONES]
    singles = events - events // 10 * 10
    for n in range(events // 10):
        parts.append(
            _event(f"series-{n}", n, "RRULE:FREQ=WEEKLY;COUNT=10\r\nEXDATE;TZID={zone}:{day}T090000\r\n")
        )
    parts += [_event(f"single-{n}", n, "") for n in range(singles + events // 10 * 9)]
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


def _event(uid: str, n: int, extra: str) -> str:
    zone = WINDOWS_ZONES[n % len(WINDOWS_ZONES)]
    day = (date(2027, 1, 4) + timedelta(days=n % 600)).strftime("%Y%m%d")
    second = (date(2027, 1, 4) + timedelta(days=n % 600 + 14)).strftime("%Y%m%d")
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}@bench.example\r\nSUMMARY:WTO caucus call {n}\r\n"
        f"DTSTART;TZID={zone}:{day}T090000\r\nDTEND;TZID={zone}:{day}T100000\r\n"
        f"DTSTAMP:20261101T000000Z\r\nSEQUENCE:0\r\n{extra.format(zone=zone, day=second)}END:VEVENT\r\n"
    )


# Each Windows zone as Exchange defines it: standard and daylight offsets, and their rules.
_RULES = {
    "Eastern Standard Time": ("-0500", "-0400", "BYDAY=1SU;BYMONTH=11", "BYDAY=2SU;BYMONTH=3"),
    "Pacific SA Standard Time": ("-0400", "-0300", "BYDAY=1SU;BYMONTH=4", "BYDAY=1SU;BYMONTH=9"),
    "W. Europe Standard Time": ("+0100", "+0200", "BYDAY=-1SU;BYMONTH=10", "BYDAY=-1SU;BYMONTH=3"),
}


def _vtimezone(name: str) -> str:
    standard, daylight, to_standard, to_daylight = _RULES[name]
    return (
        f"BEGIN:VTIMEZONE\r\nTZID:{name}\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
        f"TZOFFSETFROM:{daylight}\r\nTZOFFSETTO:{standard}\r\nRRULE:FREQ=YEARLY;{to_standard}\r\n"
        f"END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:{standard}\r\n"
        f"TZOFFSETTO:{daylight}\r\nRRULE:FREQ=YEARLY;{to_daylight}\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )


@contextmanager
def _services() -> Iterator[Services]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{Path(folder) / 'bench.db'}")
        services = create_services(settings, clock=lambda: NOW)
        prepare_database(services)
        yield services
        services.engine.dispose()


def _timed(action: Callable[[], tuple[int, str]]) -> tuple[float, tuple[int, str]]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _new(services: Services, kind: str, data: bytes) -> tuple[int, str]:
    with services.context(user_id="import") as ctx:
        if kind == "csv":
            file = read_csv(data, SheetOptions(member_names(ctx.session), "2022-2024", None, "bench"))
        else:
            today = NOW.date()
            file = read_ics(data, IcsOptions(None, "bench", today, today + timedelta(days=730), "UTC"))
        report = import_file(ctx, file, ImportOptions(skip_bad=True))
    counts = f"added {report.count('add')}, unchanged {report.count('unchanged')}"
    return len(file.rows), counts


def _old(services: Services, kind: str, data: bytes) -> tuple[int, str]:
    """The import before issue 9: old reader, the form's checks, bulk insert skipping known keys."""
    with services.context(user_id="import") as ctx:
        if kind == "csv":
            rows = old_import.read_csv(
                data.decode("utf-8-sig"), members=member_names(ctx.session), plan="2022-2024"
            )
        else:
            rows = old_import.read_ics(data)
        known = Known(members=frozenset(member_names(ctx.session)), plan_refs=plan_refs(ctx.session))
        good = [
            (r.draft, r.key)
            for r in rows
            if not check(r.draft, today=NOW.date(), known=known) and not r.problems
        ]
        added = import_activities(ctx.session, items=good, actor="import", now=ctx.now, default_zone=ctx.tz)
    return len(rows), f"added {added}"


def run(quick: bool = False) -> list[dict[str, object]]:
    """Rows of name, rows read, seconds (new), baseline seconds (old) and a note."""
    files = [("csv", csv_file(2_000 if quick else 10_000)), ("ics", ics_file(400 if quick else 2_000))]
    results: list[dict[str, object]] = []
    for kind, data in files:
        for attempt in ("first import", "same file again"):
            with _services() as new_db, _services() as old_db:
                if attempt != "first import":
                    _new(new_db, kind, data)
                    _old(old_db, kind, data)
                seconds, (read, counts) = _timed(lambda db=new_db, k=kind, d=data: _new(db, k, d))
                baseline, (old_read, old_counts) = _timed(lambda db=old_db, k=kind, d=data: _old(db, k, d))
            results.append(
                {
                    "name": f"import {kind}, {attempt}",
                    "rows_read": read,
                    "seconds": round(seconds, 2),
                    "baseline_seconds": round(baseline, 2),
                    "note": f"new: {counts}; old read {old_read} rows, {old_counts}",
                }
            )
    return results


if __name__ == "__main__":
    from bench.report import print_table

    print_table("import", run())
