"""`itag-bot import FILE`: CSV and iCalendar files, judged by the form's rules, on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.cli import main
from bot.services import Services
from storage.models import Activity, AuditEntry

HEADER = "title,kind,start,end,time,timezone,place,hosts,plan item,description,link\n"
GOOD_CSV = HEADER + (
    "Webinar on MSMEs,webinar,2027-03-03,,15:00,,Geneva,Chile; Mexico,2.i,An hour,https://example.org/w\n"
    "Ministerial meeting,Ministerial meeting,2027-05-14,2027-05-16,,,Auckland,NZ,,,\n"
    'Caucus,wto caucus,2027-02-02,,,,,,,"two\nlines",\n'
)


@pytest.fixture
def run(services: Services, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the CLI against the test database; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ITAG_TIMEZONE", "UTC")

    def invoke(*args: str) -> tuple[int, str, str]:
        code = main(["import", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def imported(services: Services) -> list[Activity]:
    with services.session_factory() as session:
        query = select(Activity).where(Activity.created_by == "import").order_by(Activity.start_date)
        return list(session.scalars(query))


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_csv_rows_become_activities(services: Services, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(write(tmp_path, "plan.csv", GOOD_CSV))
    assert code == 0 and "plan.csv: added 3, updated 0, cancelled 0, unchanged 0, refused 0" in out
    caucus, webinar, ministerial = imported(services)
    assert (webinar.kind, webinar.start_time, webinar.timezone) == ("webinar", time(15, 0), "Europe/Zurich")
    assert webinar.starts_at == datetime(2027, 3, 3, 14, 0, tzinfo=UTC)
    assert [h.member_code for h in webinar.hosts] == ["CL", "MX"]
    assert (webinar.plan_ref, webinar.link) == ("2022-2024/2.i", "https://example.org/w")
    assert (ministerial.kind, ministerial.end_date, ministerial.timezone) == (
        "ministerial",
        date(2027, 5, 16),
        "Pacific/Auckland",
    )
    assert (caucus.kind, caucus.description) == ("wto_caucus", "two\nlines")
    with services.session_factory() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.activity_id == caucus.id)).all()
    assert actions == ["import"]


def test_importing_the_same_file_twice_adds_nothing(services: Services, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "plan.csv", GOOD_CSV)
    run(path)
    code, out, _ = run(path)
    assert code == 0 and "added 0, updated 0, cancelled 0, unchanged 3, refused 0" in out
    assert len(imported(services)) == 3


BAD_CSV = HEADER + (
    'Fine one,webinar,2027-03-03,,,,,,,"multi\nline",\n'  # lines 2-3
    "Backwards,webinar,2027-03-03,2027-03-01,,,,,,,\n"  # line 4
    "Bad link,webinar,2027-03-03,,,,,,,,ftp://example.org\n"  # line 5
    "Odd kind,party,2027-03-03,,,,,,,,\n"  # line 6
    ",webinar,2027-03-03,,,,,,,,\n"  # line 7
    "Too early,webinar,2016-01-01,,,,,,,,\n"  # line 8
    "No date,webinar,,,10:00,,,,,,\n"  # line 9
    "Unknown host,webinar,2027-03-03,,,,,Atlantis,,,\n"  # line 10
    "Unreadable,webinar,soon,,,,,,,,\n"  # line 11
)


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(
    services: Services, run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(write(tmp_path, "bad.csv", BAD_CSV))
    assert code == 1
    assert "bad.csv: line 4: end: The end is before the start." in out
    assert "line 5: link: The link must be a web address" in out
    assert "line 6: kind: unknown kind “party”" in out
    assert "line 7: title: Give the activity a title." in out
    assert "line 8: start:" in out and "2018" in out
    assert "line 9: time: A time needs a start date" in out
    assert "line 10: hosts: Unknown member: Atlantis." in out
    assert "line 11: start: “soon” is not a date" in out
    assert "line 2:" not in out and "line 3:" not in out
    assert "8 bad row(s): nothing imported" in out and "--skip-bad to import the 1 good one(s)" in out
    assert imported(services) == []


def test_skip_bad_imports_the_good_rows(services: Services, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(write(tmp_path, "bad.csv", BAD_CSV), "--skip-bad")
    assert code == 0 and "added 1, updated 0, cancelled 0, unchanged 0, refused 8" in out
    assert [a.title for a in imported(services)] == ["Fine one"]


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//ITAG//test//EN
BEGIN:VEVENT
UID:forum-2027@itag.example
SUMMARY:WTO Public Forum session on inclusive trade
DTSTART;VALUE=DATE:20270914
DTEND;VALUE=DATE:20270917
LOCATION:Geneva
URL:https://example.org/forum
END:VEVENT
BEGIN:VEVENT
UID:caucus-2027@itag.example
SUMMARY:Caucus
CATEGORIES:WTO caucus
DTSTART;TZID=Europe/Zurich:20270202T150000
DTEND;TZID=Europe/Zurich:20270202T163000
END:VEVENT
BEGIN:VEVENT
UID:old@itag.example
SUMMARY:Before ITAG
DTSTART;VALUE=DATE:20150101
END:VEVENT
END:VCALENDAR
"""


def test_ics_events_become_activities(services: Services, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "itag.ics", ICS)
    code, out, _ = run(path)
    assert code == 1 and "itag.ics: line 19 (UID old@itag.example): start:" in out
    assert imported(services) == []
    code, out, _ = run(path, "--skip-bad")
    assert code == 0 and "added 2, updated 0, cancelled 0, unchanged 0, refused 1" in out
    caucus, forum = imported(services)
    assert (forum.kind, forum.start_date, forum.end_date, forum.start_time) == (
        "wto_public_forum",
        date(2027, 9, 14),
        date(2027, 9, 16),
        None,
    )
    assert forum.timezone == "Europe/Zurich" and forum.source_key.endswith(":forum-2027@itag.example")
    assert (caucus.kind, caucus.start_time, caucus.timezone) == ("wto_caucus", time(15, 0), "Europe/Zurich")
    assert caucus.starts_at == datetime(2027, 2, 2, 14, 0, tzinfo=UTC)
    assert "added 0, updated 0, cancelled 0, unchanged 2, refused 1" in run(path, "--skip-bad")[1]


def test_a_large_file_shows_progress_and_is_imported_whole(services: Services, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = "".join(
        f"Session {n},webinar,2027-{n % 12 + 1:02d}-{n % 28 + 1:02d},,,,Lima,PE,,,\n" for n in range(10_000)
    )
    code, out, err = run(write(tmp_path, "big.csv", HEADER + rows))
    assert code == 0 and "added 10000, updated 0" in out
    assert "checked 10000/10000 rows" in err and "stored 10000/10000 rows" in err
    with services.session_factory() as session:
        assert (
            session.scalar(select(func.count()).select_from(Activity).where(Activity.created_by == "import"))
            == 10_000
        )


def test_a_file_without_a_title_column_is_refused(services: Services, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(write(tmp_path, "x.csv", "who,when\nA,2027-01-01\n"))
    assert code == 1 and "line 1: no title column (the header names who, when)" in err
    assert run(str(tmp_path / "missing.csv"))[0] == 2
