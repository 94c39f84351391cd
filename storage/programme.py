"""Repository functions for the work plans and the members."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import records
from storage.activities import contains_pattern
from storage.models import Member, PlanItem


def list_members(session: Session) -> list[records.Member]:
    """All members in the order the programme lists them."""
    rows = session.scalars(select(Member).order_by(Member.position, Member.name))
    return [records.Member(row.code, row.name, row.itag_joined, row.gtaga_joined, row.notes) for row in rows]


def member_names(session: Session) -> dict[str, str]:
    """Member code to name."""
    return {row.code: row.name for row in session.scalars(select(Member))}


def plan_items(session: Session, *, plan: str) -> list[records.PlanItem]:
    """The top-level items of one plan, each with its sub-actions."""
    rows = session.scalars(select(PlanItem).where(PlanItem.plan == plan).order_by(PlanItem.position)).all()
    children: dict[str, list[records.PlanItem]] = {}
    for row in rows:
        if row.parent_ref:
            children.setdefault(row.parent_ref, []).append(_record(row))
    return [_record(row, tuple(children.get(row.ref, []))) for row in rows if not row.parent_ref]


def search_plan_items(session: Session, *, words: Sequence[str]) -> list[records.PlanItem]:
    """Plan items whose title or text holds every word, ignoring accents and case."""
    query = select(PlanItem)
    for word in words:
        query = query.where(PlanItem.search_text.like(contains_pattern(word), escape="/"))
    rows = session.scalars(query.order_by(PlanItem.plan, PlanItem.position))
    return [_record(row) for row in rows]


def plan_ids(session: Session) -> list[str]:
    """The plans that exist, oldest first."""
    return list(session.scalars(select(PlanItem.plan).distinct().order_by(PlanItem.plan)))


def _record(row: PlanItem, children: tuple[records.PlanItem, ...] = ()) -> records.PlanItem:
    return records.PlanItem(row.plan, row.ref, row.title, row.body, children)


def plan_refs(session: Session) -> frozenset[str]:
    """Every plan item's reference as activities store it: "2022-2024/2.i"."""
    return frozenset(f"{plan}/{ref}" for plan, ref in session.execute(select(PlanItem.plan, PlanItem.ref)))
