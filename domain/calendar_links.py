"""Calendar URLs: the feed's secret token and the signed per-activity download links.

The database keeps only a random nonce; the feed token is HMAC-SHA256(secret, nonce), so the
database alone never yields a working URL and rotating the nonce invalidates the old URL at once.
A per-activity link carries its own signature over the activity id: it opens that one event
and nothing else, so it is safe on a card posted in a channel.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

FEED_PREFIX = "/calendar/"
EVENT_PREFIX = "/calendar/event/"


def _mac(secret: str, purpose: str, message: str, size: int) -> str:
    digest = hmac.new(secret.encode(), f"{purpose}:{message}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:size]).decode().rstrip("=")


@dataclass(frozen=True)
class CalendarLinks:
    """Builds and checks calendar URLs from ITAG_PUBLIC_URL and the app's secret."""

    base_url: str | None
    secret: str | None = field(default=None, repr=False)

    def problem(self) -> str | None:
        """What is missing before any calendar URL can be given, worded for the user; else None."""
        if not self.base_url:
            return (
                "Calendar links need the app's public address: set `ITAG_PUBLIC_URL` "
                "(e.g. `https://itag.example.org`) and restart the app."
            )
        if not self.secret:
            return "Calendar links need `SLACK_SIGNING_SECRET` to be set."
        return None

    def feed_token(self, nonce: str) -> str:
        """The feed's token for the stored nonce (256 bits, URL-safe)."""
        return _mac(self.secret or "", "feed", nonce, 32)

    def feed_token_ok(self, nonce: str, token: str) -> bool:
        return bool(self.secret and nonce) and hmac.compare_digest(self.feed_token(nonce), token)

    def feed_url(self, nonce: str, *, kind: str | None = None) -> str:
        url = f"{(self.base_url or '').rstrip('/')}{FEED_PREFIX}{self.feed_token(nonce)}.ics"
        return f"{url}?{urlencode({'kind': kind})}" if kind else url

    def event_signature(self, activity_id: int) -> str:
        return _mac(self.secret or "", "event", str(activity_id), 16)

    def event_signature_ok(self, activity_id: int, signature: str) -> bool:
        return bool(self.secret) and hmac.compare_digest(self.event_signature(activity_id), signature)

    def event_url(self, activity_id: int) -> str | None:
        """The one-event download for a card's "Add to calendar"; None when links cannot be built."""
        if self.problem():
            return None
        base = (self.base_url or "").rstrip("/")
        return f"{base}{EVENT_PREFIX}{activity_id}/{quote(self.event_signature(activity_id))}.ics"
