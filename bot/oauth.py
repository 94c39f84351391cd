"""OAuth mode: each member installs the app into its own workspace; nobody else gets in.

Bolt's OAuth flow with slack_sdk's SQLAlchemy stores on the app's database. An install from a
workspace outside ITAG_WORKSPACES is refused on the redirect with a page saying why, its token
revoked and nothing stored.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import logging
from typing import Any

from slack_bolt import BoltResponse
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.error import BoltError
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.request import BoltRequest
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.installations import MemberInstallationStore
from bot.settings import Settings
from bot.slack_client import make_client

log = logging.getLogger("itag.oauth")

BOT_SCOPES = ["commands", "chat:write", "users:read"]  # as manifest.yml asks (users:read: locales)
INSTALL_PATH, REDIRECT_PATH = "/slack/install", "/slack/oauth_redirect"
ROTATE_MINUTES_BEFORE_EXPIRY = 120  # Slack's rotating tokens live 12 hours


class NotAMember(BoltError):
    """The workspace that installed is not in ITAG_WORKSPACES."""


class SealedStateStore(SQLAlchemyOAuthStateStore):
    """The database state store, its values sealed with SLACK_STATE_SECRET: a forged or altered
    state is refused before the database is asked."""

    def __init__(self, secret: str, engine: Engine, expiration_seconds: int = 600) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=engine, logger=log)
        self._key = hmac.new(secret.encode(), b"oauth-state", hashlib.sha256).digest()

    def _seal(self, state: str) -> str:
        return hmac.new(self._key, state.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = super().issue()
        return f"{state}.{self._seal(state)}"

    def consume(self, state: str) -> bool:
        raw, _, seal = (state or "").partition(".")
        if not hmac.compare_digest(seal, self._seal(raw)):
            return False
        return bool(super().consume(raw))


class MemberOAuthFlow(OAuthFlow):
    """Bolt's flow, refusing before anything is stored an install by a workspace not listed."""

    def store_installation(self, request: BoltRequest, installation: Installation) -> None:
        store = self.settings.installation_store
        assert isinstance(store, MemberInstallationStore)  # noqa: S101 (built below)
        if not store.allows(installation.enterprise_id, installation.team_id):
            self._revoke(installation.bot_token)
            log.warning(
                "refused an install by %s (enterprise %s): not in ITAG_WORKSPACES; nothing stored",
                installation.team_id,
                installation.enterprise_id,
            )
            raise NotAMember(installation.team_name or installation.team_id or "this workspace")
        store.save(installation)
        log.info(
            "installed in %s (enterprise %s, org-wide: %s)",
            installation.team_id,
            installation.enterprise_id,
            installation.is_enterprise_install,
        )

    def _revoke(self, token: str | None) -> None:
        """Give the refused workspace's token back to Slack rather than leave it live."""
        if not token:
            return
        try:
            self.client.auth_revoke(token=token)
        except (SlackApiError, SlackClientError, OSError) as error:
            log.warning("could not revoke the refused install's token: %s", type(error).__name__)


def _page(title: str, message: str) -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body style='font-family:sans-serif;max-width:40em;"
        f"margin:4em auto'><h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>"
    )


def _failure(args: FailureArgs) -> BoltResponse:
    if isinstance(args.error, NotAMember):
        body = _page(
            "This workspace is not a member of ITAG",
            f"The ITAG bot serves the Inclusive Trade Action Group's members only, and {args.error} "
            "is not on its list, so it was not installed and nothing was kept. If your government "
            "is a member, ask the ITAG bot's administrators to add your workspace's id.",
        )
        return BoltResponse(status=403, body=body, headers={"Content-Type": "text/html; charset=utf-8"})
    log.warning("an install failed: %s", args.reason)
    return args.default.failure(args)


def _success(args: SuccessArgs) -> BoltResponse:
    return args.default.success(args)


def oauth_flow(settings: Settings, store: MemberInstallationStore, engine: Engine) -> OAuthFlow:
    """Bolt's OAuth flow on our database: bot tokens only, rotated before they expire."""
    client = make_client(None, settings.api_url)
    assert settings.client_id and settings.client_secret and settings.state_secret  # noqa: S101
    oauth_settings = OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=BOT_SCOPES,
        redirect_uri=settings.redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=store,
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=ROTATE_MINUTES_BEFORE_EXPIRY,
        state_store=SealedStateStore(settings.state_secret, engine),
        callback_options=CallbackOptions(success=_success, failure=_failure),
        logger=log,
    )
    # Bolt's own authorize would refresh rotating tokens through slack.com whatever the client.
    oauth_settings.authorize = InstallationStoreAuthorize(
        logger=log,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        token_rotation_expiration_minutes=ROTATE_MINUTES_BEFORE_EXPIRY,
        installation_store=store,
        bot_only=True,
        client=client,
    )
    return MemberOAuthFlow(client=client, settings=oauth_settings, logger=log)
