"""`itag-bot socket`: the same app over Socket Mode, against a fake Socket Mode server on loopback."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from websockets.sync.server import Server, ServerConnection, serve

from tests.fake_slack import FakeSlack, Scripted
from tests.slack_requests import command_body

ROOT = Path(__file__).resolve().parent.parent


class FakeSocketMode:
    """Says hello, sends one slash-command envelope and keeps what the app answers."""

    def __init__(self, envelope: dict[str, Any]) -> None:
        self.envelope = envelope
        self.answers: queue.Queue[dict[str, Any]] = queue.Queue()
        self.server: Server = serve(self._session, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link"

    def _session(self, connection: ServerConnection) -> None:
        connection.send(json.dumps({"type": "hello", "num_connections": 1}))
        connection.send(json.dumps(self.envelope))
        for raw in connection:
            self.answers.put(json.loads(raw))


@pytest.fixture
def socket_server() -> Iterator[FakeSocketMode]:
    payload: dict[str, Any] = dict(parse_qsl(command_body("members")))
    envelope = {
        "envelope_id": "env-1",
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": payload,
    }
    fake = FakeSocketMode(envelope)
    yield fake
    fake.server.shutdown()


def test_socket_mode_answers_a_slash_command(
    tmp_path: Path, fake_slack: FakeSlack, socket_server: FakeSocketMode
) -> None:
    fake_slack.script["apps.connections.open"] = [Scripted(body={"ok": True, "url": socket_server.url})] * 5
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ITAG_", "DATABASE_URL"))},
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'socket.db'}",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_APP_TOKEN": "xapp-test-token",
        "SLACK_API_URL": fake_slack.api_url,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "socket"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        answer = socket_server.answers.get(timeout=30)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert answer["envelope_id"] == "env-1"
    assert answer["payload"]["response_type"] == "ephemeral"
    assert "Costa Rica" in answer["payload"]["text"]
    opened = fake_slack.calls_to("apps.connections.open")
    assert opened and opened[0].headers.get("Authorization") == "Bearer xapp-test-token"
