"""/itag through the real Bolt app over signed HTTP, against the fake Slack Web API."""

from __future__ import annotations

import json
import time
from datetime import date
from datetime import time as dtime

from bot.services import Services
from handlers import ids
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.form_payloads import menu_choice
from tests.slack_requests import SlackSender, command_body, post, signed_headers


def _texts(blocks: list[dict]) -> str:
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        out.extend(e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str))
    return "\n".join(out)


def test_upcoming_lists_dated_activities_soonest_first(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Later forum", kind="wto_public_forum", start=date(2027, 9, 20))
        add_activity(session, title="Soon webinar", start=date(2026, 12, 3))
        add_activity(session, title="Old webinar", start=date(2026, 1, 3))
    reply = slack.command("upcoming")
    assert reply.status == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    text = _texts(body["blocks"])
    assert text.index("Soon webinar") < text.index("Later forum")
    assert "Old webinar" not in text
    assert "3 December 2026" in text


def test_upcoming_with_window_and_kind(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Ministers meet", kind="ministerial", start=date(2027, 3, 1))
        add_activity(session, title="Far ministers", kind="ministerial", start=date(2028, 3, 1))
        add_activity(session, title="A webinar", start=date(2027, 1, 10))
    text = _texts(slack.command("upcoming 6 months ministerial").json()["blocks"])
    assert "Ministers meet" in text
    assert "Far ministers" not in text and "A webinar" not in text


def test_upcoming_with_nothing_dated_points_to_the_ended_programme(slack: SlackSender) -> None:
    body = slack.command("upcoming 90d").json()
    text = _texts(body["blocks"])
    assert "Nothing dated from today until 26 February 2027" in text
    assert "Webinar on MSMEs trade provisions" not in text  # its programme ended in 2024
    assert "2022-2024 programme ended in December 2024" in text


def test_timed_activity_shows_in_each_readers_zone(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        add_activity(
            session,
            title="Caucus",
            kind="wto_caucus",
            start=date(2027, 2, 2),
            at=dtime(15, 0),
            timezone="Europe/Zurich",
        )
    text = _texts(slack.command("upcoming").json()["blocks"])
    stamp = 1801576800  # 2027-02-02 15:00 Europe/Zurich = 14:00 UTC
    assert f"<!date^{stamp}^{{date_long_pretty}} at {{time}}|" in text


def test_past_2019_includes_inaugural_caucus_and_wibf(slack: SlackSender) -> None:
    text = _texts(slack.command("past 2019").json()["blocks"])
    assert "Inaugural ITAG WTO caucus meeting" in text
    assert "30 January 2019" in text and "Geneva" in text
    assert "World Indigenous Business Forum" in text and "8\u2009–\u200910 October 2019" in text
    assert text.index("World Indigenous") < text.index("Inaugural ITAG WTO caucus")


def test_past_by_kind(slack: SlackSender) -> None:
    text = _texts(slack.command("past ministerial").json()["blocks"])
    assert "Bangkok" in text and "Valparaiso" in text
    assert "Webinar" not in text


def test_members_lists_all_eight(slack: SlackSender) -> None:
    text = _texts(slack.command("members").json()["blocks"])
    for name in ("Canada", "Chile", "New Zealand", "Mexico", "Colombia", "Peru", "Costa Rica", "Ecuador"):
        assert f"*{name}*" in text
    assert "15 May 2023" in text


def test_plan_item_in_full(slack: SlackSender) -> None:
    text = _texts(slack.command("plan 2022-2024 2").json()["blocks"])
    assert "annual ITAG event at the WTO public forum" in text
    assert "rotational presentations" in text


def test_plan_2020_2022_objectives(slack: SlackSender) -> None:
    text = _texts(slack.command("plan 2020-2022").json()["blocks"])
    assert "post-COVID-19" in text and "Three Year Review" in text


def test_unknown_plan_item_gets_a_hint(slack: SlackSender) -> None:
    text = _texts(slack.command("plan 2022-2024 9").json()["blocks"])
    assert "no item “9”" in text


def test_search_matches_activities_and_plan_items_case_insensitively(slack: SlackSender) -> None:
    text = _texts(slack.command("search INDIGENOUS").json()["blocks"])
    assert "World Indigenous Business Forum" in text
    assert "Work plan items" in text


def test_show_one_activity(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        row = add_activity(
            session,
            title="Detailed thing",
            description="All the details.",
            start=date(2027, 1, 5),
            hosts=("CL",),
        )
    text = _texts(slack.command(f"show {row.id}").json()["blocks"])
    assert "All the details." in text and "Chile" in text


def test_show_missing_activity_is_a_clear_answer(slack: SlackSender) -> None:
    body = slack.command("show 9999").json()
    assert "no activity #9999" in body["text"]


def test_empty_and_unknown_commands_get_help(slack: SlackSender) -> None:
    assert "upcoming" in slack.command("").json()["text"]
    unknown = slack.command("frobnicate now").json()
    assert "I don't know “frobnicate”" in unknown["text"]
    assert "/itag past" in unknown["text"]


def test_user_text_is_escaped_in_answers(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        add_activity(
            session,
            title="<!channel> meeting <https://evil.example|click>",
            start=date(2027, 1, 5),
            place="<@U123> & co",
        )
    raw = slack.command("upcoming").body.decode()
    assert "<!channel>" not in raw and "<https://evil" not in raw and "<@U123>" not in raw
    text = _texts(json.loads(raw)["blocks"])
    assert "&lt;!channel&gt; meeting &lt;https://evil.example|click&gt;" in text
    assert "&lt;@U123&gt; &amp; co" in text
    hint = slack.command("<!here> please").json()
    assert "<!here>" not in json.dumps(hint["blocks"])


def test_long_lists_page_with_a_more_button(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    with services.session_factory.begin() as session:
        for day in range(1, 26):
            add_activity(session, title=f"Session {day:02d}", start=date(2027, 3, day))
    body = slack.command("upcoming").json()
    assert len(body["blocks"]) <= 50
    text = _texts(body["blocks"])
    assert "Session 01" in text and "Session 11" not in text
    more = next(
        e
        for b in body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == ids.MORE_RESULTS
    )
    assert slack.action(ids.MORE_RESULTS, more["value"]).status == 200
    page = next(iter(fake_slack.wait_for("/response/r1"))).body
    assert page["replace_original"] is True
    assert "Session 11" in _texts(page["blocks"]) and "Session 01" not in _texts(page["blocks"])


def test_share_posts_the_answer_in_channel_without_buttons(slack: SlackSender, fake_slack: FakeSlack) -> None:
    body = slack.command("members").json()
    share = [
        e
        for b in body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == ids.SHARE_ANSWER
    ]
    value = share[0]["value"] if share else json.dumps({"q": "members", "o": 0})
    slack.action(ids.SHARE_ANSWER, value)
    posted = fake_slack.wait_for("/response/r1")[0].body
    assert posted["response_type"] == "in_channel"
    assert all(b["type"] != "actions" for b in posted["blocks"])
    assert "Shared by <@U0ALICE>" in _texts(posted["blocks"])


def test_tampered_button_value_gets_a_clear_answer(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.action(ids.MORE_RESULTS, "not json")
    posted = fake_slack.wait_for("/response/r1")[0].body
    assert "out of date" in posted["text"]


def test_details_in_the_card_menu_shows_the_activity(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.payload(menu_choice("show:2", response_url=fake_slack.response_url()))
    posted = fake_slack.wait_for("/response/r1")[0].body
    assert "Inaugural ITAG WTO caucus meeting" in posted["text"]


def test_unsigned_bad_and_stale_requests_get_401_and_reach_no_handler(
    app_url: str, fake_slack: FakeSlack
) -> None:
    url = app_url + "/slack/events"
    body = command_body("members", response_url=fake_slack.response_url())
    unsigned = post(url, body, {"Content-Type": "application/x-www-form-urlencoded"})
    bad = post(url, body, signed_headers(body, secret="wrong-secret"))
    stale = post(url, body, signed_headers(body, timestamp=int(time.time()) - 301))
    assert (unsigned.status, bad.status, stale.status) == (401, 401, 401)
    for reply in (unsigned, bad, stale):
        assert b"Canada" not in reply.body
    assert fake_slack.calls_to("/response/r1") == []


def test_healthz_answers_200_with_the_database_up(app_url: str) -> None:
    import urllib.request

    with urllib.request.urlopen(app_url + "/healthz", timeout=5) as reply:
        assert reply.status == 200
