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
from storage.models import Activity, ActivityHost, AppSetting, Member, PlanItem

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
    """Insert whatever part of the programme is missing; existing rows are left alone."""
    data = data if data is not None else load_seed()
    _setting(session, "programme.title", data["programme"]["title"])
    _setting(session, "programme.background", data["programme"]["background"])
    members = _seed_members(session, data["members"])
    items = _seed_plans(session, data["plans"])
    activities = _seed_activities(session, data["activities"], now=now, default_zone=default_zone)
    return SeedReport(members, items, activities)


def _setting(session: Session, key: str, value: str) -> None:
    if session.get(AppSetting, key) is None:
        session.add(AppSetting(key=key, value=value))


def _seed_members(session: Session, members: list[dict[str, Any]]) -> int:
    existing = set(session.scalars(select(Member.code)))
    added = 0
    for position, member in enumerate(members):
        if member["code"] in existing:
            continue
        session.add(Member(position=position, **member))
        added += 1
    session.flush()
    return added


def _seed_plans(session: Session, plans: list[dict[str, Any]]) -> int:
    existing = {(row[0], row[1]) for row in session.execute(select(PlanItem.plan, PlanItem.ref))}
    added = 0
    for plan in plans:
        for position, item in enumerate(plan["items"]):
            if (plan["id"], item["ref"]) in existing:
                continue
            session.add(
                PlanItem(
                    plan=plan["id"],
                    ref=item["ref"],
                    parent_ref=item.get("parent"),
                    position=position,
                    title=item["title"],
                    body=item.get("body", ""),
                )
            )
            added += 1
    _setting(session, "plans", ",".join(plan["id"] for plan in plans))
    for plan in plans:
        _setting(session, f"plan.{plan['id']}.title", plan["title"])
        _setting(session, f"plan.{plan['id']}.intro", plan.get("intro", ""))
    return added


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
