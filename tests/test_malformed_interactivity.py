"""Unknown ids, missing or mistyped state, stale buttons and other workspaces' activities:
a clear answer every time, and nothing changes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.services import Services
from handlers import ids
from storage.versions import data_version
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, form_values, menu_choice, open_form, view_submission
from tests.slack_requests import SlackSender, block_action

OUTDATED = "out of date"
CLEAR = ("no activity", "no longer exists", OUTDATED, "takes an activity number", "don't know")


def _is_clear(answer: str) -> bool:
    return any(phrase in answer for phrase in CLEAR)


def _stamp(services: Services) -> str:
    with services.session_factory() as session:
        return data_version(session)


def _answers(fake: FakeSlack) -> list[str]:
    return [c.body.get("text", "") for c in fake.calls if c.method.startswith("/response/")]


def test_unknown_action_id_gets_a_clear_answer(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    before = _stamp(services)
    assert slack.action("itag_no_such_button", "1").status == 200
    fake_slack.wait_for("/response/r1")
    assert OUTDATED in _answers(fake_slack)[0]
    assert _stamp(services) == before


def test_unknown_view_callback_keeps_the_modal_open_with_a_message(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    payload = view_submission({**view, "callback_id": "itag_retired_form"}, form_values(view, **VALID))
    body = slack.payload(payload).json()
    assert body["response_action"] == "errors"
    assert OUTDATED in next(iter(body["errors"].values()))


def test_unknown_message_shortcut_gets_a_clear_answer(slack: SlackSender, fake_slack: FakeSlack) -> None:
    payload = {
        "type": "message_action",
        "callback_id": "itag_retired_shortcut",
        "trigger_id": "t",
        "team": {"id": "T1"},
        "user": {"id": "U0ALICE"},
        "channel": {"id": "C0ITAG"},
        "message": {"text": "hi", "ts": "1.1"},
        "response_url": fake_slack.response_url(),
    }
    assert slack.payload(payload).status == 200
    fake_slack.wait_for("/response/r1")
    assert OUTDATED in _answers(fake_slack)[0]


@pytest.mark.parametrize(
    "values",
    [
        {},  # no state at all
        {ids.FIELD_BLOCKS["title"]: {}},  # a block with no element
        {ids.FIELD_BLOCKS["title"]: {"value": {"type": "plain_text_input", "value": 42}}},
        {ids.FIELD_BLOCKS["start"]: {"value": {"type": "datepicker", "selected_date": "31/02/2027"}}},
        {ids.FIELD_BLOCKS["at"]: {"value": {"type": "timepicker", "selected_time": "25:99"}}},
        {
            ids.FIELD_BLOCKS["kind"]: {
                "value": {"type": "static_select", "selected_option": {"value": "rave"}}
            }
        },
        {ids.FIELD_BLOCKS["hosts"]: {"value": {"type": "multi_static_select", "selected_options": "CA"}}},
        {
            ids.FIELD_BLOCKS["zone"]: {
                "value": {"type": "static_select", "selected_option": {"value": "Mars/Base"}}
            }
        },
    ],
    ids=[
        "no-state",
        "empty-block",
        "number-title",
        "bad-date",
        "bad-time",
        "unknown-kind",
        "hosts-not-list",
        "unknown-zone",
    ],
)
def test_missing_or_mistyped_state_is_refused_and_stores_nothing(
    services: Services, slack: SlackSender, fake_slack: FakeSlack, values: dict[str, Any]
) -> None:
    view = open_form(slack, fake_slack)
    merged = {**form_values(view, **VALID), **values} if values else {}
    before = _stamp(services)
    reply = slack.payload(view_submission(view, merged, view_id="V0BAD"))
    assert reply.status == 200
    body = reply.json()
    assert body["response_action"] == "errors" and body["errors"]
    assert all(key in ids.FIELD_BLOCKS.values() for key in body["errors"])
    assert _stamp(services) == before


@pytest.mark.parametrize(
    "choice", ["edit:999999", "cancel:999999", "delete:abc", "frobnicate:3", "", "show:"]
)
def test_stale_or_forged_menu_choices_get_a_clear_answer(
    services: Services, slack: SlackSender, fake_slack: FakeSlack, choice: str
) -> None:
    before = _stamp(services)
    payload = menu_choice(choice, user="U0EDITOR", response_url=fake_slack.response_url())
    assert slack.payload(payload).status == 200
    answer = fake_slack.wait_for("/response/r1")[0].body["text"]
    assert _is_clear(answer), answer
    assert fake_slack.calls_to("views.open") == []
    assert _stamp(services) == before


@pytest.mark.parametrize("action_id", [ids.CONFIRM_CANCEL, ids.CONFIRM_DELETE, ids.SHOW_ACTIVITY])
@pytest.mark.parametrize("value", ["999999", "x", ""])
def test_stale_confirmation_and_details_buttons(
    services: Services, slack: SlackSender, fake_slack: FakeSlack, action_id: str, value: str
) -> None:
    before = _stamp(services)
    assert slack.action(action_id, value, user="U0EDITOR").status == 200
    answer = fake_slack.wait_for("/response/r1")[0].body["text"]
    assert _is_clear(answer), answer
    assert _stamp(services) == before


def test_a_block_action_without_actions_is_refused_cleanly(slack: SlackSender, fake_slack: FakeSlack) -> None:
    payload = block_action(ids.MORE_RESULTS, "x", response_url=fake_slack.response_url())
    payload["actions"] = [{**payload["actions"][0], "value": json.dumps({"q": 5})}]
    assert slack.payload(payload).status == 200
    assert OUTDATED in fake_slack.wait_for("/response/r1")[0].body["text"]
