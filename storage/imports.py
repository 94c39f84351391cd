"""What an import needs from the database: stored rows by source key, and its writes.

Keyword-only and never committing. Updates and cancellations go through
`activity_writes`, so they are audited like a form's and the reminder clock, which
reads the activity row (its start and `updated_at`), follows a moved date by itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from domain.dates import Precision
from domain.drafts import Draft
from storage.activity_writes import (
    _columns,
    _row_columns,
    _snapshot,
    _upsert_ignoring_duplicates,
    update_activity,
)
from storage.models import Activity, ActivityHost, AuditEntry

CHUNK = 500
BATCH = 1000


@dataclass(frozen=True)
class NewActivity:
    """An activity an import adds: its draft, precision and source identity."""

    draft: Draft
    precision: Precision
    key: str
    series: str | None = None
    version: str | None = None

    def __post_init__(self) -> None:
        # The draft carries the precision too, so every write derives the same stored dates.
        if self.draft.start is not None and self.draft.precision != self.precision:
            object.__setattr__(self, "draft", replace(self.draft, precision=self.precision))


def _live() -> object:
    return Activity.deleted_at.is_(None)


def stored_by_key(session: Session, *, keys: Collection[str]) -> dict[str, Activity]:
    """Live activities whose source key is one of `keys`."""
    found: dict[str, Activity] = {}
    ordered = sorted(keys)
    for first in range(0, len(ordered), CHUNK):
        query = select(Activity).where(
            Activity.source_key.in_(ordered[first : first + CHUNK]), Activity.deleted_at.is_(None)
        )
        found.update({row.source_key: row for row in session.scalars(query) if row.source_key})
    return found


def csv_imports_titled(session: Session, *, titles: Collection[str]) -> dict[str, list[Activity]]:
    """Live activities imported from CSV rows, by lower-case title."""
    found: dict[str, list[Activity]] = defaultdict(list)
    ordered = sorted(titles)
    for first in range(0, len(ordered), CHUNK):
        query = select(Activity).where(
            func.lower(Activity.title).in_(ordered[first : first + CHUNK]),
            Activity.source_key.like("csv%"),
            Activity.deleted_at.is_(None),
        )
        for row in session.scalars(query.order_by(Activity.id)):
            found[row.title.lower()].append(row)
    return found


def csv_imports_on(session: Session, *, days: Collection[date]) -> dict[date, list[Activity]]:
    """Live activities imported from CSV rows, by start day."""
    found: dict[date, list[Activity]] = defaultdict(list)
    ordered = sorted(days)
    for first in range(0, len(ordered), CHUNK):
        query = select(Activity).where(
            Activity.start_date.in_(ordered[first : first + CHUNK]),
            Activity.source_key.like("csv%"),
            Activity.deleted_at.is_(None),
        )
        for row in session.scalars(query.order_by(Activity.id)):
            if row.start_date is not None:
                found[row.start_date].append(row)
    return found


def series_occurrences(session: Session, *, series: Collection[str]) -> dict[str, list[Activity]]:
    """The live stored occurrences of each series key."""
    found: dict[str, list[Activity]] = defaultdict(list)
    ordered = sorted(series)
    for first in range(0, len(ordered), CHUNK):
        query = select(Activity).where(
            Activity.series_key.in_(ordered[first : first + CHUNK]), Activity.deleted_at.is_(None)
        )
        for row in session.scalars(query.order_by(Activity.starts_at, Activity.id)):
            found[row.series_key or ""].append(row)
    return found


def same_content(row: Activity, item: NewActivity, *, default_zone: str) -> bool:
    """True when storing the item would change nothing a reader sees."""
    columns = _columns(item.draft, default_zone)
    hosts = [host.member_code for host in row.hosts]
    return row.precision == item.precision and _snapshot(_row_columns(row), hosts) == _snapshot(
        columns, item.draft.hosts
    )


def stored_columns(item: NewActivity, *, default_zone: str) -> dict[str, object]:
    """The columns the item would be stored with (for a dry run to show)."""
    return {**_columns(item.draft, default_zone), "precision": item.precision}


def add_imported(
    session: Session,
    *,
    items: Sequence[NewActivity],
    actor: str,
    now: datetime,
    default_zone: str,
    progress: Callable[[int], None] = lambda done: None,
) -> int:
    """Bulk-store new activities, each with an 'import' audit entry; how many were stored."""
    added = 0
    for first in range(0, len(items), BATCH):
        batch = items[first : first + BATCH]
        rows = [_new_row(item, actor, now, default_zone) for item in batch]
        stored = session.execute(
            _upsert_ignoring_duplicates(session).returning(Activity.id, Activity.source_key), rows
        ).all()
        ids = {key: new_id for new_id, key in stored}
        _store_extras(session, batch, ids, actor=actor, now=now)
        added += len(stored)
        progress(first + len(batch))
    return added


def _new_row(item: NewActivity, actor: str, now: datetime, default_zone: str) -> dict[str, object]:
    columns = _columns(item.draft, default_zone)
    if item.draft.start is not None:
        columns["precision"] = item.precision
    return {
        **columns,
        "source_key": item.key,
        "series_key": item.series,
        "source_version": item.version,
        "created_by": actor,
        "created_at": now,
    }


def _store_extras(
    session: Session, batch: Sequence[NewActivity], ids: dict[str, int], *, actor: str, now: datetime
) -> None:
    hosts = [
        {"activity_id": ids[item.key], "member_code": code}
        for item in batch
        if item.key in ids
        for code in item.draft.hosts
    ]
    if hosts:
        session.execute(insert(ActivityHost), hosts)
    audits = [
        {"activity_id": new_id, "actor": actor, "at": now, "action": "import", "changes": {}}
        for new_id in ids.values()
    ]
    if audits:
        session.execute(insert(AuditEntry), audits)


def update_imported(
    session: Session, *, row: Activity, item: NewActivity, actor: str, now: datetime, default_zone: str
) -> dict[str, list[object]]:
    """Apply a newer version to a stored activity (audited as an edit); the changes made."""
    old_precision = row.precision
    changes = update_activity(
        session, activity_id=row.id, draft=item.draft, actor=actor, now=now, default_zone=default_zone
    )
    if item.draft.start is not None and row.precision != item.precision:
        row.precision = item.precision
        if not changes:
            row.updated_by, row.updated_at = actor, now
        session.add(
            AuditEntry(
                activity_id=row.id,
                actor=actor,
                at=now,
                action="edit",
                changes={"precision": [old_precision, item.precision]},
            )
        )
    row.source_key, row.series_key = item.key, item.series or row.series_key
    row.source_version = item.version
    return changes or {}


def record_version(*, row: Activity, version: str | None) -> None:
    """Remember the newest version seen of an unchanged activity."""
    if version is not None and (row.source_version or "") < version:
        row.source_version = version
