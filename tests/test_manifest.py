"""manifest.yml creates the app in one paste, pointed at /slack/events, with only the scopes used."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from handlers import ids
from tests.slack_requests import SlackSender, post, signed_headers

MANIFEST = yaml.safe_load((Path(__file__).resolve().parent.parent / "manifest.yml").read_text())


def test_command_interactivity_and_events_go_to_slack_events() -> None:
    (command,) = MANIFEST["features"]["slash_commands"]
    assert command["command"] == "/itag"
    assert command["url"].endswith("/slack/events")
    assert MANIFEST["settings"]["interactivity"]["request_url"].endswith("/slack/events")
    assert MANIFEST["settings"]["event_subscriptions"]["request_url"].endswith("/slack/events")


def test_shortcut_ids_match_the_code() -> None:
    callback_ids = {s["callback_id"] for s in MANIFEST["features"].get("shortcuts", [])}
    assert callback_ids <= {ids.LOG_MESSAGE_SHORTCUT}


def test_scopes_are_only_those_the_bot_uses() -> None:
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) <= {"commands", "chat:write", "users:read"}


def test_lifecycle_events_are_acknowledged(slack: SlackSender) -> None:
    event = {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": "Ev1",
        "event_time": 1,
        "event": {"type": "app_uninstalled"},
    }
    body = json.dumps(event)
    reply = post(slack.url, body, signed_headers(body, content_type="application/json"))
    assert reply.status == 200


def test_home_tab_is_enabled_and_its_event_subscribed() -> None:
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert "app_home_opened" in MANIFEST["settings"]["event_subscriptions"]["bot_events"]
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"] is True  # DM reminders


def test_the_oauth_install_asks_for_the_manifests_scopes_and_redirect() -> None:
    from bot.oauth import BOT_SCOPES, REDIRECT_PATH

    assert sorted(BOT_SCOPES) == sorted(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert [u.endswith(REDIRECT_PATH) for u in MANIFEST["oauth_config"]["redirect_urls"]] == [True]
    assert MANIFEST["settings"]["org_deploy_enabled"] is True
