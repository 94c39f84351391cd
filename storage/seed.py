"""Load the work programme from seed_data.toml; loading twice changes nothing."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.dates import start_instant
from domain.places import zone_for_place
from storage.models import Activity, ActivityHost, Member, MemberFact, PlanItem, Programme

SEED_FILE = Path(__file__).with_name("seed_data.toml")


@dataclass(frozen=True)
class SeedReport:
    """How many rows of each kind a seed run added."""

    members: int
    plan_items: int
    activities: int


def load_seed(path: Path = SEED_FILE) -> dict[str, Any]:
    """The parsed seed file."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def seed(
    session: Session, *, now: datetime, default_zone: str, data: dict[str, Any] | None = None
) -> SeedReport:
    """Insert whatever part of the programme is missing; existing rows are never changed.

    Items and member facts are added only with the programme or member they belong to, so
    an item an editor renumbered or retired is not brought back by seeding again.
    """
    data = data if data is not None else load_seed()
    members = _seed_members(session, data["members"], data.get("member_facts", []), now=now)
    items = sum(_seed_programme(session, programme, now=now) for programme in data["programmes"])
    activities = _seed_activities(session, data["activities"], now=now, default_zone=default_zone)
    return SeedReport(members, items, activities)


def _seed_members(
    session: Session, members: list[dict[str, Any]], facts: list[dict[str, Any]], *, now: datetime
) -> int:
    existing = set(session.scalars(select(Member.code)))
    added = [m for m in members if m["code"] not in existing]
    for member in added:
        session.add(Member(position=members.index(member), code=member["code"], name=member["name"]))
    session.flush()
    new_codes = {m["code"] for m in added}
    for fact in facts:
        if fact["member"] in new_codes:
            session.add(_fact_row(fact, now=now))
    return len(added)


def _fact_row(fact: dict[str, Any], *, now: datetime) -> MemberFact:
    return MemberFact(
        member_code=fact["member"],
        joined=fact["joined"],
        on_date=fact.get("date"),
        precision=fact.get("precision", "day") if fact.get("date") else "none",
        source=fact.get("source", ""),
        created_at=now,
    )


def _seed_programme(session: Session, programme: dict[str, Any], *, now: datetime) -> int:
    if session.get(Programme, programme["period"]) is not None:
        return 0
    session.add(
        Programme(
            period=programme["period"],
            title=programme["title"],
            start_year=programme["start_year"],
            end_year=programme["end_year"],
            background=programme.get("background"),
            sections=programme.get("sections", []),
            created_at=now,
        )
    )
    taken = set(session.scalars(select(PlanItem.ref).where(PlanItem.plan == programme["period"])))
    items = [item for item in programme["items"] if item["ref"] not in taken]
    for position, item in enumerate(programme["items"]):
        if item in items:
            session.add(_item_row(programme["period"], position, item))
    return len(items)


def _item_row(period: str, position: int, item: dict[str, Any]) -> PlanItem:
    return PlanItem(
        plan=period,
        ref=item["ref"],
        parent_ref=item.get("parent"),
        position=position,
        section=item.get("section", 0),
        numbered=item.get("numbered", True),
        title=item.get("lead", ""),
        body=item.get("body", ""),
    )


def _seed_activities(
    session: Session, activities: list[dict[str, Any]], *, now: datetime, default_zone: str
) -> int:
    existing = set(session.scalars(select(Activity.source_key).where(Activity.source_key.like("seed:%"))))
    added = 0
    for item in activities:
        if item["key"] in existing:
            continue
        session.add(_activity_row(item, now=now, default_zone=default_zone))
        added += 1
    return added


def _activity_row(item: dict[str, Any], *, now: datetime, default_zone: str) -> Activity:
    start: date | None = item.get("date")
    zone = item.get("timezone") or zone_for_place(item.get("place")) or default_zone
    return Activity(
        source_key=item["key"],
        title=item["title"],
        kind=item["kind"],
        precision=item.get("precision", "day") if start else "none",
        start_date=start,
        end_date=item.get("end"),
        timezone=zone,
        starts_at=start_instant(start, None, zone) if start else None,
        place=item.get("place"),
        description=item.get("description"),
        plan_ref=item.get("plan_ref"),
        created_at=now,
        hosts=[ActivityHost(member_code=code) for code in item.get("members", [])],
    )
