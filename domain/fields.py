"""An activity's fields, described once: the form, the import, the audit and storage derive from here.

Adding a field means one entry in `FIELDS`, one attribute on `Draft` (below) and on the stored
record, one column — and, when the cards should show it, a line where the card is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Literal

from domain.dates import Precision

Value = Literal[
    "text", "long_text", "link", "kind", "date", "precision", "time", "zone", "members", "plan_item"
]
PRECISIONS: dict[str, str] = {
    "day": "Yes: the date is exact",
    "month": "Not yet: only the month is known",
    "year": "Not yet: only the year is known",
}


@dataclass(frozen=True)
class Draft:
    """The fields of an activity before it is stored; anything may still be wrong."""

    title: str = ""
    kind: str = "other"
    start: date | None = None
    end: date | None = None
    precision: Precision = "day"  # "month" or "year": the day (or month) is not known yet
    at: time | None = None
    end_at: time | None = None
    zone: str | None = None
    place: str | None = None
    hosts: tuple[str, ...] = ()
    plan_ref: str | None = None
    description: str | None = None
    link: str | None = None
    unreadable: tuple[str, ...] = ()  # fields whose submitted value was malformed


@dataclass(frozen=True)
class Field:
    """One field of an activity and every name it goes by."""

    name: str  # attribute of `Draft`; the form block is `itag_<name>`
    label: str  # the form's label
    short: str  # the audit's label (and the card's, where it names the field)
    column: str  # the import file's column ("" when a file never gives it)
    stored: str  # the storage column, the audit key and the stored record's attribute
    value: Value
    limit: int | None = None  # characters, for text
    synonyms: tuple[str, ...] = ()  # other column names an import file may use
    required: bool = False
    audited: bool = True
    hint: str | None = None
    rule: Callable[[Draft], str | None] | None = None  # a problem this field's value alone can show


def _end_time_problem(draft: Draft) -> str | None:
    if draft.end_at is None:
        return None
    if draft.at is None:
        return "An end time needs a start time; pick it or clear the end time."
    if (draft.end is None or draft.end == draft.start) and draft.end_at <= draft.at:
        return "The end time is not after the start time."
    return None


FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "Title",
        "Title",
        "title",
        "title",
        "text",
        limit=150,
        required=True,
        synonyms=(
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
    ),
    Field(
        "kind",
        "Kind",
        "Kind",
        "kind",
        "kind",
        "kind",
        required=True,
        synonyms=("type", "category", "categoria", "tipo", "categorie", "type d evenement"),
    ),
    Field(
        "start",
        "Start date",
        "Start",
        "start",
        "start_date",
        "date",
        synonyms=(
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
    ),
    Field(
        "end",
        "End date (events over several days)",
        "End",
        "end",
        "end_date",
        "date",
        synonyms=(
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
    ),
    Field(
        "precision",
        "Is the day known?",
        "Date known to",
        "",
        "precision",
        "precision",
        required=True,
        hint="Not yet: pick any day of the month (or year) as the start date; the card shows the month.",
    ),
    Field(
        "at",
        "Start time (empty for an all-day event)",
        "Time",
        "time",
        "start_time",
        "time",
        synonyms=(
            "start time",
            "hour",
            "at",
            "hora",
            "hora de inicio",
            "hora inicio",
            "heure",
            "heure de debut",
        ),
    ),
    Field(
        "end_at",
        "End time",
        "End time",
        "end time",
        "end_time",
        "time",
        rule=_end_time_problem,
        synonyms=(
            "finish time",
            "ends at",
            "end hour",
            "hora de fin",
            "hora fin",
            "hora final",
            "heure de fin",
        ),
    ),
    Field(
        "zone",
        "Time zone of the start time",
        "Time zone",
        "timezone",
        "timezone",
        "zone",
        synonyms=("time zone", "zone", "tz", "zona horaria", "huso horario", "fuseau horaire"),
    ),
    Field(
        "place",
        "Place",
        "Place",
        "place",
        "place",
        "text",
        limit=300,
        synonyms=(
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
    ),
    Field(
        "hosts",
        "Host or co-host members",
        "Members",
        "hosts",
        "hosts",
        "members",
        synonyms=(
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
    ),
    Field(
        "plan_ref",
        "Work-plan item it serves",
        "Plan item",
        "plan item",
        "plan_ref",
        "plan_item",
        synonyms=("plan", "plan ref", "work plan item", "work plan"),
    ),
    Field(
        "description",
        "Description",
        "Description",
        "description",
        "description",
        "long_text",
        limit=3000,
        synonyms=("details", "descripcion", "detalles"),
    ),
    Field(
        "link",
        "Link",
        "Link",
        "link",
        "link",
        "link",
        limit=1000,
        synonyms=("url", "website", "web", "enlace", "lien"),
    ),
)

FIELD = {field.name: field for field in FIELDS}
LIMITS = {field.name: field.limit for field in FIELDS if field.limit is not None}
TITLE_LIMIT = FIELD["title"].limit or 150
# Audit keys that are not fields of a draft: the changes cancel and delete make.
STATE_LABELS = {"status": "Status", "deleted": "Deleted"}
AUDIT_LABELS = {**{f.stored: f.short for f in FIELDS if f.audited}, **STATE_LABELS}
COLUMNS = tuple(field.column for field in FIELDS if field.column)
COLUMN_OF = {field.name: field.column or field.name for field in FIELDS}
# Header words people and exporters use for each column (compared case- and accent-free).
IMPORT_SYNONYMS = {field.column: (field.column, *field.synonyms) for field in FIELDS if field.column}
