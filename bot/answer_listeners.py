"""Listeners for answers: `/itag TEXT`, its More and Share buttons (cached when the route allows)."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.answer_cache import AnswerCache
from bot.replies import STALE_BUTTON, Replies, message
from domain.dates import local_today
from domain.i18n import _
from domain.mrkdwn import escape, is_user_id, md, mention, truncate
from handlers.blocks import context
from handlers.context import Answer, Reply
from handlers.help import help_answer
from handlers.router import is_cacheable, route
from storage.versions import data_version


class AnswerListeners:
    """Each parses its payload, answers through the router and sends what it returns."""

    def __init__(self, replies: Replies) -> None:
        self.replies = replies
        self.cache = AnswerCache()

    def _reply(self, body: dict[str, Any], text: str, *, offset: int = 0) -> Reply:
        with self.replies.context(body) as ctx:
            if not is_cacheable(text):
                return route(ctx, text, offset=offset)
            # The stamp is read before the data, so an answer is never filed under a newer stamp.
            # No user or workspace in the key (every member workspace sees the one programme); the
            # reader's language is in it.
            key = (data_version(ctx.session), local_today(ctx.now, ctx.tz), ctx.language, text, offset)
            return self.cache.get_or_build(key, lambda: route(ctx, text, offset=offset))

    def itag_command(self, ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        """`/itag TEXT`: answer in the ack, or open a form."""
        reply = self._reply(command, command.get("text", ""))
        if isinstance(reply, Answer):
            ack(**message(reply, response_type="ephemeral"))
            return
        ack()
        self.replies.send(reply, command, client, None)

    def _button_reply(self, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> Reply | None:
        """Re-run the query a More/Share button carries; a mangled button gets a clear answer."""
        query = _button_query(action)
        if query is None:
            with self.replies.speaking_to(body):
                stale = help_answer(_(STALE_BUTTON))
            respond(**message(stale, replace_original=False, response_type="ephemeral"))
            return None
        return self._reply(body, query[0], offset=query[1])

    def more_results(self, ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        """The 'More' button: replace the answer with its next page."""
        ack()
        reply = self._button_reply(body, action, respond)
        if isinstance(reply, Answer):
            respond(**message(reply, replace_original=True))

    def share_answer(self, ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        """'Share in channel': post the same answer, without its buttons, for everyone."""
        ack()
        reply = self._button_reply(body, action, respond)
        if not isinstance(reply, Answer):
            return
        user = body.get("user", {}).get("id", "")
        blocks = [b for b in reply.blocks if b.get("type") != "actions"]
        if is_user_id(user):
            with self.replies.speaking_to(body):
                blocks.append(context(md(_("Shared by {}"), mention(user))))
        respond(
            text=escape(truncate(reply.text, 3000)),
            blocks=blocks,
            response_type="in_channel",
            replace_original=False,
        )


def _button_query(action: dict[str, Any]) -> tuple[str, int] | None:
    try:
        value = json.loads(action.get("value") or "")
        query, offset = str(value["q"]), int(value["o"])
    except (ValueError, KeyError, TypeError):
        return None
    return query, max(offset, 0)
