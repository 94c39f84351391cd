"""`itag-bot clock` and `itag-bot reminders preview`: the scheduler process and a dry run.

The scheduler keeps no state worth keeping (in-memory job store): the database's ledger
says what is due and what was sent, so a restart or a second clock never double-sends.
"""

from __future__ import annotations

import argparse
import logging
import signal
from datetime import timedelta
from types import FrameType
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler

from bot.cli import command
from bot.delivery_routes import reminder_channels
from bot.reminder_jobs import ReminderJobs
from bot.reminder_sender import SlackPoster
from bot.services import Services, create_services, prepare_database
from bot.settings import Settings
from bot.slack_client import make_client
from domain.reminders import MONTH_NOTICE, WEEKDAYS, lead_label
from storage.activities import activity_by_id
from storage.digests import digest_schedule
from storage.due import planned_reminders

log = logging.getLogger("itag.clock")

DUE_JOB, DIGEST_JOB = "send-due-reminders", "weekly-digest"
JOB_DEFAULTS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600}


def build_scheduler(services: Services, jobs: ReminderJobs, scheduler: BaseScheduler) -> BaseScheduler:
    """A scheduler in the team's zone: a pass every minute and the weekly digest."""
    zone = ZoneInfo(services.settings.timezone)
    scheduler.configure(timezone=zone, job_defaults=JOB_DEFAULTS)
    with services.session_factory() as session:
        schedule = digest_schedule(session, zone=services.settings.timezone)
    first = services.clock().astimezone(zone)
    scheduler.add_job(
        jobs.run_pass,
        "interval",
        minutes=1,
        id=DUE_JOB,
        replace_existing=True,
        next_run_time=first,
        **JOB_DEFAULTS,
    )
    # The minute pass also catches up a digest the clock was down for; this is the punctual one.
    scheduler.add_job(
        jobs.run_pass,
        "cron",
        day_of_week=WEEKDAYS[schedule.weekday],
        hour=schedule.hour,
        minute=0,
        id=DIGEST_JOB,
        replace_existing=True,
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


@command(
    "clock",
    "run the reminder clock (never inside web workers)",
    lambda p: p.add_argument("--once", action="store_true", help="one pass, then exit"),
)
def _clock(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.oauth:
        settings.require("SLACK_BOT_TOKEN")
    services = create_services(settings)
    prepare_database(services)
    return run_clock(services, once=bool(args.once))


def _preview_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["preview"])
    parser.add_argument("--days", type=int, default=14, help="how far ahead to look (default 14)")


def preview_lines(services: Services, *, days: int) -> list[str]:
    """What will be sent in the next `days` days, when and where, one line each."""
    now = services.clock()
    with services.session_factory() as session:
        channels = reminder_channels(services, session)
        items = planned_reminders(session, now=now, until=now + timedelta(days=days), channels=channels)
        lines = []
        for item in items:
            activity = activity_by_id(session, activity_id=item.activity_id)
            title = activity.title if activity else f"#{item.activity_id}"
            when = "now (overdue)" if item.overdue else f"{item.due_at:%Y-%m-%d %H:%M} UTC"
            where = f"DM {item.recipient}" if item.recipient.startswith(("U", "W")) else item.recipient
            lead = lead_label(item.lead) if item.lead == MONTH_NOTICE else f"{item.lead:>5} before"
            lines.append(f"{when:<22} {lead}  #{item.activity_id} {title}  → {where}")
    return lines or [f"nothing to send in the next {days} days"]


@command("reminders", "what the clock will send: `reminders preview [--days N]`", _preview_arguments)
def _reminders(args: argparse.Namespace, settings: Settings) -> int:
    services = create_services(settings)
    prepare_database(services)
    print("\n".join(preview_lines(services, days=max(int(args.days), 1))))
    return 0
