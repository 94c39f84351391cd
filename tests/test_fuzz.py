"""Whatever is typed after /itag, the answer is well-formed, within Slack's limits, never a 500."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.blockkit import assert_valid_message
from tests.fake_slack import FakeSlack
from tests.form_payloads import command_trigger
from tests.injection import CORPUS, raw_markup
from tests.slack_requests import SlackSender
from tests.test_injection import _all_text

WORDS = [
    "",
    "help",
    "upcoming",
    "past",
    "plan",
    "search",
    "show",
    "members",
    "next",
    "find",
    "2019",
    "90d",
    "6 months",
    "ministerial",
    "webinar",
    "2022-2024",
    "2020-2022",
    "#2",
    "-1",
    "add",
    "log",
    "edit",
    "edit 2",
    "cancel",
    "cancel 2",
    "delete",
    "history",
    "history 2",
    "reminders",
    "reminders off",
    "subscribe",
    "unsubscribe",
]

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
control_text = st.text(st.characters(max_codepoint=0x1F), max_size=50)
whitespace = st.text(st.sampled_from(" \t\n\r\u00a0\u2003\u3000"), min_size=1, max_size=40)
markup = st.sampled_from([*CORPUS, "<b>x</b>", "**", "`", "```", "> quote", "~", "|", "<>"])
command_text = st.one_of(
    unicode_text,
    control_text,
    whitespace,
    markup,
    st.builds(lambda w, t: f"{w} {t}", st.sampled_from(WORDS), st.one_of(unicode_text, markup, control_text)),
    st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join),
)


def _check(slack: SlackSender, fake: FakeSlack, text: str) -> None:
    mark = fake.mark()
    reply = slack.command(text)
    assert reply.status == 200, (text, reply.body[:200])
    if not reply.body:  # the command opened a form instead of answering
        [call] = fake.wait_for("views.open", where=command_trigger, after=mark)
        view = call.body["view"]
        assert len(view["blocks"]) <= 100 and len(view["title"]["text"]) <= 24
        assert len(view.get("private_metadata", "")) <= 3000
        return
    body = reply.json()
    assert body.get("response_type") == "ephemeral"
    assert 0 < len(body["text"]) <= 3000
    assert_valid_message(body["blocks"])
    assert raw_markup(_all_text(body)) == [], text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=command_text)
@example(text="REMINDERS")  # shows the reminder channel as a mention: our markup, not the user's
def test_any_command_text_gets_a_well_formed_answer(
    slack: SlackSender, fake_slack: FakeSlack, text: str
) -> None:
    _check(slack, fake_slack, text)


def test_ten_thousand_characters_get_a_helpful_error(slack: SlackSender, fake_slack: FakeSlack) -> None:
    reply = slack.command("search " + "x" * 10_000)
    assert reply.status == 200
    assert "at most 3000" in reply.json()["text"]
    _check(slack, fake_slack, "upcoming " + "é" * 10_000)
    _check(slack, fake_slack, "add " + "Ministerial meeting in Geneva 3 May 2027 " * 70)
