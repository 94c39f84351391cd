"""GET /calendar/<token>.ics and /calendar/event/<id>/<signature>.ics, served beside Slack.

A poll costs one small query: the token's nonce and the data stamp are read together, and an
unchanged stamp answers 304 (or the calendar rendered for it, kept per worker). A wrong token,
a wrong signature and an unknown path all get the same bare 404.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qs

from sqlalchemy.orm import Session

from bot.services import Services
from domain.calendar_feed import EventMemo, calendar_bytes
from domain.calendar_links import CalendarLinks
from domain.kinds import kind_label, parse_kind
from storage.calendar_feed import feed_entries, feed_entry, feed_state, last_change
from storage.programme import member_names

StartResponse = Callable[..., Any]
Headers = list[tuple[str, str]]

_FEED = re.compile(r"^/calendar/([A-Za-z0-9_-]{20,100})\.ics$")
_EVENT = re.compile(r"^/calendar/event/(\d{1,12})/([A-Za-z0-9_-]{10,60})\.ics$")
CACHE_SIZE = 32


@dataclass(frozen=True)
class Rendered:
    """A calendar rendered for one data stamp and filter."""

    body: bytes
    etag: str
    modified: datetime | None


def is_calendar_path(path: str) -> bool:
    return path.startswith("/calendar/")


class CalendarFeed:
    """The WSGI side of the calendar: feed, single events, conditional requests."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._cache: dict[tuple[str, str], Rendered] = {}
        self._memos: dict[str, EventMemo] = {}  # rendered VEVENTs per kind filter
        self._render_lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return _reply(start_response, "405 Method Not Allowed", b"", [("Allow", "GET, HEAD")])
        path = environ.get("PATH_INFO", "")
        if feed := _FEED.match(path):
            return self._feed(environ, start_response, feed.group(1), head=method == "HEAD")
        if event := _EVENT.match(path):
            return self._event(start_response, int(event.group(1)), event.group(2), head=method == "HEAD")
        return _not_found(start_response)

    def _links(self) -> CalendarLinks:
        return self.services.calendar_links()

    def _feed(
        self, environ: dict[str, Any], start_response: StartResponse, token: str, *, head: bool
    ) -> Iterable[bytes]:
        with self.services.session_factory() as session:
            nonce, stamp = feed_state(session)
            if not self._links().feed_token_ok(nonce, token):
                return _not_found(start_response)
            query = parse_qs(environ.get("QUERY_STRING", ""))
            raw_kind = (query.get("kind") or [""])[0]
            kind = parse_kind(raw_kind) if raw_kind else None
            if raw_kind and kind is None:
                body = f"Unknown kind {raw_kind[:60]!r}; use e.g. ?kind=ministerial\n".encode()
                return _reply(start_response, "400 Bad Request", body, [("Content-Type", "text/plain")])
            etag = _etag(stamp, nonce, kind or "")
            cached = self._cache.get((stamp, kind or ""))
            if _fresh(environ, etag, cached.modified if cached else None):
                return _reply(start_response, "304 Not Modified", b"", _validators(etag, cached))
            if cached is None:
                cached = self._render(session, stamp, kind, etag)
        headers = [*_calendar_headers("itag-activities.ics"), *_validators(etag, cached)]
        return _reply(start_response, "200 OK", cached.body, headers, head=head)

    def _render(self, session: Session, stamp: str, kind: str | None, etag: str) -> Rendered:
        """Render once per stamp and filter: concurrent first requests wait for one render, which
        rewrites only the events that changed since the last one (the memo per filter)."""
        with self._render_lock:
            cached = self._cache.get((stamp, kind or ""))
            if cached is not None:
                return cached
            name = f"ITAG: {kind_label(kind)}" if kind else "ITAG activities"
            memo = self._memos.setdefault(kind or "", {})
            body = calendar_bytes(
                feed_entries(session, kind=kind), member_names(session), name=name, memo=memo
            )
            rendered = Rendered(body, etag, last_change(session))
            if len(self._cache) >= CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[(stamp, kind or "")] = rendered
            return rendered

    def _event(
        self, start_response: StartResponse, activity_id: int, signature: str, *, head: bool
    ) -> Iterable[bytes]:
        if not self._links().event_signature_ok(activity_id, signature):
            return _not_found(start_response)
        with self.services.session_factory() as session:
            entry = feed_entry(session, activity_id=activity_id)
            if entry is None or entry.activity.when.precision != "day" or entry.activity.start is None:
                return _not_found(start_response)
            body = calendar_bytes([entry], member_names(session), name=entry.activity.title[:100])
        headers = _calendar_headers(f"itag-activity-{activity_id}.ics", attachment=True)
        return _reply(start_response, "200 OK", body, headers, head=head)


def _etag(stamp: str, nonce: str, kind: str) -> str:
    digest = hashlib.sha256(f"{stamp}|{nonce}|{kind}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def _fresh(environ: dict[str, Any], etag: str, modified: datetime | None) -> bool:
    """RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since."""
    match = environ.get("HTTP_IF_NONE_MATCH")
    if match is not None:
        return match.strip() == "*" or etag in [tag.strip().removeprefix("W/") for tag in match.split(",")]
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since is None or modified is None:
        return False
    try:
        return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def _validators(etag: str, rendered: Rendered | None) -> Headers:
    headers = [("ETag", etag), ("Cache-Control", "private, max-age=300")]
    if rendered is not None and rendered.modified is not None:
        headers.append(("Last-Modified", format_datetime(rendered.modified, usegmt=True)))
    return headers


def _calendar_headers(filename: str, *, attachment: bool = False) -> Headers:
    disposition = "attachment" if attachment else "inline"
    return [
        ("Content-Type", "text/calendar; charset=utf-8"),
        ("Content-Disposition", f'{disposition}; filename="{filename}"'),
    ]


def _not_found(start_response: StartResponse) -> Iterable[bytes]:
    return _reply(start_response, "404 Not Found", b"Not found\n", [("Content-Type", "text/plain")])


def _reply(
    start_response: StartResponse, status: str, body: bytes, headers: Headers, *, head: bool = False
) -> Iterable[bytes]:
    start_response(status, [*headers, ("Content-Length", str(len(body)))])
    return [] if head else [body]
