"""Reminder settings (rules per kind, channel, digest schedule) and the query for what may be due.

Keyword-only, never committing. The ledger itself is storage/deliveries.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from domain.kinds import KINDS
from domain.reminders import DEFAULT_LEADS, WEEKDAYS, DigestSchedule, Target
from storage.models import Activity, ReminderRule
from storage.settings_repo import get_setting, put_setting

CHANNEL_KEY = "reminder_channel"
DAY_KEY, HOUR_KEY = "digest_day", "digest_hour"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Rule:
    """A kind's leads and whether they are on."""

    kind: str
    leads: tuple[str, ...]
    enabled: bool


def digest_schedule(session: Session, *, zone: str) -> DigestSchedule:
    """The stored day and hour (Monday 09:00 unless changed) in the team's zone."""
    day = get_setting(session, key=DAY_KEY, default="mon")
    hour = get_setting(session, key=HOUR_KEY, default="9")
    weekday = WEEKDAYS.index(day) if day in WEEKDAYS else 0
    return DigestSchedule(weekday, int(hour) if hour.isdigit() and int(hour) < 24 else 9, zone)


def set_digest_schedule(session: Session, *, weekday: int, hour: int) -> None:
    put_setting(session, key=DAY_KEY, value=WEEKDAYS[weekday])
    put_setting(session, key=HOUR_KEY, value=str(hour))


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


def reminder_channel(session: Session, *, default: str | None) -> str | None:
    """The channel reminders go to: set in Slack, else ITAG_REMINDER_CHANNEL."""
    return get_setting(session, key=CHANNEL_KEY, default=default or "") or None


def set_reminder_channel(session: Session, *, channel: str) -> None:
    put_setting(session, key=CHANNEL_KEY, value=channel)


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
