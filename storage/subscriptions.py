"""Personal subscriptions: who wants reminders of a kind or of one activity by DM."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import Subscription


def kind_target(kind: str) -> str:
    return f"kind:{kind}"


def activity_target(activity_id: int) -> str:
    return f"activity:{activity_id}"


def subscribe(
    session: Session, *, user_id: str, target: str, now: datetime, workspace: str | None = None
) -> bool:
    """Add a subscription (`workspace`: whose installation DMs the user); False when it exists."""
    exists = session.scalar(
        select(Subscription.id).where(Subscription.user_id == user_id, Subscription.target == target)
    )
    if exists is not None:
        return False
    session.add(Subscription(user_id=user_id, target=target, created_at=now, workspace=workspace))
    session.flush()
    return True


def unsubscribe(session: Session, *, user_id: str, target: str) -> bool:
    """Remove a subscription; False when there was none."""
    result = session.execute(
        delete(Subscription).where(Subscription.user_id == user_id, Subscription.target == target)
    )
    return bool(getattr(result, "rowcount", 0))


def subscriptions_of(session: Session, *, user_id: str) -> list[str]:
    """The targets one user follows."""
    query = select(Subscription.target).where(Subscription.user_id == user_id).order_by(Subscription.target)
    return list(session.scalars(query))


def subscriber_workspaces(session: Session) -> dict[str, str]:
    """Each subscriber's workspace (OAuth mode): whose bot token can DM them."""
    query = select(Subscription.user_id, Subscription.workspace).where(Subscription.workspace.is_not(None))
    return {
        user_id: str(workspace) for user_id, workspace in session.execute(query.order_by(Subscription.id))
    }


def subscribers_by_target(session: Session) -> dict[str, list[str]]:
    """Every target with its subscribers (a small table, read once per pass)."""
    found: dict[str, list[str]] = defaultdict(list)
    for user_id, target in session.execute(select(Subscription.user_id, Subscription.target)):
        found[target].append(user_id)
    return dict(found)
