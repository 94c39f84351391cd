"""Escaping for Slack mrkdwn: the one place user text is made safe."""

from __future__ import annotations

import re


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control characters in mrkdwn.

    Only `&`, `<` and `>` are escaped (Slack's own rule); this defuses `<!channel>`,
    `<@U123>` and `<https://evil|ok>` while leaving everything else as typed.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    """Shorten text to at most `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


_DATE = re.compile(r"<!date\^[^|>]*\|([^>]*)>")
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_BARE_LINK = re.compile(r"<(https?://[^|>]+)>")
_EMPHASIS = re.compile(r"(?<![\w*_~])([*_~])([^*_~\n]+?)\1(?![\w*_~])")


def mrkdwn_to_text(text: str) -> str:
    """Drop mrkdwn markup: dates to their fallback, links to 'label (url)', entities decoded."""
    text = _DATE.sub(r"\1", text)
    text = _LINK.sub(r"\2 (\1)", text)
    text = _BARE_LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_CONTROL = {code: None for code in [*range(0, 9), 11, 12, *range(14, 32), 127]}


def clean_input(text: str) -> str:
    """Drop control characters (NUL breaks PostgreSQL text) but keep tabs and line breaks."""
    return text.translate(_CONTROL)


_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")


def is_user_id(text: str) -> bool:
    """True for a Slack user id (U… or W…), the only thing we ever put inside `<@…>`."""
    return bool(_USER_ID.match(text))
