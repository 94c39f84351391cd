"""What the Home tab reads and remembers: its readers, and how the programme's items are served."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from domain import records
from storage.models import Activity, HomeReader
from storage.programme import plan_ids, plan_items


def record_home_open(session: Session, *, user_id: str, team_id: str | None, now: datetime) -> None:
    """Remember that this user just looked at their Home tab."""
    build = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = build(HomeReader).values(user_id=user_id, team_id=team_id, opened_at=now)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id"], set_={"team_id": team_id, "opened_at": now}
        )
    )


def recent_home_readers(session: Session, *, since: datetime) -> list[tuple[str, str | None]]:
    """(user, workspace) of everyone who opened the Home tab since `since`."""
    query = select(HomeReader.user_id, HomeReader.team_id).where(HomeReader.opened_at >= since)
    return [(str(user), team) for user, team in session.execute(query.order_by(HomeReader.user_id))]


@dataclass(frozen=True)
class ItemProgress:
    """A programme item, how many activities served it (its sub-actions included), the last one."""

    item: records.PlanItem
    served: int
    last: date | None


def current_programme(session: Session) -> str | None:
    """The newest work plan on record."""
    plans = plan_ids(session)
    return plans[-1] if plans else None


def programme_progress(session: Session, *, plan: str, today: date) -> list[ItemProgress]:
    """Each top-level item of `plan` with the activities (not cancelled) that served it by `today`."""
    query = (
        select(Activity.plan_ref, func.count(), func.max(Activity.start_date))
        .where(
            Activity.deleted_at.is_(None),
            Activity.status != "cancelled",
            Activity.plan_ref.like(f"{plan}/%"),
            Activity.start_date <= today,
        )
        .group_by(Activity.plan_ref)
    )
    served = {str(ref): (int(count), last) for ref, count, last in session.execute(query)}
    progress = []
    for item in plan_items(session, plan=plan):
        refs = [f"{plan}/{item.ref}", *(f"{plan}/{child.ref}" for child in item.children)]
        hits = [served[ref] for ref in refs if ref in served]
        lasts = [last for _, last in hits if last is not None]
        progress.append(ItemProgress(item, sum(c for c, _ in hits), max(lasts) if lasts else None))
    return progress
