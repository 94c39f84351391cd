"""Posts the clock's messages through the Web API and reports what happened, never raising."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from domain.mrkdwn import escape, truncate
from handlers.context import Answer

log = logging.getLogger("itag.reminders")

# Errors that no retry will fix: someone has to change a setting or invite the bot.
NEEDS_A_PERSON = {
    "channel_not_found": "the reminder channel does not exist or the bot cannot see it",
    "not_in_channel": "the bot is not a member of the reminder channel; invite it with /invite @itag",
    "is_archived": "the reminder channel is archived",
    "user_not_found": "the user no longer exists",
}


# The token itself is bad: every post will fail until a person fixes it.
AUTH_ERRORS = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}


@dataclass(frozen=True)
class PostResult:
    """Where a message landed (channel id and ts), or why it did not."""

    channel: str | None
    ts: str | None = None
    error: str | None = None
    transient: bool = False  # 5xx, 429 or a lost connection that outlasted the client's retries

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def auth_failed(self) -> bool:
        return self.error in AUTH_ERRORS


class SlackPoster:
    """chat.postMessage with the app's retrying client (429 after Retry-After, 5xx with backoff)."""

    def __init__(self, client: WebClient) -> None:
        self.client = client
        self._clients: dict[str, WebClient] = {}

    def _client(self, token: str | None) -> WebClient:
        """The app's client, or a copy of it (same retries) holding a member workspace's token."""
        if not token or token == self.client.token:
            return self.client
        if token not in self._clients:
            self._clients[token] = WebClient(
                token=token,
                base_url=self.client.base_url,
                timeout=self.client.timeout,
                retry_handlers=self.client.retry_handlers,
            )
        return self._clients[token]

    def post(
        self, *, channel: str, answer: Answer, thread_ts: str | None = None, token: str | None = None
    ) -> PostResult:
        """Post `answer` to a channel (or a user id, for a DM), in a thread when given, with the
        app's token or (OAuth mode) the given workspace's."""
        try:
            response = self._client(token).chat_postMessage(
                channel=channel,
                text=escape(truncate(answer.text, 3000)),
                blocks=answer.blocks,
                thread_ts=thread_ts,
                unfurl_links=False,
            )
        except SlackApiError as error:
            status = error.response.status_code
            code = str(error.response.get("error") or f"http_{status}")
            return self._failed(channel, code, transient=status >= 500 or status == 429)
        except (SlackClientError, OSError) as error:
            return self._failed(channel, f"connection_failed: {error}", transient=True)
        return PostResult(str(response.get("channel") or channel), str(response.get("ts") or ""))

    def _failed(self, channel: str, code: str, *, transient: bool = False) -> PostResult:
        reason = NEEDS_A_PERSON.get(code)
        if reason:
            log.error("cannot post to %s: %s (%s); check `/itag reminders channel`", channel, code, reason)
        elif code in AUTH_ERRORS:
            log.error("Slack refused the bot token (%s): set a valid SLACK_BOT_TOKEN; nothing was lost", code)
        else:
            log.warning("posting to %s failed after retries: %s", channel, code)
        return PostResult(channel, None, code, transient)
