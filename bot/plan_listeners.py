"""Listeners for the programme, plan-item and member forms (editors keep the programmes from Slack)."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack
from slack_sdk.webhook import WebhookClient

from bot.replies import Replies, message
from handlers import ids
from handlers.member_forms import save_member_form
from handlers.plan_forms import Saved, save_plan_item, save_programme


class PlanFormListeners:
    """Each submission: verify the sealed metadata, save in one transaction, answer the editor."""

    def __init__(self, replies: Replies) -> None:
        self.replies = replies
        self.sealer = replies.sealer

    def submit_programme(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        envelope = self.sealer.unseal(str(view.get("private_metadata") or ""))
        if envelope is None:
            ack(response_action="errors", errors={ids.PROGRAMME_BLOCKS["title"]: self.replies.tampered(body)})
            return
        with self.replies.context(body) as ctx:
            saved = save_programme(ctx, _values(view), view_id=str(view.get("id") or ""))
        self._finish(ack, saved, envelope.response_url)

    def submit_item(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        envelope = self.sealer.unseal(str(view.get("private_metadata") or ""))
        meta = _meta(envelope.metadata) if envelope else None
        if envelope is None or meta is None:
            ack(response_action="errors", errors={ids.PLAN_ITEM_BLOCKS["body"]: self.replies.tampered(body)})
            return
        with self.replies.context(body) as ctx:
            saved = save_plan_item(ctx, _values(view), meta, view_id=str(view.get("id") or ""))
        self._finish(ack, saved, envelope.response_url)

    def submit_member(self, ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        envelope = self.sealer.unseal(str(view.get("private_metadata") or ""))
        meta = _member_meta(envelope.metadata) if envelope else None
        if envelope is None or meta is None:
            ack(response_action="errors", errors={ids.MEMBER_BLOCKS["name"]: self.replies.tampered(body)})
            return
        with self.replies.context(body) as ctx:
            saved = save_member_form(ctx, _values(view), meta, view_id=str(view.get("id") or ""))
        self._finish(ack, saved, envelope.response_url)

    def _finish(self, ack: Ack, saved: Saved, response_url: str | None) -> None:
        if saved.errors:
            ack(response_action="errors", errors=saved.errors)
            return
        ack()
        if saved.note is not None and response_url:
            WebhookClient(response_url, timeout=10).send(response_type="ephemeral", **message(saved.note))


def _values(view: dict[str, Any]) -> dict[str, Any]:
    values = (view.get("state") or {}).get("values")
    return values if isinstance(values, dict) else {}


def _meta(text: str) -> dict[str, Any] | None:
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("p"), str):
        return None
    if raw.get("r") is not None and not isinstance(raw["r"], str):
        return None
    return raw


def _member_meta(text: str) -> dict[str, Any] | None:
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    if not isinstance(raw, dict) or not (raw.get("m") is None or isinstance(raw["m"], str)):
        return None
    return raw
