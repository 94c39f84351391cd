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
from contextlib import contextmanager
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


@pytest.fixture
def served(tmp_path: Path, fake_slack: FakeSlack) -> Iterator[str]:
    with _serving(tmp_path, fake_slack.api_url) as (url, _process):
        yield url


@contextmanager
def _serving(tmp_path: Path, api_url: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ITAG_", "DATABASE_URL"))},
        "PYTHONPATH": str(ROOT),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(url, process)
        yield url, process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _wait_up(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Wait until /healthz answers at all (200, or 503 naming what is wrong)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            _get(url + "/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not come up")


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _stderr_after_stop(process: subprocess.Popen[bytes]) -> str:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    return process.stderr.read().decode() if process.stderr else ""


def test_serve_comes_up_when_slack_is_unreachable(tmp_path: Path, fake_slack: FakeSlack) -> None:
    closed = f"http://127.0.0.1:{_free_port()}/api/"  # nothing listens there
    with _serving(tmp_path, closed) as (url, process):
        status, health = _get(url + "/healthz")
        assert status == 200 and "database: ok" in health and "slack token: unreachable" in health
        # An answer that needs no Web API call still goes out during the outage.
        reply = SlackSender(url, fake_slack.response_url()).command("past 2019")
        assert reply.status == 200 and "World Indigenous Business Forum" in reply.body.decode()
        assert process.poll() is None
        log = _stderr_after_stop(process)
    assert "Worker failed to boot" not in log and "Traceback" not in log
    assert log.count("Slack's Web API is unreachable") == 1


def test_serve_shows_a_refused_token_on_healthz_and_in_one_log_line(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next("auth.test", error="invalid_auth", times=100)
    with _serving(tmp_path, fake_slack.api_url) as (url, process):
        status, health = _get(url + "/healthz")
        assert status == 503 and "database: ok" in health and "slack token: refused (invalid_auth)" in health
        reply = SlackSender(url, fake_slack.response_url()).command("past 2019")
        assert "World Indigenous Business Forum" not in reply.body.decode()  # a refused token serves nothing
        assert process.poll() is None
        log = _stderr_after_stop(process)
    assert "Worker failed to boot" not in log and "Traceback" not in log
    assert log.count("Slack refused SLACK_BOT_TOKEN (invalid_auth)") == 1


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
