"""Builds the Bolt app: its Web API client, its error handler and its listeners."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from sqlalchemy.exc import OperationalError

from bot.listeners import register
from bot.oauth import oauth_flow
from bot.replies import body_user, first_input_block, speaking_to
from bot.services import Services
from bot.slack_client import make_client
from bot.slack_token import TokenCheck
from domain.i18n import N_, _, speaking

log = logging.getLogger("itag.slack")

DB_DOWN = N_("The ITAG database is not answering right now. Please try again in a minute.")
FAILED = N_("Sorry, something went wrong on our side. It has been logged; please try again.")


def create_bolt_app(services: Services) -> App:
    """The Bolt app with every listener registered; request signing stays on."""
    settings = services.settings
    logger = logging.getLogger("itag.bolt")
    client = make_client(None, settings.api_url)
    if services.installations is not None:
        flow = oauth_flow(settings, services.installations, services.engine)
        app = App(client=client, signing_secret=settings.signing_secret, logger=logger, oauth_flow=flow)
    else:
        authorize = token_authorize(services.token_check, settings.bot_token)
        app = App(client=client, signing_secret=settings.signing_secret, logger=logger, authorize=authorize)  # type: ignore[arg-type]
    app.error(error_handler(services))
    register(app, services)
    return app


def token_authorize(check: TokenCheck | None, token: str | None) -> Callable[..., AuthorizeResult | None]:
    """Single-token mode without auth.test at boot: a Slack outage must not stop a worker from
    starting. The token is checked lazily (cached a minute); while Slack is unreachable the
    answers that need no Web API call still go out. A refused token authorizes nothing."""

    def authorize(
        enterprise_id: str | None, team_id: str | None, user_id: str | None
    ) -> AuthorizeResult | None:
        state = check.state() if check else None
        if not token or (state and state.refused):
            return None
        return AuthorizeResult(
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            bot_token=token,
            bot_id=state.bot_id if state else None,
            bot_user_id=state.bot_user_id if state else None,
        )

    return authorize


def error_handler(services: Services) -> Callable[..., BoltResponse]:
    """The one home for unhandled errors: log with the stack, answer the user plainly, in their
    language (with the database down, the language this process last knew for them)."""

    def on_error(error: Exception, body: dict[str, Any], logger: logging.Logger) -> BoltResponse:
        logger.exception("unhandled error in listener", exc_info=error)
        if isinstance(error, OperationalError):
            with speaking(services.languages.last_known(body_user(body))):
                return _error_reply(body, _(DB_DOWN))
        with speaking_to(services, body):
            return _error_reply(body, _(FAILED))

    return on_error


def _error_reply(body: dict[str, Any], message: str) -> BoltResponse:
    if body.get("type") == "view_submission":
        return BoltResponse(
            status=200,
            body=json.dumps(_view_error(body, message)),
            headers={"content-type": "application/json"},
        )
    payload = {"response_type": "ephemeral", "text": message}
    return BoltResponse(status=200, body=json.dumps(payload), headers={"content-type": "application/json"})


def _view_error(body: dict[str, Any], message: str) -> dict[str, Any]:
    """Keep a modal open with the message under its first input, so nothing typed is lost."""
    first_input = first_input_block(body.get("view") or {})
    if first_input is None:
        return {"response_action": "errors", "errors": {}}
    return {"response_action": "errors", "errors": {first_input: message}}
