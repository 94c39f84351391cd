"""Signed requests to the real app, in the shapes Slack sends them."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SIGNING_SECRET = "test-signing-secret"


@dataclass
class Response:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def signed_headers(
    body: str,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> dict[str, str]:
    """The headers Slack sends: a timestamp and the v0 HMAC signature over it and the body."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature, "Content-Type": content_type}


def post(url: str, body: str, headers: dict[str, str], timeout: float = 10) -> Response:
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return Response(reply.status, reply.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read())


def command_body(
    text: str,
    *,
    user: str = "U0ALICE",
    channel: str = "C0ITAG",
    team: str = "T1",
    response_url: str = "http://127.0.0.1:9/response",
    trigger_id: str = "trig-1",
) -> str:
    return urlencode(
        {
            "token": "legacy",
            "team_id": team,
            "team_domain": "itag",
            "channel_id": channel,
            "channel_name": "itag",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/itag",
            "text": text,
            "api_app_id": "A1",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def payload_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


def block_action(
    action_id: str,
    value: str,
    *,
    user: str = "U0ALICE",
    response_url: str,
    channel: str = "C0ITAG",
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A block_actions payload for a button press on an ephemeral message."""
    return {
        "type": "block_actions",
        "api_app_id": "A1",
        "token": "legacy",
        "team": {"id": "T1", "domain": "itag"},
        "user": {"id": user, "username": user.lower(), "team_id": "T1"},
        "container": {"type": "message", "message_ts": "1.2", "channel_id": channel, "is_ephemeral": True},
        "channel": {"id": channel, "name": "itag"},
        "trigger_id": "trig-2",
        "response_url": response_url,
        "actions": [
            {"type": "button", "action_id": action_id, "block_id": "b1", "value": value, "action_ts": "1.3"}
        ],
        **(extra or {}),
    }


class SlackSender:
    """Posts signed requests to the app under test."""

    def __init__(self, app_url: str, response_url: str) -> None:
        self.url = app_url + "/slack/events"
        self.response_url = response_url

    def command(self, text: str, **kwargs: Any) -> Response:
        kwargs.setdefault("response_url", self.response_url)
        body = command_body(text, **kwargs)
        return post(self.url, body, signed_headers(body))

    def payload(self, payload: dict[str, Any]) -> Response:
        body = payload_body(payload)
        return post(self.url, body, signed_headers(body))

    def action(self, action_id: str, value: str, **kwargs: Any) -> Response:
        kwargs.setdefault("response_url", self.response_url)
        return self.payload(block_action(action_id, value, **kwargs))
