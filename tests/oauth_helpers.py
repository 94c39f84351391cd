"""OAuth mode in tests: services with the app's secrets, the browser's side of an install,
and signed requests from a given workspace."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select

from bot.services import Services
from storage.models import SLACK_BOTS, SLACK_INSTALLATIONS
from tests.fake_slack import FakeSlack
from tests.slack_requests import Response, post, signed_headers


@dataclass
class Page:
    status: int
    body: str
    headers: dict[str, str]


def get(url: str, *, cookie: str | None = None) -> Page:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return Page(reply.status, reply.read().decode(), {k.lower(): v for k, v in reply.headers.items()})
    except urllib.error.HTTPError as error:
        return Page(error.code, error.read().decode(), {k.lower(): v for k, v in error.headers.items()})


def install_by_browser(app_url: str, fake: FakeSlack, code: str) -> Page:
    """What an admin's browser does: open /slack/install, follow Slack's redirect back with `code`."""
    page = get(app_url + "/slack/install")
    assert page.status == 200, page.body
    state = re.search(r"[?&]state=([^&\"']+)", page.body)
    assert state is not None, page.body
    cookie = page.headers["set-cookie"].split(";")[0]
    assert cookie.endswith(state.group(1))
    return get(f"{app_url}/slack/oauth_redirect?code={code}&state={state.group(1)}", cookie=cookie)


def stored_installations(services: Services) -> int:
    with services.engine.connect() as connection:
        installs = connection.scalar(select(func.count()).select_from(SLACK_INSTALLATIONS))
        bots = connection.scalar(select(func.count()).select_from(SLACK_BOTS))
    return int(installs or 0) + int(bots or 0)


def command_from(
    app_url: str,
    text: str,
    *,
    team: str,
    user: str = "U0ALICE",
    enterprise: str | None = None,
    org_wide: bool = False,
    response_url: str,
) -> Response:
    """A signed `/itag` from a workspace (of an Enterprise Grid org, when given)."""
    fields = {
        "token": "legacy",
        "team_id": team,
        "team_domain": team.lower(),
        "channel_id": "C0ITAG",
        "channel_name": "itag",
        "user_id": user,
        "user_name": user.lower(),
        "command": "/itag",
        "text": text,
        "api_app_id": "A1",
        "is_enterprise_install": "true" if org_wide else "false",
        "response_url": response_url,
        "trigger_id": "trig-1",
    }
    if enterprise:
        fields["enterprise_id"] = enterprise
    body = urlencode(fields)
    return post(app_url + "/slack/events", body, signed_headers(body))


def event_from(app_url: str, event: dict[str, Any], *, team: str) -> Response:
    """A signed Events API delivery from a workspace."""
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": team,
            "api_app_id": "A1",
            "event_id": f"Ev{event['type']}{team}",
            "event_time": 1,
            "event": event,
        }
    )
    return post(app_url + "/slack/events", body, signed_headers(body, content_type="application/json"))


UNINSTALLED = {"type": "app_uninstalled"}
REVOKED = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}}


def wait_for_installations(services: Services, count: int, timeout: float = 5.0) -> None:
    """Bolt runs event listeners after the ack: wait until the store holds `count` rows."""
    deadline = time.monotonic() + timeout
    while stored_installations(services) != count:
        if time.monotonic() > deadline:
            raise AssertionError(
                f"expected {count} installation rows, found {stored_installations(services)}"
            )
        time.sleep(0.02)
