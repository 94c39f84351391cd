"""What the calendar feed reads: its nonce, the activities with their edit counts, and freshness."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain.calendar_feed import FeedEntry
from storage.activities import record_from
from storage.models import Activity, ActivityHost, AppSetting, AuditEntry
from storage.versions import VERSION_KEY

NONCE_KEY = "calendar_feed_nonce"
EDITS = ("edit", "cancel")  # each raises SEQUENCE; creation and import start it at 0


def feed_state(session: Session) -> tuple[str, str]:
    """The feed nonce ('' before the first `/itag calendar`) and the data stamp, in one query."""
    query = select(AppSetting.key, AppSetting.value).where(AppSetting.key.in_((NONCE_KEY, VERSION_KEY)))
    rows = {str(key): str(value) for key, value in session.execute(query)}
    return rows.get(NONCE_KEY, ""), rows.get(VERSION_KEY, "")


def ensure_nonce(session: Session) -> str:
    """The feed nonce, created on first use; two first calls at once agree on one."""
    build = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    fresh = secrets.token_urlsafe(32)
    session.execute(
        build(AppSetting).values(key=NONCE_KEY, value=fresh).on_conflict_do_nothing(index_elements=["key"])
    )
    return str(session.scalar(select(AppSetting.value).where(AppSetting.key == NONCE_KEY)))


def rotate_nonce(session: Session) -> str:
    """Replace the nonce: the old feed URL stops working as soon as this commits."""
    ensure_nonce(session)
    fresh = secrets.token_urlsafe(32)
    session.execute(update(AppSetting).where(AppSetting.key == NONCE_KEY).values(value=fresh))
    return fresh


def _sequences(session: Session, activity_id: int | None = None) -> dict[int, int]:
    query = select(AuditEntry.activity_id, func.count()).where(AuditEntry.action.in_(EDITS))
    if activity_id is not None:
        query = query.where(AuditEntry.activity_id == activity_id)
    rows = session.execute(query.group_by(AuditEntry.activity_id))
    return {int(activity): int(count) for activity, count in rows}


def _entry(row: Any, hosts: tuple[str, ...], sequences: dict[int, int]) -> FeedEntry:
    stamps = [row.created_at, row.updated_at, row.cancelled_at]
    modified = max(s for s in stamps if s is not None)
    return FeedEntry(record_from(row, hosts), sequences.get(row.id, 0), modified)


def feed_entries(session: Session, *, kind: str | None = None) -> list[FeedEntry]:
    """Every activity a calendar can show (day precision, not deleted), cancelled ones included.

    Read as plain rows, not ORM objects: ten thousand activities load in a fraction of the time.
    """
    shown = [Activity.deleted_at.is_(None), Activity.start_date.is_not(None), Activity.precision == "day"]
    if kind is not None:
        shown.append(Activity.kind == kind)
    hosts: dict[int, list[str]] = {}
    host_rows = select(ActivityHost.activity_id, ActivityHost.member_code).join(Activity).where(*shown)
    for activity_id, code in session.execute(host_rows.order_by(ActivityHost.member_code)):
        hosts.setdefault(int(activity_id), []).append(str(code))
    sequences = _sequences(session)
    query = select(*Activity.__table__.c).where(*shown).order_by(Activity.start_date, Activity.id)
    return [_entry(row, tuple(hosts.get(row.id, ())), sequences) for row in session.execute(query)]


def feed_entry(session: Session, *, activity_id: int) -> FeedEntry | None:
    """One activity for an "Add to calendar" download; None when it is deleted or unknown."""
    query = select(Activity).where(Activity.id == activity_id, Activity.deleted_at.is_(None))
    row = session.scalars(query).first()
    if row is None:
        return None
    hosts = tuple(host.member_code for host in row.hosts)
    return _entry(row, hosts, _sequences(session, activity_id))


def last_change(session: Session) -> datetime | None:
    """When any activity was last created, edited, cancelled or deleted."""
    columns = (Activity.created_at, Activity.updated_at, Activity.cancelled_at, Activity.deleted_at)
    latest = [session.scalar(select(func.max(column))) for column in columns]
    found = [value for value in latest if value is not None]
    return max(found) if found else None
