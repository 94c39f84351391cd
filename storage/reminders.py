"""Reminder rules, the due query and the delivery ledger: keyword-only, never committing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Row, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain.kinds import KINDS
from domain.reminders import CANCELLED, DEFAULT_LEADS, Target
from storage.models import Activity, Delivery, ReminderRule
from storage.settings_repo import get_setting, put_setting

CHANNEL_KEY = "reminder_channel"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    """A kind's leads and whether they are on."""

    kind: str
    leads: tuple[str, ...]
    enabled: bool


@dataclass(frozen=True)
class LedgerEntry:
    """One claimed delivery, as the due computation needs it."""

    activity_id: int
    lead: str
    recipient: str
    occurrence: str
    claimed_at: datetime
    status: str
    channel: str | None
    message_ts: str | None
    sent_at: datetime | None


def reminder_rules(session: Session) -> dict[str, Rule]:
    """Every kind's rule: stored ones over the defaults."""
    rules = {kind: Rule(kind, DEFAULT_LEADS.get(kind, ()), True) for kind in KINDS}
    for row in session.scalars(select(ReminderRule)):
        leads = tuple(lead for lead in row.leads.split(",") if lead)
        rules[row.kind] = Rule(row.kind, leads, row.enabled)
    return rules


def active_leads(session: Session) -> dict[str, tuple[str, ...]]:
    """Kinds that have reminders switched on, with their leads."""
    return {k: r.leads for k, r in reminder_rules(session).items() if r.enabled and r.leads}


def set_rule(session: Session, *, kind: str, leads: Sequence[str], enabled: bool = True) -> None:
    """Store a kind's leads (or switch it off), replacing any previous rule."""
    row = session.get(ReminderRule, kind)
    if row is None:
        session.add(ReminderRule(kind=kind, leads=",".join(leads), enabled=enabled))
        return
    row.leads, row.enabled = ",".join(leads), enabled


def reminder_channel(session: Session, *, default: str | None, workspace: str | None = None) -> str | None:
    """The channel reminders go to: the workspace's own (OAuth mode), else the one set in Slack
    in single-token mode, else ITAG_REMINDER_CHANNEL."""
    shared = get_setting(session, key=CHANNEL_KEY, default=default or "")
    if workspace is None:
        return shared or None
    return get_setting(session, key=f"{CHANNEL_KEY}:{workspace}", default=shared) or None


def set_reminder_channel(session: Session, *, channel: str, workspace: str | None = None) -> None:
    """Set the reminder channel: a member workspace's own when `workspace` is given."""
    put_setting(
        session, key=CHANNEL_KEY if workspace is None else f"{CHANNEL_KEY}:{workspace}", value=channel
    )


_TARGET_COLUMNS = (
    Activity.id,
    Activity.kind,
    Activity.start_date,
    Activity.start_time,
    Activity.timezone,
    Activity.starts_at,
    Activity.updated_at,
    Activity.precision,
)


def _target(
    row: Row[int, str, date | None, time | None, str, datetime | None, datetime | None, str],
) -> tuple[str, Target]:
    ident, kind, day, at, zone, starts_at, changed, precision = row
    assert day is not None and starts_at is not None  # the query selects dated rows only  # noqa: S101
    return kind, Target(ident, day, at, zone, starts_at, changed, month_only=precision == "month")


def reminder_targets(
    session: Session, *, after: datetime, until: datetime, kinds: Sequence[str]
) -> list[tuple[str, Target]]:
    """(kind, target) of live activities dated to the day or month, starting in (after, until]."""
    if not kinds:
        return []
    query = (
        select(*_TARGET_COLUMNS)
        .where(Activity.starts_at > after, Activity.starts_at <= until)
        .where(Activity.kind.in_(kinds), Activity.status == "active", Activity.deleted_at.is_(None))
        .where(Activity.precision.in_(("day", "month")), Activity.start_date.is_not(None))
        # The same window on the local date, so a planner that prefers (kind, start_date)
        # (SQLite does) also reads a bounded range; a day each side covers every zone.
        .where(Activity.start_date >= (after - DAY).date(), Activity.start_date <= (until + DAY).date())
        .order_by(Activity.starts_at, Activity.id)
    )
    return [_target(row) for row in session.execute(query)]


def _entry(r: Delivery) -> LedgerEntry:
    return LedgerEntry(
        r.activity_id,
        r.lead,
        r.recipient,
        r.occurrence,
        r.claimed_at,
        r.status,
        r.channel,
        r.message_ts,
        r.sent_at,
    )


def ledger(session: Session, *, activity_ids: Sequence[int]) -> list[LedgerEntry]:
    """Every delivery recorded for these activities."""
    if not activity_ids:
        return []
    return [
        _entry(r) for r in session.scalars(select(Delivery).where(Delivery.activity_id.in_(activity_ids)))
    ]


def claim_delivery(
    session: Session,
    *,
    activity_id: int,
    lead: str,
    recipient: str,
    occurrence: str,
    due_at: datetime,
    now: datetime,
) -> int | None:
    """Insert the ledger row; None when someone already claimed it (the unique key decides)."""
    values = {
        "activity_id": activity_id,
        "lead": lead,
        "recipient": recipient,
        "occurrence": occurrence,
        "due_at": due_at,
        "status": "claimed",
        "claimed_at": now,
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(Delivery).values(**values).on_conflict_do_nothing().returning(Delivery.id)
    claimed: int | None = session.scalar(statement)
    return claimed


def mark_sent(
    session: Session, *, delivery_id: int, channel: str | None, ts: str | None, now: datetime
) -> None:
    """Record a successful post."""
    row = session.get_one(Delivery, delivery_id)
    row.status, row.channel, row.message_ts, row.sent_at, row.error = "sent", channel, ts, now, None


def mark_failed(session: Session, *, delivery_id: int, channel: str | None, error: str) -> None:
    """Record why a post failed; the row stays so it is visible and not retried blindly."""
    row = session.get_one(Delivery, delivery_id)
    row.status, row.channel, row.error = "failed", channel, error[:2000]


def cancelled_with_reminders(session: Session, *, now: datetime) -> list[LedgerEntry]:
    """Per recipient, the last reminder sent for a cancelled activity not yet noticed as such."""
    query = (
        select(Delivery)
        .join(Activity, Activity.id == Delivery.activity_id)
        .where(Activity.status == "cancelled", Activity.deleted_at.is_(None), Activity.starts_at > now)
    )
    entries = [_entry(row) for row in session.scalars(query)]
    noticed = {(e.activity_id, e.recipient) for e in entries if e.lead == CANCELLED}
    last: dict[tuple[int, str], LedgerEntry] = {}
    for entry in entries:
        key = (entry.activity_id, entry.recipient)
        if entry.status != "sent" or not entry.message_ts or key in noticed:
            continue
        if key not in last or (entry.sent_at or now) > (last[key].sent_at or now):
            last[key] = entry
    return list(last.values())
