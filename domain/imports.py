"""What an import reads a file into: rows with their line, identity, version and problems.

Reading only (`domain.ics` reads calendars, `domain.spreadsheet` reads CSV): the rules
every draft must meet are `drafts.check`, the same as the form's. Each row has a source
key — its identity across imports — so importing a file again updates instead of adding.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from domain.dates import Precision
from domain.drafts import Draft
from domain.kinds import KINDS, find_kind, parse_kind

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
    "id": "id",
    "event": "event",
}
_LABELS = {label.lower(): slug for slug, label in KINDS.items()}
KEY_LIMIT = 200


@dataclass(frozen=True)
class Row:
    """One row or event occurrence: where it is, what it says, who it is, what could not be read.

    `identified` rows carry an identity from the file (a UID, an id column); the others are
    known only by their content (`key` is a hash of it). `version` orders versions of one
    identity (iCalendar SEQUENCE then DTSTAMP); `series` links the occurrences of a series.
    """

    line: int
    draft: Draft
    key: str
    problems: dict[str, str] = field(default_factory=dict)
    precision: Precision = "day"
    version: str | None = None
    cancelled: bool = False
    series: str | None = None
    identified: bool = False
    label: str = ""  # how messages name the row besides its line ("UID abc")
    legacy_key: str | None = None  # the key an older version of the import gave it


@dataclass(frozen=True)
class Series:
    """A recurring event as the file states it now: its key, version and expansion window."""

    key: str
    version: str | None
    occurrence_keys: frozenset[str]
    cancelled: bool = False


@dataclass
class ImportFile:
    """Everything read from one file: its rows, its series, and notes for the summary."""

    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    window: tuple[date, date] | None = None  # (first day, last day) series were expanded over


class FileProblem(ValueError):
    """The file as a whole cannot be read (no title column, not iCalendar, not a text encoding ...)."""


def decode(data: bytes) -> tuple[str, str | None]:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 — and a note."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "read as UTF-16"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "read as Windows-1252 (not UTF-8)"
    except UnicodeDecodeError as error:
        raise FileProblem(
            f"the file is neither UTF-8 nor Windows-1252 text (byte {error.start}); "
            "save it again as “CSV UTF-8” (or iCalendar)"
        ) from error


def kind_of(raw: str, title: str) -> str | None:
    """The kind a cell names, or (empty cell) the one the title speaks of; None if unknown."""
    if not raw:
        found = find_kind(title)
        return found[0] if found else "other"
    return parse_kind(raw) or _LABELS.get(raw.lower())


def digest(draft: Draft, precision: Precision = "day") -> str:
    content = asdict(draft)
    if precision != "day":
        content["precision"] = precision
    return hashlib.sha256(json.dumps(content, default=str, sort_keys=True).encode()).hexdigest()[:40]


def key_part(text: str) -> str:
    """An identity as part of a source key: as is when short and plain, else its hash."""
    if len(text) <= 100 and re.fullmatch(r"[\x21-\x7e]+", text):
        return text
    return "h" + hashlib.sha256(text.encode()).hexdigest()[:40]


def scope_of(name: str) -> str:
    """A calendar's or sheet's name as a short key part (case and spacing don't matter)."""
    plain = " ".join(name.lower().split())
    return hashlib.sha256(plain.encode()).hexdigest()[:12]


def file_scope_name(stem: str) -> str:
    """A file's name without the copy marks downloads add: 'plan (2)' and 'plan' are one sheet."""
    return re.sub(r"(\s*\(\d+\)|\s+-\s+copy|\s+copy)+$", "", stem.strip(), flags=re.IGNORECASE) or stem
