"""Servers under test, each started as its own gunicorn process with the same settings.

`python -m bench.targets itag|bare` runs one; the benchmark starts both in turn.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.load import drive
from bot.server import serve
from bot.settings import Settings
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, command_body

ROOT = Path(__file__).resolve().parent.parent


def load_bare_app(settings: Settings) -> Any:
    """A bare Bolt app that acks /itag with a constant string: the baseline."""
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.slack_client import make_client

    app = App(
        client=make_client(settings.bot_token, settings.api_url), signing_secret=settings.signing_secret
    )

    @app.command("/itag")
    def constant(ack: Any) -> None:
        ack(text="ok")

    @app.event("app_home_opened")
    def constant_home(event: dict[str, Any], client: Any) -> None:
        view = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "ok"}}]}
        client.views_publish(user_id=event["user"], view=view)

    slack = SlackRequestHandler(app)

    def application(environ: dict[str, Any], start_response: Any) -> Any:
        """Slack to Bolt; any GET gets a constant body (the floor for calendar requests)."""
        if environ.get("REQUEST_METHOD") == "GET":
            body = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
            start_response("200 OK", [("Content-Type", "text/calendar"), ("Content-Length", str(len(body)))])
            return [body]
        return slack(environ, start_response)

    return application


def server_env(database: str, fake: FakeSlack) -> dict[str, str]:
    """The environment both servers run with: same database, fake Slack and worker count."""
    return {
        "DATABASE_URL": database,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def worker_rss_mib(master_pid: int) -> list[float]:
    """Resident size of each gunicorn worker (children of the master), in MiB."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master_pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        sizes.append(round(kib / 1024, 1))
    return sizes


@contextmanager
def running(target: str, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """Start `target` under gunicorn, wait until it answers, yield its events URL and master pid."""
    port = free_port()
    full_env = {**os.environ, **env, "PORT": str(port), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.targets", target],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/slack/events"
    try:
        _wait_ready(url, process)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: server exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", int(url.split(":")[2].split("/")[0]))) == 0:
                warm = drive(url, lambda i: command_body("help"), total=20, concurrency=2)
                if warm.failures == 0:
                    return
        time.sleep(0.3)
    raise RuntimeError(f"{url}: not ready after {timeout}s")


if __name__ == "__main__":
    settings = Settings.from_env()
    if sys.argv[1] == "bare":
        serve(settings, loader=load_bare_app, accesslog=None)
    else:
        serve(settings, accesslog=None)
