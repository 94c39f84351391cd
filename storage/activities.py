"""Repository functions for activities: typed, keyword-only, never committing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from domain import records
from domain.dates import DateSpec, Precision
from domain.fields import FIELDS
from storage.models import Activity, ActivityHost

# Fields stored as a column of the same name on the row and on the record (dates form `when`).
_PLAIN = [field.stored for field in FIELDS if field.value not in ("date", "members")]


def to_record(row: Activity) -> records.Activity:
    """The plain record handlers work with."""
    return record_from(row, tuple(host.member_code for host in row.hosts))


def record_from(row: Any, hosts: tuple[str, ...]) -> records.Activity:
    """The record from anything with the activity columns as attributes: an ORM row, or a Core
    row for bulk reads (the calendar feed) that skip building ORM objects."""
    precision: Precision = "none" if row.start_date is None else row.precision
    return records.Activity(
        id=row.id,
        when=DateSpec(row.start_date, row.end_date, precision),
        starts_at=row.starts_at,
        hosts=hosts,
        cancelled=row.status == "cancelled",
        created_by=row.created_by,
        **{name: getattr(row, name) for name in _PLAIN},
    )


def _visible() -> Select[Any]:
    """Not deleted: one programme, the same in every member workspace. Core rows, not ORM
    objects: a listing's rows are read once and turned into records, so the identity map and
    the lazy-load machinery would be pure cost."""
    return select(Activity.__table__).where(Activity.deleted_at.is_(None))


def _records(session: Session, query: Select[Any]) -> list[records.Activity]:
    """The records a Core query selects, with their hosts read in one more query."""
    rows = session.execute(query).all()
    if not rows:
        return []
    hosts: dict[int, list[str]] = {row.id: [] for row in rows}
    pairs = select(ActivityHost.activity_id, ActivityHost.member_code).where(
        ActivityHost.activity_id.in_(list(hosts))
    )
    for activity_id, code in session.execute(pairs.order_by(ActivityHost.member_code)):
        hosts[activity_id].append(code)
    return [record_from(row, tuple(hosts[row.id])) for row in rows]


@dataclass(frozen=True)
class Listing:
    """One page of a listing, and whether more follow. No total: counting every match costs
    far more than the page itself, so answers say "more…" instead of "of 1,234"."""

    items: list[records.Activity]
    more: bool


def _page(session: Session, query: Select[Any], *, limit: int, offset: int) -> Listing:
    """`limit` rows from `offset`, read along the query's index order, and one more to tell
    whether more follow."""
    found = _records(session, query.limit(limit + 1).offset(offset))
    return Listing(found[:limit], len(found) > limit)


def upcoming_activities(
    session: Session,
    *,
    start: date,
    end: date | None,
    kind: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> Listing:
    """Dated, not cancelled activities still running on or after `start`, soonest first.

    Two index ranges rather than one condition on `coalesce(end_date, start_date)`, which no
    index serves: those that began earlier and still run (few, by end date), then those that
    begin from `start` on, read in (start_date, start_time, id) order and cut at the page.
    """
    live = _visible().where(Activity.status != "cancelled")
    if kind is not None:
        live = live.where(Activity.kind == kind)
    order = (Activity.start_date, Activity.start_time, Activity.id)
    # coalesce() keeps a planner off the start_date index here: (end_date, start_date) serves it.
    began_before = func.coalesce(Activity.start_date, Activity.end_date) < start
    running = live.where(Activity.end_date >= start, began_before)
    if end is not None:
        running = running.where(Activity.start_date <= end)
    # Few rows, sorted here: an ORDER BY would tempt a planner to walk the whole day index.
    begun = sorted(_records(session, running), key=lambda a: (a.start, a.start_time or time.min, a.id))
    if offset < len(begun):
        first = begun[offset : offset + limit]
        later = _page(session, _beginning(live, start, end, order), limit=limit - len(first), offset=0)
        return Listing(first + later.items, later.more or offset + limit < len(begun))
    return _page(session, _beginning(live, start, end, order), limit=limit, offset=offset - len(begun))


def _beginning(live: Select[Any], start: date, end: date | None, order: Any) -> Select[Any]:
    query = live.where(Activity.start_date >= start)
    if end is not None:
        query = query.where(Activity.start_date <= end)
    return query.order_by(*order)


def past_activities(
    session: Session,
    *,
    before: date,
    year: int | None = None,
    kind: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> Listing:
    """Dated activities that began before `before`, newest first."""
    query = _visible().where(Activity.start_date.is_not(None), Activity.start_date < before)
    if year is not None:
        query = query.where(
            Activity.start_date >= date(year, 1, 1), Activity.start_date <= date(year, 12, 31)
        )
    if kind is not None:
        query = query.where(Activity.kind == kind)
    # The same index as upcoming, read backwards: a later time first on the same day.
    query = query.order_by(Activity.start_date.desc(), Activity.start_time.desc(), Activity.id.desc())
    return _page(session, query, limit=limit, offset=offset)


def undated_activities(session: Session, *, kind: str | None = None) -> list[records.Activity]:
    """Planned activities that have no date yet."""
    query = _visible().where(Activity.start_date.is_(None), Activity.status != "cancelled")
    if kind is not None:
        query = query.where(Activity.kind == kind)
    return _records(session, query.order_by(Activity.id))


def search_activities(
    session: Session,
    *,
    words: Sequence[str],
    limit: int = 10,
    offset: int = 0,
) -> Listing:
    """Activities whose title, place or description holds every word, case-insensitive."""
    columns = (Activity.title, Activity.place, Activity.description, Activity.kind)
    conditions = [
        or_(*(func.lower(func.coalesce(col, "")).contains(word.lower(), autoescape=True) for col in columns))
        for word in words
    ]
    query = (
        _visible().where(and_(*conditions)).order_by(Activity.start_date.desc().nulls_first(), Activity.id)
    )
    return _page(session, query, limit=limit, offset=offset)


def activity_by_id(session: Session, *, activity_id: int) -> records.Activity | None:
    """One visible activity, or None when it does not exist, was deleted or is another workspace's.

    Activities without a workspace (the seeded programme, imports) belong to every workspace.
    """
    found = _records(session, _visible().where(Activity.id == activity_id))
    return found[0] if found else None
