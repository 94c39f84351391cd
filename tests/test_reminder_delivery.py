"""Exactly once under concurrency and Slack errors; DMs to subscribers; stopping mid-pass."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time

from bot.reminder_jobs import PassReport, ReminderJobs
from bot.reminder_sender import PostResult, SlackPoster
from bot.services import Services
from bot.slack_client import make_client
from handlers.context import Answer
from storage.subscriptions import subscribe
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.reminder_helpers import ledger_rows, make_jobs, pass_at, posts

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _due_now(services: Services, count: int) -> list[int]:
    """`count` ministerial meetings whose 7d reminder is due at NOW."""
    with services.session_factory.begin() as session:
        return [
            add_activity(
                session, title=f"Meeting {n}", kind="ministerial", start=date(2026, 12, 4), at=time(9, n)
            ).id
            for n in range(count)
        ]


def test_two_clock_passes_at_once_send_each_reminder_once(services: Services, fake_slack: FakeSlack) -> None:
    ids = _due_now(services, 12)
    start = threading.Barrier(2)
    reports: list[PassReport] = []

    def clock_process() -> None:
        jobs = make_jobs(services)  # its own client and sessions, like a second process
        start.wait()
        reports.append(jobs.run_pass())

    threads = [threading.Thread(target=clock_process) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    channel_posts = [c for c in posts(fake_slack) if c.body["channel"] == "C0REMIND"]
    assert len(channel_posts) == 12
    assert sorted(r.activity_id for r in ledger_rows(services)) == sorted(ids)
    assert sum(r.sent for r in reports) == 12
    assert all(r.status == "sent" and r.message_ts for r in ledger_rows(services))


def test_rate_limited_post_is_retried_after_retry_after_and_delivered_once(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _due_now(services, 1)
    fake_slack.fail_next("chat.postMessage", status=429, headers={"Retry-After": "1"})
    pass_at(services, clock, NOW)
    assert len(posts(fake_slack)) == 2  # the 429, then the retry
    (row,) = ledger_rows(services)
    assert row.status == "sent" and row.message_ts
    pass_at(services, clock, NOW)
    assert len(posts(fake_slack)) == 2


def test_server_error_is_retried_with_backoff(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _due_now(services, 1)
    fake_slack.fail_next("chat.postMessage", status=503)
    pass_at(services, clock, NOW)
    assert len(posts(fake_slack)) == 2
    assert [r.status for r in ledger_rows(services)] == ["sent"]


def test_channel_not_found_is_recorded_and_the_next_reminder_still_goes(
    services: Services, fake_slack: FakeSlack, clock: list[datetime], caplog
) -> None:  # type: ignore[no-untyped-def]
    first, second = _due_now(services, 2)
    fake_slack.fail_next("chat.postMessage", error="channel_not_found")
    pass_at(services, clock, NOW)
    rows = {r.activity_id: r for r in ledger_rows(services)}
    assert rows[first].status == "failed" and rows[first].error == "channel_not_found"
    assert rows[second].status == "sent"
    assert "channel_not_found" in caplog.text and "C0REMIND" in caplog.text
    pass_at(services, clock, NOW)  # a failure is visible in the ledger, not retried blindly
    assert len(posts(fake_slack)) == 2


def test_subscribers_get_the_same_reminder_by_dm_with_their_own_ledger_row(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    (ident,) = _due_now(services, 1)
    with services.session_factory.begin() as session:
        subscribe(session, user_id="U0ALICE", target="kind:ministerial", now=NOW)
        subscribe(session, user_id="U0BOB", target=f"activity:{ident}", now=NOW)
        subscribe(session, user_id="U0CAROL", target="kind:webinar", now=NOW)
    pass_at(services, clock, NOW)
    assert sorted(c.body["channel"] for c in posts(fake_slack)) == ["C0REMIND", "U0ALICE", "U0BOB"]
    assert sorted(r.recipient for r in ledger_rows(services)) == ["C0REMIND", "U0ALICE", "U0BOB"]


class _StopAfterFirst(SlackPoster):
    """The real poster; the first post is when SIGTERM arrives."""

    def __init__(self, services: Services, jobs_holder: list[ReminderJobs]) -> None:
        super().__init__(make_client(services.settings.bot_token, services.settings.api_url))
        self.jobs_holder = jobs_holder

    def post(
        self, *, channel: str, answer: Answer, thread_ts: str | None = None, token: str | None = None
    ) -> PostResult:
        self.jobs_holder[0].stop.set()
        return super().post(channel=channel, answer=answer, thread_ts=thread_ts, token=token)


def test_stopping_finishes_the_current_send_and_leaves_the_rest_unclaimed(
    services: Services, fake_slack: FakeSlack
) -> None:
    _due_now(services, 3)
    holder: list[ReminderJobs] = []
    holder.append(ReminderJobs(services, _StopAfterFirst(services, holder)))
    holder[0].run_pass()
    assert len(posts(fake_slack)) == 1
    assert [r.status for r in ledger_rows(services)] == ["sent"]
    make_jobs(services).run_pass()  # the next clock picks up the rest
    assert len(posts(fake_slack)) == 3
