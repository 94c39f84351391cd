"""Claims a clock left open: taken over and resent, closed, or given back to the next pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from domain.reminders import CANCELLED
from storage.models import Delivery


@dataclass(frozen=True)
class StaleClaim:
    """A reminder claimed by a clock that never recorded the outcome (it crashed mid-send)."""

    delivery_id: int
    activity_id: int
    lead: str
    recipient: str
    occurrence: str
    claimed_at: datetime


def stale_claims(session: Session, *, claimed_before: datetime, limit: int = 500) -> list[StaleClaim]:
    """Reminder claims still open since before `claimed_before`, oldest first."""
    query = (
        select(Delivery)
        .where(Delivery.status == "claimed", Delivery.claimed_at < claimed_before, Delivery.lead != CANCELLED)
        .order_by(Delivery.claimed_at, Delivery.id)
        .limit(limit)
    )
    return [
        StaleClaim(r.id, r.activity_id, r.lead, r.recipient, r.occurrence, r.claimed_at)
        for r in session.scalars(query)
    ]


def reclaim(session: Session, *, claim: StaleClaim, now: datetime) -> bool:
    """Take over a stale claim; only one clock wins (compare-and-set on claimed_at)."""
    statement = (
        update(Delivery)
        .where(Delivery.id == claim.delivery_id, Delivery.status == "claimed")
        .where(Delivery.claimed_at == claim.claimed_at)
        .values(claimed_at=now, error="reclaimed after an interrupted send")
    )
    return session.execute(statement).rowcount == 1  # type: ignore[attr-defined,no-any-return]


def abandon(session: Session, *, claim: StaleClaim, reason: str) -> None:
    """Close a stale claim that must not be resent (the activity started, moved or went away)."""
    statement = (
        update(Delivery)
        .where(Delivery.id == claim.delivery_id, Delivery.status == "claimed")
        .values(status="failed", error=reason)
    )
    session.execute(statement)


def release_claim(session: Session, *, delivery_id: int) -> None:
    """Give a claim back (nothing reached Slack for sure), so a later pass sends it."""
    session.execute(delete(Delivery).where(Delivery.id == delivery_id, Delivery.status == "claimed"))
