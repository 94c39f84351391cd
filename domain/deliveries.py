"""The delivery ledger's record, and the rules deciding what is due to whom. Pure: no I/O.

A delivery is one message the clock owes someone: a reminder (an activity, a lead, a
recipient and the date it was planned for), a cancellation notice, or a period's digest.
It is planned, then claimed in the ledger before it is posted, then sent or failed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.reminders import CANCELLED, Target, due_lead, fire_time, occurrence, upcoming_fires

DIGEST = "digest"  # the lead of a digest delivery; its occurrence is the period ("2026-W48")
NO_ACTIVITY = 0  # a digest's activity id: about no activity in particular


@dataclass(frozen=True)
class Delivery:
    """One message owed, as planned or as the ledger records it."""

    activity_id: int
    lead: str
    recipient: str
    occurrence: str
    due_at: datetime
    status: str = "planned"  # planned, claimed, sent, failed or empty (a digest with nothing to say)
    id: int | None = None
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    channel: str | None = None  # where it was posted (a DM's channel differs from the user id)
    message_ts: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class DueScope:
    """What the due rules read: dated targets by kind, leads, the ledger and the subscribers."""

    targets: Sequence[tuple[str, Target]]
    leads: Mapping[str, tuple[str, ...]]
    ledger: Sequence[Delivery]
    subscribers: Mapping[str, Sequence[str]]  # "kind:<slug>" or "activity:<id>" -> user ids
    channel: str | None


def kind_target(kind: str) -> str:
    """What a subscription to every activity of a kind is stored as."""
    return f"kind:{kind}"


def activity_target(activity_id: int) -> str:
    """What a subscription to one activity is stored as."""
    return f"activity:{activity_id}"


def recipients(scope: DueScope, kind: str, activity_id: int) -> list[str]:
    """The reminder channel, then every subscriber of the kind or the activity, once each."""
    subscribers = scope.subscribers
    users = [*subscribers.get(kind_target(kind), ()), *subscribers.get(activity_target(activity_id), ())]
    return ([scope.channel] if scope.channel else []) + sorted(set(users))


def due_deliveries(scope: DueScope, *, now: datetime, until: datetime | None = None) -> list[Delivery]:
    """What is due now and not yet claimed — at most one lead per activity and recipient — and,
    with `until`, each lead still ahead as it will fire; soonest first."""
    sent = _ledger_by_recipient(scope.ledger)
    planned: list[Delivery] = []
    for kind, target in scope.targets:
        key = occurrence(target)
        for recipient in recipients(scope, kind, target.activity_id):
            mine = sent.get((target.activity_id, recipient), [])
            due = _due_now(target, scope.leads[kind], key, recipient, mine, now)
            planned.extend([due] if due else [])
            if until is not None:
                fires = upcoming_fires(target, scope.leads[kind], now=now, until=until)
                planned.extend(Delivery(target.activity_id, lead, recipient, key, at) for at, lead in fires)
    return sorted(planned, key=lambda d: (d.due_at, d.activity_id, d.recipient))


def _ledger_by_recipient(ledger: Sequence[Delivery]) -> dict[tuple[int, str], list[Delivery]]:
    found: dict[tuple[int, str], list[Delivery]] = defaultdict(list)
    for entry in ledger:
        if entry.lead not in (CANCELLED, DIGEST):
            found[(entry.activity_id, entry.recipient)].append(entry)
    return found


def _due_now(
    target: Target, leads: Sequence[str], key: str, recipient: str, mine: list[Delivery], now: datetime
) -> Delivery | None:
    before = {e.lead: e.claimed_at or e.due_at for e in mine if e.occurrence != key}
    lead = due_lead(target, leads, now=now, sent_before=before)
    if lead is None or any(e.occurrence == key and e.lead == lead for e in mine):
        return None
    return Delivery(target.activity_id, lead, recipient, key, fire_time(target, lead))


def still_due(target: Target | None, delivery: Delivery, *, now: datetime) -> bool:
    """At the moment of sending: the activity is live, not started, on the date it was planned for."""
    return target is not None and occurrence(target) == delivery.occurrence and now < target.starts_at


def last_sent_per_recipient(ledger: Sequence[Delivery]) -> list[Delivery]:
    """For cancellation notices: per activity and recipient, the last reminder sent, unless a
    notice was already claimed (the notice goes in that reminder's thread)."""
    noticed = {(e.activity_id, e.recipient) for e in ledger if e.lead == CANCELLED}
    last: dict[tuple[int, str], Delivery] = {}
    for entry in ledger:
        key = (entry.activity_id, entry.recipient)
        if entry.status != "sent" or not entry.message_ts or key in noticed or entry.lead == DIGEST:
            continue
        if key not in last or _sent(entry) > _sent(last[key]):
            last[key] = entry
    return list(last.values())


def _sent(entry: Delivery) -> datetime:
    return entry.sent_at or entry.claimed_at or entry.due_at
