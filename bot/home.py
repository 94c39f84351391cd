"""The Home tab's Slack side: publish when opened, page, open its buttons, and refresh it for
recent readers after the data changes (debounced: a burst of edits is one publish per reader)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.debounce import Debouncer
from bot.replies import Sealer, interaction_context, open_modal
from bot.services import Services
from bot.slack_client import make_client
from domain.i18n import N_, _
from handlers import ids
from handlers.context import Answer
from handlers.home import HOME_COMMANDS, HomePage, answer_modal, home_view
from handlers.router import route
from storage.home import recent_home_readers, record_home_open

log = logging.getLogger("itag.home")

RECENT = timedelta(days=7)  # readers who opened the tab this recently get it refreshed
TITLES = {
    "add": N_("Log an activity"),
    "calendar": N_("Subscribe a calendar"),
    "subscribe": N_("My subscriptions"),
}


class HomeTab:
    """Publishes Home tabs with the app's client; refreshes them when told the data changed."""

    def __init__(self, services: Services, client: WebClient) -> None:
        self.services = services
        self.client = client
        self.sealer = Sealer(services.settings.signing_secret)
        self.refresher = Debouncer(services.settings.home_refresh_seconds, self.refresh_recent)

    def _client_for(self, team_id: str | None) -> WebClient | None:
        """The app's client, or (OAuth mode) one with the reader's workspace token; None when
        that workspace has no installation any more."""
        store = self.services.installations
        if store is None:
            return self.client
        bot = store.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            return None
        return make_client(bot.bot_token, self.services.settings.api_url)

    def publish(
        self,
        user_id: str,
        team_id: str | None,
        page: HomePage | None = None,
        client: WebClient | None = None,
    ) -> None:
        client = client or self._client_for(team_id)
        if client is None:
            return
        with self.services.context(user_id=user_id, team_id=team_id) as ctx:
            view = home_view(ctx, page)
        client.views_publish(user_id=user_id, view=view)

    def opened(self, event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """`app_home_opened` on the Home tab (not the Messages tab): remember the reader, publish."""
        user = str(event.get("user") or "")
        if event.get("tab") != "home" or not user:
            return
        team = body.get("team_id") or (event.get("view") or {}).get("team_id")
        with self.services.context(user_id=user, team_id=team) as ctx:
            record_home_open(ctx.session, user_id=user, team_id=team, now=ctx.now)
            view = home_view(ctx)
        client.views_publish(user_id=user, view=view)  # Bolt's client for this request's workspace

    def refresh_recent(self) -> None:
        """Publish a fresh Home tab to everyone who opened theirs recently."""
        since = self.services.clock() - RECENT
        with self.services.session_factory() as session:
            readers = recent_home_readers(session, since=since)
        for user, team in readers:
            try:
                self.publish(user, team)
            except SlackApiError as error:  # one reader's failure must not stop the others
                log.warning("could not refresh the Home tab of %s: %s", user, error.response.get("error"))

    def page(self, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        ack()
        user = (body.get("user") or {}).get("id")
        if user:
            team = (body.get("team") or {}).get("id")
            self.publish(str(user), team, HomePage.loads(str(action.get("value") or "")), client)

    def open_button(self, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        """A Home button: the form it names, or its answer in a modal."""
        ack()
        command = HOME_COMMANDS.get(str(action.get("action_id")))
        if command is None:
            return
        with interaction_context(self.services, body) as ctx:
            if command == "reminders" and ctx.is_editor:
                command = "reminders edit"
            reply = route(ctx, command)
            # Built while the reader's language is in force.
            view = (
                answer_modal(reply, _(TITLES.get(command, N_("Reminders"))))
                if isinstance(reply, Answer)
                else None
            )
        if view is not None:
            client.views_open(trigger_id=body["trigger_id"], view=view)
            return
        assert not isinstance(reply, Answer)  # noqa: S101 - a form, opened below
        open_modal(client, self.sealer, trigger_id=body["trigger_id"], view=reply.view, response_url=None)

    @staticmethod
    def ack_only(ack: Ack) -> None:
        ack()


def register_home(app: App, services: Services) -> HomeTab:
    """Wire the Home tab's event and buttons; refresh recent readers after every data change."""
    settings = services.settings
    home = HomeTab(services, make_client(settings.bot_token, settings.api_url))
    app.event("app_home_opened")(home.opened)
    for action_id in HOME_COMMANDS:
        app.action(action_id)(home.open_button)
    for which in ("upcoming", "undated"):
        for way in ("more", "back"):
            app.action(f"{ids.HOME_PAGE}_{which}_{way}")(home.page)
    app.action(ids.HOME_ADD_TO_CALENDAR)(home.ack_only)
    services.change_listeners.append(home.refresher.poke)
    services.on_close.append(home.refresher.cancel)
    return home
