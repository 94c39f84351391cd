"""Reminder arithmetic: when each lead fires, which one is due, and when the digest is.

Pure functions over plain values; `now` is always passed in.

An activity known only to the month ("September 2027": the Public Forum is announced months
before its days) gets one reminder instead of its kind's ladder: at 09:00 local time on the
1st of the month before, saying the day is not set yet. A ladder counted from an invented
1st would remind people of a day nobody announced. Known only to the year: no reminder.
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
MONTH_NOTICE = "month"  # the one lead of a month-precision activity: the 1st of the month before
MONTH_NOTICE_REACH = timedelta(days=32)  # the longest it fires ahead of its month's start
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
    month_only: bool = False  # the day is not known yet: `day` is the 1st of the month


def target_for(activity: Activity, *, changed_at: datetime | None = None) -> Target | None:
    """The reminder target of a live activity dated to the day or the month; None for anything else."""
    when = activity.when
    if activity.cancelled or when.start is None or activity.starts_at is None:
        return None
    if when.precision not in ("day", "month"):
        return None
    return Target(
        activity.id,
        when.start,
        activity.start_time if when.precision == "day" else None,
        activity.timezone,
        activity.starts_at,
        changed_at,
        month_only=when.precision == "month",
    )


def leads_for(target: Target, leads: Iterable[str]) -> tuple[str, ...]:
    """The leads that apply: the kind's ladder, or for a month-only date the one month notice."""
    ladder = tuple(leads)
    if target.month_only:
        return (MONTH_NOTICE,) if ladder else ()
    return ladder


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
    """How far ahead of its start an activity can have a reminder due (plus a day's slack);
    a month notice, which any kind with leads may send, reaches back a month."""
    spans = [lead_span(lead) for lead in leads]
    return max([*spans, MONTH_NOTICE_REACH] if spans else [timedelta(0)]) + timedelta(days=1)


def _split(delta: relativedelta) -> tuple[relativedelta, timedelta]:
    """Calendar part (days and up, counted on the local wall clock) and clock part."""
    calendar = relativedelta(years=delta.years, months=delta.months, days=delta.days)
    return calendar, timedelta(hours=delta.hours, minutes=delta.minutes)


def fire_time(target: Target, lead: str) -> datetime:
    """When `lead` fires: start minus lead, or 09:00 local lead-days before an all-day date
    (for the month notice: 09:00 local on the 1st of the month before)."""
    zone = ZoneInfo(target.zone)
    if lead == MONTH_NOTICE:
        first = target.day.replace(day=1) - relativedelta(months=1)
        return datetime.combine(first, time(ALL_DAY_HOUR), tzinfo=zone).astimezone(UTC)
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
    """The ledger key of this date: moving the activity (or setting its day) makes a new occurrence."""
    if target.month_only:
        return f"{target.day:%Y-%m}"
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
    due = [(fire_time(target, lead), lead) for lead in leads_for(target, leads)]
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
    fires = ((fire_time(target, lead), lead) for lead in leads_for(target, leads))
    return sorted((f, lead) for f, lead in fires if now < f <= until and f < target.starts_at)


def lead_label(lead: str) -> str:
    """How a planned reminder is listed: '30d before', 'month notice (day not set yet) for'."""
    if lead == MONTH_NOTICE:
        return _("month notice (day not set yet) for")
    return _("{lead} before").format(lead=lead)


def lead_phrase(lead: str) -> str:
    """'in 30 days', 'tomorrow', 'in 2 hours', 'next month'."""
    if lead == MONTH_NOTICE:
        return _("next month")
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
