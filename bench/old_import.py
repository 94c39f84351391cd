"""The import reader as it was before issue 9 (kept as the benchmark baseline; not used by the bot)."""

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
from domain.kinds import KINDS, find_kind, parse_kind

COLUMNS = (
    "title",
    "kind",
    "start",
    "end",
    "time",
    "timezone",
    "place",
    "hosts",
    "plan item",
    "description",
    "link",
)
# The column (or iCalendar property) each draft field comes from, to word errors in the file's terms.
COLUMN_OF = {
    "title": "title",
    "kind": "kind",
    "start": "start",
    "end": "end",
    "at": "time",
    "zone": "timezone",
    "place": "place",
    "hosts": "hosts",
    "plan_ref": "plan item",
    "description": "description",
    "link": "link",
}
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
    header = [_column(name) for name in next(reader, [])]
    unknown = [name for name in header if name and name not in COLUMNS]
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


def _column(name: str) -> str:
    return " ".join(name.strip().lower().replace("_", " ").split())


def _csv_row(line: int, values: dict[str, str], members: dict[str, str], plan: str) -> Row:
    problems: dict[str, str] = {}
    kind = _kind(values.get("kind", ""), values.get("title", ""))
    if kind is None:
        problems["kind"] = f"unknown kind “{values['kind']}”; use one of: {', '.join(KINDS)}"
    draft = Draft(
        title=values.get("title", ""),
        kind=kind or "other",
        start=_read(values.get("start"), _date, "start", problems),
        end=_read(values.get("end"), _date, "end", problems),
        at=_read(values.get("time"), _time, "at", problems),
        zone=values.get("timezone") or None,
        place=values.get("place") or None,
        hosts=_hosts(values.get("hosts", ""), members),
        plan_ref=_plan_ref(values.get("plan item", ""), plan),
        description=values.get("description") or None,
        link=values.get("link") or None,
    )
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
        what = "a time (like 15:00)" if name == "at" else "a date (like 2027-05-14)"
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


def _digest(draft: Draft) -> str:
    content = json.dumps(asdict(draft), default=str, sort_keys=True)
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
    end = _last_day(get("DTEND"), start)
    summary = str(get("SUMMARY") or "")
    category = ",".join(str(c) for c in getattr(get("CATEGORIES"), "cats", None) or [])
    kind = parse_kind(category) or _LABELS.get(category.lower()) or _kind("", summary) or "other"
    draft = Draft(
        title=summary,
        kind=kind,
        start=start,
        end=end,
        at=at,
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


def _last_day(prop: object, start: date | None) -> date | None:
    value = getattr(prop, "dt", None)
    if start is None or value is None:
        return None
    # An all-day DTEND is the day after the event; a timed one is the moment it ends.
    last = value.date() if isinstance(value, datetime) else value - timedelta(days=1)
    return last if last > start else None
