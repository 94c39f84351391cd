"""One clock pass: claim in the ledger (committed), post, record — reminders, notices, digest."""

from __future__ import annotations

import logging
import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.delivery_routes import SINGLE, Routes, delivery_routes
from bot.reminder_sender import PostResult, SlackPoster
from bot.services import Services
from domain.i18n import speaking
from domain.records import Activity
from domain.reminders import CANCELLED, digest_due, occurrence, target_for
from handlers.context import Answer
from handlers.digest import digest_answer
from handlers.reminder_messages import cancellation_message, reminder_message
from storage.activities import activity_by_id
from storage.digests import claim_digest, digest_claimed, digest_schedule, finish_digest, release_digest
from storage.due import Planned, due_deliveries
from storage.open_claims import StaleClaim, abandon, reclaim, release_claim, stale_claims
from storage.programme import member_names
from storage.reminders import (
    LedgerEntry,
    cancelled_with_reminders,
    claim_delivery,
    mark_failed,
    mark_sent,
)

log = logging.getLogger("itag.reminders")


@dataclass
class PassReport:
    """What one pass did."""

    sent: int = 0
    failed: int = 0
    deferred: int = 0
    notices: int = 0
    digest: str | None = None


class ReminderJobs:
    """The clock's work; safe to run in several processes at once (the ledger decides)."""

    def __init__(self, services: Services, poster: SlackPoster, stop: threading.Event | None = None) -> None:
        self.services = services
        self.poster = poster
        self.stop = stop or threading.Event()
        self.busy = threading.Lock()
        self.routes = Routes()
        self.refused: set[str] = set()  # tokens Slack refused this pass: nothing more is sent with them

    @property
    def halted(self) -> bool:
        """Single-token mode with the token refused: every further post would fail the same way."""
        return SINGLE in self.refused

    def _reachable(self, recipient: str) -> str | None:
        """The token to reach `recipient` with, or None: no member reaches it, or Slack refused it."""
        token = self.routes.token_for(recipient)
        return None if token is None or token in self.refused else token

    def run_pass(self) -> PassReport:
        """Resume interrupted sends, send what is due, then cancellation notices and the digest."""
        report = PassReport()
        with self.busy:
            self.refused = set()
            with self.services.session_factory.begin() as session:
                self.routes = delivery_routes(self.services, session)
            self.resume_interrupted(report)
            self.send_due(report)
            self.send_cancellations(report)
            self.send_digest(report)
        return report

    def wait_idle(self) -> None:
        """Block until the pass in progress (if any) has finished its current send."""
        with self.busy:
            pass

    def send_due(self, report: PassReport) -> None:
        now = self.services.clock()
        with self.services.session_factory.begin() as session:
            plan = due_deliveries(session, now=now, channels=list(self.routes.channels))
        for item in plan:
            if self.stop.is_set() or self.halted:
                log.info("stopping: %d reminder(s) left for the next pass", len(plan))
                return
            self._deliver(item, report)

    def resume_interrupted(self, report: PassReport) -> None:
        """Resend reminders whose clock died between claiming and recording them.

        Slack may already have the message (the crash came after it accepted the post), so
        this can duplicate at most one reminder per crash; losing it is the worse outcome.
        """
        now = self.services.clock()
        cutoff = now - timedelta(seconds=self.services.settings.stale_claim_seconds)
        with self.services.session_factory.begin() as session:
            claims = stale_claims(session, claimed_before=cutoff)
        for claim in claims:
            if self.stop.is_set() or self.halted:
                return
            self._resume(claim, report)

    def _resume(self, claim: StaleClaim, report: PassReport) -> None:
        now = self.services.clock()
        token = self._reachable(claim.recipient)
        if token is None:
            return  # its workspace is gone for now; a pass after a reinstall resends it
        item = Planned(claim.activity_id, claim.lead, claim.recipient, claim.occurrence, claim.claimed_at)
        with self.services.session_factory.begin() as session:
            activity = _still_due(session, item, now)
            if activity is None:
                abandon(session, claim=claim, reason="interrupted; the activity started, moved or went away")
                return
            if not reclaim(session, claim=claim, now=now):
                return
            with self._speaking(session, claim.recipient, now):
                answer = reminder_message(
                    activity, claim.lead, member_names(session), self.services.calendar_links()
                )
        log.warning(
            "resending reminder %d (%s before activity %d) after an interrupted send",
            claim.delivery_id,
            claim.lead,
            claim.activity_id,
        )
        result = self.poster.post(channel=claim.recipient, answer=answer, token=token)
        self._record(claim.delivery_id, result, report, token)

    def _deliver(self, item: Planned, report: PassReport) -> None:
        now = self.services.clock()
        token = self._reachable(item.recipient)
        if token is None:
            return
        with self.services.session_factory.begin() as session:
            activity = _still_due(session, item, now)
            if activity is None:
                return
            claimed = claim_delivery(
                session,
                activity_id=item.activity_id,
                lead=item.lead,
                recipient=item.recipient,
                occurrence=item.occurrence,
                due_at=item.due_at,
                now=now,
            )
            with self._speaking(session, item.recipient, now):
                answer = reminder_message(
                    activity, item.lead, member_names(session), self.services.calendar_links()
                )
        if claimed is not None:  # committed above, before anything reaches Slack
            result = self.poster.post(channel=item.recipient, answer=answer, token=token)
            self._record(claimed, result, report, token)

    def _speaking(self, session: Session, recipient: str, now: datetime) -> AbstractContextManager[str]:
        """Build a post in its reader's language: a DM in the user's, a channel post in the channel's."""
        return speaking(self.services.languages.for_recipient(session, recipient=recipient, now=now))

    def _record(self, delivery_id: int, result: PostResult, report: PassReport, token: str) -> None:
        """Sent, failed for good, or given back for the next pass (a transient or auth failure)."""
        now = self.services.clock()
        with self.services.session_factory.begin() as session:
            if result.ok:
                mark_sent(session, delivery_id=delivery_id, channel=result.channel, ts=result.ts, now=now)
                report.sent += 1
            elif result.transient or result.auth_failed:
                release_claim(session, delivery_id=delivery_id)
                report.deferred += 1
            else:
                mark_failed(
                    session, delivery_id=delivery_id, channel=result.channel, error=result.error or ""
                )
                report.failed += 1
        if result.auth_failed:
            self.refused.add(token)  # every further post with it would fail the same way

    def send_cancellations(self, report: PassReport) -> None:
        now = self.services.clock()
        with self.services.session_factory.begin() as session:
            entries = cancelled_with_reminders(session, now=now)
        for entry in entries:
            if self.stop.is_set() or self.halted:
                return
            self._notify_cancelled(entry, report)

    def _notify_cancelled(self, entry: LedgerEntry, report: PassReport) -> None:
        now = self.services.clock()
        token = self._reachable(entry.recipient)
        if token is None:
            return
        with self.services.session_factory.begin() as session:
            activity = activity_by_id(session, activity_id=entry.activity_id)
            if activity is None or not activity.cancelled:
                return
            claimed = claim_delivery(
                session,
                activity_id=entry.activity_id,
                lead=CANCELLED,
                recipient=entry.recipient,
                occurrence=entry.occurrence,
                due_at=now,
                now=now,
            )
            with self._speaking(session, entry.recipient, now):
                notice = cancellation_message(activity)
        if claimed is None:
            return
        channel = entry.channel or entry.recipient
        result = self.poster.post(channel=channel, answer=notice, thread_ts=entry.message_ts, token=token)
        self._record(claimed, result, report, token)
        report.notices += 1 if result.ok else 0

    def send_digest(self, report: PassReport) -> None:
        """Post this period's digest once to each reminder channel, when its moment has passed."""
        for channel, token in self.routes.channels.items():
            if self.stop.is_set() or token in self.refused:
                continue
            self._send_digest(channel, token, report)

    def _send_digest(self, channel: str, token: str, report: PassReport) -> None:
        """This period's digest to one channel, once across clocks; silent when empty."""
        now = self.services.clock()
        with self.services.session_factory.begin() as session:
            claim = self._claim_digest(session, channel)
        if claim is None:
            return
        run_id, period, answer = claim
        result = self.poster.post(channel=channel, answer=answer, token=token)
        if result.auth_failed:
            self.refused.add(token)
        with self.services.session_factory.begin() as session:
            if result.transient or result.auth_failed:
                release_digest(session, run_id=run_id)  # a later pass tries again
                status = "deferred"
            else:
                status = "sent" if result.ok else "failed"
                finish_digest(
                    session, run_id=run_id, status=status, now=now, ts=result.ts, error=result.error
                )
        report.digest = f"{period} {status}"

    def _claim_digest(self, session: Session, channel: str) -> tuple[int, str, Answer] | None:
        now = self.services.clock()
        due = digest_due(digest_schedule(session, zone=self.services.settings.timezone), now=now)
        if due is None or digest_claimed(session, period=due[0], recipient=channel):
            return None
        period, today = due
        run_id = claim_digest(session, period=period, recipient=channel, now=now)
        if run_id is None:
            return None
        with self._speaking(session, channel, now):
            answer = digest_answer(session, today=today, links=self.services.calendar_links())
        if answer is None:
            finish_digest(session, run_id=run_id, status="empty", now=now)
            return None
        return run_id, period, answer


def _still_due(session: Session, item: Planned, now: datetime) -> Activity | None:
    """The activity, re-read: still live, not started and on the date the plan was made for."""
    activity = activity_by_id(session, activity_id=item.activity_id)
    if activity is None:
        return None
    target = target_for(activity)
    if target is None or occurrence(target) != item.occurrence or target.starts_at <= now:
        return None
    return activity
