"""Benchmark the activity form with 10,000 activities stored, beside a bare Bolt app, in one run.

    python -m bench.bench_forms [--quick]

Measured through the real WSGI + Bolt app over signed HTTP on loopback, against the
fake Slack Web API: `/itag add` until `views.open` reaches Slack, the `/itag add` ack
itself, and `view_submission` round trips (valid, and with validation errors). The
baseline is a bare Bolt app that acks a constant, served the same way.
Set ITAG_BENCH_DATABASE_URL to measure on PostgreSQL (an empty database) instead of SQLite.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bench.report import print_table
from bot.services import Services, create_services, migrate, seed_programme
from bot.settings import Settings
from bot.slack_app import create_bolt_app
from bot.slack_client import make_client
from bot.wsgi import create_wsgi_app
from domain.drafts import Draft
from handlers import ids
from storage.activity_writes import import_activities
from tests.fake_slack import FakeSlack
from tests.form_payloads import form_values, view_submission
from tests.slack_requests import SIGNING_SECRET, SlackSender
from tests.wsgi_server import serving

TITLE = "/itag add -> views.open and view_submission, 10,000 activities, vs bare Bolt"
STORED = 10_000
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
VALID = {"title": "Bench webinar", "kind": "webinar", "start": "2027-05-14", "at": "15:00", "place": "Geneva"}


def bare_bolt_app(fake: FakeSlack) -> Callable[..., Any]:
    """A Bolt app that acks a constant: the floor any listener of ours stands on."""
    app = App(client=make_client("xoxb-bench", fake.api_url), signing_secret=SIGNING_SECRET)
    app.command("/itag")(lambda ack: ack("ok"))
    app.view(ids.ACTIVITY_FORM)(lambda ack: ack())
    return SlackRequestHandler(app)  # type: ignore[no-any-return]


def prepared_services(url: str, fake: FakeSlack) -> Services:
    settings = Settings(
        database_url=url,
        bot_token="xoxb-bench",
        signing_secret=SIGNING_SECRET,
        api_url=fake.api_url,
        editors=frozenset({"U0EDITOR"}),
    )
    services = create_services(settings, clock=lambda: NOW)
    migrate(services)
    seed_programme(services)
    items = [
        (Draft(title=f"Stored {n}", kind="webinar", start=date(2027, 1 + n % 12, 1 + n % 28)), f"bench:{n}")
        for n in range(STORED)
    ]
    with services.session_factory.begin() as session:
        import_activities(session, items=items, actor="bench", now=NOW, default_zone="UTC")
    return services


def timed(action: Callable[[], object], n: int) -> list[float]:
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def row(name: str, samples: list[float], note: str) -> dict[str, Any]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "name": name,
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(p99, 2),
        "n": len(samples),
        "note": note,
    }


def _measure_app(sender: SlackSender, fake: FakeSlack, n: int) -> list[dict[str, Any]]:
    opened = iter(range(1, 10**9))

    def add_until_views_open() -> None:
        assert sender.command("add Webinar in Geneva on 14 May 2027").status == 200
        fake.wait_for("views.open", next(opened))

    samples = timed(add_until_views_open, n)
    view = fake.calls_to("views.open")[0].body["view"]
    ack_only = timed(lambda: sender.command("add Webinar in Geneva on 14 May 2027"), n)
    fake.wait_for("views.open", 2 * n)
    counter = iter(range(10**9))

    def save() -> None:
        payload = view_submission(view, form_values(view, **VALID), view_id=f"VBENCH{next(counter)}")
        assert sender.payload(payload).body == b""

    saves = timed(save, n)
    bad = view_submission(view, form_values(view, **{**VALID, "end": "2027-05-01"}))
    errors = timed(lambda: sender.payload(bad), n)
    return [
        row("itag add -> views.open", samples, f"{STORED} activities stored; signed HTTP in, fake Slack out"),
        row("itag add ack", ack_only, "HTTP round trip of the slash command"),
        row("view_submission valid", saves, "stores one activity and acks; card posted after the ack"),
        row("view_submission errors", errors, "response_action=errors"),
    ]


def _measure_baseline(sender: SlackSender, n: int) -> list[dict[str, Any]]:
    view = {"blocks": [], "private_metadata": "", "callback_id": ids.ACTIVITY_FORM, "title": {}}
    return [
        row("bare bolt: command ack", timed(lambda: sender.command("add"), n), "acks a constant"),
        row(
            "bare bolt: view_submission", timed(lambda: sender.payload(view_submission(view, {})), n), "acks"
        ),
    ]


def run(quick: bool = False) -> list[dict[str, Any]]:
    """Every measurement as rows of name / p50_ms / p99_ms / n / note."""
    n = 30 if quick else 300
    fake = FakeSlack().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = os.environ.get("ITAG_BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.db"
            services = prepared_services(url, fake)
            try:
                with serving(bare_bolt_app(fake)) as bare_url:
                    rows = _measure_baseline(SlackSender(bare_url, fake.response_url()), n)
                with serving(create_wsgi_app(services, create_bolt_app(services))) as app_url:
                    rows += _measure_app(SlackSender(app_url, fake.response_url()), fake, n)
            finally:
                services.engine.dispose()
    finally:
        fake.stop()
    return rows


if __name__ == "__main__":
    print_table(TITLE, run(quick="--quick" in sys.argv[1:]))
