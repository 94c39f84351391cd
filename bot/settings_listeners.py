"""Listeners for the reminder settings form and the app's lifecycle events."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack

from bot.replies import Replies
from handlers.reminder_settings import save_settings

log = logging.getLogger("itag.slack")


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

    def lifecycle_event(self, ack: Ack, body: dict[str, Any], event: dict[str, Any]) -> None:
        """Uninstalled or tokens revoked, whichever comes first: forget that workspace's
        installation, which stops its reminders; a reinstall resumes them."""
        ack()
        team, enterprise = body.get("team_id"), body.get("enterprise_id")
        store = self.replies.services.installations
        if store is None:
            log.warning(
                "Slack lifecycle event %s: the bot can no longer post until reinstalled", event.get("type")
            )
            return
        org_wide = bool(body.get("is_enterprise_install"))
        store.forget(enterprise_id=enterprise, team_id=team, is_enterprise_install=org_wide)
        log.warning(
            "%s from %s (enterprise %s): installation deleted, its reminders stop until reinstalled",
            event.get("type"),
            team,
            enterprise,
        )


def ack_only(ack: Ack) -> None:
    """Buttons that only open a URL: Slack still expects an acknowledgement."""
    ack()
