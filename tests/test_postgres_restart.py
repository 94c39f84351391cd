"""The real PostgreSQL server stopped and started under a running app.

Opt-in (it stops the machine's server): ITAG_TEST_RESTART_POSTGRES=1; `.ci/run` runs it on
its own after the main suite.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from bot.services import Services
from tests.conftest import FAULT_REPORT
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, errors_of, logged, open_form, submit
from tests.slack_requests import SlackSender

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        os.environ.get("ITAG_TEST_RESTART_POSTGRES") != "1", reason="stops the PostgreSQL server"
    ),
]


def _cluster(action: str) -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    args = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
    subprocess.run([*args, "-m", "fast"] if action == "stop" else args, check=True, timeout=60)


def _wait_ready() -> None:
    for _ in range(60):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"], check=False).returncode == 0:
            return
        time.sleep(0.5)
    raise AssertionError("PostgreSQL did not come back")


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_the_app_answers_through_a_restart_and_recovers_by_itself(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    assert "Canada" in slack.command("members").json()["text"]
    view = open_form(slack, fake_slack)
    _cluster("stop")
    try:
        timings = []
        for text in ("members", "upcoming", "past 2019"):
            started = time.monotonic()
            reply = slack.command(text)
            timings.append(time.monotonic() - started)
            assert reply.status == 200 and "database is not answering" in reply.json()["text"]
        started = time.monotonic()
        assert "try again" in " ".join(errors_of(submit(slack, view, **VALID)).values())
        timings.append(time.monotonic() - started)
    finally:
        _cluster("start")
        _wait_ready()
    assert max(timings) < 3.0
    assert "Canada" in slack.command("members").json()["text"]
    assert submit(slack, view, **VALID).body == b""
    assert [a.title for a in logged(services)] == [VALID["title"]]
    FAULT_REPORT.append(
        {
            "db": "postgresql",
            "test": "server stopped and started under the app",
            "slowest_answer_s": round(max(timings), 3),
            "after_restart": "ok",
        }
    )
