"""Repository functions for activities: typed, keyword-only, never committing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, select
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
    last_day = func.coalesce(Activity.end_date, Activity.start_date)
    query = _visible().where(
        Activity.start_date.is_not(None), Activity.status != "cancelled", last_day >= start
    )
    if end is not None:
        query = query.where(Activity.start_date <= end)
    if kind is not None:
        query = query.where(Activity.kind == kind)
    query = query.order_by(Activity.start_date, Activity.start_time, Activity.id)
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
    query = query.order_by(Activity.start_date.desc(), Activity.id.desc())
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
        _visible().where(and_(*conditions)).order_by(Activity.start_date.desc().nulls_first(), Activity.id)
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
