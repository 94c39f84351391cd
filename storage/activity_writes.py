"""Writes to activities — create, update, cancel, delete — each with its audit entry.

Keyword-only and never committing: the caller's transaction makes a change and its
audit entry land together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain.dates import start_instant
from domain.drafts import Draft, stored_dates, zone_of
from domain.mrkdwn import clean_input
from domain.records import AuditRecord
from storage.models import Activity, ActivityHost, AuditEntry

Snapshot = dict[str, str | None]
BATCH = 1000


def _columns(draft: Draft, default_zone: str) -> dict[str, Any]:
    zone = zone_of(draft, default_zone)
    spec = stored_dates(draft)
    at = draft.at if spec.precision == "day" else None
    return {
        "title": clean_input(draft.title).strip(),
        "kind": draft.kind,
        "precision": spec.precision,
        "start_date": spec.start,
        "end_date": spec.end,
        "start_time": at,
        "timezone": zone,
        "starts_at": start_instant(spec.start, at, zone) if spec.start else None,
        "place": clean_input(draft.place or "").strip() or None,
        "description": clean_input(draft.description or "").strip() or None,
        "link": clean_input(draft.link or "").strip() or None,
        "plan_ref": draft.plan_ref or None,
    }


def _snapshot(columns: dict[str, Any], hosts: Sequence[str]) -> Snapshot:
    """The audited view of an activity: every value as text, so changes store as JSON."""
    shown: Snapshot = {}
    for name in ("title", "kind", "precision", "start_date", "end_date", "start_time", "timezone", "place"):
        shown[name] = _text(columns[name])
    shown["hosts"] = ", ".join(sorted(hosts)) or None
    for name in ("plan_ref", "description", "link"):
        shown[name] = _text(columns[name])
    return shown


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _changes(before: Snapshot, after: Snapshot) -> dict[str, list[object]]:
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}


def _upsert_ignoring_duplicates(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    build = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return build(Activity).on_conflict_do_nothing(index_elements=["source_key"])


def create_activity(
    session: Session,
    *,
    draft: Draft,
    actor: str,
    now: datetime,
    default_zone: str,
    source_key: str,
) -> int | None:
    """Store a new activity; None when one with this source key exists already (a repeat)."""
    columns = _columns(draft, default_zone)
    values = {**columns, "source_key": source_key, "created_by": actor, "created_at": now}
    new_id = session.scalar(_upsert_ignoring_duplicates(session).values(**values).returning(Activity.id))
    if new_id is None:
        return None
    if draft.hosts:
        hosts = [{"activity_id": new_id, "member_code": code} for code in draft.hosts]
        session.execute(insert(ActivityHost), hosts)
    changes = _changes({}, _snapshot(columns, draft.hosts))
    session.add(AuditEntry(activity_id=new_id, actor=actor, at=now, action="create", changes=changes))
    return int(new_id)


def _live_row(session: Session, activity_id: int) -> Activity | None:
    query = select(Activity).where(Activity.id == activity_id, Activity.deleted_at.is_(None))
    return session.scalars(query).first()


def _row_columns(row: Activity) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _columns(Draft(), "UTC")}


def update_activity(
    session: Session, *, activity_id: int, draft: Draft, actor: str, now: datetime, default_zone: str
) -> dict[str, list[object]] | None:
    """Apply a draft to an activity; the changes made (possibly none), or None if it is gone."""
    row = _live_row(session, activity_id)
    if row is None:
        return None
    old_hosts = [host.member_code for host in row.hosts]
    before = _snapshot(_row_columns(row), old_hosts)
    columns = _columns(draft, default_zone)
    for name, value in columns.items():
        setattr(row, name, value)
    row.hosts = [h for h in row.hosts if h.member_code in draft.hosts] + [
        ActivityHost(member_code=code) for code in draft.hosts if code not in old_hosts
    ]
    changes = _changes(before, _snapshot(columns, draft.hosts))
    if changes:
        row.updated_by, row.updated_at = actor, now
        session.add(AuditEntry(activity_id=row.id, actor=actor, at=now, action="edit", changes=changes))
    return changes


def cancel_activity(session: Session, *, activity_id: int, actor: str, now: datetime) -> bool:
    """Mark an activity cancelled (it stays on record); False when it was already, or is gone."""
    row = _live_row(session, activity_id)
    if row is None or row.status == "cancelled":
        return False
    row.status, row.cancelled_by, row.cancelled_at = "cancelled", actor, now
    row.updated_by, row.updated_at = actor, now
    changes: dict[str, list[object]] = {"status": ["active", "cancelled"]}
    session.add(AuditEntry(activity_id=row.id, actor=actor, at=now, action="cancel", changes=changes))
    return True


def delete_activity(session: Session, *, activity_id: int, actor: str, now: datetime) -> bool:
    """Remove an activity from every listing (kept in the table for the audit trail)."""
    row = _live_row(session, activity_id)
    if row is None:
        return False
    row.deleted_by, row.deleted_at = actor, now
    changes: dict[str, list[object]] = {"deleted": [None, now.isoformat()]}
    session.add(AuditEntry(activity_id=row.id, actor=actor, at=now, action="delete", changes=changes))
    return True


def audit_trail(session: Session, *, activity_id: int) -> list[AuditRecord]:
    """Every recorded change to one activity, oldest first."""
    query = select(AuditEntry).where(AuditEntry.activity_id == activity_id)
    rows = session.scalars(query.order_by(AuditEntry.at, AuditEntry.id))
    return [AuditRecord(r.activity_id, r.actor, r.at, r.action, dict(r.changes or {})) for r in rows]


def import_activities(
    session: Session,
    *,
    items: Sequence[tuple[Draft, str]],
    actor: str,
    now: datetime,
    default_zone: str,
    progress: Callable[[int], None] = lambda done: None,
) -> int:
    """Bulk-store drafts with their source keys; keys already stored are skipped. How many were added."""
    added = 0
    for first in range(0, len(items), BATCH):
        batch = items[first : first + BATCH]
        rows = [
            {**_columns(d, default_zone), "source_key": key, "created_by": actor, "created_at": now}
            for d, key in batch
        ]
        stored = session.execute(
            _upsert_ignoring_duplicates(session).returning(Activity.id, Activity.source_key), rows
        ).all()
        _store_extras(session, batch, {key: new_id for new_id, key in stored}, actor=actor, now=now)
        added += len(stored)
        progress(first + len(batch))
    return added


def _store_extras(
    session: Session, batch: Sequence[tuple[Draft, str]], ids: dict[str, int], *, actor: str, now: datetime
) -> None:
    hosts = [
        {"activity_id": ids[key], "member_code": code}
        for draft, key in batch
        if key in ids
        for code in draft.hosts
    ]
    if hosts:
        session.execute(insert(ActivityHost), hosts)
    audits = [
        {"activity_id": new_id, "actor": actor, "at": now, "action": "import", "changes": {}}
        for new_id in ids.values()
    ]
    if audits:
        session.execute(insert(AuditEntry), audits)
