"""Rows of a CSV spreadsheet or events of an iCalendar file, read into drafts with their line numbers.

Reading only: the rules every draft must meet are `drafts.check`, the same as the form's.
Each row gets a source key (a content hash, or the event's UID) so importing twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from dateutil import parser as dateparser
from icalendar import Calendar

from domain.drafts import Draft
from domain.fields import COLUMNS, FIELDS, import_column
from domain.kinds import KINDS, find_kind, parse_kind

T = TypeVar("T")
_LABELS = {label.lower(): slug for slug, label in KINDS.items()}


@dataclass(frozen=True)
class Row:
    """One row or event: where it is in the file, what it says, and what could not be read."""

    line: int
    draft: Draft
    key: str
    problems: dict[str, str] = field(default_factory=dict)


class FileProblem(ValueError):
    """The file as a whole cannot be read (no title column, not iCalendar, ...)."""


def read_csv(text: str, *, members: dict[str, str], plan: str) -> list[Row]:
    """The rows of a CSV file whose header names some of `COLUMNS` (title is required)."""
    reader = csv.reader(io.StringIO(text))
    names = next(reader, [])
    header = [import_column(name) or "" for name in names]
    unknown = [
        name.strip() for name, column in zip(names, header, strict=True) if name.strip() and not column
    ]
    if "title" not in header or unknown:
        wanted = ", ".join(COLUMNS)
        raise FileProblem(
            f"line 1: the header must name the columns ({wanted}); not {', '.join(unknown) or header}"
        )
    rows, line = [], reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name}
            rows.append(_csv_row(line, values, members, plan))
        line = reader.line_num + 1
    return rows


def _csv_row(line: int, values: dict[str, str], members: dict[str, str], plan: str) -> Row:
    problems: dict[str, str] = {}
    read: dict[str, object] = {}
    for entry in FIELDS:
        raw = values.get(entry.column, "")
        if entry.value in ("date", "time"):
            read[entry.name] = _read(raw, _date if entry.value == "date" else _time, entry.name, problems)
        elif entry.value == "members":
            read[entry.name] = _hosts(raw, members)
        elif entry.value == "plan_item":
            read[entry.name] = _plan_ref(raw, plan)
        elif entry.value != "kind":
            read[entry.name] = raw or None
    kind = _kind(values.get("kind", ""), values.get("title", ""))
    if kind is None:
        problems["kind"] = f"unknown kind “{values['kind']}”; use one of: {', '.join(KINDS)}"
    draft = Draft(**{**read, "title": values.get("title", ""), "kind": kind or "other"})  # type: ignore[arg-type]
    return Row(line, draft, "csv:" + _digest(draft), problems)


def _kind(raw: str, title: str) -> str | None:
    if not raw:
        found = find_kind(title)
        return found[0] if found else "other"
    return parse_kind(raw) or _LABELS.get(raw.lower())


def _read(raw: str | None, convert: Callable[[str], T], name: str, problems: dict[str, str]) -> T | None:
    if not raw:
        return None
    try:
        return convert(raw)
    except (ValueError, OverflowError):
        what = "a date (like 2027-05-14)" if name in ("start", "end") else "a time (like 15:00)"
        problems[name] = f"cannot read “{raw}” as {what}"
        return None


def _date(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return dateparser.parse(raw, dayfirst=True, default=datetime(2000, 1, 1)).date()  # noqa: DTZ001


def _time(raw: str) -> time:
    return dateparser.parse(raw, default=datetime(2000, 1, 1)).time()  # noqa: DTZ001


def _hosts(raw: str, members: dict[str, str]) -> tuple[str, ...]:
    by_name = {name.lower(): code for code, name in members.items()}
    names = [part.strip() for part in re.split(r"[;,]", raw) if part.strip()]
    return tuple(
        dict.fromkeys(by_name.get(n.lower(), n.upper() if n.upper() in members else n) for n in names)
    )


def _plan_ref(raw: str, plan: str) -> str | None:
    raw = raw.strip().rstrip(".")
    if not raw:
        return None
    if "/" in raw:
        return raw
    parts = raw.split()
    return f"{parts[0]}/{parts[1]}" if len(parts) == 2 else f"{plan}/{raw}"


# Fields added after files were first imported: left out of the key while empty, so a file
# imported before they existed is still recognised.
_LATER_FIELDS = ("end_at",)


def _digest(draft: Draft) -> str:
    fields = asdict(draft)
    for name in _LATER_FIELDS:
        if fields[name] is None:
            del fields[name]
    content = json.dumps(fields, default=str, sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()[:40]


def read_ics(data: bytes) -> list[Row]:
    """The events of an iCalendar file, each with the line its BEGIN:VEVENT is on."""
    try:
        calendar = Calendar.from_ical(data)
    except ValueError as error:
        raise FileProblem(f"not an iCalendar file: {error}") from error
    text = data.decode("utf-8", errors="replace")
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip().upper() == "BEGIN:VEVENT"]
    events = calendar.walk("VEVENT")
    return [_event_row(lines[i] if i < len(lines) else 0, event) for i, event in enumerate(events)]


def _event_row(line: int, event: Any) -> Row:
    get = event.get
    start, at, zone = _moment(get("DTSTART"))
    end, end_at = _ending(get("DTSTART"), get("DTEND"), start)
    summary = str(get("SUMMARY") or "")
    category = ",".join(str(c) for c in getattr(get("CATEGORIES"), "cats", None) or [])
    kind = parse_kind(category) or _LABELS.get(category.lower()) or _kind("", summary) or "other"
    draft = Draft(
        title=summary,
        kind=kind,
        start=start,
        end=end,
        at=at,
        end_at=end_at,
        zone=zone,
        place=str(get("LOCATION") or "") or None,
        description=str(get("DESCRIPTION") or "") or None,
        link=str(get("URL") or "") or None,
    )
    uid = str(get("UID") or "")
    key = "ics:" + (uid if uid and len(uid) <= 190 else _digest(draft))
    return Row(line, draft, key)


def _moment(prop: object) -> tuple[date | None, time | None, str | None]:
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        zone = getattr(value.tzinfo, "key", None) or getattr(value.tzinfo, "zone", None)
        if zone is None and value.tzinfo is not None and value.utcoffset() == timedelta(0):
            zone = "UTC"
        return value.date(), value.time().replace(tzinfo=None), zone
    if isinstance(value, date):
        return value, None, None
    return None, None, None


def _ending(first: object, prop: object, start: date | None) -> tuple[date | None, time | None]:
    """The last day (when after the first) and, for a timed event, the end time in the start's zone."""
    began, value = getattr(first, "dt", None), getattr(prop, "dt", None)
    if start is None or value is None:
        return None, None
    end_at = None
    if isinstance(value, datetime):
        if isinstance(began, datetime) and began.tzinfo is not None and value.tzinfo is not None:
            value = value.astimezone(began.tzinfo)
        last, end_at = value.date(), value.time().replace(tzinfo=None)
    else:  # an all-day DTEND is the day after the event
        last = value - timedelta(days=1)
    return (last if last > start else None), end_at
