"""Logging for every `itag-bot` command: one format, and no Slack token ever written out."""

from __future__ import annotations

import logging
import re

# Bot, user, app-level, refresh and configuration tokens (xoxb-, xoxp-, xapp-, xoxe-, xoxe.xoxb-).
TOKEN = re.compile(r"\bx(?:ox[a-z]|app)[-.][A-Za-z0-9.-]+")


class RedactTokens(logging.Filter):
    """Rewrites a record's message with every Slack token replaced by "[redacted token]"."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if TOKEN.search(message):
            record.msg, record.args = TOKEN.sub("[redacted token]", message), None
        return True


def configure_logging() -> None:
    """Log at INFO to stderr, through a handler that never prints a token."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactTokens())
