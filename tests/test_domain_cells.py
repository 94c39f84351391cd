"""Date, time and zone cells as spreadsheets hold them: read exactly, or refused with the reason."""

from __future__ import annotations

from datetime import date, time

import pytest

from domain.cells import CellError, DateCell, numeric_evidence, read_date, read_time, read_zone

DATES = [
    ("2027-05-14", None, DateCell(date(2027, 5, 14))),
    ("2027/05/14", None, DateCell(date(2027, 5, 14))),
    ("14/05/2027", None, DateCell(date(2027, 5, 14))),  # proves itself: 14 cannot be a month
    ("5/14/2027", None, DateCell(date(2027, 5, 14))),
    ("6/5/2027", "dmy", DateCell(date(2027, 5, 6))),
    ("6/5/2027", "mdy", DateCell(date(2027, 6, 5))),
    ("05/06/27", "mdy", DateCell(date(2027, 5, 6))),
    ("5.5.2027", None, DateCell(date(2027, 5, 5))),  # the same either way
    ("14 May 2027", None, DateCell(date(2027, 5, 14))),
    ("May 14, 2027", None, DateCell(date(2027, 5, 14))),
    ("Friday, May 14th, 2027", None, DateCell(date(2027, 5, 14))),
    ("14-May-27", None, DateCell(date(2027, 5, 14))),
    ("viernes 14 de mayo de 2027", None, DateCell(date(2027, 5, 14))),
    ("le 14 mai 2027", None, DateCell(date(2027, 5, 14))),
    ("1er septembre 2027", None, DateCell(date(2027, 9, 1))),
    ("46521", None, DateCell(date(2027, 5, 14))),  # an Excel serial day
    ("May 2027", None, DateCell(date(2027, 5, 1), "month")),
    ("septiembre 2027", None, DateCell(date(2027, 9, 1), "month")),
    ("2027-05", None, DateCell(date(2027, 5, 1), "month")),
    ("05/2027", None, DateCell(date(2027, 5, 1), "month")),
    ("2027", None, DateCell(date(2027, 1, 1), "year")),
    ("30/09/2027 09:00", None, DateCell(date(2027, 9, 30), "day", time(9))),
    ("2027-09-30T14:30", None, DateCell(date(2027, 9, 30), "day", time(14, 30))),
    ("9/30/2027 9:00 AM", None, DateCell(date(2027, 9, 30), "day", time(9))),
]


@pytest.mark.parametrize(("text", "order", "expected"), DATES)
def test_date_cells_keep_their_day_and_precision(text: str, order: str | None, expected: DateCell) -> None:
    assert read_date(text, order) == expected


REFUSED_DATES = [
    ("6/5/2027", None, "could be 6 May 2027 or 5 June 2027; give --date-order dmy or mdy"),
    ("13/5/2027", "mdy", "is not a date in mdy order"),
    ("31/02/2027", None, "is not a date"),
    ("soon", None, "is not a date"),
    ("14 May", None, "has no year"),
    ("May 2027 10:00", None, "has a time but no day"),
]


@pytest.mark.parametrize(("text", "order", "message"), REFUSED_DATES)
def test_date_cells_that_cannot_be_read_exactly_are_refused(
    text: str, order: str | None, message: str
) -> None:
    with pytest.raises(CellError, match=message):
        read_date(text, order)


def test_only_a_number_over_12_proves_an_order() -> None:
    assert [numeric_evidence(t) for t in ("30/09/2027", "9/30/2027", "6/5/2027", "2027-05-06")] == [
        "dmy",
        "mdy",
        None,
        None,
    ]


TIMES = [
    ("9", time(9), None),
    ("09:00", time(9), None),
    ("9:30 pm", time(21, 30), None),
    ("12 am", time(0), None),
    ("3:30 p.m.", time(15, 30), None),
    ("14h", time(14), None),
    ("15 h 30", time(15, 30), None),
    ("9:00 AM EST", time(9), "EST"),
    ("14:00 CET", time(14), "CET"),
    ("10:00 Europe/Zurich", time(10), "Europe/Zurich"),
]


@pytest.mark.parametrize(("text", "at", "zone"), TIMES)
def test_time_cells_are_read_never_as_midnight(text: str, at: time, zone: str | None) -> None:
    assert read_time(text) == (at, zone)


@pytest.mark.parametrize("text", ["25", "9:61", "13 pm", "noon", "0.375"])
def test_time_cells_that_are_not_times_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        read_time(text)


ZONES = [
    ("EST", date(2027, 1, 12), None, "America/New_York"),
    ("EDT", date(2027, 7, 12), None, "America/New_York"),
    ("CET", date(2027, 2, 14), "Europe/Zurich", "Europe/Zurich"),
    ("CEST", date(2027, 7, 14), None, "Europe/Zurich"),
    ("NZDT", date(2027, 1, 14), None, "Pacific/Auckland"),
    ("UTC", None, None, "UTC"),
    ("GMT+2", None, None, "Etc/GMT-2"),
    ("UTC-05:00", None, None, "Etc/GMT+5"),
    ("America/Bogota", None, None, "America/Bogota"),
]


@pytest.mark.parametrize(("token", "day", "place_zone", "expected"), ZONES)
def test_zone_words_resolve_to_one_zone(
    token: str, day: date | None, place_zone: str | None, expected: str
) -> None:
    assert read_zone(token, day, time(9), place_zone) == expected


@pytest.mark.parametrize(
    ("token", "day", "message"),
    [
        ("EST", date(2027, 7, 14), "America/New_York is on UTC−04:00 on 14 July 2027"),
        ("CET", date(2027, 7, 14), r"Europe/Zurich is on UTC\+02:00"),
        ("CST", date(2027, 1, 14), "names more than one time zone"),
        ("IST", date(2027, 1, 14), "names more than one time zone"),
        ("UTC+5:30", None, "not a whole-hour offset"),
        ("Mars/Olympus", None, "is not a time zone name"),
    ],
)
def test_zone_words_that_do_not_hold_that_day_are_refused(token: str, day: date | None, message: str) -> None:
    with pytest.raises(CellError, match=message):
        read_zone(token, day, time(9), None)
