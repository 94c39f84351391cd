"""Escaping for Slack mrkdwn: the one place user text is made safe."""

from __future__ import annotations

import re
from collections.abc import Iterable


class Mrkdwn(str):
    """Text that is already mrkdwn: escaped text inside markup this app wrote (see `md`)."""

    __slots__ = ()


def escape(text: str) -> Mrkdwn:
    """Escape the three characters Slack treats as control characters in mrkdwn.

    Only `&`, `<` and `>` are escaped (Slack's own rule); this defuses `<!channel>`,
    `<@U123>` and `<https://evil|ok>` while leaving everything else as typed.
    Text that is already mrkdwn is returned as it is, so nothing is escaped twice.
    """
    if isinstance(text, Mrkdwn):
        return text
    return Mrkdwn(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def md(template: str, *values: object) -> Mrkdwn:
    """Fill `template` — a literal written here, the only unescaped markup — with escaped values.

    `md("*{}* · {}", title, place)`; a value that is already `Mrkdwn` goes in as it is.
    """
    return Mrkdwn(template.format(*(escape(v if isinstance(v, str) else str(v)) for v in values)))


def md_join(separator: str, parts: Iterable[str]) -> Mrkdwn:
    """Join parts (each escaped unless already mrkdwn) with a literal separator."""
    return Mrkdwn(separator.join(escape(part) for part in parts))


def link(url: str, label: str) -> Mrkdwn:
    """`<url|label>`; a `|` in the URL is percent-encoded so it cannot start a label of its own."""
    return md("<{}|{}>", url.replace("|", "%7C"), label)


def truncate(text: str, limit: int) -> str:
    """Shorten text to at most `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)] + "…"
    return Mrkdwn(cut) if isinstance(text, Mrkdwn) else cut


_DATE = re.compile(r"<!date\^[^|>]*\|([^>]*)>")
_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_BARE_LINK = re.compile(r"<(https?://[^|>]+)>")
_MENTION = re.compile(r"<([@#])([A-Z0-9]+)(?:\|([^>]*))?>")
_EMPHASIS = re.compile(r"(?<![\w*_~])([*_~])([^*_~\n]+?)\1(?![\w*_~])")


def mrkdwn_to_text(text: str) -> str:
    """Drop mrkdwn markup: dates to their fallback, links to 'label (url)', mentions to '#C…'/'@U…',
    entities decoded."""
    text = _DATE.sub(r"\1", text)
    text = _LINK.sub(r"\2 (\1)", text)
    text = _BARE_LINK.sub(r"\1", text)
    text = _MENTION.sub(lambda m: m.group(1) + (m.group(3) or m.group(2)), text)
    text = _EMPHASIS.sub(r"\2", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


_CONTROL = {code: None for code in [*range(0, 9), 11, 12, *range(14, 32), 127]}


def clean_input(text: str) -> str:
    """Drop control characters (NUL breaks PostgreSQL text) but keep tabs and line breaks."""
    return text.translate(_CONTROL)


_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,30}$")
_CONVERSATION_ID = re.compile(r"^[CDG][A-Z0-9]{2,30}$")


def is_user_id(text: str) -> bool:
    """True for a Slack user id (U… or W…), the only thing we ever put inside `<@…>`."""
    return bool(_USER_ID.match(text))


def is_channel_id(text: str, *, dm: bool = False) -> bool:
    """True for a channel id (C… public, G… private; with `dm`, D… direct messages too)."""
    return bool((_CONVERSATION_ID if dm else _CHANNEL_ID).match(text))


def mention(slack_id: str, *, otherwise: str | None = None) -> Mrkdwn:
    """`<@U…>` for a user id, `<#C…>` for a channel id; anything else as text (or as `otherwise`)."""
    if is_user_id(slack_id):
        return Mrkdwn(f"<@{slack_id}>")
    if is_channel_id(slack_id):
        return Mrkdwn(f"<#{slack_id}>")
    return escape(slack_id if otherwise is None else otherwise)
