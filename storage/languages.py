"""Who reads in which language: a user's own choice, their Slack locale (cached), a channel's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import ChannelLanguage, UserLanguage


@dataclass(frozen=True)
class UserLanguageRecord:
    """What we know of a user's language: chosen with /itag language, and Slack's locale."""

    chosen: str | None
    slack_locale: str | None
    checked_at: datetime | None


def user_language(session: Session, *, user_id: str) -> UserLanguageRecord | None:
    """The stored row for a user, or None when we know nothing of them yet."""
    row = session.get(UserLanguage, user_id)
    if row is None:
        return None
    return UserLanguageRecord(row.chosen, row.slack_locale, row.checked_at)


def _upsert(session: Session, values: dict[str, object], update: tuple[str, ...]) -> None:
    build = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = build(UserLanguage).values(**values)
    excluded = statement.excluded
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id"], set_={name: getattr(excluded, name) for name in update}
        )
    )


def choose_language(session: Session, *, user_id: str, language: str | None) -> None:
    """Store a user's own choice (None: follow their Slack language again)."""
    _upsert(session, {"user_id": user_id, "chosen": language}, ("chosen",))


def remember_slack_locale(session: Session, *, user_id: str, locale: str | None, now: datetime) -> None:
    """Cache the locale users.info reported (None when Slack gave none), and when we asked."""
    values: dict[str, object] = {"user_id": user_id, "slack_locale": locale, "checked_at": now}
    _upsert(session, values, ("slack_locale", "checked_at"))


def channel_language(session: Session, *, channel: str) -> str | None:
    """The language set for posts to a channel, or None when none was set."""
    row = session.get(ChannelLanguage, channel)
    return row.language if row is not None else None


def set_channel_language(session: Session, *, channel: str, language: str) -> None:
    """Posts to `channel` (reminders, digests) will be written in `language`."""
    row = session.get(ChannelLanguage, channel)
    if row is None:
        session.add(ChannelLanguage(channel=channel, language=language))
    else:
        row.language = language
