"""Where the clock sends and with whose token: one route per reminder channel, however many
member workspaces share it, and each subscriber's DMs through their own workspace."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy.orm import Session

from bot.installations import Workspace
from bot.oauth import ROTATE_MINUTES_BEFORE_EXPIRY
from bot.services import Services
from bot.slack_client import make_client
from storage.reminders import reminder_channel
from storage.subscriptions import subscriber_workspaces

log = logging.getLogger("itag.reminders")

SINGLE = ""  # single-token mode: every recipient is reached with the poster's own token


@dataclass(frozen=True)
class Routes:
    """This pass's reminder channels with the token to post with, and each workspace's token."""

    channels: dict[str, str] = field(default_factory=dict)  # channel id -> token ("" = the poster's)
    tokens: dict[str, str] | None = None  # workspace -> token; None in single-token mode
    subscribers: dict[str, str] = field(default_factory=dict)  # user id -> workspace

    def token_for(self, recipient: str) -> str | None:
        """The token that reaches `recipient` ("" = the poster's own); None when no installed
        member reaches it any more (uninstalled, revoked): then nothing is sent."""
        if recipient in self.channels:
            return self.channels[recipient]
        if self.tokens is None:
            return SINGLE
        workspace = self.subscribers.get(recipient)
        if workspace is None and self.tokens:
            # Subscribed before OAuth mode, so no workspace on record: the first member's token.
            return self.tokens[min(self.tokens)]
        return self.tokens.get(workspace or "")


def delivery_routes(services: Services, session: Session) -> Routes:
    """The routes for one pass, read from the settings and (OAuth mode) the installations."""
    settings, store = services.settings, services.installations
    if store is None:
        channel = reminder_channel(session, default=settings.reminder_channel)
        return Routes({channel: SINGLE} if channel else {})
    channels: dict[str, str] = {}
    tokens: dict[str, str] = {}
    for workspace in store.workspaces():
        token = fresh_token(services, workspace)
        if token is None:
            continue
        tokens[workspace.key] = token
        channel = reminder_channel(session, default=settings.reminder_channel, workspace=workspace.key)
        if channel:
            channels.setdefault(channel, token)  # a Slack Connect channel: once, whoever shares it
    return Routes(channels, tokens, subscriber_workspaces(session))


def reminder_channels(services: Services, session: Session) -> list[str]:
    """The reminder channels, once each, without asking Slack anything (for previews)."""
    settings, store = services.settings, services.installations
    if store is None:
        channel = reminder_channel(session, default=settings.reminder_channel)
        return [channel] if channel else []
    found = (
        reminder_channel(session, default=settings.reminder_channel, workspace=w.key)
        for w in store.workspaces()
    )
    return list(dict.fromkeys(c for c in found if c))


def fresh_token(services: Services, workspace: Workspace) -> str | None:
    """The workspace's bot token, refreshed first when it expires within two hours."""
    settings, store, bot = services.settings, services.installations, workspace.bot
    assert store is not None and settings.client_id and settings.client_secret  # noqa: S101
    rotator = TokenRotator(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        client=make_client(None, settings.api_url),
    )
    try:
        refreshed = rotator.perform_bot_token_rotation(
            bot=bot, minutes_before_expiration=ROTATE_MINUTES_BEFORE_EXPIRY
        )
    except SlackTokenRotationError as error:
        reason = error.api_error.response.get("error")
        log.error("could not refresh %s's bot token (%s); skipping it this pass", workspace.key, reason)
        return None
    if refreshed is None:
        return bot.bot_token
    store.save_bot(refreshed)
    log.info("refreshed %s's bot token before it expired", workspace.key)
    return refreshed.bot_token
