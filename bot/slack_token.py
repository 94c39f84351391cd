"""Is the bot token good? Asked lazily of Slack, cached, and logged once per change."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger("itag.slack")

RECHECK_SECONDS = 60.0

# The last state logged in this process. Gunicorn forks workers after `serve` checked the
# token, so they inherit it and a bad token makes one log line, not one per worker.
_last_logged = ["not checked"]


@dataclass(frozen=True)
class TokenState:
    """What Slack said of the token: good, refused (with Slack's error) or not reachable."""

    status: str  # "ok", "refused", "unreachable" or "not checked"
    detail: str = ""
    bot_id: str | None = None
    bot_user_id: str | None = None

    @property
    def refused(self) -> bool:
        return self.status == "refused"

    def line(self) -> str:
        return f"slack token: {self.status}" + (f" ({self.detail})" if self.detail else "")


class TokenCheck:
    """auth.test with no retries and a short timeout, at most once a minute; never raises."""

    def __init__(
        self, token: str | None, api_url: str | None, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.client = WebClient(token=token, base_url=api_url or WebClient.BASE_URL, timeout=3)
        self.client.retry_handlers = []  # an outage must not hold /healthz up
        self.monotonic = monotonic
        self._state = TokenState("not checked")
        self._checked_at: float | None = None
        self._lock = threading.Lock()

    def state(self) -> TokenState:
        """The cached state, asking Slack again when it is older than a minute."""
        with self._lock:
            fresh = self._checked_at is not None and self.monotonic() - self._checked_at < RECHECK_SECONDS
            if not fresh:
                self._update(self._ask())
                self._checked_at = self.monotonic()
            return self._state

    def _ask(self) -> TokenState:
        try:
            reply = self.client.auth_test()
        except SlackApiError as error:
            return TokenState("refused", str(error.response.get("error") or error.response.status_code))
        except (SlackClientError, OSError) as error:
            return TokenState("unreachable", type(error).__name__)
        return TokenState("ok", f"team {reply.get('team_id')}", reply.get("bot_id"), reply.get("user_id"))

    def _update(self, state: TokenState) -> None:
        self._state = state
        if state.status == _last_logged[0]:
            return
        _last_logged[0] = state.status
        if state.refused:
            log.error("Slack refused SLACK_BOT_TOKEN (%s): set a valid token; serving anyway", state.detail)
        elif state.status == "unreachable":
            log.warning("Slack's Web API is unreachable (%s): serving anyway, checking again", state.detail)
        else:
            log.info("Slack accepted the bot token (%s)", state.detail)
