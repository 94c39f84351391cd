"""Reading an iCalendar file into rows: one per event occurrence, each with its zone.

icalendar parses (folded lines, VTIMEZONE blocks, Windows zone ids); Google's calendar-level
X-WR-TIMEZONE is applied the way the `x-wr-timezone` package does; `recurring-ical-events`
expands each series (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides) within a window.
An event is known by its calendar and UID (and RECURRENCE-ID for an occurrence).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Component
from x_wr_timezone import UTCChangingWalker

from domain.drafts import Draft
from domain.ics_zones import zone_name
from domain.imports import (
    FileProblem,
    ImportFile,
    Row,
    Series,
    decode,
    key_part,
    kind_of,
    scope_of,
)
from domain.kinds import parse_kind
from domain.places import zone_for_place

_RECURRING = ("RRULE", "RDATE")
MAX_OCCURRENCES = 1000  # per series within the window: a weekly series over 2 years has 105


@dataclass(frozen=True)
class IcsOptions:
    """How to read a calendar: its name (identity), the series window, the zone for floating times."""

    calendar: str | None
    file_stem: str
    first_day: date
    last_day: date
    floating_zone: str


class _ZoneWalker(UTCChangingWalker):  # type: ignore[misc]
    """x-wr-timezone's walker, extended: every time leaves it in an IANA zone when one agrees.

    UTC times move to the calendar's X-WR-TIMEZONE (when it has one), floating times take
    the calendar's zone, and a zone the file defines itself (Exchange, Outlook) is replaced
    by the IANA zone with the same offsets — also fast to expand series in.
    """

    def __init__(self, utc_zone: ZoneInfo | None, floating_zone: ZoneInfo | None) -> None:
        super().__init__(utc_zone)
        self.utc_zone, self.floating_zone = utc_zone, floating_zone
        self.notes: set[str] = set()

    def walk_value_datetime(self, dt: datetime) -> datetime:
        tz = dt.tzinfo
        if tz is None:
            return dt.replace(tzinfo=self.floating_zone) if self.floating_zone else dt
        if getattr(tz, "key", None) == "UTC" or tz is UTC:
            return dt.astimezone(self.utc_zone) if self.utc_zone else dt
        if isinstance(getattr(tz, "key", None), str):
            return dt
        name, note = zone_name(tz, dt)
        if name is None:
            return dt  # left as the file defines it; the event is refused when read
        if note:
            self.notes.add(note)
        return dt.replace(tzinfo=_zone(name))


def read_ics(data: bytes, options: IcsOptions) -> ImportFile:
    """Every event occurrence of the file, or a FileProblem when it is not a calendar at all."""
    text, note = decode(data)
    calendar = _parse(text)
    name = (
        options.calendar
        or str(calendar.get("X-WR-CALNAME") or "")
        or _producer(calendar)
        or options.file_stem
    )
    result = ImportFile([], [note] if note else [], window=(options.first_day, options.last_day))
    result.notes.append(f"calendar “{name}” (events are matched by this name and their UID)")
    calendar_zone = str(calendar.get("X-WR-TIMEZONE") or "") or None
    if calendar_zone and _zone(calendar_zone) is None:
        raise FileProblem(f"X-WR-TIMEZONE “{calendar_zone}” is not a time zone name")
    reader = _Reader(options, scope_of(name), str(calendar.get("METHOD") or "").upper() == "CANCEL")
    reader.walker = _ZoneWalker(_zone(calendar_zone), _zone(calendar_zone or options.floating_zone))
    reader.calendar_zone = calendar_zone
    lines = _event_lines(text)
    groups: dict[str, list[tuple[int, Component]]] = defaultdict(list)
    for index, event in enumerate(calendar.walk("VEVENT")):
        line = lines[index] if index < len(lines) else 0
        problem = _event_problem(event)
        if problem:
            result.rows.append(_bad_row(line, event, problem))
        else:
            groups[str(event.get("UID"))].append((line, event))
    for uid, events in groups.items():
        reader.read_series(uid, events, result)
    result.rows.sort(key=lambda row: row.line)
    if reader.floating and not calendar_zone:
        result.notes.append(f"times without a zone read in {options.floating_zone}")
    result.notes.extend(sorted(reader.zone_notes | reader.walker.notes))
    return result


def _producer(calendar: Calendar) -> str:
    """PRODID without version numbers: an Outlook upgrade does not make a new calendar."""
    return " ".join(re.sub(r"\d+(\.\d+)*", " ", str(calendar.get("PRODID") or "")).split())


def _parse(text: str) -> Calendar:
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, IndexError, KeyError) as error:
        raise FileProblem(f"not an iCalendar file: {error}") from error
    if not calendars or calendars[0].name != "VCALENDAR":
        raise FileProblem("not an iCalendar file: it does not begin with BEGIN:VCALENDAR")
    calendar: Calendar = calendars[0]
    return calendar


def _event_lines(text: str) -> list[int]:
    """The line each BEGIN:VEVENT is on (lines as an editor numbers them, before unfolding)."""
    found = re.finditer(r"^BEGIN:VEVENT[ \t]*\r?$", text, flags=re.MULTILINE | re.IGNORECASE)
    starts = [match.start() for match in found]
    line, last, result = 1, 0, []
    for start in starts:
        line += len(re.findall(r"\r\n|\r|\n", text[last:start]))
        result.append(line)
        last = start
    return result


def _event_problem(event: Component) -> str | None:
    """Why an event cannot be read at all, in the file's terms; None if it can."""
    if not str(event.get("UID") or "").strip():
        return "the event has no UID"
    for name in ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID"):
        if name not in event:
            continue
        try:
            value = getattr(event[name], "dt", None)
        except Exception as error:  # icalendar raises its own types for broken values
            return f"{name} “{_raw(event, name)}” cannot be read ({error.__class__.__name__})"
        if isinstance(value, datetime) and _tzid(event, name) and _is_broken_zone(value):
            return f"{name} names the time zone “{_tzid(event, name)}”, which the file does not define"
    if "DTSTART" not in event:
        return "the event has no DTSTART"
    return None


def _raw(event: Component, name: str) -> str:
    value = event.get(name)
    return str(getattr(value, "to_ical", lambda: value)().decode() if hasattr(value, "to_ical") else value)


def _tzid(event: Component, name: str) -> str:
    return str(getattr(event.get(name), "params", {}).get("TZID", ""))


def _is_broken_zone(value: datetime) -> bool:
    """A TZID that resolved to nothing: icalendar leaves the time floating rather than fail."""
    return value.tzinfo is None


def _bad_row(line: int, event: Component, problem: str) -> Row:
    uid = str(event.get("UID") or "")
    return Row(line, Draft(title=str(event.get("SUMMARY") or "")), "", {"event": problem}, label=_label(uid))


def _label(uid: str) -> str:
    return f"UID {uid[:60]}" if uid else "no UID"


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return None


class _Reader:
    """Turns one UID's events into rows, remembering the notes the summary needs."""

    walker: _ZoneWalker
    calendar_zone: str | None = None

    def __init__(self, options: IcsOptions, scope: str, cancel_all: bool) -> None:
        self.options, self.scope, self.cancel_all = options, scope, cancel_all
        self.floating = False
        self.zone_notes: set[str] = set()

    def read_series(self, uid: str, events: list[tuple[int, Component]], result: ImportFile) -> None:
        key = f"ics:{self.scope}:{key_part(uid)}"
        master = next((e for _, e in events if "RECURRENCE-ID" not in e and _recurs(e)), None)
        self.floating |= any(_floating(e) for _, e in events)
        lines = {_recurrence_id(e): line for line, e in events}
        try:
            occurrences = self._expand(events) if master is not None else [e for _, e in events]
        except Exception as error:  # a malformed series is reported, never a traceback
            line = lines.get(None, min(lines.values()))
            result.rows.append(_bad_row(line, events[0][1], f"the series cannot be expanded: {error}"))
            return
        rows = [self._safe_row(e, key, lines, recurring=master is not None) for e in occurrences]
        result.rows.extend(rows)
        if master is not None:
            cancelled = self.cancel_all or str(master.get("STATUS") or "").upper() == "CANCELLED"
            keys = frozenset(r.key for r in rows if not r.problems)
            result.series.append(Series(key, _version(master), keys, cancelled))

    def _expand(self, events: list[tuple[int, Component]]) -> list[Component]:
        calendar = Calendar()
        for _, event in events:
            calendar.add_component(event)
        query = recurring_ical_events.CalendarQuery(self.walker.walk(calendar))
        found: list[Component] = []
        for occurrence in query.after(self.options.first_day):  # in order of start
            start = occurrence.start
            if (start.date() if isinstance(start, datetime) else start) > self.options.last_day:
                break
            found.append(occurrence)
            if len(found) > MAX_OCCURRENCES:
                raise ValueError(
                    f"it has more than {MAX_OCCURRENCES} occurrences in the window; give a shorter --window"
                )
        return found

    def _safe_row(
        self, event: Component, series: str, lines: dict[str | None, int], *, recurring: bool
    ) -> Row:
        try:
            return self._row(event, series, lines, recurring=recurring)
        except Exception as error:  # a value icalendar refuses late is reported, never a traceback
            line = lines.get(_recurrence_id(event), lines.get(None, 0))
            return _bad_row(line, event, f"the event cannot be read: {error}")

    def _row(self, event: Component, series: str, lines: dict[str | None, int], *, recurring: bool) -> Row:
        event = self.walker.walk_event(event)
        recurrence = _recurrence_id(event)
        key = series if recurrence is None else f"{series}@{recurrence}"
        line = lines.get(recurrence, lines.get(None, 0))
        uid = str(event.get("UID"))
        problems: dict[str, str] = {}
        draft = _draft(event, problems, self.zone_notes, self.calendar_zone)
        return Row(
            line,
            draft,
            key[:200],
            problems,
            version=_version(event),
            cancelled=self.cancel_all or str(event.get("STATUS") or "").upper() == "CANCELLED",
            series=series if recurring else None,
            identified=True,
            label=_label(uid),
            legacy_key=f"ics:{uid}" if not recurring and len(uid) <= 190 else None,
        )


def _recurs(event: Component) -> bool:
    return any(name in event for name in _RECURRING)


def _floating(event: Component) -> bool:
    value = getattr(event.get("DTSTART"), "dt", None)
    return isinstance(value, datetime) and value.tzinfo is None


def _recurrence_id(event: Component) -> str | None:
    value = getattr(event.get("RECURRENCE-ID"), "dt", None)
    if isinstance(value, datetime):
        moment = value.astimezone(UTC) if value.tzinfo else value
        return moment.strftime("%Y%m%dT%H%M%S") + ("Z" if value.tzinfo else "")
    return value.strftime("%Y%m%d") if isinstance(value, date) else None


def _version(event: Component) -> str | None:
    """SEQUENCE, then DTSTAMP (or LAST-MODIFIED), as text that sorts as the versions do.

    None when the event states neither: then only its content tells an update apart.
    """
    raw = event.get("SEQUENCE")
    try:
        sequence = int(str(raw or 0))
    except ValueError:
        sequence = 0
    stamp = getattr(event.get("DTSTAMP") or event.get("LAST-MODIFIED"), "dt", None)
    if raw is None and stamp is None:
        return None
    moment = stamp.astimezone(UTC) if isinstance(stamp, datetime) and stamp.tzinfo else stamp
    when = moment.strftime("%Y%m%dT%H%M%S") if isinstance(moment, datetime) else "00000000T000000"
    return f"{max(sequence, 0):08d}|{when}"


def _draft(event: Component, problems: dict[str, str], notes: set[str], calendar_zone: str | None) -> Draft:
    start_value, end_value = getattr(event, "start"), _end(event)  # noqa: B009 - Event, not Component
    summary = str(event.get("SUMMARY") or "")
    categories = ",".join(str(c) for c in getattr(event.get("CATEGORIES"), "cats", None) or [])
    kind = parse_kind(categories) or kind_of(categories, summary) or kind_of("", summary) or "other"
    fields: dict[str, Any] = {}
    if isinstance(start_value, datetime):
        fields = _timed(start_value, end_value, problems, notes)
    else:
        last = end_value - timedelta(days=1) if isinstance(end_value, date) else start_value
        # A day has no zone in the file: the place's, else the calendar's, else the default.
        zone = zone_for_place(str(event.get("LOCATION") or "")) or calendar_zone
        fields = {"start": start_value, "end": last if last > start_value else None, "zone": zone}
    return Draft(
        title=summary,
        kind=kind,
        place=str(event.get("LOCATION") or "") or None,
        description=str(event.get("DESCRIPTION") or "") or None,
        link=str(event.get("URL") or "") or None,
        **fields,
    )


def _end(event: Component) -> date | None:
    """DTEND, or DTSTART + DURATION; None when the event gives neither."""
    if "DTEND" not in event and "DURATION" not in event:
        return None
    end: date = getattr(event, "end")  # noqa: B009 - Event, not Component
    return end


def _timed(start: datetime, end: date | None, problems: dict[str, str], notes: set[str]) -> dict[str, Any]:
    zone, note = zone_name(start.tzinfo, start)
    if zone is None:
        name = getattr(start.tzinfo, "_tzid", None) or start.tzname()
        problems["zone"] = f"the time zone “{name}” has offsets no known zone has; write it as an IANA zone"
        return {"start": start.date(), "at": start.time()}
    if note:
        notes.add(note)
    local_zone: tzinfo = ZoneInfo(zone)
    local = start.astimezone(local_zone)
    last: date | None = None
    if isinstance(end, datetime) and end > start:
        # An event ending at midnight ends the day before: its end is exclusive.
        last = (end.astimezone(local_zone) - timedelta(microseconds=1)).date()
    return {
        "start": local.date(),
        "end": last if last and last > local.date() else None,
        "at": local.time().replace(tzinfo=None),
        "zone": zone,
    }
