"""The Home tab over signed HTTP: published when opened, within limits, paged, its buttons, and
refreshed once per recent reader after a burst of edits."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from datetime import time as clock_time
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from sqlalchemy import func, select

from bot.services import Services
from handlers import ids
from storage.models import Activity, HomeReader
from tests.conftest import EDITOR, FIXED_NOW
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.slack_requests import SlackSender, block_action, post, signed_headers

HOME_LIMIT = 100


def open_home(slack: SlackSender, user: str = "U0ALICE", tab: str = "home") -> None:
    event = {
        "type": "event_callback",
        "team_id": "T1",
        "api_app_id": "A1",
        "event_id": f"Ev{user}{time.monotonic_ns()}",
        "event_time": 1,
        "event": {"type": "app_home_opened", "user": user, "channel": "D1", "tab": tab, "event_ts": "1.2"},
    }
    body = json.dumps(event)
    assert post(slack.url, body, signed_headers(body, content_type="application/json")).status == 200


def publishes(fake: FakeSlack, user: str) -> list[dict[str, Any]]:
    return [c.body["view"] for c in fake.calls_to("views.publish") if c.body.get("user_id") == user]


def wait_publish(fake: FakeSlack, user: str, count: int, timeout: float = 15) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        views = publishes(fake, user)
        if len(views) >= count:
            return views[count - 1]
        time.sleep(0.05)
    raise AssertionError(f"{user}: {len(publishes(fake, user))} publishes, expected {count}")


def assert_valid_home(view: dict[str, Any]) -> None:
    """Within Slack's limits, checked with slack_sdk's own models."""
    assert view["type"] == "home" and 0 < len(view["blocks"]) <= HOME_LIMIT
    View(**view).validate_json()
    for raw in view["blocks"]:
        model = Block.parse(raw)
        assert model is not None, raw
        model.validate_json()
        assert len(raw.get("text", {}).get("text", "")) <= (150 if raw["type"] == "header" else 3000)


def texts(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def action_ids(view: dict[str, Any]) -> dict[str, str]:
    found = {}
    for block in view["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if "action_id" in element:
                found[element["action_id"]] = element.get("value", "")
    return found


def undated_ids(view: dict[str, Any]) -> set[str]:
    """The activity numbers listed under "Planned, no date yet"."""
    blocks = view["blocks"]
    start = next(i for i, b in enumerate(blocks) if b.get("text", {}).get("text") == "Planned, no date yet")
    lines = blocks[start + 1]["text"]["text"].splitlines()
    return {line.split()[1] for line in lines}


def home_action(slack: SlackSender, action_id: str, value: str, user: str = "U0ALICE") -> None:
    payload = block_action(action_id, value, user=user, response_url="")
    payload.pop("response_url")
    payload.pop("channel")
    payload["container"] = {"type": "view", "view_id": "VHOME"}
    payload["view"] = {"id": "VHOME", "type": "home", "team_id": "T1"}
    assert slack.payload(payload).status == 200


def test_opening_the_home_tab_publishes_it(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    with services.session_factory.begin() as session:
        caucus = add_activity(
            session,
            title="Caucus <b>on</b> trade",
            kind="wto_caucus",
            start=date(2027, 2, 2),
            at=clock_time(9, 0),
            timezone="Europe/Zurich",
            place="Geneva",
        ).id
        add_activity(session, title="Served item 2", start=date(2026, 10, 5), plan_ref="2022-2024/2.i")
        add_activity(session, title="Not yet served", start=date(2027, 3, 5), plan_ref="2022-2024/2")
        add_activity(session, title="Plan without a date")
    open_home(slack)
    view = wait_publish(fake_slack, "U0ALICE", 1)
    assert_valid_home(view)
    blocks = texts(view)
    assert "Caucus &lt;b&gt;on&lt;/b&gt; trade" in blocks and "(09:00 in Geneva)" in blocks
    assert "<!date^" in blocks
    assert "Work programme 2022-2024" in blocks and "Plan without a date" in blocks
    with services.session_factory() as session:  # item 2 as the database counts it, today included
        served = session.scalar(
            select(func.count()).where(
                Activity.plan_ref.like("2022-2024/2%"),
                Activity.plan_ref.not_like("2022-2024/2_%"),
                Activity.start_date <= FIXED_NOW.date(),
                Activity.status != "cancelled",
                Activity.deleted_at.is_(None),
            )
        ) + session.scalar(
            select(func.count()).where(
                Activity.plan_ref.like("2022-2024/2.%"),
                Activity.start_date <= FIXED_NOW.date(),
                Activity.status != "cancelled",
                Activity.deleted_at.is_(None),
            )
        )
    (line,) = [
        x
        for x in "\n".join(b["text"]["text"] for b in view["blocks"] if b.get("text")).split("\n")
        if x.startswith("• *2.*")
    ]
    assert f"— {served} activit" in line and "last on 5 October 2026" in line
    buttons = action_ids(view)
    assert {ids.HOME_LOG, ids.HOME_CALENDAR, ids.HOME_REMINDERS, ids.HOME_SUBSCRIPTIONS} <= set(buttons)
    add = next(
        b["accessory"]
        for b in view["blocks"]
        if b.get("accessory", {}).get("action_id") == ids.HOME_ADD_TO_CALENDAR
        and b["accessory"]["value"] == str(caucus)
    )
    assert f"/calendar/event/{caucus}/" in add["url"]
    with services.session_factory() as session:
        reader = session.get(HomeReader, "U0ALICE")
        assert reader is not None and reader.opened_at == FIXED_NOW


def test_the_messages_tab_publishes_nothing(slack: SlackSender, fake_slack: FakeSlack) -> None:
    open_home(slack, tab="messages")
    open_home(slack, user="U0BOB")
    wait_publish(fake_slack, "U0BOB", 1)
    assert publishes(fake_slack, "U0ALICE") == []


def test_a_crowded_home_tab_pages_within_limits(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    with services.session_factory.begin() as session:
        for day in range(40):
            add_activity(
                session,
                title="Long " * 60,
                description="Words " * 900,
                place="Place " * 50,
                start=date(2027, 1, 1) + timedelta(days=day),
                at=clock_time(9, 0),
                timezone="America/Lima",
            )
        for n in range(60):
            add_activity(session, title=f"Undated plan {n} " + "x" * 200)
    open_home(slack)
    first = wait_publish(fake_slack, "U0ALICE", 1)
    assert_valid_home(first)
    more = action_ids(first)[f"{ids.HOME_PAGE}_upcoming_more"]
    home_action(slack, f"{ids.HOME_PAGE}_upcoming_more", more)
    second = wait_publish(fake_slack, "U0ALICE", 2)
    assert_valid_home(second)
    assert "9–16 of" in texts(second) and "1–8 of" in texts(first)
    back = action_ids(second)[f"{ids.HOME_PAGE}_upcoming_back"]
    home_action(slack, f"{ids.HOME_PAGE}_upcoming_back", back)
    assert "1–8 of" in texts(wait_publish(fake_slack, "U0ALICE", 3))
    undated_more = action_ids(first)[f"{ids.HOME_PAGE}_undated_more"]
    home_action(slack, f"{ids.HOME_PAGE}_undated_more", undated_more)
    fourth = wait_publish(fake_slack, "U0ALICE", 4)
    assert_valid_home(fourth)
    first_ids, next_ids = undated_ids(first), undated_ids(fourth)
    assert len(first_ids) == len(next_ids) == 15 and not first_ids & next_ids
    home_action(slack, f"{ids.HOME_PAGE}_upcoming_more", "not json")  # a mangled value: first page
    assert "1–8 of" in texts(wait_publish(fake_slack, "U0ALICE", 5))


def test_home_buttons_open_the_form_and_answers(slack: SlackSender, fake_slack: FakeSlack) -> None:
    home_action(slack, ids.HOME_LOG, "add")
    form = fake_slack.wait_for("views.open")[0].body["view"]
    assert form["callback_id"] == ids.ACTIVITY_FORM
    home_action(slack, ids.HOME_CALENDAR, "calendar")
    modal = fake_slack.wait_for("views.open", 2)[1].body["view"]
    assert modal["type"] == "modal" and "https://itag.example.org/calendar/" in json.dumps(modal["blocks"])
    View(**modal).validate_json()
    home_action(slack, ids.HOME_REMINDERS, "reminders", user=EDITOR)
    settings_form = fake_slack.wait_for("views.open", 3)[2].body["view"]
    assert settings_form["callback_id"] == ids.REMINDER_SETTINGS_FORM
    home_action(slack, ids.HOME_SUBSCRIPTIONS, "subscribe")
    listing = fake_slack.wait_for("views.open", 4)[3].body["view"]
    assert listing["title"]["text"] == "My subscriptions"
    View(**listing).validate_json()


def test_a_burst_of_edits_refreshes_each_recent_reader_once(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    with services.session_factory.begin() as session:
        burst = [add_activity(session, title=f"Burst {n}", start=date(2027, 1, 10 + n)).id for n in range(5)]
        session.add(HomeReader(user_id="U0GONE", team_id="T1", opened_at=FIXED_NOW - timedelta(days=30)))
    open_home(slack, "U0ALICE")
    open_home(slack, "U0BOB")
    for user in ("U0ALICE", "U0BOB"):
        assert "Burst 4" in texts(wait_publish(fake_slack, user, 1))
    for activity_id in burst:  # five edits in quick succession, each its own request
        slack.action(ids.CONFIRM_CANCEL, str(activity_id), user=EDITOR)
    fake_slack.wait_for("/response/r1", 5)
    for user in ("U0ALICE", "U0BOB"):
        refreshed = wait_publish(fake_slack, user, 2)
        assert "Burst" not in texts(refreshed)  # the refresh shows all five cancellations
    time.sleep(services.settings.home_refresh_seconds * 2 + 0.5)  # time for any stray publish
    assert len(publishes(fake_slack, "U0ALICE")) == 2 and len(publishes(fake_slack, "U0BOB")) == 2
    assert publishes(fake_slack, "U0GONE") == []  # opened a month ago: not refreshed


def test_opening_the_home_tab_changes_no_data_stamp(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    """Recording a reader must not count as a data change, or every open would refresh everyone."""
    open_home(slack, "U0ALICE")
    wait_publish(fake_slack, "U0ALICE", 1)
    open_home(slack, "U0BOB")
    wait_publish(fake_slack, "U0BOB", 1)
    time.sleep(services.settings.home_refresh_seconds + 0.5)
    assert len(publishes(fake_slack, "U0ALICE")) == 1
