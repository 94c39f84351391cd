"""What an import will do, row by row, and the words that say it (dates as they are stored)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy.orm import Session

from domain.drafts import Draft
from domain.imports import ImportFile, Row, Series
from storage.imports import NewActivity, series_occurrences, stored_columns
from storage.models import Activity

KINDS = ("add", "update", "cancel", "unchanged", "refuse", "edit?", "ignore")


@dataclass(frozen=True)
class Action:
    """One thing the import does: add, update, cancel, leave unchanged, refuse, or ask."""

    kind: str
    row: Row
    stored: Activity | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """Every action, in file order, and the rows that passed the checks by key."""

    default_zone: str
    good: dict[str, Row] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)

    def add(self, action: Action) -> None:
        self.actions.append(action)

    def of(self, kind: str) -> list[Action]:
        return [action for action in self.actions if action.kind == kind]


def plan_series(session: Session, file: ImportFile, plan: Plan) -> None:
    """Cancel stored occurrences a newer version of their series no longer has (or cancels)."""
    if not file.series or file.window is None:
        return
    first, last = file.window
    stored = series_occurrences(session, series=[series.key for series in file.series])
    handled = {action.stored.id for action in plan.actions if action.stored is not None}
    for series in file.series:
        for row in stored.get(series.key, []):
            if row.id in handled or row.status == "cancelled" or not _gone(series, row, first, last):
                continue
            why = "the series is cancelled" if series.cancelled else "no longer in the series"
            plan.add(Action("cancel", _stored_row(row), row, reasons=[why]))


def _gone(series: Series, row: Activity, first: date, last: date) -> bool:
    if series.cancelled:  # unless what is stored is newer than the cancellation
        return not (series.version and row.source_version and series.version < row.source_version)
    newer = series.version is None or (row.source_version or "") < series.version
    in_window = row.start_date is not None and first <= row.start_date <= last
    return newer and in_window and row.source_key not in series.occurrence_keys


def _stored_row(row: Activity) -> Row:
    return Row(0, Draft(title=row.title), row.source_key or "", label=f"activity {row.id}")


def describe(action: Action, default_zone: str) -> str:
    """'line 12 (UID x): “Title” — 2027-03-10 09:00 America/New_York (14:00 UTC)' and why."""
    row = action.row
    where = f"line {row.line}" if row.line else ""
    if row.label:
        where = f"{where} ({row.label})" if where else row.label
    text = f"{where}: “{row.draft.title}”"
    if action.kind in ("add", "update", "edit?") or (action.kind == "unchanged" and action.stored is None):
        text += " — " + stored_when(_item(row), default_zone)
    if action.kind in ("update", "edit?") and action.stored is not None:
        text += f" (was {_when_of(action.stored)}, activity {action.stored.id})"
    elif action.stored is not None and action.kind == "cancel":
        text += f" — {_when_of(action.stored)}, activity {action.stored.id}"
    if action.reasons and action.kind != "refuse":
        text += f" [{'; '.join(action.reasons)}]"
    return text


def _item(row: Row) -> NewActivity:
    return NewActivity(row.draft, row.precision, row.key)


def stored_when(item: NewActivity, default_zone: str) -> str:
    """The date, time and zone the item is stored with, as the database will hold them."""
    columns = stored_columns(item, default_zone=default_zone)
    return _when(
        columns.get("start_date"),
        columns.get("end_date"),
        columns.get("start_time"),
        str(columns.get("timezone")),
        columns.get("starts_at"),
        str(columns.get("precision")),
    )


def _when_of(row: Activity) -> str:
    return _when(row.start_date, row.end_date, row.start_time, row.timezone, row.starts_at, row.precision)


def _when(start: object, end: object, at: object, zone: str, instant: object, precision: str) -> str:
    if not isinstance(start, date):
        return "no date"
    if precision == "year":
        return f"{start.year} (year only, no day)"
    if precision == "month":
        return f"{start:%Y-%m} (month only, no day)"
    days = f"{start.isoformat()} – {end.isoformat()}" if isinstance(end, date) else start.isoformat()
    if not isinstance(at, time) or not isinstance(instant, datetime):
        return f"{days} all day, {zone}"
    utc = instant.astimezone(UTC)
    return f"{days} {at:%H:%M} {zone} ({utc:%Y-%m-%d %H:%M} UTC)"
