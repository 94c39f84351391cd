"""Builds activity rows for tests."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from domain.dates import start_instant
from storage.models import Activity, ActivityHost
from tests.conftest import FIXED_NOW


def add_activity(
    session: Session,
    *,
    title: str = "Test activity",
    kind: str = "webinar",
    start: date | None = None,
    end: date | None = None,
    at: time | None = None,
    timezone: str = "UTC",
    hosts: tuple[str, ...] = (),
    created_at: datetime = FIXED_NOW,
    **fields: Any,
) -> Activity:
    """Insert one activity and return it (flushed, so it has an id)."""
    row = Activity(
        title=title,
        kind=kind,
        start_date=start,
        end_date=end,
        start_time=at,
        timezone=timezone,
        precision=fields.pop("precision", "day" if start else "none"),
        starts_at=start_instant(start, at, timezone) if start else None,
        created_at=created_at,
        hosts=[ActivityHost(member_code=c) for c in hosts],
        **fields,
    )
    session.add(row)
    session.flush()
    return row
