"""`itag-bot ask` prints what Slack would show, as plain text."""

from __future__ import annotations

from bot.render import mrkdwn_to_text, to_terminal
from handlers.context import Answer


def test_dates_links_entities_and_emphasis_become_plain_text() -> None:
    text = "*Caucus* at <!date^1801576800^{date_long_pretty} at {time}|2 February 2027 15:00 (Europe/Zurich)>"
    assert mrkdwn_to_text(text) == "Caucus at 2 February 2027 15:00 (Europe/Zurich)"
    assert (
        mrkdwn_to_text("<https://wto.org|WTO> &lt;!here&gt; &amp; co") == "WTO (https://wto.org) <!here> & co"
    )


def test_underscores_inside_words_are_kept() -> None:
    assert mrkdwn_to_text("snake_case_name and _italic_") == "snake_case_name and italic"


def test_header_and_context_blocks_render_as_lines() -> None:
    answer = Answer(
        text="fallback",
        blocks=[
            {"type": "header", "text": {"type": "plain_text", "text": "Title"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "#3 · Members: Chile"}]},
            {"type": "actions", "elements": []},
        ],
    )
    assert to_terminal(answer) == "Title\n=====\n  #3 · Members: Chile\n"
