"""`itag-bot import` on calendars as real producers write them: the stored instant and zone of each.

Fixtures in tests/fixtures/ics are written in the shapes Exchange, Outlook, Google, Apple,
Thunderbird/Lightning, Zoom and Eventbrite export (compare icalendar's and
recurring-ical-events' own test calendars). Each case states, worked out by hand, the local
date and time, the IANA zone and the UTC instant the activity must be stored with.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.services import Services
from domain.ics import IcsOptions, read_ics
from handlers.imports import ImportOptions, import_file
from storage.models import Activity, AuditEntry
from tests.fake_slack import FakeSlack
from tests.reminder_helpers import pass_at, posts

FIXTURES = Path(__file__).parent / "fixtures" / "ics"


@pytest.fixture
def run(services: Services, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `itag-bot import` against the test database; returns (exit code, stdout)."""
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ITAG_TIMEZONE", "UTC")

    def invoke(name: str, *args: str) -> tuple[int, str]:
        code = main(["import", str(FIXTURES / name), *args])
        return code, capsys.readouterr().out

    return invoke


def imported(services: Services) -> list[Activity]:
    with services.session_factory() as session:
        query = select(Activity).where(Activity.created_by == "import")
        return list(session.scalars(query.order_by(Activity.starts_at, Activity.id)))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# fixture: [(title starts with, local start day, local time, IANA zone, UTC instant, last day)]
EXPECTED = {
    "exchange_eastern.ics": [  # Windows zone id; 10 March is before US DST (14 March 2027)
        ("ITAG webinar on gender", date(2027, 3, 10), time(9), "America/New_York", utc(2027, 3, 10, 14), None)
    ],
    "exchange_pacific_quoted.ics": [  # quoted Windows id, summer: PDT
        ("APEC Business", date(2027, 7, 15), time(10), "America/Los_Angeles", utc(2027, 7, 15, 17), None)
    ],
    "outlook_brasilia.ics": [  # display-name TZID with its own VTIMEZONE
        (
            "Reunião com o Itamaraty",
            date(2027, 4, 20),
            time(9),
            "America/Sao_Paulo",
            utc(2027, 4, 20, 12),
            None,
        )
    ],
    "outlook_central_europe_display.ics": [  # display name listing cities, CEST in September
        ("WTO Public Forum", date(2027, 9, 22), time(15), "Europe/Amsterdam", utc(2027, 9, 22, 13), None)
    ],
    "outlook_santiago_display.ics": [  # Chilean summer time in January
        (
            "Reunión de coordinación",
            date(2027, 1, 12),
            time(10),
            "America/Santiago",
            utc(2027, 1, 12, 13),
            None,
        )
    ],
    "exchange_sa_pacific.ics": [
        ("Taller MIPYMES", date(2027, 5, 5), time(8), "America/Bogota", utc(2027, 5, 5, 13), None)
    ],
    "google_xwr_utc.ics": [  # Z times shown in X-WR-TIMEZONE
        ("Webinar: digital trade", date(2027, 3, 10), time(9), "America/Bogota", utc(2027, 3, 10, 14), None)
    ],
    "google_allday.ics": [  # DTEND is exclusive; a day is in the place's zone before the calendar's
        (
            "WTO Public Forum 2027",
            date(2027, 9, 14),
            None,
            "Europe/Zurich",
            utc(2027, 9, 13, 22),
            date(2027, 9, 16),
        )
    ],
    "google_floating.ics": [  # floating time in the calendar's zone: NZDT
        (
            "Ministerial meeting prep",
            date(2027, 3, 10),
            time(9),
            "Pacific/Auckland",
            utc(2027, 3, 9, 20),
            None,
        )
    ],
    "google_series_exdate_moved.ics": [  # 23 March excluded; 30 March moved to the 31st, 11:00
        ("WTO caucus call", date(2027, 3, 16), time(15), "Europe/Zurich", utc(2027, 3, 16, 14), None),
        ("WTO caucus call (moved)", date(2027, 3, 31), time(11), "Europe/Zurich", utc(2027, 3, 31, 9), None),
        ("WTO caucus call", date(2027, 4, 6), time(15), "Europe/Zurich", utc(2027, 4, 6, 13), None),
    ],
    "apple_icloud.ics": [
        (
            "Ministerial meeting briefing",
            date(2027, 5, 10),
            time(10),
            "America/Santiago",
            utc(2027, 5, 10, 14),
            None,
        )
    ],
    "apple_allday_single.ics": [  # one day: no end date
        ("ITAG caucus — day", date(2027, 6, 1), None, "UTC", utc(2027, 6, 1), None)
    ],
    "thunderbird_cancelled_instance.ics": [  # the February instance is cancelled: not stored
        ("Monthly WTO caucus", date(2027, 1, 6), time(15), "Europe/Zurich", utc(2027, 1, 6, 14), None),
        ("Monthly WTO caucus", date(2027, 3, 3), time(15), "Europe/Zurich", utc(2027, 3, 3, 14), None),
    ],
    "lightning_globally_unique_tzid.ics": [  # /mozilla.org/.../Pacific/Auckland; NZST in May
        (
            "Ministerial meeting in Auckland",
            date(2027, 5, 14),
            time(9),
            "Pacific/Auckland",
            utc(2027, 5, 13, 21),
            None,
        )
    ],
    "duration_timed.ics": [  # DURATION PT3H past midnight: ends the next day
        (
            "Night negotiating",
            date(2027, 6, 8),
            time(22, 30),
            "Europe/Zurich",
            utc(2027, 6, 8, 20, 30),
            date(2027, 6, 9),
        )
    ],
    "duration_allday.ics": [  # DURATION P3D on a date: three days; the place gives the zone
        (
            "WTO Public Forum",
            date(2027, 9, 14),
            None,
            "Europe/Zurich",
            utc(2027, 9, 13, 22),
            date(2027, 9, 16),
        )
    ],
    "ends_at_midnight.ics": [  # ends at 00:00: no extra day
        ("Evening reception", date(2027, 3, 10), time(22), "Europe/Zurich", utc(2027, 3, 10, 21), None)
    ],
    "allday_multiday_outlook.ics": [
        (
            "MC15 Ministerial",
            date(2028, 3, 26),
            None,
            "Africa/Douala",
            utc(2028, 3, 25, 23),
            date(2028, 3, 29),
        )
    ],
    "outlook2003_cp1252.ics": [  # Windows-1252 bytes
        ("Reunión ministerial – preparación", date(2027, 4, 15), time(14), "UTC", utc(2027, 4, 15, 14), None)
    ],
    "folded_lines.ics": [
        (
            "Webinar on indigenous peoples' economic empowerment and international trade — sesión en español",
            date(2027, 7, 22),
            time(9, 30),
            "America/Lima",
            utc(2027, 7, 22, 14, 30),
            None,
        )
    ],
    "utc_plain.ics": [
        ("Inclusive trade webinar", date(2027, 9, 11), time(15), "UTC", utc(2027, 9, 11, 15), None)
    ],
    "zoom_bom_crlf.ics": [  # BOM, CRLF; Mexico City has no summer time since 2022
        (
            "Sesión de trabajo ITAG",
            date(2027, 1, 20),
            time(10),
            "America/Mexico_City",
            utc(2027, 1, 20, 16),
            None,
        )
    ],
    "calendar_a_uid1.ics": [
        ("Canada outreach", date(2027, 6, 4), time(9), "America/Toronto", utc(2027, 6, 4, 13), None)
    ],
    "calendar_b_uid1.ics": [
        ("Mexico outreach", date(2027, 6, 4), time(10), "America/Mexico_City", utc(2027, 6, 4, 16), None)
    ],
    "ministerial_invite.ics": [
        (
            "ITAG Ministerial meeting",
            date(2027, 5, 14),
            time(9),
            "Pacific/Auckland",
            utc(2027, 5, 13, 21),
            None,
        )
    ],
}


def _stored(row: Activity) -> tuple[object, ...]:
    return (row.start_date, row.start_time, row.timezone, row.starts_at, row.end_date)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_producer_lands_on_its_instant_and_zone(services: Services, run, name: str) -> None:  # type: ignore[no-untyped-def]
    code, out = run(name)
    assert code == 0, out
    rows = imported(services)
    expected = EXPECTED[name]
    assert len(rows) == len(expected), out
    for row, (title, day, at, zone, instant, last) in zip(rows, expected, strict=True):
        assert row.title.startswith(title)
        assert _stored(row) == (day, at, zone, instant, last), row.title
        assert row.status == "active" and row.precision == "day"
    assert f"added {len(expected)}, updated 0, cancelled 0, unchanged 0" in out


def test_a_series_is_one_activity_per_occurrence_linked_by_its_series(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("google_series_exdate_moved.ics")
    rows = imported(services)
    assert len({row.series_key for row in rows}) == 1 and rows[0].series_key is not None
    assert len({row.source_key for row in rows}) == 3


def test_the_window_bounds_a_series(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    days = (date(2027, 4, 3) - datetime.now(UTC).date()).days  # the CLI's window starts today
    code, _ = run("google_series_exdate_moved.ics", "--window", f"{days}d")
    assert code == 0 and [row.start_date for row in imported(services)] == [
        date(2027, 3, 16),
        date(2027, 3, 31),
    ]


def test_a_cancelled_instance_is_not_stored_and_is_said(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("thunderbird_cancelled_instance.ics")
    assert code == 0 and "1 cancelled event(s) never stored, ignored" in out
    assert date(2027, 2, 3) not in [row.start_date for row in imported(services)]


def test_equal_uids_in_two_calendars_are_two_activities(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("calendar_a_uid1.ics")
    code, out = run("calendar_b_uid1.ics")
    assert code == 0 and "added 1" in out
    assert [row.title for row in imported(services)] == ["Canada outreach webinar", "Mexico outreach webinar"]
    code, out = run("calendar_a_uid1.ics", "--calendar", "Another name")
    assert "added 1" in out and len(imported(services)) == 3


def test_a_malformed_event_is_refused_by_line_and_uid_and_the_rest_lands(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("malformed_event.ics")
    assert code == 1 and imported(services) == []
    assert "malformed_event.ics: line 10 (UID broken@example.org): event: DTSTART “2027-02-10 10:00”" in out
    assert "Traceback" not in out
    code, out = run("malformed_event.ics", "--skip-bad")
    assert code == 0 and "added 2, updated 0, cancelled 0, unchanged 0, refused 1" in out
    first, second = imported(services)
    assert (first.starts_at, first.timezone) == (utc(2027, 2, 1, 9), "Europe/Zurich")
    assert (second.start_date, second.start_time) == (date(2027, 2, 15), None)


def test_a_zone_the_file_does_not_define_is_refused_not_read_as_utc(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("missing_vtimezone.ics")
    assert code == 1 and "names the time zone “Customized Time Zone”, which the file does not define" in out
    assert imported(services) == []


def test_a_moved_invitation_updates_the_stored_activity_with_an_audit_entry(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("exchange_eastern.ics")
    code, out = run("exchange_eastern_moved.ics")
    assert code == 0 and "added 0, updated 1, cancelled 0, unchanged 0, refused 0" in out
    (row,) = imported(services)
    # 17 March 2027 is after the US switch to summer time: 14:00 EDT is 18:00 UTC.
    assert _stored(row) == (date(2027, 3, 17), time(14), "America/New_York", utc(2027, 3, 17, 18), None)
    with services.session_factory() as session:
        audits = session.scalars(select(AuditEntry).where(AuditEntry.activity_id == row.id)).all()
    assert [a.action for a in audits] == ["import", "edit"]
    assert audits[1].changes["start_date"] == ["2027-03-10", "2027-03-17"]
    assert audits[1].changes["start_time"] == ["09:00", "14:00"]
    # The older invitation arriving late changes nothing.
    code, out = run("exchange_eastern.ics")
    assert "added 0, updated 0, cancelled 0, unchanged 1" in out
    assert imported(services)[0].start_date == date(2027, 3, 17)


def test_method_cancel_cancels_the_stored_activity(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("exchange_eastern.ics")
    code, out = run("exchange_eastern_cancel.ics")
    assert code == 0 and "added 0, updated 0, cancelled 1, unchanged 0, refused 0" in out
    (row,) = imported(services)
    assert row.status == "cancelled" and row.cancelled_by == "import"
    assert "unchanged 1" in run("exchange_eastern_cancel.ics")[1]


def test_an_occurrence_dropped_from_a_newer_series_is_cancelled(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("google_series_exdate_moved.ics")
    code, out = run("google_series_changed.ics")
    assert code == 0 and "added 0, updated 0, cancelled 1, unchanged 2" in out
    status = {row.start_date: row.status for row in imported(services)}
    assert status == {date(2027, 3, 16): "active", date(2027, 3, 31): "active", date(2027, 4, 6): "cancelled"}


def test_reimporting_the_same_calendar_changes_nothing(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("google_series_exdate_moved.ics")
    code, out = run("google_series_exdate_moved.ics")
    assert code == 0 and "added 0, updated 0, cancelled 0, unchanged 3, refused 0" in out


def test_dry_run_prints_dates_as_stored_and_stores_nothing(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("exchange_eastern.ics", "--dry-run")
    assert code == 0 and imported(services) == []
    assert "would add: line 20 (UID " in out
    assert (
        "“ITAG webinar on gender and trade” — 2027-03-10 09:00 America/New_York (2027-03-10 14:00 UTC)" in out
    )
    assert "dry run, nothing stored; would be: added 1, updated 0" in out
    run("exchange_eastern.ics")
    code, out = run("exchange_eastern_moved.ics", "--dry-run")
    assert (
        "would update: line 20" in out and "2027-03-17 14:00 America/New_York (2027-03-17 18:00 UTC)" in out
    )
    assert "(was 2027-03-10 09:00 America/New_York (2027-03-10 14:00 UTC)" in out
    assert imported(services)[0].start_date == date(2027, 3, 10)


def test_a_file_that_is_not_a_calendar_is_refused_in_one_line(
    services: Services, run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2027\r\n")
    code, out = run(str(path))
    assert code in (0, 1) and "Traceback" not in out and imported(services) == []


def _import_with_clock(services: Services, name: str) -> None:
    """Import through the handler, so the import's `now` is the test clock's."""
    with services.context(user_id="import") as ctx:
        file = read_ics(
            (FIXTURES / name).read_bytes(),
            IcsOptions(None, name, date(2027, 1, 1), date(2028, 12, 31), "UTC"),
        )
        report = import_file(ctx, file, ImportOptions())
    assert report.stored and not report.count("refuse")


def test_moving_an_imported_activity_moves_its_reminders_without_resending(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    clock[0] = utc(2027, 4, 13, 20)
    _import_with_clock(services, "ministerial_invite.ics")  # 14 May 09:00 NZST = 13 May 21:00 UTC
    pass_at(services, clock, utc(2027, 4, 13, 21, 1))
    sent = [p for p in posts(fake_slack) if "ITAG Ministerial meeting" in p.body["text"]]
    assert len(sent) == 1 and "in 30 days" in sent[0].body["text"]
    clock[0] = utc(2027, 4, 15)  # the organiser moves it to 4 May: its 30-day moment has passed
    _import_with_clock(services, "ministerial_invite_moved.ics")
    pass_at(services, clock, utc(2027, 4, 15, 0, 1))
    assert len(posts(fake_slack)) == 1  # the 30-day reminder is not sent again
    clock[0] = utc(2027, 4, 20)  # and then to 4 June: every lead lies ahead again
    _import_with_clock(services, "ministerial_invite_moved_far.ics")
    pass_at(services, clock, utc(2027, 4, 20, 0, 1))
    assert len(posts(fake_slack)) == 1
    pass_at(services, clock, utc(2027, 5, 4, 21, 1))  # 30 days before 4 June 09:00 NZST
    again = [p for p in posts(fake_slack) if "in 30 days" in p.body["text"]]
    assert len(again) == 2 and "4 June" in again[1].body["text"]


def _hand_made(tmp_path: Path, name: str, start: str) -> str:
    path = tmp_path / name
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Hand made//EN\nBEGIN:VEVENT\nUID:hand-1\n"
        f"DTSTART:{start}\nSUMMARY:Hand-made event\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    return str(path)


def test_an_event_without_sequence_or_dtstamp_is_updated_by_its_content(
    services: Services, run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    run(_hand_made(tmp_path, "a.ics", "20270301T100000Z"))
    code, out = run(_hand_made(tmp_path, "b.ics", "20270301T110000Z"))
    assert code == 0 and "added 0, updated 1" in out
    assert imported(services)[0].starts_at == utc(2027, 3, 1, 11)


def test_floating_times_take_the_given_zone_and_an_unknown_one_is_refused(
    services: Services, run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = _hand_made(tmp_path, "f.ics", "20270301T100000")
    assert run(path, "--timezone", "Mars/Olympus")[0] == 2 and imported(services) == []
    code, out = run(path, "--timezone", "America/Lima")
    assert (
        code == 0
        and "times without a zone read in America/Lima" in out
        and imported(services)[0].starts_at == utc(2027, 3, 1, 15)
    )
