"""`itag-bot import` on spreadsheets as exporters write them: stored day, time, zone and precision.

One fixture per exporter in tests/fixtures/csv (Excel UK, Excel in a semicolon locale,
Excel Windows-1252, Google Sheets US, LibreOffice en-US, Numbers, old Mac CR) and the
re-import cases: an edited sheet without ids, and a sheet with an id column.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.services import Services
from storage.models import Activity, AuditEntry

FIXTURES = Path(__file__).parent / "fixtures" / "csv"


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


def stored(row: Activity) -> tuple[object, ...]:
    return (
        row.title,
        row.start_date,
        row.start_time,
        row.timezone,
        row.starts_at,
        row.end_date,
        row.precision,
    )


EXPECTED = {
    "excel_uk.csv": [  # day-first, proven by 14/05/2027; "9" is 09:00
        ("Webinar on MSMEs", date(2027, 3, 3), time(9), "UTC", utc(2027, 3, 3, 9), None, "day"),
        ("WTO caucus", date(2027, 5, 6), time(15), "Europe/Zurich", utc(2027, 5, 6, 13), None, "day"),
        (
            "Ministerial meeting",
            date(2027, 5, 14),
            None,
            "Pacific/Auckland",
            utc(2027, 5, 13, 12),
            date(2027, 5, 16),
            "day",
        ),
    ],
    "excel_semicolon_es.csv": [  # semicolons, Spanish headers, "septiembre 2027" keeps its month
        # Ginebra is Geneva: the place table names it in Spanish and French too
        (
            "Foro Público de la OMC",
            date(2027, 9, 1),
            None,
            "Europe/Zurich",
            utc(2027, 8, 31, 22),
            None,
            "month",
        ),
        (
            "Reunión del caucus OMC",
            date(2027, 9, 30),
            time(14),
            "Europe/Zurich",
            utc(2027, 9, 30, 12),
            None,
            "day",
        ),
        (
            "Seminario web sobre pueblos indígenas",
            date(2027, 10, 7),
            time(9),
            "America/Bogota",
            utc(2027, 10, 7, 14),
            None,
            "day",
        ),
    ],
    "excel_windows1252.csv": [
        # Paris is in the place table: 10:00 there is 08:00 UTC in June
        (
            "Réunion ministérielle",
            date(2027, 6, 14),
            time(10),
            "Europe/Paris",
            utc(2027, 6, 14, 8),
            None,
            "day",
        ),
        (
            "Reunión técnica",
            date(2027, 6, 15),
            time(8, 30),
            "America/Bogota",
            utc(2027, 6, 15, 13, 30),
            None,
            "day",
        ),
    ],
    "google_sheets_us.csv": [  # month-first, proven by 9/30/2027: 6/5/2027 is 5 June; EST in January
        (
            "Outreach webinar",
            date(2027, 1, 12),
            time(9),
            "America/New_York",
            utc(2027, 1, 12, 14),
            None,
            "day",
        ),
        (
            "Webinar on digital trade",
            date(2027, 6, 5),
            time(9),
            "America/Toronto",
            utc(2027, 6, 5, 13),
            None,
            "day",
        ),
        ("Caucus call", date(2027, 9, 30), time(14), "America/Toronto", utc(2027, 9, 30, 18), None, "day"),
    ],
    "numbers_mac.csv": [  # month names; "May 2028" and "2028" keep their precision
        ("APEC side event", date(2027, 5, 14), time(15), "America/Lima", utc(2027, 5, 14, 20), None, "day"),
        ("WTO Public Forum", date(2027, 9, 14), None, "Europe/Zurich", utc(2027, 9, 13, 22), None, "day"),
        ("Work plan review", date(2028, 1, 1), None, "UTC", utc(2028, 1, 1), None, "year"),
        ("Ministerial meeting", date(2028, 5, 1), None, "UTC", utc(2028, 5, 1), None, "month"),
    ],
    "old_mac_cr.csv": [  # CR-only lines
        ("Caucus briefing", date(2027, 2, 2), time(10), "Europe/Zurich", utc(2027, 2, 2, 9), None, "day"),
        (
            "Webinar follow-up",
            date(2027, 2, 9),
            time(16, 30),
            "Pacific/Auckland",
            utc(2027, 2, 9, 3, 30),
            None,
            "day",
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_exporter_lands_on_its_day_time_zone_and_precision(services: Services, run, name: str) -> None:  # type: ignore[no-untyped-def]
    code, out = run(name)
    assert code == 0, out
    assert [stored(row) for row in imported(services)] == EXPECTED[name]
    assert f"added {len(EXPECTED[name])}, updated 0, cancelled 0, unchanged 0, refused 0" in out


def test_the_summary_names_what_it_noticed(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    out = run("excel_semicolon_es.csv")[1]
    assert "note: columns separated by semicolons" in out and "note: ignored columns: Notas" in out
    assert "note: numeric dates read as day/month/year (proven by line 2)" in out
    assert "note: read as Windows-1252 (not UTF-8)" in run("excel_windows1252.csv")[1]
    assert "numeric dates read as month/day/year (proven by line 3)" in run("google_sheets_us.csv")[1]


def test_numbers_hosts_are_members(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("numbers_mac.csv")
    hosts = {row.title: [h.member_code for h in row.hosts] for row in imported(services)}
    assert hosts["WTO Public Forum"] == ["CL", "NZ"] and hosts["APEC side event"] == ["PE"]


def test_ambiguous_numeric_dates_are_refused_until_the_order_is_given(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("libreoffice_en_us.csv")
    assert code == 1 and imported(services) == []
    assert "line 2: start: “05/06/27” could be 5 June 2027 or 6 May 2027; give --date-order dmy or mdy" in out
    code, out = run("libreoffice_en_us.csv", "--date-order", "mdy")
    assert code == 0 and "numeric dates read as month/day/year (--date-order mdy)" in out
    assert [stored(row) for row in imported(services)] == [
        (
            "Trade and gender webinar",
            date(2027, 5, 6),
            time(10),
            "America/Santiago",
            utc(2027, 5, 6, 14),
            None,
            "day",
        ),
        ("Caucus", date(2027, 7, 8), None, "Europe/Zurich", utc(2027, 7, 7, 22), None, "day"),
    ]


def test_unreadable_dates_times_and_zones_are_refused_by_line(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("ambiguous_and_bad.csv")
    assert code == 1 and imported(services) == []
    assert "line 2: start: “6/5/2027” could be 6 May 2027 or 5 June 2027" in out
    assert "line 3: timezone: “EST” is UTC−05:00 but America/New_York is on UTC−04:00 on 14 July 2027" in out
    assert "line 4: timezone: “CST” names more than one time zone" in out
    assert "line 5: time: a time needs a day-precise date" in out
    code, out = run("ambiguous_and_bad.csv", "--skip-bad")
    assert code == 0 and "added 1, updated 0, cancelled 0, unchanged 0, refused 4" in out
    assert [stored(row) for row in imported(services)] == [
        ("Fine", date(2027, 2, 14), time(9), "Europe/Zurich", utc(2027, 2, 14, 8), None, "day")
    ]


def test_an_edited_sheet_asks_before_it_updates(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("plan_v1.csv")
    code, out = run("plan_v2.csv")
    assert code == 1 and "3 row(s) look like edits of stored activities" in out
    assert "looks like an edit: line 3: “Webinar on MSMEs” — 2027-03-16 all day, UTC (was 2027-03-09" in out
    assert "looks like an edit: line 4: “Webinar on gendre”" in out  # a title typo, same day
    assert [row.start_date for row in imported(services)] == [
        date(2027, 3, 2),
        date(2027, 3, 9),
        date(2027, 4, 13),
    ]
    code, out = run("plan_v2.csv", "--update")
    assert code == 0 and "added 0, updated 3, cancelled 0, unchanged 0, refused 0" in out
    rows = imported(services)
    assert [(row.title, row.start_date, row.place) for row in rows] == [
        ("Caucus on e-commerce", date(2027, 3, 2), "Geneva"),
        ("Webinar on MSMEs", date(2027, 3, 16), None),
        ("Webinar on gendre", date(2027, 4, 13), None),
    ]
    with services.session_factory() as session:
        edits = session.scalars(select(AuditEntry).where(AuditEntry.action == "edit")).all()
    assert {tuple(e.changes.get("start_date", [])) for e in edits} >= {("2027-03-09", "2027-03-16")}
    assert "unchanged 3" in run("plan_v2.csv")[1]


def test_an_edited_sheet_can_be_added_as_new_rows(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("plan_v1.csv")
    code, out = run("plan_v2.csv", "--add")
    assert code == 0 and "added 3" in out and len(imported(services)) == 6


def test_an_id_column_identifies_rows_across_imports(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("plan_ids_v1.csv", "--calendar", "ITAG plan")
    code, out = run("plan_ids_v2.csv", "--calendar", "ITAG plan")
    assert code == 0 and "added 0, updated 1, cancelled 0, unchanged 1, refused 0" in out
    ministerial = next(row for row in imported(services) if row.title == "Ministerial meeting")
    assert (ministerial.start_date, ministerial.starts_at) == (date(2027, 5, 21), utc(2027, 5, 20, 21))


def test_ids_from_a_sheet_of_another_name_are_not_taken_for_its_own(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    run("plan_ids_v1.csv")
    code, out = run("plan_ids_v2.csv")  # another file name: its ids are another sheet's
    assert code == 1 and "2 row(s) look like edits of stored activities" in out
    assert "looks like an edit: line 2: “Ministerial meeting” — 2027-05-21 09:00 Pacific/Auckland" in out


def test_dry_run_shows_month_precision_and_stores_nothing(services: Services, run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("excel_semicolon_es.csv", "--dry-run")
    assert code == 0 and imported(services) == []
    assert "would add: line 4: “Foro Público de la OMC” — 2027-09 (month only, no day)" in out
    assert (
        "would add: line 2: “Reunión del caucus OMC” — 2027-09-30 14:00 Europe/Zurich (2027-09-30 12:00 UTC)"
        in out
    )


def test_a_file_in_neither_encoding_asks_for_csv_utf8(services: Services, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.csv"
    path.write_bytes(b"title,start\nA\x81B,2027-01-01\n")
    code = main(["import", str(path)])
    assert code == 1 and imported(services) == []
