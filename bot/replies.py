"""Sending what handlers return: the one reply helper, message arguments, and sealed modals."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.installations import workspace_key
from bot.services import Services
from domain.i18n import N_, _, speaking
from domain.mrkdwn import escape, truncate
from handlers.context import Answer, Context, Reply

TAMPERED = N_("This form could not be verified (it may be out of date). Close it and start again.")
STALE_BUTTON = N_("That button is out of date; run the command again.")


def body_user(body: dict[str, Any]) -> str | None:
    """Who sent a slash command (flat `user_id`) or an interaction (nested `user.id`)."""
    return body.get("user_id") or (body.get("user") or {}).get("id") or None


@contextmanager
def speaking_to(services: Services, body: dict[str, Any]) -> Iterator[str]:
    """Build a reply outside a handler in its sender's language (English if nobody can be told)."""
    with speaking(services.language_of(body_user(body))) as language:
        yield language


def interaction_context(
    services: Services, body: dict[str, Any], *, channel_id: str | None = None
) -> AbstractContextManager[Context]:
    """A handler context for whoever sent a slash command or interaction, where it came from.

    Slash commands carry flat `user_id`/`team_id`/`channel_id`; interactions nest them.
    """
    channel = (
        body.get("channel_id")
        or (body.get("channel") or {}).get("id")
        or (body.get("container") or {}).get("channel_id")
    )
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    enterprise = body.get("enterprise_id") or (body.get("enterprise") or {}).get("id")
    org_wide = str(body.get("is_enterprise_install")).lower() == "true"
    return services.context(
        user_id=body_user(body) or "unknown",
        team_id=team,
        channel_id=channel_id or channel,
        workspace=workspace_key(enterprise, team, org_wide),
    )


def first_input_block(view: dict[str, Any]) -> str | None:
    """The block id of a modal's first input: where a message for the whole form can be shown."""
    return next((b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"), None)


def message(answer: Answer, **extra: Any) -> dict[str, Any]:
    """The keyword arguments of an ack or respond call carrying an answer."""
    return {"text": escape(truncate(answer.text, 3000)), "blocks": answer.blocks, **extra}


@dataclass(frozen=True)
class Envelope:
    """A modal's `private_metadata` once verified: the handler's part and where to answer."""

    metadata: str
    response_url: str | None


class Sealer:
    """Signs `private_metadata` so a value altered on its way back through Slack is refused."""

    def __init__(self, secret: str | None) -> None:
        self._key = hmac.new((secret or "itag-bot").encode(), b"private_metadata", hashlib.sha256).digest()

    def _signature(self, payload: str) -> str:
        return hmac.new(self._key, payload.encode(), hashlib.sha256).hexdigest()[:32]

    def seal(self, metadata: str, response_url: str | None) -> str:
        payload = json.dumps({"m": metadata, "r": response_url}, separators=(",", ":"))
        return f"{self._signature(payload)}.{payload}"

    def unseal(self, sealed: str) -> Envelope | None:
        """The envelope, or None when the signature does not match."""
        signature, _, payload = sealed.partition(".")
        if not hmac.compare_digest(signature, self._signature(payload)):
            return None
        try:
            raw = json.loads(payload)
            return Envelope(str(raw["m"]), raw["r"] if isinstance(raw["r"], str) else None)
        except (ValueError, KeyError, TypeError):
            return None


def open_modal(
    client: WebClient, sealer: Sealer, *, trigger_id: str, view: dict[str, Any], response_url: str | None
) -> None:
    """Open a handler's modal, sealing its metadata together with the response URL to answer on."""
    sealed = sealer.seal(str(view.get("private_metadata", "")), response_url)
    client.views_open(trigger_id=trigger_id, view={**view, "private_metadata": sealed})


class Replies:
    """The one way listeners reach handlers and send back what they return."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.sealer = Sealer(services.settings.signing_secret)

    def context(self, body: dict[str, Any], channel_id: str | None = None) -> AbstractContextManager[Context]:
        """A handler context for whoever sent this interaction, in the channel it came from."""
        return interaction_context(self.services, body, channel_id=channel_id)

    def speaking_to(self, body: dict[str, Any]) -> AbstractContextManager[str]:
        """The sender's language in force, for a reply built outside a handler context."""
        return speaking_to(self.services, body)

    def tampered(self, body: dict[str, Any]) -> str:
        """The message for a form whose sealed metadata does not verify, in its sender's language."""
        with self.speaking_to(body):
            return _(TAMPERED)

    def send(
        self,
        reply: Reply,
        body: dict[str, Any],
        client: WebClient,
        respond: Respond | None,
        *,
        replace_original: bool = False,
    ) -> None:
        """An answer goes to the user alone (through `respond`); a modal opens on the trigger."""
        if isinstance(reply, Answer):
            if respond is None:
                return
            where = {} if replace_original else {"response_type": "ephemeral"}
            respond(**message(reply, replace_original=replace_original, **where))
            return
        open_modal(
            client,
            self.sealer,
            trigger_id=body["trigger_id"],
            view=reply.view,
            response_url=body.get("response_url"),
        )
