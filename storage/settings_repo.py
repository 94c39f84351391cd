"""Key-value application settings kept in the database."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.models import AppSetting


def get_setting(session: Session, *, key: str, default: str = "") -> str:
    """A stored setting, or `default` when it was never set."""
    row = session.get(AppSetting, key)
    return row.value if row is not None else default


def put_setting(session: Session, *, key: str, value: str) -> None:
    """Store a setting, replacing any previous value."""
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
