"""Listeners of last resort: an unknown button, form or shortcut gets a clear answer, not a 404."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, Respond

from bot.replies import first_input_block

log = logging.getLogger("itag.slack")

OUTDATED = "That button or form is out of date or no longer exists. Run the `/itag` command again."
ANY = re.compile(".*")


def unknown_action(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
    ack()
    log.warning("unknown action ids %s", [a.get("action_id") for a in body.get("actions", [])])
    if body.get("response_url"):
        respond(text=OUTDATED, response_type="ephemeral", replace_original=False)


def unknown_view(ack: Ack, body: dict[str, Any]) -> None:
    view = body.get("view") or {}
    log.warning("unknown view callback id %r", view.get("callback_id"))
    first_input = first_input_block(view)
    if first_input:
        ack(response_action="errors", errors={first_input: OUTDATED})
        return
    notice = {"type": "section", "text": {"type": "mrkdwn", "text": OUTDATED}}
    ack(
        response_action="update",
        view={
            "type": "modal",
            "title": {"type": "plain_text", "text": "ITAG"},
            "close": {"type": "plain_text", "text": "Close"},
            "blocks": [notice],
        },
    )


def unknown_shortcut(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
    ack()
    log.warning("unknown shortcut %r", body.get("callback_id"))
    if body.get("response_url"):
        respond(text=OUTDATED, response_type="ephemeral")
