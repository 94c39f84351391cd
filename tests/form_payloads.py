"""The activity form in tests: payloads in Slack's shapes (view submissions, overflow-menu
choices, message shortcuts) and the steps scenario tests repeat."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.services import Services
from handlers import ids
from storage.models import Activity
from tests.fake_slack import Call, FakeSlack
from tests.slack_requests import Response, SlackSender, block_action

FIELD_OF_BLOCK = {block: name for name, block in ids.FIELD_BLOCKS.items()}


def _option(value: str, label: str | None = None) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": label or value, "emoji": True}, "value": value}


def _state(element: dict[str, Any], value: Any) -> dict[str, Any]:
    """One element's entry in `view.state.values`, as Slack reports it for that element type."""
    kind = element["type"]
    if kind in ("plain_text_input", "url_text_input"):
        return {"type": kind, "value": value}
    if kind == "static_select":
        return {"type": kind, "selected_option": _option(value) if value else None}
    if kind == "multi_static_select":
        return {"type": kind, "selected_options": [_option(v) for v in value or []]}
    if kind == "datepicker":
        return {"type": kind, "selected_date": value}
    if kind == "timepicker":
        return {"type": kind, "selected_time": value}
    raise AssertionError(f"unexpected element {kind}")


def _initial(element: dict[str, Any]) -> Any:
    kind = element["type"]
    if kind in ("plain_text_input", "url_text_input"):
        return element.get("initial_value")
    if kind == "static_select":
        return (element.get("initial_option") or {}).get("value")
    if kind == "multi_static_select":
        return [o["value"] for o in element.get("initial_options") or []]
    if kind == "datepicker":
        return element.get("initial_date")
    return element.get("initial_time")


def form_values(view: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The state of the form as shown (its initial values), with the fields in `changes` as typed."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        name = FIELD_OF_BLOCK[block["block_id"]]
        value = changes[name] if name in changes else _initial(element)
        values[block["block_id"]] = {element["action_id"]: _state(element, value)}
    return values


def view_submission(
    view: dict[str, Any], values: dict[str, Any], *, user: str = "U0ALICE", view_id: str = "V0FORM1"
) -> dict[str, Any]:
    """A view_submission payload for a modal the app opened, with the given state."""
    return {
        "type": "view_submission",
        "team": {"id": "T1", "domain": "itag"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": "T1"},
        "api_app_id": "A1",
        "token": "legacy",
        "trigger_id": "trig-3",
        "view": {
            "id": view_id,
            "team_id": "T1",
            "type": "modal",
            "blocks": view["blocks"],
            "private_metadata": view["private_metadata"],
            "callback_id": view["callback_id"],
            "state": {"values": values},
            "hash": "1700000000.abcdef",
            "title": view["title"],
            "clear_on_close": False,
            "notify_on_close": False,
            "close": view.get("close"),
            "submit": view.get("submit"),
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": "A1",
            "external_id": "",
            "app_installed_team_id": "T1",
            "bot_id": "BBOT",
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def menu_choice(
    value: str, *, user: str = "U0ALICE", response_url: str, channel: str = "C0ITAG"
) -> dict[str, Any]:
    """A block_actions payload: `value` chosen from an activity card's overflow menu."""
    payload = block_action(ids.ACTIVITY_MENU, "", user=user, response_url=response_url, channel=channel)
    payload["trigger_id"] = "trig-menu"
    payload["actions"] = [
        {
            "type": "overflow",
            "action_id": ids.ACTIVITY_MENU,
            "block_id": "card",
            "selected_option": _option(value),
            "action_ts": "1.3",
        }
    ]
    return payload


def message_shortcut(
    text: str, *, user: str = "U0ALICE", response_url: str, channel: str = "C0ITAG"
) -> dict[str, Any]:
    """A message_action payload: "Log as ITAG activity" chosen on a message."""
    return {
        "type": "message_action",
        "token": "legacy",
        "action_ts": "1700000001.000100",
        "team": {"id": "T1", "domain": "itag"},
        "user": {"id": user, "name": user.lower(), "team_id": "T1"},
        "channel": {"id": channel, "name": "itag"},
        "callback_id": ids.LOG_MESSAGE_SHORTCUT,
        "trigger_id": "trig-shortcut",
        "message_ts": "1699999999.000200",
        "message": {
            "type": "message",
            "user": "U0CAROL",
            "ts": "1699999999.000200",
            "text": text,
        },
        "response_url": response_url,
    }


def open_form(
    slack: SlackSender, fake_slack: FakeSlack, text: str = "add", *, user: str = "U0ALICE"
) -> dict[str, Any]:
    """Run `/itag TEXT` and return the modal it opened."""
    mark = fake_slack.mark()
    reply = slack.command(text, user=user)
    assert reply.status == 200
    [call] = fake_slack.wait_for("views.open", where=command_trigger, after=mark)
    return call.body["view"]  # type: ignore[no-any-return]


def command_trigger(call: Call) -> bool:
    """A views.open answering a slash command (whose trigger is `trig-1`), not a menu or shortcut."""
    return call.body.get("trigger_id") == "trig-1"


def submit(
    slack: SlackSender,
    view: dict[str, Any],
    *,
    user: str = "U0ALICE",
    view_id: str = "V0FORM1",
    **changes: Any,
) -> Response:
    return slack.payload(view_submission(view, form_values(view, **changes), user=user, view_id=view_id))


def logged(services: Services) -> list[Activity]:
    """Activities logged by people (seed rows have no creator)."""
    with services.session_factory() as session:
        query = select(Activity).where(Activity.created_by.is_not(None)).order_by(Activity.id)
        return list(session.scalars(query))


def element(view: dict[str, Any], name: str) -> dict[str, Any]:
    block = next(b for b in view["blocks"] if b.get("block_id") == ids.FIELD_BLOCKS[name])
    return block["element"]  # type: ignore[no-any-return]


def errors_of(reply: Response) -> dict[str, str]:
    body = reply.json()
    assert body["response_action"] == "errors"
    return body["errors"]  # type: ignore[no-any-return]


VALID = {
    "title": "Webinar on trade and gender",
    "kind": "webinar",
    "start": "2027-05-14",
    "at": "15:00",
    "place": "Geneva",
    "hosts": ["CL", "MX"],
    "plan_ref": "2022-2024/2.i",
    "description": "An hour on data.",
    "link": "https://example.org/webinar",
}
