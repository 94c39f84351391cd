"""/itag add and the activity form, through the real Bolt app over signed HTTP."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from bot.services import Services
from bot.slack_app import DB_DOWN
from handlers import ids
from storage.db import make_engine, make_session_factory
from storage.models import AuditEntry
from tests.conftest import FIXED_NOW
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, element, errors_of, logged, message_shortcut, open_form, submit
from tests.slack_requests import Response, SlackSender

TITLE, START, END, AT, LINK = (ids.FIELD_BLOCKS[n] for n in ("title", "start", "end", "at", "link"))


def test_add_opens_the_form_prefilled_from_the_text(slack: SlackSender, fake_slack: FakeSlack) -> None:
    reply = slack.command("add Ministerial meeting in Auckland on 14 May 2027")
    assert reply.status == 200 and reply.body == b""
    call = fake_slack.wait_for("views.open")[0]
    assert call.body["trigger_id"] == "trig-1"
    view = call.body["view"]
    assert view["callback_id"] == ids.ACTIVITY_FORM and view["type"] == "modal"
    assert len(view["title"]["text"]) <= 24 and len(view["blocks"]) <= 100
    assert len(view["private_metadata"]) <= 3000
    assert element(view, "title")["initial_value"] == "Ministerial meeting"
    assert element(view, "kind")["initial_option"]["value"] == "ministerial"
    assert element(view, "start")["initial_date"] == "2027-05-14"
    assert element(view, "place")["initial_value"] == "Auckland"
    assert element(view, "zone")["initial_option"]["value"] == "Pacific/Auckland"
    assert "initial_date" not in element(view, "end") and "initial_time" not in element(view, "at")
    members = [o["value"] for o in element(view, "hosts")["options"]]
    assert len(members) == 8 and "CL" in members and "NZ" in members
    plan = [o["value"] for o in element(view, "plan_ref")["options"]]
    assert "2022-2024/2.i" in plan and plan[0] == "2022-2024/1"  # the latest programme's items first
    assert plan.index("2022-2024/MC12") < plan.index("2020-2022/1")  # then older ones (the select filters)
    for name in ("kind", "zone", "plan_ref", "hosts"):
        assert len(element(view, name)["options"]) <= 100


def test_add_reads_a_date_range_and_a_time(slack: SlackSender, fake_slack: FakeSlack) -> None:
    view = open_form(slack, fake_slack, "add WTO Public Forum session 14-16 May 2027 at 15:00 in Geneva")
    assert element(view, "title")["initial_value"] == "WTO Public Forum session"
    assert element(view, "kind")["initial_option"]["value"] == "wto_public_forum"
    assert (element(view, "start")["initial_date"], element(view, "end")["initial_date"]) == (
        "2027-05-14",
        "2027-05-16",
    )
    assert element(view, "at")["initial_time"] == "15:00"
    assert element(view, "zone")["initial_option"]["value"] == "Europe/Zurich"


def test_add_without_text_opens_an_empty_form(slack: SlackSender, fake_slack: FakeSlack) -> None:
    view = open_form(slack, fake_slack)
    assert "initial_value" not in element(view, "title")
    assert element(view, "kind")["initial_option"]["value"] == "other"
    assert "initial_option" not in element(view, "zone")
    zone_block = next(b for b in view["blocks"] if b.get("block_id") == ids.FIELD_BLOCKS["zone"])
    assert "else UTC" in zone_block["hint"]["text"]


def test_saving_stores_announces_and_lists_the_activity(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    reply = submit(slack, view, **VALID)
    assert reply.status == 200 and reply.body == b""
    [row] = logged(services)
    assert (row.title, row.kind, row.start_date, row.start_time) == (
        "Webinar on trade and gender",
        "webinar",
        date(2027, 5, 14),
        time(15, 0),
    )
    assert row.timezone == "Europe/Zurich"  # from the place
    assert row.starts_at == datetime(2027, 5, 14, 13, 0, tzinfo=UTC)
    assert (row.created_by, row.created_at, row.status) == ("U0ALICE", FIXED_NOW, "active")
    assert [h.member_code for h in row.hosts] == ["CL", "MX"]
    assert (row.plan_ref, row.link, row.source_key) == ("2022-2024/2.i", VALID["link"], "view:V0FORM1")
    post = fake_slack.wait_for("chat.postMessage")[0].body
    assert post["channel"] == "C0ITAG"
    blocks = json.dumps(post["blocks"])
    assert "<@U0ALICE> logged activity #" in blocks and "*Webinar on trade and gender*" in blocks
    assert ids.ACTIVITY_MENU in blocks
    upcoming = json.dumps(slack.command("upcoming").json()["blocks"])
    assert "Webinar on trade and gender" in upcoming and "Chile, Mexico" in upcoming


def test_saving_records_the_creation_in_the_audit_trail(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    submit(slack, open_form(slack, fake_slack), **VALID)
    [row] = logged(services)
    with services.session_factory() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.activity_id == row.id))
    assert (entry.actor, entry.action, entry.at) == ("U0ALICE", "create", FIXED_NOW)
    assert entry.changes["title"] == [None, "Webinar on trade and gender"]


def test_an_all_day_activity_without_a_place_uses_itag_timezone(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    submit(slack, open_form(slack, fake_slack), title="Caucus", kind="wto_caucus", start="2027-02-02")
    [row] = logged(services)
    assert (row.timezone, row.start_time) == ("UTC", None)
    assert row.starts_at == datetime(2027, 2, 2, tzinfo=UTC)


def test_empty_title_is_refused_under_the_title(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    reply = submit(slack, open_form(slack, fake_slack), **{**VALID, "title": "   "})
    assert list(errors_of(reply)) == [TITLE]
    assert logged(services) == [] and fake_slack.calls_to("chat.postMessage") == []


def test_too_long_title_is_refused_under_the_title(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    reply = submit(slack, open_form(slack, fake_slack), **{**VALID, "title": "x" * 151})
    assert "150 characters" in errors_of(reply)[TITLE]
    assert logged(services) == []


def test_end_before_start_is_refused_under_the_end(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    reply = submit(slack, open_form(slack, fake_slack), **{**VALID, "end": "2027-05-13"})
    assert errors_of(reply) == {END: "The end is before the start."}
    assert logged(services) == []


def test_time_without_a_date_is_refused_under_the_time(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    reply = submit(slack, open_form(slack, fake_slack), **{**VALID, "start": None})
    assert list(errors_of(reply)) == [AT]
    assert logged(services) == []


def test_link_that_is_not_http_is_refused_under_the_link(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    reply = submit(slack, open_form(slack, fake_slack), **{**VALID, "link": "javascript:alert(1)"})
    assert list(errors_of(reply)) == [LINK]
    assert logged(services) == []


def test_date_before_itag_began_is_refused(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    reply = submit(slack, open_form(slack, fake_slack), **{**VALID, "start": "2017-12-31"})
    assert "2018" in errors_of(reply)[START]
    assert logged(services) == []


def test_date_more_than_ten_years_ahead_is_refused(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    assert submit(slack, view, **{**VALID, "start": "2036-11-28"}).body == b""  # exactly ten years: fine
    reply = submit(slack, view, view_id="V0FORM2", **{**VALID, "start": "2036-11-29"})
    assert list(errors_of(reply)) == [START]
    assert len(logged(services)) == 1


def test_several_errors_are_shown_at_once(slack: SlackSender, fake_slack: FakeSlack) -> None:
    reply = submit(
        slack, open_form(slack, fake_slack), title="", start="2027-05-14", end="2027-05-01", link="ftp://x"
    )
    assert set(errors_of(reply)) == {TITLE, END, LINK}


def test_the_same_submission_twice_stores_one_activity(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    replies: list[Response] = []
    senders = [
        threading.Thread(target=lambda: replies.append(submit(slack, view, **VALID))) for _ in range(3)
    ]
    for thread in senders:
        thread.start()
    for thread in senders:
        thread.join()
    replies.append(submit(slack, view, **VALID))
    assert [r.status for r in replies] == [200] * 4 and all(r.body == b"" for r in replies)
    assert len(logged(services)) == 1
    fake_slack.wait_for("chat.postMessage")
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_database_down_keeps_the_modal_open_with_a_message(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    working = services.session_factory
    unreachable = make_engine("postgresql://itag@127.0.0.1:9/none")
    services.session_factory = make_session_factory(unreachable)
    try:
        reply = submit(slack, view, **VALID)
    finally:
        services.session_factory = working
        unreachable.dispose()
    assert errors_of(reply) == {TITLE: DB_DOWN}
    assert logged(services) == [] and fake_slack.calls_to("chat.postMessage") == []


def test_a_failure_midway_leaves_no_half_written_activity(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)

    def fail_on_audit(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "audit_entries" in statement and statement.lstrip().upper().startswith("INSERT"):
            raise OperationalError(statement, None, Exception("server closed the connection"))

    event.listen(services.engine, "before_cursor_execute", fail_on_audit)
    try:
        reply = submit(slack, view, **VALID)
    finally:
        event.remove(services.engine, "before_cursor_execute", fail_on_audit)
    assert errors_of(reply) == {TITLE: DB_DOWN}
    assert logged(services) == []
    with services.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    assert submit(slack, view, **VALID).body == b""  # trying again works
    assert len(logged(services)) == 1


def test_titles_are_shown_as_typed_and_ping_nobody(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    title = "<!channel> meeting <https://evil.example|click>"
    submit(slack, open_form(slack, fake_slack), **{**VALID, "title": title, "place": "<@U0BOB> & co"})
    assert logged(services)[0].title == title  # stored as typed
    post = fake_slack.wait_for("chat.postMessage")[0].body
    upcoming = slack.command("upcoming").body.decode()
    for shown in (json.dumps(post["blocks"]) + post["text"], upcoming):
        assert "<!channel>" not in shown and "<https://evil" not in shown and "<@U0BOB>" not in shown
    assert "&lt;!channel&gt; meeting &lt;https://evil.example|click&gt;" in json.dumps(post["blocks"])
    assert "&lt;@U0BOB&gt; &amp; co" in upcoming


def test_confirmation_goes_to_the_user_alone_where_the_bot_cannot_post(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    fake_slack.fail_next("chat.postMessage", error="not_in_channel")
    assert submit(slack, view, **VALID).body == b""
    private = fake_slack.wait_for("/response/r1")[0].body
    assert private["response_type"] == "ephemeral"
    assert "Webinar on trade and gender" in json.dumps(private["blocks"])
    assert len(logged(services)) == 1


def test_tampered_metadata_is_refused_and_changes_nothing(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    signature, _, payload = view["private_metadata"].partition(".")
    envelope = json.loads(payload)
    envelope["m"] = envelope["m"].replace('"a":null', '"a":1')  # aim the form at activity #1
    assert '"a":1' in envelope["m"]
    forged = {**view, "private_metadata": signature + "." + json.dumps(envelope, separators=(",", ":"))}
    reply = submit(slack, forged, **VALID)
    assert "could not be verified" in errors_of(reply)[TITLE]
    assert logged(services) == []


def test_message_shortcut_opens_the_form_prefilled_from_the_message(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    text = "*Webinar on MSMEs and trade*\nJoin us 3 March 2027 at 14:00 in Geneva: <https://example.org/msme|register>"
    reply = slack.payload(message_shortcut(text, response_url=fake_slack.response_url()))
    assert reply.status == 200
    call = fake_slack.wait_for("views.open")[0]
    assert call.body["trigger_id"] == "trig-shortcut"
    view = call.body["view"]
    assert element(view, "title")["initial_value"] == "Webinar on MSMEs and trade"
    assert element(view, "kind")["initial_option"]["value"] == "webinar"
    assert element(view, "start")["initial_date"] == "2027-03-03"
    assert element(view, "at")["initial_time"] == "14:00"
    assert element(view, "place")["initial_value"] == "Geneva"
    assert element(view, "link")["initial_value"] == "https://example.org/msme"
    assert "register (https://example.org/msme)" in element(view, "description")["initial_value"]


def test_a_long_message_still_makes_a_valid_form(slack: SlackSender, fake_slack: FakeSlack) -> None:
    text = ("Announcement " * 40) + "\n" + ("details " * 800)
    slack.payload(message_shortcut(text, response_url=fake_slack.response_url()))
    view = fake_slack.wait_for("views.open")[0].body["view"]
    for name in ("title", "description"):
        field = element(view, name)
        assert len(field["initial_value"]) <= field["max_length"] <= 3000
