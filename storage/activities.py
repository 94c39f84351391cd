"""Repository functions for activities: typed, keyword-only, never committing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from domain import records
from domain.dates import DateSpec, Precision
from domain.fields import FIELDS
from domain.text import fold
from storage.models import Activity, ActivityHost

# Fields stored as a column of the same name on the row and on the record (dates form `when`).
_PLAIN = [field.stored for field in FIELDS if field.value not in ("date", "members", "precision")]


def record_from(row: Any, hosts: tuple[str, ...]) -> records.Activity:
    """The record from anything with the activity columns as attributes: an ORM row, or a Core
    row for bulk reads (listings, the calendar feed) that skip building ORM objects."""
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


def chronological(*, newest_first: bool = False) -> list[Any]:
    """ORDER BY terms that put a month ("March 2019") after that month's dated activities,
    and a year after that year's, in both directions, as every list shows them.

    Plain columns an index holds in this order: `list_date` is the last day of the day, month
    or year an activity is dated to, and "day" < "month" < "year" sort as they should.
    """
    if newest_first:
        return [
            Activity.start_date.desc(),
            Activity.precision,
            Activity.start_time.desc(),
            Activity.id.desc(),
        ]
    return [Activity.list_date, Activity.precision, Activity.start_time, Activity.id]


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
    far more than the page itself, so answers say "more follow" instead of "of 1,234"."""

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
    """Dated, not cancelled activities not over by `start`, in `chronological` order.

    Two index ranges rather than one condition no index serves: the few that began earlier
    and still run (by end date), then those whose day, month or year ends from `start` on,
    read along (list_date, precision, start_time, id) and cut at the page.
    """
    live = _visible().where(Activity.status != "cancelled")
    if kind is not None:
        live = live.where(Activity.kind == kind)
    # coalesce() keeps a planner off the day index here: (end_date, start_date) serves it.
    began_before = func.coalesce(Activity.start_date, Activity.end_date) < start
    running = live.where(Activity.end_date >= start, began_before)
    if end is not None:
        running = running.where(Activity.start_date <= end)
    # Few rows, sorted here: an ORDER BY would tempt a planner to walk the whole day index.
    begun = sorted(_records(session, running), key=lambda a: (a.start, a.start_time or time.min, a.id))
    ahead = live.where(Activity.list_date >= start)  # a day-dated one's list_date is its start
    if end is not None:
        ahead = ahead.where(Activity.start_date <= end)
    ahead = ahead.order_by(*chronological())
    if offset < len(begun):
        first = begun[offset : offset + limit]
        later = _page(session, ahead, limit=limit - len(first), offset=0)
        return Listing(first + later.items, later.more or offset + limit < len(begun))
    return _page(session, ahead, limit=limit, offset=offset - len(begun))


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
    query = query.order_by(*chronological(newest_first=True))
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
    """Activities whose title, place, description or kind holds every word, ignoring accents and
    case: the undated first, then the dated newest first, read along the index and cut at the page."""
    conditions = [Activity.search_text.like(contains_pattern(word), escape="/") for word in words]
    matching = _visible().where(and_(*conditions))
    undated = _records(session, matching.where(Activity.start_date.is_(None)).order_by(Activity.id))
    dated = matching.where(Activity.start_date.is_not(None)).order_by(*chronological(newest_first=True))
    if offset < len(undated):
        first = undated[offset : offset + limit]
        later = _page(session, dated, limit=limit - len(first), offset=0)
        return Listing(first + later.items, later.more or offset + limit < len(undated))
    return _page(session, dated, limit=limit, offset=offset - len(undated))


def activity_by_id(session: Session, *, activity_id: int) -> records.Activity | None:
    """One visible activity, or None when it does not exist, was deleted or is another workspace's.

    Activities without a workspace (the seeded programme, imports) belong to every workspace.
    """
    found = _records(session, _visible().where(Activity.id == activity_id))
    return found[0] if found else None


def contains_pattern(word: str) -> str:
    """A LIKE pattern (escape character '/') for folded text containing `word` anywhere.

    The whole pattern is one bound value, so PostgreSQL's planner sees a constant it can
    serve from the trigram index.
    """
    escaped = fold(word).replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


def activities_for_plan_refs(session: Session, *, refs: Sequence[str]) -> list[records.Activity]:
    """Activities linked to any of these plan items, oldest first, the undated last."""
    query = _visible().where(Activity.plan_ref.in_(list(refs)))
    query = query.order_by(case((Activity.start_date.is_(None), 1), else_=0), *chronological())
    return _records(session, query)


def activities_of_programme(session: Session, *, period: str) -> list[records.Activity]:
    """Every activity linked to an item of the programme, oldest first."""
    query = _visible().where(Activity.plan_ref.startswith(f"{period}/", autoescape=True))
    return _records(session, query.order_by(*chronological()))


def unlinked_held(session: Session, *, period: str, first: date, last: date) -> int:
    """Activities held between `first` and `last` (not cancelled) that no item of `period` claims."""
    query = (
        select(func.count())
        .select_from(Activity)
        .where(
            Activity.deleted_at.is_(None),
            Activity.status != "cancelled",
            Activity.start_date >= first,
            Activity.start_date <= last,
            or_(Activity.plan_ref.is_(None), ~Activity.plan_ref.startswith(f"{period}/", autoescape=True)),
        )
    )
    return int(session.scalar(query) or 0)
