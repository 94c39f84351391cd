"""Thin adapters from Slack payloads to handlers, and the one list that registers them."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.answer_cache import AnswerCache, is_cacheable
from bot.fallbacks import register_fallbacks
from bot.forms_listeners import register_forms
from bot.home import register_home
from bot.plan_listeners import register_plan_forms
from bot.replies import Sealer, interaction_context, message, open_modal
from bot.services import Services
from domain.dates import local_today
from domain.i18n import _
from domain.mrkdwn import escape, is_user_id, truncate
from handlers import ids
from handlers.activities import show_answer
from handlers.context import Answer, Reply
from handlers.help import help_answer
from handlers.reminder_settings import save_settings
from handlers.router import route
from storage.versions import data_version

log = logging.getLogger("itag.slack")


class Listeners:
    """Bolt listeners; each parses a payload, calls a handler and sends what it returns."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.sealer = Sealer(services.settings.signing_secret)
        self.cache = AnswerCache()

    def _reply(self, body: dict[str, Any], text: str, *, offset: int = 0) -> Reply:
        with interaction_context(self.services, body) as ctx:
            if not is_cacheable(text):
                return route(ctx, text, offset=offset)
            # The stamp is read before the data, so an answer is never filed under a newer stamp.
            # No user or workspace in the key (every member workspace sees the one programme); the
            # reader's language is in it.
            key = (data_version(ctx.session), local_today(ctx.now, ctx.tz), ctx.language, text, offset)
            return self.cache.get_or_build(key, lambda: route(ctx, text, offset=offset))

    def itag_command(self, ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """`/itag TEXT`: answer in the ack, or open a form."""
        reply = self._reply(command, command.get("text", ""))
        if isinstance(reply, Answer):
            ack(**message(reply, response_type="ephemeral"))
            return
        ack()
        open_modal(
            client,
            self.sealer,
            trigger_id=command["trigger_id"],
            view=reply.view,
            response_url=command.get("response_url"),
        )

    def _button_reply(self, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> Reply | None:
        """Re-run the query a More/Share button carries; a mangled button gets a clear answer."""
        query = _button_query(action)
        if query is None:
            stale = help_answer(_("That button is out of date; run the command again."))
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
            blocks.append(
                {
                    "type": "context",
                    "elements": [{"type": "mrkdwn", "text": f"Shared by <@{user}>"}],
                }
            )
        respond(
            text=escape(truncate(reply.text, 3000)),
            blocks=blocks,
            response_type="in_channel",
            replace_original=False,
        )

    def save_reminder_settings(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        """The reminder settings form: errors keep it open under their fields; saved, it closes."""
        values = (view.get("state") or {}).get("values") or {}
        with interaction_context(self.services, body) as ctx:
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
        store = self.services.installations
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

    def ack_only(self, ack: Ack) -> None:
        """Buttons that only open a URL: Slack still expects an acknowledgement."""
        ack()

    def show_activity(self, ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        """The 'Details' button on an activity card."""
        ack()
        with interaction_context(self.services, body) as ctx:  # its workspace scopes the lookup
            answer = show_answer(ctx, [str(action.get("value", ""))])
        respond(**message(answer, replace_original=False, response_type="ephemeral"))


def _button_query(action: dict[str, Any]) -> tuple[str, int] | None:
    try:
        value = json.loads(action.get("value") or "")
        query, offset = str(value["q"]), int(value["o"])
    except (ValueError, KeyError, TypeError):
        return None
    return query, max(offset, 0)


def register(app: App, services: Services) -> None:
    """Wire every command, action, view and event to its listener."""
    listeners = Listeners(services)
    app.event("app_uninstalled")(listeners.lifecycle_event)
    app.event("tokens_revoked")(listeners.lifecycle_event)
    app.command("/itag")(listeners.itag_command)
    app.action(ids.MORE_RESULTS)(listeners.more_results)
    app.action(ids.SHARE_ANSWER)(listeners.share_answer)
    app.action(ids.SHOW_ACTIVITY)(listeners.show_activity)
    app.action(ids.OPEN_ACTIVITY_LINK)(listeners.ack_only)
    app.view(ids.REMINDER_SETTINGS_FORM)(listeners.save_reminder_settings)
    register_forms(app, services)
    register_plan_forms(app, services)
    register_home(app, services)
    register_fallbacks(app)  # last: Bolt gives a request to the first listener that matches
