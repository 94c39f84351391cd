"""`itag-bot clock` and `itag-bot reminders preview`: the scheduler process and a dry run.

The scheduler keeps no state worth keeping (in-memory job store): the database's ledger
says what is due and what was sent, so a restart or a second clock never double-sends.
"""

from __future__ import annotations

import argparse
import logging
import signal
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler

from bot.reminder_jobs import ReminderJobs
from bot.reminder_sender import SlackPoster
from bot.render import to_terminal
from bot.services import Services, create_services, prepare_database
from bot.settings import Settings
from bot.slack_app import make_client
from handlers.reminders import preview_answer

log = logging.getLogger("itag.clock")

PASS_JOB = "clock-pass"  # noqa: S105 - a job id, not a password
JOB_DEFAULTS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600}


def build_scheduler(services: Services, jobs: ReminderJobs, scheduler: BaseScheduler) -> BaseScheduler:
    """A scheduler in the team's zone with one job: a pass every minute.

    The pass serves reminders and the digest alike, and reads the digest's day and hour each
    time, so an editor's change takes effect at the next minute without a restart.
    """
    zone = ZoneInfo(services.settings.timezone)
    scheduler.configure(timezone=zone, job_defaults=JOB_DEFAULTS)
    first = services.clock().astimezone(zone)
    scheduler.add_job(
        jobs.run_pass,
        "interval",
        minutes=1,
        id=PASS_JOB,
        replace_existing=True,
        next_run_time=first,
        **JOB_DEFAULTS,
    )
    return scheduler


def make_jobs(services: Services) -> ReminderJobs:
    settings = services.settings
    return ReminderJobs(services, SlackPoster(make_client(settings.bot_token, settings.api_url)))


def run_clock(services: Services, *, once: bool) -> int:
    """One pass (`--once`), or the scheduler until SIGTERM/SIGINT, finishing the current send."""
    jobs = make_jobs(services)
    if once:
        report = jobs.run_pass()
        log.info("pass done: %s", report)
        return 0

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: finishing the current send, then stopping", signum)
        jobs.stop.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # Jobs run on the scheduler's threads; the main thread only waits for a signal, so a
    # signal arriving at any moment (even during start-up) ends the process the same way.
    scheduler = build_scheduler(services, jobs, BackgroundScheduler())
    scheduler.start()
    log.info("clock started in %s", services.settings.timezone)
    jobs.stop.wait()
    scheduler.shutdown(wait=True)
    log.info("clock stopped")
    return 0


def clock_command(args: argparse.Namespace, settings: Settings) -> int:
    """`itag-bot clock [--once]`."""
    settings.require("SLACK_BOT_TOKEN")
    services = create_services(settings)
    prepare_database(services)
    return run_clock(services, once=bool(args.once))


def preview_lines(services: Services, *, days: int) -> list[str]:
    """What will be sent in the next `days` days, when and where, one line each."""
    with services.context() as ctx:
        return to_terminal(preview_answer(ctx, days=days)).splitlines()


def reminders_command(args: argparse.Namespace, settings: Settings) -> int:
    """`itag-bot reminders preview [--days N]`: the reminders handler's preview, in the terminal."""
    services = create_services(settings)
    prepare_database(services)
    print("\n".join(preview_lines(services, days=max(int(args.days), 1))))
    return 0
