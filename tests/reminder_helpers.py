"""Helpers for clock tests: a pass against the fake Slack, ledger reads, moving time."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from bot.reminder_jobs import PassReport, ReminderJobs
from bot.reminder_sender import SlackPoster
from bot.services import Services
from bot.slack_client import make_client
from domain.dates import start_instant
from storage.models import Activity, Delivery
from tests.fake_slack import Call, FakeSlack


def make_jobs(services: Services) -> ReminderJobs:
    settings = services.settings
    return ReminderJobs(services, SlackPoster(make_client(settings.bot_token, settings.api_url)))


def pass_at(services: Services, clock: list[datetime], when: datetime) -> PassReport:
    clock[0] = when
    return make_jobs(services).run_pass()


def posts(fake: FakeSlack) -> list[Call]:
    """Reminders and cancellation notices posted (digests left out)."""
    return [c for c in fake.calls_to("chat.postMessage") if not c.body["text"].startswith("ITAG: this week")]


def digests(fake: FakeSlack) -> list[Call]:
    return [c for c in fake.calls_to("chat.postMessage") if c.body["text"].startswith("ITAG: this week")]


def ledger_rows(services: Services) -> list[Delivery]:
    with services.session_factory() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def move(services: Services, activity_id: int, day: date, at: time | None, now: datetime) -> None:
    """What an edit does to the date: new start, new instant, updated_at stamped."""
    with services.session_factory.begin() as session:
        row = session.get_one(Activity, activity_id)
        row.start_date, row.start_time = day, at
        row.starts_at = start_instant(day, at, row.timezone)
        row.updated_at = now


def set_status(services: Services, activity_id: int, *, now: datetime, deleted: bool = False) -> None:
    with services.session_factory.begin() as session:
        row = session.get_one(Activity, activity_id)
        if deleted:
            row.deleted_at = now
        else:
            row.status, row.cancelled_at = "cancelled", now
