"""`/itag reminders edit`: the settings as a modal, for editors only, checked before anything is stored."""

from __future__ import annotations

from typing import Any

from bot.services import Services
from handlers import ids
from storage.digests import digest_schedule
from storage.reminders import reminder_channel, reminder_rules
from tests.blockkit import assert_valid_message
from tests.fake_slack import FakeSlack
from tests.slack_requests import SlackSender

EDITOR = "U0EDITOR"


def _open(slack: SlackSender, fake: FakeSlack) -> dict[str, Any]:
    assert slack.command("reminders edit", user=EDITOR).status == 200
    return fake.wait_for("views.open")[0].body["view"]  # type: ignore[no-any-return]


def _state(view: dict[str, Any], **leads: str) -> dict[str, Any]:
    """The form's values as Slack reports them: as shown, with some kinds' leads retyped."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        element, block_id = block["element"], block["block_id"]
        if element["type"] == "conversations_select":
            state = {"type": element["type"], "selected_conversation": "C0NEWCHAN"}
        elif element["type"] == "static_select":
            state = {"type": element["type"], "selected_option": element["initial_option"]}
        else:
            kind = block_id.removeprefix(ids.SETTINGS_KIND_PREFIX)
            state = {"type": element["type"], "value": leads.get(kind, element.get("initial_value") or None)}
        values[block_id] = {element["action_id"]: state}
    return values


def _submit(slack: SlackSender, view: dict[str, Any], values: dict[str, Any], user: str = EDITOR) -> Any:
    payload = {
        "type": "view_submission",
        "team": {"id": "T1"},
        "user": {"id": user, "team_id": "T1"},
        "api_app_id": "A1",
        "view": {**view, "id": "V0SET", "state": {"values": values}},
    }
    return slack.payload(payload)


def test_editors_get_the_form_filled_with_the_current_settings(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack)
    assert view["callback_id"] == ids.REMINDER_SETTINGS_FORM and len(view["title"]["text"]) <= 24
    assert_valid_message(view["blocks"])  # each block valid Block Kit (and far under the modal's 100)
    by_id = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert by_id[ids.SETTINGS_CHANNEL]["initial_conversation"] == "C0REMIND"
    assert by_id[ids.SETTINGS_KIND_PREFIX + "ministerial"]["initial_value"] == "30d,7d,1d"
    assert by_id[ids.SETTINGS_KIND_PREFIX + "webinar"]["initial_value"] == ""


def test_others_are_refused_without_a_form(slack: SlackSender, fake_slack: FakeSlack) -> None:
    reply = slack.command("reminders edit", user="U0ALICE").json()
    assert "Only ITAG editors" in reply["text"]
    assert fake_slack.calls_to("views.open") == []


def test_saving_stores_channel_leads_and_digest(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack)
    reply = _submit(slack, view, _state(view, webinar="7d, 2h", ministerial=""))
    assert reply.status == 200 and reply.body == b""
    with services.session_factory() as session:
        rules = reminder_rules(session)
        assert (rules["webinar"].leads, rules["webinar"].enabled) == (("7d", "2h"), True)
        assert rules["ministerial"].enabled is False
        workspace = "T1" if services.installations else None  # OAuth mode: each member's own channel
        assert reminder_channel(session, default=None, workspace=workspace) == "C0NEWCHAN"
        assert digest_schedule(session, zone="UTC").hour == 9
    assert "<#C0NEWCHAN>" in slack.command("reminders").body.decode()


def test_bad_leads_keep_the_form_open_and_store_nothing(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack)
    body = _submit(slack, view, _state(view, webinar="7 days-ish")).json()
    assert body["response_action"] == "errors"
    assert list(body["errors"]) == [ids.SETTINGS_KIND_PREFIX + "webinar"]
    with services.session_factory() as session:
        assert reminder_rules(session)["webinar"].leads == ()
        assert reminder_channel(session, default=None) is None


def test_a_form_submitted_by_a_non_editor_changes_nothing(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack)
    body = _submit(slack, view, _state(view, webinar="1d"), user="U0ALICE").json()
    assert "Only ITAG editors" in body["errors"][ids.SETTINGS_CHANNEL]
    with services.session_factory() as session:
        assert reminder_rules(session)["webinar"].leads == ()
