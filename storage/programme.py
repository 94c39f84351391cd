"""Repository functions for the work programmes, their items and the members."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import records
from domain.dates import DateSpec, Precision
from domain.programme import current_programme, item_name, shorten
from storage.activities import contains_pattern
from storage.models import Member, MemberFact, PlanItem, Programme


def list_members(session: Session) -> list[records.Member]:
    """All members in the order the programme lists them, each with its recorded facts."""
    rows = session.scalars(select(Member).order_by(Member.position, Member.name)).all()
    facts: dict[str, list[records.MemberFact]] = {}
    for fact in session.scalars(select(MemberFact).order_by(MemberFact.joined.desc(), MemberFact.id)):
        facts.setdefault(fact.member_code, []).append(_fact(fact))
    return [records.Member(row.code, row.name, tuple(facts.get(row.code, [])), row.notes) for row in rows]


def _fact(row: MemberFact) -> records.MemberFact:
    precision: Precision = "none" if row.on_date is None else row.precision  # type: ignore[assignment]
    return records.MemberFact(row.joined, DateSpec(row.on_date, None, precision), row.source)


def member_names(session: Session) -> dict[str, str]:
    """Member code to name."""
    return {row.code: row.name for row in session.scalars(select(Member))}


def list_programmes(session: Session) -> list[records.Programme]:
    """Every programme, oldest period first."""
    rows = session.scalars(select(Programme).order_by(Programme.start_year, Programme.end_year))
    return [programme_record(row) for row in rows]


def programme_record(row: Programme) -> records.Programme:
    """The plain record of a programme row."""
    sections = tuple(records.Section(s.get("heading", ""), s.get("intro", "")) for s in row.sections or [])
    return records.Programme(row.period, row.title, row.start_year, row.end_year, sections, row.background)


def find_programme(session: Session, *, period: str) -> records.Programme | None:
    """One programme by its period ('2022-2024'), or None."""
    row = session.get(Programme, period)
    return programme_record(row) if row is not None else None


def plan_items(session: Session, *, plan: str, retired: bool = False) -> list[records.PlanItem]:
    """The top-level items of one programme in the text's order, each with its sub-items."""
    query = select(PlanItem).where(PlanItem.plan == plan)
    if not retired:
        query = query.where(PlanItem.retired_at.is_(None))
    rows = session.scalars(query.order_by(PlanItem.section, PlanItem.position, PlanItem.id)).all()
    children: dict[str, list[records.PlanItem]] = {}
    for row in rows:
        if row.parent_ref:
            children.setdefault(row.parent_ref, []).append(item_record(row))
    return [item_record(row, tuple(children.get(row.ref, []))) for row in rows if not row.parent_ref]


def search_plan_items(session: Session, *, words: Sequence[str]) -> list[records.PlanItem]:
    """Plan items (not retired) whose wording holds every word, ignoring accents and case."""
    query = select(PlanItem).where(PlanItem.retired_at.is_(None))
    for word in words:
        query = query.where(PlanItem.search_text.like(contains_pattern(word), escape="/"))
    rows = session.scalars(query.order_by(PlanItem.plan, PlanItem.section, PlanItem.position))
    return [item_record(row) for row in rows]


def plan_ids(session: Session) -> list[str]:
    """The programmes' periods, oldest first."""
    return [p.period for p in list_programmes(session)]


def item_record(row: PlanItem, children: tuple[records.PlanItem, ...] = ()) -> records.PlanItem:
    """The plain record of a plan item row."""
    return records.PlanItem(
        plan=row.plan,
        ref=row.ref,
        title=row.title,
        body=row.body,
        children=children,
        numbered=row.numbered,
        section=row.section,
        parent_ref=row.parent_ref,
        retired=row.retired_at is not None,
    )


def plan_refs(session: Session) -> frozenset[str]:
    """Every plan item's reference as activities store it: "2022-2024/2.i"."""
    return frozenset(f"{plan}/{ref}" for plan, ref in session.execute(select(PlanItem.plan, PlanItem.ref)))


def items_by_ref(session: Session) -> dict[str, records.PlanItem]:
    """Every item keyed the way activities link to it ("2022-2024/2.i")."""
    return {f"{row.plan}/{row.ref}": item_record(row) for row in session.scalars(select(PlanItem))}


def plan_item_names(session: Session) -> dict[str, str]:
    """How cards name the item an activity serves: "2022-2024 2.i", or "2022-2024 · its first words…"."""
    names = {}
    for key, item in items_by_ref(session).items():
        name = item_name(item, 50)
        names[key] = f"{item.plan} {name}" if item.numbered else f"{item.plan} · {name}"
    return names


def current_period(session: Session, *, today: date) -> str | None:
    """The period of the programme `/itag plan` shows by default (current, else latest)."""
    chosen = current_programme(list_programmes(session), today)
    return chosen.programme.period if chosen else None


def plan_item_choices(session: Session, *, today: date, limit: int = 100) -> list[tuple[str, str]]:
    """(link, label) for the form's plan-item select: the current programme's items first,
    then older programmes' (a select filters as you type), at most `limit`."""
    current = current_period(session, today=today)
    periods = [p.period for p in reversed(list_programmes(session))]
    ordered = [current, *(p for p in periods if p != current)] if current else periods
    choices: list[tuple[str, str]] = []
    for period in ordered:
        for top in plan_items(session, plan=period or ""):
            for item in (top, *top.children):
                label = f"{item.ref}." if item.numbered else "•"
                choices.append((f"{period}/{item.ref}", f"{period} {label} {shorten(item.wording, 60)}"))
    return choices[:limit]
