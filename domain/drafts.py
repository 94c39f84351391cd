"""An activity as someone typed it, and the rules it must meet before it is stored.

The form, the import and the free-text reader all produce a `Draft`; `check` is the
one place the rules live, so a spreadsheet row and a modal are judged alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.relativedelta import relativedelta

from domain.dates import DateSpec, format_day
from domain.fields import FIELDS, LIMITS, TITLE_LIMIT, Draft
from domain.i18n import _
from domain.kinds import KINDS
from domain.places import zone_for_place

__all__ = ["LIMITS", "TITLE_LIMIT", "Draft", "Known", "check", "may_change", "zone_of"]

FIRST_DAY = date(2018, 1, 1)  # ITAG began in 2018
HORIZON_YEARS = 10


@dataclass(frozen=True)
class Known:
    """What a draft may refer to: member codes and plan item references."""

    members: frozenset[str]
    plan_refs: frozenset[str]


def stored_dates(draft: Draft) -> DateSpec:
    """The dates as stored: a month is its 1st, a year its 1 January, neither with an end."""
    if draft.start is None:
        return DateSpec.undated()
    if draft.precision == "month":
        return DateSpec(draft.start.replace(day=1), None, "month")
    if draft.precision == "year":
        return DateSpec(draft.start.replace(month=1, day=1), None, "year")
    return DateSpec(draft.start, draft.end if draft.end != draft.start else None, "day")


def zone_of(draft: Draft, default: str) -> str:
    """The zone the activity's day and time are in: chosen, else from the place, else `default`."""
    return draft.zone or zone_for_place(draft.place) or default


def check(draft: Draft, *, today: date, known: Known) -> dict[str, str]:
    """Every problem with the draft, keyed by the field it belongs to (empty when valid)."""
    errors: dict[str, str] = {}
    title = draft.title.strip()
    if not title:
        errors["title"] = _("Give the activity a title.")
    for name, limit in LIMITS.items():
        value = getattr(draft, name)
        if value and len(value) > limit:
            errors[name] = _("Keep this to {limit} characters (it has {count}).").format(
                limit=limit, count=len(value)
            )
    if draft.kind not in KINDS:
        errors["kind"] = _("Choose one of the listed kinds.")
    errors.update(_date_problems(draft, today))
    if draft.at is not None and draft.start is None:
        errors["at"] = _("A time needs a start date; pick the date or clear the time.")
    if draft.zone and not _is_zone(draft.zone):
        errors["zone"] = _("“{zone}” is not a time zone name (like Europe/Zurich).").format(zone=draft.zone)
    if draft.link and "link" not in errors and not is_web_link(draft.link):
        errors["link"] = _("The link must be a web address starting with http:// or https://.")
    unknown = [code for code in draft.hosts if code not in known.members]
    if unknown:
        errors["hosts"] = _("Unknown member: {codes}.").format(codes=", ".join(unknown))
    if draft.plan_ref and draft.plan_ref not in known.plan_refs:
        errors["plan_ref"] = _("There is no work-plan item {item}.").format(item=draft.plan_ref)
    for field in FIELDS:
        problem = field.rule(draft) if field.rule and field.name not in errors else None
        if problem:
            errors[field.name] = problem
    for name in draft.unreadable:
        errors[name] = _("This value could not be read; please enter it again.")
    return errors


def _date_problems(draft: Draft, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    last = today + relativedelta(years=HORIZON_YEARS)
    for name in ("start", "end"):
        day: date | None = getattr(draft, name)
        if day is not None and not FIRST_DAY <= day <= last:
            errors[name] = _(
                "{day} can't be right: pick a date between 2018, when ITAG began, and {year}."
            ).format(day=format_day(day), year=last.year)
    if draft.precision != "day":
        errors.update(_vague_problems(draft))
    if "end" in errors or draft.end is None:
        return errors
    if draft.start is None:
        errors["end"] = _("An end date needs a start date.")
    elif draft.end < draft.start:
        errors["end"] = _("The end is before the start.")
    return errors


def _vague_problems(draft: Draft) -> dict[str, str]:
    """What a month- or year-precision date may not have: an end, a time, or no start at all."""
    month = draft.precision == "month"
    errors: dict[str, str] = {}
    if draft.start is None:
        errors["start"] = (
            _("Pick any day in the month it will happen (the day is not shown).")
            if month
            else _("Pick any day in the year it will happen (the day is not shown).")
        )
    if draft.end is not None:
        errors["end"] = (
            _("Only the month is known, so there is no end date: clear it, or say the day is known.")
            if month
            else _("Only the year is known, so there is no end date: clear it, or say the day is known.")
        )
    if draft.at is not None:
        errors["at"] = _("A time needs an exact day: clear the time, or say the day is known.")
    return errors


def is_web_link(text: str) -> bool:
    """True for an absolute http(s) URL with a host and no spaces."""
    if any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def is_editor(user_id: str, team_id: str | None, editors: frozenset[str]) -> bool:
    """Editors are listed as Slack user ids (unique across Slack Connect) or `TEAM:USER` pairs."""
    return user_id in editors or (team_id is not None and f"{team_id}:{user_id}" in editors)


def may_change(
    user_id: str, created_by: str | None, editors: frozenset[str], team_id: str | None = None
) -> bool:
    """The creator and the editors may change an activity; seed rows (no creator) are the editors'."""
    return is_editor(user_id, team_id, editors) or (created_by is not None and created_by == user_id)
