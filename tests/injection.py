"""Strings that try to smuggle mentions, links or markup into Slack mrkdwn."""

from __future__ import annotations

import re

from tests.conftest import REMINDER_CHANNEL

CORPUS: list[str] = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S1>",
    "<!subteam^S0123|@trade-team>",
    "<@U123>",
    "<@W0EVIL|admin>",
    "<#C123>",
    "<#C123|general>",
    "<https://evil.example|https://ok.example>",
    "<https://evil.example>",
    "<mailto:x@evil.example|mail>",
    "&lt;!here&gt;",
    "&amp;lt;!channel&amp;gt;",
    "<!date^1700000000^{date}|fake date>",
    "\u202e<!channel>\u202c",
    "\u200f<!here>\u200e",
    "<<!channel>>",
    "<!channel|channel>",
    "< !channel >",
    "*bold* _it_ ~strike~ `code` ```block```",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "@channel @here @everyone",
    "<tel:+123|call me>",
    "x" * 3001,
    "line\nbreak <!here>\r\n",
    "\x00\x07\x1b[31m<!channel>",
    "<slack://open|open app>",
    "[click](https://evil.example)",
    "&<>&<>",
    "<!channel> meeting <https://evil.example|click>",
]

# Our own markup: date tokens with a fallback, and the link tokens built from validated URLs.
_OURS = re.compile(
    r"<!date\^\d+\^\{date_long_pretty\} at \{time\}\|[^<>]*>|<!date\^\d+\^\{time\}\|\d\d:\d\d UTC>"
    r"|<@U0[A-Z0-9]+>|<https?://[^<>|]+\|Link>"
    rf"|<#{REMINDER_CHANNEL}>"  # the configured reminder channel, shown by `/itag reminders`
)
_RAW = re.compile(r"<[!@#]|<(?:https?|mailto|tel|slack):")


def raw_markup(text: str) -> list[str]:
    """Mention or link markup in `text` that the app did not put there itself."""
    return _RAW.findall(_OURS.sub("", text))
