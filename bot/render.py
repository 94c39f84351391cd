"""Block Kit to readable terminal text, so `itag-bot ask` shows what Slack would."""

from __future__ import annotations

from typing import Any

from domain.mrkdwn import mrkdwn_to_text
from handlers.context import Answer


def _block_text(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = str(block["text"]["text"])
        return ["", title, "=" * min(len(title), 72)]
    if kind == "section":
        lines = [mrkdwn_to_text(block["text"]["text"])] if "text" in block else []
        lines += [mrkdwn_to_text(f["text"]) for f in block.get("fields", [])]
        return lines
    if kind == "context":
        return ["  " + " ".join(mrkdwn_to_text(e.get("text", "")) for e in block["elements"])]
    if kind == "divider":
        return ["-" * 40]
    return []


def to_terminal(answer: Answer) -> str:
    """The answer as plain text (its blocks when it has them, else its fallback)."""
    if not answer.blocks:
        return answer.text
    lines: list[str] = []
    for block in answer.blocks:
        lines.extend(_block_text(block))
    return "\n".join(lines).strip() + "\n"
