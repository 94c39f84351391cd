"""Listeners of last resort: an unknown button, form or shortcut gets a clear answer, not a 404."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, Respond

from bot.replies import Replies, first_input_block
from domain.i18n import N_, _

log = logging.getLogger("itag.slack")

OUTDATED = N_("That button or form is out of date or no longer exists. Run the `/itag` command again.")
ANY = re.compile(".*")


class FallbackListeners:
    """Each answers in its sender's language (English when the sender cannot be told)."""

    def __init__(self, replies: Replies) -> None:
        self.replies = replies

    def unknown_action(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        log.warning("unknown action ids %s", [a.get("action_id") for a in body.get("actions", [])])
        if body.get("response_url"):
            with self.replies.speaking_to(body):
                respond(text=_(OUTDATED), response_type="ephemeral", replace_original=False)

    def unknown_view(self, ack: Ack, body: dict[str, Any]) -> None:
        view = body.get("view") or {}
        log.warning("unknown view callback id %r", view.get("callback_id"))
        first_input = first_input_block(view)
        with self.replies.speaking_to(body):
            if first_input:
                ack(response_action="errors", errors={first_input: _(OUTDATED)})
                return
            notice = {"type": "section", "text": {"type": "mrkdwn", "text": _(OUTDATED)}}
            ack(
                response_action="update",
                view={
                    "type": "modal",
                    "title": {"type": "plain_text", "text": "ITAG"},
                    "close": {"type": "plain_text", "text": _("Close")},
                    "blocks": [notice],
                },
            )

    def unknown_shortcut(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        log.warning("unknown shortcut %r", body.get("callback_id"))
        if body.get("response_url"):
            with self.replies.speaking_to(body):
                respond(text=_(OUTDATED), response_type="ephemeral")
