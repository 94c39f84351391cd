"""A fake Slack Web API on loopback that records every call it receives.

Web API methods are served at /api/<method>; response URLs at /response/<name>.
Tests can script failures (429 with Retry-After, 5xx, Slack errors) per method.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


@dataclass
class Call:
    """One request the fake received."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def token(self) -> str | None:
        """The token the call was made with (Authorization header, else the body)."""
        auth = self.headers.get("Authorization") or self.headers.get("authorization") or ""
        return auth.removeprefix("Bearer ") or self.body.get("token")


@dataclass
class Scripted:
    status: int = 200
    body: dict[str, Any] = field(default_factory=lambda: {"ok": True})
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False


class FakeSlack:
    """Start with `FakeSlack().start()`; point the app at `.api_url`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.script: dict[str, list[Scripted]] = {}
        self.lock = threading.Condition()
        self._ts = itertools.count(1)
        self.user_tz: dict[str, str] = {}
        self.user_locale: dict[str, str] = {}  # users.info gives it only with include_locale=true
        self.delays: dict[str, float] = {}  # seconds a method takes to answer, e.g. to widen crash windows
        self.grants: dict[str, dict[str, Any]] = {}  # OAuth code -> what oauth.v2.access answers
        self.teams: dict[str, dict[str, Any]] = {}  # bot token -> the auth.test identity it has
        self.refreshes: dict[str, dict[str, Any]] = {}  # refresh token -> the rotated token's answer
        self.revoked: set[str] = set()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/response/{name}"

    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- scripting -------------------------------------------------------
    def fail_next(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        headers: dict[str, str] | None = None,
        drop: bool = False,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of `method` fail in the way described."""
        body = {"ok": False, "error": error or f"http_{status}"}
        with self.lock:
            self.script.setdefault(method, []).extend(
                Scripted(status, body, headers or {}, drop) for _ in range(times)
            )

    def grant(
        self,
        code: str,
        *,
        team: str | None,
        token: str,
        enterprise: str | None = None,
        org_wide: bool = False,
        refresh_token: str | None = None,
        expires_in: int | None = None,
    ) -> None:
        """What oauth.v2.access answers for `code`: an install by `team` (or an org) getting `token`."""
        answer: dict[str, Any] = {
            "ok": True,
            "app_id": "A1",
            "authed_user": {"id": "U0ADMIN"},
            "scope": "commands,chat:write",
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": "UBOT",
            "team": {"id": team, "name": f"Team {team}"} if team else None,
            "enterprise": {"id": enterprise, "name": f"Org {enterprise}"} if enterprise else None,
            "is_enterprise_install": org_wide,
        }
        if refresh_token:
            answer.update(refresh_token=refresh_token, expires_in=expires_in or 43200)
        with self.lock:
            self.grants[code] = answer
            self.teams[token] = {"team_id": team, "enterprise_id": enterprise}

    def rotate(self, refresh_token: str, *, token: str, next_refresh: str, expires_in: int = 43200) -> None:
        """oauth.v2.access with grant_type=refresh_token for `refresh_token` issues `token`."""
        with self.lock:
            self.refreshes[refresh_token] = {
                "ok": True,
                "token_type": "bot",
                "access_token": token,
                "refresh_token": next_refresh,
                "expires_in": expires_in,
            }

    # -- inspection ------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` was called at least `count` times; return those calls."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                found = [c for c in self.calls if c.method == method]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} call(s) to {method}, got {len(found)}: "
                        f"{[c.method for c in self.calls]}"
                    )
                self.lock.wait(left)

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()
            self.script.clear()

    # -- serving ---------------------------------------------------------
    def _answer(self, method: str, body: dict[str, Any], token: str | None) -> Scripted:
        with self.lock:
            queue = self.script.get(method)
            if queue:
                return queue.pop(0)
        answer = self._success(method, body, token)
        return Scripted(body=answer)

    def _oauth(self, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            if body.get("grant_type") == "refresh_token":
                return self.refreshes.get(
                    str(body.get("refresh_token")), {"ok": False, "error": "invalid_refresh_token"}
                )
            return self.grants.get(str(body.get("code")), {"ok": False, "error": "invalid_code"})

    def _success(self, method: str, body: dict[str, Any], token: str | None = None) -> dict[str, Any]:
        if method == "oauth.v2.access":
            return self._oauth(body)
        if token in self.revoked:
            return {"ok": False, "error": "token_revoked"}
        if method == "auth.revoke":
            self.revoked.add(str(token))
            return {"ok": True, "revoked": True}
        if method == "auth.test":
            known = self.teams.get(str(token), {})
            return {
                "ok": True,
                "user_id": "UBOT",
                "bot_id": "BBOT",
                "team_id": known.get("team_id", "T1"),
                "enterprise_id": known.get("enterprise_id"),
                "team": "ITAG",
                "url": "https://itag.example.slack.com/",
                "user": "itag",
            }
        if method in ("chat.postMessage", "chat.postEphemeral", "chat.update"):
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": f"1700000000.{next(self._ts):06d}",
                "message": {"text": body.get("text")},
            }
        if method in ("views.open", "views.update", "views.push"):
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            return {"ok": True, "view": {"id": f"V{next(self._ts):05d}", **(view or {})}}
        if method == "users.info":
            user = str(body.get("user"))
            info = {"id": user, "tz": self.user_tz.get(user, "America/Mexico_City")}
            if str(body.get("include_locale")).lower() in ("true", "1"):
                info["locale"] = self.user_locale.get(user, "en-US")
            return {"ok": True, "user": info}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(body.get("users", "X"))[:10]}}
        return {"ok": True}

    def _record(self, method: str, body: dict[str, Any], headers: dict[str, str]) -> None:
        with self.lock:
            self.calls.append(Call(method, body, headers))
            self.lock.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = _parse(raw, self.headers.get("Content-Type", ""))
                path = self.path.split("?")[0]
                method = path.removeprefix("/api/") if path.startswith("/api/") else path
                answer = fake._answer(method, body, Call(method, body, dict(self.headers)).token)
                if fake.delays.get(method):
                    time.sleep(fake.delays[method])
                fake._record(method, body, dict(self.headers))
                if answer.drop:
                    self.connection.close()
                    return
                payload = json.dumps(answer.body).encode()
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in answer.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

        return Handler


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    if not raw:
        return {}
    if "json" in content_type:
        return json.loads(raw)  # type: ignore[no-any-return]
    body: dict[str, Any] = dict(parse_qsl(raw.decode()))
    for key in ("blocks", "view"):
        if isinstance(body.get(key), str):
            with contextlib.suppress(ValueError):
                body[key] = json.loads(body[key])
    return body


Waiter = Callable[[], bool]
