"""Reading a CSV file as spreadsheets export it: any separator, encoding, line ending and header.

Excel writes `;` in most non-English locales, Windows-1252 as plain "CSV", CR-only lines on
old Macs; headers come in any case, order and language. Extra columns are ignored and
named. Numeric dates are read in the order given, or the one the file proves, never guessed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, time

from domain.cells import CellError, DateCell, fold, numeric_evidence, read_date, read_time, read_zone
from domain.dates import Precision
from domain.drafts import Draft
from domain.imports import FileProblem, ImportFile, Row, decode, digest, key_part, kind_of, scope_of
from domain.places import zone_for_place

# Header words people and exporters use for each column (compared case- and accent-free).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": (
        "title",
        "name",
        "subject",
        "event",
        "activity",
        "summary",
        "event name",
        "activity name",
        "titulo",
        "nombre",
        "asunto",
        "evento",
        "actividad",
        "titre",
        "nom",
        "objet",
        "evenement",
        "activite",
    ),
    "kind": ("kind", "type", "category", "categoria", "tipo", "categorie", "type d evenement"),
    "start": (
        "start",
        "start date",
        "date",
        "begin",
        "begins",
        "from",
        "start day",
        "when",
        "starts",
        "fecha",
        "fecha de inicio",
        "fecha inicio",
        "inicio",
        "desde",
        "date de debut",
        "debut",
    ),
    "end": (
        "end",
        "end date",
        "until",
        "to",
        "ends",
        "finish",
        "end day",
        "fecha de fin",
        "fecha fin",
        "fecha final",
        "fin",
        "hasta",
        "date de fin",
    ),
    "time": (
        "time",
        "start time",
        "hour",
        "at",
        "hora",
        "hora de inicio",
        "hora inicio",
        "heure",
        "heure de debut",
    ),
    "timezone": ("timezone", "time zone", "zone", "tz", "zona horaria", "huso horario", "fuseau horaire"),
    "place": (
        "place",
        "location",
        "venue",
        "city",
        "where",
        "lugar",
        "ubicacion",
        "sede",
        "ciudad",
        "lieu",
        "ville",
        "endroit",
    ),
    "hosts": (
        "hosts",
        "host",
        "hosted by",
        "members",
        "organisers",
        "organizers",
        "organiser",
        "organizer",
        "anfitriones",
        "anfitrion",
        "organizadores",
        "hotes",
        "organisateurs",
    ),
    "plan item": ("plan item", "plan", "plan ref", "work plan item", "work plan"),
    "description": ("description", "details", "descripcion", "detalles"),
    "link": ("link", "url", "website", "web", "enlace", "lien"),
    "id": ("id", "uid", "key", "identifier", "event id"),
}
_BY_PHRASE = {phrase: column for column, phrases in SYNONYMS.items() for phrase in phrases}


@dataclass(frozen=True)
class SheetOptions:
    """What reading a sheet needs: member names, the current plan, the date order, the sheet's name."""

    members: dict[str, str]
    plan: str
    date_order: str | None
    name: str


def read_csv(data: bytes, options: SheetOptions) -> ImportFile:
    """The rows of a CSV file whose header names a title column (others optional, extras ignored)."""
    text, note = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines_before, text, delimiter = _separator(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    columns, ignored = _header(header, lines_before + 1)
    notes = [note] if note else []
    if delimiter != ",":
        notes.append(f"columns separated by {_NAMES[delimiter]}")
    if ignored:
        notes.append("ignored columns: " + ", ".join(ignored))
    raw: list[tuple[int, dict[str, str]]] = []
    line = lines_before + reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            raw.append((line, {name: cells[i].strip() for i, name in columns.items() if i < len(cells)}))
        line = lines_before + reader.line_num + 1
    order, how = _order(raw, options.date_order)
    if how:
        notes.append(how)
    scope = scope_of(options.name)
    return ImportFile([_row(n, values, options, order, scope) for n, values in raw], notes)


_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def _separator(text: str) -> tuple[int, str, str]:
    """(lines skipped, text, separator): Excel's `sep=;` line, else the one the header uses most."""
    first, _, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint and hint.group(1) in _NAMES:
        return 1, rest, hint.group(1)
    counts = {sep: _unquoted(first).count(sep) for sep in _NAMES}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return 0, text, best


def _unquoted(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def _header(cells: list[str], line: int) -> tuple[dict[int, str], list[str]]:
    columns: dict[int, str] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        name = _column(cell)
        if name and name not in columns.values():
            columns[index] = name
        elif cell.strip():
            ignored.append(cell.strip())
    if "title" not in columns.values():
        shown = ", ".join(c.strip() for c in cells if c.strip()) or "nothing"
        raise FileProblem(
            f"line {line}: no title column (the header names {shown}); "
            f"name the columns {', '.join(SYNONYMS)} (or their Spanish and French names)"
        )
    return columns, ignored


def _column(cell: str) -> str | None:
    words = " ".join(re.sub(r"[_\-*:#.'’()]+", " ", fold(cell)).split())
    return _BY_PHRASE.get(words)


def _order(raw: list[tuple[int, dict[str, str]]], given: str | None) -> tuple[str | None, str | None]:
    if given:
        return given, f"numeric dates read as {_ORDER_WORDS[given]} (--date-order {given})"
    proofs: dict[str, int] = {}
    for line, values in raw:
        for column in ("start", "end"):
            found = numeric_evidence(values.get(column, ""))
            if found and found not in proofs:
                proofs[found] = line
    if len(proofs) == 1:
        order, line = next(iter(proofs.items()))
        return order, f"numeric dates read as {_ORDER_WORDS[order]} (proven by line {line})"
    if len(proofs) == 2:
        return None, (
            f"numeric dates are day-first on line {proofs['dmy']} and month-first on line {proofs['mdy']}; "
            "ambiguous ones are refused"
        )
    return None, None


_ORDER_WORDS = {"dmy": "day/month/year", "mdy": "month/day/year", "ymd": "year/month/day"}


def _row(line: int, values: dict[str, str], options: SheetOptions, order: str | None, scope: str) -> Row:
    problems: dict[str, str] = {}
    title = values.get("title", "")
    kind = kind_of(values.get("kind", ""), title)
    if kind is None:
        problems["kind"] = f"unknown kind “{values['kind']}”"
    start = _cell(values.get("start"), order, "start", problems)
    end = _cell(values.get("end"), order, "end", problems)
    precision: Precision = start.precision if start else "day"
    if end is not None and (precision != "day" or end.precision != "day"):
        problems["end"] = "an end date needs day-precise dates at both ends"
    at, zone = _time_and_zone(values, start, problems)
    draft = Draft(
        title=title,
        kind=kind or "other",
        start=start.day if start else None,
        end=end.day if end else None,
        at=at,
        zone=zone,
        place=values.get("place") or None,
        hosts=_hosts(values.get("hosts", ""), options.members),
        plan_ref=_plan_ref(values.get("plan item", ""), options.plan),
        description=values.get("description") or None,
        link=values.get("link") or None,
    )
    ident = values.get("id", "")
    key = f"csvid:{scope}:{key_part(ident)}" if ident else "csv:" + digest(draft, precision)
    return Row(line, draft, key, problems, precision=precision, identified=bool(ident))


def _cell(raw: str | None, order: str | None, name: str, problems: dict[str, str]) -> DateCell | None:
    if not raw:
        return None
    try:
        return read_date(raw, order)
    except CellError as error:
        problems[name] = str(error)
        return None


def _time_and_zone(
    values: dict[str, str], start: DateCell | None, problems: dict[str, str]
) -> tuple[time | None, str | None]:
    at: time | None = start.at if start else None
    token: str | None = None
    if values.get("time"):
        try:
            cell_at, token = read_time(values["time"])
        except CellError as error:
            problems["at"] = str(error)
            return at, None
        if at is not None and cell_at != at:
            problems["at"] = f"the start cell says {at:%H:%M} and the time cell {cell_at:%H:%M}"
        at = cell_at
    if at is not None and start is not None and start.precision != "day":
        problems["at"] = "a time needs a day-precise date"
    return at, _zone(values.get("timezone", ""), token, start, at, values.get("place"), problems)


def _zone(
    column: str,
    token: str | None,
    start: DateCell | None,
    at: time | None,
    place: str | None,
    problems: dict[str, str],
) -> str | None:
    day: date | None = start.day if start and start.precision == "day" else None
    zones: list[str] = []
    for text in (token, column):
        if not text:
            continue
        try:
            zones.append(read_zone(text, day, at, zone_for_place(place)))
        except CellError as error:
            problems["zone"] = str(error)
    if len(set(zones)) > 1:
        problems["zone"] = f"the time says {zones[0]} and the timezone column {zones[1]}"
    return zones[0] if zones else None


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
