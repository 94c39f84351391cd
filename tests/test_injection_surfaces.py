"""The injection corpus through every surface that shows stored text: confirmation posts,
reminders, the digest, history and the reminder settings answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.services import Services
from domain.mrkdwn import clean_input
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, open_form, submit
from tests.injection import CORPUS, raw_markup
from tests.reminder_helpers import digests, pass_at, posts
from tests.slack_requests import SlackSender
from tests.test_injection import _all_text

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
MONDAY_NINE = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", CORPUS, ids=[f"corpus{i}" for i in range(len(CORPUS))])
def test_confirmation_posts_escape_what_the_form_received(
    services: Services, slack: SlackSender, fake_slack: FakeSlack, text: str
) -> None:
    view = open_form(slack, fake_slack)
    reply = submit(
        slack, view, **{**VALID, "title": text[:150], "place": text[:300], "description": text[:3000]}
    )
    assert reply.status == 200
    if reply.body:  # a rule said no (e.g. only whitespace left): nothing stored, nothing posted
        return
    posted = fake_slack.wait_for("chat.postMessage")[0].body
    assert raw_markup(_all_text(posted)) == []


@pytest.fixture
def hostile_due(services: Services) -> list[int]:
    """A ministerial meeting per corpus string, each owing the channel a reminder now."""
    with services.session_factory.begin() as session:
        return [
            add_activity(
                session,
                title=clean_input(text)[:300],
                place=clean_input(text)[:300],
                description=clean_input(text),
                kind="ministerial",
                start=date(2026, 12, 2),
                at=time(9, n % 60),
                plan_ref="2022-2024/2.i",
                link="https://example.org/a?b=<c>&d",
            ).id
            for n, text in enumerate(CORPUS)
        ]


def test_reminders_escape_stored_text(
    services: Services, fake_slack: FakeSlack, clock: list[datetime], hostile_due: list[int]
) -> None:
    pass_at(services, clock, NOW)
    sent = posts(fake_slack)
    assert len(sent) == len(CORPUS)
    for call in sent:
        assert raw_markup(_all_text(call.body)) == []


def test_the_digest_escapes_stored_text(
    services: Services, fake_slack: FakeSlack, clock: list[datetime], hostile_due: list[int]
) -> None:
    pass_at(services, clock, MONDAY_NINE)
    (digest,) = digests(fake_slack)
    assert raw_markup(_all_text(digest.body)) == []


def test_reminder_settings_and_history_escape_stored_text(
    services: Services, slack: SlackSender, fake_slack: FakeSlack, hostile_due: list[int]
) -> None:
    assert raw_markup(_all_text(slack.command("reminders").json())) == []
    view = open_form(slack, fake_slack, f"edit {hostile_due[0]}", user="U0EDITOR")
    submit(slack, view, user="U0EDITOR", view_id="V0EDIT", title="<!here> renamed <@U1|x>")
    assert raw_markup(_all_text(slack.command(f"history {hostile_due[0]}").json())) == []
