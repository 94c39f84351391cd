"""Repository functions for activities: typed, keyword-only, never committing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, extract, func, or_, select
from sqlalchemy.orm import Session

from domain import records
from domain.dates import DateSpec, Precision
from domain.text import fold
from storage.models import Activity


def to_record(row: Activity) -> records.Activity:
    """The plain record handlers work with."""
    return record_from(row, tuple(host.member_code for host in row.hosts))


def record_from(row: Any, hosts: tuple[str, ...]) -> records.Activity:
    """The record from anything with the activity columns as attributes: an ORM row, or a Core
    row for bulk reads (the calendar feed) that skip building ORM objects."""
    precision: Precision = "none" if row.start_date is None else row.precision
    return records.Activity(
        id=row.id,
        title=row.title,
        kind=row.kind,
        when=DateSpec(row.start_date, row.end_date, precision),
        timezone=row.timezone,
        start_time=row.start_time,
        starts_at=row.starts_at,
        place=row.place,
        hosts=hosts,
        plan_ref=row.plan_ref,
        description=row.description,
        link=row.link,
        cancelled=row.status == "cancelled",
        created_by=row.created_by,
    )


def _visible() -> Select[Activity]:
    """Not deleted: one programme, the same in every member workspace."""
    return select(Activity).where(Activity.deleted_at.is_(None))


def chronological(*, newest_first: bool = False) -> list[Any]:
    """ORDER BY terms that put a month ("March 2019") after that month's dated activities,
    and a year after that year's, in both directions, as every list shows them."""
    vague = case((Activity.precision.in_(("month", "year")), 1), else_=0)
    year = extract("year", Activity.start_date)
    if newest_first:
        month = case((Activity.precision == "year", 0), else_=extract("month", Activity.start_date))
        terms = [year.desc(), month.desc(), vague, Activity.start_date.desc(), Activity.start_time.desc()]
        return [*terms, Activity.id.desc()]
    month = case((Activity.precision == "year", 13), else_=extract("month", Activity.start_date))
    return [year, month, vague, Activity.start_date, Activity.start_time, Activity.id]


def _still_running(start: date) -> ColumnElement[bool]:
    """Not over by `start`: its last day, or the month or year it is dated to, is still ahead."""
    last_day = func.coalesce(Activity.end_date, Activity.start_date)
    return or_(
        last_day >= start,
        and_(Activity.precision == "month", Activity.start_date >= start.replace(day=1)),
        and_(Activity.precision == "year", Activity.start_date >= date(start.year, 1, 1)),
    )


def _page(
    session: Session, query: Select[Activity], *, limit: int, offset: int
) -> tuple[list[records.Activity], int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.scalars(query.limit(limit).offset(offset)).all()
    return [to_record(row) for row in rows], int(total or 0)


def upcoming_activities(
    session: Session,
    *,
    start: date,
    end: date | None,
    kind: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> tuple[list[records.Activity], int]:
    """Dated, not cancelled activities still running on or after `start`, soonest first."""
    query = _visible().where(
        Activity.start_date.is_not(None), Activity.status != "cancelled", _still_running(start)
    )
    if end is not None:
        query = query.where(Activity.start_date <= end)
    if kind is not None:
        query = query.where(Activity.kind == kind)
    query = query.order_by(*chronological())
    return _page(session, query, limit=limit, offset=offset)


def past_activities(
    session: Session,
    *,
    before: date,
    year: int | None = None,
    kind: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> tuple[list[records.Activity], int]:
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
    return [to_record(row) for row in session.scalars(query.order_by(Activity.id))]


def search_activities(
    session: Session,
    *,
    words: Sequence[str],
    limit: int = 10,
    offset: int = 0,
) -> tuple[list[records.Activity], int]:
    """Activities whose title, place, description or kind holds every word, ignoring accents and case."""
    conditions = [Activity.search_text.like(contains_pattern(word), escape="/") for word in words]
    query = (
        _visible()
        .where(and_(*conditions))
        .order_by(case((Activity.start_date.is_(None), 0), else_=1), *chronological(newest_first=True))
    )
    return _page(session, query, limit=limit, offset=offset)


def activity_by_id(session: Session, *, activity_id: int) -> records.Activity | None:
    """One visible activity, or None when it does not exist, was deleted or is another workspace's.

    Activities without a workspace (the seeded programme, imports) belong to every workspace.
    """
    row = session.scalars(_visible().where(Activity.id == activity_id)).first()
    return to_record(row) if row is not None else None


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
    return [to_record(row) for row in session.scalars(query)]


def activities_of_programme(session: Session, *, period: str) -> list[records.Activity]:
    """Every activity linked to an item of the programme, oldest first."""
    query = _visible().where(Activity.plan_ref.startswith(f"{period}/", autoescape=True))
    return [to_record(row) for row in session.scalars(query.order_by(*chronological()))]


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
