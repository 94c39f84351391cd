"""`itag-bot serve` as it runs in production: gunicorn in a real process, on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import create_services
from bot.settings import Settings
from bot.slack_app import create_bolt_app
from bot.wsgi import create_wsgi_app
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, SlackSender

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not become healthy")


@pytest.fixture
def served(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[str]:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ITAG_", "DATABASE_URL"))},
        "PYTHONPATH": str(ROOT),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_serve_runs_gunicorn_that_answers_signed_commands(served: str, fake_slack: FakeSlack) -> None:
    reply = SlackSender(served, fake_slack.response_url()).command("past 2019")
    assert reply.status == 200
    assert "World Indigenous Business Forum" in reply.body.decode()


def test_serve_refuses_unsigned_requests(served: str) -> None:
    request = urllib.request.Request(served + "/slack/events", data=b"command=/itag&text=plan", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 401


def test_healthz_is_503_when_the_database_is_unreachable(fake_slack: FakeSlack) -> None:
    settings = Settings(
        database_url="postgresql+psycopg://nobody@127.0.0.1:1/none",
        bot_token="xoxb-test-token",
        signing_secret=SIGNING_SECRET,
        api_url=fake_slack.api_url,
    )
    services = create_services(settings)
    app = create_wsgi_app(services, create_bolt_app(services))
    statuses: list[str] = []
    body = b"".join(app({"PATH_INFO": "/healthz", "REQUEST_METHOD": "GET"}, lambda s, h: statuses.append(s)))
    assert statuses == ["503 Service Unavailable"] and b"unreachable" in body
