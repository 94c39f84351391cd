"""Hostile titles, places and descriptions reach Slack only as escaped text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.services import Services
from domain.mrkdwn import clean_input
from tests.factories import add_activity
from tests.injection import CORPUS, raw_markup
from tests.slack_requests import SlackSender


def _all_text(payload: Any) -> str:
    """Every string Slack renders as mrkdwn from a message payload (plain_text shows literally)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "plain_text":
                return
            for key, value in node.items():
                if key in ("text", "fallback") and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(payload)
    return "\n".join(found)


@pytest.fixture
def hostile(services: Services) -> list[int]:
    ids = []
    with services.session_factory.begin() as session:
        for index, raw in enumerate(CORPUS):
            text = clean_input(raw)  # as every write path stores user text
            row = add_activity(
                session,
                title=f"Hostile {index} {text}"[:300],
                place=text[:300],
                description=text,
                start=date(2027, 1, 1 + index % 28),
            )
            ids.append(row.id)
    return ids


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 30


def test_listings_and_search_show_hostile_text_escaped(hostile: list[int], slack: SlackSender) -> None:
    for text in ("upcoming", "upcoming 2y", "search hostile", "past", "search <!channel>"):
        page = slack.command(text).json()
        assert raw_markup(_all_text(page)) == [], text
    assert "&lt;!channel&gt;" in _all_text(slack.command("upcoming").json())


def test_every_hostile_activity_in_full_is_escaped(hostile: list[int], slack: SlackSender) -> None:
    for activity_id in hostile:
        body = slack.command(f"show {activity_id}").json()
        assert raw_markup(_all_text(body)) == [], CORPUS[hostile.index(activity_id)]


@pytest.mark.parametrize("text", CORPUS[:12])
def test_hostile_command_text_is_escaped_in_hints(slack: SlackSender, text: str) -> None:
    for command in (text, f"upcoming {text}", f"plan {text}", f"show {text}", f"search {text}"):
        body = slack.command(command).json()
        assert raw_markup(_all_text(body)) == [], command
