"""Listeners for changing activities: the form and its shortcut, the card menu, the confirmations."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.replies import STALE_BUTTON, Replies, message
from domain.i18n import _
from handlers import ids
from handlers.activity_changes import confirmed, menu_choice
from handlers.activity_forms import FormMeta, Saved, save_form, shortcut_form
from handlers.blocks import ADD_TO_CALENDAR
from handlers.forms import read_state
from handlers.help import help_answer

log = logging.getLogger("itag.forms")

CANNOT_POST = {"channel_not_found", "not_in_channel", "is_archived", "restricted_action"}


class ActivityListeners:
    """Each listener parses its payload, calls one handler and sends what it returns."""

    def __init__(self, replies: Replies) -> None:
        self.replies = replies

    def log_message(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """The "Log as ITAG activity" message shortcut: the form, pre-filled from the message."""
        ack()
        with self.replies.context(body) as ctx:
            reply = shortcut_form(ctx, str((body.get("message") or {}).get("text") or ""))
        self.replies.send(reply, body, client, None)

    def menu(
        self, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        """A choice from an activity card's overflow menu."""
        ack()
        value = str((action.get("selected_option") or {}).get("value") or "")
        if value.startswith(f"{ADD_TO_CALENDAR}:"):
            return  # a URL option: Slack opened the download in the browser
        with self.replies.context(body) as ctx:
            reply = menu_choice(ctx, value)
        self.replies.send(reply, body, client, respond)

    def confirm_cancel(
        self, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        self._confirmed(ack, body, action, client, respond, "cancel")

    def confirm_delete(
        self, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        self._confirmed(ack, body, action, client, respond, "delete")

    def _confirmed(
        self,
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        client: WebClient,
        respond: Respond,
        verb: str,
    ) -> None:
        ack()
        raw = str(action.get("value") or "")
        if not raw.isdigit():
            with self.replies.speaking_to(body):
                answer = help_answer(_(STALE_BUTTON))
        else:
            with self.replies.context(body) as ctx:
                answer = confirmed(ctx, int(raw), verb)
        self.replies.send(answer, body, client, respond, replace_original=True)

    def dismiss(self, ack: Ack, respond: Respond) -> None:
        """'Keep it': remove the question."""
        ack()
        respond(delete_original=True)

    def submit(self, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        """Save the form: errors keep it open under their fields; success closes it and announces."""
        envelope = self.replies.sealer.unseal(str(view.get("private_metadata") or ""))
        meta = FormMeta.loads(envelope.metadata) if envelope else None
        if envelope is None or meta is None:
            ack(response_action="errors", errors={ids.FIELD_BLOCKS["title"]: self.replies.tampered(body)})
            return
        draft = read_state((view.get("state") or {}).get("values") or {})
        with self.replies.context(body, meta.channel_id) as ctx:
            saved = save_form(ctx, draft, meta, view_id=str(view.get("id") or ""))
            user_id = ctx.user_id
        if saved.errors:
            ack(response_action="errors", errors=saved.errors)
            return
        ack()
        self._announce(client, saved, user_id, envelope.response_url)

    def _announce(self, client: WebClient, saved: Saved, user_id: str, response_url: str | None) -> None:
        """Post the card where the command came from; where the bot cannot post, tell the user alone."""
        if saved.announcement is None:
            return
        reply = message(saved.announcement)
        if saved.channel_id:
            try:
                client.chat_postMessage(channel=saved.channel_id, **reply)
                return
            except SlackApiError as error:
                if error.response.get("error") not in CANNOT_POST:
                    raise
                log.info(
                    "cannot post in %s (%s); answering privately", saved.channel_id, error.response["error"]
                )
        if response_url:
            WebhookClient(response_url, timeout=10).send(response_type="ephemeral", **reply)
            return
        client.chat_postMessage(channel=user_id, **reply)  # the user's DM with the app
