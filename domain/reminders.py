"""Reminder arithmetic: when each lead fires, which one is due, and when the digest is.

Pure functions over plain values; `now` is always passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from domain.dates import parse_lead
from domain.i18n import _, ngettext
from domain.records import Activity

DEFAULT_LEADS: dict[str, tuple[str, ...]] = {
    kind: ("30d", "7d", "1d") for kind in ("wto_public_forum", "wto_ministerial", "ministerial", "wto_caucus")
}
ALL_DAY_HOUR = 9
CANCELLED = "cancelled"  # the ledger's lead for a cancellation notice
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
DIGEST_GRACE = timedelta(hours=12)


@dataclass(frozen=True)
class Target:
    """What reminder arithmetic needs to know about one dated activity."""

    activity_id: int
    day: date
    at: time | None
    zone: str
    starts_at: datetime
    changed_at: datetime | None = None  # last edit: bounds when its date last moved


def target_for(activity: Activity, *, changed_at: datetime | None = None) -> Target | None:
    """The reminder target of a live, day-precise, dated activity; None for anything else."""
    when = activity.when
    if activity.cancelled or when.start is None or when.precision != "day" or activity.starts_at is None:
        return None
    return Target(
        activity.id, when.start, activity.start_time, activity.timezone, activity.starts_at, changed_at
    )


def parse_leads(text: str) -> tuple[str, ...] | None:
    """'30d,7d,1d' as canonical leads, longest first; None if any part is not a lead."""
    parts = [p for p in text.replace(" ", ",").split(",") if p.strip()]
    leads = []
    for part in parts:
        if parse_lead(part) is None:
            return None
        leads.append(part.strip().lower().replace(" ", ""))
    return tuple(sorted(set(leads), key=lead_span, reverse=True))


def lead_delta(lead: str) -> relativedelta:
    """The lead as a relativedelta (unknown leads count as zero)."""
    return parse_lead(lead) or relativedelta()


def lead_span(lead: str) -> timedelta:
    """The lead as a fixed length, for ordering and query windows."""
    end: datetime = _EPOCH + lead_delta(lead)
    return end - _EPOCH


def horizon(leads: Iterable[str]) -> timedelta:
    """How far ahead of its start an activity can have a reminder due (plus a day's slack)."""
    return max((lead_span(lead) for lead in leads), default=timedelta(0)) + timedelta(days=1)


def _split(delta: relativedelta) -> tuple[relativedelta, timedelta]:
    """Calendar part (days and up, counted on the local wall clock) and clock part."""
    calendar = relativedelta(years=delta.years, months=delta.months, days=delta.days)
    return calendar, timedelta(hours=delta.hours, minutes=delta.minutes)


def fire_time(target: Target, lead: str) -> datetime:
    """When `lead` fires: start minus lead, or 09:00 local lead-days before an all-day date."""
    zone = ZoneInfo(target.zone)
    calendar, clock = _split(lead_delta(lead))
    if target.at is not None:
        local = datetime.combine(target.day, target.at, tzinfo=zone) - calendar
    elif calendar:
        local = datetime.combine(target.day - calendar, time(ALL_DAY_HOUR), tzinfo=zone)
    else:
        local = datetime.combine(target.day, time(0), tzinfo=zone)
    fired: datetime = local.astimezone(UTC) - clock
    return fired


def occurrence(target: Target) -> str:
    """The ledger key of this date: moving the activity makes a new occurrence."""
    if target.at is None:
        return target.day.isoformat()
    return target.starts_at.astimezone(UTC).isoformat()


def due_lead(
    target: Target, leads: Iterable[str], *, now: datetime, sent_before: Mapping[str, datetime]
) -> str | None:
    """The one lead to send now, if any: the nearest that fell due, never a stale burst.

    `sent_before` maps leads already sent for an earlier date of this activity to when.
    Such a lead is repeated only if it came round again: it still lay ahead when the
    date last changed.
    """
    if now >= target.starts_at:
        return None
    due = [(fire_time(target, lead), lead) for lead in leads]
    due = [(fired, lead) for fired, lead in due if fired <= now]
    if not due:
        return None
    fired, nearest = max(due)
    if nearest in sent_before and (target.changed_at is None or fired <= target.changed_at):
        return None
    return nearest


def upcoming_fires(
    target: Target, leads: Iterable[str], *, now: datetime, until: datetime
) -> list[tuple[datetime, str]]:
    """(fire time, lead) of leads still ahead, up to `until` and before the start, soonest first."""
    fires = ((fire_time(target, lead), lead) for lead in leads)
    return sorted((f, lead) for f, lead in fires if now < f <= until and f < target.starts_at)


def lead_phrase(lead: str) -> str:
    """'in 30 days', 'tomorrow', 'in 2 hours'."""
    delta = lead_delta(lead)
    if delta == relativedelta(days=1):
        return _("tomorrow")
    if delta.days:
        return ngettext("in {count} day", "in {count} days", delta.days).format(count=delta.days)
    if delta.hours:
        return ngettext("in {count} hour", "in {count} hours", delta.hours).format(count=delta.hours)
    if delta.minutes:
        return ngettext("in {count} minute", "in {count} minutes", delta.minutes).format(count=delta.minutes)
    return _("now")


@dataclass(frozen=True)
class DigestSchedule:
    """Which weekday (0 = Monday) and hour the digest goes out, in which zone."""

    weekday: int = 0
    hour: int = 9
    zone: str = "UTC"


def digest_due(schedule: DigestSchedule, *, now: datetime) -> tuple[str, date] | None:
    """This week's period key and local date while its digest is due, else None.

    Due from the scheduled moment for DIGEST_GRACE, so a restarted clock catches up but a
    "this week" digest never turns up days late.
    """
    local = now.astimezone(ZoneInfo(schedule.zone))
    monday = local.date() - timedelta(days=local.weekday())
    day = monday + timedelta(days=schedule.weekday)
    moment = datetime.combine(day, time(schedule.hour), tzinfo=local.tzinfo)
    if not moment <= local < moment + DIGEST_GRACE:
        return None
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}", local.date()
