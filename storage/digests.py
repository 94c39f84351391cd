"""The weekly digest: its schedule setting and its once-per-period ledger."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain.reminders import WEEKDAYS, DigestSchedule
from storage.models import DigestRun
from storage.settings_repo import get_setting, put_setting

DAY_KEY, HOUR_KEY = "digest_day", "digest_hour"


def digest_schedule(session: Session, *, zone: str) -> DigestSchedule:
    """The stored day and hour (Monday 09:00 unless changed) in the team's zone."""
    day = get_setting(session, key=DAY_KEY, default="mon")
    hour = get_setting(session, key=HOUR_KEY, default="9")
    weekday = WEEKDAYS.index(day) if day in WEEKDAYS else 0
    return DigestSchedule(weekday, int(hour) if hour.isdigit() and int(hour) < 24 else 9, zone)


def set_digest_schedule(session: Session, *, weekday: int, hour: int) -> None:
    put_setting(session, key=DAY_KEY, value=WEEKDAYS[weekday])
    put_setting(session, key=HOUR_KEY, value=str(hour))


def claim_digest(session: Session, *, period: str, recipient: str, now: datetime) -> int | None:
    """Claim this period's digest; None when it was already claimed (sent, skipped or failed)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(DigestRun)
        .values(period=period, recipient=recipient, status="claimed", claimed_at=now)
        .on_conflict_do_nothing()
        .returning(DigestRun.id)
    )
    claimed: int | None = session.scalar(statement)
    return claimed


def digest_claimed(session: Session, *, period: str, recipient: str) -> bool:
    query = select(DigestRun.id).where(DigestRun.period == period, DigestRun.recipient == recipient)
    return session.scalar(query) is not None


def finish_digest(
    session: Session,
    *,
    run_id: int,
    status: str,
    now: datetime,
    ts: str | None = None,
    error: str | None = None,
) -> None:
    """Record how the period's digest ended: sent, empty (nothing to say) or failed."""
    row = session.get_one(DigestRun, run_id)
    row.status, row.message_ts, row.error = status, ts, error
    row.sent_at = now if status == "sent" else None


def release_digest(session: Session, *, run_id: int) -> None:
    """Give the period's claim back after a failure that a later pass may get past."""
    session.execute(delete(DigestRun).where(DigestRun.id == run_id, DigestRun.status == "claimed"))
