"""Which language to answer someone in: their choice, else their Slack locale (users.info, cached)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session

from domain.i18n import DEFAULT_LANGUAGE, language_of_locale
from domain.mrkdwn import is_user_id
from storage.languages import channel_language, remember_slack_locale, user_language

log = logging.getLogger("itag.languages")

LOCALE_TTL = timedelta(days=7)  # people rarely change their Slack language; /itag language is instant
RETRY_AFTER_FAILURE = 60.0  # seconds before asking Slack again about a user it failed on

LocaleLookup = Callable[[str], str | None]
"""users.info's `locale` for a user id ('' when Slack gives none); raises LookupError on failure."""


def slack_locale_lookup(token: str | None, api_url: str | None) -> LocaleLookup:
    """users.info with include_locale, on a client that fails fast: it runs before an ack."""
    client = WebClient(token=token, base_url=api_url or WebClient.BASE_URL, timeout=2)

    def lookup(user_id: str) -> str | None:
        try:
            response = client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, SlackClientError, OSError) as error:
            raise LookupError(str(error)) from error
        user = response.get("user") or {}
        return str(user.get("locale") or "")

    return lookup


class LanguageResolver:
    """Resolves and caches languages; the database row is the cache every process shares."""

    def __init__(self, lookup: LocaleLookup | None = None) -> None:
        self.lookup = lookup
        self._failed: dict[str, float] = {}
        self._last: dict[str, str] = {}  # the last language resolved per user, for when the database is down
        self._lock = threading.Lock()

    def for_user(self, session: Session, *, user_id: str, now: datetime) -> str:
        """The user's chosen language, else their Slack locale's, else English."""
        language = self._resolve(session, user_id=user_id, now=now)
        if is_user_id(user_id):
            with self._lock:
                self._last[user_id] = language
        return language

    def last_known(self, user_id: str | None) -> str:
        """The language this process last resolved for a user (English if none): needs no database."""
        with self._lock:
            return self._last.get(user_id or "", DEFAULT_LANGUAGE)

    def _resolve(self, session: Session, *, user_id: str, now: datetime) -> str:
        if not is_user_id(user_id):
            return DEFAULT_LANGUAGE
        record = user_language(session, user_id=user_id)
        if record is not None and record.chosen:
            return record.chosen
        fresh = record is not None and record.checked_at is not None and now - record.checked_at < LOCALE_TTL
        if fresh or self.lookup is None or self._recently_failed(user_id):
            return language_of_locale(record.slack_locale if record else None)
        try:
            locale = self.lookup(user_id)
        except LookupError as error:
            log.warning("users.info failed for %s (%s); answering in its last known language", user_id, error)
            with self._lock:
                self._failed[user_id] = time.monotonic() + RETRY_AFTER_FAILURE
            return language_of_locale(record.slack_locale if record else None)
        remember_slack_locale(session, user_id=user_id, locale=locale or None, now=now)
        return language_of_locale(locale)

    def for_recipient(self, session: Session, *, recipient: str, now: datetime) -> str:
        """A DM goes in its user's language; a channel post in the channel's (English unless set)."""
        if is_user_id(recipient):
            return self.for_user(session, user_id=recipient, now=now)
        return channel_language(session, channel=recipient) or DEFAULT_LANGUAGE

    def _recently_failed(self, user_id: str) -> bool:
        with self._lock:
            until = self._failed.get(user_id)
            return until is not None and until > time.monotonic()
