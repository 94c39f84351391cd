"""Editing, cancelling and deleting activities, who may, and the audit trail — on both databases."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from bot.services import Services
from handlers import ids
from storage.models import Activity, AuditEntry
from tests.conftest import EDITOR, FIXED_NOW
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, element, errors_of, logged, menu_choice, open_form, submit
from tests.slack_requests import SlackSender


def alice_logs(slack: SlackSender, fake_slack: FakeSlack, **changes: Any) -> int:
    """Alice logs an activity through the form; its id."""
    before = len(fake_slack.calls_to("chat.postMessage"))
    submit(slack, open_form(slack, fake_slack), **{**VALID, **changes})
    marker = "logged activity #"
    for count in range(before + 1, before + 5):  # by content: an earlier announcement may land late
        texts = [json.dumps(c.body["blocks"]) for c in fake_slack.wait_for("chat.postMessage", count)]
        found = [t for t in texts[before:] if marker in t]
        if found:
            return int(found[0][found[0].index(marker) + len(marker) :].split(":")[0])
    raise AssertionError("no announcement of the logged activity")


def row(services: Services, activity_id: int) -> Activity:
    with services.session_factory() as session:
        found = session.get(Activity, activity_id)
        assert found is not None
        session.expunge(found)
        return found


def buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {e["action_id"]: e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]}


def test_edit_round_trip(services: Services, slack: SlackSender, fake_slack: FakeSlack) -> None:
    activity_id = alice_logs(slack, fake_slack)
    view = open_form(slack, fake_slack, f"edit {activity_id}")
    assert view["title"]["text"] == f"Edit activity #{activity_id}"
    assert element(view, "title")["initial_value"] == VALID["title"]
    assert element(view, "start")["initial_date"] == "2027-05-14"
    assert element(view, "at")["initial_time"] == "15:00"
    assert element(view, "zone")["initial_option"]["value"] == "Europe/Zurich"
    assert [o["value"] for o in element(view, "hosts")["initial_options"]] == ["CL", "MX"]
    assert element(view, "plan_ref")["initial_option"]["value"] == "2022-2024/2.i"
    assert element(view, "link")["initial_value"] == VALID["link"]
    reply = submit(
        slack, view, view_id="V0EDIT1", title="Webinar on gender data", end="2027-05-15", hosts=["PE"]
    )
    assert reply.body == b""
    edited = row(services, activity_id)
    assert (edited.title, edited.end_date, [h.member_code for h in edited.hosts]) == (
        "Webinar on gender data",
        date(2027, 5, 15),
        ["PE"],
    )
    assert (edited.updated_by, edited.updated_at, edited.created_by) == ("U0ALICE", FIXED_NOW, "U0ALICE")
    assert len(logged(services)) == 1  # edited in place, not added
    assert "updated activity" in json.dumps(fake_slack.wait_for("chat.postMessage", 2)[-1].body["blocks"])
    history = json.dumps(slack.command(f"history {activity_id}").json()["blocks"], ensure_ascii=False)
    assert "Title: “Webinar on trade and gender” → “Webinar on gender data”" in history
    assert "Members: “CL, MX” → “PE”" in history and "<@U0ALICE>" in history


def test_saving_an_edit_unchanged_records_nothing(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    activity_id = alice_logs(slack, fake_slack)
    submit(slack, open_form(slack, fake_slack, f"edit {activity_id}"), view_id="V0EDIT1")
    with services.session_factory() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.activity_id == activity_id)
        ).all()
    assert actions == ["create"]


def test_cancel_round_trip(services: Services, slack: SlackSender, fake_slack: FakeSlack) -> None:
    activity_id = alice_logs(slack, fake_slack)
    prompt = slack.command(f"cancel {activity_id}").json()
    assert prompt["response_type"] == "ephemeral" and "stays on record" in prompt["text"]
    confirm = buttons(prompt["blocks"])
    assert confirm[ids.CONFIRM_CANCEL] == str(activity_id)
    assert row(services, activity_id).status == "active"  # asking changes nothing
    slack.action(ids.CONFIRM_CANCEL, confirm[ids.CONFIRM_CANCEL])
    done = fake_slack.wait_for("/response/r1")[0].body
    assert done["replace_original"] is True and "now cancelled" in done["text"]
    cancelled = row(services, activity_id)
    assert (cancelled.status, cancelled.cancelled_by, cancelled.cancelled_at) == (
        "cancelled",
        "U0ALICE",
        FIXED_NOW,
    )
    assert VALID["title"] not in json.dumps(slack.command("upcoming").json())
    assert "_(cancelled)_" in json.dumps(slack.command(f"show {activity_id}").json()["blocks"])
    assert "cancel" in json.dumps(slack.command(f"history {activity_id}").json()["blocks"])


def test_delete_round_trip_from_the_card_menu(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    activity_id = alice_logs(slack, fake_slack)
    menu = next(
        b["accessory"]
        for b in slack.command(f"search {VALID['title']}").json()["blocks"]
        if b.get("accessory", {}).get("type") == "overflow"
    )
    assert [o["value"] for o in menu["options"]] == [
        f"{v}:{activity_id}" for v in ("show", "ics", "edit", "cancel", "delete")
    ]
    slack.payload(menu_choice(f"delete:{activity_id}", response_url=fake_slack.response_url()))
    prompt = fake_slack.wait_for("/response/r1")[0].body
    assert prompt["response_type"] == "ephemeral" and prompt["replace_original"] is False
    slack.action(ids.CONFIRM_DELETE, buttons(prompt["blocks"])[ids.CONFIRM_DELETE])
    assert "now deleted" in fake_slack.wait_for("/response/r1", 2)[-1].body["text"]
    deleted = row(services, activity_id)
    assert (deleted.deleted_by, deleted.deleted_at) == ("U0ALICE", FIXED_NOW)
    assert "no activity" in slack.command(f"show {activity_id}").json()["text"]
    assert "(deleted)" in slack.command(f"history {activity_id}").json()["text"]


def test_edit_from_the_card_menu_opens_the_form(slack: SlackSender, fake_slack: FakeSlack) -> None:
    activity_id = alice_logs(slack, fake_slack)
    slack.payload(menu_choice(f"edit:{activity_id}", response_url=fake_slack.response_url()))
    call = fake_slack.wait_for("views.open", 2)[-1]
    assert call.body["trigger_id"] == "trig-menu"
    assert element(call.body["view"], "title")["initial_value"] == VALID["title"]


def test_keep_it_removes_the_question(slack: SlackSender, fake_slack: FakeSlack) -> None:
    activity_id = alice_logs(slack, fake_slack)
    slack.action(ids.DISMISS, str(activity_id))
    assert fake_slack.wait_for("/response/r1")[0].body["delete_original"] is True


def test_others_are_refused_and_nothing_changes(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    activity_id = alice_logs(slack, fake_slack)
    for command in (f"edit {activity_id}", f"cancel {activity_id}", f"delete {activity_id}"):
        refused = slack.command(command, user="U0BOB").json()
        assert refused["response_type"] == "ephemeral"
        assert "Only the person who logged" in refused["text"] and "Nothing was changed" in refused["text"]
    assert len(fake_slack.calls_to("views.open")) == 1  # Alice's own form only
    slack.action(ids.CONFIRM_CANCEL, str(activity_id), user="U0BOB")
    assert "Only the person who logged" in fake_slack.wait_for("/response/r1")[0].body["text"]
    assert row(services, activity_id).status == "active"


def test_a_form_submitted_by_someone_else_changes_nothing(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    activity_id = alice_logs(slack, fake_slack)
    view = open_form(slack, fake_slack, f"edit {activity_id}")
    reply = submit(slack, view, user="U0BOB", view_id="V0EDIT2", title="Hijacked")
    assert "Only the person who logged" in errors_of(reply)[ids.FIELD_BLOCKS["title"]]
    assert row(services, activity_id).title == VALID["title"]


def test_editors_may_change_anything_and_seed_activities_are_theirs(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    with services.session_factory.begin() as session:
        seed_id = session.scalars(select(Activity.id).where(Activity.created_by.is_(None))).first()
    assert "Only the person who logged" in slack.command(f"edit {seed_id}", user="U0ALICE").json()["text"]
    view = open_form(slack, fake_slack, f"edit {seed_id}", user=EDITOR)
    assert submit(slack, view, user=EDITOR, view_id="V0SEED", title="Renamed by an editor").body == b""
    assert row(services, seed_id or 0).title == "Renamed by an editor"
    activity_id = alice_logs(slack, fake_slack)
    assert "stays on record" in slack.command(f"cancel {activity_id}", user=EDITOR).json()["text"]


def test_editing_keeps_a_month_precision_when_the_dates_stay(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    with services.session_factory.begin() as session:
        month = add_activity(session, title="Sometime in March", start=date(2027, 3, 1))
        month.precision = "month"
        activity_id = month.id
    view = open_form(slack, fake_slack, f"edit {activity_id}", user=EDITOR)
    submit(slack, view, user=EDITOR, view_id="V0MONTH", place="Lima")
    kept = row(services, activity_id)
    assert (kept.precision, kept.place) == ("month", "Lima")


def test_history_and_edit_need_an_activity_number(slack: SlackSender) -> None:
    assert "takes an activity number" in slack.command("history").json()["text"]
    assert "takes an activity number" in slack.command("edit soon").json()["text"]
    assert "no activity #9999" in slack.command("cancel 9999").json()["text"]
