"""Checks an answer against Slack's Block Kit rules, using slack_sdk's own models."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block

MESSAGE_BLOCKS = 50


def assert_valid_message(blocks: list[dict[str, Any]]) -> None:
    """At most 50 blocks, each one parsing and validating as slack_sdk's model."""
    assert len(blocks) <= MESSAGE_BLOCKS, f"{len(blocks)} blocks"
    for raw in blocks:
        model = Block.parse(raw)
        assert model is not None, raw
        model.validate_json()
        for element in raw.get("elements", []):
            assert len(element.get("value", "")) <= 2000
        text = raw.get("text", {}).get("text", "")
        assert len(text) <= (150 if raw["type"] == "header" else 3000)
