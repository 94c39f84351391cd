"""Every mrkdwn text the Block Kit helpers emit is escaped, whatever text they are given."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from domain.dates import DateSpec
from domain.mrkdwn import md
from domain.records import Activity
from handlers import blocks
from handlers.reminder_messages import cancellation_message, reminder_message
from tests.injection import CORPUS, raw_markup

_ENTITY = re.compile(r"&(?!amp;|lt;|gt;)")


def _mrkdwn_texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn":
            yield value["text"]
        for item in value.values():
            yield from _mrkdwn_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _mrkdwn_texts(item)


def _hostile(text: str) -> Activity:
    return Activity(
        id=7,
        title=text,
        kind="webinar",
        when=DateSpec(date(2027, 5, 14), None, "day"),
        timezone="Europe/Zurich",
        start_time=time(10, 0),
        end_time=time(11, 30),
        starts_at=datetime(2027, 5, 14, 8, 0, tzinfo=UTC),
        place=text,
        hosts=("CL", text[:20]),
        plan_ref=text[:40],
        description=text,
        link="https://example.org/" + text[:50],
    )


def _emitted(text: str) -> list[Any]:
    activity = _hostile(text)
    members = {"CL": text}
    return [
        blocks.section(text),
        blocks.context(text),
        blocks.section(md("*{}* {}", text, text)),
        blocks.context(md("{} · {}", text, blocks.when_text(activity))),
        blocks.activity_card(activity, members),
        blocks.activity_card(activity, members, detail=True),
        reminder_message(activity, "7d", members).blocks,
        cancellation_message(activity).blocks,
    ]


@pytest.mark.parametrize("text", CORPUS, ids=[f"corpus{i}" for i in range(len(CORPUS))])
def test_every_mrkdwn_text_the_helpers_emit_is_escaped(text: str) -> None:
    texts = list(_mrkdwn_texts(_emitted(text)))
    assert len(texts) >= 10
    for emitted in texts:
        assert raw_markup(emitted) == [], emitted
        assert not _ENTITY.search(emitted), emitted


def test_escaping_happens_once() -> None:
    [text] = _mrkdwn_texts(blocks.section(md("*{}*", "a & b")))
    assert text == "*a &amp; b*"
    [plain] = _mrkdwn_texts(blocks.section("<!channel> & co"))
    assert plain == "&lt;!channel&gt; &amp; co"
