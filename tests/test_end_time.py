"""The end time, added through the field table: the form, the cards, the import and the audit."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

from bot.services import Services
from domain.fields import AUDIT_LABELS, COLUMN_OF, COLUMNS, FIELDS
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, element, errors_of, logged, open_form, submit
from tests.slack_requests import SlackSender
from tests.test_import import imported, run, write  # noqa: F401 - `run` is a fixture

WEBINAR = {**VALID, "at": "10:00", "end_at": "11:30"}


def test_the_form_stores_and_the_card_shows_the_end_time(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    assert "initial_time" not in element(view, "end_at")
    assert submit(slack, view, **WEBINAR).body == b""
    [row] = logged(services)
    assert (row.start_time, row.end_time) == (time(10, 0), time(11, 30))
    shown = slack.command(f"show {row.id}").json()
    blocks = json.dumps(shown["blocks"], ensure_ascii=False)
    assert "10:00–11:30 in Geneva" in blocks  # the host's time, shown beside the reader's
    end_stamp = "<!date^1810287000^{time}|09:30 UTC>"  # 2027-05-14 11:30 in Geneva is 09:30 UTC
    assert end_stamp in blocks
    edit = open_form(slack, fake_slack, f"edit {row.id}")
    assert element(edit, "end_at")["initial_time"] == "11:30"


def test_an_end_time_before_the_start_or_without_one_is_refused(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    block = f"itag_{'end_at'}"
    assert "not after the start" in errors_of(submit(slack, view, **{**WEBINAR, "end_at": "09:00"}))[block]
    assert "needs a start time" in errors_of(submit(slack, view, **{**WEBINAR, "at": None}))[block]
    assert logged(services) == []


def test_the_audit_shows_a_changed_end_time(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    submit(slack, open_form(slack, fake_slack), **WEBINAR)
    [row] = logged(services)
    edit = open_form(slack, fake_slack, f"edit {row.id}")
    assert submit(slack, edit, view_id="V0EDIT1", end_at="12:00").body == b""
    history = json.dumps(slack.command(f"history {row.id}").json()["blocks"], ensure_ascii=False)
    assert "End time: “11:30” → “12:00”" in history


def test_csv_and_ics_imports_read_the_end_time(services: Services, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    csv = "title,kind,start,time,End_Time,timezone\nWebinar,webinar,2027-03-03,10:00,11:30,Europe/Zurich\n"
    assert run(write(tmp_path, "w.csv", csv))[0] == 0
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
        "BEGIN:VEVENT\r\nUID:w2@itag.example\r\nSUMMARY:Webinar two\r\n"
        "DTSTART;TZID=Europe/Zurich:20270404T100000\r\nDTEND:20270404T093000Z\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    assert run(write(tmp_path, "w.ics", ics))[0] == 0
    first, second = imported(services)
    geneva = (time(10, 0), time(11, 30), "Europe/Zurich")
    assert (first.start_time, first.end_time, first.timezone) == geneva
    # DTEND in UTC is read in the start's zone: 09:30Z is 11:30 in Geneva (summer time).
    assert (second.start_time, second.end_time, second.timezone) == (
        time(10, 0),
        time(11, 30),
        "Europe/Zurich",
    )


def test_every_field_has_a_form_block_an_import_column_and_an_audit_label(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = open_form(slack, fake_slack)
    inputs = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert inputs == [f"itag_{field.name}" for field in FIELDS]
    assert list(COLUMN_OF) == [field.name for field in FIELDS]
    assert len(set(COLUMNS)) == len([field for field in FIELDS if field.column])  # one column each
    assert all(AUDIT_LABELS[field.stored] for field in FIELDS if field.audited)


def test_the_calendar_feed_ends_a_webinar_at_its_end_time() -> None:
    from datetime import UTC, date, datetime
    from zoneinfo import ZoneInfo

    from domain.calendar_feed import FeedEntry, build_calendar
    from domain.dates import DateSpec
    from domain.records import Activity

    webinar = Activity(
        id=3,
        title="Webinar",
        kind="webinar",
        when=DateSpec(date(2027, 5, 14), None, "day"),
        timezone="Europe/Zurich",
        start_time=time(10, 0),
        end_time=time(11, 30),
        starts_at=datetime(2027, 5, 14, 8, 0, tzinfo=UTC),
    )
    [event] = build_calendar([FeedEntry(webinar, 0, datetime(2026, 11, 1, tzinfo=UTC))], {}).walk("VEVENT")
    zurich = ZoneInfo("Europe/Zurich")
    assert event["DTSTART"].dt == datetime(2027, 5, 14, 10, 0, tzinfo=zurich)
    assert event["DTEND"].dt == datetime(2027, 5, 14, 11, 30, tzinfo=zurich)
