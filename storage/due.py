"""What is due to whom: the due query and the ledger, read through the domain's rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from domain.reminders import CANCELLED, Target, due_lead, fire_time, horizon, occurrence, upcoming_fires
from storage.reminders import LedgerEntry, active_leads, ledger, reminder_targets
from storage.subscriptions import activity_target, kind_target, subscribers_by_target


@dataclass(frozen=True)
class Planned:
    """One reminder to deliver: which activity, which lead, to whom, for which date."""

    activity_id: int
    lead: str
    recipient: str
    occurrence: str
    due_at: datetime
    overdue: bool = False


@dataclass(frozen=True)
class _Scope:
    targets: list[tuple[str, Target]]
    leads: dict[str, tuple[str, ...]]
    entries: dict[tuple[int, str], list[LedgerEntry]]
    subscribers: dict[str, list[str]]


def _scope(session: Session, *, now: datetime, until: datetime) -> _Scope:
    leads = active_leads(session)
    reach = horizon(lead for kind_leads in leads.values() for lead in kind_leads)
    targets = reminder_targets(session, after=now, until=until + reach, kinds=sorted(leads))
    entries: dict[tuple[int, str], list[LedgerEntry]] = defaultdict(list)
    for entry in ledger(session, activity_ids=[t.activity_id for _, t in targets]):
        entries[(entry.activity_id, entry.recipient)].append(entry)
    return _Scope(targets, leads, entries, subscribers_by_target(session))


def _recipients(scope: _Scope, kind: str, target: Target, channels: Sequence[str]) -> list[str]:
    users = scope.subscribers.get(kind_target(kind), []) + scope.subscribers.get(
        activity_target(target.activity_id), []
    )
    return list(dict.fromkeys(channels)) + sorted(set(users))


def _due_for(scope: _Scope, kind: str, target: Target, recipient: str, now: datetime) -> Planned | None:
    key = occurrence(target)
    mine = [e for e in scope.entries.get((target.activity_id, recipient), []) if e.lead != CANCELLED]
    before = {e.lead: e.claimed_at for e in mine if e.occurrence != key}
    lead = due_lead(target, scope.leads[kind], now=now, sent_before=before)
    if lead is None or any(e.occurrence == key and e.lead == lead for e in mine):
        return None
    fired = fire_time(target, lead)
    return Planned(target.activity_id, lead, recipient, key, fired, overdue=fired < now)


def due_deliveries(session: Session, *, now: datetime, channels: Sequence[str]) -> list[Planned]:
    """Reminders due now and not yet claimed, at most one lead per activity and recipient; a
    channel shared by several member workspaces is one recipient."""
    scope = _scope(session, now=now, until=now)
    planned = []
    for kind, target in scope.targets:
        for recipient in _recipients(scope, kind, target, channels):
            item = _due_for(scope, kind, target, recipient, now)
            if item is not None:
                planned.append(item)
    return planned


def planned_reminders(
    session: Session, *, now: datetime, until: datetime, channels: Sequence[str], limit: int = 200
) -> list[Planned]:
    """What will be sent between now and `until`: what is due now, then each lead as it fires."""
    scope = _scope(session, now=now, until=until)
    planned = []
    for kind, target in scope.targets:
        key = occurrence(target)
        for recipient in _recipients(scope, kind, target, channels):
            due = _due_for(scope, kind, target, recipient, now)
            planned.extend([due] if due else [])
            fires = upcoming_fires(target, scope.leads[kind], now=now, until=until)
            planned.extend(Planned(target.activity_id, lead, recipient, key, at) for at, lead in fires)
    return sorted(planned, key=lambda p: (p.due_at, p.activity_id, p.recipient))[:limit]
