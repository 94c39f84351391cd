"""Every answer stays inside Slack's Block Kit limits, however much data there is."""

from __future__ import annotations

from datetime import date

import pytest

from bot.services import Services
from tests.blockkit import assert_valid_message
from tests.factories import add_activity
from tests.slack_requests import SlackSender

COMMANDS = [
    "",
    "help",
    "upcoming",
    "upcoming 2y",
    "past",
    "past 2019",
    "plan",
    "plan 2020-2022",
    "plan 2022-2024 2",
    "search e",
    "show 2",
    "members",
    "nonsense words",
]


@pytest.fixture
def crowded(services: Services) -> Services:
    with services.session_factory.begin() as session:
        for day in range(1, 29):
            add_activity(
                session,
                title="Long " * 60,
                description="Words " * 900,
                place="Place " * 50,
                start=date(2027, 2, day),
                hosts=("CA", "CL", "NZ", "MX", "CO", "PE", "CR", "EC"),
            )
    return services


@pytest.mark.parametrize("text", COMMANDS)
def test_answers_are_valid_block_kit_within_limits(crowded: Services, slack: SlackSender, text: str) -> None:
    body = slack.command(text).json()
    assert_valid_message(body["blocks"])
    assert 0 < len(body["text"]) <= 3000
