"""Escaping for Slack mrkdwn: the one place user text is made safe."""

from __future__ import annotations


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


_CONTROL = {code: None for code in [*range(0, 9), 11, 12, *range(14, 32), 127]}


def clean_input(text: str) -> str:
    """Drop control characters (NUL breaks PostgreSQL text) but keep tabs and line breaks."""
    return text.translate(_CONTROL)
