"""`itag-bot` logs never print a Slack token, whoever logs it and at whatever level."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import logging
from bot.logs import configure_logging
configure_logging()
logging.getLogger("slack_sdk.web.base_client").warning("answer: %s", {"access_token": "xoxb-1-2-abc"})
logging.getLogger("itag.oauth").error("refresh xoxe-1-secret failed; app token xapp-1-A1-zz")
logging.getLogger("itag.clock").info("a plain line")
"""


def test_the_commands_log_handler_redacts_every_kind_of_token() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    for secret in ("xoxb-1-2-abc", "xoxe-1-secret", "xapp-1-A1-zz"):
        assert secret not in result.stderr
    assert result.stderr.count("[redacted token]") == 3 and "a plain line" in result.stderr
