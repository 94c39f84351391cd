"""The delivery ledger — reminders, cancellation notices and digests — in one table.

A delivery is claimed (a committed insert the unique key lets only one clock win) before it
is posted, then recorded as sent or failed, or given back for a later pass. Claims a clock
left open (it died mid-send) are found here too. Keyword-only and never committing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from domain.deliveries import DIGEST, NO_ACTIVITY, Delivery, DueScope, due_deliveries, last_sent_per_recipient
from domain.reminders import CANCELLED, horizon
from storage.db import insert_ignoring_conflicts
from storage.models import Activity
from storage.models import Delivery as Row
from storage.reminders import active_leads, reminder_targets
from storage.subscriptions import subscribers_by_target


def _record(row: Row) -> Delivery:
    return Delivery(
        activity_id=row.activity_id,
        lead=row.lead,
        recipient=row.recipient,
        occurrence=row.occurrence,
        due_at=row.due_at,
        status=row.status,
        id=row.id,
        claimed_at=row.claimed_at,
        sent_at=row.sent_at,
        channel=row.channel,
        message_ts=row.message_ts,
        error=row.error,
    )


def planned_deliveries(
    session: Session, *, now: datetime, channel: str | None, until: datetime | None = None
) -> list[Delivery]:
    """Reminders due now and not yet claimed (and, with `until`, those to come): the domain's
    rules over the targets in reach, the ledger, the rules per kind and the subscribers."""
    leads = active_leads(session)
    reach = horizon(lead for kind_leads in leads.values() for lead in kind_leads)
    targets = reminder_targets(session, after=now, until=(until or now) + reach, kinds=sorted(leads))
    ids = [target.activity_id for _, target in targets]
    entries = ledger(session, activity_ids=ids)
    scope = DueScope(targets, leads, entries, subscribers_by_target(session), channel)
    return due_deliveries(scope, now=now, until=until)


def ledger(session: Session, *, activity_ids: Sequence[int]) -> list[Delivery]:
    """Every delivery recorded for these activities."""
    if not activity_ids:
        return []
    query = select(Row).where(Row.activity_id.in_(activity_ids))
    return [_record(row) for row in session.scalars(query)]


def claim(session: Session, *, delivery: Delivery, now: datetime) -> int | None:
    """Insert the ledger row; its id, or None when it was claimed already (the unique key decides)."""
    values = {
        "activity_id": delivery.activity_id,
        "lead": delivery.lead,
        "recipient": delivery.recipient,
        "occurrence": delivery.occurrence,
        "due_at": delivery.due_at,
        "status": "claimed",
        "claimed_at": now,
    }
    statement = insert_ignoring_conflicts(session, Row).values(**values).returning(Row.id)
    claimed: int | None = session.scalar(statement)
    return claimed


def finish(
    session: Session,
    *,
    delivery_id: int,
    status: str,
    now: datetime,
    channel: str | None = None,
    ts: str | None = None,
    error: str | None = None,
) -> None:
    """Record how a claimed delivery ended: sent, failed (kept, not retried blindly) or empty."""
    row = session.get_one(Row, delivery_id)
    row.status, row.channel, row.message_ts = status, channel or row.channel, ts
    row.error = error[:2000] if error else None
    row.sent_at = now if status == "sent" else None


def release(session: Session, *, delivery_id: int) -> None:
    """Give a claim back (nothing reached Slack for sure), so a later pass sends it."""
    session.execute(delete(Row).where(Row.id == delivery_id, Row.status == "claimed"))


def stale_claims(session: Session, *, claimed_before: datetime, limit: int = 500) -> list[Delivery]:
    """Reminder claims still open since before `claimed_before` (a clock died mid-send), oldest first."""
    query = (
        select(Row)
        .where(Row.status == "claimed", Row.claimed_at < claimed_before, Row.lead.not_in((CANCELLED, DIGEST)))
        .order_by(Row.claimed_at, Row.id)
        .limit(limit)
    )
    return [_record(row) for row in session.scalars(query)]


def reclaim(session: Session, *, claim: Delivery, now: datetime) -> bool:
    """Take over a stale claim; only one clock wins (compare-and-set on claimed_at)."""
    statement = (
        update(Row)
        .where(Row.id == claim.id, Row.status == "claimed", Row.claimed_at == claim.claimed_at)
        .values(claimed_at=now, error="reclaimed after an interrupted send")
    )
    return session.execute(statement).rowcount == 1  # type: ignore[attr-defined,no-any-return]


def abandon(session: Session, *, claim: Delivery, reason: str) -> None:
    """Close a stale claim that must not be resent (the activity started, moved or went away)."""
    statement = (
        update(Row).where(Row.id == claim.id, Row.status == "claimed").values(status="failed", error=reason)
    )
    session.execute(statement)


def cancelled_with_reminders(session: Session, *, now: datetime) -> list[Delivery]:
    """Per recipient, the last reminder sent for a cancelled, future activity not yet noticed."""
    query = (
        select(Row)
        .join(Activity, Activity.id == Row.activity_id)
        .where(Activity.status == "cancelled", Activity.deleted_at.is_(None), Activity.starts_at > now)
    )
    return last_sent_per_recipient([_record(row) for row in session.scalars(query)])


def digest_delivery(*, period: str, recipient: str, now: datetime) -> Delivery:
    """The ledger entry of one period's digest to one channel."""
    return Delivery(NO_ACTIVITY, DIGEST, recipient, period, now)


def digest_claimed(session: Session, *, period: str, recipient: str) -> bool:
    """True once this period's digest was claimed (sent, empty, failed or in flight)."""
    query = select(Row.id).where(Row.activity_id == NO_ACTIVITY, Row.lead == DIGEST)
    query = query.where(Row.recipient == recipient, Row.occurrence == period)
    return session.scalar(query) is not None
