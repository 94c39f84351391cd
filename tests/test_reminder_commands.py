"""/itag reminders, subscribe and unsubscribe through the real Bolt app over signed HTTP."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from bot.services import Services
from storage.models import AppSetting, ReminderRule, Subscription
from storage.reminders import reminder_channel
from tests.factories import add_activity
from tests.slack_requests import SlackSender

EDITOR = "U0EDITOR"


def _text(reply) -> str:  # type: ignore[no-untyped-def]
    body = reply.json()
    return body["text"] + "\n" + str(body.get("blocks", []))


def test_reminders_shows_channel_rules_and_next_reminders(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Caucus", kind="wto_caucus", start=date(2027, 1, 12), at=time(10, 0))
    text = _text(slack.command("reminders"))
    assert "<#C0REMIND>" in text
    assert "WTO caucus meeting: 30d, 7d, 1d" in text and "Webinar: none" in text
    assert "30d before *Caucus*" in text and "7d before *Caucus*" in text


def test_non_editors_cannot_change_anything(services: Services, slack: SlackSender) -> None:
    for command in (
        "reminders channel <#C0OTHER|other>",
        "reminders ministerial 2d",
        "reminders off ministerial",
    ):
        assert "Only ITAG editors" in _text(slack.command(command, user="U0ALICE"))
    with services.session_factory() as session:
        assert [k for k in session.scalars(select(AppSetting.key)) if k.startswith("reminder_channel")] == []
        assert session.scalars(select(ReminderRule)).all() == []


def test_editors_set_the_channel_in_either_form(services: Services, slack: SlackSender) -> None:
    assert "<#C0NEWS>" in _text(slack.command("reminders channel <#C0NEWS|itag-news>", user=EDITOR))
    assert "#itag-news" in _text(slack.command("reminders channel #itag-news", user=EDITOR))
    assert "Name one channel" in _text(slack.command("reminders channel", user=EDITOR))
    with services.session_factory() as session:
        workspace = "T1" if services.installations else None  # OAuth mode: each member's own channel
        assert reminder_channel(session, default=None, workspace=workspace) == "#itag-news"


def test_editors_set_and_switch_off_rules(services: Services, slack: SlackSender) -> None:
    assert "Ministerial meeting: 14d, 2d" in _text(slack.command("reminders ministerial 2d,14d", user=EDITOR))
    assert "Webinar: 1d, 2h" in _text(slack.command("reminders webinar 1d,2h", user=EDITOR))
    assert "Webinar: off" in _text(slack.command("reminders off webinar", user=EDITOR))
    assert "Webinar: 1d, 2h" in _text(slack.command("reminders on webinar", user=EDITOR))
    assert "can't read" in _text(slack.command("reminders ministerial soon", user=EDITOR))


def test_subscribe_and_unsubscribe(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        ident = add_activity(session, title="Forum", kind="wto_public_forum", start=date(2027, 9, 20)).id
    assert "by DM" in _text(slack.command("subscribe ministerial"))
    assert "already" in _text(slack.command("subscribe ministerial"))
    assert f"#{ident} Forum" in _text(slack.command(f"subscribe {ident}"))
    assert "switched off" in _text(slack.command("subscribe webinar"))
    assert "no activity #999" in _text(slack.command("subscribe 999"))
    listing = _text(slack.command("subscribe"))
    assert "kind:ministerial" in listing and f"activity:{ident}" in listing
    assert "no longer" in _text(slack.command("unsubscribe ministerial"))
    assert "were not subscribed" in _text(slack.command("unsubscribe ministerial"))
    with services.session_factory() as session:
        assert sorted(session.scalars(select(Subscription.target))) == [f"activity:{ident}", "kind:webinar"]
