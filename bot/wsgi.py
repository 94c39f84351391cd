"""The WSGI application gunicorn serves: Slack on /slack/events, calendars on /calendar/, health."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.calendar_http import CalendarFeed, is_calendar_path
from bot.oauth import INSTALL_PATH, REDIRECT_PATH
from bot.services import Services
from bot.slack_token import TokenCheck

OAUTH_PATHS = frozenset({INSTALL_PATH, REDIRECT_PATH})  # served only in OAuth mode (else 404)
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _refuse(start_response: Callable[..., Any]) -> Iterable[bytes]:
    body = b'{"error":"invalid request"}'
    start_response(
        "401 Unauthorized", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]


def health(services: Services, token_check: TokenCheck | None) -> tuple[bool, bytes]:
    """Healthy unless the database is down or Slack refused the token; one line per check."""
    database = services.database_ok()
    lines = ["database: ok" if database else "database: unreachable"]
    token = token_check.state() if token_check else None
    if token is not None:
        lines.append(token.line())
    healthy = database and not (token and token.refused)
    return healthy, ("\n".join(lines) + "\n").encode()


def create_wsgi_app(services: Services, bolt_app: App) -> WsgiApp:
    """Route /healthz to the database and token checks and everything else to Bolt."""
    slack = SlackRequestHandler(bolt_app, path="/slack/events")
    calendar = CalendarFeed(services)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            ok, body = health(services, services.token_check)
            status = "200 OK" if ok else "503 Service Unavailable"
            start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
            return [body]
        if is_calendar_path(environ.get("PATH_INFO", "")):
            return calendar(environ, start_response)
        if environ.get("REQUEST_METHOD") == "GET" and environ.get("PATH_INFO") in OAUTH_PATHS:
            return slack(environ, start_response)  # the install page and Slack's redirect back
        if not environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "").isdigit():
            # Bolt's verifier raises on a non-numeric timestamp instead of refusing it.
            return _refuse(start_response)
        return slack(environ, start_response)

    return application
