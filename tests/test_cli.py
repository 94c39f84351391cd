"""The `itag-bot` command as a newcomer runs it: a real process, no Slack credentials."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ITAG_", "DATABASE_URL"))}
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**clean, **(env or {})},
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_ask_plan_works_on_a_fresh_machine(tmp_path: Path) -> None:
    result = run("ask", "plan", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}"})
    assert result.returncode == 0, result.stderr
    assert "Proposed points of engagement 2022-2024" in result.stdout
    assert "hold an annual ITAG event at the WTO public forum" in result.stdout
    assert "Traceback" not in result.stderr


def test_ask_uses_the_default_database_in_the_working_directory(tmp_path: Path) -> None:
    result = run("ask", "past", "2019", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Inaugural ITAG WTO caucus meeting" in result.stdout
    assert (tmp_path / "itag.db").exists()


def test_ask_renders_readable_text_not_markup(tmp_path: Path) -> None:
    result = run("ask", "members", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"})
    assert "Costa Rica" in result.stdout
    assert "*Costa Rica*" not in result.stdout


def test_seed_twice_changes_nothing(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}"}
    assert run("migrate", env=env).returncode == 0
    first, second = run("seed", env=env), run("seed", env=env)
    assert "8 members" in first.stdout
    assert "0 members, 0 plan items, 0 activities added" in second.stdout


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["ask", "plan"], {"ITAG_TIMEZONE": "Nowhere/Zone"}, "ITAG_TIMEZONE"),
        (["serve"], {}, "SLACK_BOT_TOKEN"),
        (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        (["socket"], {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
        (["ask", "plan"], {"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        (["ask", "plan"], {"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}, "DATABASE_URL"),
    ],
)
def test_configuration_problems_end_with_one_line_and_status_2(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}", **env}
    result = run(*args, env=env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert message in lines[0] and "Traceback" not in result.stderr
