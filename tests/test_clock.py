"""The clock process: scheduler wiring, --once, preview, and SIGTERM ending it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.clock import DIGEST_JOB, DUE_JOB, build_scheduler, make_jobs, preview_lines, run_clock
from bot.services import Services
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.reminder_helpers import posts

ROOT = Path(__file__).resolve().parent.parent


def test_scheduler_has_fixed_jobs_in_the_team_zone_with_generous_misfire_settings(services: Services) -> None:
    scheduler = build_scheduler(services, make_jobs(services), BackgroundScheduler())
    assert scheduler.timezone == ZoneInfo("UTC")
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {DUE_JOB, DIGEST_JOB}
    for job in jobs.values():
        assert job.coalesce is True and job.max_instances == 1
        assert job.misfire_grace_time >= 3600
    assert isinstance(jobs[DUE_JOB].trigger, IntervalTrigger)
    assert jobs[DUE_JOB].trigger.interval == timedelta(minutes=1)
    digest = jobs[DIGEST_JOB].trigger
    assert isinstance(digest, CronTrigger)
    fields = {f.name: str(f) for f in digest.fields}
    assert (fields["day_of_week"], fields["hour"], fields["minute"]) == ("mon", "9", "0")
    assert all(job.kwargs == {} and job.name == "ReminderJobs.run_pass" for job in jobs.values())


def test_clock_once_does_one_pass(services: Services, fake_slack: FakeSlack) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Ministers", kind="ministerial", start=date(2026, 12, 5))
    assert run_clock(services, once=True) == 0
    assert len(posts(fake_slack)) == 1
    assert run_clock(services, once=True) == 0
    assert len(posts(fake_slack)) == 1


def test_preview_lists_what_will_be_sent_when_and_where(services: Services, clock: list[datetime]) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Ministers", kind="ministerial", start=date(2026, 12, 5))
        add_activity(session, title="Forum", kind="wto_public_forum", start=date(2027, 1, 10))
    lines = preview_lines(services, days=20)
    assert lines[0].startswith("now (overdue)") and "7d before  #" in lines[0] and "Ministers" in lines[0]
    assert any("2026-12-04 09:00 UTC" in line and "1d" in line for line in lines)
    assert any("2026-12-11 09:00 UTC" in line and "Forum" in line and "C0REMIND" in line for line in lines)


def test_sigterm_stops_the_clock_cleanly(tmp_path: Path, fake_slack: FakeSlack) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'clock.db'}",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake_slack.api_url,
        "ITAG_REMINDER_CHANNEL": "C0REMIND",
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "clock"], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if "clock started" in process.stderr.readline():
                break
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        assert "clock stopped" in process.stderr.read()
    finally:
        process.kill() if process.poll() is None else None
