"""Listeners for the reminder settings form, and for events with nothing to answer."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack

from bot.replies import Replies
from handlers.reminder_settings import save_settings


class SettingsListeners:
    """The reminder settings form: errors keep it open under their fields; saved, it closes."""

    def __init__(self, replies: Replies) -> None:
        self.replies = replies

    def save(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        values = (view.get("state") or {}).get("values") or {}
        with self.replies.context(body) as ctx:
            errors = save_settings(ctx, values)
        if errors:
            ack(response_action="errors", errors=errors)
        else:
            ack()


def ack_only(ack: Ack) -> None:
    """Buttons that only open a URL: Slack still expects an acknowledgement."""
    ack()


def on_lifecycle_event(event: dict[str, Any], logger: Any) -> None:
    """The app was uninstalled or its tokens revoked: say so loudly, nothing else to do."""
    logger.warning(
        "Slack lifecycle event %s: the bot can no longer post until reinstalled", event.get("type")
    )
