"""Activities as RFC 5545 calendars, written with the `icalendar` package (no I/O here).

Only day-precision activities become events: an activity known only to the month or year
("March 2019") has no day a calendar could show without inventing one, so it is left out
(`/itag` answers still list it). Timed activities start at their own time in their own zone,
with a VTIMEZONE; all-day and multi-day activities use DATE values with an exclusive DTEND.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vDuration

from domain.dates import format_spec
from domain.kinds import kind_label
from domain.records import Activity

PRODID = "-//Inclusive Trade Action Group//itag-bot//EN"
REFRESH = timedelta(hours=1)
CALENDAR_UID = "itag-activities@itag-bot"
NAME = "ITAG activities"
DESCRIPTION = (
    "Activities of the Inclusive Trade Action Group (ITAG): webinars, WTO caucus meetings, "
    "WTO Public Forum sessions and ministerial meetings."
)


@dataclass(frozen=True)
class FeedEntry:
    """An activity with what a calendar needs beyond it: how often it changed, and when last."""

    activity: Activity
    sequence: int
    modified: datetime


def uid_for(activity_id: int) -> str:
    """The event's UID: stable for the life of the activity, whatever changes."""
    return f"itag-activity-{activity_id}@itag-bot"


def in_feed(activity: Activity) -> bool:
    """True when the activity has a day a calendar can show (see the module docstring)."""
    return activity.when.start is not None and activity.when.precision == "day"


def _span(activity: Activity) -> tuple[date | datetime, date | datetime | None]:
    start = activity.when.start
    assert start is not None  # noqa: S101 - callers filter with in_feed
    last = activity.when.end or start
    if activity.start_time is None:
        return start, last + timedelta(days=1)  # all-day: DTEND is the day after, exclusive
    zone = ZoneInfo(activity.timezone)
    begins = datetime.combine(start, activity.start_time, tzinfo=zone)
    if last > start:  # a timed start over several days runs to the end of its last day
        return begins, datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=zone)
    return begins, None  # no end time on record: an instant, rather than an invented hour


def _description(activity: Activity, members: dict[str, str]) -> str:
    lines = [f"{kind_label(activity.kind)} · {format_spec(activity.when)}"]
    if activity.hosts:
        lines.append("Members: " + ", ".join(members.get(code, code) for code in activity.hosts))
    if activity.plan_ref:
        lines.append(f"Plan item {activity.plan_ref}")
    if activity.description:
        lines += ["", activity.description]
    if activity.link:
        lines += ["", activity.link]
    return "\n".join(lines)


def event_for(entry: FeedEntry, members: dict[str, str]) -> Event:
    """One VEVENT; a cancelled activity stays, marked STATUS:CANCELLED."""
    activity = entry.activity
    start, end = _span(activity)
    modified = entry.modified.astimezone(UTC)
    event = Event.new(
        uid=uid_for(activity.id),
        summary=activity.title,
        start=start,
        end=end,
        sequence=entry.sequence,
        stamp=modified,
        last_modified=modified,
        location=activity.place or None,
        description=_description(activity, members),
        categories=[kind_label(activity.kind)],
        url=activity.link if (activity.link or "").startswith(("https://", "http://")) else None,
    )
    event.add("status", "CANCELLED" if activity.cancelled else "CONFIRMED")
    return event


def _calendar(name: str) -> Calendar:
    # Calendar.new writes NAME and DESCRIPTION with their X-WR- twins; the UID is fixed so
    # the same data always gives the same bytes.
    calendar = Calendar.new(
        prodid=PRODID, name=name, description=DESCRIPTION, refresh_interval=REFRESH, uid=CALENDAR_UID
    )
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # RFC 7986 requires the parameter
    calendar["X-PUBLISHED-TTL"] = vDuration(REFRESH)
    return calendar


def build_calendar(entries: Iterable[FeedEntry], members: dict[str, str], *, name: str = NAME) -> Calendar:
    """A calendar of the entries that can be shown, with a VTIMEZONE for every zone used."""
    calendar = _calendar(name)
    for entry in entries:
        if in_feed(entry.activity):
            calendar.add_component(event_for(entry, members))
    calendar.add_missing_timezones()
    return calendar


RenderedEvent = tuple[bytes, frozenset[str]]  # a VEVENT's bytes and the TZIDs it uses
EventMemo = dict[tuple[FeedEntry, int], RenderedEvent]


def _rendered(entry: FeedEntry, members: dict[str, str]) -> RenderedEvent:
    event = event_for(entry, members)
    zones = {event[name].params.get("TZID") for name in ("DTSTART", "DTEND") if name in event}
    return bytes(event.to_ical()), frozenset(str(zone) for zone in zones if zone)


def calendar_bytes(
    entries: Iterable[FeedEntry],
    members: dict[str, str],
    *,
    name: str = NAME,
    memo: EventMemo | None = None,
) -> bytes:
    """The calendar as served: UTF-8, CRLF line ends, lines folded at 75 octets.

    Each VEVENT is serialised by icalendar on its own and kept in `memo` (keyed by everything
    it shows), so after an edit only the changed events are written again; the memo is pruned
    to the events of this calendar.
    """
    members_key = hash(frozenset(members.items()))
    fresh: EventMemo = {}
    for entry in entries:
        if not in_feed(entry.activity):
            continue
        key = (entry, members_key)
        fresh[key] = (memo or {}).get(key) or _rendered(entry, members)
    if memo is not None:
        memo.clear()
        memo.update(fresh)
    calendar = _calendar(name)
    for tzid in sorted(set().union(*(zones for _, zones in fresh.values()))):
        calendar.add_component(Timezone.from_tzid(tzid))
    head = bytes(calendar.to_ical())
    end = b"END:VCALENDAR\r\n"
    return head[: -len(end)] + b"".join(body for body, _ in fresh.values()) + end
