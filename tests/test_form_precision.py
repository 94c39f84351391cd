"""A date whose day is not known yet, through the modal; and what the confirmation says it stored.

Signed HTTP into the real Bolt app, on SQLite and (when configured) PostgreSQL.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from typing import Any

from bot.services import Services
from handlers import ids
from tests.fake_slack import FakeSlack
from tests.form_payloads import element, errors_of, logged, message_shortcut, open_form, submit
from tests.slack_requests import SlackSender

START, END, AT, PRECISION = (ids.FIELD_BLOCKS[n] for n in ("start", "end", "at", "precision"))
FORUM = {"title": "ITAG session", "kind": "wto_public_forum", "start": "2027-09-17", "precision": "month"}


def _post_about(fake_slack: FakeSlack, title: str, timeout: float = 5.0) -> dict[str, Any]:
    """The first chat.postMessage whose content names `title` (waiting for it to arrive)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [c.body for c in fake_slack.calls_to("chat.postMessage") if title in json.dumps(c.body)]
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"no chat.postMessage about {title!r}")


def test_add_prefills_a_month_when_the_day_is_not_announced(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack, "add WTO Public Forum: ITAG session, September 2027")
    assert element(view, "kind")["initial_option"]["value"] == "wto_public_forum"
    assert element(view, "start")["initial_date"] == "2027-09-01"
    assert element(view, "precision")["initial_option"]["value"] == "month"
    assert "initial_date" not in element(view, "end") and "initial_time" not in element(view, "at")


def test_add_leaves_the_date_empty_when_the_text_is_not_sure(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack, "add Registration closes 1 December 2026; webinar on 5/6/2027")
    assert "initial_date" not in element(view, "start")
    assert element(view, "precision")["initial_option"]["value"] == "day"


def test_a_month_is_stored_as_a_month_and_shown_as_one(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    reply = submit(slack, open_form(slack, fake_slack), **FORUM)
    assert reply.status == 200 and reply.body == b""
    [row] = logged(services)
    assert (row.precision, row.start_date, row.end_date, row.start_time) == (
        "month",
        date(2027, 9, 1),
        None,
        None,
    )
    post = json.dumps(_post_about(fake_slack, "ITAG session"))
    assert "September 2027" in post and "the exact day is not known" in post
    assert "1 September" not in post and "<!date^" not in post
    upcoming = json.dumps(slack.command("upcoming 1y").json()["blocks"])
    assert "ITAG session" in upcoming and "September 2027" in upcoming


def test_a_month_with_a_time_or_an_end_is_refused_inline(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    errors = errors_of(submit(slack, view, **FORUM, at="10:00", end="2027-09-20"))
    assert set(errors) == {AT, END}
    assert "exact day" in errors[AT] and "no end date" in errors[END]
    errors = errors_of(submit(slack, view, **{**FORUM, "start": None}))
    assert set(errors) == {START} and "any day in the month" in errors[START]
    assert logged(services) == [] and fake_slack.calls_to("chat.postMessage") == []


def test_a_year_is_stored_as_its_first_day_with_year_precision(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    submit(slack, open_form(slack, fake_slack), **{**FORUM, "precision": "year"})
    [row] = logged(services)
    assert (row.precision, row.start_date) == ("year", date(2027, 1, 1))
    assert "2027 (the month and day are not known)" in json.dumps(_post_about(fake_slack, "ITAG session"))


def test_editing_keeps_the_month_and_setting_the_day_makes_it_exact(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    submit(slack, open_form(slack, fake_slack), **FORUM)
    [row] = logged(services)
    edit = open_form(slack, fake_slack, f"edit {row.id}")
    assert element(edit, "precision")["initial_option"]["value"] == "month"
    assert element(edit, "start")["initial_date"] == "2027-09-01"
    submit(slack, edit, view_id="V0EDIT", title="ITAG session (renamed)")
    [row] = logged(services)
    assert (row.precision, row.start_date) == ("month", date(2027, 9, 1))
    submit(
        slack, edit, view_id="V0EDIT2", start="2027-09-22", precision="day", at="10:00", zone="Europe/Zurich"
    )
    [row] = logged(services)
    assert (row.precision, row.start_date, row.starts_at) == (
        "day",
        date(2027, 9, 22),
        datetime(2027, 9, 22, 8, 0, tzinfo=UTC),
    )


def test_the_confirmation_says_the_stored_time_in_words_and_in_the_readers_zone(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack, "add Webinar on 20 May 2027 at 10:00 a.m. EDT")
    assert element(view, "zone")["initial_option"]["value"] == "America/New_York"
    submit(slack, view)
    [row] = logged(services)
    assert row.starts_at == datetime(2027, 5, 20, 14, 0, tzinfo=UTC)
    post = _post_about(fake_slack, "Webinar")
    blocks = json.dumps(post["blocks"])
    stamp = int(datetime(2027, 5, 20, 14, 0, tzinfo=UTC).timestamp())
    assert "Stored as Thursday, 20 May 2027, 10:00 America/New_York (14:00 UTC)" in blocks
    assert f"<!date^{stamp}^{{date_long_pretty}} at {{time}}|2027-05-20 14:00 UTC>" in blocks
    assert "Stored as Thursday, 20 May 2027, 10:00 America/New_York (14:00 UTC)" in str(post["text"])


def test_an_all_day_range_is_confirmed_with_both_ends(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    submit(
        slack,
        open_form(slack, fake_slack, "add Atelier du 30 septembre au 3 octobre 2028 à Ottawa"),
    )
    [row] = logged(services)
    assert (row.start_date, row.end_date, row.timezone) == (
        date(2028, 9, 30),
        date(2028, 10, 3),
        "America/Toronto",
    )
    blocks = json.dumps(_post_about(fake_slack, "Atelier")["blocks"])
    assert (
        "Stored as Saturday, 30 September 2028 to Tuesday, 3 October 2028, all day (America/Toronto)"
        in blocks
    )


def test_the_shortcut_prefills_the_event_not_the_deadline_from_a_spanish_message(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    text = (
        "*Taller sobre comercio inclusivo*\nLas inscripciones cierran el 1 de mayo de 2027.\n"
        "El taller será el 14 de mayo de 2027 a las 10:00 hora de Santiago."
    )
    slack.payload(message_shortcut(text, response_url=fake_slack.response_url()))
    view = fake_slack.wait_for("views.open")[0].body["view"]
    assert element(view, "title")["initial_value"] == "Taller sobre comercio inclusivo"
    assert element(view, "kind")["initial_option"]["value"] == "workshop"
    assert element(view, "start")["initial_date"] == "2027-05-14"
    assert element(view, "at")["initial_time"] == "10:00"
    assert element(view, "zone")["initial_option"]["value"] == "America/Santiago"
    assert "initial_value" not in element(view, "place")
